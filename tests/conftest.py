"""Shared fixtures, and nbval's skip list for outputs that are tested elsewhere."""

from __future__ import annotations

import pytest

# Plotly figures are JSON dicts that nbval compares bit for bit and cannot sanitise;
# they are tested structurally in tests/ (trace names, counts, camera, coordinates).
NBVAL_SKIP = ("application/vnd.plotly.v1+json",)


def pytest_collectstart(collector):
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + NBVAL_SKIP


# The longest test files (browser and notebook runs) first, by their seconds in a 2-core
# run (2026-12-07: 337, 145, 143, 120, 118, 104, 88, 75, 67, 45, 41, 39, 36, 34, 25, 22).
# pytest-xdist 3.8 reorders the files by their number of tests (the Makefile keeps that
# default, which measured faster: see its PYTEST_PARALLEL), so with it this order only
# breaks ties; with --no-loadscope-reorder it is the order the workers take files in.
LONGEST_FIRST = ("tests/test_figure_layout.py", "tests/test_slides.py", "tests/test_lite.py",
                 "tests/test_paper.py", "tests/test_browser.py", "tests/test_classroom.py",
                 "tests/test_quiz.py", "tests/test_determinism.py",
                 "tests/test_pain_figures.py", "tests/test_mpl2d.py", "tests/test_visual.py",
                 "tests/test_store.py", "tests/test_shell.py", "tests/test_nerve_figures.py",
                 "tests/test_front_door.py", "tests/test_citations.py",
                 "notebooks/instructor/")


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


def _neighbour_cosines(vertices, faces):
    import numpy as np

    v, f = np.asarray(vertices, float), np.asarray(faces)
    n = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])
    n /= np.linalg.norm(n, axis=1, keepdims=True)
    edges = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    face = np.tile(np.arange(len(f)), 3)
    order = np.lexsort(edges.T[::-1])
    e, fa = edges[order], face[order]
    pair = np.all(e[1:] == e[:-1], axis=1)          # each edge's two faces, side by side
    cos = np.einsum("ij,ij->i", n[fa[:-1][pair]], n[fa[1:][pair]])
    return cos, v[e[:-1][pair]].mean(axis=1)


@pytest.fixture(scope="session")
def neighbour_cosines():
    """A function of (vertices, faces): for each edge that two faces share, the cosine
    between their normals (-1 where the mesh folds back on itself), and the edge's middle
    (mm)."""
    return _neighbour_cosines
