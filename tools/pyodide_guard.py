"""Make a CPython kernel refuse what Pyodide lacks, to check that the kit runs in the browser.

tests/test_lite.py starts each notebook's kernel with ``install()`` as its first line
(``IPKernelApp.exec_lines``). From then on, for code of the kit, of the notebook's cells
or of a package Pyodide has:

- an import of a module outside ``allowed()`` fails with ModuleNotFoundError (a finder
  first on ``sys.meta_path``), and is recorded when the kit or a cell asked for it;
- starting a process (``subprocess``, ``os.system``, ``os.exec*``, ``os.fork``, spawn) or a
  thread fails with OSError / RuntimeError and is recorded (an audit hook, and
  ``threading.Thread.start``);
- a file opened for writing outside the working folder and the temporary folder fails
  with PermissionError and is recorded (in Pyodide both are in the browser's virtual
  file system; the kit has no business writing elsewhere).

``allowed()`` is read from the Pyodide distribution itself, never typed here: the
packages' import names in its ``pyodide-lock.json`` and the modules of its
``python_stdlib.zip`` (npm package ``pyodide`` at the version jupyterlite-pyodide-kernel is
made for, pinned in package.json), CPython's compiled-in and extension stdlib modules,
and the site's own wheels (``SITE_WHEELS``). The kernel's own machinery (ipykernel, zmq,
tornado...) imports what it likes: Pyodide's kernel brings its own.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import re
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

SITE_WHEELS = ("anatomy", "jupyterquiz")  # tools/lite.py puts these wheels in the site
# what pyodide-kernel installs itself (its worker: ipykernel, comm) and the inline
# plotting backend that ipykernel sets for matplotlib; Pyodide's kernel has its own
KERNEL_PROVIDED = ("ipykernel", "comm", "matplotlib_inline")
PROCESS_EVENTS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                  "os.fork", "os.forkpty")
CELL_FILE = re.compile(r"[/\\]ipykernel_\d+[/\\]|^<ipython-input")
violations: list[str] = []


def allowed(pyodide_dir: Path) -> set[str]:
    """Top-level module names importable under the Pyodide distribution in ``pyodide_dir``."""
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    names = {i for p in lock["packages"].values() for i in p.get("imports", [])}
    with zipfile.ZipFile(pyodide_dir / "python_stdlib.zip") as z:
        names |= {n.split("/")[0].removesuffix(".py") for n in z.namelist()}
    # C modules (compiled into Pyodide's interpreter, as CPython's are built in or in
    # lib-dynload): allowed when CPython has them as such
    for name in sys.stdlib_module_names:
        spec = None if name in sys.builtin_module_names else (
            importlib.machinery.PathFinder.find_spec(name))
        if name in sys.builtin_module_names or (
                spec and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)):
            names.add(name)
    return names | set(SITE_WHEELS) | set(KERNEL_PROVIDED)


def _importer(allowed_names: set[str]) -> str | None:
    """The top-level module of the code that asked for an import (importlib skipped), or
    None when that is kernel machinery."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not (name.startswith("importlib") or name.startswith("_frozen_importlib")
                or frame.f_code.co_filename.startswith("<frozen")
                or name == __name__):
            break
        frame = frame.f_back
    if frame is None:
        return None
    if _cell(frame):
        return "the notebook"
    top = name.partition(".")[0]
    return top if top in allowed_names and top != "__main__" else None


def _cell(frame) -> bool:
    """Is ``frame`` running code of a notebook cell? (ipykernel compiles each cell to a
    file named in a temporary folder ``ipykernel_<pid>``)."""
    return bool(CELL_FILE.search(frame.f_code.co_filename))


def _ours() -> bool:
    """Is code of the kit or of a notebook cell on the stack?"""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if _cell(frame) or name == "anatomy" or name.startswith("anatomy."):
            return True
        frame = frame.f_back
    return False


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in self.names:
            return None
        who = _importer(self.names)
        if who is None:
            return None
        if who == "the notebook" or who == "anatomy":
            violations.append(f"import {fullname} (from {who})")
        # a Pyodide package's optional import (pandas tries numexpr) fails as it would
        # there; if the package needed it, the cell fails and the test sees the error
        raise ModuleNotFoundError(f"No module named {fullname!r} in Pyodide", name=fullname)


def _audit(event: str, args) -> None:
    if event.startswith(PROCESS_EVENTS) and _ours():
        violations.append(f"{event} {str(args)[:80]}")
        raise OSError(f"{event}: Pyodide cannot start processes")
    if event == "open" and args[1] and isinstance(args[0], (str, bytes, os.PathLike)):
        mode = str(args[1])
        if any(c in mode for c in "wax+") and _ours():
            path = os.path.abspath(os.fsdecode(args[0]))
            if not path.startswith((os.getcwd(), tempfile.gettempdir())):
                violations.append(f"write {path}")
                raise PermissionError(f"{path}: the kit writes only to its working folder")


def install(pyodide_dir: str) -> None:
    """Guard this interpreter (see the module docstring)."""
    names = allowed(Path(pyodide_dir))
    sys.meta_path.insert(0, _Finder(names))
    sys.addaudithook(_audit)
    start = threading.Thread.start

    def guarded_start(self, *args, **kwargs):
        if _ours():
            violations.append(f"thread {self.name}")
            raise RuntimeError("Pyodide cannot start threads")
        return start(self, *args, **kwargs)

    threading.Thread.start = guarded_start


def report() -> list[str]:
    """Violations so far, and modules held by the kit's modules that Pyodide lacks."""
    finder = next(f for f in sys.meta_path if isinstance(f, _Finder))
    names = finder.names
    held = set()
    for modname, module in list(sys.modules.items()):
        if modname == "anatomy" or modname.startswith("anatomy."):
            for value in vars(module).values():
                top = getattr(value, "__name__", "").partition(".")[0]
                if type(value).__name__ == "module" and top not in names:
                    held.add(f"{modname} holds module {value.__name__}")
    return violations + sorted(held)
