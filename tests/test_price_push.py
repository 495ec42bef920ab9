"""Push prices: Odoo's regular and sale prices to BigCommerce variants, over HTTP."""

from datetime import datetime

from odoo import Command
from odoo.addons.bigcommerce_connector.sync.catalog.importer import ProductImporter
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from tests.common import BigCommerceCase
from tests.contract import validate_logged_requests

VARIANTS = "/v3/catalog/variants"
LONG_AGO = datetime(2020, 1, 1)
CURSOR = datetime(2021, 1, 1)


class PricePushCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(
            product_sync=True,
            update_pricing=True,
            weight_unit="lb",
            dimension_unit="in",
        )
        cls.Product = cls.env["product.product"]
        cls.Link = cls.env["bigcommerce.product.link"]
        cls.Pricelist = cls.env["product.pricelist"]
        cls.Item = cls.env["product.pricelist.item"]

    def link_products(self, count, price=10.0, prefix="P"):
        """``count`` simulator products and Odoo products, linked, prices in sync."""
        bc_products = [
            self.sim.add_product(f"{prefix} {i}", sku=f"{prefix}{i}", price=price)
            for i in range(count)
        ]
        products = self.Product.create(
            [
                {"name": f"{prefix} {i}", "default_code": f"{prefix}{i}"}
                for i in range(count)
            ]
        )
        products.product_tmpl_id.list_price = price
        return self.make_links(
            products, [(b["id"], b["variants"][0]["id"]) for b in bc_products], price
        )

    def make_links(self, products, ids, price=10.0, sale_price=0.0):
        return self.Link.create(
            [
                {
                    "store_id": self.store.id,
                    "product_id": product.id,
                    "bc_product_id": bc_product_id,
                    "bc_variant_id": bc_variant_id,
                    "sku": product.default_code,
                    "last_price": price,
                    "last_sale_price": sale_price,
                }
                for product, (bc_product_id, bc_variant_id) in zip(
                    products, ids, strict=True
                )
            ]
        )

    def bc_variant(self, link):
        """The variant as the simulator now stores it."""
        product = self.sim.product(link.bc_product_id)
        return next(v for v in product["variants"] if v["id"] == link.bc_variant_id)

    def sent_items(self):
        return [
            item
            for record in self.sim.requests
            if record.method == "PUT" and record.path.endswith(VARIANTS)
            for item in record.body
        ]

    def backdate(self, *recordsets):
        """Make each recordset look unchanged since long ago."""
        for records in recordsets:
            records.flush_recordset()
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = %s WHERE id IN %s",
                    SQL.identifier(records._table),
                    LONG_AGO,
                    tuple(records.ids),
                )
            )
            records.invalidate_recordset(["write_date"])

    def fixed_rule(self, pricelist, product, price, **values):
        """A fixed price for one variant in ``pricelist``."""
        return self.Item.create(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": product.id,
                "compute_price": "fixed",
                "fixed_price": price,
                **values,
            }
        )

    def last_run(self):
        return self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "price_push")],
            limit=1,
        )


@tagged("standard", "bigcommerce")
class TestPricePush(PricePushCase):
    def test_only_changed_variants_are_sent_50_per_call(self):
        links = self.link_products(130)
        for index, link in enumerate(links[:120]):
            link.product_tmpl_id.list_price = 20 + index

        action = self.store.action_update_all_prices()

        self.assertEqual(self.sim.count("PUT", VARIANTS), 3)
        self.assertEqual(len(self.sent_items()), 120)
        for index, link in enumerate(links[:120]):
            self.assertEqual(self.bc_variant(link)["price"], 20 + index)
            self.assertEqual(link.last_price, 20 + index)
            self.assertTrue(link.price_date)
        self.assertEqual(self.bc_variant(links[125])["price"], 10.0)
        self.assertIn("120 prices sent in 3 calls", action["params"]["message"])
        validate_logged_requests(self.sim.requests)

    def test_second_push_sends_nothing(self):
        links = self.link_products(3)
        links.product_tmpl_id.list_price = 12.5
        self.store.action_update_all_prices()
        self.sim.reset_log()

        action = self.store.action_update_all_prices()

        self.assertFalse(self.sim.requests)
        self.assertEqual(self.last_run().api_calls, 0)
        self.assertIn("nothing changed", action["params"]["message"])

    def test_regular_and_sale_price_tiers_are_sent(self):
        regular = self.Pricelist.create({"name": "BC regular"})
        sale = self.Pricelist.create({"name": "BC sale"})
        self.store.write(
            {"regular_pricelist_id": regular.id, "sale_pricelist_id": sale.id}
        )
        variants = [
            {"sku": f"TEE-{size}", "options": {"Size": size}, "price": 20.0}
            for size in ("S", "M", "L")
        ]
        bc_product = self.sim.add_product("Tee", variants=variants, price=20.0)
        self.download()
        links = self.Link.search([("store_id", "=", self.store.id)], order="sku")
        large, medium, small = links
        self.Item.search(
            [
                ("pricelist_id", "=", regular.id),
                ("product_id", "=", small.product_id.id),
            ]
        ).fixed_price = 18.0
        self.fixed_rule(sale, medium.product_id, 15.5)
        self.sim.reset_log()

        self.store.action_update_all_prices()

        self.assertEqual(
            sorted(item["id"] for item in self.sent_items()),
            sorted([small.bc_variant_id, medium.bc_variant_id]),
        )
        self.assertEqual(self.bc_variant(small)["price"], 18.0)
        self.assertEqual(self.bc_variant(small)["sale_price"], 0)
        self.assertEqual(self.bc_variant(medium)["sale_price"], 15.5)
        self.assertEqual(self.bc_variant(medium)["price"], 20.0)
        self.assertEqual(self.bc_variant(large)["price"], 20.0)
        self.assertEqual(self.sim.product(bc_product["id"])["price"], 20.0)
        self.assertEqual((medium.last_price, medium.last_sale_price), (20.0, 15.5))

    def test_sale_price_not_below_the_price_is_sent_as_none(self):
        sale = self.Pricelist.create({"name": "BC sale"})
        self.store.sale_pricelist_id = sale
        bc_product = self.sim.add_product("Mug", sku="MUG", price=10.0, sale_price=8.0)
        mug = self.Product.create({"name": "Mug", "default_code": "MUG"})
        mug.list_price = 10.0
        link = self.make_links(
            mug, [(bc_product["id"], bc_product["variants"][0]["id"])], 10.0, 8.0
        )
        self.fixed_rule(sale, mug, 10.0)

        self.store.action_update_all_prices()

        self.assertEqual(
            self.sent_items(),
            [{"id": link.bc_variant_id, "price": 10.0, "sale_price": 0.0}],
        )
        self.assertEqual(self.bc_variant(link)["sale_price"], 0)
        self.assertEqual(link.last_sale_price, 0.0)

    def test_recently_modified_ignores_products_unchanged_since_the_cursor(self):
        changed, stale = links = self.link_products(2)
        links.product_tmpl_id.list_price = 30.0
        self.backdate(stale.product_id, stale.product_tmpl_id)
        self.store.update_pricing_after = CURSOR

        self.store.action_update_prices()

        self.assertEqual([i["id"] for i in self.sent_items()], [changed.bc_variant_id])
        self.assertEqual(stale.last_price, 10.0)
        self.assertGreater(self.store.update_pricing_after, CURSOR)
        self.sim.reset_log()

        self.store.action_update_all_prices()

        self.assertEqual([i["id"] for i in self.sent_items()], [stale.bc_variant_id])

    def test_recently_modified_follows_a_changed_pricelist_rule(self):
        regular = self.Pricelist.create({"name": "BC regular"})
        self.store.regular_pricelist_id = regular
        ruled, other = links = self.link_products(2)
        self.backdate(links.product_id, links.product_tmpl_id)
        other.last_price = 99.0  # stale, but nothing says it changed
        self.Item.create(
            {
                "pricelist_id": regular.id,
                "applied_on": "1_product",
                "product_tmpl_id": ruled.product_tmpl_id.id,
                "compute_price": "fixed",
                "fixed_price": 7.0,
            }
        )
        self.backdate(regular)
        self.store.update_pricing_after = CURSOR

        self.store.action_update_prices()

        # No sale price tier: BigCommerce's sale price is left as it is.
        self.assertEqual(self.sent_items(), [{"id": ruled.bc_variant_id, "price": 7.0}])

    def test_recently_modified_sends_a_sale_that_started_since_the_cursor(self):
        sale = self.Pricelist.create({"name": "BC sale"})
        self.store.sale_pricelist_id = sale
        on_sale, other = links = self.link_products(2)
        rule = self.fixed_rule(
            sale, on_sale.product_id, 6.0, date_start=datetime(2022, 1, 1)
        )
        other.last_price = 99.0  # stale, but nothing says it changed
        self.backdate(links.product_id, links.product_tmpl_id, sale, rule)
        self.store.update_pricing_after = CURSOR

        self.store.action_update_prices()

        self.assertEqual(
            self.sent_items(),
            [{"id": on_sale.bc_variant_id, "price": 10.0, "sale_price": 6.0}],
        )

    def test_a_global_rule_makes_every_link_a_candidate(self):
        regular = self.Pricelist.create({"name": "BC regular"})
        self.store.regular_pricelist_id = regular
        links = self.link_products(2)
        self.backdate(links.product_id, links.product_tmpl_id)
        self.Item.create(
            {
                "pricelist_id": regular.id,
                "applied_on": "3_global",
                "compute_price": "percentage",
                "percent_price": 10.0,
            }
        )
        self.backdate(regular)
        self.store.update_pricing_after = CURSOR

        self.store.action_update_prices()

        self.assertEqual(len(self.sent_items()), 2)
        self.assertEqual(set(links.mapped("last_price")), {9.0})

    def test_a_new_price_tier_makes_every_link_a_candidate(self):
        links = self.link_products(2)
        self.backdate(links.product_id, links.product_tmpl_id)
        self.store.update_pricing_after = CURSOR
        regular = self.Pricelist.create(
            {
                "name": "BC regular",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 50.0,
                        }
                    )
                ],
            }
        )
        self.backdate(regular, regular.item_ids)

        self.store.regular_pricelist_id = regular

        self.assertFalse(self.store.update_pricing_after)
        self.store.action_update_prices()
        self.assertEqual(set(links.mapped("last_price")), {5.0})

    def test_button_refuses_when_update_pricing_is_off(self):
        self.store.update_pricing = False

        with self.assertRaisesRegex(UserError, "Update Pricing"):
            self.store.action_update_prices()
        self.assertFalse(self.sim.requests)

    def test_a_bigcommerce_manager_updates_prices(self):
        links = self.link_products(2)
        links.product_tmpl_id.list_price = 11.0

        self.store.with_user(self.manager).action_update_all_prices()

        self.assertEqual(set(links.mapped("last_price")), {11.0})

    def test_a_bigcommerce_user_cannot_change_prices_in_bigcommerce(self):
        links = self.link_products(2)
        links.product_tmpl_id.list_price = 11.0
        self.sim.reset_log()

        with self.assertRaises(AccessError):
            self.store.with_user(self.user).action_update_all_prices()

        self.assertEqual(self.sim.requests, [])

    def download(self):
        self.run_sync(
            "product_download",
            lambda run: ProductImporter(self.store, run).download(full=True),
        )
