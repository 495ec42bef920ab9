from datetime import UTC, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..sync.orders.importer import OrderImporter
from ..sync.orders.shipping import ShippingMethods, method_key, zone_methods


class BigCommerceStore(models.Model):
    """Order, customer and accounting settings, grouped as the seeds group them."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    # === ORDERS === #
    order_sync = fields.Boolean(
        "Download Orders",
        help="Download BigCommerce orders as Odoo sale orders; changes of "
        "downloaded orders come with every download.",
    )
    orders_modified_after = fields.Datetime(
        "Download Orders Updated After",
        copy=False,
        help="Orders changed in BigCommerce before this moment are not downloaded "
        "again. Moves forward after each download, only past saved orders.",
    )
    orders_created_after = fields.Datetime(
        "Download Orders Created After",
        help="Orders created in BigCommerce before this moment are never "
        "downloaded: historical orders stay out of Odoo.",
    )
    auto_download_orders = fields.Boolean(
        "Automatic Order Downloads",
        help="Download orders with the scheduled action, at least every "
        "'Download Every' hours.",
    )
    order_download_hours = fields.Integer(
        "Download Every (hours)",
        default=1,
        help="Hours between automatic downloads: 1 or 2.",
    )
    order_daily_download = fields.Boolean(
        "Force a Daily Download",
        help="Also download orders at a fixed time of day, whatever the interval.",
    )
    order_daily_hour = fields.Float(
        "Daily Download At",
        help="The time of day (store company's timezone) of the forced daily "
        "download; 00:00 is midnight.",
    )
    order_status_ids = fields.Many2many(
        "bigcommerce.status",
        string="Download Orders When Status Is",
        help="Only orders in these statuses are downloaded. Empty: every status "
        "but Incomplete.",
    )
    order_capture = fields.Selection(
        [
            ("created", "Created"),
            ("completed", "Completed (shipped or completed)"),
            ("paid", "Paid (payment captured)"),
        ],
        "Capture Order When It Is",
        default="created",
        required=True,
        help="When a downloaded BigCommerce order becomes an Odoo sale order: "
        "as soon as it is created, once BigCommerce has it Shipped or Completed, "
        "or once its payment is captured. Until then it is in the Order Log as "
        "Waiting, with the reason; when it changes in BigCommerce (paid, shipped) "
        "the next download brings it back and imports it. Load Orders "
        "(historical orders) follows the same rule.",
    )
    order_consolidation = fields.Selection(
        [("none", "No consolidation"), ("daily", "Daily consolidation")],
        "Consolidate Orders",
        default="none",
        required=True,
        help="No consolidation: each BigCommerce order becomes its own sale "
        "order. Daily consolidation: the day's captured orders wait in the Order "
        "Log (To Consolidate) and become one sale order for the Consolidation "
        "Customer at the Consolidation Time: a line per product and price "
        "with summed quantities where that keeps BigCommerce's taxes to the "
        "cent, the day's charges, totals equal to the sum of BigCommerce's.",
    )
    consolidation_hour = fields.Float(
        "Consolidation Time",
        default=23.0,
        help="The time of day (the company's timezone, else the store's) when "
        "the day's orders are consolidated, by the first download after it.",
    )
    consolidation_partner_id = fields.Many2one(
        "res.partner",
        "Consolidation Customer",
        help="The customer of the consolidated daily sale orders; the shoppers' "
        "names and addresses are left out of them.",
    )
    order_stage = fields.Selection(
        [("quotation", "Quotation"), ("sale", "Confirmed Sale Order")],
        "Default Stage",
        default="sale",
        required=True,
        help="The state of downloaded orders in Odoo.",
    )
    order_etd = fields.Selection(
        [
            ("none", "None"),
            ("created", "BigCommerce creation date"),
            ("imported", "Download date"),
        ],
        "Estimated Time of Delivery",
        default="none",
        required=True,
        help="The commitment date of downloaded orders.",
    )
    load_coupon_codes = fields.Boolean(
        help="Name the discount line of an order after its coupon codes."
    )
    order_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Download Orders To",
        help="The warehouse of downloaded orders. Empty: the company's first.",
    )
    auto_dispatch = fields.Selection(
        [
            ("no", "No"),
            ("yes", "Yes"),
            ("completed", "Yes - completed orders only"),
            ("completed_any", "Yes - completed orders only, ignore stock"),
        ],
        "Auto Dispatch Orders",
        default="no",
        required=True,
        help="Validate the deliveries of downloaded orders. Yes: at download, "
        "shipping what is in stock (a backorder keeps the rest). Completed "
        "orders only: once BigCommerce has the order Shipped or Completed, and "
        "only when every line is in stock. Ignore stock: once BigCommerce has "
        "it Shipped or Completed, shipping what is in stock. No: a person "
        "validates them. A later download that sees an order shipped "
        "dispatches it then.",
    )
    order_routing = fields.Boolean(
        "Branch Routing",
        help="Route each shipping consignment to a warehouse by the Routing "
        "Grid: the first row matching its address and shipping method wins; "
        "no row matches: Download Orders To.",
    )
    routing_rule_ids = fields.One2many(
        "bigcommerce.routing.rule", "store_id", "Routing Grid"
    )
    order_split = fields.Boolean(
        "Split Orders",
        help="A line its routed warehouse has not free in full ships from the "
        "row's first backup warehouse that has it, then the second; a line none "
        "has stays with the routed warehouse. Lines are never cut in two, so "
        "each keeps BigCommerce's tax to the cent.",
    )
    keep_default_warehouse = fields.Boolean(
        help="The sale order stays on Download Orders To; routing chooses the "
        "warehouse that ships each line (its delivery route), and Odoo makes a "
        "delivery per shipping warehouse. Off: the sale order's warehouse is "
        "the one routed for its first consignment.",
    )
    order_user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        help="The salesperson of downloaded orders.",
    )
    order_team_id = fields.Many2one("crm.team", "Sales Team")
    unmapped_tax_policy = fields.Selection(
        [
            ("rate", "Use an Odoo tax of the rate BigCommerce charged"),
            ("default", "Use the default tax"),
            ("skip", "Skip the order"),
        ],
        "Unmapped Tax Class",
        default="rate",
        required=True,
        help="An order line whose product's Odoo taxes do not give the tax "
        "BigCommerce charged: take a sales tax of that rate (mapped in 'Tax "
        "Classes' first; created as 'BigCommerce 8.25%' when none exists), use "
        "the default tax, or skip the order with the reason in the order log.",
    )
    order_default_tax_id = fields.Many2one(
        "account.tax",
        "Default Tax",
        domain="[('type_tax_use', '=', 'sale'), ('company_id', '=', company_id)]",
        help="The tax of such lines when its rate gives the tax BigCommerce "
        "charged; a line charged another rate takes a tax of that rate.",
    )
    rounding_tolerance = fields.Float(
        default=0.05,
        help="A difference between Odoo's total and BigCommerce's total up to "
        "this amount is absorbed by a rounding line; a larger one is logged on "
        "the order for a person.",
    )
    order_service_product_id = fields.Many2one(
        "product.product",
        "Unknown Item Product",
        help="Order lines whose product is unknown in Odoo use this service "
        "product, with BigCommerce's name and SKU as description. Empty: one is "
        "created.",
    )

    shipping_map_ids = fields.One2many(
        "bigcommerce.shipping.map", "store_id", "Shipping Methods"
    )
    order_log_ids = fields.One2many("bigcommerce.order.log", "store_id")
    order_count = fields.Integer(compute="_compute_order_count")
    order_failed_count = fields.Integer(compute="_compute_order_count")

    @api.depends("order_log_ids.state")
    def _compute_order_count(self):
        counts = {
            (store.id, state): count
            for store, state, count in self.env["bigcommerce.order.log"]._read_group(
                [("store_id", "in", self.ids)], ["store_id", "state"], ["__count"]
            )
        }
        for store in self:
            store.order_count = counts.get((store.id, "imported"), 0)
            store.order_failed_count = counts.get((store.id, "error"), 0)

    @api.constrains("order_download_hours")
    def _check_order_download_hours(self):
        for store in self:
            if store.order_download_hours not in (1, 2):
                raise ValidationError(
                    self.env._("Orders are downloaded every 1 or 2 hours.")
                )

    # === ACTION METHODS === #

    def action_download_orders(self):
        """Download orders changed since 'Download Orders Updated After'."""
        self.ensure_one()
        self._check_order_sync()
        return self._notify_run(self._download_orders())

    def action_load_shipping_methods(self):
        """Add a row under *Shipping Methods* for each method of the store's zones.

        Reads ``GET /v2/shipping/zones`` and each zone's methods; existing rows
        keep their carrier.
        """
        self.ensure_one()
        with (
            self._get_client("write", interactive=True) as client,
            self._bigcommerce_errors(),
        ):
            methods = zone_methods(client)
        added = ShippingMethods(self).add(methods)
        return self._notify(
            self.env._(
                "%(count)s shipping methods read, %(added)s added: choose the "
                "carrier of each.",
                count=len({method_key(name) for name, _zone in methods} - {""}),
                added=added,
            )
        )

    def action_open_order_log(self):
        """The store's order log, failed entries first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bigcommerce_connector.bigcommerce_order_log_action"
        )
        action["domain"] = [("store_id", "=", self.id)]
        return action

    def _check_order_sync(self):
        if not self.order_sync or self.state == "draft":
            raise UserError(
                self.env._(
                    "Store %(store)s: turn on 'Download Orders' and test the "
                    "connection first.",
                    store=self.display_name,
                )
            )

    def _download_orders(self, since=None, trigger="button", order_ids=None):
        """Run the order download; returns the finished run."""

        def flow(run):
            importer = OrderImporter(run.store, run, commit=trigger == "cron")
            importer.download(since=since, order_ids=order_ids)

        run = self._run_flow("order_download", flow, trigger)
        if trigger != "cron":  # the scheduled action does it once for all stores
            self._update_stock_after_orders([run])
        return run

    def _retry_orders(self, order_ids):
        """Import these BigCommerce orders again (failed, skipped or waiting
        log entries)."""
        self.ensure_one()
        self._check_order_sync()
        return self._notify_run(self._download_orders(order_ids=order_ids))

    # === CRON METHODS === #

    @api.model
    def _cron_download_orders(self):
        """Scheduled download of the stores whose interval or daily time has come."""
        now = fields.Datetime.now()

        runs = []

        def download_if_due(store):
            if store._order_download_due(now):
                runs.append(store._download_orders(trigger="cron"))

        self._for_each_store(
            [
                ("order_sync", "=", True),
                ("auto_download_orders", "=", True),
                ("state", "!=", "draft"),
            ],
            download_if_due,
            "order download",
        )
        # Once for every store's downloads: each store that asks publishes
        # once what they moved, not once per store that downloaded.
        self._update_stock_after_orders(runs)

    def _order_download_due(self, now):
        last = (
            self.env["bigcommerce.sync.log"]
            .search(
                [("store_id", "=", self.id), ("operation", "=", "order_download")],
                order="date_start desc",
                limit=1,
            )
            .date_start
        )
        if not last or now - last >= timedelta(
            hours=self.order_download_hours, minutes=-5
        ):
            return True
        if self.order_daily_download:
            daily = self._order_daily_moment(now)
            return last < daily <= now
        return False

    def _local_zone(self):
        """The company's timezone, else the store's, else UTC."""
        try:
            return ZoneInfo(self.company_id.partner_id.tz or self.bc_timezone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return UTC

    def _order_daily_moment(self, now, hours=None):
        """Today's 'Force Daily Download At' (or ``hours``), read in the
        company's timezone.

        :param now: naive UTC datetime
        :returns: naive UTC datetime
        """
        zone = self._local_zone()
        local = now.replace(tzinfo=UTC).astimezone(zone)
        hours = self.order_daily_hour if hours is None else hours
        hour = int(hours)
        minute = round((hours - hour) * 60)
        daily = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return daily.astimezone(UTC).replace(tzinfo=None)
