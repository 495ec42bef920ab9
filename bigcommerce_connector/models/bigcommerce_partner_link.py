from odoo import fields, models


class BigCommercePartnerLink(models.Model):
    _name = "bigcommerce.partner.link"
    _description = "BigCommerce Customer Link"
    _order = "store_id, bc_customer_id"
    _rec_name = "partner_id"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    bc_customer_id = fields.Integer("BigCommerce Customer ID", required=True)
    bc_date_modified = fields.Datetime("Modified in BigCommerce", readonly=True)

    _customer_unique = models.Constraint(
        "UNIQUE(store_id, bc_customer_id)",
        "A BigCommerce customer is linked to one Odoo contact per store.",
    )
