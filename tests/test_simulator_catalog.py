"""The simulated catalog's behaviour: seeding, filters, paging, batches, images.

Real HTTP to a real simulator; no Odoo and no spec files. Shapes against
the official specs are checked in test_simulator_catalog_contract.py.
"""

import pytest

from tests.simulator_http import JAN_1, call

PRODUCTS = "v3/catalog/products"
VARIANTS = "v3/catalog/variants"
SHIRT_OPTIONS = [
    {"display_name": "Size", "values": ["S", "M", "L"]},
    {"display_name": "Color", "values": ["Red", "Blue"]},
]


def data(response):
    """Return the ``data`` of a successful v3 answer."""
    assert response.status_code == 200, response.text
    return response.json()["data"]


# === SEEDING === #


def test_options_without_variants_give_one_variant_per_combination(sim):
    product = sim.add_product("T-Shirt", sku="TS", options=SHIRT_OPTIONS)
    skus = [v["sku"] for v in product["variants"]]
    assert skus[:2] == ["TS-S-Red", "TS-S-Blue"] and len(skus) == 6
    size, color = product["options"]
    first = product["variants"][0]["option_values"]
    assert first == [
        {
            "id": size["option_values"][0]["id"],
            "label": "S",
            "option_id": size["id"],
            "option_display_name": "Size",
        },
        {
            "id": color["option_values"][0]["id"],
            "label": "Red",
            "option_id": color["id"],
            "option_display_name": "Color",
        },
    ]
    assert product["base_variant_id"] is None


def test_variants_inherit_null_prices_from_their_product(sim):
    variants = [
        {"sku": "TS-S", "options": {"Size": "S"}},
        {"sku": "TS-L", "options": {"Size": "L"}, "price": 14.0, "weight": 2.0},
    ]
    product = sim.add_product("T-Shirt", variants=variants, price=12.0, weight=1.0)
    small, large = product["variants"]
    [size] = product["options"]
    assert [value["label"] for value in size["option_values"]] == ["S", "L"]
    assert (small["price"], small["calculated_price"]) == (None, 12.0)
    assert (large["calculated_price"], large["calculated_weight"]) == (14.0, 2.0)


def test_a_simple_product_has_one_base_variant_mirroring_it(sim):
    mug = sim.add_product("Mug", sku="MUG", price=5.5, inventory_level=4)
    [base] = mug["variants"]
    assert mug["base_variant_id"] == base["id"]
    assert (base["sku"], base["price"], base["inventory_level"]) == ("MUG", 5.5, 4)
    assert base["sku_id"] is None and base["option_values"] == []


def test_variant_tracked_stock_is_the_sum_of_its_variants(sim):
    variants = [
        {"sku": "TS-S", "options": {"Size": "S"}, "inventory_level": 3},
        {"sku": "TS-M", "options": {"Size": "M"}, "inventory_level": 4},
    ]
    product = sim.add_product("Tee", variants=variants, inventory_tracking="variant")
    assert product["inventory_level"] == 7
    product["variants"][0]["inventory_level"] = 10
    body = data(call(sim, "GET", f"{PRODUCTS}/{product['id']}"))
    assert body["inventory_level"] == 14


def test_seeding_allows_what_the_api_refuses_but_not_unknown_values(sim):
    sim.add_product("Mug", sku="SAME")
    sim.add_product("Cup", sku="SAME")
    tee = sim.add_product(
        "Tee",
        options=SHIRT_OPTIONS[:1],
        variants=[{"sku": "", "options": {"Size": "S"}}],
    )
    assert tee["variants"][0]["sku"] == ""
    with pytest.raises(ValueError, match="XL"):
        sim.add_variant(tee["id"], options={"Size": "XL"})
    with pytest.raises(ValueError, match="Size"):
        sim.add_variant(tee["id"], options={"Colour": "Red"})


def test_add_variant_extends_a_product_and_moves_its_date(sim):
    sim.now = JAN_1
    only_small = [{"sku": "TS-S", "options": {"Size": "S"}}]
    tee = sim.add_product(
        "Tee", sku="TS", options=SHIRT_OPTIONS[:1], variants=only_small
    )
    sim.now = JAN_1 + 60
    variant = sim.add_variant(tee["id"], options={"Size": "M"}, price=13.0)
    assert (variant["sku"], variant["calculated_price"]) == ("TS-M", 13.0)
    assert variant["option_values"][0]["label"] == "M"
    assert sim.product(tee["id"])["date_modified"] == "2026-01-01T00:01:00+00:00"
    listed = data(call(sim, "GET", f"{PRODUCTS}/{tee['id']}/variants"))
    assert [v["sku"] for v in listed] == ["TS-S", "TS-M"]
    with pytest.raises(ValueError, match="no options"):
        sim.add_variant(sim.add_product("Mug")["id"], options={})


def test_add_brand_and_category_show_in_their_lists(sim):
    brand = sim.add_brand("Acme")
    top = sim.add_category("Clothes")
    sim.add_category("Shirts", parent_id=top["category_id"])
    assert data(call(sim, "GET", "v3/catalog/brands")) == [brand]
    listed = data(call(sim, "GET", "v3/catalog/trees/categories"))
    assert [(c["name"], c["parent_id"]) for c in listed] == [
        ("Clothes", 0),
        ("Shirts", top["category_id"]),
    ]
    with pytest.raises(ValueError):
        sim.add_category("Orphan", parent_id=999)


# === LISTING === #


def test_include_options_caps_pages_at_ten(sim):
    for number in range(25):
        sim.add_product(f"Product {number}")
    with_options = call(
        sim, "GET", PRODUCTS, params={"include": "options", "limit": 50}
    )
    pagination = with_options.json()["meta"]["pagination"]
    assert (pagination["per_page"], pagination["total_pages"]) == (10, 3)
    assert len(with_options.json()["data"]) == 10
    plain = call(sim, "GET", PRODUCTS, params={"include": "variants", "limit": 50})
    assert len(data(plain)) == 25


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-02T00:00:00Z", ["Feb"]),
        ("2026-01-01T12:00:00+00:00", ["Jan", "Feb"]),
        ("Thu, 01 Jan 2026 12:00:00 +0000", ["Jan", "Feb"]),
        # A bare date gets the request's time (13:00 here) appended.
        ("2026-01-01", ["Feb"]),
    ],
)
def test_date_modified_min_filters_products(sim, value, expected):
    sim.add_product("Old", date_modified="2025-12-31T23:00:00+00:00")
    sim.add_product("Jan", date_modified="2026-01-01T12:30:00+00:00")
    sim.add_product("Feb", date_modified="2026-02-01T00:00:00+00:00")
    sim.now = JAN_1 + 13 * 3600
    response = call(sim, "GET", PRODUCTS, params={"date_modified:min": value})
    assert [p["name"] for p in data(response)] == expected


def test_an_unreadable_date_filter_is_a_422(sim):
    response = call(sim, "GET", PRODUCTS, params={"date_modified:min": "yesterday"})
    assert response.status_code == 422
    assert "date_modified:min" in response.json()["errors"]


def test_id_sku_visibility_filters_and_sorting(sim):
    mug = sim.add_product("Mug", sku="MUG")
    cup = sim.add_product("Cup", sku="CUP", is_visible=False)
    bowl = sim.add_product("Bowl", sku="BOWL")
    ids = f"{mug['id']},{cup['id']}"
    assert [
        p["name"] for p in data(call(sim, "GET", PRODUCTS, params={"id:in": ids}))
    ] == ["Mug", "Cup"]
    assert [
        p["id"] for p in data(call(sim, "GET", PRODUCTS, params={"sku": "BOWL"}))
    ] == [bowl["id"]]
    hidden = call(sim, "GET", PRODUCTS, params={"is_visible": "false"})
    assert [p["name"] for p in data(hidden)] == ["Cup"]
    by_name = call(sim, "GET", PRODUCTS, params={"sort": "name", "direction": "desc"})
    assert [p["name"] for p in data(by_name)] == ["Mug", "Cup", "Bowl"]


def test_variants_list_filters_by_product_and_sku(sim):
    tee = sim.add_product("T-Shirt", sku="TS", options=SHIRT_OPTIONS[:1])
    sim.add_product("Mug", sku="MUG")
    by_product = call(sim, "GET", VARIANTS, params={"product_id:in": tee["id"]})
    assert [v["sku"] for v in data(by_product)] == ["TS-S", "TS-M", "TS-L"]
    by_sku = call(sim, "GET", VARIANTS, params={"sku": "MUG"})
    assert [v["option_values"] for v in data(by_sku)] == [[]]
