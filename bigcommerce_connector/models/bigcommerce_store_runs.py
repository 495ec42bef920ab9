import logging

from odoo import api, models, modules

from ..api import BigCommerceError
from ..sync.core.run import SyncRun

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
}


class BigCommerceStore(models.Model):
    """How buttons and scheduled actions run a flow: rights, client, sync run,
    and what the user is told."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    def _run_flow(self, operation, flow, trigger="button"):
        """Run ``flow(run)`` in a sync run with this store's client.

        The caller's right on the store is the one :data:`FLOW_ACCESS` names
        for ``operation``, checked before anything else; only then does the
        flow run as superuser (``run.store`` is sudoed; records it creates
        keep the caller as author). From a button,
        BigCommerce errors become a UserError; from a cron they are written
        to the sync log and the run ends as failed.

        :returns: the finished :class:`~..sync.core.run.SyncRun`
        """
        self.ensure_one()
        client = self._get_client(access=FLOW_ACCESS[operation])
        store_sudo = self.sudo()
        with client, SyncRun(store_sudo, operation, trigger) as run:
            run.client = client
            if trigger == "button":
                with self._bigcommerce_errors():
                    flow(run)
            else:
                try:
                    flow(run)
                except BigCommerceError as exc:
                    run.error(None, exc.message)
                    run.count("failed")
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

    def _notify_run(self, run):
        """Tell the user what a run did, pointing at its log when it failed."""
        message = run.summary()
        if (
            run.aborted
            or run.counts["failed"]
            or run.log.line_ids.filtered(lambda line: line.level != "info")
        ):
            message += " " + self.env._("Details are in the sync log.")
            return self._notify(message, warnings=[], level="warning")
        return self._notify(message)

    def _notify(self, message, warnings=None, level=None):
        """A notification for the user, then reload the form to show new values."""
        if warnings:
            message = " ".join([message, *warnings])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.display_name,
                "message": message,
                "type": level or ("warning" if warnings else "success"),
                "sticky": bool(warnings) or level == "warning",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
