"""Two downloads dispatching the last unit at once, each on its own cursor.

Two stores share a warehouse holding one mug; each downloads an order of one
mug with *Auto Dispatch Orders* = Yes. The first dispatches and holds its
transaction open while the second imports: the second must not ship the
unit again (Odoo alone would, from a new negative quant): its order is
imported, left undispatched, and says why. Built on committed data (see
:mod:`tests.test_order_concurrency`) and removed afterwards.
"""

import threading

from odoo import SUPERUSER_ID, api
from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged
from odoo.tools import mute_logger

from tests.common import SIM_TOKEN
from tests.test_order_concurrency import TIMEOUT, ConcurrencyCase


@tagged("standard", "bigcommerce")
class TestDispatchRace(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        self.sim.reset()
        self.bc_orders = [self.add_order()]
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].browse(self.product_id)
            product.is_storable = True
            store = env["bigcommerce.store"].browse(self.store_id)
            self.warehouse_id = (
                env["stock.warehouse"]
                .search([("company_id", "=", store.company_id.id)], limit=1)
                .id
            )
            store.write({"order_stage": "sale", "auto_dispatch": "yes"})
            second = store.create(
                {
                    "name": f"Race {self.tag} B",
                    # Its own hash (one Odoo store per BigCommerce store); it
                    # imports the page the test reads, so it calls nothing.
                    "store_hash": f"race{self.tag}",
                    "access_token": SIM_TOKEN,
                    "api_url": self.sim.base_url,
                    "retry_backoff": 0.01,
                    "state": "connected",
                    "order_sync": True,
                    "order_stage": "sale",
                    "auto_dispatch": "yes",
                    "pricelist_policy": "default",
                    "default_pricelist_id": store.default_pricelist_id.id,
                }
            )
            self.store_ids = [store.id, second.id]
            warehouse = env["stock.warehouse"].browse(self.warehouse_id)
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 1
            )

    def add_order(self):
        """One mug: its delivery takes the warehouse's last unit (a digital
        line: no shipping charge, so no shared service product is made)."""
        return self.sim.add_order(
            products=[
                {
                    "sku": f"MUG-{self.tag}",
                    "name": "Mug",
                    "type": "digital",
                    "quantity": 1,
                    "price": 10,
                }
            ],
            billing_address={"email": self.email},
        )

    def purge(self):
        """Stock moves of the mug are done: removed by SQL, then the rest."""
        with self.cursor() as cr:
            cr.execute(
                "SELECT id FROM product_product WHERE default_code = %s",
                [f"MUG-{self.tag}"],
            )
            ids = [row[0] for row in cr.fetchall()]
            if ids:
                cr.execute(
                    "SELECT DISTINCT picking_id FROM stock_move "
                    "WHERE product_id = ANY(%s) AND picking_id IS NOT NULL",
                    [ids],
                )
                pickings = [row[0] for row in cr.fetchall()]
                for table in ("stock_move_line", "stock_move", "stock_quant"):
                    cr.execute(f"DELETE FROM {table} WHERE product_id = ANY(%s)", [ids])
                cr.execute("DELETE FROM stock_picking WHERE id = ANY(%s)", [pickings])
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            second = env["bigcommerce.store"].search(
                [("name", "=", f"Race {self.tag} B")]
            )
            stores = second | env["bigcommerce.store"].search(
                [("name", "=", f"Race {self.tag}")]
            )
            sales = env["sale.order"].search(
                [("bigcommerce_store_id", "in", stores.ids)]
            )
            sales.write({"state": "cancel"})
            sales.filtered(lambda s: s.bigcommerce_store_id == second).unlink()
            env["bigcommerce.order.log"].search(
                [("store_id", "in", second.ids)]
            ).unlink()
            env["bigcommerce.sync.log"].search(
                [("store_id", "in", second.ids)]
            ).unlink()
            second.unlink()
        super().purge()

    def test_the_last_unit_is_dispatched_once(self):
        page = self.page()
        dispatched, release = threading.Event(), threading.Event()

        def import_page(store_id, on_dispatched=None):
            with self.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                store = env["bigcommerce.store"].browse(store_id)
                run = SyncRun(store, "order_download")  # never entered: no lock
                OrderImporter(store, run).import_page(page)
                env.flush_all()
                if on_dispatched:
                    on_dispatched.set()
                    release.wait(TIMEOUT)
                return run.counts, run.lines

        with mute_logger("odoo.sql_db"):
            first_thread, first = self.start(import_page, self.store_ids[0], dispatched)
            try:
                self.assertTrue(dispatched.wait(TIMEOUT))
                # The first holds its shipped unit, uncommitted, meanwhile.
                second_thread, second = self.start(import_page, self.store_ids[1])
                self.join(second_thread)
            finally:
                release.set()
            self.join(first_thread)

        self.assertNotIn("error", first)
        self.assertNotIn("error", second)
        self.assertEqual(first["result"][0]["created"], 1)
        self.assertEqual(second["result"][0]["created"], 1)
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            sales = env["sale.order"].search(
                [("bigcommerce_store_id", "in", self.store_ids)]
            )
            self.assertEqual(len(sales), 2)
            lines = sales.order_line.filtered(
                lambda line: line.product_id.id == self.product_id
            )
            self.assertEqual(sorted(lines.mapped("qty_delivered")), [0, 1])
            loser = lines.filtered(lambda line: not line.qty_delivered).order_id
            notes = " ".join(loser.message_ids.mapped("body"))
            self.assertIn("Not dispatched", notes)
            product = env["product.product"].browse(self.product_id)
            warehouse = env["stock.warehouse"].browse(self.warehouse_id)
            self.assertEqual(
                product.with_context(warehouse_id=warehouse.id).qty_available, 0
            )
