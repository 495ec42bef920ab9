from odoo import api, models


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.depends("sale_line_id.bigcommerce_options")
    def _compute_description_picking(self):
        """Add the options and gift wrapping the shopper chose for the packer."""
        res = super()._compute_description_picking()
        for move in self:
            note = move.sale_line_id.bigcommerce_options
            if note and not move.description_picking_manual:
                move.description_picking = "\n".join(
                    filter(None, (move.description_picking, note))
                )
        return res

    # === PICKING ASSIGNATION === #

    def _bigcommerce_address(self):
        """The BigCommerce order address of a BigCommerce order's move, else None.

        Odoo gathers the moves of one sale order into one delivery; the
        moves of a BigCommerce order are gathered per order address instead,
        as BigCommerce ships each consignment on its own.
        """
        line = self.sale_line_id
        if not line.order_id.bigcommerce_order_id:
            return None
        return line.bigcommerce_order_address_id

    def _key_assign_picking(self):
        keys = super()._key_assign_picking()
        address = self._bigcommerce_address()
        if address is None:
            return keys
        return (*keys, address, self.partner_id)

    def _search_picking_for_assignation_domain(self):
        domain = super()._search_picking_for_assignation_domain()
        address = self._bigcommerce_address()
        if address is None:
            return domain
        return [
            *domain,
            ("bigcommerce_order_address_id", "=", address),
            ("partner_id", "=", self.partner_id.id),
        ]

    def _get_new_picking_values(self):
        values = super()._get_new_picking_values()
        addresses = {move._bigcommerce_address() for move in self}
        if len(addresses) == 1 and None not in addresses:
            values["bigcommerce_order_address_id"] = addresses.pop()
        return values
