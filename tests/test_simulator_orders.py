"""The simulator's orders: seeding, totals, filters, sorting, paging, archive.

Real HTTP to a real simulator; no Odoo. Shapes are checked against the
spec in test_simulator_orders_contract.py; this module checks behaviour.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.simulator import Fault
from tests.simulator_http import JAN_1, get


@pytest.fixture
def sim(sim):
    """The shared simulator (reset before each test), its clock at JAN_1."""
    sim.now = JAN_1
    return sim


def ids(response):
    """Return the ids of a v2 list answer ([] for a 204)."""
    return [] if response.status_code == 204 else [o["id"] for o in response.json()]


def money(order, *fields):
    """Return the named money fields of an order as Decimals."""
    return [Decimal(order[field]) for field in fields]


def orders_at(sim, *epochs):
    """Seed one order created and modified at each epoch; return their ids."""
    return [
        sim.add_order(date_created=epoch, date_modified=epoch)["id"] for epoch in epochs
    ]


# === SEEDING AND TOTALS === #


def test_default_order_is_a_paid_guest_order_awaiting_fulfillment(sim):
    order = sim.add_order()
    assert (order["id"], order["customer_id"], order["status_id"]) == (100, 0, 11)
    assert order["date_created"] == "Thu, 01 Jan 2026 00:00:00 +0000"
    assert (order["payment_status"], order["currency_code"]) == ("captured", "USD")
    [address] = order["shipping_addresses"]
    assert address["street_1"] == order["billing_address"]["street_1"]
    assert order["products"][0]["order_address_id"] == address["id"]
    assert order["total_inc_tax"] == "20.0000"  # 10 item + 10 flat rate


def test_totals_add_up_to_the_cent(sim):
    order = sim.add_order(
        tax_rate=0.0825,
        products=[
            {"quantity": 3, "price": 19.99, "wrapping_cost_ex_tax": 2.5},
            {"quantity": 1, "price": "7.333"},
        ],
        shipping_addresses=[{"cost_ex_tax": 6.95, "handling_cost_ex_tax": 1.1}],
        coupons=[{"code": "TENOFF", "amount": 10, "type": "percentage_discount"}],
        fees=[{"cost_ex_tax": 1.5}],
        discount_amount=3,
    )
    subtotal, shipping, handling, wrapping, total = money(
        order,
        "subtotal_inc_tax",
        "shipping_cost_inc_tax",
        "handling_cost_inc_tax",
        "wrapping_cost_inc_tax",
        "total_inc_tax",
    )
    fee = Decimal(order["fees"][0]["cost_inc_tax"])
    discounts = sum(money(order, "discount_amount", "coupon_discount"))
    assert total == subtotal + shipping + handling + wrapping + fee - discounts
    ex_tax, tax = money(order, "total_ex_tax", "total_tax")
    assert ex_tax + tax == total
    lines = sum(Decimal(p["total_inc_tax"]) for p in order["products"])
    assert subtotal == lines == Decimal("72.85")
    assert order["coupons"][0]["type"] == 1
    assert order["items_total"] == 4


def test_given_totals_win_over_computed_ones(sim):
    order = sim.add_order(total_inc_tax=99, subtotal_ex_tax="1.5")
    assert (order["total_inc_tax"], order["subtotal_ex_tax"]) == ("99.0000", "1.5000")


def test_unknown_field_is_refused(sim):
    with pytest.raises(ValueError, match="shiping_method"):
        sim.add_order(shipping_addresses=[{"shiping_method": "UPS"}])
    with pytest.raises(ValueError, match="no address 9"):
        sim.add_order(products=[{"order_address_id": 9}])


def test_lines_of_catalog_products_take_the_catalog_values(sim):
    shirt = sim.add_product(
        "T-Shirt",
        options=[{"display_name": "Size", "values": ["S", "M"]}],
        price=12.5,
    )
    medium = shirt["variants"][1]
    order = sim.add_order(
        products=[{"product_id": shirt["id"], "variant_id": medium["id"]}]
    )
    [line] = order["products"]
    assert (line["name"], line["sku"], line["variant_id"]) == (
        "T-Shirt",
        medium["sku"],
        medium["id"],
    )
    assert line["price_ex_tax"] == "12.5000"
    [option] = line["product_options"]
    assert (option["display_name"], option["display_value"]) == ("Size", "M")


def test_order_of_a_customer_bills_the_customer(sim):
    customer = sim.add_customer(
        "max@example.com", "Max", "Power", addresses=[{"city": "Dallas"}]
    )
    order = sim.add_order(customer_id=customer["id"])
    billing = order["billing_address"]
    assert (billing["email"], billing["first_name"], billing["city"]) == (
        "max@example.com",
        "Max",
        "Dallas",
    )


def test_digital_order_has_no_shipping_address(sim):
    order = sim.add_order(products=[{"type": "digital", "name": "E-book"}])
    assert order["shipping_addresses"] == [] and order["order_is_digital"]
    assert order["total_inc_tax"] == "10.0000"


def test_picked_up_order_has_no_shipping_address(sim):
    order = sim.add_order(products=[{"name": "Mug", "order_pickup_method_id": 1}])
    assert order["shipping_addresses"] == []
    assert order["products"][0]["order_address_id"] == 0
    assert order["total_inc_tax"] == "10.0000"  # no shipping cost


# === UPDATES AND ARCHIVE === #


def test_update_order_moves_date_modified_and_renames_the_status(sim):
    order = sim.add_order()
    sim.now = JAN_1 + 3600
    sim.update_order(order["id"], status_id=2)
    assert order["date_modified"] == "Thu, 01 Jan 2026 01:00:00 +0000"
    assert order["date_created"] == "Thu, 01 Jan 2026 00:00:00 +0000"
    assert (order["status"], order["custom_status"]) == ("Shipped", "Shipped")
    given = datetime(2026, 2, 1, tzinfo=UTC)
    sim.update_order(order["id"], staff_notes="hi", date_modified=given)
    assert order["date_modified"] == "Sun, 01 Feb 2026 00:00:00 +0000"


def test_update_order_with_new_lines_recomputes_the_totals(sim):
    order = sim.add_order(shipping_addresses=[{"cost_ex_tax": 0}])
    sim.update_order(order["id"], products=[{"price": 4, "quantity": 5}])
    assert order["total_inc_tax"] == "20.0000"
    assert order["shipping_addresses"][0]["items_total"] == 5
    sim.update_order(order["id"], discount_amount=2)
    assert order["total_inc_tax"] == "18.0000"
    sim.update_order(order["id"], shipping_addresses=[{"cost_ex_tax": 3}])
    [address] = order["shipping_addresses"]
    assert order["products"][0]["order_address_id"] == address["id"]
    assert order["total_inc_tax"] == "21.0000"


def test_renamed_status_shows_in_custom_status(sim):
    sim.order_statuses[11]["custom_label"] = "Paid - pack it"
    order = sim.add_order(status_id=11)
    assert order["custom_status"] == "Paid - pack it"
    assert get(sim, "v2/order_statuses/11").json()["custom_label"] == "Paid - pack it"


def test_archived_order_is_listed_only_on_request(sim):
    first, second = orders_at(sim, JAN_1, JAN_1)
    sim.delete_order(first)
    assert ids(get(sim, "v2/orders")) == [second]
    assert ids(get(sim, "v2/orders", is_deleted="true")) == [first]
    assert get(sim, f"v2/orders/{first}").json()["is_deleted"] is True
    assert get(sim, "v2/orders/count").json()["count"] == 1


def test_reset_forgets_orders_and_statuses(sim):
    sim.add_order()
    sim.order_statuses[0]["custom_label"] = "Abandoned"
    sim.reset()
    assert sim.orders == [] and sim.order_statuses[0]["custom_label"] == "Incomplete"
    assert sim.add_order()["id"] == 100
    with pytest.raises(KeyError):
        sim.order(101)


# === FILTERS, SORTING, PAGING === #


def test_date_filters_compare_instants_in_either_format(sim):
    early, middle, late = orders_at(sim, JAN_1, JAN_1 + 3600, JAN_1 + 7200)
    # 01:00 UTC written as RFC 2822 in another zone, and as ISO 8601.
    rfc = "Wed, 31 Dec 2025 20:00:00 -0500"
    assert ids(get(sim, "v2/orders", min_date_modified=rfc)) == [middle, late]
    iso = "2026-01-01T01:00:00.000+00:00"
    assert ids(get(sim, "v2/orders", max_date_created=iso)) == [early, middle]
    window = {"min_date_created": rfc, "max_date_modified": iso}
    assert ids(get(sim, "v2/orders", **window)) == [middle]
    assert get(sim, "v2/orders/count", **window).json()["count"] == 1


def test_sort_by_date_modified_and_by_id_descending(sim):
    first, second, third = orders_at(sim, JAN_1 + 60, JAN_1, JAN_1 + 30)
    sort = "date_modified:asc"
    assert ids(get(sim, "v2/orders", sort=sort)) == [second, third, first]
    assert ids(get(sim, "v2/orders", sort="id:desc")) == [third, second, first]
    assert get(sim, "v2/orders", sort="total:asc").status_code == 400


def test_pages_end_with_a_204(sim):
    orders_at(sim, *([JAN_1] * 5))
    pages = [get(sim, "v2/orders", limit=2, page=page) for page in (1, 2, 3, 4)]
    assert [ids(page) for page in pages] == [[100, 101], [102, 103], [104], []]
    assert pages[3].status_code == 204 and pages[3].content == b""


def test_status_customer_and_email_filters(sim):
    sim.add_order(status_id=0)
    sim.add_order(customer_id=7, billing_address={"email": "Max@Example.com"})
    # Incomplete orders are listed unless a status filter says otherwise.
    assert ids(get(sim, "v2/orders")) == [100, 101]
    assert ids(get(sim, "v2/orders", status_id=0)) == [100]
    assert ids(get(sim, "v2/orders", customer_id=7)) == [101]
    assert ids(get(sim, "v2/orders", email="max@example.COM")) == [101]
    assert ids(get(sim, "v2/orders", min_id=101, max_id=101)) == [101]
    assert get(sim, "v2/orders", min_id="x").status_code == 400


# === GATEWAY === #


def test_orders_need_the_orders_scope(sim):
    sim.add_order()
    sim.scopes = {"store_v2_orders_read_only", "store_v2_information_read_only"}
    assert get(sim, "v2/orders").status_code == 200
    assert get(sim, "v2/payments/methods").status_code == 200
    sim.scopes = {"store_v2_products"}
    assert get(sim, "v2/orders").status_code == 403
    assert get(sim, "v2/order_statuses").status_code == 403


def test_faults_hit_the_matching_order_page(sim):
    orders_at(sim, *([JAN_1] * 3))
    sim.fail_next(Fault.SERVER_ERROR, path_contains="page=2")
    assert get(sim, "v2/orders", limit=2, page=1).status_code == 200
    assert get(sim, "v2/orders", limit=2, page=2).status_code == 500
    assert ids(get(sim, "v2/orders", limit=2, page=2)) == [102]
    assert sim.count("GET", "/v2/orders") == 3
    statuses = [record.status for record in sim.requests]
    assert statuses == [200, 500, 200]
