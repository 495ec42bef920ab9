"""ORM helpers of the product download: attributes, variants, categories, tags.

Each helper caches what it finds or creates for the whole run, so a page of
products costs a few queries per kind of record, not one per product.
"""

import base64
import logging

import requests

from odoo import Command
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

IMAGE_TIMEOUT = 20  # seconds; one number: Odoo's test harness compares it to 10
IMAGE_MAX_BYTES = 8 * 1024 * 1024  # BigCommerce's own limit per image


def units_of(store):
    """The store's and Odoo's weight and length units, for conversions.

    :raises UserError: the store's units are unknown (never guessed)
    """
    env = store.env
    if not store.weight_unit or not store.dimension_unit:
        raise UserError(
            env._(
                "Odoo does not know the weight or dimension unit of store "
                "%(store)s: press Test Connection, or set units BigCommerce "
                "and Odoo both know in BigCommerce (Settings > Display).",
                store=store.display_name,
            )
        )
    template = env["product.template"]
    weight_uom = template._get_weight_uom_id_from_ir_config_parameter()
    length_uom = template._get_length_uom_id_from_ir_config_parameter()
    return {
        "weight": store.weight_unit,
        "length": store.dimension_unit,
        "odoo_weight": "lb" if weight_uom == env.ref("uom.product_uom_lb") else "kg",
        "odoo_length": "ft" if length_uom == env.ref("uom.product_uom_foot") else "mm",
    }


class ProductCatalogCache:
    """Find-or-create of attributes, values, tags and categories for one run."""

    def __init__(self, env):
        self.env = env
        self._attributes = {}
        self._values = {}
        self._tags = {}
        self._categories = {}

    def attribute(self, name):
        """The dynamic ``product.attribute`` named ``name`` (created if missing).

        Dynamic attributes create only the variants BigCommerce has, rather
        than every combination of the values.
        """
        if name not in self._attributes:
            Attribute = self.env["product.attribute"]
            attribute = Attribute.search(
                [("name", "=", name), ("create_variant", "=", "dynamic")], limit=1
            ) or Attribute.create({"name": name, "create_variant": "dynamic"})
            self._attributes[name] = attribute
        return self._attributes[name]

    def value(self, attribute, label):
        """The ``product.attribute.value`` ``label`` of ``attribute``."""
        key = (attribute.id, label)
        if key not in self._values:
            Value = self.env["product.attribute.value"]
            value = Value.search(
                [("attribute_id", "=", attribute.id), ("name", "=", label)], limit=1
            ) or Value.create({"attribute_id": attribute.id, "name": label})
            self._values[key] = value
        return self._values[key]

    def tags(self, names):
        """``product.tag`` records named ``names`` (created if missing)."""
        Tag = self.env["product.tag"]
        missing = [name for name in names if name not in self._tags]
        if missing:
            for tag in Tag.search([("name", "in", missing)]):
                self._tags.setdefault(tag.name, tag)
            for name in missing:
                if name not in self._tags:
                    self._tags[name] = Tag.create({"name": name})
        return Tag.concat(*(self._tags[name] for name in names))

    def odoo_category(self, bc_category):
        """The Odoo category of a root ``bigcommerce.category`` (created if none)."""
        if bc_category.id not in self._categories:
            categ = bc_category.product_categ_id
            if not categ:
                Category = self.env["product.category"]
                categ = Category.search(
                    [("name", "=", bc_category.name), ("parent_id", "=", False)],
                    limit=1,
                ) or Category.create({"name": bc_category.name})
                bc_category.sudo().product_categ_id = categ
            self._categories[bc_category.id] = categ
        return self._categories[bc_category.id]


def attribute_lines(cache, option_names, variant_plans):
    """Attribute line commands for a new template, one line per option."""
    commands = []
    for name in option_names:
        attribute = cache.attribute(name)
        labels = []
        for plan in variant_plans:
            label = dict(plan.options).get(name)
            if label and label not in labels:
                labels.append(label)
        values = [cache.value(attribute, label) for label in labels]
        commands.append(
            Command.create(
                {
                    "attribute_id": attribute.id,
                    "value_ids": [Command.set([v.id for v in values])],
                }
            )
        )
    return commands


def extend_attribute_lines(cache, template, variant_plans):
    """Add the option values of ``variant_plans`` missing from ``template``."""
    lines = {line.attribute_id.name: line for line in template.attribute_line_ids}
    for plan in variant_plans:
        for name, label in plan.options:
            line = lines[name]
            value = cache.value(line.attribute_id, label)
            if value not in line.value_ids:
                line.value_ids = [Command.link(value.id)]


def template_options(template):
    """Names of the dynamic attributes of ``template``'s lines, or None."""
    lines = template.attribute_line_ids
    if any(line.attribute_id.create_variant != "dynamic" for line in lines):
        return None
    return {line.attribute_id.name for line in lines}


def create_variants(template, variant_plans):
    """Create the variants of ``variant_plans`` in ``template`` (dynamic lines).

    :returns: dict variant plan index -> ``product.product``
    """
    ptavs = {}
    for line in template.attribute_line_ids:
        for ptav in line.product_template_value_ids:
            ptavs[(line.attribute_id.name, ptav.product_attribute_value_id.name)] = ptav
    existing = {
        frozenset(p.product_template_attribute_value_ids.ids): p
        for p in template.with_context(active_test=False).product_variant_ids
    }
    result, to_create, order = {}, [], []
    for index, plan in enumerate(variant_plans):
        combination = [ptavs[option] for option in plan.options]
        key = frozenset(ptav.id for ptav in combination)
        if key in existing:
            result[index] = existing[key]
            continue
        to_create.append(
            {
                "product_tmpl_id": template.id,
                "product_template_attribute_value_ids": [Command.set(list(key))],
            }
        )
        order.append(index)
    created = template.env["product.product"].create(to_create) if to_create else []
    for index, product in zip(order, created, strict=True):
        result[index] = product
    return result


def fetch_image(url):
    """Download one image for a product; None (and a log line) on any failure."""
    if not url:
        return None
    try:
        response = requests.get(url, timeout=IMAGE_TIMEOUT, stream=True)
        response.raise_for_status()
        content = response.raw.read(IMAGE_MAX_BYTES + 1, decode_content=True)
    except (requests.RequestException, OSError) as exc:
        _logger.info("BigCommerce image %s not downloaded: %s", url, exc)
        return None
    if len(content) > IMAGE_MAX_BYTES:
        return None
    return base64.b64encode(content)
