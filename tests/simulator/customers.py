"""The simulated customers (customers.v3.yml ``customer_Full``, ``address_Full``).

A stored customer keeps its ``addresses`` inside it; answers include them
only with ``include=addresses``. Dates are ISO 8601 in UTC with a ``Z``,
as the v3 customers API writes them. Emails are unique, ignoring case.
"""

import copy
import time

from .catalog_query import utc_moment

FIRST_IDS = {"customer": 11, "customer_address": 51}
ADDRESS_DEFAULTS = {
    "company": "",
    "address1": "455 Main Street",
    "address2": "",
    "city": "Austin",
    "state_or_province": "Texas",
    "postal_code": "78751",
    "country": "United States",
    "country_code": "US",
    "phone": "",
    "address_type": "residential",
}
CUSTOMER_DEFAULTS = {
    "company": "",
    "phone": "",
    "notes": "",
    "tax_exempt_category": "",
    "customer_group_id": 0,
    "registration_ip_address": "",
    "accepts_product_review_abandoned_cart_emails": False,
    "authentication": {"force_password_reset": False},
    "store_credit_amounts": [{"amount": 0.0}],
    "origin_channel_id": 1,
    "channel_ids": [1],
    "attribute_count": 0,
}


def iso_z(value):
    """Return a date as the customers API writes it: ``2025-01-15T09:30:00Z``.

    :param value: epoch seconds, a datetime (naive means UTC), or an ISO
        8601 or RFC 2822 string
    """
    return utc_moment(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dates(fields):
    """Write the dates of customer ``fields`` as the API does, in place."""
    for key in ("date_created", "date_modified"):
        if fields.get(key) is not None:
            fields[key] = iso_z(fields[key])
    return fields


class CustomerBook:
    """Customers by id.

    :param clock: returns the epoch seconds used for dates
    """

    def __init__(self, clock=time.time):
        self.clock = clock
        self.customers = {}
        self._next = dict(FIRST_IDS)

    def reset(self):
        """Forget every customer; restart the id counters."""
        self.customers.clear()
        self._next = dict(FIRST_IDS)

    def next_id(self, kind, wanted=None):
        """Return ``wanted`` or a fresh id of ``kind``; keep the counter past it."""
        value = self._next[kind] if wanted is None else int(wanted)
        self._next[kind] = max(self._next[kind], value + 1)
        return value

    def get(self, customer_id):
        """Return the stored customer ``customer_id``, or None."""
        try:
            return self.customers.get(int(customer_id))
        except (TypeError, ValueError):
            return None

    def add(self, email, first_name, last_name, addresses, fields):
        """Store a customer and its addresses; return it.

        :raise ValueError: when another customer has the email
        """
        self._check_email(email)
        fields = _dates(copy.deepcopy(dict(fields)))
        customer_id = self.next_id("customer", fields.pop("id", None))
        now = iso_z(self.clock())
        customer = {
            "id": customer_id,
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            **copy.deepcopy(CUSTOMER_DEFAULTS),
            "date_created": now,
            "date_modified": now,
            "address_count": 0,
            "addresses": [],
        }
        customer.update(fields)
        for spec in addresses or ():
            self.add_address(customer, spec)
        self.customers[customer_id] = customer
        return customer

    def add_address(self, customer, spec):
        """Add an ``address_Full`` to ``customer`` (names default to its own)."""
        spec = dict(spec)
        address = {
            "id": self.next_id("customer_address", spec.pop("id", None)),
            "customer_id": customer["id"],
            "first_name": customer["first_name"],
            "last_name": customer["last_name"],
            **ADDRESS_DEFAULTS,
        }
        address.update(spec)
        customer["addresses"].append(address)
        customer["address_count"] = len(customer["addresses"])
        return address

    def update(self, customer_id, fields):
        """Change a customer; ``date_modified`` moves to now unless given.

        ``addresses`` are added to the customer's.
        """
        customer = self.customers[int(customer_id)]
        fields = _dates(copy.deepcopy(dict(fields)))
        email = fields.get("email", customer["email"])
        if email.casefold() != customer["email"].casefold():
            self._check_email(email)
        modified = fields.pop("date_modified", None)
        for spec in fields.pop("addresses", None) or ():
            self.add_address(customer, spec)
        customer.update(fields)
        customer["date_modified"] = modified or iso_z(self.clock())
        return customer

    def _check_email(self, email):
        """Raise ValueError when a customer already has ``email``."""
        taken = {c["email"].casefold() for c in self.customers.values()}
        if email.casefold() in taken:
            raise ValueError(f"a customer has the email {email!r}")


def render_customer(customer, wanted):
    """Return a customer as ``getCustomers`` answers it with ``include=wanted``."""
    body = copy.deepcopy(customer)
    addresses = body.pop("addresses")
    body["address_count"] = len(addresses)
    credit = body.pop("store_credit_amounts")
    if "addresses" in wanted:
        body["addresses"] = addresses
        for address in addresses if "formfields" in wanted else ():
            address["form_fields"] = []
    if "storecredit" in wanted:
        body["store_credit_amounts"] = credit
    if "attributes" in wanted:
        body["attributes"] = []
    if "formfields" in wanted:
        body["form_fields"] = []
    return body
