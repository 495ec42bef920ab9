"""Stock push rules beyond the main path: products tracked by product, the
cursor, locations that change, visibility, tracking BigCommerce corrects."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from tests.contract import validate_logged_requests
from tests.test_stock_push import ABSOLUTE, CURSOR, StockPushCase

PRODUCTS = "/v3/catalog/products"


class RulesCase(StockPushCase):
    def backdate(self, links):
        """Make links look untouched since 2020: their moves, products, selves."""
        self.env.flush_all()
        old = datetime(2020, 1, 1)
        for table, column, ids in (
            ("stock_move", "product_id", links.product_id.ids),
            ("stock_quant", "product_id", links.product_id.ids),
            ("product_product", "id", links.product_id.ids),
            ("bigcommerce_product_link", "id", links.ids),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = %s WHERE %s IN %s",
                    SQL.identifier(table),
                    old,
                    SQL.identifier(column),
                    tuple(ids),
                )
            )
        self.env.invalidate_all()

    def lines(self, level=None):
        lines = self.last_run().line_ids
        if level:
            lines = lines.filtered(lambda line: line.level == level)
        return "\n".join(lines.mapped("message"))


@tagged("standard", "bigcommerce")
class TestProductTotals(RulesCase):
    def test_the_cap_applies_to_the_products_total_not_to_each_variant(self):
        self.store.stock_max_quantity = 6
        bc, links = self.product_with_variants([10, 10])

        self.store.action_update_all_stock()

        self.assertEqual(self.sim.inventory_level(product_id=bc["id"]), 6)
        self.assertEqual(links.mapped("stock_publishable"), [6, 6])

    def test_the_buffer_is_kept_back_once_of_the_product(self):
        self.store.stock_buffer = 2
        bc, _links = self.product_with_variants([3, 4])

        self.store.action_update_all_stock()

        self.assertEqual(self.sim.inventory_level(product_id=bc["id"]), 5)

    def test_the_store_percentage_caps_what_is_left(self):
        self.store.stock_max_percent = 50
        link = self.product("HALF", on_hand=9)

        self.store.action_update_all_stock()

        self.assertEqual(self.level(link), 4)  # 4.5: whole units

    def test_an_archived_variant_adds_nothing_to_its_products_total(self):
        bc, links = self.product_with_variants([3, 4])
        links[1].product_id.active = False

        self.store.action_update_all_stock()

        self.assertEqual(self.sim.inventory_level(product_id=bc["id"]), 3)


@tagged("standard", "bigcommerce")
class TestCursor(RulesCase):
    def test_a_link_or_product_written_after_the_cursor_is_considered(self):
        buffered = self.product("BUF", on_hand=5)
        archived = self.product("ARCH", on_hand=5)
        untouched = self.product("SAME", on_hand=5)
        self.store.action_update_all_stock()
        self.sim.reset_log()
        self.backdate(buffered | archived | untouched)
        self.store.stock_updated_after = CURSOR
        buffered.write({"stock_buffer_own": True, "stock_buffer": 1})
        archived.product_id.active = False
        untouched.stock_published = {"1": 99}  # would be sent if considered
        self.backdate(untouched)

        self.store.action_update_stock()

        self.assertEqual(
            sorted((i["product_id"], i["quantity"]) for i in self.pushed_items()),
            sorted([(buffered.bc_product_id, 4), (archived.bc_product_id, 0)]),
        )

    def test_a_quant_changed_without_a_move_is_considered(self):
        counted = self.product("COUNT", on_hand=5)
        self.store.action_update_all_stock()
        self.backdate(counted)
        self.store.stock_updated_after = CURSOR
        self.put(counted.product_id, 2)  # a quant written, no stock move

        self.store.action_update_stock()

        self.assertEqual(self.level(counted), 7)

    def test_each_rule_forgets_the_cursor(self):
        second = self.env["stock.warehouse"].create({"name": "Sec", "code": "SEC"})
        changes = {
            "stock_formula": "on_hand",
            "stock_buffer": 1,
            "stock_max_quantity": 5,
            "stock_max_percent": 50,
            "stock_end_when": 1,
            "stock_only_stocked": True,
            "stock_hide_at_zero": True,
            "stock_warehouse_map_ids": [(0, 0, {"warehouse_id": second.id})],
        }
        for field, value in changes.items():
            with self.subTest(field=field):
                self.store.stock_updated_after = CURSOR
                self.store.write({field: value})
                self.assertFalse(self.store.stock_updated_after)
        self.store.write({"stock_buffer": 3, "stock_updated_after": CURSOR})
        self.assertEqual(self.store.stock_updated_after, CURSOR)

    def test_a_product_bigcommerce_does_not_have_holds_the_cursor(self):
        link = self.product("LOST", on_hand=2)
        link.write({"bc_inventory_tracking": False, "bc_product_id": 999999})
        self.store.stock_updated_after = CURSOR

        self.store.action_update_all_stock()

        self.assertIn("BigCommerce answered no product 999999", self.lines("warning"))
        self.assertEqual(self.store.stock_updated_after, CURSOR)

    def test_cron_leaves_draft_stores_alone(self):
        self.product("DRAFT", on_hand=2)
        self.store.write({"stock_auto": True, "state": "draft"})

        self.env["bigcommerce.store"]._cron_update_stock()

        self.assertFalse(self.pushes())


@tagged("standard", "bigcommerce")
class TestTrackingCorrected(RulesCase):
    def test_a_refusal_for_tracking_corrects_the_link_and_the_next_run_publishes(self):
        wrong = self.product("WRONG", on_hand=4)
        wrong.bc_inventory_tracking = "variant"  # BigCommerce tracks it by product
        self.store.stock_updated_after = CURSOR

        action = self.store.action_update_all_stock()

        self.assertIn("1 stock levels were refused", action["params"]["message"])
        self.assertEqual(wrong.bc_inventory_tracking, "product")
        self.assertIn("the link now knows", self.lines("info"))
        self.assertEqual(self.store.stock_updated_after, CURSOR)

        self.store.action_update_stock()

        self.assertEqual(self.level(wrong), 4)
        self.assertGreater(self.store.stock_updated_after, CURSOR)

    def test_tracking_disabled_in_bigcommerce_stops_publishing(self):
        bc = self.sim.add_product("Off", sku="OFF", inventory_tracking="none")
        link = self.product("ON", on_hand=3)
        link.write(
            {
                "bc_product_id": bc["id"],
                "bc_variant_id": bc["variants"][0]["id"],
            }
        )

        self.store.action_update_all_stock()
        self.assertEqual(link.bc_inventory_tracking, "none")
        self.sim.reset_log()

        self.store.action_update_all_stock()

        self.assertFalse(self.pushes())


@tagged("standard", "bigcommerce")
class TestLocationsChange(RulesCase):
    def test_a_location_no_warehouse_feeds_any_more_is_set_to_zero(self):
        self.sim.add_location("North", code="NORTH")
        self.store.action_load_locations()
        north = self.store.stock_location_ids.filtered(lambda loc: loc.code == "NORTH")
        link = self.product("MOVE", on_hand=5)
        self.store.action_update_all_stock()
        self.assertEqual(self.level(link), 5)

        self.store.stock_warehouse_map_ids.location_id = north
        self.store.action_update_all_stock()

        self.assertEqual(self.level(link, location=1), 0)
        self.assertEqual(self.level(link, location=north.bc_location_id), 5)
        self.assertEqual(link.stock_published_qty, 5)

    def test_a_disabled_location_publishes_nothing_and_says_so(self):
        self.sim.add_location("Closed", code="CLOSED", enabled=False)
        self.store.action_load_locations()
        closed = self.store.stock_location_ids.filtered(
            lambda loc: loc.code == "CLOSED"
        )
        self.store.stock_warehouse_map_ids.location_id = closed
        self.product("SHUT", on_hand=5)

        action = self.store.action_update_all_stock()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("at enabled locations", action["params"]["message"])
        self.assertIn("location Closed is disabled", self.lines("warning"))
        self.assertFalse(self.pushes())

    def test_load_locations_refreshes_and_forgets_the_cursor_on_change(self):
        north = self.sim.add_location("North", code="NORTH")
        self.store.action_load_locations()
        self.store.stock_updated_after = CURSOR
        self.store.action_load_locations()  # nothing changed
        self.assertEqual(self.store.stock_updated_after, CURSOR)

        north["label"] = "North Hub"
        north["enabled"] = False
        self.store.action_load_locations()

        location = self.store.stock_location_ids.filtered(
            lambda loc: loc.code == "NORTH"
        )
        self.assertEqual((location.name, location.enabled), ("North Hub", False))
        self.assertFalse(self.store.stock_updated_after)
        default = self.store.stock_location_ids.filtered("is_default")
        self.assertEqual(default.bc_location_id, 1)


@tagged("standard", "bigcommerce")
class TestVisibility(RulesCase):
    def visibility_puts(self):
        return [
            r.body
            for r in self.sim.requests
            if r.method == "PUT" and r.path.endswith(PRODUCTS)
        ]

    def test_nothing_is_hidden_when_the_setting_is_off(self):
        link = self.product("EMPTY", on_hand=0)

        self.store.action_update_all_stock()

        self.assertEqual(link.stock_published, {"1": 0})
        self.assertFalse(self.visibility_puts())
        self.assertTrue(self.sim.product(link.bc_product_id)["is_visible"])

    def test_turning_it_off_shows_what_it_hid(self):
        self.store.stock_hide_at_zero = True
        link = self.product("EMPTY", on_hand=0)
        self.store.action_update_all_stock()
        self.assertFalse(self.sim.product(link.bc_product_id)["is_visible"])

        self.store.stock_hide_at_zero = False
        self.store.action_update_stock()

        self.assertTrue(self.sim.product(link.bc_product_id)["is_visible"])
        self.assertEqual((link.listing_state, link.stock_hidden), ("listed", False))

    def test_a_product_never_published_is_never_hidden(self):
        self.store.write({"stock_hide_at_zero": True, "stock_only_stocked": True})
        link = self.product("NOWHERE", on_hand=0)

        self.store.action_update_all_stock()

        self.assertFalse(self.visibility_puts())
        self.assertEqual(link.listing_state, "listed")

    def test_a_product_gone_from_bigcommerce_is_said_and_the_others_hidden(self):
        gone = self.product("GONE", on_hand=0)
        kept = self.product("KEPT", on_hand=0)
        self.store.action_update_all_stock()  # both published at 0, not hidden
        with self.store._get_client() as client:
            client.delete(f"v3/catalog/products/{gone.bc_product_id}")
        self.store.stock_hide_at_zero = True

        self.store.action_update_all_stock()

        self.assertEqual((kept.listing_state, kept.stock_hidden), ("hidden", True))
        self.assertEqual((gone.listing_state, gone.stock_hidden), ("listed", False))
        self.assertIn("Visibility not changed", self.lines("warning"))
        self.assertEqual(
            [r.status for r in self.sim.requests if r.path.endswith(PRODUCTS)], [207]
        )

    def test_a_person_unlisting_takes_the_product_from_the_stock_update(self):
        self.store.stock_hide_at_zero = True
        link = self.product("ZERO", on_hand=0)
        self.store.action_update_all_stock()
        self.assertTrue(link.stock_hidden)
        self.store.product_master = "odoo"

        link.action_unlist()
        self.put(link.product_id, 3)
        self.store.action_update_all_stock()

        self.assertEqual((link.listing_state, link.stock_hidden), ("hidden", False))
        self.assertFalse(self.sim.product(link.bc_product_id)["is_visible"])
        validate_logged_requests(self.sim.requests)

    def test_a_second_push_after_hiding_sends_nothing(self):
        self.store.stock_hide_at_zero = True
        self.product("ZERO", on_hand=0)
        self.store.action_update_all_stock()
        self.sim.reset_log()

        self.store.action_update_all_stock()

        self.assertFalse(self.sim.count("PUT", ABSOLUTE))
        self.assertFalse(self.visibility_puts())

    def test_listing_it_again_takes_the_product_back_from_the_stock_update(self):
        self.store.write({"stock_hide_at_zero": True, "product_master": "odoo"})
        link = self.product("ZERO", on_hand=0)
        self.store.action_update_all_stock()
        self.assertTrue(link.stock_hidden)

        wizard = self.env["bigcommerce.product.wizard"].create(
            {
                "store_id": self.store.id,
                "operation": "list",
                "product_tmpl_ids": [Command.set(link.product_tmpl_id.ids)],
            }
        )
        wizard.action_apply()

        self.assertEqual((link.listing_state, link.stock_hidden), ("listed", False))
        self.assertTrue(self.sim.product(link.bc_product_id)["is_visible"])


@tagged("standard", "bigcommerce")
class TestTrackingFromDownload(RulesCase):
    def test_a_product_download_tells_the_links_how_bigcommerce_tracks_stock(self):
        tee = self.sim.add_product(
            "Tee",
            sku="TEE",
            inventory_tracking="variant",
            options=[{"display_name": "Size", "values": ["S", "M"]}],
        )
        self.sim.add_product("Cap", sku="CAP", inventory_tracking="product")

        self.store.action_download_all_products()

        links = self.Link.search([("store_id", "=", self.store.id)])
        tracking = {link.sku: link.bc_inventory_tracking for link in links}
        self.assertEqual(
            tracking, {"TEE-S": "variant", "TEE-M": "variant", "CAP": "product"}
        )
        self.store.action_update_all_stock()
        asked = [r for r in self.sim.requests if r.query.get("include_fields")]
        self.assertFalse(asked)  # nothing left to ask
        self.assertEqual(len(tee["variants"]), 2)


@tagged("standard", "bigcommerce")
class TestFormulasThroughThePush(RulesCase):
    def move(self, product, quantity, days, kind):
        """A confirmed receipt (``in``) or reserved delivery (``out``) in ``days``."""
        picking_type = self.wh.in_type_id if kind == "in" else self.wh.out_type_id
        outside = self.env.ref(
            "stock.stock_location_suppliers"
            if kind == "in"
            else "stock.stock_location_customers"
        )
        stock = self.wh.lot_stock_id
        source, dest = (outside, stock) if kind == "in" else (stock, outside)
        when = fields.Datetime.now() + timedelta(days=days)
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "scheduled_date": when,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                            "date": when,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()

    def test_each_formula_publishes_what_a_person_counts(self):
        link = self.product("DESK", on_hand=10)
        desk = link.product_id
        self.move(desk, 3, 2, "out")
        self.move(desk, 4, 20, "out")
        self.move(desk, 5, 3, "in")
        self.move(desk, 6, 15, "in")
        self.move(desk, 8, 60, "in")
        expected = {
            "free": 3,
            "on_hand": 10,
            "on_hand_7": 7,
            "on_hand_30": 3,
            "free_incoming": 22,
            "free_incoming_7": 8,
            "free_incoming_30": 14,
        }
        for formula, quantity in expected.items():
            with self.subTest(formula=formula):
                self.store.stock_formula = formula
                self.store.action_update_all_stock()
                self.assertEqual(self.level(link), quantity)


@tagged("standard", "bigcommerce")
class TestCursorOverlap(RulesCase):
    def test_stock_moved_just_before_the_cursor_is_still_considered(self):
        late = self.product("LATE", on_hand=3)
        early = self.product("EARLY", on_hand=4)
        self.backdate(late | early)
        self.store.stock_updated_after = CURSOR
        for link, minutes in ((late, 2), (early, 10)):
            self.env.cr.execute(
                SQL(
                    "UPDATE bigcommerce_product_link SET write_date = %s WHERE id = %s",
                    CURSOR - timedelta(minutes=minutes),
                    link.id,
                )
            )

        self.store.action_update_stock()

        self.assertEqual(
            [i["product_id"] for i in self.pushed_items()], [late.bc_product_id]
        )
        run = self.last_run()
        self.assertEqual(self.store.stock_updated_after, run.date_start)


@tagged("standard", "bigcommerce")
class TestKitPush(RulesCase):
    def test_a_kit_publishes_what_its_components_make(self):
        link = self.product("SET", on_hand=0)
        cup = self.env["product.product"].create({"name": "Cup", "is_storable": True})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": link.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    Command.create({"product_id": cup.id, "product_qty": 2})
                ],
            }
        )
        self.put(cup, 9)

        self.store.action_update_all_stock()

        self.assertEqual(self.level(link), 4)


@tagged("standard", "bigcommerce")
class TestSecondReview(RulesCase):
    def kit(self, sku="SET", per_kit=2):
        link = self.product(sku, on_hand=0)
        cup = self.env["product.product"].create(
            {"name": f"Cup {sku}", "is_storable": True}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": link.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    Command.create({"product_id": cup.id, "product_qty": per_kit})
                ],
            }
        )
        return link, cup

    def test_a_kit_is_republished_when_its_components_move(self):
        link, cup = self.kit()
        self.put(cup, 4)
        self.store.action_update_all_stock()
        self.assertEqual(self.level(link), 2)
        self.backdate(link)
        self.store.stock_updated_after = CURSOR
        self.put(cup, 4)  # only the component moves
        self.env.invalidate_all()

        self.store.action_update_stock()

        self.assertEqual(self.level(link), 4)

    def test_a_kit_counts_as_carried_for_only_stocked_products(self):
        self.store.stock_only_stocked = True
        link, cup = self.kit()
        self.put(cup, 6)

        self.store.action_update_all_stock()

        self.assertEqual(self.level(link), 3)

    def test_a_move_coming_within_the_horizon_as_days_pass_counts(self):
        self.store.stock_formula = "on_hand_7"
        link = self.product("SOON", on_hand=10)
        TestFormulasThroughThePush.move(self, link.product_id, 10, 10, "out")
        self.store.action_update_all_stock()
        self.assertEqual(self.level(link), 10)  # the delivery is 10 days away
        self.backdate(link)
        self.store.stock_updated_after = CURSOR
        # Days pass: the delivery is now 3 days away, nothing was written.
        self.env.cr.execute(
            SQL(
                "UPDATE stock_move SET date = %s WHERE product_id = %s",
                fields.Datetime.now() + timedelta(days=3),
                link.product_id.id,
            )
        )
        self.env.invalidate_all()

        self.store.action_update_stock()

        self.assertEqual(self.level(link), 0)

    def test_consumables_and_services_are_left_alone_and_never_hidden(self):
        self.store.stock_hide_at_zero = True
        link = self.product("CABLE")
        link.product_id.is_storable = False

        self.store.action_update_all_stock()

        self.assertFalse(self.pushes())
        self.assertEqual(link.listing_state, "listed")
        self.assertIn("neither storable nor kits", self.lines("info"))

    def test_a_location_closed_no_longer_counts_in_the_total(self):
        north = self.sim.add_location("North", code="NORTH")
        self.store.action_load_locations()
        second = self.env["stock.warehouse"].create({"name": "Sec", "code": "SEC"})
        location = self.store.stock_location_ids.filtered(
            lambda loc: loc.code == "NORTH"
        )
        self.store.stock_warehouse_map_ids = [
            Command.create({"warehouse_id": second.id, "location_id": location.id})
        ]
        link = self.product("TWO", on_hand=3)
        self.put(link.product_id, 5, second)
        self.store.action_update_all_stock()
        self.assertEqual(link.stock_published, {"1": 3, str(north["id"]): 5})
        north["enabled"] = False  # closed in BigCommerce
        self.store.action_load_locations()

        self.store.action_update_all_stock()

        self.assertEqual(
            (link.stock_published, link.stock_published_qty), ({"1": 3}, 3)
        )

    def test_a_variant_whose_sync_goes_off_leaves_its_products_total(self):
        bc, links = self.product_with_variants([3, 4])
        self.store.action_update_all_stock()
        self.backdate(links)
        self.store.stock_updated_after = CURSOR
        links[1].stock_sync = False

        self.store.action_update_stock()

        self.assertEqual(self.sim.inventory_level(product_id=bc["id"]), 3)

    def test_the_publishable_column_is_what_the_push_sends(self):
        bc, links = self.product_with_variants([3, 4])
        links[1].stock_sync = False
        self.assertEqual(links.mapped("stock_publishable"), [3, 0])

        self.store.action_update_all_stock()

        self.assertEqual(self.sim.inventory_level(product_id=bc["id"]), 3)

    def test_a_warehouse_of_another_company_is_not_published(self):
        self.product("CO", on_hand=3)
        other = self.env["res.company"].create({"name": "Other Co"})
        self.store.company_id = other

        action = self.store.action_update_all_stock()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("belongs to My Company", self.lines("warning"))
        self.assertFalse(self.pushes())
