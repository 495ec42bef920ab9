"""List Odoo products on BigCommerce, update, unlist, unlink and remove them."""

from odoo import Command
from odoo.addons.bigcommerce_connector.sync.catalog.exporter import ProductExporter
from odoo.tests import tagged

from tests.common import BigCommerceCase
from tests.contract import validate_logged_requests

PRODUCTS = "/v3/catalog/products"
VARIANTS = "/v3/catalog/variants"


class ProductExportCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connect_store(product_sync=True, product_master="odoo")
        cls.Link = cls.env["bigcommerce.product.link"]
        cls.Template = cls.env["product.template"]
        cls.size = cls._attribute("Size", ["S", "M"])
        cls.color = cls._attribute("Color", ["Red", "Blue"])

    @classmethod
    def _attribute(cls, name, labels):
        return cls.env["product.attribute"].create(
            {
                "name": f"BC test {name}",
                "value_ids": [Command.create({"name": label}) for label in labels],
            }
        )

    def tee(self, name="Tee", prefix="TEE"):
        """A template with Size x Color: four variants with references."""
        template = self.Template.create(
            {
                "name": name,
                "list_price": 20.0,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": attr.id,
                            "value_ids": [Command.set(attr.value_ids.ids)],
                        }
                    )
                    for attr in (self.size, self.color)
                ],
            }
        )
        for variant in template.product_variant_ids:
            labels = variant.product_template_attribute_value_ids.mapped("name")
            variant.default_code = "-".join([prefix, *labels])
        return template

    def mug(self, name="Mug", code="MUG-1", **values):
        return self.Template.create(
            {"name": name, "default_code": code, "list_price": 9.5, **values}
        )

    def export(self, operation, templates, strict=False):
        """Run the exporter like a button does; return the finished run."""

        def flow(run):
            ProductExporter(self.store, run, strict=strict).apply(operation, templates)

        return self.store._run_flow("product_export", flow)

    def links(self, templates=None):
        domain = [("store_id", "=", self.store.id)]
        if templates is not None:
            domain.append(("product_tmpl_id", "in", templates.ids))
        return self.Link.search(domain)

    def messages(self, run, level=None):
        lines = run.log.line_ids
        if level:
            lines = lines.filtered(lambda line: line.level == level)
        return " | ".join(lines.mapped("message"))

    def bc_product(self, template):
        return self.sim.product(self.links(template)[:1].bc_product_id)

    def assert_requests_match_spec(self):
        """Validate every logged request against the official specs."""
        validate_logged_requests(self.sim.requests)


@tagged("standard", "bigcommerce")
class TestProductList(ProductExportCase):
    def test_list_creates_product_with_all_variants_and_options(self):
        template = self.tee()

        run = self.export("list", template)

        self.assertEqual(self.sim.count("POST", PRODUCTS), 1)
        [product] = self.sim.products
        self.assertEqual(product["name"], "Tee")
        self.assertEqual(
            {o["display_name"] for o in product["options"]},
            {"BC test Size", "BC test Color"},
        )
        skus = sorted(template.product_variant_ids.mapped("default_code"))
        self.assertEqual(sorted(v["sku"] for v in product["variants"]), skus)
        links = self.links(template)
        self.assertEqual(len(links), 4)
        self.assertEqual(set(links.mapped("bc_product_id")), {product["id"]})
        by_sku = {v["sku"]: v["id"] for v in product["variants"]}
        for link in links:
            self.assertEqual(link.bc_variant_id, by_sku[link.product_id.default_code])
            self.assertEqual(link.last_price, 20.0)
            self.assertEqual(link.listing_state, "listed")
        self.assertEqual(run.counts["created"], 1)
        self.assert_requests_match_spec()

    def test_list_sends_what_the_variants_carry(self):
        template = self.tee()
        variant = template.product_variant_ids[0]
        variant.write(
            {"weight": 2.0, "bigcommerce_width": 150.0, "barcode": "012345678905"}
        )

        self.export("list", template)

        body = next(r.body for r in self.sim.requests if r.method == "POST")
        sent = next(v for v in body["variants"] if v["sku"] == variant.default_code)
        self.assertEqual(sent["weight"], 2.0)
        self.assertEqual(sent["width"], 15.0)  # mm in Odoo, cm in the store
        self.assertEqual(sent["upc"], "012345678905")
        self.assertEqual(sent["price"], 20.0)
        self.assertEqual(len(sent["option_values"]), 2)
        self.assertNotIn("sku", body)
        self.assertEqual(body["type"], "physical")

    def test_single_variant_template_is_a_simple_product_with_its_sku(self):
        template = self.mug()

        self.export("list", template)

        product = self.bc_product(template)
        self.assertEqual(product["sku"], "MUG-1")
        self.assertEqual(product["price"], 9.5)
        self.assertEqual(
            self.links(template).bc_variant_id, product["variants"][0]["id"]
        )
        self.assert_requests_match_spec()

    def test_service_is_listed_as_digital(self):
        template = self.mug(name="Gift wrap", code="WRAP", type="service")

        self.export("list", template)

        self.assertEqual(self.bc_product(template)["type"], "digital")

    def test_default_category_is_sent_on_creation(self):
        shirts = self.sim.add_category("Shirts")
        self.store.default_category_id = self.env["bigcommerce.category"].create(
            {
                "store_id": self.store.id,
                "bc_category_id": shirts["category_id"],
                "name": "Shirts",
            }
        )
        template = self.mug()

        self.export("list", template)

        self.assertEqual(
            self.bc_product(template)["categories"], [shirts["category_id"]]
        )

    def test_list_as_draft_lists_hidden(self):
        self.store.list_as_draft = True
        template = self.mug()

        self.export("list", template)

        self.assertFalse(self.bc_product(template)["is_visible"])
        self.assertEqual(self.links(template).listing_state, "hidden")

    def test_listing_a_listed_template_updates_it(self):
        template = self.mug()
        self.export("list", template)
        template.name = "Big mug"
        self.sim.reset_log()

        run = self.export("list", template)

        self.assertEqual(self.sim.count("POST"), 0)
        self.assertEqual(self.bc_product(template)["name"], "Big mug")
        self.assertEqual(run.counts["updated"], 1)

    def test_listing_a_hidden_template_shows_it_again(self):
        self.store.list_as_draft = True
        template = self.mug()
        self.export("list", template)
        self.store.list_as_draft = False

        self.export("list", template)

        self.assertTrue(self.bc_product(template)["is_visible"])
        self.assertEqual(self.links(template).listing_state, "listed")

    def test_variant_without_internal_reference_is_refused_with_reason(self):
        template = self.tee()
        template.product_variant_ids[0].default_code = False

        run = self.export("list", template)

        self.assertEqual(self.sim.requests, [])
        self.assertFalse(self.links(template))
        self.assertEqual(run.counts["skipped"], 1)
        self.assertIn("internal reference", self.messages(run, "warning"))

    def test_bigcommerce_master_store_refuses_every_write(self):
        self.store.product_master = "bigcommerce"
        template = self.mug()

        for operation in ("list", "update", "unlist", "remove"):
            with self.subTest(operation=operation):
                run = self.export(operation, template)
                self.assertTrue(run.aborted)
                self.assertEqual(run.log.state, "failed")
                self.assertIn("BigCommerce is the master", run.failure)
        self.assertEqual(self.sim.requests, [])


@tagged("standard", "bigcommerce")
class TestProductUpdate(ProductExportCase):
    def test_update_sends_no_categories_nor_options_and_a_variant_batch(self):
        template = self.tee()
        self.export("list", template)
        template.write({"name": "Better tee", "list_price": 25.0})
        self.sim.reset_log()

        self.export("update", template)

        [put_product] = [
            r
            for r in self.sim.requests
            if r.path.endswith(f"{PRODUCTS}/{self.links(template)[0].bc_product_id}")
        ]
        self.assertEqual(put_product.method, "PUT")
        for key in ("categories", "variants", "options", "is_visible"):
            self.assertNotIn(key, put_product.body)
        [batch] = [r for r in self.sim.requests if r.path.endswith(VARIANTS)]
        self.assertEqual(len(batch.body), 4)
        product = self.bc_product(template)
        self.assertEqual(product["name"], "Better tee")
        self.assertEqual({v["price"] for v in product["variants"]}, {25.0})
        self.assertEqual(set(self.links(template).mapped("last_price")), {25.0})
        self.assert_requests_match_spec()

    def test_partial_variant_batch_logs_the_refused_variant(self):
        template = self.tee()
        self.export("list", template)
        self.sim.add_product("Other", sku="TAKEN")
        refused = template.product_variant_ids[0]
        refused.default_code = "TAKEN"
        template.list_price = 30.0

        run = self.export("update", template)

        self.assertEqual(run.counts["failed"], 1)
        self.assertIn("TAKEN", self.messages(run, "error"))
        links = self.links(template)
        self.assertEqual(
            links.filtered(lambda link: link.product_id == refused).last_price, 20.0
        )
        self.assertEqual(
            set(
                (
                    links - links.filtered(lambda link: link.product_id == refused)
                ).mapped("last_price")
            ),
            {30.0},
        )

    def test_unlist_hides_the_product(self):
        template = self.tee()
        self.export("list", template)

        self.export("unlist", template)

        self.assertFalse(self.bc_product(template)["is_visible"])
        self.assertEqual(set(self.links(template).mapped("listing_state")), {"hidden"})
        self.assert_requests_match_spec()

    def test_unlink_forgets_without_calling_bigcommerce(self):
        template = self.mug()
        self.export("list", template)
        self.sim.reset_log()

        self.export("unlink", template)

        self.assertFalse(self.links(template))
        self.assertEqual(self.sim.requests, [])
        self.assertEqual(len(self.sim.products), 1)

    def test_remove_deletes_in_bigcommerce_and_unlinks(self):
        template = self.tee()
        self.export("list", template)

        self.export("remove", template)

        self.assertEqual(self.sim.products, [])
        self.assertEqual(self.sim.count("DELETE", PRODUCTS), 1)
        self.assertFalse(self.links(template))
        self.assert_requests_match_spec()

    def test_remove_of_a_product_already_deleted_unlinks_with_info(self):
        template = self.mug()
        self.export("list", template)
        with self.store._get_client() as client:
            client.delete(f"v3/catalog/products/{self.links(template).bc_product_id}")
        self.sim.reset_log()

        run = self.export("remove", template)

        self.assertFalse(self.links(template))
        self.assertEqual(self.sim.count("DELETE"), 0)
        self.assertIn("already deleted", self.messages(run, "info"))
        self.assertEqual(run.counts["failed"], 0)
