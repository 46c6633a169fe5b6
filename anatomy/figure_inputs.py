"""What a registered figure is made of: the module defining its builder, the anatomy
sources that module reaches (imports read from the source, nested ones included) and the
data files they name. ``anatomy.figures`` hashes them into ``figures/MANIFEST.json``.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from pathlib import Path

__all__ = ["DATA_DIR", "PACKAGE_DIR", "ROOT", "WRITER", "dependencies", "input_hashes",
           "sha256"]

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
WRITER = PACKAGE_DIR / "figures.py"  # the module that writes figures/ and its manifest


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _module_path(module: str) -> Path:
    rel = Path(*module.split("."))
    for candidate in (ROOT / rel.with_suffix(".py"), ROOT / rel / "__init__.py"):
        if candidate.exists():
            return candidate
    raise ValueError(f"No source file for module {module!r} under {ROOT}")


def _defining_module(module: str, function: str) -> str | None:
    """The module whose source defines ``function``: ``module`` itself, or the module it
    imports the name from (a package re-exporting its submodules' functions)."""
    tree = ast.parse(_module_path(module).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return module
        if (isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                and any(a.name == function and a.asname is None for a in node.names)
                and _module_exists(node.module)):
            return _defining_module(node.module, function)
    return None


def _imports(module: str) -> tuple[str, ...]:
    """anatomy.* modules imported anywhere in a module's source (nested imports included)."""
    path = _module_path(module)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "anatomy" and _module_exists(name):
                found.add(name)
    return tuple(sorted(found))


def dependencies(module: str) -> list[Path]:
    """Source files of ``module`` and every anatomy module it reaches, plus data files.

    The data files are those the sources name (e.g. ``landmarks.toml``,
    ``head_mesh.npz``).

    Parameters
    ----------
    module : str
        Dotted module name, e.g. ``"anatomy.viz.head_views"``.

    Returns
    -------
    list of pathlib.Path
        The sources (sorted), then the data files (sorted).
    """
    seen, todo = set(), [module, "anatomy"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports(name))
    sources = sorted({_module_path(m) for m in seen})
    data_names = sorted(p.name for p in DATA_DIR.iterdir() if p.is_file())
    data = set()
    for src in sources:
        text = src.read_text(encoding="utf-8")
        data.update(DATA_DIR / n for n in data_names if n in text)
    return sources + sorted(data)


def sha256(path: Path) -> str:
    """The sha256 hex digest of a file's bytes.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    str
        64 hex characters.
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_hashes(spec) -> dict[str, str]:
    """{relative path: sha256} of everything that made the figure, and of its registry entry.

    The writer module ``anatomy/figures.py`` is included: it holds the page template and
    export settings.

    Parameters
    ----------
    spec : anatomy.figures.FigureSpec
        The registry entry.

    Returns
    -------
    dict[str, str]
        Path relative to the repository -> sha256 hex digest, plus
        ``"registry:<name>"`` -> ``spec.spec_hash()``.
    """
    paths = [*dependencies(spec.module), WRITER]
    hashes = {p.relative_to(ROOT).as_posix(): sha256(p) for p in paths}
    hashes["registry:" + spec.name] = spec.spec_hash()
    return hashes
