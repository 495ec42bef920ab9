"""Requests, replies and errors passed between the simulator's layers.

The HTTP layer turns a raw request into an :class:`ApiRequest`, the
simulator answers it with a :class:`Reply`, and endpoint handlers raise
:class:`ApiError` for any error; :func:`error_reply` renders it in the shape
of the API version that was called (a JSON array for v2, an object for v3).
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

STATUS_CODES_URL = (
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
)
NOT_FOUND = "The requested resource was not found."

_API_PATH = re.compile(
    r"^/stores/(?P<store>[^/]+)/(?P<version>v2|v3)(?:/(?P<rest>.*))?$"
)


@dataclass(frozen=True)
class RequestRecord:
    """One request as the simulator received and answered it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    status: int
    at: float


@dataclass
class ApiRequest:
    """A parsed HTTP request; ``api_path`` is the path after the store hash.

    ``target`` is the path and query string as sent.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    raw_body: bytes = b""
    body: Any = None
    body_invalid: bool = False
    store_hash: str | None = None
    version: str = "v3"
    api_path: str = ""
    received_at: float = 0.0
    target: str = ""

    @classmethod
    def parse(cls, method, target, headers, raw_body, received_at):
        """Build a request from the HTTP method, request target, headers, body."""
        url = urlsplit(target)
        request = cls(
            method=method.upper(),
            path=url.path,
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers=dict(headers),
            raw_body=raw_body,
            received_at=received_at,
            target=target,
        )
        match = _API_PATH.match(url.path)
        if match:
            request.store_hash = match["store"]
            request.version = match["version"]
            rest = (match["rest"] or "").strip("/")
            request.api_path = f"{match['version']}/{rest}".rstrip("/")
        request.body, request.body_invalid = _decode_json(raw_body)
        return request

    def header(self, name):
        """Return a request header by case-insensitive name, or None."""
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None


def _decode_json(raw_body):
    """Return (parsed body or None, whether a non-empty body was invalid)."""
    if not raw_body.strip():
        return None, False
    try:
        return json.loads(raw_body), False
    except (ValueError, UnicodeDecodeError):
        return None, True


@dataclass
class Reply:
    """An answer: status, JSON body (None = empty), extra headers.

    ``raw`` replaces the JSON encoding of ``body`` (malformed-body fault),
    ``drop`` closes the connection without answering, ``delay`` is slept
    before answering (timeout fault).
    """

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    drop: bool = False
    delay: float = 0.0

    def payload(self):
        """Return the encoded body bytes (empty for a 204 or a None body)."""
        if self.raw is not None:
            return self.raw
        if self.status == 204 or self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


class ApiError(Exception):
    """An error answer raised by a handler, rendered per API version.

    :param errors: v3 ``errors`` object (field -> message)
    :param detail: v3 ``detail`` string (the spec's 400 "Input is invalid")
    :param details: v2 ``details`` object (e.g. ``{"max_limit": 250}``)
    """

    def __init__(self, status, message, *, errors=None, detail=None, details=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}
        self.detail = detail
        self.details = details

    def reply(self, version):
        """Render this error as a :class:`Reply` for API ``version``."""
        return error_reply(
            version,
            self.status,
            self.message,
            errors=self.errors,
            detail=self.detail,
            details=self.details,
        )


def error_reply(version, status, message, *, errors=None, detail=None, details=None):
    """Return an error reply: ``[{status, message}]`` for v2, else a v3 object."""
    if version == "v2":
        entry = {"status": status, "message": message}
        if detail:
            entry["message"] = f"{message}: {detail}"
        if details:
            entry["details"] = details
        return Reply(status, [entry])
    return Reply(status, v3_error_body(status, message, errors=errors, detail=detail))


def v3_error_body(status, title, *, errors=None, detail=None):
    """Return the v3 error object ``{status, title, type, errors[, detail]}``."""
    body = {
        "status": status,
        "title": title,
        "type": STATUS_CODES_URL,
        "errors": dict(errors or {}),
    }
    if detail:
        body["detail"] = detail
    return body
