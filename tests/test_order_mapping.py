"""Pure decisions of the order download over parsed orders (no ORM, no HTTP)."""

from decimal import Decimal

from odoo.addons.bigcommerce_connector.sync.orders import mapping
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
    assert mapping.charges(parse_order(payload))[0].amount == Decimal(5)


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
    charges = mapping.charges(
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
