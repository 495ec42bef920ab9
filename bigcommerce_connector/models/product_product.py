from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    bigcommerce_link_ids = fields.One2many(
        "bigcommerce.product.link", "product_id", "BigCommerce Listings"
    )
    bigcommerce_length = fields.Float(
        "Length",
        digits=(16, 2),
        help="Depth of the product as BigCommerce knows it, in Odoo's length "
        "unit (millimetres, or feet when volumes are in cubic feet).",
    )
    bigcommerce_width = fields.Float("Width", digits=(16, 2))
    bigcommerce_height = fields.Float("Height", digits=(16, 2))
