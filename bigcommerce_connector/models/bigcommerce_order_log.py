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
        [
            ("waiting", "Waiting"),
            ("pending", "To Consolidate"),
            ("imported", "Imported"),
            ("skipped", "Skipped"),
            ("error", "Failed"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    reason = fields.Text(
        readonly=True,
        help="Why the order was skipped, failed or waits (Capture Order When It "
        "Is): a waiting order is imported by the download that first sees it "
        "captured.",
    )
    payload_hash = fields.Char(readonly=True, help="Digest of the last payload seen.")
    bc_status_id = fields.Integer("BigCommerce Status", readonly=True)
    bc_date_modified = fields.Datetime("Modified in BigCommerce", readonly=True)
    bc_date_created = fields.Datetime("Created in BigCommerce", readonly=True)
    consolidated_sale_id = fields.Many2one(
        "sale.order",
        "Consolidated In",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The daily sale order this BigCommerce order was consolidated in.",
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_totals", store=True, readonly=True
    )
    bc_total = fields.Monetary("BigCommerce Total", readonly=True)
    odoo_total = fields.Monetary(
        compute="_compute_totals",
        store=True,
        help="The total of the sale orders made from this BigCommerce order.",
    )
    total_difference = fields.Monetary(
        compute="_compute_totals",
        store=True,
        help="BigCommerce's total minus Odoo's: not zero means the order does "
        "not land on BigCommerce's amounts (see the note on the sale order).",
    )
    totals_differ = fields.Boolean(compute="_compute_totals", store=True, index=True)
    payload_summary = fields.Char(
        "Order Summary",
        readonly=True,
        help="What the last download said of the order: status, customer, "
        "lines, shipping and total.",
    )
    attempts = fields.Integer(readonly=True, default=1)
    sale_order_ids = fields.One2many(
        "sale.order", "bigcommerce_order_log_id", "Sale Orders", readonly=True
    )

    _order_unique = models.Constraint(
        "UNIQUE(store_id, bc_order_id)",
        "A BigCommerce order is logged once per store.",
    )

    @api.depends(
        "bc_total",
        "state",
        "sale_order_ids.amount_total",
        "sale_order_ids.currency_id",
        "sale_order_ids.state",
    )
    def _compute_totals(self):
        for log in self:
            sales = log.sale_order_ids.filtered(lambda sale: sale.state != "cancel")
            log.currency_id = (
                sales[:1].currency_id
                or log.store_id.currency_id
                or log.company_id.currency_id
            )
            log.odoo_total = sum(sales.mapped("amount_total"))
            log.total_difference = log.bc_total - log.odoo_total if sales else 0.0
            log.totals_differ = bool(
                log.state == "imported"
                and sales
                and log.currency_id.compare_amounts(log.bc_total, log.odoo_total)
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

    def action_open_sale_orders(self):
        """The sale order made from this BigCommerce order (a list when several)."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Sale Orders"),
            "res_model": "sale.order",
        }
        sales = self.sale_order_ids | self.consolidated_sale_id
        if len(sales) == 1:
            return {**action, "view_mode": "form", "res_id": sales.id}
        return {
            **action,
            "view_mode": "list,form",
            "domain": [("id", "in", sales.ids)],
        }
