"""Every kind of answer the simulator gives, checked against the official specs.

Real HTTP to a real simulator; no Odoo. Where a spec declares the status
of an answer, the answer is validated against that operation (strictly:
an undeclared status fails). Where no spec declares it, the test asserts
the body shape we chose and says so. The simulator's own behaviour
(limits, faults, log, reset) is tested in test_simulator_behaviour.py.
"""

import pytest

from tests.contract import (
    ContractError,
    validate_component,
    validate_http,
    validate_request,
    validate_response,
)
from tests.simulator import Fault
from tests.simulator_http import call

STATUS_URL = (
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
)
STORE = "store_information.v2"
TAX = "tax_classes.v2"
BRANDS = "brands_catalog.v3"
ORDERS_V2 = "orders.v2.oas2"

TAX_CLASSES = [
    {
        "id": str(number),
        "name": name,
        "created_at": "2024-02-01T09:30:00+00:00",
        "updated_at": "2025-06-12T14:05:10+00:00",
    }
    for number, name in enumerate(
        ("Non-Taxable Products", "Shipping", "Gift Wrapping", "Reduced Rate"), 1
    )
]


def _brand(brand_id, name):
    """A stored brand shaped like the getBrands example."""
    return {
        "id": brand_id,
        "name": name,
        "page_title": "",
        "meta_keywords": [""],
        "meta_description": "",
        "image_url": "",
        "search_keywords": "",
        "custom_url": {"url": f"/brands/{name}.html", "is_customized": False},
    }


BRAND_ROWS = [_brand(35, "Sagaform"), _brand(36, "OFS"), _brand(37, "Chemex")]


def assert_v2_error(response, status):
    """Assert the v2 error shape: ``[{"status": s, "message": "..."}]``."""
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/json"
    [entry] = response.json()
    assert entry["status"] == status
    assert isinstance(entry["message"], str) and entry["message"]
    return entry


def assert_v3_error(response, status):
    """Assert the v3 error shape: ``{status, title, type, errors}``."""
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert body["type"] == STATUS_URL
    assert isinstance(body["errors"], dict)
    return body


# === STORE INFORMATION === #


def test_store_information_matches_spec(sim):
    response = call(sim, "GET", "v2/store")
    validate_request(STORE, "GET", response.url, None)
    validate_http(STORE, response)
    body = response.json()
    assert (body["id"], body["name"]) == ("sim123", "Simulated Store")
    assert (body["weight_units"], body["dimension_units"]) == ("LBS", "Inches")
    assert (body["currency"], body["plan_name"]) == ("USD", "Standard")


def test_time_matches_spec(sim):
    sim.now = 1767225600
    response = call(sim, "GET", "v2/time")
    validate_http(STORE, response)
    assert response.json() == {"time": 1767225600}


# === V2 COLLECTIONS === #


def test_tax_class_pages_match_spec(sim):
    sim.seed("v2/tax_classes", TAX_CLASSES)
    first = call(sim, "GET", "v2/tax_classes", params={"page": 1, "limit": 3})
    validate_request(TAX, "GET", first.url, None)
    validate_http(TAX, first)
    last = call(sim, "GET", "v2/tax_classes", params={"page": 2, "limit": 3})
    validate_http(TAX, last)
    assert [c["id"] for c in first.json() + last.json()] == ["1", "2", "3", "4"]
    one = call(sim, "GET", "v2/tax_classes/2")
    validate_http(TAX, one)
    assert one.json()["name"] == "Shipping"


def test_empty_v2_page_is_a_204_as_orders_v2_declares(sim):
    sim.seed("v2/orders/7/shipments", [])
    response = call(sim, "GET", "v2/orders/7/shipments")
    validate_http(ORDERS_V2, response)
    assert response.status_code == 204 and response.content == b""


def test_tax_classes_end_with_an_empty_204(sim):
    sim.seed("v2/tax_classes", TAX_CLASSES)
    response = call(sim, "GET", "v2/tax_classes", params={"page": 2})
    # tax_classes.v2.yml declares only 200; 204 is BigCommerce's v2 end of
    # data (FACTS.md §3), so the spec must reject it and the shape is ours.
    with pytest.raises(ContractError, match="204"):
        validate_http(TAX, response)
    assert response.status_code == 204
    assert response.content == b"" and "Content-Type" not in response.headers


# === V3 BRANDS === #


def test_brand_pages_match_spec(sim):
    sim.seed("v3/catalog/brands", BRAND_ROWS)
    first = call(sim, "GET", "v3/catalog/brands", params={"limit": 2})
    validate_request(BRANDS, "GET", first.url, None)
    validate_http(BRANDS, first)
    second = call(sim, "GET", "v3/catalog/brands", params={"page": 2, "limit": 2})
    validate_http(BRANDS, second)
    pagination = second.json()["meta"]["pagination"]
    assert pagination == {
        "total": 3,
        "count": 1,
        "per_page": 2,
        "current_page": 2,
        "total_pages": 2,
        "links": {"previous": "?page=1&limit=2", "current": "?page=2&limit=2"},
    }
    assert first.json()["meta"]["pagination"]["links"]["next"] == "?page=2&limit=2"


def test_one_brand_and_a_missing_one_match_spec(sim):
    sim.seed("v3/catalog/brands", BRAND_ROWS)
    found = call(sim, "GET", "v3/catalog/brands/36")
    validate_http(BRANDS, found)
    assert found.json() == {"data": BRAND_ROWS[1], "meta": {}}
    missing = call(sim, "GET", "v3/catalog/brands/99")
    validate_http(BRANDS, missing)
    assert_v3_error(missing, 404)


def test_create_brand_request_and_response_match_spec(sim):
    body = {"name": "Common Good", "meta_keywords": ["modern", "clean"]}
    response = call(sim, "POST", "v3/catalog/brands", json=body)
    validate_request(BRANDS, "POST", response.url, body)
    validate_http(BRANDS, response)
    # createBrand declares 200, not 201.
    assert response.status_code == 200
    brand = response.json()["data"]
    assert brand["custom_url"] == {
        "url": "/brands/Common-Good.html",
        "is_customized": False,
    }
    assert sim.collection("v3/catalog/brands") == [brand]


def test_brand_without_name_gets_a_422_as_spec(sim):
    body = {"page_title": "No name"}
    response = call(sim, "POST", "v3/catalog/brands", json=body)
    with pytest.raises(ContractError, match="'name' is a required property"):
        validate_request(BRANDS, "POST", response.url, body)
    validate_http(BRANDS, response)
    assert "name" in assert_v3_error(response, 422)["errors"]


def test_duplicate_brand_gets_a_409_as_spec(sim):
    sim.seed("v3/catalog/brands", BRAND_ROWS)
    response = call(sim, "POST", "v3/catalog/brands", json={"name": "OFS"})
    validate_http(BRANDS, response)
    assert_v3_error(response, 409)
    assert len(sim.collection("v3/catalog/brands")) == 3


def test_malformed_json_gets_a_400_input_is_invalid(sim):
    response = call(
        sim,
        "POST",
        "v3/catalog/brands",
        data=b'{"name": "Acme"',
        headers={"Content-Type": "application/json"},
    )
    # createBrand declares no 400; the same spec's createBrandMetafield
    # declares the platform's answer to an unparsable body.
    template = "/catalog/brands/{brand_id}/metafields"
    validate_response(BRANDS, "POST", template, 400, response.json())
    assert assert_v3_error(response, 400)["detail"] == "Syntax error"
    assert sim.collection("v3/catalog/brands") == []


# === GATEWAY ERRORS === #


def test_wrong_token_gets_a_401_as_spec(sim):
    # brands_catalog.v3.yml declares its 401 as "plain/text" (sic) string, so
    # the JSON answer is checked where a spec declares a JSON 401 (webhooks);
    # the gateway answers every v3 path alike.
    hooks = call(sim, "GET", "v3/hooks", token="wrong")
    validate_http("webhooks.v3", hooks)
    brands = call(sim, "GET", "v3/catalog/brands", token="")
    assert assert_v3_error(brands, 401) == hooks.json()
    with pytest.raises(ContractError, match="plain/text"):
        validate_http(BRANDS, brands)
    # No v2 spec declares 401: our v2 error array.
    assert_v2_error(call(sim, "GET", "v2/store", token="wrong"), 401)


def test_missing_scope_gets_a_403_as_spec(sim):
    sim.scopes = {"store_v2_products_read_only"}
    assert call(sim, "GET", "v3/catalog/brands").status_code == 200
    response = call(sim, "POST", "v3/catalog/brands", json={"name": "Acme"})
    validate_http(BRANDS, response)
    body = assert_v3_error(response, 403)
    assert body["title"] == "You don't have a required scope to access the endpoint"
    sim.scopes = set()
    validate_http(BRANDS, call(sim, "GET", "v3/catalog/brands"))
    # No v2 spec declares 403: our v2 error array.
    assert_v2_error(call(sim, "GET", "v2/tax_classes"), 403)


def test_unknown_paths_get_a_404_as_spec(sim):
    consignments = call(sim, "GET", "v2/orders/5/consignments")
    validate_http(ORDERS_V2, consignments)
    assert assert_v2_error(consignments, 404)["message"] == (
        "The requested resource was not found."
    )
    # Unknown v3 paths and store hashes are declared nowhere: our shapes.
    assert_v3_error(call(sim, "GET", "v3/catalog/nothing"), 404)
    assert_v2_error(call(sim, "GET", "v2/store", store="other"), 404)


def test_limit_past_250_gets_a_413(sim):
    response = call(sim, "GET", "v3/catalog/brands", params={"limit": 251})
    # getBrands declares no 413; products' batch PUT declares the platform's
    # 413 body (error_Base).
    validate_response(
        "products_catalog.v3", "PUT", "/catalog/products", 413, response.json()
    )
    assert_v3_error(response, 413)
    # No v2 spec declares 413: the array of FACTS.md §3 with max_limit.
    entry = assert_v2_error(call(sim, "GET", "v2/tax_classes?limit=251"), 413)
    assert entry["details"] == {"max_limit": 250}


def test_quota_exceeded_gets_a_429_as_spec(sim):
    sim.set_rate_limit(quota=1, window_ms=5000)
    call(sim, "GET", "v3/catalog/brands")
    response = call(sim, "GET", "v3/catalog/brands")
    # Only customers' validate-credentials declares a 429 body (ErrorResponse).
    template = "/customers/validate-credentials"
    validate_response("customers.v3", "POST", template, 429, response.json())
    assert_v3_error(response, 429)
    assert int(response.headers["X-Retry-After"]) >= 1


@pytest.mark.parametrize("fault", [Fault.BAD_GATEWAY, Fault.UNAVAILABLE])
def test_injected_gateway_faults_match_orders_v3(sim, fault):
    sim.fail_next(fault)
    response = call(sim, "POST", "v3/orders/100/payment_actions/capture")
    validate_http("orders.v3", response)
    assert_v3_error(response, int(fault.value))


def test_injected_500_matches_product_variants(sim):
    sim.fail_next(Fault.SERVER_ERROR)
    response = call(sim, "POST", "v3/catalog/products/1/variants/2/image")
    validate_http("product-variants_catalog.v3", response)
    assert_v3_error(response, 500)
    # No v2 spec declares any 5xx: our v2 error array.
    sim.fail_next(Fault.SERVER_ERROR)
    assert_v2_error(call(sim, "GET", "v2/store"), 500)


# === KNOWN SPEC DEFECTS (FACTS.md §14) === #

LINE_ITEM = {"id": 25, "order_id": 120, "product_id": 20, "name": "Terrarium"}


@pytest.mark.parametrize(
    ("spec", "schema", "instance"),
    [
        (ORDERS_V2, "order_RespOnly", {"consignments": {"url": "u", "resource": "r"}}),
        (ORDERS_V2, "shippingConsignment_Get", {"line_items": [LINE_ITEM]}),
        (ORDERS_V2, "digitalConsignment_Get", {"line_items": [LINE_ITEM]}),
        ("products_catalog.v3", "product_Full", {"id": 1, "base_variant_id": None}),
        ("orders.v3", "RefundItem", {"item_type": "PRODUCT", "requested_amount": None}),
    ],
)
def test_known_spec_defects_are_patched(spec, schema, instance):
    # Each instance fails the unpatched spec (oneOf matching twice, null).
    validate_component(spec, schema, instance)


def test_nothing_else_is_patched():
    with pytest.raises(ContractError, match="not of type 'integer'"):
        validate_component("products_catalog.v3", "product_Full", {"id": None})
