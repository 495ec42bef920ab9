from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    bigcommerce_order_product_id = fields.Integer(
        "BigCommerce Order Product", readonly=True, copy=False
    )
    bigcommerce_order_address_id = fields.Integer(
        "BigCommerce Address",
        readonly=True,
        copy=False,
        help="The BigCommerce order address (shipping consignment) the line "
        "ships to; 0 for picked-up, digital and gift certificate lines.",
    )
    bigcommerce_partner_shipping_id = fields.Many2one(
        "res.partner",
        "Ships To",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The delivery address of the line's BigCommerce consignment: its "
        "goods leave in a delivery of their own to this address.",
    )
    bigcommerce_options = fields.Text(
        "Options",
        readonly=True,
        copy=False,
        help="The options, modifiers and gift wrapping the shopper chose, "
        "printed on the delivery slip.",
    )

    def _prepare_procurement_values(self):
        """Send the goods of a BigCommerce line to its consignment's address."""
        values = super()._prepare_procurement_values()
        if self.bigcommerce_partner_shipping_id:
            values["partner_id"] = self.bigcommerce_partner_shipping_id.id
        return values
