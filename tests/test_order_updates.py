"""Later downloads of an imported order: Odoo never silently diverges."""

from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase


@tagged("standard", "bigcommerce")
class TestOrderUpdates(OrderDownloadCase):
    def import_then(self, **changes):
        bc_order = self.mug_order()
        self.download()
        self.sim.update_order(bc_order["id"], **changes)
        self.download()
        return bc_order

    def deliver(self, sale):
        picking = sale.picking_ids
        picking.move_ids.quantity = picking.move_ids.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()

    def test_cancelled_order_cancels_the_undelivered_sale_order(self):
        self.import_then(status_id=5)

        self.assertEqual(self.sales().state, "cancel")

    def test_archived_order_cancels_the_undelivered_sale_order(self):
        bc_order = self.mug_order()
        self.download()
        self.sim.delete_order(bc_order["id"])
        # Archived orders leave GET /v2/orders; a Retry reads the order by id.
        self.download(order_ids=[bc_order["id"]])

        self.assertEqual(self.sales().state, "cancel")

    def test_cancelled_after_delivery_opens_an_activity(self):
        bc_order = self.mug_order()
        self.download()
        sale = self.sales()
        self.deliver(sale)
        self.sim.update_order(bc_order["id"], status_id=5)

        self.download()

        self.assertEqual(sale.state, "sale")
        self.assertIn("already delivered", sale.activity_ids.note)

    def test_edited_quantity_updates_the_undelivered_order(self):
        bc_order = self.mug_order()
        self.download()
        # An edit keeps the order product's id (PUT /v2/orders with its id).
        line_id = self.sim.order(bc_order["id"])["products"][0]["id"]
        self.sim.update_order(
            bc_order["id"],
            products=[
                {
                    "id": line_id,
                    "sku": "MUG-1",
                    "name": "Mug",
                    "quantity": 5,
                    "price": 10,
                }
            ],
        )

        self.download()

        line = self.sales().order_line.filtered(
            lambda line: line.product_id == self.mug
        )
        self.assertEqual(line.product_uom_qty, 5)
        self.assertEqual(line.bigcommerce_order_product_id, line_id)

    def test_a_line_with_a_new_id_is_a_line_removed_and_one_added(self):
        # Same SKU, new order product id: never paired by SKU.
        self.import_then(
            products=[{"sku": "MUG-1", "name": "Mug", "quantity": 5, "price": 10}]
        )

        lines = self.sales().order_line.filtered(
            lambda line: line.product_id == self.mug
        )
        self.assertEqual(sorted(lines.mapped("product_uom_qty")), [0, 5])

    def test_edit_after_delivery_opens_an_activity(self):
        bc_order = self.mug_order()
        self.download()
        sale = self.sales()
        self.deliver(sale)
        self.sim.update_order(
            bc_order["id"],
            products=[{"sku": "MUG-1", "name": "Mug", "quantity": 7, "price": 10}],
        )

        self.download()

        self.assertIn("edited after delivery", sale.activity_ids.note)

    def test_unchanged_payload_changes_nothing(self):
        bc_order = self.mug_order()
        self.download()
        sale = self.sales()
        messages = len(sale.message_ids)
        self.store.orders_modified_after = False

        run = self.download()

        self.assertEqual(len(sale.message_ids), messages)
        self.assertEqual(run.counts["updated"], 0)
        self.assertEqual(self.log(bc_order).attempts, 1)

    def test_notes_message_and_total_follow_the_latest_download(self):
        bc_order = self.mug_order(customer_message="Leave at the door")
        self.download()
        self.sim.update_order(
            bc_order["id"],
            customer_message="Ring twice",
            staff_notes="Called the customer",
            total_inc_tax="25.00",
        )

        self.download()

        sale = self.sales()
        self.assertEqual(sale.bigcommerce_customer_message, "Ring twice")
        self.assertEqual(sale.bigcommerce_staff_notes, "Called the customer")
        self.assertEqual(sale.bigcommerce_total, 25.0)
