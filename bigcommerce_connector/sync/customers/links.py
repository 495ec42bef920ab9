"""BigCommerce customer ids and their Odoo customers (``bigcommerce.partner.link``).

UNIQUE per store and customer id in PostgreSQL: when two imports link one
customer at once, the second insert fails and the link the first one made
is used instead.
"""

from psycopg2.errors import UniqueViolation

from odoo.exceptions import UserError
from odoo.tools import mute_logger


class PartnerLinks:
    """The links of one store, looked up a page at a time and kept for the run.

    :param resolver: the :class:`~.resolver.CustomerResolver` whose partners
        and roll-back check are used
    """

    def __init__(self, resolver):
        self.store = resolver.store
        self.env = resolver.env
        self.Partner = resolver.Partner
        self.Link = self.env["bigcommerce.partner.link"].sudo()
        self.resolver = resolver
        self._partners = {}  # BigCommerce customer id -> partner (False: none)
        self._fresh = set()  # customer ids linked here

    def knows(self, customer_id):
        """Whether the link of ``customer_id`` was looked up already."""
        return customer_id in self._partners

    def prefetch(self, customer_ids):
        """Look up the links of ``customer_ids`` not seen yet, in one query."""
        ids = set(customer_ids) - self._partners.keys()
        if not ids:
            return
        self._partners.update(dict.fromkeys(ids, False))
        links = self.Link.search(
            [("store_id", "=", self.store.id), ("bc_customer_id", "in", list(ids))]
        )
        # One recordset, so that reading one partner reads the page's.
        partners = {p.id: p for p in self.Partner.browse(links.partner_id.ids)}
        for link in links:
            self._partners[link.bc_customer_id] = partners[link.partner_id.id]

    def cached(self, customer_id):
        """The partner looked up for ``customer_id``, unchecked (False: none)."""
        return self._partners.get(customer_id)

    def partner(self, customer_id):
        """The partner linked to a BigCommerce customer id, if any.

        A link made in this run is checked again: the savepoint of a failed
        record may have rolled it back.
        """
        partner = self._partners.get(customer_id)
        if partner and customer_id in self._fresh:
            domain = [
                ("store_id", "=", self.store.id),
                ("bc_customer_id", "=", customer_id),
            ]
            if not self.Link.search_count(domain, limit=1):
                self._partners[customer_id] = partner = False
        return self.resolver.unless_rolled_back(partner)

    def ensure(self, customer_id, partner, id_wins):
        """Link ``partner`` to the customer id unless it is linked already.

        :param id_wins: when the id is linked to another partner, that one
            is the customer (an id policy); else ``partner`` stays
        :returns: the customer
        """
        linked = self.partner(customer_id)
        if not linked:
            try:
                with self.env.cr.savepoint():
                    self.insert(customer_id, partner)
                return partner
            except UniqueViolation:
                linked = self.existing(customer_id)
        return linked if id_wins else partner

    def insert(self, customer_id, partner):
        """Insert the link; a concurrent import's raises UniqueViolation."""
        with mute_logger("odoo.sql_db"):
            self.Link.create(
                {
                    "store_id": self.store.id,
                    "partner_id": partner.id,
                    "bc_customer_id": customer_id,
                }
            )
        self._partners[customer_id] = partner
        self._fresh.add(customer_id)

    def existing(self, customer_id):
        """The partner of a link another transaction made for the customer id.

        :raises UserError: that transaction has not committed it yet
        """
        link = self.Link.search(
            [("store_id", "=", self.store.id), ("bc_customer_id", "=", customer_id)],
            limit=1,
        )
        if not link:
            raise UserError(
                self.env._(
                    "BigCommerce customer %(id)s is being saved by another import "
                    "right now; this record is tried again on the next run.",
                    id=customer_id,
                )
            )
        self._partners[customer_id] = self.Partner.browse(link.partner_id.id)
        self._fresh.discard(customer_id)
        return self._partners[customer_id]
