"""Accounting of downloaded orders: invoice paid orders, register their payment.

Store setting *Invoice Options*: with *Import invoices individually*, a paid
BigCommerce order (``payment_status``, FACTS 5) is invoiced at download, dated
at its BigCommerce creation date, posted or left in draft (*Default Accounting
Status*), and a posted invoice gets BigCommerce's payment in the journal its
payment method is mapped to (*Payment Methods*). *Allow batch invoices* leaves
invoicing to Odoo's own invoicing of orders.

The new orders of a page are invoiced together: one ``_create_invoices``
(one invoice per order), one ``action_post`` and one *Register Payment* per
journal and date, Odoo's cost for a page rather than for each order. When that
fails, each order is invoiced on its own, so the one that cannot be is warned
about and the others are invoiced.
"""

from collections import defaultdict
from datetime import UTC
from functools import partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from ..core.part import RunPart
from . import mapping

# Bad configuration or data: the order stays imported, a person invoices it.
ACCOUNTING_ERRORS = (UserError, ValidationError)


class _NotOnePerOrder(UserError):
    """Odoo did not make one invoice per order: each is invoiced on its own."""


class OrderInvoicer(RunPart):
    """Invoices the paid orders of one store within a :class:`~.run.SyncRun`."""

    def __init__(self, store, run):
        super().__init__(store, run)

    # === INVOICE === #

    def invoice_all(self, pairs):
        """Invoice confirmed, paid orders together and register their payments.

        :param pairs: ``(sale, order)`` pairs: a confirmed ``sale.order`` and
            its parsed :class:`~.payload.Order`
        """
        pairs = [(sale, order) for sale, order in pairs if self._wanted(sale, order)]
        if len(pairs) > 1:
            invoiced, invoices = self.run.together(
                f"{len(pairs)} invoices",
                lambda: self._create_invoices(pairs),
                ACCOUNTING_ERRORS,
            )
            if invoiced:
                self._register_payments(invoices)
                return
        for sale, order in pairs:
            self.invoice(sale, order)

    def invoice(self, sale, order):
        """Invoice a confirmed, paid order and register its payment.

        Never twice: an order that already has a live invoice keeps it.

        :param sale: the confirmed ``sale.order`` of ``order``
        :param order: the parsed :class:`~.payload.Order`
        :returns: the new invoice (``account.move``), possibly empty
        """
        Move = self.env["account.move"]
        if not self._wanted(sale, order):
            return Move
        try:
            with self.env.cr.savepoint():
                invoice = self._create_invoice(sale, order)
        except ACCOUNTING_ERRORS as exc:
            self._warn(sale, order, self._not_invoiced_text(exc))
            return Move
        if invoice.state == "posted":
            self._register_payment(invoice, sale, order)
        return invoice

    def _wanted(self, sale, order):
        """Whether the order is invoiced now: individual mode, paid, and no
        live invoice yet."""
        return (
            self.store.invoice_mode == "individual"
            and mapping.is_paid(order)
            and not sale.invoice_ids.filtered(lambda move: move.state != "cancel")
        )

    def _create_invoices(self, pairs):
        """One invoice per order, dated at each BigCommerce creation date,
        checked against BigCommerce's totals and posted together.

        :returns: list of ``(invoice, sale, order)``
        """
        sales = self.env["sale.order"].union(*(sale for sale, _order in pairs))
        sales._force_lines_to_invoice_policy_order()
        sales._create_invoices(grouped=True, final=True)
        invoiced = []
        for sale, order in pairs:
            invoice = sale.invoice_ids
            if len(invoice) != 1:
                raise _NotOnePerOrder(f"order {order.id} has {len(invoice)} invoices")
            invoiced.append((invoice, sale, order))
        by_date = defaultdict(list)
        for invoice, _sale, order in invoiced:
            by_date[self._local_date(order)].append(invoice.id)
        Move = self.env["account.move"]
        for day, ids in by_date.items():
            Move.browse(ids).invoice_date = day
        for invoice, _sale, order in invoiced:
            self._check_total(invoice, order)
        if self.store.invoice_state == "posted":
            Move.browse([invoice.id for invoice, _s, _o in invoiced]).action_post()
        return invoiced

    def _create_invoice(self, sale, order):
        """Invoice everything ordered, dated at the BigCommerce creation date.

        BigCommerce orders are paid up front, so products invoiced on delivered
        quantities are invoiced on ordered ones: Odoo's own way for paid online
        orders (``payment.transaction._invoice_sale_orders``).
        """
        sale._force_lines_to_invoice_policy_order()
        invoice = sale._create_invoices(final=True)
        invoice.invoice_date = self._local_date(order)
        self._check_total(invoice, order)
        if self.store.invoice_state == "posted":
            invoice.action_post()
        return invoice

    def _check_total(self, invoice, order):
        """Warn when the invoice does not land on BigCommerce's total."""
        expected = order.total_inc_tax.quantize(mapping.CENT)
        if not mapping.total_difference(expected, invoice.amount_total):
            return
        self.run.warning(
            f"order {order.id}",
            self.env._(
                "Invoice %(invoice)s totals %(total).2f, BigCommerce %(expected)s.",
                invoice=invoice.display_name,
                total=invoice.amount_total,
                expected=expected,
            ),
        )

    def _not_invoiced_text(self, exc):
        return self.env._(
            "Not invoiced at download: %(reason)s Invoice the order by hand.",
            reason=str(exc),
        )

    # === PAYMENT === #

    def _register_payments(self, invoiced):
        """Pay posted invoices, one *Register Payment* per journal and date.

        An invoice that is not for BigCommerce's amount, or whose method has no
        journal, is paid (or warned about) on its own, as is every invoice of a
        group whose payment fails.
        """
        groups = defaultdict(list)
        alone = []
        for invoice, sale, order in invoiced:
            if invoice.state != "posted":
                continue
            journal = self._payment_journal(order.payment_method)
            expected = order.total_inc_tax.quantize(mapping.CENT)
            if journal and not invoice.currency_id.compare_amounts(
                invoice.amount_residual, float(expected)
            ):
                key = (journal.id, self._local_date(order))
                groups[key].append((invoice, sale, order))
            else:
                alone.append((invoice, sale, order))
        for (journal_id, day), group in groups.items():
            if len(group) == 1:
                alone.extend(group)
                continue
            invoices = self.env["account.move"].union(*(inv for inv, _s, _o in group))
            journal = self.env["account.journal"].browse(journal_id)
            paid, _payments = self.run.together(
                f"{len(invoices)} payments",
                partial(self._pay_together, invoices, journal, day),
                ACCOUNTING_ERRORS,
            )
            if not paid:
                alone.extend(group)
        for invoice, sale, order in alone:
            self._register_payment(invoice, sale, order)

    def _pay_together(self, invoices, journal, day):
        """Odoo's *Register Payment* of several invoices: a payment each."""
        return self._register_wizard(
            invoices,
            {"journal_id": journal.id, "payment_date": day, "group_payment": False},
        )._create_payments()

    def _register_wizard(self, invoices, values):
        """Odoo's *Register Payment* wizard on ``invoices``, with ``values``."""
        return (
            self.env["account.payment.register"]
            .with_company(invoices.company_id)
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(values)
        )

    def _register_payment(self, invoice, sale, order):
        """Pay the invoice in the journal mapped to the order's payment method."""
        method = order.payment_method
        journal = self._payment_journal(method)
        if not journal:
            self._warn(
                sale,
                order,
                self.env._(
                    "Payment method '%(method)s' has no journal in the store's "
                    "Payment Methods: invoice %(invoice)s is left open.",
                    method=method,
                    invoice=invoice.display_name,
                ),
            )
            return
        try:
            with self.env.cr.savepoint():
                self._payment_wizard(invoice, journal, order)._create_payments()
        except ACCOUNTING_ERRORS as exc:
            self._warn(
                sale,
                order,
                self.env._(
                    "The payment of invoice %(invoice)s could not be registered: "
                    "%(reason)s",
                    invoice=invoice.display_name,
                    reason=str(exc),
                ),
            )

    def _payment_wizard(self, invoice, journal, order):
        """Odoo's *Register Payment* for BigCommerce's amount, on the order date."""
        return self._register_wizard(
            invoice,
            {
                "journal_id": journal.id,
                "currency_id": invoice.currency_id.id,
                "amount": float(order.total_inc_tax),
                "payment_date": self._local_date(order),
                "communication": invoice.name,
            },
        )

    def _payment_journal(self, method):
        """The journal mapped to ``method``; an unknown method gets an empty row.

        The row makes the method visible under *Payment Methods*, waiting for a
        journal, even before *Load Payment Methods* is used.
        """
        if not method:
            return self.env["account.journal"]
        maps = self.store.sudo().payment_map_ids
        payment_map = maps.filtered(lambda m: m.name.casefold() == method.casefold())
        if not payment_map:
            payment_map = maps.create({"store_id": self.store.id, "name": method})
        return payment_map[:1].journal_id

    # === HELPERS === #

    def _local_date(self, order):
        """The BigCommerce creation date, as a date in the store's timezone."""
        created = order.date_created
        if not created:
            return fields.Date.context_today(self.env.user)
        try:
            zone = ZoneInfo(self.store.bc_timezone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = UTC
        return created.replace(tzinfo=UTC).astimezone(zone).date()

    def _warn(self, sale, order, message):
        """Tell a person: a note on the sale order and a warning in the run log."""
        self.tell(sale, f"order {order.id}", message)
