"""Download orders: BigCommerce orders to Odoo sale orders, over real HTTP."""

from odoo import Command
from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged

from tests.common import BigCommerceCase
from tests.contract import validate_logged_requests


class OrderDownloadCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.write({"state": "connected", "order_sync": True})
        cls.mug = cls.env["product.product"].create(
            {
                "name": "Mug",
                "default_code": "MUG-1",
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
        )
        cls.Sale = cls.env["sale.order"]
        cls.Log = cls.env["bigcommerce.order.log"]

    def download(self, page_size=250, **kwargs):
        return self.run_sync(
            "order_download",
            lambda run: OrderImporter(self.store, run).download(
                page_size=page_size, **kwargs
            ),
        )

    def sales(self):
        return self.Sale.search([("bigcommerce_store_id", "=", self.store.id)])

    def log(self, bc_order):
        return self.Log.search(
            [("store_id", "=", self.store.id), ("bc_order_id", "=", bc_order["id"])]
        )

    def mug_order(self, **fields):
        values = {
            "products": [{"sku": "MUG-1", "name": "Mug", "quantity": 2, "price": 10}]
        }
        values.update(fields)
        return self.sim.add_order(**values)


@tagged("standard", "bigcommerce")
class TestOrderDownload(OrderDownloadCase):
    def test_an_order_becomes_a_confirmed_sale_order(self):
        bc_order = self.mug_order(customer_message="Gift wrap please")

        run = self.download()

        sale = self.sales()
        self.assertEqual(len(sale), 1)
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.bigcommerce_order_id, bc_order["id"])
        item = sale.order_line.filtered(lambda line: line.product_id == self.mug)
        self.assertEqual((item.product_uom_qty, item.price_unit), (2, 10))
        self.assertEqual(sale.bigcommerce_customer_message, "Gift wrap please")
        self.assertAlmostEqual(sale.amount_total, float(bc_order["total_inc_tax"]))
        self.assertEqual(self.log(bc_order).state, "imported")
        self.assertEqual(run.counts["created"], 1)
        validate_logged_requests(self.sim.requests)

    def test_one_call_per_page_with_lines_included(self):
        for day in range(1, 6):
            self.mug_order(date_modified=f"2025-01-0{day}T10:00:00+00:00")

        self.download(page_size=4)

        self.assertEqual(len(self.sales()), 5)
        self.assertEqual(self.sim.count(path_contains="/v2/orders"), 2)
        query = self.sim.requests[0].query
        self.assertEqual(query["include"], "consignments.line_items,fees")

    def test_second_download_updates_never_duplicates(self):
        self.mug_order()
        self.download()
        self.store.orders_modified_after = False

        run = self.download()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(run.counts["created"], 0)

    def test_deleting_the_log_entry_allows_a_reimport(self):
        bc_order = self.mug_order()
        self.download()
        self.sales().action_cancel()
        self.log(bc_order).unlink()
        self.store.orders_modified_after = False

        self.download()

        self.assertEqual(len(self.sales()), 2)

    def test_quotation_stage_leaves_orders_unconfirmed(self):
        self.store.order_stage = "quotation"
        self.mug_order()

        self.download()

        self.assertEqual(self.sales().state, "draft")

    def test_unknown_sku_becomes_a_service_line_with_name_and_sku(self):
        self.sim.add_order(
            products=[{"sku": "GONE-1", "name": "Deleted product", "price": 7}]
        )

        self.download()

        line = self.sales().order_line.filtered(
            lambda line: "GONE-1" in (line.name or "")
        )
        self.assertEqual(line.product_id.type, "service")
        self.assertIn("Deleted product", line.name)

    def test_a_variant_link_wins_over_another_product_with_the_sku(self):
        linked = self.env["product.product"].create(
            {"name": "Linked mug", "default_code": "MUG-OLD", "type": "consu"}
        )
        self.env["bigcommerce.product.link"].create(
            {
                "store_id": self.store.id,
                "product_id": linked.id,
                "bc_product_id": 500,
                "bc_variant_id": 501,
                "sku": "MUG-OLD",
            }
        )
        line = {"sku": "MUG-1", "name": "Mug", "product_id": 500, "variant_id": 501}
        self.mug_order(products=[dict(line, quantity=1, price=12)])

        self.download()

        item = self.sales().order_line.filtered(lambda line: line.price_unit == 12)
        self.assertEqual(item.product_id, linked)

    def test_the_order_date_is_bigcommerce_creation_date(self):
        self.mug_order(date_created="Tue, 20 Nov 2018 13:45:10 +0000")

        self.download()

        self.assertEqual(self.sales().state, "sale")
        self.assertEqual(str(self.sales().date_order), "2018-11-20 13:45:10")

    def test_shipping_is_charged_with_its_method(self):
        self.mug_order()

        self.download()

        shipping = self.sales().order_line.filtered("is_delivery")
        self.assertEqual(shipping.price_unit, 10)
        self.assertIn("Flat Rate", shipping.name)

    def test_charged_tax_lands_on_bigcommerce_total(self):
        bc_order = self.mug_order(tax_rate=0.0825)

        self.download()

        sale = self.sales()
        self.assertAlmostEqual(sale.amount_total, float(bc_order["total_inc_tax"]), 2)
        taxes = sale.order_line.tax_ids
        self.assertEqual(set(taxes.mapped("amount")), {8.25})
        self.assertEqual(set(taxes.tax_group_id.mapped("name")), {"Tax 8.25%"})

    def test_a_coupon_lowers_the_price_and_tax_of_the_line_it_discounts(self):
        bc_order = self.sim.add_order(
            tax_rate=0.0825,
            products=[
                {
                    "sku": "MUG-1",
                    "quantity": 2,
                    "price": 10,
                    "applied_discounts": [
                        {
                            "id": "1",
                            "amount": 5,
                            "name": "Save",
                            "code": "SAVE5",
                            "target": "product",
                        }
                    ],
                }
            ],
            coupons=[{"code": "SAVE5", "amount": 5}],
        )

        self.download()

        sale = self.sales()
        line = sale.order_line.filtered(lambda line: line.product_id == self.mug)
        # 2 x 10.00 less the 5.00 coupon; taxed after it: 8.25 % of 15.00.
        self.assertEqual(line.price_subtotal, 15.0)
        self.assertAlmostEqual(line.price_tax, 1.24, places=2)
        self.assertEqual(bc_order["products"][0]["total_tax"], "1.2400")
        self.assertIn("Coupon SAVE5: -5.00", line.name)
        self.assertFalse(sale.order_line.filtered(lambda line: line.price_unit < 0))
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_a_fee_is_a_line_with_its_tax(self):
        bc_order = self.mug_order(
            tax_rate=0.0825,
            fees=[{"display_name": "Package Protection", "cost_ex_tax": 2.99}],
        )

        self.download()

        sale = self.sales()
        fee = sale.order_line.filtered(lambda line: line.name == "Package Protection")
        self.assertEqual(fee.price_subtotal, 2.99)
        self.assertAlmostEqual(fee.price_tax, 0.25, places=2)  # 8.25 % of 2.99
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))
        self.assertEqual(sale.amount_tax, float(bc_order["total_tax"]))

    def test_a_discount_no_line_carries_is_an_untaxed_discount_line(self):
        self.store.load_coupon_codes = True
        bc_order = self.mug_order(tax_rate=0.0825, discount_amount=3)

        self.download()

        sale = self.sales()
        discount = sale.order_line.filtered(lambda line: line.price_unit < 0)
        self.assertEqual((discount.name, discount.price_unit), ("Discount", -3.0))
        self.assertFalse(discount.tax_ids)
        self.assertEqual(sale.amount_tax, float(bc_order["total_tax"]))
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_status_filter_skips_other_statuses(self):
        self.store.order_status_ids = self.env.ref(
            "bigcommerce_connector.bigcommerce_status_11"
        ) | self.env.ref("bigcommerce_connector.bigcommerce_status_9")
        pending = self.mug_order(status_id=1)
        self.mug_order()

        self.download()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(self.log(pending).state, "skipped")
        self.assertIn("Pending", self.log(pending).reason)

    def test_an_incomplete_order_is_skipped_when_every_status_is_downloaded(self):
        self.assertFalse(self.store.order_status_ids)
        incomplete = self.mug_order(status_id=0, status="Incomplete")
        self.mug_order()

        self.download()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(self.log(incomplete).state, "skipped")
        self.assertEqual(self.log(incomplete).reason, "the order is incomplete")

    def test_a_single_status_is_filtered_by_bigcommerce(self):
        self.store.order_status_ids = self.env.ref(
            "bigcommerce_connector.bigcommerce_status_11"
        )
        self.mug_order(status_id=1)
        self.mug_order()

        self.download()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(self.sim.requests[0].query["status_id"], "11")

    def test_cursor_moves_to_the_last_order(self):
        self.mug_order(date_modified="Wed, 10 Jan 2018 21:05:30 +0000")

        self.download()

        self.assertEqual(str(self.store.orders_modified_after), "2018-01-10 21:05:30")

    def test_a_product_unknown_in_odoo_is_downloaded_from_bigcommerce(self):
        self.store.write({"weight_unit": "lb", "dimension_unit": "in"})
        lamp = self.sim.add_product("Desk lamp", sku="LAMP-1", price=30)
        self.sim.add_order(products=[{"product_id": lamp["id"], "quantity": 1}])
        self.sim.add_order(products=[{"product_id": lamp["id"], "quantity": 2}])

        self.download()

        product = self.env["product.product"].search([("default_code", "=", "LAMP-1")])
        self.assertEqual(len(product), 1)
        self.assertEqual(
            self.sales()
            .order_line.filtered(lambda line: line.price_unit == 30)
            .product_id,
            product,
        )
        self.assertEqual(self.sim.count(path_contains="/v3/catalog/products"), 1)
        validate_logged_requests(self.sim.requests)

    def test_a_link_only_store_keeps_unknown_products_as_service_lines(self):
        self.store.write(
            {"weight_unit": "lb", "dimension_unit": "in", "product_link_only": True}
        )
        lamp = self.sim.add_product("Desk lamp", sku="LAMP-1", price=30)
        self.sim.add_order(products=[{"product_id": lamp["id"], "quantity": 1}])

        self.download()

        line = self.sales().order_line.filtered(lambda line: line.price_unit == 30)
        self.assertEqual(line.product_id.type, "service")
        self.assertIn("LAMP-1", line.name)

    def test_a_line_matching_no_product_is_named_in_the_log_and_chatter(self):
        self.store.product_link_only = True
        bc_order = self.sim.add_order(
            products=[
                {"sku": "GHOST-1", "name": "Ghost cup", "quantity": 1, "price": 4}
            ]
        )

        run = self.download()

        sale = self.sales()
        self.assertEqual(sale.order_line[0].product_id.default_code, "BC-ITEM")
        warning = run.log.line_ids.filtered(
            lambda line: line.reference == f"order {bc_order['id']}"
        )
        self.assertIn('GHOST-1 "Ghost cup" matched no Odoo product', warning.message)
        self.assertIn("GHOST-1", " ".join(sale.message_ids.mapped("body")))

    def test_matched_lines_raise_no_warning(self):
        self.mug_order()

        run = self.download()

        self.assertFalse(
            run.log.line_ids.filtered(lambda line: line.level == "warning")
        )
