"""Shipping method rows: from the store's zones and from orders, never typed."""

from odoo.addons.bigcommerce_connector.sync.orders.shipping import ShippingMethods
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from tests.contract import validate_logged_requests
from tests.test_order_download import OrderDownloadCase


class ShippingMethodsCase(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create(
            {"name": "Express Courier Shipping", "type": "service"}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {"name": "Express Courier", "product_id": product.id}
        )
        cls.Map = cls.env["bigcommerce.shipping.map"]

    def setUp(self):
        super().setUp()
        # A second zone, sharing "Flat Rate" with the default "United States".
        self.sim.shipping_zones.append(
            dict(self.sim.shipping_zones[0], id=2, name="Canada", locations=[])
        )
        template = self.sim.shipping_methods[1][0]
        self.sim.shipping_methods[2] = [
            dict(template, id=3, name="Flat Rate"),
            dict(template, id=4, name="Express Post", type="peritem"),
        ]

    def rows(self):
        return self.Map.search([("store_id", "=", self.store.id)])

    def row(self, name):
        return self.rows().filtered(lambda row: row.name == name)

    def method_order(self, method, **fields):
        addresses = [{"shipping_method": method}]
        return self.mug_order(shipping_addresses=addresses, **fields)


@tagged("standard", "bigcommerce")
class TestLoadShippingMethods(ShippingMethodsCase):
    def test_load_adds_one_row_per_method_of_all_zones(self):
        self.store.action_load_shipping_methods()

        self.assertEqual(
            self.rows().mapped("name"), ["Express Post", "Flat Rate", "Free Shipping"]
        )
        self.assertEqual(self.row("Flat Rate").zones, "United States, Canada")
        self.assertEqual(self.row("Express Post").zones, "Canada")
        self.assertFalse(self.rows().carrier_id)

    def test_rows_are_named_as_orders_name_their_method(self):
        self.store.action_load_shipping_methods()
        loaded = self.rows()
        self.method_order("Flat Rate")

        self.download()

        self.assertEqual(self.rows(), loaded)

    def test_load_keeps_existing_carriers(self):
        self.Map.create(
            {
                "store_id": self.store.id,
                "name": "Flat Rate",
                "carrier_id": self.carrier.id,
            }
        )

        self.store.action_load_shipping_methods()

        self.assertEqual(len(self.rows()), 3)
        self.assertEqual(self.row("Flat Rate").carrier_id, self.carrier)
        self.assertEqual(self.row("Flat Rate").zones, "United States, Canada")

    def test_second_load_adds_nothing(self):
        self.store.action_load_shipping_methods()
        first = self.rows()

        self.store.action_load_shipping_methods()

        self.assertEqual(self.rows(), first)

    def test_load_makes_one_call_for_the_zones_and_one_per_zone(self):
        self.store.action_load_shipping_methods()

        self.assertEqual(
            [request.path.split("/v2/")[1] for request in self.sim.requests],
            ["shipping/zones", "shipping/zones/1/methods", "shipping/zones/2/methods"],
        )
        validate_logged_requests(self.sim.requests)

    def test_a_store_without_zones_adds_nothing(self):
        self.sim.shipping_zones.clear()

        self.store.action_load_shipping_methods()

        self.assertFalse(self.rows())
        self.assertEqual(len(self.sim.requests), 1)

    def test_two_spellings_of_a_method_make_one_row(self):
        self.sim.shipping_methods[2][0]["name"] = " FLAT rate "

        self.store.action_load_shipping_methods()

        self.assertEqual(len(self.rows()), 3)
        self.assertEqual(self.row("Flat Rate").zones, "United States, Canada")

    def test_a_bigcommerce_user_cannot_load_shipping_methods(self):
        self.assert_refused_before_any_call(self.user)

    def test_a_sales_user_cannot_load_shipping_methods(self):
        salesman = new_test_user(
            self.env, login="bc_ship_seller", groups="sales_team.group_sale_salesman"
        )
        self.assert_refused_before_any_call(salesman)

    def assert_refused_before_any_call(self, user):
        with self.assertRaises(AccessError):
            self.store.with_user(user).action_load_shipping_methods()
        self.assertEqual(self.sim.requests, [])
        self.assertFalse(self.rows())


@tagged("standard", "bigcommerce")
class TestShippingMethodsOfOrders(ShippingMethodsCase):
    def test_download_adds_an_unseen_method_as_an_unmapped_row(self):
        self.method_order("Express Post")

        self.download()

        self.assertEqual(self.rows().mapped("name"), ["Express Post"])
        self.assertFalse(self.rows().carrier_id)

    def test_second_download_adds_nothing(self):
        self.method_order("Express Post")
        self.download()
        first = self.rows()
        self.method_order("Express Post")

        self.download()

        self.assertEqual(len(self.sales()), 2)
        self.assertEqual(self.rows(), first)

    def test_methods_differing_only_in_case_make_one_row(self):
        self.method_order("Express Post")
        self.method_order(" express POST")

        self.download()

        self.assertEqual(self.rows().mapped("name"), ["Express Post"])

    def test_a_mapped_method_charges_shipping_with_its_carrier(self):
        self.method_order("Express Post")
        self.download()
        self.rows().carrier_id = self.carrier
        self.method_order(" EXPRESS post ")

        self.download()

        first, second = self.sales().sorted("bigcommerce_order_id")
        unmapped = first.order_line.filtered("is_delivery")
        mapped = second.order_line.filtered("is_delivery")
        self.assertNotEqual(unmapped.product_id, self.carrier.product_id)
        self.assertEqual(mapped.product_id, self.carrier.product_id)
        self.assertEqual(mapped.price_unit, 10)

    def test_a_bigcommerce_user_download_adds_the_rows(self):
        self.method_order("Express Post")

        self.store.with_user(self.user).action_download_orders()

        self.assertEqual(len(self.sales()), 1)
        self.assertEqual(self.rows().mapped("name"), ["Express Post"])

    def test_a_row_another_import_added_meanwhile_is_no_error(self):
        # The other import's row, in any case: the index compares lower(name).
        self.Map.create({"store_id": self.store.id, "name": "EXPRESS POST"})

        added = ShippingMethods(self.store)._insert("Express Post", "")

        self.assertFalse(added)
        # The savepoint kept the transaction alive.
        self.assertEqual(self.rows().mapped("name"), ["EXPRESS POST"])
