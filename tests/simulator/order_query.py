"""Filters and sorting of ``GET /v2/orders`` and ``GET /v2/orders/count``.

The filters of orders.v2 ``getOrders`` (FACTS.md §7): ``min_id``,
``max_id``, ``min_total``, ``max_total`` (on ``total_inc_tax``),
``customer_id``, ``email`` (the billing email, ignoring case),
``status_id``, ``cart_id``, ``payment_method``, ``channel_id``,
``external_order_id`` and ``min_``/``max_`` ``date_created`` and
``date_modified`` (RFC 2822 or ISO 8601, compared as instants, bounds
included); plus ``is_deleted``, which the spec omits but BigCommerce
honours. Choices where no source says: archived orders are left out
unless ``is_deleted=true`` asks for them (then only they are listed), and
every status is listed, Incomplete (0) included, unless ``status_id``
says otherwise (FACTS.md §7 calls it an open question, so a client must
filter status 0 itself). ``sort`` is ``field`` or ``field:asc|desc``, by
id by default; ties go by id. A filter value of the wrong type is a 400.
"""

import operator
from decimal import Decimal, InvalidOperation

from .catalog_query import parse_date
from .messages import ApiError

# query parameter -> (kind, order field, comparison)
ORDER_FILTERS = {
    "min_id": ("int", "id", operator.ge),
    "max_id": ("int", "id", operator.le),
    "min_total": ("num", "total_inc_tax", operator.ge),
    "max_total": ("num", "total_inc_tax", operator.le),
    "customer_id": ("int", "customer_id", operator.eq),
    "email": ("email", "billing_address", operator.eq),
    "status_id": ("int", "status_id", operator.eq),
    "cart_id": ("str", "cart_id", operator.eq),
    "payment_method": ("str", "payment_method", operator.eq),
    "channel_id": ("int", "channel_id", operator.eq),
    "external_order_id": ("str", "external_order_id", operator.eq),
    "min_date_created": ("date", "date_created", operator.ge),
    "max_date_created": ("date", "date_created", operator.le),
    "min_date_modified": ("date", "date_modified", operator.ge),
    "max_date_modified": ("date", "date_modified", operator.le),
    "is_deleted": ("bool", "is_deleted", operator.eq),
}
ORDER_SORTS = (
    "id",
    "customer_id",
    "date_created",
    "date_modified",
    "status_id",
    "channel_id",
    "external_id",
)
_BOOLS = {"true": True, "1": True, "false": False, "0": False}


def select_orders(orders, query, now):
    """Return the orders passing the query's filters, in id order.

    :param now: epoch seconds of the request, for dates without a time
    """
    query = {"is_deleted": "false", **query}
    tests = [
        (ORDER_FILTERS[name], _parse(ORDER_FILTERS[name][0], raw, name, now))
        for name, raw in query.items()
        if name in ORDER_FILTERS
    ]
    return [
        order
        for order in sorted(orders, key=lambda o: o["id"])
        if all(
            compare(_value(kind, order[field]), wanted)
            for (kind, field, compare), wanted in tests
        )
    ]


def sort_orders(orders, query):
    """Sort orders by ``sort`` (``field[:asc|desc]``); 400 when unknown."""
    field, _, direction = (query.get("sort") or "id").partition(":")
    direction = direction or "asc"
    if field not in ORDER_SORTS or direction not in ("asc", "desc"):
        raise ApiError(400, f"The sort '{query['sort']}' is not supported.")

    def key(order):
        """Sort nulls first, dates as instants, ties by id."""
        value = order.get(field)
        if field.startswith("date_"):
            value = parse_date(value, 0)
        return (value is not None, value if value is not None else 0, order["id"])

    return sorted(orders, key=key, reverse=direction == "desc")


def _value(kind, stored):
    """Return a stored order value in the form a filter compares."""
    if kind == "num":
        return Decimal(stored)
    if kind == "date":
        return parse_date(stored, 0)
    if kind == "email":
        return str(stored.get("email", "")).casefold()
    return stored


def _parse(kind, raw, name, now):
    """Read one filter value of ``kind``; 400 when it is not one."""
    try:
        if kind == "int":
            return int(raw)
        if kind == "num":
            return Decimal(raw)
        if kind == "bool":
            return _BOOLS[raw.lower()]
        if kind == "date":
            return parse_date(raw, now, name)
    except (KeyError, ValueError, InvalidOperation) as error:
        raise ApiError(400, f"The filter '{name}' is invalid.") from error
    return raw.casefold() if kind == "email" else raw
