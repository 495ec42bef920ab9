from odoo import fields, models

from ..sync.customers.importer import CustomerImporter

CUSTOMER_POLICIES = [
    (
        "id_email_update",
        "If customer ID or email exists update customer else insert new customer",
    ),
    (
        "id_email_keep",
        "If customer ID or email exists do not update else insert new customer",
    ),
    (
        "id_keep_default",
        "If customer ID exists do not update else assign to default customer",
    ),
    ("email_update", "If email exists update customer else insert new customer"),
    (
        "email_update_default",
        "If email exists update customer else assign to default customer",
    ),
    ("default", "Assign to default customer"),
]


class BigCommerceStore(models.Model):
    """Customer settings and download (seeds "Customer tracking settings",
    "Downloading customers")."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    customer_policy = fields.Selection(
        CUSTOMER_POLICIES,
        "Assign Downloaded Orders To",
        default="id_email_update",
        required=True,
    )
    default_customer_mode = fields.Selection(
        [
            ("all", "Use the default customer for all warehouses"),
            ("warehouse", "Order warehouse"),
            ("delivery_warehouse", "Delivering warehouse"),
        ],
        "Customer Warehouse Assignment",
        default="all",
        required=True,
    )
    default_partner_id = fields.Many2one(
        "res.partner",
        "Default Customer",
        help="Orders assigned to the default customer go to this contact (or "
        "to the one of their warehouse in the table).",
    )
    default_customer_ids = fields.One2many(
        "bigcommerce.default.customer", "store_id", "Default Customers"
    )
    cash_partner_id = fields.Many2one(
        "res.partner",
        "Cash Customer",
        help="Orders without an email, and default-customer orders when no "
        "default customer is set. Empty: a 'BigCommerce cash customer' is created.",
    )
    new_customer_tag_ids = fields.Many2many(
        "res.partner.category",
        string="New Customer Tags",
        help="Tags (customer group) given to customers created from orders.",
    )
    new_customer_payment_term_id = fields.Many2one(
        "account.payment.term",
        "New Customer Payment Terms",
        help="Payment terms given to customers created from orders.",
    )
    new_customer_pricelist_id = fields.Many2one(
        "product.pricelist", help="Pricelist given to customers created from orders."
    )
    new_customer_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        help="Fiscal position given to customers created from orders.",
    )
    tax_exempt_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        "Fiscal Position for Tax-Exempt Customers",
        help="Given to the contact of a BigCommerce customer with a tax exempt "
        "category when Download Customers creates it, or updates it (policies "
        "that update); taken off again when the customer is no longer exempt. "
        "Empty: contacts keep their fiscal position.",
    )
    partner_link_ids = fields.One2many(
        "bigcommerce.partner.link", "store_id", "Customer Links"
    )

    customers_modified_after = fields.Datetime(
        "Download Customers Updated After",
        copy=False,
        help="Customers changed in BigCommerce before this moment are not "
        "downloaded again. Moves forward after each download, only past saved "
        "customers. Empty: download every customer.",
    )

    # === ACTION METHODS === #

    def action_download_customers(self):
        """Download customers changed since 'Download Customers Updated After'.

        Matches, updates and creates Odoo contacts by the store's customer
        policy, as orders do, and links them to their BigCommerce customer.
        """
        return self._download_customers(full=False)

    def action_download_all_customers(self):
        """Download every customer of the store, whatever the cursor says."""
        return self._download_customers(full=True)

    def _download_customers(self, full, trigger="button"):
        self.ensure_one()

        def flow(run):
            CustomerImporter(run.store, run, commit=trigger == "cron").download(
                full=full
            )

        run = self._run_flow("customer_download", flow, trigger)
        return self._notify_run(run) if trigger == "button" else run
