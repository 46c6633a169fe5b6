"""Stored results of the kit's slow geometry builds, so notebooks open fast.

Some model geometry takes seconds to compute (muscle and bone meshes, nerve courses,
refined skin meshes, pain fields measured along the skin) and needs scipy. Functions
marked ``@stored`` look their result up in ``anatomy/data/derived_geometry.zip`` first.
The store is valid only for the exact sources and data that made it: it records a
sha256 of every ``anatomy/*.py`` and ``anatomy/data`` file. After any change the store
is ignored (results are computed as before, just slower) until it is rebuilt with

    python -m anatomy.derived      (make derived)

and ``tests/test_derived.py`` fails while it is stale. Every result, stored or computed,
has its floats rounded to ``DECIMALS`` places (1e-6 mm for coordinates): a computation
on another CPU differs from the store's machine by about 1e-13 (SIMD paths, BLAS), so
after rounding the two agree to within one rounding step, and on one machine they are
bit-identical. Arrays in results are read-only.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
STORE = DATA_DIR / "derived_geometry.zip"
META = "meta.json"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # zip timestamps fixed: the same inputs give the same bytes
DECIMALS = 6  # floats in results are rounded to this many places (see the module docstring)

_recording: dict[str, Any] | None = None  # set while ``build_store`` runs


def input_files() -> list[Path]:
    """Every file whose change can change a stored result (all of the package but the
    figures and plotting code, and all data but the store itself)."""
    sources = [p for p in PACKAGE_DIR.glob("*.py") if p.name != "figures.py"]
    data = [p for p in DATA_DIR.iterdir() if p.is_file() and p != STORE]
    return sorted(sources + data)


def inputs_key() -> str:
    """sha256 over the names and bytes of ``input_files()``."""
    h = hashlib.sha256()
    for p in input_files():
        h.update(p.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


class _Store:
    """The opened store: its metadata and lazy access to its arrays."""

    def __init__(self, path: Path):
        try:
            self.zip = zipfile.ZipFile(path)
            meta = json.loads(self.zip.read(META))
            self.key, self.entries = meta["key"], meta["entries"]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ValueError(f"Derived-geometry store {path} is unreadable ({exc}); rebuild it "
                             "with `python -m anatomy.derived`.") from exc

    def array(self, name: str) -> np.ndarray:
        with self.zip.open(name) as f:
            return np.lib.format.read_array(io.BytesIO(f.read()))


@functools.lru_cache(maxsize=1)
def _store() -> _Store | None:
    """The store when it exists and matches the current inputs, else None."""
    if _recording is not None or not STORE.exists():
        return None
    store = _Store(STORE)
    return store if store.key == inputs_key() else None


def store_status() -> str:
    """'current', 'stale' or 'missing' (for tests and the benchmark)."""
    if not STORE.exists():
        return "missing"
    return "current" if _Store(STORE).key == inputs_key() else "stale"


# ------------------------------------------------------------------ encoding of values

def _encode(value, arrays: dict[str, np.ndarray]):
    """A JSON description of ``value``; its arrays go into ``arrays`` (name -> array)."""
    if isinstance(value, np.ndarray):
        name = f"{len(arrays)}.npy"
        arrays[name] = value
        return {"array": name}
    if isinstance(value, np.generic):
        return {"value": value.item()}
    if isinstance(value, (tuple, list)):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {kind: [_encode(v, arrays) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"Only str-keyed dicts can be stored, got keys {list(value)[:5]}")
        return {"dict": {k: _encode(v, arrays) for k, v in value.items()}}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"value": value}
    raise TypeError(f"Cannot store a {type(value).__name__}; valid: ndarray, tuple, list, "
                    "str-keyed dict, int, float, str, bool, None")


def _decode(spec: dict, store: _Store):
    (kind, body), = spec.items()
    if kind == "array":
        return store.array(body)
    if kind in ("tuple", "list"):
        items = [_decode(s, store) for s in body]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        return {k: _decode(s, store) for k, s in body.items()}
    return body


# ------------------------------------------------------------------ the decorator

def _read_only(value):
    """``value`` with every array in it made read-only (results may be shared)."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for v in value:
            _read_only(v)
    elif isinstance(value, dict):
        for v in value.values():
            _read_only(v)
    return value


def rounded(value):
    """``value`` with every float (and float array) in it rounded to ``DECIMALS`` places.

    Results are made CPU-independent this way: the noise of floating-point arithmetic
    (about 1e-13 here) stays below the rounding step. -0.0 becomes 0.0.
    """
    if isinstance(value, np.ndarray):
        return np.round(value, DECIMALS) + 0.0 if value.dtype.kind == "f" else value
    if isinstance(value, (float, np.floating)):
        return type(value)(round(float(value), DECIMALS) + 0.0)
    if isinstance(value, tuple):
        return tuple(rounded(v) for v in value)
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def call_key(fn: Callable, args: tuple) -> str:
    return f"{fn.__module__}.{fn.__qualname__}{args!r}"


def stored(fn: Callable) -> Callable:
    """Look the call up in the store (arguments must have a stable repr); compute it
    when the store is missing, stale or lacks the call. Either way floats in the result
    are rounded (``rounded``) and arrays are read-only. ``fn.compute`` always computes
    (and rounds)."""
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
            return _read_only(_decode(store.entries[key], store))
        value = _read_only(compute(*bound.args))
        if _recording is not None:
            _recording[key] = value
        return value

    wrapper.compute = compute
    return wrapper


# ------------------------------------------------------------------ building the store

def _warm_up() -> None:
    """Make every stored call the notebooks and figures need."""
    from anatomy import SIDES, headache_maps, nerves, pain, structures

    structures.load_structures()
    nerves.all_nerves()
    pain.territories()
    for side in SIDES:
        for key in nerves.NAMES:
            nerves.waypoint_table(key, side)
        nerves.compression_table(side)
        for key in nerves.block_landmarks(side):
            nerves.share_within(key, side)
        for radius in (20, 15):  # notebook 01 and its exercise
            nerves.share_within("greater_occipital", side, radius, n=300, seed=1)
        pain.boundary_line(side)
        for pattern in pain.patterns():
            pain.pain_field(pattern, side)
        for name in pain.spot_names():
            pain.spot_position(name, side)
        for region in headache_maps.REGIONS:
            headache_maps.region_field(region, side)
    for drawing in pain.PAIN_DRAWINGS:
        pain.drawing_field(drawing)
    from anatomy.viz import mpl2d  # label visibility in the print views

    for view in mpl2d.VIEWS:
        pain.depth_buffer(*(tuple(float(c) for c in a) for a in mpl2d.view_basis(view)))


def build_store(path: Path = STORE) -> dict[str, int]:
    """Compute every warm-up call afresh and write the store; returns {key: n arrays}."""
    global _recording
    _recording = {}
    _store.cache_clear()
    try:
        _warm_up()
        recorded = _recording
    finally:
        _recording = None
    arrays: dict[str, np.ndarray] = {}
    entries, counts = {}, {}
    for key in sorted(recorded):
        before = len(arrays)
        entries[key] = _encode(recorded[key], arrays)
        counts[key] = len(arrays) - before
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        meta = json.dumps({"key": inputs_key(), "entries": entries})
        z.writestr(zipfile.ZipInfo(META, FIXED_DATE), meta, zipfile.ZIP_DEFLATED)
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
            z.writestr(zipfile.ZipInfo(name, FIXED_DATE), buf.getvalue(), zipfile.ZIP_DEFLATED)
    _store.cache_clear()
    return counts


def main() -> None:
    counts = build_store()
    print(f"{STORE.relative_to(PACKAGE_DIR.parent)}: {len(counts)} stored calls, "
          f"{sum(counts.values())} arrays, {STORE.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":  # run as a script, use the imported module's recorder
    from anatomy import derived

    derived.main()
