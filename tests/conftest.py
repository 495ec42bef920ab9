"""Session-wide rules of the test suite and the shared simulator fixtures."""

import os

import pytest
from hypothesis import settings

from tests.simulator import BigCommerceSimulator
from tests.simulator_http import STORE_HASH, TOKEN

# Generated tests explore new examples on every developer run (and find what
# hand-written ones miss); CI replays a fixed set, so a landing never depends
# on luck. No deadline: the machine is shared, and tests assert behaviour.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Fail the run when any test was skipped: the Odoo tests never skip silently.

    pytest-odoo skips HttpCase tests without ``--odoo-http`` and Odoo skips
    tests whose module is missing; either would hide untested code.
    """
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: every test must run (see -rs).",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="module")
def simulator():
    """One simulator per module, serving ``STORE_HASH`` with ``TOKEN``.

    A module that defines its own ``simulator`` (test_api_client.py) wins.
    """
    with BigCommerceSimulator(store_hash=STORE_HASH, access_token=TOKEN) as sim:
        yield sim


@pytest.fixture
def sim(simulator):
    """The module's simulator, reset before each test."""
    simulator.reset()
    return simulator
