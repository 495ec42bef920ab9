"""What a downloaded product carries into Odoo, field by field."""

from odoo import Command
from odoo.tests import tagged

from tests.test_product_download import COLORS, SIZES, ProductDownloadCase, tee_variants


@tagged("standard", "bigcommerce")
class TestProductDownloadFields(ProductDownloadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.env["account.tax"].create(
            {"name": "BC clothing 8%", "amount": 8, "type_tax_use": "sale"}
        )
        cls.regular = cls.env["product.pricelist"].create({"name": "BC regular"})
        cls.sale = cls.env["product.pricelist"].create({"name": "BC sale"})

    def seed_tee(self, **fields):
        apparel = self.sim.add_category("Apparel")
        shirts = self.sim.add_category("Shirts", parent_id=apparel["category_id"])
        brand = self.sim.add_brand("Acme")
        values = {
            "description": "<p>Soft <b>cotton</b></p>",
            "categories": [shirts["category_id"]],
            "brand_id": brand["id"],
            "search_keywords": "cotton, summer",
            "tax_class_id": 3,
            "weight": 2,
            "width": 10,
            "depth": 4,
            "height": 1,
            "price": 20,
            "sale_price": 15,
            "is_visible": False,
            "images": ["tee.png"],
        }
        values.update(fields)
        return self.sim.add_product(
            "Tee", options=[SIZES, COLORS], variants=tee_variants(), **values
        )

    def test_mapped_fields_land_on_the_template_and_variants(self):
        self.store.tax_map_ids = [
            Command.create(
                {
                    "bc_tax_class_id": 3,
                    "name": "Clothing",
                    "tax_ids": [Command.set(self.tax.ids)],
                }
            )
        ]
        self.seed_tee()

        self.download()

        template = self.links().product_tmpl_id
        self.assertEqual(template.name, "Tee")
        self.assertIn("<b>cotton</b>", str(template.bigcommerce_description))
        self.assertEqual(template.categ_id.name, "Apparel")  # the root category
        self.assertEqual(
            sorted(template.product_tag_ids.mapped("name")),
            ["Acme", "cotton", "summer"],
        )
        self.assertEqual(template.taxes_id, self.tax)
        variant = template.product_variant_ids.filtered(
            lambda p: p.default_code == "TEE-S-RED"
        )
        self.assertAlmostEqual(variant.weight, 0.91, places=2)  # 2 lb in kg
        self.assertAlmostEqual(variant.bigcommerce_width, 254.0)  # 10 in in mm
        self.assertEqual(set(self.links().mapped("listing_state")), {"hidden"})

    def test_regular_and_sale_prices_go_to_the_store_price_tiers(self):
        self.store.write(
            {"regular_pricelist_id": self.regular.id, "sale_pricelist_id": self.sale.id}
        )
        self.seed_tee()

        self.download()

        variant = self.links().product_id[:1]
        self.assertEqual(self.regular._get_product_price(variant, 1.0), 20.0)
        self.assertEqual(self.sale._get_product_price(variant, 1.0), 15.0)
        self.assertEqual(set(self.links().mapped("last_price")), {20.0})
        self.assertEqual(set(self.links().mapped("last_sale_price")), {15.0})

    def test_without_price_tier_the_regular_price_is_the_sales_price(self):
        self.seed_tee()

        self.download()

        self.assertEqual(self.links().product_tmpl_id.list_price, 20.0)

    def test_images_are_downloaded_only_when_the_product_has_none(self):
        self.store.download_product_images = True
        self.seed_tee()

        self.download()

        template = self.links().product_tmpl_id
        self.assertTrue(template.image_1920)
        own_image = template.image_1920
        self.sim.set_image(self.sim.products[0]["id"], "other.png", is_thumbnail=True)

        self.download()

        self.assertEqual(template.image_1920, own_image)

    def test_images_are_not_downloaded_when_the_store_says_no(self):
        self.seed_tee()

        self.download()

        self.assertFalse(self.links().product_tmpl_id.image_1920)

    def test_odoo_master_store_does_not_overwrite_odoo_data(self):
        self.seed_tee()
        self.download()
        template = self.links().product_tmpl_id
        template.name = "Our own name"
        self.store.product_master = "odoo"

        self.download()

        self.assertEqual(template.name, "Our own name")

    def test_bigcommerce_master_store_updates_odoo_data(self):
        product = self.seed_tee()
        self.download()
        template = self.links().product_tmpl_id
        template.name = "Our own name"
        self.sim.product(product["id"])["name"] = "Tee v2"

        self.download()

        self.assertEqual(template.name, "Tee v2")

    def test_download_button_reports_what_it_did(self):
        self.seed_tee()

        action = self.store.action_download_products()

        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("3 created", action["params"]["message"])
        log = self.store.sync_log_ids[:1]
        self.assertEqual((log.operation, log.state), ("product_download", "done"))
        self.assertEqual(log.api_calls, self.sim.count())
        self.assertTrue(self.store.category_ids)  # refreshed before the first download

    def test_product_form_opens_for_a_salesman_without_bigcommerce_rights(self):
        salesman = self.env["res.users"].create(
            {
                "name": "Salesman",
                "login": "bc_salesman",
                "group_ids": [
                    Command.set([self.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        template = self.env["product.template"].create({"name": "Plain"})

        self.assertFalse(template.with_user(salesman).bigcommerce_can_list)
        self.store.product_master = "odoo"
        template.invalidate_recordset()
        self.assertTrue(template.bigcommerce_can_list)
