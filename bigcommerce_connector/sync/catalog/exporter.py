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

from odoo.exceptions import UserError

from ...api.const import PRODUCTS_PATH
from ..core.part import RunPart
from .listing import ListingBuilder, has_variant_options
from .publisher import ProductPublisher
from .tiers import PriceWriter

OPERATIONS = {
    "list": "list_templates",
    "update": "update_templates",
    "unlist": "unlist_templates",
    "unlink": "unlink_templates",
    "remove": "remove_templates",
}


class ProductExporter(RunPart):
    """Writes Odoo templates to one store within a :class:`~..core.run.SyncRun`.

    :param store: ``bigcommerce.store`` whose product master is Odoo
    :param run: the open :class:`~..core.run.SyncRun` with its client
    :param strict: raise the first failure instead of logging it (one
        template pressed from a button)
    """

    def __init__(self, store, run, strict=False):
        super().__init__(store, run)
        self.strict = strict
        self.Link = self.env["bigcommerce.product.link"].sudo()
        self.prices = PriceWriter(store)
        self.builder = None
        self.publisher = ProductPublisher(store, run)

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
        existing = self.publisher.existing_products(bc_ids)
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
        saved = self.publisher.post_product(body)
        self.publisher.create_links(template, variants, saved, prices)
        self.run.count("created")

    def _update_one(self, template, make_visible=False):
        links = self._links(template)
        bc_ids = set(links.mapped("bc_product_id"))
        if len(bc_ids) != 1:
            return self._skip(template, self._not_one_product(bc_ids))
        links = links.filtered("product_id.active")
        variants = links.product_id
        prices = self.prices.current_prices(variants)
        base_price = self.prices.template_price(template)
        body = self.builder.prepare_update(template, variants, prices, base_price)
        if make_visible:
            body["is_visible"] = True
        saved = self.publisher.put_product(bc_ids.pop(), body)
        values = {"bc_date_modified": saved.date_modified}
        if make_visible:
            values["listing_state"] = "listed"
        links.write({k: v for k, v in values.items() if v})
        if make_visible:
            links.stock_hidden = False
        if has_variant_options(variants):
            items = [self._variant_item(link, prices, base_price) for link in links]
            self.publisher.update_variants(links, items, prices)
        else:
            self.publisher.note_prices(links, prices)
        self._warn_unlisted_variants(template, links)
        self.run.count("updated")

    def _variant_item(self, link, prices, base_price):
        """The batch item of a linked variant, leaving out prices it already has.

        A price equal both to the last one BigCommerce had and to the
        product's own price is left out: a variant without a price of its own
        keeps following its product's, so a download followed by an update
        changes no price in BigCommerce. A sale price BigCommerce already has
        is left out likewise (the product's own sale price is never sent).
        """
        item = self.builder.prepare_variant(link.product_id, prices, link.bc_variant_id)
        compare = self.store.currency_id or self.store.company_id.currency_id
        price = item["price"]
        if not compare.compare_amounts(price, base_price) and not (
            compare.compare_amounts(price, link.last_price)
        ):
            del item["price"]
        sale_price = item.get("sale_price")
        if sale_price is not None and not compare.compare_amounts(
            sale_price, link.last_sale_price
        ):
            del item["sale_price"]
        return item

    def _unlist_one(self, template):
        links = self._links(template)
        if not links:
            return self._skip(template, self._not_linked())
        for bc_id in sorted(set(links.mapped("bc_product_id"))):
            self.run.client.put(f"{PRODUCTS_PATH}/{bc_id}", {"is_visible": False})
        links.write({"listing_state": "hidden", "stock_hidden": False})
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
            if bc_id not in existing or not self.publisher.delete_product(bc_id):
                message = self.env._(
                    "BigCommerce product %s was already deleted: unlinked.", bc_id
                )
                self.run.info(template.display_name, message)
        links.unlink()
        self.run.count("updated")

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
