import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..sync.stock.exporter import StockExporter
from ..sync.stock.locations import load_locations
from ..sync.stock.mapping import FORMULAS

_logger = logging.getLogger(__name__)

FORMULA_LABELS = {
    "free": "Free quantity (on hand, not reserved)",
    "on_hand": "Quantity on hand",
    "on_hand_7": "On hand less open demand due within 7 days",
    "on_hand_30": "On hand less open demand due within 30 days",
    "free_incoming": "Free plus all incoming",
    "free_incoming_7": "Free plus incoming due within 7 days",
    "free_incoming_30": "Free plus incoming due within 30 days",
}

# Settings that change every product's publishable quantity without moving
# any stock: changing one forgets the cursor, so the next 'recently modified'
# update considers every link (as for prices).
STOCK_RULES = {
    "stock_formula",
    "stock_buffer",
    "stock_max_quantity",
    "stock_max_percent",
    "stock_end_when",
    "stock_only_stocked",
    "stock_hide_at_zero",
    "stock_warehouse_map_ids",
}


class BigCommerceStore(models.Model):
    """Stock push of the store: settings (seed "Stock settings"), buttons,
    scheduled action."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    stock_push = fields.Boolean(
        "Update Stock Levels",
        help="Publish the stock of the source warehouses to BigCommerce, with "
        "the buttons, the scheduled action, and after order downloads when "
        "asked.",
    )
    stock_warehouse_map_ids = fields.One2many(
        "bigcommerce.warehouse.map",
        "store_id",
        "Get Stock Levels From",
        help="The warehouses whose stock is published, each at its BigCommerce "
        "location (empty: the default location). Several warehouses are summed.",
    )
    stock_location_ids = fields.One2many(
        "bigcommerce.location",
        "store_id",
        "BigCommerce Locations",
        help="Loaded by 'Load Locations' from BigCommerce.",
    )
    stock_formula = fields.Selection(
        [(code, FORMULA_LABELS[code]) for code in FORMULAS],
        "Type of Stock Level",
        default="free",
        required=True,
        help="How the quantity of each product is counted in the source "
        "warehouses, as Odoo counts it: free (on hand less reserved), on hand, "
        "on hand less open outgoing moves scheduled within 7 or 30 days, or "
        "free plus incoming (all, or scheduled within 7 or 30 days).",
    )
    stock_buffer = fields.Float(
        "Buffer Stock",
        digits="Product Unit",
        help="Kept back of every product at each location; a product link's own "
        "buffer (0 included) replaces it.",
    )
    stock_max_quantity = fields.Integer(
        "Max Listed Quantity",
        help="Never publish more than this at a location, however much is in "
        "stock. 0: no maximum.",
    )
    stock_max_percent = fields.Float(
        "Max Listed Percentage",
        help="Publish at most this share of the stock left after the buffer. "
        "0: no maximum.",
    )
    stock_end_when = fields.Integer(
        "End When Quantity",
        help="At or below this quantity, 0 is published. 0: only when nothing is left.",
    )
    stock_hide_at_zero = fields.Boolean(
        "Hide at Zero Stock",
        help="A product whose published stock reaches 0 is made invisible on the "
        "storefront, and visible again when stock returns. Products a person "
        "unlisted stay unlisted.",
    )
    stock_only_stocked = fields.Boolean(
        "Only Products the Warehouses Stock",
        help="Publish only products a source warehouse carries: it has stock of "
        "them, or a reordering rule for them (item sync enforcement).",
    )
    stock_after_orders = fields.Boolean(
        "Update Stock After Order Download",
        help="After each order download, publish the stock of the products it "
        "sold, to this store and to every other store that updates stock and "
        "lists them.",
    )
    stock_auto = fields.Boolean(
        "Update Stock Automatically",
        help="Publish recently modified stock with the scheduled action.",
    )
    stock_updated_after = fields.Datetime(
        copy=False,
        help="Stock that moved before this moment is not considered by 'Update "
        "Recently Modified Stock'. Moves forward after each complete update; "
        "'Update All Stock' ignores it.",
    )

    # === CRUD METHODS === #

    def write(self, vals):
        """A rule that changes every product's quantity forgets the cursor."""
        if STOCK_RULES & set(vals) and "stock_updated_after" not in vals:
            vals = dict(vals, stock_updated_after=False)
        return super().write(vals)

    # === ACTION METHODS === #

    def action_load_locations(self):
        """Read the store's inventory locations from BigCommerce."""
        self.ensure_one()

        def flow(run):
            load_locations(run.store, run)

        run = self._run_flow("location_load", flow)
        return self._notify_run(run)

    def action_update_stock(self):
        """Publish the stock of products that moved since 'Stock Updated After'."""
        return self._update_stock(full=False)

    def action_update_all_stock(self):
        """Publish every linked product's stock that differs from the last published."""
        return self._update_stock(full=True)

    # === CRON METHODS === #

    @api.model
    def _cron_update_stock(self):
        """Scheduled stock push of the connected stores that enable it."""
        self._for_each_store(
            [
                ("stock_push", "=", True),
                ("stock_auto", "=", True),
                ("state", "!=", "draft"),
            ],
            lambda store: store._update_stock(full=False, trigger="cron"),
            "stock update",
        )

    # === BUSINESS METHODS === #

    def _update_stock(self, full, trigger="button"):
        """Publish stock in a ``stock_push`` run.

        :param full: every link, else those whose stock may have changed since
            the cursor
        :returns: a notification from a button, else the finished run (None
            when the store does not update stock)
        :raises UserError: from a button, when 'Update Stock Levels' is off
        """
        self.ensure_one()
        if not self.stock_push:
            if trigger == "button":
                raise UserError(
                    self.env._(
                        "Store %(name)s does not update stock: tick 'Update Stock "
                        "Levels' in its Stock tab first.",
                        name=self.display_name,
                    )
                )
            return None
        since = None if full else self.stock_updated_after

        def flow(run):
            StockExporter(run.store, run).push(since=since)

        run = self._run_flow("stock_push", flow, trigger)
        return self._notify_stock(run) if trigger == "button" else run

    def _update_stock_after_orders(self, order_runs):
        """After order downloads: publish the stock that moved since the
        first of them started to every store that asks for it (Cin7 Core:
        every store listing the products sold, not only the one they were
        sold on).

        Nothing when no download created or updated an order. The download's
        right suffices: the push publishes what Odoo's stock says, nothing a
        person chose. Stores the caller cannot read are left to their
        scheduled run; so is a store whose stock push is running. The stores'
        cursors stay where they are. What each push did is said in the
        downloads' logs.

        :returns: the finished stock runs
        """
        order_runs = [
            run for run in order_runs if run.counts["created"] or run.counts["updated"]
        ]
        if not order_runs:
            return []
        since = min(run.log.date_start for run in order_runs)
        logs = self.env["bigcommerce.sync.log"].union(*(run.log for run in order_runs))
        stores = self.search(
            [
                ("stock_push", "=", True),
                ("stock_after_orders", "=", True),
                ("state", "!=", "draft"),
            ]
        )

        def flow(run):
            StockExporter(run.store, run).push(since=since, move_cursor=False)

        runs = [
            store._update_stock_for(flow, order_runs[0].trigger, logs)
            for store in stores
        ]
        return [run for run in runs if run]

    def _update_stock_for(self, flow, trigger, logs):
        """One store's push after downloads, said on their ``logs``.

        :returns: the finished run; None when its push is running or failed
        """
        try:
            with self.env.cr.savepoint():
                run = self._run_flow("stock_push", flow, trigger, access="read")
        except UserError as exc:  # its stock push is running right now
            self._note_on_log(logs, exc.args[0])
            return None
        except Exception:  # one store's push never undoes the downloads
            _logger.exception("BigCommerce store %s: stock push failed", self.id)
            self._note_on_log(
                logs,
                self.env._(
                    "Stock not published after this download to %(store)s: "
                    "its update failed; the scheduled update will try again.",
                    store=self.display_name,
                ),
                level="error",
            )
            return None
        self._note_on_log(
            logs,
            self.env._(
                "Stock published after this download to %(store)s: %(summary)s",
                store=self.display_name,
                summary=run.log.summary,
            ),
            level="error" if run.aborted else "info",
        )
        return run

    def _note_on_log(self, logs, message, level="info"):
        """Add a line to finished runs' sync logs."""
        for log in logs.sudo():
            log.write(
                {"line_ids": [Command.create({"level": level, "message": message})]}
            )

    def _notify_stock(self, run):
        """Tell the user how many quantities went out, in how many calls."""
        return self._notify_push(
            run,
            self.env._(
                "%(sent)s stock levels published in %(calls)s calls.",
                sent=run.counts["updated"],
                calls=run.client.calls if run.client else 0,
            ),
            self.env._("Stock: nothing changed, nothing published."),
            self.env._(
                "%(failed)s stock levels were refused.", failed=run.counts["failed"]
            ),
        )
