"""Constants of the BigCommerce REST API the client relies on (see FACTS.md)."""

DEFAULT_API_URL = "https://api.bigcommerce.com"
USER_AGENT = "bigcommerce_connector/19.0.1.1.0 (Odoo 19.0)"

# Seconds: connecting must be quick, BigCommerce may take long on large pages.
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 60.0

# Bounded retries: 5xx, resets and timeouts of idempotent requests, with
# exponential backoff (backoff_factor * 2 ** (n - 1) seconds).
DEFAULT_MAX_RETRIES = 5
DEFAULT_BACKOFF_FACTOR = 1.0
# 429s are retried after the wait the store asks for, a bounded number of times.
DEFAULT_MAX_RATE_LIMIT_RETRIES = 6
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})

# The endpoints the connector calls, relative to the store's API base.
STORE_PATH = "v2/store"
TAX_CLASSES_PATH = "v2/tax_classes"
PAYMENT_METHODS_PATH = "v2/payments/methods"
# Not paged (shipping.v2.yml): each answers the whole list, or 204 when empty.
SHIPPING_ZONES_PATH = "v2/shipping/zones"
SHIPPING_ZONE_METHODS_PATH = "v2/shipping/zones/{zone_id}/methods"
ORDERS_PATH = "v2/orders"
PRODUCTS_PATH = "v3/catalog/products"
VARIANTS_PATH = "v3/catalog/variants"
BRANDS_PATH = "v3/catalog/brands"
CATEGORY_TREE_PATH = "v3/catalog/trees/categories"
CUSTOMERS_PATH = "v3/customers"
LOCATIONS_PATH = "v3/inventory/locations"
ABSOLUTE_ADJUSTMENTS_PATH = "v3/inventory/adjustments/absolute"

# v2 and v3 collections: default 50, maximum 250 per page (FACTS 3).
MAX_PAGE_SIZE = 250

# Batch sizes per endpoint (FACTS 4); anything else is sent one item a call.
BATCH_SIZES = {
    "v3/catalog/products": 10,
    "v3/catalog/variants": 50,
    "v3/inventory/adjustments/absolute": 2000,
    "v3/inventory/adjustments/relative": 2000,
    "v3/customers": 10,
}

# The OAuth scope each path needs (FACTS 1), longest prefix first.
SCOPES = (
    ("v2/store", "store_v2_information"),
    ("v2/time", "store_v2_information"),
    ("v2/tax_classes", "store_v2_information"),
    ("v2/orders", "store_v2_orders"),
    ("v2/order_statuses", "store_v2_orders"),
    ("v3/orders", "store_v2_transactions"),
    ("v3/catalog", "store_v2_products"),
    ("v3/inventory", "store_inventory"),
    ("v3/customers", "store_v2_customers"),
    ("v2/shipping", "store_v2_information"),
    ("v2/payments", "store_v2_information"),
)

RATE_LIMIT_HEADERS = (
    "X-Rate-Limit-Requests-Left",
    "X-Rate-Limit-Time-Reset-Ms",
    "X-Rate-Limit-Requests-Quota",
    "X-Rate-Limit-Time-Window-Ms",
)


def scope_for(path):
    """Return the OAuth scope BigCommerce requires for ``path`` (``v2/...``)."""
    path = path.lstrip("/")
    for prefix, scope in SCOPES:
        if path.startswith(prefix):
            return scope
    return None
