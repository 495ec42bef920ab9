"""The Odoo customer of a BigCommerce order or customer.

:class:`CustomerResolver` applies the store's customer policy (seed "Customer
tracking settings"): match by BigCommerce customer id (through
``bigcommerce.partner.link``) and/or email, update the match or not, else
create a customer or assign the order to the default customer. A guest
without email is a customer of its own (found again by name and address)
under the policies that create customers, else the store's cash customer.
The invoice address of an order is always its billing address: the customer
when its address is that one, else an invoice contact. Look-ups are done a
page at a time by :meth:`CustomerResolver.prefetch`; per order only
creations and updates cost queries.
"""

from dataclasses import dataclass, field

from psycopg2.errors import UniqueViolation

from odoo import Command
from odoo.fields import Domain
from odoo.tools import email_normalize

from ..core.part import RunPart
from .addresses import AddressBook
from .companies import CompanyBook
from .details import update_details, without_person
from .links import PartnerLinks
from .mapping import customer_from_order, customer_from_v3, normalise_email

ID_POLICIES = frozenset({"id_email_update", "id_email_keep", "id_keep_default"})
EMAIL_POLICIES = frozenset(
    {"id_email_update", "id_email_keep", "email_update", "email_update_default"}
)
UPDATE_POLICIES = frozenset({"id_email_update", "email_update", "email_update_default"})
CREATE_POLICIES = frozenset({"id_email_update", "id_email_keep", "email_update"})
DEFAULT_POLICIES = frozenset({"id_keep_default", "default"})


@dataclass
class CustomerResult:
    """The customer of one order (or downloaded customer).

    :ivar partner: the customer
    :ivar invoice_partner: the contact whose address is the order's billing
        address: the customer, one of its invoice contacts, or one of the
        billing company's (None for a downloaded customer)
    :ivar shipping_partner: where the (first) shipment goes: the customer
        itself when the address is the same, else one of its delivery contacts
    :ivar shipping_partners: BigCommerce shipping address id -> contact
    :ivar notes: what to log on the order (invalid phone, unknown country...)
    :ivar how: ``id``, ``email``, ``address`` (a returning guest without
        email), ``created``, ``default``, ``cash``, or empty when a download
        left the customer out
    :ivar updated: the matched customer's details were rewritten
    """

    partner: object
    invoice_partner: object = None
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
        self.companies = CompanyBook(self)
        self.links = PartnerLinks(self)
        self._emails = {}  # normalised email -> partner (empty: none)
        self._fresh = set()  # partners created here
        self._gone = set()  # of those, the ones a rollback took
        self._checked_at = 0  # the run's rollbacks when last checked

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
        """The customer, invoice and delivery contacts of a v2 order, per the policy.

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
        elif not data.email and not self._creates_guest(data):
            result.partner, result.how = self.cash_customer(), "cash"
        else:
            result.partner, result.how = self._create(data, values)
        self._add_deliveries(data, result)
        parent = self.companies.invoice_parent(result.partner, data.address)
        result.invoice_partner = self.addresses.invoice(
            parent, data.address, result.notes
        )
        result.notes[:] = list(dict.fromkeys(result.notes))
        return result

    def create_together(self, orders):
        """Create the new customers and delivery contacts of a page of orders
        in two ``create()`` calls, so that :meth:`resolve` then finds them.

        Only what :meth:`resolve` is sure to make: a customer of an email that
        matches nobody, under a policy that creates customers (one per email
        in the page; a person of a company is left to :meth:`resolve`), and
        the delivery contacts of matched customers whose details the order
        does not change. Anything else :meth:`resolve` creates itself.

        :param orders: parsed v2 orders (:class:`~..orders.payload.Order`)
        """
        datas = [self._prefetched(customer_from_order(order)) for order in orders]
        new = {}
        if self.policy in CREATE_POLICIES:
            for data in datas:
                if not data.email or data.email in new or self._match(data)[0]:
                    continue
                values = self.addresses.customer_values(data, [])
                if not values.get("company_name"):
                    new[data.email] = values
        if new:
            partners = self.Partner.create(
                [self._new_customer_values(values) for values in new.values()]
            )
            for email, partner in zip(new, partners, strict=True):
                self.remember_created(partner)
                self._emails[email] = partner
                self.addresses.add_new(partner)
        wanted = []
        for data in datas:
            partner = self._match(data)[0]
            if partner and self._keeps_details(data, partner):
                wanted += [(partner, address) for _id, address in data.shipping]
        self.addresses.create_deliveries(wanted)

    def _keeps_details(self, data, partner):
        """Whether resolving ``data`` leaves the name, address and phone of
        ``partner`` as they are (they decide which deliveries it needs)."""
        if self.policy not in UPDATE_POLICIES:
            return True
        values = self.addresses.customer_values(data, [])
        return self.addresses.key(values) == self.addresses.key_of(partner)

    def _creates_guest(self, data):
        """Whether an order without email makes a customer of its billing
        address: the policy creates customers and the address says who."""
        return self.policy in CREATE_POLICIES and not data.address.is_blank()

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
        if result.how:
            result.updated |= self._apply_tax_exemption(data, result)
        if result.how == "created" or result.updated:
            self._add_deliveries(data, result)
            result.notes[:] = list(dict.fromkeys(result.notes))
        return result

    def _apply_tax_exemption(self, data, result):
        """The store's exempt fiscal position on a tax-exempt customer.

        Set when the customer is created or the policy updates customers,
        on the commercial partner (Odoo keeps it there); taken off when
        BigCommerce no longer exempts the customer. No position set on the
        store: contacts are left alone.

        :returns: whether the contact was changed
        """
        position = self.store.tax_exempt_fiscal_position_id
        if not position:
            return False
        if result.how != "created" and self.policy not in UPDATE_POLICIES:
            return False
        commercial = result.partner.commercial_partner_id
        current = commercial.property_account_position_id
        if data.tax_exempt and current != position:
            commercial.property_account_position_id = position
            return True
        if not data.tax_exempt and current == position:
            commercial.property_account_position_id = False
            return True
        return False

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
                    # An invoice contact carries the email of an order's
                    # billing address, not the customer's identity.
                    Domain.OR(
                        [[("type", "!=", "invoice")], [("parent_id", "=", False)]]
                    ),
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
        """``partner`` unless this resolver created it and it was rolled back.

        What this resolver created is checked again, in one query, only when
        a savepoint was rolled back since the last check (the run counts
        them; without a run, every time).
        """
        if partner and partner.id in self._fresh:
            rollbacks = getattr(self.run, "rollbacks", None)
            if rollbacks is None or rollbacks != self._checked_at:
                self._checked_at = rollbacks
                alive = set(self.Partner.browse(list(self._fresh)).exists().ids)
                self._gone.update(self._fresh - alive)
            if partner.id in self._gone:
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
        if not data.email:
            known = self.addresses.same_guest(values)
            if known:
                return known, "address"
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
        """Values of a new customer: the address and the store's defaults.

        A person of a company (``company_name``) is created under the
        company contact, found or created with the store's defaults, which
        Odoo then gives to the person (commercial fields).
        """
        person = dict(values, company_type="person", customer_rank=1)
        company_name = person.pop("company_name", False)
        if not company_name:
            return self._with_defaults(person)
        company = self.companies.company(
            company_name, self._with_defaults(without_person(values))
        )
        person.update(parent_id=company.id, type="contact")
        return self._with_tags(person)

    def company_values(self, address):
        """Values of a new company contact at ``address``, with the store's
        defaults for new customers."""
        values = self.addresses.values(address, [])
        return self._with_defaults(without_person(values))

    def _with_tags(self, values):
        """``values`` with the store's tags for new customers."""
        tags = self.store.new_customer_tag_ids
        if tags:
            values["category_id"] = [Command.set(tags.ids)]
        return values

    def _with_defaults(self, values):
        """``values`` with the store's tags, terms, pricelist and position."""
        store = self.store
        partner_values = self._with_tags(dict(values))
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
