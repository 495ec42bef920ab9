"""The Odoo sales taxes of the rates BigCommerce charged.

BigCommerce taxes by destination (FACTS 6): an order line carries the tax it
was charged, from which :func:`~.mapping.unify_tax_rates` reads a rate. A
line gets its product's taxes when their rate is that one; otherwise the
store's policy decides: skip the order, use the default tax, or a tax of
that rate (created once per company, in a tax group named for the rate).
"""

from decimal import Decimal

from .mapping import SkipOrder


class ChargedTaxes:
    """Taxes by rate for one store's company; look-ups kept for the run."""

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.company = store.company_id
        self._taxes = {}

    def forget(self):
        """Drop the taxes found or created: a savepoint may have rolled them back."""
        self._taxes = {}

    def of_rate(self, rate, product=None):
        """Odoo sales taxes of ``rate`` percent: the product's when they match.

        :raises SkipOrder: no tax of that rate and the store skips such orders
        """
        if not rate:
            return self.env["account.tax"]
        own = (
            product.taxes_id.filtered(lambda t: t.company_id == self.company)
            if product
            else None
        )
        if own and _same_rate(own, rate):
            return own
        policy = self.store.unmapped_tax_policy
        if policy == "skip":
            raise SkipOrder(
                f"a line was charged {rate}% tax and no Odoo tax of that rate is "
                "mapped (store setting: skip such orders)"
            )
        if policy == "default" and self.store.order_default_tax_id:
            return self.store.order_default_tax_id
        return self._rate_tax(rate)

    def _rate_tax(self, rate):
        if rate not in self._taxes:
            Tax = self.env["account.tax"].sudo()
            domain = [
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", float(rate)),
                ("price_include_override", "in", (False, "tax_excluded")),
                ("company_id", "=", self.company.id),
            ]
            tax = Tax.search(domain, limit=1) or Tax.create(
                {
                    "name": f"BigCommerce {rate.normalize()}%",
                    "amount": float(rate),
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "company_id": self.company.id,
                    "tax_group_id": self._tax_group(rate).id,
                }
            )
            self._taxes[rate] = tax
        return self._taxes[rate]

    def _tax_group(self, rate):
        """A tax group named for the rate, so totals read 'Tax 8.25%'."""
        Group = self.env["account.tax.group"].sudo()
        name = f"Tax {rate.normalize()}%"
        return Group.search(
            [("name", "=", name), ("company_id", "=", self.company.id)], limit=1
        ) or Group.create({"name": name, "company_id": self.company.id})


def _same_rate(taxes, rate):
    total = sum(t.amount for t in taxes if t.amount_type == "percent")
    return abs(Decimal(str(total)) - rate) < Decimal("0.01")
