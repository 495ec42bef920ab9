from odoo import api, fields, models

from ..sync.catalog.importer import ProductImporter
from ..sync.catalog.lists import load_tax_classes, refresh_categories


class BigCommerceStore(models.Model):
    """Product settings of the store, grouped as the seeds group them."""

    _inherit = "bigcommerce.store"

    product_sync = fields.Boolean(
        "Products",
        help="Synchronise products with this store: download them, and list them "
        "when Odoo is the master of product data.",
    )
    product_master = fields.Selection(
        [
            ("bigcommerce", "BigCommerce is the master (download only)"),
            ("odoo", "Odoo is the master (upload allowed)"),
        ],
        default="bigcommerce",
        required=True,
        help="BigCommerce is the master: products are downloaded and updated "
        "from BigCommerce; nothing is uploaded. Odoo is the master: products "
        "are listed and updated from Odoo, and a download links and creates "
        "products without overwriting what Odoo already has.",
    )
    download_products_after = fields.Datetime(
        copy=False,
        help="Products modified in BigCommerce before this moment are not "
        "downloaded again. Moves forward after each download, only past "
        "products that were saved. Empty: download everything.",
    )
    auto_download_products = fields.Boolean(
        "Download Products Automatically",
        help="Download new and modified products with the scheduled action.",
    )
    download_product_images = fields.Boolean(
        help="Download the BigCommerce images of products that have no image in "
        "Odoo. Images already in Odoo are never replaced or deleted.",
    )
    product_link_only = fields.Boolean(
        "Link Only, Never Create",
        help="Only link BigCommerce variants to Odoo products with the same "
        "internal reference (SKU); never create products. Unmatched variants "
        "are logged.",
    )
    default_category_id = fields.Many2one(
        "bigcommerce.category",
        domain="[('store_id', '=', id)]",
        help="The BigCommerce category of products listed from Odoo. Press "
        "'Refresh Categories' when the list is incomplete.",
    )
    list_as_draft = fields.Boolean(
        "List Products as Draft",
        help="List new products hidden from the storefront, to review them in "
        "BigCommerce before making them visible.",
    )
    regular_pricelist_id = fields.Many2one(
        "product.pricelist",
        "Regular Price Tier",
        help="BigCommerce's regular price comes from and goes to this pricelist. "
        "Empty: the product's Sales Price.",
    )
    sale_pricelist_id = fields.Many2one(
        "product.pricelist",
        "Sale Price Tier",
        help="BigCommerce's sale (special) price comes from and goes to this "
        "pricelist. Empty: sale prices are not synchronised.",
    )
    update_pricing = fields.Boolean(
        help="Send regular and sale prices of linked products to BigCommerce, "
        "with the button or the scheduled action.",
    )
    update_pricing_after = fields.Datetime(
        copy=False,
        help="Price changes made in Odoo before this moment are not sent again "
        "by 'Update Recently Modified Prices'.",
    )
    tax_map_ids = fields.One2many("bigcommerce.tax.map", "store_id", "Tax Classes")
    category_ids = fields.One2many("bigcommerce.category", "store_id", "Categories")
    product_link_ids = fields.One2many(
        "bigcommerce.product.link", "store_id", "Product Links"
    )
    product_link_count = fields.Integer(compute="_compute_product_link_count")
    sync_log_ids = fields.One2many("bigcommerce.sync.log", "store_id", "Runs")

    @api.depends("product_link_ids")
    def _compute_product_link_count(self):
        counts = dict(
            self.env["bigcommerce.product.link"]._read_group(
                [("store_id", "in", self.ids)], ["store_id"], ["__count"]
            )
        )
        for store in self:
            store.product_link_count = counts.get(store, 0)

    # === ACTION METHODS === #

    def action_download_products(self):
        """Download products modified since 'Download Products After'."""
        return self._download_products(full=False)

    def action_download_all_products(self):
        """Download every product of the store, whatever the cursor says."""
        return self._download_products(full=True)

    def _download_products(self, full, trigger="button"):
        self.ensure_one()

        def flow(run):
            ProductImporter(run.store, run, commit=trigger == "cron").download(
                full=full
            )

        run = self._run_flow("product_download", flow, trigger)
        return self._notify_run(run) if trigger == "button" else run

    def action_refresh_categories(self):
        """Download the store's categories (for the default category and mapping)."""
        run = self._run_flow(
            "category_refresh", lambda run: refresh_categories(run.store, run)
        )
        return self._notify_run(run)

    def action_load_tax_classes(self):
        """Add a mapping row for each tax class of the store."""
        run = self._run_flow(
            "tax_class_load", lambda run: load_tax_classes(run.store, run)
        )
        return self._notify_run(run)

    def action_open_product_links(self):
        """The store's product links, in a list."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Products of %s", self.name),
            "res_model": "bigcommerce.product.link",
            "view_mode": "list,form",
            "domain": [("store_id", "=", self.id)],
            "context": {"default_store_id": self.id},
        }

    # === CRON METHODS === #

    @api.model
    def _cron_download_products(self):
        """Scheduled download of the stores that enable it, one after another."""
        self._for_each_store(
            [
                ("product_sync", "=", True),
                ("auto_download_products", "=", True),
                ("state", "!=", "draft"),
            ],
            lambda store: store._download_products(full=False, trigger="cron"),
            "product download",
        )
