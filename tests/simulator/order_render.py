"""How v2 orders are answered: links, sub-resources and consignments.

An order answers its ``products``, ``shipping_addresses`` and ``coupons``
as ``{url, resource}`` links (``products_Resource`` and friends), spelled
as the spec's examples spell them (``/shippingaddresses``, which the
simulator serves too). ``include=consignments`` (links as line items) or
``include=consignments.line_items`` (full order products) adds the
consignments, derived from the order on every answer: one shipping
consignment per shipping address with its physical products, one download
consignment for the digital products, one gift certificate consignment
per gift certificate, one pickup consignment per pickup method named by
the physical products' ``order_pickup_method_id`` (at the spec example's
location; the consignment id is the method id). With ``consignment_structure=object``
they are the object of ``orderConsignment_Get``; without it, the legacy
array that wraps that object (BigCommerce's "Update to v2 Orders API
Side-Loadable Consignment Response" announcement). ``include=fees`` adds
the fee list. Shipping consignments carry their costs as numbers, as
``shippingConsignment_Get`` types them (FACTS.md §14).
"""

import copy

from .order_lines import ADDRESS_FIELDS
from .order_money import dec
from .order_records import LINE_KEYS

# pickupConsignmentLocation_Get, as the spec's example gives it.
PICKUP_LOCATION = {
    "id": 1,
    "name": "Location 1",
    "code": "LOCATION-1",
    "address_line_1": "123 Main Street",
    "address_line_2": "Suite 101",
    "city": "Austin",
    "state": "Texas",
    "postal_code": "78726",
    "country_alpha2": "US",
    "email": "location1@example.com",
    "phone": "+1 111-111-1111",
}
CONSIGNMENT_INCLUDES = frozenset({"consignments", "consignments.line_items"})
# Shipping-address money that a shipping consignment answers as numbers.
CONSIGNMENT_NUMBERS = (
    "base_cost",
    "cost_ex_tax",
    "cost_inc_tax",
    "cost_tax",
    "base_handling_cost",
    "handling_cost_ex_tax",
    "handling_cost_inc_tax",
    "handling_cost_tax",
)
CONSIGNMENT_FIELDS = (
    "items_total",
    "items_shipped",
    "shipping_method",
    "cost_tax_class_id",
    "handling_cost_tax_class_id",
    "shipping_zone_id",
    "shipping_zone_name",
)


def link(api_base, resource):
    """Return a ``{url, resource}`` object; ``api_base`` ends with ``/v2``."""
    return {"url": f"{api_base}{resource}", "resource": resource}


def render_order(order, api_base, includes=frozenset(), structure=None):
    """Return the answer for one order (``order_Resp``).

    :param includes: names from ``include=`` (``consignments``,
        ``consignments.line_items``, ``fees``)
    :param structure: ``consignment_structure`` (``"object"`` or None)
    """
    body = {k: copy.deepcopy(v) for k, v in order.items() if k not in LINE_KEYS}
    prefix = f"/orders/{order['id']}"
    body["products"] = link(api_base, f"{prefix}/products")
    body["shipping_addresses"] = link(api_base, f"{prefix}/shippingaddresses")
    body["coupons"] = link(api_base, f"{prefix}/coupons")
    if includes & CONSIGNMENT_INCLUDES:
        full = "consignments.line_items" in includes
        consignments = render_consignments(order, api_base, full)
        body["consignments"] = consignments if structure == "object" else [consignments]
    if "fees" in includes:
        body["fees"] = copy.deepcopy(order["fees"])
    return body


def render_address(order, address, api_base):
    """Return a shipping address with its ``shipping_quotes`` link."""
    body = copy.deepcopy(address)
    resource = f"/orders/{order['id']}/shippingaddresses/{address['id']}"
    body["shipping_quotes"] = link(api_base, f"{resource}/shippingquotes")
    return body


def render_consignments(order, api_base, full):
    """Return ``orderConsignment_Get``: line items as products or links."""

    def line_items(products):
        if full:
            return copy.deepcopy(products)
        return [
            link(api_base, f"/orders/{order['id']}/products/{p['id']}")
            for p in products
        ]

    products = order["products"]
    recipient = order["billing_address"].get("email", "")
    digital = [p for p in products if p["type"] == "digital"]
    shipping = [
        _shipping_consignment(order, address, api_base, line_items)
        for address in order["shipping_addresses"]
    ]
    downloads = [{"recipient_email": recipient, "line_items": line_items(digital)}]
    gifts = [
        {"recipient_email": recipient, "line_items": line_items([p])}
        for p in products
        if p["type"] == "giftcertificate"
    ]
    return {
        "pickups": _pickup_consignments(products, line_items),
        "shipping": shipping,
        "downloads": downloads if digital else [],
        "email": {"gift_certificates": gifts},
    }


def _shipping_consignment(order, address, api_base, line_items):
    """Return ``shippingConsignment_Get`` for one shipping address."""
    mine = [
        p
        for p in order["products"]
        if p["type"] == "physical" and p["order_address_id"] == address["id"]
    ]
    body = {"id": address["id"]}
    body.update({field: address[field] for field in ADDRESS_FIELDS})
    body["form_fields"] = copy.deepcopy(address["form_fields"])
    body["line_items"] = line_items(mine)
    body.update({field: address[field] for field in CONSIGNMENT_FIELDS})
    body.update({field: float(dec(address[field])) for field in CONSIGNMENT_NUMBERS})
    resource = f"/orders/{order['id']}/consignments/shipping/{address['id']}"
    body["shipping_quotes"] = link(api_base, f"{resource}/shipping_quotes")
    return body


def _pickup_consignments(products, line_items):
    """Return ``pickupConsignment_Get`` per pickup method of the products."""
    methods = {}
    for product in products:
        if product["type"] == "physical" and product["order_pickup_method_id"]:
            methods.setdefault(product["order_pickup_method_id"], []).append(product)
    return [
        {
            "id": method_id,
            "pickup_method_id": method_id,
            "pickup_method_display_name": "Pick Up",
            "collection_instructions": "Bring your ID",
            "collection_time_description": "9am - 6pm",
            "location": copy.deepcopy(PICKUP_LOCATION),
            "line_items": line_items(mine),
        }
        for method_id, mine in methods.items()
    ]
