"""The simulated catalog: products with variants, options and images; categories.

Seeding helpers and API handlers change it through :class:`Catalog`, under
the simulator lock. Ids come from one counter per kind, each starting at a
different number, so that a product id used as a variant id finds nothing
in small tests instead of finding the wrong record.
"""

import itertools
import time

from .catalog_records import (
    image_file_name,
    image_urls,
    iso,
    new_category,
    new_image,
    new_option,
    new_product,
    new_variant,
    refresh,
    variant_option_value,
)

FIRST_IDS = {
    "product": 111,
    "variant": 501,
    "sku": 901,
    "option": 71,
    "option_value": 301,
    "image": 41,
    "category": 21,
}


class Catalog:
    """Products (by id, in id order) and the categories of the default tree.

    :param clock: returns the epoch seconds used for dates
    """

    def __init__(self, clock=time.time):
        self.clock = clock
        self.base_url = ""
        self.products = {}
        self.categories = []
        self._next = dict(FIRST_IDS)

    def reset(self):
        """Forget every product and category; restart the id counters."""
        self.products.clear()
        self.categories.clear()
        self._next = dict(FIRST_IDS)

    def next_id(self, kind):
        """Return a fresh id of ``kind`` (``"product"``, ``"variant"``...)."""
        value = self._next[kind]
        self._next[kind] = value + 1
        return value

    def now(self):
        """Return the current date as BigCommerce writes it."""
        return iso(self.clock())

    def touch(self, product):
        """Set a product's ``date_modified`` to now."""
        product["date_modified"] = self.now()

    # === PRODUCTS === #

    def add_product(self, name, variants=None, options=None, images=None, **fields):
        """Create and store a product; return the stored record.

        :param options: ``[{"display_name": "Size", "values": ["S", "M"]}]``;
            when omitted, taken from the variants' ``options`` in order
        :param variants: ``[{"sku": ..., "options": {"Size": "S"}, "price":
            ...}]``; when omitted with options, one variant per combination
        :param images: file names or ``{"url_path": ..., **fields}`` dicts
        :raise ValueError: on an unknown option or value

        SKUs are not checked: a test may seed what the API refuses (two
        products with one SKU, a variant without SKU) to see how a client
        copes; the API endpoints check them.
        """
        product = new_product(self.next_id("product"), name, self.clock(), fields)
        specs = _option_specs(options, variants)
        for position, (display_name, labels) in enumerate(specs):
            product["options"].append(
                self._new_option(product, display_name, labels, position)
            )
        if not product["options"] and variants:
            raise ValueError("variants need options; a simple product has none")
        for spec in variants or _combinations(product) or [{}]:
            self.add_variant(product, spec)
        for image in images or ():
            spec = {"url_path": image} if isinstance(image, str) else dict(image)
            self.add_image(product, spec.pop("url_path"), **spec)
        self.products[product["id"]] = refresh(product)
        return product

    def _new_option(self, product, display_name, labels, position):
        """Return a new option of ``product`` with fresh value ids."""
        values = [(self.next_id("option_value"), label) for label in labels]
        return new_option(
            self.next_id("option"), product["id"], display_name, position, values
        )

    def add_variant(self, product, spec):
        """Add a variant to ``product`` from a seeding spec; return it.

        ``spec["options"]`` maps each option's display name to a label; a
        product without options gets its base variant from an empty spec.
        Without a ``sku`` key, the SKU is the product's plus the labels.
        """
        spec = dict(spec)
        labels = dict(spec.pop("options", None) or {})
        options = product["options"]
        names = {option["display_name"] for option in options}
        if set(labels) != names:
            raise ValueError(f"variant options {sorted(labels)} != {sorted(names)}")
        values = [variant_option_value(o, labels[o["display_name"]]) for o in options]
        if values and "sku" not in spec:
            spec["sku"] = "-".join([product["sku"], *(v["label"] for v in values)])
        sku_id = self.next_id("sku") if values else None
        variant_id = self.next_id("variant")
        variant = new_variant(variant_id, product["id"], sku_id, values, spec)
        product["variants"].append(variant)
        return variant

    def add_image(self, product, url_path, **fields):
        """Add an image served by the simulator; the first is the thumbnail."""
        fields.setdefault("is_thumbnail", not product["images"])
        fields.setdefault("sort_order", len(product["images"]))
        if fields["is_thumbnail"]:
            for image in product["images"]:
                image["is_thumbnail"] = False
        image = new_image(
            self.next_id("image"),
            product["id"],
            image_file_name(url_path),
            self.base_url,
            self.clock(),
            fields,
        )
        product["images"].append(image)
        return image

    def delete_option(self, product_id, display_name):
        """Remove an option and its values from a product and its variants."""
        product = self.products[int(product_id)]
        option = next(
            (o for o in product["options"] if o["display_name"] == display_name), None
        )
        if option is None:
            raise KeyError(f"product {product_id} has no option {display_name!r}")
        product["options"].remove(option)
        for variant in product["variants"]:
            variant["option_values"] = [
                value
                for value in variant["option_values"]
                if value["option_id"] != option["id"]
            ]
        self.touch(product)
        refresh(product)

    def product(self, product_id):
        """Return the stored product with id ``product_id``, or None."""
        try:
            return self.products.get(int(product_id))
        except (TypeError, ValueError):
            return None

    def variants(self):
        """Yield ``(product, variant)`` for every variant, in id order."""
        for product in self.products.values():
            for variant in product["variants"]:
                yield product, variant

    def find_variant(self, variant_id):
        """Return ``(product, variant)`` for a variant id, or ``(None, None)``."""
        for product, variant in self.variants():
            if variant["id"] == variant_id:
                return product, variant
        return None, None

    def sku_holders(self, sku):
        """Return ``(product, variant or None)`` for each record holding ``sku``.

        A product holds its own SKU (which its base variant mirrors); a
        variant with options holds its SKU.
        """
        if not sku:
            return []
        holders = []
        for product in self.products.values():
            if product["sku"] == sku:
                holders.append((product, None))
            holders += [
                (product, variant)
                for variant in product["variants"]
                if variant["option_values"] and variant["sku"] == sku
            ]
        return holders

    def rebase_images(self, base_url):
        """Point every image URL at ``base_url`` (the simulator's address)."""
        self.base_url = base_url
        for product in self.products.values():
            for image in product["images"]:
                image.update(image_urls(base_url, image["image_file"]))

    def image_exists(self, image_file):
        """Tell whether some product has an image stored as ``image_file``."""
        return any(
            image["image_file"] == image_file
            for product in self.products.values()
            for image in product["images"]
        )

    # === CATEGORIES === #

    def add_category(self, name, parent_id=0, **fields):
        """Create a category of tree 1 under ``parent_id`` (0: top level)."""
        parent = self.category(parent_id) if parent_id else None
        if parent_id and parent is None:
            raise ValueError(f"no category {parent_id}")
        category_id = fields.pop("category_id", None) or self.next_id("category")
        self._next["category"] = max(self._next["category"], category_id + 1)
        category = new_category(category_id, name, parent, fields)
        self.categories.append(category)
        return category

    def category(self, category_id):
        """Return the category with id ``category_id``, or None."""
        return next(
            (c for c in self.categories if c["category_id"] == category_id), None
        )


def _option_specs(options, variants):
    """Return ``[(display_name, [labels])]`` from options or from variants."""
    if options:
        return [(o["display_name"], list(o["values"])) for o in options]
    found = {}
    for variant in variants or ():
        for name, label in (variant.get("options") or {}).items():
            labels = found.setdefault(name, [])
            if label not in labels:
                labels.append(label)
    return list(found.items())


def _combinations(product):
    """Return one seeding spec per combination of the product's option values."""
    options = product["options"]
    if not options:
        return []
    names = [option["display_name"] for option in options]
    label_lists = [[v["label"] for v in o["option_values"]] for o in options]
    return [
        {"options": dict(zip(names, combo, strict=True))}
        for combo in itertools.product(*label_lists)
    ]
