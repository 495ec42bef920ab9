"""Inventory locations, shaped like locations.v3.yml ``LocationResponse``.

Every store has the default location ``id=1`` (code ``BC-LOCATION-1``, the
store's shipping origin); a test adds others with
:func:`new_location`. ``is_default`` is no property of ``LocationResponse``
but ``getLocations`` filters on it, so each record carries it (the schema
allows extra properties). :func:`location_matcher` reads the filters of
``getLocations`` a simulator can honour cheaply.
"""

import copy

from .messages import ApiError

DEFAULT_LOCATION_ID = 1
# The store's creation date: the default location exists since then.
STORE_CREATED = "2024-01-02T09:00:00Z"
WEEK = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
DEFAULT_ADDRESS = {
    "address1": "685 Market Street",
    "address2": "",
    "city": "San Francisco",
    "state": "CA",
    "zip": "94105",
    "email": "jane.doe@example.com",
    "phone": "555-123-4567",
    "geo_coordinates": {"latitude": 37.787, "longitude": -122.4},
    "country_code": "US",
}


def default_location():
    """Return location 1 of a fresh store."""
    location = new_location(DEFAULT_LOCATION_ID, "Default location", STORE_CREATED)
    location["is_default"] = True
    return location


def new_location(location_id, label, created_at, code=None, enabled=True, **fields):
    """Return a physical location; ``fields`` override any ``LocationResponse``
    field (``address`` is merged into the default address).

    :param code: default ``BC-LOCATION-<id>``
    """
    address = {**copy.deepcopy(DEFAULT_ADDRESS), **fields.pop("address", {})}
    location = {
        "id": location_id,
        "code": code or f"BC-LOCATION-{location_id}",
        "label": label,
        "description": "",
        "managed_by_external_source": False,
        "type_id": "PHYSICAL",
        "enabled": enabled,
        "is_default": False,
        "operating_hours": {
            day: {"open": False, "opening": "00:00", "closing": "00:00"} for day in WEEK
        },
        "time_zone": "America/Chicago",
        "created_at": created_at,
        "updated_at": created_at,
        "address": address,
        "storefront_visibility": True,
        "special_hours": [],
    }
    location.update(copy.deepcopy(fields))
    return location


def location_matcher(query):
    """Return ``match(location) -> bool`` for the filters of ``getLocations``:
    ``location_id:in``, ``location_code:in``, ``type_id:in``, ``is_default``,
    ``is_active`` (the ``enabled`` flag), ``storefront_visibility``."""
    ids = int_list(query, "location_id:in")
    codes = text_list(query, "location_code:in")
    types = text_list(query, "type_id:in")
    flags = {
        field: boolean(query, name)
        for name, field in (
            ("is_default", "is_default"),
            ("is_active", "enabled"),
            ("storefront_visibility", "storefront_visibility"),
        )
    }

    def match(location):
        """Tell whether ``location`` passes every filter given."""
        if ids is not None and location["id"] not in ids:
            return False
        if codes is not None and location["code"] not in codes:
            return False
        if types is not None and location["type_id"] not in types:
            return False
        return all(
            wanted is None or bool(location[field]) is wanted
            for field, wanted in flags.items()
        )

    return match


def text_list(query, name):
    """Return the comma-separated values of a query parameter, or None."""
    raw = query.get(name)
    if raw in (None, ""):
        return None
    return [part.strip() for part in raw.split(",") if part.strip()]


def int_list(query, name):
    """Return the comma-separated integers of a query parameter, or None."""
    values = text_list(query, name)
    if values is None:
        return None
    try:
        return [int(value) for value in values]
    except ValueError:
        raise ApiError(400, f"The parameter '{name}' must list integers.") from None


def boolean(query, name):
    """Return a ``true``/``false`` query parameter as a bool, or None."""
    raw = query.get(name)
    if raw in (None, ""):
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise ApiError(400, f"The parameter '{name}' must be true or false.")
