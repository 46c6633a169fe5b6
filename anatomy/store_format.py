"""The geometry store's file format: a zip of ``.npy`` arrays and a JSON description.

``encode`` turns a result (arrays, tuples, lists, str-keyed dicts, plain values) into a
JSON description and named arrays, ``decode`` reads one back from an opened ``Store``
file; ``rounded`` and ``read_only`` give every result, stored or computed, the same
floats and read-only arrays. Like ``anatomy.store``, which re-exports all of it, this
module imports nothing from the kit.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

__all__ = ["BUILD_COMMAND", "DECIMALS", "FIXED_DATE", "FORMAT", "META", "Store", "decode",
           "encode", "read_only", "rounded"]

BUILD_COMMAND = "python tools/build_store.py"
FORMAT = 2  # bump when the file layout or the rounding changes
DECIMALS = 6  # floats in results are rounded to this many places
META = "meta.json"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # zip timestamps fixed: the same inputs give the same bytes


class Store:
    """An opened store file: its metadata and lazy access to its arrays."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.zip = zipfile.ZipFile(self.path)
            meta = json.loads(self.zip.read(META))
            self.key, self.entries = meta["key"], meta["entries"]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ValueError(f"Geometry store {self.path} is unreadable ({exc}); rebuild it "
                             f"with `{BUILD_COMMAND}`.") from exc

    def array(self, name: str) -> np.ndarray:
        """Read one array of the store file.

        Parameters
        ----------
        name : str
            The array's member name in the zip file (e.g. ``"3.npy"``), as ``encode`` wrote it.

        Returns
        -------
        numpy.ndarray
            The array, read from the file.
        """
        with self.zip.open(name) as f:
            return np.lib.format.read_array(io.BytesIO(f.read()))


def encode(value, arrays: dict[str, np.ndarray]):
    """A JSON description of ``value``; its arrays go into ``arrays`` (name -> array).

    Parameters
    ----------
    value : object
        An ndarray, tuple, list, str-keyed dict (nested freely), numpy scalar, int,
        float, str, bool or None.
    arrays : dict[str, numpy.ndarray]
        Filled in place: each array found gets the name ``"<n>.npy"``.

    Returns
    -------
    dict
        A one-key JSON-serialisable description that ``decode`` reads back.

    Raises
    ------
    TypeError
        If ``value`` (or anything inside it) is of another type, or a dict has non-str keys.
    """
    if isinstance(value, np.ndarray):
        name = f"{len(arrays)}.npy"
        arrays[name] = value
        return {"array": name}
    if isinstance(value, np.generic):
        return {"value": value.item()}
    if isinstance(value, (tuple, list)):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {kind: [encode(v, arrays) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"Only str-keyed dicts can be stored, got keys {list(value)[:5]}")
        return {"dict": {k: encode(v, arrays) for k, v in value.items()}}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"value": value}
    raise TypeError(f"Cannot store a {type(value).__name__}; valid: ndarray, tuple, list, "
                    "str-keyed dict, int, float, str, bool, None")


def decode(spec: dict, store: Store):
    """The value that ``encode`` described, its arrays read from ``store``.

    Parameters
    ----------
    spec : dict
        One-key description from ``encode``: ``{"array": name}``, ``{"tuple": [...]}``,
        ``{"list": [...]}``, ``{"dict": {...}}`` or ``{"value": v}``.
    store : Store
        The opened store file holding the arrays.

    Returns
    -------
    object
        The rebuilt value (arrays, tuples, lists, str-keyed dicts and plain values).
    """
    (kind, body), = spec.items()
    if kind == "array":
        return store.array(body)
    if kind in ("tuple", "list"):
        items = [decode(s, store) for s in body]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        return {k: decode(s, store) for k, s in body.items()}
    return body


def rounded(value):
    """``value`` with every float (and float array) in it rounded to ``DECIMALS`` places.

    Results are made CPU-independent this way: the noise of floating-point arithmetic
    (about 1e-13 here) stays below the rounding step. -0.0 becomes 0.0.

    Parameters
    ----------
    value : object
        A float, float array, or tuples, lists and dicts of them; other values pass
        through.

    Returns
    -------
    object
        A copy of the same structure with floats rounded to DECIMALS (6) places.
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


def read_only(value):
    """``value`` with every array in it made read-only (results may be shared).

    Parameters
    ----------
    value : object
        An array, or tuples, lists and dicts holding arrays; other values pass through.

    Returns
    -------
    object
        ``value`` itself, its arrays' ``writeable`` flag cleared in place.
    """
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for v in value:
            read_only(v)
    elif isinstance(value, dict):
        for v in value.values():
            read_only(v)
    return value
