from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    bigcommerce_link_ids = fields.One2many(
        "bigcommerce.product.link", "product_tmpl_id", "BigCommerce Listings"
    )
    bigcommerce_link_count = fields.Integer(compute="_compute_bigcommerce_link_count")

    @api.depends("bigcommerce_link_ids")
    def _compute_bigcommerce_link_count(self):
        for template in self:
            template.bigcommerce_link_count = len(template.bigcommerce_link_ids)
