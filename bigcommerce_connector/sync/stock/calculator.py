"""What each linked product may publish at each BigCommerce location.

The store's source warehouses are placed at their BigCommerce locations (a
warehouse mapped to none goes to the store's default location); a location's
warehouses are summed, then the store's formula, buffer and caps give the
whole units to publish there (:func:`.mapping.publishable`).
"""

from collections import defaultdict
from functools import reduce
from operator import add

from .levels import read_levels, stocked_products
from .mapping import Levels, Limits, publishable

# Every BigCommerce store has this location (locations.v3.yml).
DEFAULT_LOCATION = 1
# The link fields :meth:`StockCalculator.quantities` reads.
LINK_FIELDS = ("active", "product_id", "stock_buffer", "stock_buffer_own")


class StockCalculator:
    """Publishable quantities of a store's links, read from Odoo's stock.

    :param store: ``bigcommerce.store``, sudoed
    """

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.placement = self._placement()
        self.warehouses = reduce(
            add, self.placement.values(), self.env["stock.warehouse"]
        )

    def _placement(self):
        """``{BigCommerce location id: stock.warehouse}`` of the source warehouses."""
        placement = defaultdict(lambda: self.env["stock.warehouse"])
        self.disabled = self.env["bigcommerce.warehouse.map"]
        for row in self.store.stock_warehouse_map_ids:
            if row.location_id and not row.location_id.enabled:
                self.disabled |= row
                continue
            location = row.location_id.bc_location_id or DEFAULT_LOCATION
            placement[location] |= row.warehouse_id
        return dict(placement)

    def limits(self, links):
        """The store's buffer and caps, with the first own buffer of ``links``."""
        store = self.store
        own = next((link for link in links if link.stock_buffer_own), None)
        return Limits(
            store_buffer=store.stock_buffer,
            product_buffer=own.stock_buffer if own else None,
            max_quantity=store.stock_max_quantity or None,
            max_percent=store.stock_max_percent or None,
            end_when=store.stock_end_when or None,
        )

    @property
    def publishing_locations(self):
        """The locations stock may be published at: the store's enabled ones
        (the default location when none was loaded)."""
        loaded = self.store.stock_location_ids
        if not loaded:
            return {DEFAULT_LOCATION}
        return {loc.bc_location_id for loc in loaded if loc.enabled}

    def quantities(self, groups):
        """What each group of links publishes at each location.

        A group is the links of one BigCommerce inventory item: a variant's
        link, or every variant link of a product tracked by product, whose
        stock is summed before the buffer and caps apply once. An archived
        product adds nothing (alone, it publishes 0: the store stops selling
        what Odoo no longer manages). With 'Only Products the Warehouses
        Stock', a group none of whose products a source warehouse carries is
        left out.

        :param groups: ``{key: [bigcommerce.product.link]}``
        :returns: ``{key: {location id: units}}``; a group left out is absent
        """
        if not groups or not self.placement:
            return {}
        links = self.env["bigcommerce.product.link"].browse(
            {link.id for group in groups.values() for link in group}
        )
        # One query for every link: reading a field prefetches 1,000 at a time.
        links.fetch(LINK_FIELDS)
        products = links.product_id
        formula = self.store.stock_formula
        levels = read_levels(self.env, self.warehouses, products, formula)
        stocked = (
            stocked_products(self.env, self.warehouses, products)
            if self.store.stock_only_stocked
            else None
        )
        result = {}
        nothing = Levels()
        for key, group in groups.items():
            active = [link.product_id.id for link in group if link.active]
            if stocked is not None and active:
                active = [pid for pid in active if pid in stocked]
                if not active:
                    continue
            if not active:
                result[key] = dict.fromkeys(self.placement, 0)
                continue
            limits = self.limits(group)
            result[key] = {
                location: publishable(
                    sum(
                        (
                            levels[wh.id].get(pid, nothing)
                            for wh in warehouses
                            for pid in active
                        ),
                        nothing,
                    ),
                    formula,
                    limits,
                )
                for location, warehouses in self.placement.items()
            }
        return result

    def preview(self, links):
        """``{link id: (buffer in force, units summed over the locations)}``.

        A link of a product tracked by product shows its product's figures.
        """
        groups = defaultdict(list)
        for link in links:
            key = (
                ("product_id", link.bc_product_id)
                if link.bc_inventory_tracking == "product"
                else ("link", link.id)
            )
            groups[key].append(link)
        quantities = self.quantities(groups)
        return {
            link.id: (
                self.limits(group).buffer,
                sum(quantities.get(key, {}).values()),
            )
            for key, group in groups.items()
            for link in group
        }
