"""One run of a flow: its sync log, counters, per-record savepoints and lock."""

import logging
import time
from collections import Counter
from contextlib import contextmanager

from psycopg2 import errors as pg_errors

from odoo import fields, modules
from odoo.exceptions import UserError
from odoo.exceptions import ValidationError as OdooValidationError
from odoo.tools import mute_logger

from ...api import BigCommerceError
from .lock import RunLock
from .values import PayloadError

_logger = logging.getLogger(__name__)

# Bad data, told apart from bugs: these are logged without a traceback.
EXPECTED_ERRORS = (BigCommerceError, UserError, OdooValidationError, PayloadError)

COUNTERS = ("fetched", "created", "updated", "waiting", "skipped", "failed")
# What each flow counts as fetched, and the verb of its summary.
RECORDS = {
    "product_download": ("product", "products", "downloaded"),
    "product_export": ("product", "products", "sent to BigCommerce"),
    "price_push": ("price", "prices", "considered"),
    "stock_push": ("stock level", "stock levels", "considered"),
    "location_load": ("location", "locations", "downloaded"),
    "category_refresh": ("category", "categories", "downloaded"),
    "tax_class_load": ("tax class", "tax classes", "downloaded"),
    "order_download": ("order", "orders", "downloaded"),
    "customer_download": ("customer", "customers", "downloaded"),
}


class ResumeCursor:
    """Where a download resumes: after the last saved record, before a failed one.

    A record that failed holds the cursor at its own moment, so the next run
    fetches it again; records saved after it are fetched again too, harmlessly
    (every flow is idempotent).
    """

    def __init__(self, store, field):
        self.store = store
        self.field = field
        self.done = None
        self.blocked = None

    def note(self, moment, failed):
        """Remember the moment of a record that was saved, or failed."""
        if not moment:
            return
        if failed:
            if not self.blocked or moment < self.blocked:
                self.blocked = moment
        elif not self.done or moment > self.done:
            self.done = moment

    def move(self):
        """Move the store's cursor forward, never past a failed record."""
        target = self.done
        if self.blocked and (not target or self.blocked < target):
            target = self.blocked
        current = self.store[self.field]
        if target and (not current or target > current):
            self.store.sudo()[self.field] = target


class SyncRun:
    """Context of one run of one flow for one store.

    - takes a PostgreSQL advisory lock per store and flow, so two runs of one
      flow never overlap (a second one is refused with a clear message); it
      is the transaction's (:class:`~.lock.RunLock`), so it ends with it even
      when the transaction is aborted;
    - keeps a ``bigcommerce.sync.log`` with counters, API calls and messages;
    - :meth:`record` wraps each record in a savepoint: a bad record is rolled
      back, logged with its reason, and the batch goes on.

    :param store: a ``bigcommerce.store`` record
    :param operation: a ``bigcommerce.sync.log`` operation code
    :param trigger: ``button``, ``cron`` or ``webhook``
    """

    def __init__(self, store, operation, trigger="button"):
        self.store = store
        self.env = store.env
        self.operation = operation
        self.trigger = trigger
        self.counts = Counter()
        self.lines = []
        self.client = None
        self.aborted = False
        self.failure = ""  # why the run stopped, when it did
        self.last_failed = False
        self.last_skipped = None
        self.rollbacks = 0  # savepoints of records rolled back so far
        self.log = self.env["bigcommerce.sync.log"]
        self._started = time.monotonic()
        self._lock = RunLock(
            self.env.cr, f"bigcommerce_connector:{store.id}:{operation}"
        )

    def __enter__(self):
        self._acquire_lock()
        self._close_interrupted_runs()
        self.log = self._new_log()
        return self

    def _new_log(self):
        return (
            self.env["bigcommerce.sync.log"]
            .sudo()
            .create(
                {
                    "store_id": self.store.id,
                    "operation": self.operation,
                    "trigger": self.trigger,
                }
            )
        )

    def __exit__(self, exc_type, exc, traceback):
        if exc is not None:
            self.error(None, getattr(exc, "message", None) or str(exc))
        try:
            if exc is not None and not self.log.exists():
                # A failed commit rolled back the transaction that created
                # the log (a scheduled run's first page): the run's end and
                # its reason go to a new one rather than nowhere.
                self.log = self._new_log()
            self.flush(final=True, failed=exc is not None)
        except pg_errors.InFailedSqlTransaction:
            if exc is None:
                raise
            # The error aborted the transaction: nothing can be written, and
            # the caller's rollback takes the log and the lock with it. The
            # error itself goes on, not this consequence of it.
        return False

    def _close_interrupted_runs(self):
        """Close the logs of earlier runs of this flow still marked running.

        Holding the flow's lock, no other run of it is going on: such a log
        belongs to a run the server stopped (a crash, a restart). What it had
        committed stays; its log says it was interrupted.
        """
        stale = (
            self.env["bigcommerce.sync.log"]
            .sudo()
            .search(
                [
                    ("store_id", "=", self.store.id),
                    ("operation", "=", self.operation),
                    ("state", "=", "running"),
                ]
            )
        )
        for log in stale:
            log.write(
                {
                    "state": "interrupted",
                    "date_end": log.write_date,
                    "summary": self.env._(
                        "Interrupted: the server stopped during the run. What it "
                        "had saved is kept; the next run went on from there."
                    ),
                }
            )

    # === LOCK === #

    def _acquire_lock(self):
        if not self._lock.acquire():
            raise UserError(
                self.env._(
                    "Store %(store)s: this synchronisation is already running. "
                    "Wait for it to finish; its progress is in the sync logs.",
                    store=self.store.display_name,
                )
            )

    # === RECORDS AND MESSAGES === #

    @contextmanager
    def record(self, reference, skips=()):
        """Run the body in a savepoint; on failure log why and carry on.

        :param reference: what the record is in BigCommerce (id, SKU), for the log
        :param skips: exceptions that skip the record rather than fail it:
            rolled back too, their reason left in ``last_skipped`` for the
            caller to log
        """
        self.last_failed = False
        self.last_error = ""
        self.last_skipped = None
        try:
            with self.env.cr.savepoint():
                yield
        except skips as exc:
            self.last_skipped = exc
            self.note_rollback()
        except Exception as exc:  # one bad record never stops a batch
            self.last_failed = True
            self.note_rollback()
            expected = isinstance(exc, EXPECTED_ERRORS)
            _logger.log(
                logging.INFO if expected else logging.WARNING,
                "BigCommerce %s: %s failed",
                self.operation,
                reference,
                exc_info=not expected,
            )
            self.count("failed")
            reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            self.last_error = reason
            self.error(reference, reason)

    def together(self, what, attempt, errors=(Exception,)):
        """Run ``attempt()`` for several records at once, in one savepoint.

        On one of ``errors`` the savepoint is rolled back and what the attempt
        said and counted is forgotten, so that the caller, going one record
        at a time, says each thing once.

        :param what: what was attempted, for the server log ("12 invoices")
        :returns: ``(True, attempt's result)``, or ``(False, None)`` when it
            was rolled back
        """
        lines, counts = len(self.lines), dict(self.counts)
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return True, attempt()
        except errors as exc:
            _logger.info(
                "BigCommerce %s: %s together rolled back (%s): one by one",
                self.operation,
                what,
                exc,
            )
            del self.lines[lines:]
            self.counts.clear()
            self.counts.update(counts)
            self.note_rollback()
            return False, None

    def note_rollback(self):
        """Count a savepoint rolled back: records created in this run may be
        gone (:attr:`rollbacks` tells caches when to check them again)."""
        self.rollbacks += 1

    def each_page(self, pages, handle, noun, after_page=None, commit=False):
        """Hand each page to ``handle``; stop cleanly if BigCommerce fails.

        :param pages: an iterable of pages (lists of records) from the client
        :param noun: what the records are, for the message ("products")
        :param after_page: called after each page (e.g. to move a cursor)
        :param commit: commit after each page (scheduled runs)
        """
        try:
            for page in pages:
                handle(page)
                if after_page:
                    after_page()
                if commit:
                    self.commit(len(page))
        except BigCommerceError as exc:
            self.abort(
                self.env._(
                    "Stopped after %(count)s %(noun)s: %(reason)s Run it again to "
                    "continue from there.",
                    count=self.counts["fetched"],
                    noun=noun,
                    reason=exc.message,
                )
            )

    def abort(self, reason):
        """Stop the run early (BigCommerce kept failing): log why, end as failed.

        What was done before stays; the cursor has only moved past it.
        """
        self.aborted = True
        self.failure = self.failure or reason
        self.error(None, reason)

    def count(self, counter, amount=1):
        """Add ``amount`` to one of :data:`COUNTERS`."""
        self.counts[counter] += amount

    def info(self, reference, message):
        """Log an informative message about ``reference``."""
        self.lines.append(("info", reference, message))

    def warning(self, reference, message):
        """Log a warning: something was skipped or left as it was."""
        self.lines.append(("warning", reference, message))

    def error(self, reference, message):
        """Log an error: something failed."""
        self.lines.append(("error", reference, message))

    def flush(self, final=False, failed=False):
        """Write counters and pending messages to the sync log.

        Called at each commit point of a cron and at the end of the run.
        """
        values = {f"{name}_count": self.counts[name] for name in COUNTERS}
        values["api_calls"] = self.client.calls if self.client else 0
        if self.lines:
            values["line_ids"] = [
                fields.Command.create(
                    {"level": level, "reference": ref and str(ref), "message": msg}
                )
                for level, ref, msg in self.lines
            ]
            self.lines = []
        if final:
            values["date_end"] = fields.Datetime.now()
            values["duration"] = time.monotonic() - self._started
            values["state"] = self._final_state(failed or self.aborted)
            values["summary"] = self.summary()
        self.log.sudo().write(values)

    def commit(self, processed):
        """Commit what is done so far (scheduled runs, between batches).

        Safe: every record of the batch is complete and logged, and cursors only
        cover committed records. Inside a test the transaction must stay open,
        so nothing is committed there (as Odoo's own crons do).
        """
        self.flush()
        if not modules.module.current_test:
            # A commit ends the transaction's lock: it is held over it.
            self._lock.commit(lambda: self.env["ir.cron"]._commit_progress(processed))

    def _final_state(self, failed):
        if failed:
            return "failed"
        return "partial" if self.counts["failed"] else "done"

    def summary(self):
        """One line saying what the run did, for the user and the log.

        ``Failed: 401 ... 0 products downloaded; 1 API call.`` when the run
        stopped; ``12 products (21 variants) downloaded: 3 created, 2
        skipped; 1 API call.`` otherwise.
        """
        one, many, verb = RECORDS.get(self.operation, ("record", "records", "done"))
        fetched = self.counts["fetched"]
        head = f"{fetched} {one if fetched == 1 else many}"
        if self.counts["variants"]:
            head += f" ({self.counts['variants']} variants)"
        parts = [
            f"{self.counts[name]} {name}" for name in COUNTERS[1:] if self.counts[name]
        ]
        calls = self.client.calls if self.client else 0
        text = f"{head} {verb}"
        if parts:
            text += ": " + ", ".join(parts)
        text += f"; {calls} API call{'' if calls == 1 else 's'}."
        if self.failure:
            return f"Failed: {self.failure.rstrip('.')}. {text}"
        return text


class ChildRun(SyncRun):
    """A flow run inside another one, e.g. products downloaded for order lines.

    It has its own counters but the parent's client, sync log, messages and
    lock: nothing of it is committed or locked separately.
    """

    def __init__(self, parent):  # pylint: disable=super-init-not-called
        self.parent = parent
        self.store = parent.store
        self.env = parent.env
        self.operation = parent.operation
        self.trigger = parent.trigger
        self.client = parent.client
        self.log = parent.log
        self.counts = Counter()
        self.aborted = False
        self.last_failed = False
        self.last_skipped = None

    @property
    def rollbacks(self):
        return self.parent.rollbacks

    def note_rollback(self):
        self.parent.note_rollback()

    def info(self, reference, message):
        self.parent.info(reference, message)

    def warning(self, reference, message):
        self.parent.warning(reference, message)

    def error(self, reference, message):
        self.parent.error(reference, message)

    def flush(self, final=False, failed=False):
        """Nothing: the parent run writes the log."""

    def commit(self, processed):
        """Nothing: the parent run commits."""
