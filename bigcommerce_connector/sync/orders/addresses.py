"""Where each line of a BigCommerce order goes: its consignment's address.

One BigCommerce order is one sale order (its totals, invoice and payment stay
those of the order); each line knows its BigCommerce order address and the
delivery contact of that address, and Odoo makes one delivery per address
(``stock.move`` groups a BigCommerce order's moves by address). Picked-up,
digital and gift certificate lines go to the customer, with address 0.
"""

from ..customers.mapping import normalise_address
from . import mapping


class ShipTo:
    """The BigCommerce address and delivery contact of each line of one order.

    :param customer: the customer (``res.partner``): picked-up and digital
        lines go to it
    :param partners: BigCommerce order address id -> delivery contact
    :param find: ``find(address)`` gives the contact of an address not in
        ``partners`` (an address added by a later edit), or None
    """

    def __init__(self, customer, partners, find=None):
        self.customer = customer
        self.partners = dict(partners)
        self.find = find

    @classmethod
    def of_import(cls, customer):
        """For a new sale order, from its :class:`CustomerResult`."""
        return cls(customer.partner, customer.shipping_partners)

    @classmethod
    def of_sale(cls, sale, address_book):
        """For lines added to ``sale``: its lines' contacts, then the book's.

        :param address_book: the run's :class:`~..customers.addresses.AddressBook`:
            a new address is found among the customer's delivery contacts,
            or created under it
        """
        partners = {
            line.bigcommerce_order_address_id: line.bigcommerce_partner_shipping_id
            for line in sale.order_line
            if line.bigcommerce_order_address_id
            and line.bigcommerce_partner_shipping_id
        }

        def find(address):
            return address_book.delivery(
                sale.partner_id, normalise_address(address), notes=[]
            )

        return cls(sale.partner_id, partners, find)

    @staticmethod
    def header_values(order):
        """The sale order's BigCommerce address: its first shipping consignment's."""
        shipping = order.shipping
        first = mapping.consignment_address_id(shipping[0]) if shipping else 0
        return {"bigcommerce_address_id": first}

    def line_values(self, line):
        """Address id, delivery contact and slip note of an item line.

        :param line: a :class:`~.mapping.OrderLine`
        """
        values = self._address_values(line.address_id, line.consignment.address)
        values["bigcommerce_options"] = line.slip_note() or False
        return values

    def charge_values(self, charge):
        """Address id and contact of a shipping charge (others have none)."""
        if not charge.address_id:
            return {}
        return self._address_values(charge.address_id, None)

    def _address_values(self, address_id, address):
        return {
            "bigcommerce_order_address_id": address_id,
            "bigcommerce_partner_shipping_id": self._partner(address_id, address).id,
        }

    def _partner(self, address_id, address):
        if not address_id:
            return self.customer
        partner = self.partners.get(address_id)
        if partner is None and self.find and address is not None:
            partner = self.partners[address_id] = self.find(address)
        return partner or self.customer
