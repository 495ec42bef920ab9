"""Auto-dispatch: validate the deliveries of downloaded orders.

Store setting *Auto Dispatch Orders* (seed "Auto Dispatch Orders", Cin7
Omni), four modes:

- ``yes``: at download, the deliveries ship what is in stock (reserved), a
  backorder keeps the rest;
- ``completed``: only an order BigCommerce has Shipped or Completed, and only
  when every line can ship in full;
- ``completed_any``: only an order BigCommerce has Shipped or Completed,
  shipping what is in stock (backorders for the rest), ignoring whether all
  can ship;
- ``no``: a person validates the deliveries.

An order not dispatched at download because BigCommerce had not shipped it
is dispatched by the download that first sees it Shipped or Completed. The
deliveries of a page are reserved in one call and validated in one call;
should that fail, each order is dispatched on its own, so the one that
cannot be is noted and the others ship.
"""

from functools import partial

from psycopg2 import errors as pg_errors

from odoo.exceptions import LockError, UserError, ValidationError
from odoo.tools import mute_logger

from ..core.part import RunPart
from . import mapping

REFUNDED = 4  # BigCommerce status Refunded

# Bad data, or another transaction moved the same stock first (it ships
# it; this order waits): the order stays imported, undispatched.
STOCK_ERRORS = (
    UserError,
    ValidationError,
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
)


class OrderDispatcher(RunPart):
    """Validates deliveries of confirmed sale orders for one store."""

    def dispatch_all(self, pairs):
        """Dispatch confirmed orders as the store's mode says.

        :param pairs: ``(sale, order)``: a confirmed ``sale.order`` and its
            parsed :class:`~.payload.Order`
        """
        wanted = [(sale, order) for sale, order in pairs if self._wanted(order)]
        if not wanted:
            return
        if len(wanted) > 1:
            dispatched, _done = self.run.together(
                f"{len(wanted)} dispatches",
                partial(self._dispatch, wanted),
                STOCK_ERRORS,
            )
            if dispatched:
                return
        for sale, order in wanted:
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    self._dispatch([(sale, order)])
            except STOCK_ERRORS as exc:
                self._note(
                    sale,
                    order,
                    self.env._(
                        "Not dispatched: %(reason)s Validate its delivery by hand.",
                        reason=self._reason(exc),
                    ),
                )

    def _wanted(self, order):
        mode = self.store.auto_dispatch
        if mapping.is_cancelled(order) or order.status_id == REFUNDED:
            return False  # never ship what BigCommerce cancelled or refunded
        if mode == "yes":
            return True
        if mode in ("completed", "completed_any"):
            return order.status_id in mapping.COMPLETED_STATUSES
        return False

    def _dispatch(self, pairs):
        """Reserve the pairs' open deliveries at once; validate what can go."""
        Picking = self.env["stock.picking"]
        pairs = [(sale, order) for sale, order in pairs if self._one_step(sale, order)]
        open_pickings = {
            sale.id: sale.picking_ids.filtered(
                lambda p: (
                    p.state not in ("done", "cancel")
                    and p.picking_type_code == "outgoing"
                )
            )
            for sale, _order in pairs
        }
        everything = Picking.union(*open_pickings.values())
        if not everything:
            return
        self._lock_stock(everything)
        everything.action_assign()
        ready = Picking.union(
            *(self._shippable(s, o, open_pickings[s.id]) for s, o in pairs)
        )
        if not ready:
            return
        ready.with_context(skip_backorder=True, skip_sms=True).button_validate()
        if ready.filtered(lambda p: p.state != "done"):
            # Odoo answered with a wizard for a person (expiry, quality...):
            # its answer may be a print action too, so the states tell.
            raise UserError(
                self.env._("Odoo asks for a person's check before validating.")
            )

    def _shippable(self, sale, order, pickings):
        """The reserved deliveries of one order that the mode lets go; says
        why none goes."""
        Picking = self.env["stock.picking"]
        if self.store.auto_dispatch == "completed" and any(
            move.state != "assigned"
            for move in pickings.move_ids
            if move.state != "cancel"
        ):
            self._note(
                sale,
                order,
                self.env._(
                    "Not dispatched: not every line is in stock (Auto "
                    "Dispatch Orders: completed orders only)."
                ),
            )
            return Picking
        stocked = pickings.filtered(
            lambda p: any(not m.product_uom.is_zero(m.quantity) for m in p.move_ids)
        )
        if not stocked and pickings:
            self._note(sale, order, self.env._("Not dispatched: nothing is in stock."))
        return stocked

    def _one_step(self, sale, order):
        """Whether the warehouses of the order ship in one step; else say so.

        With pick and pack steps the delivery waits for transfers a person
        does; dispatch leaves them alone."""
        warehouses = sale.warehouse_id | sale.order_line.warehouse_id
        steps = warehouses.filtered(lambda w: w.delivery_steps != "ship_only")
        if not steps:
            return True
        self._note(
            sale,
            order,
            self.env._(
                "Not dispatched: warehouse %(warehouse)s delivers in several "
                "steps; validate its transfers by hand.",
                warehouse=steps[0].name,
            ),
        )
        return False

    def _lock_stock(self, pickings):
        """Lock the stock the pickings take, or fail at once.

        Odoo reserves and takes stock from the quants it can lock and
        otherwise makes new (negative) quants: two transactions could both
        ship the last unit. Locking the quants first makes the later one
        fail (``LockError``, or a serialization failure once the first has
        committed), so its order stays undispatched and says why.
        """
        moves = pickings.move_ids.filtered(
            lambda m: m.state not in ("done", "cancel") and m.product_id.is_storable
        )
        if not moves:
            return
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "in", moves.product_id.ids),
                ("location_id", "child_of", moves.location_id.ids),
            ]
        )
        quants.lock_for_update(allow_referencing=True)

    def _reason(self, exc):
        if isinstance(exc, UserError | ValidationError) and not isinstance(
            exc, LockError
        ):
            return str(exc)
        return self.env._(
            "another transaction was moving the same stock at the same moment."
        )

    def _note(self, sale, order, message):
        self.tell(sale, f"order {order.id}", message)
