"""Re-run every notebook twice in fresh kernels: outputs equal each other and the commit.

Together with the committed run that makes three runs in a row with identical outputs,
including the plotly JSON and PNG bytes that nbval does not compare.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow


def outputs(nb) -> list:
    out = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            out.append([{k: v for k, v in o.items() if k not in ("execution_count",)}
                        for o in cell.outputs])
    return out


def run(path: Path):
    nb = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(nb)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(fresh, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, fresh


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_identical_over_three_runs(path):
    committed, first = run(path)
    _, second = run(path)
    a, b, c = outputs(committed), outputs(first), outputs(second)
    for k, (x, y, z) in enumerate(zip(a, b, c)):
        assert y == z, f"{path.name}: code cell {k + 1} differs between two fresh runs"
        assert x == y, (f"{path.name}: code cell {k + 1} differs from the committed output; "
                        "rebuild with `python tools/nbtools.py build`")
