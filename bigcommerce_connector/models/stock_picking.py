from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    bigcommerce_order_address_id = fields.Integer(
        "BigCommerce Address",
        readonly=True,
        copy=False,
        help="The BigCommerce order address (shipping consignment) this "
        "delivery ships; 0 for picked-up and digital lines.",
    )
    bigcommerce_customer_message = fields.Text(
        related="sale_id.bigcommerce_customer_message",
        help="The shopper's comment on the BigCommerce order, for whoever "
        "packs the delivery; the delivery slip prints it too.",
    )
