"""The Odoo sales taxes of the rates BigCommerce charged.

Each taxed amount of an order comes with the range of rates that gives its
tax to the cent (:mod:`.rates`). A line takes, in this order: its product's
taxes when their rate lies in that range; the store's default tax (policy
*default*) when it does; a tax mapped to a BigCommerce tax class, then any
sales tax of the company, whose rate lies in it (the roundest first); else a
new tax of the range's roundest rate. Near-duplicates (6.24 % next to an
existing 6.25 %) are never created. A tax computes on prices excluding or
including tax as the order does (``is_tax_inclusive_pricing``), whatever the
company's default. Under the *skip* policy an item whose product's taxes do
not fit skips the order; shipping, handling and wrapping never do.
"""

from decimal import Decimal

from .mapping import SkipOrder
from .rates import RateRange

# A rate named by BigCommerce's /taxes is matched to four decimals.
EXACT = Decimal("0.00005")


class ChargedTaxes:
    """Taxes by rate for one store's company; look-ups kept for the run."""

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.company = store.company_id
        self._existing = {}  # inclusive -> [(rate, mapped, tax)]

    def forget(self):
        """Drop the taxes found or created: a savepoint may have rolled them back."""
        self._existing = {}

    # === CHOICE === #

    def of(self, taxed, product=None):
        """Odoo sales taxes giving ``taxed`` (a :class:`~.rates.Taxed`) its tax.

        :param product: the line's product (None for charges and unknown items)
        :raises SkipOrder: an item's taxes do not fit and the store skips such orders
        """
        Tax = self.env["account.tax"]
        if not taxed.tax:
            return Tax
        own = (
            product.taxes_id.filtered(lambda t: t.company_id == self.company)
            if product
            else Tax
        )
        if own and _fits(own, taxed):
            return own
        policy = self.store.unmapped_tax_policy
        if policy == "skip" and taxed.kind == "item":
            raise SkipOrder(
                f"a line was charged {taxed.tax_rate.normalize():f}% tax and its "
                "product has no Odoo tax of that rate (store setting: skip such "
                "orders)"
            )
        default = self.store.order_default_tax_id
        if policy == "default" and default and _fits(default, taxed):
            return default
        if taxed.components:
            return Tax.union(
                *(self._named_tax(r, taxed.inclusive) for r in taxed.components)
            )
        if taxed.rate_range is None:
            return Tax  # no rate gives it: the total check reports the order
        return self._in_range(taxed.rate_range, taxed.inclusive) or self._new_tax(
            taxed.tax_rate, taxed.inclusive
        )

    def covered(self, taxed):
        """Whether an existing tax gives ``taxed`` its tax (no tax to create)."""
        if not taxed.tax or taxed.components:
            return True
        span = taxed.rate_range
        return bool(span and self._in_range(span, taxed.inclusive))

    def _in_range(self, span, inclusive):
        """The mapped, then the roundest, existing tax whose rate lies in ``span``."""
        middle = (span.low + span.high) / 2
        fitting = [row for row in self._taxes(inclusive) if row[0] in span]
        if not fitting:
            return self.env["account.tax"]
        fitting.sort(
            key=lambda row: (not row[1], _places(row[0]), abs(row[0] - middle))
        )
        return fitting[0][2]

    def _taxes(self, inclusive):
        """Single-rate sales taxes of the company computing as the order does."""
        if inclusive not in self._existing:
            mapped = set(self.store.tax_map_ids.tax_ids.ids)
            taxes = (
                self.env["account.tax"]
                .sudo()
                .search(
                    [
                        ("type_tax_use", "=", "sale"),
                        ("amount_type", "=", "percent"),
                        ("company_id", "=", self.company.id),
                    ]
                )
            )
            self._existing[inclusive] = [
                (Decimal(str(tax.amount)), tax.id in mapped, tax)
                for tax in taxes
                if tax.price_include == inclusive and not tax.include_base_amount
            ]
        return self._existing[inclusive]

    # === CREATION === #

    def _named_tax(self, rate, inclusive):
        """An existing tax of a rate BigCommerce named, else a new one."""
        span = RateRange(rate - EXACT, rate + EXACT)
        return self._in_range(span, inclusive) or self._new_tax(rate, inclusive)

    def _new_tax(self, rate, inclusive):
        """A new sales tax of ``rate`` percent (kept for the run)."""
        rate = Decimal(str(rate))
        suffix = " incl." if inclusive else ""
        tax = (
            self.env["account.tax"]
            .sudo()
            .create(
                {
                    "name": f"BigCommerce {rate.normalize():f}%{suffix}",
                    "amount": float(rate),
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "price_include_override": "tax_included"
                    if inclusive
                    else "tax_excluded",
                    "company_id": self.company.id,
                    "tax_group_id": self._tax_group(rate).id,
                }
            )
        )
        self._taxes(inclusive).append((rate, False, tax))
        return tax

    def _tax_group(self, rate):
        """A tax group named for the rate, so totals read 'Tax 8.25%'."""
        Group = self.env["account.tax.group"].sudo()
        name = f"Tax {rate.normalize():f}%"
        return Group.search(
            [("name", "=", name), ("company_id", "=", self.company.id)], limit=1
        ) or Group.create({"name": name, "company_id": self.company.id})


def _fits(taxes, taxed):
    """Whether ``taxes`` give ``taxed`` its tax, computed as the order does:
    the rates BigCommerce named, else one rate in the amount's range."""
    inclusive = taxed.inclusive
    if any(t.amount_type != "percent" or t.price_include != inclusive for t in taxes):
        return False
    rates = sorted(Decimal(str(t.amount)) for t in taxes)
    if taxed.components:
        named = sorted(taxed.components)
        return len(rates) == len(named) and all(
            abs(a - b) < EXACT for a, b in zip(rates, named, strict=True)
        )
    return bool(taxed.rate_range) and sum(rates, Decimal(0)) in taxed.rate_range


def _places(rate):
    """How many decimals a rate has (8.25 -> 2)."""
    return max(-rate.normalize().as_tuple().exponent, 0)
