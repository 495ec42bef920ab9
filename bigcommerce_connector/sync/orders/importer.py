"""Download orders: BigCommerce v2 orders to Odoo sale orders.

One call per page of 250 orders with their line items and addresses
(include=consignments.line_items). The order log (UNIQUE per store and order)
is written before the sale order, so no order is ever imported twice.
"""

import logging
from datetime import UTC

from psycopg2 import errors as pg_errors

from odoo.exceptions import UserError

from ...api import NotFoundError, chunked
from ...api.const import MAX_PAGE_SIZE, ORDERS_PATH, PRODUCTS_PATH
from ..catalog.importer import ProductImporter
from ..core.importer import Importer
from ..core.run import ChildRun
from ..core.values import parse_datetime
from ..customers.resolver import CustomerResolver
from . import mapping as om
from .builder import OrderBuilder, SkipOrder
from .invoicer import OrderInvoicer
from .updater import OrderUpdater

_logger = logging.getLogger(__name__)

INCOMPLETE = 0
INCLUDE = {"include": "consignments.line_items", "consignment_structure": "object"}


class OrderClaimed(SkipOrder):
    """Another transaction logged this order first: it imports the order."""


class OrderImporter(Importer):
    """Downloads the orders of one store within a :class:`~..core.run.SyncRun`."""

    cursor_field = "orders_modified_after"

    def __init__(self, store, run, commit=False):
        super().__init__(store, run, commit)
        self.builder = OrderBuilder(store)
        self.customers = CustomerResolver(store, run)
        self.updater = OrderUpdater(store, run, self.builder, self._products)
        self.Log = self.env["bigcommerce.order.log"].sudo()
        self.SaleOrder = self.env["sale.order"].sudo()
        self.statuses = set(store.order_status_ids.mapped("code"))
        self.warehouse = store.order_warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", store.company_id.id)], limit=1
        )
        self._product_maps = ({}, {})

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
            params = self._params(since)
            pages = self.run.client.iter_v2_pages(ORDERS_PATH, params, limit=page_size)
        # Load Orders (since) and Retry (order_ids) leave the cursor alone.
        return self._import_pages(
            pages, "orders", move_cursor=order_ids is None and since is None
        )

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

    def _params(self, since):
        params = dict(INCLUDE, sort="date_modified:asc")
        cursor = since or self.store.orders_modified_after
        if cursor:
            params["min_date_modified"] = cursor.replace(tzinfo=UTC).isoformat()
        if self.store.orders_created_after:
            floor = self.store.orders_created_after.replace(tzinfo=UTC)
            params["min_date_created"] = floor.isoformat()
        if len(self.statuses) == 1:
            params["status_id"] = next(iter(self.statuses))
        return params

    # === PAGE === #

    def import_page(self, orders, only_ids=None):
        """Import or update the orders of one page, each in its own savepoint."""
        if only_ids:
            orders = [o for o in orders if o.get("id") in only_ids]
        logs = self.Log.search(
            [
                ("store_id", "=", self.store.id),
                ("bc_order_id", "in", [o.get("id") for o in orders]),
            ]
        )
        by_id = {log.bc_order_id: log for log in logs}
        self.customers.prefetch(orders)
        self._download_missing_products(orders)
        for order in orders:
            self.run.count("fetched")
            with self.run.record(f"order {order.get('id')}"):
                self._handle(order, by_id)
            moment = parse_datetime(order.get("date_modified"))
            self.cursor.note(moment, self.run.last_failed)

    def _handle(self, order, logs):
        log = logs.get(order["id"])
        digest = om.payload_hash(order)
        if log and log.state == "imported":
            if log.payload_hash != digest:
                self.updater.update(log, order, digest)
                self.run.count("updated")
            return
        reason = self._not_wanted(order)
        if reason:
            logs[order["id"]] = self._write_log(log, order, digest, "skipped", reason)
            self.run.count("skipped")
            return
        try:
            with self.env.cr.savepoint():
                self._import(order, log, digest, logs)
        except OrderClaimed as exc:
            # The log row is the other download's: writing one would collide.
            self.run.warning(f"order {order['id']}", f"Skipped: {exc}.")
            self.run.count("skipped")
        except SkipOrder as exc:
            logs[order["id"]] = self._write_log(log, order, digest, "skipped", str(exc))
            self.run.warning(f"order {order['id']}", f"Skipped: {exc}.")
            self.run.count("skipped")

    def _not_wanted(self, order):
        status = order.get("status_id")
        if self.statuses and status not in self.statuses:
            return f"status {order.get('status') or status} is not downloaded"
        if not self.statuses and status == INCOMPLETE:
            return "the order is incomplete"
        return ""

    # === ONE ORDER === #

    def _import(self, order, log, digest, logs):
        check = om.check_order(order)
        if check.problems:
            raise SkipOrder("; ".join(check.problems))
        log = self._claim(log, order, digest)
        logs[order["id"]] = log
        customer = self.customers.resolve(order, warehouse=self.warehouse)
        values = self.builder.order_values(order, customer, self.warehouse)
        values["bigcommerce_order_log_id"] = log.id
        values["order_line"] = self.builder.line_commands(
            order, check, self._products(check)
        )
        sale = self.SaleOrder.create(values)
        notes = check.notes + customer.notes + self._settle_total(sale, order)
        if notes:
            sale.message_post(body="\n".join(notes))
        if self.store.order_stage == "sale":
            sale.action_confirm()
            # Only a confirmed order can be invoiced; a quotation waits for a
            # person, who then invoices it with Odoo's own invoicing.
            OrderInvoicer(self.store, self.run).invoice(sale, order)
        self.run.count("created")
        return sale

    def _claim(self, log, order, digest):
        """Write the log row first: PostgreSQL refuses a second import."""
        try:
            with self.env.cr.savepoint(flush=False):
                log = self._write_log(log, order, digest, "imported", False)
                log.flush_recordset()
                return log
        except (pg_errors.UniqueViolation, pg_errors.SerializationFailure) as exc:
            # A new row taken by another import, or a retried row it is updating.
            raise OrderClaimed("another download is importing this order") from exc

    def _write_log(self, log, order, digest, state, reason):
        values = {
            "state": state,
            "reason": reason,
            "payload_hash": digest,
            "bc_status_id": order.get("status_id") or 0,
            "bc_date_modified": parse_datetime(order.get("date_modified")),
            "bc_total": float(om.to_decimal(order.get("total_inc_tax"))),
        }
        if log:
            values["attempts"] = log.attempts + 1
            log.write(values)
            return log
        return self.Log.create(
            dict(values, store_id=self.store.id, bc_order_id=order["id"])
        )

    def _download_missing_products(self, orders):
        """Download from BigCommerce the products of lines Odoo does not know.

        One call per 250 missing products for the whole page of orders; their
        lines then find them like any other. Products the store cannot create
        (link only, unknown units) stay missing: their lines are service lines.
        """
        self._product_maps = ({}, {})  # fresh per page: products may be new
        lines = [line for order in orders for line in om.check_order(order).lines]
        found = self._products(om.OrderCheck(lines=lines))
        missing = sorted(
            {
                line.item.get("product_id")
                for index, line in enumerate(lines)
                if not found[index] and line.item.get("product_id")
            }
        )
        if not missing:
            return
        try:
            importer = ProductImporter(self.store, ChildRun(self.run))
        except UserError as exc:
            self.run.warning(None, f"Products of order lines not downloaded: {exc}")
            return
        for chunk in chunked(missing, MAX_PAGE_SIZE):
            params = {"id:in": ",".join(map(str, chunk)), "include": "variants"}
            for page in self.run.client.iter_v3_pages(PRODUCTS_PATH, params):
                importer.import_page(page)
        self._product_maps = ({}, {})  # look again: the new links count now
        created = importer.run.counts["created"]
        if created:
            self.run.info(None, f"{created} product(s) downloaded for order lines.")

    def _products(self, check):
        """Odoo products of the lines: by variant link, then by a unique SKU."""
        by_variant, by_sku = self._product_maps
        unknown = [
            line
            for line in check.lines
            if line.variant_id not in by_variant and line.sku not in by_sku
        ]
        if unknown:
            self._load_products(unknown)
        result = {}
        for index, line in enumerate(check.lines):
            product = by_variant.get(line.variant_id)
            if not product and len(by_sku.get(line.sku) or []) == 1:
                product = by_sku[line.sku][0]
            result[index] = product
        return result

    def _load_products(self, lines):
        """Look up the links and SKUs of ``lines`` in two queries, remembered."""
        by_variant, by_sku = self._product_maps
        Link = self.env["bigcommerce.product.link"].sudo()
        variant_ids = {line.variant_id for line in lines if line.variant_id}
        for link in Link.search(
            [
                ("store_id", "=", self.store.id),
                ("bc_variant_id", "in", list(variant_ids)),
            ]
        ):
            by_variant[link.bc_variant_id] = link.product_id
        skus = {line.sku for line in lines if line.sku}
        for sku in skus:
            by_sku.setdefault(sku, [])
        for product in self.env["product.product"].search(
            [("default_code", "in", list(skus))]
        ):
            if product not in by_sku[product.default_code]:
                by_sku[product.default_code].append(product)

    def _settle_total(self, sale, order):
        """Land on BigCommerce's total: absorb a small difference, report a big one."""
        expected = om.to_decimal(order.get("total_inc_tax"))
        difference = (expected - om.to_decimal(sale.amount_total)).quantize(om.CENT)
        if not difference:
            return []
        if abs(difference) <= om.to_decimal(self.store.rounding_tolerance):
            sale.order_line = [self.builder.rounding_command(difference)]
            return []
        message = (
            f"Odoo's total {sale.amount_total:.2f} differs from BigCommerce's "
            f"{expected:.2f} by {difference}: check the lines and taxes."
        )
        self.run.warning(f"order {order['id']}", message)
        return [message]
