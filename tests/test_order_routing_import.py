"""Branch routing of downloaded orders: the grid, split, keep default warehouse."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase

CALIFORNIA = {
    "first_name": "Cal",
    "last_name": "West",
    "street_1": "1 Market Street",
    "city": "San Francisco",
    "state": "California",
    "zip": "94105",
    "country": "United States",
    "country_iso2": "US",
}
NEW_YORK = {
    "first_name": "Ny",
    "last_name": "East",
    "street_1": "5 Broadway",
    "city": "New York",
    "state": "New York",
    "zip": "10001",
    "country": "United States",
    "country_iso2": "US",
}


@tagged("standard", "bigcommerce")
class TestOrderRouting(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.store.company_id
        Warehouse = cls.env["stock.warehouse"]
        cls.main = Warehouse.search([("company_id", "=", company.id)], limit=1)
        cls.west = Warehouse.create(
            {"name": "West", "code": "WST", "company_id": company.id}
        )
        cls.north = Warehouse.create(
            {"name": "North", "code": "NTH", "company_id": company.id}
        )
        cls.mug.is_storable = True
        cls.california = cls.env.ref("base.state_us_5")
        cls.store.write(
            {
                "order_warehouse_id": cls.main.id,
                "order_routing": True,
                "routing_rule_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "state_ids": [Command.set(cls.california.ids)],
                            "warehouse_id": cls.west.id,
                            "backup1_warehouse_id": cls.north.id,
                        }
                    ),
                ],
            }
        )

    def order_to(self, *addresses, quantity=2, **fields):
        shipping = [dict(address, id=100 + n) for n, address in enumerate(addresses)]
        products = [
            {
                "sku": "MUG-1",
                "name": "Mug",
                "quantity": quantity,
                "price": 10,
                "order_address_id": 100 + n,
            }
            for n in range(len(addresses))
        ]
        return self.mug_order(shipping_addresses=shipping, products=products, **fields)

    def put_stock(self, warehouse, quantity):
        self.env["stock.quant"]._update_available_quantity(
            self.mug, warehouse.lot_stock_id, quantity
        )

    def sale_of(self, bc_order):
        return self.log(bc_order).sale_order_ids

    def ships(self, bc_order):
        """The warehouse that ships the mugs of ``bc_order``."""
        return (
            self.sale_of(bc_order)
            .order_line.filtered(lambda line: line.product_id == self.mug)
            .warehouse_id
        )

    def shipped_from(self, sale):
        return sale.picking_ids.picking_type_id.warehouse_id

    def test_a_consignment_is_shipped_by_the_warehouse_of_its_rule(self):
        bc_order = self.order_to(CALIFORNIA)

        self.download()

        sale = self.sale_of(bc_order)
        self.assertEqual(sale.warehouse_id, self.west)
        self.assertEqual(self.shipped_from(sale), self.west)
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_no_matching_rule_means_download_orders_to(self):
        bc_order = self.order_to(NEW_YORK)

        self.download()

        self.assertEqual(self.sale_of(bc_order).warehouse_id, self.main)
        self.assertEqual(self.shipped_from(self.sale_of(bc_order)), self.main)

    def test_each_consignment_is_routed_by_its_own_address(self):
        bc_order = self.order_to(NEW_YORK, CALIFORNIA)

        self.download()

        sale = self.sale_of(bc_order)
        self.assertEqual(len(sale), 1)
        self.assertEqual(sale.warehouse_id, self.main)
        by_address = {
            line.bigcommerce_order_address_id: line.warehouse_id
            for line in sale.order_line
            if line.product_id == self.mug
        }
        self.assertEqual(by_address, {100: self.main, 101: self.west})
        self.assertEqual(len(sale.picking_ids), 2)
        self.assertEqual(self.shipped_from(sale), self.main | self.west)
        west_picking = sale.picking_ids.filtered(
            lambda p: p.picking_type_id.warehouse_id == self.west
        )
        self.assertEqual(west_picking.partner_id.street, "1 Market Street")

    def test_a_shipping_method_rule(self):
        express = self.env["bigcommerce.shipping.map"].create(
            {"store_id": self.store.id, "name": "Express"}
        )
        self.store.routing_rule_ids = [
            Command.create(
                {
                    "sequence": 0,
                    "shipping_method_ids": [Command.set(express.ids)],
                    "warehouse_id": self.north.id,
                }
            )
        ]
        fast = self.order_to(dict(NEW_YORK, shipping_method="Express"))
        slow = self.order_to(dict(NEW_YORK, shipping_method="Ground"))

        self.download()

        self.assertEqual(self.sale_of(fast).warehouse_id, self.north)
        self.assertEqual(self.sale_of(slow).warehouse_id, self.main)

    def test_keep_default_warehouse_routes_lines_not_the_order(self):
        self.store.keep_default_warehouse = True
        bc_order = self.order_to(CALIFORNIA)

        self.download()

        sale = self.sale_of(bc_order)
        self.assertEqual(sale.warehouse_id, self.main)
        mug_line = sale.order_line.filtered(lambda line: line.product_id == self.mug)
        self.assertEqual(mug_line.route_ids, self.west.delivery_route_id)
        self.assertEqual(mug_line.warehouse_id, self.west)
        self.assertEqual(self.shipped_from(sale), self.west)

    def test_a_rule_whose_warehouse_was_archived_falls_back_with_the_reason(self):
        self.west.active = False
        bc_order = self.order_to(CALIFORNIA)

        run = self.download()

        sale = self.sale_of(bc_order)
        self.assertEqual(sale.warehouse_id, self.main)
        warning = run.log.line_ids.filtered(lambda line: line.level == "warning")
        self.assertIn("West, which is archived", warning.message)
        self.assertTrue(
            any("archived" in body for body in sale.message_ids.mapped("body"))
        )

    def test_an_order_shipped_from_two_warehouses_follows_its_cancellation(self):
        bc_order = self.order_to(NEW_YORK, CALIFORNIA)
        self.download()
        sale = self.sale_of(bc_order)
        self.assertEqual(len(sale.picking_ids), 2)
        self.sim.update_order(bc_order["id"], status_id=5, status="Cancelled")

        self.download()

        self.assertEqual(sale.state, "cancel")
        self.assertEqual(set(sale.picking_ids.mapped("state")), {"cancel"})

    def test_a_picked_up_line_gets_no_delivery_route(self):
        self.store.keep_default_warehouse = True
        bc_order = self.mug_order(
            shipping_addresses=[dict(CALIFORNIA, id=100)],
            products=[
                {"sku": "MUG-1", "name": "Mug", "quantity": 1, "order_address_id": 100},
                {
                    "sku": "MUG-1",
                    "name": "Mug (pickup)",
                    "quantity": 1,
                    "order_pickup_method_id": 1,
                },
            ],
        )

        self.download()

        lines = self.sale_of(bc_order).order_line.filtered(
            lambda line: line.product_id == self.mug
        )
        shipped = lines.filtered("bigcommerce_order_address_id")
        picked_up = lines - shipped
        self.assertEqual(shipped.route_ids, self.west.delivery_route_id)
        self.assertFalse(picked_up.route_ids)
        self.assertEqual(picked_up.warehouse_id, self.main)

    def test_a_rule_on_another_company_warehouse_is_refused(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        elsewhere = self.env["stock.warehouse"].search(
            [("company_id", "=", other.id)], limit=1
        )
        with self.assertRaises(UserError):
            self.store.routing_rule_ids.warehouse_id = elsewhere

    def test_an_order_shipped_from_two_warehouses_follows_an_edit(self):
        bc_order = self.order_to(NEW_YORK, CALIFORNIA)
        self.download()
        sale = self.sale_of(bc_order)
        products = self.sim.order(bc_order["id"])["products"]
        edited = [
            dict(p, quantity=5 if p["order_address_id"] == 101 else 2) for p in products
        ]
        self.sim.update_order(bc_order["id"], products=edited)

        self.download()

        west = sale.order_line.filtered(lambda line: line.warehouse_id == self.west)
        self.assertEqual(west.product_uom_qty, 5)
        self.assertEqual(
            sale.amount_total, float(self.sim.order(bc_order["id"])["total_inc_tax"])
        )
        moves = sale.picking_ids.filtered(
            lambda p: p.picking_type_id.warehouse_id == self.west
        ).move_ids
        self.assertEqual(sum(moves.mapped("product_uom_qty")), 5)

    def test_routing_off_ignores_the_grid(self):
        self.store.order_routing = False
        bc_order = self.order_to(CALIFORNIA)

        self.download()

        self.assertEqual(self.sale_of(bc_order).warehouse_id, self.main)

    def test_a_bad_zip_range_is_refused(self):
        rule = self.store.routing_rule_ids
        with self.assertRaisesRegex(ValidationError, "9-1"):
            rule.zip_codes = "9-1"
        rule.zip_codes = "940-949"
        self.assertEqual(rule.zip_codes, "940-949")


@tagged("standard", "bigcommerce")
class TestOrderSplit(TestOrderRouting):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.order_split = True

    def test_a_line_the_routed_warehouse_lacks_ships_from_the_backup(self):
        self.put_stock(self.west, 1)
        self.put_stock(self.north, 5)
        bc_order = self.order_to(CALIFORNIA, quantity=3)

        self.download()

        sale = self.sale_of(bc_order)
        mug_line = sale.order_line.filtered(lambda line: line.product_id == self.mug)
        self.assertEqual(mug_line.warehouse_id, self.north)
        self.assertEqual(mug_line.product_uom_qty, 3)
        self.assertEqual(self.shipped_from(sale), self.north)
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_earlier_orders_of_the_page_take_the_stock_first(self):
        self.put_stock(self.west, 2)
        self.put_stock(self.north, 2)
        first = self.order_to(CALIFORNIA, quantity=2)
        second = self.order_to(CALIFORNIA, quantity=2)
        third = self.order_to(CALIFORNIA, quantity=2)

        self.download()

        self.assertEqual(self.ships(first), self.west)
        self.assertEqual(self.ships(second), self.north)
        # Nothing left anywhere: it stays with the routed warehouse.
        self.assertEqual(self.ships(third), self.west)

    def test_a_skipped_order_gives_back_no_stock_the_page_took(self):
        self.put_stock(self.west, 2)
        self.put_stock(self.north, 4)
        first = self.order_to(CALIFORNIA, quantity=2)
        second = self.order_to(CALIFORNIA, quantity=2)
        bad = self.mug_order(products=[{"sku": "MUG-1", "price": -5}])
        # A failed earlier download: imported one by one, after the batch.
        retried = self.order_to(CALIFORNIA, quantity=2)
        self.Log.create(
            {
                "store_id": self.store.id,
                "bc_order_id": retried["id"],
                "state": "error",
                "reason": "earlier failure",
            }
        )

        self.download()

        self.assertEqual(self.log(bad).state, "skipped")
        self.assertEqual(
            (self.ships(first), self.ships(second)), (self.west, self.north)
        )
        # The batch took West's 2: the skipped order gives nothing back.
        self.assertEqual(self.ships(retried), self.north)

    def test_nothing_in_stock_anywhere_keeps_the_routed_warehouse(self):
        bc_order = self.order_to(CALIFORNIA)

        self.download()

        sale = self.sale_of(bc_order)
        self.assertEqual(len(sale), 1)
        self.assertEqual(self.shipped_from(sale), self.west)
