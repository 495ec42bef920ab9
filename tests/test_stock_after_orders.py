"""Update stock after each order download: the products sold are published to
every store that asks for it and lists them (Cin7 Core), not only to the
store they were sold on."""

from unittest.mock import patch

from odoo import Command
from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.addons.bigcommerce_connector.sync.stock.exporter import StockExporter
from odoo.tests import tagged
from odoo.tools import mute_logger

from tests.simulator import BigCommerceSimulator
from tests.test_order_concurrency import ConcurrencyCase
from tests.test_order_download import OrderDownloadCase

OTHER_HASH = "other456"
OTHER_TOKEN = "other-token"
ABSOLUTE = "/v3/inventory/adjustments/absolute"


@tagged("standard", "bigcommerce")
class TestStockAfterOrders(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug.is_storable = True
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.store.company_id.id)], limit=1
        )
        cls.other_sim = BigCommerceSimulator(
            store_hash=OTHER_HASH, access_token=OTHER_TOKEN
        ).start()
        cls.addClassCleanup(cls.other_sim.stop)
        cls.other = cls.env["bigcommerce.store"].create(
            cls._store_values(
                name="Other store",
                store_hash=OTHER_HASH,
                access_token=OTHER_TOKEN,
                api_url=cls.other_sim.base_url,
            )
        )
        for store in cls.store | cls.other:
            store.write(
                {
                    "state": "connected",
                    "stock_push": True,
                    "stock_after_orders": True,
                    "order_warehouse_id": cls.warehouse.id,
                    "stock_warehouse_map_ids": [
                        (0, 0, {"warehouse_id": cls.warehouse.id})
                    ],
                }
            )

    def setUp(self):
        super().setUp()
        self.other_sim.reset()
        self.env["stock.quant"]._update_available_quantity(
            self.mug, self.warehouse.lot_stock_id, 5
        )
        self.links = {}
        for store, sim in ((self.store, self.sim), (self.other, self.other_sim)):
            bc = sim.add_product("Mug", sku="MUG-1", inventory_tracking="product")
            self.links[store] = self.env["bigcommerce.product.link"].create(
                {
                    "store_id": store.id,
                    "product_id": self.mug.id,
                    "bc_product_id": bc["id"],
                    "bc_variant_id": bc["variants"][0]["id"],
                    "sku": "MUG-1",
                    "bc_inventory_tracking": "product",
                }
            )

    def level(self, store, sim):
        return sim.inventory_level(product_id=self.links[store].bc_product_id)

    def test_what_a_download_sold_is_published_to_every_store_listing_it(self):
        self.mug_order()  # 2 mugs: 3 left free

        self.store.action_download_orders()

        self.assertEqual(self.level(self.store, self.sim), 3)
        self.assertEqual(self.level(self.other, self.other_sim), 3)
        order_run = self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "order_download")],
            limit=1,
        )
        messages = order_run.line_ids.mapped("message")
        self.assertTrue(
            any(
                "Stock published after this download to Other store" in m
                for m in messages
            ),
            messages,
        )
        self.assertEqual(self.store.stock_updated_after, False)  # cursors stay

    def test_a_store_that_does_not_ask_is_left_to_its_own_schedule(self):
        self.other.stock_after_orders = False
        self.mug_order()

        self.store.action_download_orders()

        self.assertEqual(self.level(self.store, self.sim), 3)
        self.assertFalse(self.other_sim.count("PUT", ABSOLUTE))

    def test_a_download_that_imported_nothing_publishes_nothing(self):
        self.store.action_download_orders()

        self.assertFalse(self.sim.count("PUT", ABSOLUTE))
        self.assertFalse(self.other_sim.count("PUT", ABSOLUTE))

    def test_one_stores_failing_push_never_undoes_the_download(self):
        self.mug_order()
        real_push = StockExporter.push

        def push(exporter, *args, **kwargs):
            if exporter.store == self.other:
                raise RuntimeError("a bug in the other store's push")
            return real_push(exporter, *args, **kwargs)

        with (
            patch.object(StockExporter, "push", push),
            mute_logger(
                "odoo.addons.bigcommerce_connector.models.bigcommerce_store_stock"
            ),
        ):
            self.store.action_download_orders()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(self.level(self.store, self.sim), 3)
        order_run = self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "order_download")],
            limit=1,
        )
        errors = order_run.line_ids.filtered(lambda line: line.level == "error")
        self.assertIn(
            "Stock not published after this download to Other", errors.message
        )

    def test_a_bigcommerce_user_downloading_orders_publishes_the_stock_too(self):
        self.mug_order()

        self.store.with_user(self.user).action_download_orders()

        self.assertEqual(self.level(self.other, self.other_sim), 3)

    def test_the_scheduled_downloads_publish_once_per_store_not_per_download(self):
        (self.store | self.other).write(
            {"order_sync": True, "auto_download_orders": True}
        )
        self.mug_order()  # sold on the first store
        self.other_sim.add_order(
            products=[{"sku": "MUG-1", "name": "Mug", "quantity": 1, "price": 10}]
        )  # and one on the other: 2 left free

        self.env["bigcommerce.store"]._cron_download_orders()

        self.assertEqual(self.level(self.store, self.sim), 2)
        self.assertEqual(self.level(self.other, self.other_sim), 2)
        pushes = self.env["bigcommerce.sync.log"].search(
            [("operation", "=", "stock_push")]
        )
        self.assertEqual(
            sorted(pushes.store_id.ids), sorted((self.store | self.other).ids)
        )
        self.assertEqual(len(pushes), 2)


@tagged("standard", "bigcommerce")
class TestStockPushRunning(ConcurrencyCase):
    """A store whose stock push is running (another cursor holds its lock)."""

    def test_the_download_leaves_it_to_its_schedule_and_says_so(self):
        with self.store_env() as store:
            store.write(
                {
                    "stock_push": True,
                    "stock_after_orders": True,
                    "stock_warehouse_map_ids": [
                        Command.create(
                            {
                                "warehouse_id": store.env["stock.warehouse"]
                                .search(
                                    [("company_id", "=", store.company_id.id)], limit=1
                                )
                                .id
                            }
                        )
                    ],
                }
            )
        with self.store_env() as busy, SyncRun(busy, "stock_push"):
            with self.store_env() as store:
                run = store._download_orders()
                self.assertEqual(run.counts["created"], 3)
                messages = run.log.line_ids.mapped("message")
        self.assertTrue(
            any("already running" in message for message in messages), messages
        )
        self.assertFalse(self.sim.count("PUT", "/inventory/adjustments"))
