"""Generated orders land on BigCommerce's amounts to the cent, with its rates.

Orders generated as BigCommerce computes them (:mod:`tests.order_generator`)
are seeded in the simulator and downloaded over real HTTP. For every one,
Odoo's untaxed amount, tax and total equal BigCommerce's to the cent, under
both company rounding methods, with no rounding line; and no tax is created
at a rate the generated destinations do not charge. 520 orders in all.
"""

from decimal import Decimal

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged

from tests.common import BigCommerceCase
from tests.order_generator import generated_percents, orders, seed

BATCH = 26
EXAMPLES = 10  # per rounding method: 2 x 10 x 26 = 520 orders
GENERATED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@tagged("standard", "bigcommerce")
class TestGeneratedOrderTaxes(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(order_sync=True, order_stage="quotation")
        cls.Sale = cls.env["sale.order"]
        cls.Tax = cls.env["account.tax"]
        cls.taxes_before = cls.Tax.search([])
        cls.charged = set()
        cls.next_id = 1000  # every generated order has an id of its own

    def _download_batch(self, specs, method):
        self.store.company_id.tax_calculation_rounding_method = method
        self.sim.reset()
        self.store.orders_modified_after = False
        first = type(self).next_id
        type(self).next_id += len(specs)
        bc_orders = [
            seed(self.sim, spec, first + i, 5000 + 10 * i)
            for i, spec in enumerate(specs)
        ]
        for spec in specs:
            type(self).charged |= generated_percents(spec)
        run = self.run_sync(
            "order_download", lambda run: OrderImporter(self.store, run).download()
        )
        self.assertFalse(run.counts["failed"], run.lines)
        return bc_orders

    def _assert_lands_on_bigcommerce(self, bc_order):
        sale = self.Sale.search(
            [
                ("bigcommerce_store_id", "=", self.store.id),
                ("bigcommerce_order_id", "=", bc_order["id"]),
            ],
            order="id desc",
            limit=1,
        )
        expected = {
            "untaxed": Decimal(bc_order["total_ex_tax"]),
            "tax": Decimal(bc_order["total_tax"]),
            "total": Decimal(bc_order["total_inc_tax"]),
            "rounding lines": 0,
        }
        actual = {
            "untaxed": _cents(sale.amount_untaxed),
            "tax": _cents(sale.amount_tax),
            "total": _cents(sale.amount_total),
            "rounding lines": len(
                sale.order_line.filtered(
                    lambda line: line.product_id.default_code == "BC-ROUNDING"
                )
            ),
        }
        self.assertEqual(actual, expected, f"order {bc_order}")

    def _assert_no_invented_tax(self):
        created = self.Tax.search([]) - self.taxes_before
        rates = {Decimal(str(tax.amount)).normalize() for tax in created}
        self.assertLessEqual(rates, {r.normalize() for r in self.charged})

    def _check_generated_orders(self, method):
        """Download EXAMPLES batches of BATCH generated orders and check each."""
        checked = []

        @GENERATED
        @given(st.lists(orders(), min_size=BATCH, max_size=BATCH))
        def check(specs):
            for bc_order in self._download_batch(specs, method):
                self._assert_lands_on_bigcommerce(bc_order)
                checked.append(bc_order["id"])
            self._assert_no_invented_tax()

        check()
        self.assertEqual(len(checked), EXAMPLES * BATCH)

    def test_orders_land_on_bigcommerce_rounding_per_line(self):
        self._check_generated_orders("round_per_line")

    def test_orders_land_on_bigcommerce_rounding_globally(self):
        self._check_generated_orders("round_globally")


def _cents(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))
