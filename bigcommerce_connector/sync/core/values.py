"""BigCommerce's scalar values read into Python: amounts and moments.

Money travels as 4-decimal strings or as numbers depending on the endpoint,
dates as RFC-2822 (v2) or ISO 8601 (v3) strings (FACTS 6, 14): one reader
each, for every flow.
"""

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime


def to_decimal(value):
    """Decimal from a BigCommerce amount (string or number); 0 when empty or bad."""
    if value in (None, ""):
        return Decimal(0)
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def parse_datetime(value):
    """A naive UTC datetime from an RFC-2822 or ISO 8601 date, or None."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
