"""Product endpoints (products_catalog.v3.yml and its option/variant siblings).

``GET /v3/catalog/products`` pages products in id order by default, with
filters, ``sort``/``direction`` and ``include``; ``include=options`` or
``modifiers`` caps a page at 10 (FACTS.md §3). ``POST`` creates one
product, with embedded ``variants`` whose ``option_values`` name the
options to create; it answers 200 (the status the spec declares) with
``{"data": product + variants, "meta": {}}``. A missing required field or a
wrong type is a 422; a duplicate name or SKU, or an unknown brand or
category, is a 409 (the spec's ``createProduct`` 409 description).
``PUT /v3/catalog/products`` (``updateProducts``) updates at most 10
products, each found by its ``id``, each succeeding or failing on its own
(200, the spec's 207 or 422; more than 10: 413).
"""

import copy

from .catalog_query import PRODUCT_FILTERS, includes, matcher, sort_products
from .catalog_records import WRITABLE, render_product
from .catalog_rules import INVALID_DATA, VARIANT_FIELDS, product_errors
from .endpoints_collections import MAX_LIMIT, v3_page
from .messages import NOT_FOUND, STATUS_CODES_URL, ApiError, Reply

PRODUCTS = r"v3/catalog/products"
PRODUCT = PRODUCTS + r"/(?P<product_id>\d+)"
PER_PAGE_WITH_OPTIONS = 10
MAX_BATCH = 10
DUPLICATE_NAME = "The product name is a duplicate"
DUPLICATE_SKU = "The product sku is a duplicate"


def register(router):
    """Add the product routes."""
    router.add("GET", PRODUCTS, list_products)
    router.add("POST", PRODUCTS, create_product)
    router.add("PUT", PRODUCTS, update_products)
    router.add("DELETE", PRODUCTS, delete_products)
    router.add("GET", PRODUCT, get_product)
    router.add("PUT", PRODUCT, update_product)
    router.add("DELETE", PRODUCT, delete_product)
    for name in ("variants", "options", "images"):
        router.add("GET", PRODUCT + f"/{name}", _sub_resource_lister(name))


# === READ === #


def list_products(state, request):
    """Answer one page of products (``getProducts``)."""
    query = request.query
    wanted = includes(query)
    match = matcher(query, PRODUCT_FILTERS, state.clock())
    found = sort_products(filter(match, state.catalog.products.values()), query)
    cap = PER_PAGE_WITH_OPTIONS if wanted & {"options", "modifiers"} else None
    return v3_page(
        query, found, render=lambda p: render_product(p, wanted), max_per_page=cap
    )


def get_product(state, request, product_id):
    """Answer one product (``getProduct``), 404 when missing."""
    product = _product_or_404(state, product_id)
    body = render_product(product, includes(request.query))
    return Reply(200, {"data": body, "meta": {}})


def _sub_resource_lister(name):
    """Return the handler paging a product's ``variants``/``options``/``images``."""

    def list_sub_resource(state, request, product_id):
        product = _product_or_404(state, product_id)
        render_product(product)
        return v3_page(request.query, product[name])

    list_sub_resource.__doc__ = f"Answer one page of a product's {name}."
    return list_sub_resource


def _product_or_404(state, product_id):
    """Return the stored product or raise the 404 of the catalog specs."""
    product = state.catalog.product(product_id)
    if product is None:
        raise ApiError(404, NOT_FOUND)
    return product


# === WRITE === #


def create_product(state, request):
    """Create one product with its variants (``createProduct``)."""
    body = request.body
    errors = product_errors(body, creating=True)
    if errors:
        raise ApiError(422, INVALID_DATA, errors=errors)
    check_conflicts(state, body)
    options, variants = _seeding_variants(body.get("variants") or [])
    images = [_seeding_image(image) for image in body.get("images") or []]
    fields = {k: v for k, v in body.items() if k in WRITABLE and k != "name"}
    fields.setdefault("sku", "")
    try:
        product = state.catalog.add_product(
            body["name"], variants or None, options, images, **fields
        )
    except ValueError as error:
        raise ApiError(422, INVALID_DATA, errors={"variants": str(error)}) from error
    data = render_product(product, ("variants", "images") if images else ("variants",))
    return Reply(200, {"data": data, "meta": {}})


def update_product(state, request, product_id):
    """Update the given fields of a product (``updateProduct``)."""
    product = _product_or_404(state, product_id)
    body = request.body
    errors = product_errors(body, creating=False)
    if errors:
        raise ApiError(422, INVALID_DATA, errors=errors)
    check_conflicts(state, body, product)
    for field in WRITABLE:
        if field in body:
            product[field] = copy.deepcopy(body[field])
    state.catalog.touch(product)
    data = render_product(product, includes(request.query))
    return Reply(200, {"data": data, "meta": {}})


def update_products(state, request):
    """Update a batch of products (``updateProducts``): at most 10.

    Each item succeeds or fails on its own. All succeed: 200. Some fail: the
    spec's 207, ``errors`` one ``errorMultiStatus`` object whose ``errors``
    name each refused product id. All fail: the spec's 422
    (``errorResponse_422``), shaped the same.
    """
    items = request.body
    if not isinstance(items, list) or not items:
        raise ApiError(
            422, INVALID_DATA, errors={"body": "A non-empty array of products."}
        )
    if len(items) > MAX_BATCH:
        raise ApiError(
            413,
            "The request payload is too large. The maximum items allowed in "
            f"the array is {MAX_BATCH}.",
        )
    updated, failures = [], {}
    for index, item in enumerate(items):
        product, error = _update_one(state, item)
        if error is None:
            updated.append(product)
        else:
            key = item.get("id") if isinstance(item, dict) else None
            failures[str(key if key is not None else index)] = error
    if not failures:
        return Reply(200, {"data": updated, "meta": {}})
    if not updated:
        raise ApiError(422, "No product was updated.", errors=failures)
    refused = {
        "status": 422,
        "title": f"{len(failures)} of {len(items)} products were not updated.",
        "type": STATUS_CODES_URL,
        "errors": failures,
    }
    return Reply(207, {"data": updated, "errors": refused, "meta": {}})


def _update_one(state, item):
    """Apply one batch item; ``(rendered product, None)`` or ``(None, reason)``."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), int):
        return None, "id is required."
    product = state.catalog.product(item["id"])
    if product is None:
        return None, f"Product {item['id']} does not exist."
    fields = {key: value for key, value in item.items() if key != "id"}
    errors = product_errors(fields, creating=False)
    if errors:
        return None, "; ".join(f"{key}: {value}" for key, value in errors.items())
    for field in WRITABLE:
        if field in fields:
            product[field] = copy.deepcopy(fields[field])
    state.catalog.touch(product)
    return render_product(product, ()), None


def delete_product(state, request, product_id):
    """Delete a product with its variants and images (``deleteProduct``)."""
    state.catalog.products.pop(int(product_id), None)
    return Reply(204)


def delete_products(state, request):
    """Delete the products a filter selects (``deleteProducts``); 422 without one."""
    query = request.query
    if not any(key.split(":")[0] in PRODUCT_FILTERS for key in query):
        raise ApiError(
            422, INVALID_DATA, errors={"id:in": "A filter such as id:in is required."}
        )
    match = matcher(query, PRODUCT_FILTERS, state.clock())
    doomed = [p["id"] for p in state.catalog.products.values() if match(p)]
    for product_id in doomed[:MAX_LIMIT]:
        del state.catalog.products[product_id]
    return Reply(204)


def check_conflicts(state, body, product=None):
    """Raise the 409 of a duplicate name or SKU, or an unknown brand/category."""
    others = [p for p in state.catalog.products.values() if p is not product]
    name = body.get("name")
    if name and any(p["name"].casefold() == name.casefold() for p in others):
        raise ApiError(409, DUPLICATE_NAME, errors={"name": DUPLICATE_NAME})
    skus = [("sku", body.get("sku"))]
    skus += [
        (f"variants.{index}.sku", variant.get("sku"))
        for index, variant in enumerate(body.get("variants") or [])
    ]
    seen = set()
    for field, sku in skus:
        holders = [h for h in state.catalog.sku_holders(sku) if h[0] is not product]
        if sku and (holders or sku in seen):
            raise ApiError(409, DUPLICATE_SKU, errors={field: f"Sku '{sku}' is taken."})
        seen.add(sku)
    _check_references(state, body)


def _check_references(state, body):
    """Raise a 409 when the body names a brand or category that does not exist."""
    brand_id = body.get("brand_id")
    if brand_id and state.find("v3/catalog/brands", brand_id) is None:
        raise ApiError(
            409,
            f"Brand {brand_id} does not exist.",
            errors={"brand_id": f"Brand {brand_id} does not exist."},
        )
    for category_id in body.get("categories") or ():
        if state.catalog.category(category_id) is None:
            raise ApiError(
                409,
                f"Category {category_id} does not exist.",
                errors={"categories": f"Category {category_id} does not exist."},
            )


def _seeding_variants(posted):
    """Turn POSTed variants into the seeding ``(options, variants)`` of Catalog."""
    labels_by_option = {}
    variants = []
    for variant in posted:
        labels = {}
        for value in variant["option_values"]:
            name, label = value["option_display_name"], value["label"]
            labels[name] = label
            known = labels_by_option.setdefault(name, [])
            if label not in known:
                known.append(label)
        fields = {k: v for k, v in variant.items() if k in VARIANT_FIELDS}
        variants.append({**fields, "options": labels})
    options = [{"display_name": n, "values": v} for n, v in labels_by_option.items()]
    return options, variants


def _seeding_image(image):
    """Turn a POSTed image (``image_url`` and fields) into a seeding spec."""
    image = dict(image) if isinstance(image, dict) else {}
    url = image.pop("image_url", None) or image.pop("image_file", None) or "image"
    fields = ("is_thumbnail", "sort_order", "description")
    return {"url_path": url, **{k: image[k] for k in fields if k in image}}
