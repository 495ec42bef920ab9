"""The layer rule of DESIGN.md, checked on the addon's source.

Data flows down: controllers, wizards, models, sync, api. A module never
imports one of a higher layer; ``api/`` and every ``payload.py`` and
``mapping.py`` (and the orders' pure ``rates.py``, ``amounts.py`` and
``routing.py``) import no Odoo, not even through another module of the addon.
"""

import ast
from pathlib import Path

import pytest

ADDON = Path(__file__).resolve().parent.parent / "bigcommerce_connector"
LAYERS = ("api", "sync", "models", "wizards", "controllers")
PURE_NAMES = ("payload", "line_payload", "mapping", "rates", "amounts", "routing")


def module_name(path, root=ADDON):
    """``sync.orders.mapping`` for ``<addon>/sync/orders/mapping.py``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source, name, is_package=False):
    """``(addon modules, external top-level modules)`` one module imports."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    inner, outer = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            outer.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                outer.add((node.module or "").split(".")[0])
                continue
            base = package[: len(package) - node.level + 1]
            target = ".".join(base + (node.module.split(".") if node.module else []))
            # ``from .x import y``: y may be a module of x, or a name in x.
            inner.add(target)
            inner.update(f"{target}.{alias.name}" for alias in node.names)
    return inner, outer


def import_graph(root=ADDON):
    """Module name -> (addon modules, external modules), for the whole addon."""
    found = {}
    for path in root.rglob("*.py"):
        name = module_name(path, root)
        found[name] = imports_of(
            path.read_text(), name, is_package=path.name == "__init__.py"
        )
    graph = {}
    for name, (inner, outer) in found.items():
        # Importing a.b runs a/__init__.py too: both count, when they exist.
        modules = {target for target in inner if target in found}
        graph[name] = (modules, outer)
    return graph


def layer_violations(graph):
    """Imports of a higher layer: ``(importer, imported)`` pairs."""
    found = []
    for name, (inner, _outer) in graph.items():
        own = name.split(".")[0]
        if own not in LAYERS:
            continue
        for target in inner:
            other = target.split(".")[0]
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(own):
                found.append((name, target))
    return sorted(found)


def odoo_reach(graph, name, seen=None):
    """The chain of addon modules through which ``name`` imports Odoo, or None."""
    seen = set() if seen is None else seen
    seen.add(name)
    inner, outer = graph.get(name, (set(), set()))
    if "odoo" in outer:
        return [name]
    for target in sorted(inner):
        if target not in seen:
            chain = odoo_reach(graph, target, seen)
            if chain:
                return [name, *chain]
    return None


def pure_modules(graph):
    """``api`` and its modules, and every ``payload`` and ``mapping`` module."""
    return sorted(
        name
        for name in graph
        if name.split(".")[0] == "api" or name.split(".")[-1] in PURE_NAMES
    )


def test_no_module_imports_a_higher_layer():
    assert layer_violations(import_graph()) == []


@pytest.mark.parametrize("name", pure_modules(import_graph()))
def test_pure_module_imports_no_odoo(name):
    assert odoo_reach(import_graph(), name) is None


def test_every_flow_has_a_pure_mapping():
    names = set(import_graph())
    for flow in ("catalog", "customers", "orders"):
        assert f"sync.{flow}.mapping" in names


def test_checker_sees_a_model_imported_by_sync(tmp_path):
    (tmp_path / "sync").mkdir()
    (tmp_path / "models").mkdir()
    (tmp_path / "sync" / "flow.py").write_text("from ..models import store\n")
    (tmp_path / "models" / "store.py").write_text("x = 1\n")
    graph = import_graph(tmp_path)
    assert layer_violations(graph) == [("sync.flow", "models.store")]


def test_checker_sees_odoo_reached_through_a_helper(tmp_path):
    (tmp_path / "sync" / "orders").mkdir(parents=True)
    (tmp_path / "sync" / "orders" / "mapping.py").write_text(
        "from ..core import helper\n"
    )
    (tmp_path / "sync" / "core").mkdir()
    (tmp_path / "sync" / "core" / "helper.py").write_text("from odoo import fields\n")
    graph = import_graph(tmp_path)
    assert odoo_reach(graph, "sync.orders.mapping") == [
        "sync.orders.mapping",
        "sync.core.helper",
    ]


def test_the_user_agent_names_the_installed_version():
    from odoo.addons.bigcommerce_connector.api.const import USER_AGENT

    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text())
    assert f"bigcommerce_connector/{manifest['version']} " in USER_AGENT
