"""Pure decisions of the order download over parsed orders (no ORM, no HTTP)."""

from decimal import Decimal

from odoo.addons.bigcommerce_connector.sync.orders import amounts, mapping
from odoo.addons.bigcommerce_connector.sync.orders.payload import parse_order


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
    """A parsed order with these line items in one shipping consignment."""
    return parse_order(body(*items, **fields))


def body(*items, **fields):
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


def test_lines_of_every_consignment_kind_are_read():
    payload = body(item(1))
    payload["consignments"]["downloads"] = [{"line_items": [item(2, "EBOOK")]}]
    payload["consignments"]["pickups"] = [{"line_items": [item(3, "PICK")]}]
    payload["consignments"]["email"]["gift_certificates"] = [
        {"line_items": [item(4, "GIFT")]}
    ]
    check = mapping.check_order(parse_order(payload))
    assert [line.sku for line in check.lines] == ["SKU", "PICK", "EBOOK", "GIFT"]
    assert [line.consignment.kind for line in check.lines] == [
        "shipping",
        "pickups",
        "downloads",
        "gift_certificates",
    ]


def test_the_legacy_consignment_array_is_read_like_the_object():
    payload = body(item(1))
    payload["consignments"] = [payload["consignments"]]

    check = mapping.check_order(parse_order(payload))

    assert [line.sku for line in check.lines] == ["SKU"]
    assert amounts.charges(parse_order(payload))[0].amount == Decimal(5)


def test_a_bundled_child_line_is_left_to_its_parent():
    check = mapping.check_order(
        order(item(1), item(2, "CHILD", parent_order_product_id=1))
    )
    assert [line.sku for line in check.lines] == ["SKU"]


def test_order_without_lines_is_a_problem():
    assert mapping.check_order(order()).problems == ["the order has no lines"]


def test_zero_quantity_line_is_left_out_with_a_note():
    check = mapping.check_order(order(item(1), item(2, "ZERO", quantity=0)))
    assert [line.sku for line in check.lines] == ["SKU"]
    assert "ZERO" in check.notes[0]


def test_negative_price_is_a_problem():
    check = mapping.check_order(order(item(1, price="-5.0000")))
    assert "negative price" in check.problems[0]


def test_description_carries_name_sku_and_options():
    line = mapping.check_order(
        order(
            item(1, product_options=[{"display_name": "Size", "display_value": "XL"}])
        )
    ).lines[0]
    assert line.description() == "[SKU] Item 1\nSize: XL"


def test_shipping_handling_and_wrapping_are_charges():
    charges = amounts.charges(
        order(item(1), handling_cost_ex_tax="2.0000", handling_cost_tax="0.0000")
    )
    assert [(c.kind, c.amount) for c in charges] == [
        ("shipping", Decimal(5)),
        ("handling", Decimal("2.0000")),
    ]


def test_coupon_codes_come_from_the_lines():
    check = mapping.check_order(
        order(
            item(1, applied_discounts=[{"code": "SAVE10", "amount": 1}]),
            item(2, applied_discounts=[{"code": "SAVE10"}, {"code": None}]),
        )
    )
    assert mapping.coupon_codes(check.lines) == ["SAVE10"]


def test_discount_is_the_manual_plus_the_coupon_discount():
    assert mapping.discount_total(
        order(discount_amount="1.5000", coupon_discount="2.2500")
    ) == Decimal("3.75")


def test_paid_and_cancelled_are_read_from_status_fields():
    assert mapping.is_paid(order(payment_status="Captured"))
    assert not mapping.is_paid(order(payment_status="refunded"))
    assert mapping.is_cancelled(order(status_id=5))
    assert mapping.is_cancelled(order(status_id=11, is_deleted=True))
    assert mapping.cancelled_as(order(status_id=11, is_deleted=True)) == "archived"
    assert not mapping.is_cancelled(order(status_id=11))


# === ADDRESSES AND GIFT WRAPPING === #


def wrapped(item_id, name, message="", ex_tax="2.0000", tax="0.1600", **more):
    return item(
        item_id,
        wrapping_name=name,
        wrapping_message=message,
        wrapping_cost_ex_tax=ex_tax,
        wrapping_cost_tax=tax,
        **more,
    )


def test_shipped_lines_and_shipping_charges_carry_their_order_address():
    payload = body(item(1))
    payload["consignments"]["shipping"][0]["id"] = 2001
    payload["consignments"]["pickups"] = [{"id": 1, "line_items": [item(2, "PICK")]}]
    parsed = parse_order(payload)

    shipped, picked = mapping.check_order(parsed).lines

    assert (shipped.address_id, picked.address_id) == (2001, 0)
    assert [c.address_id for c in amounts.charges(parsed)] == [2001]


def test_wrapping_is_one_charge_per_wrapped_line_with_its_amounts():
    # BigCommerce rounds each line's wrapping tax: each is a charge of its own.
    charges = amounts.wrapping_charges(
        order(
            wrapped(1, "Red paper", "Happy birthday"),
            wrapped(2, "Red paper", ex_tax="3.0000", tax="0.2400"),
            wrapped(3, "Blue box", "Congratulations"),
            wrapping_cost_ex_tax="7.0000",
            wrapping_cost_tax="0.5600",
        )
    )

    assert [(c.name, c.amount, c.tax, c.key) for c in charges] == [
        (
            "Gift wrapping: Red paper\nMessage: Happy birthday",
            Decimal(2),
            Decimal("0.16"),
            1,
        ),
        ("Gift wrapping: Red paper", Decimal(3), Decimal("0.24"), 2),
        (
            "Gift wrapping: Blue box\nMessage: Congratulations",
            Decimal(2),
            Decimal("0.16"),
            3,
        ),
    ]


def test_wrapping_lines_that_miss_the_order_total_become_one_charge_of_it():
    charges = amounts.wrapping_charges(
        order(
            wrapped(1, "Red paper", "Happy birthday"),
            wrapping_cost_ex_tax="2.5000",  # the order says more than its line
            wrapping_cost_tax="0.2000",
        )
    )

    assert [(c.name, c.amount, c.tax) for c in charges] == [
        (
            "Gift wrapping: Red paper\nMessage: Happy birthday",
            Decimal("2.5"),
            Decimal("0.2"),
        )
    ]


def test_an_order_wrapping_without_wrapped_lines_is_one_gift_wrapping_charge():
    charges = amounts.charges(
        order(item(1), wrapping_cost_ex_tax="1.5000", wrapping_cost_tax="0.0000")
    )

    assert [(c.kind, c.name, c.amount) for c in charges[1:]] == [
        ("wrapping", "Gift wrapping", Decimal("1.5"))
    ]


def test_a_free_wrapping_with_a_message_is_kept_at_zero():
    charges = amounts.wrapping_charges(
        order(wrapped(1, "Card only", "Love, Ann", ex_tax="0", tax="0"))
    )

    assert [(c.name, c.amount) for c in charges] == [
        ("Gift wrapping: Card only\nMessage: Love, Ann", Decimal(0))
    ]


def test_no_wrapping_is_no_charge():
    assert amounts.wrapping_charges(order(item(1))) == []


def test_the_slip_note_has_the_options_then_the_wrapping():
    line = mapping.check_order(
        order(
            wrapped(
                1,
                "Red paper",
                "Happy birthday",
                product_options=[{"display_name": "Size", "display_value": "XL"}],
            )
        )
    ).lines[0]

    assert line.slip_note() == (
        "Size: XL\nGift wrapping: Red paper\nMessage: Happy birthday"
    )
    assert line.description() == "[SKU] Item 1\nSize: XL"
