"""Shipping method rows (``bigcommerce.shipping.map``): collected, never typed.

Rows come from the store's shipping zones (*Load Shipping Methods*) and from
the methods downloaded orders name; each waits for a person to choose its
carrier. Names compare trimmed and case-insensitively, as the store's UNIQUE
index on ``(store_id, lower(name))`` compares them.
"""

from psycopg2.errors import UniqueViolation

from odoo.tools import mute_logger

from ...api.const import SHIPPING_ZONE_METHODS_PATH, SHIPPING_ZONES_PATH


def method_key(name):
    """The form in which two spellings of one method name are equal."""
    return (name or "").strip().casefold()


def zone_methods(client):
    """The ``(method name, zone name)`` pairs of the store's shipping zones.

    ``GET /v2/shipping/zones``, then ``GET /v2/shipping/zones/{id}/methods``
    for each zone: one call per zone, neither list is paged. A method's
    ``name`` is what orders show as their ``shipping_method``.
    """
    pairs = []
    for zone in client.get(SHIPPING_ZONES_PATH) or []:
        path = SHIPPING_ZONE_METHODS_PATH.format(zone_id=zone["id"])
        for method in client.get(path) or []:
            pairs.append((method.get("name"), zone.get("name") or ""))
    return pairs


class ShippingMethods:
    """The shipping method rows of one store.

    :param store: ``bigcommerce.store``, with the rights of its environment:
        a manager's for the button, superuser in a download's run
    """

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.Map = self.env["bigcommerce.shipping.map"]

    def add(self, methods):
        """Add a row, without carrier, for each method that has none.

        Existing rows keep their carrier; their *Zones* follow the zones
        given. Two spellings of a name make one row, named as first seen.

        :param methods: ``(name, zone name or "")`` pairs
        :returns: the number of rows added
        """
        wanted = {}
        for name, zone in methods:
            name = (name or "").strip()
            if name:
                zones = wanted.setdefault(method_key(name), (name, []))[1]
                if zone and zone not in zones:
                    zones.append(zone)
        if not wanted:
            return 0
        rows = self.Map.search([("store_id", "=", self.store.id)])
        known = {method_key(row.name): row for row in rows}
        added = 0
        for key, (name, zones) in wanted.items():
            text = ", ".join(zones)
            row = known.get(key)
            if not row:
                added += self._insert(name, text)
            elif text and row.zones != text:
                row.zones = text
        return added

    def _insert(self, name, zones):
        """Insert one row; ``False`` when another transaction just added it."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.Map.create(
                    {"store_id": self.store.id, "name": name, "zones": zones or False}
                )
        except UniqueViolation:
            return False
        return True
