"""Tax-exempt BigCommerce customers get the store's exempt fiscal position."""

from odoo.addons.bigcommerce_connector.sync.customers.importer import CustomerImporter
from odoo.tests import tagged

from tests.common import BigCommerceCase


@tagged("standard", "bigcommerce")
class TestTaxExemptCustomers(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.store.company_id
        cls.exempt = cls.env["account.fiscal.position"].create(
            {"name": "Tax exempt", "company_id": company.id}
        )
        cls.store.write(
            {
                "state": "connected",
                "customer_policy": "id_email_update",
                "tax_exempt_fiscal_position_id": cls.exempt.id,
            }
        )
        cls.Partner = cls.env["res.partner"].with_company(company)

    def download(self):
        run = self.run_sync(
            "customer_download",
            lambda run: CustomerImporter(self.store, run).download(full=True),
        )
        self.env.invalidate_all()
        return run

    def contact(self, email):
        return self.Partner.search([("email", "=", email)])

    def test_tax_exempt_customer_gets_the_exempt_fiscal_position(self):
        self.sim.add_customer("npo@example.com", tax_exempt_category="Non-profit")
        self.sim.add_customer("shop@example.com")

        self.download()

        self.assertEqual(
            self.contact("npo@example.com").property_account_position_id, self.exempt
        )
        self.assertFalse(self.contact("shop@example.com").property_account_position_id)

    def test_without_a_store_position_the_contact_is_left_alone(self):
        self.store.tax_exempt_fiscal_position_id = False
        npo = self.Partner.create({"name": "NPO", "email": "npo@example.com"})
        npo.property_account_position_id = self.exempt
        self.sim.add_customer("npo@example.com", tax_exempt_category="Non-profit")
        self.sim.add_customer("shop@example.com")

        self.download()

        self.assertEqual(npo.property_account_position_id, self.exempt)
        self.assertFalse(self.contact("shop@example.com").property_account_position_id)

    def test_customer_becoming_exempt_gets_the_position_and_counts_updated(self):
        bc_npo = self.sim.add_customer("npo@example.com")
        self.download()
        self.sim.update_customer(bc_npo["id"], tax_exempt_category="Non-profit")

        run = self.download()

        npo = self.contact("npo@example.com")
        self.assertEqual(npo.property_account_position_id, self.exempt)
        self.assertEqual(run.counts["updated"], 1)

    def test_customer_no_longer_exempt_loses_the_exempt_position(self):
        bc_npo = self.sim.add_customer(
            "npo@example.com", tax_exempt_category="Non-profit"
        )
        self.download()
        self.sim.update_customer(bc_npo["id"], tax_exempt_category="")

        self.download()

        self.assertFalse(self.contact("npo@example.com").property_account_position_id)

    def test_another_position_of_a_non_exempt_customer_is_kept(self):
        other = self.env["account.fiscal.position"].create(
            {"name": "Export", "company_id": self.store.company_id.id}
        )
        shop = self.Partner.create(
            {"name": "Shop", "email": "shop@example.com", "city": "Austin"}
        )
        shop.property_account_position_id = other
        self.sim.add_customer("shop@example.com")

        self.download()

        self.assertEqual(shop.property_account_position_id, other)

    def test_keep_policy_leaves_a_matched_customer_alone(self):
        self.store.customer_policy = "id_email_keep"
        npo = self.Partner.create({"name": "NPO", "email": "npo@example.com"})
        self.sim.add_customer("npo@example.com", tax_exempt_category="Non-profit")

        self.download()

        self.assertFalse(npo.property_account_position_id)

    def test_exempt_company_buyer_puts_the_position_on_the_company(self):
        self.sim.add_customer(
            "buyer@example.com", company="Acme Inc", tax_exempt_category="Resale"
        )

        self.download()

        buyer = self.contact("buyer@example.com")
        self.assertEqual(buyer.parent_id.property_account_position_id, self.exempt)
        self.assertEqual(buyer.property_account_position_id, self.exempt)
