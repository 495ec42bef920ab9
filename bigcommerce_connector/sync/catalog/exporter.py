"""List, update, unlist, unlink and remove Odoo products on BigCommerce.

One Odoo template is one BigCommerce product; each of its variants is a
BigCommerce variant whose options are the variant's attribute values (all of
them). Categories and options are sent only when a product is created:
BigCommerce's API cannot change them on an existing product without
mismatching catalog and inventory (see the seeds), so an update never sends
them. Each template runs in its own savepoint (``run.record``): one refusal
is logged and the others go on, unless the exporter is ``strict`` (one
template from a button), where the error reaches the user.
"""

from odoo import fields
from odoo.exceptions import UserError

from ...api.client import chunked
from ...api.const import PRODUCTS_PATH, VARIANTS_PATH
from ...api.errors import extract_message
from ...api.exceptions import NotFoundError, ValidationError
from .listing import ListingBuilder, has_variant_options
from .payload import (
    parse_batch_answer,
    parse_ids,
    parse_saved_product,
    parse_saved_variant,
)
from .tiers import PriceWriter

VARIANT_BATCH = 50
ID_FILTER_SIZE = 250
OPERATIONS = {
    "list": "list_templates",
    "update": "update_templates",
    "unlist": "unlist_templates",
    "unlink": "unlink_templates",
    "remove": "remove_templates",
}


class ProductExporter:
    """Writes Odoo templates to one store within a :class:`~.run.SyncRun`.

    :param store: ``bigcommerce.store`` whose product master is Odoo
    :param run: the open :class:`~.run.SyncRun` with its client
    :param strict: raise the first failure instead of logging it (one
        template pressed from a button)
    """

    def __init__(self, store, run, strict=False):
        self.store = store
        self.env = store.env
        self.run = run
        self.strict = strict
        self.Link = self.env["bigcommerce.product.link"].sudo()
        self.prices = PriceWriter(store)
        self.builder = None

    # === OPERATIONS === #

    def apply(self, operation, templates):
        """Run ``operation`` (a key of :data:`OPERATIONS`) on ``templates``."""
        return getattr(self, OPERATIONS[operation])(templates)

    def list_templates(self, templates):
        """Create each template in BigCommerce; update the ones already there."""
        self._check_master()
        self.builder = ListingBuilder(self.store)
        for template in templates:
            self._each(template, self._list_one)

    def update_templates(self, templates):
        """Send name, description, prices, weights and SKUs of listed templates."""
        self._check_master()
        self.builder = ListingBuilder(self.store)
        for template in templates:
            self._each(template, self._update_one)

    def unlist_templates(self, templates):
        """Hide each template from the storefront (``is_visible`` false)."""
        self._check_master()
        for template in templates:
            self._each(template, self._unlist_one)

    def unlink_templates(self, templates):
        """Forget the links of each template; BigCommerce is left as it is."""
        for template in templates:
            self._each(template, self._unlink_one)

    def remove_templates(self, templates):
        """Delete each template's product in BigCommerce, then its links."""
        self._check_master()
        bc_ids = set(self._links(templates).mapped("bc_product_id"))
        existing = self._existing_products(bc_ids)
        for template in templates:
            self._each(template, lambda tmpl: self._remove_one(tmpl, existing))

    # === ONE TEMPLATE === #

    def _list_one(self, template):
        links = self._links(template)
        if links:
            hidden = "hidden" in links.mapped("listing_state")
            return self._update_one(template, make_visible=hidden)
        variants = template.product_variant_ids
        problem = self.builder.listing_problem(template, variants)
        if problem:
            return self._skip(template, problem)
        prices = self.prices.current_prices(variants)
        body = self.builder.prepare_product(template, variants, prices)
        saved = parse_saved_product(self._post_product(body), created=True)
        self._create_links(template, variants, saved, prices)
        self.run.count("created")

    def _update_one(self, template, make_visible=False):
        links = self._links(template)
        bc_ids = set(links.mapped("bc_product_id"))
        if len(bc_ids) != 1:
            return self._skip(template, self._not_one_product(bc_ids))
        links = links.filtered("product_id.active")
        variants = links.product_id
        prices = self.prices.current_prices(variants)
        body = self.builder.prepare_update(template, variants, prices)
        if make_visible:
            body["is_visible"] = True
        path = f"{PRODUCTS_PATH}/{bc_ids.pop()}"
        saved = parse_saved_product(self.run.client.put(path, body))
        values = {"bc_date_modified": saved.date_modified}
        if make_visible:
            values["listing_state"] = "listed"
        links.write({k: v for k, v in values.items() if v})
        if has_variant_options(variants):
            self._update_variants(links, prices)
        else:
            self._note_prices(links, prices)
        self._warn_unlisted_variants(template, links)
        self.run.count("updated")

    def _unlist_one(self, template):
        links = self._links(template)
        if not links:
            return self._skip(template, self._not_linked())
        for bc_id in sorted(set(links.mapped("bc_product_id"))):
            self.run.client.put(f"{PRODUCTS_PATH}/{bc_id}", {"is_visible": False})
        links.write({"listing_state": "hidden"})
        self.run.count("updated")

    def _unlink_one(self, template):
        links = self._links(template)
        if not links:
            return self._skip(template, self._not_linked())
        links.unlink()
        self.run.info(
            template.display_name, self.env._("Unlinked; kept in BigCommerce.")
        )
        self.run.count("updated")

    def _remove_one(self, template, existing):
        links = self._links(template)
        if not links:
            return self._skip(template, self._not_linked())
        for bc_id in sorted(set(links.mapped("bc_product_id"))):
            if bc_id not in existing or not self._delete_product(bc_id):
                message = self.env._(
                    "BigCommerce product %s was already deleted: unlinked.", bc_id
                )
                self.run.info(template.display_name, message)
        links.unlink()
        self.run.count("updated")

    # === CALLS AND ANSWERS === #

    def _post_product(self, body):
        """Create the product; explain a refusal that asks for a category."""
        try:
            return self.run.client.post(PRODUCTS_PATH, body)
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

    def _create_links(self, template, variants, saved, prices):
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

    def _update_variants(self, links, prices):
        """PUT the linked variants 50 a call; log the ones BigCommerce refused."""
        by_id = {link.bc_variant_id: link for link in links}
        items = [
            self.builder.prepare_variant(link.product_id, prices, link.bc_variant_id)
            for link in links
        ]
        for chunk in chunked(items, VARIANT_BATCH):
            done, reasons = self._send_variants(chunk)
            for item in chunk:
                link = by_id[item["id"]]
                if item["id"] in done:
                    self._note_prices(link, prices)
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

    def _delete_product(self, bc_id):
        """DELETE one product; False when BigCommerce no longer has it."""
        try:
            self.run.client.delete(f"{PRODUCTS_PATH}/{bc_id}")
        except NotFoundError:
            return False
        return True

    def _existing_products(self, bc_ids):
        """Which of ``bc_ids`` BigCommerce still has: DELETE answers 204 anyway."""
        existing = set()
        for chunk in chunked(sorted(bc_ids), ID_FILTER_SIZE):
            params = {"id:in": ",".join(map(str, chunk)), "include_fields": "name"}
            existing.update(parse_ids(self.run.client.iter_v3(PRODUCTS_PATH, params)))
        return existing

    def _note_prices(self, links, prices):
        for link in links:
            link.write(self._price_values(prices[link.product_id.id]))

    @staticmethod
    def _price_values(price_pair):
        price, sale_price = price_pair
        return {
            "last_price": price,
            "last_sale_price": sale_price,
            "price_date": fields.Datetime.now(),
        }

    # === CHECKS AND MESSAGES === #

    def _each(self, template, operation):
        """Run ``operation(template)`` in its own savepoint, or bare when strict."""
        if self.strict:
            operation(template)
            return
        with self.run.record(template.display_name):
            operation(template)

    def _check_master(self):
        if self.store.product_master != "odoo":
            raise UserError(
                self.env._(
                    "BigCommerce is the master of product data: store %(store)s "
                    "only downloads products. Set 'Odoo is the master' in its "
                    "product settings to list, update or remove products.",
                    store=self.store.display_name,
                )
            )

    def _warn_unlisted_variants(self, template, links):
        missing = template.product_variant_ids - links.product_id
        if missing:
            self.run.warning(
                template.display_name,
                self.env._(
                    "Not in BigCommerce: %s. Options cannot be changed through the "
                    "API: remove the product from BigCommerce and list it again.",
                    ", ".join(missing.mapped("display_name")),
                ),
            )

    def _skip(self, template, reason):
        """Refuse a template: raise when strict, else log and count it."""
        if self.strict:
            raise UserError(
                self.env._(
                    "%(product)s: %(reason)s",
                    product=template.display_name,
                    reason=reason,
                )
            )
        self.run.warning(template.display_name, reason)
        self.run.count("skipped")

    def _links(self, templates):
        """The links of ``templates`` on this store, archived variants' too."""
        return self.Link.with_context(active_test=False).search(
            [("store_id", "=", self.store.id), ("product_tmpl_id", "in", templates.ids)]
        )

    def _not_linked(self):
        return self.env._("Not listed on this store.")

    def _not_one_product(self, bc_ids):
        if not bc_ids:
            return self._not_linked()
        return self.env._(
            "Linked to several BigCommerce products (%s): unlink the extra ones.",
            ", ".join(map(str, sorted(bc_ids))),
        )
