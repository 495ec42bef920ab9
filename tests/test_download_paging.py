"""Downloads page by key: a record edited during a download loses nothing.

Page numbers over ``date_modified`` skip a record when another one, edited
between two pages, moves to the end; each test here edits a record in the
simulator right after a page was answered, before the next is asked for.
"""

from odoo.addons.bigcommerce_connector.sync.customers.importer import CustomerImporter
from odoo.tests import tagged

from tests.common import BigCommerceCase
from tests.contract import validate_logged_requests
from tests.test_order_download import OrderDownloadCase
from tests.test_product_download import ProductDownloadCase

# Five records modified on five days, and all within one second.
DAYS = [f"2025-01-0{day}T10:00:00+00:00" for day in range(1, 6)]
ONE_SECOND = ["2025-01-01T10:00:00+00:00"] * 5
# Past this many calls a download is looping: the simulator then refuses the
# token, so a broken pager ends as a failed run instead of hanging the suite.
RUNAWAY = 30


class PagingMixin:
    def stop_runaway(self):
        self.sim.after_request(
            lambda: setattr(self.sim, "access_token", "revoked"), nth=RUNAWAY
        )

    def edit_after(self, nth, edit, path):
        """Edit a record right after the ``nth`` page was answered."""
        self.sim.after_request(edit, nth=nth, path_contains=path)

    def assertCompleteRun(self, run, fetched=5):
        self.assertFalse(run.aborted, run.failure)
        self.assertEqual(run.counts["fetched"], fetched)


@tagged("standard", "bigcommerce")
class TestOrderPaging(PagingMixin, OrderDownloadCase):
    def add_orders(self, dates):
        return [self.mug_order(date_modified=date) for date in dates]

    def downloaded_ids(self):
        return sorted(self.sales().mapped("bigcommerce_order_id"))

    def test_an_order_edited_between_two_pages_is_still_downloaded(self):
        orders = self.add_orders(DAYS)
        first = orders[0]["id"]
        self.edit_after(1, lambda: self.sim.update_order(first), "/v2/orders")

        run = self.download(page_size=2)

        self.assertEqual(self.downloaded_ids(), [o["id"] for o in orders])
        self.assertFalse(run.aborted)

    def test_an_order_edited_after_it_was_read_is_read_again(self):
        orders = self.add_orders(DAYS)
        first = orders[0]["id"]
        self.edit_after(
            1,
            lambda: self.sim.update_order(first, customer_message="Ring twice"),
            "/v2/orders",
        )

        run = self.download(page_size=2)

        sale = self.sales().filtered(lambda s: s.bigcommerce_order_id == first)
        self.assertEqual(sale.bigcommerce_customer_message, "Ring twice")
        self.assertCompleteRun(run, fetched=6)

    def test_more_orders_than_a_page_within_one_second_are_all_downloaded(self):
        orders = self.add_orders(ONE_SECOND)
        self.stop_runaway()

        run = self.download(page_size=2)

        self.assertEqual(self.downloaded_ids(), [o["id"] for o in orders])
        self.assertCompleteRun(run)
        validate_logged_requests(self.sim.requests)
        same_second = [
            r.query for r in self.sim.requests if "max_date_modified" in r.query
        ]
        third, fifth = str(orders[2]["id"]), str(orders[4]["id"])
        self.assertEqual([q.get("min_id") for q in same_second], [None, third, fifth])

    def test_an_order_edited_while_its_second_is_read_by_id_is_downloaded(self):
        orders = self.add_orders(ONE_SECOND)
        second = orders[1]["id"]
        self.stop_runaway()
        self.edit_after(2, lambda: self.sim.update_order(second), "/v2/orders")

        run = self.download(page_size=2)

        self.assertEqual(self.downloaded_ids(), [o["id"] for o in orders])
        self.assertFalse(run.aborted, run.failure)

    def test_a_download_smaller_than_a_page_is_one_call(self):
        self.add_orders(DAYS)

        self.download(page_size=6)

        self.assertEqual(self.sim.count(path_contains="/v2/orders"), 1)

    def test_pages_take_as_many_calls_as_page_numbers_did(self):
        self.add_orders([*DAYS, "2025-01-06T10:00:00+00:00"])

        self.download(page_size=4)

        self.assertEqual(len(self.sales()), 6)
        self.assertEqual(self.sim.count(path_contains="/v2/orders"), 2)

    def test_next_page_starts_at_the_last_date_read(self):
        self.add_orders(DAYS)

        self.download(page_size=4)

        second = self.sim.requests[1].query
        self.assertEqual(second["min_date_modified"], "2025-01-04T10:00:00+00:00")
        self.assertEqual(second["sort"], "date_modified:asc")
        self.assertNotIn("page", second)


@tagged("standard", "bigcommerce")
class TestProductPaging(PagingMixin, ProductDownloadCase):
    def add_products(self, dates):
        return [
            self.sim.add_product(f"Product {i}", sku=f"P{i}", date_modified=date)
            for i, date in enumerate(dates)
        ]

    def download_skus(self):
        return sorted(self.links().mapped("sku"))

    def test_a_product_edited_between_two_pages_is_still_downloaded(self):
        products = self.add_products(DAYS)
        first = products[0]["id"]
        self.edit_after(1, lambda: self.sim.update_product(first), "/products")

        run = self.download(page_size=2)

        self.assertEqual(self.download_skus(), ["P0", "P1", "P2", "P3", "P4"])
        self.assertFalse(run.aborted)

    def test_more_products_than_a_page_within_one_second_are_all_downloaded(self):
        self.add_products(ONE_SECOND)
        self.stop_runaway()

        run = self.download(page_size=2)

        self.assertEqual(self.download_skus(), ["P0", "P1", "P2", "P3", "P4"])
        self.assertCompleteRun(run)
        validate_logged_requests(self.sim.requests)

    def test_a_product_edited_while_its_second_is_read_by_id_is_downloaded(self):
        products = self.add_products(ONE_SECOND)
        second = products[1]["id"]
        self.stop_runaway()
        self.edit_after(2, lambda: self.sim.update_product(second), "/products")

        run = self.download(page_size=2)

        self.assertEqual(self.download_skus(), ["P0", "P1", "P2", "P3", "P4"])
        self.assertFalse(run.aborted, run.failure)


@tagged("standard", "bigcommerce")
class TestCustomerPaging(PagingMixin, BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.write({"state": "connected", "customer_policy": "id_email_update"})
        cls.Partner_link = cls.env["bigcommerce.partner.link"]

    def download(self, full=False, page_size=250):
        return self.run_sync(
            "customer_download",
            lambda run: CustomerImporter(self.store, run).download(
                full=full, page_size=page_size
            ),
        )

    def add_customers(self, dates):
        return [
            self.sim.add_customer(f"c{i}@example.com", date_modified=date)
            for i, date in enumerate(dates)
        ]

    def linked_ids(self):
        links = self.Partner_link.search([("store_id", "=", self.store.id)])
        return sorted(links.mapped("bc_customer_id"))

    def test_a_customer_edited_between_two_pages_is_still_downloaded(self):
        customers = self.add_customers(DAYS)
        first = customers[0]["id"]
        self.edit_after(1, lambda: self.sim.update_customer(first), "/v3/customers")

        run = self.download(page_size=2)

        self.assertEqual(self.linked_ids(), [c["id"] for c in customers])
        self.assertFalse(run.aborted)

    def test_a_customer_edited_after_it_was_read_is_read_again(self):
        customers = self.add_customers(DAYS)
        first = customers[0]["id"]
        self.edit_after(
            1,
            lambda: self.sim.update_customer(first, first_name="Janet"),
            "/v3/customers",
        )

        run = self.download(page_size=2)

        link = self.Partner_link.search([("bc_customer_id", "=", first)])
        self.assertEqual(link.partner_id.name, "Janet Doe")
        self.assertCompleteRun(run, fetched=6)

    def test_more_customers_than_a_page_within_one_second_are_all_downloaded(self):
        customers = self.add_customers(ONE_SECOND)
        self.stop_runaway()

        run = self.download(page_size=2)

        self.assertEqual(self.linked_ids(), [c["id"] for c in customers])
        self.assertCompleteRun(run)
        validate_logged_requests(self.sim.requests)

    def test_a_customer_edited_while_its_second_is_read_by_cursor_is_downloaded(
        self,
    ):
        customers = self.add_customers(ONE_SECOND)
        second = customers[1]["id"]
        self.stop_runaway()
        self.edit_after(2, lambda: self.sim.update_customer(second), "/v3/customers")

        run = self.download(page_size=2)

        self.assertEqual(self.linked_ids(), [c["id"] for c in customers])
        self.assertFalse(run.aborted, run.failure)
