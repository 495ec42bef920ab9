"""The orders of the order_download benchmark, seeded in the simulator.

A fair shape: guest orders with emails, every third reusing an earlier
shopper's email (22 % of the orders come from a returning customer); every
fourth ships to an address other than the billing one (a delivery contact);
3 lines of products known in Odoo, taxed at 8.25 % like their Odoo tax; Flat
Rate shipping, taxed too; every fifth has a 6.00 coupon, which BigCommerce
spreads over the lines as ``applied_discounts`` (1.00 a unit: prices stay in
cents). All are paid (``captured``) and modified a second apart, as a
store's orders come in (a thousand orders of one second would page by id).
No Odoo here: the bare Odoo sides read the same seeded records as plain
:class:`BareOrder` values.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

SKUS = ("BENCH-A", "BENCH-B", "BENCH-C")
TAX_PERCENT = 8.25
CREATED = datetime(2024, 3, 5, 15, 30)
COUPON = "SAVE6"


def customer_of(index):
    """The shopper of order ``index``: every third takes an earlier one's."""
    return index // 3 if index % 3 == 0 and index else index


def has_delivery_contact(index):
    return index % 4 == 1


def has_coupon(index):
    return index % 5 == 2


def _address(first, last, street, email=""):
    return {
        "first_name": first,
        "last_name": last,
        "company": "",
        "street_1": street,
        "street_2": "",
        "city": "Austin",
        "state": "Texas",
        "zip": "78751",
        "country": "United States",
        "country_iso2": "US",
        "phone": "",
        "email": email,
    }


def seed(sim, count):
    """Add ``count`` orders to the simulator; return the stored records."""
    for index in range(count):
        who = customer_of(index)
        billing = _address(
            "Shopper", str(who), f"{who} Main Street", f"shopper{who}@example.com"
        )
        extra = {}
        if has_delivery_contact(index):
            extra["shipping_addresses"] = [
                _address("Recipient", str(index), f"{index} Harbor Road")
            ]
        if has_coupon(index):
            extra["coupons"] = [{"code": COUPON, "amount": 6}]
        sim.add_order(
            billing_address=billing,
            products=[_product(line, sku, index) for line, sku in enumerate(SKUS)],
            tax_rate=TAX_PERCENT / 100,
            date_created=CREATED,
            date_modified=CREATED + timedelta(seconds=index),
            payment_status="captured",
            **extra,
        )
    return sim.orders


def _product(line, sku, index):
    product = {"sku": sku, "name": sku, "quantity": 1 + line, "price": 10 + line}
    if has_coupon(index):
        product["applied_discounts"] = [
            {
                "id": "1",
                "amount": 1 + line,
                "name": "Save 6",
                "code": COUPON,
                "target": "product",
            }
        ]
    return product


@dataclass
class BareOrder:
    """What bare Odoo needs of one seeded order (prices after discounts)."""

    email: str
    name: str
    place: dict
    delivery: dict  # the recipient's name and place, or None
    lines: list  # (sku, name, quantity, unit price after discounts)
    shipping: float


def bare_orders(records):
    """The seeded order records as :class:`BareOrder` values."""
    result = []
    for record in records:
        billing = record["billing_address"]
        shipping_address = record["shipping_addresses"][0]
        delivery = None
        if shipping_address["street_1"] != billing["street_1"]:
            delivery = _person(shipping_address)
        result.append(
            BareOrder(
                email=billing["email"],
                name=_person(billing)["name"],
                place=_person(billing)["place"],
                delivery=delivery,
                lines=[_line(product) for product in record["products"]],
                shipping=float(Decimal(shipping_address["cost_ex_tax"])),
            )
        )
    return result


def _person(address):
    return {
        "name": f"{address['first_name']} {address['last_name']}",
        "place": {
            "street": address["street_1"],
            "city": address["city"],
            "zip": address["zip"],
        },
    }


def _line(product):
    discounts = [
        (d["code"], Decimal(d["amount"])) for d in product["applied_discounts"]
    ]
    base = Decimal(product["total_ex_tax"]) - sum((a for _, a in discounts), 0)
    name = "\n".join(
        [f"[{product['sku']}] {product['name']}"]
        + [f"Coupon {code}: -{amount:.2f}" for code, amount in discounts]
    )
    quantity = product["quantity"]
    return product["sku"], name, quantity, float(base / quantity)
