"""A v2 order body parsed once: the simulator's orders over HTTP, no Odoo.

Money becomes Decimal, dates naive UTC datetimes; a value that cannot be read
raises PayloadError naming its field and value, never a silent 0.
"""

import copy
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.core.values import PayloadError
from odoo.addons.bigcommerce_connector.sync.orders.payload import (
    parse_order,
    payload_hash,
)

from tests.simulator_http import JAN_1, get

INCLUDE = {"include": "consignments.line_items", "consignment_structure": "object"}
LEGACY = {"include": "consignments.line_items"}
AMOUNTS = st.decimals(min_value=0, max_value=10**7, places=4)


@pytest.fixture
def sim(sim):
    """The shared simulator (reset before each test), its clock at JAN_1."""
    sim.now = JAN_1
    return sim


def fetch(sim, order_id, params=INCLUDE):
    """The order as ``GET /v2/orders/{id}`` answers it, lines included."""
    response = get(sim, f"v2/orders/{order_id}", **params)
    response.raise_for_status()
    return response.json()


def taxed_order(sim):
    return sim.add_order(
        tax_rate=0.0825,
        products=[
            {
                "sku": "MUG-1",
                "name": "Mug",
                "quantity": 3,
                "price": "19.99",
                "product_options": [{"display_name": "Size", "display_value": "XL"}],
                "applied_discounts": [{"code": "SAVE5", "amount": 5}],
            },
            {"sku": "EBOOK", "type": "digital", "price": "7.3300"},
        ],
        shipping_addresses=[{"cost_ex_tax": "12.50", "street_1": "9 Pier"}],
        customer_message="Leave at the door ",
        date_created="Wed, 10 Jan 2018 16:05:30 -0500",
    )


# === THE SIMULATOR'S ORDERS === #


def test_order_money_is_decimal_and_dates_are_naive_utc(sim):
    stored = taxed_order(sim)

    order = parse_order(fetch(sim, stored["id"]))

    assert order.id == stored["id"]
    assert order.total_inc_tax == Decimal(stored["total_inc_tax"])
    assert order.subtotal_ex_tax == Decimal("67.3000")  # 3 x 19.99 + 7.33
    assert order.total_tax == Decimal(stored["total_tax"]) > 0
    assert order.date_created == datetime(2018, 1, 10, 21, 5, 30)
    assert order.date_created.tzinfo is None
    assert order.date_modified == datetime(2026, 1, 1)
    assert (order.currency_code, order.payment_status) == ("USD", "captured")
    assert order.customer_message == "Leave at the door "  # as the shopper wrote it
    assert order.billing_address.email == stored["billing_address"]["email"]


def test_lines_sit_in_their_consignments_with_their_money(sim):
    stored = taxed_order(sim)

    order = parse_order(fetch(sim, stored["id"]))

    shipping, download = order.consignments
    assert (shipping.kind, download.kind) == ("shipping", "downloads")
    [mug] = shipping.line_items
    assert (mug.sku, mug.name, mug.quantity) == ("MUG-1", "Mug", Decimal(3))
    assert mug.price_ex_tax == Decimal("19.9900")
    assert mug.total_ex_tax == Decimal("59.9700")
    # Charged after its 5.00 coupon: 8.25 % of 54.97, to the cent.
    assert mug.total_tax == Decimal("4.5400")
    assert (
        mug.price_inc_tax
        == Decimal(stored["products"][0]["price_inc_tax"])
        > mug.price_ex_tax
    )
    assert [(o.label, o.value) for o in mug.product_options] == [("Size", "XL")]
    assert [(d.code, d.amount) for d in mug.applied_discounts] == [
        ("SAVE5", Decimal(5))
    ]
    assert [item.sku for item in download.line_items] == ["EBOOK"]
    assert download.address is None


def test_a_line_reads_its_gift_wrapping(sim):
    stored = sim.add_order(
        tax_rate=0.08,
        products=[
            {
                "name": "Mug",
                "quantity": 2,
                "wrapping_cost_ex_tax": "5.00",
                "wrapping_name": "Red paper",
                "wrapping_message": "Happy birthday",
            },
            {"name": "Tee"},
        ],
    )

    mug, tee = parse_order(fetch(sim, stored["id"])).consignments[0].line_items

    wrapping = mug.wrapping
    assert (wrapping.name, wrapping.message) == ("Red paper", "Happy birthday")
    assert (wrapping.ex_tax, wrapping.tax) == (Decimal(5), Decimal("0.40"))
    assert tee.wrapping is None  # no name, message nor cost: not wrapped


def test_a_shipping_consignment_reads_its_costs_sent_as_numbers(sim):
    stored = taxed_order(sim)

    [shipping] = parse_order(fetch(sim, stored["id"])).shipping

    assert shipping.cost_ex_tax == Decimal("12.5")
    assert shipping.cost_tax == Decimal("1.03")
    assert shipping.cost_inc_tax == Decimal("13.53")
    assert shipping.method == "Flat Rate"
    assert shipping.address.street == "9 Pier"
    assert shipping.address.id == shipping.id == stored["shipping_addresses"][0]["id"]


def test_the_legacy_array_reads_like_the_object(sim):
    stored = taxed_order(sim)

    legacy = parse_order(fetch(sim, stored["id"], LEGACY))
    modern = parse_order(fetch(sim, stored["id"]))

    assert legacy.consignments == modern.consignments
    assert legacy.shipping_addresses == modern.shipping_addresses
    assert legacy.payload_hash != modern.payload_hash  # digests of what was sent


def test_without_consignments_the_shipping_addresses_list_is_read(sim):
    stored = taxed_order(sim)
    body = fetch(sim, stored["id"], {})
    assert body["shipping_addresses"]["resource"]  # a link: nothing to read
    assert parse_order(body).shipping_addresses == ()

    listed = get(sim, f"v2/orders/{stored['id']}/shipping_addresses").json()
    order = parse_order(dict(body, shipping_addresses=listed))

    assert [a.street for a in order.shipping_addresses] == ["9 Pier"]
    assert order.consignments == ()


def test_a_list_page_parses_every_order(sim):
    for _ in range(3):
        taxed_order(sim)

    page = get(sim, "v2/orders", **INCLUDE).json()

    assert [parse_order(body).id for body in page] == [100, 101, 102]


def test_the_digest_is_the_raw_bodys_and_ignores_key_order(sim):
    body = fetch(sim, taxed_order(sim)["id"])
    shuffled = dict(reversed(list(body.items())))

    assert parse_order(body).payload_hash == payload_hash(body)
    assert parse_order(shuffled).payload_hash == payload_hash(body)
    assert parse_order(dict(body, status_id=5)).payload_hash != payload_hash(body)


def test_absent_amounts_and_dates_read_as_zero_and_none():
    order = parse_order({"id": 7})

    assert order.total_inc_tax == Decimal(0)
    assert order.date_created is None
    assert order.consignments == order.shipping_addresses == ()


@pytest.mark.parametrize(
    "text",
    [
        "Wed, 10 Jan 2018 21:05:30 +0000",
        "Wed, 10 Jan 2018 16:05:30 -0500",
        "2018-01-10T21:05:30+00:00",
        "2018-01-10T21:05:30Z",
    ],
)
def test_rfc_2822_and_iso_dates_become_naive_utc(text):
    order = parse_order({"id": 7, "date_modified": text})
    assert order.date_modified == datetime(2018, 1, 10, 21, 5, 30)


# === MALFORMED BODIES === #


def line(body):
    return body["consignments"]["shipping"][0]["line_items"][0]


MALFORMED = [
    # (field named in the error, value, how to put it in the body)
    ("total_inc_tax", "12,50", lambda b, v: b.update(total_inc_tax=v)),
    ("subtotal_ex_tax", "NaN", lambda b, v: b.update(subtotal_ex_tax=v)),
    ("handling_cost_ex_tax", True, lambda b, v: b.update(handling_cost_ex_tax=v)),
    ("date_modified", "yesterday", lambda b, v: b.update(date_modified=v)),
    ("date_created", 1767225600, lambda b, v: b.update(date_created=v)),
    ("customer_id", "guest", lambda b, v: b.update(customer_id=v)),
    ("status_id", 11.5, lambda b, v: b.update(status_id=v)),
    ("is_deleted", "maybe", lambda b, v: b.update(is_deleted=v)),
    ("billing_address", "Austin", lambda b, v: b.update(billing_address=v)),
    (
        "billing_address.street_1",
        ["455 Main"],
        lambda b, v: b["billing_address"].update(street_1=v),
    ),
    ("consignments", "none", lambda b, v: b.update(consignments=v)),
    (
        "consignments.shipping[0].line_items",
        {"sku": "MUG-1"},
        lambda b, v: b["consignments"]["shipping"][0].update(line_items=v),
    ),
    (
        "consignments.shipping[0].line_items[0]",
        "MUG-1",
        lambda b, v: b["consignments"]["shipping"][0].update(line_items=[v]),
    ),
    (
        "consignments.shipping[0].line_items[0].quantity",
        "two",
        lambda b, v: line(b).update(quantity=v),
    ),
    (
        "consignments.shipping[0].line_items[0].price_ex_tax",
        "19,99",
        lambda b, v: line(b).update(price_ex_tax=v),
    ),
    (
        "consignments.shipping[0].line_items[0].product_options[0]",
        "Size: XL",
        lambda b, v: line(b).update(product_options=[v]),
    ),
    (
        "consignments.shipping[0].line_items[0].applied_discounts[0].amount",
        "5 USD",
        lambda b, v: line(b)["applied_discounts"][0].update(amount=v),
    ),
    (
        "consignments.shipping[0].cost_ex_tax",
        "ten",
        lambda b, v: b["consignments"]["shipping"][0].update(cost_ex_tax=v),
    ),
    (
        "consignments.shipping[0].country_iso2",
        {"code": "US"},
        lambda b, v: b["consignments"]["shipping"][0].update(country_iso2=v),
    ),
    (
        "consignments.downloads[0].line_items[0].total_tax",
        "0,61",
        lambda b, v: b["consignments"]["downloads"][0]["line_items"][0].update(
            total_tax=v
        ),
    ),
    (
        "consignments.shipping[0].line_items[0].wrapping_cost_ex_tax",
        "2,50",
        lambda b, v: line(b).update(wrapping_cost_ex_tax=v),
    ),
    ("id", None, lambda b, v: b.update(id=v)),
]


@pytest.mark.parametrize(
    ("field", "value", "put"), MALFORMED, ids=[case[0] for case in MALFORMED]
)
def test_a_malformed_field_is_named_with_its_value(sim, field, value, put):
    body = fetch(sim, taxed_order(sim)["id"])
    put(body, value)

    with pytest.raises(PayloadError) as caught:
        parse_order(body)

    assert (caught.value.field, caught.value.value) == (field, value)
    assert str(caught.value).startswith(f"{field}: {value!r} is not ")


def test_a_malformed_field_of_the_legacy_array_is_named_there(sim):
    body = fetch(sim, taxed_order(sim)["id"], LEGACY)
    body["consignments"][0]["shipping"][0]["line_items"][0]["quantity"] = "3 pcs"

    with pytest.raises(PayloadError) as caught:
        parse_order(body)

    assert caught.value.field == "consignments[0].shipping[0].line_items[0].quantity"


def test_a_listed_shipping_address_that_is_not_an_object_is_named():
    with pytest.raises(PayloadError) as caught:
        parse_order({"id": 7, "shipping_addresses": [{"id": 1}, "9 Pier"]})

    assert caught.value.field == "shipping_addresses[1]"


def test_a_body_that_is_not_an_object_is_named():
    with pytest.raises(PayloadError) as caught:
        parse_order(["not", "an", "order"])

    assert caught.value.field == "order"


# === GENERATED AMOUNTS === #


@given(total=AMOUNTS, price=AMOUNTS, cost=AMOUNTS)
def test_amounts_round_trip_as_strings_and_as_numbers(total, price, cost):
    body = {
        "id": 7,
        "total_inc_tax": f"{total:.4f}",
        "consignments": {
            "shipping": [
                {
                    "cost_ex_tax": float(cost),  # a number, as consignments send it
                    "line_items": [
                        {"id": 1, "quantity": 1, "price_ex_tax": f"{price:.4f}"}
                    ],
                }
            ]
        },
    }

    order = parse_order(copy.deepcopy(body))

    assert order.total_inc_tax == total
    [shipping] = order.shipping
    assert shipping.cost_ex_tax == cost
    assert shipping.line_items[0].price_ex_tax == price


@given(amount=AMOUNTS, comma=st.sampled_from([",", " ", "$", "€"]))
def test_an_amount_with_a_foreign_mark_is_never_read(amount, comma):
    text = f"{amount:.4f}".replace(".", comma) if comma != "$" else f"${amount:.4f}"

    with pytest.raises(PayloadError) as caught:
        parse_order({"id": 7, "total_inc_tax": text})

    assert caught.value.field == "total_inc_tax"
