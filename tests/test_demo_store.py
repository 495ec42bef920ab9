"""scripts/demo's store: what a newcomer sees arrive (seeded data, one download)."""

from odoo.tests import TransactionCase, tagged

from scripts import demo_store
from tests.simulator import BigCommerceSimulator


@tagged("standard", "bigcommerce")
class TestDemoStore(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = BigCommerceSimulator(
            store_hash=demo_store.STORE_HASH, access_token=demo_store.TOKEN
        ).start()
        cls.addClassCleanup(cls.sim.stop)

    def setUp(self):
        super().setUp()
        self.sim.reset()
        self.products, self.customers = demo_store.seed(self.sim)

    def test_the_first_run_brings_products_with_variants_and_orders(self):
        store = demo_store.configure_store(self.env, self.sim)
        run = demo_store.download(self.env, store)

        self.assertEqual(store.state, "connected")
        self.assertEqual(run.log.state, "done", run.summary())
        tee = store.product_link_ids.product_tmpl_id.filtered(
            lambda t: t.name == "Organic Cotton Tee"
        )
        self.assertEqual(len(tee.product_variant_ids), 6)
        orders = self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", store.id)]
        )
        self.assertEqual(len(orders), 3)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(
            [round(o.amount_total, 2) for o in orders.sorted("bigcommerce_order_id")],
            [float(o["total_inc_tax"]) for o in self.sim.orders],
        )

    def first_orders(self):
        store = demo_store.configure_store(self.env, self.sim)
        demo_store.download(self.env, store)
        return self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", store.id)], order="bigcommerce_order_id"
        )

    def test_the_first_order_shows_a_coupon_a_gift_and_a_message(self):
        showcase = self.first_orders()[0]

        self.assertIn("Coupon SPRING10", " ".join(showcase.order_line.mapped("name")))
        self.assertIn("Kraft paper", " ".join(showcase.order_line.mapped("name")))
        self.assertEqual(len(showcase.picking_ids), 2)
        self.assertTrue(showcase.bigcommerce_customer_message)
        self.assertTrue(showcase.bigcommerce_staff_notes)

    def test_texas_deliveries_ship_from_the_dallas_warehouse(self):
        showcase, london = self.first_orders()[:2]

        def shipped_from(sale):
            return set(sale.picking_ids.picking_type_id.warehouse_id.mapped("code"))

        # Ana and her sister live in Texas: both deliveries leave Dallas,
        # while the order stays on the default warehouse.
        self.assertEqual(shipped_from(showcase), {"DAL"})
        self.assertEqual(len(showcase.picking_ids), 2)
        self.assertEqual(showcase.warehouse_id.code, "WH")
        self.assertEqual(shipped_from(london), {"WH"})

    def test_the_second_order_comes_from_a_county_odoo_does_not_know(self):
        london = self.first_orders()[1]

        self.assertEqual(london.partner_id.bigcommerce_state_name, "Greater London")
        self.assertFalse(london.partner_id.state_id)

    def test_a_new_order_arrives_with_the_next_download(self):
        store = demo_store.configure_store(self.env, self.sim)
        demo_store.download(self.env, store)
        demo_store.new_order(self.sim, self.products, self.customers)

        run = demo_store.download(self.env, store, products=False)

        self.assertEqual(run.counts["created"], 1)
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("bigcommerce_store_id", "=", store.id)]
            ),
            4,
        )

    def test_configuring_twice_keeps_one_store(self):
        demo_store.configure_store(self.env, self.sim)
        demo_store.configure_store(self.env, self.sim)

        stores = self.env["bigcommerce.store"].search(
            [("store_hash", "=", demo_store.STORE_HASH)]
        )
        self.assertEqual(len(stores), 1)

    def test_the_demo_publishes_stock_at_two_locations(self):
        store = demo_store.configure_store(self.env, self.sim)
        demo_store.download(self.env, store)

        demo_store._stock(self.env, store)

        mug = store.product_link_ids.filtered(lambda link: link.sku == "MUG")
        dallas = store.stock_location_ids.filtered(lambda loc: loc.code == "DAL")
        main_qty = self.sim.inventory_level(product_id=mug.bc_product_id)
        dallas_qty = self.sim.inventory_level(
            location_id=dallas.bc_location_id, product_id=mug.bc_product_id
        )
        self.assertGreater(main_qty, 0)
        self.assertGreater(dallas_qty, 0)
        self.assertEqual(mug.stock_published_qty, main_qty + dallas_qty)
        socks = store.product_link_ids.filtered(lambda link: link.sku == "SOCKS")
        self.assertFalse(socks.stock_published)  # not tracked by BigCommerce
