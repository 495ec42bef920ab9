"""A small router: HTTP method plus a regex on the path after ``/stores/<hash>/``.

Endpoint modules expose ``register(router)`` and add their routes there. A
route may carry a guard, ``guard(state, **params) -> bool``, that decides
from the simulator state whether it applies (a generic collection route
applies only to seeded collections). Handlers are called as
``handler(state, request, **params)`` and return a
:class:`~tests.simulator.messages.Reply` or raise
:class:`~tests.simulator.messages.ApiError`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Route:
    """One registered route."""

    method: str
    pattern: re.Pattern
    handler: Callable[..., Any]
    guard: Callable[..., bool] | None = None

    def params(self, state, api_path):
        """Return the path parameters when this route applies, else None."""
        match = self.pattern.fullmatch(api_path)
        if match is None:
            return None
        params = match.groupdict()
        if self.guard is not None and not self.guard(state, **params):
            return None
        return params


class Router:
    """Routes in registration order; the first that applies wins."""

    def __init__(self):
        self._routes = []

    def add(self, method, pattern, handler, guard=None):
        """Register ``handler`` for ``method`` on paths fully matching ``pattern``."""
        route = Route(method.upper(), re.compile(pattern), handler, guard)
        self._routes.append(route)

    def resolve(self, state, method, api_path):
        """Find the route for a request.

        :return: ``(route, params, path_known)``; ``route`` is None when no
            route applies, and ``path_known`` then says whether another
            method would have applied (405 rather than 404).
        """
        path_known = False
        for route in self._routes:
            params = route.params(state, api_path)
            if params is None:
                continue
            if route.method == method:
                return route, params, True
            path_known = True
        return None, {}, path_known
