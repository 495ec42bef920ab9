from odoo import api, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    @api.model
    def _add_tax_details_in_base_line(self, base_line, company, rounding_method=None):
        """Round BigCommerce documents per line, whatever the company's method.

        BigCommerce rounds the tax of every line on its own (FACTS 6); Odoo's
        "Round Globally" would round the sum of each tax instead and miss
        BigCommerce's total by a cent on ordinary orders. Sale orders,
        invoices and credit notes of a BigCommerce order therefore take
        per-line rounding; every other document keeps the company's method.
        """
        if rounding_method is None and _is_bigcommerce(base_line.get("record")):
            rounding_method = "round_per_line"
        return super()._add_tax_details_in_base_line(
            base_line, company, rounding_method=rounding_method
        )


def _is_bigcommerce(record):
    """Whether a base line's record belongs to a BigCommerce order's documents."""
    if not isinstance(record, models.BaseModel) or len(record) != 1:
        return False
    if record._name == "sale.order.line":
        return bool(record.order_id.bigcommerce_store_id)
    if record._name == "account.move.line":
        return bool(record.move_id.bigcommerce_store_id)
    return False
