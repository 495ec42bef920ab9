"""Plain HTTP to the test simulator: its credentials and a request helper.

Shared by the ``test_simulator_*`` modules; no Odoo. The ``simulator`` and
``sim`` fixtures that serve these credentials live in ``conftest.py``.
"""

import requests

TOKEN = "sim-token"
STORE_HASH = "sim123"
JAN_1 = 1767225600  # 2026-01-01T00:00:00+00:00


def call(
    sim,
    method,
    path,
    token=TOKEN,
    store=STORE_HASH,
    headers=None,
    session=None,
    timeout=5,
    **kwargs,
):
    """Send ``method /stores/<store>/<path>`` with the usual client headers.

    ``headers`` adds to (or overrides) ``Accept`` and ``X-Auth-Token``;
    ``session`` defaults to the ``requests`` module; the rest goes to
    ``request`` (``params``, ``json``, ...).
    """
    sent = {"Accept": "application/json", "X-Auth-Token": token, **(headers or {})}
    url = f"{sim.base_url}/stores/{store}/{path}"
    sender = requests if session is None else session
    return sender.request(method, url, headers=sent, timeout=timeout, **kwargs)


def get(sim, path, **params):
    """Send ``GET /stores/<STORE_HASH>/<path>`` with ``params`` as the query."""
    return call(sim, "GET", path, params=params)
