"""urllib3 retry policy that speaks BigCommerce's rate-limit headers."""

import logging
import random
import time

from urllib3.util.retry import Retry

from .const import RETRYABLE_STATUSES

_logger = logging.getLogger(__name__)

BACKOFF_CAP = 60.0


def header_wait(headers):
    """Seconds BigCommerce asks us to wait, from a 429's headers, or None.

    When both ``X-Retry-After`` (seconds) and ``X-Rate-Limit-Time-Reset-Ms``
    are present the longer wait wins (FACTS 2).
    """
    waits = []
    reset_ms = headers.get("X-Rate-Limit-Time-Reset-Ms")
    retry_after = headers.get("X-Retry-After") or headers.get("Retry-After")
    for value, scale in ((reset_ms, 1000.0), (retry_after, 1.0)):
        try:
            waits.append(max(float(value) / scale, 0.0))
        except (TypeError, ValueError):
            continue
    return max(waits) if waits else None


class BigCommerceRetry(Retry):
    """Bounded retries with separate budgets for 429s and for server faults.

    - 429: retried for every method (BigCommerce refused it before doing
      anything), after the wait the store asks for, escalating when 429s repeat.
    - 500/502/503/504, resets and read timeouts: retried only for idempotent
      methods (urllib3's ``allowed_methods``), never for a POST.
    - Refused connections: retried for every method (nothing was sent).

    ``stats`` is a shared dict the client reads to count attempts and waits.
    """

    def __init__(
        self,
        *args,
        max_server_retries=5,
        max_rate_limit_retries=6,
        stats=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.max_server_retries = max_server_retries
        self.max_rate_limit_retries = max_rate_limit_retries
        self.stats = stats if stats is not None else {}

    def new(self, **kw):
        retry = super().new(**kw)
        retry.max_server_retries = self.max_server_retries
        retry.max_rate_limit_retries = self.max_rate_limit_retries
        retry.stats = self.stats
        return retry

    def _count_status(self, statuses):
        return sum(1 for item in self.history if item.status in statuses)

    def is_retry(self, method, status_code, has_retry_after=False):
        if status_code == 429:
            return self._count_status({429}) < self.max_rate_limit_retries
        if status_code in RETRYABLE_STATUSES and self._is_method_retryable(method):
            return self._count_status(RETRYABLE_STATUSES) < self.max_server_retries
        return False

    def increment(self, method=None, url=None, *args, **kwargs):
        self.stats["retries"] = self.stats.get("retries", 0) + 1
        response = kwargs.get("response")
        error = kwargs.get("error")
        _logger.info(
            "BigCommerce %s %s: retrying after %s",
            method,
            url,
            response.status if response is not None else type(error).__name__,
        )
        return super().increment(method, url, *args, **kwargs)

    def get_backoff_time(self):
        """Exponential backoff with jitter: factor * 2 ** (n - 1), n >= 1."""
        errors = 0
        for item in reversed(self.history):
            if item.redirect_location is not None:
                break
            errors += 1
        if errors == 0 or not self.backoff_factor:
            return 0.0
        delay = min(BACKOFF_CAP, self.backoff_factor * 2 ** (errors - 1))
        return delay * (1.0 + random.random() * 0.1)

    def sleep(self, response=None):
        if response is not None and response.status == 429:
            wait = self._rate_limit_wait(response)
        else:
            wait = self.get_backoff_time()
        if wait > 0:
            self.stats["waited"] = self.stats.get("waited", 0.0) + wait
            time.sleep(wait)

    def _rate_limit_wait(self, response):
        """The store's wait, plus a growing backoff when 429s repeat.

        A 429 without rate-limit headers means the platform is overloaded:
        plain exponential backoff then (FACTS 2).
        """
        asked = header_wait(response.headers)
        consecutive = 0
        for item in reversed(self.history):
            if item.status != 429:
                break
            consecutive += 1
        backoff = self.backoff_factor * 2 ** (consecutive - 2) if consecutive > 1 else 0
        if asked is None:
            return max(self.get_backoff_time(), self.backoff_factor)
        return asked + min(BACKOFF_CAP, backoff)
