"""Benchmark: download orders with the connector beside bare Odoo making them.

Three sides make the same documents from the same seeded orders
(:mod:`bench.order_shape`): the connector's download, bare Odoo one order at
a time, bare Odoo 250 orders per ``create()``. Each runs in its own process
on its own copy of one prepared database (copied from ``--db``, which is left
as it was), alternating sides for ``--rounds`` rounds, with invoicing off and
on, for each ``--count``. Prints wall and CPU seconds (Python thread and
PostgreSQL backend), queries per order, min and median, and the ratios.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

if not __package__:  # run as a file: make ``bench`` and ``tests`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import REPO_ROOT, connection_options, odoo_env, parse_args

SIDES = ("connector", "bare_one", "bare_batch")
PAGE = 250


def _options(parser):
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--invoicing",
        type=lambda text: text.split(","),
        default=["off", "on"],
        help="off, on or off,on",
    )
    parser.add_argument(
        "--sides",
        type=lambda text: [
            "connector",
            *(s for s in text.split(",") if s != "connector"),
        ],
        default=list(SIDES),
        help="the bare sides to run beside the connector: bare_one,bare_batch "
        "(default both)",
    )
    # Internal: the parent runs each side as ``--side NAME`` in a new process.
    parser.add_argument("--side", choices=("prepare", *SIDES), help=argparse.SUPPRESS)


def _counts(text):
    return [int(part) for part in text.split(",")]


# === ONE SIDE (child process) === #


def child(args):
    """Run ``--side`` on ``--db`` and print its figures."""
    from bench.order_sides import prepare, run_side

    if args.side == "prepare":
        with odoo_env(args, commit=True) as env:
            prepare(env)
        return
    with odoo_env(args) as env:
        figures = run_side(env, args.side, args.count[0], args.invoicing == ["on"])
    for key, value in figures.items():
        print(f"{key}={value}")


# === THE RUN (parent process) === #


class Databases:
    """Copies of the test database, made and dropped on the same server."""

    def __init__(self, args):
        self.args = args

    def _execute(self, sql):
        import psycopg2

        connection = psycopg2.connect(
            dbname="postgres",
            host=self.args.db_host,
            port=self.args.db_port,
            user=self.args.db_user,
        )
        connection.autocommit = True
        try:
            connection.cursor().execute(sql)
        finally:
            connection.close()

    def copy(self, name, template):
        """``createdb -T``: PostgreSQL wants no connection to ``template``."""
        self.drop(name)
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop(self, name):
        """Drop a copy, even when an interrupted side still holds it."""
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        data = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
        shutil.rmtree(os.path.join(data, "Odoo", "filestore", name), True)


def run_child(args, side, db, count=0, invoicing="off"):
    """Run one side in a new process; its ``key=value`` figures."""
    command = [
        sys.executable,
        "-m",
        "bench.bench_order_download",
        f"--side={side}",
        f"--db={db}",
        f"--count={count}",
        f"--invoicing={invoicing}",
        *connection_options(args),
    ]
    done = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"side {side} failed (exit {done.returncode})")
    figures = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            figures[key] = _number(value)
    return figures


def _number(text):
    try:
        return float(text) if "." in text or text == "nan" else int(text)
    except ValueError:
        return text


def main():
    args = parse_args(__doc__, count=_counts, extra=_options)
    if args.side:
        child(args)
        return
    databases = Databases(args)
    base, work = f"{args.db}_od_base", f"{args.db}_od_run"
    try:
        databases.copy(base, args.db)
        run_child(args, "prepare", base)
        scaling = {}
        for count in args.count:
            for invoicing in args.invoicing:
                runs = _rounds(args, databases, base, work, count, invoicing)
                scaling[count, invoicing] = report(count, invoicing, runs)
        report_scaling(scaling)
    finally:
        databases.drop(work)
        databases.drop(base)


def _rounds(args, databases, base, work, count, invoicing):
    """Alternate the sides ``--rounds`` times, each on a fresh copy of ``base``."""
    runs = {side: [] for side in args.sides}
    for number in range(1, args.rounds + 1):
        for side in args.sides:
            databases.copy(work, base)
            try:
                figures = run_child(args, side, work, count, invoicing)
            finally:
                databases.drop(work)
            figures["cpu_s"] = _cpu(figures)
            runs[side].append(figures)
            shown = " ".join(
                f"{key}={figures[key]}"
                for key in ("wall_s", "python_cpu_s", "pg_cpu_s", "cpu_s", "queries")
            )
            print(
                f"run orders={count} invoicing={invoicing} round={number} "
                f"side={side} {shown}",
                flush=True,
            )
    return runs


def _cpu(figures):
    pg = figures["pg_cpu_s"]
    return round(figures["python_cpu_s"] + (0 if pg == "nan" else pg), 3)


# === REPORT === #


def report(count, invoicing, runs):
    """Print one section: each side's figures, the ratios, the checks."""
    print(f"== order_download orders={count} invoicing={invoicing}")
    medians = {}
    for side in runs:
        medians[side] = _side_figures(side, count, runs[side])
    calls = runs["connector"][0]["api_calls"]
    # A short page ends the download; a full one needs one more call.
    expected = count // PAGE + 1
    print(f"connector.api_calls={calls}")
    print(f"check.api_calls_are_pages_plus_1={'yes' if calls == expected else 'no'}")
    print(f"connector.failed={runs['connector'][0]['failed']}")
    print(f"connector.warnings={runs['connector'][0]['warnings']}")
    for bare in list(runs)[1:]:
        for kind in ("cpu_s", "wall_s", "queries"):
            ratio = medians["connector"][kind] / medians[bare][kind]
            print(f"ratio.{kind}.connector/{bare}={ratio:.2f}")
    _check_documents(runs)
    return medians


def _side_figures(side, count, runs):
    """Print min and median of a side's runs; return the medians."""
    medians = {}
    for kind in ("wall_s", "cpu_s", "python_cpu_s", "pg_cpu_s"):
        values = [run[kind] for run in runs if run[kind] != "nan"]
        if not values:
            print(f"{side}.{kind}=nan")
            medians[kind] = float("nan")
            continue
        medians[kind] = statistics.median(values)
        print(f"{side}.{kind}.min={min(values):.3f}")
        print(f"{side}.{kind}.median={medians[kind]:.3f}")
    medians["queries"] = statistics.median(run["queries"] for run in runs)
    fastest = min(run["cpu_s"] for run in runs)
    print(f"{side}.cpu_ms_per_order.min={fastest * 1000 / count:.1f}")
    print(f"{side}.cpu_ms_per_order.median={medians['cpu_s'] * 1000 / count:.1f}")
    print(f"{side}.queries_per_order={medians['queries'] / count:.1f}")
    return medians


def _check_documents(runs):
    """Every run of every side made the same documents (counts and totals)."""
    made = {
        f"{side}#{number}": {k: v for k, v in run.items() if k.startswith("doc.")}
        for side in runs
        for number, run in enumerate(runs[side], 1)
    }
    first = made["connector#1"]
    for key, value in first.items():
        print(f"connector.{key}={value}")
    differing = sorted(
        f"{name}:{key}={docs.get(key)}"
        for name, docs in made.items()
        for key, value in first.items()
        if docs.get(key) != value
    )
    print(f"check.same_documents={'yes' if not differing else 'no'}")
    for difference in differing:
        print(f"check.differs {difference}")


def report_scaling(scaling):
    """Per-order CPU and queries of each side at each size: flat is the goal."""
    print("== order_download scaling (median cpu ms/order, queries/order)")
    for invoicing in dict.fromkeys(key[1] for key in scaling):
        for side in SIDES:
            sizes = [
                (c, m[side])
                for (c, i), m in scaling.items()
                if i == invoicing and side in m
            ]
            if not sizes:
                continue
            cpu = ",".join(f"{c}:{m['cpu_s'] * 1000 / c:.1f}" for c, m in sizes)
            queries = ",".join(f"{c}:{m['queries'] / c:.1f}" for c, m in sizes)
            print(f"scaling.invoicing={invoicing}.{side}.cpu_ms_per_order={cpu}")
            print(f"scaling.invoicing={invoicing}.{side}.queries_per_order={queries}")


if __name__ == "__main__":
    main()
