"""The pure-Python client against the simulator over real HTTP (no Odoo)."""

import http.server
import logging
import socket
import threading

import pytest

from odoo.addons.bigcommerce_connector.api import (
    AuthenticationError,
    BigCommerceClient,
    BigCommerceError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
    chunked,
)
from odoo.addons.bigcommerce_connector.api.const import BATCH_SIZES

from tests.contract import validate_logged_requests
from tests.simulator import BigCommerceSimulator

HASH, TOKEN = "sim123", "client-test-token"


@pytest.fixture(scope="module")
def simulator():
    sim = BigCommerceSimulator(store_hash=HASH, access_token=TOKEN).start()
    yield sim
    sim.stop()


@pytest.fixture
def sim(simulator):
    simulator.reset()
    return simulator


@pytest.fixture
def client(sim):
    with BigCommerceClient(
        HASH, TOKEN, api_url=sim.base_url, timeout=(1.0, 0.5), backoff_factor=0.01
    ) as bc_client:
        yield bc_client


def tax_classes(count):
    return [{"id": i, "name": f"Class {i}"} for i in range(1, count + 1)]


def brands(count):
    return [{"id": i, "name": f"Brand {i}"} for i in range(1, count + 1)]


# === PAGING === #


def test_v2_paging_reads_three_pages_and_ends_on_204(sim, client):
    sim.seed("v2/tax_classes", tax_classes(500))

    pages = list(client.iter_v2_pages("v2/tax_classes"))

    assert [len(page) for page in pages] == [250, 250]
    assert [r.query.get("page") for r in sim.requests] == ["1", "2", "3"]
    assert [r.status for r in sim.requests] == [200, 200, 204]
    assert {r.query.get("limit") for r in sim.requests} == {"250"}


def test_v2_paging_stops_on_a_short_page(sim, client):
    sim.seed("v2/tax_classes", tax_classes(260))

    records = list(client.iter_v2("v2/tax_classes"))

    assert len(records) == 260
    assert sim.count("GET") == 2


def test_v3_paging_follows_meta_pagination(sim, client):
    sim.seed("v3/catalog/brands", brands(120))

    records = list(client.iter_v3("v3/catalog/brands", limit=50))

    assert [b["id"] for b in records] == list(range(1, 121))
    assert [r.query.get("page") for r in sim.requests] == ["1", "2", "3"]


def test_v3_paging_of_an_empty_collection_makes_one_call(sim, client):
    sim.seed("v3/catalog/brands", [])

    assert list(client.iter_v3("v3/catalog/brands")) == []
    assert sim.count() == 1


# === RETRIES === #


def test_bad_gateway_then_success_succeeds(sim, client):
    sim.fail_next("502")

    assert client.get("v2/store")["name"]
    assert [r.status for r in sim.requests] == [502, 200]
    assert client.calls == 1
    assert client.stats["retries"] == 1


def test_endless_503_gives_up_after_the_bounded_retries(sim, client):
    sim.fail_next("503", count=100)

    with pytest.raises(ServerError, match="503 after the bounded retries"):
        client.get("v2/store")
    assert sim.count() == 1 + 5


def test_post_that_got_a_500_is_not_sent_twice(sim, client):
    sim.seed("v3/catalog/brands", [])
    sim.fail_next("500", after_effect=True)

    with pytest.raises(ServerError):
        client.post("v3/catalog/brands", {"name": "Acme"})
    assert sim.count("POST") == 1
    assert len(sim.collection("v3/catalog/brands")) == 1


def test_post_with_a_dropped_connection_is_not_sent_twice(sim, client):
    sim.seed("v3/catalog/brands", [])
    sim.fail_next("drop")

    with pytest.raises(NetworkError):
        client.post("v3/catalog/brands", {"name": "Acme"})
    assert sim.count("POST") == 1


def test_get_after_a_dropped_connection_is_retried(sim, client):
    sim.fail_next("drop")

    assert client.get("v2/time")["time"] > 0
    assert sim.count("GET") == 2


def test_read_timeout_then_success_succeeds(sim, client):
    sim.fail_next("timeout", delay=1.0)

    assert client.get("v2/time")["time"] > 0
    assert sim.count("GET") == 2


def test_endless_timeouts_give_a_network_error(sim):
    sim.fail_next("timeout", count=10, delay=0.5)
    with BigCommerceClient(
        HASH,
        TOKEN,
        api_url=sim.base_url,
        timeout=(1, 0.2),
        max_retries=2,
        backoff_factor=0.01,
    ) as client:
        with pytest.raises(NetworkError, match="did not answer in time"):
            client.get("v2/time")
    assert sim.count("GET") == 3


def test_unreachable_host_gives_a_network_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = BigCommerceClient(
        HASH,
        TOKEN,
        api_url=f"http://127.0.0.1:{port}",
        max_retries=1,
        backoff_factor=0.01,
    )
    with pytest.raises(NetworkError, match="could not be reached") as caught:
        client.get("v2/store")
    # A sentence for a person: where, and what to check; no urllib3 reprs.
    assert f"at 127.0.0.1:{port} (GET v2/store)" in caught.value.message
    assert "object at 0x" not in caught.value.message
    assert "Error(" not in caught.value.message


def test_malformed_body_gives_a_server_error(sim, client):
    sim.fail_next("malformed")

    with pytest.raises(ServerError, match="not valid JSON"):
        client.get("v2/store")


# === RATE LIMITS === #


def test_429_then_success_waits_the_reset_time(sim, client):
    sim.fail_next("429", reset_ms=300)

    client.get("v2/store")

    first, second = sim.requests
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.3
    assert client.stats["waited"] >= 0.3


def test_429_waits_the_retry_after_seconds_when_longer_than_the_reset(sim, client):
    sim.fail_next("429", reset_ms=50, retry_after=1)

    client.get("v2/store")

    first, second = sim.requests
    assert second.at - first.at >= 1.0


def test_429_waits_the_reset_time_when_longer_than_the_retry_after(sim, client):
    sim.fail_next("429", reset_ms=1200, retry_after=0)

    client.get("v2/store")

    first, second = sim.requests
    assert second.at - first.at >= 1.2


def test_429_on_a_post_is_retried_because_nothing_was_done(sim, client):
    sim.seed("v3/catalog/brands", [])
    sim.fail_next("429", reset_ms=50)

    client.post("v3/catalog/brands", {"name": "Acme"})

    assert [r.status for r in sim.requests] == [429, 200]
    assert len(sim.collection("v3/catalog/brands")) == 1


def test_endless_429_gives_a_rate_limit_error(sim):
    sim.fail_next("429", count=100, reset_ms=10)
    with BigCommerceClient(
        HASH,
        TOKEN,
        api_url=sim.base_url,
        max_rate_limit_retries=3,
        backoff_factor=0.01,
    ) as client:
        with pytest.raises(RateLimitError, match="429"):
            client.get("v2/store")
    assert sim.count() == 4


def test_quota_of_10_serves_35_requests_without_a_429(sim, client):
    sim.set_rate_limit(quota=10, window_ms=500)

    for _ in range(35):
        client.get("v2/time")

    assert sim.count() == 35
    assert sim.throttled == 0
    assert {r.status for r in sim.requests} == {200}
    assert client.stats["waited"] > 0


# === ERRORS === #


def test_bad_token_is_an_authentication_error(sim, client):
    sim.access_token = "rotated"

    with pytest.raises(AuthenticationError, match="access token") as caught:
        client.get("v2/store")
    assert caught.value.status == 401


def test_missing_scope_names_the_scope(sim, client):
    sim.scopes = {"store_v2_orders"}

    with pytest.raises(AuthenticationError) as caught:
        client.get("v3/catalog/brands")
    assert caught.value.status == 403
    assert caught.value.missing_scope == "store_v2_products"
    assert "store_v2_products" in caught.value.message


def test_unknown_record_is_not_found(sim, client):
    sim.seed("v3/catalog/brands", brands(1))

    with pytest.raises(NotFoundError):
        client.get("v3/catalog/brands/999")


def test_validation_error_carries_bigcommerce_message(sim, client):
    sim.seed("v3/catalog/brands", brands(1))

    with pytest.raises(ValidationError) as caught:
        client.post("v3/catalog/brands", {"name": "Brand 1"})
    assert caught.value.status == 409
    assert sim.count("POST") == 1


def test_missing_field_is_a_validation_error_with_the_field(sim, client):
    sim.seed("v3/catalog/brands", [])

    with pytest.raises(ValidationError) as caught:
        client.post("v3/catalog/brands", {"page_title": "no name"})
    assert caught.value.status == 422
    assert "name" in caught.value.errors


def test_page_size_over_250_is_refused(sim, client):
    sim.seed("v2/tax_classes", tax_classes(3))

    with pytest.raises(ValidationError, match="250"):
        client.get("v2/tax_classes", params={"limit": 251})


# === THE TOKEN STAYS WITH THE API HOST === #


@pytest.fixture
def other_host():
    """A plain HTTP server on another port that records the headers it gets."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(dict(self.headers))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"data": []}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_with_the_token(sim, client, other_host, status):
    url, seen = other_host
    sim.fail_next("redirect", location=f"{url}/steal", status=status)
    with pytest.raises(BigCommerceError) as caught:
        client.get("v3/catalog/brands")
    assert seen == []  # the other host got nothing, so not the token
    assert "redirect" in caught.value.message
    assert "127.0.0.1:" in caught.value.message
    assert TOKEN not in caught.value.message
    assert sim.count() == 1


def test_a_redirect_to_the_same_path_is_not_retried_either(sim, client):
    sim.fail_next("redirect", location=f"{sim.base_url}/stores/{HASH}/v2/store")
    with pytest.raises(BigCommerceError, match="HTTP 302"):
        client.get("v2/store")
    assert sim.count() == 1


# === BATCHES, COUNTS, LOGS === #


def test_chunked_splits_by_the_endpoint_batch_size():
    chunks = chunked(range(120), BATCH_SIZES["v3/catalog/variants"])

    assert [len(chunk) for chunk in chunks] == [50, 50, 20]
    assert BATCH_SIZES["v3/inventory/adjustments/absolute"] == 2000
    with pytest.raises(ValueError):
        chunked([1], 0)


def test_batch_refuses_an_endpoint_without_a_batch_size(client):
    with pytest.raises(ValueError, match="not a known batch endpoint"):
        list(client.batch("POST", "v3/catalog/brands", [{"name": "B"}]))


def test_calls_are_counted(sim, client):
    sim.seed("v2/tax_classes", tax_classes(10))

    client.get("v2/store")
    list(client.iter_v2("v2/tax_classes"))

    assert client.calls == 2


def test_the_token_is_never_logged(sim, client, caplog):
    sim.fail_next("503", count=100)
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ServerError):
        client.get("v2/store")

    assert caplog.records
    assert TOKEN not in caplog.text


def test_every_request_the_client_sends_matches_the_specs(sim, client):
    sim.seed("v2/tax_classes", tax_classes(300))
    sim.seed("v3/catalog/brands", brands(60))

    client.get("v2/store")
    client.get("v2/time")
    list(client.iter_v2("v2/tax_classes"))
    list(client.iter_v3("v3/catalog/brands", limit=50))
    client.get("v3/catalog/brands/1")
    client.post("v3/catalog/brands", {"name": "Acme", "meta_keywords": ["acme"]})

    assert sim.count() == 8
    validate_logged_requests(sim.requests)
