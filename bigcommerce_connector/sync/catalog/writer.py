"""Write one downloaded product into Odoo: templates, variants, values, links.

Takes the plan of a product (:func:`.mapping.plan_product`) and what
:class:`~.resolver.VariantResolver` found; creates what is missing, writes
BigCommerce's values where BigCommerce is the master, and records the links.
"""

from ..core.part import RunPart
from .mapping import (
    barcode_of,
    effective_prices,
    inherited,
    main_image,
    template_values,
    variant_values,
)
from .resolver import skip_variant
from .variants import (
    attribute_lines,
    create_variants,
    extend_attribute_lines,
    fetch_image,
    template_options,
)


class ProductWriter(RunPart):
    """Creates and updates the Odoo products of BigCommerce products.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`
    :param lookups: the run's :class:`~.lookups.CatalogLookups`
    :param prices: the store's :class:`~.tiers.PriceWriter`
    :param units: the store's and Odoo's units (:func:`~.variants.units_of`)
    """

    def __init__(self, store, run, lookups, prices, units):
        super().__init__(store, run)
        self.lookups = lookups
        self.cache = lookups.cache
        self.prices = prices
        self.units = units
        self.Link = self.env["bigcommerce.product.link"].sudo()

    # === CREATE === #

    def create_missing(self, plan, resolution):
        """Create the products of unmatched variants; returns index -> product."""
        if not resolution.to_create:
            return {}
        indexes = resolution.to_create
        plans = [plan.variants[index] for index in indexes]
        template = self._home_template(plan, resolution.found)
        refusal = self._creation_refusal(template)
        if refusal:
            for variant_plan in plans:
                skip_variant(self.run, variant_plan, refusal)
            return {}
        if not template:
            template = self._create_template(plan, plans)
        elif plan.option_names:
            extend_attribute_lines(self.cache, template, plans)
        if not plan.option_names:
            return {indexes[0]: template.product_variant_id}
        products = create_variants(template, plans)
        self.run.count("created", len(products))
        return {indexes[i]: product for i, product in products.items()}

    def _creation_refusal(self, template):
        """Why the unmatched variants of a product cannot be created, or ''.

        :param template: what :meth:`_home_template` answered
        """
        if self.store.product_link_only:
            return (
                "no Odoo product has this internal reference and the store links only"
            )
        if template is False:
            return (
                "the other variants of this product are on Odoo products "
                "that cannot take this variant's options"
            )
        return ""

    def _home_template(self, plan, found):
        """The template new variants join: None to create one, False if impossible."""
        templates = {product.product_tmpl_id for product in found.values()}
        if not templates:
            return None
        if not plan.option_names or len(templates) > 1:
            return False
        template = templates.pop()
        options = template_options(template)
        return template if options == set(plan.option_names) else False

    def _create_template(self, plan, variant_plans):
        values = self._template_values(plan.product)
        if plan.option_names:
            values["attribute_line_ids"] = attribute_lines(
                self.cache, plan.option_names, variant_plans
            )
        template = self.env["product.template"].create(values)
        if not plan.option_names:
            self.run.count("created")
        return template

    def _template_values(self, product):
        return {
            **template_values(product),
            **self.lookups.relational_values(product),
        }

    # === UPDATE === #

    def update(self, plan, found, created):
        """Write BigCommerce's values where BigCommerce is the source.

        New products always get them; found ones only when BigCommerce is the
        master of product data.
        """
        product = plan.product
        master = self.store.product_master == "bigcommerce"
        new_templates = {p.product_tmpl_id for p in created.values()}
        if master:
            for template in {p.product_tmpl_id for p in found.values()}:
                if template not in new_templates:
                    template.write(self._template_values(product))
                    self.run.count("updated")
        touched = {**created, **(found if master else {})}
        for index, odoo_product in touched.items():
            variant = plan.variants[index].variant
            values = variant_values(product, variant, self.units)
            self._add_barcode(values, odoo_product, product, variant)
            odoo_product.write(values)
        self._write_prices(plan, touched)
        if self.store.download_product_images:
            self._download_images(plan, touched)

    def _write_prices(self, plan, touched):
        """Each written variant's own regular and sale price, all at once.

        The base price is BigCommerce's product price: the price of its
        variants that have none of their own.
        """
        if not touched:
            return
        product = plan.product
        prices = {
            odoo_product: (
                inherited(product, plan.variants[index].variant, "price"),
                inherited(product, plan.variants[index].variant, "sale_price"),
            )
            for index, odoo_product in touched.items()
        }
        base = product.price if plan.option_names else next(iter(prices.values()))[0]
        self.prices.write_downloaded(base, prices)

    def _add_barcode(self, values, odoo_product, product, variant):
        barcode = barcode_of(product, variant)
        if not barcode or barcode == odoo_product.barcode:
            return
        taken = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search_count(
                [("barcode", "=", barcode), ("id", "!=", odoo_product.id)], limit=1
            )
        )
        if taken:
            self.run.warning(
                variant.sku, f"Barcode {barcode} not set: another Odoo product has it."
            )
        else:
            values["barcode"] = barcode

    def _download_images(self, plan, touched):
        """Images for templates and variants that have none; never replaced."""
        main = main_image(plan.product)
        for template in {p.product_tmpl_id for p in touched.values()}:
            if main and not template.image_1920:
                data = fetch_image(main.url_standard or main.url_zoom)
                if data:
                    template.image_1920 = data
        for index, odoo_product in touched.items():
            url = plan.variants[index].variant.image_url
            if url and plan.option_names and not odoo_product.image_variant_1920:
                data = fetch_image(url)
                if data:
                    odoo_product.image_variant_1920 = data

    # === LINKS === #

    def write_links(self, plan, products, lookups):
        """Create or update the link of each variant written to Odoo.

        :param products: variant plan index -> ``product.product``
        :param lookups: the page's :class:`~.resolver.PageLookups`, which
            learns the new links (a later product of the page may need them)
        """
        product = plan.product
        state = "listed" if product.is_visible else "hidden"
        tracking = (
            product.inventory_tracking
            if product.inventory_tracking in ("none", "product", "variant")
            else False
        )
        to_create = []
        for index, odoo_product in products.items():
            variant = plan.variants[index].variant
            price, sale_price = effective_prices(product, variant)
            values = {
                "bc_product_id": product.id,
                "sku": plan.variants[index].sku,
                "listing_state": state,
                "bc_inventory_tracking": tracking,
                "bc_date_modified": product.date_modified,
                "last_price": price,
                "last_sale_price": sale_price,
            }
            link = lookups.links.get(variant.id)
            if link:
                link.write(values)
            else:
                to_create.append(
                    dict(
                        values,
                        store_id=self.store.id,
                        bc_variant_id=variant.id,
                        product_id=odoo_product.id,
                        matched_by_sku=True,
                    )
                )
        for link in self.Link.create(to_create) if to_create else ():
            lookups.links[link.bc_variant_id] = link
            lookups.linked_products[link.product_id.id] = link
