"""Records that link to each other: BigCommerce's control panel, products, log lines."""

from odoo.tests import tagged

from tests.common import SIM_HASH, BigCommerceCase

PANEL = f"https://store-{SIM_HASH}.mybigcommerce.com/manage"


@tagged("standard", "bigcommerce")
class TestLinksToRecords(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, order_sync=True)

    def test_a_downloaded_order_links_to_the_control_panel(self):
        bc_order = self.sim.add_order()

        self.store.action_download_orders()

        sale = self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", self.store.id)]
        )
        self.assertEqual(sale.bigcommerce_url, f"{PANEL}/orders/{bc_order['id']}")

    def test_a_product_link_opens_the_product_and_the_control_panel(self):
        bc_product = self.sim.add_product("Mug", sku="MUG-1")
        self.store.action_download_products()
        link = self.store.product_link_ids

        self.assertEqual(
            link.bigcommerce_url, f"{PANEL}/products/{bc_product['id']}/edit"
        )
        action = link.action_open_product()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("product.template", link.product_tmpl_id.id),
        )

    def test_a_log_line_about_an_order_opens_its_sale_order(self):
        self.sim.add_order(total_inc_tax="99.00")  # lands on a warning

        self.store.action_download_orders()

        sale = self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", self.store.id)]
        )
        log = self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id)], limit=1
        )
        line = log.line_ids.filtered(
            lambda line: line.reference == f"order {sale.bigcommerce_order_id}"
        )
        self.assertTrue(line)
        action = line[:1].action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sale.order", sale.id)
        )

    def test_a_log_line_about_nothing_in_odoo_opens_nothing(self):
        log = self.env["bigcommerce.sync.log"].create(
            {"store_id": self.store.id, "operation": "order_download"}
        )
        line = self.env["bigcommerce.sync.log.line"].create(
            {"log_id": log.id, "reference": "order 424242", "message": "Failed"}
        )
        self.assertFalse(line.record_model)
