"""The customer's details: new customer defaults, addresses, phones."""

from odoo.addons.bigcommerce_connector.sync.customers.resolver import CustomerResolver
from odoo.addons.bigcommerce_connector.sync.orders.payload import parse_order
from odoo.tests import tagged

from tests.test_customer_resolver import JANE, CustomerResolverCase, address, order


@tagged("standard", "bigcommerce")
class TestCustomerDetails(CustomerResolverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.customer_policy = "id_email_update"

    def test_new_customer_gets_the_store_defaults(self):
        company = self.store.company_id
        tag, term, pricelist, position = self.set_new_customer_defaults()

        result = self.resolve(order(7, email="bob@example.com"))

        customer = result.partner.with_company(company)
        self.assertEqual(customer.category_id, tag)
        self.assertEqual(customer.property_payment_term_id, term)
        self.assertEqual(customer.property_product_pricelist, pricelist)
        self.assertEqual(customer.property_account_position_id, position)
        self.assertEqual(customer.customer_rank, 1)
        self.assertEqual(customer.company_type, "person")

    def test_billing_address_becomes_the_customer_address(self):
        result = self.resolve(
            order(7, email="bob@example.com", street_2="Suite 5", state="TX")
        )

        customer = result.partner
        self.assertEqual(customer.name, "Jane Doe")
        self.assertEqual(customer.street, "455 Main Street")
        self.assertEqual(customer.street2, "Suite 5")
        self.assertEqual((customer.city, customer.zip), ("Austin", "78751"))
        self.assertEqual(customer.state_id, self.texas)
        self.assertEqual(customer.country_id, self.us)
        self.assertEqual(result.shipping_partner, customer)

    def test_phone_is_normalised_to_e164_from_the_address_country(self):
        result = self.resolve(order(7, email="bob@example.com", phone="(512) 555-0199"))

        self.assertEqual(result.partner.phone, "+15125550199")
        self.assertFalse(result.notes)

    def test_invalid_phone_is_kept_as_given_and_noted(self):
        result = self.resolve(order(7, email="bob@example.com", phone="12345"))

        self.assertEqual(result.partner.phone, "12345")
        self.assertIn("12345", " ".join(result.notes))

    def test_unknown_country_is_noted_and_the_address_kept(self):
        result = self.resolve(
            order(
                7,
                email="bob@example.com",
                country="Atlantis",
                country_iso2="XA",
                phone="",
            )
        )

        self.assertFalse(result.partner.country_id)
        self.assertFalse(result.partner.state_id)
        self.assertEqual(result.partner.city, "Austin")
        self.assertIn("Atlantis", " ".join(result.notes))

    def test_unknown_state_is_noted(self):
        result = self.resolve(order(7, email="bob@example.com", state="Nowhere"))

        self.assertEqual(result.partner.country_id, self.us)
        self.assertFalse(result.partner.state_id)
        self.assertIn("Nowhere", " ".join(result.notes))

    def test_update_never_blanks_what_the_order_leaves_out(self):
        self.jane.write({"street": "1 Old Road", "phone": "+15125550100"})

        self.resolve(order(email=JANE, street_1="", city="", phone=""))

        self.assertEqual(self.jane.street, "1 Old Road")
        self.assertEqual(self.jane.phone, "+15125550100")

    def test_same_shipping_address_twice_makes_one_delivery_contact(self):
        ship = address(first_name="Ann", street_1="1 Dock Road")

        first, second = self.resolve(
            order(7, shipping=[ship]), order(7, shipping=[ship], order_id=101)
        )
        again = self.resolve(order(7, shipping=[dict(ship, city=" AUSTIN ")]))

        delivery = first.shipping_partner
        self.assertEqual(delivery.type, "delivery")
        self.assertEqual(delivery.parent_id, self.jane)
        self.assertEqual((delivery.name, delivery.street), ("Ann Doe", "1 Dock Road"))
        self.assertEqual(second.shipping_partner, delivery)
        self.assertEqual(again.shipping_partner, delivery)
        self.assertEqual(len(self.jane.child_ids), 1)

    def test_changed_shipping_address_makes_a_second_delivery_contact(self):
        ship = address(first_name="Ann", street_1="1 Dock Road")
        first = self.resolve(order(7, shipping=[ship]))

        moved = self.resolve(order(7, shipping=[dict(ship, street_1="2 Dock Road")]))

        self.assertNotEqual(moved.shipping_partner, first.shipping_partner)
        self.assertEqual(first.shipping_partner.street, "1 Dock Road")
        self.assertEqual(moved.shipping_partner.street, "2 Dock Road")
        self.assertEqual(len(self.jane.child_ids), 2)

    def test_shipping_address_equal_to_billing_is_the_customer(self):
        result = self.resolve(order(7, shipping=[address()]))

        self.assertEqual(result.shipping_partner, self.jane)
        self.assertFalse(self.jane.child_ids)

    def test_each_shipping_address_is_given_by_its_id(self):
        shipping = [
            address(id=31),
            address(id=32, first_name="Ann", company="Dock Co"),
        ]

        result = self.resolve(order(7, shipping=shipping))

        self.assertEqual(result.shipping_partners[31], self.jane)
        self.assertEqual(result.shipping_partners[32].name, "Ann Doe (Dock Co)")

    def test_customer_rolled_back_with_its_order_is_created_again(self):
        self.store.customer_policy = "email_update"
        resolver = CustomerResolver(self.store, None)
        page = [order(email="bob@example.com"), order(email="bob@example.com")]
        resolver.prefetch(page)
        with self.assertRaises(ValueError), self.cr.savepoint():
            resolver.resolve(page[0])
            raise ValueError("the order failed after its customer was made")

        result = resolver.resolve(page[1])

        self.assertEqual(result.how, "created")
        self.assertTrue(result.partner.exists())

    def test_order_from_the_simulator_resolves(self):
        self.sim.add_order(
            customer_id=0,
            billing_address=address("sim@example.com", first_name="Sim"),
            shipping_addresses=[{"first_name": "Sam", "street_1": "9 Pier"}],
        )
        with self.store._get_client() as client:
            orders = client.get(
                "v2/orders",
                params={
                    "include": "consignments.line_items",
                    "consignment_structure": "object",
                },
            )

        result = self.resolve(*map(parse_order, orders))

        self.assertEqual(result.partner.name, "Sim Doe")
        self.assertEqual(result.shipping_partner.street, "9 Pier")
        self.assertEqual(result.shipping_partner.parent_id, result.partner)
