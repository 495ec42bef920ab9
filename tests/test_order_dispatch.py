"""Auto Dispatch Orders: deliveries validated at download, per the store's mode."""

from datetime import datetime

from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

AWAITING = {"status_id": 11, "status": "Awaiting Fulfillment"}
SHIPPED = {"status_id": 2, "status": "Shipped"}


@tagged("standard", "bigcommerce")
class TestOrderDispatch(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mug.is_storable = True
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.store.company_id.id)], limit=1
        )
        cls.store.order_warehouse_id = cls.warehouse

    def put_stock(self, quantity):
        self.env["stock.quant"]._update_available_quantity(
            self.mug, self.warehouse.lot_stock_id, quantity
        )

    def order_of(self, quantity, **fields):
        products = [{"sku": "MUG-1", "name": "Mug", "quantity": quantity, "price": 10}]
        return self.mug_order(products=products, **fields)

    def sale_of(self, bc_order):
        return self.log(bc_order).sale_order_ids

    def delivered(self, bc_order):
        line = self.sale_of(bc_order).order_line.filtered(
            lambda line: line.product_id == self.mug
        )
        return line.qty_delivered

    def notes(self, bc_order):
        return " ".join(self.sale_of(bc_order).message_ids.mapped("body"))

    def test_no_leaves_the_delivery_to_a_person(self):
        self.put_stock(5)
        bc_order = self.order_of(2)

        self.download()

        self.assertEqual(self.delivered(bc_order), 0)
        self.assertEqual(self.sale_of(bc_order).picking_ids.state, "assigned")

    def test_yes_ships_at_download(self):
        self.store.auto_dispatch = "yes"
        self.put_stock(5)
        bc_order = self.order_of(2, **AWAITING)

        self.download()

        self.assertEqual(self.delivered(bc_order), 2)
        self.assertEqual(self.sale_of(bc_order).picking_ids.state, "done")

    def test_yes_ships_what_is_in_stock_and_keeps_a_backorder(self):
        self.store.auto_dispatch = "yes"
        self.put_stock(1)
        bc_order = self.order_of(3)

        self.download()

        pickings = self.sale_of(bc_order).picking_ids
        self.assertEqual(self.delivered(bc_order), 1)
        self.assertEqual(sorted(pickings.mapped("state")), ["confirmed", "done"])
        backorder = pickings.filtered(lambda p: p.state != "done")
        self.assertEqual(backorder.move_ids.product_uom_qty, 2)

    def test_nothing_in_stock_is_not_dispatched_and_said(self):
        self.store.auto_dispatch = "yes"
        bc_order = self.order_of(2)

        run = self.download()

        self.assertEqual(self.delivered(bc_order), 0)
        self.assertIn("nothing is in stock", self.notes(bc_order))
        self.assertIn(
            "nothing is in stock",
            " ".join(run.log.line_ids.mapped("message")),
        )

    def test_completed_only_waits_for_bigcommerce_to_ship(self):
        self.store.auto_dispatch = "completed"
        self.put_stock(5)
        waiting = self.order_of(2, **AWAITING)
        shipped = self.order_of(2, **SHIPPED)

        self.download()

        self.assertEqual(self.delivered(waiting), 0)
        self.assertEqual(self.delivered(shipped), 2)

    def test_a_later_download_that_sees_it_shipped_dispatches_it(self):
        self.store.auto_dispatch = "completed"
        self.put_stock(5)
        bc_order = self.order_of(2, **AWAITING)
        self.download()
        self.sim.update_order(bc_order["id"], **SHIPPED)

        self.download()

        self.assertEqual(self.delivered(bc_order), 2)

    def test_completed_only_needs_every_line_in_stock(self):
        self.store.auto_dispatch = "completed"
        self.put_stock(1)
        bc_order = self.order_of(3, **SHIPPED)

        self.download()

        self.assertEqual(self.delivered(bc_order), 0)
        self.assertIn("not every line is in stock", self.notes(bc_order))

    def test_ignore_stock_ships_what_it_has_of_a_shipped_order(self):
        self.store.auto_dispatch = "completed_any"
        self.put_stock(1)
        shipped = self.order_of(3, **SHIPPED)
        waiting = self.order_of(1, **AWAITING)

        self.download()

        self.assertEqual(self.delivered(shipped), 1)
        self.assertEqual(self.delivered(waiting), 0)

    def test_a_page_of_orders_is_dispatched_and_stock_shared_in_order(self):
        self.store.auto_dispatch = "yes"
        self.put_stock(3)
        orders = [self.order_of(2) for _ in range(3)]

        self.download()

        self.assertEqual([self.delivered(o) for o in orders], [2, 1, 0])

    def test_a_cancelled_order_is_never_dispatched(self):
        self.store.auto_dispatch = "yes"
        self.put_stock(5)
        bc_order = self.order_of(2, status_id=5, status="Cancelled")

        self.download()

        self.assertEqual(self.delivered(bc_order), 0)

    def test_a_shipped_order_is_dispatched_once_not_at_each_change(self):
        self.store.auto_dispatch = "completed_any"
        self.put_stock(1)
        bc_order = self.order_of(3, **SHIPPED)
        self.download()
        self.assertEqual(self.delivered(bc_order), 1)
        self.put_stock(5)
        self.sim.update_order(bc_order["id"], staff_notes="Call before delivery")

        self.download()

        # The backorder waits for a person: BigCommerce had shipped it already.
        self.assertEqual(self.delivered(bc_order), 1)

    def test_a_warehouse_delivering_in_steps_is_not_dispatched_and_said(self):
        self.store.auto_dispatch = "yes"
        self.warehouse.delivery_steps = "pick_ship"
        self.put_stock(5)
        bc_order = self.order_of(2)

        self.download()

        self.assertEqual(self.delivered(bc_order), 0)
        self.assertIn("delivers in several steps", self.notes(bc_order))

    def test_the_delivery_date_setting_schedules_the_delivery(self):
        self.store.order_etd = "created"
        bc_order = self.order_of(1, date_created=datetime(2031, 5, 6, 7, 8))

        self.download()

        picking = self.sale_of(bc_order).picking_ids
        self.assertEqual(picking.scheduled_date, datetime(2031, 5, 6, 7, 8))
