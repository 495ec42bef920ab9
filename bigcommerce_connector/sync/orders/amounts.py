"""The amounts BigCommerce taxed in an order, and the total they make.

Pure decisions over a parsed order (:mod:`.payload`), beside
:mod:`.mapping`'s lines: shipping and handling per shipping consignment,
wrapping per line and fees are charges; each line and charge is a
:class:`~.rates.Taxed` amount; :func:`own_total` adds them up as BigCommerce
does. No ORM here.
"""

from dataclasses import dataclass
from decimal import Decimal

from .mapping import (
    check_order,
    consignment_address_id,
    unallocated_discount,
    wrapping_label,
)
from .rates import Taxed


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
