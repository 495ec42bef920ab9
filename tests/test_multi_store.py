"""Two stores sharing order ids, SKUs and customer ids never touch each other."""

from odoo import Command
from odoo.tests import tagged

from tests.common import SIM_TOKEN, BigCommerceCase
from tests.simulator import BigCommerceSimulator


@tagged("standard", "bigcommerce")
class TestTwoStores(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(order_sync=True, product_sync=True)
        cls.sim2 = BigCommerceSimulator(store_hash="sim456", access_token=SIM_TOKEN)
        cls.sim2.start()
        cls.addClassCleanup(cls.sim2.stop)
        cls.store2 = cls.env["bigcommerce.store"].create(
            cls._store_values(
                name="Second store", store_hash="sim456", api_url=cls.sim2.base_url
            )
        )
        cls.store2.write(
            {
                "state": "connected",
                "order_sync": True,
                "weight_unit": "kg",
                "dimension_unit": "cm",
            }
        )
        cls.env["product.product"].create(
            {"name": "Mug", "default_code": "MUG-1", "taxes_id": [Command.clear()]}
        )

    def setUp(self):
        super().setUp()
        self.sim2.reset()

    def seed(self, sim, email, quantity):
        customer = sim.add_customer(email)
        return sim.add_order(
            customer_id=customer["id"],
            products=[
                {"sku": "MUG-1", "name": "Mug", "quantity": quantity, "price": 5}
            ],
        )

    def test_the_same_order_id_in_two_stores_makes_two_orders(self):
        first = self.seed(self.sim, "ann@example.com", 1)
        second = self.seed(self.sim2, "bob@example.com", 3)
        self.assertEqual(first["id"], second["id"])
        self.assertEqual(first["customer_id"], second["customer_id"])

        self.store.action_download_orders()
        self.store2.action_download_orders()
        self.store.action_download_orders()  # nothing of the second store moves

        Sale = self.env["sale.order"]
        one = Sale.search([("bigcommerce_store_id", "=", self.store.id)])
        two = Sale.search([("bigcommerce_store_id", "=", self.store2.id)])
        self.assertEqual((len(one), len(two)), (1, 1))
        self.assertEqual(one.order_line[0].product_uom_qty, 1)
        self.assertEqual(two.order_line[0].product_uom_qty, 3)
        self.assertEqual(one.partner_id.email, "ann@example.com")
        self.assertEqual(two.partner_id.email, "bob@example.com")
        Log = self.env["bigcommerce.order.log"]
        self.assertEqual(
            Log.search([("bc_order_id", "=", first["id"])]).store_id,
            self.store | self.store2,
        )
        Link = self.env["bigcommerce.partner.link"]
        links = Link.search([("bc_customer_id", "=", first["customer_id"])])
        self.assertEqual(
            {(link.store_id, link.partner_id) for link in links},
            {(self.store, one.partner_id), (self.store2, two.partner_id)},
        )
