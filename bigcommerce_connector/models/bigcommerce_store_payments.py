from odoo import Command, models

from ..api.const import PAYMENT_METHODS_PATH


class BigCommerceStore(models.Model):
    """Payment methods of the store, to map each to an Odoo journal."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    # === ACTION METHODS === #

    def action_load_payment_methods(self):
        """Add a row under *Payment Methods* for each method of the store.

        Reads ``GET /v2/payments/methods``; existing rows keep their journal.
        """
        self.ensure_one()
        with self._get_client() as client, self._bigcommerce_errors():
            names = [
                (method.get("name") or "").strip()
                for method in client.iter_v2(PAYMENT_METHODS_PATH)
            ]
        added = self._add_payment_methods(names)
        return self._notify(
            self.env._(
                "%(count)s payment methods read, %(added)s added: choose the "
                "journal of each.",
                count=len(names),
                added=added,
            )
        )

    # === BUSINESS METHODS === #

    def _add_payment_methods(self, names):
        """Create a mapping row, without journal, for each name not mapped yet.

        Names compare case-insensitively, as orders spell them.

        :returns: the number of rows added
        """
        known = {name.casefold() for name in self.payment_map_ids.mapped("name")}
        commands = []
        for name in names:
            if name and name.casefold() not in known:
                known.add(name.casefold())
                commands.append(Command.create({"name": name}))
        if commands:
            self.payment_map_ids = commands
        return len(commands)
