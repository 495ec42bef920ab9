"""Inventory items of the catalog: which records count stock, how an
adjustment names one, and how the Inventory API shows one.

An item (inventory.v3.yml ``info``, "Items") is a product tracked by
``product`` or each variant of a product tracked by ``variant``; products
tracked ``none`` have none. A product without options has one item
whichever way it is tracked, keyed by its product id, because its base
variant mirrors it. Keys are ``("product", id)`` or ``("variant", id)``.
An adjustment names an item by exactly one of ``product_id``,
``variant_id`` or ``sku``; :func:`resolve` says which item that is, or
why it is refused, in BigCommerce's words (the ``put-absolute-adjustment``
example: a variant id of a product tracked by product is refused).
"""

from dataclasses import dataclass

from .catalog_records import base_variant
from .inventory_locations import DEFAULT_LOCATION_ID

TRACKED_BY_PRODUCT = "is tracked by product, please update stock by product id"
TRACKED_BY_VARIANT = "is tracked by variant, please update stock by variant id or sku"
NOT_FOUND = "not found"
TRACKING_DISABLED = "has inventory tracking disabled"
TRACKED = ("product", "variant")


@dataclass(frozen=True, eq=False)
class Item:
    """One inventory item: a product (``variant`` None) or one variant."""

    product: dict
    variant: dict | None = None

    @property
    def key(self):
        """``("product", id)`` or ``("variant", id)``."""
        if self.variant is None:
            return ("product", self.product["id"])
        return ("variant", self.variant["id"])

    @property
    def record(self):
        """The catalog record whose ``inventory_level`` shows this item."""
        return self.product if self.variant is None else self.variant

    def identity(self):
        """Return ``ItemResponse.identity``; ``sku_id`` is null for a base variant."""
        product, variant = self.product, self.variant
        if variant is not None:
            return {
                "sku": variant["sku"],
                "variant_id": variant["id"],
                "product_id": product["id"],
                "sku_id": variant["sku_id"],
            }
        identity = {"sku": product["sku"], "product_id": product["id"]}
        base = base_variant(product)
        if base is not None:
            identity.update(variant_id=base["id"], sku_id=base["sku_id"])
        return identity

    def settings(self, location_id):
        """Return the item's settings at a location; the default location
        shows the catalog's warning level and bin picking number."""
        settings = {
            "safety_stock": 0,
            "is_in_stock": True,
            "warning_level": 0,
            "bin_picking_number": "",
        }
        if location_id == DEFAULT_LOCATION_ID:
            record = self.record
            settings["warning_level"] = record.get("inventory_warning_level") or 0
            settings["bin_picking_number"] = record.get("bin_picking_number") or ""
        return settings


def tracked_items(catalog):
    """Yield every item of the catalog, in product then variant id order."""
    for product in catalog.products.values():
        tracking = product.get("inventory_tracking")
        if tracking not in TRACKED:
            continue
        if tracking == "product" or not product["options"]:
            yield Item(product)
        else:
            yield from (Item(product, variant) for variant in product["variants"])


def item_of(product, variant=None):
    """Return the item whose level the catalog record shows, or None (a
    product tracked ``none``, a variant of a product tracked by product, a
    product whose level sums its variants)."""
    tracking = product.get("inventory_tracking")
    if tracking not in TRACKED:
        return None
    if not product["options"]:
        return Item(product)
    if tracking == "product":
        return Item(product) if variant is None else None
    return Item(product, variant) if variant is not None else None


def resolve(catalog, field, value):
    """Find the item an adjustment names by ``field`` (``product_id``,
    ``variant_id`` or ``sku``) ``value``.

    :return: ``(item, None)``, or ``(None, reason)`` with the end of
        BigCommerce's message ("is tracked by product, ...", "not found")
    """
    product, variant = _named(catalog, field, value)
    if product is None:
        return None, NOT_FOUND
    tracking = product.get("inventory_tracking")
    if tracking not in TRACKED:
        return None, TRACKING_DISABLED
    if not product["options"]:
        if field == "variant_id" and tracking == "product":
            return None, TRACKED_BY_PRODUCT
        return Item(product), None
    if tracking == "product":
        return (Item(product), None) if variant is None else (None, TRACKED_BY_PRODUCT)
    if variant is None:
        return None, TRACKED_BY_VARIANT
    return Item(product, variant), None


def _named(catalog, field, value):
    """Return ``(product, variant or None)`` named by an identity, or Nones."""
    if field == "product_id":
        return catalog.product(value), None
    if field == "variant_id":
        return catalog.find_variant(value)
    holders = catalog.sku_holders(value)
    return holders[0] if holders else (None, None)


# === ANSWERS === #


def item_response(item, locations, level_at):
    """Return ``ItemResponse``: the item at each of ``locations``.

    :param level_at: ``level_at(location_id) -> int`` (0 when never set)
    """
    return {
        "identity": item.identity(),
        "locations": [
            {
                "location_id": location["id"],
                "location_code": location["code"],
                "location_name": location["label"],
                "available_to_sell": level_at(location["id"]),
                "total_inventory_onhand": level_at(location["id"]),
                "location_enabled": location["enabled"],
                "settings": item.settings(location["id"]),
            }
            for location in locations
        ],
    }


def location_item_response(item, location_id, level):
    """Return ``LocationItemsResponse``: the item at one location."""
    identity = item.identity()
    identity.pop("sku_id", None)
    return {
        "identity": identity,
        "available_to_sell": level,
        "total_inventory_onhand": level,
        "settings": item.settings(location_id),
    }
