"""Publish stock: the quantity of linked products at BigCommerce locations.

``PUT /v3/inventory/adjustments/absolute``, 2,000 items a call; only the
quantities that differ from the last ones published are sent, and the link
keeps what BigCommerce took. An absolute adjustment sets the level, so sending
one again after a fault changes nothing: a push stopped by BigCommerce resumes
where it stopped with the next run.

A product BigCommerce tracks by product gets one item (``product_id``), the
sum of its variants; a product tracked by variant gets one per variant
(``variant_id``); an untracked product gets none.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from odoo import fields
from odoo.fields import Domain

from ...api import BigCommerceError, ValidationError, chunked
from ...api.const import ABSOLUTE_ADJUSTMENTS_PATH, BATCH_SIZES, PRODUCTS_PATH
from ..catalog.payload import parse_batch_answer
from ..core.part import RunPart
from .calculator import LINK_FIELDS, StockCalculator

# A stock move committed by a transaction that started before the run but
# ended after it read the stock carries a write date before the cursor.
CURSOR_OVERLAP = timedelta(minutes=5)
BATCH = BATCH_SIZES[ABSOLUTE_ADJUSTMENTS_PATH]
PRODUCTS_BATCH = BATCH_SIZES[PRODUCTS_PATH]
# ``id:in`` lists this many products a call when asking for their tracking.
TRACKING_PAGE = 250
# How BigCommerce names a refused item in a 422's title.
REFUSED_ITEM = re.compile(r"\b(product_id|variant_id)\s+(\d+)")
REASON = "Odoo stock update"
MAX_HALVINGS = 32
# The link fields a push reads, fetched with the candidates in one query
# (reading a field would prefetch them 1,000 links a query).
PUSH_FIELDS = (
    *LINK_FIELDS,
    "sku",
    "bc_product_id",
    "bc_variant_id",
    "bc_inventory_tracking",
    "stock_published",
)


@dataclass
class Item:
    """One quantity at one location: what BigCommerce calls an inventory item.

    :ivar key: ``("product_id" | "variant_id", id)``
    :ivar links: the links whose quantity it is (every variant of a product
        tracked by product)
    """

    key: tuple
    location: int
    quantity: int
    links: list = field(default_factory=list)

    def body(self):
        return {
            "location_id": self.location,
            self.key[0]: self.key[1],
            "quantity": self.quantity,
        }

    def published(self):
        """True when every link last published this quantity here."""
        where = str(self.location)
        return all(
            (link.stock_published or {}).get(where) == self.quantity
            for link in self.links
        )


class StockExporter(RunPart):
    """Publishes one store's stock within a :class:`SyncRun`.

    :param store: ``bigcommerce.store``, sudoed
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.calculator = StockCalculator(store)
        self.Link = (
            self.env["bigcommerce.product.link"].sudo().with_context(active_test=False)
        )
        self.started = run.log.date_start or fields.Datetime.now()
        self.sent = 0
        self.failed = 0
        # Halvings left to find refused items BigCommerce does not name; then
        # what is left of a refused chunk is logged as refused.
        self.halvings = MAX_HALVINGS

    @staticmethod
    def preview(store, links):
        """``{link id: (buffer in force, publishable units)}``, without a run."""
        return StockCalculator(store).preview(links)

    # === RUN === #

    def push(self, since=None, move_cursor=True):
        """Publish the quantities that differ from the last ones published.

        :param since: only products whose stock may have changed since this
            moment; None: every link
        :param move_cursor: move 'Stock Updated After' to this run's start
            when everything went out
        :returns: the number of quantities BigCommerce took
        """
        if not self.calculator.placement:
            self.run.abort(
                self.env._(
                    "No source warehouse: choose the warehouses whose stock is "
                    "published in the store's Stock tab."
                )
            )
            return 0
        for row in self.calculator.disabled:
            self.run.warning(
                row.warehouse_id.display_name,
                self.env._(
                    "Stock not published: location %(location)s is disabled in "
                    "BigCommerce.",
                    location=row.location_id.display_name,
                ),
            )
        links = self.candidates(since)
        try:
            self.learn_tracking(links)
            items = self.items(links)
            changed = [item for item in items if not item.published()]
            self.run.count("fetched", len(items))
            self.run.info(
                None,
                self.env._(
                    "%(links)s linked products considered, %(changed)s of "
                    "%(items)s quantities changed.",
                    links=len(links),
                    changed=len(changed),
                    items=len(items),
                ),
            )
            self.send(changed)
            if self.store.stock_hide_at_zero:
                self.update_visibility(links)
        except BigCommerceError as exc:
            self.run.abort(
                self.env._(
                    "Stopped after %(sent)s stock levels: %(reason)s Run the "
                    "update again to publish the others.",
                    sent=self.sent,
                    reason=exc.message,
                )
            )
        if move_cursor and not self.failed and not self.run.aborted:
            self.store.stock_updated_after = self.started
        return self.sent

    # === WHICH LINKS === #

    def candidates(self, since=None):
        """The store's links that publish stock, narrowed to those that may
        have changed since ``since``.

        A link whose product was archived is a candidate: it publishes 0.
        """
        domain = Domain("store_id", "=", self.store.id) & Domain(
            "stock_sync", "=", True
        )
        if since:
            since -= CURSOR_OVERLAP
            domain &= Domain.OR(
                [
                    Domain("product_id.stock_move_ids.write_date", ">=", since),
                    Domain("write_date", ">=", since),
                    Domain("product_id.write_date", ">=", since),
                ]
            )
        links = self.Link.search_fetch(domain, PUSH_FIELDS, order="id")
        if not since:
            return links
        # A product tracked by product publishes the sum of its variants: a
        # variant that moved brings its siblings, or the sum would be short.
        siblings = self.Link.search_fetch(
            Domain("store_id", "=", self.store.id)
            & Domain("stock_sync", "=", True)
            & Domain("bc_product_id", "in", links.mapped("bc_product_id"))
            & Domain("bc_inventory_tracking", "!=", "variant")
            & Domain("id", "not in", links.ids),
            PUSH_FIELDS,
            order="id",
        )
        return links | siblings

    def learn_tracking(self, links):
        """Ask BigCommerce how it tracks the products whose links do not know."""
        unknown = links.filtered(lambda link: not link.bc_inventory_tracking)
        by_product = unknown.grouped("bc_product_id")
        for chunk in chunked(sorted(by_product), TRACKING_PAGE):
            params = {
                "id:in": ",".join(map(str, chunk)),
                "include_fields": "inventory_tracking",
            }
            for body in self.run.client.iter_v3(PRODUCTS_PATH, params):
                tracking = body.get("inventory_tracking")
                if body.get("id") in by_product and tracking in (
                    "none",
                    "product",
                    "variant",
                ):
                    by_product[body["id"]].bc_inventory_tracking = tracking
        for link in unknown.filtered(lambda link: not link.bc_inventory_tracking):
            self.run.warning(
                link.sku or f"product {link.bc_product_id}",
                self.env._(
                    "BigCommerce answered no product %(id)s: its stock is not "
                    "published. Download products to refresh the links.",
                    id=link.bc_product_id,
                ),
            )

    # === WHICH QUANTITIES === #

    def items(self, links):
        """The inventory items of ``links`` with the quantities to publish."""
        quantities = self.calculator.quantities(links)
        items = {}
        untracked = 0
        for link in links:
            per_location = quantities.get(link.id)
            tracking = link.bc_inventory_tracking
            if per_location is None or not tracking:
                continue
            if tracking == "none":
                untracked += 1
                continue
            key = (
                ("product_id", link.bc_product_id)
                if tracking == "product"
                else ("variant_id", link.bc_variant_id)
            )
            for location, quantity in per_location.items():
                item = items.get((key, location))
                if item is None:
                    item = items[key, location] = Item(key, location, 0)
                item.quantity += quantity
                item.links.append(link)
        if untracked:
            self.run.info(
                None,
                self.env._(
                    "%(count)s linked products are not tracked by BigCommerce: "
                    "no stock published for them.",
                    count=untracked,
                ),
            )
        return list(items.values())

    # === SEND === #

    def send(self, items):
        """Absolute adjustments 2,000 items a call; record what BigCommerce took.

        :raises BigCommerceError: anything but refused items (network,
            server, quota): the push stops, keeping what was taken
        """
        for chunk in chunked(items, BATCH):
            self._send(chunk)

    def _send(self, chunk):
        """Send ``chunk``; a 422 names refused items: log them, send the rest.

        When BigCommerce names no item of the chunk, the chunk is halved
        until the refused items stand alone.
        """
        body = {"reason": REASON, "items": [item.body() for item in chunk]}
        try:
            self.run.client.request("PUT", ABSOLUTE_ADJUSTMENTS_PATH, json_body=body)
        except ValidationError as exc:
            refused = self._named(chunk, exc)
            if not refused and (len(chunk) == 1 or self.halvings <= 0):
                refused = chunk
            if refused:
                for item in refused:
                    self._fail(item, exc.message)
                rest = [item for item in chunk if item not in refused]
                if rest:
                    self._send(rest)
                return
            self.halvings -= 1
            half = len(chunk) // 2
            self._send(chunk[:half])
            self._send(chunk[half:])
            return
        self._record(chunk)

    def _named(self, chunk, exc):
        """The items of ``chunk`` a refusal names (its title lists them)."""
        named = {
            (kind, int(number))
            for kind, number in REFUSED_ITEM.findall(str(exc.message))
        }
        return [item for item in chunk if item.key in named]

    def _fail(self, item, reason):
        self.failed += 1
        self.run.count("failed")
        link = item.links[0]
        self.run.error(
            link.sku or f"{item.key[0]} {item.key[1]}",
            self.env._(
                "Stock not published at location %(location)s: %(reason)s",
                location=item.location,
                reason=reason,
            ),
        )

    def _record(self, chunk):
        """Remember what BigCommerce took (the writes flush as a few UPDATEs)."""
        now = fields.Datetime.now()
        published = {}
        for item in chunk:
            for link in item.links:
                levels = published.setdefault(link, dict(link.stock_published or {}))
                levels[str(item.location)] = item.quantity
        for link, levels in published.items():
            link.write(
                {
                    "stock_published": levels,
                    "stock_published_qty": sum(levels.values()),
                    "stock_date": now,
                }
            )
        self.sent += len(chunk)
        self.run.count("updated", len(chunk))

    # === VISIBILITY === #

    def update_visibility(self, links):
        """Hide products whose published stock is 0; show those the stock
        update hid once stock returns. A product a person unlisted stays
        unlisted (BigCommerce only hides products, not variants)."""
        to_hide, to_show = [], []
        every = self.Link.search(
            Domain("store_id", "=", self.store.id)
            & Domain("bc_product_id", "in", links.mapped("bc_product_id"))
        )
        for bc_id, product_links in every.grouped("bc_product_id").items():
            if any(
                link.bc_inventory_tracking in (False, "none")
                or not link.stock_sync
                or link.stock_published is None
                for link in product_links
            ):
                continue
            states = set(product_links.mapped("listing_state"))
            total = sum(product_links.mapped("stock_published_qty"))
            if total <= 0 and states == {"listed"}:
                to_hide.append((bc_id, product_links))
            elif total > 0 and all(product_links.mapped("stock_hidden")):
                to_show.append((bc_id, product_links))
        self._set_visibility(to_hide, False)
        self._set_visibility(to_show, True)

    def _set_visibility(self, products, visible):
        for chunk in chunked(products, PRODUCTS_BATCH):
            by_id = dict(chunk)
            body = [{"id": bc_id, "is_visible": visible} for bc_id in by_id]
            try:
                status, answer = self.run.client.request(
                    "PUT", PRODUCTS_PATH, json_body=body
                )
            except ValidationError as exc:
                for bc_id in by_id:
                    self._visibility_refused(by_id[bc_id], exc.message)
                continue
            taken = set(by_id)
            if status == 207:
                taken = set(parse_batch_answer(answer).ids)
            for bc_id, product_links in by_id.items():
                if bc_id not in taken:
                    self._visibility_refused(product_links, "")
                    continue
                product_links.write(
                    {
                        "listing_state": "listed" if visible else "hidden",
                        "stock_hidden": not visible,
                    }
                )
                self.run.info(
                    product_links[0].sku or f"product {bc_id}",
                    self.env._("Made visible: stock returned.")
                    if visible
                    else self.env._("Hidden from the storefront: no stock."),
                )

    def _visibility_refused(self, links, reason):
        self.run.warning(
            links[0].sku or f"product {links[0].bc_product_id}",
            self.env._(
                "Visibility not changed: %(reason)s",
                reason=reason or self.env._("BigCommerce refused it"),
            ),
        )
