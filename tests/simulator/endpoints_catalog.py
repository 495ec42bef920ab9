"""Catalog write endpoints (brands_catalog.v3.yml); reads are generic.

``POST /v3/catalog/brands`` (``createBrand``) validates like BigCommerce:
422 when ``name`` is missing or a field has the wrong type or length, 409
when the name is taken, and 200 (the status the spec declares, not 201)
with ``{"data": brand, "meta": {}}``.
"""

import copy
import re

from .messages import ApiError, Reply

BRANDS = "v3/catalog/brands"
INVALID_DATA = "JSON data is missing or invalid"

# Writable string fields and their maximum lengths (brand_Full).
_BRAND_STRINGS = {
    "name": 255,
    "page_title": 255,
    "meta_description": 65535,
    "search_keywords": 255,
    "image_url": 65535,
}
_CUSTOM_URL = re.compile(r"^(\/([A-Za-z0-9\-_.]{1,256}))*\/?$")


def register(router):
    """Add the brand write routes."""
    router.add("POST", BRANDS, create_brand)


def create_brand(state, request):
    """Create a brand from the request body (``createBrand``)."""
    body = request.body if isinstance(request.body, dict) else {}
    errors = brand_errors(body)
    if errors:
        raise ApiError(422, INVALID_DATA, errors=errors)
    brands = state.collection(BRANDS)
    name = body["name"]
    if any(str(b.get("name", "")).casefold() == name.casefold() for b in brands):
        raise ApiError(
            409,
            f"Brand name '{name}' is not unique.",
            errors={"name": "A brand with this name already exists."},
        )
    brand = build_brand(state.next_id(BRANDS), body)
    brands.append(brand)
    return Reply(200, {"data": copy.deepcopy(brand), "meta": {}})


def brand_errors(body):
    """Return ``{field: message}`` for every invalid field of a brand body."""
    errors = {}
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        errors["name"] = "The field 'name' is required and cannot be empty."
    for field, max_length in _BRAND_STRINGS.items():
        value = body.get(field)
        if field in errors or value is None:
            continue
        if not isinstance(value, str):
            errors[field] = f"The field '{field}' must be a string."
        elif len(value) > max_length:
            errors[field] = f"The field '{field}' is longer than {max_length}."
    keywords = body.get("meta_keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        errors["meta_keywords"] = "The field 'meta_keywords' must be a list of strings."
    custom_url = body.get("custom_url")
    if custom_url is not None and not _valid_custom_url(custom_url):
        errors["custom_url"] = "The field 'custom_url.url' is not a valid URL path."
    return errors


def _valid_custom_url(custom_url):
    """Tell whether a ``custom_url`` object is acceptable."""
    if not isinstance(custom_url, dict):
        return False
    url = custom_url.get("url")
    return isinstance(url, str) and 0 < len(url) <= 1024 and _CUSTOM_URL.match(url)


def build_brand(brand_id, body):
    """Return a stored brand: the body's fields plus BigCommerce's defaults."""
    name = body["name"]
    custom_url = body.get("custom_url")
    if custom_url:
        custom_url = {
            "url": custom_url["url"],
            "is_customized": bool(custom_url.get("is_customized", True)),
        }
    else:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or str(brand_id)
        custom_url = {"url": f"/brands/{slug}.html", "is_customized": False}
    return {
        "id": brand_id,
        "name": name,
        "page_title": body.get("page_title", ""),
        # The spec's getBrands example shows [""] for a brand without keywords.
        "meta_keywords": list(body.get("meta_keywords") or [""]),
        "meta_description": body.get("meta_description", ""),
        "image_url": body.get("image_url", ""),
        "search_keywords": body.get("search_keywords", ""),
        "custom_url": custom_url,
    }
