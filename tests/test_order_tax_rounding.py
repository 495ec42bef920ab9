"""BigCommerce rounds the tax of each line: so do its orders' Odoo documents.

A company rounding globally would miss BigCommerce's tax by a cent on
ordinary orders; the sale order, invoice and credit note of a BigCommerce
order round per line, every other document keeps the company's method.
"""

from odoo.tests import tagged

from tests.test_order_invoice import OrderInvoiceCase


@tagged("standard", "bigcommerce")
class TestPerLineRounding(OrderInvoiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.store.company_id
        cls.mug.taxes_id = cls.env["account.tax"].create(
            {
                "name": "Sales 8.25%",
                "amount": 8.25,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.company.tax_calculation_rounding_method = "round_globally"

    def three_cheap_mugs(self):
        """8.25 % of 0.15 is 0.012375: 0.01 on each line, 0.03 in all, where
        rounding the sum (0.037125) would make 0.04."""
        bc_order = self.paid_order(
            tax_rate=0.0825,
            products=[{"sku": "MUG-1", "name": "Mug", "price": 0.15}] * 3,
            shipping_addresses=[{"cost_ex_tax": 0}],
        )
        self.assertEqual(
            (bc_order["total_tax"], bc_order["total_inc_tax"]), ("0.0300", "0.4800")
        )
        return bc_order

    def assert_bigcommerce_tax(self, document):
        self.assertEqual((document.amount_tax, document.amount_total), (0.03, 0.48))

    def test_the_sale_order_rounds_tax_per_line_like_bigcommerce(self):
        self.three_cheap_mugs()

        self.download()

        self.assertEqual(len(self.sales().order_line.tax_ids), 1)
        self.assert_bigcommerce_tax(self.sales())

    def test_the_invoice_rounds_tax_per_line_like_bigcommerce(self):
        self.three_cheap_mugs()

        run = self.download()

        invoice = self.invoices()
        self.assertEqual(invoice.bigcommerce_store_id, self.store)
        self.assert_bigcommerce_tax(invoice)
        self.assertEqual(invoice.amount_residual, 0)
        self.assertFalse(self.warnings(run))

    def test_a_credit_note_of_the_invoice_rounds_tax_per_line(self):
        self.three_cheap_mugs()
        self.download()
        invoice = self.invoices()

        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Returned"})
        )
        wizard.refund_moves()

        credit_note = wizard.new_move_ids
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assert_bigcommerce_tax(credit_note)

    def test_another_sale_order_keeps_the_company_global_rounding(self):
        sale = self.Sale.create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Walk-in"}).id,
                "company_id": self.company.id,
                "order_line": [
                    (0, 0, {"product_id": self.mug.id, "price_unit": 0.15})
                    for _ in range(3)
                ],
            }
        )

        self.assertEqual(sale.order_line.tax_ids, self.mug.taxes_id)
        self.assertEqual(sale.amount_tax, 0.04)
