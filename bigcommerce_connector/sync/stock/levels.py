"""Odoo's stock of many products per warehouse, in a few grouped queries.

Each warehouse is read as Odoo reads it with the warehouse in context
(``product.with_context(warehouse_id=...).free_qty``): quants under the
warehouse's view location, open moves entering or leaving it
(``product.product._get_domain_locations_new``). The queries are grouped by
product, so their number depends on the warehouses and the formula, never on
the number of products. Kits (Manufacturing's 'phantom' bills of materials)
have no stock of their own: their levels are Odoo's own compute from their
components.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import fields
from odoo.fields import Domain

from .mapping import Levels

OPEN_STATES = ("waiting", "confirmed", "assigned", "partially_available")

# The open-move sums each formula needs: (Levels field, direction, days).
MOVE_SUMS = {
    "free": (),
    "on_hand": (),
    "on_hand_7": (("demand_7", "out", 7),),
    "on_hand_30": (("demand_30", "out", 30),),
    "free_incoming": (("incoming", "in", None),),
    "free_incoming_7": (("incoming_7", "in", 7),),
    "free_incoming_30": (("incoming_30", "in", 30),),
}


def read_levels(env, warehouses, products, formula, now=None, kits=None):
    """The levels ``formula`` needs of ``products`` in each of ``warehouses``.

    :param env: an environment that may read every quant and move (sudo)
    :param kits: the kits among ``products``, when the caller knows them
    :returns: ``{warehouse id: {product id: Levels}}``; a product with no
        quant and no open move in a warehouse is absent from its dict
    """
    now = now or fields.Datetime.now()
    Product = env["product.product"]
    Quant = env["stock.quant"].with_context(active_test=False)
    Move = env["stock.move"].with_context(active_test=False)
    of_products = Domain("product_id", "in", products.ids)
    result = {}
    for warehouse in warehouses:
        quant_loc, move_in_loc, move_out_loc = Product._get_domain_locations_new(
            warehouse.view_location_id.ids
        )
        values = defaultdict(dict)
        for product, quantity, reserved in Quant._read_group(
            of_products & quant_loc,
            ["product_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        ):
            values[product.id].update(on_hand=quantity, free=quantity - reserved)
        for field, direction, days in MOVE_SUMS[formula]:
            domain = (
                of_products
                & Domain("state", "in", OPEN_STATES)
                & (move_in_loc if direction == "in" else move_out_loc)
            )
            if days:
                domain &= Domain("date", "<=", now + timedelta(days=days))
            for product, quantity in Move._read_group(
                domain, ["product_id"], ["product_qty:sum"]
            ):
                values[product.id][field] = quantity
        result[warehouse.id] = {pid: Levels(**vals) for pid, vals in values.items()}
    kits = kit_products(env, products) if kits is None else kits
    if kits:
        for warehouse in warehouses:
            result[warehouse.id].update(_kit_levels(kits, warehouse, formula, now))
    return result


def kit_products(env, products):
    """The products Manufacturing counts as kits (a 'phantom' bill of materials):
    they have no stock of their own, only what their components make."""
    if "mrp.bom" not in env:
        return products.browse()
    # One query narrows to products with a kit bill of materials; Odoo's own
    # look-up then decides for those few (the first bill of materials counts).
    candidates = products.with_context(active_test=False).search(
        Domain("id", "in", products.ids)
        & Domain.OR(
            [
                Domain("variant_bom_ids.type", "=", "phantom"),
                Domain("product_tmpl_id.bom_ids.type", "=", "phantom"),
            ]
        )
    )
    if not candidates:
        return products.browse()
    boms = env["mrp.bom"]._bom_find(candidates, bom_type="phantom")
    return candidates.filtered(lambda product: boms.get(product))


def _kit_levels(kits, warehouse, formula, now):
    """Kits' levels as Manufacturing computes them from their components.

    Few products are kits: Odoo's own compute, batched per warehouse and
    horizon, is the one that knows how many kits the components make.
    """
    kits = kits.with_context(warehouse_id=warehouse.id)
    values = {
        kit.id: {"on_hand": kit.qty_available, "free": kit.free_qty} for kit in kits
    }
    for field, direction, days in MOVE_SUMS[formula]:
        horizon = (
            kits.with_context(to_date=now + timedelta(days=days)) if days else kits
        )
        quantity_field = "incoming_qty" if direction == "in" else "outgoing_qty"
        for kit in horizon:
            values[kit.id][field] = kit[quantity_field]
    return {kit_id: Levels(**vals) for kit_id, vals in values.items()}


def stocked_products(env, warehouses, products):
    """The ids of ``products`` the warehouses carry: a quant or a reordering rule.

    Odoo removes empty quants; a reordering rule says a warehouse carries a
    product even when none is left.
    """
    Product = env["product.product"]
    stocked = set()
    for warehouse in warehouses:
        quant_loc = Product._get_domain_locations_new(warehouse.view_location_id.ids)[0]
        stocked.update(
            product.id
            for [product] in env["stock.quant"]._read_group(
                Domain("product_id", "in", products.ids) & quant_loc, ["product_id"]
            )
        )
    stocked.update(
        product.id
        for [product] in env["stock.warehouse.orderpoint"]._read_group(
            Domain("product_id", "in", products.ids)
            & Domain("warehouse_id", "in", warehouses.ids),
            ["product_id"],
        )
    )
    return stocked
