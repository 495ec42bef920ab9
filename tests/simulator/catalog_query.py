"""Query-string filters, sorting and ``include`` of the catalog list endpoints.

Filters use BigCommerce's operators (FACTS.md §3): ``field`` (equals),
``field:in`` / ``field:not_in`` (comma lists), ``field:min`` / ``:max`` /
``:greater`` / ``:less`` and ``field:like`` (substring). Dates are ISO 8601
or RFC 2822; a date without a time gets the current time of the request
appended, as products_catalog.v3.yml ``DateModifiedMinParam`` says.
Parameters a list does not know are ignored; a known one with a value of
the wrong type is a 422.
"""

import email.utils
import re
from datetime import UTC, date, datetime

from .catalog_rules import INVALID_DATA
from .messages import ApiError

PRODUCT_FILTERS = {
    "id": "int",
    "name": "str",
    "sku": "str",
    "type": "str",
    "brand_id": "int",
    "categories": "int",
    "is_visible": "bool",
    "inventory_level": "int",
    "price": "num",
    "date_modified": "date",
    "date_created": "date",
}
VARIANT_FILTERS = {"id": "int", "sku": "str", "upc": "str", "product_id": "int"}
CATEGORY_FILTERS = {
    "category_id": "int",
    "tree_id": "int",
    "parent_id": "int",
    "name": "str",
    "page_title": "str",
    "is_visible": "bool",
}
TREE_FILTERS = {"id": "int", "channel_id": "int"}
PRODUCT_SORTS = (
    "id",
    "name",
    "sku",
    "price",
    "date_modified",
    "date_last_imported",
    "inventory_level",
    "is_visible",
    "total_sold",
    "calculated_price",
)
_LIST_OPERATORS = ("in", "not_in")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def includes(query):
    """Return the set of sub-resources named by ``include=a,b``."""
    return {name.strip() for name in query.get("include", "").split(",") if name}


def matcher(query, filters, now):
    """Return ``record -> bool`` applying the query's filters.

    :param filters: ``{field: kind}`` the list supports (kinds: int, num,
        str, bool, date)
    :param now: epoch seconds of the request, for dates without a time
    """
    tests = []
    for key, raw in query.items():
        field, _, operator = key.partition(":")
        kind = filters.get(field)
        if kind is None:
            continue
        if operator in _LIST_OPERATORS:
            wanted = [_parse(kind, part, key, now) for part in raw.split(",") if part]
        else:
            wanted = _parse(kind, raw, key, now)
        tests.append((field, operator or "eq", kind, wanted))
    return lambda record: all(_passes(record, *test) for test in tests)


def _passes(record, field, operator, kind, wanted):
    """Tell whether ``record`` passes one filter."""
    actual = record.get(field)
    if kind == "date":
        actual = parse_date(actual, 0, field) if actual else None
    values = actual if isinstance(actual, list) else [actual]
    if operator == "eq":
        return wanted in values
    if operator == "in":
        return any(value in wanted for value in values)
    if operator == "not_in":
        return not any(value in wanted for value in values)
    if operator == "like":
        return str(wanted).casefold() in str(actual).casefold()
    if actual is None:
        return False
    return {
        "min": actual >= wanted,
        "max": actual <= wanted,
        "greater": actual > wanted,
        "less": actual < wanted,
    }.get(operator, True)


def _parse(kind, raw, key, now):
    """Read one filter value of ``kind``; 422 when it is not one."""
    try:
        if kind == "int":
            return int(raw)
        if kind == "num":
            return float(raw)
        if kind == "bool":
            return {"true": True, "1": True, "false": False, "0": False}[raw.lower()]
        if kind == "date":
            return parse_date(raw, now, key)
    except (KeyError, ValueError) as error:
        raise ApiError(
            422, INVALID_DATA, errors={key: f"The filter '{key}' is invalid."}
        ) from error
    return raw


def parse_date(raw, now, key="date"):
    """Return an aware datetime from ISO 8601, RFC 2822 or a bare date.

    A bare date (``2025-01-15``) gets the time of ``now`` (epoch seconds)
    appended, as BigCommerce does; a time without a zone is UTC.
    """
    text = str(raw).strip()
    if _DAY.fullmatch(text):
        clock = datetime.fromtimestamp(now, UTC).timetz()
        return datetime.combine(date.fromisoformat(text), clock)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as error:
            raise ValueError(f"{key}: not a date: {text!r}") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def utc_moment(value):
    """An aware UTC datetime from epoch seconds, a datetime (naive means UTC),
    or an ISO 8601 or RFC 2822 string: what the date writers start from."""
    if isinstance(value, (int, float)):
        moment = datetime.fromtimestamp(value, UTC)
    elif isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        moment = parse_date(value, 0)
    return moment.astimezone(UTC)


def sort_products(products, query):
    """Sort products by ``sort`` (default id) and ``direction``; 422 if unknown."""
    field = query.get("sort") or "id"
    direction = query.get("direction") or "asc"
    if field not in PRODUCT_SORTS or direction not in ("asc", "desc"):
        raise ApiError(
            422, INVALID_DATA, errors={"sort": f"Cannot sort by {field} {direction}."}
        )

    def key(product):
        """Sort nulls last, text case-insensitively, ties by id."""
        value = product.get(field)
        if isinstance(value, str):
            value = value.casefold()
        return (value is None, value if value is not None else 0, product["id"])

    return sorted(products, key=key, reverse=direction == "desc")
