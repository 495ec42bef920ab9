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
        default = (
            self.store.stock_location_ids.filtered("is_default")[:1].bc_location_id
            or DEFAULT_LOCATION
        )
        placement = defaultdict(lambda: self.env["stock.warehouse"])
        self.disabled = self.env["bigcommerce.warehouse.map"]
        for row in self.store.stock_warehouse_map_ids:
            if not row.warehouse_id.active:
                continue
            if row.location_id and not row.location_id.enabled:
                self.disabled |= row
                continue
            location = row.location_id.bc_location_id or default
            placement[location] |= row.warehouse_id
        return dict(placement)

    def limits(self, link):
        """The store's buffer and caps, with the link's own buffer."""
        store = self.store
        return Limits(
            store_buffer=store.stock_buffer,
            product_buffer=link.stock_buffer if link.stock_buffer_own else None,
            max_quantity=store.stock_max_quantity or None,
            max_percent=store.stock_max_percent or None,
            end_when=store.stock_end_when or None,
        )

    def quantities(self, links):
        """What each link publishes at each location.

        An archived product publishes 0 everywhere: the store stops selling
        what Odoo no longer manages. With 'Only Products the Warehouses
        Stock', a product no source warehouse carries is left out.

        :returns: ``{link id: {location id: units}}``; a link left out is absent
        """
        if not links or not self.placement:
            return {}
        # One query for every link: reading a field prefetches 1,000 at a time.
        links.fetch(LINK_FIELDS)
        products = links.product_id
        levels = read_levels(
            self.env, self.warehouses, products, self.store.stock_formula
        )
        stocked = (
            stocked_products(self.env, self.warehouses, products)
            if self.store.stock_only_stocked
            else None
        )
        result = {}
        nothing = Levels()
        for link in links:
            if not link.active:
                result[link.id] = dict.fromkeys(self.placement, 0)
                continue
            product_id = link.product_id.id
            if stocked is not None and product_id not in stocked:
                continue
            limits = self.limits(link)
            result[link.id] = {
                location: publishable(
                    sum(
                        (levels[wh.id].get(product_id, nothing) for wh in warehouses),
                        nothing,
                    ),
                    self.store.stock_formula,
                    limits,
                )
                for location, warehouses in self.placement.items()
            }
        return result

    def preview(self, links):
        """``{link id: (buffer in force, units summed over the locations)}``."""
        quantities = self.quantities(links)
        return {
            link.id: (
                self.limits(link).buffer,
                sum(quantities.get(link.id, {}).values()),
            )
            for link in links
        }
