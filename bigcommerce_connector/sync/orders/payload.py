"""A BigCommerce v2 order, parsed once at the edge into frozen dataclasses.

:func:`parse_order` reads an order body (``order_Full`` with
``include=consignments.line_items``) in one pass: money as ``Decimal`` (4-decimal
strings on the order, numbers on shipping consignments: FACTS 14), dates as
naive UTC datetimes. Consignments come as the object
(``consignment_structure=object``) or as the legacy array wrapping it;
without them the order's ``shipping_addresses`` list gives its addresses.
A value that cannot be read raises :class:`~..core.values.PayloadError`
naming where it is, e.g. ``consignments.shipping[0].line_items[1].quantity``.
Line items are read by :mod:`.line_payload`. Nothing after these modules
reads the raw body.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..core.values import (
    PayloadError,
    object_at,
    read_amount,
    read_flag,
    read_int,
    read_list,
    read_moment,
    read_object,
    read_objects,
    read_str,
)
from ..customers.payload import (
    Address,
    parse_billing_address,
    parse_v2_address,
    parse_v2_addresses,
)
from .line_payload import parse_line_item

ZERO = Decimal(0)
# Kinds of consignment, in the order their lines are read.
CONSIGNMENT_KINDS = ("shipping", "pickups", "downloads", "gift_certificates")


def payload_hash(body):
    """A digest of an order body, to skip payloads seen before."""
    text = json.dumps(body, sort_keys=True, default=str)
    return hashlib.sha1(text.encode()).hexdigest()


@dataclass(frozen=True)
class Consignment:
    """Where a group of lines goes: shipped, picked up, downloaded or emailed.

    :ivar kind: one of :data:`CONSIGNMENT_KINDS`
    :ivar address: the shipping address (its id is ``order_address_id``);
        None for the other kinds
    :ivar method: the shipping or pickup method's name
    """

    kind: str
    line_items: tuple = ()  # of line_payload.LineItem
    id: int = 0
    address: Address = None
    method: str = ""
    cost_ex_tax: Decimal = ZERO
    cost_inc_tax: Decimal = ZERO
    cost_tax: Decimal = ZERO
    handling_ex_tax: Decimal = ZERO
    handling_inc_tax: Decimal = ZERO
    handling_tax: Decimal = ZERO


@dataclass(frozen=True)
class Charge:
    """An order-level charge (handling, gift wrapping) and its tax."""

    ex_tax: Decimal = ZERO
    inc_tax: Decimal = ZERO
    tax: Decimal = ZERO


@dataclass(frozen=True)
class Fee:
    """A fee BigCommerce charged on the order (``orderFees_Resp``)."""

    id: int
    name: str = ""
    ex_tax: Decimal = ZERO
    inc_tax: Decimal = ZERO
    tax: Decimal = ZERO


@dataclass(frozen=True)
class Coupon:
    """A coupon of the order (when the ``coupons`` list was fetched)."""

    code: str
    amount: Decimal
    discount: Decimal


@dataclass(frozen=True)
class Order:
    """A v2 order as BigCommerce sent it.

    :ivar payload_hash: digest of the raw body (:func:`payload_hash`)
    :ivar customer_id: 0 for a guest
    :ivar currency_code: the display currency; ``default_currency_code`` is
        the transactional one
    :ivar shipping_addresses: the shipping consignments' addresses, else the
        ``shipping_addresses`` list
    """

    id: int
    payload_hash: str
    status_id: int = 0
    status: str = ""
    customer_id: int = 0
    date_created: datetime = None
    date_modified: datetime = None
    is_deleted: bool = False
    currency_code: str = ""
    default_currency_code: str = ""
    payment_method: str = ""
    payment_status: str = ""
    customer_message: str = ""
    staff_notes: str = ""
    billing_address: Address = field(default_factory=Address)
    consignments: tuple = ()  # of Consignment, by CONSIGNMENT_KINDS
    shipping_addresses: tuple = ()  # of Address
    subtotal_ex_tax: Decimal = ZERO
    subtotal_inc_tax: Decimal = ZERO
    shipping_cost_ex_tax: Decimal = ZERO
    shipping_cost_inc_tax: Decimal = ZERO
    handling: Charge = Charge()
    wrapping: Charge = Charge()
    discount_amount: Decimal = ZERO
    coupon_discount: Decimal = ZERO
    coupons: tuple = ()  # of Coupon
    fees: tuple = ()  # of Fee (``include=fees``)
    total_ex_tax: Decimal = ZERO
    total_inc_tax: Decimal = ZERO
    total_tax: Decimal = ZERO
    is_tax_inclusive_pricing: bool = False

    @property
    def shipping(self):
        """The shipping consignments."""
        return tuple(c for c in self.consignments if c.kind == "shipping")


# === ORDER === #


def parse_order(body):
    """An :class:`Order` from a v2 order body, read in one pass.

    :raises PayloadError: naming the first field that cannot be read
    """
    object_at(body, "order")
    order_id = read_int(body, "id")
    if order_id <= 0:
        raise PayloadError("id", body.get("id"), "an order id")
    consignments, found = _parse_consignments(body)
    if found:
        addresses = tuple(c.address for c in consignments if c.kind == "shipping")
    else:
        addresses = _listed_addresses(body)
    return Order(
        id=order_id,
        payload_hash=payload_hash(body),
        billing_address=parse_billing_address(body),
        consignments=consignments,
        shipping_addresses=addresses,
        coupons=_parse_coupons(body),
        fees=_parse_fees(body),
        handling=_charge(body, "handling"),
        wrapping=_charge(body, "wrapping"),
        **_scalars(body),
    )


def _scalars(body):
    """The order's own numbers, texts and dates."""
    texts = ("status", "currency_code", "default_currency_code", "payment_method")
    values = {name: read_str(body, name) for name in (*texts, "payment_status")}
    for name in ("customer_message", "staff_notes"):
        values[name] = read_str(body, name, strip=False)
    for name in ("status_id", "customer_id"):
        values[name] = read_int(body, name)
    for name in ("date_created", "date_modified"):
        values[name] = read_moment(body, name)
    values["is_deleted"] = read_flag(body, "is_deleted")
    values["is_tax_inclusive_pricing"] = read_flag(body, "is_tax_inclusive_pricing")
    money = (
        "subtotal_ex_tax",
        "subtotal_inc_tax",
        "shipping_cost_ex_tax",
        "shipping_cost_inc_tax",
        "discount_amount",
        "coupon_discount",
        "total_ex_tax",
        "total_inc_tax",
        "total_tax",
    )
    values.update({name: read_amount(body, name) for name in money})
    return values


def _charge(body, kind):
    return Charge(
        ex_tax=read_amount(body, f"{kind}_cost_ex_tax"),
        inc_tax=read_amount(body, f"{kind}_cost_inc_tax"),
        tax=read_amount(body, f"{kind}_cost_tax"),
    )


def _listed_addresses(body):
    """``shipping_addresses`` when it was fetched as a list (else it is a link)."""
    listed = body.get("shipping_addresses")
    if not isinstance(listed, list):
        return ()
    return parse_v2_addresses(listed, "shipping_addresses")


def _parse_fees(body):
    """The order's fees when included (``include=fees``), else none."""
    if not isinstance(body.get("fees"), list):
        return ()  # a {url, resource} link, or no fees
    return tuple(
        Fee(
            id=read_int(item, "id", where),
            name=read_str(item, "display_name_merchant", where)
            or read_str(item, "display_name_customer", where),
            ex_tax=read_amount(item, "cost_ex_tax", where),
            inc_tax=read_amount(item, "cost_inc_tax", where),
            tax=read_amount(item, "cost_tax", where),
        )
        for item, where in read_objects(body, "fees")
    )


def _parse_coupons(body):
    listed = body.get("coupons")
    if not isinstance(listed, list):
        return ()  # a {url, resource} link: not fetched
    return tuple(
        Coupon(
            code=read_str(item, "code", where),
            amount=read_amount(item, "amount", where),
            discount=read_amount(item, "discount", where),
        )
        for item, where in read_objects(body, "coupons")
    )


# === CONSIGNMENTS === #


def _parse_consignments(body):
    """``(consignments, found)``: ``found`` when shipping consignments were sent.

    The legacy structure is an array holding the object; a ``{url,
    resource}`` link (consignments not included) holds no kind.
    """
    raw = body.get("consignments")
    where = "consignments."
    if isinstance(raw, list):
        raw = raw[0] if raw else {}
        where = "consignments[0]."
    if raw is None:
        return (), False
    object_at(raw, where[:-1])
    consignments, paths = [], []
    for kind in ("shipping", "pickups", "downloads"):
        for index, item in enumerate(read_list(raw, kind, where)):
            paths.append(f"{where}{kind}[{index}]")
            consignments.append(_consignment(item, kind, paths[-1]))
    email = read_object(raw, "email", where)
    gifts = read_list(email, "gift_certificates", f"{where}email.")
    for index, item in enumerate(gifts):
        paths.append(f"{where}email.gift_certificates[{index}]")
        consignments.append(_consignment(item, "gift_certificates", paths[-1]))
    _check_line_ids(consignments, paths)
    return tuple(consignments), raw.get("shipping") is not None


def _check_line_ids(consignments, paths):
    """Refuse an order product id that two lines share: later downloads pair
    lines by that id, so one of them would be lost or priced twice."""
    seen = set()
    for consignment, path in zip(consignments, paths, strict=True):
        for index, line in enumerate(consignment.line_items):
            if line.id and line.id in seen:
                where = f"{path}.line_items[{index}].id"
                expected = "a new order product id (an earlier line has it)"
                raise PayloadError(where, line.id, expected)
            seen.add(line.id)


def _consignment(body, kind, where):
    object_at(body, where)
    prefix = f"{where}."
    lines = tuple(
        parse_line_item(item, path)
        for item, path in read_objects(body, "line_items", prefix)
    )
    values = {"kind": kind, "line_items": lines, "id": read_int(body, "id", prefix)}
    if kind == "shipping":
        values.update(
            address=parse_v2_address(body, prefix),
            method=read_str(body, "shipping_method", prefix),
            cost_ex_tax=read_amount(body, "cost_ex_tax", prefix),
            cost_inc_tax=read_amount(body, "cost_inc_tax", prefix),
            cost_tax=read_amount(body, "cost_tax", prefix),
            handling_ex_tax=read_amount(body, "handling_cost_ex_tax", prefix),
            handling_inc_tax=read_amount(body, "handling_cost_inc_tax", prefix),
            handling_tax=read_amount(body, "handling_cost_tax", prefix),
        )
    elif kind == "pickups":
        values["method"] = read_str(body, "pickup_method_display_name", prefix)
    return Consignment(**values)


# === TAXES === #


@dataclass(frozen=True)
class TaxRow:
    """One tax charged on one line of an order (``/taxes?details=true``)."""

    rate: Decimal
    line_item_type: str = ""
    order_product_id: int = 0
    address_id: int = 0
    name: str = ""


def parse_tax_rows(rows):
    """:class:`TaxRow` objects from an order's ``/taxes?details=true`` list.

    ``order_product_id`` is a string in the spec (``orderTaxes_Base``) and
    null for shipping rows; the rate is a string.
    """
    parsed = []
    for index, row in enumerate(rows or ()):
        where = f"taxes[{index}]."
        object_at(row, where[:-1])
        parsed.append(
            TaxRow(
                rate=read_amount(row, "rate", where),
                line_item_type=read_str(row, "line_item_type", where),
                order_product_id=read_int(row, "order_product_id", where),
                address_id=read_int(row, "order_address_id", where),
                name=read_str(row, "name", where),
            )
        )
    return tuple(parsed)
