"""Paging by key: a download that loses nothing when records change meanwhile.

Page numbers over ``date_modified`` lose records: a record edited during the
download moves to the end, the records after it shift back one, so the next
page starts one record too far; the record at the edge is never read, and the
cursor moves past it. Here every page is asked for afresh from the last
``date_modified`` read (see :class:`KeysetPages`).
"""

from datetime import UTC, timedelta

from ...api import BigCommerceError
from ...api.const import CUSTOMERS_PATH, MAX_PAGE_SIZE, ORDERS_PATH, PRODUCTS_PATH
from .values import identify

# BigCommerce writes dates in whole seconds (FACTS 6): the next moment after one.
SECOND = timedelta(seconds=1)


class KeysetPages:
    """The pages of the records modified since a moment, read by key.

    Each page is asked for from the last ``date_modified`` read, that moment
    included, since many records can share one second. A record read again
    with the same date is dropped; one that comes back with a later date was
    edited during the download and is read again, so its edit is not lost
    either. A record edited before it was read is simply read at its new
    place, at the end; nothing shifts, since no page is counted.

    A full page whose records all share one second cannot be paged that way
    (asking from that second again would answer the same page for ever): the
    records of that second are then read by id (:meth:`_same_second`, after
    the last id read, or after the endpoint's cursor), and the download goes
    on from the next second. An edit meanwhile moves a record out of that
    second, to the end, where it is read; ids do not shift either.

    API calls: one per page, as with page numbers; a page only repeats the
    records of the last second of the one before, so a download of fewer
    records than a page takes one call, and a long one at most one call more
    per 250 pages (plus the pages of a second shared by more than a page).

    Subclasses name the endpoint's parameters: :meth:`_since` and
    :meth:`_same_second` each make one call and return ``(records, more)``.

    :param client: the store's :class:`~...api.client.BigCommerceClient`
    :param params: the endpoint's other filters and ``include``
    :param since: naive UTC datetime: records modified at or after it; None: all
    :param limit: records per call (BigCommerce's maximum is 250)
    """

    path = None

    def __init__(self, client, params=None, since=None, limit=MAX_PAGE_SIZE):
        self.client = client
        self.params = dict(params or {})
        self.since = since or None  # an empty Odoo field is False
        self.limit = limit
        self.seen = set()

    def __iter__(self):
        moment = self.since
        while True:
            records, more = self._since(moment)
            fresh = self._fresh(records)
            if fresh:
                yield fresh
            if not more:
                return
            first, last = self._span(records)
            if first == last or (moment is not None and last <= moment):
                # Asked again from ``last``, BigCommerce would answer this page.
                yield from self._pages_of_second(last)
                moment = max(last, moment or last) + SECOND
            else:
                moment = last

    def _pages_of_second(self, moment):
        """The records modified within ``moment``, page by page, by id."""
        after = None
        while True:
            records, more, after = self._same_second(moment, after)
            fresh = self._fresh(records)
            if fresh:
                yield fresh
            if not more or not records:
                return

    def _fresh(self, records):
        """The records not read yet in this download with this date."""
        fresh = []
        for record in records:
            key = identify(record)
            if key[0] is not None and key in self.seen:
                continue
            self.seen.add(key)
            fresh.append(record)
        return fresh

    def _span(self, records):
        """The first and last ``date_modified`` of a full page.

        :raises BigCommerceError: no record of it has a readable date, so the
            download cannot tell where to go on from
        """
        moments = [moment for _id, moment in map(identify, records) if moment]
        if not moments:
            raise BigCommerceError(
                f"A full page of {self.path} has no readable date_modified: "
                "the download cannot go on from it."
            )
        return min(moments), max(moments)

    # === THE ENDPOINT'S PARAMETERS === #

    def _since(self, moment):
        """One call: the first page of the records modified at or after
        ``moment``, oldest first; ``(records, more)``."""
        raise NotImplementedError

    def _same_second(self, moment, after):
        """One call: the records modified within ``moment``, in id order,
        after ``after`` (None for the first page); ``(records, more, after)``."""
        raise NotImplementedError


def stamp(moment):
    """A naive UTC datetime as BigCommerce's date filters take it (ISO 8601)."""
    return moment.replace(tzinfo=UTC).isoformat()


def last_id(records, after):
    """The greatest id of a page (a body whose id is unreadable is passed by)."""
    ids = [rid for rid, _moment in map(identify, records) if isinstance(rid, int)]
    return max(ids, default=after)


def v3_page(body):
    """``(data, more)`` of a v3 collection's first page, from meta.pagination."""
    body = body or {}
    records = body.get("data") or []
    pagination = (body.get("meta") or {}).get("pagination") or {}
    current = pagination.get("current_page", 1)
    return records, bool(records) and current < pagination.get("total_pages", 1)


class OrderPages(KeysetPages):
    """v2 orders (orders.v2 ``getOrders``): ``min_date_modified`` and
    ``sort=date_modified:asc``; within one second, ``min_id`` and
    ``sort=id:asc``. A short page (or a 204) is the last one."""

    path = ORDERS_PATH

    def _since(self, moment):
        params = dict(self.params, sort="date_modified:asc", limit=self.limit)
        if moment:
            params["min_date_modified"] = stamp(moment)
        records = self.client.get(self.path, params) or []
        return records, len(records) >= self.limit

    def _same_second(self, moment, after):
        params = dict(
            self.params,
            sort="id:asc",
            limit=self.limit,
            min_date_modified=stamp(moment),
            max_date_modified=stamp(moment),
        )
        if after is not None:
            params["min_id"] = after + 1
        records = self.client.get(self.path, params) or []
        return records, len(records) >= self.limit, last_id(records, after)


class ProductPages(KeysetPages):
    """v3 products (``getProducts``): ``date_modified:min``,
    ``sort=date_modified&direction=asc``; within one second,
    ``date_modified:min``/``:max``, ``id:greater`` and ``sort=id``."""

    path = PRODUCTS_PATH

    def _since(self, moment):
        params = dict(
            self.params, sort="date_modified", direction="asc", limit=self.limit
        )
        if moment:
            params["date_modified:min"] = stamp(moment)
        return v3_page(self.client.get(self.path, params))

    def _same_second(self, moment, after):
        params = dict(self.params, sort="id", direction="asc", limit=self.limit)
        params["date_modified:min"] = params["date_modified:max"] = stamp(moment)
        if after is not None:
            params["id:greater"] = after
        records, more = v3_page(self.client.get(self.path, params))
        return records, more, last_id(records, after)


class CustomerPages(KeysetPages):
    """v3 customers (``getCustomers``): ``date_modified:min`` and
    ``sort=date_modified:asc``. The list has no id filter: within one second
    it is read with its cursor (``after`` the ``end_cursor`` of the page
    before, a cursor by id), which no edit shifts."""

    path = CUSTOMERS_PATH

    def _since(self, moment):
        params = dict(self.params, sort="date_modified:asc", limit=self.limit)
        if moment:
            params["date_modified:min"] = stamp(moment)
        return v3_page(self.client.get(self.path, params))

    def _same_second(self, moment, after):
        params = dict(self.params, limit=self.limit)
        params["date_modified:min"] = params["date_modified:max"] = stamp(moment)
        if after is not None:
            params["after"] = after
        body = self.client.get(self.path, params) or {}
        cursor = (body.get("meta") or {}).get("cursor_pagination") or {}
        records = body.get("data") or []
        more = bool(cursor.get("links", {}).get("next") and cursor.get("end_cursor"))
        return records, more, cursor.get("end_cursor")
