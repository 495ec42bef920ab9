"""Download products: BigCommerce products and variants to Odoo products.

Matching before creating, per variant: an existing link by BigCommerce variant
id, then an Odoo product whose internal reference equals the SKU, else create
(unless the store links only). Ambiguity is logged, never guessed.
"""

import logging
from datetime import UTC

from odoo import Command

from ...api.const import BRANDS_PATH, MAX_PAGE_SIZE, PRODUCTS_PATH
from ..core.importer import Importer
from ..core.values import parse_datetime
from . import mapping
from .lists import refresh_categories
from .tiers import PriceWriter
from .variants import (
    ProductCatalogCache,
    attribute_lines,
    create_variants,
    extend_attribute_lines,
    fetch_image,
    template_options,
    units_of,
)

_logger = logging.getLogger(__name__)


class ProductImporter(Importer):
    """Downloads products of one store within a :class:`~..core.run.SyncRun`."""

    cursor_field = "download_products_after"

    def __init__(self, store, run, commit=False):
        super().__init__(store, run, commit)
        self.cache = ProductCatalogCache(self.env)
        self.prices = PriceWriter(store)
        self.units = units_of(store)
        self.Link = self.env["bigcommerce.product.link"].sudo()
        self._seen_skus = {}
        self._brands = None
        self._category_parents = None
        self._categories = {}
        self._categories_refreshed = False
        self._tax_map = {m.bc_tax_class_id: m.tax_ids for m in store.tax_map_ids}

    # === RUN === #

    def download(self, full=False, page_size=MAX_PAGE_SIZE):
        """Download every product modified since the store's cursor (or all).

        :param page_size: products per call (BigCommerce's maximum is 250)
        :returns: the number of products fetched
        """
        client = self.run.client
        params = {
            "include": "variants,images",
            "sort": "date_modified",
            "direction": "asc",
        }
        cursor = self.store.download_products_after
        if cursor and not full:
            params["date_modified:min"] = cursor.replace(tzinfo=UTC).isoformat()
        pages = client.iter_v3_pages(PRODUCTS_PATH, params, limit=page_size)
        return self._import_pages(pages, "products")

    # === PAGE === #

    def import_page(self, products):
        """Link, create or update the products of one page, each in a savepoint."""
        plans = [mapping.plan_product(product) for product in products]
        duplicates = mapping.duplicate_skus(plans) | self._cross_page_duplicates(plans)
        context = self._prefetch(plans)
        for plan in plans:
            product = plan.product
            self.run.count("fetched")
            moment = parse_datetime(product.get("date_modified"))
            with self.run.record(f"product {product.get('id')}"):
                self._import_product(plan, duplicates, context)
            self.cursor.note(moment, self.run.last_failed)

    def _cross_page_duplicates(self, plans):
        duplicates = set()
        for plan in plans:
            for variant_plan in plan.valid:
                variant_id = variant_plan.variant.get("id")
                other = self._seen_skus.setdefault(variant_plan.sku, variant_id)
                if other != variant_id:
                    duplicates.add(variant_plan.sku)
        return duplicates

    def _prefetch(self, plans):
        variant_ids = [vp.variant.get("id") for p in plans for vp in p.valid]
        skus = [vp.sku for p in plans for vp in p.valid]
        links = self.Link.search(
            [("store_id", "=", self.store.id), ("bc_variant_id", "in", variant_ids)]
        )
        by_sku = {}
        for product in self.env["product.product"].search(
            [("default_code", "in", skus)]
        ):
            by_sku.setdefault(product.default_code, self.env["product.product"])
            by_sku[product.default_code] |= product
        matched = [p.id for products in by_sku.values() for p in products]
        linked = self.Link.search(
            [("store_id", "=", self.store.id), ("product_id", "in", matched)]
        )
        return {
            "links": {link.bc_variant_id: link for link in links},
            "by_sku": by_sku,
            "linked_products": {link.product_id.id: link for link in linked},
        }

    # === PRODUCT === #

    def _import_product(self, plan, duplicates, context):
        for variant_plan in plan.skipped:
            self._skip(variant_plan, variant_plan.skip_reason)
        resolved, to_create = self._resolve(plan, duplicates, context)
        created = self._create_missing(plan, resolved, to_create)
        if not resolved and not created:
            return
        self._update(plan, resolved, created)
        self._write_links(plan, {**resolved, **created}, context)

    def _skip(self, variant_plan, reason):
        self.run.count("skipped")
        self.run.warning(
            variant_plan.sku or f"variant {variant_plan.variant.get('id')}",
            f"Not linked: {reason}.",
        )

    def _resolve(self, plan, duplicates, context):
        """Odoo products of the variants already linked or matched by SKU."""
        resolved, to_create = {}, []
        for index, variant_plan in enumerate(plan.variants):
            if variant_plan.skip_reason:
                continue
            if variant_plan.sku in duplicates:
                self._skip(variant_plan, "another BigCommerce variant has the same SKU")
                continue
            link = context["links"].get(variant_plan.variant.get("id"))
            if link:
                resolved[index] = link.product_id
                continue
            candidates = context["by_sku"].get(variant_plan.sku)
            if not candidates:
                to_create.append(index)
            elif len(candidates) > 1:
                self._skip(
                    variant_plan, "several Odoo products have this internal reference"
                )
            elif candidates.id in context["linked_products"]:
                self._skip(
                    variant_plan,
                    "the Odoo product with this internal reference "
                    "is linked to another BigCommerce variant",
                )
            else:
                resolved[index] = candidates
        return resolved, to_create

    def _create_missing(self, plan, resolved, to_create):
        """Create the products of unmatched variants; returns index -> product."""
        if not to_create:
            return {}
        plans = [plan.variants[index] for index in to_create]
        if self.store.product_link_only:
            for variant_plan in plans:
                self._skip(
                    variant_plan,
                    "no Odoo product has this internal reference "
                    "and the store links only",
                )
            return {}
        template = self._home_template(plan, resolved)
        if template is False:
            for variant_plan in plans:
                self._skip(
                    variant_plan,
                    "the other variants of this product are on "
                    "Odoo products that cannot take this variant's options",
                )
            return {}
        if not template:
            template = self._create_template(plan, plans)
        elif plan.option_names:
            extend_attribute_lines(self.cache, template, plans)
        if not plan.option_names:
            return {to_create[0]: template.product_variant_id}
        products = create_variants(template, plans)
        self.run.count("created", len(products))
        return {to_create[i]: product for i, product in products.items()}

    def _home_template(self, plan, resolved):
        """The template new variants join: None to create one, False if impossible."""
        templates = {product.product_tmpl_id for product in resolved.values()}
        if not templates:
            return None
        if not plan.option_names or len(templates) > 1:
            return False
        template = templates.pop()
        options = template_options(template)
        return template if options == set(plan.option_names) else False

    def _create_template(self, plan, variant_plans):
        values = mapping.template_values(plan.product, self.units)
        values.update(self._relational_values(plan.product))
        if plan.option_names:
            values["attribute_line_ids"] = attribute_lines(
                self.cache, plan.option_names, variant_plans
            )
        template = self.env["product.template"].create(values)
        if not plan.option_names:
            self.run.count("created")
        return template

    def _relational_values(self, product):
        values = {}
        root = self._root_category(product)
        if root:
            values["categ_id"] = self.cache.odoo_category(root).id
        tag_names = [*self._brand_names(product), *mapping.keywords(product)]
        if tag_names:
            values["product_tag_ids"] = [Command.set(self.cache.tags(tag_names).ids)]
        taxes = self._tax_map.get(product.get("tax_class_id"))
        if taxes:
            values["taxes_id"] = [Command.set(taxes.ids)]
        return values

    # === UPDATE === #

    def _update(self, plan, resolved, created):
        """Write BigCommerce's values where BigCommerce is the source."""
        product = plan.product
        master = self.store.product_master == "bigcommerce"
        templates = {p.product_tmpl_id for p in created.values()}
        if master:
            templates |= {p.product_tmpl_id for p in resolved.values()}
            for template in templates - {p.product_tmpl_id for p in created.values()}:
                values = mapping.template_values(product, self.units)
                values.update(self._relational_values(product))
                template.write(values)
                self.run.count("updated")
        touched = {**created, **(resolved if master else {})}
        for index, odoo_product in touched.items():
            variant = plan.variants[index].variant
            values = mapping.variant_values(product, variant, self.units)
            self._add_barcode(values, odoo_product, product, variant)
            odoo_product.write(values)
            self.prices.write_downloaded(
                odoo_product, *mapping.effective_prices(product, variant)
            )
        if self.store.download_product_images:
            self._download_images(plan, touched)

    def _add_barcode(self, values, odoo_product, product, variant):
        barcode = mapping.barcode_of(product, variant)
        if not barcode or barcode == odoo_product.barcode:
            return
        taken = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search_count(
                [("barcode", "=", barcode), ("id", "!=", odoo_product.id)], limit=1
            )
        )
        if taken:
            self.run.warning(
                variant.get("sku"),
                f"Barcode {barcode} not set: another Odoo product has it.",
            )
        else:
            values["barcode"] = barcode

    def _download_images(self, plan, touched):
        images = plan.product.get("images") or []
        main = next(
            (i for i in images if i.get("is_thumbnail")), images[0] if images else None
        )
        for template in {p.product_tmpl_id for p in touched.values()}:
            if main and not template.image_1920:
                data = fetch_image(main.get("url_standard") or main.get("url_zoom"))
                if data:
                    template.image_1920 = data
        for index, odoo_product in touched.items():
            url = plan.variants[index].variant.get("image_url")
            if url and plan.option_names and not odoo_product.image_variant_1920:
                data = fetch_image(url)
                if data:
                    odoo_product.image_variant_1920 = data

    def _write_links(self, plan, products, context):
        product = plan.product
        state = "listed" if product.get("is_visible", True) else "hidden"
        moment = parse_datetime(product.get("date_modified"))
        to_create = []
        for index, odoo_product in products.items():
            variant = plan.variants[index].variant
            price, sale_price = mapping.effective_prices(product, variant)
            values = {
                "bc_product_id": product["id"],
                "sku": plan.variants[index].sku,
                "listing_state": state,
                "bc_date_modified": moment,
                "last_price": price,
                "last_sale_price": sale_price,
            }
            link = context["links"].get(variant["id"])
            if link:
                link.write(values)
            else:
                to_create.append(
                    dict(
                        values,
                        store_id=self.store.id,
                        bc_variant_id=variant["id"],
                        product_id=odoo_product.id,
                    )
                )
        if to_create:
            for link in self.Link.create(to_create):
                context["links"][link.bc_variant_id] = link
                context["linked_products"][link.product_id.id] = link

    # === LOOK-UPS === #

    def _root_category(self, product):
        category_ids = product.get("categories") or []
        if self._category_parents is None:
            self._load_categories()
        unknown = any(c not in self._category_parents for c in category_ids)
        if unknown and not self._categories_refreshed:
            # Categories created in BigCommerce since the last refresh.
            refresh_categories(self.store, self.run, counting=False)
            self._categories_refreshed = True
            self._load_categories()
        root = mapping.root_category(category_ids, self._category_parents)
        return self._categories.get(root) if root else None

    def _load_categories(self):
        categories = self.store.category_ids
        self._category_parents = {c.bc_category_id: c.bc_parent_id for c in categories}
        self._categories = {c.bc_category_id: c for c in categories}

    def _brand_names(self, product):
        brand_id = product.get("brand_id")
        if not brand_id:
            return []
        if self._brands is None:
            self._brands = {
                brand["id"]: brand.get("name")
                for brand in self.run.client.iter_v3(
                    BRANDS_PATH, {"include_fields": "name"}
                )
            }
        name = self._brands.get(brand_id)
        return [name] if name else []
