"""Customers and addresses parsed once: the simulator's bodies over HTTP, no Odoo.

A v3 customer and the addresses of a v2 order become frozen dataclasses; a
value that cannot be read raises PayloadError naming its field and value.
"""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.bigcommerce_connector.sync.core.values import PayloadError
from odoo.addons.bigcommerce_connector.sync.customers.mapping import (
    customer_from_order,
    customer_from_v3,
)
from odoo.addons.bigcommerce_connector.sync.customers.payload import (
    Address,
    parse_customer,
    parse_v2_address,
)
from odoo.addons.bigcommerce_connector.sync.orders.payload import parse_order

from tests.simulator_http import JAN_1, get

DOCK = {"address1": "1 Dock Road", "city": "Houston", "postal_code": "77001"}
PIER = {"address1": "9 Pier", "country_code": "gb", "country": "United Kingdom"}


@pytest.fixture
def sim(sim):
    """The shared simulator (reset before each test), its clock at JAN_1."""
    sim.now = JAN_1
    return sim


def customer_bodies(sim):
    """``GET /v3/customers?include=addresses``: the page's ``data``."""
    response = get(sim, "v3/customers", include="addresses")
    response.raise_for_status()
    return response.json()["data"]


def seeded(sim):
    sim.add_customer(
        "Jane@Example.com",
        company="Acme Inc",
        phone="512-555-0101",
        addresses=[{}, DOCK, PIER],
    )
    return customer_bodies(sim)[0]


# === V3 CUSTOMERS === #


def test_a_customer_and_its_addresses_are_read(sim):
    body = seeded(sim)

    customer = parse_customer(body)

    assert customer.id == body["id"]
    assert (customer.email, customer.first_name, customer.last_name) == (
        "Jane@Example.com",
        "Jane",
        "Doe",
    )
    assert (customer.company, customer.phone) == ("Acme Inc", "512-555-0101")
    assert customer.date_modified == datetime(2026, 1, 1)
    assert [a.street for a in customer.addresses] == [
        "455 Main Street",
        "1 Dock Road",
        "9 Pier",
    ]
    assert [a.id for a in customer.addresses] == [
        item["id"] for item in body["addresses"]
    ]
    dock = customer.addresses[1]
    assert (dock.city, dock.zip, dock.state, dock.country_code) == (
        "Houston",
        "77001",
        "Texas",
        "US",
    )


def test_the_customer_wins_over_its_first_address_and_is_normalised(sim):
    data = customer_from_v3(parse_customer(seeded(sim)))

    assert data.email == "jane@example.com"
    assert data.address.email == "jane@example.com"
    assert (data.address.company, data.address.phone) == ("Acme Inc", "512-555-0101")
    assert data.address.street == "455 Main Street"
    assert [address.country_code for _id, address in data.shipping] == [
        "US",
        "US",
        "GB",
    ]


def test_a_customer_without_addresses_has_a_blank_one():
    data = customer_from_v3(parse_customer({"id": 11, "email": " A@B.com "}))

    assert data.shipping == []
    assert data.address.email == "a@b.com"
    assert data.address.street == ""


def test_a_tax_exempt_category_makes_the_customer_tax_exempt(sim):
    sim.add_customer("a@example.com", tax_exempt_category=" Non-profit ")
    sim.add_customer("b@example.com")
    exempt, plain = map(parse_customer, customer_bodies(sim))

    assert exempt.tax_exempt_category == "Non-profit"
    assert customer_from_v3(exempt).tax_exempt is True
    assert customer_from_v3(plain).tax_exempt is False


def test_an_order_does_not_say_whether_its_customer_is_tax_exempt():
    order = parse_order({"id": 1, "customer_id": 7, "billing_address": {}})

    assert customer_from_order(order).tax_exempt is None


MALFORMED = [
    ("id", "eleven", lambda b, v: b.update(id=v)),
    ("id", None, lambda b, v: b.update(id=v)),
    ("email", ["jane@example.com"], lambda b, v: b.update(email=v)),
    ("date_modified", "soon", lambda b, v: b.update(date_modified=v)),
    ("addresses", {"address1": "9 Pier"}, lambda b, v: b.update(addresses=v)),
    ("addresses[2]", "9 Pier", lambda b, v: b["addresses"].__setitem__(2, v)),
    (
        "addresses[2].country_code",
        {"alpha2": "GB"},
        lambda b, v: b["addresses"][2].update(country_code=v),
    ),
    ("addresses[1].id", "fifty", lambda b, v: b["addresses"][1].update(id=v)),
    (
        "addresses[0].postal_code",
        False,
        lambda b, v: b["addresses"][0].update(postal_code=v),
    ),
]


@pytest.mark.parametrize(
    ("field", "value", "put"),
    MALFORMED,
    ids=[f"{case[0]}={case[1]!r}" for case in MALFORMED],
)
def test_a_malformed_customer_field_is_named_with_its_value(sim, field, value, put):
    body = seeded(sim)
    put(body, value)

    with pytest.raises(PayloadError) as caught:
        parse_customer(body)

    assert (caught.value.field, caught.value.value) == (field, value)
    assert str(caught.value).startswith(f"{field}: {value!r} is not ")


def test_a_customer_body_that_is_not_an_object_is_named():
    with pytest.raises(PayloadError) as caught:
        parse_customer("jane@example.com")

    assert caught.value.field == "customer"


# === V2 ORDER ADDRESSES === #


def test_an_orders_billing_and_shipping_addresses_are_read(sim):
    stored = sim.add_order(
        customer_id=7,
        shipping_addresses=[{"street_1": "9 Pier"}, {"street_1": "1 Dock Road"}],
    )
    response = get(
        sim,
        f"v2/orders/{stored['id']}",
        include="consignments.line_items",
        consignment_structure="object",
    )

    data = customer_from_order(parse_order(response.json()))

    billing = stored["billing_address"]
    assert data.customer_id == 7
    assert data.email == billing["email"].lower()
    assert (data.address.street, data.address.country_code) == (
        billing["street_1"],
        billing["country_iso2"],
    )
    assert [(i, a.street) for i, a in data.shipping] == [
        (address["id"], address["street_1"]) for address in stored["shipping_addresses"]
    ]


def test_an_order_address_that_is_not_an_object_is_named():
    with pytest.raises(PayloadError) as caught:
        parse_order({"id": 7, "billing_address": ["Jane", "Doe"]})

    assert (caught.value.field, caught.value.value) == (
        "billing_address",
        ["Jane", "Doe"],
    )


def test_a_zip_sent_as_a_number_is_read_as_text():
    assert parse_v2_address({"zip": 78751}).zip == "78751"


@given(st.text(max_size=30), st.text(max_size=30))
def test_address_texts_are_kept_as_sent_but_stripped(street, city):
    address = parse_v2_address({"street_1": street, "city": city})

    assert address == Address(street=street.strip(), city=city.strip())
