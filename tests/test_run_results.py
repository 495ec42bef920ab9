"""What a button tells after a run: failures as failures, counts, the sync log."""

import socket

from odoo.tests import tagged

from tests.common import BigCommerceCase


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("standard", "bigcommerce")
class TestRunResults(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, order_sync=True)

    def last_log(self, operation="product_download"):
        return self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", operation)],
            limit=1,
        )

    def assert_failed(self, action, text, operation="product_download"):
        params = action["params"]
        self.assertEqual(params["type"], "danger")
        self.assertTrue(params["sticky"])
        self.assertTrue(params["message"].startswith("Failed: "), params["message"])
        self.assertIn(text, params["message"])
        self.assertNotIn("nothing to do", params["message"])
        log = self.last_log(operation)
        self.assertEqual(log.state, "failed")
        self.assertIn(text, log.summary)
        self.assertIn(text, " ".join(log.line_ids.mapped("message")))
        self.assertEqual(
            params["links"][0]["url"], f"/odoo/bigcommerce.sync.log/{log.id}"
        )
        return log

    def test_a_refused_token_says_so_and_keeps_the_log(self):
        self.sim.access_token = "another"

        action = self.store.action_download_products()

        log = self.assert_failed(action, "access token")
        self.assertEqual(log.api_calls, 1)
        self.assertIn("0 products downloaded", log.summary)

    def test_a_missing_scope_names_the_scope(self):
        self.sim.scopes = {"store_v2_orders"}

        action = self.store.action_download_products()

        self.assert_failed(action, "store_v2_products")

    def test_an_unreachable_store_says_so_in_words(self):
        self.store.api_url = f"http://127.0.0.1:{closed_port()}"

        action = self.store.action_download_orders()

        self.assert_failed(action, "could not be reached", "order_download")
        self.assertNotIn("object at 0x", action["params"]["message"])

    def test_a_setting_the_flow_cannot_use_fails_the_run_with_its_reason(self):
        self.store.weight_unit = False

        action = self.store.action_download_products()

        self.assert_failed(action, "weight or dimension unit")

    def test_a_button_run_gives_up_after_one_retry(self):
        self.store.max_retries = 5
        self.sim.fail_next("503", count=10)

        self.store.action_download_products()

        self.assertEqual(self.sim.count("GET", "/catalog/products"), 2)

    def test_an_empty_download_says_what_it_counted(self):
        action = self.store.action_download_products()

        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("0 products downloaded; 1 API call.", action["params"]["message"])

    def test_the_summary_counts_products_and_variants(self):
        self.sim.add_product(
            "Tee",
            options=[{"display_name": "Size", "values": ["S", "M", "L"]}],
        )
        self.sim.add_product("Mug", sku="MUG-1")

        action = self.store.action_download_products()

        self.assertIn(
            "2 products (4 variants) downloaded: 4 created",
            action["params"]["message"],
        )
        self.assertEqual(self.last_log().state, "done")

    def test_an_unreadable_tax_class_fails_the_run_naming_the_field(self):
        self.sim.seed("v2/tax_classes", [{"id": "abc", "name": "Bad"}])

        action = self.store.action_load_tax_classes()

        self.assert_failed(
            action, "tax_classes[0].id: 'abc' is not an id", "tax_class_load"
        )
        self.assertFalse(self.store.tax_map_ids.filtered(lambda m: m.name == "Bad"))

    def test_an_unreadable_brand_costs_its_tag_only(self):
        self.sim.seed("v3/catalog/brands", [{"id": "x", "name": "Acme"}])
        self.sim.add_product("Mug", sku="MUG-1", brand_id=5)
        self.sim.add_product("Cup", sku="CUP-1", brand_id=5)

        action = self.store.action_download_products()

        self.assertEqual(len(self.store.product_link_ids), 2)
        self.assertEqual(self.sim.count("GET", "/catalog/brands"), 1)
        self.assertEqual(action["params"]["type"], "warning")
        log = self.last_log()
        warning = log.line_ids.filtered(lambda line: line.level == "warning")
        self.assertIn("brands[0].id: 'x' is not an id", warning.message)

    def test_a_run_left_running_by_a_crash_is_closed_as_interrupted(self):
        Log = self.env["bigcommerce.sync.log"]
        crashed = Log.create(
            {"store_id": self.store.id, "operation": "product_download"}
        )
        other_flow = Log.create(
            {"store_id": self.store.id, "operation": "order_download"}
        )

        self.store.action_download_products()

        self.assertEqual(crashed.state, "interrupted")
        self.assertIn("Interrupted", crashed.summary)
        self.assertTrue(crashed.date_end)
        self.assertEqual(other_flow.state, "running")  # its own next run closes it
        self.assertEqual(self.last_log().state, "done")

    def test_loading_tax_classes_twice_changes_nothing(self):
        # The v2 spec types class ids as strings: "1" is class 1 both times.
        self.sim.seed(
            "v2/tax_classes",
            [{"id": "1", "name": "Clothing"}, {"id": "2", "name": "Food"}],
        )
        self.store.action_load_tax_classes()
        tax = self.env["account.tax"].search([("type_tax_use", "=", "sale")], limit=1)
        clothing = self.store.tax_map_ids.filtered(lambda m: m.bc_tax_class_id == 1)
        clothing.tax_ids = tax
        rows = self.store.tax_map_ids.read(["bc_tax_class_id", "name", "tax_ids"])

        action = self.store.action_load_tax_classes()

        self.assertEqual(
            self.store.tax_map_ids.read(["bc_tax_class_id", "name", "tax_ids"]), rows
        )
        self.assertEqual(len(rows), 3)  # the default class 0, 1 and 2
        self.assertIn("3 tax classes downloaded;", action["params"]["message"])

    def test_a_percent_sign_shows_once_with_or_without_a_log_link(self):
        log = self.env["bigcommerce.sync.log"].create(
            {"store_id": self.store.id, "operation": "order_download"}
        )
        plain = self.store._notify("Tax 8.25% charged.")
        linked = self.store._notify("Tax 8.25% charged.", log=log)

        self.assertEqual(plain["params"]["message"], "Tax 8.25% charged.")
        self.assertNotIn("links", plain["params"])
        # Doubled for the web client's sprintf, which then shows one "%".
        self.assertEqual(linked["params"]["message"], "Tax 8.25%% charged. %s")
