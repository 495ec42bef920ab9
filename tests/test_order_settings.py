"""Order settings of a store: what each one does to the downloaded orders."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from tests.test_order_download import OrderDownloadCase


class OrderSettingsCase(OrderDownloadCase):
    def orders_query(self):
        """The query string of the first ``GET /v2/orders``."""
        return next(
            request.query
            for request in self.sim.requests
            if request.method == "GET" and request.path.endswith("/v2/orders")
        )

    def sync_logs(self):
        return self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "order_download")]
        )


@tagged("standard", "bigcommerce")
class TestOrderHeaderSettings(OrderSettingsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The simulator's default billing email: orders match this customer.
        cls.customer = cls.env["res.partner"].create(
            {"name": "Jane Doe", "email": "janedoe@example.com"}
        )
        cls.immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.net_30 = cls.env.ref("account.account_payment_term_30days")
        Position = cls.env["account.fiscal.position"]
        cls.export = Position.create({"name": "Export"})
        cls.web_position = Position.create({"name": "Web default"})
        Pricelist = cls.env["product.pricelist"]
        usd = cls.env.ref("base.USD")
        cls.wholesale = Pricelist.create({"name": "Wholesale", "currency_id": usd.id})
        cls.web_prices = Pricelist.create({"name": "Web prices", "currency_id": usd.id})

    # === ESTIMATED TIME OF DELIVERY === #

    def test_etd_none_leaves_no_commitment_date(self):
        self.store.order_etd = "none"
        self.mug_order()

        self.download()

        self.assertFalse(self.sales().commitment_date)

    def test_etd_created_is_the_bigcommerce_creation_date(self):
        self.store.order_etd = "created"
        self.mug_order(date_created="Wed, 10 Jan 2018 21:05:30 +0000")

        self.download()

        self.assertEqual(self.sales().commitment_date, datetime(2018, 1, 10, 21, 5, 30))

    def test_etd_imported_is_the_download_date(self):
        self.store.order_etd = "imported"
        self.mug_order(date_created="Wed, 10 Jan 2018 21:05:30 +0000")
        before = fields.Datetime.now()

        self.download()

        commitment = self.sales().commitment_date
        self.assertTrue(before <= commitment <= fields.Datetime.now(), commitment)

    # === WAREHOUSE, SALESPERSON, TEAM === #

    def test_orders_download_to_the_chosen_warehouse(self):
        west = self.env["stock.warehouse"].create({"name": "West", "code": "WEST"})
        self.store.order_warehouse_id = west
        self.mug_order()

        self.download()

        sale = self.sales()
        self.assertEqual(sale.warehouse_id, west)
        self.assertEqual(sale.picking_ids.picking_type_id.warehouse_id, west)

    def test_orders_get_the_store_salesperson(self):
        seller = new_test_user(
            self.env, login="bc_seller", groups="sales_team.group_sale_salesman"
        )
        self.store.order_user_id = seller
        self.mug_order()

        self.download()

        self.assertEqual(self.sales().user_id, seller)

    def test_orders_get_the_store_sales_team(self):
        team = self.env["crm.team"].create({"name": "Web shop"})
        self.store.order_team_id = team
        self.mug_order()

        self.download()

        self.assertEqual(self.sales().team_id, team)

    # === PAYMENT TERMS === #

    def terms(self, policy, customer_terms):
        """The order's payment terms; the store's default is Net 30."""
        self.customer.property_payment_term_id = customer_terms
        self.store.write(
            {"payment_term_policy": policy, "default_payment_term_id": self.net_30.id}
        )
        self.mug_order()
        self.download()
        return self.sales().payment_term_id

    def test_payment_terms_contact_policy_takes_the_customers(self):
        self.assertEqual(self.terms("contact", self.immediate), self.immediate)

    def test_payment_terms_contact_else_default_falls_back_to_the_default(self):
        self.assertEqual(self.terms("contact_else_default", False), self.net_30)

    def test_payment_terms_default_policy_overrides_the_customers(self):
        self.assertEqual(self.terms("default", self.immediate), self.net_30)

    # === FISCAL POSITION === #

    def fiscal_position(self, policy, customer_position):
        """The order's fiscal position; the store's default is 'Web default'."""
        self.customer.property_account_position_id = customer_position
        self.store.write(
            {
                "fiscal_position_policy": policy,
                "default_fiscal_position_id": self.web_position.id,
            }
        )
        self.mug_order()
        self.download()
        return self.sales().fiscal_position_id

    def test_fiscal_position_contact_policy_takes_the_customers(self):
        self.assertEqual(self.fiscal_position("contact", self.export), self.export)

    def test_fiscal_position_contact_else_default_falls_back_to_the_default(self):
        position = self.fiscal_position("contact_else_default", False)

        self.assertEqual(position, self.web_position)

    def test_fiscal_position_default_policy_overrides_the_customers(self):
        position = self.fiscal_position("default", self.export)

        self.assertEqual(position, self.web_position)

    # === PRICELIST === #

    def pricelist(self, policy, customer_pricelist):
        """The order's pricelist; the store's default is 'Web prices'.

        Contacts have a pricelist only with the Pricelists feature on, so it is
        turned on when the customer is given one.
        """
        if customer_pricelist:
            group = self.env.ref("product.group_product_pricelist")
            self.env.ref("base.group_user").implied_ids = [Command.link(group.id)]
            self.customer.property_product_pricelist = customer_pricelist
        self.assertEqual(
            self.customer.property_product_pricelist,
            customer_pricelist or self.env["product.pricelist"],
        )
        self.store.write(
            {"pricelist_policy": policy, "default_pricelist_id": self.web_prices.id}
        )
        self.mug_order()
        self.download()
        return self.sales().pricelist_id

    def test_pricelist_contact_policy_takes_the_customers(self):
        self.assertEqual(self.pricelist("contact", self.wholesale), self.wholesale)

    def test_pricelist_contact_else_default_falls_back_to_the_default(self):
        self.assertEqual(self.pricelist("contact_else_default", False), self.web_prices)

    def test_pricelist_default_policy_overrides_the_customers(self):
        self.assertEqual(self.pricelist("default", self.wholesale), self.web_prices)

    # === CURRENCY === #

    def eur_order(self):
        eur = self.env.ref("base.EUR")
        self.env["product.pricelist"].search(
            [("currency_id", "=", eur.id)]
        ).active = False
        eur.active = False
        return self.mug_order(currency_code="EUR", default_currency_code="EUR")

    def test_an_eur_order_gets_a_new_eur_pricelist(self):
        self.eur_order()

        self.download()

        pricelist = self.sales().pricelist_id
        self.assertEqual(pricelist.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(pricelist.name, "BigCommerce EUR")

    def test_an_eur_order_activates_the_euro(self):
        self.eur_order()

        self.download()

        self.assertTrue(self.env.ref("base.EUR").active)

    def test_an_eur_order_totals_are_in_euros(self):
        bc_order = self.eur_order()

        self.download()

        sale = self.sales()
        self.assertEqual(sale.currency_id, self.env.ref("base.EUR"))
        self.assertAlmostEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_an_eur_order_reuses_an_existing_eur_pricelist(self):
        self.eur_order()
        euros = self.env["product.pricelist"].create(
            {"name": "Euro prices", "currency_id": self.env.ref("base.EUR").id}
        )

        self.download()

        self.assertEqual(self.sales().pricelist_id, euros)


@tagged("standard", "bigcommerce")
class TestOrderWindowSettings(OrderSettingsCase):
    # === DATES SENT TO BIGCOMMERCE === #

    def test_orders_created_before_the_floor_never_download(self):
        self.store.orders_created_after = datetime(2025, 1, 1)
        old = self.mug_order(date_created="Tue, 31 Dec 2024 23:00:00 +0000")
        new = self.mug_order(date_created="Wed, 01 Jan 2025 01:00:00 +0000")

        self.download()

        self.assertEqual(self.sales().bigcommerce_order_id, new["id"])
        self.assertFalse(self.log(old))

    def test_created_after_floor_is_sent_as_min_date_created(self):
        self.store.orders_created_after = datetime(2025, 1, 1)

        self.download()

        sent = datetime.fromisoformat(self.orders_query()["min_date_created"])
        self.assertEqual(sent.replace(tzinfo=None), datetime(2025, 1, 1))
        self.assertEqual(sent.utcoffset(), timedelta(0))

    def test_updated_after_cursor_is_sent_as_min_date_modified(self):
        self.store.orders_modified_after = datetime(2025, 3, 1, 12, 0)

        self.download()

        sent = datetime.fromisoformat(self.orders_query()["min_date_modified"])
        self.assertEqual(sent.replace(tzinfo=None), datetime(2025, 3, 1, 12, 0))
        self.assertEqual(sent.utcoffset(), timedelta(0))

    def test_orders_changed_before_the_cursor_are_not_downloaded(self):
        self.store.orders_modified_after = datetime(2025, 3, 1, 12, 0)
        self.mug_order(date_modified="Sat, 01 Mar 2025 11:00:00 +0000")
        changed = self.mug_order(date_modified="Sat, 01 Mar 2025 13:00:00 +0000")

        self.download()

        self.assertEqual(self.sales().bigcommerce_order_id, changed["id"])

    # === LOAD ORDERS WIZARD === #

    def test_load_orders_refuses_a_date_older_than_one_year(self):
        with self.assertRaises(ValidationError):
            self.env["bigcommerce.load.orders"].create(
                {
                    "store_id": self.store.id,
                    "date_from": fields.Datetime.now() - timedelta(days=400),
                }
            )

    def load_orders(self):
        """Orders changed 10 days and 1 day ago; cursor 5 days back; load 30."""
        now = fields.Datetime.now()
        self.store.orders_modified_after = now - timedelta(days=5)
        self.mug_order(date_modified=now - timedelta(days=10))
        self.mug_order(date_modified=now - timedelta(days=1))
        self.env["bigcommerce.load.orders"].create(
            {"store_id": self.store.id, "date_from": now - timedelta(days=30)}
        ).action_load()
        return now

    def test_load_orders_downloads_orders_changed_since_the_date(self):
        now = self.load_orders()

        self.assertEqual(len(self.sales()), 2)
        sent = datetime.fromisoformat(self.orders_query()["min_date_modified"])
        self.assertEqual(sent.replace(tzinfo=None), now - timedelta(days=30))

    def test_load_orders_leaves_the_cursor_where_it_was(self):
        now = self.load_orders()

        self.assertEqual(self.store.orders_modified_after, now - timedelta(days=5))

    # === TAXES AND TOTALS === #

    def test_unmapped_tax_skip_policy_skips_the_order_with_its_reason(self):
        self.store.unmapped_tax_policy = "skip"
        bc_order = self.mug_order(tax_rate=0.0825)

        self.download()

        self.assertFalse(self.sales())
        self.assertEqual(self.log(bc_order).state, "skipped")
        self.assertIn("8.25% tax", self.log(bc_order).reason)

    def _tax(self, name, amount):
        return self.env["account.tax"].create(
            {
                "name": name,
                "amount": amount,
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
            }
        )

    def test_unmapped_tax_default_policy_uses_the_default_tax(self):
        self._tax("Another 8.25%", 8.25)
        default_tax = self._tax("Store default 8.25%", 8.25)
        self.store.write(
            {"unmapped_tax_policy": "default", "order_default_tax_id": default_tax.id}
        )
        self.mug_order(tax_rate=0.0825)

        self.download()

        self.assertEqual(self.sales().order_line.tax_ids, default_tax)

    def test_a_default_tax_of_another_rate_is_not_used(self):
        default_tax = self._tax("Store default 10%", 10)
        charged = self._tax("Sales tax 8.25%", 8.25)
        self.store.write(
            {"unmapped_tax_policy": "default", "order_default_tax_id": default_tax.id}
        )
        self.mug_order(tax_rate=0.0825)

        self.download()

        # 10 % would miss BigCommerce's tax: the tax of the rate charged is used.
        self.assertEqual(self.sales().order_line.tax_ids, charged)

    def test_a_total_two_cents_off_gets_a_rounding_line(self):
        self.mug_order(total_inc_tax="30.02")

        self.download()

        sale = self.sales()
        rounding = sale.order_line.filtered(
            lambda line: line.product_id.default_code == "BC-ROUNDING"
        )
        self.assertAlmostEqual(rounding.price_unit, 0.02)
        self.assertAlmostEqual(sale.amount_total, 30.02)

    def test_a_total_five_off_is_noted_on_the_order(self):
        self.mug_order(total_inc_tax="35.00")

        self.download()

        sale = self.sales()
        self.assertAlmostEqual(sale.amount_total, 30.0)
        self.assertIn(
            "differs from BigCommerce", " ".join(sale.message_ids.mapped("body"))
        )

    def test_a_total_five_off_is_flagged_in_the_order_log(self):
        bc_order = self.mug_order(total_inc_tax="35.00")

        self.download()

        log = self.log(bc_order)
        self.assertEqual(log.state, "imported")
        self.assertTrue(log.totals_differ)
        self.assertAlmostEqual(log.total_difference, 5.0)
        self.assertEqual(log.currency_id, self.sales().currency_id)
        flagged = self.env["bigcommerce.order.log"].search(
            [("store_id", "=", self.store.id), ("totals_differ", "=", True)]
        )
        self.assertEqual(flagged, log)

    def test_an_order_on_bigcommerce_total_is_not_flagged(self):
        bc_order = self.mug_order(total_inc_tax="30.02")

        self.download()

        log = self.log(bc_order)
        self.assertFalse(log.totals_differ)
        self.assertEqual(log.total_difference, 0.0)
        self.assertIn("1 line", log.payload_summary)
        self.assertIn("total 30.02 USD", log.payload_summary)

    def test_a_total_five_off_is_a_warning_in_the_sync_log(self):
        self.mug_order(total_inc_tax="35.00")

        run = self.download()

        warnings = run.log.line_ids.filtered(lambda line: line.level == "warning")
        self.assertIn("differs from BigCommerce", warnings.message)
        self.assertFalse(
            self.sales().order_line.filtered(
                lambda line: line.product_id.default_code == "BC-ROUNDING"
            )
        )


@tagged("standard", "bigcommerce")
class TestOrderSchedule(OrderSettingsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.write({"auto_download_orders": True, "order_download_hours": 1})

    def cron(self):
        self.env["bigcommerce.store"]._cron_download_orders()

    def last_run(self, at):
        self.env["bigcommerce.sync.log"].create(
            {"store_id": self.store.id, "operation": "order_download", "date_start": at}
        )

    def cron_runs(self):
        return self.sync_logs().filtered(lambda log: log.trigger == "cron")

    def test_cron_downloads_orders_of_a_store_with_automatic_downloads(self):
        self.mug_order()

        self.cron()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(len(self.cron_runs()), 1)

    def test_cron_leaves_out_a_store_without_automatic_downloads(self):
        self.store.auto_download_orders = False
        self.mug_order()

        self.cron()

        self.assertFalse(self.sales())
        self.assertFalse(self.cron_runs())

    def test_cron_skips_a_store_whose_last_run_is_younger_than_its_interval(self):
        self.last_run(fields.Datetime.now() - timedelta(minutes=20))
        self.mug_order()

        self.cron()

        self.assertFalse(self.sales())
        self.assertFalse(self.cron_runs())

    def test_cron_runs_again_once_the_interval_has_passed(self):
        self.last_run(fields.Datetime.now() - timedelta(minutes=61))

        self.cron()

        self.assertEqual(len(self.cron_runs()), 1)

    @freeze_time("2026-03-10 14:05:00")
    def test_cron_runs_at_the_forced_daily_time_within_the_interval(self):
        self.store.write(
            {
                "order_download_hours": 2,
                "order_daily_download": True,
                "order_daily_hour": 14.0,
            }
        )
        self.last_run(datetime(2026, 3, 10, 13, 30))

        self.cron()

        self.assertEqual(len(self.cron_runs()), 1)

    @freeze_time("2026-03-10 00:05:00")
    def test_a_daily_download_at_midnight_runs(self):
        self.store.write(
            {
                "order_download_hours": 2,
                "order_daily_download": True,
                "order_daily_hour": 0.0,
            }
        )
        self.last_run(datetime(2026, 3, 9, 23, 30))

        self.cron()

        self.assertEqual(len(self.cron_runs()), 1)

    @freeze_time("2026-03-10 14:05:00")
    def test_a_daily_hour_without_a_daily_download_waits_for_the_interval(self):
        self.store.write(
            {
                "order_download_hours": 2,
                "order_daily_download": False,
                "order_daily_hour": 14.0,
            }
        )
        self.last_run(datetime(2026, 3, 10, 13, 30))

        self.cron()

        self.assertEqual(len(self.cron_runs()), 0)

    @freeze_time("2026-03-10 08:05:00")
    def test_forced_daily_time_is_in_the_company_timezone(self):
        # 09:00 in Brussels is 08:00 UTC in March.
        self.store.company_id.partner_id.tz = "Europe/Brussels"
        self.store.write(
            {
                "order_download_hours": 2,
                "order_daily_download": True,
                "order_daily_hour": 9.0,
            }
        )
        self.last_run(datetime(2026, 3, 10, 7, 30))

        self.cron()

        self.assertEqual(len(self.cron_runs()), 1)
