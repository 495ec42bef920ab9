"""The publishable quantity: formula, buffers, caps, in order (pure, no Odoo)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.stock.mapping import (
    FORMULAS,
    Levels,
    Limits,
    base_quantity,
    publishable,
)

LEVELS = Levels(
    on_hand=20,
    free=12,
    incoming=30,
    incoming_7=5,
    incoming_30=9,
    demand_7=3,
    demand_30=8,
)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("free", 12),
        ("on_hand", 20),
        ("on_hand_7", 17),
        ("on_hand_30", 12),
        ("free_incoming", 42),
        ("free_incoming_7", 17),
        ("free_incoming_30", 21),
    ],
)
def test_each_formula_counts_its_levels(formula, expected):
    assert base_quantity(LEVELS, formula) == expected
    assert publishable(LEVELS, formula) == expected


def test_an_unknown_formula_is_refused_by_name():
    with pytest.raises(ValueError, match="'nope'"):
        base_quantity(LEVELS, "nope")


def test_the_store_buffer_is_kept_back():
    assert publishable(LEVELS, "free", Limits(store_buffer=2)) == 10


def test_a_product_buffer_overrides_the_stores_zero_included():
    assert publishable(LEVELS, "free", Limits(store_buffer=2, product_buffer=5)) == 7
    assert publishable(LEVELS, "free", Limits(store_buffer=2, product_buffer=0)) == 12


def test_caps_apply_after_the_buffer():
    limits = Limits(store_buffer=2, max_percent=50)
    assert publishable(LEVELS, "free", limits) == 5  # half of 12 - 2
    assert publishable(LEVELS, "free", Limits(store_buffer=2, max_quantity=8)) == 8
    both = Limits(store_buffer=2, max_quantity=4, max_percent=50)
    assert publishable(LEVELS, "free", both) == 4


def test_end_when_lists_nothing_at_or_below_it_after_the_caps():
    assert publishable(LEVELS, "free", Limits(end_when=12)) == 0
    assert publishable(LEVELS, "free", Limits(end_when=11)) == 12
    # The cap leaves 5, at the threshold: nothing is listed.
    assert publishable(LEVELS, "free", Limits(max_quantity=5, end_when=5)) == 0


def test_never_below_zero_and_whole_units_only():
    assert publishable(Levels(free=-4), "free") == 0
    assert publishable(Levels(free=3.9), "free") == 3
    assert publishable(Levels(free=0.1 + 0.2 + 0.7), "free") == 1


quantities = st.floats(min_value=-50, max_value=1000, allow_nan=False)
levels = st.builds(
    Levels,
    on_hand=quantities,
    free=quantities,
    incoming=quantities,
    incoming_7=quantities,
    incoming_30=quantities,
    demand_7=quantities,
    demand_30=quantities,
)
optional = st.none() | st.floats(min_value=0, max_value=500)
limits = st.builds(
    Limits,
    store_buffer=st.floats(min_value=0, max_value=100),
    product_buffer=optional,
    max_quantity=optional,
    max_percent=st.none() | st.floats(min_value=0, max_value=100),
    end_when=optional,
)


@given(levels, st.sampled_from(FORMULAS), limits)
def test_never_negative_and_whole(levels, formula, limits):
    quantity = publishable(levels, formula, limits)
    assert isinstance(quantity, int)
    assert quantity >= 0


@given(levels, st.sampled_from(FORMULAS), limits, st.floats(min_value=0, max_value=500))
def test_more_stock_never_lists_less(levels, formula, limits, more):
    richer = Levels(
        **{
            **levels.__dict__,
            "free": levels.free + more,
            "on_hand": levels.on_hand + more,
        }
    )
    assert publishable(richer, formula, limits) >= publishable(levels, formula, limits)


@given(levels, st.sampled_from(FORMULAS), limits)
def test_never_more_than_a_cap_allows(levels, formula, limits):
    quantity = publishable(levels, formula, limits)
    if limits.max_quantity is not None:
        assert quantity <= limits.max_quantity
    if limits.max_percent is not None:
        left = base_quantity(levels, formula) - limits.buffer
        assert quantity <= max(left * limits.max_percent / 100, 0) + 1e-6
    if limits.end_when is not None and quantity:
        assert quantity > limits.end_when


@given(levels, st.sampled_from(FORMULAS), limits)
def test_the_product_buffer_wins_over_the_stores(levels, formula, limits):
    product = Limits(**{**limits.__dict__, "product_buffer": 0.0})
    store_only = Limits(
        **{**limits.__dict__, "product_buffer": None, "store_buffer": 0.0}
    )
    assert publishable(levels, formula, product) == publishable(
        levels, formula, store_only
    )


def test_never_more_than_bigcommerce_keeps_at_a_location():
    assert publishable(Levels(on_hand=1e12, free=1e12), "free") == 2_147_483_647
