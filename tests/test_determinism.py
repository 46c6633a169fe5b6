"""Re-run every notebook in fresh kernels: strict on one machine, tolerant across CPUs.

- Two fresh runs on this machine give identical outputs, byte for byte (PNG and plotly
  JSON included, which nbval does not compare).
- A fresh run matches the committed outputs within the tolerances of
  ``tools/nbcompare.py``: the committed run may come from another CPU, whose SIMD paths
  and BLAS round differently in the last bits. CI runs this test a second time with
  numpy's newest SIMD level switched off (``NPY_DISABLE_CPU_FEATURES``, see .ci/run).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import nbcompare  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REBUILD = "rebuild with `make notebooks` (python tools/nbtools.py build)"

pytestmark = pytest.mark.slow


@functools.cache
def run(path: Path, k: int):
    """(committed, fresh run number k) of one notebook; each run is made once."""
    return nbcompare.fresh_run(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_fresh_run_matches_the_committed_outputs(path):
    committed, fresh = run(path, 1)
    diffs = nbcompare.tolerant_differences(committed, fresh)
    assert not diffs, f"{path.name} differs from its committed outputs ({REBUILD}): {diffs[:5]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_two_fresh_runs_are_identical(path):
    _, first = run(path, 1)
    _, second = run(path, 2)
    diffs = nbcompare.strict_differences(first, second)
    assert not diffs, f"{path.name}: two fresh runs on this machine differ: {diffs}"
