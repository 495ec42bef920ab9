"""Benchmark: push the stock of N products in 3 warehouses, then push again.

Seeds N single-variant storable products in the simulator (tracked by
product) and in Odoo, linked, with stock in 3 warehouses (different
quantities, some reserved), and 3 BigCommerce locations (the default and 2
added, loaded with *Load Locations*). Two scenarios, each from nothing
published: ``single_location`` sums the 3 warehouses at the default location
(N items), ``per_location`` maps each warehouse to its own location (3 N
items). Prints API calls, seconds (wall, and CPU of the thread running the
flow: the simulator's HTTP threads are left out) and SQL queries of *Update
All Stock* (everything changed, then nothing), then *Update Recently
Modified Stock*; then the publishable quantities alone beside bare Odoo's
``free_qty`` for the same products and warehouses, alternating for
``--rounds`` rounds (min and median), and the queries of the computation at
N and N/10. Everything is rolled back.

Run from the repository root: ``bash scripts/bench stock_push --count 10000``.
"""

import math
import os
import statistics
import sys
import time
from contextlib import contextmanager

if not __package__:  # run as a file: make ``bench`` and ``tests`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.bench_price_push import default_addons_path
from bench.common import bench_store, odoo_env, parse_args
from tests.simulator import BigCommerceSimulator

SCENARIOS = ("single_location", "per_location")
EXTRA_WAREHOUSES = (("Bench East", "BEAST"), ("Bench West", "BWEST"))


def _options(parser):
    parser.add_argument("--rounds", type=int, default=3)
    parser.set_defaults(count=10000)


@contextmanager
def measured(env, figures, name):
    """Add ``name.seconds``, ``.cpu_seconds`` (this thread) and ``.queries``."""
    env.flush_all()
    queries = env.cr.sql_log_count
    start, cpu = time.perf_counter(), time.thread_time()
    yield
    env.flush_all()
    figures[f"{name}.seconds"] = round(time.perf_counter() - start, 3)
    figures[f"{name}.cpu_seconds"] = round(time.thread_time() - cpu, 3)
    figures[f"{name}.queries"] = env.cr.sql_log_count - queries


# === SEEDING (not measured as a flow) === #


def seed(env, sim, count):
    """N linked storable products with stock in 3 warehouses; 3 locations."""
    main = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], order="id", limit=1
    )
    warehouses = main + env["stock.warehouse"].create(
        [{"name": name, "code": code} for name, code in EXTRA_WAREHOUSES]
    )
    for name, code in EXTRA_WAREHOUSES:
        sim.add_location(name, code=code)
    bc_products = [
        sim.add_product(
            f"Bench stock {i}", sku=f"STOCK-{i}", inventory_tracking="product"
        )
        for i in range(count)
    ]
    products = env["product.product"].create(
        [
            {
                "name": f"Bench stock {i}",
                "default_code": f"STOCK-{i}",
                "is_storable": True,
            }
            for i in range(count)
        ]
    )
    # One create of plain quants (no inventory mode): every product in every
    # warehouse, a different quantity in each, one product in 7 partly reserved.
    env["stock.quant"].create(
        [
            {
                "product_id": product.id,
                "location_id": warehouse.lot_stock_id.id,
                "quantity": (index * (rank + 3)) % 97 + rank + 1,
                "reserved_quantity": (rank + 1) if index % 7 == 0 else 0,
            }
            for index, product in enumerate(products)
            for rank, warehouse in enumerate(warehouses)
        ]
    )
    store = bench_store(env, sim, product_sync=True, stock_push=True)
    store.action_load_locations()
    env["bigcommerce.product.link"].create(
        [
            {
                "store_id": store.id,
                "product_id": product.id,
                "bc_product_id": bc_product["id"],
                "bc_variant_id": bc_product["variants"][0]["id"],
                "sku": product.default_code,
                "bc_inventory_tracking": "product",
            }
            for product, bc_product in zip(products, bc_products, strict=True)
        ]
    )
    return store, warehouses, products


def configure(store, warehouses, scenario):
    """Map the warehouses for ``scenario``; forget what was published."""
    from odoo import Command

    locations = store.stock_location_ids.sorted("bc_location_id")
    assert len(locations) == len(warehouses), locations
    store.stock_warehouse_map_ids = [Command.clear()] + [
        Command.create(
            {
                "warehouse_id": warehouse.id,
                "location_id": location.id if scenario == "per_location" else False,
            }
        )
        for warehouse, location in zip(warehouses, locations, strict=True)
    ]
    store.product_link_ids.write({"stock_published": False})
    return {
        location.bc_location_id: warehouse if scenario == "per_location" else warehouses
        for warehouse, location in zip(warehouses, locations, strict=True)
        if scenario == "per_location" or location.is_default
    }


# === MEASURES === #


def push(env, store, figures, name, full=True):
    """One stock push as the scheduled action runs it, from a cold cache."""
    env.invalidate_all()
    with measured(env, figures, name):
        run = store._update_stock(full=full, trigger="cron")
    figures[f"{name}.api_calls"] = run.client.calls if run.client else 0
    figures[f"{name}.sent"] = run.counts["updated"]
    figures[f"{name}.failed"] = run.counts["failed"]
    figures[f"{name}.items"] = run.counts["fetched"]


def compute(env, store, link_ids, figures, name):
    """The publishable quantities alone, from a cold cache."""
    from odoo.addons.bigcommerce_connector.sync.stock.calculator import StockCalculator

    env.invalidate_all()
    with measured(env, figures, name):
        calculator = StockCalculator(store.sudo())
        groups, _untracked = calculator.groups(
            env["bigcommerce.product.link"].browse(link_ids)
        )
        calculator.quantities(groups)


def odoo_free_qty(env, warehouses, product_ids, figures, name):
    """Bare Odoo: each warehouse's ``free_qty`` of the products, from a cold cache."""
    env.invalidate_all()
    with measured(env, figures, name):
        products = env["product.product"].browse(product_ids)
        for warehouse in warehouses:
            products.with_context(warehouse_id=warehouse.id).mapped("free_qty")


def matching_products(env, sim, store, placement):
    """How many linked products show, at every location, Odoo's free
    quantity of the location's warehouses (summed)."""
    levels = sim.inventory_levels()
    links = store.product_link_ids
    free = {
        warehouse.id: dict(
            zip(
                links.product_id.ids,
                links.product_id.with_context(warehouse_id=warehouse.id).mapped(
                    "free_qty"
                ),
                strict=True,
            )
        )
        for warehouse in store.stock_warehouse_map_ids.warehouse_id
    }
    matching = 0
    for link in links:
        shown = levels.get(("product", link.bc_product_id), {})
        matching += all(
            shown.get(location)
            == max(0, math.floor(sum(free[wh.id][link.product_id.id] for wh in whs)))
            for location, whs in placement.items()
        )
    return matching


# === OUTPUT === #


def print_push(figures, scenario, items):
    for name, changed in (("push", items), ("again", 0), ("recent", 0)):
        key = f"{scenario}.{name}"
        label = "stock_push_recent" if name == "recent" else "stock_push"
        print(
            f"{label} scenario={scenario} items={figures[key + '.items']} "
            f"changed={changed} "
            f"sent={figures[key + '.sent']} failed={figures[key + '.failed']} "
            f"api_calls={figures[key + '.api_calls']} "
            f"seconds={figures[key + '.seconds']} "
            f"cpu_seconds={figures[key + '.cpu_seconds']} "
            f"queries={figures[key + '.queries']}"
        )


def spread(rounds, name, kind):
    values = [figures[f"{name}.{kind}"] for figures in rounds]
    return min(values), round(statistics.median(values), 3)


def print_compare(rounds, count, small, warehouses):
    medians = {}
    for label, name in (("compute publishable", "ours"), ("odoo_free_qty", "odoo")):
        seconds = spread(rounds, name, "seconds")
        cpu = spread(rounds, name, "cpu_seconds")
        medians[name] = seconds[1], rounds[0][f"{name}.queries"]
        extra = ""
        if name == "ours":
            extra = f" queries_at_products={small}:{rounds[0]['ours_small.queries']}"
        print(
            f"{label} products={count} warehouses={warehouses} "
            f"seconds.min={seconds[0]} seconds.median={seconds[1]} "
            f"cpu_seconds.min={cpu[0]} cpu_seconds.median={cpu[1]} "
            f"queries={rounds[0][f'{name}.queries']}{extra} rounds={len(rounds)}"
        )
    print(
        "ratio seconds.median=%.2f queries=%.2f"
        % (
            medians["ours"][0] / medians["odoo"][0],
            medians["ours"][1] / medians["odoo"][1],
        )
    )


def main():
    args = parse_args(__doc__, extra=_options)
    if not args.addons_path:
        args.addons_path = default_addons_path()
    count, small = args.count, max(args.count // 10, 1)
    figures, checks, rounds = {}, {}, []
    with BigCommerceSimulator(quota=10**6) as sim, odoo_env(args) as env:
        with measured(env, figures, "seed"):
            store, warehouses, products = seed(env, sim, count)
        print(
            f"seed products={count} warehouses={len(warehouses)} "
            f"quants={count * len(warehouses)} seconds={figures['seed.seconds']}"
        )
        for scenario in SCENARIOS:
            placement = configure(store, warehouses, scenario)
            push(env, store, figures, f"{scenario}.push")
            push(env, store, figures, f"{scenario}.again")
            push(env, store, figures, f"{scenario}.recent", full=False)
            checks[scenario] = matching_products(env, sim, store, placement)
            print_push(figures, scenario, count * len(placement))
        link_ids = store.product_link_ids.sorted("id").ids
        for _round in range(args.rounds):
            measures = {}
            compute(env, store, link_ids, measures, "ours")
            odoo_free_qty(env, warehouses, products.ids, measures, "odoo")
            compute(env, store, link_ids[:small], measures, "ours_small")
            rounds.append(measures)
    print_compare(rounds, count, small, len(warehouses))
    for scenario in SCENARIOS:
        print(
            f"check scenario={scenario} "
            f"simulator_matches_odoo={checks[scenario]}/{count}"
        )


if __name__ == "__main__":
    main()
