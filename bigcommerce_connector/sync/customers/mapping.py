"""Pure decisions on BigCommerce customers and addresses: no ORM here.

A parsed order (:mod:`..orders.payload`) and a parsed v3 customer
(:mod:`.payload`) give one shape, :class:`CustomerData`, whose addresses are
:class:`~.payload.Address` objects in their normalised form: single spaces,
emails trimmed and lower-cased. Phones become E.164 when ``phonenumbers`` can
read them for the address's country.
"""

import re
from dataclasses import dataclass, field, replace

import phonenumbers

from .payload import TEXT_FIELDS, Address

_SPACES = re.compile(r"\s+")


@dataclass
class CustomerData:
    """What BigCommerce says of one customer, from an order or a customer.

    :ivar customer_id: BigCommerce customer id; 0 for a guest
    :ivar email: normalised email, empty when none
    :ivar address: the customer's own (billing) :class:`~.payload.Address`
    :ivar shipping: ``[(bigcommerce address id, address)]``
    :ivar tax_exempt: whether BigCommerce exempts the customer from tax;
        None when the body does not say (an order)
    """

    customer_id: int = 0
    email: str = ""
    address: Address = field(default_factory=Address)
    shipping: list = field(default_factory=list)
    tax_exempt: bool | None = None


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
    """First and last name of an :class:`~.payload.Address`, else its company."""
    name = clean(f"{address.first_name} {address.last_name}")
    return name or clean(address.company)


def normalise_address(address):
    """The comparison-ready form of an :class:`~.payload.Address`.

    Single spaces, an upper-case country code, a normalised email.
    """
    cleaned = {name: clean(getattr(address, name)) for name in TEXT_FIELDS}
    cleaned["country_code"] = cleaned["country_code"].upper()
    cleaned["email"] = normalise_email(cleaned["email"])
    return replace(address, **cleaned)


def customer_from_order(order):
    """A :class:`CustomerData` from a parsed v2 order.

    :param order: a :class:`~..orders.payload.Order` (its ``customer_id``,
        ``billing_address`` and ``shipping_addresses``)
    """
    billing = normalise_address(order.billing_address)
    return CustomerData(
        customer_id=order.customer_id,
        email=billing.email,
        address=billing,
        shipping=[
            (address.id, normalise_address(address))
            for address in order.shipping_addresses
        ],
    )


def customer_from_v3(customer):
    """A :class:`CustomerData` from a parsed v3 customer (:class:`~.payload.Customer`).

    The customer's name, company and phone win over its first address,
    which gives the street; every address is also a shipping address.
    """
    addresses = [
        (address.id, normalise_address(address)) for address in customer.addresses
    ]
    main = addresses[0][1] if addresses else Address()
    email = normalise_email(customer.email)
    own = {
        name: clean(getattr(customer, name)) or getattr(main, name)
        for name in ("first_name", "last_name", "company", "phone")
    }
    return CustomerData(
        customer_id=customer.id,
        email=email,
        address=replace(main, email=email, **own),
        shipping=addresses,
        tax_exempt=bool(clean(customer.tax_exempt_category)),
    )
