"""What a downloaded template points at in Odoo: category, tags and taxes.

BigCommerce gives ids (categories, brand, tax class); Odoo needs records.
Each kind is read once per run (the brands in one call when first needed).
"""

from odoo import Command

from ...api.const import BRANDS_PATH
from ..core.values import PayloadError
from . import mapping
from .lists import refresh_categories
from .payload import parse_one_named


class CatalogLookups:
    """The Odoo records of BigCommerce's categories, brands and tax classes.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    :param cache: the run's :class:`~.variants.ProductCatalogCache`
    """

    def __init__(self, store, run, cache):
        self.store = store
        self.run = run
        self.cache = cache
        self._brand_names = None
        self._category_parents = None
        self._categories = {}
        self._categories_refreshed = False
        self._taxes = {m.bc_tax_class_id: m.tax_ids for m in store.tax_map_ids}

    def relational_values(self, product):
        """Category, tags (brand and keywords) and taxes of a template.

        :param product: a :class:`~.payload.Product`
        """
        values = {}
        root = self.root_category(product)
        if root:
            values["categ_id"] = self.cache.odoo_category(root).id
        tag_names = [*self.brand_names(product), *mapping.keywords(product)]
        if tag_names:
            values["product_tag_ids"] = [Command.set(self.cache.tags(tag_names).ids)]
        taxes = self._taxes.get(product.tax_class_id)
        if taxes:
            values["taxes_id"] = [Command.set(taxes.ids)]
        return values

    def root_category(self, product):
        """The ``bigcommerce.category`` at the root of the product's first category.

        Categories unknown to Odoo are refreshed once per run: the merchant
        may have created them since the last refresh.
        """
        if self._category_parents is None:
            self._load_categories()
        unknown = any(c not in self._category_parents for c in product.categories)
        if unknown and not self._categories_refreshed:
            refresh_categories(self.store, self.run, counting=False)
            self._categories_refreshed = True
            self._load_categories()
        root = mapping.root_category(product.categories, self._category_parents)
        return self._categories.get(root) if root else None

    def _load_categories(self):
        categories = self.store.category_ids
        self._category_parents = {c.bc_category_id: c.bc_parent_id for c in categories}
        self._categories = {c.bc_category_id: c for c in categories}

    def _load_brand_names(self):
        """Brand id -> name, read once per run; an unreadable row is left out.

        A bad row costs its brand's tag only, never the products of the page.
        """
        names = {}
        brands = self.run.client.iter_v3(BRANDS_PATH, {"include_fields": "name"})
        for index, body in enumerate(brands):
            try:
                brand = parse_one_named(body, f"brands[{index}]")
            except PayloadError as exc:
                self.run.warning(None, f"Brand not read: {exc.message}.")
                continue
            names[brand.id] = brand.name
        return names

    def brand_names(self, product):
        """The name of the product's brand, as a list of zero or one tag name."""
        if not product.brand_id:
            return []
        if self._brand_names is None:
            self._brand_names = self._load_brand_names()
        name = self._brand_names.get(product.brand_id)
        return [name] if name else []
