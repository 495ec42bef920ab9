"""The simulator's own behaviour: rate limits, faults, request log, reset.

Real HTTP to a real simulator; no Odoo and no spec files. Shapes against
the official specs are checked in test_simulator_contract.py.
"""

import json
import time

import pytest
import requests

from tests.simulator import Fault
from tests.simulator_http import TOKEN, call

BRANDS = "v3/catalog/brands"


def rate_headers(response):
    """Return ``(left, reset_ms, quota, window_ms)`` as integers."""
    names = ("Requests-Left", "Time-Reset-Ms", "Requests-Quota", "Time-Window-Ms")
    return tuple(int(response.headers[f"X-Rate-Limit-{name}"]) for name in names)


# === RATE LIMITS === #


def test_rate_limit_headers_count_down_on_every_answer(sim):
    sim.set_rate_limit(quota=5, window_ms=2000)
    answers = [call(sim, "GET", path) for path in ("v2/store", "v2/nope", "v2/time")]
    assert [r.status_code for r in answers] == [200, 404, 200]
    assert [rate_headers(r)[0] for r in answers] == [4, 3, 2]
    assert all(rate_headers(r)[2:] == (5, 2000) for r in answers)
    assert 0 < rate_headers(answers[-1])[1] <= 2000


def test_quota_exceeded_gets_429_until_the_window_ends(sim):
    sim.set_rate_limit(quota=2, window_ms=400)
    call(sim, "GET", "v2/time")
    call(sim, "GET", "v2/time")
    throttled = call(sim, "GET", "v2/time")
    assert throttled.status_code == 429
    assert throttled.headers["X-Retry-After"] == "1"
    assert rate_headers(throttled)[0] == 0
    assert sim.throttled == 1
    time.sleep(rate_headers(throttled)[1] / 1000 + 0.02)
    again = call(sim, "GET", "v2/time")
    assert again.status_code == 200 and rate_headers(again)[0] == 1


def test_injected_429_is_not_counted_as_throttled(sim):
    sim.fail_next(Fault.RATE_LIMIT, reset_ms=1500)
    response = call(sim, "GET", "v2/store")
    assert response.status_code == 429
    assert response.headers["X-Retry-After"] == "2"
    assert rate_headers(response)[:2] == (0, 1500)
    assert sim.throttled == 0
    assert call(sim, "GET", "v2/store").status_code == 200


# === FAULTS === #


@pytest.mark.parametrize("fault", ["500", "502", "503"])
def test_server_faults_answer_their_status_in_the_version_shape(sim, fault):
    sim.fail_next(fault, count=2)
    v3 = call(sim, "GET", BRANDS)
    v2 = call(sim, "GET", "v2/store")
    assert v3.status_code == v2.status_code == int(fault)
    assert v3.json()["status"] == int(fault)
    assert v2.json()[0]["status"] == int(fault)
    assert call(sim, "GET", "v2/store").status_code == 200


def test_timeout_fault_answers_after_the_delay(sim):
    sim.fail_next(Fault.TIMEOUT, delay=0.3)
    started = time.monotonic()
    assert call(sim, "GET", "v2/time").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_timeout_fault_makes_a_short_client_timeout_fire(sim):
    sim.fail_next(Fault.TIMEOUT, delay=0.3)
    with pytest.raises(requests.ReadTimeout):
        call(sim, "GET", "v2/time", timeout=0.1)


def test_drop_fault_closes_the_connection_without_an_answer(sim):
    sim.fail_next(Fault.DROP)
    with pytest.raises(requests.ConnectionError):
        call(sim, "GET", "v2/store")
    assert sim.requests[-1].status == 0
    assert call(sim, "GET", "v2/store").status_code == 200


def test_malformed_fault_answers_200_with_invalid_json(sim):
    sim.fail_next(Fault.MALFORMED)
    response = call(sim, "GET", "v2/store")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Content-Length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_path_contains_targets_only_matching_requests(sim):
    sim.fail_next("503", count=2, path_contains="/v2/time")
    assert call(sim, "GET", "v2/store").status_code == 200
    assert call(sim, "GET", "v2/time").status_code == 503
    assert call(sim, "GET", "v2/store").status_code == 200
    assert call(sim, "GET", "v2/time").status_code == 503
    assert call(sim, "GET", "v2/time").status_code == 200


def test_post_with_an_injected_500_creates_nothing(sim):
    sim.fail_next(Fault.SERVER_ERROR)
    assert call(sim, "POST", BRANDS, json={"name": "Acme"}).status_code == 500
    assert sim.collection(BRANDS) == []
    assert sim.requests[-1].status == 500


def test_post_with_a_500_after_effect_creates_the_brand(sim):
    sim.fail_next(Fault.SERVER_ERROR, after_effect=True)
    assert call(sim, "POST", BRANDS, json={"name": "Acme"}).status_code == 500
    assert [b["name"] for b in sim.collection(BRANDS)] == ["Acme"]
    retry = call(sim, "POST", BRANDS, json={"name": "Acme"})
    assert retry.status_code == 409


def test_unknown_fault_option_is_refused(sim):
    with pytest.raises(ValueError, match="delay"):
        sim.fail_next(Fault.DROP, delay=1)


def test_a_hook_runs_after_the_nth_matching_request_is_answered(sim):
    sim.seed(BRANDS, [{"name": "Acme"}])
    sim.after_request(lambda: sim.seed(BRANDS, []), nth=2, path_contains="/brands")
    call(sim, "GET", "v2/store")
    first, second, third = (call(sim, "GET", BRANDS) for _ in range(3))
    counts = [len(answer.json()["data"]) for answer in (first, second, third)]
    assert counts == [1, 1, 0]  # the second answer was written before the hook


def test_reset_forgets_pending_hooks(sim):
    sim.after_request(lambda: sim.seed(BRANDS, []))
    sim.reset()
    sim.seed(BRANDS, [{"name": "Acme"}])
    call(sim, "GET", BRANDS)
    assert len(call(sim, "GET", BRANDS).json()["data"]) == 1


# === HTTP, AUTH AND ROUTING === #


def test_keep_alive_serves_a_session_on_one_connection(sim):
    with requests.Session() as session:
        for _ in range(3):
            assert call(sim, "GET", "v2/time", session=session).status_code == 200
        pool = session.get_adapter(sim.base_url).poolmanager
        assert pool.connection_from_url(sim.base_url).num_connections == 1


def test_token_is_checked_and_can_change(sim):
    sim.access_token = "rotated"
    assert call(sim, "GET", "v2/store").status_code == 401
    sim.reset()
    assert call(sim, "GET", "v2/store").status_code == 200


def test_read_only_scope_allows_reads_only(sim):
    sim.scopes = {"store_v2_products_read_only"}
    assert call(sim, "GET", BRANDS).status_code == 200
    assert call(sim, "POST", BRANDS, json={"name": "Acme"}).status_code == 403
    assert call(sim, "GET", "v2/store").status_code == 403


def test_unsupported_method_on_a_known_path_is_405(sim):
    assert call(sim, "DELETE", "v2/tax_classes").status_code == 405


# === COLLECTIONS === #


def test_v2_paging_ends_with_204(sim):
    sim.seed("v2/tax_classes", [{"name": f"Class {n}"} for n in range(1, 4)])
    pages = [
        call(sim, "GET", "v2/tax_classes", params={"page": page, "limit": 2})
        for page in (1, 2, 3)
    ]
    assert [r.status_code for r in pages] == [200, 200, 204]
    assert [len(r.json()) for r in pages[:2]] == [2, 1]
    assert pages[2].content == b""
    assert sim.collection("v2/tax_classes")[2]["id"] == 3


def test_limit_250_is_allowed_and_251_is_413(sim):
    sim.seed(BRANDS, [{"name": f"Brand {n}"} for n in range(300)])
    full = call(sim, "GET", BRANDS, params={"limit": 250})
    assert len(full.json()["data"]) == 250
    assert call(sim, "GET", BRANDS, params={"limit": 251}).status_code == 413
    assert call(sim, "GET", "v2/tax_classes?limit=251").status_code == 413


def test_v3_links_keep_the_callers_filters(sim):
    sim.seed(BRANDS, [{"name": f"Brand {n}"} for n in range(5)])
    response = call(sim, "GET", BRANDS, params={"include_fields": "name", "limit": 2})
    links = response.json()["meta"]["pagination"]["links"]
    assert links == {
        "current": "?include_fields=name&page=1&limit=2",
        "next": "?include_fields=name&page=2&limit=2",
    }


def test_seeded_items_are_copies_and_the_collection_is_live(sim):
    rows = [{"id": 7, "name": "Acme"}]
    sim.seed(BRANDS, rows)
    rows[0]["name"] = "Changed"
    sim.collection(BRANDS).append({"id": 8, "name": "Added"})
    names = [b["name"] for b in call(sim, "GET", BRANDS).json()["data"]]
    assert names == ["Acme", "Added"]


# === REQUEST LOG AND RESET === #


def test_request_log_records_each_request(sim):
    call(sim, "POST", BRANDS, params={"x": "1"}, json={"name": "Acme"})
    call(sim, "GET", BRANDS, params={"page": "1", "limit": "5"})
    post, get = sim.requests
    assert (post.method, post.path, post.query) == (
        "POST",
        "/stores/sim123/v3/catalog/brands",
        {"x": "1"},
    )
    assert (post.body, post.status, post.headers["X-Auth-Token"]) == (
        {"name": "Acme"},
        200,
        TOKEN,
    )
    assert (get.query, get.body, get.status) == ({"page": "1", "limit": "5"}, None, 200)
    assert post.at <= get.at
    assert sim.count() == 2 and sim.count("post") == 1
    assert sim.count(path_contains="/brands") == 2
    assert sim.count("GET", "/v2/") == 0


def test_reset_restores_a_fresh_store(sim):
    sim.set_rate_limit(quota=1, window_ms=60000)
    sim.seed(BRANDS, [{"name": "Acme"}])
    sim.seed("v2/orders", [{"id": 1}])
    sim.store_info["name"] = "Renamed"
    sim.scopes = set()
    sim.now = 12
    sim.fail_next(Fault.SERVER_ERROR)
    call(sim, "GET", "v2/store")
    call(sim, "GET", "v2/store")
    sim.reset()
    assert (sim.requests, sim.throttled, sim.now) == ([], 0, None)
    assert sim.collection(BRANDS) == []
    with pytest.raises(KeyError):
        sim.collection("v2/orders")
    store = call(sim, "GET", "v2/store")
    assert store.status_code == 200 and store.json()["name"] == "Simulated Store"
    assert rate_headers(store)[2:] == (450, 30000)
