"""The run lock: two runs of a flow never overlap, and no lock outlives its run.

The lock is held by the run's transaction. These tests look at it from a
connection of their own (``registry.cursor()`` is a real connection in a
TransactionCase), as another Odoo worker would.
"""

from contextlib import contextmanager

import psycopg2
from psycopg2 import errors as pg_errors

from odoo.addons.bigcommerce_connector.sync.core.lock import RunLock
from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.exceptions import UserError
from odoo.tests import tagged, test_cursor
from odoo.tools import mute_logger

from tests.common import BigCommerceCase

FLOW = "product_download"


@tagged("standard", "bigcommerce")
class TestRunLock(BigCommerceCase):
    @contextmanager
    def other_connection(self):
        """A real connection of its own, as another worker has."""
        with self.registry.cursor() as cr:
            self.assertNotIsInstance(cr, test_cursor.TestCursor)
            yield cr

    def key(self, operation=FLOW):
        return f"bigcommerce_connector:{self.store.id}:{operation}"

    def free_elsewhere(self, key=None):
        """Whether another connection could take the lock now."""
        with self.other_connection() as cr:
            taken = RunLock(cr, key or self.key()).acquire()
            cr.rollback()
            return taken

    def test_a_running_flow_is_locked_for_other_connections(self):
        with SyncRun(self.store, FLOW):
            self.assertFalse(self.free_elsewhere())
            self.assertTrue(self.free_elsewhere(self.key("customer_download")))

    def test_a_run_started_while_another_holds_the_lock_is_refused(self):
        with self.other_connection() as cr:
            self.assertTrue(RunLock(cr, self.key()).acquire())
            with (
                self.assertRaisesRegex(UserError, "already running"),
                SyncRun(self.store, FLOW),
            ):
                pass
            cr.rollback()

    def abort_a_run(self, error=psycopg2.Error):
        """A run whose transaction a SQL error aborts; the caller rolls it back."""
        with (
            self.assertRaises(error),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),  # what the caller's rollback undoes
            SyncRun(self.store, FLOW),
        ):
            self.cr.execute("SELECT 1 / 0")

    def test_an_aborted_run_leaves_no_lock_once_rolled_back(self):
        self.abort_a_run()

        self.assertTrue(self.free_elsewhere())
        with SyncRun(self.store, FLOW) as again:  # and on the same connection
            self.assertTrue(again.log)

    def test_an_aborted_run_raises_its_own_error(self):
        self.abort_a_run(pg_errors.DivisionByZero)  # not "transaction is aborted"

    def test_a_run_whose_log_was_rolled_back_says_why_in_a_new_one(self):
        # As a scheduled run whose first commit failed (a serialization
        # failure): the transaction that created its log is rolled back.
        # Not assertRaises: Odoo's rolls back what the block wrote.
        self.env.cr.execute("SAVEPOINT before_run")
        raised = None
        try:
            with SyncRun(self.store, "order_download") as run:
                first = run.log.id
                self.env.cr.execute("ROLLBACK TO SAVEPOINT before_run")
                self.env.invalidate_all()
                raise UserError("could not serialize access")
        except UserError as exc:
            raised = exc
        self.assertTrue(raised)

        log = run.log
        self.assertNotEqual(log.id, first)
        self.assertEqual(log.state, "failed")
        self.assertIn("could not serialize access", log.line_ids.mapped("message"))

    def test_a_commit_between_pages_keeps_the_lock(self):
        key = self.key()
        with self.other_connection() as cr:
            lock = RunLock(cr, key)
            self.assertTrue(lock.acquire())

            lock.commit(cr.commit)

            self.assertFalse(self.free_elsewhere())
            cr.rollback()
            self.assertTrue(self.free_elsewhere())  # the bridge is gone too

    def test_a_commit_that_fails_keeps_the_lock_and_leaves_no_bridge(self):
        key = self.key()
        with self.other_connection() as cr:
            lock = RunLock(cr, key)
            self.assertTrue(lock.acquire())

            with (
                self.assertRaises(pg_errors.DivisionByZero),
                mute_logger("odoo.sql_db"),
            ):
                lock.commit(lambda: cr.execute("SELECT 1 / 0"))

            self.assertFalse(self.free_elsewhere())
            cr.rollback()
            self.assertTrue(self.free_elsewhere())
