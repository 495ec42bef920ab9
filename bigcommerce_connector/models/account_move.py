from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    bigcommerce_store_id = fields.Many2one(
        "bigcommerce.store",
        "BigCommerce Store",
        readonly=True,
        index="btree_not_null",
        help="The store of the BigCommerce order this invoice or credit note "
        "bills: its taxes are rounded per line, as BigCommerce rounds them.",
    )
