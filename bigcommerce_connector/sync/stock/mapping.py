"""The quantity a product may sell on BigCommerce: formula, buffers, caps.

Pure (no Odoo; tested with hypothesis). The store's stock formula (seed
"Stock settings", Cin7 Omni) reads Odoo's levels of the source warehouses:

- ``free``: free quantity (on hand, not reserved);
- ``on_hand``: quantity on hand;
- ``on_hand_7`` / ``on_hand_30``: on hand minus open sale demand due within
  7 / 30 days;
- ``free_incoming``: free plus everything incoming;
- ``free_incoming_7`` / ``free_incoming_30``: free plus what comes in within
  7 / 30 days.

Then, in this order: the buffer (the product's, 0 included, else the
store's) is kept back; the maximum listed quantity and the maximum listed
percentage cap what is left; at or below the "end when" quantity nothing is
listed; never below 0, never above BigCommerce's maximum. BigCommerce
counts whole units: fractions are dropped.
"""

import math
from dataclasses import dataclass

# BigCommerce keeps at most this many units of an item at a location (FACTS §10).
MAX_LEVEL = 2_147_483_647

FORMULAS = (
    "free",
    "on_hand",
    "on_hand_7",
    "on_hand_30",
    "free_incoming",
    "free_incoming_7",
    "free_incoming_30",
)


@dataclass(frozen=True)
class Levels:
    """A product's stock in the source warehouses, summed, in its unit.

    :ivar demand_7: open sale demand (outgoing, not done) due within 7 days
    :ivar incoming_7: incoming (not done) due within 7 days
    """

    on_hand: float = 0.0
    free: float = 0.0
    incoming: float = 0.0
    incoming_7: float = 0.0
    incoming_30: float = 0.0
    demand_7: float = 0.0
    demand_30: float = 0.0

    def __add__(self, other):
        """The stock of two warehouses together."""
        return Levels(
            *(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__)
        )


@dataclass(frozen=True)
class Limits:
    """What stands between the stock and the listed quantity.

    :ivar store_buffer: kept back of every product
    :ivar product_buffer: kept back of this product instead (0 included);
        None: the store's
    :ivar max_quantity: never list more (None: no cap)
    :ivar max_percent: never list more than this share of what is left after
        the buffer (None: no cap)
    :ivar end_when: at or below this, list 0 (None: no threshold)
    """

    store_buffer: float = 0.0
    product_buffer: float | None = None
    max_quantity: float | None = None
    max_percent: float | None = None
    end_when: float | None = None

    @property
    def buffer(self):
        """The buffer in force: the product's when it has one, 0 included."""
        return self.store_buffer if self.product_buffer is None else self.product_buffer


def base_quantity(levels, formula):
    """The stock the formula counts, before buffers and caps."""
    if formula not in FORMULAS:
        raise ValueError(f"unknown stock formula {formula!r}")
    if formula == "free":
        return levels.free
    if formula == "on_hand":
        return levels.on_hand
    if formula == "on_hand_7":
        return levels.on_hand - levels.demand_7
    if formula == "on_hand_30":
        return levels.on_hand - levels.demand_30
    incoming = {
        "free_incoming": levels.incoming,
        "free_incoming_7": levels.incoming_7,
        "free_incoming_30": levels.incoming_30,
    }[formula]
    return levels.free + incoming


def publishable(levels, formula, limits=Limits()):
    """The whole number of units to publish: never negative."""
    quantity = base_quantity(levels, formula) - limits.buffer
    if limits.max_percent is not None:
        quantity = min(quantity, quantity * limits.max_percent / 100)
    # A float a hair under a whole unit (0.1 + 0.2 ...) is that unit.
    units = math.floor(round(quantity, 6))
    if limits.max_quantity is not None:
        units = min(units, math.floor(limits.max_quantity))
    if limits.end_when is not None and units <= limits.end_when:
        return 0
    return min(max(units, 0), MAX_LEVEL)
