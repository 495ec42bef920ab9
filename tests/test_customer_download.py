"""Download customers: BigCommerce customers to Odoo contacts, over real HTTP."""

from odoo.addons.bigcommerce_connector.sync.customers.importer import CustomerImporter
from odoo.tests import tagged

from tests.common import BigCommerceCase

DOCK = {"address1": "1 Dock Road", "city": "Houston", "postal_code": "77001"}


@tagged("standard", "bigcommerce")
class TestCustomerDownload(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store.write({"state": "connected", "customer_policy": "id_email_update"})
        cls.Partner = cls.env["res.partner"]
        cls.Link = cls.env["bigcommerce.partner.link"]

    def download(self, full=False, page_size=250):
        """Run a download like the button does; return the finished run."""
        return self.run_sync(
            "customer_download",
            lambda run: CustomerImporter(self.store, run).download(
                full=full, page_size=page_size
            ),
        )

    def linked(self, bc_customer):
        return self.Link.search(
            [
                ("store_id", "=", self.store.id),
                ("bc_customer_id", "=", bc_customer["id"]),
            ]
        ).partner_id

    def test_customers_become_linked_contacts_with_their_addresses(self):
        bc_jane = self.sim.add_customer(
            "Jane@Example.com",
            company="Acme Inc",
            phone="512-555-0101",
            addresses=[{}, DOCK],
        )

        run = self.download()

        jane = self.linked(bc_jane)
        self.assertEqual(jane.name, "Jane Doe")
        self.assertEqual(jane.email, "jane@example.com")
        self.assertEqual(jane.parent_id.name, "Acme Inc")
        self.assertTrue(jane.parent_id.is_company)
        self.assertEqual((jane.street, jane.city), ("455 Main Street", "Austin"))
        self.assertEqual(jane.phone, "+15125550101")
        self.assertEqual(jane.child_ids.mapped("street"), ["1 Dock Road"])
        self.assertEqual(jane.child_ids.type, "delivery")
        self.assertEqual(run.counts["created"], 1)
        self.assertEqual(run.log.operation, "customer_download")

    def test_second_download_creates_no_duplicate(self):
        self.sim.add_customer("jane@example.com", addresses=[{}, DOCK])
        self.sim.add_customer("bob@example.com", first_name="Bob")
        self.download()
        partners = self.Partner.search([]).ids
        links = self.Link.search([]).ids

        run = self.download(full=True)

        self.assertEqual(self.Partner.search([]).ids, partners)
        self.assertEqual(self.Link.search([]).ids, links)
        self.assertEqual(run.counts["created"], 0)

    def test_existing_contact_with_the_email_is_linked_and_updated(self):
        jane = self.Partner.create({"name": "Jane Old", "email": "JANE@example.com"})
        bc_jane = self.sim.add_customer("jane@example.com", addresses=[{}])

        run = self.download()

        self.assertEqual(self.linked(bc_jane), jane)
        self.assertEqual((jane.name, jane.city), ("Jane Doe", "Austin"))
        self.assertEqual(run.counts["updated"], 1)

    def test_keep_policy_links_without_updating(self):
        self.store.customer_policy = "id_email_keep"
        jane = self.Partner.create({"name": "Jane Old", "email": "jane@example.com"})
        bc_jane = self.sim.add_customer("jane@example.com", addresses=[{}, DOCK])

        self.download()

        self.assertEqual(self.linked(bc_jane), jane)
        self.assertEqual(jane.name, "Jane Old")
        self.assertFalse(jane.child_ids)

    def test_default_customer_policy_creates_nothing(self):
        self.store.customer_policy = "default"
        jane = self.Partner.create({"name": "Jane Old", "email": "jane@example.com"})
        bc_jane = self.sim.add_customer("jane@example.com")
        self.sim.add_customer("bob@example.com", first_name="Bob")

        run = self.download()

        self.assertEqual(self.linked(bc_jane), jane)
        self.assertEqual(jane.name, "Jane Old")
        self.assertFalse(self.Partner.search([("email", "=", "bob@example.com")]))
        self.assertEqual(run.counts["created"], 0)
        self.assertEqual(run.counts["skipped"], 2)

    def test_next_download_asks_only_for_customers_modified_since(self):
        self.sim.add_customer("jane@example.com", date_modified="2025-01-10T10:00:00Z")
        self.sim.add_customer("bob@example.com", date_modified="2025-01-12T10:00:00Z")
        self.download()
        self.assertEqual(
            str(self.store.customers_modified_after), "2025-01-12 10:00:00"
        )
        self.sim.reset_log()

        run = self.download()

        self.assertEqual(run.counts["fetched"], 1)
        (request,) = self.sim.requests
        self.assertEqual(
            request.query["date_modified:min"], "2025-01-12T10:00:00+00:00"
        )

    def test_pages_of_customers_are_all_downloaded(self):
        for index in range(5):
            self.sim.add_customer(f"c{index}@example.com", first_name=f"C{index}")

        run = self.download(page_size=2)

        self.assertEqual(run.counts["created"], 5)
        self.assertEqual(self.Link.search_count([("store_id", "=", self.store.id)]), 5)

    def test_button_returns_a_notification(self):
        self.sim.add_customer("jane@example.com")

        action = self.store.action_download_customers()

        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("1 created", action["params"]["message"])

    def test_a_malformed_customer_fails_alone_naming_the_field(self):
        good = self.sim.add_customer("good@example.com")
        bad = self.sim.add_customer("bad@example.com", addresses=[{}, DOCK])
        bad["addresses"][1]["country_code"] = {"alpha2": "US"}

        run = self.download()

        self.assertTrue(self.linked(good))
        self.assertFalse(self.linked(bad))
        self.assertFalse(self.Partner.search([("email", "=", "bad@example.com")]))
        self.assertEqual(run.counts["failed"], 1)
        [line] = run.log.line_ids.filtered(lambda line: line.level == "error")
        self.assertEqual(line.reference, f"customer {bad['id']}")
        self.assertIn("addresses[1].country_code: {'alpha2': 'US'}", line.message)
