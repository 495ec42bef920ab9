"""The new orders of a page, imported together: one create, one confirmation.

Odoo creates and confirms a page of sale orders in one ``create()`` and one
``action_confirm()`` at a fraction of the cost of one at a time. The new
orders of a page that nothing stops (no order log yet, a wanted status, lines
without problems) are claimed, built and created together inside one
savepoint. When anything in the batch fails, the savepoint is rolled back,
what the run noted or counted for it is forgotten, and the importer imports
those orders one by one: a bad order is still logged with its reason and the
others import.
"""

from functools import partial

from . import mapping


class PageBatch:
    """Imports a page's new orders together for an :class:`~.importer.OrderImporter`."""

    def __init__(self, importer):
        self.importer = importer
        self.run = importer.run

    def takes(self, order, logs):
        """Whether ``order`` can go in the batch: new, wanted, captured,
        without problems."""
        return (
            order.id not in logs
            and not self.importer.not_wanted(order)
            and self.importer.held(order) is None
            and not mapping.check_order(order).problems
        )

    def import_orders(self, orders, logs):
        """Import ``orders`` together; False when the batch was rolled back.

        :param logs: dict order id -> order log, completed with the new rows
        """
        imported, _done = self.run.together(
            f"{len(orders)} orders", partial(self._import_all, orders, logs)
        )
        if not imported:  # the orders are retried one by one
            for order in orders:
                logs.pop(order.id, None)
            self.importer.forget_rolled_back()
        return imported

    def _import_all(self, orders, logs):
        claims = self.importer.Log.create(
            [self.importer.log_row(order, "imported") for order in orders]
        )
        # A row another download holds fails the batch: one by one, the
        # importer then skips that order as claimed.
        claims.flush_recordset()
        self.importer.router.mark()
        self.importer.customers.create_together(orders)
        prepared = []
        for order, log in zip(orders, claims, strict=True):
            logs[order.id] = log
            prepared.append(self.importer.prepare(order, log))
        sales = self.importer.SaleOrder.create([p.values for p in prepared])
        for entry, sale in zip(prepared, sales, strict=True):
            entry.sale = sale
            self.importer.note(entry)
        self.importer.confirm(prepared, sales)
        self.run.count("created", len(orders))
