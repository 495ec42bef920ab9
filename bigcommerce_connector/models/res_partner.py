from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    bigcommerce_link_ids = fields.One2many(
        "bigcommerce.partner.link", "partner_id", "BigCommerce Customers"
    )
