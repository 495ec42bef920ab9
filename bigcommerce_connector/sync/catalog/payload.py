"""BigCommerce's catalog bodies, read once at the edge into frozen objects.

A product (``product_Full`` with ``variants`` and ``images`` included), the
rows of a category tree, tax classes, brands, and the answers of the calls
that create or update products and variants. Money is Decimal, dates naive
UTC datetimes; a malformed value raises :class:`PayloadError` naming its
field (``variants[3].price``) and the value found. Nothing after this module
reads BigCommerce's raw dicts. No Odoo here.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..core.values import (
    object_at,
    parse_datetime,
    read_amount,
    read_id,
    read_int,
    read_int_list,
    read_list,
    read_moment,
    read_object,
    read_objects,
    read_optional_amount,
    read_str,
)

# === PRODUCTS === #


@dataclass(frozen=True)
class OptionValue:
    """One option of a variant: ``Size`` is ``M``."""

    option_display_name: str
    label: str


@dataclass(frozen=True)
class Variant:
    """A ``productVariant_Full``; a None price, weight or size is the product's."""

    id: int
    sku: str
    price: Decimal | None
    sale_price: Decimal | None
    weight: Decimal | None
    width: Decimal | None
    depth: Decimal | None
    height: Decimal | None
    upc: str
    gtin: str
    image_url: str
    option_values: tuple[OptionValue, ...]


@dataclass(frozen=True)
class Image:
    """A ``productImage_Full``: where to download it, and whether it is the main one."""

    is_thumbnail: bool
    url_standard: str
    url_zoom: str


@dataclass(frozen=True)
class Product:
    """A ``product_Full`` with its variants and images, as the download reads it."""

    id: int
    name: str
    type: str
    sku: str
    description: str
    price: Decimal
    sale_price: Decimal
    weight: Decimal
    width: Decimal
    depth: Decimal
    height: Decimal
    upc: str
    gtin: str
    categories: tuple[int, ...]
    brand_id: int
    tax_class_id: int | None
    search_keywords: str
    is_visible: bool
    inventory_tracking: str
    date_modified: datetime | None
    variants: tuple[Variant, ...]
    images: tuple[Image, ...]


def parse_product(body):
    """Read one ``product_Full`` body in one pass.

    :param dict body: a product as ``GET /v3/catalog/products?include=variants``
        answers it (``images`` too when included)
    :returns: :class:`Product`
    :raises PayloadError: a value is malformed; the error names its field
    """
    object_at(body, "product")
    return Product(
        id=read_id(body, "id"),
        name=read_str(body, "name"),
        type=read_str(body, "type"),
        sku=read_str(body, "sku"),
        description=_markup(body, "description"),
        price=read_amount(body, "price"),
        sale_price=read_amount(body, "sale_price"),
        weight=read_amount(body, "weight"),
        width=read_amount(body, "width"),
        depth=read_amount(body, "depth"),
        height=read_amount(body, "height"),
        upc=read_str(body, "upc"),
        gtin=read_str(body, "gtin"),
        categories=read_int_list(body, "categories"),
        brand_id=read_int(body, "brand_id"),
        tax_class_id=read_int(body, "tax_class_id", default=None),
        search_keywords=read_str(body, "search_keywords"),
        is_visible=bool(body.get("is_visible", True)),
        inventory_tracking=(
            read_str(body, "inventory_tracking")
            if "inventory_tracking" in body
            else "none"
        ),
        date_modified=read_moment(body, "date_modified"),
        variants=tuple(
            parse_variant(item, where) for item, where in read_objects(body, "variants")
        ),
        images=tuple(
            _parse_image(item, where) for item, where in read_objects(body, "images")
        ),
    )


def parse_variant(body, where=""):
    """Read one ``productVariant_Full``; ``where`` prefixes the field names.

    :raises PayloadError: a value is malformed
    """
    object_at(body, where.rstrip("."))
    return Variant(
        id=read_id(body, "id", where),
        sku=read_str(body, "sku", where),
        price=read_optional_amount(body, "price", where),
        sale_price=read_optional_amount(body, "sale_price", where),
        weight=read_optional_amount(body, "weight", where),
        width=read_optional_amount(body, "width", where),
        depth=read_optional_amount(body, "depth", where),
        height=read_optional_amount(body, "height", where),
        upc=read_str(body, "upc", where),
        gtin=read_str(body, "gtin", where),
        image_url=read_str(body, "image_url", where),
        option_values=tuple(
            _parse_option_value(item, path)
            for item, path in read_objects(body, "option_values", where)
        ),
    )


def _parse_option_value(body, where):
    object_at(body, where.rstrip("."))
    return OptionValue(
        option_display_name=read_str(body, "option_display_name", where),
        label=read_str(body, "label", where),
    )


def _parse_image(body, where):
    object_at(body, where.rstrip("."))
    return Image(
        is_thumbnail=bool(body.get("is_thumbnail")),
        url_standard=read_str(body, "url_standard", where),
        url_zoom=read_str(body, "url_zoom", where),
    )


def product_reference(body):
    """How the sync log names a product body, even one that cannot be read."""
    product_id = body.get("id") if isinstance(body, dict) else None
    return f"product {product_id}"


def modified_at(body):
    """The ``date_modified`` of a product body, or None when unreadable.

    Only for a body :func:`parse_product` refused: the download's cursor
    still stops at that product, so the next run fetches it again.
    """
    return parse_datetime(body.get("date_modified")) if isinstance(body, dict) else None


# === SMALL LISTS === #


@dataclass(frozen=True)
class CategoryRow:
    """One category of ``GET /v3/catalog/trees/categories``."""

    category_id: int
    parent_id: int
    tree_id: int
    name: str
    is_visible: bool


def parse_category_rows(bodies):
    """Read the rows of the category trees.

    :raises PayloadError: an id is malformed (named with the row's index)
    """
    return [
        _parse_category_row(body, f"categories[{i}].") for i, body in enumerate(bodies)
    ]


def _parse_category_row(body, where):
    object_at(body, where.rstrip("."))
    return CategoryRow(
        category_id=read_id(body, "category_id", where),
        parent_id=read_int(body, "parent_id", where),
        tree_id=read_int(body, "tree_id", where),
        name=read_str(body, "name", where),
        is_visible=bool(body.get("is_visible", True)),
    )


@dataclass(frozen=True)
class Named:
    """A tax class (``GET /v2/tax_classes``) or a brand: an id and a name."""

    id: int
    name: str


def parse_named(bodies, noun):
    """Read tax classes or brands; the v2 tax class id is a string in the spec.

    :param noun: what the items are, to name a field (``brands[2].id``)
    :raises PayloadError: an id is malformed (named with the item's index)
    """
    return [parse_one_named(body, f"{noun}[{i}]") for i, body in enumerate(bodies)]


def parse_one_named(body, where):
    """One tax class or brand; ``where`` names it (``brands[2]``).

    :raises PayloadError: it is not an object, or its id is malformed
    """
    object_at(body, where)
    return Named(read_id(body, "id", where + "."), read_str(body, "name", where + "."))


# === ANSWERS OF WRITES === #


@dataclass(frozen=True)
class SavedVariant:
    """A variant as BigCommerce answers a write: the id it has, for its SKU."""

    id: int
    sku: str


@dataclass(frozen=True)
class SavedProduct:
    """A product as BigCommerce answers ``POST`` or ``PUT /catalog/products``."""

    id: int | None
    date_modified: datetime | None
    variants: tuple[SavedVariant, ...]


def parse_saved_product(answer, created=False):
    """Read the answer ``{"data": product}`` of a product write.

    :param created: the answer of a POST: the new product's id must be there
    :raises PayloadError: an id or the date is malformed
    """
    data = read_object(answer or {}, "data")
    product_id = (
        read_id(data, "id", "data.") if created else read_int(data, "id", "data.", None)
    )
    # Read leniently: the product exists in BigCommerce by now, and a date we
    # cannot read must not lose its link (the next List would make a twin).
    moment = data.get("date_modified")
    return SavedProduct(
        id=product_id,
        date_modified=parse_datetime(moment) if isinstance(moment, str) else None,
        variants=tuple(
            parse_saved_variant(item, f"data.variants[{index}].")
            for index, item in enumerate(read_list(data, "variants", "data."))
        ),
    )


def parse_saved_variant(body, where=""):
    """Read the id and SKU of a variant BigCommerce answered.

    :raises PayloadError: the id is absent or malformed
    """
    object_at(body, where.rstrip(".") or "variant")
    return SavedVariant(read_id(body, "id", where), read_str(body, "sku", where))


@dataclass(frozen=True)
class BatchAnswer:
    """The answer of a batch write (200, 207 or 422).

    ``ids`` are the records BigCommerce took (a 207 lists them in ``data``);
    ``errors`` are its error items, free text for the sync log, in the order
    of the refused records.
    """

    ids: frozenset
    errors: tuple


def parse_batch_answer(body):
    """Read the ids a batch answer took and the error items it gave.

    A 207 carries ``errors`` as a list; a 422 body carries ``batch_errors``
    (or ``errors``) as a list, or an object of field errors.

    :raises PayloadError: an id is malformed
    """
    body = body if isinstance(body, dict) else {}
    data = read_list(body, "data")
    ids = frozenset(
        read_id(object_at(item, f"data[{i}]"), "id", f"data[{i}].")
        for i, item in enumerate(data)
    )
    errors = body.get("batch_errors") or body.get("errors")
    if isinstance(errors, dict):
        errors = errors.get("batch_errors") or errors.get("errors")
    return BatchAnswer(ids, tuple(errors) if isinstance(errors, list) else ())


def parse_ids(bodies, key="id"):
    """The ids of records listed by BigCommerce (e.g. ``include_fields=name``).

    :raises PayloadError: an id is absent or malformed
    """
    return [
        read_id(object_at(body, f"data[{index}]"), key, f"data[{index}].")
        for index, body in enumerate(bodies)
    ]


# === HELPERS === #


def _markup(body, key):
    """HTML as BigCommerce sent it: not stripped, so a round trip keeps it."""
    value = body.get(key)
    return "" if value is None else str(value)
