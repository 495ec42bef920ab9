"""What each linked product may publish at each BigCommerce location.

The store's source warehouses are placed at their BigCommerce locations (a
warehouse mapped to none goes to the store's default location); a location's
warehouses are summed, then the store's formula, buffer and caps give the
whole units to publish there (:func:`.mapping.publishable`).
"""

from collections import defaultdict
from functools import reduce
from operator import add

from .levels import kit_products, read_levels, stocked_products
from .mapping import Levels, Limits, publishable

# Every BigCommerce store has this location (locations.v3.yml).
DEFAULT_LOCATION = 1
# The link fields :meth:`StockCalculator.quantities` reads.
LINK_FIELDS = (
    "active",
    "product_id",
    "stock_buffer",
    "stock_buffer_own",
    "stock_sync",
    "bc_inventory_tracking",
    "bc_product_id",
    "bc_variant_id",
)


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
        self.foreign = self.env["bigcommerce.warehouse.map"]
        for row in self.store.stock_warehouse_map_ids:
            if row.warehouse_id.company_id != self.store.company_id:
                self.foreign |= row
                continue
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

    @staticmethod
    def groups(links):
        """The links of each BigCommerce inventory item.

        A variant tracked by variant is its own item; every variant of a
        product tracked by product makes one item. Links with 'Sync Stock'
        off, untracked or not knowing their tracking make none.

        :returns: ``({key: [links]}, number of untracked links)``; a key is
            ``("product_id" | "variant_id", id)``
        """
        # One query for every link: reading a field prefetches 1,000 at a time.
        links.fetch(LINK_FIELDS)
        groups = defaultdict(list)
        untracked = 0
        for link in links:
            if not link.stock_sync:
                continue
            tracking = link.bc_inventory_tracking
            if tracking == "none":
                untracked += 1
            elif tracking == "product":
                groups["product_id", link.bc_product_id].append(link)
            elif tracking == "variant":
                groups["variant_id", link.bc_variant_id].append(link)
        return dict(groups), untracked

    def quantities(self, groups):
        """What each group of links publishes at each location.

        A group is the links of one BigCommerce inventory item (see
        :meth:`groups`), whose stock is summed before the buffer and caps
        apply once. Only products Odoo keeps stock of count: storable ones
        and kits (what their components make); a group of consumables or
        services is left out, BigCommerce's figure left alone. An archived
        product adds nothing (alone, it publishes 0: the store stops selling
        what Odoo no longer manages). With 'Only Products the Warehouses
        Stock', a group none of whose products a source warehouse carries
        (kits: carried when their components are counted) is left out.

        :param groups: ``{key: [bigcommerce.product.link]}``
        :returns: ``{key: {location id: units}}``; a group left out is absent
            (its key is in ``self.uncounted`` when Odoo keeps no stock of it)
        """
        self.uncounted = set()
        if not groups or not self.placement:
            return {}
        # The links' fields were read in one query by groups().
        products = (
            self.env["bigcommerce.product.link"]
            .browse({link.id for group in groups.values() for link in group})
            .product_id
        )
        kits = kit_products(self.env, products)
        # A search, not a read: is_storable is the template's, read 1,000 a query.
        storable = products.with_context(active_test=False).search(
            [("id", "in", products.ids), ("is_storable", "=", True)]
        )
        counted = set(storable.ids) | set(kits.ids)
        formula = self.store.stock_formula
        levels = read_levels(self.env, self.warehouses, products, formula, kits=kits)
        stocked = (
            stocked_products(self.env, self.warehouses, products) | set(kits.ids)
            if self.store.stock_only_stocked
            else None
        )
        result = {}
        for key, group in groups.items():
            if not any(link.product_id.id in counted for link in group):
                self.uncounted.add(key)
                continue
            active = [
                link.product_id.id
                for link in group
                if link.active and link.product_id.id in counted
            ]
            if stocked is not None and active:
                active = [pid for pid in active if pid in stocked]
                if not active:
                    continue
            if not active:
                result[key] = dict.fromkeys(self.placement, 0)
                continue
            result[key] = self._at_locations(active, levels, self.limits(group))
        return result

    def _at_locations(self, product_ids, levels, limits):
        """``{location id: units}`` of these products' stock summed."""
        nothing = Levels()
        return {
            location: publishable(
                sum(
                    (
                        levels[wh.id].get(pid, nothing)
                        for wh in warehouses
                        for pid in product_ids
                    ),
                    nothing,
                ),
                self.store.stock_formula,
                limits,
            )
            for location, warehouses in self.placement.items()
        }

    def preview(self, links):
        """``{link id: (buffer in force, units summed over the locations)}``,
        what the next update would publish.

        A link of a product tracked by product shows its product's figures,
        counted over every variant of the product the store syncs.
        """
        Link = self.env["bigcommerce.product.link"].with_context(active_test=False)
        by_product = links.filtered(
            lambda link: link.bc_inventory_tracking == "product"
        ).mapped("bc_product_id")
        siblings = Link.search(
            [
                ("store_id", "=", self.store.id),
                ("bc_product_id", "in", by_product),
                ("stock_sync", "=", True),
            ]
        )
        groups, _untracked = self.groups(links | siblings)
        quantities = self.quantities(groups)
        result = {}
        for key, group in groups.items():
            buffer = self.limits(group).buffer
            total = sum(quantities.get(key, {}).values())
            for link in group:
                result[link.id] = (buffer, total)
        return {
            link.id: result.get(link.id, (self.limits([link]).buffer, 0))
            for link in links
        }
