"""Generic read endpoints for every seeded collection, v2 and v3 paging.

v2 (FACTS.md §3): ``page`` (1-based) and ``limit`` (default 50, max 250,
413 past it); the body is a bare JSON array, and an empty page is a 204
with an empty body. v3: the same parameters, and the body is
``{"data": [...], "meta": {"pagination": {...}}}`` as in the catalog
specs' ``metaCollection_Full``/``pagination_Full``. One item is
``GET <collection>/<id>``: the object itself in v2, ``{"data", "meta"}`` in
v3, 404 when missing. Register this module last: its patterns match any
path and yield to the more specific routes of other modules.
"""

import copy
import math
from urllib.parse import urlencode

from .messages import NOT_FOUND, ApiError, Reply

DEFAULT_LIMIT = 50
MAX_LIMIT = 250
LIMIT_TOO_HIGH = "The specified limit exceeds the maximum allowed."


def register(router):
    """Add the list and item routes of seeded collections."""
    router.add("GET", r"(?P<collection>v[23]/.+)", list_collection, guard=is_collection)
    router.add(
        "GET",
        r"(?P<collection>v[23]/.+)/(?P<item_id>[^/]+)",
        get_item,
        guard=is_collection,
    )


def is_collection(state, collection, **_params):
    """Route guard: the path names a built-in or seeded collection."""
    return state.has_collection(collection)


def list_collection(state, request, collection):
    """Answer one page of a collection in the version's list shape."""
    items = state.collection(collection)
    if request.version == "v3":
        return v3_page(request.query, items)
    page, limit = paging(request.query)
    chunk = copy.deepcopy(items[(page - 1) * limit : page * limit])
    return Reply(200, chunk) if chunk else Reply(204)


def v3_page(query, items, render=copy.deepcopy, max_per_page=None, max_limit=MAX_LIMIT):
    """Answer ``{"data", "meta": {"pagination"}}`` for one page of ``items``.

    :param render: turns a stored item into its answer (a copy)
    :param max_per_page: a cap below ``limit`` (``include=options`` forces 10)
    :param max_limit: the highest ``limit`` allowed (413 past it)
    """
    page, limit = paging(query, max_limit)
    if max_per_page is not None:
        limit = min(limit, max_per_page)
    chunk = [render(item) for item in items[(page - 1) * limit : page * limit]]
    meta = {"pagination": pagination(query, page, limit, len(items), chunk)}
    return Reply(200, {"data": chunk, "meta": meta})


def get_item(state, request, collection, item_id):
    """Answer one item of a collection, 404 when it does not exist."""
    item = state.find(collection, item_id)
    if item is None:
        raise ApiError(404, NOT_FOUND)
    item = copy.deepcopy(item)
    return Reply(200, item if request.version == "v2" else {"data": item, "meta": {}})


def paging(query, max_limit=MAX_LIMIT):
    """Return ``(page, limit)`` from the query; 413 past ``max_limit``."""
    page = _positive_int(query, "page", 1)
    limit = _positive_int(query, "limit", DEFAULT_LIMIT)
    if limit > max_limit:
        raise ApiError(
            413,
            LIMIT_TOO_HIGH,
            errors={"limit": f"The maximum limit is {max_limit}."},
            details={"max_limit": max_limit},
        )
    return page, limit


def _positive_int(query, name, default):
    """Read a positive integer query parameter; 400 when it is not one."""
    raw = query.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ApiError(400, f"The parameter '{name}' must be a positive integer.")
    return value


def pagination(query, page, limit, total, chunk):
    """Return the v3 ``pagination`` object with query-string links."""
    total_pages = math.ceil(total / limit)
    links = {"current": page_link(query, page, limit)}
    if page > 1:
        links["previous"] = page_link(query, page - 1, limit)
    if page < total_pages:
        links["next"] = page_link(query, page + 1, limit)
    return {
        "total": total,
        "count": len(chunk),
        "per_page": limit,
        "current_page": page,
        "total_pages": total_pages,
        "links": links,
    }


def page_link(query, page, limit):
    """Return ``?<other params>&page=N&limit=L`` keeping the caller's filters."""
    params = [(k, v) for k, v in query.items() if k not in ("page", "limit")]
    params += [("page", page), ("limit", limit)]
    return "?" + urlencode(params, safe=":,")
