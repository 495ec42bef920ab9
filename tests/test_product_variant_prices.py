"""Per-variant prices: downloaded exactly, and sent back unchanged by Update."""

from odoo.addons.bigcommerce_connector.sync.catalog.exporter import ProductExporter
from odoo.tests import tagged

from tests.contract import validate_logged_requests
from tests.test_product_download import COLORS, ProductDownloadCase

SIZES = {"display_name": "Size", "values": ["S", "M", "L"]}
PRODUCTS = "/v3/catalog/products"
VARIANTS = "/v3/catalog/variants"


class VariantPriceCase(ProductDownloadCase):
    def seed_sizes(self, prices, product_price=20.0, **fields):
        """A tee in sizes S, M, L; ``prices`` per size, None: the product's."""
        variants = [
            {"sku": f"TEE-{size}", "options": {"Size": size}, "price": price}
            for size, price in zip("SML", prices, strict=True)
        ]
        return self.sim.add_product(
            "Tee", options=[SIZES], variants=variants, price=product_price, **fields
        )

    def seed_grid(self, prices, product_price=10.0):
        """A tee in Size S, M x Color Red, Blue; ``prices`` per (size, color)."""
        variants = [
            {
                "sku": f"TEE-{size}-{color}",
                "options": {"Size": size, "Color": color},
                "price": price,
            }
            for (size, color), price in prices.items()
        ]
        return self.sim.add_product(
            "Tee",
            options=[{"display_name": "Size", "values": ["S", "M"]}, COLORS],
            variants=variants,
            price=product_price,
        )

    def product(self, sku):
        return self.Product.search([("default_code", "=", sku)])

    def odoo_prices(self):
        """Each linked variant's regular price as Odoo would send it."""
        pricelist = self.store.regular_pricelist_id
        result = {}
        for link in self.links():
            product = link.product_id
            price = (
                pricelist._get_product_price(product, 1.0)
                if pricelist
                else product.lst_price
            )
            result[link.sku] = round(price, 2)
        return result


@tagged("standard", "bigcommerce")
class TestVariantPriceDownload(VariantPriceCase):
    def test_one_option_prices_become_extra_prices_of_its_values(self):
        self.seed_sizes([None, 22.0, 25.5])

        self.download()

        self.assertEqual(
            self.odoo_prices(), {"TEE-S": 20.0, "TEE-M": 22.0, "TEE-L": 25.5}
        )
        self.assertEqual(self.product("TEE-L").price_extra, 5.5)
        self.assertFalse(self.store.regular_pricelist_id)

    def test_the_sales_price_is_the_bigcommerce_product_price(self):
        self.seed_sizes([30.0, 22.0, 25.0], product_price=20.0)

        self.download()

        self.assertEqual(self.links().product_tmpl_id.list_price, 20.0)
        self.assertEqual(self.product("TEE-S").lst_price, 30.0)

    def test_prices_adding_up_over_two_options_need_no_pricelist(self):
        self.seed_grid(
            {("S", "Red"): 10.0, ("S", "Blue"): 12.0, ("M", "Red"): 14.0,
             ("M", "Blue"): 16.0}
        )  # fmt: skip

        self.download()

        self.assertFalse(self.store.regular_pricelist_id)
        self.assertEqual(
            self.odoo_prices(),
            {"TEE-S-Red": 10.0, "TEE-S-Blue": 12.0, "TEE-M-Red": 14.0,
             "TEE-M-Blue": 16.0},
        )  # fmt: skip

    def test_prices_not_adding_up_go_to_a_created_regular_price_tier(self):
        self.seed_grid(
            {("S", "Red"): 10.0, ("S", "Blue"): 12.0, ("M", "Red"): 14.0,
             ("M", "Blue"): 20.0}
        )  # fmt: skip

        run = self.download()

        pricelist = self.store.regular_pricelist_id
        self.assertTrue(pricelist)
        self.assertEqual(pricelist.company_id, self.store.company_id)
        self.assertEqual(pricelist.currency_id, self.store.company_id.currency_id)
        self.assertEqual(
            self.odoo_prices(),
            {"TEE-S-Red": 10.0, "TEE-S-Blue": 12.0, "TEE-M-Red": 14.0,
             "TEE-M-Blue": 20.0},
        )  # fmt: skip
        self.assertEqual(
            set(pricelist.item_ids.mapped("applied_on")), {"0_product_variant"}
        )
        self.assertEqual(self.links().product_tmpl_id.list_price, 10.0)
        self.assertEqual(run.counts["failed"], 0)

    def test_an_existing_regular_price_tier_gets_each_variant_price(self):
        tier = self.env["product.pricelist"].create({"name": "BC regular"})
        self.store.regular_pricelist_id = tier
        self.seed_sizes([None, 22.0, 25.0])

        self.download()

        self.assertEqual(self.store.regular_pricelist_id, tier)
        self.assertEqual(
            self.odoo_prices(), {"TEE-S": 20.0, "TEE-M": 22.0, "TEE-L": 25.0}
        )

    def test_variants_without_a_price_follow_the_product_price(self):
        bc_product = self.seed_sizes([None, 22.0, None])
        self.download()
        bc_product["price"] = 21.0

        self.download()

        self.assertEqual(
            self.odoo_prices(), {"TEE-S": 21.0, "TEE-M": 22.0, "TEE-L": 21.0}
        )

    def test_a_new_variant_of_a_template_shared_with_odoo_gets_a_rule(self):
        """Odoo master: the existing variants keep their prices, the new one
        gets its own in the regular price tier (created)."""
        variants = [
            {"sku": "TEE-S", "options": {"Size": "S"}, "price": None},
            {"sku": "TEE-M", "options": {"Size": "M"}, "price": 22.0},
        ]
        bc_product = self.sim.add_product(
            "Tee", options=[SIZES], variants=variants, price=20.0
        )
        self.download()
        self.store.product_master = "odoo"
        self.links().product_tmpl_id.list_price = 19.0  # Odoo's own price now
        self.sim.add_variant(
            bc_product["id"], sku="TEE-L", options={"Size": "L"}, price=40.0
        )

        self.download()

        self.assertTrue(self.store.regular_pricelist_id)
        self.assertEqual(self.odoo_prices()["TEE-L"], 40.0)
        self.assertEqual(self.product("TEE-S").lst_price, 19.0)
        self.assertEqual(self.product("TEE-M").lst_price, 21.0)


@tagged("standard", "bigcommerce")
class TestVariantPriceRoundTrip(VariantPriceCase):
    """Download, then Update (Odoo master): BigCommerce's prices stay as they are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.write({"product_master": "odoo", "update_pricing": True})

    def bc_prices(self, bc_product):
        product = self.sim.product(bc_product["id"])
        return (
            (product["price"], product["sale_price"]),
            {
                v["sku"]: (v["price"], v["sale_price"], v["calculated_price"])
                for v in product["variants"]
            },
        )

    def update(self):
        self.sim.reset_log()

        def flow(run):
            ProductExporter(self.store, run).apply(
                "update", self.links().product_tmpl_id
            )

        run = self.store._run_flow("product_export", flow)
        self.assertEqual(run.counts["failed"], 0)
        return run

    def sent(self):
        """The product PUT body and the variant items the update sent."""
        [product] = [
            r.body
            for r in self.sim.requests
            if r.method == "PUT" and PRODUCTS in r.path
        ]
        items = {
            item["sku"]: item
            for r in self.sim.requests
            if r.method == "PUT" and r.path.endswith(VARIANTS)
            for item in r.body
        }
        return product, items

    def assert_round_trip(self, bc_product):
        before = self.bc_prices(bc_product)
        self.download()

        self.update()

        self.assertEqual(self.bc_prices(bc_product), before)
        product_body, items = self.sent()
        self.assertEqual(product_body["price"], before[0][0])
        for sku, item in items.items():
            own_price, own_sale, _calculated = before[1][sku]
            self.assertEqual(item.get("price", own_price), own_price)
            self.assertEqual(item.get("sale_price", own_sale), own_sale)
        validate_logged_requests(self.sim.requests)
        return items

    def test_update_after_download_sends_the_variant_prices_back(self):
        # The product's own price is not its lowest variant price.
        bc_product = self.seed_sizes([None, 22.0, 25.5], product_price=24.0)

        items = self.assert_round_trip(bc_product)

        self.assertEqual(items["TEE-M"]["price"], 22.0)
        self.assertEqual(items["TEE-L"]["price"], 25.5)

    def test_update_leaves_a_variant_without_own_price_without_one(self):
        bc_product = self.seed_sizes([None, 22.0, 25.5], product_price=20.0)

        items = self.assert_round_trip(bc_product)

        self.assertNotIn("price", items["TEE-S"])
        variants = self.sim.product(bc_product["id"])["variants"]
        self.assertIsNone(next(v for v in variants if v["sku"] == "TEE-S")["price"])

    def test_update_after_download_of_prices_not_adding_up(self):
        bc_product = self.seed_grid(
            {("S", "Red"): 10.0, ("S", "Blue"): 12.0, ("M", "Red"): 14.0,
             ("M", "Blue"): 20.0}
        )  # fmt: skip

        items = self.assert_round_trip(bc_product)

        self.assertTrue(self.store.regular_pricelist_id)
        self.assertEqual(items["TEE-M-Blue"]["price"], 20.0)

    def test_update_without_sale_price_tier_keeps_bigcommerce_sale_prices(self):
        bc_product = self.seed_sizes([None, 22.0, 25.0], sale_price=18.0)
        variant = self.sim.product(bc_product["id"])["variants"][2]
        variant["sale_price"] = 21.0

        items = self.assert_round_trip(bc_product)

        self.assertFalse(any("sale_price" in item for item in items.values()))

    def test_update_with_price_tiers_sends_the_same_prices(self):
        Pricelist = self.env["product.pricelist"]
        self.store.write(
            {
                "regular_pricelist_id": Pricelist.create({"name": "Regular"}).id,
                "sale_pricelist_id": Pricelist.create({"name": "Sale"}).id,
            }
        )
        bc_product = self.seed_sizes([None, 22.0, 25.0], sale_price=18.0)

        self.assert_round_trip(bc_product)

    def test_price_push_after_download_sends_nothing(self):
        self.seed_grid(
            {("S", "Red"): 10.0, ("S", "Blue"): 12.0, ("M", "Red"): 14.0,
             ("M", "Blue"): 20.0}
        )  # fmt: skip
        self.sim.add_product("Mug", sku="MUG", price=9.0, sale_price=7.0)
        self.download()
        self.sim.reset_log()

        self.store.action_update_all_prices()

        self.assertEqual(self.sim.count("PUT", VARIANTS), 0)

    def test_update_still_sends_a_price_changed_in_odoo(self):
        bc_product = self.seed_sizes([None, 22.0, 25.0], product_price=20.0)
        self.download()
        self.links().product_tmpl_id.list_price = 21.0

        self.update()

        product, items = self.sent()
        self.assertEqual(product["price"], 21.0)
        self.assertEqual(items["TEE-S"]["price"], 21.0)
        self.assertEqual(items["TEE-M"]["price"], 23.0)
        variants = self.sim.product(bc_product["id"])["variants"]
        self.assertEqual([v["calculated_price"] for v in variants], [21.0, 23.0, 26.0])
