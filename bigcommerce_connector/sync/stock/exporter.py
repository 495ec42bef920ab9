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
from ..core.part import RunPart
from .calculator import LINK_FIELDS, StockCalculator
from .levels import OPEN_STATES
from .visibility import StockVisibility

# A stock move committed by a transaction that started before the run but
# ended after it read the stock carries a write date before the cursor.
CURSOR_OVERLAP = timedelta(minutes=5)
# Formulas counting moves due within a horizon: a move comes within it as
# days pass, with nothing written.
HORIZON_DAYS = {
    "on_hand_7": 7,
    "on_hand_30": 30,
    "free_incoming_7": 7,
    "free_incoming_30": 30,
}
BATCH = BATCH_SIZES[ABSOLUTE_ADJUSTMENTS_PATH]
# ``id:in`` lists this many products a call when asking for their tracking.
TRACKING_PAGE = 250
# How BigCommerce names a refused item in a 422's title.
REFUSED_ITEM = re.compile(r"\b(product_id|variant_id)\s+(\d+)")
# What a 422 says of an item's tracking: "Item with variant_id 106 is tracked
# by product", "Item with product_id 5 has inventory tracking disabled".
TRACKED_AS = re.compile(
    r"\b(product_id|variant_id)\s+(\d+)\s+(?:is tracked by (product|variant)"
    r"|has (inventory tracking disabled))"
)
REASON = "Odoo stock update"
MAX_HALVINGS = 32
# The link fields a push reads, fetched with the candidates in one query
# (reading a field would prefetch them 1,000 links a query).
PUSH_FIELDS = (
    *LINK_FIELDS,
    "sku",
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
        # Something was left out that a later run must see again: the cursor
        # stays (a refused item counts as failed and holds it too).
        self.incomplete = False

    # === RUN === #

    def push(self, since=None, move_cursor=True):
        """Publish the quantities that differ from the last ones published.

        :param since: only products whose stock may have changed since this
            moment; None: every link
        :param move_cursor: move 'Stock Updated After' to this run's start
            when everything went out
        :returns: the number of quantities BigCommerce took
        """
        for row in self.calculator.foreign:
            self.run.warning(
                row.warehouse_id.display_name,
                self.env._(
                    "Stock not published: this warehouse belongs to %(company)s, "
                    "not to the store's company.",
                    company=row.warehouse_id.company_id.display_name,
                ),
            )
        for row in self.calculator.disabled:
            self.run.warning(
                row.warehouse_id.display_name,
                self.env._(
                    "Stock not published: location %(location)s is disabled in "
                    "BigCommerce.",
                    location=row.location_id.display_name,
                ),
            )
        if not self.calculator.placement:
            self.run.abort(
                self.env._(
                    "No source warehouse to publish from: choose the warehouses "
                    "whose stock is published, at enabled locations, in the "
                    "store's Stock tab."
                )
            )
            return 0
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
            StockVisibility(self.store, self.run).update(links)
        except BigCommerceError as exc:
            self.run.abort(
                self.env._(
                    "Stopped after %(sent)s stock levels: %(reason)s Run the "
                    "update again to publish the others.",
                    sent=self.sent,
                    reason=exc.message,
                )
            )
        if move_cursor and not (self.failed or self.incomplete or self.run.aborted):
            self.store.stock_updated_after = self.started
        return self.sent

    # === WHICH LINKS === #

    def candidates(self, since=None):
        """The store's links that publish stock, narrowed to those that may
        have changed since ``since``.

        Changed: a stock move or quant of the product written, the product or
        the link written, an open move entering the formula's 7 or 30 days
        as time passes. A changed link brings every link of its product (a
        product tracked by product publishes their sum, and a variant whose
        'Sync Stock' went off leaves it); kits (their components move, not
        they) are always candidates. A link whose product was archived is a
        candidate: it publishes 0.
        """
        store = Domain("store_id", "=", self.store.id)
        if not since:
            return self.Link.search_fetch(
                store & Domain("stock_sync", "=", True), PUSH_FIELDS, order="id"
            )
        since -= CURSOR_OVERLAP
        changed = [
            Domain("product_id.stock_move_ids.write_date", ">=", since),
            Domain("product_id.stock_quant_ids.write_date", ">=", since),
            Domain("write_date", ">=", since),
            Domain("product_id.write_date", ">=", since),
        ]
        days = HORIZON_DAYS.get(self.store.stock_formula)
        if days:
            # Moves whose date came within the horizon since the cursor.
            changed.append(
                Domain(
                    "product_id.stock_move_ids",
                    "any",
                    Domain("state", "in", OPEN_STATES)
                    & Domain("date", ">", since + timedelta(days=days))
                    & Domain(
                        "date", "<=", fields.Datetime.now() + timedelta(days=days)
                    ),
                )
            )
        links = self.Link.search_fetch(
            store & Domain.OR(changed), ["bc_product_id"], order="id"
        )
        return self.Link.search_fetch(
            store
            & Domain("stock_sync", "=", True)
            & (
                Domain("bc_product_id", "in", links.mapped("bc_product_id"))
                | self._kits_domain()
            ),
            PUSH_FIELDS,
            order="id",
        )

    def _kits_domain(self):
        """Links of products with a kit bill of materials (Manufacturing)."""
        if "mrp.bom" not in self.env:
            return Domain.FALSE
        boms = self.env["mrp.bom"].search([("type", "=", "phantom")])
        return Domain("product_id", "in", boms.product_id.ids) | Domain(
            "product_tmpl_id",
            "in",
            boms.filtered(lambda bom: not bom.product_id).product_tmpl_id.ids,
        )

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
            self.incomplete = True
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
        """The inventory items of ``links`` with the quantities to publish.

        A location a link published at but no source warehouse feeds any
        more (its warehouse now points elsewhere) is set to 0 when the store
        may still publish there, else forgotten (disabled or gone: its last
        quantity no longer counts in the link's total).
        """
        groups, untracked = self.calculator.groups(links)
        quantities = self.calculator.quantities(groups)
        publishing = self.calculator.publishing_locations
        self._forget_locations(links, publishing)
        items = []
        for key, per_location in quantities.items():
            group = groups[key]
            left = {
                int(location)
                for link in group
                for location, quantity in (link.stock_published or {}).items()
                if quantity
            } - set(per_location)
            per_location = {**per_location, **dict.fromkeys(left & publishing, 0)}
            items += [
                Item(key, int(location), quantity, group)
                for location, quantity in per_location.items()
            ]
        if untracked:
            self.run.info(
                None,
                self.env._(
                    "%(count)s linked products are not tracked by BigCommerce: "
                    "no stock published for them.",
                    count=untracked,
                ),
            )
        if self.calculator.uncounted:
            self.run.info(
                None,
                self.env._(
                    "%(count)s linked products are neither storable nor kits in "
                    "Odoo: their stock in BigCommerce is left alone.",
                    count=len(self.calculator.uncounted),
                ),
            )
        return items

    def _forget_locations(self, links, publishing):
        """Drop what links published at locations the store no longer
        publishes at (disabled, or gone from BigCommerce)."""
        for link in links:
            published = link.stock_published or {}
            kept = {
                loc: qty for loc, qty in published.items() if int(loc) in publishing
            }
            if kept != published:
                link.stock_published = kept

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
                tracking = self._tracking_said(exc)
                for item in refused:
                    self._fail(item, exc.message)
                    self._learn_tracking(item, tracking.get(item.key))
                refused_ids = {id(item) for item in refused}
                rest = [item for item in chunk if id(item) not in refused_ids]
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

    def _tracking_said(self, exc):
        """``{item key: tracking}`` BigCommerce gave as the reason of a refusal."""
        said = {}
        for kind, number, tracked_by, disabled in TRACKED_AS.findall(str(exc.message)):
            said[kind, int(number)] = "none" if disabled else tracked_by
        return said

    def _learn_tracking(self, item, tracking):
        """Correct the links of an item refused for its tracking, so the next
        update publishes it as BigCommerce tracks it."""
        if not tracking:
            return
        for link in item.links:
            if link.bc_inventory_tracking != tracking:
                link.bc_inventory_tracking = tracking
                self.run.info(
                    link.sku or f"variant {link.bc_variant_id}",
                    self.env._(
                        "BigCommerce tracks this product's stock as '%(tracking)s': "
                        "the link now knows, the next update publishes it so.",
                        tracking=tracking,
                    ),
                )

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
                    "stock_date": now,
                }
            )
        self.sent += len(chunk)
        self.run.count("updated", len(chunk))
