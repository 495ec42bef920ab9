"""The simulated multi-location inventory: locations and the level of each
item at each location, kept consistent with the catalog.

Levels live here, per item and location (FACTS.md §10); an item never set
at a location has no level there (answered as 0, and a relative
adjustment on it is refused). The catalog shows each item's sum over the
locations: a product tracked by product in its ``inventory_level``, a
variant in its own, and ``refresh`` sums a product's variants. A catalog
write of ``inventory_level`` (seeding, ``PUT /v3/catalog/products``, a
test editing a record) goes, as in BigCommerce, through the inventory: it
sets the default location so that the sum is what was written
(:meth:`Inventory.sync`, run before every inventory read or write).

Adjustments are checked whole before any is applied: one refused item
refuses the request and changes nothing.
"""

import copy
import uuid

from .catalog_records import iso, refresh
from .inventory_items import item_of, resolve, tracked_items
from .inventory_locations import DEFAULT_LOCATION_ID, default_location, new_location
from .inventory_rules import (
    adjustment_entries,
    location_reason,
    needs_absolute,
    out_of_range_reason,
    refused,
)


class Inventory:
    """Locations and levels of one store, over its catalog.

    :param catalog: the :class:`~tests.simulator.catalog.Catalog` it counts
    :param clock: returns the epoch seconds used for dates
    """

    def __init__(self, catalog, clock):
        self.catalog = catalog
        self.clock = clock
        self.locations = []
        self.levels = {}
        self.absolute_bodies = []
        self.reset()

    def reset(self):
        """Keep only the default location; forget every level and adjustment."""
        self.locations[:] = [default_location()]
        self.levels.clear()
        self.absolute_bodies.clear()

    # === LOCATIONS === #

    def location(self, location_id):
        """Return the location with id ``location_id``, or None."""
        return next((loc for loc in self.locations if loc["id"] == location_id), None)

    def add_location(self, label, code=None, enabled=True, **fields):
        """Create a location with the next id (2, 3, ...); return it.

        :raise ValueError: when ``code`` is taken
        """
        location_id = max(loc["id"] for loc in self.locations) + 1
        created = iso(self.clock()).replace("+00:00", "Z")
        location = new_location(location_id, label, created, code, enabled, **fields)
        if any(loc["code"] == location["code"] for loc in self.locations):
            raise ValueError(f"location code {location['code']!r} is taken")
        self.locations.append(location)
        return location

    # === LEVELS === #

    def items(self):
        """Return every item of the catalog, levels synchronised."""
        self.sync()
        return list(tracked_items(self.catalog))

    def level(self, item, location_id):
        """Return the item's level at a location, None when never set."""
        return self.levels.get(item.key, {}).get(location_id)

    def level_of(
        self, location_id=DEFAULT_LOCATION_ID, product_id=None, variant_id=None
    ):
        """Return the level of a product's or a variant's item, None when
        never set; a variant of a product without options is its product."""
        if (product_id is None) == (variant_id is None):
            raise ValueError("give exactly one of product_id and variant_id")
        self.sync()
        key = ("product", product_id)
        if variant_id is not None:
            product, _variant = self.catalog.find_variant(variant_id)
            if product is not None and product["options"]:
                key = ("variant", variant_id)
            elif product is not None:
                key = ("product", product["id"])
        return self.levels.get(key, {}).get(location_id)

    def total(self, item):
        """Return the item's sum over every location."""
        return sum(self.levels.get(item.key, {}).values())

    def sync(self):
        """Route catalog writes of ``inventory_level`` to the default location.

        Where the catalog shows another sum than the levels, the default
        location takes the difference (never below 0) and counts as set.
        """
        for item in tracked_items(self.catalog):
            shown = item.record.get("inventory_level") or 0
            if shown == self.total(item):
                continue
            levels = self.levels.setdefault(item.key, {})
            elsewhere = self.total(item) - levels.get(DEFAULT_LOCATION_ID, 0)
            levels[DEFAULT_LOCATION_ID] = max(0, shown - elsewhere)
            self._show(item)

    def seed(self, product, variant=None):
        """Count a seeded catalog level (of ``product`` or its ``variant``)
        as set at the default location, even a level of 0."""
        item = item_of(product, variant)
        self.sync()
        if item is not None:
            self.levels.setdefault(item.key, {}).setdefault(DEFAULT_LOCATION_ID, 0)

    def _show(self, item):
        """Write the item's sum into its catalog record."""
        item.record["inventory_level"] = self.total(item)
        refresh(item.product)

    # === ADJUSTMENTS === #

    def adjust_absolute(self, body):
        """Set each item's level at its location; return a transaction id.

        :raise ApiError: 422, and nothing is applied, when any item is refused
        """
        self.sync()
        changes = self._resolve(adjustment_entries(body))
        for entry, item, quantity in changes:
            self.levels.setdefault(item.key, {})[entry.location_id] = quantity
        self._show_all(changes)
        self.absolute_bodies.append(copy.deepcopy(body))
        return str(uuid.uuid4())

    def adjust_relative(self, body):
        """Add each item's quantity to its level; return a transaction id.

        :raise ApiError: 422, and nothing is applied, when any item is
            refused, was never set absolutely at its location, or would
            leave the range 0..2147483647
        """
        self.sync()
        changes = self._resolve(adjustment_entries(body, relative=True))
        unset = [e for e, i, _q in changes if self.level(i, e.location_id) is None]
        if unset:
            raise needs_absolute(unset)
        after, reasons = {}, []
        for entry, item, quantity in changes:
            place = (item.key, entry.location_id)
            level = after.get(place, self.level(item, entry.location_id)) + quantity
            after[place] = level
            reason = out_of_range_reason(entry, level)
            if reason is not None:
                reasons.append((entry, reason))
        if reasons:
            raise refused(reasons)
        for (key, location_id), level in after.items():
            self.levels[key][location_id] = level
        self._show_all(changes)
        return str(uuid.uuid4())

    def _resolve(self, entries):
        """Return ``[(entry, item, quantity)]``; raise the 422 naming every
        refused item (unknown, tracked otherwise, unknown or disabled
        location)."""
        changes, reasons = [], []
        for entry in entries:
            item, reason = resolve(self.catalog, entry.field, entry.value)
            if reason is None:
                location = self.location(entry.location_id)
                reason = location_reason(location, entry.location_id)
            if reason is None:
                changes.append((entry, item, entry.quantity))
            else:
                reasons.append((entry, reason))
        if reasons:
            raise refused(reasons)
        return changes

    def _show_all(self, changes):
        """Write the sums of every changed item into the catalog."""
        shown = {}
        for _entry, item, _quantity in changes:
            shown.setdefault(item.key, item)
        for item in shown.values():
            self._show(item)
