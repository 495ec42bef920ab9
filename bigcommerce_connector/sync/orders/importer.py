"""Download orders: BigCommerce v2 orders to Odoo sale orders.

One call per page of 250 orders with their line items and addresses
(include=consignments.line_items,fees). The order log (UNIQUE per store and order)
is written before the sale order, so no order is ever imported twice.
"""

import logging
from dataclasses import dataclass, field
from datetime import UTC
from decimal import Decimal

from psycopg2 import errors as pg_errors

from odoo.tools import mute_logger

from ...api import BigCommerceError, NotFoundError
from ...api.const import MAX_PAGE_SIZE, ORDERS_PATH
from ..core.importer import Importer
from ..core.paging import OrderPages
from ..core.values import PayloadError, parse_page
from ..customers.resolver import CustomerResolver
from . import amounts, mapping
from .addresses import ShipTo
from .batch import PageBatch
from .builder import OrderBuilder
from .consolidator import OrderConsolidator
from .dispatcher import OrderDispatcher
from .invoicer import OrderInvoicer
from .mapping import SkipOrder
from .payload import parse_order, parse_tax_rows
from .products import LineProducts
from .router import OrderRouter
from .shipping import ShippingMethods
from .updater import OrderUpdater

_logger = logging.getLogger(__name__)

INCOMPLETE = 0
INCLUDE = {
    "include": "consignments.line_items,fees",
    "consignment_structure": "object",
}


class OrderClaimed(SkipOrder):
    """Another transaction logged this order first: it imports the order."""


@dataclass
class Prepared:
    """A new order ready to create: its sale order values and notes."""

    order: object
    values: dict
    notes: list = field(default_factory=list)
    sale: object = None


class OrderImporter(Importer):
    """Downloads the orders of one store within a :class:`~..core.run.SyncRun`."""

    cursor_field = "orders_modified_after"

    def __init__(self, store, run, commit=False):
        super().__init__(store, run, commit)
        self.builder = OrderBuilder(store)
        self.builder.tax_details = self._tax_rows
        self.customers = CustomerResolver(store, run)
        self.products = LineProducts(store, run)
        self.updater = OrderUpdater(
            store, run, self.builder, self.products, self.customers.addresses
        )
        self.shipping_methods = ShippingMethods(store)
        self.Log = self.env["bigcommerce.order.log"].sudo()
        self.SaleOrder = self.env["sale.order"].sudo()
        self.statuses = set(store.order_status_ids.mapped("code"))
        self.warehouse = store.order_warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", store.company_id.id)], limit=1
        )
        self.router = OrderRouter(store, run, self.warehouse)
        self.batch = PageBatch(self)

    # === RUN === #

    def download(self, since=None, page_size=MAX_PAGE_SIZE, order_ids=None):
        """Download orders modified since the store's cursor (or ``since``).

        :param since: load from this moment instead (Load Orders): the cursor
            stays where it is
        :param order_ids: only these orders (Retry), whatever their dates
        :returns: the number of orders fetched
        """
        if order_ids:
            pages = [self._fetch_each(order_ids)]
        else:
            start = since or self.store.orders_modified_after
            pages = OrderPages(self.run.client, self._params(), start, page_size)
        # Load Orders (since) and Retry (order_ids) leave the cursor alone.
        fetched = self._import_pages(
            pages, "orders", move_cursor=order_ids is None and since is None
        )
        if self.store.order_consolidation == "daily" and not self.run.aborted:
            OrderConsolidator(self).consolidate_due()
        return fetched

    def _fetch_each(self, order_ids):
        """Orders by id, one call each (archived ones too): for Retry only."""
        orders = []
        for order_id in order_ids:
            try:
                orders.append(self.run.client.get(f"{ORDERS_PATH}/{order_id}", INCLUDE))
            except NotFoundError:
                self.run.warning(
                    f"order {order_id}", "The order no longer exists in BigCommerce."
                )
        return orders

    def _params(self):
        """The filters of every page (the pages add the dates and the sort)."""
        params = dict(INCLUDE)
        if self.store.orders_created_after:
            floor = self.store.orders_created_after.replace(tzinfo=UTC)
            params["min_date_created"] = floor.isoformat()
        if len(self.statuses) == 1:
            params["status_id"] = next(iter(self.statuses))
        return params

    # === PAGE === #

    def import_page(self, orders, only_ids=None):
        """Import or update the orders of one page, each in its own savepoint.

        Each body is parsed first: one that cannot be read fails in its own
        savepoint, with the field named, and the page goes on.

        :param orders: the page's v2 order bodies
        :param only_ids: import only the orders of these ids
        """
        page = parse_page(orders, parse_order)
        if only_ids:
            page = [entry for entry in page if entry.id in only_ids]
        parsed = [entry.record for entry in page if entry.error is None]
        # Every id of the page, read or not: a failed order's row is updated.
        ids = [entry.id for entry in page if _loggable_id(entry.id)]
        logs = self.Log.search(
            [("store_id", "=", self.store.id), ("bc_order_id", "in", ids)]
        )
        by_id = {log.bc_order_id: log for log in logs}
        self.customers.prefetch(parsed)
        # Unknown methods become rows waiting for a carrier, a page at a time.
        self.shipping_methods.add(
            (shipping.method, "") for order in parsed for shipping in order.shipping
        )
        lines = [line for order in parsed for line in mapping.check_order(order).lines]
        self.products.download_missing(lines)
        if self.router.enabled:
            found = self.products.find(lines).values()
            self.router.start_page(
                self.env["product.product"].union(*filter(None, found))
            )
        page = self._import_new_together(page, by_id)
        for entry in page:
            self.run.count("fetched")
            # What the order counts of the page's stock is given back if it
            # is rolled back (routing with Split Orders).
            self.router.mark()
            # One savepoint an order: a skip or a failure rolls it back, and
            # its order log row is written after, outside it.
            with self.run.record(f"order {entry.id}", skips=(SkipOrder,)):
                self._import_or_update(entry.get(), by_id)
            if self.run.last_failed or self.run.last_skipped:
                self.forget_rolled_back()
            if self.run.last_failed:
                self._log_failure(entry, by_id)
            elif self.run.last_skipped:
                self._log_skip(entry, by_id, self.run.last_skipped)
            self.cursor.note(entry.moment, self.run.last_failed)

    def _import_new_together(self, page, logs):
        """Import the page's new orders in one batch (:mod:`.batch`).

        :returns: the entries left to import one by one: the others, or the
            whole page when the batch was rolled back
        """
        new = [
            entry
            for entry in page
            if entry.error is None and self.batch.takes(entry.record, logs)
        ]
        if len(new) < 2 or not self.batch.import_orders(
            [entry.record for entry in new], logs
        ):
            return page
        for entry in new:
            self.run.count("fetched")
            self.cursor.note(entry.moment, False)
        return [entry for entry in page if entry not in new]

    def _import_or_update(self, order, logs):
        log = logs.get(order.id)
        if log and log.state == "imported":
            if log.payload_hash != order.payload_hash:
                self.updater.update(log, order)
                self.run.count("updated")
            return
        reason = self.not_wanted(order)
        held = ("skipped", reason) if reason else self.held(order)
        if held is None:
            self._import(order, log, logs)
            return
        state, reason = held
        logs[order.id] = self._write_log(log, order, state, reason)
        self.run.count("skipped" if state == "skipped" else "waiting")

    def held(self, order):
        """Why a wanted order is not imported now, as ``(log state, reason)``:
        not captured yet (waiting), or for the daily consolidation (pending);
        cancelled meanwhile (skipped). None: import it."""
        wait = mapping.capture_wait(order, self.store.order_capture)
        daily = self.store.order_consolidation == "daily"
        if not wait and not daily:
            return None
        if mapping.is_cancelled(order):
            until = f"captured ({wait})" if wait else "consolidated"
            return "skipped", f"{mapping.cancelled_as(order)} before it was {until}"
        return ("waiting", wait) if wait else ("pending", self._daily_note())

    def _daily_note(self):
        hours = self.store.consolidation_hour
        return (
            f"consolidated with the day's orders at "
            f"{int(hours):02d}:{round((hours - int(hours)) * 60):02d}"
        )

    def _log_skip(self, entry, logs, exc):
        """Log an order the store's settings skip, with the reason, for Retry.

        Written after its savepoint was rolled back. A row another download
        claimed is left to it; an imported order keeps its state (only its
        update was skipped: the sync log says why).
        """
        self.run.warning(f"order {entry.id}", f"Skipped: {exc}.")
        self.run.count("skipped")
        if isinstance(exc, OrderClaimed):
            return  # the log row is the other download's
        log = logs.get(entry.id)
        log = log.exists() if log else self.Log
        if log.state != "imported":
            logs[entry.id] = self._write_log(log, entry.record, "skipped", str(exc))

    def forget_rolled_back(self):
        """After an order's savepoint was rolled back: what it created is gone,
        so the run's look-ups forget it (taxes, services, pricelists, products);
        the customer resolver checks its own creations before reuse."""
        self.builder.forget()
        self.products.forget()
        self.router.forget()

    def _log_failure(self, entry, logs):
        """Log a failed order in state *Failed* with its reason, for Retry.

        Written after the order's savepoint was rolled back, so it stays. An
        order already imported keeps its state: only its later update failed
        (the sync log says why).
        """
        order_id = entry.id
        if not _loggable_id(order_id):
            return  # no id to log it under: the sync log has it
        log = logs.get(order_id)
        log = log.exists() if log else self.Log
        if log.state == "imported":
            return
        values = {
            "state": "error",
            "reason": self.run.last_error,
            "bc_date_modified": entry.moment,
        }
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                if log:
                    log.write(dict(values, attempts=log.attempts + 1))
                else:
                    log = self.Log.create(
                        dict(values, store_id=self.store.id, bc_order_id=order_id)
                    )
                log.flush_recordset()
        except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
            return  # another download logged it meanwhile
        logs[order_id] = log

    def not_wanted(self, order):
        """Why the order is not downloaded (its status), or ""."""
        status = order.status_id
        if self.statuses and status not in self.statuses:
            return f"status {order.status or status} is not downloaded"
        if not self.statuses and status == INCOMPLETE:
            return "the order is incomplete"
        return ""

    # === ONE ORDER === #

    def _import(self, order, log, logs):
        check = mapping.check_order(order)
        if check.problems:
            raise SkipOrder("; ".join(check.problems))
        log = self._claim(log, order)
        logs[order.id] = log
        entry = self.prepare(order, log)
        entry.sale = self.SaleOrder.create(entry.values)
        self.note(entry)
        self.confirm([entry], entry.sale)
        self.run.count("created")
        return entry.sale

    def prepare(self, order, log):
        """The sale order values of a new order, and what to note on it.

        :param log: its claimed order log row
        :returns: :class:`Prepared`
        """
        check = mapping.check_order(order)
        products = self.products.find(check.lines)
        warehouse, shipping, routed = self.router.plan(order, check.lines, products)
        customer = self.customers.resolve(
            order,
            warehouse=warehouse,
            delivery_warehouse=shipping.get(0, warehouse),
        )
        values = self.builder.order_values(order, customer, warehouse)
        values["bigcommerce_order_log_id"] = log.id
        values.update(ShipTo.header_values(order))
        values["order_line"] = self.builder.line_commands(
            order, check, products, ShipTo.of_import(customer)
        )
        for index, ships_from in shipping.items():
            line = values["order_line"][index][2]
            line.update(self.router.line_values(warehouse, ships_from))
        unmatched = self._unmatched_lines(order, check, products)
        notes = check.notes + routed + unmatched + customer.notes
        return Prepared(order, values, notes)

    def note(self, entry):
        """Land the created sale order on BigCommerce's total; post its notes."""
        notes = entry.notes + self._settle_total(entry.sale, entry.order)
        if notes:
            entry.sale.message_post(body="\n".join(notes))

    def confirm(self, entries, sales):
        """Confirm the new sale orders (store stage), invoice the paid ones and
        dispatch them as *Auto Dispatch Orders* says."""
        if self.store.order_stage != "sale":
            return
        sales.action_confirm()
        # Only a confirmed order can be invoiced; a quotation waits for a
        # person, who then invoices it with Odoo's own invoicing.
        pairs = [(entry.sale, entry.order) for entry in entries]
        OrderInvoicer(self.store, self.run).invoice_all(pairs)
        OrderDispatcher(self.store, self.run).dispatch_all(pairs)

    def _unmatched_lines(self, order, check, products):
        """Say which lines matched no Odoo product (they are service lines)."""
        notes = []
        for index, line in enumerate(check.lines):
            if products.get(index):
                continue
            note = (
                f'Line {line.sku or "(no SKU)"} "{line.item.name}" matched no '
                "Odoo product: it is a service line, not in stock moves."
            )
            self.run.warning(f"order {order.id}", note)
            notes.append(note)
        return notes

    def _tax_rows(self, order_id):
        """The order's ``/taxes?details=true`` rows, or None when unreadable."""
        try:
            body = self.run.client.get(
                f"{ORDERS_PATH}/{order_id}/taxes", {"details": "true"}
            )
            return parse_tax_rows(body if isinstance(body, list) else [])
        except (BigCommerceError, PayloadError) as exc:
            self.run.warning(
                f"order {order_id}", f"Its taxes could not be read: {exc}."
            )
            return None

    def _claim(self, log, order):
        """Write the log row first: PostgreSQL refuses a second import."""
        try:
            with self.env.cr.savepoint(flush=False):
                log = self._write_log(log, order, "imported", False)
                log.flush_recordset()
                return log
        except (pg_errors.UniqueViolation, pg_errors.SerializationFailure) as exc:
            # A new row taken by another import, or a retried row it is updating.
            raise OrderClaimed("another download is importing this order") from exc

    def _write_log(self, log, order, state, reason):
        if log:
            values = dict(mapping.log_values(order), state=state, reason=reason)
            values["attempts"] = log.attempts + 1
            log.write(values)
            return log
        return self.Log.create(self.log_row(order, state, reason))

    def log_row(self, order, state, reason=False):
        """The values of a new order log row for ``order``."""
        return dict(
            mapping.log_values(order),
            state=state,
            reason=reason,
            store_id=self.store.id,
            bc_order_id=order.id,
        )

    def _settle_total(self, sale, order):
        """Say when Odoo misses BigCommerce's total; absorb it only when
        BigCommerce's own amounts do not add up and the gap is within the
        store's tolerance (a rounding line, named and warned as such)."""
        expected = order.total_inc_tax
        difference = mapping.total_difference(expected, sale.amount_total)
        if not difference:
            return []
        own = amounts.own_total(order)
        tolerance = Decimal(str(self.store.rounding_tolerance)).quantize(mapping.CENT)
        if own != expected and abs(difference) <= tolerance:
            sale.order_line = [self.builder.rounding_command(difference)]
            message = (
                f"BigCommerce's amounts do not add up: its lines, charges and "
                f"discounts make {own:.2f} but its total is {expected:.2f}. A "
                f"rounding line of {difference} lands on its total."
            )
            self.run.warning(f"order {order.id}", message)
            return [message]
        message = (
            f"Odoo's total {sale.amount_total:.2f} differs from BigCommerce's "
            f"{expected:.2f} by {difference}: check the lines and taxes."
        )
        self.run.warning(f"order {order.id}", message)
        return [message]


def _loggable_id(value):
    """Whether a body's id, read or not, can key an order log row."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
