"""The shapes of catalog records, as the catalog specs' ``*_Full`` schemas.

Builders return fresh records: ``product_Full`` (products_catalog.v3.yml),
``productVariant_Full`` (product-variants_catalog.v3.yml),
``productOption_Full`` (product-variant-options_catalog.v3.yml),
``productImage_Full`` and the category of ``getAllCategories``
(category-trees_catalog.v3.yml). A stored product keeps its ``variants``,
``options`` and ``images`` inside it; :func:`render_product` answers only
the sub-resources a request includes. :func:`refresh` recomputes what
BigCommerce derives: calculated price and weight, the base variant that
mirrors a product without options, and variant-tracked stock.
"""

import copy
import re
import uuid
from datetime import UTC, datetime

MAX_INT = 2147483647
IMAGE_PREFIX = "/images/"
IMAGE_SIZES = ("zoom", "standard", "thumbnail", "tiny")
SUB_RESOURCES = ("variants", "options", "images")
EMPTY_INCLUDES = ("modifiers", "custom_fields", "bulk_pricing_rules", "videos")

# Variant fields that a null value makes inherit from the product.
INHERITED = (
    "price",
    "sale_price",
    "retail_price",
    "weight",
    "width",
    "height",
    "depth",
)
# Fields a base variant (product without options) shares with its product.
MIRRORED = (
    "sku",
    "price",
    "sale_price",
    "retail_price",
    "cost_price",
    "map_price",
    "weight",
    "width",
    "height",
    "depth",
    "upc",
    "gtin",
    "mpn",
    "inventory_level",
    "inventory_warning_level",
    "bin_picking_number",
    "is_free_shipping",
    "fixed_cost_shipping_price",
)


def iso(epoch):
    """Return ``epoch`` as BigCommerce writes dates: ``2025-01-15T09:30:00+00:00``."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def slug(name):
    """Return a URL slug for ``name`` (``"Blue T-Shirt"`` -> ``"blue-t-shirt"``)."""
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-") or "item"


# === PRODUCTS === #


# Static fields of a new product_Full; new_product adds the ones that vary.
PRODUCT_DEFAULTS = {
    "type": "physical",
    "weight": 1.0,
    "width": 0.0,
    "depth": 0.0,
    "height": 0.0,
    "price": 10.0,
    "cost_price": 0.0,
    "retail_price": 0.0,
    "sale_price": 0.0,
    "map_price": 0.0,
    "tax_class_id": 0,
    "product_tax_code": "",
    "calculated_price": 10.0,
    "categories": [],
    "brand_id": 0,
    "option_set_display": "right",
    "inventory_level": 0,
    "inventory_warning_level": 0,
    "inventory_tracking": "none",
    "reviews_rating_sum": 0,
    "reviews_count": 0,
    "total_sold": 0,
    "fixed_cost_shipping_price": 0.0,
    "is_free_shipping": False,
    "is_visible": True,
    "is_featured": False,
    "related_products": [-1],
    "warranty": "",
    "bin_picking_number": "",
    "layout_file": "product.html",
    "upc": "",
    "mpn": "",
    "gtin": "",
    "search_keywords": "",
    "availability": "available",
    "availability_description": "",
    "gift_wrapping_options_type": "any",
    "gift_wrapping_options_list": [],
    "sort_order": 0,
    "condition": "New",
    "is_condition_shown": False,
    "order_quantity_minimum": 0,
    "order_quantity_maximum": 0,
    "page_title": "",
    "meta_keywords": [],
    "meta_description": "",
    "view_count": 0,
    "preorder_release_date": None,
    "preorder_message": "",
    "is_preorder_only": False,
    "is_price_hidden": False,
    "price_hidden_label": "",
    "open_graph_type": "product",
    "open_graph_title": "",
    "open_graph_description": "",
    "open_graph_use_meta_description": True,
    "open_graph_use_product_name": True,
    "open_graph_use_image": True,
    "base_variant_id": None,
}
READ_ONLY = frozenset(
    {
        "id",
        "date_created",
        "date_modified",
        "calculated_price",
        "base_variant_id",
        "reviews_rating_sum",
        "reviews_count",
        "total_sold",
        *SUB_RESOURCES,
    }
)
# What a product POST or PUT may set (sub-resources have their own rules).
WRITABLE = frozenset(
    {*PRODUCT_DEFAULTS, "name", "sku", "description", "custom_url"} - READ_ONLY
)


def new_product(product_id, name, now, fields):
    """Return a ``product_Full`` with BigCommerce's defaults, ``fields`` on top."""
    product = {
        "id": product_id,
        "name": name,
        "sku": f"SKU-{product_id}",
        "description": f"<p>{name}</p>",
        **copy.deepcopy(PRODUCT_DEFAULTS),
        "custom_url": {"url": f"/{slug(name)}/", "is_customized": False},
        "date_created": iso(now),
        "date_modified": iso(now),
    }
    product.update(copy.deepcopy(fields))
    product.update({key: [] for key in SUB_RESOURCES})
    return product


def refresh(product):
    """Recompute the derived fields of a product and its variants, in place."""
    sale, price = product.get("sale_price") or 0, product.get("price") or 0
    product["calculated_price"] = sale if sale > 0 else price
    base = base_variant(product)
    product["base_variant_id"] = base["id"] if base else None
    if base is not None:
        for field in MIRRORED:
            base[field] = copy.deepcopy(product.get(field))
    if product.get("inventory_tracking") == "variant" and product["options"]:
        product["inventory_level"] = sum(
            v.get("inventory_level") or 0 for v in product["variants"]
        )
    for variant in product["variants"]:
        _refresh_variant(variant, product)
    return product


def _refresh_variant(variant, product):
    """Set a variant's calculated price and weight from it or its product."""
    own = {f: variant.get(f) for f in INHERITED}
    price = product["price"] if own["price"] is None else own["price"]
    sale = product["sale_price"] if own["sale_price"] is None else own["sale_price"]
    variant["calculated_price"] = sale if (sale or 0) > 0 else price
    weight = product["weight"] if own["weight"] is None else own["weight"]
    variant["calculated_weight"] = weight


def base_variant(product):
    """Return the variant standing for a product without options, or None."""
    if product["options"] or len(product["variants"]) != 1:
        return None
    variant = product["variants"][0]
    return variant if not variant["option_values"] else None


def render_product(product, includes=()):
    """Return a copy of a stored product with only the included sub-resources."""
    refresh(product)
    body = {k: copy.deepcopy(v) for k, v in product.items() if k not in SUB_RESOURCES}
    for name in SUB_RESOURCES:
        if name in includes:
            body[name] = copy.deepcopy(product[name])
    for name in EMPTY_INCLUDES:
        if name in includes:
            body[name] = []
    primary = primary_image(product)
    if "primary_image" in includes and primary is not None:
        body["primary_image"] = copy.deepcopy(primary)
    return body


def primary_image(product):
    """Return the thumbnail image of a product, else its first, else None."""
    images = product["images"]
    return next((i for i in images if i["is_thumbnail"]), images[0] if images else None)


# === VARIANTS AND OPTIONS === #


# Fields of a new productVariant_Full; null inherited ones follow the product.
VARIANT_DEFAULTS = {
    "sku": "",
    "price": None,
    "calculated_price": 0.0,
    "sale_price": None,
    "retail_price": None,
    "map_price": 0.0,
    "weight": None,
    "calculated_weight": 0.0,
    "width": None,
    "height": None,
    "depth": None,
    "is_free_shipping": False,
    "fixed_cost_shipping_price": 0.0,
    "purchasing_disabled": False,
    "purchasing_disabled_message": "",
    "image_url": "",
    "cost_price": 0.0,
    "upc": "",
    "mpn": "",
    "gtin": "",
    "inventory_level": 0,
    "inventory_warning_level": 0,
    "bin_picking_number": "",
}


def new_variant(variant_id, product_id, sku_id, option_values, fields):
    """Return a ``productVariant_Full`` with ``fields`` over the defaults."""
    variant = {
        "id": variant_id,
        "product_id": product_id,
        "sku_id": sku_id,
        **VARIANT_DEFAULTS,
        "option_values": option_values,
    }
    variant.update(copy.deepcopy(fields))
    return variant


def new_option(option_id, product_id, display_name, sort_order, values):
    """Return a ``productOption_Full``; ``values`` is ``[(value_id, label)]``."""
    return {
        "id": option_id,
        "product_id": product_id,
        "display_name": display_name,
        "type": "rectangles",
        "config": {},
        "sort_order": sort_order,
        "option_values": [
            {
                "id": value_id,
                "label": label,
                "sort_order": position,
                "value_data": None,
                "is_default": False,
            }
            for position, (value_id, label) in enumerate(values)
        ],
        "name": f"{display_name}{product_id}",
    }


def variant_option_value(option, label):
    """Return the ``option_values`` entry of a variant for ``option``'s ``label``."""
    for value in option["option_values"]:
        if value["label"] == label:
            return {
                "id": value["id"],
                "label": label,
                "option_id": option["id"],
                "option_display_name": option["display_name"],
            }
    raise ValueError(f"option {option['display_name']!r} has no value {label!r}")


# === IMAGES AND CATEGORIES === #


def image_file_name(url_path):
    """Return the stored file name for ``url_path`` (a ``.png`` under /images/)."""
    name = str(url_path).rsplit("/", 1)[-1].split("?", 1)[0] or "image"
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{slug(stem)}.png"


def image_urls(base_url, image_file):
    """Return the ``url_*`` fields of an image served by the simulator."""
    return {
        f"url_{size}": f"{base_url}{IMAGE_PREFIX}{size}/{image_file}"
        for size in IMAGE_SIZES
    }


def new_image(image_id, product_id, image_file, base_url, now, fields):
    """Return a ``productImage_Full`` whose URLs point at the simulator."""
    image = {
        "id": image_id,
        "product_id": product_id,
        "is_thumbnail": False,
        "sort_order": 0,
        "description": "",
        "image_file": image_file,
        **image_urls(base_url, image_file),
        "date_modified": iso(now),
    }
    image.update(copy.deepcopy(fields))
    return image


def new_category(category_id, name, parent, fields):
    """Return a category of the default tree as ``getAllCategories`` answers it."""
    parent_path = parent["url"]["path"] if parent else "/"
    category = {
        "category_id": category_id,
        "category_uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"category/{category_id}")),
        "parent_id": parent["category_id"] if parent else 0,
        "tree_id": 1,
        "name": name,
        "description": "",
        "views": 0,
        "sort_order": 0,
        "page_title": "",
        "meta_keywords": [],
        "meta_description": "",
        "layout_file": "category.html",
        "image_url": "",
        "is_visible": True,
        "search_keywords": "",
        "default_product_sort": "use_store_settings",
        "url": {"path": f"{parent_path}{slug(name)}/", "is_customized": False},
    }
    category.update(copy.deepcopy(fields))
    return category
