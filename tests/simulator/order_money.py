"""Money and dates as v2 orders write them, and how seeding specs are applied.

v2 money is a string with four decimals (FACTS.md §6); the simulator
computes it in whole cents so that totals add up to the cent. v2 dates
are RFC 2822 in UTC (``Wed, 10 Jan 2018 21:05:30 +0000``).
:func:`overlay` sets a spec's fields on a record in the record's own
formats and refuses a key the record does not have, so that a typo never
seeds a field the schema forbids (``orderProducts`` allows no other).
"""

import copy
import email.utils
from decimal import ROUND_HALF_UP, Decimal

from .catalog_query import utc_moment

FOUR_PLACES = Decimal("0.0001")
CENT = Decimal("0.01")
DATE_FIELDS = frozenset({"date_created", "date_modified", "date_shipped"})
RATE_FIELDS = frozenset(
    {"currency_exchange_rate", "store_default_to_transactional_exchange_rate"}
)


def dec(value):
    """Return a number, a numeric string or None (zero) as a Decimal."""
    if value is None or value == "":
        return Decimal(0)
    return Decimal(str(value))


def money(value):
    """Return ``value`` as v2 money: a string with four decimals (``"12.5000"``)."""
    return str(dec(value).quantize(FOUR_PLACES, ROUND_HALF_UP) + 0)


def cents(value):
    """Return ``value`` rounded half up to the cent."""
    return dec(value).quantize(CENT, ROUND_HALF_UP)


def rates_of(rate):
    """Return a rate spec as a list of fractions: one tax, or several taxes
    (state, county...) each charged and rounded on its own."""
    if isinstance(rate, list | tuple):
        return [dec(r) for r in rate]
    return [dec(rate)] if dec(rate) else []


def tax_on(base, rate, inclusive=False):
    """Return the tax BigCommerce charges on ``base``, rounded half up per tax.

    With ``inclusive`` the base includes the tax (``base * r / (1 + r)``,
    the rates added up).
    """
    rates = rates_of(rate)
    if inclusive:
        total = sum(rates, Decimal(0))
        return cents(dec(base) * total / (1 + total))
    return sum((cents(dec(base) * r) for r in rates), Decimal(0))


def taxed(amount, rate, inclusive=False):
    """Return ``(ex_tax, tax, inc_tax)`` in cents for an amount before tax
    (or including it, when ``inclusive``)."""
    amount = cents(amount)
    tax = tax_on(amount, rate, inclusive)
    if inclusive:
        return amount - tax, tax, amount
    return amount, tax, amount + tax


def rfc2822(value):
    """Return a date as v2 writes it: ``Wed, 10 Jan 2018 21:05:30 +0000``.

    :param value: epoch seconds, a datetime (naive means UTC), or an ISO
        8601 or RFC 2822 string
    """
    return email.utils.format_datetime(utc_moment(value).replace(microsecond=0))


# Fields stored as 4-decimal money strings wherever they appear.
MONEY_FIELDS = frozenset(
    {
        *(f"{p}_{s}" for p in ("price", "total") for s in ("ex_tax", "inc_tax", "tax")),
        *(
            f"{p}_{s}"
            for p in ("subtotal", "shipping_cost", "handling_cost", "wrapping_cost")
            for s in ("ex_tax", "inc_tax", "tax")
        ),
        *(f"cost_{s}" for s in ("ex_tax", "inc_tax", "tax")),
        *(f"cost_price_{s}" for s in ("ex_tax", "inc_tax", "tax")),
        "base_price",
        "base_total",
        "base_cost",
        "base_cost_price",
        "base_shipping_cost",
        "base_handling_cost",
        "base_wrapping_cost",
        "discount_amount",
        "coupon_discount",
        "store_credit_amount",
        "gift_certificate_amount",
        "refunded_amount",
        "refund_amount",
        "fixed_shipping_cost",
        "discounted_total_inc_tax",
        "weight",
        "width",
        "height",
        "depth",
    }
)


def pop_first(spec, keys, default):
    """Pop every key of ``keys`` from ``spec``; return the first one's value."""
    found = [spec.pop(key) for key in keys if key in spec]
    return found[0] if found else default


def overlay(record, overrides, kind):
    """Set ``overrides`` on ``record`` in the record's own formats; return it.

    :raise ValueError: on a key the record does not have
    """
    for key, value in overrides.items():
        if key not in record:
            raise ValueError(f"{kind} has no field {key!r}")
        if key in MONEY_FIELDS:
            value = money(value)
        elif key in DATE_FIELDS and value != "":
            value = rfc2822(value)
        elif key in RATE_FIELDS:
            value = f"{dec(value):.10f}"
        record[key] = copy.deepcopy(value)
    return record
