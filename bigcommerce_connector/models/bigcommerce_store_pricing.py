from odoo import api, models
from odoo.exceptions import UserError

from ..sync.catalog.prices import PriceExporter

PRICE_TIERS = {"regular_pricelist_id", "sale_pricelist_id"}


class BigCommerceStore(models.Model):
    """Price push of the store: buttons and scheduled action.

    Kept apart from the catalog settings so each file stays one flow.
    """

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    # === CRUD METHODS === #

    def write(self, vals):
        """A new price tier changes prices no product's date shows: forget the
        cursor, so the next 'recently modified' update considers every link."""
        if PRICE_TIERS & set(vals) and "update_pricing_after" not in vals:
            vals = dict(vals, update_pricing_after=False)
        return super().write(vals)

    # === ACTION METHODS === #

    def action_update_prices(self):
        """Send the prices modified since 'Update Pricing After'."""
        return self._update_prices(full=False)

    def action_update_all_prices(self):
        """Send every linked variant's prices that differ from the last ones sent."""
        return self._update_prices(full=True)

    # === CRON METHODS === #

    @api.model
    def _cron_update_prices(self):
        """Scheduled price push of the connected stores that enable it."""
        self._for_each_store(
            [("update_pricing", "=", True), ("state", "!=", "draft")],
            lambda store: store._update_prices(full=False, trigger="cron"),
            "price update",
        )

    # === BUSINESS METHODS === #

    def _update_prices(self, full, trigger="button"):
        """Push prices in a ``price_push`` run.

        :param full: every link, else those modified since the cursor
        :returns: a notification from a button, else the finished run (None
            when the store does not update pricing)
        :raises UserError: from a button, when 'Update Pricing' is off
        """
        self.ensure_one()
        if not self.update_pricing:
            if trigger == "button":
                raise UserError(
                    self.env._(
                        "Store %(name)s does not update pricing: tick 'Update "
                        "Pricing' in its Products tab first.",
                        name=self.display_name,
                    )
                )
            return None
        since = None if full else self.update_pricing_after

        def flow(run):
            PriceExporter(run.store, run).push(since=since)

        run = self._run_flow("price_push", flow, trigger)
        return self._notify_prices(run) if trigger == "button" else run

    def _notify_prices(self, run):
        """Tell the user how many prices went out, in how many calls."""
        return self._notify_push(
            run,
            self.env._(
                "%(sent)s prices sent in %(calls)s calls.",
                sent=run.counts["updated"],
                calls=run.client.calls if run.client else 0,
            ),
            self.env._("Prices: nothing changed, nothing sent."),
            self.env._("%(failed)s prices were refused.", failed=run.counts["failed"]),
        )
