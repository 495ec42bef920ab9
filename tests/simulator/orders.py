"""The simulated orders: v2 orders with their lines, and the order statuses.

Seeding helpers and API handlers change them through :class:`OrderBook`,
under the simulator lock. Ids come from one counter per kind, each
starting at a different number (orders at 100), so that an order product
id used as an address id finds nothing in small tests.
"""

import copy
import time

from .order_lines import (
    new_coupon,
    new_fee,
    new_order_product,
    new_shipping_address,
)
from .order_money import money, overlay, rfc2822
from .order_records import (
    DEFAULT_BILLING,
    LINE_KEYS,
    assign_addresses,
    is_shipped,
    new_order,
    order_totals,
)
from .order_statuses import default_statuses

FIRST_IDS = {
    "order": 100,
    "order_product": 1001,
    "product_option": 1501,
    "order_address": 2001,
    "order_coupon": 3001,
    "order_fee": 4001,
}


class OrderBook:
    """Orders by id, and the store's order statuses.

    :param clock: returns the epoch seconds used for dates
    """

    def __init__(self, clock=time.time):
        self.clock = clock
        self.orders = {}
        self.statuses = default_statuses()
        self._next = dict(FIRST_IDS)
        # (order id, kind, line or address id) -> the rates charged on it
        self.tax_rates = {}

    def reset(self):
        """Forget every order, restore the statuses, restart the counters."""
        self.orders.clear()
        self.tax_rates.clear()
        self.statuses[:] = default_statuses()
        self._next = dict(FIRST_IDS)

    def next_id(self, kind, wanted=None):
        """Return ``wanted`` or a fresh id of ``kind``; keep the counter past it."""
        value = self._next[kind] if wanted is None else int(wanted)
        self._next[kind] = max(self._next[kind], value + 1)
        return value

    def get(self, order_id):
        """Return the stored order ``order_id``, or None."""
        try:
            return self.orders.get(int(order_id))
        except (TypeError, ValueError):
            return None

    def status(self, status_id):
        """Return the status with id ``status_id`` (KeyError when unknown)."""
        for status in self.statuses:
            if status["id"] == int(status_id):
                return status
        raise KeyError(f"no order status {status_id}")

    # === SEEDING === #

    def add(self, spec):
        """Store an order built from a seeding spec; return it.

        Totals are computed from the lines; a total given in ``spec`` wins.
        """
        spec = copy.deepcopy(dict(spec))
        tax_rate = spec.pop("tax_rate", 0)
        order_id = self.next_id("order", spec.pop("id", None))
        if order_id in self.orders:
            raise ValueError(f"order {order_id} exists")
        billing = {**DEFAULT_BILLING, **spec.pop("billing_address", {})}
        order = new_order(order_id, self.clock(), billing)
        order["is_tax_inclusive_pricing"] = bool(
            spec.pop("is_tax_inclusive_pricing", False)
        )
        spec.setdefault("products", [{}])
        if "discount_amount" in spec:
            order["discount_amount"] = money(spec.pop("discount_amount"))
        self._set_lines(order, spec, tax_rate, creating=True)
        order.update(order_totals(order))
        self._apply(order, spec)
        self.orders[order_id] = order
        return order

    def update(self, order_id, spec):
        """Change an order as a merchant or shopper would; return it.

        New lines (``products``, ``shipping_addresses``, ``coupons``,
        ``fees``) or a new ``discount_amount`` recompute the totals (a total
        given alongside wins); ``date_modified`` moves to now unless given.
        """
        order = self.orders[int(order_id)]
        spec = copy.deepcopy(dict(spec))
        tax_rate = spec.pop("tax_rate", 0)
        modified = spec.pop("date_modified", None)
        if "billing_address" in spec:
            order["billing_address"].update(spec.pop("billing_address"))
        recompute = any(key in spec for key in (*LINE_KEYS, "discount_amount"))
        if "discount_amount" in spec:
            order["discount_amount"] = money(spec.pop("discount_amount"))
        self._set_lines(order, spec, tax_rate, creating=False)
        if recompute:
            order.update(order_totals(order))
        self._apply(order, spec)
        order["date_modified"] = rfc2822(self.clock() if modified is None else modified)
        return order

    def archive(self, order_id):
        """Archive an order as ``DELETE /v2/orders/{id}`` does (``is_deleted``).

        ``date_modified`` stays: no source says whether archiving moves it.
        """
        order = self.orders[int(order_id)]
        order["is_deleted"] = True
        return order

    # === LINES === #

    def _set_lines(self, order, spec, tax_rate, creating):
        """Replace the lines named in ``spec`` (None keeps them); pop them."""
        builders = {
            "products": self._new_product,
            "shipping_addresses": self._new_address,
            "coupons": self._new_coupon,
            "fees": self._new_fee,
        }
        replaced = {key for key in builders if spec.get(key) is not None}
        for key, build in builders.items():
            specs = spec.pop(key, None)
            if specs is not None:
                order[key] = [build(order, item, tax_rate) for item in specs]
        if "shipping_addresses" in replaced and "products" not in replaced:
            # New addresses alone move the products onto the first of them.
            for product in order["products"]:
                product["order_address_id"] = 0
        shipped = any(is_shipped(p) for p in order["products"])
        if creating and not order["shipping_addresses"] and shipped:
            order["shipping_addresses"] = [self._new_address(order, {}, tax_rate)]
        assign_addresses(order)

    def _new_product(self, order, spec, tax_rate):
        """Build an order product with fresh ids."""
        spec = dict(spec, inclusive=order["is_tax_inclusive_pricing"])
        product_id = self.next_id("order_product", spec.pop("id", None))
        self._remember_rate(order, "item", product_id, spec, tax_rate)
        return new_order_product(
            product_id,
            order["id"],
            spec,
            tax_rate,
            lambda: self.next_id("product_option"),
        )

    def _new_address(self, order, spec, tax_rate):
        """Build a shipping address (default: the billing address)."""
        spec = dict(spec, inclusive=order["is_tax_inclusive_pricing"])
        address_id = self.next_id("order_address", spec.pop("id", None))
        self._remember_rate(order, "shipping", address_id, spec, tax_rate)
        return new_shipping_address(
            address_id, order["id"], spec, order["billing_address"], tax_rate
        )

    def _remember_rate(self, order, kind, key, spec, tax_rate):
        """Keep the rates a line or address is taxed at, for ``/taxes``."""
        self.tax_rates[(order["id"], kind, key)] = spec.get("tax_rate", tax_rate)

    def _new_coupon(self, order, spec, _tax_rate):
        """Build an order coupon."""
        spec = dict(spec)
        row_id = self.next_id("order_coupon", spec.pop("id", None))
        return new_coupon(row_id, order["id"], spec)

    def _new_fee(self, _order, spec, tax_rate):
        """Build an order fee."""
        spec = dict(spec)
        return new_fee(self.next_id("order_fee", spec.pop("id", None)), spec, tax_rate)

    def _apply(self, order, fields):
        """Set scalar fields; a new ``status_id`` renames ``status``."""
        overlay(order, fields, "an order")
        if "status_id" in fields:
            status = self.status(order["status_id"])
            if "status" not in fields:
                order["status"] = status["name"]
            if "custom_status" not in fields:
                order["custom_status"] = status["custom_label"]
