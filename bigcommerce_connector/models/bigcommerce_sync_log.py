from odoo import api, fields, models

OPERATIONS = [
    ("connection", "Test Connection"),
    ("product_download", "Download Products"),
    ("product_export", "List / Update Products"),
    ("price_push", "Update Prices"),
    ("stock_push", "Update Stock"),
    ("location_load", "Load Locations"),
    ("category_refresh", "Refresh Categories"),
    ("tax_class_load", "Load Tax Classes"),
    ("order_download", "Download Orders"),
    ("customer_download", "Download Customers"),
]


class BigCommerceSyncLog(models.Model):
    _name = "bigcommerce.sync.log"
    _description = "BigCommerce Synchronisation Run"
    _order = "date_start desc, id desc"

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    operation = fields.Selection(OPERATIONS, required=True)
    trigger = fields.Selection(
        [("button", "Button"), ("cron", "Scheduled"), ("webhook", "Webhook")],
        required=True,
        default="button",
    )
    state = fields.Selection(
        [
            ("running", "Running"),
            ("done", "Done"),
            ("partial", "Done With Errors"),
            ("failed", "Failed"),
            ("interrupted", "Interrupted"),
        ],
        default="running",
        required=True,
    )
    date_start = fields.Datetime(required=True, default=fields.Datetime.now)
    date_end = fields.Datetime()
    duration = fields.Float("Duration (s)", digits=(16, 2), readonly=True)
    fetched_count = fields.Integer("Fetched")
    created_count = fields.Integer("Created")
    updated_count = fields.Integer("Updated")
    waiting_count = fields.Integer(
        "Waiting", help="Orders not captured yet (Capture Order When It Is)."
    )
    skipped_count = fields.Integer("Skipped")
    failed_count = fields.Integer("Failed")
    api_calls = fields.Integer("API Calls")
    summary = fields.Char()
    line_ids = fields.One2many("bigcommerce.sync.log.line", "log_id", "Messages")

    @api.depends("store_id", "operation", "date_start")
    def _compute_display_name(self):
        labels = dict(self._fields["operation"]._description_selection(self.env))
        for log in self:
            log.display_name = "%s - %s" % (
                log.store_id.name or "",
                labels.get(log.operation, log.operation),
            )


# What a log line's reference names: kind -> (model, BigCommerce id field, the
# field of that record to open, if not the record itself).
RECORD_KEYS = {
    "order": ("sale.order", "bigcommerce_order_id", None),
    "product": ("bigcommerce.product.link", "bc_product_id", "product_tmpl_id"),
    "customer": ("bigcommerce.partner.link", "bc_customer_id", "partner_id"),
}


class BigCommerceSyncLogLine(models.Model):
    _name = "bigcommerce.sync.log.line"
    _description = "BigCommerce Synchronisation Message"
    _order = "id"

    log_id = fields.Many2one(
        "bigcommerce.sync.log", required=True, ondelete="cascade", index=True
    )
    store_id = fields.Many2one(related="log_id.store_id", store=True)
    company_id = fields.Many2one(related="log_id.company_id", store=True)
    level = fields.Selection(
        [("info", "Info"), ("warning", "Warning"), ("error", "Error")],
        required=True,
        default="info",
    )
    reference = fields.Char(
        help="What the message is about in BigCommerce: a product, variant or SKU."
    )
    message = fields.Text(required=True)
    record_model = fields.Char(
        compute="_compute_record", help="The Odoo record the line is about."
    )
    record_id = fields.Integer(compute="_compute_record")

    @api.depends("reference", "store_id")
    def _compute_record(self):
        """The Odoo record named by the reference (``order 123``, ``product 45``)."""
        for line in self:
            line.record_model, line.record_id = line._find_record()

    def _find_record(self):
        kind, _space, number = (self.reference or "").partition(" ")
        if not number.isdigit() or kind not in RECORD_KEYS:
            return False, 0
        model, key, target = RECORD_KEYS[kind]
        domain = [
            (
                "bigcommerce_store_id" if model == "sale.order" else "store_id",
                "=",
                self.store_id.id,
            ),
            (key, "=", int(number)),
        ]
        record = self.env[model].search(domain, limit=1)
        record = record[target] if target and record else record
        return (record._name, record.id) if record else (False, 0)

    def action_open_record(self):
        """The Odoo record the line is about: a sale order, product or contact."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.record_model,
            "res_id": self.record_id,
            "view_mode": "form",
        }
