from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..sync.orders.routing import parse_zips


class BigCommerceRoutingRule(models.Model):
    """One row of a store's routing grid (seed "Branch Routing Grid").

    The first row, in sequence, whose conditions all hold for a consignment's
    shipping address and method routes it to its warehouse; an empty
    condition holds for every consignment.
    """

    _name = "bigcommerce.routing.rule"
    _description = "BigCommerce Order Routing Rule"
    _order = "store_id, sequence, id"
    _check_company_auto = True

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    country_ids = fields.Many2many(
        "res.country",
        string="Countries",
        help="The shipping address is in one of these countries. Empty: any.",
    )
    state_ids = fields.Many2many(
        "res.country.state",
        string="States",
        help="The shipping address is in one of these states (BigCommerce's "
        "state name or code). Empty: any.",
    )
    zip_codes = fields.Char(
        help="Prefixes or ranges, separated by commas: '100, 112-119, 9*' takes "
        "zips starting with 100 or 9, and 11200 to 11999. Empty: any.",
    )
    shipping_method_ids = fields.Many2many(
        "bigcommerce.shipping.map",
        string="Shipping Methods",
        domain="[('store_id', '=', store_id)]",
        help="The consignment ships by one of these BigCommerce methods. Empty: any.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Ship From",
        check_company=True,
        required=True,
        domain="[('company_id', '=', company_id)]",
        help="The warehouse that ships the consignments this row matches.",
    )
    backup1_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "If Out of Stock, Backup 1",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="With Split Orders: a line the warehouse has not free in full ships "
        "from here when this one has it.",
    )
    backup2_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Backup 2",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="With Split Orders: tried after backup 1.",
    )

    @api.constrains("zip_codes")
    def _check_zip_codes(self):
        for rule in self:
            try:
                parse_zips(rule.zip_codes)
            except ValueError as exc:
                raise ValidationError(
                    self.env._("Routing rule zip codes: %(error)s", error=str(exc))
                ) from exc
