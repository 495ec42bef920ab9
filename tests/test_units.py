"""Reading BigCommerce's free-text units and store details (pure, no Odoo)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.core.store_info import store_info_values
from odoo.addons.bigcommerce_connector.sync.core.units import (
    WEIGHT_UNITS,
    UnknownUnitError,
    normalize_dimension_unit,
    normalize_weight_unit,
)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("LBS", "lb"),
        ("Pounds", "lb"),
        ("lb", "lb"),
        ("Ounces", "oz"),
        ("oz", "oz"),
        ("KGS", "kg"),
        ("kilograms", "kg"),
        ("Grams", "g"),
        (" g ", "g"),
        ("Tonnes", "t"),
    ],
)
def test_weight_units_read_in_any_usual_spelling(raw, code):
    assert normalize_weight_unit(raw) == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [("Inches", "in"), ("in", "in"), ("Centimeters", "cm"), ("CM", "cm")],
)
def test_dimension_units_read_in_any_usual_spelling(raw, code):
    assert normalize_dimension_unit(raw) == code


@pytest.mark.parametrize("raw", ["Stones", "", None, "furlongs"])
def test_unknown_unit_is_named_not_guessed(raw):
    with pytest.raises(UnknownUnitError, match="weight unit"):
        normalize_weight_unit(raw)


@given(st.sampled_from([s for spellings in WEIGHT_UNITS.values() for s in spellings]))
def test_any_known_spelling_in_any_case_is_read(spelling):
    code = normalize_weight_unit(spelling.upper())
    assert spelling in WEIGHT_UNITS[code]


def test_store_info_values_keep_unknown_units_as_warnings():
    values, warnings = store_info_values(
        {
            "name": "Shop",
            "currency": "EUR",
            "weight_units": "Stones",
            "dimension_units": "Centimeters",
            "plan_name": "Pro",
        }
    )
    assert values["bc_store_name"] == "Shop"
    assert values["weight_unit"] is False
    assert values["dimension_unit"] == "cm"
    assert warnings == ["Unknown BigCommerce weight unit: 'Stones'"]


def test_store_info_values_of_an_empty_answer():
    values, warnings = store_info_values(None)
    assert values["bc_store_name"] is False
    assert len(warnings) == 2
