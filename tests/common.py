"""Shared fixtures: a BigCommerce store connected to a fresh simulator."""

from odoo.addons.bigcommerce_connector.sync.core.run import SyncRun
from odoo.tests import TransactionCase, new_test_user

from tests.simulator import BigCommerceSimulator

SIM_HASH = "sim123"
SIM_TOKEN = "sim-token-4f9a1c"


def start_simulator(case):
    """Start a simulator for a test class (``case.sim``), stopped after it."""
    case.sim = BigCommerceSimulator(store_hash=SIM_HASH, access_token=SIM_TOKEN)
    case.sim.start()
    case.addClassCleanup(case.sim.stop)


class BigCommerceCase(TransactionCase):
    """A ``bigcommerce.store`` pointing at its own simulator over real HTTP.

    The simulator starts once per class and is reset before every test: log,
    faults, quota, scopes and seeded data are fresh each time.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_simulator(cls)
        cls.store = cls.env["bigcommerce.store"].create(cls._store_values())
        cls.manager = new_test_user(
            cls.env,
            login="bc_manager",
            groups="base.group_user,bigcommerce_connector.group_bigcommerce_manager",
        )
        cls.user = new_test_user(
            cls.env,
            login="bc_user",
            groups="base.group_user,bigcommerce_connector.group_bigcommerce_user",
        )

    @classmethod
    def _store_values(cls, **overrides):
        values = {
            "name": "Simulated store",
            "store_hash": SIM_HASH,
            "access_token": SIM_TOKEN,
            "api_url": cls.sim.base_url,
            "connect_timeout": 2.0,
            "read_timeout": 2.0,
            "retry_backoff": 0.01,
        }
        values.update(overrides)
        return values

    @classmethod
    def connect_store(cls, **values):
        """Mark the store connected, in units Odoo knows, with ``values``."""
        cls.store.write(
            {
                "state": "connected",
                "weight_unit": "kg",
                "dimension_unit": "cm",
                **values,
            }
        )

    def run_sync(self, operation, flow):
        """Run ``flow(run)`` in a sync run with the store's client; the finished run.

        As a button runs it, but BigCommerce's errors stay in the run's log
        instead of becoming a UserError.
        """
        with self.store._get_client() as client, SyncRun(self.store, operation) as run:
            run.client = client
            flow(run)
        return run

    def setUp(self):
        super().setUp()
        self.sim.reset()
