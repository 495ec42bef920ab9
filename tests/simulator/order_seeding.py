"""Seeding helpers for orders, customers and store settings.

Mixed into :class:`~tests.simulator.simulator.BigCommerceSimulator`. They
return the live stored records: a test may read them after API calls or
change them in place. An order line naming a catalog ``product_id`` takes
its name, SKU, variant, price, weight and options from the catalog unless
the line says otherwise; an order naming a seeded ``customer_id`` takes
its billing address from that customer unless it gives one.
"""

from .catalog_records import refresh


class OrderSeedingMixin:
    """``add_order``, ``add_customer`` and friends.

    Needs ``self._lock`` and ``self._state`` from the simulator.
    """

    # === ORDERS === #

    def add_order(
        self,
        products=None,
        shipping_addresses=None,
        coupons=None,
        fees=None,
        tax_rate=0,
        **fields,
    ):
        """Store a full v2 order (``order_Shared`` + ``order_RespOnly``); return it.

        :param products: order product specs: ``name``, ``quantity`` (1),
            ``price`` (10, before tax), ``tax_rate``, ``type`` (``physical``,
            ``digital``, ``giftcertificate``), ``product_options``
            (``[{display_name, display_value}]``), ``applied_discounts``,
            ``order_address_id`` (default: the first shipping address),
            ``order_pickup_method_id`` (picked up: no address), ``wrapping_name``,
            ``wrapping_message`` and
            any ``orderProducts`` field; omitted: one "Sample Item" at 10
        :param shipping_addresses: ``orderShippingAddress`` specs (address
            fields, ``cost_ex_tax`` default 10 "Flat Rate",
            ``handling_cost_ex_tax``, ``tax_rate``, an explicit ``id``...);
            omitted: one address equal to the billing address when a
            product is physical
        :param coupons: ``[{code, amount, type, discount}]``
        :param fees: ``[{display_name, cost_ex_tax, tax_rate}]``
        :param tax_rate: default tax rate of lines and shipping (``0.08``)
        :param fields: any order field (``id``, ``customer_id``,
            ``status_id``, ``billing_address``, ``discount_amount``,
            ``date_created`` as epoch, datetime or string, a total...);
            totals not given are computed from the lines
        :raise ValueError: on an unknown field or a missing address
        """
        spec = {**fields, "tax_rate": tax_rate}
        lines = {
            "products": products,
            "shipping_addresses": shipping_addresses,
            "coupons": coupons,
            "fees": fees,
        }
        spec.update({key: value for key, value in lines.items() if value is not None})
        with self._lock:
            return self._state.orders.add(self._with_store_defaults(spec))

    def update_order(self, order_id, **fields):
        """Change a stored order; ``date_modified`` moves to now unless given.

        Takes what :meth:`add_order` takes; new lines or a new
        ``discount_amount`` recompute the totals not given alongside.
        """
        with self._lock:
            return self._state.orders.update(order_id, self._with_catalog(fields))

    def delete_order(self, order_id):
        """Archive an order as ``DELETE /v2/orders/{id}`` does (``is_deleted``)."""
        with self._lock:
            return self._state.orders.archive(order_id)

    def order(self, order_id):
        """Return the stored order ``order_id`` (KeyError when missing)."""
        order = self._state.orders.get(order_id)
        if order is None:
            raise KeyError(f"no order {order_id}")
        return order

    @property
    def orders(self):
        """The stored orders, in id order."""
        with self._lock:
            return sorted(self._state.orders.orders.values(), key=lambda o: o["id"])

    @property
    def order_statuses(self):
        """The live list of order statuses (rename one through ``custom_label``)."""
        return self._state.orders.statuses

    def _with_store_defaults(self, spec):
        """Fill catalog lines and the customer's billing address into a spec."""
        spec = self._with_catalog(spec)
        customer = self._state.customers.get(spec.get("customer_id"))
        if customer is not None:
            spec["billing_address"] = {
                **billing_from_customer(customer),
                **spec.get("billing_address", {}),
            }
        return spec

    def _with_catalog(self, spec):
        """Return ``spec`` with catalog defaults on lines naming a product."""
        if not spec.get("products"):
            return spec
        catalog = self._state.catalog
        return {
            **spec,
            "products": [line_from_catalog(catalog, p) for p in spec["products"]],
        }

    # === CUSTOMERS === #

    def add_customer(
        self, email, first_name="Jane", last_name="Doe", addresses=None, **fields
    ):
        """Store a v3 customer (``customer_Full``) and return it.

        :param addresses: ``address_Full`` specs; names default to the
            customer's, the rest to an Austin, Texas address
        :param fields: any ``customer_Full`` field (``company``, ``phone``,
            ``customer_group_id``, ``notes``, ``date_modified``...)
        :raise ValueError: when another customer has the email
        """
        with self._lock:
            return self._state.customers.add(
                email, first_name, last_name, addresses, fields
            )

    def update_customer(self, customer_id, **fields):
        """Change a customer (``addresses`` are added); ``date_modified`` moves."""
        with self._lock:
            return self._state.customers.update(customer_id, fields)

    def customer(self, customer_id):
        """Return the stored customer ``customer_id`` (KeyError when missing)."""
        customer = self._state.customers.get(customer_id)
        if customer is None:
            raise KeyError(f"no customer {customer_id}")
        return customer

    @property
    def customers(self):
        """The stored customers, in id order."""
        with self._lock:
            return sorted(
                self._state.customers.customers.values(), key=lambda c: c["id"]
            )

    # === STORE SETTINGS === #

    @property
    def payment_methods(self):
        """The live list of payment methods (``code``, ``name``, ``test_mode``)."""
        return self._state.payment_methods

    @property
    def shipping_zones(self):
        """The live list of shipping zones (``ShippingZone``)."""
        return self._state.shipping_zones

    @property
    def shipping_methods(self):
        """The live shipping methods by zone id (``{1: [Flat Rate, ...]}``)."""
        return self._state.shipping_methods


def billing_from_customer(customer):
    """Return an order billing address built from a customer and its first address."""
    address = (customer["addresses"] or [{}])[0]
    billing = {
        "first_name": customer["first_name"],
        "last_name": customer["last_name"],
        "company": customer.get("company", ""),
        "phone": customer.get("phone", ""),
        "email": customer["email"],
    }
    mapping = {
        "street_1": "address1",
        "street_2": "address2",
        "city": "city",
        "state": "state_or_province",
        "zip": "postal_code",
        "country": "country",
        "country_iso2": "country_code",
    }
    billing.update(
        {ours: address[theirs] for ours, theirs in mapping.items() if theirs in address}
    )
    return billing


def line_from_catalog(catalog, line):
    """Return an order line spec with defaults from the catalog product it names.

    Without ``variant_id``, the line is the product's first variant.
    """
    product = catalog.product(line.get("product_id"))
    if product is None:
        return line
    refresh(product)
    variants = product["variants"]
    variant = next(
        (v for v in variants if v["id"] == line.get("variant_id")), variants[0]
    )
    defaults = {
        "name": product["name"],
        "sku": variant["sku"] or product["sku"],
        "variant_id": variant["id"],
        "price": variant["calculated_price"],
        "weight": variant["calculated_weight"],
        "upc": variant.get("upc") or "",
        "product_options": [
            {
                "display_name": value["option_display_name"],
                "display_value": value["label"],
                "option_id": value["option_id"],
                "product_option_id": value["option_id"],
                "value": str(value["id"]),
            }
            for value in variant["option_values"]
        ],
    }
    return {**defaults, **line}
