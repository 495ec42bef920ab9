"""Stock push: Odoo's stock of linked products to BigCommerce locations, over HTTP.

What a warehouse manager checks in BigCommerce after pressing the buttons:
the quantity at each location, which products were left alone, and what
the sync log says about the ones BigCommerce refused.
"""

from datetime import datetime
from unittest.mock import patch

from odoo.addons.bigcommerce_connector.sync.stock import exporter as stock_exporter
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from tests.common import BigCommerceCase
from tests.contract import validate_logged_requests

ABSOLUTE = "/v3/inventory/adjustments/absolute"
CURSOR = datetime(2021, 1, 1)


class StockPushCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, stock_push=True)
        cls.wh = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.store.stock_warehouse_map_ids = [(0, 0, {"warehouse_id": cls.wh.id})]
        cls.Link = cls.env["bigcommerce.product.link"]
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})

    def product(self, sku, on_hand=0.0, tracking="product", warehouse=None):
        """A storable Odoo product with ``on_hand`` units, listed and linked."""
        bc = self.sim.add_product(sku, sku=sku, inventory_tracking=tracking)
        product = self.env["product.product"].create(
            {"name": sku, "default_code": sku, "is_storable": True}
        )
        if on_hand:
            self.put(product, on_hand, warehouse)
        link = self.Link.create(
            {
                "store_id": self.store.id,
                "product_id": product.id,
                "bc_product_id": bc["id"],
                "bc_variant_id": bc["variants"][0]["id"],
                "sku": sku,
                "bc_inventory_tracking": tracking,
            }
        )
        return link

    def product_with_variants(self, quantities, tracking="product"):
        """A BigCommerce product with one variant per quantity, linked."""
        bc = self.sim.add_product(
            "Mug",
            sku="MUG",
            inventory_tracking=tracking,
            options=[
                {
                    "display_name": "Color",
                    "values": [f"C{i}" for i in range(len(quantities))],
                }
            ],
        )
        links = self.Link
        for variant, quantity in zip(bc["variants"], quantities, strict=True):
            product = self.env["product.product"].create(
                {"name": variant["sku"], "is_storable": True}
            )
            if quantity:
                self.put(product, quantity)
            links |= self.Link.create(
                {
                    "store_id": self.store.id,
                    "product_id": product.id,
                    "bc_product_id": bc["id"],
                    "bc_variant_id": variant["id"],
                    "sku": variant["sku"],
                    "bc_inventory_tracking": tracking,
                }
            )
        return bc, links

    def put(self, product, quantity, warehouse=None):
        self.env["stock.quant"]._update_available_quantity(
            product, (warehouse or self.wh).lot_stock_id, quantity
        )

    def reserve(self, product, quantity):
        """A confirmed, reserved delivery of ``quantity``."""
        out = self.wh.out_type_id
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": out.id,
                "partner_id": self.customer.id,
                "location_id": out.default_location_src_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": out.default_location_src_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def level(self, link, location=1, by="product_id"):
        key = link.bc_product_id if by == "product_id" else link.bc_variant_id
        return self.sim.inventory_level(location_id=location, **{by: key})

    def pushes(self):
        return [r for r in self.sim.requests if r.path.endswith(ABSOLUTE)]

    def pushed_items(self):
        return [
            item for r in self.pushes() if r.status == 200 for item in r.body["items"]
        ]

    def last_run(self):
        return self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "stock_push")],
            limit=1,
        )


@tagged("standard", "bigcommerce")
class TestStockPush(StockPushCase):
    def test_free_stock_is_published_at_the_default_location(self):
        link = self.product("CHAIR", on_hand=10)
        self.reserve(link.product_id, 3)

        action = self.store.action_update_stock()

        self.assertEqual(self.level(link), 7)
        self.assertEqual(link.stock_published, {"1": 7})
        self.assertEqual(link.stock_published_qty, 7)
        self.assertTrue(link.stock_date)
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn(
            "1 stock levels published in 1 calls", action["params"]["message"]
        )
        self.assertEqual(
            self.pushes()[0].body["items"],
            [{"location_id": 1, "product_id": link.bc_product_id, "quantity": 7}],
        )
        validate_logged_requests(self.sim.requests)
        self.assertTrue(self.store.stock_updated_after)

    def test_nothing_changed_nothing_sent(self):
        self.product("A", on_hand=4)
        self.product("B", on_hand=0)
        self.store.action_update_all_stock()
        self.sim.reset_log()

        action = self.store.action_update_all_stock()

        self.assertFalse(self.sim.requests)
        self.assertIn("nothing changed", action["params"]["message"])

    def test_only_quantities_that_changed_are_sent(self):
        a = self.product("A", on_hand=4)
        b = self.product("B", on_hand=6)
        self.store.action_update_all_stock()
        self.sim.reset_log()
        self.put(b.product_id, -2)

        self.store.action_update_all_stock()

        self.assertEqual(
            self.pushed_items(),
            [{"location_id": 1, "product_id": b.bc_product_id, "quantity": 4}],
        )
        self.assertEqual((self.level(a), self.level(b)), (4, 4))

    def test_a_product_tracked_by_variant_publishes_each_variant(self):
        bc, links = self.product_with_variants([2, 5], tracking="variant")

        self.store.action_update_all_stock()

        self.assertEqual([self.level(link, by="variant_id") for link in links], [2, 5])
        self.assertEqual(self.sim.product(bc["id"])["inventory_level"], 7)

    def test_a_product_tracked_by_product_gets_the_sum_of_its_variants(self):
        bc, links = self.product_with_variants([3, 4])

        self.store.action_update_all_stock()

        self.assertEqual(
            self.pushed_items(),
            [{"location_id": 1, "product_id": bc["id"], "quantity": 7}],
        )
        self.assertEqual(self.sim.product(bc["id"])["inventory_level"], 7)
        self.assertEqual(links.mapped("stock_published"), [{"1": 7}, {"1": 7}])

    def test_untracked_and_unsynced_products_are_left_alone(self):
        untracked = self.product("FREE", on_hand=5, tracking="none")
        off = self.product("OFF", on_hand=5)
        off.stock_sync = False

        self.store.action_update_all_stock()

        self.assertFalse(self.pushes())
        self.assertFalse(untracked.stock_published)
        self.assertIn(
            "1 linked products are not tracked by BigCommerce",
            "\n".join(self.last_run().line_ids.mapped("message")),
        )

    def test_tracking_unknown_to_the_link_is_asked_once(self):
        link = self.product("ASK", on_hand=3)
        link.bc_inventory_tracking = False

        self.store.action_update_all_stock()

        asked = [r for r in self.sim.requests if r.path.endswith("/catalog/products")]
        self.assertEqual(len(asked), 1)
        self.assertEqual(asked[0].query["include_fields"], "inventory_tracking")
        self.assertEqual(link.bc_inventory_tracking, "product")
        self.assertEqual(self.level(link), 3)

    def test_buffers_caps_and_end_when(self):
        self.store.write({"stock_buffer": 2, "stock_max_quantity": 6})
        plain = self.product("PLAIN", on_hand=5)  # 5 - 2
        own_zero = self.product("ZERO", on_hand=5)  # own buffer 0: 5
        own_zero.write({"stock_buffer_own": True, "stock_buffer": 0})
        capped = self.product("MANY", on_hand=40)  # 38, capped at 6
        low = self.product("LOW", on_hand=3)  # 1: at or below end-when 1
        self.store.stock_end_when = 1

        self.store.action_update_all_stock()

        self.assertEqual(
            [self.level(link) for link in (plain, own_zero, capped, low)], [3, 5, 6, 0]
        )
        self.assertEqual((plain.stock_buffer_used, own_zero.stock_buffer_used), (2, 0))
        self.assertEqual(capped.stock_publishable, 6)

    def test_formula_on_hand_ignores_reservations(self):
        link = self.product("RES", on_hand=10)
        self.reserve(link.product_id, 4)
        self.store.stock_formula = "on_hand"

        self.store.action_update_all_stock()

        self.assertEqual(self.level(link), 10)

    def test_an_archived_product_publishes_zero_an_unlinked_one_nothing(self):
        archived = self.product("OLD", on_hand=5)
        unlinked = self.product("GONE", on_hand=5)
        self.store.action_update_all_stock()
        self.sim.reset_log()
        archived.product_id.active = False
        self.put(unlinked.product_id, 2)
        bc_gone = unlinked.bc_product_id
        unlinked.unlink()

        self.store.action_update_all_stock()

        self.assertEqual(
            self.pushed_items(),
            [{"location_id": 1, "product_id": archived.bc_product_id, "quantity": 0}],
        )
        self.assertEqual(self.sim.inventory_level(product_id=bc_gone), 5)

    def test_only_products_the_warehouses_stock(self):
        self.store.stock_only_stocked = True
        stocked = self.product("IN", on_hand=2)
        elsewhere = self.env["stock.warehouse"].create({"name": "Other", "code": "OTH"})
        other = self.product("OUT", on_hand=4, warehouse=elsewhere)

        self.store.action_update_all_stock()

        self.assertEqual(
            [item["product_id"] for item in self.pushed_items()],
            [stocked.bc_product_id],
        )
        self.assertFalse(other.stock_published)

    def test_no_source_warehouse_fails_with_what_to_do(self):
        self.product("A", on_hand=1)
        self.store.stock_warehouse_map_ids = [(5, 0, 0)]

        action = self.store.action_update_all_stock()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("No source warehouse", action["params"]["message"])
        self.assertFalse(self.pushes())

    def test_button_needs_stock_push_on(self):
        self.store.stock_push = False
        with self.assertRaisesRegex(UserError, "does not update stock"):
            self.store.action_update_stock()

    def test_a_user_cannot_push_and_no_call_is_made(self):
        self.product("A", on_hand=1)
        with self.assertRaises(AccessError):
            self.store.with_user(self.user).action_update_all_stock()
        self.assertFalse(self.sim.requests)


@tagged("standard", "bigcommerce")
class TestStockPushCursor(StockPushCase):
    def backdate(self, link):
        """Make a link's stock look untouched since 2020."""
        self.env.flush_all()
        old = datetime(2020, 1, 1)
        self.env.cr.execute(
            SQL(
                "UPDATE stock_move SET write_date = %s WHERE product_id = %s",
                old,
                link.product_id.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE stock_quant SET write_date = %s WHERE product_id = %s",
                old,
                link.product_id.id,
            )
        )
        for table, record_id in (
            ("product_product", link.product_id.id),
            ("bigcommerce_product_link", link.id),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = %s WHERE id = %s",
                    SQL.identifier(table),
                    old,
                    record_id,
                )
            )
        self.env.invalidate_all()

    def test_recently_modified_considers_only_stock_that_moved(self):
        moved = self.product("MOVED", on_hand=3)
        still = self.product("STILL", on_hand=8)
        self.backdate(still)
        self.store.stock_updated_after = CURSOR

        self.store.action_update_stock()

        self.assertEqual(
            [item["product_id"] for item in self.pushed_items()], [moved.bc_product_id]
        )
        self.assertFalse(still.stock_published)
        self.assertGreater(self.store.stock_updated_after, CURSOR)

        self.store.action_update_all_stock()  # 'Update All' ignores the cursor
        self.assertEqual(still.stock_published, {"1": 8})

    def test_a_variant_that_moved_publishes_its_products_whole_sum(self):
        bc, links = self.product_with_variants([3, 4])
        self.store.action_update_all_stock()
        red, blue = links
        self.backdate(blue)
        self.put(red.product_id, 2)  # only red moves: 5 + 4
        self.store.stock_updated_after = CURSOR
        self.sim.reset_log()

        self.store.action_update_stock()

        self.assertEqual(
            self.pushed_items(),
            [{"location_id": 1, "product_id": bc["id"], "quantity": 9}],
        )

    def test_a_new_rule_forgets_the_cursor(self):
        self.store.stock_updated_after = CURSOR
        self.store.stock_buffer = 1
        self.assertFalse(self.store.stock_updated_after)

    def test_cron_pushes_stores_that_update_stock_automatically(self):
        link = self.product("CRON", on_hand=2)
        self.env["bigcommerce.store"]._cron_update_stock()
        self.assertFalse(self.pushes())  # 'Update Stock Automatically' off

        self.store.stock_auto = True
        self.env["bigcommerce.store"]._cron_update_stock()

        self.assertEqual(self.level(link), 2)
        self.assertEqual(self.last_run().trigger, "cron")


@tagged("standard", "bigcommerce")
class TestStockPushFaults(StockPushCase):
    def test_an_item_bigcommerce_refuses_is_logged_and_the_rest_published(self):
        good = self.product("GOOD", on_hand=3)
        wrong = self.product("WRONG", on_hand=4)
        wrong.bc_inventory_tracking = "variant"  # BigCommerce tracks it by product
        after = self.product("AFTER", on_hand=5)
        self.store.stock_updated_after = CURSOR

        action = self.store.action_update_all_stock()

        self.assertEqual((self.level(good), self.level(after)), (3, 5))
        self.assertIsNone(self.level(wrong))
        self.assertFalse(wrong.stock_published)
        run = self.last_run()
        self.assertEqual((run.updated_count, run.failed_count), (2, 1))
        error = run.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(error.reference, "WRONG")
        self.assertIn("tracked by product", error.message)
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(self.store.stock_updated_after, CURSOR)
        self.assertEqual([r.status for r in self.pushes()], [422, 200])

    def test_refused_items_bigcommerce_does_not_name_are_found_by_halving(self):
        links = [self.product(f"H{i}", on_hand=i + 1) for i in range(4)]
        bad = links[2]
        bad.bc_inventory_tracking = "variant"

        # As if BigCommerce's title named no item.
        with patch.object(
            stock_exporter.StockExporter, "_named", lambda self, chunk, exc: []
        ):
            self.store.action_update_all_stock()

        self.assertEqual([self.level(link) for link in links if link != bad], [1, 2, 4])
        self.assertIsNone(self.level(bad))
        self.assertEqual(self.last_run().failed_count, 1)

    def test_a_rate_limit_in_the_middle_waits_and_publishes_each_item_once(self):
        links = [self.product(f"R{i}", on_hand=i + 1) for i in range(5)]
        self.sim.fail_next("429", path_contains=ABSOLUTE)

        with patch.object(stock_exporter, "BATCH", 2):
            self.store.action_update_all_stock()

        self.assertEqual([self.level(link) for link in links], [1, 2, 3, 4, 5])
        statuses = [r.status for r in self.pushes()]
        self.assertEqual(statuses, [429, 200, 200, 200])
        sent = [item["product_id"] for item in self.pushed_items()]
        self.assertEqual(sorted(sent), sorted(link.bc_product_id for link in links))

    def test_a_server_down_stops_and_the_next_run_resumes_where_it_stopped(self):
        links = [self.product(f"S{i}", on_hand=i + 1) for i in range(5)]
        self.store.stock_updated_after = CURSOR

        def fail_after_first(*args, **kwargs):
            self.sim.fail_next("500", count=20, path_contains=ABSOLUTE)

        self.sim.after_request(fail_after_first, nth=1, path_contains=ABSOLUTE)
        with patch.object(stock_exporter, "BATCH", 2):
            action = self.store.action_update_all_stock()

        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("Stopped after 2 stock levels", action["params"]["message"])
        self.assertEqual([link.stock_published_qty for link in links], [1, 2, 0, 0, 0])
        self.assertEqual(self.store.stock_updated_after, CURSOR)
        self.sim.reset_faults()
        self.sim.reset_log()

        with patch.object(stock_exporter, "BATCH", 2):
            self.store.action_update_all_stock()

        sent = [item["product_id"] for item in self.pushed_items()]
        self.assertEqual(sent, [link.bc_product_id for link in links[2:]])
        self.assertEqual([self.level(link) for link in links], [1, 2, 3, 4, 5])
        self.assertGreater(self.store.stock_updated_after, CURSOR)


@tagged("standard", "bigcommerce")
class TestStockLocations(StockPushCase):
    def test_load_locations_and_publish_each_warehouse_at_its_own(self):
        self.sim.add_location("North", code="NORTH")
        self.sim.add_location("Closed", code="CLOSED", enabled=False)
        north_wh = self.env["stock.warehouse"].create({"name": "North", "code": "NTH"})

        self.store.action_load_locations()

        locations = self.store.stock_location_ids
        self.assertEqual(locations.mapped("code"), ["BC-LOCATION-1", "NORTH", "CLOSED"])
        self.assertEqual(locations.mapped("enabled"), [True, True, False])
        north = locations.filtered(lambda loc: loc.code == "NORTH")
        self.store.stock_warehouse_map_ids = [
            (0, 0, {"warehouse_id": north_wh.id, "location_id": north.id})
        ]
        link = self.product("BOTH", on_hand=3)
        self.put(link.product_id, 9, north_wh)

        self.store.action_update_all_stock()

        self.assertEqual(self.level(link, location=1), 3)
        self.assertEqual(self.level(link, location=north.bc_location_id), 9)
        self.assertEqual(link.stock_published_qty, 12)
        self.assertEqual(north_wh.bigcommerce_map_ids.location_id, north)
        validate_logged_requests(self.sim.requests)

    def test_two_warehouses_at_one_location_are_summed(self):
        second = self.env["stock.warehouse"].create({"name": "Second", "code": "SEC"})
        self.store.stock_warehouse_map_ids = [(0, 0, {"warehouse_id": second.id})]
        link = self.product("SUM", on_hand=2)
        self.put(link.product_id, 5, second)

        self.store.action_update_all_stock()

        self.assertEqual(
            self.pushed_items(),
            [{"location_id": 1, "product_id": link.bc_product_id, "quantity": 7}],
        )

    def test_a_location_gone_from_bigcommerce_is_disabled_and_said(self):
        self.sim.add_location("North", code="NORTH")
        self.store.action_load_locations()
        north = self.store.stock_location_ids.filtered(lambda loc: loc.code == "NORTH")
        self.sim.reset()

        self.store.action_load_locations()

        self.assertFalse(north.enabled)
        run = self.env["bigcommerce.sync.log"].search(
            [("operation", "=", "location_load")], limit=1
        )
        self.assertIn("no longer in BigCommerce", run.line_ids.mapped("message")[-1])


@tagged("standard", "bigcommerce")
class TestHideAtZero(StockPushCase):
    def test_hidden_at_zero_and_shown_when_stock_returns(self):
        self.store.stock_hide_at_zero = True
        link = self.product("EMPTY", on_hand=0)
        unlisted = self.product("UNLISTED", on_hand=0)
        unlisted.listing_state = "hidden"  # a person unlisted it

        self.store.action_update_all_stock()

        self.assertFalse(self.sim.product(link.bc_product_id)["is_visible"])
        self.assertEqual((link.listing_state, link.stock_hidden), ("hidden", True))

        self.put(link.product_id, 2)
        self.put(unlisted.product_id, 2)
        self.store.action_update_all_stock()

        self.assertTrue(self.sim.product(link.bc_product_id)["is_visible"])
        self.assertEqual((link.listing_state, link.stock_hidden), ("listed", False))
        self.assertEqual(unlisted.listing_state, "hidden")
        self.assertTrue(self.sim.product(unlisted.bc_product_id)["is_visible"])
        puts = [
            r.body
            for r in self.sim.requests
            if r.method == "PUT" and r.path.endswith("/catalog/products")
        ]
        self.assertEqual(
            puts,
            [
                [{"id": link.bc_product_id, "is_visible": False}],
                [{"id": link.bc_product_id, "is_visible": True}],
            ],
        )
        validate_logged_requests(self.sim.requests)


@tagged("standard", "bigcommerce")
class TestStockSecurity(StockPushCase):
    def test_every_connector_model_with_a_company_has_a_company_rule(self):
        Rule = self.env["ir.rule"]
        for name, model in self.env.registry.items():
            if not name.startswith("bigcommerce.") or model._transient:
                continue
            if "company_id" not in model._fields:
                continue
            with self.subTest(model=name):
                rules = Rule.search([("model_id.model", "=", name)])
                self.assertTrue(
                    any("company_ids" in (r.domain_force or "") for r in rules)
                )

    def test_a_user_of_another_company_sees_no_location_or_source_warehouse(self):
        self.sim.add_location("North", code="NORTH")
        self.store.action_load_locations()
        other_company = self.env["res.company"].create({"name": "Other Co"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "bc_outsider",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref(
                                "bigcommerce_connector.group_bigcommerce_manager"
                            ).id,
                        ],
                    )
                ],
            }
        )
        for model in ("bigcommerce.location", "bigcommerce.warehouse.map"):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].search([]))
                self.assertFalse(self.env[model].with_user(outsider).search([]))

    def test_users_read_locations_only_managers_change_them(self):
        self.store.action_load_locations()
        location = self.store.stock_location_ids
        self.assertTrue(location.with_user(self.user).read(["name"]))
        with self.assertRaises(AccessError):
            location.with_user(self.user).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.store.stock_warehouse_map_ids.with_user(self.user).write(
                {"location_id": False}
            )
