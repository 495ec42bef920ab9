from odoo import fields, models

from ..sync.customers.importer import CustomerImporter


class BigCommerceStore(models.Model):
    """Customer download of the store (seed "Downloading customers")."""

    _inherit = "bigcommerce.store"

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
            CustomerImporter(self, run, commit=trigger == "cron").download(full=full)

        run = self._run_flow("customer_download", flow, trigger)
        return self._notify_run(run) if trigger == "button" else run
