"""What the catalog accepts in a product or variant body, as BigCommerce checks it.

Rules follow the types, ranges and lengths of ``product_Base_POST`` /
``product_Put`` (products_catalog.v3.yml) and of ``Variant Put``
(product-variants_catalog.v3.yml ``updateVariantsBatch``). Each checker
returns ``{field: message}`` for the invalid fields; an empty dict means
the body is acceptable. Fields a rule does not name are ignored, as
BigCommerce ignores read-only fields.
"""

import math

from .catalog_records import MAX_INT

INVALID_DATA = "JSON data is missing or invalid"
REQUIRED_ON_CREATE = ("name", "type", "weight", "price")

_PRODUCT_NUMBERS = (
    "weight",
    "width",
    "depth",
    "height",
    "price",
    "cost_price",
    "retail_price",
    "sale_price",
    "map_price",
    "fixed_cost_shipping_price",
)
_VARIANT_NULLABLE_NUMBERS = (
    "price",
    "sale_price",
    "retail_price",
    "cost_price",
    "weight",
    "width",
    "height",
    "depth",
    "fixed_cost_shipping_price",
)

# Rule kinds: ("str", min, max), ("num",), ("num?",) nullable, ("int", min,
# max), ("bool",), ("enum", values), ("int_list",), ("str_list",).
PRODUCT_RULES = {
    "name": ("str", 1, 250),
    "type": ("enum", ("physical", "digital")),
    "sku": ("str", 0, 255),
    "description": ("str", 0, 1_000_000),
    **dict.fromkeys(_PRODUCT_NUMBERS, ("num",)),
    "tax_class_id": ("int", 0, 255),
    "brand_id": ("int", 0, 1_000_000_000),
    "categories": ("int_list",),
    "inventory_level": ("int", 0, MAX_INT),
    "inventory_warning_level": ("int", 0, MAX_INT),
    "inventory_tracking": ("enum", ("none", "product", "variant")),
    "is_free_shipping": ("bool",),
    "is_visible": ("bool",),
    "is_featured": ("bool",),
    "upc": ("str", 0, 14),
    "gtin": ("str", 0, 14),
    "mpn": ("str", 0, 255),
    "bin_picking_number": ("str", 0, 255),
    "search_keywords": ("str", 0, 65535),
    "availability": ("enum", ("available", "disabled", "preorder")),
    "condition": ("enum", ("New", "Used", "Refurbished")),
    "page_title": ("str", 0, 255),
    "meta_keywords": ("str_list",),
    "meta_description": ("str", 0, 65535),
    "sort_order": ("int", -MAX_INT - 1, MAX_INT),
    "warranty": ("str", 0, 65535),
    "layout_file": ("str", 0, 500),
}
VARIANT_RULES = {
    "sku": ("str", 1, 255),
    **dict.fromkeys(_VARIANT_NULLABLE_NUMBERS, ("num?",)),
    "map_price": ("num",),
    "inventory_level": ("int", 0, MAX_INT),
    "inventory_warning_level": ("int", 0, MAX_INT),
    "is_free_shipping": ("bool",),
    "purchasing_disabled": ("bool",),
    "purchasing_disabled_message": ("str", 0, 255),
    "upc": ("str", 0, 14),
    "gtin": ("str", 0, 14),
    "mpn": ("str", 0, 255),
    "bin_picking_number": ("str", 0, 255),
    "image_url": ("str", 0, 65535),
}
VARIANT_FIELDS = tuple(VARIANT_RULES)


def product_errors(body, creating):
    """Return the invalid fields of a product body (POST when ``creating``)."""
    if not isinstance(body, dict):
        return {"body": "The request body must be a JSON object."}
    errors = {}
    if creating:
        for field in REQUIRED_ON_CREATE:
            if body.get(field) is None:
                errors[field] = f"The field '{field}' is required."
    errors.update(fields_errors(body, PRODUCT_RULES, skip=errors))
    if "custom_url" in body and not _valid_custom_url(body["custom_url"]):
        errors["custom_url"] = "The field 'custom_url.url' must be a URL path."
    if creating and "variants" in body:
        errors.update(new_variants_errors(body["variants"]))
    return errors


def new_variants_errors(variants):
    """Return the invalid fields of the ``variants`` of a product POST."""
    if not isinstance(variants, list):
        return {"variants": "The field 'variants' must be an array."}
    errors = {}
    for index, variant in enumerate(variants):
        prefix = f"variants.{index}"
        if not isinstance(variant, dict):
            errors[prefix] = "A variant must be an object."
            continue
        if not isinstance(variant.get("sku"), str) or not variant["sku"]:
            errors[f"{prefix}.sku"] = "The field 'sku' is required."
        if not _valid_option_values(variant.get("option_values")):
            errors[f"{prefix}.option_values"] = (
                "The field 'option_values' must list {option_display_name, label}."
            )
        found = fields_errors(variant, VARIANT_RULES)
        errors.update({f"{prefix}.{field}": text for field, text in found.items()})
    return errors


def variant_update_errors(item):
    """Return the invalid fields of one item of a variants batch PUT."""
    if not isinstance(item, dict):
        return {"body": "A variant must be an object."}
    errors = {}
    if not _is_int(item.get("id")):
        errors["id"] = "The field 'id' is required and must be an integer."
    errors.update(fields_errors(item, VARIANT_RULES))
    return errors


def fields_errors(body, rules, skip=()):
    """Return ``{field: message}`` for the fields of ``body`` breaking ``rules``."""
    errors = {}
    for field, rule in rules.items():
        if field in body and field not in skip:
            message = _rule_error(body[field], rule)
            if message:
                errors[field] = f"The field '{field}' {message}."
    return errors


def _rule_error(value, rule):
    """Return why ``value`` breaks ``rule`` ("must be ..."), or None."""
    kind = rule[0]
    if kind == "num?" and value is None:
        return None
    if kind in ("num", "num?"):
        return None if _is_number(value) and value >= 0 else "must be a number >= 0"
    if kind == "int":
        low, high = rule[1], rule[2]
        valid = _is_int(value) and low <= value <= high
        return None if valid else f"must be an integer from {low} to {high}"
    if kind == "str":
        low, high = rule[1], rule[2]
        valid = isinstance(value, str) and low <= len(value) <= high
        return None if valid else f"must be a string of {low} to {high} characters"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "enum":
        return None if value in rule[1] else f"must be one of {', '.join(rule[1])}"
    checker = _is_int if kind == "int_list" else _is_str
    valid = isinstance(value, list) and all(checker(v) for v in value)
    return None if valid else f"must be an array of {kind.split('_')[0]}s"


def _is_number(value):
    """Tell whether ``value`` is a finite JSON number (not a boolean)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _is_int(value):
    """Tell whether ``value`` is a JSON integer (not a boolean)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str(value):
    """Tell whether ``value`` is a string."""
    return isinstance(value, str)


def _valid_option_values(values):
    """Tell whether a POSTed variant's ``option_values`` names option and label."""
    return (
        isinstance(values, list)
        and bool(values)
        and all(
            isinstance(v, dict)
            and isinstance(v.get("option_display_name"), str)
            and isinstance(v.get("label"), str)
            and v["option_display_name"]
            and v["label"]
            for v in values
        )
    )


def _valid_custom_url(custom_url):
    """Tell whether a ``custom_url`` object has a usable ``url`` path."""
    return (
        isinstance(custom_url, dict)
        and isinstance(custom_url.get("url"), str)
        and 0 < len(custom_url["url"]) <= 255
        and custom_url["url"].startswith("/")
    )
