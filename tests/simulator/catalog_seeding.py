"""Seeding helpers for the catalog, mixed into :class:`BigCommerceSimulator`.

They return the live stored records: a test may read them after API calls
or change them in place (the API recomputes calculated prices and the
base variant on every answer). An ``inventory_level`` a helper is given
is the item's stock at the default location, counted as set (even 0).
"""

from .catalog_records import refresh
from .endpoints_catalog import BRANDS, build_brand


class CatalogSeedingMixin:
    """``add_product``, ``add_category``, ``add_brand`` and friends.

    Needs ``self._lock`` and ``self._state`` from the simulator.
    """

    def add_product(self, name, variants=None, options=None, images=None, **fields):
        """Store a full product (``product_Full``) and return it.

        :param options: ``[{"display_name": "Size", "values": ["S", "M"]}]``;
            omitted: taken from the variants
        :param variants: ``[{"sku": "TS-S", "options": {"Size": "S"},
            "price": 12.5, ...}]``, any ``productVariant_Full`` field; a null
            price, weight... inherits the product's; omitted with options:
            one variant per combination; omitted without: one base variant
        :param images: file names (``"shirt.png"``) or dicts with
            ``url_path`` and image fields; the first is the thumbnail
        :param fields: any ``product_Full`` field (``sku``, ``price``,
            ``categories``, ``brand_id``, ``date_modified``...)
        :raise ValueError: on an unknown option or option value; SKUs are
            not checked, so a test may seed duplicates the API would refuse
        """
        with self._lock:
            product = self._state.catalog.add_product(
                name, variants, options, images, **fields
            )
            self._seed_levels(product, fields, variants or ())
            return product

    def _seed_levels(self, product, fields, variant_specs):
        """Count the levels given to a new product and its variants as set."""
        if "inventory_level" in fields:
            self._state.inventory.seed(product)
        seeded = product["variants"][: len(variant_specs)]
        for spec, variant in zip(variant_specs, seeded, strict=True):
            if "inventory_level" in spec:
                self._state.inventory.seed(product, variant)

    def add_variant(self, product_id, sku=None, options=None, **fields):
        """Add a variant to a product with options, as a merchant does; return it.

        :param options: ``{"Size": "S", "Color": "Red"}``, a value of every
            option of the product
        :param sku: default: the product's SKU and the labels
        :param fields: any ``productVariant_Full`` field
        :raise ValueError: on a product without options or an unknown value
        """
        with self._lock:
            product = self.product(product_id)
            if not product["options"]:
                raise ValueError(f"product {product_id} has no options")
            spec = {**fields, "options": dict(options or {})}
            if sku is not None:
                spec["sku"] = sku
            variant = self._state.catalog.add_variant(product, spec)
            self._state.catalog.touch(product)
            refresh(product)
            if "inventory_level" in fields:
                self._state.inventory.seed(product, variant)
            return variant

    def update_product(self, product_id, **fields):
        """Change a stored product; ``date_modified`` moves to now unless given."""
        with self._lock:
            product = self.product(product_id)
            modified = fields.pop("date_modified", None)
            product.update(fields)
            self._state.catalog.touch(product)
            if modified:
                product["date_modified"] = modified
            refresh(product)
            if "inventory_level" in fields:
                self._state.inventory.seed(product)
            return product

    def product(self, product_id):
        """Return the stored product ``product_id`` (KeyError when missing)."""
        with self._lock:
            product = self._state.catalog.product(product_id)
            if product is None:
                raise KeyError(f"no product {product_id}")
            return refresh(product)

    @property
    def products(self):
        """The stored products, in id order."""
        with self._lock:
            return [refresh(p) for p in self._state.catalog.products.values()]

    def delete_option(self, product_id, display_name):
        """Delete an option as a merchant does in the control panel.

        The option leaves the product and its value leaves every variant's
        ``option_values``; the product's ``date_modified`` moves.
        """
        with self._lock:
            self._state.catalog.delete_option(product_id, display_name)
            return self.product(product_id)

    def set_image(self, product_id, url_path, **fields):
        """Add an image to a product; its ``url_*`` are served by the simulator.

        :param url_path: the file name (``"shirt.png"``; stored as a .png)
        :param fields: ``productImage_Full`` fields (``is_thumbnail``,
            ``description``, ``sort_order``)
        """
        with self._lock:
            product = self.product(product_id)
            image = self._state.catalog.add_image(product, url_path, **fields)
            self._state.catalog.touch(product)
            return image

    def add_category(self, name, parent_id=0, **fields):
        """Store a category of tree 1 under ``parent_id`` (0: top) and return it."""
        with self._lock:
            return self._state.catalog.add_category(name, parent_id, **fields)

    @property
    def categories(self):
        """The stored categories, in creation order."""
        return list(self._state.catalog.categories)

    def add_brand(self, name, **fields):
        """Store a brand (``GET /v3/catalog/brands`` lists it) and return it."""
        with self._lock:
            brands = self._state.collection(BRANDS)
            if any(b.get("name", "").casefold() == name.casefold() for b in brands):
                raise ValueError(f"brand {name!r} exists")
            brand = build_brand(self._state.next_id(BRANDS), {"name": name, **fields})
            brands.append(brand)
            return brand
