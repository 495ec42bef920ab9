"""The three sides of the order_download benchmark, each run in its own process.

``connector`` downloads the seeded orders with the connector; ``bare_one``
creates and confirms the same documents with the ORM alone, one order at a
time; ``bare_batch`` does it 250 orders per ``create()`` and one
``action_confirm()`` per batch. With invoicing on, every side invoices each
paid order, posts the invoice and registers its payment. ``prepare`` sets up
the database the sides are copied from. Each side prints ``key=value`` lines.
"""

import os
import time

from bench.common import bench_store
from bench.order_shape import CREATED, SKUS, TAX_PERCENT, bare_orders, seed

BATCH = 250
JOURNAL_CODE = "BCHB"
TAX_NAME = "Sales Tax 8.25%"
SHIPPING_CODE = "BARE-SHIPPING"
ROUTING_WAREHOUSES = ("BW2", "BW3")


class Meter:
    """Wall seconds, CPU seconds of this thread and of the PostgreSQL backend,
    and SQL queries of ``env.cr`` between ``start()`` and ``stop()``.

    The Python CPU is this thread's only: the simulator's HTTP threads in the
    same process are BigCommerce's work, not Odoo's.
    """

    def __init__(self, env):
        self.env = env
        env.cr.execute("SELECT pg_backend_pid()")
        self.stat = f"/proc/{env.cr.fetchone()[0]}/stat"
        self.tick = os.sysconf("SC_CLK_TCK")
        self.start_at = None

    def _pg_seconds(self):
        """User + system CPU of the backend (None when /proc cannot see it)."""
        try:
            with open(self.stat) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / self.tick

    def start(self):
        self.env.cr.flush()
        self.start_at = (
            time.perf_counter(),
            time.thread_time(),
            self._pg_seconds(),
            self.env.cr.sql_log_count,
        )

    def stop(self, figures):
        self.env.cr.flush()
        wall, cpu, pg, queries = self.start_at
        pg_now = self._pg_seconds()
        figures["wall_s"] = round(time.perf_counter() - wall, 3)
        figures["python_cpu_s"] = round(time.thread_time() - cpu, 3)
        figures["pg_cpu_s"] = round(pg_now - pg, 2) if pg is not None else "nan"
        figures["queries"] = self.env.cr.sql_log_count - queries


# === PREPARE === #


def prepare(env, routing=False):
    """The template database: a chart of accounts, the 8.25 % tax, the
    products (invoiced on ordered quantities), a card journal, bare Odoo's
    shipping product. Taxes round per line, as BigCommerce's do: the
    connector rounds its documents so anyway, and bare Odoo then lands on the
    same totals. With ``routing``: storable products and two more
    warehouses holding stock (:func:`_routing_stock`)."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
    company.tax_calculation_rounding_method = "round_per_line"
    tax = env["account.tax"].create(
        {
            "name": TAX_NAME,
            "amount": TAX_PERCENT,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "company_id": company.id,
        }
    )
    for sku in SKUS:
        env["product.product"].create(
            {
                "name": sku,
                "default_code": sku,
                "type": "consu",
                "invoice_policy": "order",
                "taxes_id": [(6, 0, tax.ids)],
            }
        )
    env["product.product"].create(
        {
            "name": "Shipping",
            "default_code": SHIPPING_CODE,
            "type": "service",
            "taxes_id": [(6, 0, tax.ids)],
        }
    )
    env["account.journal"].create(
        {
            "name": "Cards",
            "type": "bank",
            "code": JOURNAL_CODE,
            "company_id": company.id,
        }
    )
    if routing:
        _routing_stock(env)


def _routing_stock(env):
    """Storable products; warehouses BW2 and BW3 each holding 40 % of what
    1,000 orders ask (3 lines of 1, 2 and 3 units), the main one plenty: the
    routed warehouse (BW2) runs out, then its backup BW3, then the main one
    ships. Unrouted, the main one ships everything: both sides reserve the
    same quantities, so the difference is routing's."""
    Warehouse = env["stock.warehouse"]
    main = Warehouse.search([], limit=1)
    for code in ROUTING_WAREHOUSES:
        Warehouse.create({"name": f"Bench {code}", "code": code})
    for number, sku in enumerate(SKUS, 1):
        product = env["product.product"].search([("default_code", "=", sku)])
        product.is_storable = True
        env["stock.quant"]._update_available_quantity(
            product, main.lot_stock_id, 10_000 * number
        )
        for code in ROUTING_WAREHOUSES:
            warehouse = Warehouse.search([("code", "=", code)])
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 400 * number
            )


# === THE SIDES === #


def run_side(env, side, count, invoicing):
    """Run one side on ``count`` orders; its figures and the documents it made."""
    from tests.simulator import BigCommerceSimulator

    figures = {}
    with BigCommerceSimulator(quota=10**6) as sim:
        records = seed(sim, count)
        before = _last_ids(env)
        meter = Meter(env)
        if side in ("connector", "connector_routed"):
            _connector(env, sim, invoicing, meter, figures, side == "connector_routed")
        else:
            bare = BareOdoo(env, invoicing)
            orders = bare_orders(records)
            meter.start()
            if side == "bare_one":
                bare.one_by_one(orders)
            else:
                bare.batched(orders)
            meter.stop(figures)
    figures.update(_documents(env, before))
    return figures


def _connector(env, sim, invoicing, meter, figures, routed=False):
    from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
    from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter

    store = bench_store(
        env,
        sim,
        order_sync=True,
        invoice_mode="individual" if invoicing else "batch",
        invoice_state="posted",
        payment_map_ids=[
            (0, 0, {"name": "Credit Card", "journal_id": _journal(env).id})
        ],
        **(_routing_values(env) if routed else {}),
    )
    meter.start()
    with store._get_client() as client, SyncRun(store, "order_download") as run:
        run.client = client
        OrderImporter(store, run).download()
    meter.stop(figures)
    figures["api_calls"] = client.calls
    figures["failed"] = run.counts["failed"]
    if routed:
        lines = env["sale.order.line"].search(
            [
                ("order_id.bigcommerce_store_id", "=", store.id),
                ("product_id.is_storable", "=", True),
            ]
        )
        for line in lines:
            key = f"lines_from.{line.warehouse_id.code}"
            figures[key] = figures.get(key, 0) + 1
    lines = run.log.line_ids
    figures["warnings"] = len(lines.filtered(lambda line: line.level == "warning"))


def _routing_values(env):
    """Branch routing with split: the orders' zip routes them to BW2, backed
    by BW3 then the main warehouse."""
    Warehouse = env["stock.warehouse"]
    main = Warehouse.search([("code", "not in", ROUTING_WAREHOUSES)], limit=1)
    second, third = (Warehouse.search([("code", "=", c)]) for c in ROUTING_WAREHOUSES)
    rule = {
        "zip_codes": "787",
        "warehouse_id": second.id,
        "backup1_warehouse_id": third.id,
        "backup2_warehouse_id": main.id,
    }
    return {
        "order_warehouse_id": main.id,
        "order_routing": True,
        "order_split": True,
        "routing_rule_ids": [(0, 0, rule)],
    }


def _journal(env):
    return env["account.journal"].search([("code", "=", JOURNAL_CODE)], limit=1)


MODELS = ("res.partner", "sale.order", "account.move", "account.payment")


def _last_ids(env):
    last = {}
    for model in MODELS:
        env.cr.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{env[model]._table}"')
        last[model] = env.cr.fetchone()[0]
    return last


def _documents(env, before):
    """What the side made, to check that every side made the same."""

    def new(model, domain=()):
        return env[model].search([("id", ">", before[model]), *domain])

    sales = new("sale.order", [("state", "=", "sale")])
    invoices = new("account.move", [("move_type", "=", "out_invoice")])
    return {
        "doc.orders": len(sales),
        "doc.customers": len(new("res.partner", [("type", "=", "contact")])),
        "doc.delivery_contacts": len(new("res.partner", [("type", "=", "delivery")])),
        "doc.lines": len(sales.order_line),
        "doc.total": round(sum(sales.mapped("amount_total")), 2),
        "doc.tax": round(sum(sales.mapped("amount_tax")), 2),
        "doc.invoices_posted": len(invoices.filtered(lambda m: m.state == "posted")),
        "doc.invoices_paid": len(
            invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        ),
        "doc.payments": len(new("account.payment")),
    }


class BareOdoo:
    """The same documents with the ORM alone: customers found by email,
    delivery contacts, lines at their price after discounts with the 8.25 %
    tax, shipping, confirmation, and with invoicing on, posted paid invoices."""

    def __init__(self, env, invoicing):
        self.env = env
        self.invoicing = invoicing
        self.Partner = env["res.partner"]
        self.Sale = env["sale.order"]
        self.products = {
            p.default_code: p
            for p in env["product.product"].search(
                [("default_code", "in", [*SKUS, SHIPPING_CODE])]
            )
        }
        self.tax = env["account.tax"].search([("name", "=", TAX_NAME)], limit=1)
        self.journal = _journal(env)
        country = env.ref("base.us")
        self.region = {
            "country_id": country.id,
            "state_id": env["res.country.state"]
            .search([("country_id", "=", country.id), ("code", "=", "TX")])
            .id,
        }
        self.customers = {}  # email -> res.partner

    def one_by_one(self, orders):
        """Create and confirm (and invoice) each order on its own."""
        for order in orders:
            partner = self.customers.get(order.email)
            if not partner:
                partner = self.Partner.create(self._customer(order))
                self.customers[order.email] = partner
            shipping = partner
            if order.delivery:
                shipping = self.Partner.create(self._delivery(order, partner))
            sale = self.Sale.create(self._sale(order, partner, shipping))
            sale.action_confirm()
            if self.invoicing:
                self._invoice(sale)

    def batched(self, orders):
        """250 orders per ``create()``, one ``action_confirm()`` per batch."""
        for start in range(0, len(orders), BATCH):
            chunk = orders[start : start + BATCH]
            new = {}
            for order in chunk:
                if order.email not in self.customers:
                    new.setdefault(order.email, self._customer(order))
            created = self.Partner.create(list(new.values()))
            self.customers.update(zip(new, created, strict=True))
            shipped = [order for order in chunk if order.delivery]
            contacts = self.Partner.create(
                [self._delivery(o, self.customers[o.email]) for o in shipped]
            )
            delivery = {id(o): c for o, c in zip(shipped, contacts, strict=True)}
            sales = self.Sale.create(
                [
                    self._sale(
                        order,
                        self.customers[order.email],
                        delivery.get(id(order), self.customers[order.email]),
                    )
                    for order in chunk
                ]
            )
            sales.action_confirm()
            if self.invoicing:
                self._invoice(sales)

    def _customer(self, order):
        return {"name": order.name, "email": order.email, **order.place, **self.region}

    def _delivery(self, order, partner):
        return {
            "name": order.delivery["name"],
            "type": "delivery",
            "parent_id": partner.id,
            **order.delivery["place"],
            **self.region,
        }

    def _sale(self, order, partner, shipping):
        tax = [(6, 0, self.tax.ids)]
        lines = [
            (
                0,
                0,
                {
                    "product_id": self.products[sku].id,
                    "name": name,
                    "product_uom_qty": quantity,
                    "price_unit": price,
                    "tax_ids": tax,
                },
            )
            for sku, name, quantity, price in order.lines
        ]
        lines.append(
            (
                0,
                0,
                {
                    "product_id": self.products[SHIPPING_CODE].id,
                    "name": "Shipping: Flat Rate",
                    "product_uom_qty": 1,
                    "price_unit": order.shipping,
                    "tax_ids": tax,
                    "is_delivery": True,
                },
            )
        )
        return {
            "partner_id": partner.id,
            "partner_invoice_id": partner.id,
            "partner_shipping_id": shipping.id,
            "date_order": CREATED,
            "order_line": lines,
        }

    def _invoice(self, sales):
        """One posted invoice per order, paid in the card journal (called as
        the connector calls it: one order alone is not grouped, the wizard
        runs in the invoices' company)."""
        invoices = sales._create_invoices(grouped=len(sales) > 1, final=True)
        invoices.invoice_date = CREATED.date()
        invoices.action_post()
        self.env["account.payment.register"].with_company(
            invoices.company_id
        ).with_context(active_model="account.move", active_ids=invoices.ids).create(
            {
                "journal_id": self.journal.id,
                "payment_date": CREATED.date(),
                "group_payment": False,
            }
        )._create_payments()
