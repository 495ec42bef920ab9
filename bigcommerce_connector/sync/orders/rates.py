"""The tax rates BigCommerce charged, read back from its rounded amounts.

BigCommerce taxes by destination and rounds each line, shipping, handling and
wrapping on its own, half up to the cent (FACTS 6). One rounded amount allows a
range of rates (2.47 of tax on 29.90 allows 8.244 % to 8.278 %); amounts taxed
at one rate share it, so :func:`assign_rates` intersects the ranges every
rounded amount allows and gives each entry the range of its group and the
roundest rate in it (fewest decimals, nearest the middle). Every rate of that
range gives every member its tax to the cent, so which one Odoo uses is a
matter of naming, never of money.

When the amounts of one order do not fit one rate per destination (several
tax classes, or several taxes each rounded on the line), :func:`needs_details`
says so and the order's ``/taxes?details=true`` gives each line its rates
(:func:`apply_details`). No ORM here.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
HUNDRED = Decimal(100)
MAX_PLACES = 4


def round_cent(amount):
    """Round half up to the cent, as BigCommerce rounds each amount."""
    return amount.quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class RateRange:
    """Percent rates from ``low`` (included) to ``high`` (excluded)."""

    low: Decimal
    high: Decimal

    def __and__(self, other):
        low, high = max(self.low, other.low), min(self.high, other.high)
        return RateRange(low, high) if low < high else None

    def __contains__(self, rate):
        return self.low <= Decimal(str(rate)) < self.high

    @property
    def width(self):
        return self.high - self.low

    def roundest(self):
        """The rate of the fewest decimals in the range.

        Among rates of as many decimals, one ending in 5 first (8.25 before
        8.26), then the one nearest the middle of the range.

        :returns: a Decimal, or None when the range holds no rate of at most
            four decimals
        """
        middle = (self.low + self.high) / 2
        for places in range(MAX_PLACES + 1):
            step = Decimal(1).scaleb(-places)
            for unit in (step * 5, step) if places else (step,):
                found = self._nearest(unit, middle)
                if found is not None:
                    return found.normalize() + 0
        return None

    def _nearest(self, step, middle):
        """The multiple of ``step`` in the range nearest ``middle``, or None."""
        nearest = (middle / step).to_integral_value(ROUND_HALF_EVEN) * step
        if nearest in self:
            return nearest
        first = (self.low / step).to_integral_value(ROUND_CEILING) * step
        return first if first in self else None


def rate_range(base, tax, inclusive=False):
    """The percent rates that give ``tax``, rounded half up, on ``base``.

    :param base: the amount taxed: excluding tax, or including it when
        ``inclusive`` (the tax is then ``base * r / (100 + r)``)
    :returns: a :class:`RateRange`, or None when no rate gives it
    """
    if base <= 0 or tax <= 0:
        return None
    low, high = (tax - HALF_CENT) / base, (tax + HALF_CENT) / base
    if inclusive:
        if high >= 1:
            return None
        low, high = low / (1 - low), high / (1 - high)
    low = max(low, Decimal(0))
    return RateRange(low * HUNDRED, high * HUNDRED)


def tax_of(base, rates, inclusive=False):
    """The tax BigCommerce charges on ``base`` at ``rates`` (each rounded)."""
    if inclusive:
        total = sum(rates, Decimal(0))
        return round_cent(base * total / (HUNDRED + total))
    return sum((round_cent(base * rate / HUNDRED) for rate in rates), Decimal(0))


@dataclass
class Taxed:
    """An amount BigCommerce taxed: a line, a shipping, handling or wrapping.

    :ivar kind: ``item``, ``shipping``, ``handling`` or ``wrapping``
    :ivar key: what the order's ``/taxes`` rows name it by (order product id
        for items and wrapping, order address id for shipping and handling)
    :ivar destination: the order address id it goes to (0: none known)
    :ivar base: the amount taxed, after its discounts (tax included when the
        order's prices include tax)
    :ivar tax: the tax BigCommerce charged on it
    :ivar rate_range: the rates that give the tax of every amount of its group
    :ivar tax_rate: the roundest of them, percent (0: not taxed)
    :ivar components: the rates of several taxes charged on it, when the
        order's ``/taxes`` named them
    :ivar place: the destination it is taxed at (country, state, zip, city)
    """

    kind: str
    key: int
    destination: int
    base: Decimal
    tax: Decimal
    inclusive: bool = False
    rate_range: RateRange = None
    tax_rate: Decimal = Decimal(0)
    components: tuple = ()
    unfit: bool = False
    place: tuple = ()


def assign_rates(entries):
    """Give each entry the range and rate of the group of entries it fits in.

    Narrow ranges (large amounts) go first; an entry joins the first group
    whose range meets its own, which becomes the intersection. An entry
    taxed on nothing, or whose range holds no rate of four decimals, is
    marked ``unfit``.
    """
    groups = []
    for entry in entries:
        entry.unfit = False
        entry.rate_range, entry.tax_rate = None, Decimal(0)
    taxed = [entry for entry in entries if entry.tax]
    ranges = {id(e): rate_range(e.base, e.tax, e.inclusive) for e in taxed}
    for entry in taxed:
        if ranges[id(entry)] is None:
            entry.unfit = True
    fitting = [e for e in taxed if not e.unfit]
    for entry in sorted(fitting, key=lambda e: ranges[id(e)].width):
        own = ranges[id(entry)]
        for group in groups:
            both = group[0] & own
            if both:
                group[0] = both
                group[1].append(entry)
                break
        else:
            groups.append([own, [entry]])
    for common, members in groups:
        rate = common.roundest()
        for entry in members:
            entry.rate_range, entry.tax_rate = common, rate or Decimal(0)
            entry.unfit = rate is None


def needs_details(entries):
    """Whether the order's ``/taxes`` must say which rates it charged.

    Yes when an amount fits no rate, or when the items going to one
    destination do not share one rate (amounts whose rates are already
    known, from ``/taxes`` or learned, count as known).
    """
    unknown = [entry for entry in entries if not entry.components]
    if any(entry.unfit for entry in unknown):
        return True
    rates = {}
    for entry in unknown:
        if entry.kind == "item" and entry.tax:
            rates.setdefault(entry.destination, set()).add(entry.rate_range)
    return any(len(found) > 1 for found in rates.values())


# Which of an entry's keys a ``/taxes`` row names, by its line_item_type.
DETAIL_TYPES = {
    "item": "item",
    "shipping": "shipping",
    "handling": "handling",
    "gift-wrapping": "wrapping",
}


def apply_details(entries, rows):
    """Give each entry the rates the order's ``/taxes`` rows name for it.

    Kept only where those rates, each rounded on the entry, give exactly
    the tax BigCommerce charged; other entries keep their assigned rate.

    :param rows: parsed :class:`~.payload.TaxRow` of ``/taxes?details=true``
    :returns: the entries still unfit
    """
    named = {}
    for row in rows:
        kind = DETAIL_TYPES.get(row.line_item_type)
        key = row.order_product_id if kind in ("item", "wrapping") else row.address_id
        if kind and row.rate:
            named.setdefault((kind, key), []).append(row.rate)
    for entry in entries:
        rates = tuple(named.get((entry.kind, entry.key), ()))
        if rates and tax_of(entry.base, rates, entry.inclusive) == entry.tax:
            entry.components = rates
            entry.unfit = False
    return [entry for entry in entries if entry.unfit and not entry.components]


def take_named_rates(entries, rows):
    """Give amounts ``/taxes`` does not name (fees) a rate it names for the
    order, when one lies in their range: a real rate, never one made up
    from a rounded amount."""
    named = sorted({row.rate for row in rows if row.rate})
    for entry in entries:
        if entry.components or entry.rate_range is None:
            continue
        fitting = [rate for rate in named if rate in entry.rate_range]
        if fitting:
            entry.components = (fitting[0],)


class LearnedRates:
    """The rates ``/taxes`` named, by destination and kind, for the run.

    BigCommerce taxes by destination: the next order to the same place, of
    the same kind of amount, is charged the same taxes. An amount those rates
    give its tax exactly takes them without another call.
    """

    def __init__(self):
        self._rates = {}

    def learn(self, entries):
        """Remember the rates ``/taxes`` named for these entries."""
        for entry in entries:
            if entry.components and entry.place:
                self._rates[(entry.place, entry.kind)] = entry.components

    def apply(self, entries):
        """Give entries the rates learned for their place when they fit exactly.

        :returns: whether any entry took learned rates
        """
        applied = False
        for entry in entries:
            rates = self._rates.get((entry.place, entry.kind))
            if (
                rates
                and entry.tax
                and not entry.components
                and tax_of(entry.base, rates, entry.inclusive) == entry.tax
            ):
                entry.components = rates
                applied = True
        return applied
