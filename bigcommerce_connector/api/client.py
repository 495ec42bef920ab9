"""The BigCommerce REST client: one requests Session per store, no Odoo."""

import json
import logging
import threading
import time
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from . import const
from .errors import decode_body, error_from_response, network_error, redirect_error
from .retry import BigCommerceRetry

_logger = logging.getLogger(__name__)


class TimeoutAdapter(HTTPAdapter):
    """An adapter that gives every request the client's (connect, read) timeout.

    The timeout lives on the transport rather than on each call so no request
    of the session can go without one. (Odoo's test harness also wraps
    ``Session.send`` and cannot compare a ``(connect, read)`` tuple passed there.)
    """

    def __init__(self, timeout, **kwargs):
        self.default_timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, timeout=None, **kwargs):
        return super().send(request, timeout=timeout or self.default_timeout, **kwargs)


class BigCommerceClient:
    """Talks to one BigCommerce store over its REST API (v2 and v3).

    :param store_hash: the store's permanent id (``stores/{store_hash}``)
    :param access_token: the API account's token, sent as ``X-Auth-Token``
    :param api_url: ``https://api.bigcommerce.com`` or another host serving the
        same paths (the test simulator)
    :param timeout: ``(connect, read)`` seconds for every request
    :param max_retries: retries of 5xx, resets and timeouts (idempotent methods)
    :param max_rate_limit_retries: retries after a 429, each after the store's wait
    :param backoff_factor: seconds of the first backoff; doubles each retry
    :param rate_limit_reserve: pause for the window reset when no more than
        this many requests are left in the window, so others sharing the quota
        are not starved and we never hit a 429 ourselves

    ``calls`` counts the requests the flows asked for; ``stats["retries"]`` the
    extra attempts and ``stats["waited"]`` the seconds spent in backoff and
    rate-limit pauses.
    """

    def __init__(
        self,
        store_hash,
        access_token,
        api_url=None,
        timeout=(const.DEFAULT_CONNECT_TIMEOUT, const.DEFAULT_READ_TIMEOUT),
        max_retries=const.DEFAULT_MAX_RETRIES,
        max_rate_limit_retries=const.DEFAULT_MAX_RATE_LIMIT_RETRIES,
        backoff_factor=const.DEFAULT_BACKOFF_FACTOR,
        rate_limit_reserve=0,
    ):
        if not store_hash or not access_token:
            raise ValueError("A store hash and an access token are required.")
        base = (api_url or const.DEFAULT_API_URL).rstrip("/")
        self.base_url = f"{base}/stores/{store_hash.strip()}/"
        self.timeout = timeout
        self.rate_limit_reserve = rate_limit_reserve
        self.calls = 0
        self.stats = {"retries": 0, "waited": 0.0}
        self.rate_limit = {}
        self._pause_until = 0.0
        self._lock = threading.Lock()
        self.session = self._build_session(
            access_token, max_retries, max_rate_limit_retries, backoff_factor
        )

    def _build_session(self, token, max_retries, max_rate_limit_retries, backoff):
        retry = BigCommerceRetry(
            total=None,
            connect=max_retries,
            read=max_retries,
            redirect=0,  # never followed: see request()
            status=None,
            other=0,
            backoff_factor=backoff,
            raise_on_status=False,
            max_server_retries=max_retries,
            max_rate_limit_retries=max_rate_limit_retries,
            stats=self.stats,
        )
        session = requests.Session()
        adapter = TimeoutAdapter(self.timeout, max_retries=retry, pool_maxsize=4)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers.update(
            {
                "X-Auth-Token": token,
                "Accept": "application/json",
                "Content-Type": "application/json",
                "User-Agent": const.USER_AGENT,
            }
        )
        session.hooks["response"].append(self._note_rate_limit)
        return session

    def close(self):
        """Release the pooled connections."""
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # === REQUESTS === #

    def request(self, method, path, params=None, json_body=None):
        """Send one request and return ``(status, decoded body or None)``.

        :param path: relative to the store, e.g. ``v2/store`` or ``v3/catalog/brands``
        :raises BigCommerceError: a typed subclass for every failure
        """
        method = method.upper()
        path = path.lstrip("/")
        self._wait_for_quota()
        with self._lock:
            self.calls += 1
        data = json.dumps(json_body) if json_body is not None else None
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                params=params,
                data=data,
                # requests keeps custom headers (X-Auth-Token) across hosts when
                # it follows a redirect: the token must reach the API host only.
                allow_redirects=False,
            )
        except requests.exceptions.RequestException as exc:
            raise network_error(
                exc, method, path, urlsplit(self.base_url).netloc
            ) from exc
        _logger.debug("BigCommerce %s %s -> %s", method, path, response.status_code)
        if 300 <= response.status_code < 400:
            raise redirect_error(response, method, path)
        body = decode_body(response, method, path)
        if response.status_code >= 400:
            raise error_from_response(response.status_code, body, method, path)
        return response.status_code, body

    def get(self, path, params=None):
        """GET ``path``; returns the decoded body (None for a 204)."""
        return self.request("GET", path, params=params)[1]

    def post(self, path, json_body):
        """POST ``json_body`` to ``path``; never repeated after a server fault."""
        return self.request("POST", path, json_body=json_body)[1]

    def put(self, path, json_body, params=None):
        """PUT ``json_body`` to ``path`` (idempotent, so retried on faults)."""
        return self.request("PUT", path, params=params, json_body=json_body)[1]

    def delete(self, path, params=None):
        """DELETE ``path``."""
        return self.request("DELETE", path, params=params)[1]

    # === RATE LIMITS === #

    def _note_rate_limit(self, response, *args, **kwargs):
        """Remember the quota headers of every answer (requests response hook)."""
        headers = response.headers
        try:
            left = int(headers["X-Rate-Limit-Requests-Left"])
            reset_ms = int(headers["X-Rate-Limit-Time-Reset-Ms"])
        except (KeyError, ValueError):
            return response
        self.rate_limit = {
            "left": left,
            "reset_ms": reset_ms,
            "quota": headers.get("X-Rate-Limit-Requests-Quota"),
        }
        if left <= self.rate_limit_reserve:
            with self._lock:
                self._pause_until = max(
                    self._pause_until, time.monotonic() + reset_ms / 1000.0
                )
        return response

    def _wait_for_quota(self):
        """Sleep until the window resets when the last answer said it is spent."""
        wait = self._pause_until - time.monotonic()
        if wait > 0:
            _logger.info("BigCommerce quota spent: pausing %.2f s", wait)
            with self._lock:
                self.stats["waited"] += wait
            time.sleep(wait)

    # === PAGING AND BATCHES === #

    def iter_v2_pages(self, path, params=None, limit=const.MAX_PAGE_SIZE):
        """Yield the pages (lists) of a v2 collection.

        v2 answers bare arrays; a 204 or an empty page ends the list, and so
        does a short page, which saves the call that would answer 204.
        """
        params = dict(params or {}, limit=limit)
        page = 1
        while True:
            items = self.get(path, params=dict(params, page=page))
            if not items:
                return
            yield items
            if len(items) < limit:
                return
            page += 1

    def iter_v3_pages(self, path, params=None, limit=const.MAX_PAGE_SIZE):
        """Yield the ``data`` lists of a v3 collection, following meta.pagination."""
        params = dict(params or {}, limit=limit)
        page = 1
        while True:
            body = self.get(path, params=dict(params, page=page)) or {}
            items = body.get("data") or []
            if items:
                yield items
            pagination = (body.get("meta") or {}).get("pagination") or {}
            current = pagination.get("current_page", page)
            if not items or current >= pagination.get("total_pages", current):
                return
            page = current + 1

    def iter_v2(self, path, params=None, limit=const.MAX_PAGE_SIZE):
        """Yield every record of a v2 collection."""
        for items in self.iter_v2_pages(path, params, limit):
            yield from items

    def iter_v3(self, path, params=None, limit=const.MAX_PAGE_SIZE):
        """Yield every record of a v3 collection."""
        for items in self.iter_v3_pages(path, params, limit):
            yield from items

    def batch(self, method, path, items, batch_size=None):
        """Send ``items`` to a batch endpoint, split by its batch size.

        Yields ``(chunk, status, body)`` per call: a 207 body carries the
        successes in ``data`` and the failures in ``errors``.

        :raises ValueError: ``path`` is no known batch endpoint and no size given
        """
        size = batch_size or const.BATCH_SIZES.get(path.strip("/"))
        if not size:
            raise ValueError(f"{path} is not a known batch endpoint.")
        for chunk in chunked(items, size):
            status, body = self.request(method, path, json_body=chunk)
            yield chunk, status, body


def chunked(items, size):
    """Split ``items`` into lists of at most ``size`` elements."""
    if size < 1:
        raise ValueError("Batch size must be positive.")
    items = list(items)
    return [items[i : i + size] for i in range(0, len(items), size)]
