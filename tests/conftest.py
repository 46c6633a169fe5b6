"""Shared fixtures, and nbval's skip list for outputs that are tested elsewhere."""

from __future__ import annotations

import pytest

# Plotly figures are JSON dicts that nbval compares bit for bit and cannot sanitise;
# they are tested structurally in tests/ (trace names, counts, camera, coordinates).
NBVAL_SKIP = ("application/vnd.plotly.v1+json",)


def pytest_collectstart(collector):
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + NBVAL_SKIP


# The longest test files (browser and notebook runs, seconds of work in a 2-core run) go
# first: pytest-xdist hands each worker whole files in this order, and a long file
# started last kept one worker busy after the other had finished (`make test`).
LONGEST_FIRST = ("tests/test_figure_layout.py", "tests/test_slides.py", "tests/test_lite.py",
                 "tests/test_classroom.py", "tests/test_browser.py", "tests/test_quiz.py",
                 "tests/test_paper.py", "tests/test_determinism.py", "tests/test_store.py",
                 "tests/test_visual.py", "tests/test_shell.py", "notebooks/instructor/")


def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        return next((k for k, p in enumerate(LONGEST_FIRST) if path.startswith(p)),
                    len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: each file keeps its own order (a notebook's cells)


@pytest.fixture(scope="session")
def head():
    from anatomy import load_head

    return load_head()
