"""The product sizes under their 19.0.1.1.0 names, and the migration to them."""

import importlib.util
from pathlib import Path

import odoo.addons.bigcommerce_connector as addon
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column

from tests.common import BigCommerceCase

MIGRATION = Path(addon.__file__).parent / "migrations/19.0.1.1.0/pre-migrate.py"
RENAMED = {
    "bc_length": "bigcommerce_length",
    "bc_width": "bigcommerce_width",
    "bc_height": "bigcommerce_height",
}


def load_migration():
    spec = importlib.util.spec_from_file_location("bc_pre_migrate_1_1", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("standard", "bigcommerce")
class TestProductSizeFields(TransactionCase):
    def columns(self):
        return {
            name
            for name in (*RENAMED, *RENAMED.values())
            if column_exists(self.env.cr, "product_product", name)
        }

    def field_names(self):
        self.env.cr.execute(
            SQL(
                "SELECT name FROM ir_model_fields "
                "WHERE model = 'product.product' AND name IN %s",
                (*RENAMED, *RENAMED.values()),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_sizes_are_columns_under_their_new_names(self):
        self.assertEqual(self.columns(), set(RENAMED.values()))
        self.assertEqual(self.field_names(), set(RENAMED.values()))

    def test_migration_renames_old_columns_and_keeps_their_values(self):
        product = self.env["product.product"].create(
            {"name": "Box", "bigcommerce_length": 12.5, "bigcommerce_height": 3.0}
        )
        self.env.flush_all()
        cr = self.env.cr
        # Put the database back as 19.0.1.0.0 left it (rolled back after the test).
        for old, new in RENAMED.items():
            rename_column(cr, "product_product", new, old)
            cr.execute(
                SQL(
                    "UPDATE ir_model_fields SET name = %s "
                    "WHERE model = 'product.product' AND name = %s",
                    old,
                    new,
                )
            )

        load_migration().migrate(cr, "19.0.1.0.0")
        load_migration().migrate(cr, "19.0.1.0.0")  # a second run changes nothing

        self.assertEqual(self.columns(), set(RENAMED.values()))
        self.assertEqual(self.field_names(), set(RENAMED.values()))
        cr.execute(
            SQL(
                "SELECT bigcommerce_length, bigcommerce_height FROM product_product "
                "WHERE id = %s",
                product.id,
            )
        )
        self.assertEqual(cr.fetchone(), (12.5, 3.0))


@tagged("standard", "bigcommerce")
class TestDailyDownloadMigration(BigCommerceCase):
    def test_a_store_with_a_daily_hour_keeps_its_daily_download(self):
        other = self.env["bigcommerce.store"].create(
            self._store_values(name="No daily", store_hash="other")
        )
        self.store.order_daily_hour = 6.5
        self.env.flush_all()
        spec = importlib.util.spec_from_file_location(
            "bc_post_migrate_1_1", MIGRATION.parent / "post-migrate.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)

        module.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()

        self.assertTrue(self.store.order_daily_download)
        self.assertFalse(other.order_daily_download)
