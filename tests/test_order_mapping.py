"""Pure decisions of the order download (no ORM, no HTTP)."""

from datetime import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.core.values import parse_datetime
from odoo.addons.bigcommerce_connector.sync.orders import mapping as om


def item(item_id=1, sku="SKU", quantity=1, price="10.0000", tax="0.0000", **more):
    total_ex = Decimal(price) * quantity
    return {
        "id": item_id,
        "sku": sku,
        "name": f"Item {item_id}",
        "quantity": quantity,
        "price_ex_tax": price,
        "total_ex_tax": str(total_ex),
        "total_tax": tax,
        **more,
    }


def order(*items, **fields):
    return {
        "id": 100,
        "consignments": {
            "shipping": [
                {
                    "id": 1,
                    "line_items": list(items),
                    "shipping_method": "Flat Rate",
                    "cost_ex_tax": 5,
                    "cost_tax": 0,
                }
            ],
            "pickups": [],
            "downloads": [],
            "email": {"gift_certificates": []},
        },
        **fields,
    }


def test_money_reads_strings_and_numbers():
    assert om.to_decimal("336.3200") == Decimal("336.32")
    assert om.to_decimal(12.5) == Decimal("12.5")
    assert om.to_decimal(None) == om.to_decimal("") == om.to_decimal("abc") == 0


def test_rfc_2822_and_iso_dates_become_naive_utc():
    expected = datetime(2018, 1, 10, 21, 5, 30)
    assert parse_datetime("Wed, 10 Jan 2018 21:05:30 +0000") == expected
    assert parse_datetime("Wed, 10 Jan 2018 16:05:30 -0500") == expected
    assert parse_datetime("2018-01-10T21:05:30+00:00") == expected
    assert parse_datetime("not a date") is None


def test_lines_of_every_consignment_kind_are_read():
    payload = order(item(1))
    payload["consignments"]["downloads"] = [{"line_items": [item(2, "EBOOK")]}]
    payload["consignments"]["pickups"] = [{"line_items": [item(3, "PICK")]}]
    check = om.check_order(payload)
    assert sorted(line.sku for line in check.lines) == ["EBOOK", "PICK", "SKU"]


def test_order_without_lines_is_a_problem():
    assert om.check_order(order()).problems == ["the order has no lines"]


def test_zero_quantity_line_is_left_out_with_a_note():
    check = om.check_order(order(item(1), item(2, "ZERO", quantity=0)))
    assert [line.sku for line in check.lines] == ["SKU"]
    assert "ZERO" in check.notes[0]


def test_negative_price_is_a_problem():
    check = om.check_order(order(item(1, price="-5.0000")))
    assert "negative price" in check.problems[0]


def test_charged_tax_rate_is_read_from_the_line():
    check = om.check_order(order(item(1, quantity=2, price="10.0000", tax="1.6500")))
    om.unify_tax_rates(check.lines)
    assert check.lines[0].tax_rate == Decimal("8.25")


def test_a_small_rounded_amount_takes_the_rate_of_a_larger_one():
    payload = order(item(1, quantity=2, price="10.0000", tax="1.6500"))
    check = om.check_order(payload)
    shipping = om.charges(payload)[0]
    shipping.amount, shipping.tax = (
        Decimal(10),
        Decimal("0.83"),
    )  # 8.25 % of 10.00, rounded: alone it reads 8.3 %
    om.unify_tax_rates([*check.lines, shipping])
    assert shipping.tax_rate == Decimal("8.25")


def test_description_carries_name_sku_and_options():
    line = om.check_order(
        order(
            item(1, product_options=[{"display_name": "Size", "display_value": "XL"}])
        )
    ).lines[0]
    assert line.description() == "[SKU] Item 1\nSize: XL"


def test_shipping_handling_and_wrapping_are_charges():
    charges = om.charges(
        order(item(1), handling_cost_ex_tax="2.0000", handling_cost_tax="0.0000")
    )
    assert [(c.kind, c.amount) for c in charges] == [
        ("shipping", Decimal(5)),
        ("handling", Decimal("2.0000")),
    ]


def test_coupon_codes_come_from_the_lines():
    check = om.check_order(
        order(
            item(1, applied_discounts=[{"code": "SAVE10", "amount": 1}]),
            item(2, applied_discounts=[{"code": "SAVE10"}, {"code": None}]),
        )
    )
    assert om.coupon_codes(check.lines) == ["SAVE10"]


def test_payload_hash_ignores_key_order():
    assert om.payload_hash({"a": 1, "b": 2}) == om.payload_hash({"b": 2, "a": 1})
    assert om.payload_hash({"a": 1}) != om.payload_hash({"a": 2})


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=10000, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=30, places=2),
)
def test_the_rate_found_gives_the_tax_charged_to_the_cent(amount, rate):
    tax = (amount * rate / 100).quantize(Decimal("0.01"))
    line = om.Charge("shipping", "x", amount, tax)
    om.unify_tax_rates([line])
    if tax:
        assert abs(amount * line.tax_rate / 100 - tax) <= Decimal("0.005")
