"""Hide at zero stock (seed: Linnworks' stock visibility): the products whose
published stock is 0 are made invisible on the storefront, and visible again
when stock returns, ``PUT /v3/catalog/products`` 10 a call. A product a
person unlisted stays unlisted."""

from odoo.fields import Domain

from ...api import ValidationError, chunked
from ...api.const import BATCH_SIZES, PRODUCTS_PATH
from ..catalog.payload import parse_batch_answer
from ..core.part import RunPart

PRODUCTS_BATCH = BATCH_SIZES[PRODUCTS_PATH]
# The link fields visibility reads, in one query.
VISIBILITY_FIELDS = (
    "bc_product_id",
    "bc_inventory_tracking",
    "listing_state",
    "sku",
    "stock_hidden",
    "stock_published",
    "stock_published_qty",
    "stock_sync",
)


class StockVisibility(RunPart):
    """Shows and hides one store's products by their published stock.

    :param store: ``bigcommerce.store``, sudoed
    :param run: the open :class:`~..core.run.SyncRun`, with its client
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.Link = (
            self.env["bigcommerce.product.link"].sudo().with_context(active_test=False)
        )

    def update(self, links):
        """With 'Hide at Zero Stock', hide products whose published stock is
        0 and show those the stock update hid once stock returns; without it,
        show those it hid. A product a person unlisted stays unlisted
        (BigCommerce only hides products, not variants)."""
        hide = self.store.stock_hide_at_zero
        to_hide, to_show = [], []
        domain = Domain("store_id", "=", self.store.id) & Domain(
            "bc_product_id", "in", links.mapped("bc_product_id")
        )
        if not hide:
            # Only what it hid is the stock update's to show again.
            hidden = self.Link.search_fetch(
                domain & Domain("stock_hidden", "=", True), ["bc_product_id"]
            )
            domain &= Domain("bc_product_id", "in", hidden.mapped("bc_product_id"))
        every = self.Link.search_fetch(domain, VISIBILITY_FIELDS)
        for bc_id, product_links in every.grouped("bc_product_id").items():
            hidden_by_stock = all(product_links.mapped("stock_hidden"))
            managed = all(
                link.bc_inventory_tracking in ("product", "variant")
                and link.stock_sync
                and link.stock_published
                for link in product_links
            )
            if not (hide and managed):
                # Not (or no longer) the stock update's to hide: what it hid
                # is shown again.
                if hidden_by_stock:
                    to_show.append((bc_id, product_links))
                continue
            states = set(product_links.mapped("listing_state"))
            total = sum(product_links.mapped("stock_published_qty"))
            if total <= 0 and states == {"listed"}:
                to_hide.append((bc_id, product_links))
            elif total > 0 and hidden_by_stock:
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
