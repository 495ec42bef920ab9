"""A BigCommerce REST API simulator for tests: real HTTP on 127.0.0.1.

Usage::

    from tests.simulator import BigCommerceSimulator, Fault

    with BigCommerceSimulator() as sim:
        sim.seed("v3/catalog/brands", [{"id": 1, "name": "Acme"}])
        sim.add_product("Tee", options=[{"display_name": "Size", "values": ["S"]}])
        sim.add_order(products=[{"name": "Tee", "quantity": 2}], tax_rate=0.08)
        sim.fail_next(Fault.SERVER_ERROR, path_contains="/brands")
        ...  # call sim.base_url + "/stores/sim123/v3/catalog/brands"

Standard library only; see ``simulator.py`` for the request pipeline and
the ``endpoints_*`` modules for what each path answers.
"""

from .faults import Fault
from .messages import RequestRecord
from .simulator import BigCommerceSimulator

__all__ = ["BigCommerceSimulator", "Fault", "RequestRecord"]
