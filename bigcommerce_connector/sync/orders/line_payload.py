"""An order product (``orderProducts``), parsed once at the edge.

:func:`parse_line_item` reads one line item of an order's consignments into
frozen dataclasses: money as ``Decimal``, its options, discounts and gift
wrapping. A value that cannot be read raises
:class:`~..core.values.PayloadError` naming where it is. Used by
:mod:`.payload`, which reads the order around it.
"""

from dataclasses import dataclass
from decimal import Decimal

from ..core.values import read_amount, read_int, read_objects, read_str

ZERO = Decimal(0)


@dataclass(frozen=True)
class ProductOption:
    """An option or modifier the shopper chose, as displayed."""

    label: str
    value: str


@dataclass(frozen=True)
class AppliedDiscount:
    """A discount BigCommerce applied to a line (a coupon has a code)."""

    code: str
    amount: Decimal


@dataclass(frozen=True)
class LineItem:
    """One order product (``orderProducts``)."""

    id: int
    product_id: int = 0
    variant_id: int = 0
    sku: str = ""
    name: str = ""
    quantity: Decimal = ZERO
    price_ex_tax: Decimal = ZERO
    price_inc_tax: Decimal = ZERO
    total_ex_tax: Decimal = ZERO
    total_inc_tax: Decimal = ZERO
    total_tax: Decimal = ZERO
    order_address_id: int = 0
    product_options: tuple = ()  # of ProductOption
    applied_discounts: tuple = ()  # of AppliedDiscount
    parent_order_product_id: int = 0  # set on a bundled child
    wrapping: "Wrapping" = None  # the gift wrapping chosen, if any


@dataclass(frozen=True)
class Wrapping:
    """The gift wrapping of an order product: its name, message and cost.

    The cost is the line's (every unit wrapped), as the order's
    ``wrapping_cost_*`` add up the lines'.
    """

    name: str = ""
    message: str = ""
    ex_tax: Decimal = ZERO
    tax: Decimal = ZERO
    inc_tax: Decimal = ZERO


def parse_line_item(body, where=""):
    """A :class:`LineItem` from an order product (``orderProducts``).

    A ``{url, resource}`` link (line items not included) reads as a line
    with no quantity.
    """
    return LineItem(
        id=read_int(body, "id", where),
        product_id=read_int(body, "product_id", where),
        variant_id=read_int(body, "variant_id", where),
        sku=read_str(body, "sku", where),
        name=read_str(body, "name", where),
        quantity=read_amount(body, "quantity", where),
        price_ex_tax=read_amount(body, "price_ex_tax", where),
        price_inc_tax=read_amount(body, "price_inc_tax", where),
        total_ex_tax=read_amount(body, "total_ex_tax", where),
        total_inc_tax=read_amount(body, "total_inc_tax", where),
        total_tax=read_amount(body, "total_tax", where),
        order_address_id=read_int(body, "order_address_id", where),
        product_options=_options(body, where),
        applied_discounts=_discounts(body, where),
        parent_order_product_id=read_int(body, "parent_order_product_id", where),
        wrapping=_wrapping(body, where),
    )


def _wrapping(body, where):
    """The line's gift wrapping, or None when it has neither a name nor a cost."""
    wrapping = Wrapping(
        name=read_str(body, "wrapping_name", where),
        message=read_str(body, "wrapping_message", where),
        ex_tax=read_amount(body, "wrapping_cost_ex_tax", where),
        tax=read_amount(body, "wrapping_cost_tax", where),
        inc_tax=read_amount(body, "wrapping_cost_inc_tax", where),
    )
    if not (wrapping.name or wrapping.ex_tax or wrapping.inc_tax or wrapping.message):
        return None
    return wrapping


def _options(body, where):
    options = []
    for item, prefix in read_objects(body, "product_options", where):
        label = read_str(item, "display_name", prefix) or read_str(item, "name", prefix)
        value = read_str(item, "display_value", prefix) or read_str(
            item, "value", prefix
        )
        options.append(ProductOption(label, value))
    return tuple(options)


def _discounts(body, where):
    return tuple(
        AppliedDiscount(
            code=read_str(item, "code", path), amount=read_amount(item, "amount", path)
        )
        for item, path in read_objects(body, "applied_discounts", where)
    )
