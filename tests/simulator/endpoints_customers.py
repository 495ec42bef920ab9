"""Customer read endpoints (customers.v3.yml).

``GET /v3/customers`` (``getCustomers``) pages customers in id order (or
by ``sort``: ``date_created``, ``date_modified`` or ``last_name`` with
``:asc``/``:desc``), filtered by ``id:in``, ``email:in`` (ignoring case),
``name:in``/``name:like`` (first and last name), ``company:in``,
``customer_group_id:in``, ``phone:in`` and ``date_created``/
``date_modified`` with ``:min``/``:max``; ``include`` adds ``addresses``,
``storecredit``, ``attributes`` and ``formfields``. Its meta follows
``_metaCollectionWithCursorPagination``: the first page carries both
``pagination`` and ``cursor_pagination``, a later page only
``pagination``, and a request with ``after``/``before`` (a cursor from
``end_cursor``/``start_cursor``, which ``page`` then yields to) only
``cursor_pagination``; in id order a cursor is a key by id (the example
``aWQ6Nw==`` is ``id:7``), so the page after it starts past its id even when
its customer has left the list since. ``GET /v3/customers/addresses``
(``getCustomersAddresses``) pages every address by id, filtered by
``customer_id:in``, ``id:in``, ``company:in`` and ``name:in``. A filter
of the wrong type, an unknown sort or a bad cursor is a 422.
"""

import base64
import binascii
from urllib.parse import quote, urlencode

from .catalog_query import includes, matcher
from .catalog_rules import INVALID_DATA
from .customers import render_customer
from .endpoints_collections import pagination, paging, v3_page
from .messages import ApiError, Reply

CUSTOMERS = r"v3/customers"
CUSTOMER_FILTERS = {
    "id": "int",
    "email": "str",
    "name": "str",
    "company": "str",
    "customer_group_id": "int",
    "phone": "str",
    "date_created": "date",
    "date_modified": "date",
}
ADDRESS_FILTERS = {"id": "int", "customer_id": "int", "company": "str", "name": "str"}
CUSTOMER_SORTS = ("date_created", "date_modified", "last_name")


def register(router):
    """Add the customer routes."""
    router.add("GET", CUSTOMERS, list_customers)
    router.add("GET", CUSTOMERS + "/addresses", list_addresses)


def list_customers(state, request):
    """Answer one page of customers (``getCustomers``)."""
    query = request.query
    wanted = includes(query)
    found = _matching(state.customers.customers.values(), query, state)
    found = sort_customers(found, query)
    if query.get("after") or query.get("before"):
        return _cursor_page(query, found, wanted)
    page, limit = paging(query)
    chunk = found[(page - 1) * limit : page * limit]
    meta = {"pagination": pagination(query, page, limit, len(found), chunk)}
    if page == 1:
        meta["cursor_pagination"] = cursor_meta(query, found, 0, chunk, limit)
    data = [render_customer(customer, wanted) for customer in chunk]
    return Reply(200, {"data": data, "meta": meta})


def list_addresses(state, request):
    """Answer one page of customer addresses (``getCustomersAddresses``)."""
    query = request.query
    addresses = [
        {**address, "name": f"{address['first_name']} {address['last_name']}"}
        for customer in state.customers.customers.values()
        for address in customer["addresses"]
    ]
    match = matcher(query, ADDRESS_FILTERS, state.clock())
    found = sorted(filter(match, addresses), key=lambda a: a["id"])
    with_fields = "formfields" in includes(query)
    return v3_page(query, found, render=lambda a: _render_address(a, with_fields))


def _render_address(address, with_fields):
    """Return an address without the name it was matched by."""
    body = {k: v for k, v in address.items() if k != "name"}
    if with_fields:
        body["form_fields"] = []
    return body


def _matching(customers, query, state):
    """Return the customers passing the query's filters."""
    query = dict(query)
    for key in ("email:in", "email"):
        if key in query:
            query[key] = query[key].casefold()
    match = matcher(query, CUSTOMER_FILTERS, state.clock())
    return [
        customer
        for customer in customers
        if match(
            {
                **customer,
                "email": customer["email"].casefold(),
                "name": f"{customer['first_name']} {customer['last_name']}",
            }
        )
    ]


def sort_customers(customers, query):
    """Sort customers by ``sort`` (``field:asc|desc``), by id by default."""
    raw = query.get("sort")
    if not raw:
        return sorted(customers, key=lambda c: c["id"])
    field, _, direction = raw.partition(":")
    if field not in CUSTOMER_SORTS or direction not in ("asc", "desc"):
        raise ApiError(422, INVALID_DATA, errors={"sort": f"Cannot sort by {raw}."})
    return sorted(
        customers,
        key=lambda c: (str(c[field]).casefold(), c["id"]),
        reverse=direction == "desc",
    )


# === CURSORS === #


def encode_cursor(customer):
    """Return the cursor of a customer (base64 of ``id:<id>``)."""
    return base64.b64encode(f"id:{customer['id']}".encode()).decode()


def _cursor_split(found, cursor, by_id):
    """Return ``(end, start)``: where the page before a cursor ends and the
    page after it starts in ``found``; 422 when the cursor names no customer.

    In id order (no ``sort``) a cursor is a key: when its customer has left
    the list since (edited out of a ``date_modified`` filter), the pages
    split where its id would stand, so the next page still starts after it.
    """
    try:
        text = base64.b64decode(cursor, validate=True).decode()
        customer_id = int(text.removeprefix("id:"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        customer_id = None
    for index, customer in enumerate(found):
        if customer["id"] == customer_id:
            return index, index + 1
    if by_id and customer_id is not None:
        below = sum(1 for customer in found if customer["id"] < customer_id)
        return below, below
    raise ApiError(422, INVALID_DATA, errors={"cursor": "The cursor is invalid."})


def _cursor_page(query, found, wanted):
    """Answer the page after ``after`` or before ``before``."""
    _page, limit = paging({"limit": query.get("limit", "")})
    by_id = not query.get("sort")
    if query.get("after"):
        start = _cursor_split(found, query["after"], by_id)[1]
        end = start + limit
    else:
        end = _cursor_split(found, query["before"], by_id)[0]
        start = max(0, end - limit)
    chunk = found[start:end]
    meta = {"cursor_pagination": cursor_meta(query, found, start, chunk, limit)}
    data = [render_customer(customer, wanted) for customer in chunk]
    return Reply(200, {"data": data, "meta": meta})


def cursor_meta(query, found, start, chunk, limit):
    """Return ``CursorPagination`` for ``chunk``, which starts at ``found[start]``."""
    meta = {"count": len(chunk), "per_page": limit, "links": {}}
    if not chunk:
        return meta
    first, last = encode_cursor(chunk[0]), encode_cursor(chunk[-1])
    meta.update(start_cursor=first, end_cursor=last)
    links = meta["links"]
    links["current"] = "?" + urlencode(list(query.items()), safe=":,")
    if start + len(chunk) < len(found):
        links["next"] = _cursor_link(query, "after", last, limit)
    if start > 0:
        links["previous"] = _cursor_link(query, "before", first, limit)
    return meta


def _cursor_link(query, direction, cursor, limit):
    """Return ``?<filters>&after|before=<cursor>&limit=<limit>``."""
    kept = [
        f"{key}={quote(value, safe=':,')}"
        for key, value in query.items()
        if key not in ("page", "limit", "after", "before")
    ]
    kept += [f"{direction}={quote(cursor, safe='')}", f"limit={limit}"]
    return "?" + "&".join(kept)
