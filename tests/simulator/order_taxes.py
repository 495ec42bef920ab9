"""An order's taxes (``GET /v2/orders/{id}/taxes``, schema ``orderTaxes_Base``).

One row per tax charged on each taxed line, shipping and handling (a line
taxed by a state and a county rate has two rows), each with the amount that
tax came to on it, rounded half up on its own. ``details=true`` adds
``order_product_id`` and ``line_item_type`` (FACTS 6).
"""

from decimal import Decimal

from .order_money import cents, dec, money, rates_of

HUNDRED = Decimal(100)


def order_tax_rows(orders, order, details=False):
    """Return the ``orderTaxes_Base`` rows of ``order`` (empty when untaxed).

    :param orders: the simulator's order state (it keeps each line's rates)
    """
    inclusive = order.get("is_tax_inclusive_pricing", False)
    side = "inc" if inclusive else "ex"
    rows = []
    for product in order["products"]:
        rate = orders.tax_rates.get((order["id"], "item", product["id"]), 0)
        off = sum((dec(d["amount"]) for d in product["applied_discounts"]), Decimal(0))
        taxed = (
            ("item", dec(product[f"total_{side}_tax"]) - off, product["total_tax"]),
            (
                "gift-wrapping",
                dec(product[f"wrapping_cost_{side}_tax"]),
                product["wrapping_cost_tax"],
            ),
        )
        for kind, base, tax in taxed:
            where = (kind, product["order_address_id"], product["id"])
            rows += _rows(order, where, base, dec(tax), rate, inclusive)
    for address in order["shipping_addresses"]:
        rate = orders.tax_rates.get((order["id"], "shipping", address["id"]), 0)
        for kind, prefix in (("shipping", "cost"), ("handling", "handling_cost")):
            base = dec(address[f"{prefix}_{side}_tax"])
            tax = dec(address[f"{prefix}_tax"])
            rows += _rows(
                order, (kind, address["id"], None), base, tax, rate, inclusive
            )
    for index, row in enumerate(rows, start=1):
        row["id"] = index
        if not details:
            del row["line_item_type"]
        if not details or row["order_product_id"] is None:
            # A string in the spec: absent rather than null where none applies.
            del row["order_product_id"]
    return rows


def _rows(order, where, base, tax, rate, inclusive):
    """One row per rate of ``rate``, with the amount it charged on ``base``."""
    kind, address_id, product_id = where
    rates = rates_of(rate)
    if not tax or not rates:
        return []
    if inclusive:
        # The rates are charged together on a price including them all.
        total = sum(rates, Decimal(0))
        shares = [cents(tax * r / total) for r in rates[:-1]]
        shares.append(tax - sum(shares, Decimal(0)))
    else:
        shares = [cents(base * r) for r in rates]
    shipping = kind in ("shipping", "handling")
    return [
        {
            "order_id": order["id"],
            "order_address_id": address_id or 0,
            "sales_tax_id": f"rate-{index}",
            "tax_class_id": 2 if shipping else 0,
            "name": f"Tax {index + 1}",
            "class": "Shipping" if shipping else "Default Tax Class",
            "rate": money(r * HUNDRED),
            "priority": index,
            "priority_amount": money(share),
            "line_amount": money(share),
            "order_pickup_method_id": 0,
            "order_product_id": str(product_id) if product_id else None,
            "line_item_type": kind,
        }
        for index, (r, share) in enumerate(zip(rates, shares, strict=True))
    ]
