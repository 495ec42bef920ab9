"""The customer of a BigCommerce order: the six policies and their rules."""

from odoo.addons.bigcommerce_connector.sync.customers.resolver import CustomerResolver
from odoo.addons.bigcommerce_connector.sync.orders.payload import parse_order
from odoo.tests import tagged

from tests.common import BigCommerceCase
from tests.simulator.order_records import DEFAULT_BILLING

JANE = "jane@example.com"


def address(email=JANE, **fields):
    """A v2 order address (``billing_address`` / ``orderShippingAddress``)."""
    values = dict(DEFAULT_BILLING, phone="512-555-0101", email=email, form_fields=[])
    values.update(fields)
    return values


def order(customer_id=0, email=JANE, shipping=(), order_id=100, **billing):
    """A parsed v2 order (``order_Full``) with its shipping consignments."""
    return parse_order(order_body(customer_id, email, shipping, order_id, **billing))


def order_body(customer_id=0, email=JANE, shipping=(), order_id=100, **billing):
    """A v2 order body (``order_Full``) with its shipping consignments."""
    return {
        "id": order_id,
        "customer_id": customer_id,
        "billing_address": address(email, **billing),
        "consignments": {
            "pickups": [],
            "shipping": [
                dict(ship, id=ship.get("id", 200 + index))
                for index, ship in enumerate(shipping)
            ],
            "downloads": [],
            "email": {"gift_certificates": []},
        },
    }


class CustomerResolverCase(BigCommerceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Link = cls.env["bigcommerce.partner.link"]
        cls.us = cls.env.ref("base.us")
        cls.texas = cls.env["res.country.state"].search(
            [("country_id", "=", cls.us.id), ("code", "=", "TX")]
        )
        cls.jane = cls.Partner.create(
            {"name": "Jane Old", "email": JANE, "city": "Dallas"}
        )
        cls.default = cls.Partner.create({"name": "Web Shop Default"})
        cls.store.default_partner_id = cls.default

    def resolve(self, *orders, policy=None, **kwargs):
        """Resolve orders like the order import: prefetch the page, then each."""
        if policy:
            self.store.customer_policy = policy
        resolver = CustomerResolver(self.store, None)
        resolver.prefetch(orders)
        results = [resolver.resolve(o, **kwargs) for o in orders]
        return results[0] if len(results) == 1 else results

    def set_new_customer_defaults(self):
        """Give the store a tag, terms, pricelist and position for new customers.

        :returns: ``(tag, term, pricelist, position)``
        """
        tag = self.env["res.partner.category"].create({"name": "Web"})
        term = self.env["account.payment.term"].create({"name": "Web terms"})
        pricelist = self.env["product.pricelist"].create({"name": "Web tier"})
        position = self.env["account.fiscal.position"].create(
            {"name": "Web position", "company_id": self.store.company_id.id}
        )
        self.store.write(
            {
                "new_customer_tag_ids": [(6, 0, tag.ids)],
                "new_customer_payment_term_id": term.id,
                "new_customer_pricelist_id": pricelist.id,
                "new_customer_fiscal_position_id": position.id,
            }
        )
        return tag, term, pricelist, position

    def link(self, customer_id, partner):
        return self.Link.create(
            {
                "store_id": self.store.id,
                "partner_id": partner.id,
                "bc_customer_id": customer_id,
            }
        )

    def links(self, customer_id):
        return self.Link.search(
            [("store_id", "=", self.store.id), ("bc_customer_id", "=", customer_id)]
        )


@tagged("standard", "bigcommerce")
class TestCustomerPolicies(CustomerResolverCase):
    def test_id_email_update_updates_the_contact_linked_by_id(self):
        self.link(7, self.jane)

        result = self.resolve(
            order(7, email="new@example.com"), policy="id_email_update"
        )

        self.assertEqual((result.partner, result.how), (self.jane, "id"))
        self.assertEqual(self.jane.name, "Jane Doe")
        self.assertEqual(self.jane.city, "Austin")
        self.assertEqual(self.jane.email, "new@example.com")

    def test_id_email_update_matches_by_email_and_links_the_id(self):
        result = self.resolve(order(7), policy="id_email_update")

        self.assertEqual((result.partner, result.how), (self.jane, "email"))
        self.assertEqual(self.jane.city, "Austin")
        self.assertEqual(self.links(7).partner_id, self.jane)

    def test_id_email_keep_matches_without_updating(self):
        result = self.resolve(order(7), policy="id_email_keep")

        self.assertEqual(result.partner, self.jane)
        self.assertEqual((self.jane.name, self.jane.city), ("Jane Old", "Dallas"))
        self.assertEqual(self.links(7).partner_id, self.jane)

    def test_id_email_keep_creates_an_unmatched_customer(self):
        result = self.resolve(order(8, email="bob@example.com"), policy="id_email_keep")

        self.assertEqual(result.how, "created")
        self.assertEqual(result.partner.email, "bob@example.com")
        self.assertEqual(self.links(8).partner_id, result.partner)

    def test_id_keep_default_matches_by_id_only(self):
        linked = self.Partner.create({"name": "Linked", "city": "Dallas"})
        self.link(7, linked)

        by_id, by_email = self.resolve(
            order(7), order(9, order_id=101), policy="id_keep_default"
        )

        self.assertEqual((by_id.partner, by_id.how), (linked, "id"))
        self.assertEqual(linked.city, "Dallas")
        self.assertEqual((by_email.partner, by_email.how), (self.default, "default"))
        self.assertFalse(self.links(9))

    def test_email_update_ignores_links_and_updates_by_email(self):
        other = self.Partner.create({"name": "Linked elsewhere"})
        self.link(7, other)

        result = self.resolve(order(7), policy="email_update")

        self.assertEqual((result.partner, result.how), (self.jane, "email"))
        self.assertEqual(self.jane.city, "Austin")
        self.assertEqual(self.links(7).partner_id, other)

    def test_email_update_creates_an_unmatched_customer(self):
        result = self.resolve(order(email="bob@example.com"), policy="email_update")

        self.assertEqual(result.how, "created")
        self.assertEqual(result.partner.name, "Jane Doe")

    def test_email_update_default_sends_unmatched_to_the_default_customer(self):
        matched, unmatched = self.resolve(
            order(),
            order(email="bob@example.com", order_id=101),
            policy="email_update_default",
        )

        self.assertEqual(matched.partner, self.jane)
        self.assertEqual(self.jane.city, "Austin")
        self.assertEqual(unmatched.partner, self.default)
        self.assertFalse(
            self.Partner.search(
                [("email", "=", "bob@example.com"), ("type", "!=", "invoice")]
            )
        )

    def test_default_policy_assigns_every_order_to_the_default_customer(self):
        self.link(7, self.jane)

        result = self.resolve(order(7), policy="default")

        self.assertEqual((result.partner, result.how), (self.default, "default"))
        self.assertEqual(self.jane.city, "Dallas")


@tagged("standard", "bigcommerce")
class TestCustomerMatching(CustomerResolverCase):
    def test_guest_is_matched_by_email_and_gets_no_link(self):
        result = self.resolve(order(0), policy="id_email_update")

        self.assertEqual(result.partner, self.jane)
        self.assertFalse(self.Link.search([("store_id", "=", self.store.id)]))

    def test_upper_case_email_matches_the_lower_case_contact(self):
        result = self.resolve(order(email="  Jane@EXAMPLE.com "), policy="email_update")

        self.assertEqual(result.partner, self.jane)
        self.assertEqual(self.jane.email, JANE)

    def test_order_without_email_goes_to_a_new_cash_customer(self):
        self.assertFalse(self.store.cash_partner_id)

        first, second = self.resolve(
            order(email=""),
            order(email="", order_id=101),
            policy="email_update_default",
        )

        self.assertEqual(first.how, "cash")
        self.assertEqual(first.partner, self.store.cash_partner_id)
        self.assertEqual(second.partner, first.partner)
        self.assertIn("cash customer", first.partner.name)

    def test_default_customer_of_the_order_warehouse(self):
        east = self.env["stock.warehouse"].create({"name": "East", "code": "EST"})
        main = self.env["stock.warehouse"].search(
            [("company_id", "=", self.store.company_id.id), ("id", "!=", east.id)],
            limit=1,
        )
        east_customer = self.Partner.create({"name": "East default"})
        self.store.write(
            {
                "default_customer_mode": "warehouse",
                "default_customer_ids": [
                    (0, 0, {"warehouse_id": east.id, "partner_id": east_customer.id})
                ],
            }
        )

        in_east = self.resolve(order(), policy="default", warehouse=east)
        elsewhere = self.resolve(order(), policy="default", warehouse=main)
        self.store.default_customer_mode = "delivery_warehouse"
        delivered_east = self.resolve(
            order(), policy="default", warehouse=main, delivery_warehouse=east
        )

        self.assertEqual(in_east.partner, east_customer)
        self.assertEqual(elsewhere.partner, self.default)
        self.assertEqual(delivered_east.partner, east_customer)

    def test_default_customer_falls_back_to_the_cash_customer(self):
        self.store.default_partner_id = False

        result = self.resolve(order(), policy="default")

        self.assertEqual(result.partner, self.store.cash_partner_id)
        self.assertTrue(result.partner)

    def test_link_made_by_another_transaction_is_reused(self):
        self.store.customer_policy = "id_email_update"
        resolver = CustomerResolver(self.store, None)
        page = [order(7, email="bob@example.com")]
        resolver.prefetch(page)
        # Another import linked customer 7 after this page was looked up.
        winner = self.Partner.create({"name": "Bob", "email": "bob@example.com"})
        self.link(7, winner)

        result = resolver.resolve(page[0])

        self.assertEqual(result.partner, winner)
        self.assertEqual(len(self.links(7)), 1)
        self.assertFalse(
            self.Partner.search([("name", "=", "Jane Doe"), ("type", "!=", "invoice")])
        )

    def test_a_page_of_known_customers_costs_no_query_per_order(self):
        home = {
            "name": "Jane Doe",
            "street": "455 Main Street",
            "city": "Austin",
            "zip": "78751",
            "state_id": self.texas.id,
            "country_id": self.us.id,
            "phone": "+15125550101",
        }
        partners = self.Partner.create(
            [dict(home, email=f"c{i}@example.com") for i in range(30)]
        )
        self.Partner.create(
            [
                dict(home, street="1 Dock Road", type="delivery", parent_id=p.id)
                for p in partners
            ]
        )
        for index, partner in enumerate(partners):
            self.link(100 + index, partner)
        shipping = [address(), address(street_1="1 Dock Road")]
        orders = [
            order(100 + i, email=p.email, shipping=shipping, order_id=i + 1)
            for i, p in enumerate(partners)
        ]
        self.store.customer_policy = "id_email_keep"
        resolver = CustomerResolver(self.store, None)
        resolver.resolve(order(1, email="warm@example.com"))  # loads countries
        resolver.prefetch(orders)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count

        results = [resolver.resolve(each) for each in orders]

        self.env.flush_all()
        self.assertLessEqual(self.cr.sql_log_count - before, 8)
        self.assertEqual([r.partner for r in results], list(partners))
        self.assertEqual([r.shipping_partner for r in results], list(partners))
        docks = [list(r.shipping_partners.values())[1] for r in results]
        self.assertEqual([d.parent_id for d in docks], list(partners))
