"""Shared fixtures: a BigCommerce store connected to a fresh simulator."""

from odoo.tests import TransactionCase, new_test_user

from tests.simulator import BigCommerceSimulator

SIM_HASH = "sim123"
SIM_TOKEN = "sim-token-4f9a1c"


class BigCommerceCase(TransactionCase):
    """A ``bigcommerce.store`` pointing at its own simulator over real HTTP.

    The simulator starts once per class and is reset before every test: log,
    faults, quota, scopes and seeded data are fresh each time.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = BigCommerceSimulator(store_hash=SIM_HASH, access_token=SIM_TOKEN)
        cls.sim.start()
        cls.addClassCleanup(cls.sim.stop)
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

    def setUp(self):
        super().setUp()
        self.sim.reset()
