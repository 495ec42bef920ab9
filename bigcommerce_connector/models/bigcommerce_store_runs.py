import logging
from contextlib import nullcontext

from odoo import api, models, modules
from odoo.exceptions import UserError

from ..api import BigCommerceError
from ..sync.core.run import SyncRun
from ..sync.core.values import PayloadError

_logger = logging.getLogger(__name__)

# The right on the store each flow needs: downloads read it; what changes the
# store's settings (tax classes) or BigCommerce itself (listing, updating,
# unlisting, unlinking, removing products; prices) needs write, which only
# BigCommerce managers have.
FLOW_ACCESS = {
    "product_download": "read",
    "category_refresh": "read",
    "order_download": "read",
    "customer_download": "read",
    "tax_class_load": "write",
    "product_export": "write",
    "price_push": "write",
    "stock_push": "write",
    "location_load": "write",
}


# What ends a flow's run as failed, with its reason, rather than as a bug: an
# answer BigCommerce refused or that cannot be read, or a setting the flow
# cannot work with.
FLOW_FAILURES = (BigCommerceError, PayloadError, UserError)


class BigCommerceStore(models.Model):
    """How buttons and scheduled actions run a flow: rights, client, sync run,
    and what the user is told."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    def _run_flow(self, operation, flow, trigger="button", access=None):
        """Run ``flow(run)`` in a sync run with this store's client.

        The caller's right on the store is the one :data:`FLOW_ACCESS` names
        for ``operation``, checked before anything else; only then does the
        flow run as superuser (``run.store`` is sudoed; records it creates
        keep the caller as author).

        A failure (BigCommerce's, or a setting the flow cannot work with)
        ends the run as failed with the reason in its sync log, which is
        kept: nothing is raised. From a button, what the flow did is rolled
        back to before it started; a scheduled run keeps the pages it
        committed. A button's client fails fast (one retry, short connect
        timeout): long retries are for scheduled runs.

        :returns: the finished :class:`~..sync.core.run.SyncRun`
        """
        self.ensure_one()
        button = trigger == "button"
        client = self._get_client(
            access=access or FLOW_ACCESS[operation], interactive=button
        )
        store_sudo = self.sudo()
        with client, SyncRun(store_sudo, operation, trigger) as run:
            run.client = client
            try:
                with self.env.cr.savepoint() if button else nullcontext():
                    flow(run)
            except FLOW_FAILURES as exc:
                reason = getattr(exc, "message", None) or str(exc)
                _logger.info(
                    "BigCommerce store %s: %s failed: %s", self.id, operation, reason
                )
                run.abort(reason)
        return run

    @api.model
    def _for_each_store(self, domain, sync_store, what):
        """Scheduled actions: ``sync_store(store)`` for each store of ``domain``.

        One failing store never stops the others: its failure is logged and
        its uncommitted work rolled back. Each store that finishes is
        committed, so a later failure cannot undo it (not inside tests, whose
        transaction must stay open).
        """
        for store in self.search(domain):
            try:
                sync_store(store)
            except Exception:  # one store never stops the others
                _logger.exception("BigCommerce store %s: %s failed", store.name, what)
                if not modules.module.current_test:
                    self.env.cr.rollback()
                continue
            if not modules.module.current_test:
                # Safe: the store's run is complete and written to its sync log.
                self.env["ir.cron"]._commit_progress(1)

    def _notify_run(self, run, message=None):
        """Tell the user what a run did, with a link to its sync log.

        Red when the run failed, orange when records failed or were left
        out with a warning, green otherwise.
        """
        message = message or run.summary()
        if run.aborted:
            level = "danger"
        elif run.counts["failed"] or run.log.line_ids.filtered(
            lambda line: line.level != "info"
        ):
            level = "warning"
        else:
            level = "success"
        return self._notify(message, level=level, log=run.log)

    def _notify_push(self, run, sent, nothing, refused):
        """Tell the user what a push (prices, stock) sent, in how many calls.

        :param sent: what went out, said when anything went out or failed
        :param nothing: said when nothing changed
        :param refused: added when BigCommerce refused some
        """
        counts = run.counts
        message = (
            sent if counts["updated"] or counts["failed"] or run.aborted else nothing
        )
        if counts["failed"]:
            message += " " + refused
        if run.aborted:
            message = " ".join(
                [
                    self.env._("Failed: %(reason)s.", reason=run.failure.rstrip(".")),
                    message,
                    self.env._("The update stopped early."),
                ]
            )
        return self._notify_run(run, message)

    def _notify(self, message, warnings=None, level=None, log=None):
        """A notification for the user, then reload the form to show new values.

        :param log: the ``bigcommerce.sync.log`` to link to
        """
        if warnings:
            message = " ".join([message, *warnings])
        level = level or ("warning" if warnings else "success")
        params = {
            "title": self.display_name,
            "message": message,
            "type": level,
            "sticky": level != "success",
            "next": {"type": "ir.actions.client", "tag": "soft_reload"},
        }
        if log:
            # The web client fills "%s" with the link only when there are
            # links: then (only) a "%" of the message must be doubled.
            params["message"] = message.replace("%", "%%") + " %s"
            params["links"] = [
                {
                    "label": self.env._("Open the sync log"),
                    "url": f"/odoo/bigcommerce.sync.log/{log.id}",
                }
            ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": params,
        }
