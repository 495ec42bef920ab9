"""Daily consolidation: the day's orders as one sale order (seed "Consolidate
orders", Cin7 Core).

With *Consolidate Orders* = daily, a captured order is logged *To
Consolidate* instead of becoming a sale order. The first download after the
store's *Consolidation Time* reads the orders of every day that is due (one
call a page of 250, by id range, so their latest state counts), and makes
one sale order a day and currency for the *Consolidation Customer*: the
orders' lines and charges priced and taxed as one at a time would make them,
then lines of one product, unit price and taxes merged into one with summed
quantities, but only where the merged line's untaxed amount and taxes equal
the sum of the lines' (BigCommerce rounds each line: merging can cost a
cent, then the lines stay apart). Its total is the sum of BigCommerce's to
the cent. Each order's log entry is then *Imported* and points to the
consolidated order, so a second run changes nothing.
"""

from collections import defaultdict
from datetime import UTC, datetime, time

from odoo import fields

from ...api.const import ORDERS_PATH
from ..core.part import RunPart
from ..core.values import parse_page
from ..customers.resolver import CustomerResult
from . import mapping
from .payload import parse_order

LINE_ONLY = (
    "bigcommerce_order_product_id",
    "bigcommerce_order_address_id",
    "bigcommerce_partner_shipping_id",
    "bigcommerce_options",
)


class OrderConsolidator(RunPart):
    """Consolidates the due days of one store (:class:`~.importer.OrderImporter`)."""

    def __init__(self, importer):
        super().__init__(importer.store, importer.run)
        self.importer = importer
        self.Log = importer.Log

    # === DUE DAYS === #

    def due_days(self, now=None):
        """``{local day: order logs}`` of the days due for consolidation.

        A day is due once it is over, or once the Consolidation Time of that
        day has passed.

        :param now: naive UTC datetime (default: now)
        """
        now = now or fields.Datetime.now()
        zone = self.store._local_zone()
        local_now = now.replace(tzinfo=UTC).astimezone(zone)
        cutoff = self.store._order_daily_moment(now, self.store.consolidation_hour)
        pending = self.Log.search(
            [("store_id", "=", self.store.id), ("state", "=", "pending")],
            order="bc_order_id",
        )
        days = defaultdict(lambda: self.Log)
        for log in pending:
            created = log.bc_date_created or log.create_date
            day = created.replace(tzinfo=UTC).astimezone(zone).date()
            if day < local_now.date() or (day == local_now.date() and now >= cutoff):
                days[day] |= log
        return dict(sorted(days.items()))

    # === RUN === #

    def consolidate_due(self, now=None):
        """Consolidate every due day, each in its own savepoint."""
        days = self.due_days(now)
        if not days:
            return
        if not self.store.consolidation_partner_id:
            self.run.warning(
                None,
                "Daily consolidation has no Consolidation Customer: the orders "
                "wait in the Order Log (To Consolidate).",
            )
            return
        for day, logs in days.items():
            with self.run.record(f"consolidation {day}"):
                self._consolidate(day, logs)

    def _consolidate(self, day, logs):
        orders = self._fetch(logs)
        by_id = {log.bc_order_id: log for log in logs}
        gone = logs.filtered(lambda log: log.bc_order_id not in orders)
        if gone:
            gone.write(
                {
                    "state": "skipped",
                    "reason": "no longer in BigCommerce's order list when its "
                    "day was consolidated (archived?)",
                }
            )
        by_currency = defaultdict(list)
        for order_id, order in orders.items():
            problems = mapping.check_order(order).problems
            if problems:
                by_id[order_id].write(
                    {"state": "skipped", "reason": "; ".join(problems)}
                )
                continue
            by_currency[order.default_currency_code or order.currency_code].append(
                order
            )
        for day_orders in by_currency.values():
            sale = self._sale(day, day_orders)
            self.Log.union(*(by_id[o.id] for o in day_orders)).write(
                {"state": "imported", "reason": False, "consolidated_sale_id": sale.id}
            )
            self.run.count("created")

    def _fetch(self, logs):
        """The logged orders, read in pages of 250 by id range; ``{id: Order}``."""
        ids = set(logs.mapped("bc_order_id"))
        params = {
            "min_id": min(ids),
            "max_id": max(ids),
            "sort": "id:asc",
            "include": "consignments.line_items,fees",
            "consignment_structure": "object",
        }
        found = {}
        for page in self.run.client.iter_v2_pages(ORDERS_PATH, params):
            for entry in parse_page(page, parse_order):
                if entry.error is None and entry.id in ids:
                    found[entry.id] = entry.record
        return found

    # === THE SALE ORDER === #

    def _sale(self, day, orders):
        importer = self.importer
        partner = self.store.consolidation_partner_id
        checks = [mapping.check_order(order) for order in orders]
        importer.products.download_missing([line for c in checks for line in c.lines])
        lines = []
        for order, check in zip(orders, checks, strict=True):
            products = importer.products.find(check.lines)
            for command in importer.builder.line_commands(order, check, products):
                values = command[2]
                for name in LINE_ONLY:
                    values.pop(name, None)
                lines.append(values)
        customer = CustomerResult(
            partner=partner, invoice_partner=partner, shipping_partner=partner
        )
        values = importer.builder.order_values(orders[0], customer, importer.warehouse)
        total = sum(order.total_inc_tax for order in orders)
        closing = datetime.combine(day, time(23, 59, 59))
        zone = self.store._local_zone()
        values.update(
            {
                "origin": f"BigCommerce {day.isoformat()} ({len(orders)} orders)",
                "client_order_ref": f"BigCommerce {day.isoformat()}",
                "date_order": closing.replace(tzinfo=zone)
                .astimezone(UTC)
                .replace(tzinfo=None),
                "bigcommerce_order_id": False,
                "bigcommerce_status": False,
                "bigcommerce_payment_method": False,
                "bigcommerce_customer_message": False,
                "bigcommerce_staff_notes": False,
                "bigcommerce_total": float(total),
                "order_line": [(0, 0, line) for line in self._merge(lines, values)],
            }
        )
        values.pop("commitment_date", None)
        sale = importer.SaleOrder.create(values)
        self._check_total(sale, total, day)
        if self.store.order_stage == "sale":
            sale.action_confirm()
        return sale

    def _merge(self, lines, header):
        """Lines of one product, unit price and taxes summed into one, where
        the merged amounts equal the sum of the lines' (to the cent)."""
        currency = (
            self.env["product.pricelist"].browse(header["pricelist_id"]).currency_id
        )
        currency = currency or self.store.company_id.currency_id
        merged = []
        for values in lines:
            key = _merge_key(values)
            target = next(
                (
                    line
                    for line in merged
                    if _merge_key(line) == key and self._exact(line, values, currency)
                ),
                None,
            )
            if target is None:
                merged.append(dict(values))
                continue
            target["product_uom_qty"] += values["product_uom_qty"]
            if target.get("name") != values.get("name"):
                product = self.env["product.product"].browse(values["product_id"])
                target["name"] = product.display_name
        return merged

    def _exact(self, line, other, currency):
        """Whether one line of both quantities costs what the two lines do."""
        taxes = self.env["account.tax"].browse(_tax_ids(line))
        price = line["price_unit"]

        def amounts(quantity):
            result = taxes.compute_all(
                price, currency, quantity, rounding_method="round_per_line"
            )
            return (
                currency.round(result["total_excluded"]),
                currency.round(result["total_included"]),
            )

        apart = [
            sum(pair)
            for pair in zip(
                amounts(line["product_uom_qty"]),
                amounts(other["product_uom_qty"]),
                strict=True,
            )
        ]
        together = amounts(line["product_uom_qty"] + other["product_uom_qty"])
        return all(
            not currency.compare_amounts(a, b)
            for a, b in zip(apart, together, strict=True)
        )

    def _check_total(self, sale, total, day):
        expected = total.quantize(mapping.CENT)
        if not mapping.total_difference(expected, sale.amount_total):
            return
        message = (
            f"The consolidated order of {day} totals {sale.amount_total:.2f}, "
            f"BigCommerce's orders {expected}: check its lines."
        )
        self.tell(sale, f"consolidation {day}", message)


def _tax_ids(values):
    ids = []
    for command in values.get("tax_ids") or []:
        if command[0] == 6:
            ids = list(command[2])
        elif command[0] == 4:
            ids.append(command[1])
    return sorted(ids)


def _merge_key(values):
    return (
        values.get("product_id"),
        values.get("display_type"),
        values.get("price_unit"),
        tuple(_tax_ids(values)),
    )
