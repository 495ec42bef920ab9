"""Flows run as superuser after the rights check: they still see one company.

Each look-up that finds records by a business key (SKU, email, currency)
keeps to the store's company, as the caller's own rules would have.
"""

from odoo import Command
from odoo.tests import tagged

from tests.common import BigCommerceCase


@tagged("standard", "bigcommerce")
class TestOneCompanyUnderSudo(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, order_sync=True)
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.mug_of_b = cls.env["product.product"].create(
            {
                "name": "B's mug",
                "default_code": "MUG-1",
                "type": "consu",
                "company_id": cls.company_b.id,
                "taxes_id": [Command.clear()],
            }
        )

    def sales(self):
        return self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", self.store.id)]
        )

    def test_a_product_download_never_links_another_company_product(self):
        self.sim.add_product("Mug", sku="MUG-1")

        self.store.with_user(self.user).action_download_products()

        product = self.store.product_link_ids.product_id
        self.assertTrue(product)
        self.assertNotEqual(product, self.mug_of_b)
        self.assertEqual(self.mug_of_b.name, "B's mug")

    def test_an_order_line_never_takes_another_company_product(self):
        self.store.product_link_only = True
        self.sim.add_order(
            products=[{"sku": "MUG-1", "name": "Mug", "quantity": 1, "price": 10}]
        )

        self.store.with_user(self.user).action_download_orders()

        sale = self.sales()
        self.assertEqual(len(sale), 1)
        self.assertNotIn(self.mug_of_b, sale.order_line.product_id)

    def test_a_customer_of_another_company_is_not_matched_by_email(self):
        partner_b = self.env["res.partner"].create(
            {
                "name": "Jane of B",
                "email": "jane@example.com",
                "company_id": self.company_b.id,
            }
        )
        self.sim.add_order(billing_address={"email": "jane@example.com"})

        self.store.with_user(self.user).action_download_orders()

        self.assertTrue(self.sales())
        self.assertNotEqual(self.sales().partner_id, partner_b)

    def test_a_pricelist_of_another_company_is_not_used(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        pricelist_b = self.env["product.pricelist"].create(
            {"name": "B in EUR", "currency_id": eur.id, "company_id": self.company_b.id}
        )
        self.sim.add_order(currency_code="EUR", default_currency_code="EUR")

        self.store.with_user(self.user).action_download_orders()

        sale = self.sales()
        self.assertEqual(sale.currency_id, eur)
        self.assertNotEqual(sale.pricelist_id, pricelist_b)
