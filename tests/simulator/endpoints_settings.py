"""Payment methods (methods_payments.v2.yml) and shipping (shipping.v2.yml).

``GET /v2/payments/methods`` (``getAllPaymentMethods``) pages the
configured methods, sorted by name as the spec says; ``GET
/v2/shipping/zones`` (``getShippingZones``), ``GET
/v2/shipping/zones/{id}`` and ``GET /v2/shipping/zones/{zone_id}/methods``
(``getShippingZoneMethods``, by method id) answer the store's zones and
their methods, whole (the spec pages neither), 204 when there are none;
a missing zone or method is the v2 404.
"""

import copy

from .endpoints_orders import v2_page
from .messages import NOT_FOUND, ApiError, Reply

ZONES = r"v2/shipping/zones"
ZONE = ZONES + r"/(?P<zone_id>\d+)"


def register(router):
    """Add the payment method and shipping routes."""
    router.add("GET", r"v2/payments/methods", list_payment_methods)
    router.add("GET", ZONES, list_zones)
    router.add("GET", ZONE, get_zone)
    router.add("GET", ZONE + "/methods", list_zone_methods)
    router.add("GET", ZONE + r"/methods/(?P<method_id>\d+)", get_zone_method)


def list_payment_methods(state, request):
    """Answer one page of payment methods, by name (``getAllPaymentMethods``)."""
    methods = sorted(state.payment_methods, key=lambda m: m["name"].casefold())
    return v2_page(request.query, methods)


def list_zones(state, request):
    """Answer every shipping zone (``getShippingZones``)."""
    return _whole(state.shipping_zones)


def get_zone(state, request, zone_id):
    """Answer one shipping zone (``getShippingZone``)."""
    return Reply(200, copy.deepcopy(_zone_or_404(state, zone_id)))


def list_zone_methods(state, request, zone_id):
    """Answer a zone's shipping methods by id (``getShippingZoneMethods``)."""
    _zone_or_404(state, zone_id)
    methods = state.shipping_methods.get(int(zone_id), [])
    return _whole(sorted(methods, key=lambda m: m["id"]))


def get_zone_method(state, request, zone_id, method_id):
    """Answer one shipping method of a zone (``getShippingMethod``)."""
    _zone_or_404(state, zone_id)
    for method in state.shipping_methods.get(int(zone_id), []):
        if method["id"] == int(method_id):
            return Reply(200, copy.deepcopy(method))
    raise ApiError(404, NOT_FOUND)


def _zone_or_404(state, zone_id):
    """Return the shipping zone with id ``zone_id`` or raise the v2 404."""
    for zone in state.shipping_zones:
        if zone["id"] == int(zone_id):
            return zone
    raise ApiError(404, NOT_FOUND)


def _whole(items):
    """Answer a whole v2 list, or 204 when it is empty."""
    return Reply(200, copy.deepcopy(items)) if items else Reply(204)
