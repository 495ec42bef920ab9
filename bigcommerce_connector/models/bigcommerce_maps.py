from odoo import fields, models


class BigCommercePaymentMap(models.Model):
    _name = "bigcommerce.payment.map"
    _description = "BigCommerce Payment Method Mapping"
    _order = "store_id, name"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    name = fields.Char(
        "BigCommerce Payment Method",
        required=True,
        help="As the order shows it (payment_method), e.g. 'Credit Card'.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Payments of paid orders are registered in this journal. Empty: the "
        "invoice is left open for a person to reconcile.",
    )

    _name_unique = models.Constraint(
        "UNIQUE(store_id, name)", "A payment method is mapped once per store."
    )


class BigCommerceShippingMap(models.Model):
    _name = "bigcommerce.shipping.map"
    _description = "BigCommerce Shipping Method Mapping"
    _order = "store_id, name"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    name = fields.Char(
        "BigCommerce Shipping Method",
        required=True,
        help="As orders show it (shipping_method), e.g. 'Flat Rate'. Never typed: "
        "rows come from Load Shipping Methods (the store's shipping zones) and "
        "from downloaded orders. Compared trimmed, in any case.",
    )
    zones = fields.Char(
        "Shipping Zones",
        help="The store's shipping zones offering this method, as Load Shipping "
        "Methods read them. Empty: only seen in orders.",
    )
    carrier_id = fields.Many2one(
        "delivery.carrier",
        "Odoo Carrier",
        help="The delivery method of orders shipped this way; the order's "
        "shipping cost is charged with its product. Empty: a generic shipping "
        "line.",
    )

    # Case-insensitive, as the order download looks names up.
    _name_unique_ci = models.UniqueIndex(
        "(store_id, lower(name))", "A shipping method is mapped once per store."
    )


class BigCommerceDefaultCustomer(models.Model):
    _name = "bigcommerce.default.customer"
    _description = "BigCommerce Default Customer per Warehouse"
    _order = "store_id, warehouse_id"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True)
    partner_id = fields.Many2one("res.partner", "Default Customer", required=True)

    _warehouse_unique = models.Constraint(
        "UNIQUE(store_id, warehouse_id)", "One default customer per warehouse."
    )
