"""In-memory store state: store information, clock, collections, catalog, orders.

A collection is a list of JSON objects kept under its API path without the
store prefix, e.g. ``"v2/tax_classes"`` or ``"v3/catalog/brands"``. The
built-in collections always exist (empty after a reset); any other path
exists once seeded. Products and categories live in ``catalog``
(:class:`~tests.simulator.catalog.Catalog`), orders and order statuses in
``orders`` (:class:`~tests.simulator.orders.OrderBook`), customers in
``customers`` (:class:`~tests.simulator.customers.CustomerBook`), locations
and stock levels in ``inventory``
(:class:`~tests.simulator.inventory.Inventory`); a reset empties them and
restores the default location, payment methods and shipping zones.
"""

import copy
import time

from .catalog import Catalog
from .customers import CustomerBook
from .inventory import Inventory
from .orders import OrderBook
from .store_settings import (
    default_payment_methods,
    default_shipping_methods,
    default_shipping_zones,
)

BUILTIN_COLLECTIONS = ("v2/tax_classes", "v3/catalog/brands")


def default_store_info(store_hash):
    """Return ``GET /v2/store`` of a fresh store, shaped like the spec example."""
    cdn = f"https://cdn11.bigcommerce.com/s-{store_hash}"
    return {
        "id": store_hash,
        "account_uuid": "8d4d492f-17a1-4d95-b396-e1c5720815a5",
        "domain": "simulated-store.example.com",
        "secure_url": "https://simulated-store.example.com",
        "control_panel_base_url": f"https://store-{store_hash}.mybigcommerce.com",
        "status": "live",
        "name": "Simulated Store",
        "first_name": "Jane",
        "last_name": "Doe",
        "address": "685 Market Street, San Francisco, CA 94105",
        "country": "United States",
        "country_code": "US",
        "infrastructure_region": "us-central1",
        "phone": "555-123-4567",
        "admin_email": "jane.doe@example.com",
        "order_email": "orders@simulated-store.example.com",
        "favicon_url": f"{cdn}/product_images/default_favicon.ico",
        "timezone": {
            "name": "America/Chicago",
            "raw_offset": -21600,
            "dst_offset": -18000,
            "dst_correction": True,
            "date_format": {
                "display": "M jS Y",
                "export": "M jS Y",
                "extended_display": "M jS Y @ g:i A",
            },
        },
        "language": "en",
        "currency": "USD",
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "dimension_decimal_places": 2,
        "dimension_decimal_token": ".",
        "dimension_thousands_token": ",",
        "plan_name": "Standard",
        "plan_level": "Standard",
        "plan_is_trial": False,
        "industry": "Technology",
        "logo": {"url": f"{cdn}/product_images/simulated_store_logo.png"},
        "is_price_entered_with_tax": False,
        "store_id": 1001234567,
        "default_channel_id": 1,
        "default_site_id": 1000,
        "active_comparison_modules": [],
        "features": {
            "stencil_enabled": True,
            "sitewidehttps_enabled": True,
            "facebook_catalog_id": "",
            "checkout_type": "optimized",
            "wishlists_enabled": True,
            "graphql_storefront_api_enabled": True,
            "shopper_consent_tracking_enabled": True,
            "multi_storefront_enabled": False,
            "storefront_limits": {"active": 1, "total_including_inactive": 1},
        },
    }


def collection_key(path):
    """Normalise a collection path: no leading or trailing slash."""
    return path.strip("/")


class SimState:
    """Everything a handler may read or change; guarded by the simulator lock."""

    def __init__(self, store_hash):
        self.store_hash = store_hash
        self.store_info = {}
        self.now = None
        self.collections = {}
        self.base_url = ""
        self.catalog = Catalog(clock=self.clock)
        self.orders = OrderBook(clock=self.clock)
        self.customers = CustomerBook(clock=self.clock)
        self.inventory = Inventory(self.catalog, clock=self.clock)
        self.payment_methods = []
        self.shipping_zones = []
        self.shipping_methods = {}
        self.reset()

    def clock(self):
        """Return the store clock in epoch seconds (``now`` when set)."""
        return time.time() if self.now is None else self.now

    def reset(self):
        """Restore the default store info, location, settings and real time;
        empty the rest."""
        self.store_info = default_store_info(self.store_hash)
        self.now = None
        kept = {key: self.collections.get(key, []) for key in BUILTIN_COLLECTIONS}
        for items in kept.values():
            items.clear()
        self.collections = kept
        self.catalog.reset()
        self.orders.reset()
        self.customers.reset()
        self.inventory.reset()
        self.payment_methods[:] = default_payment_methods()
        self.shipping_zones[:] = default_shipping_zones()
        self.shipping_methods.clear()
        self.shipping_methods.update(default_shipping_methods())

    def seed(self, path, items):
        """Replace a collection with copies of ``items``; number those without id."""
        key = collection_key(path)
        if not key.startswith(("v2/", "v3/")):
            raise ValueError(f"collection path must start with v2/ or v3/: {path!r}")
        target = self.collections.setdefault(key, [])
        target.clear()
        for item in items:
            entry = copy.deepcopy(dict(item))
            entry.setdefault("id", self.next_id(key))
            target.append(entry)
        return target

    def has_collection(self, path):
        """Tell whether ``path`` is a built-in or seeded collection."""
        return collection_key(path) in self.collections

    def collection(self, path):
        """Return the live list of a collection (KeyError if never seeded)."""
        key = collection_key(path)
        if key not in self.collections:
            raise KeyError(f"no collection {key!r}; seed it first")
        return self.collections[key]

    def find(self, path, item_id):
        """Return the item of a collection whose id reads as ``item_id``, or None."""
        for item in self.collection(path):
            if str(item.get("id")) == str(item_id):
                return item
        return None

    def next_id(self, path):
        """Return one more than the highest integer id in a collection."""
        ids = [0]
        for item in self.collections.get(collection_key(path), []):
            try:
                ids.append(int(item.get("id")))
            except (TypeError, ValueError):
                continue
        return max(ids) + 1
