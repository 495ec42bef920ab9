"""What the views let a person do (views as Odoo serves them): confirmations,
ids shown as ids, buttons reachable, rows that can be typed."""

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

DESTRUCTIVE = ("unlist", "unlink", "remove")


def visible(node, values):
    """Whether a button is shown for record ``values`` (its ``invisible`` is false)."""
    expression = node.get("invisible")
    return not expression or not safe_eval(expression, values)


@tagged("standard", "bigcommerce")
class TestDestructiveConfirm(TransactionCase):
    def arch(self, model, view_type="form"):
        views = self.env[model].get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def wizard_buttons(self, operation):
        form = self.arch("bigcommerce.product.wizard")
        return [
            button
            for button in form.iter("button")
            if button.get("name") == "action_apply"
            and visible(button, {"operation": operation})
        ]

    def test_each_operation_of_the_wizard_has_one_apply_button(self):
        for operation in ("list", "update", *DESTRUCTIVE):
            with self.subTest(operation=operation):
                self.assertEqual(len(self.wizard_buttons(operation)), 1)

    def test_bulk_unlist_unlink_and_remove_ask_for_confirmation(self):
        for operation in DESTRUCTIVE:
            with self.subTest(operation=operation):
                (button,) = self.wizard_buttons(operation)
                self.assertTrue(button.get("confirm"))
                self.assertEqual(button.get("string").lower(), operation)

    def test_listing_and_updating_need_no_confirmation(self):
        for operation in ("list", "update"):
            with self.subTest(operation=operation):
                (button,) = self.wizard_buttons(operation)
                self.assertFalse(button.get("confirm"))

    def test_remove_and_unlink_on_a_product_ask_for_confirmation(self):
        form = self.arch("product.template")
        buttons = {b.get("name"): b for b in form.iter("button")}
        self.assertIn("BigCommerce", buttons["action_remove"].get("confirm"))
        self.assertIn("BigCommerce", buttons["action_unlink"].get("confirm"))


@tagged("standard", "bigcommerce")
class TestIdsAreShownAsIds(TransactionCase):
    """BigCommerce ids read 10452, not 10,452: no thousands separator."""

    IDS = {
        "bigcommerce.order.log": ("list", "form"),
        "bigcommerce.product.link": ("list",),
        "sale.order": ("form",),
    }

    def test_bigcommerce_ids_are_not_formatted_as_numbers(self):
        for model, view_types in self.IDS.items():
            for view_type in view_types:
                views = self.env[model].get_views([(False, view_type)])
                arch = etree.fromstring(views["views"][view_type]["arch"])
                fields = [
                    node
                    for node in arch.iter("field")
                    if node.get("name", "").startswith(("bc_", "bigcommerce_"))
                    and node.get("name").endswith("_id")
                    and views["models"][model]["fields"]
                    .get(node.get("name"), {})
                    .get("type")
                    == "integer"
                ]
                with self.subTest(model=model, view_type=view_type):
                    self.assertTrue(fields)
                    for node in fields:
                        self.assertIn(
                            "'enable_formatting': false", node.get("options", "")
                        )


@tagged("standard", "bigcommerce")
class TestStoreFormReach(TransactionCase):
    def store_form(self):
        views = self.env["bigcommerce.store"].get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_refresh_categories_is_reachable_whoever_is_the_product_master(self):
        (button,) = [
            b
            for b in self.store_form().iter("button")
            if b.get("name") == "action_refresh_categories"
        ]
        containers = [button, *button.iterancestors()]
        for master in ("odoo", "bigcommerce"):
            record = {
                "product_sync": True,
                "product_master": master,
                "state": "connected",
            }
            with self.subTest(master=master):
                self.assertTrue(all(visible(node, record) for node in containers))

    def test_tax_classes_can_be_added_by_hand(self):
        form = self.store_form()
        (tax_list,) = form.xpath("//field[@name='tax_map_ids']/list")
        self.assertNotEqual(tax_list.get("create"), "false")
        (class_id,) = tax_list.xpath("field[@name='bc_tax_class_id']")
        self.assertNotIn(class_id.get("optional"), ("hide",))

    def test_the_daily_hour_is_shown_only_when_a_daily_download_is_chosen(self):
        (hour,) = self.store_form().xpath("//field[@name='order_daily_hour']")
        base = {"auto_download_orders": True}
        self.assertFalse(visible(hour, {**base, "order_daily_download": False}))
        self.assertTrue(visible(hour, {**base, "order_daily_download": True}))


@tagged("standard", "bigcommerce")
class TestOrderLogLinks(TransactionCase):
    """An order log entry opens the sale order made from it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        store = cls.env["bigcommerce.store"].create(
            {"name": "Links", "store_hash": "links1", "access_token": "t"}
        )
        cls.log = cls.env["bigcommerce.order.log"].create(
            {"store_id": store.id, "bc_order_id": 100, "state": "imported"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Ana"})

    def sale(self):
        return self.env["sale.order"].create(
            {"partner_id": self.customer.id, "bigcommerce_order_log_id": self.log.id}
        )

    def test_one_sale_order_opens_in_its_form(self):
        sale = self.sale()

        action = self.log.action_open_sale_orders()

        self.assertEqual((action["view_mode"], action["res_id"]), ("form", sale.id))

    def test_several_sale_orders_open_as_a_list_of_them(self):
        sales = self.sale() | self.sale()

        action = self.log.action_open_sale_orders()

        self.assertEqual(action["view_mode"], "list,form")
        self.assertEqual(self.env["sale.order"].search(action["domain"]), sales)

    def test_the_sale_order_button_shows_only_when_there_is_one(self):
        views = self.env["bigcommerce.order.log"].get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        (button,) = arch.xpath("//button[@name='action_open_sale_orders']")
        none = {"sale_order_ids": [], "consolidated_sale_id": False}
        self.assertFalse(visible(button, none))
        self.assertTrue(visible(button, dict(none, sale_order_ids=[1])))
        # An order consolidated in a daily sale order opens that one.
        self.assertTrue(visible(button, dict(none, consolidated_sale_id=7)))


@tagged("standard", "bigcommerce")
class TestDeliveryShowsTheMessage(TransactionCase):
    """The packer reads the shopper's message on the delivery itself."""

    def delivery(self, message):
        product = self.env["product.product"].create({"name": "Mug", "type": "consu"})
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Ana"}).id,
                "bigcommerce_customer_message": message,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        sale.action_confirm()
        return sale.picking_ids

    def alert(self):
        views = self.env["stock.picking"].get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        (field,) = arch.xpath("//field[@name='bigcommerce_customer_message']")
        return field.getparent()

    def test_the_delivery_carries_the_order_message(self):
        picking = self.delivery("Ring twice")

        self.assertEqual(picking.bigcommerce_customer_message, "Ring twice")

    def test_the_message_shows_only_when_there_is_one(self):
        alert = self.alert()

        self.assertFalse(visible(alert, {"bigcommerce_customer_message": False}))
        self.assertTrue(visible(alert, {"bigcommerce_customer_message": "Ring"}))
