"""Two order downloads at once, each on its own database cursor.

A TransactionCase's data is invisible to other cursors, so these tests build
their store on committed data and clean it up afterwards. In Odoo 19 only
HttpCase routes ``registry.cursor()`` to the test cursor (``registry_test_mode``);
in a TransactionCase ``self.registry.cursor()`` opens a real connection of
its own, which :meth:`TestOrderConcurrency.cursor` checks.
"""

import threading
import time
import uuid
from contextlib import contextmanager

from odoo import SUPERUSER_ID, Command, api
from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged, test_cursor
from odoo.tools import mute_logger

from tests.common import SIM_HASH, SIM_TOKEN, start_simulator

TIMEOUT = 30  # seconds any thread or wait may take before the test fails


class ConcurrencyCase(TransactionCase):
    """Committed store, product and orders; threads on cursors of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_simulator(cls)

    def setUp(self):
        super().setUp()
        self.sim.reset()
        self.tag = uuid.uuid4().hex[:12]
        self.email = f"race-{self.tag}@example.com"
        # Registered first: whatever got committed goes, even after a failure.
        self.addCleanup(self.purge)
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.product_id = self._create_product(env).id
            pricelist = env["product.pricelist"].create(
                {"name": f"Race {self.tag}", "currency_id": env.ref("base.USD").id}
            )
            self.store_id = (
                env["bigcommerce.store"]
                .with_context(tracking_disable=True)
                .create(
                    {
                        "name": f"Race {self.tag}",
                        "store_hash": SIM_HASH,
                        "access_token": SIM_TOKEN,
                        "api_url": self.sim.base_url,
                        "retry_backoff": 0.01,
                        "state": "connected",
                        "order_sync": True,
                        "order_stage": "quotation",
                        "pricelist_policy": "default",
                        "default_pricelist_id": pricelist.id,
                    }
                )
                .id
            )
        self.bc_orders = [self.add_order() for _ in range(3)]

    def _create_product(self, env):
        return env["product.product"].create(
            {
                "name": f"Race mug {self.tag}",
                "default_code": f"MUG-{self.tag}",
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
        )

    def add_order(self):
        """A digital order: no shipping line, so no shared service product."""
        return self.sim.add_order(
            products=[
                {
                    "sku": f"MUG-{self.tag}",
                    "name": "Mug",
                    "type": "digital",
                    "quantity": 2,
                    "price": 10,
                }
            ],
            billing_address={"email": self.email},
        )

    # === CURSORS AND THREADS === #

    @contextmanager
    def cursor(self):
        """A real cursor of its own, committed on success (not the test cursor)."""
        with self.registry.cursor() as cr:
            self.assertNotIsInstance(cr, test_cursor.TestCursor)
            yield cr

    @contextmanager
    def store_env(self):
        """The committed store, in a fresh cursor committed on success."""
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            yield env["bigcommerce.store"].browse(self.store_id)

    def start(self, target, *args):
        """Run ``target(*args)`` in a thread; its result or error lands in a dict."""
        outcome = {}

        def body():
            try:
                outcome["result"] = target(*args)
            except Exception as exc:  # reported by the test thread
                outcome["error"] = exc

        thread = threading.Thread(target=body, name=f"bigcommerce-race-{self.tag}")
        thread.start()
        return thread, outcome

    def join(self, *threads):
        for thread in threads:
            thread.join(TIMEOUT)
            self.assertFalse(thread.is_alive(), "a download thread hangs")

    def page(self):
        """The orders as ``GET /v2/orders`` lists them, lines included."""
        with self.store_env() as store, store._get_client() as client:
            return list(
                client.iter_v2(
                    "v2/orders",
                    {
                        "include": "consignments.line_items",
                        "consignment_structure": "object",
                    },
                )
            )

    def wait_until_blocked(self, pid):
        """Wait until backend ``pid`` waits on a lock held by another transaction."""
        deadline = time.monotonic() + TIMEOUT
        with self.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                row = cr.fetchone()
                if row and row[0] == "Lock":
                    return
                cr.rollback()
                time.sleep(0.05)  # polling PostgreSQL, not waiting for time to pass
        self.fail("the second importer never waited on the order log")

    # === ASSERTIONS AND CLEAN-UP === #

    def assertOneSaleOrderAndLogEach(self):
        with self.store_env() as store:
            env = store.env
            for bc_order in self.bc_orders:
                domain = [("bigcommerce_order_id", "=", bc_order["id"])]
                sales = env["sale.order"].search(
                    [("bigcommerce_store_id", "=", store.id), *domain]
                )
                logs = env["bigcommerce.order.log"].search(
                    [("store_id", "=", store.id), ("bc_order_id", "=", bc_order["id"])]
                )
                self.assertEqual(len(sales), 1, bc_order["id"])
                self.assertEqual(len(logs), 1, bc_order["id"])
                self.assertEqual(logs.state, "imported")
                self.assertEqual(sales.bigcommerce_order_log_id, logs)

    def purge(self):
        """Remove what the test committed: sale orders, logs, partners, store..."""
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            store = env["bigcommerce.store"].search([("name", "=", f"Race {self.tag}")])
            sales = env["sale.order"].search(
                [("bigcommerce_store_id", "in", store.ids)]
            )
            partners = (
                sales.partner_id
                | sales.partner_invoice_id
                | sales.partner_shipping_id
                | env["res.partner"].search([("email", "=ilike", self.email)])
            )
            partners |= partners.child_ids
            sales.action_cancel()
            sales.unlink()
            env["bigcommerce.order.log"].search(
                [("store_id", "in", store.ids)]
            ).unlink()
            env["bigcommerce.sync.log"].search([("store_id", "in", store.ids)]).unlink()
            pricelists = store.default_pricelist_id
            store.unlink()
            pricelists.unlink()
            partners.unlink()
            products = env["product.product"].search(
                [("default_code", "=", f"MUG-{self.tag}")]
            )
            templates = products.product_tmpl_id
            products.unlink()
            templates.unlink()


@tagged("standard", "bigcommerce")
class TestOrderConcurrency(ConcurrencyCase):
    def test_a_download_started_while_one_runs_is_refused(self):
        locked, refused = threading.Event(), threading.Event()

        def first():
            with self.store_env() as store, store._get_client() as client:
                with SyncRun(store, "order_download") as run:
                    run.client = client
                    locked.set()
                    refused.wait(TIMEOUT)
                    OrderImporter(store, run).download()
                return run.counts["created"]

        def second():
            locked.wait(TIMEOUT)
            try:
                with self.store_env() as store:
                    return store.action_download_orders()
            finally:
                refused.set()

        thread_one, one = self.start(first)
        thread_two, two = self.start(second)
        self.join(thread_one, thread_two)

        self.assertEqual(one, {"result": 3})
        self.assertIsInstance(two.get("error"), UserError)
        self.assertIn("already running", str(two["error"]))
        self.assertOneSaleOrderAndLogEach()

    def test_two_downloads_started_together_make_one_sale_order_each(self):
        barrier = threading.Barrier(2, timeout=TIMEOUT)

        def download():
            barrier.wait()
            with self.store_env() as store:
                return store.action_download_orders()

        threads, outcomes = zip(*(self.start(download) for _ in range(2)), strict=True)
        self.join(*threads)

        # Either the second one is refused by the run lock, or it came after.
        errors = [o["error"] for o in outcomes if "error" in o]
        self.assertLessEqual(len(errors), 1, errors)
        for error in errors:
            self.assertIsInstance(error, UserError)
            self.assertIn("already running", str(error))
        self.assertOneSaleOrderAndLogEach()

    def test_unique_order_log_alone_keeps_racing_importers_apart(self):
        """Without the run lock, the loser waits on the log row, then skips."""
        page = self.page()
        imported, release = threading.Event(), threading.Event()
        loser_pid = []

        def import_page(on_imported=None):
            with self.store_env() as store:
                store.env.cr.execute("SELECT pg_backend_pid()")
                pid = store.env.cr.fetchone()[0]
                if on_imported is None:
                    loser_pid.append(pid)
                run = SyncRun(store, "order_download")  # never entered: no lock
                OrderImporter(store, run).import_page(page)
                store.env.flush_all()
                if on_imported:
                    on_imported.set()
                    release.wait(TIMEOUT)
                return run.counts, run.lines

        with mute_logger("odoo.sql_db"):
            winner_thread, winner = self.start(import_page, imported)
            try:
                self.assertTrue(imported.wait(TIMEOUT))
                loser_thread, loser = self.start(import_page)
                while not loser_pid and loser_thread.is_alive():
                    time.sleep(0.01)
                self.wait_until_blocked(loser_pid[0])
            finally:
                release.set()
            self.join(winner_thread, loser_thread)

        self.assertNotIn("error", winner)
        self.assertNotIn("error", loser)
        self.assertEqual(winner["result"][0]["created"], 3)
        counts, lines = loser["result"]
        self.assertEqual((counts["created"], counts["failed"]), (0, 0))
        self.assertEqual(counts["skipped"], 3)
        self.assertTrue(all("another download" in line[2] for line in lines))
        self.assertOneSaleOrderAndLogEach()
