"""Push prices: refused variants, server faults and bad settings."""

from odoo.tests import tagged

from tests.contract import validate_logged_requests
from tests.test_price_push import CURSOR, VARIANTS, PricePushCase


@tagged("standard", "bigcommerce")
class TestPricePushFailures(PricePushCase):
    def test_207_records_the_others_and_logs_the_failure(self):
        links = self.link_products(2)
        gone = self.make_links(
            self.Product.create({"name": "Gone", "default_code": "GONE"}),
            [(999001, 999002)],
        )
        (links | gone).product_tmpl_id.list_price = 14.0
        self.store.update_pricing_after = CURSOR

        action = self.store.action_update_prices()

        self.assertEqual(self.sim.requests[-1].status, 207)
        self.assertEqual(set(links.mapped("last_price")), {14.0})
        self.assertEqual(gone.last_price, 10.0)
        run = self.last_run()
        self.assertEqual((run.updated_count, run.failed_count), (2, 1))
        error = run.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(error.reference, "GONE")
        self.assertIn("999002 does not exist", error.message)
        self.assertEqual(self.store.update_pricing_after, CURSOR)
        self.assertEqual(action["params"]["type"], "warning")
        validate_logged_requests(self.sim.requests)

    def test_failed_price_is_retried_by_the_next_push(self):
        links = self.link_products(1)
        gone = self.make_links(
            self.Product.create({"name": "Gone", "default_code": "GONE"}),
            [(999001, 999002)],
        )
        (links | gone).product_tmpl_id.list_price = 14.0
        self.store.action_update_all_prices()
        self.sim.reset_log()

        self.store.action_update_all_prices()

        self.assertEqual([i["id"] for i in self.sent_items()], [999002])

    def test_422_for_a_whole_chunk_goes_on_with_the_next_chunk(self):
        gone = self.Product.create(
            [{"name": f"Gone {i}", "default_code": f"GONE{i}"} for i in range(50)]
        )
        gone_links = self.make_links(
            gone, [(900000 + i, 910000 + i) for i in range(50)]
        )
        good = self.link_products(1)
        (gone_links | good).product_tmpl_id.list_price = 16.0

        self.store.action_update_all_prices()

        self.assertEqual(
            [r.status for r in self.sim.requests if r.path.endswith(VARIANTS)],
            [422, 200],
        )
        self.assertEqual(good.last_price, 16.0)
        run = self.last_run()
        self.assertEqual((run.updated_count, run.failed_count), (1, 50))
        errors = run.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(len(errors), 50)
        self.assertIn("910007 does not exist", errors[7].message)
        self.assertFalse(self.store.update_pricing_after)

    def test_server_down_stops_the_push_and_a_rerun_sends_everything(self):
        links = self.link_products(2)
        links.product_tmpl_id.list_price = 17.0
        self.store.update_pricing_after = CURSOR
        self.sim.fail_next("500", count=20, path_contains="/catalog/variants")

        action = self.store.action_update_prices()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(
            "Failed: Stopped after 0 prices: BigCommerce answered HTTP 500",
            action["params"]["message"],
        )
        self.assertEqual(self.last_run().state, "failed")
        self.assertEqual(set(links.mapped("last_price")), {10.0})
        self.assertEqual(self.store.update_pricing_after, CURSOR)
        self.sim.reset_faults()

        self.store.action_update_prices()

        self.assertEqual(set(links.mapped("last_price")), {17.0})
        self.assertGreater(self.store.update_pricing_after, CURSOR)

    def test_cron_one_failing_store_never_stops_the_others(self):
        broken = self.env["bigcommerce.store"].create(
            self._store_values(name="Broken", store_hash="broken", access_token=False)
        )
        broken.write({"state": "connected", "update_pricing": True})
        links = self.link_products(2)
        links.product_tmpl_id.list_price = 13.0
        self.store.update_pricing_after = CURSOR

        self.env["bigcommerce.store"]._cron_update_prices()

        self.assertEqual(set(links.mapped("last_price")), {13.0})
        self.assertEqual(self.last_run().trigger, "cron")
        self.assertGreater(self.store.update_pricing_after, CURSOR)

    def test_cron_skips_stores_that_do_not_update_pricing(self):
        links = self.link_products(1)
        links.product_tmpl_id.list_price = 13.0
        self.store.update_pricing = False

        self.env["bigcommerce.store"]._cron_update_prices()

        self.assertFalse(self.sim.requests)
        self.assertFalse(self.last_run())
