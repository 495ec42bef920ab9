import logging
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..api import BigCommerceClient, BigCommerceError
from ..api.const import DEFAULT_API_URL, STORE_PATH
from ..sync.core.store_info import store_info_values
from ..sync.core.units import DIMENSION_UNITS, WEIGHT_UNITS
from ..sync.core.values import PayloadError

_logger = logging.getLogger(__name__)

# A person waiting for a button: connect within seconds, retry once.
INTERACTIVE_CONNECT_TIMEOUT = 3.0
INTERACTIVE_RETRIES = 1

MANAGER_GROUP = "bigcommerce_connector.group_bigcommerce_manager"


class BigCommerceStore(models.Model):
    _name = "bigcommerce.store"
    _description = "BigCommerce Store"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    # === CONNECTION === #
    name = fields.Char(
        required=True,
        tracking=True,
        help="How this store is named in Odoo: in menus, logs and on orders.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
        help="Orders, customers and stock of this store belong to this company.",
    )
    store_hash = fields.Char(
        required=True,
        tracking=True,
        help="The store's permanent id: the part after /stores/ in the API path "
        "shown when you create the API account "
        "(https://api.bigcommerce.com/stores/<store hash>/v3/).",
    )
    access_token = fields.Char(
        groups=MANAGER_GROUP,
        copy=False,
        help="The access token of a store-level API account (BigCommerce > "
        "Settings > Store-level API accounts). Readable by BigCommerce managers "
        "only; never written to the logs.",
    )
    api_url = fields.Char(
        string="API Base URL",
        help=f"Leave empty to use {DEFAULT_API_URL}. Set only to point this store "
        "at another host serving the same API, such as the test simulator.",
    )
    connect_timeout = fields.Float(
        string="Connect Timeout (s)",
        default=5.0,
        help="Seconds to wait for a connection to BigCommerce.",
    )
    read_timeout = fields.Float(
        string="Read Timeout (s)",
        default=60.0,
        help="Seconds to wait for BigCommerce's answer to one request. Failed "
        "reads are retried a few times with a growing pause.",
    )
    max_retries = fields.Integer(
        string="Retries",
        default=5,
        help="How often a request that failed on a server error (5xx), a reset "
        "or a timeout is tried again; creations (POST) are never repeated. "
        "After a 429 the connector always waits the time the store asks for.",
    )
    retry_backoff = fields.Float(
        string="Retry Backoff (s)",
        default=1.0,
        help="Seconds before the first retry; the pause doubles at each retry.",
    )
    state = fields.Selection(
        [
            ("draft", "Not Connected"),
            ("connected", "Connected"),
            ("error", "Connection Failed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Connected once 'Test Connection' reached the store with this token; "
        "Connection Failed when the last test did not (the reason is shown). "
        "Downloads and scheduled runs go on for a store whose test failed: "
        "their sync logs say whether BigCommerce answered.",
    )
    last_connection_date = fields.Datetime(readonly=True, copy=False)
    connection_warning = fields.Char(readonly=True, copy=False)
    connection_error = fields.Char(
        "Connection Failure",
        readonly=True,
        copy=False,
        help="Why the last Test Connection failed, in BigCommerce's words.",
    )

    # === WHAT BIGCOMMERCE SAYS OF THE STORE (GET /v2/store) === #
    bc_store_name = fields.Char("Store Name in BigCommerce", readonly=True, copy=False)
    bc_domain = fields.Char("Storefront URL", readonly=True, copy=False)
    bc_currency_code = fields.Char("Default Currency", readonly=True, copy=False)
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        help="The Odoo currency of the store's default currency.",
    )
    bc_weight_units = fields.Char("Weight Units", readonly=True, copy=False)
    bc_dimension_units = fields.Char("Dimension Units", readonly=True, copy=False)
    weight_unit = fields.Selection(
        [(code, code) for code in WEIGHT_UNITS],
        readonly=True,
        copy=False,
        help="The store's weight unit as Odoo reads it; empty when unknown.",
    )
    dimension_unit = fields.Selection(
        [(code, code) for code in DIMENSION_UNITS],
        readonly=True,
        copy=False,
        help="The store's length unit as Odoo reads it; empty when unknown.",
    )
    bc_plan_name = fields.Char("Plan", readonly=True, copy=False)
    bc_timezone = fields.Char("Timezone", readonly=True, copy=False)
    bc_status = fields.Char("Store Status", readonly=True, copy=False)
    bc_prices_include_tax = fields.Boolean(
        "Prices Entered With Tax", readonly=True, copy=False
    )
    bc_default_channel_id = fields.Integer("Default Channel", readonly=True, copy=False)

    _store_hash_unique = models.Constraint(
        "UNIQUE(store_hash)",
        "This BigCommerce store is already connected: a store can be connected "
        "to one Odoo store record only.",
    )

    @api.depends("bc_currency_code")
    def _compute_currency_id(self):
        codes = set(self.mapped("bc_currency_code")) - {False}
        currencies = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "in", list(codes))])
        )
        by_code = {currency.name: currency for currency in currencies}
        for store in self:
            store.currency_id = by_code.get(store.bc_currency_code, False)

    # === ACTION METHODS === #

    def action_test_connection(self):
        """Call ``GET /v2/store``, keep what it says of the store and tell the user.

        A failure (token refused, scope missing, host unreachable) sets the
        store to *Connection Failed* with the reason, and says so in red.

        :raises UserError: the store has no store hash or token yet
        """
        self.ensure_one()
        try:
            with self._get_client("write", interactive=True) as client:
                info = client.get(STORE_PATH)
        except BigCommerceError as exc:
            _logger.warning("BigCommerce store %s: %s", self.id, exc.message)
            self.write({"state": "error", "connection_error": exc.message})
            message = self.env._("Could not connect: %(reason)s", reason=exc.message)
            return self._notify(message, level="danger")
        values, warnings = store_info_values(info)
        values.update(
            state="connected",
            last_connection_date=fields.Datetime.now(),
            connection_warning="; ".join(warnings) or False,
            connection_error=False,
        )
        self.write(values)
        message = self.env._(
            "Connected to %(name)s: currency %(currency)s, weights in %(weight)s, "
            "dimensions in %(dimension)s, plan %(plan)s.",
            name=self.bc_store_name or self.store_hash,
            currency=self.bc_currency_code or "?",
            weight=self.bc_weight_units or "?",
            dimension=self.bc_dimension_units or "?",
            plan=self.bc_plan_name or "?",
        )
        return self._notify(message, warnings=warnings)

    # === PRIVATE METHODS === #

    def _control_panel_url(self, path):
        """``https://store-<hash>.mybigcommerce.com/manage/<path>``, or False."""
        self.ensure_one()
        if not self.store_hash:
            return False
        return (
            f"https://store-{self.store_hash.strip()}.mybigcommerce.com/manage/{path}"
        )

    def _get_client(self, access="read", interactive=False, **kwargs):
        """Build the API client of this store, once the caller may use it.

        Rights first: the caller's ``access`` right on this store (ACL and
        multi-company rule) is checked before anything of the store is read.
        Only then is the token read as superuser; reading it fills the record
        cache, which later reads would take without any check.

        :param access: ``read`` for downloads, ``write`` for what changes the
            store's settings or BigCommerce
        :param interactive: a person waits (a button): fail within seconds, with
            one retry and a connect timeout of at most
            :data:`INTERACTIVE_CONNECT_TIMEOUT`; the store's retries are for
            scheduled runs
        :returns: a :class:`BigCommerceClient`; close it, or use it in ``with``
        :raises AccessError: the caller lacks that right on this store
        """
        self.ensure_one()
        self.check_access(access)
        token = self.sudo().access_token
        if not self.store_hash or not token:
            raise UserError(
                self.env._(
                    "Store %(name)s needs a store hash and an access token before "
                    "it can reach BigCommerce.",
                    name=self.name,
                )
            )
        connect, retries = self.connect_timeout, max(self.max_retries, 0)
        if interactive:
            connect = min(connect, INTERACTIVE_CONNECT_TIMEOUT)
            retries = min(retries, INTERACTIVE_RETRIES)
        kwargs.setdefault("timeout", (connect, self.read_timeout))
        kwargs.setdefault("max_retries", retries)
        kwargs.setdefault("backoff_factor", max(self.retry_backoff, 0.0))
        return BigCommerceClient(
            self.store_hash, token, api_url=self.api_url or None, **kwargs
        )

    @contextmanager
    def _bigcommerce_errors(self):
        """Turn the client's typed errors into a UserError that says what to fix."""
        try:
            yield
        except (BigCommerceError, PayloadError) as exc:
            _logger.warning("BigCommerce store %s: %s", self.display_name, exc.message)
            raise UserError(
                self.env._(
                    "BigCommerce store %(name)s: %(reason)s",
                    name=self.display_name,
                    reason=exc.message,
                )
            ) from exc
