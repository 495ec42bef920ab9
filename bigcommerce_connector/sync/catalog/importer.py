"""Download products: BigCommerce products and variants to Odoo products.

Each body of a page is parsed (:mod:`.payload`) and planned
(:func:`.mapping.plan_product`) first, so the page's look-ups run once; then
each product is matched (:mod:`.resolver`) and written (:mod:`.writer`) in its
own savepoint, where a malformed body fails alone, logged with the field that
is wrong.
"""

from ...api.const import MAX_PAGE_SIZE
from ..core.importer import Importer
from ..core.paging import ProductPages
from ..core.values import PayloadError
from . import mapping
from .lookups import CatalogLookups
from .payload import modified_at, parse_product, product_reference
from .resolver import VariantResolver, skip_variant
from .tiers import PriceWriter
from .variants import ProductCatalogCache, units_of
from .writer import ProductWriter


class ProductImporter(Importer):
    """Downloads products of one store within a :class:`~..core.run.SyncRun`.

    :raises UserError: the store's weight or dimension unit is unknown
    """

    cursor_field = "download_products_after"

    def __init__(self, store, run, commit=False):
        super().__init__(store, run, commit)
        lookups = CatalogLookups(store, run, ProductCatalogCache(self.env))
        self.resolver = VariantResolver(store, run)
        self.writer = ProductWriter(
            store, run, lookups, PriceWriter(store), units_of(store)
        )

    # === RUN === #

    def download(self, full=False, page_size=MAX_PAGE_SIZE):
        """Download every product modified since the store's cursor (or all).

        :param page_size: products per call (BigCommerce's maximum is 250)
        :returns: the number of products fetched
        """
        since = None if full else self.store.download_products_after
        params = {"include": "variants,images"}
        pages = ProductPages(self.run.client, params, since, page_size)
        return self._import_pages(pages, "products")

    # === PAGE === #

    def import_page(self, products):
        """Link, create or update the products of one page, each in a savepoint.

        :param products: ``product_Full`` bodies as BigCommerce answers them
        """
        planned = [self._plan(body) for body in products]
        plans = [plan for plan in planned if not isinstance(plan, PayloadError)]
        lookups = self.resolver.look_up(plans)
        for body, plan in zip(products, planned, strict=True):
            self.run.count("fetched")
            if not isinstance(plan, PayloadError):
                self.run.count("variants", len(plan.variants))
            with self.run.record(product_reference(body)):
                if isinstance(plan, PayloadError):
                    raise plan
                self._import_product(plan, lookups)
            self.cursor.note(self._moment(body, plan), self.run.last_failed)

    @staticmethod
    def _plan(body):
        """The plan of one body, or the :class:`PayloadError` saying what is wrong.

        The error is raised again in the product's own savepoint, where it
        fails that product alone, logged with the field and its value.
        """
        try:
            return mapping.plan_product(parse_product(body))
        except PayloadError as exc:
            return exc

    @staticmethod
    def _moment(body, plan):
        """Where the cursor may move: a refused body holds it at its date."""
        if isinstance(plan, PayloadError):
            return modified_at(body)
        return plan.product.date_modified

    def _import_product(self, plan, lookups):
        for variant_plan in plan.skipped:
            skip_variant(self.run, variant_plan, variant_plan.skip_reason)
        resolution = self.resolver.resolve(plan, lookups)
        created = self.writer.create_missing(plan, resolution)
        if not resolution.found and not created:
            return
        self.writer.update(plan, resolution.found, created)
        self.writer.write_links(plan, {**resolution.found, **created}, lookups)
