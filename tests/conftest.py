"""Shared fixtures, and nbval's skip list for outputs that are tested elsewhere."""

from __future__ import annotations

import pytest

# Plotly figures are JSON dicts that nbval compares bit for bit and cannot sanitise;
# they are tested structurally in tests/ (trace names, counts, camera, coordinates).
NBVAL_SKIP = ("application/vnd.plotly.v1+json",)


def pytest_collectstart(collector):
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + NBVAL_SKIP


@pytest.fixture(scope="session")
def head():
    from anatomy import load_head

    return load_head()
