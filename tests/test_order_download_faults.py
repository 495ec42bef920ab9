"""Order download against faults and bad input: nothing lost, nothing doubled."""

from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase


@tagged("standard", "bigcommerce")
class TestOrderDownloadFaults(OrderDownloadCase):
    def test_500_midway_loses_nothing_and_a_rerun_completes(self):
        for day in range(1, 11):
            self.mug_order(date_modified=f"Wed, {day:02d} Jan 2025 10:00:00 +0000")
        # The fourth page, asked for from the fourth order's date.
        self.sim.fail_next("500", count=20, path_contains="2025-01-04")

        first = self.download(page_size=2)

        self.assertEqual(len(self.sales()), 4)
        self.assertEqual(first.log.state, "failed")
        self.assertEqual(str(self.store.orders_modified_after), "2025-01-04 10:00:00")
        self.sim.reset_faults()

        self.download(page_size=2)

        self.assertEqual(len(self.sales()), 10)
        self.assertEqual(len(self.sales().mapped("bigcommerce_order_id")), 10)

    def test_the_same_order_on_two_pages_is_one_sale_order(self):
        first = self.mug_order()
        second = self.mug_order()
        page_one = self.sim_orders([first["id"], second["id"]])
        with (
            self.store._get_client() as client,
            SyncRun(self.store, "order_download") as run,
        ):
            run.client = client
            importer = OrderImporter(self.store, run)
            importer.import_page(page_one)
            importer.import_page(page_one[:1])

        self.assertEqual(len(self.sales()), 2)

    def sim_orders(self, ids):
        """The orders as the list endpoint gives them, lines included."""
        with self.store._get_client() as client:
            return [
                order
                for order in client.iter_v2(
                    "v2/orders",
                    {
                        "include": "consignments.line_items",
                        "consignment_structure": "object",
                    },
                )
                if order["id"] in ids
            ]

    def test_one_bad_order_is_logged_and_the_page_goes_on(self):
        no_lines = self.sim.add_order(products=[{"sku": "MUG-1", "quantity": 0}])
        negative = self.sim.add_order(products=[{"sku": "MUG-1", "price": -5}])
        long_name = self.sim.add_order(
            products=[{"sku": "LONG", "name": "🚀 " + "x" * 2000, "price": 3}]
        )
        no_email = self.mug_order()
        no_email["billing_address"]["email"] = ""
        odd_address = self.mug_order()
        odd_address["billing_address"].update(
            country="Atlantis", country_iso2="QQ", state="Nowhere", phone="12"
        )
        no_sku = self.sim.add_order(
            products=[{"sku": "", "name": "Loose item", "price": 4}]
        )
        good = self.mug_order()

        run = self.download()

        self.assertEqual(self.log(no_lines).state, "skipped")
        self.assertIn("no lines", self.log(no_lines).reason)
        self.assertEqual(self.log(negative).state, "skipped")
        self.assertIn("negative price", self.log(negative).reason)
        for imported in (long_name, no_email, odd_address, no_sku, good):
            self.assertEqual(self.log(imported).state, "imported", imported["id"])
        self.assertEqual(len(self.sales()), 5)
        loose = self.sales().order_line.filtered(lambda line: line.name == "Loose item")
        self.assertEqual(loose.product_id.type, "service")
        long_line = self.sales().order_line.filtered(lambda line: "LONG" in line.name)
        self.assertIn("🚀", long_line.name)
        self.assertEqual(run.counts["skipped"], 2)

    def test_retry_imports_a_skipped_order_once_fixed(self):
        bc_order = self.sim.add_order(products=[{"sku": "MUG-1", "price": -5}])
        self.download()
        log = self.log(bc_order)
        self.assertEqual(log.state, "skipped")
        self.sim.update_order(
            bc_order["id"], products=[{"sku": "MUG-1", "quantity": 1, "price": 5}]
        )

        log.action_retry()

        self.assertEqual(log.state, "imported")
        self.assertEqual(len(log.sale_order_ids), 1)

    def test_a_malformed_total_fails_its_order_alone_naming_the_field(self):
        before, bad, after = (
            self.mug_order(date_modified=f"Wed, {day:02d} Jan 2025 10:00:00 +0000")
            for day in (1, 2, 3)
        )
        total = bad["total_inc_tax"]
        bad["total_inc_tax"] = "12,50"  # what the stored order now answers

        run = self.download()

        self.assertEqual(
            self.sales().mapped("bigcommerce_order_id"), [after["id"], before["id"]]
        )
        self.assertEqual(
            (self.log(before).state, self.log(after).state), ("imported",) * 2
        )
        failed = self.log(bad)
        self.assertEqual(failed.state, "error")
        self.assertEqual(failed.reason, "total_inc_tax: '12,50' is not an amount")
        self.assertIn(
            failed,
            self.env["bigcommerce.order.log"].search([("state", "=", "error")]),
        )
        self.assertEqual((run.counts["failed"], run.counts["created"]), (1, 2))
        self.assertEqual(run.log.state, "partial")
        [line] = run.log.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(line.reference, f"order {bad['id']}")
        self.assertEqual(line.message, "total_inc_tax: '12,50' is not an amount")
        # The cursor waits at the bad order, so the next run fetches it again.
        self.assertEqual(str(self.store.orders_modified_after), "2025-01-02 10:00:00")

        bad["total_inc_tax"] = total
        failed.action_retry()

        self.assertEqual(self.log(bad), failed)
        self.assertEqual(failed.state, "imported")
        self.assertFalse(failed.reason)
        self.assertAlmostEqual(self.log(bad).bc_total, float(total))
        self.assertEqual(len(self.sales()), 3)

    def test_a_malformed_line_quantity_fails_only_its_order(self):
        good = self.mug_order()
        bad = self.mug_order()
        bad["products"][0]["quantity"] = "two"

        run = self.download()

        self.assertEqual(self.sales().bigcommerce_order_id, good["id"])
        self.assertEqual(self.log(bad).state, "error")
        self.assertIn("line_items[0].quantity: 'two'", self.log(bad).reason)
        [line] = run.log.line_ids.filtered(lambda line: line.level == "error")
        self.assertIn("line_items[0].quantity: 'two'", line.message)

    def test_a_repeated_order_product_id_fails_its_order_naming_the_field(self):
        good = self.mug_order()
        bad = self.mug_order(products=[{"sku": "MUG-1"}, {"sku": "MUG-2"}])
        repeated = bad["products"][0]["id"]
        bad["products"][1]["id"] = repeated

        self.download()

        self.assertEqual(self.sales().bigcommerce_order_id, good["id"])
        self.assertEqual(self.log(bad).state, "error")
        self.assertEqual(
            self.log(bad).reason,
            f"consignments.shipping[0].line_items[1].id: {repeated} is not a new "
            "order product id (an earlier line has it)",
        )

    def test_a_line_of_quantity_0_is_left_out_and_said_on_the_order(self):
        line = {"sku": "MUG-1", "name": "Mug", "price": 10}
        self.mug_order(products=[dict(line, quantity=2), dict(line, quantity=0)])

        self.download()

        sale = self.sales()
        mugs = sale.order_line.filtered(lambda item: item.product_id == self.mug)
        self.assertEqual(mugs.mapped("product_uom_qty"), [2])
        self.assertIn(
            "Line MUG-1 has quantity 0: left out.",
            " ".join(sale.message_ids.mapped("body")),
        )

    def test_unknown_products_that_cannot_be_fetched_become_service_lines(self):
        self.store.write({"weight_unit": "lb", "dimension_unit": "in"})
        lamp = self.sim.add_product("Desk lamp", sku="LAMP-1", price=30)
        self.sim.add_order(products=[{"product_id": lamp["id"], "price": 30}])
        self.mug_order()
        self.sim.fail_next("500", count=20, path_contains="/v3/catalog/products")

        run = self.download()

        self.assertEqual(len(self.sales()), 2)
        self.assertEqual(run.counts["created"], 2)
        lamp = self.sales().order_line.filtered(lambda line: line.price_unit == 30)
        self.assertEqual(lamp.product_id.type, "service")
        self.assertIn("LAMP-1", lamp.name)
        self.assertIn(
            "Products of order lines not downloaded",
            " ".join(run.log.line_ids.mapped("message")),
        )


@tagged("standard", "bigcommerce")
class TestFailedOrderLog(OrderDownloadCase):
    def test_an_order_failing_inside_its_import_is_logged_failed_for_retry(self):
        # A warehouse of another company: Odoo refuses the sale order after
        # the log row was claimed, and the order's savepoint rolls both back.
        company_b = self.env["res.company"].create({"name": "Company B"})
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1
        )
        self.store.order_warehouse_id = warehouse_b
        bc_order = self.mug_order()

        run = self.download()

        log = self.log(bc_order)
        self.assertEqual(run.counts["failed"], 1)
        self.assertEqual(log.state, "error")
        self.assertTrue(log.reason)
        self.assertFalse(self.sales())

        self.store.order_warehouse_id = False
        log.action_retry()

        self.assertEqual(log.state, "imported")
        self.assertEqual(len(self.sales()), 1)

    def test_a_failed_update_keeps_an_imported_order_imported(self):
        bc_order = self.mug_order()
        self.download()
        bc_order["products"][0]["quantity"] = "two"
        bc_order["date_modified"] = "Wed, 01 Jan 2031 10:00:00 +0000"

        run = self.download()

        self.assertEqual(run.counts["failed"], 1)
        self.assertEqual(self.log(bc_order).state, "imported")
        self.assertEqual(len(self.sales()), 1)

    def test_an_order_after_a_failed_one_still_finds_its_tax(self):
        # The failed order created the 7.375 % tax in its savepoint, which was
        # rolled back: the next order of the run must not reuse that tax.
        company_b = self.env["res.company"].create({"name": "Company B"})
        product_b = self.env["product.product"].create(
            {"name": "B only", "default_code": "B-ONLY", "company_id": company_b.id}
        )
        self.env["bigcommerce.product.link"].create(
            {
                "store_id": self.store.id,
                "product_id": product_b.id,
                "bc_product_id": 777,
                "bc_variant_id": 778,
                "sku": "B-ONLY",
            }
        )
        line = {"name": "B only", "sku": "B-ONLY", "variant_id": 778, "price": 10}
        failing = self.sim.add_order(
            products=[line],
            tax_rate=0.07375,
            date_modified="Wed, 01 Jan 2025 10:00:00 +0000",
        )
        fine = self.mug_order(
            tax_rate=0.07375, date_modified="Thu, 02 Jan 2025 10:00:00 +0000"
        )

        run = self.download()

        self.assertEqual(self.log(failing).state, "error")
        self.assertEqual(self.log(fine).state, "imported", self.log(fine).reason)
        self.assertEqual(run.counts["failed"], 1)
        self.assertEqual(len(self.sales()), 1)
        self.assertTrue(self.sales().order_line.tax_ids.exists())
