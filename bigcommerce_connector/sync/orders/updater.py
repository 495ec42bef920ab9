"""Later downloads of an imported order: follow BigCommerce, never diverge silently.

A cancelled, declined or archived order cancels the Odoo order when nothing was
delivered, otherwise a person gets an activity with the difference. Edited
lines update an undelivered order and open an activity on a delivered one.
"""

from decimal import Decimal

from odoo import Command

from ..core.part import RunPart
from . import amounts, mapping
from .addresses import ShipTo
from .dispatcher import OrderDispatcher
from .invoicer import OrderInvoicer

# Less than this between two amounts is no difference.
HALF_CENT = Decimal("0.005")


class OrderUpdater(RunPart):
    """Applies a changed BigCommerce order to its imported sale orders."""

    def __init__(self, store, run, builder, products, address_book):
        super().__init__(store, run)
        self.builder = builder
        self.products = products
        self.address_book = address_book  # delivery contacts of new lines
        self.invoicer = OrderInvoicer(store, run)
        self.dispatcher = OrderDispatcher(store, run)

    def update(self, log, order):
        """Bring the sale orders of ``log`` in line with ``order``.

        :param order: the parsed :class:`~.payload.Order`, changed since
            the log's payload digest
        """
        sales = log.sale_order_ids.filtered(lambda s: s.state != "cancel")
        sales.write(
            {
                "bigcommerce_status": order.status,
                "bigcommerce_total": float(order.total_inc_tax),
                "bigcommerce_customer_message": order.customer_message or False,
                "bigcommerce_staff_notes": order.staff_notes or False,
            }
        )
        if log.consolidated_sale_id and mapping.is_cancelled(order):
            self._activity(
                log.consolidated_sale_id,
                f"BigCommerce order #{order.id} is {mapping.cancelled_as(order)} "
                "after it was consolidated in this order: take its lines out.",
            )
        if mapping.is_cancelled(order):
            self._cancel(sales, order)
        else:
            self._follow_lines(sales, order)
            # Paid since the last download: invoice now (never twice).
            confirmed = sales.filtered(lambda s: s.state == "sale")
            for sale in confirmed:
                self.invoicer.invoice(sale, order)
            # Shipped or completed in BigCommerce since the last download:
            # dispatch now (once: not again at each later change).
            shipped = mapping.COMPLETED_STATUSES
            if order.status_id in shipped and log.bc_status_id not in shipped:
                self.dispatcher.dispatch_all([(sale, order) for sale in confirmed])
        log.write(mapping.log_values(order))

    # === CANCELLATION === #

    def _cancel(self, sales, order):
        why = mapping.cancelled_as(order)
        for sale in sales:
            if _delivered(sale):
                self._activity(
                    sale,
                    f"BigCommerce order #{order.id} is {why}, but goods were "
                    "already delivered: decide on a return or a refund.",
                )
                continue
            sale.with_context(disable_cancel_warning=True).action_cancel()
            sale.message_post(
                body=self.env._("Cancelled: BigCommerce order is %s.", why)
            )

    # === LINES === #

    def _follow_lines(self, sales, order):
        check = mapping.check_order(order)
        entries = amounts.taxed_amounts(order, check.lines, amounts.charges(order))
        self.builder.assign_rates(order, entries)
        wanted = {line.item.id: line for line in check.lines}
        for sale in sales:
            have = {
                line.bigcommerce_order_product_id: line
                for line in sale.order_line
                if line.bigcommerce_order_product_id
            }
            pairs, gone = _pair(have, wanted)
            difference = _difference(
                pairs, gone, wanted, order.is_tax_inclusive_pricing
            )
            if not difference:
                continue
            if _delivered(sale):
                self._activity(
                    sale,
                    f"BigCommerce order #{order.id} was edited after delivery: "
                    + "; ".join(difference),
                )
            else:
                self._apply(sale, pairs, gone, wanted, order)
                notes = ["Updated from BigCommerce: " + "; ".join(difference)]
                notes += self._compare_total(sale, order)
                sale.message_post(body="\n".join(notes))

    def _apply(self, sale, pairs, gone, wanted, order):
        """Give the undelivered order BigCommerce's quantities, prices and taxes."""
        inclusive = order.is_tax_inclusive_pricing
        for item_id, current in pairs.items():
            target = wanted[item_id]
            taxes = self.builder.taxes.of(target.taxed, current.product_id)
            current.write(
                {
                    "product_uom_qty": float(target.quantity),
                    "price_unit": float(target.unit_price(inclusive)),
                    "tax_ids": [Command.set(taxes.ids)],
                    "bigcommerce_order_product_id": item_id,
                }
            )
        for current in gone:
            current.product_uom_qty = 0
        new = [line for item_id, line in wanted.items() if item_id not in pairs]
        if new:
            products = self.products.find(new)
            ship_to = ShipTo.of_sale(sale, self.address_book)
            sale.order_line = [
                self.builder.item_command(line, products.get(index), inclusive, ship_to)
                for index, line in enumerate(new)
            ]

    def _compare_total(self, sale, order):
        """Say when the updated order no longer lands on BigCommerce's total."""
        difference = mapping.total_difference(order.total_inc_tax, sale.amount_total)
        if not difference:
            return []
        note = (
            f"After the update Odoo's total {sale.amount_total:.2f} differs from "
            f"BigCommerce's {order.total_inc_tax:.2f} by {difference}."
        )
        self.run.warning(f"order {order.id}", note)
        return [note]

    def _activity(self, sale, note):
        sale.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="BigCommerce order changed",
            note=note,
            user_id=sale.user_id.id or self.env.uid,
        )
        self.run.warning(f"order {sale.bigcommerce_order_id}", note)


def _delivered(sale):
    return any(line.qty_delivered for line in sale.order_line)


def _pair(have, wanted):
    """Pair BigCommerce lines with sale lines by order product id, only.

    A SKU says nothing of which line is which (two lines may share one, and a
    name may contain another's SKU): a line BigCommerce gave a new id is a
    line removed and a line added.

    :returns: ``(pairs, gone)``: item id -> sale line, and the sale lines
        BigCommerce no longer has
    """
    free = dict(have)
    pairs = {item_id: free.pop(item_id) for item_id in wanted if item_id in free}
    return pairs, [line for line in free.values() if line.product_uom_qty]


def _difference(pairs, gone, wanted, inclusive=False):
    """Texts describing how BigCommerce's lines differ from the Odoo order's."""
    changes = []
    for item_id, line in wanted.items():
        current = pairs.get(item_id)
        label = line.label()
        if current is None:
            changes.append(f"new line {label} x {line.quantity:g}")
        elif float(line.quantity) != current.product_uom_qty:
            changes.append(
                f"{label}: quantity {current.product_uom_qty:g} -> {line.quantity:g}"
            )
        elif abs(line.unit_price(inclusive) - Decimal(str(current.price_unit))) >= (
            Decimal("0.00005")
        ):
            changes.append(f"{label}: price -> {line.unit_price(inclusive):.2f}")
        elif abs(line.tax - Decimal(str(current.price_tax))) >= HALF_CENT:
            # Same quantity and price, another rate (a new address or class).
            changes.append(f"{label}: tax -> {line.tax:.2f}")
    changes += [f"{current.name.splitlines()[0]} removed" for current in gone]
    return changes
