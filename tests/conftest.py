"""Session-wide rules of the test suite."""

import pytest


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
