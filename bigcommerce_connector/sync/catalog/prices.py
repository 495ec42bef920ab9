"""Push prices: the regular and sale price of linked variants to BigCommerce.

Only variants whose prices differ from the last ones sent are sent, 50 a
call (``PUT /v3/catalog/variants``). A "recently modified" push first narrows
the links to those whose prices may have changed since the store's cursor:
the product or its template was written, a pricelist rule that reaches them
was written, started or ended, or a variant's extra price was written.
"""

from datetime import timedelta

from odoo import fields
from odoo.fields import Domain
from odoo.tools import float_compare

from ...api import BigCommerceError, ValidationError, chunked
from ...api.const import BATCH_SIZES, VARIANTS_PATH
from ..core.part import RunPart
from .payload import parse_batch_answer
from .tiers import PriceWriter

# A change committed by a transaction that started before our run but ended
# after it read the prices carries a write date before the cursor. Looking a
# little further back costs computing, never API calls (unchanged prices are
# not sent).
CURSOR_OVERLAP = timedelta(minutes=5)

# How deep "Other Pricelist" rules are followed to find the pricelists that
# feed the store's two price tiers.
MAX_PRICELIST_DEPTH = 5


class PriceExporter(RunPart):
    """Sends the prices of one store's linked variants within a :class:`SyncRun`.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.writer = PriceWriter(store)
        self.currency = (
            store.currency_id
            or store.regular_pricelist_id.currency_id
            or store.company_id.currency_id
        )
        self.started = run.log.date_start or fields.Datetime.now()
        self.Link = self.env["bigcommerce.product.link"].sudo()
        self.sent = 0
        self.failed = 0

    # === RUN === #

    def push(self, since=None):
        """Send the prices that differ from the last ones sent.

        :param since: consider only links whose prices may have changed since
            this moment (the store's 'Update Pricing After'); None: every link
        :returns: the number of prices BigCommerce accepted
        """
        links = self.candidates(since)
        changes = self.changes(links)
        self.run.info(
            None,
            self.env._(
                "%(links)s linked variants considered, %(changes)s with new prices.",
                links=len(links),
                changes=len(changes),
            ),
        )
        try:
            self.send(changes)
        except BigCommerceError as exc:
            self.run.abort(
                self.env._(
                    "Stopped after %(sent)s prices: %(reason)s Run the update "
                    "again to send the others.",
                    sent=self.sent,
                    reason=exc.message,
                )
            )
        if not self.failed and not self.run.aborted:
            self.store.sudo().update_pricing_after = self.started
        return self.sent

    # === WHICH LINKS === #

    def candidates(self, since=None):
        """The store's active links whose prices may have changed since ``since``."""
        domain = Domain("store_id", "=", self.store.id)
        if since:
            domain &= self._changed_domain(since - CURSOR_OVERLAP)
        return self.Link.search(domain, order="id")

    def _changed_domain(self, since):
        """Links touched by a change after ``since``; TRUE when a rule reaches all."""
        rules = self._changed_rules(since)
        if rules is True:
            return Domain.TRUE
        return Domain.OR(
            [
                Domain("product_id.write_date", ">=", since),
                Domain("product_tmpl_id.write_date", ">=", since),
                Domain(
                    "product_id.product_template_attribute_value_ids.write_date",
                    ">=",
                    since,
                ),
                Domain("product_id", "in", rules.product_id.ids),
                Domain("product_tmpl_id", "in", rules.product_tmpl_id.ids),
            ]
        )

    def _changed_rules(self, since):
        """Rules of the store's pricelists whose effect may have changed.

        :returns: ``product.pricelist.item`` on products and templates, or
            True when a pricelist itself, a category rule or a global rule
            changed (a deleted rule only shows on its pricelist's write date)
        """
        Item = self.env["product.pricelist.item"].sudo()
        pricelists = self._pricelists()
        if not pricelists:
            return Item
        if any(pricelist.write_date >= since for pricelist in pricelists):
            return True
        rules = Item.search(
            Domain("pricelist_id", "in", pricelists.ids)
            & Domain.OR(
                [
                    Domain("write_date", ">=", since),
                    self._between("date_start", since),
                    self._between("date_end", since),
                ]
            )
        )
        if any(r.applied_on in ("3_global", "2_product_category") for r in rules):
            return True
        return rules

    def _between(self, field, since):
        """Rules that started or ended between ``since`` and this run's start."""
        return Domain(field, ">=", since) & Domain(field, "<=", self.started)

    def _pricelists(self):
        """The store's two price tiers and the pricelists their rules build on."""
        store = self.store.sudo()
        pricelists = store.regular_pricelist_id | store.sale_pricelist_id
        level = pricelists
        for _depth in range(MAX_PRICELIST_DEPTH):
            rules = level.item_ids.filtered(lambda rule: rule.base == "pricelist")
            level = rules.base_pricelist_id - pricelists
            if not level:
                break
            pricelists |= level
        return pricelists

    # === WHICH PRICES === #

    def changes(self, links):
        """The links whose current prices differ from the last ones sent.

        :returns: list of ``(link, price, sale_price)``, rounded to the
            store's currency; a sale price not below the price is 0 (none),
            and None without a sale price tier (BigCommerce's is kept)
        """
        if not links:
            return []
        prices = self.writer.current_prices(links.product_id)
        changes = []
        for link in links:
            price, sale_price = prices[link.product_id.id]
            price, sale_price = self._rounded(price, sale_price)
            if self._compare(price, link.last_price) or (
                sale_price is not None
                and self._compare(sale_price, link.last_sale_price)
            ):
                changes.append((link, price, sale_price))
        return changes

    def _rounded(self, price, sale_price):
        price = self.currency.round(price)
        if sale_price is None:
            return price, None
        sale_price = self.currency.round(sale_price)
        if self._compare(sale_price, price) >= 0:
            sale_price = 0.0
        return price, sale_price

    def _compare(self, value, other):
        """float_compare at the currency's precision: -1, 0 or 1."""
        return float_compare(value, other, precision_rounding=self.currency.rounding)

    # === SEND === #

    def send(self, changes):
        """``PUT /v3/catalog/variants`` 50 at a time; record what BigCommerce took.

        A chunk BigCommerce refuses as a whole (422) is logged item by item
        and the next chunk goes on; other errors (network, server, quota)
        stop the push, keeping what BigCommerce already took.

        :raises BigCommerceError: anything but a refused chunk
        """
        valid = [change for change in changes if self._valid(change)]
        by_variant = {link.bc_variant_id: (link, p, s) for link, p, s in valid}
        items = [
            {"id": link.bc_variant_id, "price": price}
            | ({} if sale_price is None else {"sale_price": sale_price})
            for link, price, sale_price in valid
        ]
        client = self.run.client
        for chunk in chunked(items, BATCH_SIZES[VARIANTS_PATH]):
            # One request per chunk rather than client.batch(): a refused
            # chunk raises, and a generator cannot go on after raising.
            try:
                status, body = client.request("PUT", VARIANTS_PATH, json_body=chunk)
            except ValidationError as exc:
                self._chunk_refused(chunk, by_variant, exc)
                continue
            self._chunk_answered(chunk, by_variant, status, body)

    def _valid(self, change):
        link, price, sale_price = change
        if price >= 0 and (sale_price or 0) >= 0:
            return True
        self._fail(
            link,
            self.env._(
                "Price %(price)s / sale price %(sale)s not sent: BigCommerce "
                "accepts no negative price.",
                price=price,
                sale=sale_price,
            ),
        )
        return False

    def _chunk_answered(self, chunk, by_variant, status, body):
        """Record a 200 (all taken) or a 207 (successes in data, failures in errors)."""
        if status != 207:
            self._record_sent([by_variant[item["id"]] for item in chunk])
            return
        answer = parse_batch_answer(body)
        self._record_sent(
            [by_variant[item["id"]] for item in chunk if item["id"] in answer.ids]
        )
        refused = [item for item in chunk if item["id"] not in answer.ids]
        self._log_failures(refused, by_variant, answer.errors, "")

    def _chunk_refused(self, chunk, by_variant, exc):
        """Log each item of a chunk BigCommerce refused as a whole."""
        answer = parse_batch_answer(exc.body)
        self._log_failures(chunk, by_variant, answer.errors, exc.message)

    def _log_failures(self, items, by_variant, errors, default):
        """One error line per refused item, with BigCommerce's reason.

        BigCommerce lists the errors in the order of the refused items but
        without their ids: they are paired only when the counts agree.
        """
        if len(errors) != len(items):
            errors = [None] * len(items)
        for item, error in zip(items, errors, strict=True):
            reason = error_reason(error) or default or self.env._("no reason given")
            self._fail(
                by_variant[item["id"]][0],
                self.env._("Price not updated: %(reason)s", reason=reason),
            )

    def _fail(self, link, message):
        self.failed += 1
        self.run.count("failed")
        self.run.error(link.sku or f"variant {link.bc_variant_id}", message)

    def _record_sent(self, sent):
        """Remember the prices BigCommerce took (one UPDATE at flush)."""
        now = fields.Datetime.now()
        for link, price, sale_price in sent:
            values = {"last_price": price, "price_date": now}
            if sale_price is not None:
                values["last_sale_price"] = sale_price
            link.write(values)
        self.sent += len(sent)
        self.run.count("updated", len(sent))


def error_reason(error):
    """BigCommerce's words for one batch error item ``{status, title, errors}``."""
    if not isinstance(error, dict):
        return ""
    title = str(error.get("title") or "")
    details = error.get("errors")
    if isinstance(details, dict) and details:
        text = "; ".join(f"{key}: {value}" for key, value in details.items())
        return f"{title} ({text})" if title else text
    return title
