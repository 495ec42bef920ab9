from odoo import api, fields, models

from ..sync.stock.calculator import StockCalculator

TRACKING = [
    ("none", "Not tracked"),
    ("product", "By product"),
    ("variant", "By variant"),
]


class BigCommerceProductLink(models.Model):
    """Stock push of a link: whether it publishes, its own buffer, and what
    was last published (Cin7 Core's 'sync quantity' columns)."""

    _inherit = "bigcommerce.product.link"  # pylint: disable=consider-merging-classes-inherited

    stock_sync = fields.Boolean(
        "Sync Stock",
        default=True,
        help="Publish this product's stock to this store. Off: BigCommerce's "
        "stock of it is left alone.",
    )
    stock_buffer_own = fields.Boolean(
        "Own Buffer",
        help="Keep back this product's own buffer instead of the store's "
        "(0 included: nothing kept back).",
    )
    stock_buffer = fields.Float(
        "Product Buffer",
        digits="Product Unit",
        help="Kept back of this product at each location when 'Own Buffer' is on.",
    )
    stock_buffer_used = fields.Float(
        "Buffer in Force",
        digits="Product Unit",
        compute="_compute_stock_publishable",
        help="The product's own buffer, else the store's.",
    )
    stock_publishable = fields.Integer(
        "Publishable Quantity",
        compute="_compute_stock_publishable",
        help="What the next stock update would publish, summed over the "
        "store's locations.",
    )
    bc_inventory_tracking = fields.Selection(
        TRACKING,
        "Inventory Tracking",
        readonly=True,
        copy=False,
        help="How BigCommerce tracks this product's stock: a product tracked by "
        "product gets the sum of its variants. Not tracked: nothing is "
        "published. Empty: asked of BigCommerce at the next stock update.",
    )
    stock_published = fields.Json(
        "Published per Location",
        readonly=True,
        copy=False,
        help="The quantity last published at each BigCommerce location id.",
    )
    stock_published_qty = fields.Integer(
        "Last Published Quantity",
        compute="_compute_stock_published_qty",
        store=True,
        help="The quantity last published, summed over the locations.",
    )
    stock_date = fields.Datetime("Stock Published On", readonly=True, copy=False)
    stock_hidden = fields.Boolean(
        "Hidden at Zero Stock",
        readonly=True,
        copy=False,
        help="The stock update made this product invisible when its stock "
        "reached 0; it makes it visible again when stock returns.",
    )

    @api.depends("stock_published")
    def _compute_stock_published_qty(self):
        for link in self:
            link.stock_published_qty = sum((link.stock_published or {}).values())

    @api.depends(
        "stock_sync",
        "stock_buffer_own",
        "stock_buffer",
        "store_id.stock_buffer",
        "store_id.stock_formula",
    )
    @api.depends_context("uid")
    def _compute_stock_publishable(self):
        for store, links in self.grouped("store_id").items():
            quantities = StockCalculator(store.sudo()).preview(links.sudo())
            for link in links:
                buffer, quantity = quantities.get(link.id, (0.0, 0))
                link.stock_buffer_used = buffer
                link.stock_publishable = quantity
        for link in self.filtered(lambda link: not link.store_id):
            link.stock_buffer_used = 0.0
            link.stock_publishable = 0
