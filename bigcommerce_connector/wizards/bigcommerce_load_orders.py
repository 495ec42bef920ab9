from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BigCommerceLoadOrders(models.TransientModel):
    _name = "bigcommerce.load.orders"
    _description = "Load BigCommerce Orders Since a Date"

    store_id = fields.Many2one("bigcommerce.store", required=True)
    date_from = fields.Datetime(
        "Load Orders Changed Since",
        required=True,
        default=lambda self: fields.Datetime.now() - timedelta(days=7),
        help="Orders changed in BigCommerce since this moment are downloaded again "
        "(at most one year back). Orders already in Odoo are updated, never "
        "duplicated; 'Download Orders Created After' still applies.",
    )

    @api.constrains("date_from")
    def _check_date_from(self):
        limit = fields.Datetime.now() - timedelta(days=366)
        for wizard in self:
            if wizard.date_from < limit:
                raise ValidationError(
                    self.env._("Orders can be loaded from one year back at most.")
                )

    def action_load(self):
        """Download the orders changed since the date; the cursor is left alone."""
        self.ensure_one()
        store = self.store_id
        store._check_order_sync()
        return store._notify_run(store._download_orders(since=self.date_from))
