"""Odoo's stock of many products per warehouse, in a few grouped queries.

Each warehouse is read as Odoo reads it with the warehouse in context
(``product.with_context(warehouse_id=...).free_qty``): quants under the
warehouse's view location, open moves entering or leaving it
(``product.product._get_domain_locations_new``). The queries are grouped by
product, so their number depends on the warehouses and the formula, never on
the number of products.
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


def read_levels(env, warehouses, products, formula, now=None):
    """The levels ``formula`` needs of ``products`` in each of ``warehouses``.

    :param env: an environment that may read every quant and move (sudo)
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
    return result


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
