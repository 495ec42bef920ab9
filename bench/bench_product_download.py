"""Benchmark: download N products of 3 variants each from the simulator.

Prints API calls, seconds and SQL queries of the connector's download, beside
bare Odoo creating the same products (templates, 3 variants, references,
weights, prices) in the same run, and the ratio between the two.
"""

import os
import sys

if not __package__:  # run as a file: make ``bench`` and ``tests`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import (
    add_ratios,
    bench_store,
    measure,
    odoo_env,
    parse_args,
    report,
)
from tests.simulator import BigCommerceSimulator

SIZES = ["S", "M", "L"]


def seed(sim, count):
    """N products with a Size option (3 variants), categories and brands."""
    categories = [sim.add_category(f"Category {i}")["category_id"] for i in range(5)]
    brands = [sim.add_brand(f"Brand {i}")["id"] for i in range(5)]
    for index in range(count):
        sim.add_product(
            f"Bench product {index}",
            sku=f"BENCH-{index}",
            price=10 + index % 50,
            weight=1 + index % 3,
            categories=[categories[index % 5]],
            brand_id=brands[index % 5],
            search_keywords="bench, product",
            options=[{"display_name": "Size", "values": SIZES}],
            variants=[
                {"sku": f"BENCH-{index}-{size}", "options": {"Size": size}}
                for size in SIZES
            ],
        )


def connector_download(env, sim, figures):
    from odoo.addons.bigcommerce_connector.sync.catalog.importer import (
        ProductImporter,
    )
    from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun

    store = bench_store(
        env, sim, product_sync=True, weight_unit="lb", dimension_unit="in"
    )
    with measure(env, figures, "connector"):
        with store._get_client() as client, SyncRun(store, "product_download") as run:
            run.client = client
            ProductImporter(store, run).download(full=True)
    figures["connector.api_calls"] = client.calls
    figures["connector.products_created"] = run.counts["created"]
    figures["connector.failed"] = run.counts["failed"]


def bare_odoo(env, count, figures):
    """The same catalogue created with the ORM alone, as a user import would."""
    attribute = env["product.attribute"].create(
        {"name": "Bench size", "value_ids": [(0, 0, {"name": s}) for s in SIZES]}
    )
    with measure(env, figures, "bare_odoo"):
        for index in range(count):
            template = env["product.template"].create(
                {
                    "name": f"Bare product {index}",
                    "list_price": 10 + index % 50,
                    "attribute_line_ids": [
                        (
                            0,
                            0,
                            {
                                "attribute_id": attribute.id,
                                "value_ids": [(6, 0, attribute.value_ids.ids)],
                            },
                        )
                    ],
                }
            )
            for variant, size in zip(template.product_variant_ids, SIZES, strict=True):
                variant.write(
                    {
                        "default_code": f"BARE-{index}-{size}",
                        "weight": 0.45 * (1 + index % 3),
                    }
                )


def main():
    args = parse_args(__doc__)
    figures = {"products": args.count, "variants": args.count * len(SIZES)}
    with BigCommerceSimulator(quota=10**6) as sim, odoo_env(args) as env:
        seed(sim, args.count)
        connector_download(env, sim, figures)
        bare_odoo(env, args.count, figures)
    add_ratios(figures)
    report("product_download", figures)


if __name__ == "__main__":
    main()
