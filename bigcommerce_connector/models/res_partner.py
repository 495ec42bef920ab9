from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    bigcommerce_link_ids = fields.One2many(
        "bigcommerce.partner.link", "partner_id", "BigCommerce Customers"
    )
    bigcommerce_state_name = fields.Char(
        "State (BigCommerce)",
        help="The state or province of a BigCommerce address that Odoo does not "
        "know for the address's country. Printed where the state goes; choose "
        "the State instead when Odoo has it under another name.",
    )

    # === ADDRESS === #

    @api.model
    def _address_fields(self):
        """The state text belongs to the address: contacts of a company share
        it, and it moves with the rest of the address."""
        return [*super()._address_fields(), "bigcommerce_state_name"]

    def _prepare_display_address(self, without_company=False):
        """Print the state text where the country's format puts the state."""
        address_format, args = super()._prepare_display_address(without_company)
        if not self.state_id and self.bigcommerce_state_name:
            args["state_code"] = args["state_name"] = self.bigcommerce_state_name
        return address_format, args
