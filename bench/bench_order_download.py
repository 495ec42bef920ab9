"""Benchmark: download N orders of 3 lines from the simulator.

Prints API calls, seconds and SQL queries (total and per order) of the
connector's order download, beside bare Odoo creating and confirming the same
N sale orders (same customers, lines, shipping) in the same run, and the ratio.
"""

import os
import sys

if not __package__:  # run as a file: make ``bench`` and ``tests`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import add_ratios, measure, odoo_env, parse_args, report
from tests.simulator import BigCommerceSimulator

SKUS = ("BENCH-A", "BENCH-B", "BENCH-C")
CUSTOMERS = 200


def seed(sim, count):
    """N orders of 3 lines, spread over 200 guest customers."""
    for index in range(count):
        who = index % CUSTOMERS
        sim.add_order(
            billing_address={
                "first_name": "Shopper",
                "last_name": str(who),
                "street_1": f"{who} Main Street",
                "city": "Austin",
                "state": "Texas",
                "zip": "78751",
                "country": "United States",
                "country_iso2": "US",
                "phone": "",
                "email": f"shopper{who}@example.com",
            },
            products=[
                {"sku": sku, "name": sku, "quantity": 1 + line, "price": 10 + line}
                for line, sku in enumerate(SKUS)
            ],
        )


def products(env):
    return {
        sku: env["product.product"].create(
            {"name": sku, "default_code": sku, "type": "consu", "taxes_id": [(5,)]}
        )
        for sku in SKUS
    }


def connector_download(env, sim, figures):
    from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
    from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter

    store = env["bigcommerce.store"].create(
        {
            "name": "Bench store",
            "store_hash": sim.store_hash,
            "access_token": sim.access_token,
            "api_url": sim.base_url,
            "state": "connected",
            "order_sync": True,
        }
    )
    with measure(env, figures, "connector"):
        with store._get_client() as client, SyncRun(store, "order_download") as run:
            run.client = client
            OrderImporter(store, run).download()
    figures["connector.api_calls"] = client.calls
    figures["connector.orders_created"] = run.counts["created"]
    figures["connector.failed"] = run.counts["failed"]


def bare_odoo(env, count, by_sku, figures):
    """The same orders with the ORM alone: customers, lines, shipping, confirm."""
    shipping = env["product.product"].create(
        {"name": "Bare shipping", "type": "service", "taxes_id": [(5,)]}
    )
    with measure(env, figures, "bare_odoo"):
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Bare shopper {who}",
                    "email": f"bare{who}@example.com",
                    "street": f"{who} Main Street",
                    "city": "Austin",
                    "zip": "78751",
                }
                for who in range(CUSTOMERS)
            ]
        )
        for index in range(count):
            lines = [
                (
                    0,
                    0,
                    {
                        "product_id": by_sku[sku].id,
                        "product_uom_qty": 1 + line,
                        "price_unit": 10 + line,
                        "tax_ids": [(5,)],
                    },
                )
                for line, sku in enumerate(SKUS)
            ]
            lines.append((0, 0, {"product_id": shipping.id, "price_unit": 10}))
            sale = env["sale.order"].create(
                {"partner_id": partners[index % CUSTOMERS].id, "order_line": lines}
            )
            sale.action_confirm()


def main():
    args = parse_args(__doc__)
    figures = {"orders": args.count, "lines": args.count * len(SKUS)}
    with BigCommerceSimulator(quota=10**6) as sim, odoo_env(args) as env:
        seed(sim, args.count)
        by_sku = products(env)
        connector_download(env, sim, figures)
        bare_odoo(env, args.count, by_sku, figures)
    for side in ("connector", "bare_odoo"):
        figures[f"{side}.queries_per_order"] = round(
            figures[f"{side}.queries"] / args.count, 1
        )
    add_ratios(figures)
    report("order_download", figures)


if __name__ == "__main__":
    main()
