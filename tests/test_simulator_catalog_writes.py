"""The simulated catalog's writes: products, variant batches, options, images.

Real HTTP to a real simulator; no Odoo and no spec files. Shapes against
the official specs are checked in test_simulator_catalog_contract.py.
"""

import io

import pytest
import requests
from PIL import Image

from tests.simulator import Fault
from tests.simulator_http import JAN_1, call

PRODUCTS = "v3/catalog/products"
VARIANTS = "v3/catalog/variants"
SIZES = [{"display_name": "Size", "values": ["S", "M"]}]
HOODIE = {"name": "Hoodie", "type": "physical", "weight": 1.0, "price": 30.0}


def tee(sim):
    """Seed a two-size T-shirt dated 2026-01-01; return it."""
    sim.now = JAN_1
    return sim.add_product("T-Shirt", sku="TS", options=SIZES, price=10.0)


# === PRODUCTS === #


def test_post_creates_options_from_the_variants_option_values(sim):
    variants = [
        {
            "sku": f"HD-{size}-{color}",
            "price": 31.0 if size == "M" else None,
            "option_values": [
                {"option_display_name": "Size", "label": size},
                {"option_display_name": "Color", "label": color},
            ],
        }
        for size in ("S", "M")
        for color in ("Grey",)
    ]
    response = call(sim, "POST", PRODUCTS, json={**HOODIE, "variants": variants})
    created = response.json()["data"]
    stored = sim.product(created["id"])
    assert [o["display_name"] for o in stored["options"]] == ["Size", "Color"]
    assert [v["calculated_price"] for v in created["variants"]] == [30.0, 31.0]
    assert created["base_variant_id"] is None


def test_post_with_a_sku_taken_by_a_variant_creates_nothing(sim):
    tee(sim)
    variants = [
        {
            "sku": "TS-M",
            "option_values": [{"option_display_name": "Size", "label": "M"}],
        }
    ]
    response = call(sim, "POST", PRODUCTS, json={**HOODIE, "variants": variants})
    assert response.status_code == 409
    assert list(response.json()["errors"]) == ["variants.0.sku"]
    assert [p["name"] for p in sim.products] == ["T-Shirt"]


def test_post_with_an_unknown_brand_or_category_is_a_409(sim):
    brand = call(sim, "POST", PRODUCTS, json={**HOODIE, "brand_id": 77})
    category = call(sim, "POST", PRODUCTS, json={**HOODIE, "categories": [5]})
    assert (brand.status_code, category.status_code) == (409, 409)
    assert "brand_id" in brand.json()["errors"]
    assert sim.products == []


def test_put_updates_given_fields_and_date_modified(sim):
    product = tee(sim)
    sim.now = JAN_1 + 60
    path = f"{PRODUCTS}/{product['id']}"
    response = call(sim, "PUT", path, json={"price": 12.0, "id": 5})
    body = response.json()["data"]
    assert (body["id"], body["price"], body["name"]) == (product["id"], 12.0, "T-Shirt")
    assert body["date_modified"] == "2026-01-01T00:01:00+00:00"
    assert sim.product(product["id"])["variants"][0]["calculated_price"] == 12.0


# === VARIANT BATCHES === #


def test_more_than_50_variants_are_refused_and_nothing_changes(sim):
    product = tee(sim)
    small = product["variants"][0]["id"]
    response = call(sim, "PUT", VARIANTS, json=[{"id": small, "price": 1.0}] * 51)
    assert response.status_code == 413
    assert sim.product(product["id"])["variants"][0]["price"] is None
    ok = call(sim, "PUT", VARIANTS, json=[{"id": small, "price": 1.0}] * 50)
    assert ok.status_code == 200


def test_partial_batch_records_its_successes(sim):
    product = tee(sim)
    small, medium = (v["id"] for v in product["variants"])
    sim.now = JAN_1 + 3600
    body = [
        {"id": small, "price": 11.0, "inventory_level": 5},
        {"id": medium, "price": "eleven"},
        {"id": 9999, "price": 1.0},
    ]
    response = call(sim, "PUT", VARIANTS, json=body)
    assert response.status_code == 207
    result = response.json()
    assert [v["id"] for v in result["data"]] == [small]
    assert [e["status"] for e in result["errors"]] == [422, 404]
    stored = sim.product(product["id"])
    assert [v["price"] for v in stored["variants"]] == [11.0, None]
    assert stored["variants"][0]["inventory_level"] == 5
    assert stored["date_modified"] == "2026-01-01T01:00:00+00:00"


def test_a_batch_failing_everywhere_changes_nothing(sim):
    product = tee(sim)
    small = product["variants"][0]["id"]
    response = call(sim, "PUT", VARIANTS, json=[{"id": small, "price": -3}])
    assert response.status_code == 422
    assert sim.product(product["id"])["date_modified"] == "2026-01-01T00:00:00+00:00"


def test_a_variant_sku_taken_elsewhere_fails_that_item(sim):
    product = tee(sim)
    sim.add_product("Mug", sku="MUG")
    small, medium = (v["id"] for v in product["variants"])
    body = [{"id": small, "sku": "MUG"}, {"id": medium, "sku": "TS-MEDIUM"}]
    response = call(sim, "PUT", VARIANTS, json=body)
    assert response.status_code == 207
    assert response.json()["errors"][0]["status"] == 409
    assert [v["sku"] for v in sim.product(product["id"])["variants"]] == [
        "TS-S",
        "TS-MEDIUM",
    ]


def test_updating_a_base_variant_updates_its_product(sim):
    mug = sim.add_product("Mug", sku="MUG", price=5.0)
    body = [{"id": mug["base_variant_id"], "price": 6.0, "inventory_level": 9}]
    assert call(sim, "PUT", VARIANTS, json=body).status_code == 200
    product = call(sim, "GET", f"{PRODUCTS}/{mug['id']}").json()["data"]
    assert (product["price"], product["inventory_level"]) == (6.0, 9)


# === OPTIONS AND IMAGES === #


def test_deleting_an_option_strips_it_from_every_variant(sim):
    product = sim.add_product(
        "T-Shirt",
        options=[*SIZES, {"display_name": "Color", "values": ["Red"]}],
    )
    sim.delete_option(product["id"], "Size")
    variants = call(sim, "GET", f"{PRODUCTS}/{product['id']}/variants").json()["data"]
    assert [[v["label"] for v in var["option_values"]] for var in variants] == [
        ["Red"],
        ["Red"],
    ]
    options = call(sim, "GET", f"{PRODUCTS}/{product['id']}/options").json()["data"]
    assert [o["display_name"] for o in options] == ["Color"]
    with pytest.raises(KeyError):
        sim.delete_option(product["id"], "Size")


def test_image_urls_serve_a_png_outside_the_api(sim):
    product = sim.add_product("Mug", images=["mug.png"])
    image = sim.set_image(product["id"], "mug-side.jpg", description="Side")
    assert image["url_zoom"] == f"{sim.base_url}/images/zoom/mug-side.png"
    assert not image["is_thumbnail"]
    answer = requests.get(image["url_standard"], timeout=5)
    assert (answer.status_code, answer.headers["Content-Type"]) == (200, "image/png")
    assert Image.open(io.BytesIO(answer.content)).format == "PNG"
    assert sim.count() == 0
    assert (
        requests.get(f"{sim.base_url}/images/zoom/other.png", timeout=5).status_code
        == 404
    )


# === GATEWAY AND RESET === #


def test_catalog_calls_pass_the_gateway_like_any_other(sim):
    product = tee(sim)
    assert call(sim, "GET", PRODUCTS, token="wrong").status_code == 401
    sim.fail_next(Fault.SERVER_ERROR, path_contains="/catalog/variants")
    small = product["variants"][0]["id"]
    failed = call(sim, "PUT", VARIANTS, json=[{"id": small, "price": 2.0}])
    assert failed.status_code == 500
    assert sim.product(product["id"])["variants"][0]["price"] is None
    sim.scopes = {"store_v2_products_read_only"}
    assert call(sim, "PUT", VARIANTS, json=[{"id": small}]).status_code == 403
    assert sim.count(path_contains="/v3/catalog") == 3


def test_reset_clears_the_catalog(sim):
    sim.add_brand("Acme")
    sim.add_category("Clothes")
    first = sim.add_product("Mug", images=["mug.png"])
    sim.reset()
    assert (sim.products, sim.categories, sim.collection("v3/catalog/brands")) == (
        [],
        [],
        [],
    )
    assert call(sim, "GET", PRODUCTS).json()["data"] == []
    assert sim.add_product("Mug")["id"] == first["id"]


def test_faults_match_the_query_string_and_can_be_forgotten(sim):
    for number in range(3):
        sim.add_product(f"Product {number}")
    sim.fail_next(Fault.SERVER_ERROR, count=5, path_contains="page=2")
    assert call(sim, "GET", PRODUCTS, params={"limit": 1}).status_code == 200
    assert call(sim, "GET", PRODUCTS, params={"page": 2}).status_code == 500
    sim.reset_faults()
    assert call(sim, "GET", PRODUCTS, params={"page": 2}).status_code == 200
    sim.reset_log()
    assert sim.requests == [] and len(sim.products) == 3
