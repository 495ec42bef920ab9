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


PIER = {
    "first_name": "Sam",
    "last_name": "Lee",
    "street_1": "9 Pier Road",
    "city": "Boston",
    "state": "Massachusetts",
    "zip": "02110",
    "country": "United States",
    "country_iso2": "US",
}


@tagged("standard", "bigcommerce")
class TestOrderBatchCustomers(OrderDownloadCase):
    """The page's new customers and delivery contacts are created together,
    exactly as one order at a time would have made them."""

    def customer_order(self, email, shipping=None, **billing):
        fields = {"billing_address": dict(billing, email=email)}
        if shipping:
            fields["shipping_addresses"] = [dict(shipping)]
        return self.mug_order(**fields)

    def customers(self, email):
        return self.env["res.partner"].search(
            [("email", "=", email), ("parent_id", "=", False)]
        )

    def deliveries(self, partner):
        return partner.child_ids.filtered(lambda child: child.type == "delivery")

    def sale_of(self, bc_order):
        return self.log(bc_order).sale_order_ids

    def test_a_new_customer_twice_in_a_page_is_created_once(self):
        first = self.customer_order("new@example.com", PIER, first_name="Ann")
        second = self.customer_order("new@example.com", PIER, first_name="Ann")
        other = self.customer_order("other@example.com", first_name="Bo")

        self.download()

        customer = self.customers("new@example.com")
        self.assertEqual(len(customer), 1)
        self.assertEqual(customer.name, "Ann Doe")
        delivery = self.deliveries(customer)
        self.assertEqual(len(delivery), 1)
        self.assertEqual((delivery.name, delivery.street), ("Sam Lee", "9 Pier Road"))
        for bc_order in (first, second):
            sale = self.sale_of(bc_order)
            self.assertEqual(sale.partner_id, customer)
            self.assertEqual(sale.partner_shipping_id, delivery)
            self.assertEqual(sale.partner_invoice_id, customer)
        other_sale = self.sale_of(other)
        self.assertEqual(other_sale.partner_id, self.customers("other@example.com"))
        self.assertEqual(other_sale.partner_shipping_id, other_sale.partner_id)

    def test_a_new_customer_keeps_the_address_of_its_first_order(self):
        self.store.customer_policy = "id_email_keep"
        first = self.customer_order("kept@example.com", street_1="1 First Street")
        second = self.customer_order("kept@example.com", street_1="2 Second Street")

        self.download()

        customer = self.customers("kept@example.com")
        self.assertEqual(customer.street, "1 First Street")
        self.assertEqual(self.sale_of(first).partner_shipping_id, customer)
        # The second order ships to its own address: a delivery contact.
        shipping = self.sale_of(second).partner_shipping_id
        self.assertEqual(shipping.parent_id, customer)
        self.assertEqual(shipping.street, "2 Second Street")

    def test_a_returning_customer_who_moved_gets_no_needless_delivery_contact(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Jane Doe",
                "email": "moved@example.com",
                "street": "455 Main Street",
                "city": "Austin",
                "customer_rank": 1,
            }
        )
        # Billing and shipping are the new address: the customer moves there.
        moved = self.customer_order("moved@example.com", street_1="1 New Road")
        self.customer_order("other@example.com", first_name="Bo")

        self.download()

        self.assertEqual(self.sale_of(moved).partner_id, customer)
        self.assertEqual(customer.street, "1 New Road")
        self.assertEqual(self.sale_of(moved).partner_shipping_id, customer)
        self.assertFalse(self.deliveries(customer))

    def test_customers_of_a_rolled_back_batch_are_made_again(self):
        first = self.customer_order("again@example.com", PIER, first_name="Cy")
        # PostgreSQL refuses a NUL character: the batch is rolled back.
        bad = self.mug_order(staff_notes="Call\x00back")
        last = self.customer_order("again@example.com", PIER, first_name="Cy")

        run = self.download()

        self.assertEqual(self.log(bad).state, "error")
        self.assertEqual(run.counts["created"], 2)
        customer = self.customers("again@example.com")
        self.assertEqual(len(customer), 1)
        self.assertEqual(len(self.deliveries(customer)), 1)
        for bc_order in (first, last):
            self.assertEqual(self.sale_of(bc_order).partner_id, customer)
            self.assertEqual(
                self.sale_of(bc_order).partner_shipping_id, self.deliveries(customer)
            )
