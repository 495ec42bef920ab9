from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    bigcommerce_map_ids = fields.One2many(
        "bigcommerce.warehouse.map",
        "warehouse_id",
        "BigCommerce Locations",
        groups="bigcommerce_connector.group_bigcommerce_user",
        help="The BigCommerce stores that publish this warehouse's stock, and "
        "at which of their inventory locations.",
    )
