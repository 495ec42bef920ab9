"""The public face of the simulator and the path every request takes.

``handle`` runs, under one lock: rate limit (and injected 429s), other
injected faults, store hash (404), ``X-Auth-Token`` (401), route (404/405),
scope (403), malformed JSON body (400), then the endpoint. Every answer
carries the rate-limit headers and every request is logged before its
answer is written, so a test sees it as soon as its call returns. Image
files (``/images/...``) skip all of it, as a CDN outside the gateway.
"""

import hmac
import threading
import time

from . import (
    endpoints_catalog,
    endpoints_collections,
    endpoints_customers,
    endpoints_inventory,
    endpoints_orders,
    endpoints_products,
    endpoints_settings,
    endpoints_store,
    endpoints_trees,
    endpoints_variants,
)
from .catalog_seeding import CatalogSeedingMixin
from .faults import (
    SERVER_FAULTS,
    Fault,
    FaultQueue,
    RequestHooks,
    malformed,
    server_fault_reply,
)
from .gateway import ALL_SCOPES, MISSING_SCOPE, RateLimiter, scope_granted
from .images import image_reply, is_image_path
from .inventory_seeding import InventorySeedingMixin
from .messages import NOT_FOUND, ApiError, Reply, RequestRecord
from .order_seeding import OrderSeedingMixin
from .router import Router
from .server import ServerThread
from .state import SimState

# Generic collections come last: their patterns match any path.
ENDPOINT_MODULES = (
    endpoints_store,
    endpoints_catalog,
    endpoints_products,
    endpoints_variants,
    endpoints_trees,
    endpoints_orders,
    endpoints_customers,
    endpoints_settings,
    endpoints_inventory,
    endpoints_collections,
)
WRITE_METHODS = ("POST", "PUT", "PATCH")


def build_router(modules=ENDPOINT_MODULES):
    """Return a router with the routes of every endpoint module."""
    router = Router()
    for module in modules:
        module.register(router)
    return router


class BigCommerceSimulator(
    CatalogSeedingMixin, OrderSeedingMixin, InventorySeedingMixin
):
    """A BigCommerce REST API on 127.0.0.1 with state, limits and faults.

    Catalog seeding (``add_product``, ``add_category``, ``add_brand``...)
    comes from :class:`~tests.simulator.catalog_seeding.CatalogSeedingMixin`;
    orders, customers and store settings (``add_order``, ``add_customer``,
    ``payment_methods``...) from
    :class:`~tests.simulator.order_seeding.OrderSeedingMixin`; locations
    and stock levels (``add_location``, ``inventory_level``,
    ``adjustments``...) from
    :class:`~tests.simulator.inventory_seeding.InventorySeedingMixin`.

    :param scopes: granted OAuth scope names; None grants them all
    """

    def __init__(
        self,
        store_hash="sim123",
        access_token="sim-token",
        quota=450,
        window_ms=30000,
        scopes=None,
    ):
        self.store_hash = store_hash
        self._defaults = (access_token, quota, window_ms, scopes)
        self._lock = threading.RLock()
        self._state = SimState(store_hash)
        self._limiter = RateLimiter(quota, window_ms)
        self._faults = FaultQueue()
        self._hooks = RequestHooks()
        self._router = build_router()
        self._server = None
        self._log = []
        self._throttled = 0
        self.access_token = access_token
        self.scopes = set(ALL_SCOPES if scopes is None else scopes)

    # === LIFECYCLE === #

    def start(self):
        """Start serving on a random port; return self."""
        if self._server is None:
            self._server = ServerThread(self)
            self._server.start()
            with self._lock:
                self._state.base_url = self.base_url
                self._state.catalog.rebase_images(self.base_url)
        return self

    def stop(self):
        """Stop serving and close open connections."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def base_url(self):
        """``http://127.0.0.1:<port>``; API paths go after it."""
        if self._server is None:
            raise RuntimeError("the simulator is not started")
        return f"http://127.0.0.1:{self._server.port}"

    def reset(self):
        """Back to a fresh store: defaults, no log, no faults, empty collections,
        catalog, orders and customers, only the default location, no stock."""
        access_token, quota, window_ms, scopes = self._defaults
        with self._lock:
            self._state.reset()
            self._limiter.configure(quota, window_ms)
            self._faults.clear()
            self._hooks.clear()
            self._log.clear()
            self._throttled = 0
            self.access_token = access_token
            self.scopes = set(ALL_SCOPES if scopes is None else scopes)

    # === STATE === #

    @property
    def store_info(self):
        """The dict answered by ``GET /v2/store`` (mutable, replaceable)."""
        return self._state.store_info

    @store_info.setter
    def store_info(self, value):
        self._state.store_info = value

    @property
    def now(self):
        """Epoch seconds answered by ``GET /v2/time``; None means real time."""
        return self._state.now

    @now.setter
    def now(self, value):
        self._state.now = value

    def set_rate_limit(self, quota, window_ms):
        """Set the quota per window; a new window starts with the next request."""
        with self._lock:
            self._limiter.configure(quota, window_ms)

    def seed(self, collection_path, items):
        """Replace a collection (e.g. ``"v3/catalog/brands"``); return it."""
        with self._lock:
            return self._state.seed(collection_path, items)

    def collection(self, collection_path):
        """Return the live list of a collection."""
        return self._state.collection(collection_path)

    def fail_next(self, fault, count=1, path_contains=None, **options):
        """Inject ``fault`` into the next ``count`` requests on a matching path.

        ``path_contains`` is looked for in the path and query string as sent
        (``"/catalog/variants"``, ``"page=3"``).

        Options: ``reset_ms`` and ``retry_after`` (429), ``delay`` (timeout),
        ``after_effect`` (5xx: apply the request's effect, then answer the
        error).
        """
        self._faults.add(fault, count, path_contains, **options)

    def after_request(self, callback, nth=1, path_contains=None):
        """Run ``callback()`` once the ``nth`` request on a matching path was
        answered, before the answer is sent (e.g. edit a record between two
        pages of a download). ``path_contains`` as for :meth:`fail_next`."""
        self._hooks.add(callback, nth, path_contains)

    def reset_faults(self):
        """Forget every injected fault still pending."""
        self._faults.clear()

    # === REQUEST LOG === #

    @property
    def requests(self):
        """A snapshot of the request log, oldest first."""
        with self._lock:
            return list(self._log)

    def count(self, method=None, path_contains=None):
        """Count logged requests by method and path substring."""
        return sum(
            1
            for record in self.requests
            if (method is None or record.method == method.upper())
            and (path_contains is None or path_contains in record.path)
        )

    def reset_log(self):
        """Empty the request log (and nothing else)."""
        with self._lock:
            self._log.clear()

    @property
    def throttled(self):
        """How many 429s the quota caused (injected ones are not counted)."""
        return self._throttled

    # === REQUEST PIPELINE === #

    def handle(self, request):
        """Answer one parsed request (called by the HTTP layer); log it."""
        if request.store_hash is None and is_image_path(request.path):
            with self._lock:
                return image_reply(self._state.catalog, request.method, request.path)
        with self._lock:
            now = time.monotonic()
            reply, fault, options = self._admit(request, now)
            if reply is None:
                reply = self._with_fault(request, fault, options)
                reply.headers.update(self._limiter.headers(now))
            self._record(request, reply)
            for callback in self._hooks.due(request.target or request.path):
                callback()
        return reply

    def _admit(self, request, now):
        """Apply the quota; return ``(429 reply or None, fault, options)``."""
        pending = self._faults.peek(request.target or request.path)
        if pending is not None and pending.fault is Fault.RATE_LIMIT:
            options = self._faults.consume(pending)
            self._limiter.roll(now)
            reply = self._limiter.too_many_requests(
                now, options["reset_ms"], options["retry_after"]
            )
            return reply, None, {}
        if not self._limiter.admit(now):
            self._throttled += 1
            return self._limiter.too_many_requests(now), None, {}
        if pending is None:
            return None, None, {}
        return None, pending.fault, self._faults.consume(pending)

    def _with_fault(self, request, fault, options):
        """Answer the request, bent by the injected ``fault`` if any."""
        if fault is Fault.DROP:
            return Reply(0, drop=True)
        if fault is Fault.REDIRECT:
            return Reply(options["status"], headers={"Location": options["location"]})
        if fault in SERVER_FAULTS:
            if options["after_effect"]:
                self._route(request)
            return server_fault_reply(fault, request.version)
        reply = self._route(request)
        if fault is Fault.MALFORMED:
            return malformed(reply)
        if fault is Fault.TIMEOUT:
            reply.delay = options["delay"]
        return reply

    def _route(self, request):
        """Authenticate, authorise and run the endpoint; errors as replies."""
        try:
            return self._dispatch(request)
        except ApiError as error:
            return error.reply(request.version)

    def _dispatch(self, request):
        """Raise the first gateway error, else return the endpoint's reply."""
        if request.store_hash != self.store_hash:
            raise ApiError(404, NOT_FOUND)
        token = request.header("X-Auth-Token") or ""
        if not hmac.compare_digest(token.encode(), str(self.access_token).encode()):
            raise ApiError(401, "Unauthorized")
        route, params, path_known = self._router.resolve(
            self._state, request.method, request.api_path
        )
        if route is None:
            raise (
                ApiError(405, "Method Not Allowed")
                if path_known
                else ApiError(404, NOT_FOUND)
            )
        if not scope_granted(self.scopes, request.method, request.api_path):
            raise ApiError(403, MISSING_SCOPE)
        if request.body_invalid and request.method in WRITE_METHODS:
            raise ApiError(400, "Input is invalid", detail="Syntax error")
        return route.handler(self._state, request, **params)

    def _record(self, request, reply):
        """Append the request and the status it got to the log."""
        record = RequestRecord(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            body=request.body,
            headers=dict(request.headers),
            status=reply.status,
            at=request.received_at,
        )
        self._log.append(record)
