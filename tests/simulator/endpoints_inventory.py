"""Inventory endpoints (inventory.v3.yml) and the location list (locations.v3.yml).

``GET /v3/inventory/locations`` (``getLocations``) pages the locations in
id order, filtered by ``location_id:in``, ``location_code:in``,
``type_id:in``, ``is_default``, ``is_active``, ``storefront_visibility``.
``GET /v3/inventory/items`` (``get-inventory-items``) pages every item
with its level at each location (filters ``product_id:in``,
``variant_id:in``, ``sku:in`` choose items, ``location_id:in`` and
``location_code:in`` the locations shown);
``GET /v3/inventory/locations/{id}/items`` pages the items at one location
(404 for an unknown one). Pages hold at most 1000 items, the specs' limit:
a larger ``limit`` is a 413, as on the other v3 collections.

``PUT /v3/inventory/adjustments/absolute`` sets levels and
``POST /v3/inventory/adjustments/relative`` changes them, each at most 2000
items, all or nothing: 200 ``{"transaction_id"}`` or a 422 naming every
refused item (:mod:`~tests.simulator.inventory_rules`). Errors are
``application/problem+json``, as these specs declare them.
"""

import functools

from .endpoints_collections import v3_page
from .inventory_items import item_response, location_item_response
from .inventory_locations import int_list, location_matcher, text_list
from .messages import NOT_FOUND, ApiError, Reply

LOCATIONS = r"v3/inventory/locations"
LOCATION_ITEMS = r"v3/inventory/locations/(?P<location_id>[^/]+)/items"
ITEMS = r"v3/inventory/items"
ABSOLUTE = r"v3/inventory/adjustments/absolute"
RELATIVE = r"v3/inventory/adjustments/relative"
MAX_LIMIT = 1000
PROBLEM_JSON = "application/problem+json"


def register(router):
    """Add the location and inventory routes."""
    router.add("GET", LOCATIONS, list_locations)
    router.add("GET", LOCATION_ITEMS, list_location_items)
    router.add("GET", ITEMS, list_items)
    router.add("PUT", ABSOLUTE, adjust_absolute)
    router.add("POST", RELATIVE, adjust_relative)


def problem_json(handler):
    """Answer the handler's errors as ``application/problem+json``."""

    @functools.wraps(handler)
    def answer(state, request, **params):
        try:
            return handler(state, request, **params)
        except ApiError as error:
            reply = error.reply(request.version)
            reply.headers["Content-Type"] = PROBLEM_JSON
            return reply

    return answer


@problem_json
def list_locations(state, request):
    """Answer one page of locations (``getLocations``)."""
    match = location_matcher(request.query)
    found = [loc for loc in state.inventory.locations if match(loc)]
    return v3_page(request.query, found, max_limit=MAX_LIMIT)


@problem_json
def list_items(state, request):
    """Answer one page of items at every chosen location (``get-inventory-items``)."""
    items = _chosen_items(state, request.query)
    ids = int_list(request.query, "location_id:in")
    codes = text_list(request.query, "location_code:in")
    locations = [
        location
        for location in state.inventory.locations
        if (ids is None or location["id"] in ids)
        and (codes is None or location["code"] in codes)
    ]

    def render(item):
        """Return the item at the chosen locations."""
        return item_response(item, locations, lambda lid: _level(state, item, lid))

    return v3_page(request.query, items, render=render, max_limit=MAX_LIMIT)


@problem_json
def list_location_items(state, request, location_id):
    """Answer one page of items at a location (``get-location-inventory-items``)."""
    location = state.inventory.location(_int_or_none(location_id))
    if location is None:
        raise ApiError(404, NOT_FOUND)
    items = _chosen_items(state, request.query)

    def render(item):
        """Return the item at this location."""
        level = _level(state, item, location["id"])
        return location_item_response(item, location["id"], level)

    return v3_page(request.query, items, render=render, max_limit=MAX_LIMIT)


@problem_json
def adjust_absolute(state, request):
    """Set levels (``put-absolute-adjustment``); all or nothing."""
    transaction_id = state.inventory.adjust_absolute(request.body)
    return Reply(200, {"transaction_id": transaction_id})


@problem_json
def adjust_relative(state, request):
    """Change levels (``post-relative-adjustment``); all or nothing."""
    transaction_id = state.inventory.adjust_relative(request.body)
    return Reply(200, {"transaction_id": transaction_id})


def _chosen_items(state, query):
    """Return the items passing ``product_id:in``, ``variant_id:in``, ``sku:in``."""
    wanted = {
        "product_id": int_list(query, "product_id:in"),
        "variant_id": int_list(query, "variant_id:in"),
        "sku": text_list(query, "sku:in"),
    }
    chosen = []
    for item in state.inventory.items():
        identity = item.identity()
        if all(
            values is None or identity.get(field) in values
            for field, values in wanted.items()
        ):
            chosen.append(item)
    return chosen


def _level(state, item, location_id):
    """Return an item's level at a location, 0 when never set."""
    return state.inventory.level(item, location_id) or 0


def _int_or_none(raw):
    """Return ``raw`` as an integer, or None when it is not one."""
    try:
        return int(raw)
    except ValueError:
        return None
