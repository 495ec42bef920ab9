"""Pure decisions of the order download: a v2 order payload to lines and checks.

No ORM here: these functions are tested on their own. Money arrives as
4-decimal strings (orders) or numbers (consignment costs): read both as
Decimal (FACTS 14).
"""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.values import to_decimal

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
CANCELLED_STATUSES = frozenset({5, 6})  # Cancelled, Declined
# A fully refunded order is not invoiced: there is nothing left to collect.
PAID_STATUSES = frozenset({"captured", "paid", "partially refunded"})
CONSIGNMENT_KINDS = ("shipping", "pickups", "downloads")


def payload_hash(order):
    """A digest of the order, to skip payloads seen before."""
    text = json.dumps(order, sort_keys=True, default=str)
    return hashlib.sha1(text.encode()).hexdigest()


@dataclass
class OrderLine:
    """One BigCommerce order product, ready to become a sale order line."""

    item: dict
    consignment: dict
    quantity: Decimal
    price_ex_tax: Decimal
    amount: Decimal  # total excluding tax
    tax: Decimal  # tax BigCommerce charged on the total
    tax_rate: Decimal = Decimal(0)  # percent; set by unify_tax_rates

    @property
    def sku(self):
        return (self.item.get("sku") or "").strip()

    @property
    def variant_id(self):
        return self.item.get("variant_id") or 0

    def description(self):
        """Name, SKU, then each option or modifier chosen, one a line."""
        name = (self.item.get("name") or "").strip() or self.sku or "BigCommerce item"
        lines = [f"[{self.sku}] {name}" if self.sku else name]
        for option in self.item.get("product_options") or []:
            label = option.get("display_name") or option.get("name") or ""
            value = option.get("display_value") or option.get("value") or ""
            if label or value:
                lines.append(f"{label}: {value}")
        return "\n".join(lines)


@dataclass
class OrderCheck:
    """What stops an order (problems) and what a person should know (notes)."""

    lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def consignments(order):
    """The order's consignments by kind, from the object or the array form."""
    raw = order.get("consignments")
    if isinstance(raw, list):
        raw = raw[0] if raw else {}
    if not isinstance(raw, dict):
        return {}
    found = {kind: raw.get(kind) or [] for kind in CONSIGNMENT_KINDS}
    found["gift_certificates"] = (raw.get("email") or {}).get("gift_certificates") or []
    return found


def unify_tax_rates(entries):
    """Give each line or charge the tax rate BigCommerce charged on it.

    A rate read from a small, rounded amount is imprecise (10.00 taxed 0.83 reads
    8.3 %): the largest amounts go first, and a smaller one takes a rate already
    found when that rate gives its tax to the cent. A rate is the roundest one
    (2, 3, then 4 decimals) that gives the tax charged.

    :param entries: objects with ``amount``, ``tax`` and a ``tax_rate`` to set
    """
    known = []
    for entry in sorted(entries, key=lambda e: e.amount, reverse=True):
        if not entry.amount or not entry.tax:
            entry.tax_rate = Decimal(0)
            continue
        rate = next((r for r in known if _gives(entry, r)), None)
        if rate is None:
            rate = _roundest_rate(entry)
            known.append(rate)
        entry.tax_rate = rate


def _gives(entry, rate):
    """Whether ``rate`` gives the tax charged, rounding half up or half even."""
    return abs(entry.amount * rate / 100 - entry.tax) <= HALF_CENT


def _roundest_rate(entry):
    exact = entry.tax / entry.amount * 100
    for places in ("0.01", "0.001", "0.0001"):
        rate = exact.quantize(Decimal(places))
        if _gives(entry, rate):
            return rate.normalize()
    return exact.quantize(Decimal("0.0001"))


def check_order(order):
    """Flatten the order's line items and say what is wrong with them.

    :returns: :class:`OrderCheck`; an order with problems is not imported
    """
    check = OrderCheck()
    for kind, items in consignments(order).items():
        for consignment in items:
            for item in consignment.get("line_items") or []:
                _add_line(check, item, dict(consignment, kind=kind))
    if not check.lines and not check.problems:
        check.problems.append("the order has no lines")
    return check


def _add_line(check, item, consignment):
    if item.get("parent_order_product_id"):
        return  # a bundled child: its parent carries the price
    quantity = to_decimal(item.get("quantity"))
    price = to_decimal(item.get("price_ex_tax"))
    ref = item.get("sku") or item.get("name") or item.get("id")
    if quantity <= 0:
        check.notes.append(f"Line {ref} has quantity {quantity}: left out.")
        return
    if price < 0:
        check.problems.append(f"line {ref} has a negative price ({price})")
        return
    amount, tax = (
        to_decimal(item.get("total_ex_tax")),
        to_decimal(item.get("total_tax")),
    )
    check.lines.append(OrderLine(item, consignment, quantity, price, amount, tax))


@dataclass
class Charge:
    """Shipping, handling or gift wrapping: an amount and its charged tax rate."""

    kind: str
    name: str
    amount: Decimal
    tax: Decimal
    tax_rate: Decimal = Decimal(0)  # percent; set by unify_tax_rates


def charges(order):
    """Shipping per shipping consignment, then handling and wrapping, if any."""
    result = []
    for consignment in consignments(order).get("shipping", []):
        cost = to_decimal(consignment.get("cost_ex_tax"))
        method = (consignment.get("shipping_method") or "").strip() or "Shipping"
        tax = to_decimal(consignment.get("cost_tax"))
        result.append(Charge("shipping", method, cost, tax))
    for kind, label in (("handling", "Handling"), ("wrapping", "Gift wrapping")):
        amount = to_decimal(order.get(f"{kind}_cost_ex_tax"))
        if amount:
            tax = to_decimal(order.get(f"{kind}_cost_tax"))
            result.append(Charge(kind, label, amount, tax))
    return result


def discount_total(order):
    """Manual discount plus coupon discount of the order (positive)."""
    return to_decimal(order.get("discount_amount")) + to_decimal(
        order.get("coupon_discount")
    )


def coupon_codes(lines):
    """Distinct coupon codes applied to the lines, in order of appearance."""
    codes = []
    for line in lines:
        for discount in line.item.get("applied_discounts") or []:
            code = (discount.get("code") or "").strip()
            if code and code not in codes:
                codes.append(code)
    return codes


def is_paid(order):
    """Whether BigCommerce took the money (payment status)."""
    return (order.get("payment_status") or "").lower() in PAID_STATUSES


def shipping_address(order):
    """The first shipping consignment's address (routing and delivery), or None."""
    shipping = consignments(order).get("shipping") or []
    return shipping[0] if shipping else None
