from odoo import api, fields, models

OPERATIONS = [
    ("connection", "Test Connection"),
    ("product_download", "Download Products"),
    ("product_export", "List / Update Products"),
    ("price_push", "Update Prices"),
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
