"""Seeding helpers and accessors for locations and stock levels, mixed into
:class:`BigCommerceSimulator`.

Stock is seeded through the catalog (``add_product(...,
inventory_tracking="product", inventory_level=5)`` puts 5 at the default
location) and read here per location, as a test of a stock push checks
what the connector sent.
"""

import copy

from .inventory_locations import DEFAULT_LOCATION_ID


class InventorySeedingMixin:
    """``add_location``, ``locations``, ``inventory_level(s)``, ``adjustments``.

    Needs ``self._lock`` and ``self._state`` from the simulator.
    """

    def add_location(self, label, code=None, enabled=True, **fields):
        """Store a physical location with the next id (2, 3, ...); return it.

        :param code: default ``BC-LOCATION-<id>``; must be unique
        :param enabled: a disabled location refuses adjustments
        :param fields: any ``LocationResponse`` field (``address`` is merged
            into the default address, ``storefront_visibility``...)
        :raise ValueError: when ``code`` is taken
        """
        with self._lock:
            return self._state.inventory.add_location(label, code, enabled, **fields)

    def locations(self):
        """Return copies of the store's locations, in id order."""
        with self._lock:
            return copy.deepcopy(self._state.inventory.locations)

    def inventory_level(
        self, location_id=DEFAULT_LOCATION_ID, product_id=None, variant_id=None
    ):
        """Return the stock of a product's or a variant's item at a location,
        or None when it was never set there.

        Give exactly one of ``product_id`` and ``variant_id``; the base
        variant of a product without options stands for its product.
        """
        with self._lock:
            return self._state.inventory.level_of(location_id, product_id, variant_id)

    def inventory_levels(self):
        """Return every level at once: ``{("product" | "variant", id):
        {location id: level}}``, as :meth:`inventory_level` reads them one
        by one (a benchmark checks thousands of items)."""
        with self._lock:
            self._state.inventory.sync()
            return copy.deepcopy(self._state.inventory.levels)

    def adjustments(self):
        """Return copies of the bodies of the absolute adjustments applied,
        oldest first (also one applied behind an injected ``after_effect``
        5xx; not one refused or stopped by a fault)."""
        with self._lock:
            return copy.deepcopy(self._state.inventory.absolute_bodies)
