"""Which Odoo product each BigCommerce variant of a page is, before any write.

Per variant: an existing link by BigCommerce variant id, then an Odoo product
whose internal reference equals the SKU, else none (to create). Ambiguity is
logged and the variant skipped, never guessed. The look-ups run once per page.

A SKU on two BigCommerce variants: a variant's own link always wins; of the
unlinked ones, the lowest variant id alone may link by SKU (or create), the
others are skipped with a warning naming both variants and the Odoo product.
A link the download made by SKU for a higher variant id goes over to the
lower one when that one shows up, so the links never depend on the order in
which products (or the orders that download them) arrive.
"""

from dataclasses import dataclass, field

from ..core.part import RunPart
from .mapping import sku_owners


@dataclass
class PageLookups:
    """What Odoo already has for the variants of one page of products."""

    links: dict  # BigCommerce variant id -> bigcommerce.product.link
    by_sku: dict  # internal reference -> product.product (one or several)
    linked_products: dict  # product.product id -> its link on this store
    owners: dict  # SKU -> the unlinked variant id that may link by it


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
        links_by_variant = {link.bc_variant_id: link for link in links}
        return PageLookups(
            links=links_by_variant,
            by_sku=by_sku,
            linked_products={link.product_id.id: link for link in linked},
            owners=sku_owners(plans, set(links_by_variant)),
        )

    def resolve(self, plan, lookups):
        """The Odoo products of the variants already linked or matched by SKU.

        :returns: :class:`Resolution`
        """
        resolution = Resolution()
        for index, variant_plan in enumerate(plan.variants):
            if variant_plan.skip_reason:
                continue
            link = lookups.links.get(variant_plan.variant.id)
            if link:
                resolution.found[index] = link.product_id
                continue
            owner = lookups.owners.get(variant_plan.sku)
            if owner != variant_plan.variant.id:
                reason = self._second_variant(variant_plan, owner, lookups)
                skip_variant(self.run, variant_plan, reason)
                continue
            candidates = lookups.by_sku.get(variant_plan.sku)
            problem = self._match_problem(variant_plan, candidates, lookups)
            if not candidates:
                resolution.to_create.append(index)
            elif problem:
                skip_variant(self.run, variant_plan, problem)
            else:
                resolution.found[index] = candidates
        return resolution

    @staticmethod
    def _second_variant(variant_plan, owner, lookups):
        """Why a variant whose SKU a lower variant id takes is not linked."""
        link = lookups.links.get(owner)
        product = link.product_id if link else lookups.by_sku.get(variant_plan.sku)
        takes = (
            f"takes the Odoo product {product.display_name}"
            if len(product or ()) == 1
            else "takes this SKU"
        )
        return (
            f"BigCommerce variants {owner} and {variant_plan.variant.id} share "
            f"SKU {variant_plan.sku}; variant {owner} (the lower id) {takes}"
        )

    def _match_problem(self, variant_plan, candidates, lookups):
        """Why the products with a variant's SKU cannot be linked, or ''."""
        if len(candidates or ()) > 1:
            return "several Odoo products have this internal reference"
        link = candidates and lookups.linked_products.get(candidates.id)
        if not link:
            return ""
        if self._can_take_over(variant_plan, link):
            self._take_over(variant_plan, link, lookups)
            return ""
        return (
            f"the Odoo product {candidates.display_name} with this internal "
            f"reference is linked to BigCommerce variant {link.bc_variant_id}"
            + (", which has the same SKU" if link.sku == variant_plan.sku else "")
        )

    @staticmethod
    def _can_take_over(variant_plan, link):
        """A SKU link of a higher variant id with the same SKU yields to this one."""
        return (
            link.matched_by_sku
            and link.sku == variant_plan.sku
            and link.bc_variant_id > variant_plan.variant.id
        )

    def _take_over(self, variant_plan, link, lookups):
        """Drop the higher variant's link; the caller links this variant instead."""
        self.run.warning(
            variant_plan.sku,
            f"BigCommerce variants {variant_plan.variant.id} and "
            f"{link.bc_variant_id} share SKU {variant_plan.sku}: the Odoo product "
            f"{link.product_id.display_name} goes to variant "
            f"{variant_plan.variant.id} (the lower id); variant "
            f"{link.bc_variant_id} is no longer linked.",
        )
        lookups.links.pop(link.bc_variant_id, None)
        lookups.linked_products.pop(link.product_id.id, None)
        link.unlink()
