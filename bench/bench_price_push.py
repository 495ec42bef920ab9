"""Benchmark: push N changed prices to the simulator, then push again.

Seeds N single-variant products in the simulator and in Odoo, linked, with a
regular price tier (one fixed price per variant) and a sale price tier (10 %
off the Sales Price) whose prices all differ from the last ones sent. Prints
API calls, seconds and SQL queries of the connector's price push (N changed,
then nothing changed, then a "recently modified" push), beside bare Odoo
computing the same N regular and sale prices with the two pricelists, and the
ratio between the two. Everything is rolled back.

Run from the repository root: ``bash scripts/bench price_push`` or
``python3 bench/bench_price_push.py --db bigcommerce_test``.
"""

import os
import sys

if not __package__:  # run as a file: make ``bench`` and ``tests`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import REPO_ROOT, bench_store, measure, odoo_env, parse_args
from tests.simulator import BigCommerceSimulator


def default_addons_path():
    """This repository and Odoo's addons folder, as scripts/lib.sh finds them."""
    import odoo

    root = os.path.dirname(os.path.abspath(next(iter(odoo.__path__))))
    return f"{REPO_ROOT},{os.path.join(root, 'addons')}"


def seed(env, sim, count):
    """N linked products whose Odoo prices all differ from what was last sent."""
    from odoo import Command

    bc_products = [
        sim.add_product(f"Bench price {i}", sku=f"PRICE-{i}", price=10.0)
        for i in range(count)
    ]
    products = env["product.product"].create(
        [
            {"name": f"Bench price {i}", "default_code": f"PRICE-{i}"}
            for i in range(count)
        ]
    )
    for index, template in enumerate(products.product_tmpl_id):
        template.list_price = 10 + index % 50
    regular = env["product.pricelist"].create(
        {
            "name": "Bench regular",
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "0_product_variant",
                        "product_id": product.id,
                        "compute_price": "fixed",
                        "fixed_price": 20 + index % 50,
                    }
                )
                for index, product in enumerate(products)
            ],
        }
    )
    sale = env["product.pricelist"].create(
        {
            "name": "Bench sale",
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "3_global",
                        "compute_price": "percentage",
                        "percent_price": 10.0,
                    }
                )
            ],
        }
    )
    store = bench_store(
        env,
        sim,
        product_sync=True,
        update_pricing=True,
        regular_pricelist_id=regular.id,
        sale_pricelist_id=sale.id,
    )
    env["bigcommerce.product.link"].create(
        [
            {
                "store_id": store.id,
                "product_id": product.id,
                "bc_product_id": bc_product["id"],
                "bc_variant_id": bc_product["variants"][0]["id"],
                "sku": product.default_code,
                "last_price": 10.0,
                "last_sale_price": 0.0,
            }
            for product, bc_product in zip(products, bc_products, strict=True)
        ]
    )
    return store, products


def connector_push(env, store, figures, name, full=True):
    """One push as the scheduled action runs it, from a cold cache."""
    env.invalidate_all()
    with measure(env, figures, name):
        run = store._update_prices(full=full, trigger="cron")
    figures[f"{name}.api_calls"] = run.client.calls
    figures[f"{name}.sent"] = run.counts["updated"]
    figures[f"{name}.failed"] = run.counts["failed"]


def bare_odoo(env, store, products, figures):
    """The same regular and sale prices computed by the pricelists alone."""
    env.invalidate_all()
    with measure(env, figures, "bare_odoo"):
        store.regular_pricelist_id._get_products_price(products, 1.0)
        store.sale_pricelist_id._get_products_price(products, 1.0)


def matching_variants(sim, store):
    """How many variants in the simulator show the prices Odoo last sent."""
    links = {link.bc_variant_id: link for link in store.product_link_ids}
    matching = 0
    for product in sim.products:
        variant = product["variants"][0]
        link = links.get(variant["id"])
        if link and (variant["price"], variant["sale_price"]) == (
            link.last_price,
            link.last_sale_price,
        ):
            matching += 1
    return matching


def print_figures(count, figures):
    """Plain lines, one per measure."""
    for name, changed in (("push", count), ("again", 0), ("recent", 0)):
        label = "price_push" if name != "recent" else "price_push_recent"
        print(
            f"{label} changed={changed} sent={figures[name + '.sent']} "
            f"failed={figures[name + '.failed']} "
            f"api_calls={figures[name + '.api_calls']} "
            f"seconds={figures[name + '.seconds']} "
            f"queries={figures[name + '.queries']}"
        )
    print(
        f"odoo_pricelist prices={count} seconds={figures['bare_odoo.seconds']} "
        f"queries={figures['bare_odoo.queries']}"
    )
    print(
        "ratio seconds=%.2f queries=%.2f"
        % (
            figures["push.seconds"] / figures["bare_odoo.seconds"],
            figures["push.queries"] / figures["bare_odoo.queries"],
        )
    )
    print(f"check simulator_matches_odoo={figures['matching']}/{count}")


def main():
    args = parse_args(__doc__)
    if not args.addons_path:
        args.addons_path = default_addons_path()
    figures = {}
    with BigCommerceSimulator(quota=10**6) as sim, odoo_env(args) as env:
        store, products = seed(env, sim, args.count)
        connector_push(env, store, figures, "push")
        connector_push(env, store, figures, "again")
        connector_push(env, store, figures, "recent", full=False)
        bare_odoo(env, store, products, figures)
        figures["matching"] = matching_variants(sim, store)
    print_figures(args.count, figures)


if __name__ == "__main__":
    main()
