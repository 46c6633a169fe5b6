"""The geometry store: results of the kit's slow geometry builds, made once per install.

Some model geometry takes seconds to compute and needs scipy and pygeodesic (muscle and
bone meshes, nerve courses, refined skin meshes, pain fields measured along the skin).
Functions marked ``@stored`` look their result up in a store file first. The store is
not in git: ``make venv`` (and Binder's ``postBuild``) builds it with

    python tools/build_store.py

which also holds the list of calls to make. This module is a leaf: it imports nothing
from the kit but its own file format (``anatomy.store_format``, a leaf too), so every
model module can use it without an import cycle.

**Where the store lives.** Like nilearn's data folders, the first folder of this list
that holds a store for the current inputs is used:

1. ``$ANATOMY_KIT_DATA``: a folder of one's own;
2. ``$ANATOMY_KIT_SHARED_DATA``: a read-only folder shared by a JupyterHub's users;
3. ``<sys.prefix>/share/anatomy-kit``: the Python environment's own (``make venv``);
4. the user cache, ``$XDG_CACHE_HOME/anatomy-kit`` (default ``~/.cache/anatomy-kit``);
5. ``anatomy/_store/`` inside the installed package (``PACKAGED_DIR``): a wheel built by
   ``tools/lite.py`` carries the store made from its own sources there (``bundle``), so
   the kit runs where nothing can be built, e.g. in the browser under Pyodide.

A packaged store is found by the bytes of the package's input files alone, whatever the
numpy, scipy and pygeodesic versions: it was built from exactly these files by the
pinned libraries, and Pyodide has other versions of them (and no pygeodesic), which
would otherwise make a current store look out of date and the kit compute it again.

A store's file name carries its key, so checkouts of different versions can share a
folder. The key is a sha256 of the inputs that make geometry and nothing else: the
geometry modules (``GEOMETRY_MODULES``) with comments and docstrings stripped, their data
files (``GEOMETRY_DATA``, TOML compared by content, so a comment changes nothing), and
the numpy, scipy and pygeodesic versions. Without a current store, results are computed
on the fly (slower; a warning says how to build the store).

Every result, stored or computed, has its floats rounded to ``DECIMALS`` places (1e-6 mm
for coordinates): a computation on another CPU differs by about 1e-13 (SIMD paths,
BLAS), so after rounding the two agree to within one rounding step, and on one machine
they are bit-identical. Arrays in results are read-only.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import inspect
import io
import json
import os
import sys
import tomllib
import warnings
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from anatomy.store_format import (  # the file format, re-exported
    BUILD_COMMAND,
    DECIMALS,
    FIXED_DATE,
    FORMAT,
    META,
    Store,
    decode,
    encode,
    read_only,
    rounded,
)

__all__ = [
    "BUILD_COMMAND", "DATA_DIR", "DECIMALS", "ENV_DIR", "ENV_SHARED", "FIXED_DATE",
    "FORMAT", "GEOMETRY_DATA", "GEOMETRY_MODULES", "LIBRARIES", "META", "PACKAGE_DIR",
    "PACKAGED_DIR", "Store", "bundle", "bundle_key", "call_key", "decode", "encode",
    "file_name", "find", "input_files", "inputs_key", "raw_key", "read_only", "recording",
    "reset", "rounded", "search_path", "status", "stored", "write",
]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PACKAGED_DIR = PACKAGE_DIR / "_store"  # a wheel's own store (``bundle``); not in git
ENV_DIR = "ANATOMY_KIT_DATA"
ENV_SHARED = "ANATOMY_KIT_SHARED_DATA"
# what makes geometry: the modules with @stored functions and what they import from the
# kit (tests/test_layers.py checks this list against the imports), and their data files
GEOMETRY_MODULES = ("conventions", "eeg", "face", "geodesic", "head", "headache_map_specs",
                    "headache_maps", "levels", "meshgen",
                    "meshops", "nerves", "pain", "records", "references", "shell", "skin",
                    "structures", "surface")
GEOMETRY_DATA = ("head_mesh.npz", "hotspots.toml", "landmarks.toml", "maps.toml",
                 "nerves.toml", "structures.toml", "territories.toml")
LIBRARIES = ("numpy", "scipy", "pygeodesic", "fast_simplification")

recording: dict[str, Any] | None = None  # set while tools/build_store.py records calls


# ------------------------------------------------------------------ where and which

def search_path() -> list[Path]:
    """The folders searched for a store, in order (see the module docstring).

    Returns
    -------
    list of pathlib.Path
        ``$ANATOMY_KIT_DATA`` and ``$ANATOMY_KIT_SHARED_DATA`` (when set),
        ``<sys.prefix>/share/anatomy-kit``, then ``$XDG_CACHE_HOME/anatomy-kit`` (default
        ``~/.cache/anatomy-kit``).
    """
    folders = [os.environ.get(ENV_DIR), os.environ.get(ENV_SHARED),
               str(Path(sys.prefix, "share", "anatomy-kit"))]
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folders.append(str(Path(cache, "anatomy-kit")))
    return [Path(f) for f in folders if f] + [PACKAGED_DIR]


def input_files() -> list[Path]:
    """The module and data files whose content makes the stored geometry.

    A package in ``GEOMETRY_MODULES`` stands for all its modules.

    Returns
    -------
    list of pathlib.Path
        The geometry modules' source files, then the data files in ``GEOMETRY_DATA``.
    """
    modules = []
    for m in GEOMETRY_MODULES:
        folder = PACKAGE_DIR / m
        modules += sorted(folder.glob("*.py")) if folder.is_dir() else [PACKAGE_DIR / f"{m}.py"]
    return modules + [DATA_DIR / d for d in GEOMETRY_DATA]


def _content(path: Path) -> bytes:
    """What of a file can change geometry: code without comments or docstrings, TOML
    data without comments or layout, other files as bytes."""
    if path.suffix == ".py":
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                body[:] = body[1:] or [ast.Pass()]
        return ast.unparse(tree).encode()
    if path.suffix == ".toml":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return json.dumps(data, sort_keys=True, default=str).encode()
    return path.read_bytes()


def _versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE_DIR).as_posix()


def _hash(parts) -> str:
    h = hashlib.sha256()
    for name, data in parts:
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def raw_key() -> str:
    """sha256 of the input files' bytes: a quick look-up (parsing the modules for
    ``inputs_key`` takes a tenth of a second) that a change of comment also changes."""
    versions = json.dumps(_versions(), sort_keys=True).encode()
    return _hash([(_name(p), p.read_bytes() if p.exists() else b"") for p in input_files()]
                 + [("versions", versions), ("format", str(FORMAT).encode())])


@functools.lru_cache(maxsize=1)
def inputs_key() -> str:
    """sha256 of what in the inputs can change geometry (see ``_content``)."""
    missing = [p.name for p in input_files() if not p.exists()]
    if missing:
        raise FileNotFoundError(f"Geometry inputs missing from the package: {missing}")
    versions = json.dumps(_versions(), sort_keys=True).encode()
    return _hash([(_name(p), _content(p)) for p in input_files()]
                 + [("versions", versions), ("format", str(FORMAT).encode())])


def bundle_key() -> str:
    """The key of a store packaged with the kit (see the module docstring).

    Returns
    -------
    str
        sha256 hex digest of the input files' bytes, without the library versions.
    """
    return _hash([(_name(p), p.read_bytes() if p.exists() else b"") for p in input_files()]
                 + [("format", str(FORMAT).encode())])


def _bundle_pointer_name(key: str) -> str:
    return f"package-{key[:16]}.txt"  # holds the name of the store packaged for these bytes


def file_name(key: str) -> str:
    """The store's file name for an inputs key.

    Parameters
    ----------
    key : str
        A hex digest, as from ``inputs_key()``.

    Returns
    -------
    str
        ``"geometry-<first 16 characters of key>.zip"``.
    """
    return f"geometry-{key[:16]}.zip"


def _pointer_name(raw: str) -> str:
    return f"sources-{raw[:16]}.txt"  # holds the name of the store made from these bytes


def find() -> Path | None:
    """The store file for the current inputs, from ``search_path()``, or None.

    Returns
    -------
    pathlib.Path or None
        The first store file found for the current inputs (via a pointer file for the
        sources byte for byte, else by the inputs key), or None if there is none.
    """
    for folder in search_path():
        if folder == PACKAGED_DIR:
            pointer = folder / _bundle_pointer_name(bundle_key())
            if pointer.is_file() and (folder / pointer.read_text("utf-8").strip()).is_file():
                return folder / pointer.read_text(encoding="utf-8").strip()
            continue
        pointer = folder / _pointer_name(raw_key())  # quick: sources byte for byte as built
        if pointer.is_file():
            path = folder / pointer.read_text(encoding="utf-8").strip()
            if path.is_file():
                return path
        if folder.is_dir() and (folder / file_name(inputs_key())).is_file():
            return folder / file_name(inputs_key())
    return None


@functools.lru_cache(maxsize=1)
def _store() -> Store | None:
    if recording is not None:
        return None
    path = find()
    if path is None:
        warnings.warn(f"No geometry store for this version of the kit: the 3D anatomy is "
                      f"computed as it is needed, so the first figures take longer (a minute "
                      f"or so); nothing is wrong. To store it once, run `make venv` in the "
                      f"kit's folder (it runs `{BUILD_COMMAND}`). Looked in: "
                      f"{', '.join(str(d) for d in search_path())}.", stacklevel=3)
        return None
    return Store(path)


def status() -> str:
    """'current' when a store for the current inputs is found, else 'missing'.

    Returns
    -------
    str
        ``"current"`` or ``"missing"``.
    """
    return "current" if find() is not None else "missing"


def reset() -> None:
    """Forget the opened store and the cached keys (after a build or a source change)."""
    _store.cache_clear()
    raw_key.cache_clear()
    inputs_key.cache_clear()


def bundle(folder: Path) -> Path:
    """Copy the current store into ``folder`` as a packaged store.

    The folder is ``anatomy/_store/`` of a wheel being built (``make lite``); a pointer
    file keyed on the package's own bytes lets the installed kit find the copy.

    Parameters
    ----------
    folder : Path
        Where to put the copy; created if missing.

    Returns
    -------
    Path
        The copied store file.

    Raises
    ------
    FileNotFoundError
        If there is no store for the current sources to package.
    """
    path = find()
    if path is None:
        raise FileNotFoundError(f"No geometry store for the current sources in "
                                f"{search_path()}: build it with `{BUILD_COMMAND}` first.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    (folder / _bundle_pointer_name(bundle_key())).write_text(path.name + "\n", encoding="utf-8")
    return copy


def write(path: Path, entries: dict[str, Any]) -> dict[str, int]:
    """Write recorded calls ``{key: value}`` to a store file; returns {key: n arrays}.

    Also writes the pointer file for the current sources next to it and resets the
    opened store.

    Parameters
    ----------
    path : pathlib.Path
        The store file to write (its folder is created; written atomically).
    entries : dict[str, Any]
        Call key (``call_key``) -> result.

    Returns
    -------
    dict[str, int]
        Call key -> number of arrays stored for it.

    Raises
    ------
    TypeError
        If a result cannot be stored (see ``encode``).
    """
    arrays: dict[str, np.ndarray] = {}
    specs, counts = {}, {}
    for key in sorted(entries):
        before = len(arrays)
        specs[key] = encode(entries[key], arrays)
        counts[key] = len(arrays) - before
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        meta = json.dumps({"key": inputs_key(), "format": FORMAT,
                           "versions": _versions(), "entries": specs})
        z.writestr(zipfile.ZipInfo(META, FIXED_DATE), meta, zipfile.ZIP_DEFLATED)
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
            z.writestr(zipfile.ZipInfo(name, FIXED_DATE), buf.getvalue(), zipfile.ZIP_DEFLATED)
    tmp.replace(path)
    (path.parent / _pointer_name(raw_key())).write_text(path.name + "\n", encoding="utf-8")
    reset()
    return counts


# ------------------------------------------------------------------ the decorator

def call_key(fn: Callable, args: tuple) -> str:
    """The store's name for one call: module, function and arguments (their repr).

    Parameters
    ----------
    fn : Callable
        The stored function.
    args : tuple
        Its positional arguments, defaults applied.

    Returns
    -------
    str
        ``"<module>.<qualname>(<args repr>)"``, e.g.
        ``"anatomy.pain.referral.drawing_field('A',)"``.
    """
    return f"{fn.__module__}.{fn.__qualname__}{args!r}"


def stored(fn: Callable) -> Callable:
    """Decorator: look a call up in the store, else compute it.

    The arguments must have a stable repr. The call is computed when the store is
    missing or lacks it. Either way floats in the result are rounded (``rounded``) and
    arrays are read-only. ``fn.compute`` always computes (and rounds).

    Parameters
    ----------
    fn : Callable
        The geometry function; its result must be storable (see ``encode``).

    Returns
    -------
    Callable
        The wrapped function, with a ``compute`` attribute that bypasses the store.
    """
    signature = inspect.signature(fn)

    def compute(*args):
        return rounded(fn(*args))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = call_key(fn, bound.args)
        store = _store()
        if store is not None and key in store.entries:
            return read_only(decode(store.entries[key], store))
        value = read_only(compute(*bound.args))
        if recording is not None:
            recording[key] = value
        return value

    wrapper.compute = compute
    return wrapper
