"""The simulator's v3 customers: answers checked against customers.v3.yml, behaviour.

Real HTTP to a real simulator; no Odoo. ``getCustomers`` and
``getCustomersAddresses`` answers are validated strictly against the
spec; the rest checks filters, sorting, paging, cursors and seeding.
"""

import pytest

from tests.contract import validate_http, validate_logged_requests, validate_request
from tests.simulator_http import JAN_1, get

CUSTOMERS = "customers.v3"


@pytest.fixture
def sim(sim):
    """The shared simulator (reset before each test), its clock at JAN_1."""
    sim.now = JAN_1
    return sim


def checked(sim, path, **params):
    """GET ``path``; validate request and answer against customers.v3."""
    response = get(sim, path, **params)
    validate_request(CUSTOMERS, "GET", response.url, None)
    validate_http(CUSTOMERS, response)
    return response


def seed_customers(sim, count=3):
    """Seed customers a minute apart, each with one address; return them."""
    customers = []
    for number in range(count):
        sim.now = JAN_1 + 60 * number
        customers.append(
            sim.add_customer(
                f"shopper{number}@example.com",
                f"Shopper{number}",
                "Doe",
                addresses=[{"city": f"Town {number}"}],
            )
        )
    return customers


def ids(response):
    """Return the ids in a v3 answer's data."""
    return [item["id"] for item in response.json()["data"]]


# === ANSWERS AGAINST THE SPEC === #


def test_customer_pages_with_addresses_match_spec(sim):
    seed_customers(sim)
    first = checked(sim, "v3/customers", limit=2, include="addresses,storecredit")
    body = first.json()
    assert set(body["meta"]) == {"pagination", "cursor_pagination"}
    customer = body["data"][0]
    assert customer["addresses"][0]["city"] == "Town 0"
    assert customer["address_count"] == 1
    assert customer["date_created"] == "2026-01-01T00:00:00Z"
    second = checked(sim, "v3/customers", limit=2, page=2)
    assert set(second.json()["meta"]) == {"pagination"}
    assert "addresses" not in second.json()["data"][0]


def test_cursor_pages_match_spec(sim):
    customers = seed_customers(sim)
    first = get(sim, "v3/customers", limit=2).json()["meta"]["cursor_pagination"]
    after = checked(sim, "v3/customers", limit=2, after=first["end_cursor"])
    assert ids(after) == [customers[2]["id"]]
    meta = after.json()["meta"]
    assert (
        set(meta) == {"cursor_pagination"}
        and "next" not in meta["cursor_pagination"]["links"]
    )
    before = get(
        sim, "v3/customers", limit=2, before=meta["cursor_pagination"]["start_cursor"]
    )
    assert ids(before) == [customers[0]["id"], customers[1]["id"]]


def test_addresses_match_spec(sim):
    customers = seed_customers(sim)
    wanted = f"{customers[0]['id']},{customers[2]['id']}"
    response = checked(sim, "v3/customers/addresses", **{"customer_id:in": wanted})
    assert [a["city"] for a in response.json()["data"]] == ["Town 0", "Town 2"]
    assert response.json()["meta"]["pagination"]["total"] == 2


def test_invalid_filter_gets_the_422_of_the_spec(sim):
    response = get(sim, "v3/customers", **{"id:in": "x"})
    validate_http(CUSTOMERS, response)
    assert response.status_code == 422
    assert get(sim, "v3/customers", after="bm9wZQ==").status_code == 422


# === BEHAVIOUR === #


def test_filters_by_id_email_and_date_modified(sim):
    customers = seed_customers(sim)
    second, third = customers[1]["id"], customers[2]["id"]
    assert ids(get(sim, "v3/customers", **{"id:in": f"{second},{third}"})) == [
        second,
        third,
    ]
    by_email = get(sim, "v3/customers", **{"email:in": "SHOPPER1@example.com"})
    assert ids(by_email) == [second]
    since = get(sim, "v3/customers", **{"date_modified:min": "2026-01-01T00:01:00Z"})
    assert ids(since) == [second, third]


def test_update_customer_moves_it_up_the_incremental_sync(sim):
    first, *_ = seed_customers(sim)
    sim.now = JAN_1 + 3600
    sim.update_customer(first["id"], phone="555-0100")
    assert first["date_modified"] == "2026-01-01T01:00:00Z"
    query = {"sort": "date_modified:asc", "date_modified:min": "2026-01-01T00:30:00Z"}
    assert ids(get(sim, "v3/customers", **query)) == [first["id"]]
    descending = get(sim, "v3/customers", sort="date_modified:desc")
    assert ids(descending)[0] == first["id"]
    sim.update_customer(first["id"], date_modified=JAN_1 + 7200)
    assert first["date_modified"] == "2026-01-01T02:00:00Z"


def test_duplicate_email_is_refused(sim):
    sim.add_customer("jane@example.com")
    with pytest.raises(ValueError, match="a customer has the email"):
        sim.add_customer("JANE@example.com")


def test_reset_forgets_customers(sim):
    seed_customers(sim, 1)
    sim.reset()
    assert sim.customers == []
    assert get(sim, "v3/customers").json()["data"] == []
    assert sim.add_customer("new@example.com")["id"] == 11


def test_customers_need_the_customers_scope(sim):
    sim.scopes = {"store_v2_customers_read_only"}
    assert get(sim, "v3/customers").status_code == 200
    sim.scopes = {"store_v2_orders"}
    assert get(sim, "v3/customers").status_code == 403


def test_a_customer_download_sends_requests_the_spec_allows(sim):
    seed_customers(sim)
    params = {"include": "addresses", "limit": 250, "sort": "date_modified:asc"}
    get(sim, "v3/customers", **{"date_modified:min": "2026-01-01T00:00:00Z"}, **params)
    get(sim, "v3/customers/addresses", **{"customer_id:in": "11,12"})
    validate_logged_requests(sim.requests)


def test_a_cursor_whose_customer_left_the_list_pages_on_after_its_id(sim):
    customers = seed_customers(sim, count=4)
    window = {"date_modified:max": "2026-01-01T00:10:00Z", "limit": 2}
    first = get(sim, "v3/customers", **window).json()["meta"]["cursor_pagination"]
    sim.now = JAN_1 + 3600
    sim.update_customer(customers[1]["id"])  # out of the window, to now

    after = checked(sim, "v3/customers", after=first["end_cursor"], **window)

    assert ids(after) == [customers[2]["id"], customers[3]["id"]]


def test_a_sorted_list_refuses_a_cursor_naming_no_listed_customer(sim):
    seed_customers(sim)
    cursor = get(sim, "v3/customers", limit=1).json()["meta"]["cursor_pagination"]

    response = get(
        sim,
        "v3/customers",
        limit=1,
        sort="last_name:asc",
        after=cursor["end_cursor"],
        **{"name:like": "Shopper1"},
    )

    assert response.status_code == 422
