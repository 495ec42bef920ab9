from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    bigcommerce_link_ids = fields.One2many(
        "bigcommerce.product.link", "product_tmpl_id", "BigCommerce Listings"
    )
    bigcommerce_link_count = fields.Integer(compute="_compute_bigcommerce_link_count")
    bigcommerce_can_list = fields.Boolean(
        compute="_compute_bigcommerce_can_list",
        help="A store of the company lets Odoo list products (Odoo is the master).",
    )
    bigcommerce_description = fields.Html(
        "BigCommerce Description",
        help="The storefront description (HTML): downloaded from BigCommerce "
        "and sent when listing or updating. Empty: the Sales Description is sent.",
    )

    @api.depends_context("company")
    def _compute_bigcommerce_can_list(self):
        # sudo: any user may open a product form; only the answer is exposed.
        stores = self.env["bigcommerce.store"].sudo()
        can_list = bool(
            stores.search_count(
                [
                    ("product_sync", "=", True),
                    ("product_master", "=", "odoo"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
        )
        self.bigcommerce_can_list = can_list

    @api.depends("bigcommerce_link_ids")
    def _compute_bigcommerce_link_count(self):
        for template in self:
            template.bigcommerce_link_count = len(template.bigcommerce_link_ids)
