"""Rates read back from BigCommerce's rounded amounts (pure, no Odoo)."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.orders import mapping, rates
from odoo.addons.bigcommerce_connector.sync.orders.payload import TaxRow
from odoo.addons.bigcommerce_connector.sync.orders.rates import (
    RateRange,
    Taxed,
    assign_rates,
    rate_range,
)

from tests.test_order_mapping import item, order


def taxed(base, tax, kind="item", key=1, destination=1, inclusive=False):
    return Taxed(kind, key, destination, Decimal(base), Decimal(tax), inclusive)


def half_up(amount):
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_one_rounded_amount_allows_a_range_of_rates():
    span = rate_range(Decimal("29.90"), Decimal("2.47"))
    assert span.low.quantize(Decimal("0.001")) == Decimal("8.244")
    assert span.high.quantize(Decimal("0.001")) == Decimal("8.278")


def test_the_rate_is_the_roundest_in_the_range():
    assert rate_range(Decimal("29.90"), Decimal("2.47")).roundest() == Decimal("8.25")
    assert rate_range(Decimal("10.00"), Decimal("0.83")).roundest() == Decimal("8.3")


def test_the_range_excludes_the_rate_that_rounds_to_the_next_cent():
    # 8.35 % of 10.00 is 0.835, which rounds half up to 0.84, not 0.83.
    assert Decimal("8.35") not in rate_range(Decimal("10.00"), Decimal("0.83"))
    assert Decimal("8.25") in rate_range(Decimal("10.00"), Decimal("0.83"))


def test_amounts_at_one_rate_share_the_rate_of_their_common_range():
    large, small = taxed("59.97", "4.95"), taxed("10.00", "0.83", kind="shipping")
    assign_rates([small, large])
    # Alone the shipping reads 8.3 %; with the line's range it is 8.25 %.
    assert small.tax_rate == large.tax_rate == Decimal("8.25")


def test_amounts_of_different_rates_keep_their_own():
    line, other = taxed("100.00", "8.25"), taxed("100.00", "4.71", destination=2)
    assign_rates([line, other])
    assert (line.tax_rate, other.tax_rate) == (Decimal("8.25"), Decimal("4.71"))


def test_untaxed_amounts_have_no_rate():
    free = taxed("25.00", "0")
    assign_rates([free])
    assert free.tax_rate == 0 and free.rate_range is None


def test_a_tax_on_nothing_fits_no_rate():
    odd = taxed("0", "1.00")
    assign_rates([odd])
    assert odd.unfit and rates.needs_details([odd])


def test_items_of_one_destination_at_two_rates_need_the_details():
    entries = [taxed("100.00", "8.25", key=1), taxed("100.00", "4.00", key=2)]
    assign_rates(entries)
    assert rates.needs_details(entries)


def test_items_of_two_destinations_at_two_rates_need_no_details():
    entries = [
        taxed("100.00", "8.25", key=1, destination=1),
        taxed("100.00", "4.00", key=2, destination=2),
    ]
    assign_rates(entries)
    assert not rates.needs_details(entries)


def test_details_give_a_line_its_state_and_city_rates():
    # 6.25 % and 2 % each rounded on 10.10: 0.63 + 0.20 = 0.83.
    line = taxed("10.10", "0.83", key=7)
    rows = [
        TaxRow(Decimal("6.25"), "item", order_product_id=7),
        TaxRow(Decimal("2"), "item", order_product_id=7),
    ]
    assert rates.apply_details([line], rows) == []
    assert line.components == (Decimal("6.25"), Decimal("2"))


def test_details_that_do_not_give_the_tax_charged_are_ignored():
    line = taxed("10.00", "0.83", key=7)
    assign_rates([line])
    rates.apply_details([line], [TaxRow(Decimal("9"), "item", order_product_id=7)])
    assert line.components == ()


def test_shipping_details_are_named_by_address():
    shipping = taxed("10.00", "0.83", kind="shipping", key=22)
    rows = [TaxRow(Decimal("8.25"), "shipping", address_id=22)]
    rates.apply_details([shipping], rows)
    assert shipping.components == (Decimal("8.25"),)


def test_an_inclusive_range_reads_the_rate_from_the_price_with_tax():
    # 108.25 including 8.25 % tax carries 8.25 of tax.
    span = rate_range(Decimal("108.25"), Decimal("8.25"), inclusive=True)
    assert Decimal("8.25") in span and span.roundest() == Decimal("8.25")


def test_a_discounted_line_is_taxed_on_its_amount_after_the_discount():
    line = mapping.check_order(
        order(item(1, quantity=2, price="10.0000", tax="1.65"))
    ).lines[0]
    assert line.base() == Decimal("20.0000")
    discounted = mapping.check_order(
        order(
            item(
                1,
                quantity=2,
                price="10.0000",
                tax="1.24",
                applied_discounts=[{"code": "SAVE5", "amount": "5"}],
            )
        )
    ).lines[0]
    assert discounted.base() == Decimal(15)
    assert discounted.unit_price() == Decimal("7.5")


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=10000, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=30, places=3),
)
def test_the_rate_found_gives_the_tax_charged_to_the_cent(amount, rate):
    tax = half_up(amount * rate / 100)
    entry = taxed(amount, tax)
    assign_rates([entry])
    if tax:
        assert rate in entry.rate_range
        assert half_up(amount * entry.tax_rate / 100) == tax


@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=2000, places=2),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([Decimal("4.712"), Decimal("6.25"), Decimal("7.375")]),
)
def test_amounts_of_one_rate_always_share_a_range_holding_it(amounts, rate):
    entries = [taxed(a, half_up(a * rate / 100), key=i) for i, a in enumerate(amounts)]
    assign_rates(entries)
    for entry in entries:
        if entry.tax:
            assert rate in entry.rate_range
            assert half_up(entry.base * entry.tax_rate / 100) == entry.tax


def test_range_intersection_is_empty_when_they_do_not_meet():
    assert (
        RateRange(Decimal(1), Decimal(2)) & RateRange(Decimal(2), Decimal(3))
    ) is None


def test_learned_rates_apply_only_to_their_place_and_exact_amounts():
    place = ("US", "Texas", "78751", "austin")
    first = taxed("10.10", "0.83", key=1)
    first.place, first.components = place, (Decimal("6.25"), Decimal("2"))
    learned = rates.LearnedRates()
    learned.learn([first])
    same = taxed("20.00", "1.65", key=2)  # 1.25 + 0.40
    same.place = place
    elsewhere = taxed("20.00", "1.65", key=3)
    elsewhere.place = ("US", "Ohio", "43004", "columbus")
    off = taxed("20.00", "1.70", key=4)
    off.place = place

    learned.apply([same, elsewhere, off])

    assert same.components == (Decimal("6.25"), Decimal("2"))
    assert elsewhere.components == () and off.components == ()


def test_an_amount_taxes_do_not_name_takes_a_rate_named_for_the_order():
    # A 1.23 fee taxed 0.12 allows 9.35 % to 10.16 %: alone it would read 10 %.
    fee = taxed("1.23", "0.12", kind="fee", key=9)
    assign_rates([fee])
    rows = [TaxRow(Decimal("9.5"), "item", order_product_id=1)]
    rates.take_named_rates([fee], rows)
    assert fee.components == (Decimal("9.5"),)


def test_a_named_rate_outside_the_range_is_not_taken():
    fee = taxed("100.00", "5.00", kind="fee", key=9)
    assign_rates([fee])
    rates.take_named_rates([fee], [TaxRow(Decimal("9.5"), "item", order_product_id=1)])
    assert fee.components == ()
