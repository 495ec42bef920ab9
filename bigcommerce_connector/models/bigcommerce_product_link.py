from odoo import api, fields, models

from ..sync.catalog.exporter import ProductExporter


class BigCommerceProductLink(models.Model):
    _name = "bigcommerce.product.link"
    _description = "BigCommerce Product Link"
    _order = "store_id, bc_product_id, bc_variant_id"
    _rec_name = "sku"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    store_product_master = fields.Selection(
        related="store_id.product_master", string="Product Master"
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product", required=True, ondelete="cascade", index=True
    )
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, index=True
    )
    bc_product_id = fields.Integer(
        "BigCommerce Product ID", required=True, index=True, readonly=True
    )
    bc_variant_id = fields.Integer(
        "BigCommerce Variant ID", required=True, readonly=True
    )
    sku = fields.Char("SKU", readonly=True)
    listing_state = fields.Selection(
        [("listed", "Listed"), ("hidden", "Hidden")],
        default="listed",
        required=True,
        readonly=True,
        help="Listed: visible on the storefront. Hidden: in BigCommerce but not "
        "visible (unlisted, or listed as draft).",
    )
    bc_date_modified = fields.Datetime(
        "Modified in BigCommerce", readonly=True, copy=False
    )
    last_price = fields.Float(
        "Last Price Sent", digits="Product Price", readonly=True, copy=False
    )
    last_sale_price = fields.Float(
        "Last Sale Price Sent", digits="Product Price", readonly=True, copy=False
    )
    price_date = fields.Datetime("Prices Sent On", readonly=True, copy=False)
    matched_by_sku = fields.Boolean(
        "Linked by SKU",
        readonly=True,
        copy=False,
        help="A product download linked (or created) this Odoo product by the "
        "variant's SKU. Should BigCommerce have another variant with this SKU "
        "and a lower id, that variant takes this Odoo product over.",
    )
    active = fields.Boolean(related="product_id.active", store=True)

    _variant_unique = models.Constraint(
        "UNIQUE(store_id, bc_variant_id)",
        "A BigCommerce variant is linked to one Odoo product per store.",
    )
    _product_unique = models.Constraint(
        "UNIQUE(store_id, product_id)",
        "An Odoo product is linked to one BigCommerce variant per store.",
    )

    bigcommerce_url = fields.Char(
        "In BigCommerce",
        compute="_compute_bigcommerce_url",
        help="The product in the BigCommerce control panel.",
    )

    @api.depends("store_id.store_hash", "bc_product_id")
    def _compute_bigcommerce_url(self):
        for link in self:
            store = link.store_id.sudo()
            link.bigcommerce_url = (
                store._control_panel_url(f"products/{link.bc_product_id}/edit")
                if store and link.bc_product_id
                else False
            )

    @api.depends("sku", "bc_variant_id", "store_id")
    def _compute_display_name(self):
        for link in self:
            link.display_name = "%s: %s" % (
                link.store_id.name or "",
                link.sku or link.bc_variant_id,
            )

    # === ACTION METHODS === #

    def action_open_product(self):
        """The linked product's form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.template",
            "res_id": self.product_tmpl_id.id,
            "view_mode": "form",
        }

    def action_update(self):
        """Send the Odoo data of each link's product to its store."""
        return self._export("update")

    def action_unlist(self):
        """Hide each link's product from its store's storefront."""
        return self._export("unlist")

    def action_unlink(self):
        """Forget the links of each link's product; BigCommerce keeps it."""
        return self._export("unlink")

    def action_remove(self):
        """Delete each link's product from its store, then its links."""
        return self._export("remove")

    # === PRIVATE METHODS === #

    def _export(self, operation):
        """Run ``operation`` on the templates of these links, store by store.

        One template from a button raises BigCommerce's refusal as a
        UserError; several are logged one by one and the others go on.

        :returns: the notification of the last store's run
        """
        action = False
        for store, links in self.grouped("store_id").items():
            templates = links.product_tmpl_id

            def flow(run, templates=templates):
                exporter = ProductExporter(run.store, run, strict=len(templates) == 1)
                exporter.apply(operation, templates.with_env(run.env))

            run = store._run_flow("product_export", flow)
            action = store._notify_run(run)
        return action
