"""The calls that write Odoo templates to BigCommerce, and what their answers say.

Used by :class:`~.exporter.ProductExporter`: create, update and delete
products, push variants 50 a call, and record the links and prices that
BigCommerce's answers (read by :mod:`.payload`) confirm.
"""

from odoo import fields
from odoo.exceptions import UserError

from ...api.client import chunked
from ...api.const import BATCH_SIZES, MAX_PAGE_SIZE, PRODUCTS_PATH, VARIANTS_PATH
from ...api.errors import extract_message
from ...api.exceptions import NotFoundError, ValidationError
from ..core.part import RunPart
from .payload import (
    parse_batch_answer,
    parse_ids,
    parse_saved_product,
    parse_saved_variant,
)

VARIANT_BATCH = BATCH_SIZES[VARIANTS_PATH]
# Ids per `id:in` filter: as many as one page can answer.
ID_FILTER_SIZE = MAX_PAGE_SIZE


class ProductPublisher(RunPart):
    """BigCommerce's catalog calls of an export, and the links they confirm.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.Link = self.env["bigcommerce.product.link"].sudo()

    def post_product(self, body):
        """Create the product; explain a refusal that asks for a category.

        :returns: the :class:`~.payload.SavedProduct` BigCommerce answered
        """
        try:
            answer = self.run.client.post(PRODUCTS_PATH, body)
        except ValidationError as exc:
            if "categories" in exc.errors and not self.store.default_category_id:
                raise UserError(
                    self.env._(
                        "Store %(store)s requires a category for new products: "
                        "choose a Default Category in its product settings "
                        "(press Refresh Categories first). BigCommerce said: "
                        "%(reason)s",
                        store=self.store.display_name,
                        reason=exc.message,
                    )
                ) from exc
            raise
        return parse_saved_product(answer, created=True)

    def put_product(self, bc_product_id, body):
        """Update one product; returns the :class:`~.payload.SavedProduct`."""
        path = f"{PRODUCTS_PATH}/{bc_product_id}"
        return parse_saved_product(self.run.client.put(path, body))

    def create_links(self, template, variants, saved, prices):
        """One link per answered variant, matched to Odoo by SKU.

        :param saved: the :class:`~.payload.SavedProduct` BigCommerce answered
        """
        by_sku = {(v.default_code or "").strip(): v for v in variants}
        state = "hidden" if self.store.list_as_draft else "listed"
        values = []
        for bc_variant in saved.variants or self._saved_variants(saved.id):
            product = by_sku.pop(bc_variant.sku, None)
            if product is None:
                continue
            values.append(
                {
                    "store_id": self.store.id,
                    "product_id": product.id,
                    "bc_product_id": saved.id,
                    "bc_variant_id": bc_variant.id,
                    "sku": bc_variant.sku,
                    "listing_state": state,
                    "bc_date_modified": saved.date_modified,
                    **self._price_values(prices[product.id]),
                }
            )
        self.Link.create(values)
        for sku in by_sku:
            self.run.warning(
                sku, self.env._("BigCommerce answered no variant with it.")
            )

    def _saved_variants(self, bc_product_id):
        """The variants of a new product, when the POST answer lacks them."""
        path = f"{PRODUCTS_PATH}/{bc_product_id}/variants"
        return [
            parse_saved_variant(body, f"variants[{index}].")
            for index, body in enumerate(self.run.client.iter_v3(path))
        ]

    def update_variants(self, links, items, prices):
        """PUT the linked variants 50 a call; log the ones BigCommerce refused.

        :param items: one batch item per link, with its BigCommerce ``id``
        :param prices: product id -> ``(price, sale_price)`` in the items
        """
        by_id = {link.bc_variant_id: link for link in links}
        for chunk in chunked(items, VARIANT_BATCH):
            done, reasons = self._send_variants(chunk)
            for item in chunk:
                link = by_id[item["id"]]
                if item["id"] in done:
                    self.note_prices(link, prices)
                else:
                    self.run.count("failed")
                    self.run.error(link.sku, reasons)

    def _send_variants(self, chunk):
        """PUT one chunk; return the ids BigCommerce updated and why others failed.

        A 207 lists successes in ``data`` and failures in ``errors``; a 422
        (every item refused) lists them in ``batch_errors``.
        """
        try:
            for _chunk, _status, body in self.run.client.batch(
                "PUT", VARIANTS_PATH, chunk, batch_size=VARIANT_BATCH
            ):
                answer = parse_batch_answer(body)
                return answer.ids, self._batch_reasons(answer.errors)
        except ValidationError as exc:
            answer = parse_batch_answer(exc.body)
            return set(), self._batch_reasons(answer.errors, exc.message)
        return set(), ""

    def _batch_reasons(self, errors, fallback=""):
        """BigCommerce's messages of a 207 ``errors`` or 422 ``batch_errors``."""
        messages = []
        for item in errors:
            title, details = extract_message(item)
            details = "; ".join(f"{k}: {v}" for k, v in details.items())
            messages.append(f"{title} ({details})" if details else title)
        return " | ".join(filter(None, messages)) or fallback or "refused"

    def delete_product(self, bc_id):
        """DELETE one product; False when BigCommerce no longer has it."""
        try:
            self.run.client.delete(f"{PRODUCTS_PATH}/{bc_id}")
        except NotFoundError:
            return False
        return True

    def existing_products(self, bc_ids):
        """Which of ``bc_ids`` BigCommerce still has: DELETE answers 204 anyway."""
        existing = set()
        for chunk in chunked(sorted(bc_ids), ID_FILTER_SIZE):
            params = {"id:in": ",".join(map(str, chunk)), "include_fields": "name"}
            existing.update(parse_ids(self.run.client.iter_v3(PRODUCTS_PATH, params)))
        return existing

    def note_prices(self, links, prices):
        """Remember the prices BigCommerce now has for ``links``."""
        for link in links:
            link.write(self._price_values(prices[link.product_id.id]))

    @staticmethod
    def _price_values(price_pair):
        """Link values of sent prices; a sale price of None was not sent."""
        price, sale_price = price_pair
        values = {"last_price": price, "price_date": fields.Datetime.now()}
        if sale_price is not None:
            values["last_sale_price"] = sale_price
        return values
