from odoo import fields, models


class BigCommerceStatus(models.Model):
    _name = "bigcommerce.status"
    _description = "BigCommerce Order Status"
    _order = "code"

    code = fields.Integer(
        "Status ID", required=True, help="BigCommerce's status_id (0 to 14)."
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "Each BigCommerce status exists once."
    )
