"""Variant batch endpoints (product-variants_catalog.v3.yml ``/catalog/variants``).

``GET`` pages every variant in id order (filters ``id``, ``id:in``,
``sku``, ``upc``, ``product_id:in``). ``PUT`` (``updateVariantsBatch``)
updates at most 50 variants, each found by its ``id``: more than 50 is the
spec's 413. Each item succeeds or fails on its own; an item fails on an
unknown id, an invalid value or a taken SKU. All succeed: 200
``{"data": [...], "meta": {}}``. All fail: the spec's 422
``{"batch_errors": [...]}``. Some fail: 207 ``{"data": [successes],
"errors": [failures], "meta": {"total", "success", "failed"}}``, the
batch partial-success shape of the catalog specs' metafield batches;
``updateVariantsBatch`` itself declares no 207. Every error item is
``{status, title, type, errors}``, the spec's ``batch_errors`` item.
A successful update sets its product's ``date_modified``.
"""

import copy

from .catalog_query import VARIANT_FILTERS, matcher
from .catalog_records import MIRRORED, base_variant, refresh
from .catalog_rules import INVALID_DATA, VARIANT_FIELDS, variant_update_errors
from .endpoints_collections import v3_page
from .messages import STATUS_CODES_URL, ApiError, Reply

VARIANTS = r"v3/catalog/variants"
MAX_BATCH = 50
DUPLICATE_SKU = "The variant sku is a duplicate"
TOO_MANY = (
    f"The request payload is too large. The maximum items allowed in the array "
    f"is {MAX_BATCH}"
)


def register(router):
    """Add the variant batch routes."""
    router.add("GET", VARIANTS, list_variants)
    router.add("PUT", VARIANTS, update_variants)


def list_variants(state, request):
    """Answer one page of all variants (``getVariants``)."""
    match = matcher(request.query, VARIANT_FILTERS, state.clock())
    found = []
    for product in state.catalog.products.values():
        found += [v for v in refresh(product)["variants"] if match(v)]
    found.sort(key=lambda variant: variant["id"])
    return v3_page(request.query, found)


def update_variants(state, request):
    """Update a batch of variants (``updateVariantsBatch``)."""
    items = request.body
    if not isinstance(items, list) or not items:
        message = "The body must be a non-empty array of variants."
        return Reply(422, {"batch_errors": [batch_error(422, INVALID_DATA, message)]})
    if len(items) > MAX_BATCH:
        raise ApiError(413, TOO_MANY)
    updated, failures = [], []
    for item in items:
        variant, error = update_one(state.catalog, item)
        if error is None:
            updated.append(variant)
        else:
            failures.append(error)
    if not failures:
        return Reply(200, {"data": updated, "meta": {}})
    if not updated:
        return Reply(422, {"batch_errors": failures})
    meta = {"total": len(items), "success": len(updated), "failed": len(failures)}
    return Reply(207, {"data": updated, "errors": failures, "meta": meta})


def update_one(catalog, item):
    """Apply one batch item; return ``(variant copy, None)`` or ``(None, error)``."""
    errors = variant_update_errors(item)
    if errors:
        return None, batch_error(422, "The variant is invalid.", errors)
    product, variant = catalog.find_variant(item["id"])
    if variant is None:
        message = f"Variant {item['id']} does not exist."
        return None, batch_error(404, message, {"id": message})
    if _sku_taken(catalog, product, variant, item.get("sku")):
        message = f"Sku '{item['sku']}' is taken."
        return None, batch_error(409, DUPLICATE_SKU, {"sku": message})
    _apply(product, variant, item)
    catalog.touch(product)
    refresh(product)
    return copy.deepcopy(variant), None


def _apply(product, variant, item):
    """Write an item's fields; a base variant writes through to its product."""
    is_base = variant is base_variant(product)
    for field in VARIANT_FIELDS:
        if field not in item:
            continue
        value = copy.deepcopy(item[field])
        if is_base and field in MIRRORED:
            # A product's own fields are never null; null keeps them.
            if value is not None:
                product[field] = value
        else:
            variant[field] = value


def _sku_taken(catalog, product, variant, sku):
    """Tell whether another product or variant holds ``sku``."""
    if not sku or sku == variant["sku"]:
        return False
    is_base = variant is base_variant(product)
    for holder_product, holder_variant in catalog.sku_holders(sku):
        own = holder_variant is variant or (is_base and holder_product is product)
        if not own:
            return True
    return False


def batch_error(status, title, errors):
    """Return one error item: ``{status, title, type, errors}``.

    :param errors: ``{field: message}``, or a message for the whole item
    """
    if isinstance(errors, str):
        errors = {"body": errors}
    return {
        "status": status,
        "title": title,
        "type": STATUS_CODES_URL,
        "errors": dict(errors),
    }
