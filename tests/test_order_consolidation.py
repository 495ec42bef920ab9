"""Daily consolidation: the day's orders become one sale order, to the cent."""

from datetime import date, datetime

from odoo.addons.bigcommerce_connector.sync.orders.consolidator import (
    OrderConsolidator,
)
from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

MARCH_5 = datetime(2024, 3, 5, 15, 30)
MARCH_6 = datetime(2024, 3, 6, 10, 0)


@tagged("standard", "bigcommerce")
class TestOrderConsolidation(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.walk_in = cls.env["res.partner"].create({"name": "Web Shop Sales"})
        cls.store.write(
            {
                "order_consolidation": "daily",
                "consolidation_partner_id": cls.walk_in.id,
                "consolidation_hour": 23.0,
                "bc_timezone": "UTC",
            }
        )
        cls.store.company_id.partner_id.tz = "UTC"

    def order_on(self, created, quantity=2, price=10, **fields):
        products = [
            {"sku": "MUG-1", "name": "Mug", "quantity": quantity, "price": price}
        ]
        return self.mug_order(date_created=created, products=products, **fields)

    def consolidated(self):
        return self.Sale.search(
            [("bigcommerce_store_id", "=", self.store.id)], order="date_order"
        )

    def mug_lines(self, sale):
        return sale.order_line.filtered(lambda line: line.product_id == self.mug)

    def test_the_days_orders_become_one_sale_order_to_the_cent(self):
        orders = [
            self.order_on(MARCH_5, quantity=2, tax_rate=0.0825),
            self.order_on(MARCH_5, quantity=3, tax_rate=0.0825),
            self.order_on(MARCH_5, quantity=1, price=12, tax_rate=0.0825),
        ]

        run = self.download()

        sale = self.consolidated()
        self.assertEqual(len(sale), 1)
        self.assertEqual(sale.partner_id, self.walk_in)
        self.assertEqual(sale.state, "sale")
        self.assertIn("2024-03-05 (3 orders)", sale.origin)
        total = sum(float(o["total_inc_tax"]) for o in orders)
        tax = sum(float(o["total_tax"]) for o in orders)
        self.assertEqual(f"{sale.amount_total:.2f}", f"{total:.2f}")
        self.assertEqual(f"{sale.amount_tax:.2f}", f"{tax:.2f}")
        for bc_order in orders:
            log = self.log(bc_order)
            self.assertEqual(log.state, "imported")
            self.assertEqual(log.consolidated_sale_id, sale)
        self.assertEqual(
            sale.bigcommerce_consolidated_log_ids,
            self.Log.search([("store_id", "=", self.store.id)]),
        )
        self.assertEqual(run.counts["created"], 1)
        action = self.log(orders[0]).action_open_sale_orders()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sale.order", sale.id)
        )

    def test_lines_merge_only_where_the_cents_stay_right(self):
        # 2 x 10.00 at 8.25 %: 1.65 tax; 3 x 10.00: 2.48; merged 5: 4.13 = 1.65 + 2.48.
        self.order_on(MARCH_5, quantity=2, tax_rate=0.0825)
        self.order_on(MARCH_5, quantity=3, tax_rate=0.0825)
        # 1 x 10.00: 0.83 (0.825 half up); merged with 5 it would make 4.95, not 4.96.
        self.order_on(MARCH_5, quantity=1, tax_rate=0.0825)

        self.download()

        quantities = sorted(
            self.mug_lines(self.consolidated()).mapped("product_uom_qty")
        )
        self.assertEqual(quantities, [1, 5])

    def test_untaxed_lines_of_a_product_make_one_line(self):
        self.order_on(MARCH_5, quantity=2)
        self.order_on(MARCH_5, quantity=3)

        self.download()

        lines = self.mug_lines(self.consolidated())
        self.assertEqual(lines.mapped("product_uom_qty"), [5])
        shipping = self.consolidated().order_line - lines
        self.assertEqual(sum(shipping.mapped("price_subtotal")), 20.0)

    def test_each_day_is_its_own_sale_order_and_a_rerun_changes_nothing(self):
        self.order_on(MARCH_5)
        self.order_on(MARCH_6)
        self.download()
        self.store.orders_modified_after = False

        self.download()

        sales = self.consolidated()
        self.assertEqual(len(sales), 2)
        self.assertEqual(
            [(s.client_order_ref, s.date_order) for s in sales],
            [
                ("BigCommerce 2024-03-05", datetime(2024, 3, 5, 23, 59, 59)),
                ("BigCommerce 2024-03-06", datetime(2024, 3, 6, 23, 59, 59)),
            ],
        )

    def test_orders_wait_until_the_consolidation_time(self):
        self.store.consolidation_partner_id = False  # nothing consolidates
        bc_order = self.order_on(MARCH_5)
        self.download()
        due = {}

        def look(run):
            consolidator = OrderConsolidator(OrderImporter(self.store, run))
            for name, moment in (
                ("before", datetime(2024, 3, 5, 22, 59)),
                ("at", datetime(2024, 3, 5, 23, 0)),
                ("next_day", datetime(2024, 3, 6, 8, 0)),
                ("day_before", datetime(2024, 3, 4, 23, 30)),
            ):
                due[name] = list(consolidator.due_days(now=moment))

        self.run_sync("order_download", look)

        self.assertEqual(self.log(bc_order).state, "pending")
        self.assertIn("23:00", self.log(bc_order).reason)
        self.assertEqual(due["before"], [])
        self.assertEqual(due["at"], [date(2024, 3, 5)])
        self.assertEqual(due["next_day"], [date(2024, 3, 5)])
        self.assertEqual(due["day_before"], [])

    def test_an_order_cancelled_before_consolidation_is_left_out(self):
        kept = self.order_on(MARCH_5)
        cancelled = self.order_on(MARCH_5, status_id=5, status="Cancelled")

        self.download()

        self.assertEqual(self.log(cancelled).state, "skipped")
        self.assertIn("before it was consolidated", self.log(cancelled).reason)
        self.assertEqual(self.log(kept).consolidated_sale_id, self.consolidated())
        self.assertEqual(self.consolidated().amount_total, float(kept["total_inc_tax"]))

    def test_without_a_consolidation_customer_orders_wait_and_it_is_said(self):
        self.store.consolidation_partner_id = False
        bc_order = self.order_on(MARCH_5)

        run = self.download()

        self.assertEqual(self.log(bc_order).state, "pending")
        self.assertFalse(self.consolidated())
        self.assertIn(
            "no Consolidation Customer", " ".join(run.log.line_ids.mapped("message"))
        )

    def test_an_order_cancelled_after_consolidation_asks_a_person(self):
        bc_order = self.order_on(MARCH_5)
        self.download()
        self.sim.update_order(bc_order["id"], status_id=5, status="Cancelled")

        self.download()

        sale = self.consolidated()
        self.assertEqual(sale.state, "sale")
        self.assertIn(f"#{bc_order['id']}", sale.activity_ids.note)
