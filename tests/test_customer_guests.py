"""Guests without email: a customer of their own under the policies that create."""

from odoo.tests import tagged

from tests.test_customer_resolver import CustomerResolverCase, order
from tests.test_order_download import OrderDownloadCase

NO_EMAIL = {"email": ""}


@tagged("standard", "bigcommerce")
class TestGuestsWithoutEmail(CustomerResolverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.customer_policy = "id_email_update"

    def test_guest_without_email_becomes_a_customer_of_its_billing_address(self):
        result = self.resolve(order(0, email="", phone="512-555-0199"))

        guest = result.partner
        self.assertEqual(result.how, "created")
        self.assertNotEqual(guest, self.store.cash_partner_id)
        self.assertEqual(guest.name, "Jane Doe")
        self.assertEqual(
            (guest.street, guest.city, guest.zip),
            ("455 Main Street", "Austin", "78751"),
        )
        self.assertEqual((guest.country_id, guest.state_id), (self.us, self.texas))
        self.assertEqual(guest.phone, "+15125550199")
        self.assertFalse(guest.email)
        self.assertEqual(result.invoice_partner, guest)

    def test_two_guests_at_different_addresses_are_two_customers(self):
        first, second = self.resolve(
            order(0, email=""),
            order(0, email="", order_id=101, first_name="Ann", street_1="1 Dock Road"),
        )

        self.assertNotEqual(first.partner, second.partner)
        self.assertEqual(second.partner.street, "1 Dock Road")

    def test_same_guest_again_is_found_by_name_and_address(self):
        first = self.resolve(order(0, email=""))

        again = self.resolve(order(0, email="", order_id=101, city=" AUSTIN "))

        self.assertEqual(again.partner, first.partner)
        self.assertEqual(again.how, "address")

    def test_same_name_at_another_address_is_another_guest(self):
        first = self.resolve(order(0, email=""))

        moved = self.resolve(order(0, email="", order_id=101, zip="78752"))

        self.assertNotEqual(moved.partner, first.partner)

    def test_guest_without_email_under_email_update_is_created_too(self):
        result = self.resolve(order(0, email=""), policy="email_update")

        self.assertEqual((result.how, result.partner.name), ("created", "Jane Doe"))

    def test_guest_without_email_nor_address_goes_to_the_cash_customer(self):
        blank = dict.fromkeys(("first_name", "last_name", "street_1", "city"), "")
        blank.update(zip="", state="", country="", country_iso2="", phone="")

        result = self.resolve(order(0, email="", **blank))

        self.assertEqual(result.how, "cash")
        self.assertEqual(result.partner, self.store.cash_partner_id)
        self.assertEqual(result.invoice_partner, result.partner)

    def test_guest_without_email_under_a_default_policy_is_not_created(self):
        result = self.resolve(order(0, email=""), policy="email_update_default")

        self.assertEqual(result.how, "cash")
        self.assertFalse(
            self.Partner.search([("name", "=", "Jane Doe"), ("type", "=", "contact")])
        )
        self.assertEqual(result.invoice_partner.parent_id, result.partner)
        self.assertEqual(result.invoice_partner.street, "455 Main Street")


@tagged("standard", "bigcommerce")
class TestGuestOrderDownload(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.customer_policy = "id_email_update"

    def guest_order(self, **billing):
        values = dict(first_name="Gus", last_name="Guest", email="", **billing)
        return self.mug_order(customer_id=0, billing_address=values)

    def contacts(self):
        return self.env["res.partner"].search([]).ids

    def test_guest_order_is_sold_to_a_contact_of_its_billing_address(self):
        self.guest_order(street_1="9 Pier", zip="78701")

        self.download()

        sale = self.sales()
        self.assertEqual(sale.partner_id.name, "Gus Guest")
        self.assertEqual(sale.partner_id.street, "9 Pier")
        self.assertEqual(sale.partner_invoice_id, sale.partner_id)
        self.assertNotEqual(sale.partner_id, self.store.cash_partner_id)

    def test_downloading_a_guest_order_again_creates_no_contact(self):
        self.guest_order(street_1="9 Pier", zip="78701")
        self.download()
        contacts = self.contacts()
        self.store.orders_modified_after = False

        self.download()

        self.assertEqual(self.contacts(), contacts)

    def test_reimported_guest_order_finds_its_contact_again(self):
        bc_order = self.guest_order(street_1="9 Pier", zip="78701")
        self.download()
        first = self.sales()
        contacts = self.contacts()
        first.action_cancel()
        self.log(bc_order).unlink()
        self.store.orders_modified_after = False

        self.download()

        again = self.sales() - first
        self.assertEqual(again.partner_id, first.partner_id)
        self.assertEqual(self.contacts(), contacts)
