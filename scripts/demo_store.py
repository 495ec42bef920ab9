"""The demo: a simulated BigCommerce store, and Odoo downloading from it.

Run by ``scripts/demo`` (which creates the database and starts Odoo's web
server) with Odoo's Python from the repository root. It

1. starts the simulator (``tests/simulator``) on 127.0.0.1 and seeds it with a
   catalog (products with variants), customers and a few orders;
2. points the store "Demo store" of the database at it and tests the
   connection;
3. then, until Ctrl-C: adds a new order every few seconds, and downloads
   orders every ``--every`` seconds and products every minute, committing
   each run, as the scheduled actions would.
"""

import argparse
import os
import random
import sys
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.simulator import BigCommerceSimulator  # noqa: E402

STORE_HASH = "demo42"
TOKEN = "demo-token"
TAX_RATE = 0.0825  # Austin, Texas
CATALOG = [
    {
        "name": "Organic Cotton Tee",
        "sku": "TEE",
        "price": 24.0,
        "inventory_tracking": "variant",
        "options": [
            {"display_name": "Size", "values": ["S", "M", "L"]},
            {"display_name": "Color", "values": ["Sand", "Navy"]},
        ],
    },
    {
        "name": "Merino Beanie",
        "sku": "BEANIE",
        "price": 19.5,
        "inventory_tracking": "product",
        "options": [{"display_name": "Color", "values": ["Grey", "Rust"]}],
    },
    {
        "name": "Enamel Camp Mug",
        "sku": "MUG",
        "price": 14.0,
        "inventory_tracking": "product",
    },
    {
        "name": "Canvas Tote Bag",
        "sku": "TOTE",
        "price": 18.0,
        "sale_price": 15.0,
        "inventory_tracking": "product",
    },
    {
        "name": "Waxed Field Jacket",
        "sku": "JACKET",
        "price": 189.0,
        "inventory_tracking": "product",
    },
    {"name": "Trail Socks (3 pairs)", "sku": "SOCKS", "price": 21.0},
]
CUSTOMERS = [
    ("ana.garcia@example.com", "Ana", "Garcia"),
    ("ben.okafor@example.com", "Ben", "Okafor"),
    ("chloe.martin@example.com", "Chloe", "Martin"),
    ("dev.patel@example.com", "Dev", "Patel"),
    ("emma.schulz@example.com", "Emma", "Schulz"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bigcommerce_demo")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", "odoo"))
    parser.add_argument("--every", type=float, default=10.0, help="seconds")
    parser.add_argument("--new-order-every", type=float, default=6.0, help="seconds")
    parser.add_argument("--runs", type=int, default=0, help="stop after N (0: never)")
    return parser.parse_args()


LONDON = {  # a state Odoo does not know: the contact keeps it as text
    "address1": "12 Camden High Street",
    "city": "London",
    "state_or_province": "Greater London",
    "postal_code": "NW1 0JH",
    "country": "United Kingdom",
    "country_code": "GB",
}


def seed(sim):
    """A small clothing store: products with variants, customers, three orders.

    The first order shows what an order can carry (a coupon, a gift sent to
    another address with wrapping, a message); the second comes from London.
    """
    products = [sim.add_product(**spec) for spec in CATALOG]
    sim.add_location("Dallas", code="DAL")
    customers = [
        sim.add_customer(
            email,
            first_name=first,
            last_name=last,
            phone="+15125550100",
            addresses=[LONDON] if first == "Dev" else None,
        )
        for email, first, last in CUSTOMERS
    ]
    showcase_order(sim, products, customers[0])
    sim.add_order(
        products=[{"product_id": products[4]["id"], "quantity": 1}],
        customer_id=customers[3]["id"],
        tax_rate=0.2,
        status_id=11,
        payment_method="PayPal",
        payment_status="captured",
    )
    new_order(sim, products, customers)
    return products, customers


def showcase_order(sim, products, customer):
    """Ana's order: a tee with a coupon for her, a wrapped beanie for her sister."""
    home, sister = 9001, 9002
    tee, beanie = products[0], products[1]
    return sim.add_order(
        products=[
            {
                "product_id": tee["id"],
                "variant_id": tee["variants"][2]["id"],
                "quantity": 2,
                "order_address_id": home,
                "applied_discounts": [
                    {
                        "id": "1",
                        "amount": 4.8,
                        "name": "Spring sale",
                        "code": "SPRING10",
                        "target": "product",
                    }
                ],
            },
            {
                "product_id": beanie["id"],
                "variant_id": beanie["variants"][1]["id"],
                "quantity": 1,
                "order_address_id": sister,
                "wrapping_name": "Kraft paper",
                "wrapping_message": "Happy birthday, Lucia!",
                "wrapping_cost_ex_tax": 3,
            },
        ],
        shipping_addresses=[
            {"id": home},
            {
                "id": sister,
                "first_name": "Lucia",
                "last_name": "Garcia",
                "street_1": "40 Elm Street",
                "city": "Dallas",
                "state": "Texas",
                "zip": "75201",
                "phone": "",
                "cost_ex_tax": 6.5,
                "shipping_method": "Express",
            },
        ],
        coupons=[{"code": "SPRING10", "amount": 4.8, "type": "percentage_discount"}],
        customer_id=customer["id"],
        tax_rate=TAX_RATE,
        status_id=11,  # Awaiting Fulfillment
        payment_method="Credit Card",
        payment_status="captured",
        customer_message="Please leave the parcel with the neighbour at no. 12.",
        staff_notes="Regular customer: add a sticker to the parcel.",
    )


def new_order(sim, products, customers):
    """One paid order of one to three lines from a known customer."""
    lines = []
    for product in random.sample(products, random.randint(1, 3)):
        variant = random.choice(product["variants"])
        lines.append(
            {
                "product_id": product["id"],
                "variant_id": variant["id"],
                "quantity": random.randint(1, 3),
            }
        )
    customer = random.choice(customers)
    return sim.add_order(
        products=lines,
        customer_id=customer["id"],
        tax_rate=TAX_RATE,
        status_id=11,  # Awaiting Fulfillment
        payment_method="Credit Card",
        payment_status="captured",
    )


def open_registry(args):
    import odoo  # noqa: F401 (loads Odoo's modules)
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [
            "-d",
            args.db,
            f"--addons-path={args.addons_path}",
            f"--db_host={args.db_host}",
            f"--db_port={args.db_port}",
            f"--db_user={args.db_user}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
        ]
    )
    return Registry(args.db)


def configure_store(env, sim):
    """The store "Demo store", pointed at the simulator and connected."""
    values = {
        "name": "Demo store",
        "store_hash": STORE_HASH,
        "access_token": TOKEN,
        "api_url": sim.base_url,
        "product_sync": True,
        "product_master": "bigcommerce",
        "order_sync": True,
        "order_stage": "sale",
        "orders_modified_after": False,
        "download_products_after": False,
    }
    Store = env["bigcommerce.store"].with_context(active_test=False)
    store = Store.search([("store_hash", "=", STORE_HASH)], limit=1)
    if store:
        store.write(values)
    else:
        store = Store.create(values)
    store.action_test_connection()
    _routing(env, store)
    return store


def _stock(env, store):
    """Stock push on: the main warehouse at BigCommerce's default location,
    Dallas at the store's Dallas location; some stock of each storable
    product, once. Then every quantity is published."""
    store.write(
        {"stock_push": True, "stock_after_orders": True, "stock_hide_at_zero": True}
    )
    store.action_load_locations()
    Warehouse = env["stock.warehouse"]
    main = Warehouse.search([("company_id", "=", store.company_id.id)], limit=1)
    dallas = Warehouse.search([("code", "=", "DAL")], limit=1)
    if not store.stock_warehouse_map_ids:
        location = store.stock_location_ids.filtered(lambda loc: loc.code == "DAL")
        store.stock_warehouse_map_ids = [
            (0, 0, {"warehouse_id": main.id}),
            (0, 0, {"warehouse_id": dallas.id, "location_id": location.id}),
        ]
    Quant = env["stock.quant"]
    for index, product in enumerate(store.product_link_ids.product_id):
        if product.is_storable and not product.qty_available:
            Quant._update_available_quantity(product, main.lot_stock_id, 20 + index)
            Quant._update_available_quantity(
                product, dallas.lot_stock_id, 1 + index % 4
            )
    store._update_stock(full=True, trigger="cron")


def _routing(env, store):
    """Branch routing on: Texas ships from a Dallas warehouse, the rest from
    the company's first one (*Keep Default Warehouse*: one delivery each)."""
    Warehouse = env["stock.warehouse"]
    main = Warehouse.search([("company_id", "=", store.company_id.id)], limit=1)
    dallas = Warehouse.search([("code", "=", "DAL")], limit=1) or Warehouse.create(
        {"name": "Dallas", "code": "DAL", "company_id": store.company_id.id}
    )
    texas = env.ref("base.state_us_44")
    values = {
        "order_warehouse_id": main.id,
        "order_routing": True,
        "keep_default_warehouse": True,
    }
    if not store.routing_rule_ids:
        values["routing_rule_ids"] = [
            (
                0,
                0,
                {
                    "state_ids": [(6, 0, texas.ids)],
                    "warehouse_id": dallas.id,
                    "backup1_warehouse_id": main.id,
                },
            )
        ]
    store.write(values)


def download(env, store, products=True):
    """One scheduled-style run of the downloads; the figures of the order run."""
    if products:
        store._download_products(full=False, trigger="cron")
    run = store._download_orders(trigger="cron")
    # As the scheduled action does after all stores' downloads.
    store._update_stock_after_orders([run])
    return run


def main():
    args = parse_args()
    registry = open_registry(args)
    import odoo

    started = time.monotonic()
    with BigCommerceSimulator(store_hash=STORE_HASH, access_token=TOKEN) as sim:
        products, customers = seed(sim)
        print(f"Demo store (simulated BigCommerce) at {sim.base_url}", flush=True)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            store = configure_store(env, sim)
            download(env, store)
            _stock(env, store)
            cr.commit()
            runs, last_products, last_order = 0, 0.0, time.monotonic()
            while not args.runs or runs < args.runs:
                now = time.monotonic()
                if now - last_order >= args.new_order_every:
                    new_order(sim, products, customers)
                    last_order = now
                run = download(env, store, products=now - last_products >= 60)
                if now - last_products >= 60:
                    last_products = now
                cr.commit()
                runs += 1
                orders = env["sale.order"].search_count(
                    [("bigcommerce_store_id", "=", store.id)]
                )
                print(
                    f"[{time.monotonic() - started:6.1f} s] {run.summary()} "
                    f"{orders} BigCommerce orders in Odoo.",
                    flush=True,
                )
                time.sleep(args.every)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
