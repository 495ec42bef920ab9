"""Kits: a downloaded order of a kit ships its components (Odoo's mrp).

The connector adds nothing here: in Odoo a product with a *Kit* bill of
materials is exploded into its components by the delivery, and a product
with a manufacturing bill of materials ships itself from its own stock. So
the seed's "Automatically Load BOMs for Kits" (yes / no) is the bill of
materials' type in Odoo, per product; these tests hold the connector's
orders to it (routing and auto dispatch included).
"""

from odoo import Command
from odoo.tests import tagged

from tests.test_order_download import OrderDownloadCase


@tagged("standard", "bigcommerce")
class TestOrderKits(OrderDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.cup = Product.create({"name": "Cup", "type": "consu", "is_storable": True})
        cls.saucer = Product.create(
            {"name": "Saucer", "type": "consu", "is_storable": True}
        )
        cls.set = Product.create(
            {
                "name": "Tea Set",
                "default_code": "SET-1",
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
        )
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.set.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    Command.create({"product_id": cls.cup.id, "product_qty": 2}),
                    Command.create({"product_id": cls.saucer.id, "product_qty": 2}),
                ],
            }
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.store.company_id.id)], limit=1
        )
        cls.store.order_warehouse_id = warehouse
        for product in (cls.cup, cls.saucer):
            cls.env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 10
            )

    def set_order(self, quantity=1):
        return self.sim.add_order(
            products=[
                {"sku": "SET-1", "name": "Tea Set", "quantity": quantity, "price": 30}
            ]
        )

    def test_a_kit_ships_its_components(self):
        bc_order = self.set_order(quantity=2)

        self.download()

        sale = self.log(bc_order).sale_order_ids
        moves = sale.picking_ids.move_ids
        self.assertEqual(moves.product_id, self.cup | self.saucer)
        self.assertEqual(sorted(moves.mapped("product_uom_qty")), [4, 4])
        self.assertEqual(sale.amount_total, float(bc_order["total_inc_tax"]))

    def test_auto_dispatch_ships_a_kit_and_counts_it_delivered(self):
        self.store.auto_dispatch = "yes"
        bc_order = self.set_order()

        self.download()

        sale = self.log(bc_order).sale_order_ids
        line = sale.order_line.filtered(lambda line: line.product_id == self.set)
        self.assertEqual(sale.picking_ids.state, "done")
        self.assertEqual(line.qty_delivered, 1)

    def test_a_manufactured_product_ships_itself(self):
        self.bom.type = "normal"
        bc_order = self.set_order()

        self.download()

        moves = self.log(bc_order).sale_order_ids.picking_ids.move_ids
        self.assertEqual(moves.product_id, self.set)
