from odoo import api, fields, models


class BigCommerceOrderLog(models.Model):
    """The dedupe log: one row per BigCommerce order and store, ever.

    Deleting a row allows the order to be imported again.
    """

    _name = "bigcommerce.order.log"
    _description = "BigCommerce Order Log"
    _order = "bc_order_id desc"
    _rec_name = "bc_order_id"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    bc_order_id = fields.Integer("BigCommerce Order", required=True, readonly=True)
    state = fields.Selection(
        [("imported", "Imported"), ("skipped", "Skipped"), ("error", "Failed")],
        required=True,
        readonly=True,
        index=True,
    )
    reason = fields.Text(readonly=True)
    payload_hash = fields.Char(readonly=True, help="Digest of the last payload seen.")
    bc_status_id = fields.Integer("BigCommerce Status", readonly=True)
    bc_date_modified = fields.Datetime("Modified in BigCommerce", readonly=True)
    bc_total = fields.Float("BigCommerce Total", readonly=True, digits=(16, 4))
    attempts = fields.Integer(readonly=True, default=1)
    sale_order_ids = fields.One2many(
        "sale.order", "bigcommerce_order_log_id", "Sale Orders", readonly=True
    )

    _order_unique = models.Constraint(
        "UNIQUE(store_id, bc_order_id)",
        "A BigCommerce order is logged once per store.",
    )

    @api.depends("bc_order_id", "store_id")
    def _compute_display_name(self):
        for log in self:
            log.display_name = "%s #%s" % (log.store_id.name or "", log.bc_order_id)

    def action_retry(self):
        """Download these orders again from BigCommerce and import them."""
        action = None
        for store in self.store_id:
            order_ids = [log.bc_order_id for log in self if log.store_id == store]
            action = store._retry_orders(order_ids)
        return action
