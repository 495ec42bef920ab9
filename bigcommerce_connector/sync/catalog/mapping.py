"""Pure decisions of the product download: BigCommerce payloads to values.

No ORM here, so these functions are tested on their own (with hypothesis).
"""

from dataclasses import dataclass, field

from markupsafe import Markup

from ..core.units import convert_length, convert_weight, volume
from ..core.values import to_decimal


@dataclass
class VariantPlan:
    """One BigCommerce variant and what to do with it."""

    variant: dict
    sku: str
    options: tuple  # ((option display name, value label), ...) in option order
    skip_reason: str = ""


@dataclass
class ProductPlan:
    """The variants of one BigCommerce product, checked before touching Odoo."""

    product: dict
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
        (
            str(value.get("option_display_name") or "").strip(),
            str(value.get("label") or "").strip(),
        )
        for value in variant.get("option_values") or []
    )


def plan_product(product):
    """Check the variants of a product: SKU present, options complete, no twins.

    A variant without SKU is skipped; a variant that lacks a value for an option
    the other variants have (its option was deleted in BigCommerce), or whose
    options repeat another variant's, is skipped: never guessed.

    :param dict product: a ``product_Full`` with ``variants`` included
    :returns: :class:`ProductPlan`
    """
    variants = product.get("variants") or []
    plans = [
        VariantPlan(v, (v.get("sku") or "").strip(), variant_options(v))
        for v in variants
    ]
    names = []
    for plan in plans:
        for name, _label in plan.options:
            if name and name not in names:
                names.append(name)
    owners = {}
    for plan in plans:
        owners.setdefault(frozenset(plan.options), []).append(plan.variant.get("id"))
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
    twins = [i for i in owners[frozenset(plan.options)] if i != plan.variant.get("id")]
    if twins:
        return "variant repeats the options of variant %s" % ", ".join(map(str, twins))
    return ""


def duplicate_skus(plans):
    """SKUs carried by more than one variant among ``plans`` (a page of products)."""
    counts = {}
    for product_plan in plans:
        for plan in product_plan.valid:
            counts[plan.sku] = counts.get(plan.sku, 0) + 1
    return {sku for sku, count in counts.items() if count > 1}


def effective_prices(product, variant):
    """Regular and sale price of a variant: its own, else its product's.

    :returns: ``(price, sale_price)`` floats; a sale price of 0 means none
    """
    price = variant.get("price")
    if price is None:
        price = product.get("price")
    sale = variant.get("sale_price")
    if sale is None:
        sale = product.get("sale_price")
    return float(to_decimal(price)), float(to_decimal(sale))


def barcode_of(product, variant):
    """UPC, else GTIN, of the variant (or of a product without options)."""
    for source in (variant, product if not variant.get("option_values") else {}):
        for key in ("upc", "gtin"):
            code = (source.get(key) or "").strip()
            if code:
                return code
    return ""


def keywords(product):
    """Search keywords as a list of distinct, trimmed words."""
    words = []
    for word in (product.get("search_keywords") or "").split(","):
        word = word.strip()
        if word and word not in words:
            words.append(word)
    return words


def template_values(product, units):
    """Values of ``product.template`` fields BigCommerce is the source of.

    :param units: dict with ``weight`` and ``length`` (BigCommerce's store units)
        and ``odoo_weight`` / ``odoo_length`` (Odoo's)
    """
    description = product.get("description") or ""
    is_digital = product.get("type") == "digital"
    values = {
        "name": (product.get("name") or "").strip()
        or "BigCommerce product %s" % product.get("id"),
        "bigcommerce_description": Markup(description) if description else False,
        "type": "service" if is_digital else "consu",
        "sale_ok": True,
    }
    if not is_digital:
        values["is_storable"] = product.get("inventory_tracking", "none") != "none"
    return values


def variant_values(product, variant, units):
    """Values of ``product.product`` fields for one BigCommerce variant."""
    weight = variant.get("weight")
    if weight is None:
        weight = product.get("weight")
    dims = {}
    for key, odoo_field in (
        ("depth", "bc_length"),
        ("width", "bc_width"),
        ("height", "bc_height"),
    ):
        raw = variant.get(key)
        if raw is None:
            raw = product.get(key)
        dims[odoo_field] = convert_length(raw, units["length"], units["odoo_length"])
    return {
        "default_code": (variant.get("sku") or "").strip(),
        "weight": convert_weight(weight, units["weight"], units["odoo_weight"]),
        "volume": volume(
            dims["bc_length"], dims["bc_width"], dims["bc_height"], units["odoo_length"]
        ),
        **dims,
    }


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
