"""Billing addresses with a company: a company contact with the person under it."""

from odoo.tests import tagged

from tests.test_customer_resolver import JANE, CustomerResolverCase, order


@tagged("standard", "bigcommerce")
class TestCustomerCompanies(CustomerResolverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.customer_policy = "id_email_update"

    def companies(self, name):
        return self.Partner.search([("is_company", "=", True), ("name", "=", name)])

    def test_new_customer_of_a_company_is_a_person_under_the_company(self):
        result = self.resolve(order(7, email="bob@example.com", company="Acme Inc"))

        person = result.partner
        acme = self.companies("Acme Inc")
        self.assertEqual(len(acme), 1)
        self.assertEqual((person.name, person.is_company), ("Jane Doe", False))
        self.assertEqual(person.parent_id, acme)
        self.assertEqual(person.commercial_partner_id, acme)
        self.assertEqual((acme.street, acme.city), ("455 Main Street", "Austin"))
        self.assertFalse(acme.email)
        self.assertEqual(result.invoice_partner, person)

    def test_new_company_gets_the_store_defaults_and_gives_them_to_the_person(self):
        company = self.store.company_id
        tag, term, _pricelist, position = self.set_new_customer_defaults()

        result = self.resolve(order(7, email="bob@example.com", company="Acme Inc"))

        person = result.partner.with_company(company)
        acme = person.parent_id
        self.assertEqual(acme.category_id, tag)
        self.assertEqual(acme.property_payment_term_id, term)
        self.assertEqual(acme.property_account_position_id, position)
        self.assertEqual(person.category_id, tag)
        self.assertEqual(person.property_account_position_id, position)
        self.assertEqual(person.customer_rank, 1)

    def test_existing_company_of_that_name_is_reused(self):
        acme = self.Partner.create(
            {"name": "ACME  inc", "is_company": True, "city": "Dallas"}
        )
        acme.name = "ACME Inc"

        first, second = self.resolve(
            order(7, email="bob@example.com", company="Acme Inc"),
            order(8, email="ann@example.com", first_name="Ann", company="acme inc"),
        )

        self.assertEqual(first.partner.parent_id, acme)
        self.assertEqual(second.partner.parent_id, acme)
        self.assertEqual(acme.city, "Dallas")
        companies = self.Partner.search(
            [("is_company", "=", True), ("name", "ilike", "acme")]
        )
        self.assertEqual(companies, acme)

    def test_company_of_another_odoo_company_is_not_reused(self):
        other = self.env["res.company"].create({"name": "Other company"})
        theirs = self.Partner.create(
            {"name": "Acme Inc", "is_company": True, "company_id": other.id}
        )

        result = self.resolve(order(7, email="bob@example.com", company="Acme Inc"))

        self.assertNotEqual(result.partner.parent_id, theirs)
        self.assertEqual(result.partner.parent_id.name, "Acme Inc")

    def test_company_name_with_a_wildcard_matches_only_itself(self):
        self.Partner.create({"name": "A1 Corp", "is_company": True})

        result = self.resolve(order(7, email="bob@example.com", company="A_ Corp"))

        self.assertEqual(result.partner.parent_id.name, "A_ Corp")

    def test_matched_customer_buying_for_a_company_invoices_the_company(self):
        result = self.resolve(order(7, company="Acme Inc"), policy="id_email_keep")

        invoice = result.invoice_partner
        self.assertEqual(result.partner, self.jane)
        self.assertFalse(self.jane.parent_id)
        self.assertEqual(invoice.commercial_partner_id, self.companies("Acme Inc"))
        self.assertEqual((invoice.name, invoice.type), ("Jane Doe", "invoice"))
        self.assertEqual(invoice.email, JANE)

    def test_update_of_a_person_under_a_company_leaves_the_company_address(self):
        acme = self.Partner.create(
            {"name": "Acme Inc", "is_company": True, "street": "1 Plant Road"}
        )
        self.jane.write({"parent_id": acme.id, "name": "Jane Doe"})

        result = self.resolve(order(7, company="Acme Inc", phone="512-555-0123"))

        self.assertEqual(result.partner, self.jane)
        self.assertEqual(acme.street, "1 Plant Road")
        self.assertEqual(self.jane.street, "1 Plant Road")
        self.assertEqual(self.jane.phone, "+15125550123")
        self.assertEqual(result.invoice_partner.parent_id, self.jane)
        self.assertEqual(result.invoice_partner.street, "455 Main Street")

    def test_billing_without_a_person_name_is_no_company_and_person(self):
        result = self.resolve(
            order(
                7, email="bob@example.com", first_name="", last_name="", company="Acme"
            )
        )

        self.assertEqual(result.partner.name, "Acme")
        self.assertFalse(result.partner.parent_id)
        self.assertEqual(result.invoice_partner, result.partner)

    def test_person_under_an_existing_company_shares_its_whole_address(self):
        acme = self.Partner.create(
            {"name": "Acme Inc", "is_company": True, "street": "1 Plant Road"}
        )

        result = self.resolve(
            order(7, email="bob@example.com", company="Acme Inc", state="Nowhere")
        )

        person = result.partner
        self.assertEqual(person.parent_id, acme)
        self.assertEqual(person.street, "1 Plant Road")
        self.assertFalse(person.bigcommerce_state_name)
        self.assertEqual(result.invoice_partner.bigcommerce_state_name, "Nowhere")

    def test_person_of_a_company_ordering_without_company_makes_no_company(self):
        acme = self.Partner.create({"name": "Acme Inc", "is_company": True})
        self.jane.write({"parent_id": acme.id, "name": "Jane Doe"})

        result = self.resolve(order(7), policy="id_email_keep")

        self.assertEqual(result.invoice_partner.parent_id, self.jane)
        self.assertEqual(result.invoice_partner.commercial_partner_id, acme)
        self.assertFalse(
            self.Partner.search([("is_company", "=", True), ("name", "=", "")])
        )
        self.assertEqual(self.jane.parent_id, acme)
