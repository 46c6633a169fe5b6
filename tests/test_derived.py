"""The stored geometry (anatomy/data/derived_geometry.zip) is current and equals a fresh
computation; the store's encoding round-trips and fails clearly.

A fresh computation on the machine that built the store gives the same rounded floats;
on another CPU a value may sit on the other side of a rounding boundary, so stored and
fresh floats are compared to within one rounding step (``derived.DECIMALS``).
"""

import ast
import importlib
import io
import json
import shutil
import zipfile

import numpy as np
import pytest

from anatomy import derived

STEP = 10.0 ** -derived.DECIMALS  # one rounding step


def test_store_is_current():
    assert derived.store_status() == "current", (
        "anatomy/data/derived_geometry.zip is stale or missing: run `make derived` "
        "(python -m anatomy.derived) and commit it")


def _entries():
    store = derived._Store(derived.STORE)
    return store, sorted(store.entries)


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
            assert np.array_equal(np.round(stored, derived.DECIMALS), stored), (
                f"{where}: stored floats are not rounded to {derived.DECIMALS} places")
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


def test_every_stored_call_equals_a_fresh_computation():
    store, keys = _entries()
    functions = set()
    for key in keys:
        fn, args = _function(key)
        functions.add(fn.__qualname__)
        _assert_same(fn(*args), fn.compute(*args), key)
    # every decorated builder is in the store at least once
    assert {"_geometry", "_standard_course", "_pain_mesh_arrays", "_field_fine",
            "_map_mesh_arrays", "_region_field_cached", "_territory_weights"} <= functions


def test_rounding_keeps_types_and_removes_float_noise():
    noisy = {"v": np.array([[1.0 + 3e-13, -2e-14]]), "f": [np.arange(3)], "s": 0.1 + 0.2,
             "t": (np.float32(0.5),)}
    out = derived.rounded(noisy)
    assert out["v"].tolist() == [[1.0, 0.0]] and str(np.signbit(out["v"]).any()) == "False"
    assert out["f"][0].dtype.kind == "i" and out["s"] == 0.3
    assert isinstance(out["t"], tuple) and isinstance(out["t"][0], np.float32)


def test_encoding_round_trips(tmp_path):
    value = {"mesh": (np.arange(6.0).reshape(2, 3), np.array([[0, 1, 2]])),
             "names": ["a", "b"], "n": 3, "r": 2.5, "none": None, "flag": True}
    arrays: dict = {}
    spec = derived._encode(value, arrays)
    path = tmp_path / "store.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(derived.META, json.dumps({"key": "k", "entries": {"x": spec}}))
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, a)
            z.writestr(name, buf.getvalue())
    back = derived._read_only(derived._decode(spec, derived._Store(path)))
    _assert_same(back, value, "round trip")


def test_unsupported_values_name_the_type_and_the_choices():
    with pytest.raises(TypeError, match="set.*valid: ndarray"):
        derived._encode({1, 2}, {})
    with pytest.raises(TypeError, match="str-keyed"):
        derived._encode({("gon", "right"): 1}, {})


def test_unreadable_store_names_the_file_and_the_fix(tmp_path):
    bad = tmp_path / "derived_geometry.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"derived_geometry\.zip.*python -m anatomy\.derived"):
        derived._Store(bad)


def test_a_stale_store_is_ignored(tmp_path, monkeypatch):
    copy = tmp_path / "derived_geometry.zip"
    shutil.copy(derived.STORE, copy)
    monkeypatch.setattr(derived, "STORE", copy)
    monkeypatch.setattr(derived, "inputs_key", lambda: "changed-inputs")
    derived._store.cache_clear()
    try:
        assert derived.store_status() == "stale"
        assert derived._store() is None  # results are computed instead
    finally:
        derived._store.cache_clear()
