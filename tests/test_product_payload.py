"""BigCommerce catalog bodies read once at the edge (no ORM).

Bodies come from the simulator over HTTP, shaped as the catalog specs say;
each malformed field must raise an error that names it and its value.
"""

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.catalog import mapping
from odoo.addons.bigcommerce_connector.sync.catalog.payload import (
    modified_at,
    parse_batch_answer,
    parse_category_rows,
    parse_named,
    parse_product,
    parse_saved_product,
)
from odoo.addons.bigcommerce_connector.sync.core.values import PayloadError

from tests.simulator_http import get

SIZES = {"display_name": "Size", "values": ["S", "M", "L"]}


def download(sim, product_id):
    """The body of one product as the download asks for it."""
    answer = get(sim, f"v3/catalog/products/{product_id}", include="variants,images")
    answer.raise_for_status()
    return answer.json()["data"]


def seed_tee(sim, **fields):
    """A product with one variant of its own price and two that inherit it."""
    variants = [
        {"sku": "TEE-S", "options": {"Size": "S"}, "price": "12.3456", "weight": 3},
        {"sku": "TEE-M", "options": {"Size": "M"}},
        {"sku": "TEE-L", "options": {"Size": "L"}, "sale_price": 0},
    ]
    values = {
        "price": 20.5,
        "sale_price": 15.25,
        "weight": 2,
        "depth": 4,
        "categories": [7, 9],
        "brand_id": 3,
        "tax_class_id": 2,
        "search_keywords": "cotton, summer",
        "date_modified": "2026-03-01T10:30:00-05:00",
        "images": ["tee.png", {"url_path": "back.png", "is_thumbnail": True}],
    }
    values.update(fields)
    return sim.add_product("Tee", options=[SIZES], variants=variants, **values)


def test_simulator_body_reads_into_decimals_and_utc(sim):
    tee = seed_tee(sim)

    product = parse_product(download(sim, tee["id"]))

    assert product.id == tee["id"]
    assert (product.price, product.sale_price) == (Decimal("20.5"), Decimal("15.25"))
    assert product.categories == (7, 9)
    assert (product.brand_id, product.tax_class_id) == (3, 2)
    assert product.date_modified == datetime(2026, 3, 1, 15, 30)  # naive UTC
    assert [v.sku for v in product.variants] == ["TEE-S", "TEE-M", "TEE-L"]
    own, inherits, no_sale = product.variants
    assert own.price == Decimal("12.3456")
    assert own.weight == Decimal(3)
    assert inherits.price is None and inherits.sale_price is None
    assert inherits.weight is None and inherits.depth is None
    assert no_sale.sale_price == Decimal(0)  # 0 is a value, not "inherit"
    assert own.option_values[0].option_display_name == "Size"
    assert own.option_values[0].label == "S"
    assert [image.is_thumbnail for image in product.images] == [False, True]
    assert mapping.main_image(product).url_standard.endswith("/standard/back.png")


def test_inherited_values_are_the_products(sim):
    product = parse_product(download(sim, seed_tee(sim)["id"]))
    own, inherits, no_sale = product.variants

    assert mapping.effective_prices(product, own) == (12.3456, 15.25)
    assert mapping.effective_prices(product, inherits) == (20.5, 15.25)
    assert mapping.effective_prices(product, no_sale) == (20.5, 0.0)
    assert mapping.inherited(product, inherits, "depth") == Decimal(4)


def test_a_product_without_variants_included_has_none(sim):
    mug = sim.add_product("Mug", sku="MUG-1")
    body = get(sim, f"v3/catalog/products/{mug['id']}").json()["data"]

    product = parse_product(body)

    assert product.variants == () and product.images == ()


def tee_body(sim):
    return download(sim, seed_tee(sim)["id"])


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        (lambda b: b.update(price="12,50"), "price", "12,50"),
        (lambda b: b.update(sale_price="free"), "sale_price", "free"),
        (lambda b: b.update(weight=True), "weight", True),
        (
            lambda b: b["variants"][2].update(price="12,50"),
            "variants[2].price",
            "12,50",
        ),
        (lambda b: b["variants"][1].update(depth="4 in"), "variants[1].depth", "4 in"),
        (lambda b: b.update(date_modified="yesterday"), "date_modified", "yesterday"),
        (lambda b: b.update(variants={"id": 1}), "variants", {"id": 1}),
        (lambda b: b["variants"].append("TEE-XL"), "variants[3]", "TEE-XL"),
        (
            lambda b: b["variants"][0].update(option_values="S"),
            "variants[0].option_values",
            "S",
        ),
        (
            lambda b: b["variants"][0]["option_values"].append(None),
            "variants[0].option_values[1]",
            None,
        ),
        (lambda b: b.update(id="abc"), "id", "abc"),
        (lambda b: b.update(id=12.5), "id", 12.5),
        (lambda b: b.pop("id"), "id", None),
        (lambda b: b["variants"][1].update(id="x1"), "variants[1].id", "x1"),
        (lambda b: b.update(categories=[7, "shirts"]), "categories[1]", "shirts"),
        (lambda b: b.update(brand_id="acme"), "brand_id", "acme"),
        (lambda b: b.update(images="tee.png"), "images", "tee.png"),
    ],
)
def test_each_malformed_field_is_named_with_its_value(sim, change, field, value):
    body = tee_body(sim)
    change(body)

    with pytest.raises(PayloadError) as caught:
        parse_product(body)

    assert (caught.value.field, caught.value.value) == (field, value)
    assert caught.value.message.startswith(f"{field}: {value!r} is not ")


def test_a_body_that_is_no_object_is_refused():
    with pytest.raises(PayloadError, match="product: 'oops' is not an object"):
        parse_product("oops")


def test_a_refused_body_still_gives_its_date_for_the_cursor(sim):
    body = tee_body(sim)
    body["variants"][0]["price"] = "12,50"

    assert modified_at(body) == datetime(2026, 3, 1, 15, 30)
    assert modified_at("oops") is None


# BigCommerce's catalog money: JSON numbers with up to 4 decimals.
amounts = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False)
maybe = st.one_of(st.none(), amounts)


def number(amount):
    return None if amount is None else float(amount)


@settings(max_examples=40, deadline=None)
@given(amounts, amounts, st.lists(st.tuples(maybe, maybe), min_size=1, max_size=3))
def test_prices_are_exact_and_follow_bigcommerces_inheritance(
    simulator, price, sale, variant_prices
):
    """The variant's effective prices give the price BigCommerce computes."""
    simulator.reset()
    options = [{"display_name": "N", "values": [str(i) for i in range(3)]}]
    variants = [
        {
            "sku": f"V{i}",
            "options": {"N": str(i)},
            "price": number(own),
            "sale_price": number(off),
        }
        for i, (own, off) in enumerate(variant_prices)
    ]
    seeded = simulator.add_product(
        "P",
        options=options,
        variants=variants,
        price=number(price),
        sale_price=number(sale),
    )

    body = download(simulator, seeded["id"])
    product = parse_product(body)

    assert (product.price, product.sale_price) == (price, sale)  # exact Decimals
    for variant, (own, off) in zip(product.variants, variant_prices, strict=True):
        assert (variant.price, variant.sale_price) == (own, off)
    for variant, raw in zip(product.variants, body["variants"], strict=True):
        regular, offer = mapping.effective_prices(product, variant)
        assert (offer if offer > 0 else regular) == pytest.approx(
            raw["calculated_price"]
        )


@given(
    st.integers(min_value=0, max_value=2),
    st.text(alphabet="0123456789,", min_size=1).filter(lambda t: "," in t),
)
def test_a_comma_decimal_in_any_variant_names_that_variant(index, text):
    body = {"id": 1, "variants": [{"id": 10 + i, "price": 1} for i in range(3)]}
    body["variants"][index]["price"] = text

    with pytest.raises(PayloadError) as caught:
        parse_product(body)

    assert caught.value.field == f"variants[{index}].price"
    assert caught.value.value == text


# === OTHER CATALOG BODIES === #


def test_category_rows_read_their_ids(sim):
    apparel = sim.add_category("Apparel")
    sim.add_category("Shirts", parent_id=apparel["category_id"])
    body = get(sim, "v3/catalog/trees/categories").json()["data"]

    rows = parse_category_rows(body)

    assert [(r.name, r.parent_id) for r in rows] == [
        ("Apparel", 0),
        ("Shirts", apparel["category_id"]),
    ]


def test_a_category_row_with_a_bad_id_is_named():
    rows = [{"category_id": 1, "name": "A"}, {"category_id": "two", "name": "B"}]

    with pytest.raises(PayloadError, match=r"categories\[1\]\.category_id: 'two'"):
        parse_category_rows(rows)


def test_tax_class_ids_are_read_from_the_specs_strings():
    classes = parse_named([{"id": "1", "name": "Non-Taxable"}], "tax_classes")

    assert [(c.id, c.name) for c in classes] == [(1, "Non-Taxable")]
    with pytest.raises(PayloadError, match=r"tax_classes\[0\]\.id: 'one'"):
        parse_named([{"id": "one", "name": "Shipping"}], "tax_classes")


def test_the_answer_of_a_new_product_must_carry_its_id():
    with pytest.raises(PayloadError, match=r"data\.id: None is not an id"):
        parse_saved_product({"data": {"name": "Tee"}}, created=True)
    saved = parse_saved_product(
        {"data": {"id": 5, "variants": [{"id": 9, "sku": " A "}]}}, created=True
    )
    assert (saved.id, saved.variants[0].id, saved.variants[0].sku) == (5, 9, "A")


def test_a_batch_answer_gives_the_ids_taken_and_the_errors():
    answer = parse_batch_answer(
        {"data": [{"id": 3}, {"id": "4"}], "errors": [{"title": "SKU taken"}]}
    )
    assert answer.ids == {3, 4}
    assert answer.errors == ({"title": "SKU taken"},)
    with pytest.raises(PayloadError, match=r"data\[0\]\.id: 'x' is not an id"):
        parse_batch_answer({"data": [{"id": "x"}]})
    refused = parse_batch_answer({"batch_errors": [{"title": "no"}], "title": "t"})
    assert (refused.ids, refused.errors) == (frozenset(), ({"title": "no"},))


def test_a_product_without_is_visible_is_visible():
    assert parse_product({"id": 1}).is_visible


def test_inventory_tracking_absent_is_none_and_null_is_tracked():
    # Absent: BigCommerce's default ("none"); null: read as tracked, as before.
    assert parse_product({"id": 1}).inventory_tracking == "none"
    assert (
        parse_product({"id": 1, "inventory_tracking": None}).inventory_tracking
        != "none"
    )


@pytest.mark.parametrize(
    ("variant", "field"),
    [
        ({"id": 7, "sku": ["X"]}, "variants[1].sku"),
        ({"id": 7, "upc": {"a": 1}}, "variants[1].upc"),
        (
            {"id": 7, "option_values": [{"label": ["M"]}]},
            "variants[1].option_values[0].label",
        ),
    ],
)
def test_text_fields_of_a_variant_are_named_with_their_place(variant, field):
    body = {"id": 1, "variants": [{"id": 6, "sku": "A"}, variant]}
    with pytest.raises(PayloadError) as caught:
        parse_product(body)
    assert caught.value.field == field
