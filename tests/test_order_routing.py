"""Routing grid and split: which warehouse ships how much (pure, no Odoo)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.orders.routing import (
    Place,
    Rule,
    Stock,
    parse_zips,
    route,
    split,
    zip_matches,
)

EAST, WEST, NORTH = "east", "west", "north"


def rule(key, *warehouses, **conditions):
    return Rule(key=key, warehouses=warehouses, **conditions)


# === THE GRID === #


def test_the_first_matching_rule_wins():
    rules = [
        rule(1, WEST, countries=frozenset({"us"}), states=frozenset({"california"})),
        rule(2, EAST, countries=frozenset({"us"})),
    ]
    assert route(rules, Place(country="US", state="California")).key == 1
    assert route(rules, Place(country="us", state="New York")).key == 2


def test_no_matching_rule_means_the_default_warehouse():
    rules = [rule(1, WEST, countries=frozenset({"us"}))]
    assert route(rules, Place(country="CA")) is None


def test_every_condition_of_a_rule_must_hold():
    express = rule(
        1, NORTH, countries=frozenset({"us"}), methods=frozenset({"express"})
    )
    assert route([express], Place(country="US", method="Express"))
    assert not route([express], Place(country="US", method="Ground"))
    assert not route([express], Place(country="CA", method="Express"))


def test_a_rule_without_conditions_matches_everything():
    assert route([rule(1, EAST)], Place()).key == 1


def test_zip_prefixes_and_ranges():
    entries = parse_zips("100, 112-119, 9*, sw1a")
    assert zip_matches(entries, "10001")
    assert zip_matches(entries, "11250")
    assert zip_matches(entries, "11999")
    assert not zip_matches(entries, "11100")
    assert not zip_matches(entries, "12000")
    assert zip_matches(entries, "94105")
    assert zip_matches(entries, "SW1A 1AA")
    assert not zip_matches(entries, "")
    assert not zip_matches(entries, "11")  # too short for the range


def test_a_bad_zip_range_is_refused_with_the_entry_named():
    with pytest.raises(ValueError, match="119-112"):
        parse_zips("119-112")
    with pytest.raises(ValueError, match="1-119"):
        parse_zips("1-119")


def test_zip_conditions_match_only_the_zips_given():
    rules = [rule(1, WEST, zips=parse_zips("9")), rule(2, EAST)]
    assert route(rules, Place(zip="94105")).key == 1
    assert route(rules, Place(zip="10001")).key == 2
    assert route(rules, Place(zip="")).key == 2


# === THE SPLIT === #


def test_the_routed_warehouse_ships_what_it_has():
    stock = Stock({(EAST, "mug"): 10})
    assert split([("a", "mug", 3)], [EAST, WEST], stock) == {"a": EAST}
    assert stock.available(EAST, "mug") == 7


def test_a_line_it_lacks_goes_to_the_first_backup_that_has_it_whole():
    stock = Stock({(EAST, "mug"): 2, (WEST, "mug"): 5, (NORTH, "mug"): 9})
    assert split([("a", "mug", 6)], [EAST, WEST, NORTH], stock) == {"a": NORTH}
    assert stock.available(NORTH, "mug") == 3
    assert stock.available(EAST, "mug") == 2


def test_a_line_no_warehouse_covers_stays_with_the_routed_one():
    stock = Stock({(EAST, "mug"): 1, (WEST, "mug"): 1})
    assert split([("a", "mug", 5)], [EAST, WEST], stock) == {"a": EAST}
    # It takes what the routed warehouse had: nobody else is promised it.
    assert stock.available(EAST, "mug") == 0
    assert stock.available(WEST, "mug") == 1


def test_lines_of_one_order_may_ship_from_different_warehouses():
    stock = Stock({(EAST, "mug"): 5, (WEST, "tee"): 5})
    shares = split([("a", "mug", 2), ("b", "tee", 1)], [EAST, WEST], stock)
    assert shares == {"a": EAST, "b": WEST}


def test_nothing_in_stock_anywhere_keeps_everything_on_the_routed_one():
    shares = split([("a", "mug", 2), ("b", "tee", 1)], [EAST, WEST], Stock())
    assert shares == {"a": EAST, "b": EAST}


def test_earlier_orders_of_the_page_take_their_units_first():
    stock = Stock({(EAST, "mug"): 3, (WEST, "mug"): 3})
    assert split([("a", "mug", 2)], [EAST, WEST], stock) == {"a": EAST}
    assert split([("b", "mug", 2)], [EAST, WEST], stock) == {"b": WEST}
    assert split([("c", "mug", 2)], [EAST, WEST], stock) == {"c": EAST}


def test_a_service_line_ships_from_the_routed_warehouse():
    stock = Stock({(WEST, "mug"): 9})
    assert split([("fee", None, 1)], [EAST, WEST], stock) == {"fee": EAST}


# === INVARIANTS (hypothesis) === #

WAREHOUSES = [EAST, WEST, NORTH]
PRODUCTS = ["mug", "tee", "cap", None]

orders = st.lists(
    st.lists(
        st.tuples(st.sampled_from(PRODUCTS), st.integers(min_value=0, max_value=20)),
        min_size=1,
        max_size=5,
    ),
    min_size=1,
    max_size=6,
)
stocks = st.dictionaries(
    st.tuples(st.sampled_from(WAREHOUSES), st.sampled_from(PRODUCTS[:-1])),
    st.integers(min_value=-3, max_value=15),
)
chains = st.lists(st.sampled_from(WAREHOUSES), min_size=1, max_size=3)


def run_page(page, free, chain):
    stock = Stock(dict(free))
    results = []
    for number, lines in enumerate(page):
        keyed = [((number, i), product, qty) for i, (product, qty) in enumerate(lines)]
        results.append((keyed, split(keyed, chain, stock)))
    return results, stock


@given(orders, stocks, chains)
def test_every_line_ships_whole_from_one_warehouse_of_the_chain(page, free, chain):
    results, _stock = run_page(page, free, chain)
    for keyed, shares in results:
        assert set(shares) == {key for key, _p, _q in keyed}
        assert all(shares[key] in chain for key, _p, _q in keyed)


@given(orders, stocks, chains)
def test_no_backup_ships_more_than_it_has_free(page, free, chain):
    shipped = {}
    results, _stock = run_page(page, free, chain)
    for keyed, shares in results:
        for key, product, quantity in keyed:
            warehouse = shares[key]
            if warehouse == chain[0]:
                continue  # it keeps what nobody covers
            assert product is not None
            shipped[warehouse, product] = (
                shipped.get((warehouse, product), 0) + quantity
            )
    for (warehouse, product), quantity in shipped.items():
        assert quantity <= max(free.get((warehouse, product), 0), 0)


@given(orders, stocks, chains)
def test_a_line_the_routed_warehouse_can_ship_stays_there(page, free, chain):
    stock = Stock(dict(free))
    for number, lines in enumerate(page):
        keyed = [((number, i), p, q) for i, (p, q) in enumerate(lines)]
        for key, product, quantity in keyed:
            had = stock.available(chain[0], product)
            shares = split([(key, product, quantity)], chain, stock)
            if product is None or had >= quantity:
                assert shares[key] == chain[0]


@given(orders, stocks, chains)
def test_the_split_is_deterministic_and_stock_never_negative(page, free, chain):
    first, stock = run_page(page, free, chain)
    assert first == run_page(page, free, chain)[0]
    # Nothing takes more than is free: only untouched negative figures stay.
    assert all(
        value >= 0 or value == free.get(key) for key, value in stock.free.items()
    )
