"""The geometry store: found for the current sources, equal to a fresh computation, keyed
only on what makes geometry, searched in the documented order, clear when broken.

A fresh computation on the machine that built the store gives the same rounded floats;
on another CPU a value may sit on the other side of a rounding boundary, so stored and
fresh floats are compared to within one rounding step (``store.DECIMALS``).
"""

import ast
import importlib
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from anatomy import store

ROOT = Path(__file__).resolve().parents[1]
STEP = 10.0 ** -store.DECIMALS  # one rounding step


def test_store_is_current():
    assert store.find() is not None, (
        "no geometry store for the current sources: run `python tools/build_store.py` "
        "(make venv does)")


def _function(key: str):
    """(stored wrapper, positional args) of a store key like 'anatomy.pain._field_fine(...)'."""
    qualified, _, args = key.partition("(")
    module, _, name = qualified.rpartition(".")
    fn = getattr(importlib.import_module(module), name)
    while not hasattr(fn, "compute"):  # under an lru_cache
        fn = fn.__wrapped__
    return fn, ast.literal_eval("(" + args)


def _assert_same(stored, fresh, where):
    if isinstance(fresh, np.ndarray):
        assert isinstance(stored, np.ndarray) and stored.dtype == fresh.dtype, where
        if fresh.dtype.kind == "f":
            np.testing.assert_allclose(stored, fresh, rtol=0, atol=1.001 * STEP,
                                       err_msg=where)
            assert np.array_equal(np.round(stored, store.DECIMALS), stored), (
                f"{where}: stored floats are not rounded to {store.DECIMALS} places")
        else:
            np.testing.assert_array_equal(stored, fresh, err_msg=where)
        assert not stored.flags.writeable, where
    elif isinstance(fresh, (tuple, list)):
        assert type(stored) is type(fresh) and len(stored) == len(fresh), where
        for i, (a, b) in enumerate(zip(stored, fresh)):
            _assert_same(a, b, f"{where}[{i}]")
    elif isinstance(fresh, dict):
        assert list(stored) == list(fresh), where
        for k in fresh:
            _assert_same(stored[k], fresh[k], f"{where}[{k!r}]")
    elif isinstance(fresh, float):
        assert stored == pytest.approx(fresh, abs=1.001 * STEP), where
    else:
        assert stored == fresh, where


def test_every_stored_builder_equals_a_fresh_computation():
    """Each stored builder, on its first and last stored arguments (in key order), gives
    what a fresh computation gives. Every call of a builder runs the same code, so two
    calls per builder catch a stale or wrong store at a third of the cost of all of them
    (about 60 s); ``STORE_CHECK_ALL=1 pytest tests/test_store.py`` compares every call."""
    opened = store.Store(store.find())
    calls: dict[str, list[str]] = {}
    for key in sorted(opened.entries):
        calls.setdefault(key.partition("(")[0], []).append(key)
    checked = set()
    for keys in calls.values():
        every = os.environ.get("STORE_CHECK_ALL") == "1"
        for key in (keys if every else dict.fromkeys([keys[0], keys[-1]])):
            fn, args = _function(key)
            checked.add(fn.__qualname__)
            _assert_same(fn(*args), fn.compute(*args), key)
    # every decorated builder is in the store at least once
    assert {"_geometry", "_standard_course", "_pain_mesh_arrays", "_field_raw",
            "_map_mesh_arrays", "_region_distance", "_territory_weights"} <= checked


def test_rounding_keeps_types_and_removes_float_noise():
    noisy = {"v": np.array([[1.0 + 3e-13, -2e-14]]), "f": [np.arange(3)], "s": 0.1 + 0.2,
             "t": (np.float32(0.5),)}
    out = store.rounded(noisy)
    assert out["v"].tolist() == [[1.0, 0.0]] and not np.signbit(out["v"]).any()
    assert out["f"][0].dtype.kind == "i" and out["s"] == 0.3
    assert isinstance(out["t"], tuple) and isinstance(out["t"][0], np.float32)


def test_the_key_ignores_comments_docstrings_and_toml_layout(tmp_path):
    code = tmp_path / "m.py"
    code.write_text('"""Doc."""\nX = 1  # one\n\ndef f():\n    """Doc."""\n    return X\n')
    same = tmp_path / "n.py"
    same.write_text('"""Other words."""\n# a comment\nX = 1\ndef f():\n    return X\n')
    other = tmp_path / "o.py"
    other.write_text('X = 2\ndef f():\n    return X\n')
    assert store._content(code) == store._content(same) != store._content(other)
    a, b, c = (tmp_path / f"{k}.toml" for k in "abc")
    a.write_text('# comment\n[x]\nv = 1.0\n')
    b.write_text('[x]\nv=1.0   # another\n')
    c.write_text('[x]\nv = 2.0\n')
    assert store._content(a) == store._content(b) != store._content(c)


def test_the_key_covers_geometry_and_only_geometry():
    names = {p.name for p in store.input_files()}
    assert {"head_mesh.npz", "nerves.toml", "structures.toml", "data.py", "surface.py",
            "courses.py"} <= names
    assert not {"headaches.toml", "references.toml", "headaches.py", "figures.py"} & names
    assert all(p.exists() for p in store.input_files())
    # every data file a geometry module names is an input (conventions only names the
    # data files, and references only checks citation keys, which make no geometry)
    for path in store.input_files():
        if path.suffix != ".py" or path.stem in ("conventions", "references"):
            continue
        text = path.read_text(encoding="utf-8")
        for data in store.DATA_DIR.iterdir():
            if f'"{data.name}"' in text:
                assert data.name in store.GEOMETRY_DATA, (path.name, data.name)


def test_search_order_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_DIR, str(tmp_path / "own"))
    monkeypatch.setenv(store.ENV_SHARED, str(tmp_path / "hub"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert store.search_path() == [tmp_path / "own", tmp_path / "hub",
                                   Path(sys.prefix, "share", "anatomy-kit"),
                                   tmp_path / "cache" / "anatomy-kit", store.PACKAGED_DIR]
    monkeypatch.delenv(store.ENV_DIR)
    monkeypatch.delenv(store.ENV_SHARED)
    assert store.search_path()[0] == Path(sys.prefix, "share", "anatomy-kit")


def test_a_packaged_store_is_found_whatever_the_library_versions(monkeypatch, tmp_path):
    """A wheel's own store (tools/lite.py) serves Pyodide, whose numpy and scipy differ
    from the pinned ones and which has no pygeodesic; a changed source file still
    makes it stale."""
    packaged = tmp_path / "_store"
    copy = store.bundle(packaged)
    assert copy.read_bytes() == store.find().read_bytes()
    monkeypatch.setattr(store, "PACKAGED_DIR", packaged)
    monkeypatch.setattr(store, "search_path", lambda: [tmp_path / "empty", packaged])
    monkeypatch.setattr(store, "_versions", lambda: {"numpy": "9", "scipy": "9",
                                                     "pygeodesic": "missing"})
    store.reset()
    try:
        assert store.find() == copy
        inputs = store.input_files()
        monkeypatch.setattr(store, "input_files", lambda: inputs[1:])
        assert store.find() is None
    finally:
        store.reset()


def test_a_store_in_the_own_folder_is_found_first(monkeypatch, tmp_path):
    found = store.find()
    own = tmp_path / "own"
    own.mkdir()
    (own / found.name).write_bytes(found.read_bytes())
    monkeypatch.setenv(store.ENV_DIR, str(own))
    store.reset()
    try:
        assert store.find() == own / found.name
    finally:
        monkeypatch.delenv(store.ENV_DIR)
        store.reset()


def test_encoding_round_trips(tmp_path):
    value = {"mesh": (np.arange(6.0).reshape(2, 3), np.array([[0, 1, 2]])),
             "names": ["a", "b"], "n": 3, "r": 2.5, "none": None, "flag": True}
    arrays: dict = {}
    spec = store.encode(value, arrays)
    path = tmp_path / "store.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(store.META, json.dumps({"key": "k", "entries": {"x": spec}}))
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, a)
            z.writestr(name, buf.getvalue())
    back = store.read_only(store.decode(spec, store.Store(path)))
    _assert_same(back, value, "round trip")


def test_unsupported_values_name_the_type_and_the_choices():
    with pytest.raises(TypeError, match="set.*valid: ndarray"):
        store.encode({1, 2}, {})
    with pytest.raises(TypeError, match="str-keyed"):
        store.encode({("gon", "right"): 1}, {})


def test_unreadable_store_names_the_file_and_the_fix(tmp_path):
    bad = tmp_path / "geometry-0.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"geometry-0\.zip.*tools/build_store\.py"):
        store.Store(bad)


def test_without_a_store_results_are_computed_with_a_warning(monkeypatch, tmp_path):
    monkeypatch.setattr(store, "search_path", lambda: [tmp_path])
    store.reset()
    try:
        with pytest.warns(UserWarning, match="No geometry store.*build_store"):
            assert store._store() is None
    finally:
        monkeypatch.undo()
        store.reset()


def test_the_build_tool_writes_a_store_that_is_found(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT))
    from tools import build_store

    monkeypatch.setattr(build_store, "PARTS", (_one_call, _one_call))
    path, counts, _ = build_store.build(tmp_path)
    assert path.parent == tmp_path and counts
    monkeypatch.setattr(store, "search_path", lambda: [tmp_path])
    store.reset()
    try:
        assert store.find() == path
    finally:
        monkeypatch.undo()
        store.reset()


def _one_call():
    from anatomy import pain

    pain.mesh._pain_mesh_arrays()
