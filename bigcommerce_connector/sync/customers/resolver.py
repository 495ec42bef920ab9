"""The Odoo customer of a BigCommerce order or customer.

:class:`CustomerResolver` applies the store's customer policy (seed "Customer
tracking settings"): match by BigCommerce customer id (through
``bigcommerce.partner.link``) and/or email, update the match or not, else
create a customer or assign the order to the default customer; orders
without an email go to the store's cash customer. Look-ups are done a page
at a time by :meth:`CustomerResolver.prefetch`; per order only creations and
updates cost queries.
"""

from dataclasses import dataclass, field

from psycopg2.errors import UniqueViolation

from odoo import Command
from odoo.fields import Domain
from odoo.tools import email_normalize

from ..core.part import RunPart
from .addresses import AddressBook
from .links import PartnerLinks
from .mapping import (
    customer_from_order,
    customer_from_v3,
    normalise_email,
    normalise_phone,
)

ID_POLICIES = frozenset({"id_email_update", "id_email_keep", "id_keep_default"})
EMAIL_POLICIES = frozenset(
    {"id_email_update", "id_email_keep", "email_update", "email_update_default"}
)
UPDATE_POLICIES = frozenset({"id_email_update", "email_update", "email_update_default"})
CREATE_POLICIES = frozenset({"id_email_update", "id_email_keep", "email_update"})
DEFAULT_POLICIES = frozenset({"id_keep_default", "default"})
TEXT_FIELDS = ("name", "company_name", "street", "city", "zip", "phone", "email")


@dataclass
class CustomerResult:
    """The customer of one order (or downloaded customer).

    :ivar partner: the customer; its address is the invoice address
    :ivar shipping_partner: where the (first) shipment goes: the customer
        itself when the address is the same, else one of its delivery contacts
    :ivar shipping_partners: BigCommerce shipping address id -> contact
    :ivar notes: what to log on the order (invalid phone, unknown country...)
    :ivar how: ``id``, ``email`` (matched), ``created``, ``default``, ``cash``,
        or empty when a download left the customer out
    :ivar updated: the matched customer's details were rewritten
    """

    partner: object
    shipping_partner: object = None
    shipping_partners: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    how: str = ""
    updated: bool = False


class CustomerResolver(RunPart):
    """Finds, updates or creates the customers of one store.

    One instance serves a whole run: look-ups made for a page are kept for the
    next ones. Records it created are checked again before reuse, as the
    savepoint of a failed order may have rolled them back.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~.run.SyncRun`
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.policy = store.customer_policy
        self.Partner = self.env["res.partner"].with_company(store.company_id)
        self.addresses = AddressBook(self)
        self.links = PartnerLinks(self)
        self._emails = {}  # normalised email -> partner (empty: none)
        self._fresh = set()  # partners created here

    # === PUBLIC API === #

    def prefetch(self, orders):
        """Look up the customers of a page of parsed v2 orders in a few queries.

        :param orders: :class:`~..orders.payload.Order` objects
        """
        self.prefetch_customers([customer_from_order(order) for order in orders])

    def prefetch_customers(self, customers):
        """Look up links, emails and delivery contacts of :class:`CustomerData`."""
        self.links.prefetch(c.customer_id for c in customers if c.customer_id)
        emails = {c.email for c in customers if c.email} - self._emails.keys()
        if emails:
            self._emails.update(self._search_emails(emails))
        found = [self.links.cached(c.customer_id) for c in customers]
        found += [self._emails.get(c.email) for c in customers]
        self.addresses.prefetch(self.Partner.union(*filter(None, found)))

    def resolve(self, order, warehouse=None, delivery_warehouse=None):
        """The customer and delivery contacts of a v2 order, per the policy.

        :param order: a parsed v2 order (:class:`~..orders.payload.Order`)
        :param warehouse: the order's warehouse (default customer per warehouse)
        :param delivery_warehouse: the delivering warehouse (default: warehouse)
        :rtype: CustomerResult
        """
        data = self._prefetched(customer_from_order(order))
        result = CustomerResult(partner=self.Partner)
        values = self.addresses.customer_values(data, result.notes)
        result.partner, result.how = self._match(data)
        if result.partner:
            self._update_and_link(data, values, result)
        elif self.policy in DEFAULT_POLICIES or (
            self.policy == "email_update_default" and data.email
        ):
            result.partner = self._default_customer(warehouse, delivery_warehouse)
            result.how = "default"
        elif not data.email:
            result.partner, result.how = self.cash_customer(), "cash"
        else:
            result.partner, result.how = self._create(data, values)
        self._add_deliveries(data, result)
        return result

    def resolve_customer(self, customer):
        """Match, update or create the Odoo customer of a v3 customer.

        Same matching and update rules as orders; an unmatched customer is
        created unless the policy assigns every order to the default customer,
        which only links the customers found by id or email.

        :param customer: a parsed v3 customer (:class:`~.payload.Customer`)
        :rtype: CustomerResult (``how`` empty: left out)
        """
        data = self._prefetched(customer_from_v3(customer))
        result = CustomerResult(partner=self.Partner)
        values = self.addresses.customer_values(data, result.notes)
        # Orders of a default-customer-only store match nobody; its download
        # still links the customers Odoo already has, by id or email.
        policy = "id_email_keep" if self.policy == "default" else self.policy
        result.partner, result.how = self._match(data, policy)
        if result.partner:
            self._update_and_link(data, values, result)
        elif self.policy != "default":
            result.partner, result.how = self._create(data, values)
        if result.how == "created" or result.updated:
            self._add_deliveries(data, result)
        return result

    def cash_customer(self):
        """The store's cash customer; created and saved on the store if unset."""
        partner = self.store.cash_partner_id
        if not partner:
            partner = self.Partner.create(
                {
                    "name": self.env._(
                        "BigCommerce cash customer (%(store)s)", store=self.store.name
                    ),
                    "customer_rank": 1,
                }
            )
            self.store.sudo().cash_partner_id = partner
        return partner

    # === MATCHING === #

    def _prefetched(self, data):
        """``data``, its look-ups done now when no prefetch covered them."""
        missing_id = data.customer_id and not self.links.knows(data.customer_id)
        if missing_id or (data.email and data.email not in self._emails):
            self.prefetch_customers([data])
        return data

    def _search_emails(self, emails):
        """Customers by normalised email, case-insensitive; first by rank."""
        plain = {e for e in emails if email_normalize(e) == e}
        domains = [[("email_normalized", "in", list(plain))]] if plain else []
        domains += [[("email", "=ilike", e)] for e in emails - plain]
        partners = self.Partner.search(
            Domain.AND(
                [
                    Domain.OR(domains),
                    [("type", "!=", "delivery")],
                    [("company_id", "in", [False, self.store.company_id.id])],
                ]
            )
        )
        found = dict.fromkeys(emails, self.Partner)
        for partner in partners.sorted(lambda p: (bool(p.parent_id), p.id)):
            email = partner.email_normalized
            if email not in plain:
                email = normalise_email(partner.email)
            if email in found and not found[email]:
                found[email] = partner
        return found

    def _match(self, data, policy=None):
        """``(partner, how)`` by customer id then email, as the policy allows."""
        policy = policy or self.policy
        if policy in ID_POLICIES and data.customer_id:
            partner = self.links.partner(data.customer_id)
            if partner:
                return partner, "id"
        if policy in EMAIL_POLICIES and data.email:
            partner = self.unless_rolled_back(self._emails.get(data.email))
            if partner:
                return partner, "email"
        return self.Partner, ""

    def _update_and_link(self, data, values, result):
        """Update the matched customer if the policy says so; link it."""
        if self.policy in UPDATE_POLICIES:
            result.updated = update_details(result.partner, values)
        if data.customer_id:
            result.partner = self.links.ensure(
                data.customer_id, result.partner, self.policy in ID_POLICIES
            )

    def unless_rolled_back(self, partner):
        """``partner`` unless this resolver created it and it was rolled back."""
        if partner and partner.id in self._fresh and not partner.exists():
            return self.Partner
        return partner or self.Partner

    def remember_created(self, partner):
        """Note a contact created here: a savepoint may roll it back."""
        self._fresh.add(partner.id)

    def _default_customer(self, warehouse, delivery_warehouse):
        """The default customer per the store's mode, else the cash customer."""
        store = self.store
        by_mode = {
            "warehouse": warehouse,
            "delivery_warehouse": delivery_warehouse or warehouse,
        }
        wanted = by_mode.get(store.default_customer_mode)
        if wanted:
            row = store.default_customer_ids.filtered(
                lambda row: row.warehouse_id == wanted
            )[:1]
            if row:
                return row.partner_id
        return store.default_partner_id or self.cash_customer()

    # === CREATE AND UPDATE === #

    def _create(self, data, values):
        """Create the customer (and its link); ``(partner, how)``.

        Partner and link are one savepoint: when another import linked the
        customer id meanwhile, the new partner is rolled back and, under an
        id policy, the linked one is used.
        """
        partner_values = self._new_customer_values(values)
        try:
            with self.env.cr.savepoint():
                partner = self.Partner.create(partner_values)
                if data.customer_id:
                    self.links.insert(data.customer_id, partner)
        except UniqueViolation:
            if not data.customer_id:
                raise
            linked = self.links.existing(data.customer_id)
            if self.policy in ID_POLICIES:
                return linked, "id"
            partner = self.Partner.create(partner_values)
        self.remember_created(partner)
        if data.email:
            self._emails[data.email] = partner
        self.addresses.add_new(partner)
        return partner, "created"

    def _new_customer_values(self, values):
        """Values of a new customer: the address and the store's defaults."""
        store = self.store
        partner_values = dict(values, company_type="person", customer_rank=1)
        if store.new_customer_tag_ids:
            partner_values["category_id"] = [
                Command.set(store.new_customer_tag_ids.ids)
            ]
        defaults = {
            "property_payment_term_id": store.new_customer_payment_term_id,
            "property_product_pricelist": store.new_customer_pricelist_id,
            "property_account_position_id": store.new_customer_fiscal_position_id,
        }
        partner_values.update({name: rec.id for name, rec in defaults.items() if rec})
        return partner_values

    # === DELIVERY === #

    def _add_deliveries(self, data, result):
        """Delivery contacts of the shipping addresses, under the customer."""
        for address_id, address in data.shipping:
            result.shipping_partners[address_id] = self.addresses.delivery(
                result.partner, address, result.notes
            )
        result.shipping_partner = next(
            iter(result.shipping_partners.values()), result.partner
        )
        result.notes[:] = list(dict.fromkeys(result.notes))


def update_details(partner, values):
    """Write BigCommerce's details that differ; never blank a value.

    :returns: whether anything was written
    """
    changes = {}
    for name in TEXT_FIELDS:
        if values.get(name) and values[name] != _current(partner, name):
            changes[name] = values[name]
    street2 = values.get("street2") or False
    if values.get("street") and street2 != (partner.street2 or False):
        changes["street2"] = street2
    if values.get("country_id") and values["country_id"] != partner.country_id.id:
        changes["country_id"] = values["country_id"]
        changes["state_id"] = values.get("state_id") or False
    elif values.get("state_id") and values["state_id"] != partner.state_id.id:
        changes["state_id"] = values["state_id"]
    if partner.is_company:
        changes.pop("name", None)
        changes.pop("company_name", None)
    if changes:
        partner.write(changes)
    return bool(changes)


def _current(partner, name):
    """A partner's value of ``name`` in the form BigCommerce's is compared."""
    if name == "email":
        return normalise_email(partner.email)
    if name == "phone":
        return normalise_phone(partner.phone, partner.country_id.code)[0]
    return partner[name] or ""
