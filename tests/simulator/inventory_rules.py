"""What an inventory adjustment body must be, and BigCommerce's 422 titles.

A body (``AdjustmentsAbsoluteRequest`` / ``AdjustmentsRelativeRequest``,
inventory.v3.yml) is ``{"reason"?, "items": [...]}``, at most 2000 items;
each item names exactly one of ``product_id``, ``variant_id``, ``sku`` and
gives ``location_id`` and an integer ``quantity`` (absolute: 0 to
2147483647, the most an item may hold at a location; relative: a change of
at most that size either way). :func:`adjustment_entries` checks the shape
of the whole body before anything else; a body of the wrong shape is a 422
"Payload contains invalid fields" naming each field as
``items.<index>.<field>``, the form of the spec's settings example.
Refused items are listed in one title, BigCommerce's
``[Item with variant_id 106 is tracked by product, ...]``, comma-separated
inside the brackets, so that a client can tell which items were refused.
"""

from dataclasses import dataclass

from .catalog_records import MAX_INT
from .messages import ApiError

MAX_ITEMS = 2000
IDENTITY_FIELDS = ("product_id", "variant_id", "sku")
INVALID_FIELDS = "Payload contains invalid fields"
TOO_MANY_ITEMS = (
    "Payload contains {count} items, more than the limit of {limit} items per request"
)
NEEDS_ABSOLUTE = (
    "Items with identity: [{labels}] requires absolute adjustment before relative"
)


@dataclass(frozen=True)
class Entry:
    """One checked item of an adjustment body."""

    field: str
    value: object
    location_id: int
    quantity: int

    @property
    def label(self):
        """How BigCommerce names the item: ``variant_id 106``, ``sku TS-S``."""
        return f"{self.field} {self.value}"


def adjustment_entries(body, relative=False):
    """Return the body's items as :class:`Entry` objects, in order.

    :raise ApiError: 422 on a body of the wrong shape or of too many items
    """
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise _invalid({"items": "The items array is required."})
    if "reason" in body and not isinstance(body["reason"], str):
        raise _invalid({"reason": "The reason must be a string."})
    items = body["items"]
    if not items:
        raise _invalid({"items": "At least one item is required."})
    if len(items) > MAX_ITEMS:
        raise ApiError(422, TOO_MANY_ITEMS.format(count=len(items), limit=MAX_ITEMS))
    entries, errors = [], {}
    for index, item in enumerate(items):
        item_errors = _item_errors(item, relative)
        errors.update({f"items.{index}.{f}": m for f, m in item_errors.items()})
        if not item_errors:
            [field] = [f for f in IDENTITY_FIELDS if f in item]
            entries.append(
                Entry(field, item[field], item["location_id"], item["quantity"])
            )
    if errors:
        raise _invalid(errors)
    return entries


def _item_errors(item, relative):
    """Return ``{field: message}`` for one item of an adjustment body."""
    if not isinstance(item, dict):
        return {"item": "Each item must be an object."}
    errors = {}
    named = [field for field in IDENTITY_FIELDS if field in item]
    if len(named) != 1:
        errors["identity"] = "Exactly one of product_id, variant_id or sku is required."
    elif named[0] == "sku":
        if not isinstance(item["sku"], str) or not item["sku"]:
            errors["sku"] = "The sku must be a non-empty string."
    elif not _is_int(item[named[0]], 1):
        errors[named[0]] = f"The {named[0]} must be a positive integer."
    if not _is_int(item.get("location_id"), 1):
        errors["location_id"] = "The location_id must be a positive integer."
    low = -MAX_INT if relative else 0
    if not _is_int(item.get("quantity"), low, MAX_INT):
        errors["quantity"] = f"The quantity must be an integer from {low} to {MAX_INT}."
    return errors


def _is_int(value, low, high=MAX_INT):
    """Tell whether ``value`` is a JSON integer (not a boolean) in range."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return low <= value <= high


def _invalid(errors):
    """Return the 422 for a body of the wrong shape."""
    return ApiError(422, INVALID_FIELDS, errors=errors)


# === REFUSED ITEMS === #


def refused(reasons):
    """Return the 422 listing each ``Item with <label> <reason>`` once.

    :param reasons: ``[(entry, reason)]`` in request order
    """
    messages = list(dict.fromkeys(f"Item with {e.label} {r}" for e, r in reasons))
    return ApiError(422, f"[{', '.join(messages)}]")


def needs_absolute(entries):
    """Return the 422 of a relative adjustment on items never set absolutely."""
    labels = ", ".join(dict.fromkeys(entry.label for entry in entries))
    return ApiError(422, NEEDS_ABSOLUTE.format(labels=labels))


def location_reason(location, location_id):
    """Return why an item cannot be adjusted at a location, or None."""
    if location is None:
        return f"refers to unknown location_id {location_id}"
    if not location["enabled"]:
        return f"refers to disabled location_id {location_id}"
    return None


def out_of_range_reason(entry, level):
    """Return why a relative change leaves ``level`` out of range, or None."""
    if level < 0:
        return f"would go below 0 at location_id {entry.location_id}"
    if level > MAX_INT:
        return f"would exceed {MAX_INT} at location_id {entry.location_id}"
    return None
