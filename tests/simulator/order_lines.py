"""The lines of a v2 order: products, options, discounts, addresses, coupons, fees.

Builders turn short seeding specs into full records of orders.v2.oas2.yml:
``orderProducts``, ``orderProductOptions``, ``orderProductAppliedDiscounts``,
``orderShippingAddress``, ``orderCoupons_Base`` and ``orderFees_Resp``. A
spec names its inputs (``price``, ``quantity``, ``tax_rate``,
``cost_ex_tax``...) and may set any field of the record on top.
"""

from decimal import Decimal

from .order_money import cents, dec, money, overlay, pop_first, tax_on, taxed

PRODUCT_TYPES = ("physical", "digital", "giftcertificate")
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "street_1",
    "street_2",
    "city",
    "state",
    "zip",
    "country",
    "country_iso2",
    "phone",
    "email",
)
# orderCoupons_Base.type, by the names getOrderCoupons gives them.
COUPON_TYPES = {
    "per_item_discount": 0,
    "percentage_discount": 1,
    "per_total_discount": 2,
    "shipping_discount": 3,
    "free_shipping": 4,
    "promotion": 5,
}
DEFAULT_PRICE = 10
# The "Flat Rate" method of the simulated shipping zone charges this much.
DEFAULT_SHIPPING_COST = 10


# === ORDER PRODUCTS === #


def new_order_product(product_id, order_id, spec, tax_rate, option_ids):
    """Return an ``orderProducts`` record from a seeding spec.

    :param spec: ``name``, ``quantity``, ``price`` (or ``price_ex_tax`` /
        ``base_price``), ``tax_rate``, ``wrapping_cost_ex_tax``,
        ``product_options`` (``[{display_name, display_value}]``),
        ``applied_discounts`` (``[{amount, ...}]``) and any other field
    :param option_ids: returns a fresh id for each product option
    """
    spec = dict(spec)
    rate = spec.pop("tax_rate", tax_rate)
    inclusive = spec.pop("inclusive", False)
    quantity = int(spec.pop("quantity", 1))
    price = cents(
        pop_first(spec, ("price_ex_tax", "base_price", "price"), DEFAULT_PRICE)
    )
    wrapping = pop_first(spec, ("wrapping_cost_ex_tax", "base_wrapping_cost"), 0)
    name = spec.pop("name", "Sample Item")
    options = [
        new_product_option(option_ids(), product_id, option)
        for option in spec.pop("product_options", [])
    ]
    discounts = [new_applied_discount(d) for d in spec.pop("applied_discounts", [])]
    product = _product_record(product_id, order_id, name, quantity)
    off = sum((dec(d["amount"]) for d in discounts), Decimal(0))
    product.update(_line_money(price, quantity, rate, wrapping, off, inclusive))
    product.update(product_options=options, applied_discounts=discounts)
    explicit = set(spec)
    overlay(product, spec, "an order product")
    if product["type"] not in PRODUCT_TYPES:
        raise ValueError(f"order product type must be one of {PRODUCT_TYPES}")
    if "discounted_total_inc_tax" not in explicit:
        product["discounted_total_inc_tax"] = money(dec(product["total_inc_tax"]) - off)
    return product


def _product_record(product_id, order_id, name, quantity):
    """Return an order product's fields other than its money."""
    return {
        "id": product_id,
        "order_id": order_id,
        "product_id": 0,
        "variant_id": 0,
        "order_pickup_method_id": 0,
        "order_address_id": 0,
        "name": name,
        "name_customer": name,
        "name_merchant": name,
        "sku": "",
        "upc": "",
        "type": "physical",
        "quantity": quantity,
        "weight": "1.0000",
        "width": "0.0000",
        "height": "0.0000",
        "depth": "0.0000",
        "base_cost_price": "0.0000",
        "cost_price_ex_tax": "0.0000",
        "cost_price_inc_tax": "0.0000",
        "cost_price_tax": "0.0000",
        "is_refunded": False,
        "quantity_refunded": 0,
        "refund_amount": "0.0000",
        "return_id": 0,
        "wrapping_id": 0,
        "wrapping_name": "",
        "wrapping_message": "",
        "quantity_shipped": 0,
        "event_name": None,
        "event_date": None,
        "fixed_shipping_cost": "0.0000",
        "ebay_item_id": "",
        "ebay_transaction_id": "",
        "option_set_id": None,
        "parent_order_product_id": None,
        "is_bundled_product": False,
        "bin_picking_number": "",
        "external_id": None,
        "brand": "",
        "configurable_fields": [],
        "gift_certificate_id": None,
        "discounted_total_inc_tax": "0.0000",
    }


def _line_money(price, quantity, rate, wrapping, discount=0, inclusive=False):
    """Return the money fields of a line: unit price, line total, wrapping.

    ``price`` is before tax, or including it when the order's prices do
    (``inclusive``). As BigCommerce reports a discounted line, its totals
    excluding and including tax are before the ``discount`` while its
    ``total_tax`` is charged on the amount after it (each tax rounded half up
    on the line).
    """
    unit_ex, unit_tax, unit_inc = taxed(price, rate, inclusive)
    total_ex, _, total_inc = taxed(price * quantity, rate, inclusive)
    gross = total_inc if inclusive else total_ex
    total_tax = tax_on(gross - dec(discount), rate, inclusive)
    wrap_ex, wrap_tax, wrap_inc = taxed(wrapping, rate, inclusive)
    return {
        "base_price": money(unit_ex),
        "price_ex_tax": money(unit_ex),
        "price_inc_tax": money(unit_inc),
        "price_tax": money(unit_tax),
        "base_total": money(total_ex),
        "total_ex_tax": money(total_ex),
        "total_inc_tax": money(total_inc),
        "total_tax": money(total_tax),
        "base_wrapping_cost": money(wrap_ex),
        "wrapping_cost_ex_tax": money(wrap_ex),
        "wrapping_cost_inc_tax": money(wrap_inc),
        "wrapping_cost_tax": money(wrap_tax),
    }


def new_product_option(option_id, order_product_id, spec):
    """Return an ``orderProductOptions`` record (``display_name``/``display_value``)."""
    name = spec.get("display_name", "Size")
    value = spec.get("display_value", "")
    option = {
        "id": option_id,
        "option_id": 0,
        "order_product_id": order_product_id,
        "product_option_id": 0,
        "display_name": name,
        "display_name_customer": name,
        "display_name_merchant": name,
        "display_value": value,
        "display_value_customer": value,
        "display_value_merchant": value,
        "value": value,
        "type": "Multiple choice",
        "name": name,
        "display_style": "Rectangle",
    }
    return overlay(option, spec, "a product option")


def new_applied_discount(spec):
    """Return an ``orderProductAppliedDiscounts`` record (a manual one by default)."""
    discount = {
        "id": "manual-discount",
        "amount": "0.0000",
        "name": "Manual Discount",
        "code": None,
        "target": "order",
    }
    overlay(discount, spec, "an applied discount")
    discount["amount"] = money(discount["amount"])
    return discount


# === SHIPPING ADDRESSES, COUPONS, FEES === #


def new_shipping_address(address_id, order_id, spec, billing, tax_rate):
    """Return an ``orderShippingAddress`` (without its ``shipping_quotes`` link).

    The address defaults to the billing address; ``cost_ex_tax`` (or
    ``base_cost``, default 10: "Flat Rate") and ``handling_cost_ex_tax``
    are taxed at ``tax_rate``. ``items_total``/``items_shipped`` are counted
    from the products by :func:`order_totals`.
    """
    spec = dict(spec)
    rate = spec.pop("tax_rate", tax_rate)
    inclusive = spec.pop("inclusive", False)
    cost = pop_first(spec, ("cost_ex_tax", "base_cost"), DEFAULT_SHIPPING_COST)
    ship_ex, ship_tax, ship_inc = taxed(cost, rate, inclusive)
    handling = pop_first(spec, ("handling_cost_ex_tax", "base_handling_cost"), 0)
    hand_ex, hand_tax, hand_inc = taxed(handling, rate, inclusive)
    address = {"id": address_id, "order_id": order_id}
    address.update({field: billing.get(field, "") for field in ADDRESS_FIELDS})
    address.update(
        {
            "form_fields": [],
            "items_total": 0,
            "items_shipped": 0,
            "shipping_method": "Flat Rate",
            "base_cost": money(ship_ex),
            "cost_ex_tax": money(ship_ex),
            "cost_inc_tax": money(ship_inc),
            "cost_tax": money(ship_tax),
            "cost_tax_class_id": 2,
            "base_handling_cost": money(hand_ex),
            "handling_cost_ex_tax": money(hand_ex),
            "handling_cost_inc_tax": money(hand_inc),
            "handling_cost_tax": money(hand_tax),
            "handling_cost_tax_class_id": 2,
            "shipping_zone_id": 1,
            "shipping_zone_name": "United States",
        }
    )
    return overlay(address, spec, "a shipping address")


def new_coupon(row_id, order_id, spec):
    """Return an ``orderCoupons_Base``; ``type`` may be a number or its name.

    ``amount`` is the coupon's value (percent or money), ``discount`` the
    money it took off the order (default: ``amount``); both are numbers.
    """
    spec = dict(spec)
    kind = spec.pop("type", 2)
    amount = spec.pop("amount", 5)
    coupon = {
        "id": row_id,
        "coupon_id": row_id,
        "order_id": order_id,
        "code": f"COUPON{row_id}",
        "amount": float(dec(amount)),
        "type": COUPON_TYPES.get(kind, kind),
        "discount": float(cents(spec.pop("discount", amount))),
    }
    return overlay(coupon, spec, "a coupon")


def new_fee(fee_id, spec, tax_rate):
    """Return an ``orderFees_Resp`` from ``display_name`` and ``cost_ex_tax``."""
    spec = dict(spec)
    rate = spec.pop("tax_rate", tax_rate)
    ex_tax, tax, inc_tax = taxed(pop_first(spec, ("cost_ex_tax", "base_cost"), 0), rate)
    name = spec.pop("display_name", "Package Protection")
    fee = {
        "id": fee_id,
        "type": "custom_fee",
        "display_name_customer": name,
        "display_name_merchant": name,
        "source": "v2",
        "base_cost": money(ex_tax),
        "cost_ex_tax": money(ex_tax),
        "cost_inc_tax": money(inc_tax),
        "cost_tax": money(tax),
        "tax_class_id": None,
    }
    return overlay(fee, spec, "a fee")
