"""Which warehouse ships what: the routing grid and the split, without ORM.

Seed "Branch Routing" (Cin7 Omni): the first rule of the store's grid that
matches a consignment's shipping address and method routes it to a
warehouse, else the default warehouse ships it. With *Split Orders*, a line
the routed warehouse has not its whole quantity free for goes to the rule's first backup
warehouse that has its whole quantity free, then its second; a line none of
them can cover stays with the routed warehouse. Lines are never cut in two
(their tax is BigCommerce's on the whole line). Free stock is counted down
as orders take it, so the orders of one page never promise the same unit
twice.

Everything here is pure (tested with hypothesis): warehouses and products are
plain keys, quantities plain numbers.
"""

from dataclasses import dataclass, field

from ..customers.mapping import fold


@dataclass(frozen=True)
class Place:
    """Where a consignment goes and how: what a routing rule looks at.

    :ivar country: ISO code (any case)
    :ivar state: the state as BigCommerce wrote it (name or code)
    :ivar zip: the postal code
    :ivar method: the shipping method as BigCommerce names it
    """

    country: str = ""
    state: str = ""
    zip: str = ""
    method: str = ""


@dataclass(frozen=True)
class Rule:
    """One row of the routing grid; empty conditions match everything.

    :ivar countries: ISO codes, folded (:func:`fold`)
    :ivar states: ``(country ISO code, state name or code)`` pairs, folded:
        WA is Washington in the US, Western Australia in Australia
    :ivar zips: :func:`parse_zips` entries
    :ivar methods: shipping method names, folded
    :ivar warehouses: the warehouse, then up to two backups
    """

    key: object
    warehouses: tuple
    countries: frozenset = frozenset()
    states: frozenset = frozenset()
    zips: tuple = ()
    methods: frozenset = frozenset()

    def matches(self, place):
        """Whether every condition of the rule holds for ``place``."""
        return (
            (not self.countries or fold(place.country) in self.countries)
            and (
                not self.states
                or (fold(place.country), fold(place.state)) in self.states
            )
            and (not self.zips or zip_matches(self.zips, place.zip))
            and (not self.methods or fold(place.method) in self.methods)
        )


def parse_zips(text):
    """Zip conditions of a rule: ``"100, 112-119, 9*"``.

    An entry ``A-B`` is a range of prefixes of the same length (``112-119``
    takes 11200 to 11999); any other entry is a prefix (a trailing ``*`` is
    allowed). Case and spaces do not count.

    :returns: tuple of ``("prefix", p)`` and ``("range", low, high)``
    :raises ValueError: an entry that is neither, with the entry named
    """
    entries = []
    for raw in (text or "").split(","):
        entry = _zip_text(raw).rstrip("*")
        if not entry:
            continue
        low, dash, high = entry.partition("-")
        if dash:
            if not low or len(low) != len(high) or low > high:
                raise ValueError(
                    f"zip range {raw.strip()!r} is not LOW-HIGH of one length"
                )
            entries.append(("range", low, high))
        else:
            entries.append(("prefix", entry))
    return tuple(entries)


def zip_matches(entries, zip_code):
    """Whether ``zip_code`` is within one of the parsed entries."""
    code = _zip_text(zip_code)
    if not code:
        return False
    for entry in entries:
        if entry[0] == "prefix" and code.startswith(entry[1]):
            return True
        if entry[0] == "range" and len(code) >= len(entry[1]):
            if entry[1] <= code[: len(entry[1])] <= entry[2]:
                return True
    return False


def _zip_text(text):
    return "".join((text or "").split()).upper()


def route(rules, place):
    """The first rule (in the grid's order) matching ``place``, or None."""
    return next((rule for rule in rules if rule.matches(place)), None)


@dataclass
class Stock:
    """Free quantities per ``(warehouse, product)``, counted down as taken."""

    free: dict = field(default_factory=dict)

    def available(self, warehouse, product):
        return max(self.free.get((warehouse, product), 0), 0)

    def take(self, warehouse, product, quantity):
        self.free[warehouse, product] = self.available(warehouse, product) - quantity

    def snapshot(self):
        """A copy to go back to (keys and quantities are immutable)."""
        return Stock(dict(self.free))


def split(lines, warehouses, stock):
    """Which warehouse ships each line, whole.

    A line ships from the first warehouse of the chain that has its whole
    quantity free; when none has, the routed warehouse (the first) keeps it,
    taking what it has. A line is never cut in two: BigCommerce rounds each
    line's tax on the whole line, and two parts would not add up to it to the
    cent. Stock is counted down, so later calls see what earlier ones took.

    :param lines: ``(line key, product key, quantity)`` triples; a product key
        of None (a service) ships from the routed warehouse
    :param warehouses: the routed warehouse, then its backups
    :param stock: :class:`Stock`
    :returns: ``{line key: warehouse}``
    """
    first = warehouses[0]
    chain = list(dict.fromkeys(warehouses))
    shares = {}
    for key, product, quantity in lines:
        quantity = max(quantity, 0)
        chosen = first
        if product is not None:
            chosen = next(
                (w for w in chain if stock.available(w, product) >= quantity), first
            )
            stock.take(chosen, product, min(quantity, stock.available(chosen, product)))
        shares[key] = chosen
    return shares
