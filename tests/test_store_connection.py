"""Test Connection on the store form, against the simulator over real HTTP."""

import logging
import socket

from odoo.exceptions import UserError
from odoo.tests import tagged

from tests.common import SIM_TOKEN, BigCommerceCase


def _closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("standard", "bigcommerce")
class TestStoreConnection(BigCommerceCase):
    def test_connection_stores_the_store_details(self):
        action = self.store.action_test_connection()

        self.assertEqual(self.store.state, "connected")
        self.assertEqual(self.store.bc_store_name, "Simulated Store")
        self.assertEqual(self.store.bc_currency_code, "USD")
        self.assertEqual(self.store.currency_id, self.env.ref("base.USD"))
        self.assertEqual(self.store.bc_weight_units, "LBS")
        self.assertEqual(self.store.weight_unit, "lb")
        self.assertEqual(self.store.dimension_unit, "in")
        self.assertEqual(self.store.bc_plan_name, "Standard")
        self.assertTrue(self.store.last_connection_date)
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("Connected to Simulated Store", action["params"]["message"])
        self.assertEqual(self.sim.count("GET", "/v2/store"), 1)

    def test_connection_sends_the_token_and_json_headers(self):
        self.store.action_test_connection()

        headers = self.sim.requests[-1].headers
        self.assertEqual(headers.get("X-Auth-Token"), SIM_TOKEN)
        self.assertEqual(headers.get("Accept"), "application/json")
        self.assertIn("bigcommerce_connector", headers.get("User-Agent", ""))

    def assert_connection_failed(self, action, text):
        """Red, sticky, with the reason; the store says it failed and why."""
        self.assertEqual(action["params"]["type"], "danger")
        self.assertTrue(action["params"]["sticky"])
        self.assertIn(text, action["params"]["message"])
        self.assertEqual(self.store.state, "error")
        self.assertIn(text, self.store.connection_error)

    def test_bad_token_sets_the_store_in_error_naming_the_token(self):
        self.sim.access_token = "another-token"

        action = self.store.action_test_connection()

        self.assert_connection_failed(action, "access token")

    def test_missing_scope_sets_the_store_in_error_naming_the_scope(self):
        self.sim.scopes = {"store_v2_products"}

        action = self.store.action_test_connection()

        self.assert_connection_failed(action, "store_v2_information")

    def test_unreachable_host_sets_the_store_in_error(self):
        self.store.api_url = f"http://127.0.0.1:{_closed_port()}"

        action = self.store.action_test_connection()

        self.assert_connection_failed(action, "could not be reached")
        self.assertNotIn("object at 0x", action["params"]["message"])

    def test_a_connection_that_works_again_clears_the_failure(self):
        self.sim.access_token = "another-token"
        self.store.action_test_connection()
        self.sim.access_token = SIM_TOKEN

        action = self.store.action_test_connection()

        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.store.state, "connected")
        self.assertFalse(self.store.connection_error)

    def test_the_button_gives_up_after_one_retry(self):
        # A person is waiting: two attempts, not the six a scheduled run makes.
        self.store.max_retries = 5
        self.sim.fail_next("500", count=10)

        action = self.store.action_test_connection()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(self.sim.count("GET", "/v2/store"), 2)

    def test_rate_limited_then_success_waits_the_reset_time(self):
        self.sim.fail_next("429", reset_ms=400)

        self.store.action_test_connection()

        self.assertEqual(self.store.state, "connected")
        first, second = self.sim.requests
        self.assertEqual((first.status, second.status), (429, 200))
        self.assertGreaterEqual(second.at - first.at, 0.4)

    def test_unknown_weight_unit_is_reported_not_guessed(self):
        self.sim.store_info["weight_units"] = "Stones"

        action = self.store.action_test_connection()

        self.assertEqual(self.store.state, "connected")
        self.assertFalse(self.store.weight_unit)
        self.assertIn("Stones", self.store.connection_warning)
        self.assertEqual(action["params"]["type"], "warning")

    def test_store_without_token_says_what_is_missing(self):
        store = self.env["bigcommerce.store"].create(
            self._store_values(name="No token", store_hash="other", access_token=False)
        )

        with self.assertRaisesRegex(UserError, "access token"):
            store.action_test_connection()
        self.assertFalse(self.sim.requests)

    def test_token_is_never_logged(self):
        self.sim.fail_next("500", count=10)
        with self.assertLogs(level=logging.DEBUG) as logs:
            self.store.action_test_connection()
        self.assertTrue(logs.output)
        self.assertFalse([line for line in logs.output if SIM_TOKEN in line])

    def test_several_stores_in_one_database(self):
        other = self.env["bigcommerce.store"].create(
            self._store_values(name="Second", store_hash="sim456")
        )
        self.assertEqual(len(self.env["bigcommerce.store"].search([])), 2)
        # The simulator serves one store hash: the second is not found there.
        action = other.action_test_connection()
        self.assertIn("404", action["params"]["message"])
        self.assertEqual(other.state, "error")
