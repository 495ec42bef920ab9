"""BigCommerce customers and addresses as plain data: no ORM here.

Orders (v2 ``billing_address`` and shipping addresses) and customers (v3
``customer_Full`` with ``addresses``) are read into one shape,
:class:`CustomerData`, whose addresses are dicts with the keys of
:data:`ADDRESS_KEYS`. Emails are trimmed and lower-cased; phones become
E.164 when ``phonenumbers`` can read them for the address's country.
"""

import re
from dataclasses import dataclass, field

import phonenumbers

ADDRESS_KEYS = (
    "first_name",
    "last_name",
    "company",
    "street",
    "street2",
    "city",
    "zip",
    "state",
    "country_code",
    "country",
    "phone",
    "email",
)
# v2 order address (billing_address, orderShippingAddress) -> our keys.
V2_ADDRESS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company": "company",
    "street_1": "street",
    "street_2": "street2",
    "city": "city",
    "zip": "zip",
    "state": "state",
    "country_iso2": "country_code",
    "country": "country",
    "phone": "phone",
    "email": "email",
}
# v3 customer address (address_Full) -> our keys.
V3_ADDRESS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company": "company",
    "address1": "street",
    "address2": "street2",
    "city": "city",
    "postal_code": "zip",
    "state_or_province": "state",
    "country_code": "country_code",
    "country": "country",
    "phone": "phone",
}
_SPACES = re.compile(r"\s+")


@dataclass
class CustomerData:
    """What BigCommerce says of one customer, from an order or a customer.

    :ivar customer_id: BigCommerce customer id; 0 for a guest
    :ivar email: normalised email, empty when none
    :ivar address: the customer's own (billing) address
    :ivar shipping: ``[(bigcommerce address id, address)]``
    """

    customer_id: int = 0
    email: str = ""
    address: dict = field(default_factory=dict)
    shipping: list = field(default_factory=list)


def clean(value):
    """A stripped string with single spaces; empty for None."""
    return _SPACES.sub(" ", str(value or "")).strip()


def fold(value):
    """The comparison form of a text: cleaned and case-folded."""
    return clean(value).casefold()


def normalise_email(value):
    """An email trimmed and lower-cased; empty when there is none."""
    return clean(value).lower()


def normalise_phone(raw, country_code):
    """A phone number in E.164, read for the address country.

    :returns: ``(phone, valid)``; an unreadable or invalid number comes back
        as given (cleaned) with ``valid`` False, never dropped
    """
    raw = clean(raw)
    if not raw:
        return "", True
    region = (country_code or "").upper() or None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return raw, False
    if not phonenumbers.is_valid_number(number):
        return raw, False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True


def person_name(address):
    """First and last name of an address, else its company."""
    name = clean(f"{address.get('first_name') or ''} {address.get('last_name') or ''}")
    return name or clean(address.get("company"))


def _read(payload, mapping):
    address = {key: clean(payload.get(source)) for source, key in mapping.items()}
    address["country_code"] = address["country_code"].upper()
    address["email"] = normalise_email(address.get("email"))
    return address


def address_from_v2(payload):
    """Our address dict from a v2 order address (billing or shipping)."""
    return _read(payload or {}, V2_ADDRESS)


def address_from_v3(payload):
    """Our address dict from a v3 customer address (``address_Full``)."""
    return _read(payload or {}, V3_ADDRESS)


def shipping_addresses_of(order):
    """The shipping addresses of a v2 order, as ``[(id, address payload)]``.

    Read from the order's shipping consignments (``include=consignments``,
    object or legacy array structure), else from ``shipping_addresses``
    when it was fetched as a list; pickups and downloads have no address.
    """
    consignments = order.get("consignments")
    if isinstance(consignments, list):
        consignments = consignments[0] if consignments else {}
    if isinstance(consignments, dict) and consignments.get("shipping") is not None:
        addresses = consignments["shipping"]
    else:
        addresses = order.get("shipping_addresses")
    if not isinstance(addresses, list):
        return []
    return [(address.get("id"), address) for address in addresses]


def customer_from_order(order):
    """A :class:`CustomerData` from a v2 order (``order_Full``)."""
    billing = address_from_v2(order.get("billing_address"))
    return CustomerData(
        customer_id=int(order.get("customer_id") or 0),
        email=billing["email"],
        address=billing,
        shipping=[
            (address_id, address_from_v2(address))
            for address_id, address in shipping_addresses_of(order)
        ],
    )


def customer_from_v3(customer):
    """A :class:`CustomerData` from a v3 customer with its addresses.

    The customer's name, company and phone win over its first address,
    which gives the street; every address is also a shipping address.
    """
    addresses = [
        (address.get("id"), address_from_v3(address))
        for address in customer.get("addresses") or []
    ]
    main = dict(addresses[0][1]) if addresses else address_from_v3({})
    for key in ("first_name", "last_name", "company", "phone"):
        main[key] = clean(customer.get(key)) or main[key]
    email = normalise_email(customer.get("email"))
    main["email"] = email
    return CustomerData(
        customer_id=int(customer.get("id") or 0),
        email=email,
        address=main,
        shipping=addresses,
    )
