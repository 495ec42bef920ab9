from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..sync.catalog.exporter import ProductExporter

OPERATIONS = [
    ("list", "List on BigCommerce"),
    ("update", "Update on BigCommerce"),
    ("unlist", "Unlist (hide from the storefront)"),
    ("unlink", "Unlink (keep in BigCommerce)"),
    ("remove", "Remove from BigCommerce"),
]
LISTING_FILTERS = [
    ("all", "All"),
    ("not_listed", "Not listed on this store"),
    ("listed", "Listed"),
    ("hidden", "Hidden"),
]


class BigCommerceProductWizard(models.TransientModel):
    _name = "bigcommerce.product.wizard"
    _description = "BigCommerce: List, Update, Unlist or Remove Products"

    store_id = fields.Many2one(
        "bigcommerce.store",
        required=True,
        default=lambda self: self._default_store(),
        ondelete="cascade",
    )
    product_master = fields.Selection(related="store_id.product_master")
    operation = fields.Selection(
        OPERATIONS,
        required=True,
        default="list",
        help="List: create the products in BigCommerce (already listed ones are "
        "updated, hidden ones shown again). Update: send names, descriptions, "
        "prices, weights and SKUs; never categories or options. Unlist: hide "
        "them from the storefront. Unlink: forget the link, keep them in "
        "BigCommerce. Remove: delete them from BigCommerce.",
    )
    product_tmpl_ids = fields.Many2many("product.template", string="Products")
    categ_ids = fields.Many2many(
        "product.category", string="Categories", help="And their subcategories."
    )
    product_tag_ids = fields.Many2many("product.tag", string="Tags")
    listing_filter = fields.Selection(
        LISTING_FILTERS, string="Listing State", default="all", required=True
    )

    @api.model
    def default_get(self, fields_list):
        """Preset the products selected in a list or opened in a form."""
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "product_tmpl_ids" in fields_list
            and context.get("active_model") == "product.template"
            and context.get("active_ids")
        ):
            values["product_tmpl_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    def _default_store(self):
        Store = self.env["bigcommerce.store"]
        return Store.search([("product_master", "=", "odoo")], limit=1) or Store.search(
            [], limit=1
        )

    # === ACTION METHODS === #

    def action_select_products(self):
        """Fill the products from the category, tag and listing filters."""
        self.ensure_one()
        self.product_tmpl_ids = self.env["product.template"].search(
            self._selection_domain()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("BigCommerce Products"),
        }

    def action_apply(self):
        """Run the operation on the products in one sync run; tell what it did.

        :raises UserError: no product chosen; or, for one product, BigCommerce's
            refusal (several products are logged one by one instead)
        """
        self.ensure_one()
        templates = self.product_tmpl_ids
        if not templates:
            raise UserError(self.env._("Choose the products first."))
        store = self.store_id

        def flow(run):
            exporter = ProductExporter(run.store, run, strict=len(templates) == 1)
            exporter.apply(self.operation, templates.with_env(run.env))

        run = store._run_flow("product_export", flow)
        return store._notify_run(run)

    # === PRIVATE METHODS === #

    def _selection_domain(self):
        """Saleable products of the store's company matching the filters."""
        company = self.store_id.company_id
        domain = Domain("sale_ok", "=", True) & Domain(
            "company_id", "in", [False, company.id]
        )
        if self.categ_ids:
            domain &= Domain("categ_id", "child_of", self.categ_ids.ids)
        if self.product_tag_ids:
            domain &= Domain("product_tag_ids", "in", self.product_tag_ids.ids)
        if self.listing_filter == "all":
            return domain
        on_store = Domain("store_id", "=", self.store_id.id)
        if self.listing_filter == "not_listed":
            return domain & Domain("bigcommerce_link_ids", "not any", on_store)
        state = Domain("listing_state", "=", self.listing_filter)
        return domain & Domain("bigcommerce_link_ids", "any", on_store & state)
