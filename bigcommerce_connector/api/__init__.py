"""Pure-Python BigCommerce REST client. Nothing below this package imports Odoo."""

from .client import BigCommerceClient, chunked
from .exceptions import (
    AuthenticationError,
    BigCommerceError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)

__all__ = [
    "AuthenticationError",
    "BigCommerceClient",
    "BigCommerceError",
    "NetworkError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
    "chunked",
]
