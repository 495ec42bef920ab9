"""BigCommerce's scalar values read into Python: amounts and moments.

Money travels as 4-decimal strings or as numbers depending on the endpoint,
dates as RFC-2822 (v2) or ISO 8601 (v3) strings (FACTS 6, 14): one reader
each, for every flow.
"""

from dataclasses import dataclass
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


# === STRICT READERS, FOR THE PAYLOAD PARSERS === #


class PayloadError(ValueError):
    """A BigCommerce body that cannot be read: names the field and its value.

    :param field: where the value is, e.g. ``consignments.shipping[0].cost_ex_tax``
    :param value: the value found
    :param expected: what was expected there ("an amount", "a date")
    """

    def __init__(self, field, value, expected):
        self.field = field
        self.value = value
        self.message = f"{field}: {value!r} is not {expected}"
        super().__init__(self.message)


def read_amount(body, key, where=""):
    """The amount at ``body[key]`` as a Decimal; 0 when absent or empty.

    :raises PayloadError: the value is there but is not a finite number
    """
    value = body.get(key)
    if value in (None, ""):
        return Decimal(0)
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or isinstance(value, bool):
        raise PayloadError(where + key, value, "an amount")
    return amount


def read_int(body, key, where="", default=0):
    """The integer at ``body[key]``; ``default`` when absent or empty.

    :raises PayloadError: the value is not a whole number
    """
    value = body.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        raise PayloadError(where + key, value, "a whole number")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number != int(number):
        raise PayloadError(where + key, value, "a whole number")
    return int(number)


def read_moment(body, key, where=""):
    """The date at ``body[key]`` as a naive UTC datetime; None when absent.

    :raises PayloadError: the value is there but is not a date (nor a text)
    """
    value = body.get(key)
    if value in (None, ""):
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        raise PayloadError(where + key, value, "a date")
    return moment


def read_list(body, key, where=""):
    """The list at ``body[key]``; empty when absent.

    :raises PayloadError: the value is there but is not a list
    """
    return _read_container(body, key, where, list, "a list")


def read_object(body, key, where=""):
    """The object at ``body[key]``; empty when absent.

    :raises PayloadError: the value is there but is not an object
    """
    return _read_container(body, key, where, dict, "an object")


def object_at(value, where):
    """``value`` when it is an object (a dict).

    :raises PayloadError: it is anything else
    """
    if not isinstance(value, dict):
        raise PayloadError(where, value, "an object")
    return value


def read_objects(body, key, where=""):
    """The objects listed at ``body[key]``, each with its fields' prefix.

    :returns: ``[(object, "key[i].")]``; empty when absent
    :raises PayloadError: the value is not a list, or an item not an object
    """
    listed = []
    for index, item in enumerate(read_list(body, key, where)):
        path = f"{where}{key}[{index}]"
        listed.append((object_at(item, path), f"{path}."))
    return listed


def _read_container(body, key, where, kind, expected):
    value = body.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise PayloadError(where + key, value, expected)
    return value


def read_str(body, key, where="", strip=True):
    """The text at ``body[key]``, stripped unless told; empty when absent.

    A number is read as its text (a zip code sent as 78751).

    :raises PayloadError: the value is an object, a list or a boolean
    """
    value = body.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        raise PayloadError(where + key, value, "a text")
    text = str(value)
    return text.strip() if strip else text


def read_flag(body, key, where=""):
    """The boolean at ``body[key]``; False when absent.

    :raises PayloadError: the value is neither a boolean nor 0 or 1
    """
    value = body.get(key)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise PayloadError(where + key, value, "true or false")


def identify(body):
    """``(id, modified)`` of a body that may not parse, or None for each.

    For the log line and the resume cursor of a record whose body was
    rejected: never raises.
    """
    if not isinstance(body, dict):
        return None, None
    record_id = body.get("id")
    if isinstance(record_id, (dict, list)):
        record_id = None
    value = body.get("date_modified")
    moment = parse_datetime(value) if isinstance(value, str) else None
    return record_id, moment


# === A PAGE OF BODIES === #


@dataclass(frozen=True)
class Parsed:
    """One body of a page: its parsed record, or why it could not be parsed.

    :ivar id: the body's id as sent, for the log line (None if unreadable)
    :ivar moment: its modification date if readable, for the resume cursor
    """

    id: object
    moment: object
    record: object = None
    error: Exception = None

    def get(self):
        """The parsed record.

        :raises: the error the parser raised on this body, so that it fails
            inside the record's own savepoint like any other bad record
        """
        if self.error is not None:
            raise self.error
        return self.record


def parse_page(bodies, parse):
    """Every body of a page through ``parse``; one that fails is kept with its error.

    :returns: a :class:`Parsed` per body, in order
    """
    page = []
    for body in bodies:
        record_id, moment = identify(body)
        try:
            page.append(Parsed(record_id, moment, record=parse(body)))
        except Exception as exc:  # raised again in the record's savepoint
            page.append(Parsed(record_id, moment, error=exc))
    return page


def read_optional_amount(body, key, where=""):
    """The amount at ``body[key]`` as a Decimal; None when absent or null.

    For fields where null has a meaning of its own, such as a variant price
    that inherits its product's.

    :raises PayloadError: the value is there but is not a finite number
    """
    if body.get(key) is None:
        return None
    return read_amount(body, key, where)


def read_id(body, key="id", where=""):
    """The BigCommerce id at ``body[key]``: a whole number that must be there.

    :raises PayloadError: the id is absent, empty or not a whole number
    """
    try:
        number = read_int(body, key, where, default=None)
    except PayloadError:
        number = None
    if number is None:
        raise PayloadError(where + key, body.get(key), "an id")
    return number


def read_int_list(body, key, where=""):
    """The whole numbers listed at ``body[key]`` as a tuple; empty when absent.

    :raises PayloadError: the value is not a list, or one item (named with its
        index, e.g. ``categories[2]``) is not a whole number
    """
    items = read_list(body, key, where)
    return tuple(
        read_int({"": item}, "", f"{where}{key}[{index}]")
        for index, item in enumerate(items)
    )
