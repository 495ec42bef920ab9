"""Sale order values of one BigCommerce order: lines, taxes, charges, terms.

Odoo lands on BigCommerce's amounts: unit prices excluding tax, and for each
line an Odoo tax of the rate BigCommerce charged (the product's mapped taxes
when their rate matches).
"""

from odoo import Command, fields

from . import amounts, mapping, rates
from .mapping import SkipOrder
from .shipping import method_key
from .taxes import ChargedTaxes

SERVICE_PRODUCTS = {
    "item": "BigCommerce item",
    "shipping": "BigCommerce shipping",
    "handling": "BigCommerce handling",
    "wrapping": "BigCommerce gift wrapping",
    "fee": "BigCommerce fee",
    "discount": "BigCommerce discount",
    "rounding": "BigCommerce rounding",
}


class OrderBuilder:
    """Builds ``sale.order`` values; caches its look-ups for the whole run."""

    def __init__(self, store):
        self.store = store
        self.env = store.env
        self.company = store.company_id
        self._services = {}
        self.taxes = ChargedTaxes(store)
        self._carriers = {
            method_key(m.name): m.carrier_id
            for m in store.shipping_map_ids
            if m.carrier_id
        }
        self._pricelists = {}
        # order id -> parsed /taxes rows, or None (set by the importer)
        self.tax_details = None
        self.learned = rates.LearnedRates()

    def forget(self):
        """Drop what was looked up or created: a rolled-back savepoint may have
        taken it away (a tax, a service product, a pricelist)."""
        self._services = {}
        self._pricelists = {}
        self.taxes.forget()

    # === SERVICE PRODUCTS === #

    def service(self, kind):
        """The service product of a kind of line (created once per database)."""
        if kind == "item" and self.store.order_service_product_id:
            return self.store.order_service_product_id
        if kind not in self._services:
            name = SERVICE_PRODUCTS[kind]
            Product = self.env["product.product"].sudo()
            product = Product.search(
                [("default_code", "=", f"BC-{kind.upper()}"), ("type", "=", "service")],
                limit=1,
            ) or Product.create(
                {
                    "name": name,
                    "type": "service",
                    "default_code": f"BC-{kind.upper()}",
                    "sale_ok": True,
                    "purchase_ok": False,
                    "taxes_id": [Command.clear()],
                }
            )
            self._services[kind] = product
        return self._services[kind]

    # === ORDER VALUES === #

    def order_values(self, order, customer, warehouse):
        """Header values of the sale order (partner, currency, terms, dates).

        :param order: the parsed :class:`~.payload.Order`
        :param customer: its :class:`~..customers.resolver.CustomerResult`
        """
        partner = customer.partner
        created = order.date_created
        values = {
            "partner_id": partner.id,
            "partner_invoice_id": (customer.invoice_partner or partner).id,
            "partner_shipping_id": customer.shipping_partner.id,
            "company_id": self.company.id,
            "warehouse_id": warehouse.id,
            "origin": f"BigCommerce #{order.id}",
            "client_order_ref": str(order.id),
            "date_order": created or fields.Datetime.now(),
            "bigcommerce_store_id": self.store.id,
            "bigcommerce_order_id": order.id,
            "bigcommerce_status": order.status,
            "bigcommerce_payment_method": order.payment_method,
            "bigcommerce_total": float(order.total_inc_tax),
            "bigcommerce_customer_message": order.customer_message or False,
            "bigcommerce_staff_notes": order.staff_notes or False,
            "pricelist_id": self._pricelist(order, partner).id,
            "payment_term_id": self._by_policy(
                "payment_term", partner.property_payment_term_id
            ).id,
            "fiscal_position_id": self._by_policy(
                "fiscal_position", partner.property_account_position_id
            ).id,
        }
        if self.store.order_user_id:
            values["user_id"] = self.store.order_user_id.id
        if self.store.order_team_id:
            values["team_id"] = self.store.order_team_id.id
        etd = self.store.order_etd
        if etd != "none":
            values["commitment_date"] = (
                created if etd == "created" else fields.Datetime.now()
            )
        return values

    def _by_policy(self, kind, contact_value):
        """The contact's value or the store's, per the store's policy."""
        policy = self.store[f"{kind}_policy"]
        default = self.store[f"default_{kind}_id"]
        if policy == "contact":
            return contact_value
        if policy == "default":
            return default
        return contact_value or default

    def _pricelist(self, order, partner):
        """The pricelist by policy, in the order's transactional currency."""
        chosen = self._by_policy("pricelist", partner.property_product_pricelist)
        code = order.default_currency_code or order.currency_code
        usual = chosen.currency_id if chosen else self.company.currency_id
        if not code or usual.name == code:
            return chosen
        if code not in self._pricelists:
            currency = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)], limit=1)
            )
            if not currency:
                raise SkipOrder(f"currency {code} is unknown in Odoo")
            if not currency.active:
                currency.sudo().active = True
            Pricelist = self.env["product.pricelist"].sudo()
            self._pricelists[code] = Pricelist.search(
                [
                    ("currency_id", "=", currency.id),
                    ("company_id", "in", (False, self.company.id)),
                ],
                limit=1,
            ) or Pricelist.create(
                {
                    "name": f"BigCommerce {code}",
                    "currency_id": currency.id,
                    "company_id": self.company.id,
                }
            )
        return self._pricelists[code]

    # === LINES === #

    def line_commands(self, order, check, products, ship_to=None):
        """Sale order line commands: items, charges, discount.

        Each line and charge gets Odoo taxes of the rates BigCommerce charged
        (:mod:`.rates`); an order whose amounts fit no rate per destination
        costs one more call, to its ``/taxes`` (``details``).

        :param products: dict order line index -> product.product (or None)
        :param ship_to: the :class:`~.addresses.ShipTo` giving each item and
            shipping charge its address
        """
        charges = amounts.charges(order)
        self.assign_rates(order, amounts.taxed_amounts(order, check.lines, charges))
        inclusive = order.is_tax_inclusive_pricing
        commands = [
            self.item_command(line, products.get(index), inclusive, ship_to)
            for index, line in enumerate(check.lines)
        ]
        for charge in charges:
            commands.append(self._charge_command(charge, order))
            if ship_to:
                commands[-1][2].update(ship_to.charge_values(charge))
        discount = mapping.unallocated_discount(order, check.lines)
        if discount:
            commands.append(self._discount_command(check, discount))
        return commands

    def assign_rates(self, order, entries):
        """Set each amount's rate; ask BigCommerce when the amounts alone
        cannot tell it: they fit no rate per destination, or no Odoo tax has
        a rate they allow (a new tax takes the rate BigCommerce names, never
        one guessed from rounded amounts). The usual order costs no call."""
        rates.assign_rates(entries)
        if not self.tax_details:
            return
        if self.learned.apply([e for e in entries if not self.taxes.covered(e)]):
            _regroup(entries)
        unknown = not all(self.taxes.covered(entry) for entry in entries)
        if unknown or rates.needs_details(entries):
            rows = self.tax_details(order.id)
            if rows is not None:
                rates.apply_details(entries, rows)
                self.learned.learn(entries)
                _regroup(entries)
                rates.take_named_rates(
                    [e for e in entries if not self.taxes.covered(e)], rows
                )

    def item_command(self, line, product, inclusive=False, ship_to=None):
        """A sale order line of an order product, at its price after discounts.

        :param ship_to: the :class:`~.addresses.ShipTo` giving it its address
        """
        return Command.create(
            {
                "product_id": (product or self.service("item")).id,
                "name": line.description(),
                "product_uom_qty": float(line.quantity),
                "price_unit": float(line.unit_price(inclusive)),
                "tax_ids": [Command.set(self.taxes.of(line.taxed, product).ids)],
                "bigcommerce_order_product_id": line.item.id,
                **(ship_to.line_values(line) if ship_to else {}),
            }
        )

    def _charge_command(self, charge, order):
        carrier = (
            self._carriers.get(method_key(charge.name))
            if charge.kind == "shipping"
            else None
        )
        product = carrier.product_id if carrier else self.service(charge.kind)
        return Command.create(
            {
                "product_id": product.id,
                "name": charge.name
                if charge.kind != "shipping"
                else f"Shipping: {charge.name}",
                "product_uom_qty": 1,
                "price_unit": float(charge.base(order.is_tax_inclusive_pricing)),
                "tax_ids": [Command.set(self.taxes.of(charge.taxed).ids)],
                "is_delivery": charge.kind == "shipping",
            }
        )

    def _discount_command(self, check, discount):
        """A line for the discounts no order line carries.

        BigCommerce spreads coupons and manual discounts over the lines it
        taxes (``applied_discounts``): their tax is already each line's. A
        discount left over lowered no line's tax, so its line has none and
        Odoo's tax stays BigCommerce's.
        """
        codes = (
            mapping.coupon_codes(check.lines) if self.store.load_coupon_codes else []
        )
        return Command.create(
            {
                "product_id": self.service("discount").id,
                "name": "Coupon %s" % ", ".join(codes) if codes else "Discount",
                "product_uom_qty": 1,
                "price_unit": -float(discount),
                "tax_ids": [Command.clear()],
            }
        )

    def rounding_command(self, difference):
        """A line absorbing ``difference`` (Decimal) between the two totals."""
        return Command.create(
            {
                "product_id": self.service("rounding").id,
                "name": "Rounding: BigCommerce's amounts do not add up",
                "product_uom_qty": 1,
                "price_unit": float(difference),
                "tax_ids": [Command.clear()],
            }
        )


def _regroup(entries):
    """Group again the amounts whose rates are not known yet, without the
    ones BigCommerce named (a line of two taxes would skew their range)."""
    rates.assign_rates([entry for entry in entries if not entry.components])
