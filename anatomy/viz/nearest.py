"""Nearest-point queries for placing labels, through a k-d tree, with the same results
as the brute-force numpy expressions they replace, and the markers close enough on the
screen to share one label (``covering_markers``).

The label placers compare thousands of candidate spots with thousands of drawn points.
Computing every pair made the stage plate the slowest cell of the kit (about 2 s of its
3 s). A k-d tree finds a few nearest candidates. The distance to those is then computed
with the same numpy arithmetic as before, so a choice, and the figure, stays the same to
the byte and on every CPU (the tree only picks which pairs to compute).
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["box_clearance", "covering_markers", "nearest_distance", "nearest_rounded"]

# candidates recomputed exactly for each query: the tree's order can differ from numpy's
# in the last bit, so a near tie keeps all its members
CANDIDATES = 4


def _tree(points: np.ndarray):
    from scipy.spatial import cKDTree  # scipy loads on first use (import cost)

    return cKDTree(points)


def _candidates(tree, queries: np.ndarray, n: int, p: float = 2.0) -> np.ndarray:
    """Indices (queries x k) of the k = min(CANDIDATES, n) nearest points."""
    ks = list(range(1, min(CANDIDATES, n) + 1))
    return tree.query(queries, k=ks, p=p)[1]


def nearest_distance(points, targets) -> np.ndarray:
    """Euclidean distance from each point to the nearest target.

    Parameters
    ----------
    points, targets : array_like
        Points (n x d) and targets (m x d, m >= 1).

    Returns
    -------
    numpy.ndarray
        The n distances, equal to
        ``np.linalg.norm(points[:, None] - targets[None], axis=2).min(axis=1)``.
    """
    points, targets = np.asarray(points, float), np.asarray(targets, float)
    near = _candidates(_tree(targets), points, len(targets))
    return np.linalg.norm(points[:, None] - targets[near], axis=2).min(axis=1)


def nearest_rounded(points, targets, decimals: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """The nearest target to each point, judged on distances rounded to ``decimals``.

    Ties on the rounded distance go to the lowest target index, so grids (where ties are
    common) break them the same way on every CPU.

    Parameters
    ----------
    points, targets : array_like
        Points (n x d) and targets (m x d, m >= 1).
    decimals : int
        Decimals the distances are rounded to before they are compared.

    Returns
    -------
    index, distance : numpy.ndarray
        For each point, the target's index and the rounded distance, equal to
        ``d.argmin(axis=1)`` and ``d.min(axis=1)`` with
        ``d = np.round(np.linalg.norm(points[:, None] - targets[None], axis=2), decimals)``.
    """
    points, targets = np.asarray(points, float), np.asarray(targets, float)
    tree = _tree(targets)
    first, _ = tree.query(points)
    # every target whose rounded distance can equal the nearest one's
    balls = tree.query_ball_point(points, first + 2 * 10.0 ** -decimals)
    counts = np.fromiter(map(len, balls), int, len(balls))
    index = np.fromiter(itertools.chain.from_iterable(balls), int, int(counts.sum()))
    rows = np.repeat(np.arange(len(points)), counts)
    dist = np.round(np.linalg.norm(points[rows] - targets[index], axis=1), decimals)
    order = np.lexsort((index, dist, rows))
    best = order[np.r_[0, np.cumsum(counts)[:-1]]]
    return index[best], dist[best]


def box_clearance(centres, half, points) -> np.ndarray:
    """Distance from each centre to the nearest point in units of a box's half size.

    Parameters
    ----------
    centres, points : array_like
        Centres (n x 2) and points (m x 2, m >= 1).
    half : array_like
        The box's half width and half height.

    Returns
    -------
    numpy.ndarray
        The n clearances (below 1: a point lies in the box), equal to
        ``np.abs((centres[:, None] - points[None]) / half).max(axis=2).min(axis=1)``.
    """
    centres, points = np.asarray(centres, float), np.asarray(points, float)
    half = np.asarray(half, float)
    near = _candidates(_tree(points / half), centres / half, len(points), p=np.inf)
    return np.abs((centres[:, None] - points[near]) / half).max(axis=2).min(axis=1)


def covering_markers(screen, near_first, reach: float, same=None) -> dict[int, list[int]]:
    """Markers that cover each other on the screen, to be named by one label.

    Taken nearest the eye first, each marker not yet taken gathers the farther ones of
    its set that lie closer than ``reach`` to it on the screen; the label goes to the
    nearest, the others get none.

    Parameters
    ----------
    screen : (K, 2) array_like
        The markers' screen positions (any unit).
    near_first : sequence of int
        The markers to consider, nearest the eye first.
    reach : float
        Markers closer than this (``screen``'s unit) cover each other.
    same : (K,) array_like, optional
        Per marker, its set: only markers of one set are joined (all one set if None).

    Returns
    -------
    dict of int to list of int
        For each marker that names others, the markers it names, nearest first.
    """
    xy = np.asarray(screen, float).reshape(-1, 2)
    near_first = [int(k) for k in near_first]
    taken: set[int] = set()
    out: dict[int, list[int]] = {}
    for a, k in enumerate(near_first):
        if k in taken:
            continue
        for j in near_first[a + 1:]:
            if (j not in taken and (same is None or same[j] == same[k])
                    and np.linalg.norm(xy[j] - xy[k]) < reach):
                out.setdefault(k, []).append(j)
                taken.add(j)
    return out
