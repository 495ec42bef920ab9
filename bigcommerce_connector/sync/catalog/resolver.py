"""Which Odoo product each BigCommerce variant of a page is, before any write.

Per variant: an existing link by BigCommerce variant id, then an Odoo product
whose internal reference equals the SKU, else none (to create). Ambiguity is
logged and the variant skipped, never guessed. The look-ups run once per page.
"""

from dataclasses import dataclass, field

from ..core.part import RunPart


@dataclass
class PageLookups:
    """What Odoo already has for the variants of one page of products."""

    links: dict  # BigCommerce variant id -> bigcommerce.product.link
    by_sku: dict  # internal reference -> product.product (one or several)
    linked_products: dict  # product.product id -> its link on this store


@dataclass
class Resolution:
    """The variants of one product: found in Odoo, or to create."""

    found: dict = field(default_factory=dict)  # variant plan index -> product
    to_create: list = field(default_factory=list)  # variant plan indexes


def skip_variant(run, variant_plan, reason):
    """Leave a variant out, counted and logged with its reason."""
    run.count("skipped")
    run.warning(
        variant_plan.sku or f"variant {variant_plan.variant.id}",
        f"Not linked: {reason}.",
    )


class VariantResolver(RunPart):
    """Finds the Odoo products of a store's BigCommerce variants.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~..core.run.SyncRun`
    """

    def __init__(self, store, run):
        super().__init__(store, run)
        self.Link = self.env["bigcommerce.product.link"].sudo()
        self._first_variant_of_sku = {}  # for the whole run, across pages

    def cross_page_duplicates(self, plans):
        """SKUs that a variant of an earlier page of this run already carried."""
        duplicates = set()
        for plan in plans:
            for variant_plan in plan.valid:
                variant_id = variant_plan.variant.id
                other = self._first_variant_of_sku.setdefault(
                    variant_plan.sku, variant_id
                )
                if other != variant_id:
                    duplicates.add(variant_plan.sku)
        return duplicates

    def look_up(self, plans):
        """Links and same-reference products of a page's variants, in 3 queries.

        :returns: :class:`PageLookups`
        """
        variant_ids = [vp.variant.id for p in plans for vp in p.valid]
        skus = [vp.sku for p in plans for vp in p.valid]
        links = self.Link.search(
            [("store_id", "=", self.store.id), ("bc_variant_id", "in", variant_ids)]
        )
        Product = self.env["product.product"]
        by_sku = {}
        # The flow runs as superuser: only this store's company's products.
        company = [("company_id", "in", [False, self.store.company_id.id])]
        for product in Product.search([("default_code", "in", skus), *company]):
            by_sku[product.default_code] = by_sku.get(product.default_code, Product)
            by_sku[product.default_code] |= product
        matched = [p.id for products in by_sku.values() for p in products]
        linked = self.Link.search(
            [("store_id", "=", self.store.id), ("product_id", "in", matched)]
        )
        return PageLookups(
            links={link.bc_variant_id: link for link in links},
            by_sku=by_sku,
            linked_products={link.product_id.id: link for link in linked},
        )

    def resolve(self, plan, duplicates, lookups):
        """The Odoo products of the variants already linked or matched by SKU.

        :returns: :class:`Resolution`
        """
        resolution = Resolution()
        for index, variant_plan in enumerate(plan.variants):
            if variant_plan.skip_reason:
                continue
            if variant_plan.sku in duplicates:
                reason = "another BigCommerce variant has the same SKU"
                skip_variant(self.run, variant_plan, reason)
                continue
            link = lookups.links.get(variant_plan.variant.id)
            if link:
                resolution.found[index] = link.product_id
                continue
            candidates = lookups.by_sku.get(variant_plan.sku)
            problem = self._match_problem(candidates, lookups)
            if not candidates:
                resolution.to_create.append(index)
            elif problem:
                skip_variant(self.run, variant_plan, problem)
            else:
                resolution.found[index] = candidates
        return resolution

    @staticmethod
    def _match_problem(candidates, lookups):
        """Why the products with a variant's SKU cannot be linked, or ''."""
        if len(candidates or ()) > 1:
            return "several Odoo products have this internal reference"
        if candidates and candidates.id in lookups.linked_products:
            return (
                "the Odoo product with this internal reference "
                "is linked to another BigCommerce variant"
            )
        return ""
