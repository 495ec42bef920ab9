"""Pure decisions of the product download (no ORM, no HTTP)."""

import itertools
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.catalog import mapping
from odoo.addons.bigcommerce_connector.sync.catalog.payload import (
    parse_product,
    parse_variant,
)
from odoo.addons.bigcommerce_connector.sync.core import units

UNITS = {"weight": "lb", "length": "in", "odoo_weight": "kg", "odoo_length": "mm"}


def product(product_id=1, variants=(), **fields):
    """A parsed product: the mapping functions never see a raw body."""
    return parse_product({"id": product_id, "variants": list(variants), **fields})


def variant(variant_id, sku, **options):
    return {
        "id": variant_id,
        "sku": sku,
        "option_values": [
            {"option_display_name": name, "label": label}
            for name, label in options.items()
        ],
    }


def test_variant_without_sku_is_skipped_with_its_reason():
    plan = mapping.plan_product(
        product(variants=[variant(1, "A", Size="S"), variant(2, " ", Size="M")])
    )
    assert [p.sku for p in plan.valid] == ["A"]
    assert plan.skipped[0].skip_reason == "variant has no SKU"


def test_variant_whose_option_was_deleted_is_skipped():
    plan = mapping.plan_product(
        product(
            variants=[
                variant(1, "A", Size="S", Color="Red"),
                variant(2, "B", Size="M"),
            ]
        )
    )
    assert plan.option_names == ["Size", "Color"]
    assert [p.sku for p in plan.valid] == ["A"]
    assert "Color" in plan.skipped[0].skip_reason


def test_variants_with_the_same_options_are_not_both_kept():
    plan = mapping.plan_product(
        product(variants=[variant(1, "A", Size="S"), variant(2, "B", Size="S")])
    )
    assert plan.valid == []
    assert [p.skip_reason for p in plan.skipped] == [
        "variant repeats the options of variant 2",
        "variant repeats the options of variant 1",
    ]


def test_product_without_options_is_one_variant():
    plan = mapping.plan_product(product(variants=[variant(7, "SOLO")]))
    assert plan.option_names == []
    assert [p.sku for p in plan.valid] == ["SOLO"]


def test_more_than_three_options_are_all_kept():
    options = {f"Option {i}": f"Value {i}" for i in range(6)}
    plan = mapping.plan_product(product(variants=[variant(1, "A", **options)]))
    assert len(plan.option_names) == 6


def test_a_shared_sku_belongs_to_its_lowest_unlinked_variant_id():
    plans = [
        mapping.plan_product(
            product(1, [variant(9, "DUP", Size="S"), variant(2, "X", Size="M")])
        ),
        mapping.plan_product(product(2, [variant(5, "DUP")])),
    ]
    assert mapping.sku_owners(plans, linked=set()) == {"DUP": 5, "X": 2}
    assert mapping.sku_owners(list(reversed(plans)), linked=set())["DUP"] == 5
    assert mapping.sku_owners(plans, linked={5})["DUP"] == 9


@given(
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False),
    st.sampled_from(sorted(units.TO_KG)),
    st.sampled_from(sorted(units.TO_KG)),
)
def test_weight_conversion_round_trips(amount, from_unit, to_unit):
    there = units.convert_weight(str(amount), from_unit, to_unit)
    back = units.convert_weight(there, to_unit, from_unit)
    assert math.isclose(back, float(amount), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("weight", [None, "", 0, "0.0000", "abc"])
def test_missing_or_zero_weight_is_zero(weight):
    assert units.convert_weight(weight, "lb", "kg") == 0.0


def test_pounds_and_inches_become_kilograms_and_millimetres():
    bc_product = product(weight=2, width=10, depth=4, height=1)
    bc_variant = parse_variant({"id": 5, "sku": "A", "weight": None})
    values = mapping.variant_values(bc_product, bc_variant, UNITS)
    assert values["weight"] == pytest.approx(0.90718474)
    assert values["bigcommerce_width"] == pytest.approx(254.0)
    assert values["bigcommerce_length"] == pytest.approx(101.6)
    assert values["volume"] == pytest.approx(254.0 * 101.6 * 25.4 / 1e9)


def test_variant_prices_inherit_the_product_prices():
    bc_product = product(price="20.00", sale_price=15)
    inherits = parse_variant({"id": 5, "price": None})
    own = parse_variant({"id": 6, "price": 18, "sale_price": 0})
    assert mapping.effective_prices(bc_product, inherits) == (20.0, 15.0)
    assert mapping.effective_prices(bc_product, own) == (18.0, 0.0)


def test_root_category_follows_parents_and_survives_cycles():
    parents = {10: 0, 11: 10, 12: 11, 20: 21, 21: 20}
    assert mapping.root_category([12], parents) == 10
    assert mapping.root_category([99, 11], parents) == 10
    assert mapping.root_category([99], parents) is None
    assert mapping.root_category([20], parents) in (20, 21)


def test_keywords_are_trimmed_and_distinct():
    assert mapping.keywords(product(search_keywords=" shirt, cotton,shirt,, ")) == [
        "shirt",
        "cotton",
    ]


def test_barcode_prefers_the_variant_upc():
    bc_product = product(upc="P", gtin="G")
    size = [{"option_display_name": "Size", "label": "S"}]
    with_upc = parse_variant({"id": 5, "upc": "V", "option_values": size})
    simple = parse_variant({"id": 6, "option_values": []})
    with_options = parse_variant({"id": 7, "option_values": size})
    assert mapping.barcode_of(bc_product, with_upc) == "V"
    assert mapping.barcode_of(bc_product, simple) == "P"
    assert mapping.barcode_of(bc_product, with_options) == ""


def test_html_description_and_emoji_names_are_kept():
    values = mapping.template_values(
        product(
            name="Tee 👕 " + "x" * 300,
            description="<p>Soft <b>cotton</b></p>",
            type="physical",
            inventory_tracking="variant",
        )
    )
    assert values["name"].startswith("Tee 👕")
    assert len(values["name"]) == 306
    assert "<b>cotton</b>" in values["bigcommerce_description"]
    assert values["is_storable"] is True


CENTS = st.integers(min_value=-5000, max_value=5000).map(lambda c: Decimal(c) / 100)


@given(
    st.lists(st.lists(CENTS, min_size=1, max_size=3), min_size=1, max_size=3),
    st.data(),
)
def test_variant_prices_that_add_up_get_exact_extras(option_extras, data):
    """Prices made as a sum of per-value extras are reproduced to the cent.

    Every combination of the values (as BigCommerce builds variants) always
    gets extras; a few of them get extras or None, never wrong ones.
    """
    grid = list(itertools.product(*[range(len(values)) for values in option_extras]))
    full = data.draw(st.booleans())
    combos = (
        grid
        if full
        else data.draw(st.lists(st.sampled_from(grid), min_size=1, unique=True))
    )
    rows = [
        (
            tuple((o, v) for o, v in enumerate(combo)),
            sum((option_extras[o][v] for o, v in enumerate(combo)), Decimal(0)),
        )
        for combo in combos
    ]
    extras = mapping.price_extras(rows)
    if full:
        assert extras is not None
    for keys, difference in [] if extras is None else rows:
        assert sum(extras[key] for key in keys) == difference


def test_variant_prices_that_do_not_add_up_get_no_extras():
    rows = [
        (("S", "Red"), Decimal(0)),
        (("S", "Blue"), Decimal(2)),
        (("M", "Red"), Decimal(4)),
        (("M", "Blue"), Decimal(10)),
    ]
    assert mapping.price_extras(rows) is None


def test_a_product_without_options_has_one_price():
    assert mapping.price_extras([((), Decimal(0))]) == {}
    assert mapping.price_extras([((), Decimal(1))]) is None
