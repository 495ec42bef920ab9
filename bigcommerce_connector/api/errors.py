"""Turn BigCommerce's error answers (v2 and v3 shapes) into typed errors."""

import logging
from urllib.parse import urlsplit

import requests
from urllib3 import exceptions as urllib3_exceptions

from .const import scope_for
from .exceptions import (
    AuthenticationError,
    BigCommerceError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)

_logger = logging.getLogger(__name__)

VALIDATION_STATUSES = frozenset({400, 405, 409, 413, 422})


def extract_message(body):
    """BigCommerce's own words from an error body, and its field errors.

    v3 answers ``{"status", "title", "type", "errors": {field: text}}``;
    v2 answers ``[{"status", "message", "details"}]``.

    :returns: ``(message, errors dict)``
    """
    if isinstance(body, list):
        messages = [
            str(item.get("message") or item.get("title"))
            for item in body
            if isinstance(item, dict) and (item.get("message") or item.get("title"))
        ]
        details = body[0].get("details") if body and isinstance(body[0], dict) else {}
        return "; ".join(messages), details if isinstance(details, dict) else {}
    if isinstance(body, dict):
        errors = body.get("errors")
        errors = errors if isinstance(errors, dict) else {}
        message = body.get("title") or body.get("message") or body.get("detail") or ""
        return str(message), errors
    return "", {}


def _with_details(message, errors):
    if not errors:
        return message
    details = "; ".join(f"{key}: {value}" for key, value in errors.items())
    return f"{message} ({details})" if message else details


def error_from_response(status, body, method, path):
    """Build the typed error for an HTTP answer ``status`` >= 400.

    :returns: an instance of a :class:`BigCommerceError` subclass
    """
    message, errors = extract_message(body)
    kwargs = {"status": status, "body": body, "method": method, "path": path}
    where = f"{method} {path}"
    if status in (401, 403):
        return _authentication_error(status, message, where, path, kwargs)
    if status == 404:
        return NotFoundError(
            f"BigCommerce found nothing at {where} (404): {message or 'not found'}.",
            **kwargs,
        )
    if status in VALIDATION_STATUSES:
        text = _with_details(message, errors) or f"HTTP {status}"
        return ValidationError(
            f"BigCommerce refused {where}: {text}", errors=errors, **kwargs
        )
    if status == 429:
        return RateLimitError(
            f"BigCommerce kept answering 429 Too Many Requests to {where} after "
            "waiting the time it asked for; the store's API quota is used up by "
            "this or another app. Try again later.",
            **kwargs,
        )
    if status >= 500:
        retried = "" if method == "POST" else " after the bounded retries"
        return ServerError(
            f"BigCommerce answered HTTP {status}{retried} to {where}: "
            f"{message or 'server error'}.",
            **kwargs,
        )
    return BigCommerceError(
        f"BigCommerce answered HTTP {status} to {where}: {message}", **kwargs
    )


def decode_body(response, method, path):
    """The JSON body of an answer; None for a 204 or an empty body.

    :raises ServerError: the body is not valid JSON
    """
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise ServerError(
            f"BigCommerce sent an answer that is not valid JSON "
            f"(HTTP {response.status_code}) to {method} {path}.",
            status=response.status_code,
            method=method,
            path=path,
        ) from exc


def network_error(exc, method, path, host):
    """A :class:`NetworkError` in words: where, and what to check.

    The exception's own text is urllib3's object reprs: for the log only.
    """
    cause = exc.args[0] if exc.args else None
    cause = getattr(cause, "reason", cause)  # urllib3's MaxRetryError
    # NewConnectionError is a kind of urllib3 TimeoutError: a refusal, though.
    timed_out = not isinstance(cause, urllib3_exceptions.NewConnectionError) and (
        isinstance(exc, requests.exceptions.Timeout)
        or isinstance(cause, urllib3_exceptions.TimeoutError)
    )
    reason = "did not answer in time" if timed_out else "could not be reached"
    retried = "" if method == "POST" else " after retries"
    _logger.info("BigCommerce %s %s: %s", method, path, exc)
    return NetworkError(
        f"BigCommerce {reason}{retried} at {host} ({method} {path}). Check "
        "the network, and the store's API Base URL if one is set.",
        method=method,
        path=path,
    )


def redirect_error(response, method, path):
    """A redirect answer, not followed: the token is for the API host only."""
    target = urlsplit(response.headers.get("Location") or "")
    where = target.netloc or target.path or "another address"
    return BigCommerceError(
        f"BigCommerce answered {method} {path} with a redirect (HTTP "
        f"{response.status_code}) to {where}; it was not followed, so that the "
        "access token is sent to the store's API host only. Check the store's "
        "API Base URL.",
        status=response.status_code,
        method=method,
        path=path,
    )


def _authentication_error(status, message, where, path, kwargs):
    """401: the token is refused; 403: the API account lacks a scope (named)."""
    if status == 401:
        return AuthenticationError(
            "BigCommerce refused the access token (401 Unauthorized): check the "
            f"store hash and the access token. [{where}]",
            **kwargs,
        )
    scope = scope_for(path)
    need = f"the OAuth scope '{scope}'" if scope else "a scope it lacks"
    return AuthenticationError(
        f"The BigCommerce API account needs {need} for {where} "
        f"(403 Forbidden: {message or 'missing scope'}). Scopes cannot be "
        "changed: create a new API account with this scope.",
        missing_scope=scope,
        **kwargs,
    )
