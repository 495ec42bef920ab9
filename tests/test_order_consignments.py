"""Orders of several consignments: one sale order, one delivery per address."""

from odoo import Command
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase
from tests.test_order_invoice import OrderInvoiceCase

HOME = 2001  # the billing address: the customer itself
GIFT = 2002  # another person: a delivery contact under the customer
GIFT_ADDRESS = {
    "first_name": "Max",
    "last_name": "Gift",
    "street_1": "9 Oak Road",
    "city": "Dallas",
    "zip": "75201",
    "phone": "",
}


class ConsignmentCase(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tee = cls.env["product.product"].create(
            {
                "name": "Tee",
                "default_code": "TEE-1",
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
        )

    def two_address_order(self, **fields):
        """Mugs to the customer's own address, a tee to Max by Express."""
        values = {
            "tax_rate": 0.08,
            "shipping_addresses": [
                {"id": HOME},
                {"id": GIFT, "cost_ex_tax": 5, "shipping_method": "Express"}
                | GIFT_ADDRESS,
            ],
            "products": [
                {
                    "sku": "MUG-1",
                    "name": "Mug",
                    "quantity": 2,
                    "order_address_id": HOME,
                },
                {"sku": "TEE-1", "name": "Tee", "price": 15, "order_address_id": GIFT},
            ],
        }
        values.update(fields)
        return self.sim.add_order(**values)

    def deliveries(self, sale):
        """``{BigCommerce address id: (contact, product codes)}`` of the pickings."""
        return {
            picking.bigcommerce_order_address_id: (
                picking.partner_id,
                sorted(picking.move_ids.product_id.mapped("default_code")),
            )
            for picking in sale.picking_ids
        }

    def line(self, sale, text):
        return sale.order_line.filtered(lambda line: text in line.name)


@tagged("standard", "bigcommerce")
class TestConsignmentDeliveries(ConsignmentCase):
    def test_two_shipping_consignments_make_two_deliveries_each_to_its_address(self):
        self.two_address_order()

        self.download()

        sale = self.sales()
        self.assertEqual(len(sale), 1)
        deliveries = self.deliveries(sale)
        self.assertEqual(len(sale.picking_ids), 2)
        home, mugs = deliveries[HOME]
        gift, tees = deliveries[GIFT]
        self.assertEqual((home, mugs), (sale.partner_id, ["MUG-1"]))
        self.assertEqual(
            (gift.name, gift.street, tees), ("Max Gift", "9 Oak Road", ["TEE-1"])
        )
        self.assertEqual((gift.type, gift.parent_id), ("delivery", sale.partner_id))

    def test_each_line_keeps_its_order_address_and_the_order_the_first(self):
        self.two_address_order()

        self.download()

        sale = self.sales()
        mug, tee = self.line(sale, "Mug"), self.line(sale, "Tee")
        self.assertEqual(
            (mug.bigcommerce_order_address_id, tee.bigcommerce_order_address_id),
            (HOME, GIFT),
        )
        self.assertEqual(tee.bigcommerce_partner_shipping_id.street, "9 Oak Road")
        self.assertEqual(sale.bigcommerce_address_id, HOME)
        self.assertEqual(sale.partner_shipping_id, mug.bigcommerce_partner_shipping_id)

    def test_shipping_charges_carry_their_consignment_address(self):
        self.two_address_order()

        self.download()

        charges = self.sales().order_line.filtered("is_delivery")
        by_address = {c.bigcommerce_order_address_id: c for c in charges}
        self.assertEqual(sorted(by_address), [HOME, GIFT])
        self.assertIn("Express", by_address[GIFT].name)
        self.assertEqual(by_address[GIFT].price_unit, 5)
        self.assertEqual(
            by_address[GIFT].bigcommerce_partner_shipping_id.name, "Max Gift"
        )

    def test_a_second_order_to_the_same_address_reuses_its_delivery_contact(self):
        self.two_address_order()
        self.two_address_order()

        self.download()

        first, second = self.sales().sorted("bigcommerce_order_id")
        contact = self.line(first, "Tee").bigcommerce_partner_shipping_id
        self.assertEqual(
            self.line(second, "Tee").bigcommerce_partner_shipping_id, contact
        )
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("parent_id", "=", first.partner_id.id), ("street", "=", "9 Oak Road")]
            ),
            1,
        )

    def test_one_address_makes_one_delivery_of_every_line(self):
        self.mug_order(
            products=[
                {"sku": "MUG-1", "name": "Mug", "quantity": 2},
                {"sku": "TEE-1", "name": "Tee"},
            ]
        )

        self.download()

        picking = self.sales().picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(len(picking.move_ids), 2)

    def test_picked_up_and_digital_lines_are_kept_apart_from_the_shipped_ones(self):
        self.sim.add_order(
            products=[
                {"sku": "MUG-1", "name": "Mug"},
                {"sku": "TEE-1", "name": "Tee", "order_pickup_method_id": 1},
                {"sku": "EBOOK-1", "name": "E-book", "type": "digital"},
            ]
        )

        self.download()

        sale = self.sales()
        tee, ebook = self.line(sale, "Tee"), self.line(sale, "E-book")
        self.assertEqual(tee.bigcommerce_order_address_id, 0)
        self.assertEqual(tee.bigcommerce_partner_shipping_id, sale.partner_id)
        self.assertTrue(ebook)
        # The shipped mug goes to the customer's own address too, yet the
        # tee it collects is a delivery of its own.
        self.assertEqual(self.deliveries(sale)[0], (sale.partner_id, ["TEE-1"]))
        self.assertEqual(len(sale.picking_ids), 2)


@tagged("standard", "bigcommerce")
class TestConsignmentUpdates(ConsignmentCase):
    def add_line(self, bc_order, **line):
        """Keep the order's products (same ids) and add ``line``."""
        kept = [
            {
                "id": p["id"],
                "sku": p["sku"],
                "name": p["name"],
                "quantity": p["quantity"],
                "price": p["price_ex_tax"],
                "order_address_id": p["order_address_id"],
            }
            for p in self.sim.order(bc_order["id"])["products"]
        ]
        self.sim.update_order(bc_order["id"], products=[*kept, line], tax_rate=0.08)

    def test_a_line_added_later_ships_with_its_consignment(self):
        bc_order = self.two_address_order()
        self.download()
        self.add_line(bc_order, sku="MUG-1", name="Second mug", order_address_id=GIFT)

        self.download()

        sale = self.sales()
        added = self.line(sale, "Second mug")
        self.assertEqual(added.bigcommerce_order_address_id, GIFT)
        self.assertEqual(added.bigcommerce_partner_shipping_id.name, "Max Gift")
        self.assertEqual(self.deliveries(sale)[GIFT][1], ["MUG-1", "TEE-1"])

    def test_a_line_added_to_a_new_address_gets_that_address(self):
        bc_order = self.two_address_order()
        self.download()
        addresses = self.sim.order(bc_order["id"])["shipping_addresses"]
        addresses.append(
            dict(addresses[1], id=2003, first_name="Ada", street_1="1 Elm Street")
        )
        self.add_line(bc_order, sku="MUG-1", name="Third mug", order_address_id=2003)

        self.download()

        added = self.line(self.sales(), "Third mug")
        self.assertEqual(added.bigcommerce_order_address_id, 2003)
        contact = added.bigcommerce_partner_shipping_id
        self.assertEqual((contact.name, contact.street), ("Ada Gift", "1 Elm Street"))


@tagged("standard", "bigcommerce")
class TestConsignmentInvoice(ConsignmentCase, OrderInvoiceCase):
    def test_two_consignments_keep_the_order_total_and_invoice_exact(self):
        bc_order = self.two_address_order()

        self.download()

        sale = self.sales()
        total = float(bc_order["total_inc_tax"])
        self.assertEqual(sale.amount_total, total)
        self.assertEqual(sale.invoice_ids.amount_total, total)
        self.assertEqual(sale.invoice_ids.amount_residual, 0)
