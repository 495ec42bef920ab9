from odoo import fields, models


class BigCommerceCategory(models.Model):
    _name = "bigcommerce.category"
    _description = "BigCommerce Category"
    _order = "store_id, complete_name"
    _rec_name = "complete_name"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    bc_category_id = fields.Integer("BigCommerce Category ID", required=True)
    bc_parent_id = fields.Integer("BigCommerce Parent ID")
    tree_id = fields.Integer("Category Tree")
    name = fields.Char(required=True)
    complete_name = fields.Char(
        help="The category's path from its root, as BigCommerce shows it."
    )
    is_visible = fields.Boolean(default=True)
    product_categ_id = fields.Many2one(
        "product.category",
        "Odoo Category",
        help="Products whose root BigCommerce category is this one are put in "
        "this Odoo category on download (created with the same name if empty).",
    )

    _category_unique = models.Constraint(
        "UNIQUE(store_id, bc_category_id)",
        "A BigCommerce category is downloaded once per store.",
    )
