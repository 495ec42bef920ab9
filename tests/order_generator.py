"""BigCommerce orders generated the way BigCommerce computes their money.

A hypothesis strategy of seeding specs for the simulator's ``add_order``:
destination rates (one per shipping address, some destinations charging a
state and a city tax each rounded on the line), 1-5 lines of quantities 1-10,
coupons of every type spread over the lines as ``applied_discounts`` (a line's
``total_tax`` is charged after its discounts, its ``total_ex_tax`` is before
them), a manual discount, shipping, handling, wrapping and fees, one to three
consignments, prices excluding or including tax. The simulator turns a spec
into BigCommerce's amounts (per-line rounding half up, FACTS 6); the test
compares Odoo's documents with them.

Shipping coupons (``shipping_discount``, ``free_shipping``) lower the
shipping cost itself: their coupon row discounts nothing more, so the order's
``coupon_discount`` stays the sum of what the lines carry.
"""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import strategies as st

CENT = Decimal("0.01")
# Percent rates the generated destinations charge, as fractions.
RATES = (
    Decimal("0"),
    Decimal("0.04712"),
    Decimal("0.053"),
    Decimal("0.0625"),
    Decimal("0.07375"),
    Decimal("0.095"),
)
# A destination charging two taxes, each rounded on its own line.
STATE_AND_CITY = (Decimal("0.0625"), Decimal("0.02"))
COUPON_TYPES = (
    "per_item_discount",
    "percentage_discount",
    "per_total_discount",
    "shipping_discount",
    "free_shipping",
    "promotion",
)


def percents(rate):
    """The percent rates (Decimal) a generated rate spec charges."""
    rates = rate if isinstance(rate, tuple) else (rate,)
    return {(r * 100).normalize() for r in rates if r}


def cents(value):
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


money = st.integers(min_value=1, max_value=50000).map(lambda c: Decimal(c) / 100)
small_money = st.integers(min_value=0, max_value=3000).map(lambda c: Decimal(c) / 100)


@st.composite
def orders(draw, inclusive=None):
    """A seeding spec for ``BigCommerceSimulator.add_order``."""
    if inclusive is None:
        inclusive = draw(st.integers(0, 3)) == 0
    rate_choices = RATES if inclusive else (*RATES, STATE_AND_CITY)
    addresses = []
    for index in range(draw(st.integers(1, 3))):
        rate = draw(st.sampled_from(rate_choices))
        addresses.append(
            {
                "id": None,  # filled by the caller's ids
                "first_name": f"Ship{index}",
                "cost_ex_tax": draw(small_money),
                "handling_cost_ex_tax": draw(
                    st.sampled_from([Decimal(0), Decimal("2.50")])
                )
                if draw(st.booleans())
                else Decimal(0),
                "tax_rate": _rate_spec(rate),
                "_rate": rate,
            }
        )
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        address = draw(st.sampled_from(addresses))
        lines.append(
            {
                "name": "Generated item",
                "price": draw(money),
                "quantity": draw(st.integers(1, 10)),
                "wrapping_cost_ex_tax": draw(
                    st.sampled_from([Decimal(0), Decimal("3.95")])
                )
                if draw(st.integers(0, 4)) == 0
                else Decimal(0),
                "_address": address,
            }
        )
    coupon_type = draw(st.none() | st.sampled_from(COUPON_TYPES))
    manual = draw(st.booleans()) and draw(st.integers(0, 2)) == 0
    spec = _finish(draw, addresses, lines, coupon_type, manual, inclusive)
    spec["fees"] = []
    rate = addresses[0]["_rate"]
    if draw(st.integers(0, 3)) == 0 and not isinstance(rate, tuple):
        # A fee is taxed at the order's destination (its first address).
        spec["fees"].append(
            {
                "display_name": "Package Protection",
                "cost_ex_tax": float(draw(small_money)),
                "tax_rate": float(rate),
            }
        )
        spec["fee_rates"] = percents(rate)
    return spec


def _rate_spec(rate):
    return [float(r) for r in rate] if isinstance(rate, tuple) else float(rate)


def _finish(draw, addresses, lines, coupon_type, manual, inclusive):
    coupons = []
    discounts = {id(line): [] for line in lines}
    if coupon_type in ("shipping_discount", "free_shipping"):
        target = addresses[0]
        off = (
            target["cost_ex_tax"]
            if coupon_type == "free_shipping"
            else min(target["cost_ex_tax"], Decimal(5))
        )
        target["cost_ex_tax"] -= off
        coupons.append(
            {
                "code": "SHIPCODE",
                "type": coupon_type,
                "amount": float(off),
                "discount": 0,
            }
        )
    elif coupon_type:
        amount, shares = _coupon_shares(draw, coupon_type, lines)
        for line, share in zip(lines, shares, strict=True):
            if share:
                discounts[id(line)].append(
                    {"amount": float(share), "code": "SAVE", "target": "product"}
                )
        coupons.append(
            {
                "code": "SAVE",
                "type": coupon_type,
                "amount": float(amount),
                "discount": float(sum(shares)),
            }
        )
    manual_total = Decimal(0)
    if manual:
        off = draw(st.integers(1, 900).map(lambda c: Decimal(c) / 100))
        remaining = [
            _gross(line) - sum(Decimal(str(d["amount"])) for d in discounts[id(line)])
            for line in lines
        ]
        shares = _spread(min(off, sum(remaining)), remaining)
        for line, share in zip(lines, shares, strict=True):
            if share:
                discounts[id(line)].append(
                    {"amount": float(share), "code": None, "target": "order"}
                )
        manual_total = sum(shares, Decimal(0))
    return {
        "is_tax_inclusive_pricing": inclusive,
        "addresses": addresses,
        "lines": lines,
        "discounts": discounts,
        "coupons": coupons,
        "discount_amount": manual_total,
    }


def _gross(line):
    return cents(line["price"] * line["quantity"])


def _coupon_shares(draw, kind, lines):
    """What a coupon of ``kind`` takes off each line, as BigCommerce spreads it."""
    gross = [_gross(line) for line in lines]
    if kind == "per_item_discount":
        amount = draw(st.integers(1, 500).map(lambda c: Decimal(c) / 100))
        return amount, [
            min(amount * line["quantity"], g)
            for line, g in zip(lines, gross, strict=True)
        ]
    if kind == "percentage_discount":
        amount = Decimal(draw(st.sampled_from([5, 10, 15, 33])))
        return amount, [cents(g * amount / 100) for g in gross]
    amount = draw(st.integers(1, 5000).map(lambda c: Decimal(c) / 100))
    return amount, _spread(min(amount, sum(gross)), gross)


def _spread(amount, weights):
    """Share ``amount`` over lines in proportion to ``weights``, to the cent."""
    total = sum(weights, Decimal(0))
    if not total:
        return [Decimal(0)] * len(weights)
    shares = [cents(amount * w / total) for w in weights]
    largest = max(range(len(weights)), key=lambda i: weights[i])
    shares[largest] += amount - sum(shares, Decimal(0))
    return shares


def seed(sim, spec, order_id, first_address_id):
    """Add a generated order to the simulator as ``order_id``; return it."""
    ids = {}
    addresses = []
    for offset, address in enumerate(spec["addresses"]):
        ids[id(address)] = first_address_id + offset
        values = {k: v for k, v in address.items() if not k.startswith("_")}
        values.update(id=ids[id(address)], cost_ex_tax=float(address["cost_ex_tax"]))
        values["handling_cost_ex_tax"] = float(address["handling_cost_ex_tax"])
        addresses.append(values)
    products = []
    for line in spec["lines"]:
        address = line["_address"]
        products.append(
            {
                "name": line["name"],
                "price": float(line["price"]),
                "quantity": line["quantity"],
                "wrapping_cost_ex_tax": float(line["wrapping_cost_ex_tax"]),
                "tax_rate": address["tax_rate"],
                "order_address_id": ids[id(address)],
                "applied_discounts": spec["discounts"][id(line)],
            }
        )
    return sim.add_order(
        id=order_id,
        fees=spec["fees"],
        products=products,
        shipping_addresses=addresses,
        coupons=spec["coupons"],
        discount_amount=float(spec["discount_amount"]),
        is_tax_inclusive_pricing=spec["is_tax_inclusive_pricing"],
    )


def generated_percents(spec):
    """Every percent rate a spec's destinations charge."""
    found = set(spec.get("fee_rates", ()))
    for address in spec["addresses"]:
        found |= percents(address["_rate"])
    return found
