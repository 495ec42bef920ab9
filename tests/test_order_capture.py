"""Capture Order When It Is: created, completed or paid; waiting orders come later."""

from datetime import datetime

from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

UNPAID = {
    "payment_status": "pending",
    "status_id": 11,
    "status": "Awaiting Fulfillment",
}


@tagged("standard", "bigcommerce")
class TestOrderCapture(OrderDownloadCase):
    def test_an_order_waiting_to_be_paid_is_logged_waiting_not_imported(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(**UNPAID)

        run = self.download()

        log = self.log(bc_order)
        self.assertEqual(log.state, "waiting")
        self.assertIn("waits to be paid", log.reason)
        self.assertIn("pending", log.reason)
        self.assertFalse(self.sales())
        self.assertEqual(run.counts["waiting"], 1)
        self.assertEqual(run.log.waiting_count, 1)
        self.assertIn("1 waiting", run.log.summary)

    def test_the_download_that_sees_it_paid_imports_it(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(**UNPAID)
        self.download()
        self.sim.update_order(bc_order["id"], payment_status="captured")

        run = self.download()

        log = self.log(bc_order)
        self.assertEqual(log.state, "imported")
        self.assertFalse(log.reason)
        self.assertEqual(
            log.sale_order_ids.amount_total, float(bc_order["total_inc_tax"])
        )
        self.assertEqual(run.counts["created"], 1)

    def test_a_paid_order_is_imported_at_once(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(payment_status="captured")

        self.download()

        self.assertEqual(self.log(bc_order).state, "imported")

    def test_completed_capture_waits_for_shipped_or_completed(self):
        self.store.order_capture = "completed"
        waiting = self.mug_order(status_id=11, status="Awaiting Fulfillment")
        shipped = self.mug_order(status_id=2, status="Shipped")
        completed = self.mug_order(status_id=10, status="Completed")

        self.download()

        self.assertEqual(self.log(waiting).state, "waiting")
        self.assertIn("Awaiting Fulfillment", self.log(waiting).reason)
        self.assertEqual(self.log(shipped).state, "imported")
        self.assertEqual(self.log(completed).state, "imported")
        self.assertEqual(len(self.sales()), 2)

        self.sim.update_order(waiting["id"], status_id=2, status="Shipped")
        self.download()

        self.assertEqual(self.log(waiting).state, "imported")
        self.assertEqual(len(self.sales()), 3)

    def test_created_capture_imports_an_unpaid_order(self):
        bc_order = self.mug_order(**UNPAID)

        self.download()

        self.assertEqual(self.store.order_capture, "created")
        self.assertEqual(self.log(bc_order).state, "imported")

    def test_historical_loads_follow_the_same_rule(self):
        self.store.order_capture = "paid"
        old = self.mug_order(**UNPAID)

        self.download(since=datetime(2000, 1, 1))

        self.assertEqual(self.log(old).state, "waiting")
        self.assertFalse(self.sales())

    def test_retrying_a_waiting_order_still_unpaid_keeps_it_waiting(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(**UNPAID)
        self.download()

        self.download(order_ids=[bc_order["id"]])

        self.assertEqual(self.log(bc_order).state, "waiting")
        self.assertEqual(self.log(bc_order).attempts, 2)
        self.assertFalse(self.sales())

    def test_retry_after_the_setting_changed_imports_a_waiting_order(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(**UNPAID)
        self.download()
        self.store.order_capture = "created"

        self.log(bc_order).action_retry()

        self.assertEqual(self.log(bc_order).state, "imported")
        self.assertEqual(len(self.sales()), 1)

    def test_an_order_cancelled_while_waiting_is_skipped_with_the_reason(self):
        self.store.order_capture = "paid"
        bc_order = self.mug_order(**UNPAID)
        self.download()
        self.sim.update_order(bc_order["id"], status_id=5, status="Cancelled")

        self.download()

        log = self.log(bc_order)
        self.assertEqual(log.state, "skipped")
        self.assertIn("Cancelled before it was captured", log.reason)
        self.assertFalse(self.sales())

    def test_waiting_orders_in_a_page_leave_the_others_imported_together(self):
        self.store.order_capture = "paid"
        paid = [self.mug_order(payment_status="captured") for _ in range(2)]
        unpaid = self.mug_order(**UNPAID)
        paid.append(self.mug_order(payment_status="captured"))

        run = self.download()

        self.assertEqual(self.log(unpaid).state, "waiting")
        self.assertEqual([self.log(o).state for o in paid], ["imported"] * 3)
        self.assertEqual((run.counts["created"], run.counts["waiting"]), (3, 1))
        self.assertEqual(run.counts["fetched"], 4)
