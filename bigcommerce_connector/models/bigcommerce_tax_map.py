from odoo import fields, models


class BigCommerceTaxMap(models.Model):
    _name = "bigcommerce.tax.map"
    _description = "BigCommerce Tax Class Mapping"
    _order = "store_id, bc_tax_class_id"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    bc_tax_class_id = fields.Integer(
        "BigCommerce Tax Class ID",
        required=True,
        help="The tax class's id in BigCommerce (Settings > Tax > Tax classes): "
        "Load Tax Classes fills it; type it when the store cannot be read.",
    )
    name = fields.Char("BigCommerce Tax Class", required=True)
    tax_ids = fields.Many2many(
        "account.tax",
        string="Odoo Taxes",
        domain="[('type_tax_use', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Customer taxes given to products of this BigCommerce tax class "
        "when they are downloaded. Empty: products keep Odoo's default taxes.",
    )

    _tax_class_unique = models.Constraint(
        "UNIQUE(store_id, bc_tax_class_id)",
        "A BigCommerce tax class is mapped once per store.",
    )
