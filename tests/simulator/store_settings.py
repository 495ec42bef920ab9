"""Payment methods and shipping zones of a fresh simulated store.

``GET /v2/payments/methods`` lists ``payment_Base`` records (methods_payments.v2.yml)
sorted by name; ``GET /v2/shipping/zones`` lists one "United States" zone
whose methods are "Flat Rate" (10 per order, what a seeded order's
shipping address charges by default) and "Free Shipping"
(shipping.v2.yml ``ShippingZone`` and ``shippingMethod_Full``). Zones
answer their handling fee as a string and methods as a number, as each
schema types it.
"""


def default_payment_methods():
    """Return the configured payment methods of a fresh store."""
    return [
        {"code": "cod", "name": "Cash on Delivery", "test_mode": False},
        {"code": "squarev2", "name": "Square", "test_mode": False},
        {"code": "testgateway", "name": "Test Payment Gateway", "test_mode": True},
    ]


def default_shipping_zones():
    """Return the shipping zones of a fresh store (``ShippingZone``)."""
    return [
        {
            "id": 1,
            "name": "United States",
            "type": "country",
            "locations": [{"id": 1, "country_iso2": "US"}],
            "free_shipping": {
                "enabled": False,
                "minimum_sub_total": "0.0000",
                "exclude_fixed_shipping_products": False,
            },
            "handling_fees": {"fixed_surcharge": "0", "display_separately": True},
            "enabled": True,
        }
    ]


def default_shipping_methods():
    """Return the shipping methods of each zone of a fresh store, by zone id."""
    common = {"handling_fees": {"fixed_surcharge": 0}, "channel_ids": [1]}
    return {
        1: [
            {
                "id": 1,
                "name": "Flat Rate",
                "type": "perorder",
                "settings": {"rate": 10},
                "enabled": True,
                "is_fallback": False,
                **common,
            },
            {
                "id": 2,
                "name": "Free Shipping",
                "type": "freeshipping",
                "settings": {},
                "enabled": True,
                "is_fallback": False,
                **common,
            },
        ]
    }
