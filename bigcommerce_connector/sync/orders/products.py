"""The Odoo products of order lines: by variant link, then by a unique SKU.

Looked up a page of orders at a time; products Odoo does not know yet are
downloaded from BigCommerce for the whole page at once.
"""

from odoo.exceptions import UserError

from ...api import BigCommerceError, chunked
from ...api.const import MAX_PAGE_SIZE, PRODUCTS_PATH
from ..catalog.importer import ProductImporter
from ..core.part import RunPart
from ..core.run import ChildRun


class LineProducts(RunPart):
    """Finds the products of :class:`~.mapping.OrderLine` objects for one run.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self._by_variant = {}  # BigCommerce variant id -> product.product
        self._by_sku = {}  # SKU -> [product.product]

    def forget(self):
        """Drop what was looked up: products may have been created since."""
        self._by_variant, self._by_sku = {}, {}

    def find(self, lines):
        """Odoo products of ``lines``: dict line index -> product (or None)."""
        unknown = [
            line
            for line in lines
            if line.variant_id not in self._by_variant and line.sku not in self._by_sku
        ]
        if unknown:
            self._load(unknown)
        result = {}
        for index, line in enumerate(lines):
            product = self._by_variant.get(line.variant_id)
            if not product and len(self._by_sku.get(line.sku) or []) == 1:
                product = self._by_sku[line.sku][0]
            result[index] = product
        return result

    def _load(self, lines):
        """Look up the links and SKUs of ``lines`` in two queries, remembered."""
        Link = self.env["bigcommerce.product.link"].sudo()
        variant_ids = {line.variant_id for line in lines if line.variant_id}
        for link in Link.search(
            [
                ("store_id", "=", self.store.id),
                ("bc_variant_id", "in", list(variant_ids)),
            ]
        ):
            self._by_variant[link.bc_variant_id] = link.product_id
        skus = {line.sku for line in lines if line.sku}
        for sku in skus:
            self._by_sku.setdefault(sku, [])
        # The flow runs as superuser: only this store's company's products.
        for product in self.env["product.product"].search(
            [
                ("default_code", "in", list(skus)),
                ("company_id", "in", [False, self.store.company_id.id]),
            ]
        ):
            if product not in self._by_sku[product.default_code]:
                self._by_sku[product.default_code].append(product)

    def download_missing(self, lines):
        """Download from BigCommerce the products of lines Odoo does not know.

        One call per 250 missing products for the whole page of orders; their
        lines then find them like any other. Products the store cannot create
        (link only, unknown units) stay missing: their lines are service lines.
        """
        self.forget()  # fresh per page: products may be new
        found = self.find(lines)
        missing = sorted(
            {
                line.item.product_id
                for index, line in enumerate(lines)
                if not found[index] and line.item.product_id
            }
        )
        if not missing:
            return
        try:
            importer = ProductImporter(self.store, ChildRun(self.run))
        except UserError as exc:
            self.run.warning(None, f"Products of order lines not downloaded: {exc}")
            return
        try:
            self._fetch(importer, missing)
        except BigCommerceError as exc:
            # The orders matter more than their products: lines whose product
            # could not be fetched are service lines, each named on its order.
            self.run.warning(None, f"Products of order lines not downloaded: {exc}")
        self.forget()  # look again: the new links count now
        created = importer.run.counts["created"]
        if created:
            self.run.info(None, f"{created} product(s) downloaded for order lines.")

    def _fetch(self, importer, product_ids):
        """Download the products of ``product_ids``, 250 a call."""
        for chunk in chunked(product_ids, MAX_PAGE_SIZE):
            params = {"id:in": ",".join(map(str, chunk)), "include": "variants"}
            for page in self.run.client.iter_v3_pages(PRODUCTS_PATH, params):
                importer.import_page(page)
