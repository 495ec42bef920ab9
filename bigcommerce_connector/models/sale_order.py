from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    bigcommerce_store_id = fields.Many2one(
        "bigcommerce.store",
        "BigCommerce Store",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
    bigcommerce_order_id = fields.Integer(
        "BigCommerce Order", readonly=True, copy=False, index="btree_not_null"
    )
    bigcommerce_order_log_id = fields.Many2one(
        "bigcommerce.order.log",
        "BigCommerce Order Log",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    bigcommerce_consolidated_log_ids = fields.One2many(
        "bigcommerce.order.log",
        "consolidated_sale_id",
        "Consolidated BigCommerce Orders",
        readonly=True,
        help="The BigCommerce orders of the day this sale order consolidates.",
    )
    bigcommerce_address_id = fields.Integer(
        "BigCommerce Shipping Address",
        readonly=True,
        copy=False,
        help="The BigCommerce order address of the first shipping consignment; "
        "each line keeps the address it ships to.",
    )
    bigcommerce_status = fields.Char("BigCommerce Status", readonly=True, copy=False)
    bigcommerce_payment_method = fields.Char(
        "BigCommerce Payment Method", readonly=True, copy=False
    )
    bigcommerce_customer_message = fields.Text(
        "Customer Message",
        readonly=True,
        copy=False,
        help="The shopper's comment on the BigCommerce order.",
    )
    bigcommerce_staff_notes = fields.Text(
        "Staff Notes",
        readonly=True,
        copy=False,
        help="Internal notes of the BigCommerce order.",
    )
    bigcommerce_total = fields.Monetary(
        "BigCommerce Total",
        readonly=True,
        copy=False,
        help="The order total BigCommerce charged, tax included.",
    )
    bigcommerce_url = fields.Char(
        "In BigCommerce",
        compute="_compute_bigcommerce_url",
        help="The order in the BigCommerce control panel.",
    )

    @api.depends("bigcommerce_store_id.store_hash", "bigcommerce_order_id")
    def _compute_bigcommerce_url(self):
        for order in self:
            store = order.bigcommerce_store_id.sudo()
            order.bigcommerce_url = (
                store._control_panel_url(f"orders/{order.bigcommerce_order_id}")
                if store and order.bigcommerce_order_id
                else False
            )

    def _prepare_confirmation_values(self):
        """BigCommerce orders keep BigCommerce's creation date as Order Date
        (a daily consolidated order: the end of its day).

        Odoo dates an order when it is confirmed; a downloaded order was
        placed when BigCommerce says, whenever it is confirmed here. A batch
        mixing other orders keeps Odoo's rule (one write dates them all).
        """
        values = super()._prepare_confirmation_values()
        if self and all(self.mapped("bigcommerce_store_id")):
            values.pop("date_order", None)
        return values

    def _prepare_invoice(self):
        """Invoices of a BigCommerce order know its store (per-line rounding)."""
        values = super()._prepare_invoice()
        if self.bigcommerce_store_id:
            values["bigcommerce_store_id"] = self.bigcommerce_store_id.id
        return values
