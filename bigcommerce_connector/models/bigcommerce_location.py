from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BigCommerceLocation(models.Model):
    """A BigCommerce inventory location of a store, and the Odoo warehouse
    whose stock it shows (seed "Location": location-specific stock).

    Loaded by the store's *Load Locations* (``GET /v3/inventory/locations``);
    a person picks the warehouse.
    """

    _name = "bigcommerce.location"
    _description = "BigCommerce Inventory Location"
    _order = "store_id, is_default desc, bc_location_id"
    _check_company_auto = True

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    bc_location_id = fields.Integer(
        "BigCommerce Location ID", required=True, readonly=True
    )
    name = fields.Char(readonly=True)
    code = fields.Char(readonly=True)
    is_default = fields.Boolean(
        "Default",
        readonly=True,
        help="BigCommerce's default location: stock of source warehouses mapped "
        "to no location is published here.",
    )
    enabled = fields.Boolean(
        readonly=True, help="BigCommerce takes stock only at enabled locations."
    )
    _location_unique = models.Constraint(
        "UNIQUE(store_id, bc_location_id)",
        "A BigCommerce location is loaded once per store.",
    )

    @api.depends("name", "code", "bc_location_id")
    def _compute_display_name(self):
        for location in self:
            location.display_name = (
                location.name or location.code or str(location.bc_location_id)
            )


class BigCommerceWarehouseMap(models.Model):
    """A source warehouse of a store's stock push, and where it is published.

    The warehouse's stock goes to its BigCommerce location; without one, to
    the store's default location.
    """

    _name = "bigcommerce.warehouse.map"
    _description = "BigCommerce Stock Source Warehouse"
    _order = "store_id, sequence, id"
    _check_company_auto = True

    store_id = fields.Many2one(
        "bigcommerce.store", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="store_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        ondelete="cascade",
        check_company=True,
        help="Odoo warehouse whose stock this store publishes.",
    )
    location_id = fields.Many2one(
        "bigcommerce.location",
        "BigCommerce Location",
        domain="[('store_id', '=', store_id)]",
        ondelete="set null",
        help="Where this warehouse's stock is published. Empty: the store's "
        "default location. Several warehouses of one location are summed.",
    )

    _warehouse_unique = models.Constraint(
        "UNIQUE(store_id, warehouse_id)",
        "A warehouse is a source of a store's stock once.",
    )

    @api.constrains("location_id", "store_id")
    def _check_location_store(self):
        for row in self:
            if row.location_id and row.location_id.store_id != row.store_id:
                raise ValidationError(
                    self.env._(
                        "Location %(location)s belongs to another store.",
                        location=row.location_id.display_name,
                    )
                )
