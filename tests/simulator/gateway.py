"""What the API gateway checks before an endpoint runs: rate limit and scopes.

Rate limits follow FACTS.md §2: a fixed window that starts with the first
request after the previous window ended, one unit per answered request,
and the ``X-Rate-Limit-*`` headers on every answer. Scopes follow the
``X-Auth-Token`` security scheme of each spec (FACTS.md §1); a GET is also
allowed with the ``_read_only`` variant of a scope.
"""

import math
import re

from .messages import Reply, v3_error_body

# First match wins; a request may use any one of the listed scopes. Paths
# without a rule (e.g. v3/hooks, which needs no scope) are open to any token.
SCOPE_RULES = tuple(
    (re.compile(pattern), scopes)
    for pattern, scopes in (
        (r"v2/(store|time|tax_classes|shipping)(/.*)?", ("store_v2_information",)),
        # methods_payments.v2.yml names store_payments_methods_read under the
        # UI name "Information & Settings", which is store_v2_information
        # everywhere else (FACTS.md §1): accept either.
        (
            r"v2/payments/methods(/.*)?",
            ("store_v2_information", "store_payments_methods_read"),
        ),
        (r"v2/(orders|order_statuses)(/.*)?", ("store_v2_orders",)),
        (
            r"v3/orders/([^/]+/)?(payment_actions|transactions)(/.*)?",
            ("store_v2_orders", "store_v2_transactions"),
        ),
        (r"v3/orders(/.*)?", ("store_v2_orders",)),
        (r"v3/catalog(/.*)?", ("store_v2_products",)),
        (r"v3/customers(/.*)?", ("store_v2_customers",)),
        (r"v3/inventory/locations/[^/]+/items", ("store_inventory",)),
        # locations.v3.yml names store_locations; FACTS.md §1 says
        # store_inventory also covers locations: accept either.
        (r"v3/inventory/locations(/.*)?", ("store_locations", "store_inventory")),
        (r"v3/inventory(/.*)?", ("store_inventory",)),
    )
)
ALL_SCOPES = frozenset(
    name
    for _pattern, scopes in SCOPE_RULES
    for scope in scopes
    for name in (scope, f"{scope}_read_only")
)
MISSING_SCOPE = "You don't have a required scope to access the endpoint"


def required_scopes(api_path):
    """Return the scopes of which one grants ``api_path`` (empty: no scope)."""
    for pattern, scopes in SCOPE_RULES:
        if pattern.fullmatch(api_path):
            return scopes
    return ()


def scope_granted(granted, method, api_path):
    """Tell whether the ``granted`` scopes (None: all) allow a request."""
    needed = required_scopes(api_path)
    if granted is None or not needed:
        return True
    for scope in needed:
        if scope in granted:
            return True
        if method == "GET" and f"{scope}_read_only" in granted:
            return True
    return False


class RateLimiter:
    """A fixed-window request quota shared by every client of the store."""

    def __init__(self, quota, window_ms):
        self.quota = quota
        self.window_ms = window_ms
        self.window_start = None
        self.used = 0

    def configure(self, quota, window_ms):
        """Set a new quota and window size and start afresh."""
        self.quota = quota
        self.window_ms = window_ms
        self.window_start = None
        self.used = 0

    def roll(self, now):
        """Open a new window if none is running at monotonic time ``now``."""
        start = self.window_start
        if start is None or now >= start + self.window_ms / 1000.0:
            self.window_start = now
            self.used = 0

    def admit(self, now):
        """Count one request; return False when the quota is exhausted."""
        self.roll(now)
        if self.used >= self.quota:
            return False
        self.used += 1
        return True

    def reset_ms(self, now):
        """Return the whole milliseconds left in the current window."""
        elapsed_ms = (now - self.window_start) * 1000.0
        return max(0, math.ceil(self.window_ms - elapsed_ms))

    def headers(self, now, left=None, reset_ms=None):
        """Return the ``X-Rate-Limit-*`` headers for an answer at ``now``."""
        return {
            "X-Rate-Limit-Time-Window-Ms": str(self.window_ms),
            "X-Rate-Limit-Time-Reset-Ms": str(
                self.reset_ms(now) if reset_ms is None else reset_ms
            ),
            "X-Rate-Limit-Requests-Quota": str(self.quota),
            "X-Rate-Limit-Requests-Left": str(
                max(0, self.quota - self.used) if left is None else left
            ),
        }

    def too_many_requests(self, now, reset_ms=None, retry_after=None):
        """Return a 429 reply with rate-limit headers and ``X-Retry-After``
        (the reset time in whole seconds, rounded up, unless ``retry_after``)."""
        reset = self.reset_ms(now) if reset_ms is None else int(reset_ms)
        headers = self.headers(now, left=0, reset_ms=reset)
        if retry_after is None:
            retry_after = math.ceil(reset / 1000.0)
        headers["X-Retry-After"] = str(retry_after)
        return Reply(429, v3_error_body(429, "Too many requests"), headers)
