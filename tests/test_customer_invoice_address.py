"""The invoice address of an order is its billing address, under every policy."""

from odoo.tests import tagged

from tests.test_customer_resolver import JANE, CustomerResolverCase, order
from tests.test_order_download import OrderDownloadCase


@tagged("standard", "bigcommerce")
class TestInvoiceAddress(CustomerResolverCase):
    def test_customer_at_the_billing_address_is_the_invoice_address(self):
        result = self.resolve(order(7), policy="id_email_update")

        self.assertEqual(result.invoice_partner, self.jane)
        self.assertFalse(self.jane.child_ids)

    def test_kept_customer_elsewhere_gets_an_invoice_contact_of_the_billing(self):
        result = self.resolve(order(7), policy="id_email_keep")

        invoice = result.invoice_partner
        self.assertEqual(self.jane.city, "Dallas")
        self.assertEqual((invoice.type, invoice.parent_id), ("invoice", self.jane))
        self.assertEqual(invoice.name, "Jane Doe")
        self.assertEqual((invoice.street, invoice.city), ("455 Main Street", "Austin"))
        self.assertEqual((invoice.zip, invoice.state_id), ("78751", self.texas))
        self.assertEqual(invoice.email, JANE)

    def test_invoice_contact_is_found_again_not_duplicated(self):
        first, second = self.resolve(
            order(7), order(7, order_id=101), policy="id_email_keep"
        )
        third = self.resolve(order(7, order_id=102), policy="id_email_keep")

        self.assertEqual(second.invoice_partner, first.invoice_partner)
        self.assertEqual(third.invoice_partner, first.invoice_partner)
        self.assertEqual(len(self.jane.child_ids), 1)

    def test_default_customer_order_invoices_its_billing_address(self):
        result = self.resolve(order(7), policy="default")

        invoice = result.invoice_partner
        self.assertEqual(result.partner, self.default)
        self.assertEqual(invoice.parent_id, self.default)
        self.assertEqual((invoice.name, invoice.city), ("Jane Doe", "Austin"))

    def test_billing_without_a_place_invoices_the_customer(self):
        place = dict.fromkeys(("street_1", "city", "zip", "state", "country"), "")

        result = self.resolve(order(7, country_iso2="", **place), policy="default")

        self.assertEqual(result.invoice_partner, self.default)
        self.assertFalse(self.default.child_ids)

    def test_billing_of_a_company_alone_invoices_the_company_contact(self):
        place = {"first_name": "", "last_name": "", "company": "Acme Inc"}

        result = self.resolve(order(7, **place), policy="default")

        invoice = result.invoice_partner
        self.assertEqual((invoice.name, invoice.is_company), ("Acme Inc", True))
        self.assertEqual(invoice.city, "Austin")
        self.assertFalse(self.default.child_ids)

    def test_invoice_contact_is_never_matched_as_the_customer_by_email(self):
        self.store.customer_policy = "email_update_default"
        first = self.resolve(order(email="bob@example.com"))
        # A later run: the invoice contact with bob's email is in the database.
        second = self.resolve(order(email="bob@example.com", order_id=101))

        self.assertEqual(first.invoice_partner.email, "bob@example.com")
        self.assertEqual(second.partner, self.default)
        self.assertEqual(second.invoice_partner, first.invoice_partner)


@tagged("standard", "bigcommerce")
class TestOrderInvoiceAddress(OrderDownloadCase):
    def test_sale_order_invoice_address_is_the_billing_address(self):
        self.store.customer_policy = "id_email_keep"
        jane = self.env["res.partner"].create(
            {"name": "Jane Doe", "email": "janedoe@example.com", "city": "Dallas"}
        )
        self.mug_order()

        self.download()

        sale = self.sales()
        self.assertEqual(sale.partner_id, jane)
        self.assertEqual(sale.partner_invoice_id.parent_id, jane)
        self.assertEqual(sale.partner_invoice_id.type, "invoice")
        self.assertEqual(sale.partner_invoice_id.city, "Austin")
        self.assertEqual(sale.partner_invoice_id.street, "455 Main Street")

    def test_invoice_of_a_company_buyer_goes_to_the_company(self):
        self.store.invoice_mode = "individual"
        billing = {"company": "Acme Inc", "email": "buyer@example.com"}
        self.mug_order(billing_address=billing, payment_status="captured")

        self.download()

        sale = self.sales()
        acme = sale.partner_id.parent_id
        self.assertEqual((acme.name, acme.is_company), ("Acme Inc", True))
        self.assertEqual(sale.partner_invoice_id, sale.partner_id)
        self.assertEqual(sale.invoice_ids.commercial_partner_id, acme)
