"""Download products: BigCommerce catalog to Odoo products, over real HTTP."""

from odoo.addons.bigcommerce_connector.sync.catalog.importer import ProductImporter
from odoo.exceptions import UserError
from odoo.tests import tagged

from tests.common import BigCommerceCase

SIZES = {"display_name": "Size", "values": ["S", "M", "L"]}
COLORS = {"display_name": "Color", "values": ["Red", "Blue"]}


def tee_variants(prefix="TEE"):
    return [
        {"sku": f"{prefix}-S-RED", "options": {"Size": "S", "Color": "Red"}},
        {"sku": f"{prefix}-M-RED", "options": {"Size": "M", "Color": "Red"}},
        {"sku": f"{prefix}-L-BLUE", "options": {"Size": "L", "Color": "Blue"}},
    ]


class ProductDownloadCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, weight_unit="lb", dimension_unit="in")
        cls.Product = cls.env["product.product"]
        cls.Link = cls.env["bigcommerce.product.link"]

    def download(self, full=True, page_size=250):
        """Run a download like the button does; return the finished run."""
        return self.run_sync(
            "product_download",
            lambda run: ProductImporter(self.store, run).download(
                full=full, page_size=page_size
            ),
        )

    def links(self):
        return self.Link.search([("store_id", "=", self.store.id)])

    def messages(self, run):
        return " | ".join(run.log.line_ids.mapped("message"))


@tagged("standard", "bigcommerce")
class TestProductDownload(ProductDownloadCase):
    def test_variants_become_odoo_variants_from_all_options(self):
        options = [
            SIZES,
            COLORS,
            {"display_name": "Fit", "values": ["Slim"]},
            {"display_name": "Sleeve", "values": ["Short"]},
        ]
        variants = [
            {
                "sku": f"V{i}",
                "options": {"Size": s, "Color": c, "Fit": "Slim", "Sleeve": "Short"},
            }
            for i, (s, c) in enumerate([("S", "Red"), ("M", "Blue")])
        ]
        bc_product = self.sim.add_product("Tee", options=options, variants=variants)

        run = self.download()

        template = self.links().product_tmpl_id
        self.assertEqual(len(template), 1)
        self.assertEqual(len(template.attribute_line_ids), 4)
        self.assertEqual(len(template.product_variant_ids), 2)
        self.assertEqual(
            sorted(template.product_variant_ids.mapped("default_code")), ["V0", "V1"]
        )
        self.assertEqual(set(self.links().mapped("bc_product_id")), {bc_product["id"]})
        self.assertEqual(run.counts["created"], 2)

    def test_product_without_options_becomes_a_single_variant(self):
        self.sim.add_product("Mug", sku="MUG-1", price=9.5)

        self.download()

        product = self.Product.search([("default_code", "=", "MUG-1")])
        self.assertEqual(len(product), 1)
        self.assertEqual(product.product_tmpl_id.product_variant_count, 1)
        self.assertEqual(product.lst_price, 9.5)
        self.assertEqual(self.links().product_id, product)

    def test_second_download_creates_no_duplicate(self):
        self.sim.add_product("Tee", options=[SIZES, COLORS], variants=tee_variants())
        self.sim.add_product("Mug", sku="MUG-1")
        self.download()
        products = self.Product.search([]).ids
        links = self.links().ids

        run = self.download()

        self.assertEqual(self.Product.search([]).ids, products)
        self.assertEqual(self.links().ids, links)
        self.assertEqual(run.counts["created"], 0)

    def test_existing_product_with_the_sku_as_reference_is_linked(self):
        mug = self.Product.create({"name": "Our mug", "default_code": "MUG-1"})
        self.sim.add_product("Mug", sku="MUG-1")

        self.download()

        self.assertEqual(self.links().product_id, mug)
        self.assertEqual(self.Product.search_count([("default_code", "=", "MUG-1")]), 1)

    def test_link_only_store_never_creates(self):
        self.store.product_link_only = True
        self.sim.add_product("Mug", sku="MUG-1")

        run = self.download()

        self.assertFalse(self.Product.search([("default_code", "=", "MUG-1")]))
        self.assertFalse(self.links())
        self.assertIn("links only", self.messages(run))

    def test_variant_without_sku_is_skipped_and_logged(self):
        variants = tee_variants()
        variants[1]["sku"] = ""
        self.sim.add_product("Tee", options=[SIZES, COLORS], variants=variants)

        run = self.download()

        self.assertEqual(len(self.links()), 2)
        self.assertIn("no SKU", self.messages(run))
        self.assertEqual(run.counts["skipped"], 1)

    def test_two_odoo_products_with_one_reference_link_nothing(self):
        self.Product.create(
            [
                {"name": "A", "default_code": "TWIN"},
                {"name": "B", "default_code": "TWIN"},
            ]
        )
        self.sim.add_product("Mug", sku="TWIN")

        run = self.download()

        self.assertFalse(self.links())
        self.assertEqual(self.Product.search_count([("default_code", "=", "TWIN")]), 2)
        self.assertIn("several Odoo products", self.messages(run))

    def test_new_variant_in_bigcommerce_joins_the_existing_template(self):
        bc_product = self.sim.add_product(
            "Tee", options=[SIZES, COLORS], variants=tee_variants()
        )
        self.download()
        template = self.links().product_tmpl_id
        self.sim.add_variant(
            bc_product["id"], sku="TEE-S-BLUE", options={"Size": "S", "Color": "Blue"}
        )

        self.download()

        self.assertEqual(len(self.links()), 4)
        self.assertEqual(self.links().product_tmpl_id, template)
        self.assertEqual(template.product_variant_count, 4)

    def test_variant_whose_option_was_deleted_is_skipped(self):
        bc_product = self.sim.add_product(
            "Tee", options=[SIZES, COLORS], variants=tee_variants()
        )
        self.sim.add_variant(
            bc_product["id"], sku="TEE-XL", options={"Size": "L", "Color": "Red"}
        )
        self.sim.delete_option(bc_product["id"], "Color")

        run = self.download()

        # Without Color, TEE-L-BLUE and TEE-XL are both "L": neither is guessed.
        self.assertEqual(sorted(self.links().mapped("sku")), ["TEE-M-RED", "TEE-S-RED"])
        self.assertIn("repeats the options", self.messages(run))


@tagged("standard", "bigcommerce")
class TestProductDownloadFaults(ProductDownloadCase):
    def test_500_midway_loses_nothing_and_a_rerun_completes(self):
        for index in range(10):
            self.sim.add_product(
                f"Product {index}",
                sku=f"P{index}",
                date_modified=f"2025-01-{index + 1:02d}T10:00:00+00:00",
            )
        # The fourth page, asked for from the fourth product's date.
        self.sim.fail_next("500", count=20, path_contains="2025-01-04")

        first = self.download(full=False, page_size=2)

        self.assertEqual(sorted(self.links().mapped("sku")), ["P0", "P1", "P2", "P3"])
        self.assertEqual(first.log.state, "failed")
        cursor = self.store.download_products_after
        self.assertTrue(cursor)
        self.sim.reset_faults()

        self.download(full=False, page_size=2)

        self.assertEqual(len(self.links()), 10)
        self.assertEqual(
            self.Product.search_count([("default_code", "=like", "P%")]), 10
        )

    def test_one_bad_product_is_logged_and_the_page_goes_on(self):
        self.sim.add_product("Good", sku="GOOD-1")
        self.sim.add_product(
            "Emoji 🚀 " + "n" * 260,
            sku="EMOJI-1",
            description="<h1>Big</h1><script>x</script>",
        )
        self.sim.add_product("No weight", sku="NOWEIGHT", weight=0)
        self.Product.create({"name": "Barcode owner", "barcode": "0001"})
        self.sim.add_product("Barcode clash", sku="CLASH", upc="0001")

        run = self.download()

        self.assertEqual(len(self.links()), 4)
        emoji = self.Product.search([("default_code", "=", "EMOJI-1")])
        self.assertTrue(emoji.name.startswith("Emoji 🚀"))
        self.assertNotIn("<script>", str(emoji.bigcommerce_description))
        self.assertEqual(
            self.Product.search([("default_code", "=", "NOWEIGHT")]).weight, 0
        )
        self.assertIn("Barcode 0001 not set", self.messages(run))

    def test_a_malformed_variant_price_fails_its_product_alone(self):
        self.sim.add_product("A", sku="A", date_modified="2026-01-01T00:00:00+00:00")
        bad = self.sim.add_product(
            "Tee",
            options=[SIZES, COLORS],
            variants=tee_variants(),
            date_modified="2026-01-02T00:00:00+00:00",
        )
        bad["variants"][1]["price"] = "12,50"
        self.sim.add_product("C", sku="C", date_modified="2026-01-03T00:00:00+00:00")

        run = self.download(full=False)

        self.assertEqual(sorted(self.links().mapped("sku")), ["A", "C"])
        self.assertFalse(self.Product.search([("default_code", "=like", "TEE-%")]))
        self.assertEqual((run.counts["fetched"], run.counts["failed"]), (3, 1))
        self.assertEqual(run.log.state, "partial")
        line = run.log.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(line.reference, f"product {bad['id']}")
        self.assertEqual(line.message, "variants[1].price: '12,50' is not an amount")
        # The next run fetches the refused product again.
        self.assertEqual(str(self.store.download_products_after), "2026-01-02 00:00:00")

    def test_a_malformed_date_fails_its_product_and_names_the_field(self):
        bad = self.sim.add_product("Mug", sku="MUG-1")
        self.sim.add_product("Cup", sku="CUP-1")
        bad["date_modified"] = "last Tuesday"

        run = self.download()

        self.assertEqual(self.links().sku, "CUP-1")
        self.assertIn("date_modified: 'last Tuesday' is not a date", self.messages(run))

    def test_incremental_download_fetches_only_modified_products(self):
        self.sim.add_product(
            "Old", sku="OLD", date_modified="2026-01-01T00:00:00+00:00"
        )
        self.download(full=False)
        self.assertEqual(str(self.store.download_products_after), "2026-01-01 00:00:00")
        self.sim.add_product(
            "New", sku="NEW", date_modified="2026-02-01T00:00:00+00:00"
        )
        self.sim.reset_log()

        run = self.download(full=False)

        query = self.sim.requests[0].query
        self.assertEqual(query.get("date_modified:min"), "2026-01-01T00:00:00+00:00")
        self.assertEqual(run.counts["fetched"], 2)  # OLD again (inclusive) and NEW
        self.assertEqual(run.counts["created"], 1)


@tagged("standard", "bigcommerce")
class TestProductDownloadRuns(ProductDownloadCase):
    def test_scheduled_download_runs_for_stores_that_enable_it(self):
        self.sim.add_product("Mug", sku="MUG-1")
        self.store.auto_download_products = True

        self.env["bigcommerce.store"]._cron_download_products()

        self.assertEqual(self.links().sku, "MUG-1")
        log = self.store.sync_log_ids[:1]
        self.assertEqual((log.trigger, log.state), ("cron", "done"))

    def test_scheduled_download_skips_stores_that_do_not_enable_it(self):
        self.sim.add_product("Mug", sku="MUG-1")

        self.env["bigcommerce.store"]._cron_download_products()

        self.assertFalse(self.sim.requests)

    def test_scheduled_download_logs_an_unreachable_store_and_goes_on(self):
        self.store.write({"auto_download_products": True})
        self.sim.fail_next("503", count=50)

        self.env["bigcommerce.store"]._cron_download_products()

        log = self.store.sync_log_ids[:1]
        self.assertEqual(log.state, "failed")
        self.assertIn("503", " ".join(log.line_ids.mapped("message")))

    def test_a_second_run_of_the_same_flow_is_refused(self):
        key = f"bigcommerce_connector:{self.store.id}:product_download"
        with self.registry.cursor() as other:
            other.execute("SELECT pg_advisory_lock(hashtext(%s))", [key])
            try:
                with self.assertRaisesRegex(UserError, "already running"):
                    self.store.action_download_products()
            finally:
                other.execute("SELECT pg_advisory_unlock(hashtext(%s))", [key])
        self.assertFalse(self.sim.requests)

    def test_a_skipped_conflict_does_not_hold_the_cursor_back(self):
        self.sim.add_product("A", sku="A", date_modified="2026-01-01T00:00:00+00:00")
        self.sim.add_product("B", sku="B", date_modified="2026-01-02T00:00:00+00:00")
        self.sim.add_product("C", sku="C", date_modified="2026-01-03T00:00:00+00:00")
        self.env["product.product"].create({"name": "C owner", "default_code": "C"})
        self.env["product.product"].create({"name": "C twin", "default_code": "C"})

        run = self.download(full=False)

        self.assertEqual(run.counts["failed"], 0)  # a conflict is skipped, not failed
        self.assertEqual(str(self.store.download_products_after), "2026-01-03 00:00:00")
