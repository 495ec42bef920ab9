"""Where BigCommerce's regular and sale prices live in Odoo, both ways.

Regular price: the store's regular price tier (a pricelist) when set, one
fixed-price rule per variant; else the product's Sales Price. Sale price: the
store's sale price tier, one fixed-price rule per variant, none when BigCommerce
has no sale price (0).
"""

from odoo.tools import float_compare


class PriceWriter:
    """Reads and writes the two BigCommerce prices of Odoo variants."""

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.regular = store.regular_pricelist_id
        self.sale = store.sale_pricelist_id
        self.Item = self.env["product.pricelist.item"].sudo()

    # === DOWNLOAD (BigCommerce -> Odoo) === #

    def write_downloaded(self, product, price, sale_price):
        """Store BigCommerce's prices of one variant in Odoo.

        :param product: ``product.product``
        """
        if self.regular:
            self._set_fixed(self.regular, product, price)
        elif float_compare(product.product_tmpl_id.list_price, price, 2) != 0:
            product.product_tmpl_id.list_price = price
        if self.sale:
            self._set_fixed(self.sale, product, sale_price if sale_price > 0 else None)

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
                    "fixed_price": price,
                }
            )
        elif item.compute_price != "fixed" or float_compare(item.fixed_price, price, 6):
            item.write({"compute_price": "fixed", "fixed_price": price})

    # === UPLOAD (Odoo -> BigCommerce) === #

    def current_prices(self, products):
        """Regular and sale price of each variant as BigCommerce should show them.

        :returns: dict product id -> ``(price, sale_price)``; sale 0 means none
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
            result[product.id] = (price, sale_price)
        return result
