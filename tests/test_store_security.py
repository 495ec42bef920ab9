"""Who may see stores and their tokens."""

from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from tests.common import SIM_TOKEN, BigCommerceCase


@tagged("standard", "bigcommerce")
class TestStoreSecurity(BigCommerceCase):
    def test_bigcommerce_user_cannot_read_the_access_token(self):
        store = self.store.with_user(self.user)

        self.assertEqual(store.name, "Simulated store")
        with self.assertRaises(AccessError):
            store.read(["access_token"])

    def test_bigcommerce_manager_reads_the_access_token(self):
        self.assertEqual(self.store.with_user(self.manager).access_token, SIM_TOKEN)

    def test_bigcommerce_user_cannot_change_a_store(self):
        with self.assertRaises(AccessError):
            self.store.with_user(self.user).write({"name": "Renamed"})

    def test_user_of_another_company_cannot_see_the_store(self):
        other_company = self.env["res.company"].create({"name": "Other company"})
        outsider = new_test_user(
            self.env,
            login="bc_other_company",
            groups="base.group_user,bigcommerce_connector.group_bigcommerce_manager",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        stores = self.env["bigcommerce.store"].with_user(outsider)

        self.assertFalse(stores.search([("id", "=", self.store.id)]))
        with self.assertRaises(AccessError):
            stores.browse(self.store.id).read(["name"])

    def test_employee_without_bigcommerce_rights_sees_no_store(self):
        employee = new_test_user(self.env, login="bc_none", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["bigcommerce.store"].with_user(employee).search([])

    def test_a_store_hash_is_connected_once(self):
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"):
            with self.cr.savepoint():
                self.env["bigcommerce.store"].create(self._store_values(name="Twice"))


@tagged("standard", "bigcommerce")
class TestRightsBeforeApiCalls(BigCommerceCase):
    """Every entry point checks the caller's right on the store before calling it.

    Downloads need read on the store; what changes the store's settings or
    BigCommerce itself (Test Connection, Load Payment Methods, Load Tax
    Classes, listing, updating, removing products, prices) needs write, which
    only BigCommerce managers have.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True)
        cls.salesman = new_test_user(
            cls.env, login="bc_salesman", groups="sales_team.group_sale_salesman"
        )
        company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.user_b = new_test_user(
            cls.env,
            login="bc_user_company_b",
            groups="base.group_user,bigcommerce_connector.group_bigcommerce_user",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )

    def assert_refused_before_any_call(self, call):
        with self.assertRaises(AccessError) as caught:
            call()
        self.assertEqual(self.sim.requests, [])
        # The refusal tells nothing of the store it protects.
        self.assertNotIn(self.store.name, str(caught.exception))
        self.assertNotIn(self.sim.base_url, str(caught.exception))

    def test_sales_user_cannot_test_the_connection(self):
        store = self.store.with_user(self.salesman)
        self.assert_refused_before_any_call(store.action_test_connection)
        self.assertEqual(self.store.state, "connected")

    def test_sales_user_cannot_load_payment_methods(self):
        store = self.store.with_user(self.salesman)
        self.assert_refused_before_any_call(store.action_load_payment_methods)
        self.assertFalse(self.store.payment_map_ids)

    def test_user_of_another_company_cannot_download_from_the_store(self):
        store = self.store.with_user(self.user_b)
        self.assert_refused_before_any_call(store.action_download_products)

    def test_user_of_another_company_cannot_test_the_connection(self):
        store = self.store.with_user(self.user_b)
        self.assert_refused_before_any_call(store.action_test_connection)

    def test_bigcommerce_user_cannot_test_the_connection(self):
        store = self.store.with_user(self.user)
        self.assert_refused_before_any_call(store.action_test_connection)

    def test_bigcommerce_user_cannot_load_tax_classes(self):
        store = self.store.with_user(self.user)
        self.assert_refused_before_any_call(store.action_load_tax_classes)

    def test_bigcommerce_user_downloads_products(self):
        self.sim.add_product("Mug", sku="MUG-1")

        action = self.store.with_user(self.user).action_download_products()

        self.assertTrue(self.sim.requests, action)
        self.assertEqual(self.store.product_link_ids.sku, "MUG-1", action)

    def test_bigcommerce_user_cannot_remove_a_product_from_bigcommerce(self):
        self.sim.add_product("Mug", sku="MUG-1")
        self.store.action_download_products()
        self.store.product_master = "odoo"
        self.sim.reset_log()
        link = self.store.product_link_ids.with_user(self.user)

        self.assert_refused_before_any_call(link.action_remove)
        self.assertEqual(len(self.sim.products), 1)
        self.assertTrue(self.store.product_link_ids)

    def test_manager_removes_a_product_from_bigcommerce(self):
        self.sim.add_product("Mug", sku="MUG-1")
        self.store.action_download_products()
        self.store.product_master = "odoo"

        self.store.product_link_ids.with_user(self.manager).action_remove()

        self.assertEqual(self.sim.products, [])
        self.assertFalse(self.store.product_link_ids)
