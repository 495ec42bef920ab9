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
