"""Gift wrapping lines, and what the delivery slip tells the packer."""

from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

WRAPPED_MUG = {
    "sku": "MUG-1",
    "name": "Mug",
    "quantity": 2,
    "wrapping_cost_ex_tax": "5.00",
    "wrapping_name": "Red paper",
    "wrapping_message": "Happy birthday",
    "product_options": [{"display_name": "Colour", "display_value": "Teal"}],
}


@tagged("standard", "bigcommerce")
class TestGiftWrapping(OrderDownloadCase):
    def test_wrapping_line_is_named_with_its_wrapping_and_message(self):
        bc_order = self.sim.add_order(tax_rate=0.08, products=[WRAPPED_MUG])

        self.download()

        sale = self.sales()
        wrapping = sale.order_line.filtered(lambda line: "wrapping" in line.name)
        self.assertEqual(
            wrapping.name, "Gift wrapping: Red paper\nMessage: Happy birthday"
        )
        self.assertEqual(wrapping.price_unit, 5)
        self.assertAlmostEqual(wrapping.price_tax, 0.4)
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))


@tagged("standard", "bigcommerce")
class TestDeliverySlip(OrderDownloadCase):
    def slip(self, sale):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "stock.report_deliveryslip", sale.picking_ids.ids
        )
        return html.decode()

    def test_delivery_slip_shows_the_options_wrapping_and_customer_message(self):
        self.sim.add_order(
            products=[WRAPPED_MUG], customer_message="Ring twice, please"
        )
        self.download()

        slip = self.slip(self.sales())

        for text in (
            "Colour: Teal",
            "Gift wrapping: Red paper",
            "Message: Happy birthday",
            "Customer Message",
            "Ring twice, please",
        ):
            self.assertIn(text, slip)

    def test_a_slip_without_customer_message_has_no_message_block(self):
        self.mug_order()
        self.download()

        self.assertNotIn("Customer Message", self.slip(self.sales()))
