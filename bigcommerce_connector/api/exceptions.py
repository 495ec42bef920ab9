"""Typed errors of the BigCommerce client.

Retryable network trouble is kept apart from bad data, as OCA ``connector``
does: a flow retries the former later and logs the latter with its reason.
"""


class BigCommerceError(Exception):
    """Base of every error the client raises.

    :param message: human-readable reason, BigCommerce's own when it gave one
    :param status: HTTP status of the answer, if any
    :param body: decoded answer body, if any
    """

    retryable = False

    def __init__(self, message, status=None, body=None, method=None, path=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body
        self.method = method
        self.path = path


class AuthenticationError(BigCommerceError):
    """401 (bad token) or 403 (the API account lacks ``missing_scope``)."""

    def __init__(self, message, missing_scope=None, **kwargs):
        super().__init__(message, **kwargs)
        self.missing_scope = missing_scope


class NotFoundError(BigCommerceError):
    """404: the store, the path or the record does not exist."""


class ValidationError(BigCommerceError):
    """400, 409, 413 or 422: BigCommerce refused the data; ``message`` says why.

    ``errors`` maps fields (or batch indexes) to BigCommerce's messages.
    """

    def __init__(self, message, errors=None, **kwargs):
        super().__init__(message, **kwargs)
        self.errors = errors or {}


class RateLimitError(BigCommerceError):
    """429 after the bounded number of waits and retries."""

    retryable = True


class ServerError(BigCommerceError):
    """5xx after the bounded retries, or an answer that is not valid JSON."""

    retryable = True


class NetworkError(BigCommerceError):
    """The store could not be reached: DNS, refused connection, reset, timeout."""

    retryable = True
