"""Pure decisions of the order download over a parsed order (:mod:`.payload`).

No ORM here: these functions are tested on their own. Which lines an order
has and what stops it, each line's amount after its discounts, the
discount no line carries, whether it is paid or cancelled. Charges, taxed
amounts and the total they make are in :mod:`.amounts`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

CENT = Decimal("0.01")
CANCELLED_STATUSES = frozenset({5, 6})  # Cancelled, Declined
COMPLETED_STATUSES = frozenset({2, 10})  # Shipped, Completed
# A fully refunded order is not invoiced: there is nothing left to collect.
PAID_STATUSES = frozenset({"captured", "paid", "partially refunded"})


class SkipOrder(Exception):
    """The order cannot be imported as the store is configured; logged as skipped."""


@dataclass
class OrderLine:
    """One BigCommerce order product, ready to become a sale order line.

    :ivar item: the :class:`~.line_payload.LineItem`
    :ivar consignment: the :class:`~.payload.Consignment` it belongs to
    :ivar taxed: its :class:`~.rates.Taxed` amount, set by :func:`taxed_amounts`
    """

    item: object
    consignment: object
    taxed: object = None

    @property
    def sku(self):
        return self.item.sku

    @property
    def variant_id(self):
        return self.item.variant_id

    @property
    def quantity(self):
        return self.item.quantity

    @property
    def price_ex_tax(self):
        return self.item.price_ex_tax

    @property
    def discount(self):
        """What BigCommerce's discounts (coupons, manual) took off the line."""
        return sum((d.amount for d in self.item.applied_discounts), Decimal(0))

    @property
    def tax(self):
        """The tax BigCommerce charged on the line, after its discounts."""
        return self.item.total_tax

    def base(self, inclusive=False):
        """The line's total after its discounts: the amount BigCommerce taxed.

        ``total_ex_tax`` is before the discounts while ``total_tax`` is after
        them; with prices including tax the base includes the tax.
        """
        total = self.item.total_inc_tax if inclusive else self.item.total_ex_tax
        return total - self.discount

    def unit_price(self, inclusive=False):
        """The unit price that gives the line its base exactly (full precision)."""
        return self.base(inclusive) / self.quantity

    def label(self):
        """How a person knows the line: its SKU, else its name."""
        return self.sku or self.item.name

    def description(self):
        """Name, SKU, each option or modifier chosen, then each discount."""
        name = self.item.name or self.sku or "BigCommerce item"
        lines = [f"[{self.sku}] {name}" if self.sku else name]
        for discount in self.item.applied_discounts:
            what = f"Coupon {discount.code}" if discount.code else "Discount"
            lines.append(f"{what}: -{discount.amount:.2f}")
        return "\n".join([*lines[:1], *self.options(), *lines[1:]])

    def options(self):
        """The options and modifiers the shopper chose, as ``Label: value``."""
        return [
            f"{option.label}: {option.value}"
            for option in self.item.product_options
            if option.label or option.value
        ]

    def slip_note(self):
        """What the packer reads on the delivery slip: options, gift wrapping."""
        lines = self.options()
        wrapping = self.item.wrapping
        if wrapping and (wrapping.name or wrapping.ex_tax):
            lines.append(wrapping_label([wrapping.name], []))
        if wrapping and wrapping.message:
            lines.append(f"Message: {wrapping.message}")
        return "\n".join(lines)

    @property
    def address_id(self):
        """The BigCommerce order address the line ships to; 0 unless shipped."""
        return consignment_address_id(self.consignment)


def consignment_address_id(consignment):
    """The ``order_address_id`` of a shipping consignment; 0 for other kinds."""
    if consignment.kind != "shipping":
        return 0
    return consignment.address.id if consignment.address else consignment.id


@dataclass
class OrderCheck:
    """What stops an order (problems) and what a person should know (notes)."""

    lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def check_order(order):
    """Flatten the order's line items and say what is wrong with them.

    :param order: a :class:`~.payload.Order`
    :returns: :class:`OrderCheck`; an order with problems is not imported
    """
    check = OrderCheck()
    for consignment in order.consignments:
        for item in consignment.line_items:
            _add_line(check, item, consignment)
    if not check.lines and not check.problems:
        check.problems.append("the order has no lines")
    return check


def _add_line(check, item, consignment):
    if item.parent_order_product_id:
        return  # a bundled child: its parent carries the price
    ref = item.sku or item.name or item.id
    if item.quantity <= 0:
        check.notes.append(f"Line {ref} has quantity {item.quantity}: left out.")
        return
    if item.price_ex_tax < 0:
        check.problems.append(f"line {ref} has a negative price ({item.price_ex_tax})")
        return
    check.lines.append(OrderLine(item, consignment))


def wrapping_label(names, items):
    """``Gift wrapping: <names>``, then each message (with its product when
    several lines share the charge), one a line."""
    names = [name for name in names if name]
    lines = ["Gift wrapping: " + ", ".join(names) if names else "Gift wrapping"]
    for item in items:
        message = item.wrapping.message
        if message and len(items) == 1:
            lines.append(f"Message: {message}")
        elif message:
            lines.append(f"Message for {item.name or item.sku}: {message}")
    return "\n".join(lines)


def unallocated_discount(order, lines):
    """The order's discounts that no line carries (positive), to the cent.

    BigCommerce spreads coupons and manual discounts over the lines
    (``applied_discounts``); what is left is discounted on its own line.
    """
    carried = sum((line.discount for line in lines), Decimal(0))
    return (discount_total(order) - carried).quantize(CENT)


def discount_total(order):
    """Manual discount plus coupon discount of the order (positive)."""
    return order.discount_amount + order.coupon_discount


def coupon_codes(lines):
    """Distinct coupon codes applied to the lines, in order of appearance."""
    codes = []
    for line in lines:
        for discount in line.item.applied_discounts:
            if discount.code and discount.code not in codes:
                codes.append(discount.code)
    return codes


def is_paid(order):
    """Whether BigCommerce took the money (payment status)."""
    return order.payment_status.lower() in PAID_STATUSES


def capture_wait(order, capture):
    """Why the order is not captured yet under the store's *Capture Order
    When It Is*, or "" when it is.

    :param capture: ``created`` (at once), ``completed`` (shipped or
        completed) or ``paid`` (payment captured)
    """
    if capture == "completed" and order.status_id not in COMPLETED_STATUSES:
        status = order.status or f"status {order.status_id}"
        return f"waits to be shipped or completed in BigCommerce (now {status})"
    if capture == "paid" and not is_paid(order):
        payment = order.payment_status or "none"
        return f"waits to be paid in BigCommerce (payment status {payment})"
    return ""


def is_cancelled(order):
    """Whether the order is archived, cancelled or declined in BigCommerce."""
    return order.is_deleted or order.status_id in CANCELLED_STATUSES


def cancelled_as(order):
    """How the order ended, for a note: archived, or its status."""
    return "archived" if order.is_deleted else (order.status or "cancelled")


def shipping_address(order):
    """The first shipping consignment's address (routing and delivery), or None."""
    shipping = order.shipping
    return shipping[0].address if shipping else None


def total_difference(expected, odoo_total):
    """BigCommerce's total minus Odoo's (a float), to the cent."""
    return (expected - Decimal(str(odoo_total))).quantize(CENT)


def log_values(order):
    """What the order log remembers of the order last seen."""
    return {
        "payload_hash": order.payload_hash,
        "bc_status_id": order.status_id,
        "bc_date_modified": order.date_modified,
        "bc_date_created": order.date_created,
        "bc_total": float(order.total_inc_tax),
        "payload_summary": payload_summary(order),
    }


def payload_summary(order):
    """One line a person reads: status, customer, lines, shipping, total."""
    lines = sum(len(c.line_items) for c in order.consignments)
    who = order.billing_address.email or (
        f"customer {order.customer_id}" if order.customer_id else "guest"
    )
    methods = ", ".join(c.method for c in order.shipping if c.method)
    parts = [
        order.status or f"status {order.status_id}",
        who,
        f"{lines} line{'' if lines == 1 else 's'}",
    ]
    if methods:
        parts.append(f"shipping {methods}")
    currency = order.default_currency_code or order.currency_code
    parts.append(f"total {order.total_inc_tax:.2f} {currency}".rstrip())
    return "; ".join(parts)
