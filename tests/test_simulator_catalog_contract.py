"""Every kind of catalog answer of the simulator, checked against the official specs.

Real HTTP to a real simulator; no Odoo. Each answer is validated against
its operation (strictly: an undeclared status fails). Where an operation
declares only an example and no schema (``createProduct`` 200,
``getProduct`` 200, ``updateVariantsBatch`` 413), the body is also checked
against the spec's own component. Where the spec has a defect beyond
FACTS.md §14, a test pins it (``pytest.raises``) and says why the answer
keeps BigCommerce's shape; contract.py patches nothing more.
"""

import pytest

from tests.contract import (
    ContractError,
    spec_for,
    validate_component,
    validate_http,
    validate_logged_requests,
    validate_request,
)
from tests.simulator_http import call

PRODUCTS = "products_catalog.v3"
VARIANTS = "product-variants_catalog.v3"
OPTIONS = "product-variant-options_catalog.v3"
TREES = "category-trees_catalog.v3"
SIZES = [{"display_name": "Size", "values": ["S", "M"]}]
# Every inheritable field set, so that the x-nullable defect stays out of the way.
EXPLICIT = {
    "price": 12.5,
    "sale_price": 0.0,
    "retail_price": 15.0,
    "weight": 0.5,
    "width": 10.0,
    "height": 1.0,
    "depth": 20.0,
}


def shirt(sim, **fields):
    """Seed a shirt in two sizes with explicit variant prices and an image."""
    variants = [
        {"sku": f"TS-{size}", "options": {"Size": size}, **EXPLICIT}
        for size in ("S", "M")
    ]
    return sim.add_product(
        "T-Shirt", options=SIZES, variants=variants, images=["shirt.png"], **fields
    )


def check_variants(variants):
    """Check each variant against product-variants' ``productVariant_Full``."""
    assert variants
    for variant in variants:
        validate_component(VARIANTS, "productVariant_Full", variant)


# === PRODUCTS: READ === #


def test_product_pages_with_variants_and_images_match_spec(sim):
    category = sim.add_category("Shirts")
    brand = sim.add_brand("Acme")
    shirt(sim, categories=[category["category_id"]], brand_id=brand["id"])
    sim.add_product("Mug", price=5.5)
    include = "variants,images,primary_image"
    response = call(sim, "GET", "v3/catalog/products", params={"include": include})
    validate_request(PRODUCTS, "GET", response.url, None)
    validate_http(PRODUCTS, response)
    shirt_body, mug = response.json()["data"]
    # product_Full declares no ``variants``: check them on their own.
    check_variants(shirt_body["variants"] + mug["variants"])
    for image in shirt_body["images"]:
        validate_component(PRODUCTS, "productImage_Full", image)
    assert shirt_body["primary_image"] == shirt_body["images"][0]
    assert shirt_body["base_variant_id"] is None
    assert mug["base_variant_id"] == mug["variants"][0]["id"]


def test_product_with_options_modifiers_and_empty_includes_match_spec(sim):
    shirt(sim)
    include = "options,modifiers,custom_fields,bulk_pricing_rules,videos"
    response = call(sim, "GET", "v3/catalog/products", params={"include": include})
    validate_http(PRODUCTS, response)
    [product] = response.json()["data"]
    assert [o["display_name"] for o in product["options"]] == ["Size"]
    assert product["modifiers"] == product["videos"] == []


def test_one_product_and_a_missing_one_match_spec(sim):
    product = shirt(sim)
    path = f"v3/catalog/products/{product['id']}"
    found = call(sim, "GET", path, params={"include": "variants,images"})
    validate_request(PRODUCTS, "GET", found.url, None)
    validate_http(PRODUCTS, found)
    # getProduct's 200 is an example without a schema.
    validate_component(PRODUCTS, "product_Full", found.json()["data"])
    check_variants(found.json()["data"]["variants"])
    missing = call(sim, "GET", "v3/catalog/products/9999")
    validate_http(PRODUCTS, missing)
    assert missing.status_code == 404


def test_base_variant_sku_id_is_null_as_product_variants_says(sim):
    mug = sim.add_product("Mug")
    response = call(sim, "GET", f"v3/catalog/products/{mug['id']}/variants")
    validate_http(VARIANTS, response)
    [base] = response.json()["data"]
    assert base["sku_id"] is None and base["option_values"] == []
    # Spec defect (patched, contract.py #7): products_catalog's copy of
    # productVariant_Full types sku_id as a non-null integer; product-variants'
    # own says "Null if it is a base variant" and is nullable.
    validate_component(PRODUCTS, "productVariant_Full", base)


def test_product_variants_options_and_images_pages_match_spec(sim):
    product = shirt(sim)
    base = f"v3/catalog/products/{product['id']}"
    variants = call(sim, "GET", f"{base}/variants", params={"limit": 1})
    validate_request(VARIANTS, "GET", variants.url, None)
    validate_http(VARIANTS, variants)
    assert variants.json()["meta"]["pagination"]["total_pages"] == 2
    options = call(sim, "GET", f"{base}/options")
    validate_request(OPTIONS, "GET", options.url, None)
    validate_http(OPTIONS, options)
    images = call(sim, "GET", f"{base}/images")
    validate_http(PRODUCTS, images)
    for path in ("variants", "options", "images"):
        missing = call(sim, "GET", f"v3/catalog/products/9999/{path}")
        assert missing.status_code == 404
    validate_http(VARIANTS, call(sim, "GET", "v3/catalog/products/9999/variants"))


# === PRODUCTS: WRITE === #

NEW_PRODUCT = {
    "name": "Hoodie",
    "type": "physical",
    "sku": "HD",
    "weight": 1.2,
    "price": 30.0,
    "categories": [],
    "is_visible": True,
}


def test_create_product_request_and_response_match_spec(sim):
    response = call(sim, "POST", "v3/catalog/products", json=NEW_PRODUCT)
    validate_request(PRODUCTS, "POST", response.url, NEW_PRODUCT)
    validate_http(PRODUCTS, response)
    # createProduct declares 200 (not 201) with an example and no schema.
    assert response.status_code == 200
    body = response.json()
    assert body["meta"] == {}
    validate_component(PRODUCTS, "product_Full", body["data"])
    check_variants(body["data"]["variants"])
    assert body["data"]["variants"][0]["sku"] == "HD"


def test_create_product_with_variants_answers_as_spec(sim):
    sizes = [("HD-S", "S", 30.0), ("HD-M", "M", 32.0)]
    variants = [
        {
            "sku": sku,
            "price": price,
            "option_values": [{"option_display_name": "Size", "label": label}],
        }
        for sku, label, price in sizes
    ]
    body = {**NEW_PRODUCT, "variants": variants}
    response = call(sim, "POST", "v3/catalog/products", json=body)
    validate_http(PRODUCTS, response)
    check_variants(response.json()["data"]["variants"])
    # Spec defect (patched, contract.py #6): product_Base_POST.variants items
    # are productVariant_Full, which requires ``id`` and ``product_id`` that a
    # new product's variants cannot have; BigCommerce's own example sends neither.
    validate_request(PRODUCTS, "POST", response.url, body)


def test_product_without_required_fields_gets_a_422_as_spec(sim):
    body = {"type": "physical", "price": -1}
    response = call(sim, "POST", "v3/catalog/products", json=body)
    with pytest.raises(ContractError, match="'name' is a required property"):
        validate_request(PRODUCTS, "POST", response.url, body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"name", "weight", "price"}


@pytest.mark.parametrize(
    ("field", "value", "title"),
    [
        ("name", "T-Shirt", "The product name is a duplicate"),
        ("sku", "TS-M", "The product sku is a duplicate"),
    ],
)
def test_duplicate_name_or_sku_gets_a_409_as_spec(sim, field, value, title):
    shirt(sim)
    body = {**NEW_PRODUCT, field: value}
    response = call(sim, "POST", "v3/catalog/products", json=body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 409
    assert response.json()["title"] == title and field in response.json()["errors"]


def test_update_product_request_and_response_match_spec(sim):
    product = shirt(sim)
    body = {"price": 14.0, "sale_price": 11.0, "inventory_level": 3}
    path = f"v3/catalog/products/{product['id']}"
    response = call(sim, "PUT", path, json=body)
    validate_request(PRODUCTS, "PUT", response.url, body)
    validate_http(PRODUCTS, response)
    assert response.json()["data"]["calculated_price"] == 11.0


def test_product_update_errors_match_spec(sim):
    shirt(sim)
    mug = sim.add_product("Mug")
    path = f"v3/catalog/products/{mug['id']}"
    conflict = call(sim, "PUT", path, json={"name": "t-shirt"})
    validate_http(PRODUCTS, conflict)
    assert conflict.status_code == 409
    invalid = call(sim, "PUT", path, json={"price": "cheap"})
    validate_http(PRODUCTS, invalid)
    assert invalid.json()["errors"] == {
        "price": "The field 'price' must be a number >= 0."
    }
    missing = call(sim, "PUT", "v3/catalog/products/9999", json={"price": 1.0})
    validate_http(PRODUCTS, missing)
    assert missing.status_code == 404


def test_deletes_answer_204_as_spec(sim):
    first, second = sim.add_product("Mug"), sim.add_product("Cup")
    one = call(sim, "DELETE", f"v3/catalog/products/{first['id']}")
    validate_http(PRODUCTS, one)
    many = call(sim, "DELETE", "v3/catalog/products", params={"id:in": second["id"]})
    validate_request(PRODUCTS, "DELETE", many.url, None)
    validate_http(PRODUCTS, many)
    assert (one.status_code, many.status_code, sim.products) == (204, 204, [])


# === VARIANTS BATCH === #


def _variant_ids(sim):
    """Seed a shirt; return its two variant ids."""
    return [variant["id"] for variant in shirt(sim)["variants"]]


def test_all_variants_page_matches_spec(sim):
    shirt(sim)
    response = call(sim, "GET", "v3/catalog/variants", params={"sku": "TS-M"})
    validate_request(VARIANTS, "GET", response.url, None)
    validate_http(VARIANTS, response)
    assert [v["sku"] for v in response.json()["data"]] == ["TS-M"]


def test_inherited_variant_prices_match_get_variants(sim):
    sim.add_product("T-Shirt", options=SIZES)
    response = call(sim, "GET", "v3/catalog/variants")
    variant = response.json()["data"][0]
    assert variant["price"] is None and variant["calculated_price"] == 10.0
    # Spec defect: getVariants and updateVariantsBatch describe their
    # variants inline with Swagger 2's ``x-nullable``, which OpenAPI 3
    # ignores, so the null a variant without its own price carries (the
    # spec's own description: "If ... this value is null, the product's
    # default price ... will be used") fails; the same file's
    # productVariant_Full says ``nullable: true`` (patched, contract.py #5).
    validate_http(VARIANTS, response)
    validate_component(VARIANTS, "productVariant_Full", variant)


def test_variants_batch_request_and_200_match_spec(sim):
    first, second = _variant_ids(sim)
    body = [
        {"id": first, "price": 11.0, "sale_price": 9.5, "inventory_level": 7},
        {"id": second, "retail_price": 18.0, "sku": "TS-M2"},
    ]
    response = call(sim, "PUT", "v3/catalog/variants", json=body)
    validate_request(VARIANTS, "PUT", response.url, body)
    validate_http(VARIANTS, response)
    assert response.status_code == 200 and response.json()["meta"] == {}
    updated = response.json()["data"]
    assert [v["calculated_price"] for v in updated] == [9.5, 12.5]


def test_partial_variants_batch_gets_a_207(sim):
    first, _second = _variant_ids(sim)
    body = [{"id": first, "price": 11.0}, {"id": 9999, "price": 3.0}]
    response = call(sim, "PUT", "v3/catalog/variants", json=body)
    assert response.status_code == 207
    # updateVariantsBatch declares no 207; the body is the catalog's batch
    # partial-success shape (data, errors, meta with total/success/failed).
    with pytest.raises(ContractError, match="207"):
        validate_http(VARIANTS, response)
    result = response.json()
    check_variants(result["data"])
    for error in result["errors"]:
        validate_component(VARIANTS, "Error", error)
    validate_component(VARIANTS, "WriteCollectionPartialSuccessMeta", result["meta"])
    assert result["meta"] == {"total": 2, "success": 1, "failed": 1}
    assert result["errors"][0]["status"] == 404


def test_failing_variants_batch_gets_a_422_as_spec(sim):
    first, _second = _variant_ids(sim)
    body = [{"id": first, "price": -1}, {"id": 9999, "price": 3.0}]
    response = call(sim, "PUT", "v3/catalog/variants", json=body)
    with pytest.raises(ContractError, match="minimum"):
        validate_request(VARIANTS, "PUT", response.url, body)
    validate_http(VARIANTS, response)
    assert response.status_code == 422
    errors = response.json()["batch_errors"]
    assert [(e["status"], list(e["errors"])) for e in errors] == [
        (422, ["price"]),
        (404, ["id"]),
    ]


def test_variants_batch_over_50_gets_a_413_as_spec(sim):
    first, _second = _variant_ids(sim)
    body = [{"id": first, "price": 11.0}] * 51
    response = call(sim, "PUT", "v3/catalog/variants", json=body)
    validate_http(VARIANTS, response)
    assert response.status_code == 413
    assert response.json()["title"].endswith("maximum items allowed in the array is 50")


def test_products_batch_request_and_200_match_spec(sim):
    mug, cup = sim.add_product("Mug"), sim.add_product("Cup")
    body = [
        {"id": mug["id"], "is_visible": False},
        {"id": cup["id"], "is_visible": True},
    ]
    response = call(sim, "PUT", "v3/catalog/products", json=body)
    validate_request(PRODUCTS, "PUT", response.url, body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 200
    assert [p["is_visible"] for p in response.json()["data"]] == [False, True]
    assert sim.product(mug["id"])["is_visible"] is False


def test_partial_products_batch_gets_the_spec_207(sim):
    mug = sim.add_product("Mug")
    body = [{"id": mug["id"], "is_visible": False}, {"id": 9999, "is_visible": False}]
    response = call(sim, "PUT", "v3/catalog/products", json=body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 207
    result = response.json()
    assert [p["id"] for p in result["data"]] == [mug["id"]]
    assert list(result["errors"]["errors"]) == ["9999"]


def test_failing_products_batch_gets_the_spec_422(sim):
    body = [{"id": 9999, "is_visible": False}]
    response = call(sim, "PUT", "v3/catalog/products", json=body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 422
    assert "9999" in response.json()["errors"]


def test_products_batch_over_10_gets_a_413_as_spec(sim):
    mug = sim.add_product("Mug")
    body = [{"id": mug["id"], "is_visible": True}] * 11
    response = call(sim, "PUT", "v3/catalog/products", json=body)
    validate_http(PRODUCTS, response)
    assert response.status_code == 413
    assert sim.count("PUT") == 1


# === CATEGORY TREES === #


def test_category_tree_pages_match_spec(sim):
    top = sim.add_category("Clothes", description="<p>All clothes</p>")
    sim.add_category("Shirts", top["category_id"])
    sim.add_category("Mugs")
    params = {"tree_id:in": "1", "parent_id:in": top["category_id"], "limit": 5}
    response = call(sim, "GET", "v3/catalog/trees/categories", params=params)
    validate_request(TREES, "GET", response.url, None)
    validate_http(TREES, response)
    [child] = response.json()["data"]
    assert (child["name"], child["url"]["path"]) == ("Shirts", "/clothes/shirts/")


def test_trees_match_spec(sim):
    response = call(sim, "GET", "v3/catalog/trees", params={"channel_id:in": "1"})
    validate_request(TREES, "GET", response.url, None)
    validate_http(TREES, response)
    assert response.json()["data"] == [{"id": 1, "name": "Default", "channels": [1]}]
    other = call(sim, "GET", "v3/catalog/trees", params={"channel_id:in": "2"})
    validate_http(TREES, other)
    assert other.json()["data"] == []


# === THE CLIENT'S REQUESTS === #


def test_logged_catalog_requests_map_to_their_specs(sim):
    product = shirt(sim)
    base = f"v3/catalog/products/{product['id']}"
    call(sim, "GET", "v3/catalog/products", params={"include": "variants,options"})
    for path in ("variants", "options", "images"):
        call(sim, "GET", f"{base}/{path}", params={"limit": 250})
    body = [{"id": product["variants"][0]["id"], "inventory_level": 3}]
    call(sim, "PUT", "v3/catalog/variants", json=body)
    call(sim, "GET", "v3/catalog/trees/categories", params={"parent_id:in": 0})
    validate_logged_requests(sim.requests)
    assert spec_for(f"{base}/options") == OPTIONS
    assert spec_for(f"{base}/variants/7/metafields") == VARIANTS
    assert spec_for(f"{base}/images") == PRODUCTS
