"""Pure decisions of the product download: parsed products to Odoo values.

Everything here takes the objects of :mod:`.payload`, never a raw body. No
ORM here, so these functions are tested on their own (with hypothesis).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from markupsafe import Markup

from ..core.units import convert_length, convert_weight, volume
from .payload import Product, Variant


@dataclass
class VariantPlan:
    """One BigCommerce variant and what to do with it."""

    variant: Variant
    sku: str
    options: tuple  # ((option display name, value label), ...) in option order
    skip_reason: str = ""


@dataclass
class ProductPlan:
    """The variants of one BigCommerce product, checked before touching Odoo."""

    product: Product
    option_names: list = field(default_factory=list)
    variants: list = field(default_factory=list)

    @property
    def valid(self):
        """The variants that can be linked or created."""
        return [plan for plan in self.variants if not plan.skip_reason]

    @property
    def skipped(self):
        """The variants left out, each with its reason."""
        return [plan for plan in self.variants if plan.skip_reason]


def variant_options(variant):
    """The ``(option name, value label)`` pairs of a variant, in BigCommerce order."""
    return tuple(
        (value.option_display_name, value.label) for value in variant.option_values
    )


def plan_product(product):
    """Check the variants of a product: SKU present, options complete, no twins.

    A variant without SKU is skipped; a variant that lacks a value for an option
    the other variants have (its option was deleted in BigCommerce), or whose
    options repeat another variant's, is skipped: never guessed.

    :param product: a :class:`~.payload.Product`
    :returns: :class:`ProductPlan`
    """
    plans = [VariantPlan(v, v.sku, variant_options(v)) for v in product.variants]
    names = []
    for plan in plans:
        for name, _label in plan.options:
            if name and name not in names:
                names.append(name)
    owners = {}
    for plan in plans:
        owners.setdefault(frozenset(plan.options), []).append(plan.variant.id)
    for plan in plans:
        plan.skip_reason = _variant_problem(plan, names, owners)
    return ProductPlan(product, names, plans)


def _variant_problem(plan, names, owners):
    if not plan.sku:
        return "variant has no SKU"
    present = [name for name, label in plan.options if name and label]
    missing = [name for name in names if name not in present]
    if missing:
        return "variant has no value for option %s (option deleted in BigCommerce?)" % (
            ", ".join(missing)
        )
    twins = [i for i in owners[frozenset(plan.options)] if i != plan.variant.id]
    if twins:
        return "variant repeats the options of variant %s" % ", ".join(map(str, twins))
    return ""


def sku_owners(plans, linked):
    """Per SKU, the variant that may take it by SKU: the lowest unlinked id.

    Two BigCommerce variants may carry one SKU. A variant with its own link
    keeps it; among the others, the lowest variant id (never the first one
    downloaded) may link to, or create, the Odoo product of that reference.

    :param plans: the :class:`ProductPlan` of a page
    :param linked: BigCommerce variant ids that already have a link
    :returns: dict SKU -> variant id
    """
    owners = {}
    for product_plan in plans:
        for plan in product_plan.valid:
            variant_id = plan.variant.id
            if variant_id not in linked and variant_id < owners.get(plan.sku, 2**63):
                owners[plan.sku] = variant_id
    return owners


def price_extras(rows):
    """Extra prices per attribute value that give each variant its price exactly.

    Odoo prices a variant as its template's price plus the extra prices of its
    attribute values: that expresses BigCommerce's variant prices only when
    they add up over the values. Each value's extra is first found from a
    variant whose other values are known (a free one at 0); when that misses
    a variant, the sums are solved exactly (Gauss-Jordan over fractions). No
    solution, or none found in cents, gives None: the caller then prices
    each variant on its own.

    :param rows: ``[(value keys, difference to the template price)]``, the
        differences as ``Decimal``
    :returns: dict key -> ``Decimal`` extra, or None when no extras fit
    """
    for solve in (_propagate, _eliminate):
        extras = solve(rows)
        if extras is not None and all(
            sum((extras[key] for key in keys), Decimal(0)) == difference
            for keys, difference in rows
        ):
            return extras
    return None


def _propagate(rows):
    """Extras found one at a time from rows with a single unknown."""
    extras = {}
    pending = list(rows)
    while pending:
        progress = False
        for keys, difference in list(pending):
            unknown = [key for key in keys if key not in extras]
            if len(unknown) <= 1:
                if unknown:
                    known = sum((extras[k] for k in keys if k in extras), Decimal(0))
                    extras[unknown[0]] = difference - known
                pending.remove((keys, difference))
                progress = True
        if not progress:
            # Several unknowns in every row left: one of them is free.
            keys = pending[0][0]
            extras[next(key for key in keys if key not in extras)] = Decimal(0)
    return extras


def _eliminate(rows):
    """Extras solving every row at once, or None when none in cents."""
    keys = list(dict.fromkeys(key for row_keys, _ in rows for key in row_keys))
    column = {key: index for index, key in enumerate(keys)}
    matrix = []
    for row_keys, difference in rows:
        row = [Fraction(0)] * len(keys) + [Fraction(difference)]
        for key in row_keys:
            row[column[key]] += 1
        matrix.append(row)
    solved = _solve(matrix, len(keys))
    if solved is None or any((value * 100).denominator != 1 for value in solved):
        return None
    return {
        key: Decimal(value.numerator) / value.denominator
        for key, value in zip(keys, solved, strict=True)
    }


def _solve(matrix, width):
    """A solution of the linear system (free unknowns at 0), or None."""
    pivots = []
    row = 0
    for col in range(width):
        found = next((r for r in range(row, len(matrix)) if matrix[r][col]), None)
        if found is None:
            continue
        matrix[row], matrix[found] = matrix[found], matrix[row]
        lead = matrix[row][col]
        matrix[row] = [value / lead for value in matrix[row]]
        for other in range(len(matrix)):
            if other != row and matrix[other][col]:
                factor = matrix[other][col]
                matrix[other] = [
                    a - factor * b
                    for a, b in zip(matrix[other], matrix[row], strict=True)
                ]
        pivots.append(col)
        row += 1
    if any(not any(r[:width]) and r[width] for r in matrix):
        return None  # a row 0 = d: the prices do not add up
    solution = [Fraction(0)] * width
    for index, col in enumerate(pivots):
        solution[col] = matrix[index][width]
    return solution


def inherited(product, variant, name):
    """The variant's own ``name`` (price, weight, depth...), else its product's."""
    own = getattr(variant, name)
    return getattr(product, name) if own is None else own


def effective_prices(product, variant):
    """Regular and sale price of a variant: its own, else its product's.

    :returns: ``(price, sale_price)`` floats; a sale price of 0 means none
    """
    price = inherited(product, variant, "price")
    sale_price = inherited(product, variant, "sale_price")
    return float(price), float(sale_price)


def barcode_of(product, variant):
    """UPC, else GTIN, of the variant (or of a product without options)."""
    sources = (variant,) if variant.option_values else (variant, product)
    for source in sources:
        for code in (source.upc, source.gtin):
            if code:
                return code
    return ""


def keywords(product):
    """Search keywords as a list of distinct, trimmed words."""
    words = []
    for word in product.search_keywords.split(","):
        word = word.strip()
        if word and word not in words:
            words.append(word)
    return words


def template_values(product):
    """Values of ``product.template`` fields BigCommerce is the source of."""
    is_digital = product.type == "digital"
    values = {
        "name": product.name or "BigCommerce product %s" % product.id,
        "bigcommerce_description": (
            Markup(product.description) if product.description else False
        ),
        "type": "service" if is_digital else "consu",
        "sale_ok": True,
    }
    if not is_digital:
        values["is_storable"] = product.inventory_tracking != "none"
    return values


# BigCommerce's sizes and the product.product fields that keep them.
DIMENSION_FIELDS = (
    ("depth", "bigcommerce_length"),
    ("width", "bigcommerce_width"),
    ("height", "bigcommerce_height"),
)


def variant_values(product, variant, units):
    """Values of ``product.product`` fields for one BigCommerce variant.

    :param units: dict with ``weight`` and ``length`` (BigCommerce's store units)
        and ``odoo_weight`` / ``odoo_length`` (Odoo's)
    """
    weight = inherited(product, variant, "weight")
    dims = {
        odoo_field: convert_length(
            inherited(product, variant, key), units["length"], units["odoo_length"]
        )
        for key, odoo_field in DIMENSION_FIELDS
    }
    return {
        "default_code": variant.sku,
        "weight": convert_weight(weight, units["weight"], units["odoo_weight"]),
        "volume": volume(
            dims["bigcommerce_length"],
            dims["bigcommerce_width"],
            dims["bigcommerce_height"],
            units["odoo_length"],
        ),
        **dims,
    }


def main_image(product):
    """The image a template gets: the thumbnail, else the first, else None."""
    images = product.images
    return next((i for i in images if i.is_thumbnail), images[0] if images else None)


def root_category(category_ids, parents):
    """The root of the first of ``category_ids`` found in ``parents``.

    :param parents: dict BigCommerce category id -> parent id (0 for a root)
    :returns: the root category id, or None
    """
    for category_id in category_ids or []:
        current, steps = category_id, 0
        while current in parents and parents[current] and steps < 32:
            current, steps = parents[current], steps + 1
        if current in parents:
            return current
    return None
