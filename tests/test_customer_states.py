"""A state Odoo does not know for the country is kept as text, with a note."""

from odoo.tests import tagged

from tests.test_customer_resolver import CustomerResolverCase, address, order


@tagged("standard", "bigcommerce")
class TestUnknownStates(CustomerResolverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.customer_policy = "id_email_update"

    def test_unknown_state_is_kept_as_text_and_noted(self):
        result = self.resolve(order(7, email="bob@example.com", state="Nowhere"))

        customer = result.partner
        self.assertFalse(customer.state_id)
        self.assertEqual(customer.bigcommerce_state_name, "Nowhere")
        self.assertEqual(customer.city, "Austin")
        self.assertIn("Nowhere", " ".join(result.notes))

    def test_state_text_is_printed_where_the_state_goes(self):
        result = self.resolve(order(7, email="bob@example.com", state="Nowhere"))

        self.assertIn("Austin Nowhere 78751", result.partner._display_address())

    def test_known_state_keeps_no_text(self):
        result = self.resolve(order(7, email="bob@example.com", state="Texas"))

        self.assertEqual(result.partner.state_id, self.texas)
        self.assertFalse(result.partner.bigcommerce_state_name)

    def test_state_of_a_country_without_states_is_kept_silently(self):
        result = self.resolve(
            order(
                7,
                email="bob@example.com",
                state="Region Hovedstaden",
                country="Denmark",
                country_iso2="DK",
                phone="",
            )
        )

        self.assertEqual(result.partner.bigcommerce_state_name, "Region Hovedstaden")
        self.assertFalse(result.notes)

    def test_update_to_a_known_state_clears_the_text(self):
        self.jane.write({"bigcommerce_state_name": "Nowhere"})

        self.resolve(order(7, state="TX"))

        self.assertEqual(self.jane.state_id, self.texas)
        self.assertFalse(self.jane.bigcommerce_state_name)

    def test_update_to_an_unknown_state_replaces_the_odoo_state(self):
        self.jane.write({"state_id": self.texas.id, "country_id": self.us.id})

        self.resolve(order(7, state="Nowhere"))

        self.assertFalse(self.jane.state_id)
        self.assertEqual(self.jane.bigcommerce_state_name, "Nowhere")

    def test_shipping_addresses_differing_by_state_text_are_two_contacts(self):
        ship = address(first_name="Ann", street_1="1 Dock Road", state="Nowhere")

        first = self.resolve(order(7, shipping=[ship]))
        second = self.resolve(order(7, shipping=[dict(ship, state="Elsewhere")]))

        self.assertNotEqual(first.shipping_partner, second.shipping_partner)
        self.assertEqual(second.shipping_partner.bigcommerce_state_name, "Elsewhere")
