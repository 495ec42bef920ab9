"""BigCommerce addresses and customers, parsed once at the edge.

Two bodies carry an address: a v2 order (``billing_address``, each shipping
consignment or ``orderShippingAddress``) and a v3 customer (``address_Full``
in ``addresses``). Both become one :class:`Address`; a v3 customer becomes a
:class:`Customer`. A value of the wrong kind raises
:class:`~..core.values.PayloadError` naming where it is, e.g.
``addresses[2].country_code``. Texts are stripped here; cleaning them for
comparison is for :mod:`.mapping`.
"""

from dataclasses import dataclass, fields

from ..core.values import (
    PayloadError,
    object_at,
    read_int,
    read_moment,
    read_object,
    read_objects,
    read_str,
)

# v2 order address (billing_address, orderShippingAddress) -> Address field.
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
# v3 customer address (address_Full) -> Address field; it has no email.
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


@dataclass(frozen=True)
class Address:
    """A postal address as BigCommerce sent it (texts stripped).

    :ivar id: BigCommerce address id (``order_address_id`` for a shipping
        address of an order); 0 for a billing address
    """

    id: int = 0
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    zip: str = ""
    state: str = ""
    country_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""

    def is_blank(self):
        """Whether no field but the id says anything."""
        return not any(getattr(self, name) for name in TEXT_FIELDS)


TEXT_FIELDS = tuple(f.name for f in fields(Address) if f.name != "id")


@dataclass(frozen=True)
class Customer:
    """A v3 customer (``customer_Full``) with its addresses."""

    id: int
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    phone: str = ""
    tax_exempt_category: str = ""  # empty: not tax exempt
    date_modified: object = None  # naive UTC datetime, or None
    addresses: tuple = ()  # of Address


def _parse_address(body, keys, where, address_id=0):
    values = {field: read_str(body, key, where) for key, field in keys.items()}
    return Address(id=address_id, **values)


def parse_v2_address(body, where=""):
    """An :class:`Address` from a v2 order address, billing or shipping.

    :param where: the prefix of field names in errors (``billing_address.``)
    :raises PayloadError: a field is not text, or the id not a number
    """
    return _parse_address(body, V2_ADDRESS, where, read_int(body, "id", where))


def parse_v3_address(body, where=""):
    """An :class:`Address` from a v3 customer address (``address_Full``).

    :raises PayloadError: a field is not text, or the id not a number
    """
    return _parse_address(body, V3_ADDRESS, where, read_int(body, "id", where))


def parse_v2_addresses(values, where):
    """The addresses of a list of v2 address objects (``where[i].``)."""
    return tuple(
        parse_v2_address(object_at(body, f"{where}[{index}]"), f"{where}[{index}].")
        for index, body in enumerate(values)
    )


def parse_customer(body):
    """A :class:`Customer` from a v3 customer body, in one pass.

    :raises PayloadError: naming the first field that cannot be read
    """
    object_at(body, "customer")
    addresses = tuple(
        parse_v3_address(item, where) for item, where in read_objects(body, "addresses")
    )
    customer_id = read_int(body, "id")
    if customer_id <= 0:
        raise PayloadError("id", body.get("id"), "a customer id")
    return Customer(
        id=customer_id,
        email=read_str(body, "email"),
        first_name=read_str(body, "first_name"),
        last_name=read_str(body, "last_name"),
        company=read_str(body, "company"),
        phone=read_str(body, "phone"),
        tax_exempt_category=read_str(body, "tax_exempt_category"),
        date_modified=read_moment(body, "date_modified"),
        addresses=addresses,
    )


def parse_billing_address(body):
    """The billing address of a v2 order body (absent: a blank address)."""
    return parse_v2_address(
        read_object(body, "billing_address"), where="billing_address."
    )
