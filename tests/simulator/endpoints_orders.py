"""Order read endpoints (orders.v2.oas2.yml).

``GET /v2/orders`` (``getOrders``) pages the orders that pass the filters
of :mod:`~tests.simulator.order_query`, sorted by ``sort``, with
``include`` and ``consignment_structure`` as :mod:`order_render` says;
``GET /v2/orders/count`` (``getOrdersCount``) counts them per status.
``GET /v2/orders/{id}`` answers one order, archived ones included.
Products, shipping addresses (also spelled ``shippingaddresses``, as the
order's link spells it) and coupons are paged sub-resources; consignments
are the order's ``orderConsignment_Get``. Every v2 list answers an empty
page with 204 and no body (FACTS.md §3), and a missing order with the
v2 404 ``[{"status": 404, "message": ...}]``.
"""

import copy

from .catalog_query import includes
from .endpoints_collections import paging
from .messages import NOT_FOUND, ApiError, Reply
from .order_query import select_orders, sort_orders
from .order_render import render_address, render_consignments, render_order
from .order_taxes import order_tax_rows

ORDERS = r"v2/orders"
ORDER = ORDERS + r"/(?P<order_id>\d+)"
SHIPPING_ADDRESSES = ORDER + r"/(?:shipping_addresses|shippingaddresses)"
STATUSES = r"v2/order_statuses"


def register(router):
    """Add the order routes."""
    router.add("GET", ORDERS, list_orders)
    router.add("GET", ORDERS + "/count", count_orders)
    router.add("GET", ORDER, get_order)
    router.add("GET", ORDER + "/products", list_products)
    router.add("GET", ORDER + r"/products/(?P<line_id>\d+)", get_product)
    router.add("GET", SHIPPING_ADDRESSES, list_shipping_addresses)
    router.add("GET", SHIPPING_ADDRESSES + r"/(?P<line_id>\d+)", get_address)
    router.add("GET", ORDER + "/coupons", list_coupons)
    router.add("GET", ORDER + "/consignments", get_consignments)
    router.add("GET", ORDER + "/taxes", list_taxes)
    router.add("GET", STATUSES, list_statuses)
    router.add("GET", STATUSES + r"/(?P<status_id>\d+)", get_status)


def api_base(state):
    """Return the simulator's v2 base URL, which order links start with."""
    return f"{state.base_url}/stores/{state.store_hash}/v2"


def v2_page(query, items, render=copy.deepcopy):
    """Answer one page of ``items`` as a bare array, or 204 when empty."""
    page, limit = paging(query)
    chunk = [render(item) for item in items[(page - 1) * limit : page * limit]]
    return Reply(200, chunk) if chunk else Reply(204)


# === ORDERS === #


def list_orders(state, request):
    """Answer one page of orders (``getOrders``)."""
    query = request.query
    found = select_orders(state.orders.orders.values(), query, state.clock())
    wanted, structure = includes(query), query.get("consignment_structure")
    base = api_base(state)
    return v2_page(
        query,
        sort_orders(found, query),
        render=lambda order: render_order(order, base, wanted, structure),
    )


def count_orders(state, request):
    """Answer how many orders pass the filters, per status (``getOrdersCount``)."""
    found = select_orders(state.orders.orders.values(), request.query, state.clock())
    statuses = [
        {
            **{k: v for k, v in status.items() if k != "order"},
            "count": sum(1 for order in found if order["status_id"] == status["id"]),
            "sort_order": status["order"],
        }
        for status in sorted(state.orders.statuses, key=lambda s: s["order"])
    ]
    return Reply(200, {"statuses": statuses, "count": len(found)})


def get_order(state, request, order_id):
    """Answer one order (``getOrder``), archived or not."""
    order = _order_or_404(state, order_id)
    query = request.query
    body = render_order(
        order, api_base(state), includes(query), query.get("consignment_structure")
    )
    return Reply(200, body)


def get_consignments(state, request, order_id):
    """Answer an order's consignments object (``getOrderConsignments``)."""
    order = _order_or_404(state, order_id)
    full = "consignments.line_items" in includes(request.query)
    return Reply(200, render_consignments(order, api_base(state), full))


# === SUB-RESOURCES === #


def list_products(state, request, order_id):
    """Answer one page of an order's products (``getOrderProducts``)."""
    order = _order_or_404(state, order_id)
    return v2_page(request.query, order["products"])


def get_product(state, request, order_id, line_id):
    """Answer one order product (``getOrderProduct``)."""
    order = _order_or_404(state, order_id)
    return Reply(200, copy.deepcopy(_line_or_404(order["products"], line_id)))


def list_shipping_addresses(state, request, order_id):
    """Answer one page of an order's shipping addresses."""
    order = _order_or_404(state, order_id)
    base = api_base(state)
    return v2_page(
        request.query,
        order["shipping_addresses"],
        render=lambda address: render_address(order, address, base),
    )


def get_address(state, request, order_id, line_id):
    """Answer one shipping address (``getOrderShippingAddress``)."""
    order = _order_or_404(state, order_id)
    address = _line_or_404(order["shipping_addresses"], line_id)
    return Reply(200, render_address(order, address, api_base(state)))


def list_coupons(state, request, order_id):
    """Answer one page of an order's coupons (``getOrderCoupons``), 204 if none."""
    order = _order_or_404(state, order_id)
    return v2_page(request.query, order["coupons"])


def list_taxes(state, request, order_id):
    """Answer an order's taxes (``getOrderTaxes``), 204 when it has none."""
    order = _order_or_404(state, order_id)
    details = request.query.get("details") in ("true", "1")
    return v2_page(request.query, order_tax_rows(state.orders, order, details))


def _order_or_404(state, order_id):
    """Return the stored order or raise the v2 404."""
    order = state.orders.get(order_id)
    if order is None:
        raise ApiError(404, NOT_FOUND)
    return order


def _line_or_404(lines, line_id):
    """Return the line with id ``line_id`` or raise the v2 404."""
    for line in lines:
        if line["id"] == int(line_id):
            return line
    raise ApiError(404, NOT_FOUND)


# === STATUSES === #


def list_statuses(state, request):
    """Answer the store's order statuses (``getOrderStatuses``)."""
    return Reply(200, copy.deepcopy(state.orders.statuses))


def get_status(state, request, status_id):
    """Answer one order status (``getOrderStatusesStatus``)."""
    try:
        return Reply(200, copy.deepcopy(state.orders.status(status_id)))
    except KeyError as error:
        raise ApiError(404, NOT_FOUND) from error
