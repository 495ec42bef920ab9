"""Listing buttons on the product form and in bulk, as users press them."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from tests.test_product_export import ProductExportCase


@tagged("standard", "bigcommerce")
class TestProductButtons(ProductExportCase):
    def wizard(self, templates, **values):
        form = Form(
            self.env["bigcommerce.product.wizard"].with_context(
                active_model="product.template", active_ids=templates.ids
            )
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def assert_failed_with(self, action, text):
        """A red notification with BigCommerce's words; the failed run's log kept."""
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(text, action["params"]["message"])
        log = self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id)], limit=1
        )
        self.assertEqual(log.state, "failed")
        self.assertIn(text, " ".join(log.line_ids.mapped("message")))
        self.assertIn(f"/odoo/bigcommerce.sync.log/{log.id}", str(action))

    def test_duplicate_name_from_the_button_shows_bigcommerce_message(self):
        self.sim.add_product("Mug", sku="THEIRS")
        template = self.mug()

        action = self.wizard(template).action_apply()

        self.assert_failed_with(action, "The product name is a duplicate")
        self.assertFalse(self.links(template))

    def test_invalid_data_from_the_button_shows_bigcommerce_message(self):
        action = self.wizard(self.mug(name="M" * 251)).action_apply()

        self.assert_failed_with(action, "JSON data is missing or invalid")
        self.assertEqual(self.sim.requests[-1].status, 422)

    def test_duplicate_sku_on_update_from_a_row_button_shows_the_refusal(self):
        template = self.mug()
        self.export("list", template)
        self.sim.add_product("Other", sku="TAKEN")
        template.default_code = "TAKEN"

        action = self.links(template).action_update()

        self.assert_failed_with(action, "The product sku is a duplicate")

    def test_bulk_logs_the_refused_template_and_lists_the_others(self):
        self.sim.add_product("Mug", sku="THEIRS")
        templates = self.mug() | self.mug("Cup", "CUP-1") | self.tee()
        wizard = self.wizard(templates)

        action = wizard.action_apply()

        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(len(self.sim.products), 3)
        self.assertEqual(self.links(templates).product_tmpl_id, templates[1:])
        log = self.env["bigcommerce.sync.log"].search(
            [("store_id", "=", self.store.id), ("operation", "=", "product_export")],
            limit=1,
        )
        self.assertEqual((log.created_count, log.failed_count), (2, 1))
        self.assertIn(
            "The product name is a duplicate", " ".join(log.line_ids.mapped("message"))
        )

    def test_row_buttons_unlist_and_remove(self):
        template = self.mug()
        self.export("list", template)

        self.links(template).action_unlist()
        self.assertEqual(self.links(template).listing_state, "hidden")
        self.links(template).action_remove()

        self.assertFalse(self.links(template))
        self.assertEqual(self.sim.products, [])

    def test_bigcommerce_manager_lists_from_the_wizard(self):
        template = self.mug()
        wizard = self.wizard(template).with_user(self.manager)

        action = wizard.action_apply()

        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(len(self.links(template)), 1)

    def test_bigcommerce_user_cannot_list_from_the_wizard(self):
        template = self.mug()
        wizard = self.wizard(template).with_user(self.user)

        with self.assertRaises(AccessError):
            wizard.action_apply()

        self.assertFalse(self.links(template))
        self.assertEqual(self.sim.requests, [])

    def test_selection_by_category_tag_and_listing_state(self):
        category = self.env["product.category"].create({"name": "BC test cups"})
        tag = self.env["product.tag"].create({"name": "BC test promo"})
        listed = self.mug("Cup", "CUP-1", categ_id=category.id)
        hidden = self.mug("Bowl", "BOWL-1", categ_id=category.id)
        fresh = self.mug("Plate", "PLATE-1", product_tag_ids=[Command.set(tag.ids)])
        self.export("list", listed | hidden)
        self.export("unlist", hidden)
        wizard = self.wizard(self.Template)

        cases = [
            ({"categ_ids": category, "listing_filter": "all"}, listed | hidden),
            ({"categ_ids": category, "listing_filter": "hidden"}, hidden),
            ({"categ_ids": category, "listing_filter": "listed"}, listed),
            ({"product_tag_ids": tag, "listing_filter": "not_listed"}, fresh),
        ]
        for values, expected in cases:
            with self.subTest(values=values):
                wizard.write(
                    {
                        "categ_ids": [
                            Command.set(
                                values.get(
                                    "categ_ids", self.env["product.category"]
                                ).ids
                            )
                        ],
                        "product_tag_ids": [
                            Command.set(values.get("product_tag_ids", tag.browse()).ids)
                        ],
                        "listing_filter": values["listing_filter"],
                    }
                )
                wizard.action_select_products()
                self.assertEqual(wizard.product_tmpl_ids, expected)

    def test_product_form_shows_the_bigcommerce_page_to_bigcommerce_users(self):
        def form_arch(user):
            views = self.Template.with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        other = new_test_user(self.env, login="bc_stranger", groups="base.group_user")

        self.assertIn('name="bigcommerce"', form_arch(self.user))
        self.assertIn("action_remove", form_arch(self.user))
        self.assertNotIn('name="bigcommerce"', form_arch(other))
