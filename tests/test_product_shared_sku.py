"""A SKU on two BigCommerce variants: one link, never a guess, never order-bound."""

from odoo.addons.bigcommerce_connector.sync.orders.importer import OrderImporter
from odoo.tests import tagged

from tests.test_product_download import ProductDownloadCase

EARLY = "2026-01-01T00:00:00+00:00"
LATE = "2026-01-02T00:00:00+00:00"


@tagged("standard", "bigcommerce")
class TestSharedSku(ProductDownloadCase):
    def seed_pair(self, mug_date=EARLY, cup_date=LATE):
        """Mug and Cup share SKU SAME; the mug's variant has the lower id."""
        mug = self.sim.add_product("Mug", sku="SAME", date_modified=mug_date)
        cup = self.sim.add_product("Cup", sku="SAME", date_modified=cup_date)
        low, high = mug["variants"][0]["id"], cup["variants"][0]["id"]
        self.assertLess(low, high)
        return mug, cup, low, high

    def linked(self):
        """BigCommerce variant id -> internal reference of its Odoo product."""
        return {link.bc_variant_id: link.product_id for link in self.links()}

    def download_orders(self):
        return self.run_sync(
            "order_download", lambda run: OrderImporter(self.store, run).download()
        )

    def test_the_lower_variant_id_takes_the_odoo_product_of_the_sku(self):
        ours = self.Product.create({"name": "Our mug", "default_code": "SAME"})
        _mug, _cup, low, high = self.seed_pair()

        run = self.download()

        self.assertEqual(self.linked(), {low: ours})
        self.assertEqual(run.counts["skipped"], 1)
        message = self.messages(run)
        self.assertIn(f"variants {low} and {high} share SKU SAME", message)
        self.assertIn(ours.display_name, message)

    def test_a_new_product_is_created_once_for_the_lower_variant_id(self):
        _mug, _cup, low, _high = self.seed_pair()

        self.download()

        created = self.Product.search([("default_code", "=", "SAME")])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.name, "Mug")
        self.assertEqual(self.linked(), {low: created})

    def test_the_higher_variant_id_downloaded_first_gives_the_same_links(self):
        ours = self.Product.create({"name": "Our mug", "default_code": "SAME"})
        _mug, _cup, low, high = self.seed_pair(mug_date=LATE, cup_date=EARLY)

        run = self.download(page_size=1)  # the cup's page, then the mug's

        self.assertEqual(self.linked(), {low: ours})
        message = self.messages(run)
        self.assertIn(f"variants {low} and {high} share SKU SAME", message)
        self.assertIn(f"variant {high} is no longer linked", message)

    def test_the_lower_variant_id_downloaded_first_keeps_its_link(self):
        ours = self.Product.create({"name": "Our mug", "default_code": "SAME"})
        _mug, _cup, low, _high = self.seed_pair()

        run = self.download(page_size=1)  # the mug's page, then the cup's

        self.assertEqual(self.linked(), {low: ours})
        self.assertIn(f"linked to BigCommerce variant {low}", self.messages(run))

    def test_an_order_downloading_the_higher_variant_first_changes_nothing(self):
        """The cup arrives through an order, the mug later: same as both at once."""
        self.store.order_sync = True
        _mug, cup, low, high = self.seed_pair()
        self.sim.add_order(
            products=[
                {"product_id": cup["id"], "variant_id": high, "sku": "SAME"},
            ]
        )
        self.download_orders()
        self.assertEqual(list(self.linked()), [high])

        self.download()

        product = self.Product.search([("default_code", "=", "SAME")])
        self.assertEqual(len(product), 1)
        self.assertEqual(self.linked(), {low: product})
        sale = self.env["sale.order"].search(
            [("bigcommerce_store_id", "=", self.store.id)]
        )
        self.assertIn(product, sale.order_line.product_id)

    def test_a_variant_with_its_own_link_keeps_it(self):
        """Each variant linked by its id keeps its own Odoo product."""
        _mug, cup, low, high = self.seed_pair()
        ours = self.Product.create({"name": "Our mug", "default_code": "SAME"})
        cup_product = self.Product.create({"name": "Our cup", "default_code": "CUP"})
        self.Link.create(
            {
                "store_id": self.store.id,
                "product_id": cup_product.id,
                "bc_product_id": cup["id"],
                "bc_variant_id": high,
                "sku": "SAME",
            }
        )

        run = self.download()

        self.assertEqual(self.linked(), {low: ours, high: cup_product})
        self.assertEqual(run.counts["skipped"], 0)

    def test_a_link_not_made_by_sku_is_never_taken_over(self):
        """A listed variant's link wins over a lower variant id with its SKU."""
        _mug, cup, _low, high = self.seed_pair()
        ours = self.Product.create({"name": "Our mug", "default_code": "SAME"})
        self.Link.create(
            {
                "store_id": self.store.id,
                "product_id": ours.id,
                "bc_product_id": cup["id"],
                "bc_variant_id": high,
                "sku": "SAME",
            }
        )

        run = self.download()

        self.assertEqual(self.linked(), {high: ours})
        self.assertIn(f"linked to BigCommerce variant {high}", self.messages(run))
