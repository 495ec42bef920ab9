"""A v2 order record (``order_Shared`` + ``order_RespOnly``) and its totals.

An order is stored with its lines inside it (``products``,
``shipping_addresses``, ``coupons``, ``fees``); answers render them as
links or sub-resources. :func:`order_totals` derives what BigCommerce
computes from the lines: subtotals, shipping, handling, wrapping, fees,
discounts, totals and item counts.
"""

import copy
import uuid
from decimal import Decimal

from .order_money import dec, money, rfc2822

# The lists an order keeps inside it.
LINE_KEYS = ("products", "shipping_addresses", "coupons", "fees")
DEFAULT_BILLING = {
    "first_name": "Jane",
    "last_name": "Doe",
    "company": "",
    "street_1": "455 Main Street",
    "street_2": "",
    "city": "Austin",
    "state": "Texas",
    "zip": "78751",
    "country": "United States",
    "country_iso2": "US",
    "phone": "555-123-4567",
    "email": "janedoe@example.com",
    "form_fields": [],
}


def new_order(order_id, epoch, billing):
    """Return an order with BigCommerce's defaults and no lines (totals zero).

    The lists ``products``, ``shipping_addresses``, ``coupons`` and ``fees``
    are stored inside it; answers render them as links or sub-resources.
    """
    date = rfc2822(epoch)
    order = {
        "id": order_id,
        "customer_id": 0,
        "date_created": date,
        "date_modified": date,
        "date_shipped": "",
        "status_id": 11,
        "status": "Awaiting Fulfillment",
        "custom_status": "Awaiting Fulfillment",
        "cart_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"simulated-cart-{order_id}")),
    }
    order.update(dict.fromkeys(TOTAL_MONEY, "0.0000"))
    order.update(copy.deepcopy(ORDER_DEFAULTS))
    order["billing_address"] = billing
    order.update(products=[], shipping_addresses=[], coupons=[], fees=[])
    return order


# The totals :func:`order_totals` derives, money first.
TOTAL_MONEY = (
    *(f"subtotal_{s}" for s in ("ex_tax", "inc_tax", "tax")),
    *(
        f"{p}_cost_{s}"
        for p in ("shipping", "handling", "wrapping")
        for s in ("ex_tax", "inc_tax", "tax")
    ),
    "base_shipping_cost",
    "base_handling_cost",
    "base_wrapping_cost",
    "coupon_discount",
    *(f"total_{s}" for s in ("ex_tax", "inc_tax", "tax")),
)
ORDER_DEFAULTS = {
    "shipping_cost_tax_class_id": 2,
    "handling_cost_tax_class_id": 2,
    "wrapping_cost_tax_class_id": 3,
    "is_tax_inclusive_pricing": False,
    "items_total": 0,
    "items_shipped": 0,
    "payment_method": "Credit Card",
    "payment_provider_id": "",
    "payment_status": "captured",
    "refunded_amount": "0.0000",
    "order_is_digital": False,
    "store_credit_amount": "0.0000",
    "gift_certificate_amount": "0.0000",
    "ip_address": "",
    "ip_address_v6": "",
    "geoip_country": "",
    "geoip_country_iso2": "",
    "currency_id": 1,
    "currency_code": "USD",
    "currency_exchange_rate": "1.0000000000",
    "default_currency_id": 1,
    "default_currency_code": "USD",
    "store_default_currency_code": "USD",
    "store_default_to_transactional_exchange_rate": "1.0000000000",
    "staff_notes": "",
    "customer_message": "",
    "discount_amount": "0.0000",
    "shipping_address_count": 0,
    "is_deleted": False,
    "ebay_order_id": "0",
    "is_email_opt_in": False,
    "credit_card_type": None,
    "order_source": "www",
    "channel_id": 1,
    "external_source": None,
    "external_id": None,
    "external_merchant_id": None,
    "tax_provider_id": "BasicTaxProvider",
    "customer_locale": "en",
    "external_order_id": "",
}


# === DERIVED FIELDS === #


def assign_addresses(order):
    """Put each shipped product without an address on the first address.

    A physical product with an ``order_pickup_method_id`` is picked up: it
    ships to no address.

    :raise ValueError: when a product names an address the order lacks
    """
    ids = [address["id"] for address in order["shipping_addresses"]]
    for product in order["products"]:
        if not is_shipped(product):
            continue
        if not product["order_address_id"] and ids:
            product["order_address_id"] = ids[0]
        elif product["order_address_id"] and product["order_address_id"] not in ids:
            raise ValueError(f"order has no address {product['order_address_id']}")


def is_shipped(product):
    """Whether an order product ships to an address (physical, not picked up)."""
    return product["type"] == "physical" and not product["order_pickup_method_id"]


def order_totals(order):
    """Return the totals BigCommerce derives from an order's lines.

    ``total_inc_tax`` is subtotal, shipping, handling, wrapping and fees
    including tax, less ``discount_amount`` and ``coupon_discount``. Each
    address's ``items_total``/``items_shipped`` is counted on the way.
    """
    products, addresses = order["products"], order["shipping_addresses"]
    for address in addresses:
        mine = [p for p in products if p["order_address_id"] == address["id"]]
        address["items_total"] = sum(p["quantity"] for p in mine)
        address["items_shipped"] = sum(p["quantity_shipped"] for p in mine)
    parts = {
        "subtotal": _sum_taxed(products, "total_{}"),
        "shipping_cost": _sum_taxed(addresses, "cost_{}"),
        "handling_cost": _sum_taxed(addresses, "handling_cost_{}"),
        "wrapping_cost": _sum_taxed(products, "wrapping_cost_{}"),
    }
    fees = _sum_taxed(order["fees"], "cost_{}")
    coupon = sum((dec(c["discount"]) for c in order["coupons"]), Decimal(0))
    discounts = dec(order["discount_amount"]) + coupon
    total_tax = sum(part[1] for part in parts.values()) + fees[1]
    if order.get("is_tax_inclusive_pricing"):
        # Prices and discounts include tax: the total is what the shopper paid.
        total_inc = sum(part[2] for part in parts.values()) + fees[2] - discounts
        total_ex = total_inc - total_tax
    else:
        total_ex = sum(part[0] for part in parts.values()) + fees[0] - discounts
    totals = {
        f"{name}_{suffix}": money(amount)
        for name, part in parts.items()
        for suffix, amount in zip(("ex_tax", "tax", "inc_tax"), part, strict=True)
    }
    totals.update(
        base_shipping_cost=money(_sum(addresses, "base_cost")),
        base_handling_cost=money(_sum(addresses, "base_handling_cost")),
        base_wrapping_cost=money(_sum(products, "base_wrapping_cost")),
        coupon_discount=money(coupon),
        total_ex_tax=money(total_ex),
        total_tax=money(total_tax),
        total_inc_tax=money(total_ex + total_tax),
        items_total=sum(p["quantity"] for p in products),
        items_shipped=sum(p["quantity_shipped"] for p in products),
        shipping_address_count=len(addresses),
        order_is_digital=bool(products)
        and all(p["type"] != "physical" for p in products),
    )
    return totals


def _sum(records, field):
    """Return the sum of a money field over records, as a Decimal."""
    return sum((dec(record[field]) for record in records), Decimal(0))


def _sum_taxed(records, pattern):
    """Return ``(ex_tax, tax, inc_tax)`` sums of a field pattern over records."""
    return tuple(
        _sum(records, pattern.format(suffix)) for suffix in ("ex_tax", "tax", "inc_tax")
    )
