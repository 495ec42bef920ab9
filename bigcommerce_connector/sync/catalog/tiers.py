"""Where BigCommerce's regular and sale prices live in Odoo, both ways.

Regular price: the store's regular price tier (a pricelist) when set, one
fixed-price rule per variant; else the product's Sales Price, which is
BigCommerce's product price, plus the extra prices of the variant's attribute
values where BigCommerce's variant prices add up over the options. When they
do not, the variants get fixed-price rules in the store's regular price tier,
created when the store has none. Sale price: the store's sale price tier, one
fixed-price rule per variant, none when BigCommerce has no sale price (0);
without a sale price tier, sale prices are left to BigCommerce.
"""

from odoo.tools import float_compare

from .mapping import price_extras


class PriceWriter:
    """Reads and writes the two BigCommerce prices of Odoo variants."""

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.Item = self.env["product.pricelist.item"].sudo()
        self.digits = self.env["decimal.precision"].precision_get("Product Price")

    @property
    def regular(self):
        """The regular price tier; read each time, as a download may create it."""
        return self.store.regular_pricelist_id

    @property
    def sale(self):
        return self.store.sale_pricelist_id

    # === DOWNLOAD (BigCommerce -> Odoo) === #

    def write_downloaded(self, base_price, prices):
        """Store BigCommerce's prices of the variants of one product in Odoo.

        The template's Sales Price is BigCommerce's product price when the
        download writes all its variants; each variant then gets its own
        price exactly (see the module docstring), never another's.

        :param base_price: the BigCommerce product's ``price`` (``Decimal``)
        :param prices: ``product.product`` -> ``(price, sale_price)``, both
            ``Decimal``; a sale price of 0 means none
        """
        products = self.env["product.product"].union(*prices)
        template = self._whole_template(products)
        if template and self._differs(template.list_price, base_price):
            template.list_price = float(base_price)
        regular = {product: price for product, (price, _sale) in prices.items()}
        if self.regular or not self._fits_sales_price(template, base_price, regular):
            pricelist = self._regular_pricelist()
            for product, price in regular.items():
                self._set_fixed(pricelist, product, price)
        if self.sale:
            for product, (_price, sale_price) in prices.items():
                self._set_fixed(self.sale, product, sale_price or None)

    def _whole_template(self, products):
        """The one template of ``products`` when they are all its variants."""
        template = products.product_tmpl_id
        if len(template) == 1 and template.product_variant_ids <= products:
            return template
        return None

    def _fits_sales_price(self, template, base_price, regular):
        """Give each variant its price as Sales Price plus extras; False if none can.

        Extra prices are per template: they are written only when the
        download owns every variant of it. Otherwise the variants must
        already show their prices.
        """
        if not template:
            return all(
                not self._differs(product.lst_price, price)
                for product, price in regular.items()
            )
        ordered = sorted(regular, key=lambda product: product.id)
        extras = price_extras(
            [
                (
                    tuple(product.product_template_attribute_value_ids.ids),
                    regular[product] - base_price,
                )
                for product in ordered
            ]
        )
        if extras is None:
            return False
        values = self.env["product.template.attribute.value"].browse(list(extras))
        for value in values:
            if self._differs(value.price_extra, extras[value.id]):
                value.price_extra = float(extras[value.id])
        return True

    def _regular_pricelist(self):
        """The store's regular price tier, created in its company and currency."""
        if not self.regular:
            store = self.store.sudo()
            pricelist = (
                self.env["product.pricelist"]
                .sudo()
                .create(
                    {
                        "name": self.env._("%s: regular prices", store.name),
                        "company_id": store.company_id.id,
                        "currency_id": (
                            store.currency_id or store.company_id.currency_id
                        ).id,
                    }
                )
            )
            # The rules only restate the prices BigCommerce has: the price
            # update cursor stays where it is.
            store.write(
                {
                    "regular_pricelist_id": pricelist.id,
                    "update_pricing_after": store.update_pricing_after,
                }
            )
        return self.regular

    def _differs(self, value, price):
        return float_compare(value, float(price), precision_digits=self.digits) != 0

    def _set_fixed(self, pricelist, product, price):
        item = self.Item.search(
            [
                ("pricelist_id", "=", pricelist.id),
                ("applied_on", "=", "0_product_variant"),
                ("product_id", "=", product.id),
                ("min_quantity", "<=", 1),
            ],
            limit=1,
        )
        if price is None:
            item.unlink()
        elif not item:
            self.Item.create(
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "product_id": product.id,
                    "compute_price": "fixed",
                    "fixed_price": float(price),
                }
            )
        elif item.compute_price != "fixed" or self._differs(item.fixed_price, price):
            item.write({"compute_price": "fixed", "fixed_price": float(price)})

    # === UPLOAD (Odoo -> BigCommerce) === #

    def template_price(self, template):
        """The price of a product with options itself: its regular price tier's
        price of the template, else its Sales Price (BigCommerce's product
        price after a download)."""
        if self.regular:
            return round(self.regular._get_product_price(template, 1.0), 4)
        return round(template.list_price, 4)

    def current_prices(self, products):
        """Regular and sale price of each variant as BigCommerce should show them.

        :returns: dict product id -> ``(price, sale_price)``; sale 0 means
            none, and None without a sale price tier (BigCommerce's stays)
        """
        if self.regular:
            regular = self.regular._get_products_price(products, 1.0)
        else:
            regular = {p.id: p.lst_price for p in products}
        sale = {}
        if self.sale:
            # Without a rule, a pricelist answers the Sales Price: no sale price.
            rules = self.sale.sudo()._compute_price_rule(products, 1.0)
            sale = {pid: price for pid, (price, rule) in rules.items() if rule}
        result = {}
        for product in products:
            price = round(regular.get(product.id, 0.0), 4)
            sale_price = round(sale.get(product.id, 0.0), 4)
            if not sale_price or float_compare(sale_price, price, 4) >= 0:
                sale_price = 0.0
            result[product.id] = (price, sale_price if self.sale else None)
        return result
