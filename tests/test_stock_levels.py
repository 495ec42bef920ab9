"""Stock levels read for many products at once, against Odoo's own compute.

Real stock moves in real Odoo: receipts and deliveries dated inside and
outside 7 and 30 days, reservations, two- and three-step routes, a product
in two warehouses. Each formula's level is what Odoo's product fields say
with the warehouse (and the horizon) in context, and what a warehouse
manager counts by hand.
"""

from datetime import timedelta

from odoo import fields
from odoo.addons.bigcommerce_connector.sync.stock.levels import (
    read_levels,
    stocked_products,
)
from odoo.addons.bigcommerce_connector.sync.stock.mapping import (
    FORMULAS,
    Levels,
    base_quantity,
)
from odoo.tests import TransactionCase, tagged


@tagged("standard", "bigcommerce")
class StockScenario(TransactionCase):
    """Two warehouses, products with moves at known dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()
        cls.wh = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.wh2 = cls.env["stock.warehouse"].create({"name": "Second", "code": "WH2"})
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})
        cls.supplier = cls.env["res.partner"].create({"name": "Supplier"})
        cls.Product = cls.env["product.product"]

    @classmethod
    def storable(cls, name):
        return cls.Product.create({"name": name, "is_storable": True})

    @classmethod
    def put(cls, product, quantity, warehouse=None):
        cls.env["stock.quant"]._update_available_quantity(
            product, (warehouse or cls.wh).lot_stock_id, quantity
        )

    @classmethod
    def picking(cls, product, quantity, days, kind, warehouse=None):
        """A confirmed receipt (``in``) or delivery (``out``) due in ``days``."""
        warehouse = warehouse or cls.wh
        picking_type = warehouse.in_type_id if kind == "in" else warehouse.out_type_id
        source = (
            cls.env.ref("stock.stock_location_suppliers")
            if kind == "in"
            else picking_type.default_location_src_id
        )
        dest = (
            picking_type.default_location_dest_id
            if kind == "in"
            else cls.env.ref("stock.stock_location_customers")
        )
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": (cls.supplier if kind == "in" else cls.customer).id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "scheduled_date": cls.now + timedelta(days=days),
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                            "date": cls.now + timedelta(days=days),
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        if kind == "out":
            picking.action_assign()
        return picking

    def odoo_levels(self, product, warehouses):
        """What Odoo's own fields say, summed over ``warehouses``."""
        total = Levels()
        for warehouse in warehouses:
            p = product.with_context(warehouse_id=warehouse.id)
            p7 = p.with_context(to_date=self.now + timedelta(days=7))
            p30 = p.with_context(to_date=self.now + timedelta(days=30))
            total += Levels(
                on_hand=p.qty_available,
                free=p.free_qty,
                incoming=p.incoming_qty,
                incoming_7=p7.incoming_qty,
                incoming_30=p30.incoming_qty,
                demand_7=p7.outgoing_qty,
                demand_30=p30.outgoing_qty,
            )
        return total

    def levels(self, products, warehouses, formula):
        read = read_levels(self.env, warehouses, products, formula, now=self.now)
        return {
            product.id: sum(
                (read[wh.id].get(product.id, Levels()) for wh in warehouses), Levels()
            )
            for product in products
        }


@tagged("standard", "bigcommerce")
class TestStockLevels(StockScenario):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 10 on hand; deliveries of 3 in 2 days and 4 in 20 days (both
        # reserved); receipts of 5 in 3 days, 6 in 15 days, 8 in 60 days.
        cls.chair = cls.storable("Chair")
        cls.put(cls.chair, 10)
        cls.picking(cls.chair, 3, 2, "out")
        cls.picking(cls.chair, 4, 20, "out")
        cls.picking(cls.chair, 5, 3, "in")
        cls.picking(cls.chair, 6, 15, "in")
        cls.picking(cls.chair, 8, 60, "in")
        # 4 more in the second warehouse, 1 of it reserved.
        cls.put(cls.chair, 4, cls.wh2)
        cls.picking(cls.chair, 1, 1, "out", cls.wh2)
        # A product without stock and one with only a receipt.
        cls.empty = cls.storable("Empty")
        cls.coming = cls.storable("Coming")
        cls.picking(cls.coming, 9, 40, "in")

    def test_each_formula_counts_what_a_person_counts(self):
        """Hand-counted quantities of the chair in the main warehouse."""
        expected = {
            "free": 3,  # 10 on hand, 7 reserved
            "on_hand": 10,
            "on_hand_7": 7,  # less the 3 due in 2 days
            "on_hand_30": 3,  # less the 4 due in 20 days too
            "free_incoming": 22,  # 3 + 5 + 6 + 8
            "free_incoming_7": 8,  # 3 + 5
            "free_incoming_30": 14,  # 3 + 5 + 6
        }
        for formula, quantity in expected.items():
            with self.subTest(formula=formula):
                levels = self.levels(self.chair, self.wh, formula)[self.chair.id]
                self.assertEqual(base_quantity(levels, formula), quantity)

    def test_two_warehouses_are_summed(self):
        both = self.wh | self.wh2
        levels = self.levels(self.chair, both, "free")[self.chair.id]
        self.assertEqual(base_quantity(levels, "free"), 3 + 3)
        self.assertEqual(base_quantity(levels, "on_hand"), 14)

    def test_every_formula_matches_odoos_own_fields(self):
        products = self.chair | self.empty | self.coming
        for warehouses in (self.wh, self.wh2, self.wh | self.wh2):
            odoo = {p.id: self.odoo_levels(p, warehouses) for p in products}
            for formula in FORMULAS:
                ours = self.levels(products, warehouses, formula)
                for product in products:
                    with self.subTest(
                        formula=formula,
                        product=product.name,
                        warehouses=warehouses.mapped("code"),
                    ):
                        self.assertAlmostEqual(
                            base_quantity(ours[product.id], formula),
                            base_quantity(odoo[product.id], formula),
                        )

    def test_a_done_delivery_leaves_stock_and_demand(self):
        picking = self.picking(self.chair, 2, 1, "out", self.wh2)
        picking.move_ids.quantity = 2
        picking.button_validate()
        levels = self.levels(self.chair, self.wh2, "on_hand_7")[self.chair.id]
        self.assertEqual(levels.on_hand, 2)
        self.assertEqual(levels.demand_7, 1)  # the other delivery, still open

    def test_query_count_does_not_grow_with_products(self):
        few = self.chair | self.empty
        many = few | self.Product.create(
            [{"name": f"Bulk {i}", "is_storable": True} for i in range(60)]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=8):
            read_levels(self.env, self.wh | self.wh2, few, "free_incoming_30")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=8):
            read_levels(self.env, self.wh | self.wh2, many, "free_incoming_30")


@tagged("standard", "bigcommerce")
class TestMultiStepRoutes(StockScenario):
    """Two-step deliveries and three-step receipts count as Odoo counts them:
    stock in the output or input location is still in the warehouse."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wh.write({"delivery_steps": "pick_ship", "reception_steps": "three_steps"})
        cls.lamp = cls.storable("Lamp")
        cls.put(cls.lamp, 12)
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.wh.id,
                "commitment_date": cls.now + timedelta(days=5),
                "order_line": [
                    (0, 0, {"product_id": cls.lamp.id, "product_uom_qty": 5})
                ],
            }
        )
        order.action_confirm()
        purchase_type = cls.wh.in_type_id
        dest = purchase_type.default_location_dest_id
        receipt = cls.env["stock.picking"].create(
            {
                "picking_type_id": purchase_type.id,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": purchase_type.default_location_dest_id.id,
                "scheduled_date": cls.now + timedelta(days=10),
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.lamp.id,
                            "product_uom_qty": 7,
                            "location_id": cls.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": dest.id,
                            "date": cls.now + timedelta(days=10),
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        cls.pick = order.picking_ids.filtered(
            lambda p: p.picking_type_id == cls.wh.pick_type_id
        )

    def test_picked_goods_waiting_in_output_are_still_on_hand(self):
        self.assertTrue(self.pick, "the two-step route made a pick")
        self.pick.action_assign()
        self.pick.move_ids.quantity = 5
        self.pick.button_validate()
        levels = self.levels(self.lamp, self.wh, "on_hand_7")[self.lamp.id]
        self.assertEqual(levels.on_hand, 12)  # 7 in stock, 5 in output
        self.assertEqual(levels.demand_7, 5)  # the ship step, due in 5 days
        self.assertEqual(base_quantity(levels, "on_hand_7"), 7)

    def test_multi_step_matches_odoo(self):
        for formula in FORMULAS:
            with self.subTest(formula=formula):
                ours = self.levels(self.lamp, self.wh, formula)[self.lamp.id]
                odoo = self.odoo_levels(self.lamp, self.wh)
                self.assertAlmostEqual(
                    base_quantity(ours, formula), base_quantity(odoo, formula)
                )
        levels = self.levels(self.lamp, self.wh, "free_incoming_30")[self.lamp.id]
        self.assertEqual(levels.incoming_30, 7)  # counted once, not per step


@tagged("standard", "bigcommerce")
class TestStockedProducts(StockScenario):
    def test_a_quant_or_a_reordering_rule_says_the_warehouse_carries_it(self):
        kept, ruled, elsewhere, never = (
            self.storable(name) for name in ("Kept", "Ruled", "Elsewhere", "Never")
        )
        self.put(kept, 1)
        self.put(elsewhere, 5, self.wh2)
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": ruled.id,
                "warehouse_id": self.wh.id,
                "location_id": self.wh.lot_stock_id.id,
                "product_min_qty": 1,
                "product_max_qty": 5,
            }
        )
        stocked = stocked_products(self.env, self.wh, kept | ruled | elsewhere | never)
        self.assertEqual(stocked, {kept.id, ruled.id})


@tagged("standard", "bigcommerce")
class TestKits(StockScenario):
    """A kit (a 'phantom' bill of materials) has what its components make."""

    def test_a_kit_counts_the_kits_its_components_make(self):
        leg, top = self.storable("Leg"), self.storable("Top")
        table = self.Product.create({"name": "Table kit", "is_storable": True})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": table.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    (0, 0, {"product_id": leg.id, "product_qty": 4}),
                    (0, 0, {"product_id": top.id, "product_qty": 1}),
                ],
            }
        )
        self.put(leg, 10)  # two tables' legs
        self.put(top, 5)
        self.picking(top, 2, 10, "in")

        for formula, quantity in (("free", 2), ("on_hand", 2), ("free_incoming", 2)):
            with self.subTest(formula=formula):
                levels = self.levels(table, self.wh, formula)[table.id]
                self.assertEqual(base_quantity(levels, formula), quantity)
        self.put(leg, 6)  # 16 legs: four tables, and 5 + 2 tops
        self.env.invalidate_all()  # a push reads afresh; so does this
        levels = self.levels(table, self.wh, "free_incoming")[table.id]
        self.assertEqual(levels.free, 4)
        odoo = self.odoo_levels(table, self.wh)
        self.assertEqual(
            base_quantity(levels, "free_incoming"), odoo.free + odoo.incoming
        )
