"""BigCommerce addresses as Odoo contact values, and delivery contacts.

Countries are found by ISO code (else English name), states by code or name
within their country, both loaded once per run; a state Odoo does not know
is kept as text (``bigcommerce_state_name``, printed where the state goes).
A delivery or invoice contact is reused when its normalised name, street,
city, zip, state, country and phone are the same; a changed address makes a
new one, so the contacts past orders point to are never rewritten.
"""

from .mapping import clean, fold, normalise_phone, person_name

CHILD_TYPES = ("delivery", "invoice")
PLACE_FIELDS = ("street", "street2", "city", "zip", "state", "country_code", "country")


class AddressBook:
    """Address values and delivery contacts for a :class:`CustomerResolver`.

    :param resolver: the resolver whose partners and caches are used
    """

    def __init__(self, resolver):
        self.resolver = resolver
        self.env = resolver.env
        self.Partner = resolver.Partner
        self._countries = None  # ISO code or folded English name -> (id, code)
        self._states = {}  # country id -> {folded code or name: state id}
        # (parent id, type) -> {address key: delivery or invoice contact}
        self._children = {}

    # === VALUES === #

    def customer_values(self, data, notes):
        """Contact values of a customer: its address, name, company and email.

        The company is kept on the contact itself (``company_name``, shown
        on its addresses), not as a separate company contact.
        """
        values = self.values(data.address, notes)
        values["name"] = (
            person_name(data.address)
            or data.email
            or self.env._("BigCommerce customer %(id)s", id=data.customer_id)
        )
        company = data.address.company
        if company and fold(company) != fold(values["name"]):
            values["company_name"] = company
        values["email"] = data.email or False
        return values

    def values(self, address, notes):
        """Address values (street to phone) of one address; notes on problems.

        :param address: a normalised :class:`~.payload.Address`
        """
        country_id, code = self._country(address, notes)
        state_id = self._state(country_id, address, notes) if country_id else False
        # A state Odoo lacks stays as text rather than lost: the merchant sees
        # it beside State, documents print it, and city keeps being a city.
        state_text = (not state_id and address.state) or False
        phone, valid = normalise_phone(address.phone, code or address.country_code)
        if not valid:
            notes.append(
                self.env._(
                    "Phone %(phone)s of %(name)s is not a valid number: kept as given.",
                    phone=phone,
                    name=self._label(address),
                )
            )
        values = {
            name: getattr(address, name) or False
            for name in ("street", "street2", "city", "zip", "email")
        }
        values.update(
            state_id=state_id,
            bigcommerce_state_name=state_text,
            country_id=country_id,
            phone=phone or False,
        )
        return values

    def _label(self, address):
        return person_name(address) or address.email or "?"

    def _country(self, address, notes):
        """``(id, ISO code)`` of the address's country; ``(False, "")`` if none."""
        code, name = address.country_code, address.country
        if not code and not name:
            return False, ""
        if self._countries is None:
            self._load_countries()
        found = (code and self._countries.get(code.casefold())) or self._countries.get(
            fold(name)
        )
        if not found:
            notes.append(
                self.env._(
                    "Country %(country)s is unknown: the address of %(name)s is "
                    "kept without a country.",
                    country=name or code,
                    name=self._label(address),
                )
            )
        return found or (False, "")

    def _load_countries(self):
        countries = (
            self.env["res.country"]
            .with_context(lang="en_US")
            .search_fetch([], ["code", "name"])
        )
        self._countries = {fold(c.name): (c.id, c.code) for c in countries}
        self._countries.update({c.code.casefold(): (c.id, c.code) for c in countries})

    def _state(self, country_id, address, notes):
        """The state id of the address within its country; False if unknown."""
        text = fold(address.state)
        if not text:
            return False
        states = self._states.get(country_id)
        if states is None:
            states = self._states[country_id] = self._load_states(country_id)
        state_id = states.get(text)
        if not state_id and states:
            notes.append(
                self.env._(
                    "State %(state)s is unknown in this country: the address of "
                    "%(name)s keeps it as text, without an Odoo state.",
                    state=address.state,
                    name=self._label(address),
                )
            )
        return state_id or False

    def _load_states(self, country_id):
        states = (
            self.env["res.country.state"]
            .with_context(lang="en_US")
            .search_fetch([("country_id", "=", country_id)], ["code", "name"])
        )
        by_text = {fold(s.name): s.id for s in states}
        for state in states:
            by_text.setdefault(fold(state.code), state.id)
        return by_text

    # === DELIVERY AND INVOICE CONTACTS === #

    def prefetch(self, partners):
        """Load the delivery and invoice contacts of ``partners`` in one query."""
        parents = partners.filtered(lambda p: (p.id, "delivery") not in self._children)
        if not parents:
            return
        for parent in parents:
            self.add_new(parent)
        children = self.Partner.search(
            [("parent_id", "in", parents.ids), ("type", "in", CHILD_TYPES)], order="id"
        )
        for child in children:
            known = self._children[child.parent_id.id, child.type]
            known.setdefault(self.key_of(child), child)

    def add_new(self, partner):
        """Record a contact just created: it has no delivery or invoice contact."""
        for kind in CHILD_TYPES:
            self._children[partner.id, kind] = {}

    def delivery(self, partner, address, notes):
        """The contact a shipping address goes to, created if new.

        :returns: ``partner`` itself when the address is its own, else a
            delivery contact under it with exactly this address
        """
        return self._child(partner, address, notes, "delivery")

    def invoice(self, partner, address, notes):
        """The contact an order's billing address is, created if new.

        :returns: ``partner`` itself when the address is its own, else an
            invoice contact under it with exactly this address and its email
            (where the invoice is sent); ``partner`` when the billing address
            names no place (an invoice address is never empty)
        """
        if not any(getattr(address, name) for name in PLACE_FIELDS):
            return partner
        return self._child(partner, address, notes, "invoice")

    def _child(self, partner, address, notes, kind):
        """``partner``, or its child of type ``kind`` at ``address``."""
        found, new = self._look_up_child(partner, address, notes, kind)
        if found is not None:
            return found
        return self._create_children([new])[0]

    def _look_up_child(self, partner, address, notes, kind):
        """``(contact, None)`` when ``partner`` or a known child of it is at
        ``address``, else ``(None, (key, values))`` of the child to create."""
        if address.is_blank():
            return partner, None
        values = self.values(address, notes)
        values["name"] = self._delivery_name(partner, address)
        key = self.key(values)
        if same_place(key, self.key_of(partner)):
            return partner, None
        self.prefetch(partner)
        known_children = self._children[partner.id, kind]
        known = self.resolver.unless_rolled_back(known_children.get(key))
        if known:
            return known, None
        return None, (key, dict(values, type=kind, parent_id=partner.id))

    def create_deliveries(self, wanted):
        """Create the missing delivery contacts of ``wanted`` in one ``create()``.

        :param wanted: ``(partner, shipping address)`` pairs; an address
            wanted twice under one partner makes one contact
        """
        plans = {}
        for partner, address in wanted:
            found, new = self._look_up_child(partner, address, [], "delivery")
            if found is None:
                plans.setdefault((partner.id, new[0]), new)
        self._create_children(list(plans.values()))

    def _create_children(self, plans):
        """Create delivery or invoice contacts and know them from now on.

        :param plans: ``(key, values)`` pairs, ``values`` with their type and
            parent
        :returns: the new contacts, in the order of ``plans``
        """
        if not plans:
            return self.Partner
        children = self.Partner.create([values for _key, values in plans])
        for (key, values), child in zip(plans, children, strict=True):
            self.resolver.remember_created(child)
            self._children[values["parent_id"], values["type"]][key] = child
        return children

    def same_guest(self, values):
        """The contact made for an earlier email-less order at this address.

        :param values: the new customer's values (name and address)
        :returns: a contact without email, same name and address, or nothing
        """
        candidates = self.Partner.search(
            [
                ("name", "=", values["name"]),
                ("email", "=", False),
                ("type", "=", "contact"),
                ("is_company", "=", False),
                ("company_id", "in", [False, self.resolver.store.company_id.id]),
            ],
            order="id",
        )
        key = self.key(values)
        return next(
            (p for p in candidates if same_place(key, self.key_of(p))), self.Partner
        )

    def _delivery_name(self, partner, address):
        """The recipient's name, with a company other than the customer's."""
        person = clean(f"{address.first_name} {address.last_name}")
        company = address.company
        if not person:
            return company or partner.name
        if company and fold(company) not in (
            fold(partner.commercial_company_name),
            fold(partner.name),
        ):
            return f"{person} ({company})"
        return person

    # === KEYS === #

    @staticmethod
    def key(values):
        """The comparison key of contact values: normalised texts and ids."""
        return (
            fold(values.get("name")),
            fold(values.get("street")),
            fold(values.get("street2")),
            fold(values.get("city")),
            fold(values.get("zip")).replace(" ", ""),
            values.get("state_id") or False,
            fold(values.get("bigcommerce_state_name")),
            values.get("country_id") or False,
            values.get("phone") or "",
        )

    def key_of(self, partner):
        """The comparison key of an Odoo contact's name and address."""
        return self.key(
            {
                "name": partner.name,
                "street": partner.street,
                "street2": partner.street2,
                "city": partner.city,
                "zip": partner.zip,
                "state_id": partner.state_id.id,
                "bigcommerce_state_name": partner.bigcommerce_state_name,
                "country_id": partner.country_id.id,
                "phone": normalise_phone(partner.phone, partner.country_id.code)[0],
            }
        )


def same_place(key, other):
    """Whether two keys are one address; a key without phone matches any phone."""
    return key[:-1] == other[:-1] and (not key[-1] or key[-1] == other[-1])
