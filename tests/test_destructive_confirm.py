"""Destructive actions ask for confirmation in the UI (views as Odoo serves them)."""

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
