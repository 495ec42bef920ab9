"""Pure decisions of the order download over a parsed order (:mod:`.payload`).

No ORM here: these functions are tested on their own. Which lines an order
has and what stops it, the tax rate BigCommerce charged on each line and
charge, the discount, whether it is paid or cancelled.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .rates import Taxed

CENT = Decimal("0.01")
CANCELLED_STATUSES = frozenset({5, 6})  # Cancelled, Declined
# A fully refunded order is not invoiced: there is nothing left to collect.
PAID_STATUSES = frozenset({"captured", "paid", "partially refunded"})


class SkipOrder(Exception):
    """The order cannot be imported as the store is configured; logged as skipped."""


@dataclass
class OrderLine:
    """One BigCommerce order product, ready to become a sale order line.

    :ivar item: the :class:`~.payload.LineItem`
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


@dataclass
class Charge:
    """Shipping, handling or gift wrapping of one consignment or line.

    :ivar key: the order address id (shipping, handling) or order product id
        (wrapping) BigCommerce's ``/taxes`` rows name it by
    :ivar address_id: the shipping consignment's order address, if any
    """

    kind: str
    name: str
    amount: Decimal
    tax: Decimal
    inc_tax: Decimal = Decimal(0)
    key: int = 0
    address_id: int = 0
    taxed: object = None

    def base(self, inclusive=False):
        """The amount BigCommerce taxed (tax included when prices include it)."""
        return self.inc_tax if inclusive else self.amount


def charges(order):
    """Shipping and handling per shipping consignment, wrapping per line, fees.

    BigCommerce taxes and rounds each of them on its own. Handling falls back
    to the order's totals when no consignment carries it.
    """
    result = []
    for shipping in order.shipping:
        address = consignment_address_id(shipping)
        result.append(
            Charge(
                "shipping",
                shipping.method or "Shipping",
                shipping.cost_ex_tax,
                shipping.cost_tax,
                shipping.cost_inc_tax,
                shipping.id,
                address,
            )
        )
        if shipping.handling_ex_tax or shipping.handling_inc_tax:
            result.append(
                Charge(
                    "handling",
                    "Handling",
                    shipping.handling_ex_tax,
                    shipping.handling_tax,
                    shipping.handling_inc_tax,
                    shipping.id,
                    address,
                )
            )
    handling = order.handling
    found = any(charge.kind == "handling" for charge in result)
    if not found and (handling.ex_tax or handling.inc_tax):
        result.append(
            Charge(
                "handling", "Handling", handling.ex_tax, handling.tax, handling.inc_tax
            )
        )
    fees = [
        Charge("fee", fee.name or "Fee", fee.ex_tax, fee.tax, fee.inc_tax, fee.id)
        for fee in order.fees
    ]
    return result + wrapping_charges(order) + fees


def wrapping_charges(order):
    """The gift wrapping charges: one per wrapped line, named with its wrapping.

    BigCommerce taxes each line's wrapping on its own, so each is a charge of
    its own (a free wrapping with a name or message is kept at zero). When the
    lines' amounts do not give the order's ``wrapping_cost_*`` to the cent,
    one charge holds the order's amounts, so the wrapping charged is always
    exactly the order's.
    """
    wrapped = [
        item
        for consignment in order.consignments
        for item in consignment.line_items
        if item.wrapping
    ]
    total = order.wrapping
    ex_tax = sum((item.wrapping.ex_tax for item in wrapped), Decimal(0))
    tax = sum((item.wrapping.tax for item in wrapped), Decimal(0))
    if wrapped and (ex_tax, tax) == (total.ex_tax, total.tax):
        return [
            Charge(
                "wrapping",
                wrapping_label([item.wrapping.name], [item]),
                item.wrapping.ex_tax,
                item.wrapping.tax,
                item.wrapping.inc_tax,
                item.id,
            )
            for item in wrapped
        ]
    if not (total.ex_tax or total.inc_tax):
        return []
    names = list(dict.fromkeys(item.wrapping.name for item in wrapped))
    label = wrapping_label(names, wrapped)
    return [Charge("wrapping", label, total.ex_tax, total.tax, total.inc_tax)]


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


def taxed_amounts(order, lines, charges_):
    """The :class:`~.rates.Taxed` amount of every line and charge, linked to it.

    :returns: the list of them, rates not yet assigned
    """
    inclusive = order.is_tax_inclusive_pricing
    places = {c.id: place(c.address) for c in order.consignments if c.address}
    entries = []
    for line in lines:
        line.taxed = Taxed(
            "item",
            line.item.id,
            line.item.order_address_id or line.consignment.id,
            line.base(inclusive),
            line.tax,
            inclusive,
            place=place(line.consignment.address),
        )
        entries.append(line.taxed)
    for charge in charges_:
        destination = charge.key if charge.kind in ("shipping", "handling") else 0
        charge.taxed = Taxed(
            charge.kind,
            charge.key,
            destination,
            charge.base(inclusive),
            charge.tax,
            inclusive,
            place=places.get(destination, ()),
        )
        entries.append(charge.taxed)
    return entries


def place(address):
    """Where BigCommerce taxes an address: country, state, zip, city (or ())."""
    if address is None:
        return ()
    return (address.country_code, address.state, address.zip, address.city.lower())


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


def own_total(order):
    """BigCommerce's total as its own lines, charges and discounts add up.

    Each line after its discounts plus its tax, each charge plus its tax,
    less the discounts no line carries. An order whose ``total_inc_tax``
    differs from this does not add up in BigCommerce itself.
    """
    inclusive = order.is_tax_inclusive_pricing
    lines = check_order(order).lines
    parts = [line.base(inclusive) + (0 if inclusive else line.tax) for line in lines]
    parts += [
        charge.base(inclusive) + (0 if inclusive else charge.tax)
        for charge in charges(order)
    ]
    return sum(parts, Decimal(0)) - unallocated_discount(order, lines)


def total_difference(expected, odoo_total):
    """BigCommerce's total minus Odoo's (a float), to the cent."""
    return (expected - Decimal(str(odoo_total))).quantize(CENT)


def log_values(order):
    """What the order log remembers of the order last seen."""
    return {
        "payload_hash": order.payload_hash,
        "bc_status_id": order.status_id,
        "bc_date_modified": order.date_modified,
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
