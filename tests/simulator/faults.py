"""Fault injection: queued misbehaviours for the next matching requests, and
hooks run after a given request (a record edited between two pages)."""

import threading
from dataclasses import dataclass, field
from enum import Enum

from .messages import error_reply


class Fault(str, Enum):
    """Kinds of injected faults; plain strings such as ``"500"`` work too."""

    RATE_LIMIT = "429"
    SERVER_ERROR = "500"
    BAD_GATEWAY = "502"
    UNAVAILABLE = "503"
    TIMEOUT = "timeout"
    DROP = "drop"
    MALFORMED = "malformed"
    REDIRECT = "redirect"


SERVER_FAULTS = {
    Fault.SERVER_ERROR: "Internal Server Error",
    Fault.BAD_GATEWAY: "Bad Gateway",
    Fault.UNAVAILABLE: "Service Unavailable",
}

# The options each fault accepts, with their defaults.
FAULT_OPTIONS = {
    # ``retry_after``: X-Retry-After in seconds, when it should not be the
    # reset time rounded up (both headers at once, disagreeing).
    Fault.RATE_LIMIT: {"reset_ms": 300, "retry_after": None},
    Fault.SERVER_ERROR: {"after_effect": False},
    Fault.BAD_GATEWAY: {"after_effect": False},
    Fault.UNAVAILABLE: {"after_effect": False},
    Fault.TIMEOUT: {"delay": 2.0},
    Fault.DROP: {},
    Fault.MALFORMED: {},
    # A 3xx to ``location`` (say, another host): a client must not follow it
    # with the store's token.
    Fault.REDIRECT: {"location": "http://127.0.0.1:9/elsewhere", "status": 302},
}

_TRUNCATED_FALLBACK = b'{"data": [{"id": 1, "name": "Trunc'


@dataclass
class PendingFault:
    """A fault waiting for ``remaining`` more requests."""

    fault: Fault
    remaining: int
    path_contains: str | None
    options: dict = field(default_factory=dict)

    def matches(self, path):
        """Tell whether this fault applies to a request on ``path``."""
        return self.path_contains is None or self.path_contains in path


class FaultQueue:
    """Pending faults in the order they were queued."""

    def __init__(self):
        self._pending = []
        self._lock = threading.Lock()

    def add(self, fault, count=1, path_contains=None, **options):
        """Queue ``fault`` for the next ``count`` matching requests."""
        fault = Fault(fault)
        unknown = set(options) - set(FAULT_OPTIONS[fault])
        if unknown:
            raise ValueError(f"fault {fault.value!r} takes no option {sorted(unknown)}")
        if count < 1:
            raise ValueError("count must be at least 1")
        merged = {**FAULT_OPTIONS[fault], **options}
        with self._lock:
            self._pending.append(PendingFault(fault, count, path_contains, merged))

    def peek(self, path):
        """Return the first pending fault for ``path`` without using it up."""
        with self._lock:
            return next((p for p in self._pending if p.matches(path)), None)

    def consume(self, pending):
        """Use one occurrence of ``pending``; drop it when none is left."""
        with self._lock:
            pending.remaining -= 1
            if pending.remaining <= 0 and pending in self._pending:
                self._pending.remove(pending)
        return pending.options

    def clear(self):
        """Forget every pending fault."""
        with self._lock:
            self._pending.clear()


def server_fault_reply(fault, version):
    """Return the 5xx answer of a server fault in the API version's error shape."""
    return error_reply(version, int(fault.value), SERVER_FAULTS[fault])


def malformed(reply):
    """Turn ``reply`` into a 200 whose JSON body is cut short (invalid JSON)."""
    payload = reply.payload()
    # A strict prefix of a JSON object or array is never valid JSON.
    truncated = payload[: len(payload) // 2] if len(payload) > 2 else b""
    reply.status = 200
    reply.raw = truncated or _TRUNCATED_FALLBACK
    return reply


@dataclass
class RequestHook:
    """``callback()`` to run after the ``remaining``-th matching request."""

    callback: object
    remaining: int
    path_contains: str | None

    def matches(self, path):
        """Tell whether a request on ``path`` counts for this hook."""
        return self.path_contains is None or self.path_contains in path


class RequestHooks:
    """Callbacks run once a given request was answered, before its answer is
    sent: what they change shows from the next request on."""

    def __init__(self):
        self._pending = []
        self._lock = threading.Lock()

    def add(self, callback, nth=1, path_contains=None):
        """Run ``callback()`` after the ``nth`` request on a matching path."""
        if nth < 1:
            raise ValueError("nth must be at least 1")
        with self._lock:
            self._pending.append(RequestHook(callback, nth, path_contains))

    def due(self, path):
        """Count a request on ``path``; return the callbacks now due."""
        due = []
        with self._lock:
            for hook in list(self._pending):
                if hook.matches(path):
                    hook.remaining -= 1
                    if hook.remaining <= 0:
                        self._pending.remove(hook)
                        due.append(hook.callback)
        return due

    def clear(self):
        """Forget every pending hook."""
        with self._lock:
            self._pending.clear()
