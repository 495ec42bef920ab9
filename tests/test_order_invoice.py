"""Accounting of downloaded orders: invoices and payments of paid orders."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

CREATED = datetime(2024, 3, 5, 15, 30)


class OrderInvoiceCase(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.store.company_id
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.card_journal = cls.env["account.journal"].create(
            {
                "name": "BigCommerce Cards",
                "type": "bank",
                "code": "BCCC",
                "company_id": company.id,
            }
        )
        cls.store.write(
            {
                "invoice_mode": "individual",
                "invoice_state": "posted",
                "payment_map_ids": [
                    Command.create(
                        {"name": "Credit Card", "journal_id": cls.card_journal.id}
                    )
                ],
            }
        )

    def paid_order(self, **fields):
        values = {"date_created": CREATED, "payment_status": "captured"}
        values.update(fields)
        return self.mug_order(**values)

    def invoices(self):
        return self.sales().invoice_ids

    def warnings(self, run):
        return run.log.line_ids.filtered(lambda line: line.level == "warning")


@tagged("standard", "bigcommerce")
class TestOrderInvoice(OrderInvoiceCase):
    def test_paid_order_gets_a_posted_paid_invoice(self):
        bc_order = self.paid_order()

        self.download()

        invoice = self.invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.amount_residual, 0)
        self.assertEqual(invoice.amount_total, float(bc_order["total_inc_tax"]))
        self.assertEqual(self.sales().invoice_status, "invoiced")

    def test_payment_is_registered_in_the_mapped_journal(self):
        bc_order = self.paid_order()

        self.download()

        payment = self.env["account.payment"].search(
            [("invoice_ids", "in", self.invoices().ids)]
        )
        self.assertEqual(payment.journal_id, self.card_journal)
        self.assertEqual(payment.amount, float(bc_order["total_inc_tax"]))
        self.assertEqual(payment.date, date(2024, 3, 5))

    def test_invoice_is_dated_at_the_bigcommerce_creation_date(self):
        self.paid_order()

        self.download()

        self.assertEqual(self.invoices().invoice_date, date(2024, 3, 5))

    def test_invoice_date_follows_the_store_timezone(self):
        self.store.bc_timezone = "Australia/Sydney"
        self.paid_order()  # 15:30 UTC is the next morning in Sydney

        self.download()

        self.assertEqual(self.invoices().invoice_date, date(2024, 3, 6))

    def test_invoice_lands_on_bigcommerce_total_to_the_cent(self):
        bc_order = self.paid_order(
            products=[{"sku": "MUG-1", "name": "Mug", "quantity": 3, "price": 9.99}],
            tax_rate=0.0825,
        )

        self.download()

        invoice = self.invoices()
        self.assertEqual(
            f"{invoice.amount_total:.2f}", f"{float(bc_order['total_inc_tax']):.2f}"
        )
        self.assertEqual(invoice.amount_residual, 0)

    def test_delivery_policy_products_are_invoiced_as_ordered(self):
        self.mug.invoice_policy = "delivery"
        self.paid_order()

        self.download()

        mug_line = self.invoices().invoice_line_ids.filtered(
            lambda line: line.product_id == self.mug
        )
        self.assertEqual(mug_line.quantity, 2)

    def test_draft_setting_leaves_a_draft_invoice_without_payment(self):
        self.store.invoice_state = "draft"
        self.paid_order()

        self.download()

        invoice = self.invoices()
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.invoice_date, date(2024, 3, 5))
        self.assertFalse(invoice.matched_payment_ids)
        payments = self.env["account.payment"].search(
            [("journal_id", "=", self.card_journal.id)]
        )
        self.assertFalse(payments)


@tagged("standard", "bigcommerce")
class TestOrderInvoiceExceptions(OrderInvoiceCase):
    def test_unmapped_method_leaves_the_invoice_open_with_a_warning(self):
        self.paid_order(payment_method="Cash on Delivery")

        run = self.download()

        invoice = self.invoices()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertIn("Cash on Delivery", self.warnings(run).message)
        notes = self.sales().message_ids.mapped("body")
        self.assertTrue(any("Cash on Delivery" in note for note in notes))

    def test_unmapped_method_gets_a_row_without_journal(self):
        self.paid_order(payment_method="Cash on Delivery")

        self.download()

        mapping = self.store.payment_map_ids.filtered(
            lambda m: m.name == "Cash on Delivery"
        )
        self.assertEqual(len(mapping), 1)
        self.assertFalse(mapping.journal_id)

    def test_unpaid_orders_are_not_invoiced(self):
        self.paid_order(payment_status="pending", status_id=7)
        self.paid_order(payment_status="declined", status_id=6)
        self.store.order_status_ids = self.env["bigcommerce.status"].search(
            [("code", "in", (6, 7))]
        )

        self.download()

        self.assertEqual(len(self.sales()), 2)
        self.assertFalse(self.invoices())

    def test_batch_mode_leaves_invoicing_to_odoo(self):
        self.store.invoice_mode = "batch"
        self.paid_order()

        self.download()

        self.assertEqual(self.sales().state, "sale")
        self.assertFalse(self.invoices())

    def test_quotation_stage_is_not_invoiced(self):
        self.store.order_stage = "quotation"
        self.paid_order()

        self.download()

        self.assertFalse(self.invoices())

    def test_second_download_creates_no_second_invoice(self):
        bc_order = self.paid_order()
        self.download()
        self.sim.update_order(bc_order["id"], status_id=2, status="Shipped")
        self.store.orders_modified_after = False

        self.download()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(len(self.invoices()), 1)


@tagged("standard", "bigcommerce")
class TestLoadPaymentMethods(OrderInvoiceCase):
    def test_load_adds_each_method_once(self):
        self.store.action_load_payment_methods()
        self.store.action_load_payment_methods()

        names = self.store.payment_map_ids.mapped("name")
        self.assertEqual(
            sorted(names),
            ["Cash on Delivery", "Credit Card", "Square", "Test Payment Gateway"],
        )

    def test_load_keeps_existing_journals(self):
        self.store.action_load_payment_methods()

        mapping = self.store.payment_map_ids.filtered(lambda m: m.name == "Credit Card")
        self.assertEqual(mapping.journal_id, self.card_journal)


@tagged("standard", "bigcommerce")
class TestOrderInvoiceLater(OrderInvoiceCase):
    def test_an_order_paid_after_download_is_invoiced_then(self):
        bc_order = self.paid_order(payment_status="pending", status_id=7)
        self.download()
        self.assertFalse(self.invoices())
        self.sim.update_order(bc_order["id"], payment_status="captured", status_id=11)

        self.download()

        self.assertEqual(len(self.invoices()), 1)
        self.assertEqual(self.invoices().amount_residual, 0)

    def test_a_fully_refunded_order_is_not_invoiced(self):
        self.paid_order(payment_status="refunded", status_id=4)

        self.download()

        self.assertFalse(self.invoices())


@tagged("standard", "bigcommerce")
class TestOrderInvoicePage(OrderInvoiceCase):
    """A page of paid orders is invoiced together: one invoice and one payment
    per order all the same, each at its own date, amount and journal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.square_journal = cls.env["account.journal"].create(
            {
                "name": "BigCommerce Square",
                "type": "bank",
                "code": "BCSQ",
                "company_id": cls.store.company_id.id,
            }
        )
        cls.store.payment_map_ids = [
            Command.create({"name": "Square", "journal_id": cls.square_journal.id})
        ]

    def invoice_of(self, bc_order):
        return self.log(bc_order).sale_order_ids.invoice_ids

    def payment_of(self, invoice):
        return self.env["account.payment"].search([("invoice_ids", "in", invoice.ids)])

    def test_each_order_of_a_page_gets_its_own_invoice_and_payment(self):
        orders = [
            self.paid_order(),
            self.paid_order(
                date_created=datetime(2024, 3, 7, 9, 0),
                payment_method="Square",
                products=[
                    {"sku": "MUG-1", "name": "Mug", "quantity": 3, "price": 9.99}
                ],
                tax_rate=0.0825,
            ),
            self.paid_order(date_created=datetime(2024, 3, 7, 9, 5)),
        ]

        run = self.download()

        self.assertEqual(run.counts["created"], 3)
        self.assertEqual(len(self.invoices()), 3)
        expected = [
            (date(2024, 3, 5), self.card_journal),
            (date(2024, 3, 7), self.square_journal),
            (date(2024, 3, 7), self.card_journal),
        ]
        for bc_order, (day, journal) in zip(orders, expected, strict=True):
            invoice = self.invoice_of(bc_order)
            total = float(bc_order["total_inc_tax"])
            self.assertEqual(len(invoice), 1)
            self.assertEqual(invoice.state, "posted")
            self.assertEqual(invoice.invoice_date, day)
            self.assertEqual(f"{invoice.amount_total:.2f}", f"{total:.2f}")
            self.assertEqual(invoice.amount_residual, 0)
            payment = self.payment_of(invoice)
            self.assertEqual(len(payment), 1)
            self.assertEqual(payment.journal_id, journal)
            self.assertEqual(payment.date, day)
            self.assertEqual(f"{payment.amount:.2f}", f"{total:.2f}")
            self.assertEqual(
                payment.partner_id, invoice.partner_id.commercial_partner_id
            )
        self.assertFalse(self.warnings(run))

    def test_an_order_that_cannot_be_invoiced_leaves_the_others_invoiced(self):
        income = self.env["account.account"].create(
            {
                "name": "Old Sales",
                "code": "400999",
                "account_type": "income",
                "company_ids": [self.store.company_id.id],
            }
        )
        self.mug.property_account_income_id = income
        income.active = False
        plate = self.env["product.product"].create(
            {"name": "Plate", "default_code": "PLATE-1", "type": "consu"}
        )
        first = self.paid_order(
            products=[{"sku": "PLATE-1", "name": "Plate", "quantity": 1, "price": 5}]
        )
        bad = self.paid_order()
        last = self.paid_order(
            products=[{"sku": "PLATE-1", "name": "Plate", "quantity": 2, "price": 5}]
        )

        run = self.download()

        self.assertEqual(len(self.sales()), 3)
        self.assertFalse(self.invoice_of(bad))
        self.assertEqual(self.log(bad).sale_order_ids.state, "sale")
        for bc_order in (first, last):
            invoice = self.invoice_of(bc_order)
            self.assertEqual(invoice.state, "posted")
            self.assertEqual(invoice.amount_residual, 0)
            self.assertIn(plate, invoice.invoice_line_ids.product_id)
        warning = self.warnings(run).filtered(
            lambda line: line.reference == f"order {bad['id']}"
        )
        self.assertIn("Not invoiced at download", warning.message)
        self.assertIn("archived", warning.message)

    def test_unpaid_and_unmapped_orders_of_a_page_are_told_apart(self):
        paid = self.paid_order()
        unpaid = self.paid_order(payment_status="pending", status_id=11)
        cash = self.paid_order(payment_method="Cash on Delivery")
        also_paid = self.paid_order(payment_method="Square")

        run = self.download()

        self.assertEqual(len(self.sales()), 4)
        self.assertFalse(self.invoice_of(unpaid))
        self.assertEqual(self.invoice_of(cash).payment_state, "not_paid")
        self.assertIn("Cash on Delivery", self.warnings(run).message)
        for bc_order in (paid, also_paid):
            self.assertEqual(self.invoice_of(bc_order).amount_residual, 0)
            self.assertEqual(len(self.payment_of(self.invoice_of(bc_order))), 1)

    def test_draft_setting_leaves_a_page_of_dated_drafts(self):
        self.store.invoice_state = "draft"
        first = self.paid_order()
        second = self.paid_order(date_created=datetime(2024, 3, 8, 12, 0))

        self.download()

        self.assertEqual(self.invoice_of(first).state, "draft")
        self.assertEqual(self.invoice_of(first).invoice_date, date(2024, 3, 5))
        self.assertEqual(self.invoice_of(second).invoice_date, date(2024, 3, 8))
        self.assertFalse(self.payment_of(self.invoices()))
