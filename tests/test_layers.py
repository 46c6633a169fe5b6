"""Layering you can see: data, then model, then views, then tools.

The imports of every module in ``anatomy/`` are read from its source (function-level
imports included): they form no cycle, no model module imports the views
(``anatomy.viz`` and ``anatomy.figures``), the geometry store imports nothing from the
kit, the store's key covers every module that geometry depends on, and ``anatomy/``
never imports ``tools/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from anatomy import store

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "anatomy"
VIEWS = ("anatomy.viz", "anatomy.figures")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """Kit modules (and tools) that a module imports anywhere in its source."""
    out = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:  # `from anatomy import surface` imports a module
                full = f"{node.module}.{a.name}"
                out.add(full if full in MODULES else node.module)
    return {m for m in out if m.split(".")[0] in ("anatomy", "tools")} - {name}


GRAPH = {name: imports(name) for name in MODULES}


def _is_view(name: str) -> bool:
    return any(name == v or name.startswith(v + ".") for v in VIEWS)


def test_there_is_no_import_cycle():
    state: dict[str, int] = {}

    def visit(node, trail):
        if state.get(node) == 1:
            raise AssertionError("import cycle: " + " -> ".join(trail + [node]))
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt in GRAPH:
                visit(nxt, trail + [node])
        state[node] = 2

    for name in sorted(GRAPH):
        visit(name, [])


def test_model_modules_never_import_the_views():
    offenders = {m: sorted(i for i in deps if _is_view(i))
                 for m, deps in GRAPH.items() if not _is_view(m)}
    assert not {m: d for m, d in offenders.items() if d}


def test_the_kit_never_imports_tools():
    assert not {m: d for m, d in GRAPH.items() if any(i.startswith("tools") for i in d)}


def test_the_store_is_a_leaf():
    assert GRAPH["anatomy.store"] <= {"anatomy.store_format"}  # its own file format
    assert GRAPH["anatomy.store_format"] == set()


def test_the_store_key_covers_what_geometry_imports():
    stored = {m for m, p in MODULES.items() if "@stored" in p.read_text(encoding="utf-8")}
    assert {"structures", "nerves", "pain", "headache_maps"} <= {m.split(".")[1] for m in stored}
    needed, todo = set(), list(stored)
    while todo:
        m = todo.pop()
        if m in needed or m in ("anatomy", "anatomy.store"):
            continue
        needed.add(m)
        todo += [d for d in GRAPH.get(m, ()) if d in MODULES]
    keyed = {module_name(p) for p in store.input_files() if p.suffix == ".py"}
    assert needed <= keyed, f"geometry depends on modules outside the store key: {needed - keyed}"


# that every public module lists its API in __all__, documented: tests/test_docstrings.py


def test_every_public_function_in_the_kit_has_a_docstring():
    missing = []
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                if not ast.get_docstring(node):
                    missing.append(f"{name}.{node.name}")
    assert not missing, missing
