"""The taxes of downloaded orders, rule by rule: Odoo lands on BigCommerce's tax.

Each test pins one rule of the order download's tax handling (how prices
include tax, exemption, the skip policy, reuse of existing taxes, when the
order's ``/taxes`` is read, the rounding line and later downloads).
"""

from odoo import Command
from odoo.tests import tagged
from odoo.tools import html2plaintext

from tests.contract import validate_logged_requests
from tests.test_order_download import OrderDownloadCase


class OrderTaxCase(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Tax = cls.env["account.tax"]
        cls.company = cls.store.company_id

    def sales_tax(self, rate, included=None, **values):
        """A sales tax of ``rate`` percent in the store's company.

        :param included: True or False to override the company's default
        """
        if included is not None:
            values["price_include_override"] = (
                "tax_included" if included else "tax_excluded"
            )
        return self.Tax.create(
            {
                "name": f"Sales {rate}%",
                "amount": rate,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": self.company.id,
                **values,
            }
        )

    def mug_line(self, sale):
        return sale.order_line.filtered(lambda line: line.product_id == self.mug)

    def warnings(self, run):
        return " ".join(
            run.log.line_ids.filtered(lambda line: line.level == "warning").mapped(
                "message"
            )
        )

    def taxes_calls(self):
        return [r for r in self.sim.requests if r.path.endswith("/taxes")]

    def assert_lands_on(self, sale, bc_order):
        """Odoo's untaxed amount, tax and total are BigCommerce's, to the cent."""
        self.assertEqual(
            (sale.amount_untaxed, sale.amount_tax, sale.amount_total),
            (
                float(bc_order["total_ex_tax"]),
                float(bc_order["total_tax"]),
                float(bc_order["total_inc_tax"]),
            ),
        )


@tagged("standard", "bigcommerce")
class TestTaxIncludedOrExcluded(OrderTaxCase):
    def test_an_exclusive_order_gets_excluded_taxes_in_a_tax_included_company(self):
        self.company.account_price_include = "tax_included"
        # The company's own 8.25 % now includes the price: not the order's tax.
        included = self.sales_tax(8.25)
        bc_order = self.mug_order(tax_rate=0.0825)

        self.download()

        sale = self.sales()
        taxes = sale.order_line.tax_ids
        self.assertEqual(taxes.mapped("amount"), [8.25])
        self.assertFalse(taxes.price_include)
        self.assertNotEqual(taxes, included)
        self.assertEqual(self.mug_line(sale).price_unit, 10)
        self.assert_lands_on(sale, bc_order)

    def test_an_inclusive_order_gets_included_taxes_in_a_tax_excluded_company(self):
        self.assertEqual(self.company.account_price_include, "tax_excluded")
        excluded = self.sales_tax(8.25)
        bc_order = self.mug_order(tax_rate=0.0825, is_tax_inclusive_pricing=True)

        self.download()

        sale = self.sales()
        taxes = sale.order_line.tax_ids
        self.assertEqual(taxes.mapped("amount"), [8.25])
        self.assertTrue(taxes.price_include)
        self.assertNotEqual(taxes, excluded)
        # The shopper's price, tax included: 2 x 10.00 of which 1.52 is tax.
        self.assertEqual(self.mug_line(sale).price_unit, 10)
        self.assertEqual(self.mug_line(sale).price_total, 20)
        self.assert_lands_on(sale, bc_order)


@tagged("standard", "bigcommerce")
class TestTaxExemptOrders(OrderTaxCase):
    def setUp(self):
        super().setUp()
        self.mug.taxes_id = self.sales_tax(15)

    def test_a_tax_exempt_order_gets_no_tax_despite_product_taxes(self):
        bc_order = self.mug_order(tax_rate=0)

        self.download()

        sale = self.sales()
        self.assertFalse(sale.order_line.tax_ids)
        self.assertEqual(sale.amount_tax, 0)
        self.assert_lands_on(sale, bc_order)

    def test_a_tax_exempt_order_is_not_skipped_by_the_skip_policy(self):
        self.store.unmapped_tax_policy = "skip"
        bc_order = self.mug_order(tax_rate=0)

        self.download()

        self.assertEqual(self.log(bc_order).state, "imported")
        self.assertFalse(self.sales().order_line.tax_ids)


@tagged("standard", "bigcommerce")
class TestSkipPolicy(OrderTaxCase):
    def setUp(self):
        super().setUp()
        self.store.unmapped_tax_policy = "skip"

    def test_charges_at_a_rate_no_product_has_do_not_skip_the_order(self):
        self.mug.taxes_id = self.sales_tax(8.25)
        bc_order = self.mug_order(
            tax_rate=0.0825,
            products=[
                {
                    "sku": "MUG-1",
                    "quantity": 2,
                    "price": 10,
                    "wrapping_name": "Gold",
                    "wrapping_cost_ex_tax": 2,
                }
            ],
            shipping_addresses=[{"tax_rate": 0.05, "handling_cost_ex_tax": 3}],
        )

        self.download()

        self.assertEqual(self.log(bc_order).state, "imported")
        sale = self.sales()
        self.assertEqual(self.mug_line(sale).tax_ids, self.mug.taxes_id)
        charges = sale.order_line - self.mug_line(sale)
        self.assertEqual(len(charges), 3)  # shipping, handling, wrapping
        rates = {line.name.splitlines()[0]: line.tax_ids.amount for line in charges}
        self.assertEqual(
            rates,
            {"Shipping: Flat Rate": 5, "Handling": 5, "Gift wrapping: Gold": 8.25},
        )
        self.assert_lands_on(sale, bc_order)

    def test_an_item_whose_product_taxes_do_not_fit_skips_the_order(self):
        self.mug.taxes_id = self.sales_tax(15)
        bc_order = self.mug_order(tax_rate=0.0825)

        run = self.download()

        self.assertFalse(self.sales())
        log = self.log(bc_order)
        self.assertEqual(log.state, "skipped")
        self.assertIn("charged 8.25% tax", log.reason)
        self.assertEqual(run.counts["skipped"], 1)


@tagged("standard", "bigcommerce")
class TestExistingTaxes(OrderTaxCase):
    def bc_order_around_6_25(self):
        # 6.25 % of 8.00 is 0.50, which any rate from 6.1875 % to 6.3125 %
        # gives: the roundest of them is 6.2 %.
        return self.mug_order(
            tax_rate=0.0625,
            products=[{"sku": "MUG-1", "quantity": 1, "price": 8}],
            shipping_addresses=[{"cost_ex_tax": 8}],
        )

    def test_an_existing_tax_in_the_range_is_used_and_none_created(self):
        existing = self.sales_tax(6.25)
        taxes_before = self.Tax.search_count([])
        bc_order = self.bc_order_around_6_25()

        self.download()

        sale = self.sales()
        self.assertEqual(sale.order_line.tax_ids, existing)
        self.assertEqual(self.Tax.search_count([]), taxes_before)
        self.assertFalse(self.taxes_calls())
        self.assert_lands_on(sale, bc_order)

    def test_a_mapped_tax_is_preferred_to_a_rounder_one_of_the_range(self):
        self.sales_tax(6.2)
        mapped = self.sales_tax(6.25)
        self.store.tax_map_ids = [
            Command.create(
                {
                    "bc_tax_class_id": 1,
                    "name": "Default Tax Class",
                    "tax_ids": [Command.set(mapped.ids)],
                }
            )
        ]
        bc_order = self.bc_order_around_6_25()

        self.download()

        sale = self.sales()
        self.assertEqual(sale.order_line.tax_ids, mapped)
        self.assert_lands_on(sale, bc_order)


@tagged("standard", "bigcommerce")
class TestOrderTaxesCall(OrderTaxCase):
    def test_an_order_whose_rate_exists_costs_no_taxes_call(self):
        self.sales_tax(8.25)
        self.mug_order(tax_rate=0.0825)

        self.download()

        self.assertEqual(self.sales().order_line.tax_ids.mapped("amount"), [8.25])
        self.assertFalse(self.taxes_calls())

    def test_state_and_city_taxes_are_read_in_one_taxes_call(self):
        bc_order = self.mug_order(tax_rate=[0.0625, 0.02])

        self.download()

        [call] = self.taxes_calls()
        self.assertEqual(call.query.get("details"), "true")
        sale = self.sales()
        taxes = self.mug_line(sale).tax_ids
        self.assertEqual(sorted(taxes.mapped("amount")), [2, 6.25])
        self.assert_lands_on(sale, bc_order)
        validate_logged_requests(self.sim.requests)

    def test_orders_to_a_place_already_read_cost_no_more_taxes_calls(self):
        orders = [
            self.mug_order(tax_rate=[0.0625, 0.02], products=[line])
            for line in (
                {"sku": "MUG-1", "name": "Mug", "quantity": 2, "price": 10},
                {"sku": "MUG-1", "name": "Mug", "quantity": 3, "price": 7.77},
                {"sku": "MUG-1", "name": "Mug", "quantity": 1, "price": 123.45},
            )
        ]

        self.download()

        # The first order's /taxes names the rates of the place: the next
        # orders to it take them, as their amounts come out exactly.
        self.assertEqual(len(self.taxes_calls()), 1)
        for bc_order in orders:
            sale = self.log(bc_order).sale_order_ids
            taxes = self.mug_line(sale).tax_ids
            self.assertEqual(sorted(taxes.mapped("amount")), [2, 6.25])
            self.assert_lands_on(sale, bc_order)

    def test_a_failed_taxes_call_imports_the_order_at_the_roundest_rate(self):
        self.store.max_retries = 1
        self.sim.fail_next("500", count=5, path_contains="/taxes")
        bc_order = self.mug_order(tax_rate=0.0825)

        run = self.download()

        self.assertTrue(self.taxes_calls())
        self.assertEqual(self.log(bc_order).state, "imported")
        self.assertEqual((run.counts["created"], run.counts["failed"]), (1, 0))
        sale = self.sales()
        self.assertEqual(sale.order_line.tax_ids.name, "BigCommerce 8.25%")
        self.assertIn("Its taxes could not be read", self.warnings(run))
        self.assert_lands_on(sale, bc_order)


@tagged("standard", "bigcommerce")
class TestRoundingLine(OrderTaxCase):
    ROUNDING = "Rounding: BigCommerce's amounts do not add up"

    def rounding_lines(self):
        return self.sales().order_line.filtered(lambda line: line.name == self.ROUNDING)

    def test_a_gap_of_exactly_the_tolerance_gets_a_rounding_line(self):
        # Its lines and shipping make 30.00, its total says 30.05.
        bc_order = self.mug_order(total_inc_tax=30.05)

        run = self.download()

        self.assertEqual(self.rounding_lines().price_unit, 0.05)
        self.assertEqual(self.sales().amount_total, float(bc_order["total_inc_tax"]))
        self.assertIn("do not add up", self.warnings(run))

    def test_a_gap_past_the_tolerance_is_a_warning_without_a_line(self):
        self.mug_order(total_inc_tax=30.06)

        run = self.download()

        self.assertFalse(self.rounding_lines())
        self.assertEqual(self.sales().amount_total, 30)
        self.assertIn("differs from BigCommerce's 30.06 by 0.06", self.warnings(run))

    def test_an_order_whose_own_amounts_add_up_gets_no_rounding_line(self):
        # 0.05 of tax on a free line: no rate gives it, so Odoo misses it
        # although BigCommerce's own amounts add up to its total.
        bc_order = self.mug_order(
            products=[{"sku": "MUG-1", "price": 0, "total_tax": 0.05}]
        )
        self.assertEqual(bc_order["total_inc_tax"], "10.0500")

        run = self.download()

        self.assertFalse(self.rounding_lines())
        self.assertEqual(self.sales().amount_total, 10)
        self.assertIn("differs from BigCommerce's 10.05 by 0.05", self.warnings(run))


@tagged("standard", "bigcommerce")
class TestLaterDownloadTaxes(OrderTaxCase):
    def test_changed_and_added_lines_get_the_tax_of_their_rate(self):
        cup = self.env["product.product"].create(
            {"name": "Cup", "default_code": "CUP-1", "taxes_id": [Command.clear()]}
        )
        bc_order = self.mug_order(tax_rate=0.0825)
        self.download()
        line_id = bc_order["products"][0]["id"]
        # The mug moves to another tax class (6.25 %) at a new price; a cup
        # is added at the order's 8.25 %.
        self.sim.update_order(
            bc_order["id"],
            tax_rate=0.0825,
            products=[
                {
                    "id": line_id,
                    "sku": "MUG-1",
                    "quantity": 3,
                    "price": 12,
                    "tax_rate": 0.0625,
                },
                {"sku": "CUP-1", "name": "Cup", "quantity": 1, "price": 7},
            ],
        )
        self.store.orders_modified_after = False

        self.download()

        sale = self.sales()
        mug = self.mug_line(sale)
        self.assertEqual((mug.product_uom_qty, mug.price_unit), (3, 12))
        self.assertEqual(mug.tax_ids.mapped("amount"), [6.25])
        self.assertAlmostEqual(mug.price_tax, 2.25, places=2)
        added = sale.order_line.filtered(lambda line: line.product_id == cup)
        self.assertEqual(added.tax_ids.mapped("amount"), [8.25])
        self.assert_lands_on(sale, self.sim.order(bc_order["id"]))
        chatter = " ".join(sale.message_ids.mapped("body"))
        self.assertIn("Updated from BigCommerce", chatter)
        self.assertNotIn("differs", chatter)

    def test_a_line_whose_tax_alone_changed_gets_its_new_tax(self):
        bc_order = self.mug_order(tax_rate=0.0825)
        self.download()
        line_id = bc_order["products"][0]["id"]
        # Same quantity and price, now taxed at 6.25 % (another tax class).
        self.sim.update_order(
            bc_order["id"],
            products=[
                {
                    "id": line_id,
                    "sku": "MUG-1",
                    "quantity": 2,
                    "price": 10,
                    "tax_rate": 0.0625,
                }
            ],
        )
        self.store.orders_modified_after = False

        self.download()

        sale = self.sales()
        self.assertEqual(self.mug_line(sale).tax_ids.mapped("amount"), [6.25])
        self.assert_lands_on(sale, self.sim.order(bc_order["id"]))
        chatter = html2plaintext(" ".join(sale.message_ids.mapped("body")))
        self.assertIn("Updated from BigCommerce: MUG-1: tax -> 1.25", chatter)
