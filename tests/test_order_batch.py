"""A page's new orders are imported together; one bad order never hurts the rest."""

from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase


@tagged("standard", "bigcommerce")
class TestOrderBatch(OrderDownloadCase):
    def lines_about(self, run, order):
        """The sync log's messages about ``order``."""
        reference = f"order {order['id']}"
        return run.log.line_ids.filtered(lambda line: line.reference == reference)

    def test_a_page_of_new_orders_is_imported_together(self):
        orders = [self.mug_order(tax_rate=0.0825) for _ in range(3)]

        run = self.download()

        self.assertEqual(len(self.sales()), 3)
        self.assertEqual((run.counts["fetched"], run.counts["created"]), (3, 3))
        for bc_order in orders:
            log = self.log(bc_order)
            self.assertEqual(log.state, "imported")
            self.assertEqual(log.sale_order_ids.state, "sale")
            self.assertEqual(
                log.sale_order_ids.amount_total, float(bc_order["total_inc_tax"])
            )

    def test_an_order_skipped_in_the_middle_of_a_page_leaves_the_others(self):
        first = self.mug_order()
        odd = self.mug_order(default_currency_code="XXX", currency_code="XXX")
        last = self.mug_order()

        run = self.download()

        self.assertEqual(self.log(odd).state, "skipped")
        self.assertIn("currency XXX", self.log(odd).reason)
        self.assertEqual(
            (self.log(first).state, self.log(last).state), ("imported", "imported")
        )
        self.assertEqual(len(self.sales()), 2)
        self.assertEqual(run.counts["created"], 2)
        self.assertEqual(run.counts["skipped"], 1)
        self.assertEqual(run.counts["fetched"], 3)
        # The rolled-back batch said nothing: each order is reported once.
        self.assertEqual(len(self.lines_about(run, odd)), 1)

    def test_an_order_failing_in_the_middle_of_a_page_is_logged_failed(self):
        first = self.mug_order()
        # PostgreSQL refuses a NUL character: the sale order cannot be saved.
        bad = self.mug_order(staff_notes="Call\x00back")
        last = self.mug_order()

        run = self.download()

        self.assertEqual(self.log(bad).state, "error")
        self.assertTrue(self.log(bad).reason)
        self.assertEqual(
            (self.log(first).state, self.log(last).state), ("imported", "imported")
        )
        self.assertEqual(len(self.sales()), 2)
        self.assertEqual((run.counts["created"], run.counts["failed"]), (2, 1))

    def test_a_rolled_back_batch_says_nothing_twice(self):
        unknown = {"sku": "NOPE-1", "name": "Unknown thing", "quantity": 1}
        bc_order = self.sim.add_order(products=[unknown])
        # This one rolls the batch back: the first is imported again alone.
        self.mug_order(default_currency_code="XXX", currency_code="XXX")

        run = self.download()

        sale = self.log(bc_order).sale_order_ids
        posted = [m for m in sale.message_ids.mapped("body") if "NOPE-1" in m]
        self.assertEqual(len(posted), 1)
        self.assertEqual(len(self.lines_about(run, bc_order)), 1)
