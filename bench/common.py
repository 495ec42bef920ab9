"""Bootstrap shared by the benchmarks: Odoo on the test database, a simulator.

Run a benchmark with Odoo's Python from the repository root, e.g.
``bash scripts/bench product_download``. Everything a benchmark writes is
rolled back: the test database is left as it was.
"""

import argparse
import os
import sys
import time
from contextlib import contextmanager

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)


def parse_args(description, count=int, extra=None):
    """Database and connection options (defaults: scripts/lib.sh's).

    :param count: the type of ``--count`` (default: one number)
    :param extra: ``extra(parser)`` adds a benchmark's own options
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--db", default=os.environ.get("BC_TEST_DB", "bigcommerce_test")
    )
    parser.add_argument("--addons-path", default=os.environ.get("BENCH_ADDONS_PATH"))
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", "odoo"))
    parser.add_argument("--count", type=count, default=count("1000"))
    if extra:
        extra(parser)
    return parser.parse_args()


def connection_options(args):
    """The command line options giving a child process the same database server."""
    options = [
        f"--db-host={args.db_host}",
        f"--db-port={args.db_port}",
        f"--db-user={args.db_user}",
    ]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    return options


@contextmanager
def odoo_env(args, commit=False):
    """An environment (superuser) on the test database, rolled back at the end
    (committed with ``commit``); its connections are closed after it."""
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    options = [
        "-d",
        args.db,
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        f"--db_user={args.db_user}",
        "--log-level=warn",
    ]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
            if commit:
                cr.commit()
        finally:
            cr.rollback()
    odoo.sql_db.close_all()


@contextmanager
def measure(env, figures, name):
    """Add ``name.seconds`` and ``name.queries`` to ``figures``."""
    env.cr.flush()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    yield
    env.cr.flush()
    figures[f"{name}.seconds"] = round(time.perf_counter() - start, 3)
    figures[f"{name}.queries"] = env.cr.sql_log_count - queries


def bench_store(env, sim, **values):
    """A ``bigcommerce.store`` connected to the simulator ``sim``, with ``values``."""
    return env["bigcommerce.store"].create(
        {
            "name": "Bench store",
            "store_hash": sim.store_hash,
            "access_token": sim.access_token,
            "api_url": sim.base_url,
            "state": "connected",
            **values,
        }
    )


def add_ratios(figures):
    """Connector / bare Odoo ratios of seconds and queries, to 2 decimals."""
    for kind in ("seconds", "queries"):
        figures[f"ratio.{kind}"] = round(
            figures[f"connector.{kind}"] / figures[f"bare_odoo.{kind}"], 2
        )


def report(title, figures):
    """Print figures as plain ``key=value`` lines, for the closing notes."""
    print(f"== {title}")
    for key, value in figures.items():
        print(f"{key}={value}")
