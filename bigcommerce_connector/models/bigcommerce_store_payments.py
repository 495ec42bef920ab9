from odoo import Command, fields, models

from ..api.const import PAYMENT_METHODS_PATH

SOURCE_POLICIES = [
    ("contact", "Always use the contact's"),
    ("contact_else_default", "The contact's, else the value below"),
    ("default", "Always use the value below"),
]


class BigCommerceStore(models.Model):
    """Accounting settings, and the payment methods mapped to Odoo journals."""

    _inherit = "bigcommerce.store"  # pylint: disable=consider-merging-classes-inherited

    invoice_mode = fields.Selection(
        [
            ("individual", "Import invoices individually"),
            ("batch", "Allow batch invoices"),
        ],
        "Invoice Options",
        default="batch",
        required=True,
        help="Individually: paid orders are invoiced at download, and their "
        "payment registered in the journal of their payment method. Batch: "
        "invoicing is left to Odoo's own invoicing of orders.",
    )
    invoice_state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        "Default Accounting Status",
        default="posted",
        required=True,
    )
    payment_term_policy = fields.Selection(
        SOURCE_POLICIES,
        "Order Payment Terms",
        default="contact_else_default",
        required=True,
    )
    default_payment_term_id = fields.Many2one("account.payment.term")
    pricelist_policy = fields.Selection(
        SOURCE_POLICIES,
        "Order Pricelist",
        default="contact_else_default",
        required=True,
    )
    default_pricelist_id = fields.Many2one("product.pricelist")
    fiscal_position_policy = fields.Selection(
        SOURCE_POLICIES,
        "Order Fiscal Position",
        default="contact_else_default",
        required=True,
    )
    default_fiscal_position_id = fields.Many2one("account.fiscal.position")
    payment_map_ids = fields.One2many(
        "bigcommerce.payment.map", "store_id", "Payment Methods"
    )

    # === ACTION METHODS === #

    def action_load_payment_methods(self):
        """Add a row under *Payment Methods* for each method of the store.

        Reads ``GET /v2/payments/methods``; existing rows keep their journal.
        """
        self.ensure_one()
        with (
            self._get_client("write", interactive=True) as client,
            self._bigcommerce_errors(),
        ):
            names = [
                (method.get("name") or "").strip()
                for method in client.iter_v2(PAYMENT_METHODS_PATH)
            ]
        added = self._add_payment_methods(names)
        return self._notify(
            self.env._(
                "%(count)s payment methods read, %(added)s added: choose the "
                "journal of each.",
                count=len(names),
                added=added,
            )
        )

    # === BUSINESS METHODS === #

    def _add_payment_methods(self, names):
        """Create a mapping row, without journal, for each name not mapped yet.

        Names compare case-insensitively, as orders spell them.

        :returns: the number of rows added
        """
        known = {name.casefold() for name in self.payment_map_ids.mapped("name")}
        commands = []
        for name in names:
            if name and name.casefold() not in known:
                known.add(name.casefold())
                commands.append(Command.create({"name": name}))
        if commands:
            self.payment_map_ids = commands
        return len(commands)
