"""What an Odoo template looks like to BigCommerce: request bodies and checks.

Used by :class:`~.exporter.ProductExporter`. A template whose variants
carry attribute values is a product with options (one BigCommerce variant per
Odoo variant, every attribute an option); one without is a simple product
whose own ``sku`` is the variant's internal reference.
"""

from odoo.tools import is_html_empty, plaintext2html

from ..core.units import convert_length, convert_weight
from .variants import units_of

MAX_SKUS = 600  # variants per product (FACTS 4)
MAX_UPC = 14  # product_Base_POST.upc maxLength
DIMENSIONS = (
    ("width", "bigcommerce_width"),
    ("depth", "bigcommerce_length"),
    ("height", "bigcommerce_height"),
)


class ListingBuilder:
    """Builds ``product_Base_POST`` / ``product_Put`` / variant bodies.

    :param store: ``bigcommerce.store``; its units must be known
    :raises UserError: the store's weight or dimension unit is unknown
    """

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.units = units_of(store)

    # === BODIES === #

    def prepare_product(self, template, variants, prices):
        """The ``product_Base_POST`` body of a template with its variants.

        :param prices: product id -> ``(price, sale_price)``
        """
        has_options = has_variant_options(variants)
        body = {
            "name": template.name,
            "type": "digital" if template.type == "service" else "physical",
            "description": self.description(template),
            "price": min(prices[v.id][0] for v in variants),
            **self.measures(variants[0]),
            "is_visible": not self.store.list_as_draft,
            "inventory_tracking": self.tracking(template, has_options),
        }
        category = self.store.default_category_id
        if category:
            body["categories"] = [category.bc_category_id]
        if has_options:
            body["variants"] = [
                {
                    **self.prepare_variant(variant, prices),
                    "option_values": self.option_values(variant),
                }
                for variant in variants
            ]
        else:
            body.update(self.prepare_variant(variants[0], prices))
        return body

    def prepare_update(self, template, variants, prices, base_price):
        """The ``product_Put`` body: never categories nor options, visibility kept.

        :param variants: the linked variants
        :param base_price: the price of a product with options itself (see
            :meth:`~.tiers.PriceWriter.template_price`), which its variants
            without a price of their own show
        """
        body = {"name": template.name, "description": self.description(template)}
        if not variants:
            return body
        body["price"] = base_price
        body.update(self.measures(variants[0]))
        if not has_variant_options(variants):
            body.update(self.prepare_variant(variants[0], prices))
        return body

    def prepare_variant(self, variant, prices, bc_variant_id=None):
        """SKU, prices, weight, dimensions and UPC of one variant.

        :param bc_variant_id: the BigCommerce id, for a batch update item
        """
        price, sale_price = prices[variant.id]
        values = {
            "sku": (variant.default_code or "").strip(),
            "price": price,
            **self.measures(variant),
        }
        if sale_price is not None:  # None: no sale price tier, BigCommerce's stays
            values["sale_price"] = sale_price
        barcode = (variant.barcode or "").strip()
        if barcode and len(barcode) <= MAX_UPC:
            values["upc"] = barcode
        if bc_variant_id:
            values["id"] = bc_variant_id
        return values

    def measures(self, variant):
        """Weight and width/depth/height of a variant in the store's units."""
        units = self.units
        values = {
            "weight": round(
                convert_weight(variant.weight, units["odoo_weight"], units["weight"]),
                4,
            )
        }
        for key, odoo_field in DIMENSIONS:
            length = convert_length(
                variant[odoo_field], units["odoo_length"], units["length"]
            )
            values[key] = round(length, 4)
        return values

    @staticmethod
    def option_values(variant):
        """``[{option_display_name, label}]`` of every attribute of the variant."""
        values = variant.product_template_attribute_value_ids.sorted(
            lambda v: (v.attribute_line_id.sequence, v.attribute_line_id.id)
        )
        return [
            {"option_display_name": value.attribute_id.name, "label": value.name}
            for value in values
        ]

    @staticmethod
    def description(template):
        """The HTML description, else the sales description as HTML."""
        if not is_html_empty(template.bigcommerce_description):
            return str(template.bigcommerce_description)
        text = (template.description_sale or "").strip()
        return str(plaintext2html(text)) if text else ""

    @staticmethod
    def tracking(template, has_options):
        """Track stock by variant or product for storable goods; else none."""
        if template.type != "consu" or not template.is_storable:
            return "none"
        return "variant" if has_options else "product"

    # === CHECKS === #

    def listing_problem(self, template, variants):
        """Why a template cannot be listed, or an empty string."""
        if template.type == "combo":
            return self.env._("Combo products cannot be listed on BigCommerce.")
        if not variants:
            return self.env._("The product has no active variant.")
        if len(variants) > MAX_SKUS:
            return self.env._("BigCommerce allows %s variants per product.", MAX_SKUS)
        missing = variants.filtered(lambda v: not (v.default_code or "").strip())
        if missing:
            return self.env._(
                "BigCommerce needs a SKU for every variant: give an internal "
                "reference to %s.",
                ", ".join(missing.mapped("display_name")),
            )
        codes = [v.default_code.strip() for v in variants]
        if len(set(codes)) != len(codes):
            return self.env._("Two variants share an internal reference (SKU).")
        return ""


def has_variant_options(variants):
    """Tell whether ``variants`` carry attribute values (BigCommerce options)."""
    return bool(variants.product_template_attribute_value_ids)
