"""Download customers: BigCommerce customers (v3) to Odoo contacts.

Same matching and update rules as orders (the store's customer policy), one
savepoint per customer, 250 customers a call with their addresses. Under
"Assign to default customer" nothing is created: the customers Odoo already
has (same id or email) are only linked.
"""

from ...api.const import MAX_PAGE_SIZE
from ..core.importer import Importer
from ..core.paging import CustomerPages
from ..core.values import parse_page
from .mapping import customer_from_v3
from .payload import parse_customer
from .resolver import CustomerResolver


class CustomerImporter(Importer):
    """Downloads the customers of one store within a :class:`~..core.run.SyncRun`."""

    cursor_field = "customers_modified_after"

    def __init__(self, store, run, commit=False):
        super().__init__(store, run, commit)
        self.resolver = CustomerResolver(store, run)

    def download(self, full=False, page_size=MAX_PAGE_SIZE):
        """Download the customers modified since the store's cursor (or all).

        :param page_size: customers per call (BigCommerce's maximum is 250)
        :returns: the number of customers fetched
        """
        since = None if full else self.store.customers_modified_after
        if self.store.customer_policy == "default":
            self.run.info(
                None,
                self.env._(
                    "Customers not yet in Odoo are not created: this store assigns "
                    "every order to the default customer."
                ),
            )
        pages = CustomerPages(
            self.run.client, {"include": "addresses"}, since, page_size
        )
        return self._import_pages(pages, "customers")

    def import_page(self, customers):
        """Match, update or create the customers of one page, each in a savepoint.

        Each body is parsed first: one that cannot be read fails in its own
        savepoint, with the field named, and the page goes on.

        :param customers: the page's v3 customer bodies
        """
        page = parse_page(customers, parse_customer)
        self.resolver.prefetch_customers(
            [customer_from_v3(entry.record) for entry in page if entry.error is None]
        )
        moments = {}
        for entry in page:
            self.run.count("fetched")
            with self.run.record(f"customer {entry.id}"):
                customer = entry.get()
                if self._import_customer(customer):
                    moments[customer.id] = customer.date_modified
            self.cursor.note(entry.moment, self.run.last_failed)
        self._stamp_links(moments)

    def _import_customer(self, customer):
        """One parsed customer; returns whether it is linked in Odoo."""
        result = self.resolver.resolve_customer(customer)
        reference = f"customer {customer.id}"
        for note in result.notes:
            self.run.warning(reference, note)
        if not result.how:
            self.run.count("skipped")
            return False
        if result.how == "created":
            self.run.count("created")
        elif result.updated:
            self.run.count("updated")
        else:
            self.run.count("skipped")
        return True

    def _stamp_links(self, moments):
        """Write BigCommerce's modification date on the links of the page."""
        if not moments:
            return
        links = (
            self.env["bigcommerce.partner.link"]
            .sudo()
            .search(
                [
                    ("store_id", "=", self.store.id),
                    ("bc_customer_id", "in", list(moments)),
                ]
            )
        )
        for link in links:
            moment = moments.get(link.bc_customer_id)
            if moment and link.bc_date_modified != moment:
                link.bc_date_modified = moment
