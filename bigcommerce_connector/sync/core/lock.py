"""The run lock: one run of a flow per store at a time, over every Odoo worker."""

from odoo.tools import SQL


class RunLock:
    """A PostgreSQL advisory lock per store and flow, held by the transaction.

    It is transaction-level (``pg_try_advisory_xact_lock``), so it ends with
    the run's transaction, committed or rolled back, whatever happened. A
    session-level lock would stay on the pooled connection when the run's
    transaction is aborted (a SQL error): its ``pg_advisory_unlock`` cannot
    run in an aborted transaction, and Odoo's pool does not reset advisory
    locks, so that flow would be refused on every other connection for as
    long as this one lives.

    A scheduled run commits after each page, which ends its transaction and
    so the lock: :meth:`commit` takes the lock again right after. So that no
    other run slips in between, a session-level lock on the same key bridges
    the commit: taken just before it (the transaction is then sound: the run
    has just flushed), released right after the new transaction holds the
    lock again.

    :param cr: the run's cursor
    :param key: the lock's name, one per store and flow
    """

    def __init__(self, cr, key):
        self.cr = cr
        self.key = key

    def acquire(self):
        """Take the lock for this transaction; whether it was free.

        The same transaction (or session) taking it again always succeeds.
        """
        return self._call("pg_try_advisory_xact_lock")

    def commit(self, commit):
        """Run ``commit()`` (which commits the cursor), holding the lock over it.

        When ``commit()`` fails before its COMMIT, its transaction is rolled
        back here, as the caller would, so that the bridge can be released.
        """
        self._call("pg_try_advisory_lock")  # ours already: never refused
        try:
            commit()
        except Exception:
            self.cr.rollback()
            raise
        finally:
            self.acquire()
            self._call("pg_advisory_unlock")

    def _call(self, function):
        self.cr.execute(SQL("SELECT %s(hashtext(%s))", SQL(function), self.key))
        return self.cr.fetchone()[0]
