"""The warehouses of a downloaded order: routing grid, split, line routes.

Store settings *Branch Routing*, *Split Orders* and *Keep Default
Warehouse* (seed "Branches settings", Cin7 Omni). The decisions are pure
(:mod:`.routing`); this part reads the grid, the free stock of a page (one
read per warehouse) and turns the decisions into sale order values: the
order's warehouse, and on each line shipped by another warehouse that
warehouse's delivery route, so that Odoo makes one delivery per warehouse
(``sale.order.line.warehouse_id`` follows the route).
"""

from odoo import Command

from ..core.part import RunPart
from ..customers.mapping import fold
from . import routing
from .routing import Place, Rule, Stock


class OrderRouter(RunPart):
    """Routes the orders of one run (:class:`~.importer.OrderImporter`).

    :param default: the store's *Download Orders To* warehouse
    """

    def __init__(self, store, run, default):
        super().__init__(store, run)
        self.default = default
        self.enabled = store.order_routing
        self.rules = self._rules() if self.enabled else []
        self.stock = Stock()
        self._mark = Stock()

    def _rules(self):
        """The grid as pure :class:`~.routing.Rule`, in sequence."""
        rules = []
        for row in self.store.sudo().routing_rule_ids:
            chain = (
                row.warehouse_id,
                row.backup1_warehouse_id,
                row.backup2_warehouse_id,
            )
            rules.append(
                Rule(
                    key=row,
                    warehouses=tuple(w for w in chain if w),
                    countries=frozenset(fold(c.code) for c in row.country_ids),
                    states=frozenset(
                        (fold(state.country_id.code), fold(text))
                        for state in row.state_ids
                        for text in (state.name, state.code)
                    ),
                    zips=routing.parse_zips(row.zip_codes),
                    methods=frozenset(fold(m.name) for m in row.shipping_method_ids),
                )
            )
        return rules

    # === PAGE === #

    def start_page(self, products):
        """Read the free stock of the page's products in every warehouse of
        the grid: one read per warehouse (only with *Split Orders*).

        :param products: ``product.product`` of the page's lines
        """
        self.stock = Stock()
        storable = products.filtered("is_storable")
        if self.enabled and self.store.order_split and storable:
            warehouses = self.env["stock.warehouse"].union(
                *(w for rule in self.rules for w in rule.warehouses)
            )
            for warehouse in warehouses.filtered("active"):
                for product in storable.with_context(warehouse_id=warehouse.id):
                    self.stock.free[warehouse.id, product.id] = product.free_qty
        self.mark()

    def mark(self):
        """Remember the stock counted so far (before an order or a batch)."""
        self._mark = self.stock.snapshot()

    def forget(self):
        """Back to the last mark: the orders since were rolled back."""
        self.stock = self._mark.snapshot()

    # === ONE ORDER === #

    def plan(self, order, lines, products):
        """The order's warehouse and the warehouse of each item line.

        :param lines: the order's :class:`~.mapping.OrderLine` list
        :param products: dict line index -> product (or None)
        :returns: ``(sale warehouse, {line index: warehouse}, notes)``
        """
        if not self.enabled:
            return self.default, {}, []
        notes = []
        chains = {}
        for consignment in order.shipping:
            chains[consignment.id] = self._chain(order, consignment, notes)
        first = next(iter(chains.values()), [self.default])
        shipping = {}
        for index, line in enumerate(lines):
            # Picked up, downloaded, emailed: no delivery to route.
            if line.consignment not in order.shipping:
                continue
            chain = chains[line.consignment.id]
            product = products.get(index)
            if product and (product.route_ids or product.categ_id.total_route_ids):
                continue  # its own routes decide (dropship, make to order...)
            key = product.id if product and product.is_storable else None
            quantity = float(line.quantity)
            if self.store.order_split:
                chosen = routing.split(
                    [(index, key, quantity)], [w.id for w in chain], self.stock
                )
                shipping[index] = self.env["stock.warehouse"].browse(chosen[index])
            else:
                shipping[index] = chain[0]
        sale_warehouse = self.default if self.store.keep_default_warehouse else first[0]
        return sale_warehouse, shipping, list(dict.fromkeys(notes))

    def _chain(self, order, consignment, notes):
        """The routed warehouse of a consignment, then its active backups."""
        address = consignment.address
        place = Place(
            country=address.country_code if address else "",
            state=address.state if address else "",
            zip=address.zip if address else "",
            method=consignment.method,
        )
        rule = routing.route(self.rules, place)
        if rule is None:
            return [self.default]
        row = rule.key
        if not row.warehouse_id.active:
            note = (
                f"Routing rule {row.sequence} ships from warehouse "
                f"{row.warehouse_id.name}, which is archived: the order goes to "
                f"{self.default.name} (Download Orders To)."
            )
            self.run.warning(f"order {order.id}", note)
            notes.append(note)
            return [self.default]
        return [w for w in rule.warehouses if w.active]

    def line_values(self, sale_warehouse, warehouse):
        """Values of a line shipped by ``warehouse``: its delivery route when
        it is not the sale order's warehouse, and that warehouse, which Odoo
        would otherwise look up in the route's rules line by line."""
        if warehouse == sale_warehouse or not warehouse.delivery_route_id:
            return {}
        return {
            "route_ids": [Command.set(warehouse.delivery_route_id.ids)],
            "warehouse_id": warehouse.id,
        }
