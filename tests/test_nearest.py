"""The k-d tree queries that place the stage plate's names give the brute-force answers,
to the bit, ties included (a different tie broken moved a name on another CPU)."""

import numpy as np
import pytest

from anatomy.viz import nearest


def _sets(seed: int):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 300, 2)
    if seed % 2:  # half-millimetre grids: many equal distances
        return (rng.integers(-30, 30, (n, 2)) * 0.5, rng.integers(-30, 30, (m, 2)) * 0.5)
    return rng.normal(size=(n, 2)) * 20, rng.normal(size=(m, 2)) * 20


@pytest.mark.parametrize("seed", range(12))
def test_queries_equal_the_brute_force_results(seed):
    points, targets = _sets(seed)
    dist = np.linalg.norm(points[:, None] - targets[None], axis=2)
    assert np.array_equal(nearest.nearest_distance(points, targets), dist.min(axis=1))
    rounded = np.round(dist, 6)
    index, length = nearest.nearest_rounded(points, targets)
    assert np.array_equal(index, rounded.argmin(axis=1))
    assert np.array_equal(length, rounded.min(axis=1))
    half = np.array([9.1, 5.6])
    box = np.abs((points[:, None] - targets[None]) / half).max(axis=2).min(axis=1)
    assert np.array_equal(nearest.box_clearance(points, half, targets), box)


def test_ties_go_to_the_lowest_index():
    # the origin is 1 from all four targets; the first of them wins
    targets = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, -1.0], [-1.0, 0.0], [5.0, 5.0]])
    index, length = nearest.nearest_rounded(np.zeros((1, 2)), targets[::-1])
    assert index.tolist() == [1] and length.tolist() == [1.0]
    # a single target, and fewer targets than the tree's candidates
    assert nearest.nearest_distance([[3.0, 4.0]], [[0.0, 0.0]]).tolist() == [5.0]
    assert nearest.box_clearance([[2.0, 0.0]], [1.0, 1.0], [[0.0, 0.0], [0.0, 9.0]]).tolist() \
        == [2.0]


def test_covering_markers_join_close_markers_of_one_set_nearest_first():
    """Markers closer than the reach share one label, given to the one nearest the eye
    (first in ``near_first``); a marker already taken names none, and sets stay apart."""
    from anatomy.viz.nearest import covering_markers

    screen = [[0.0, 0.0], [0.5, 0.0], [1.4, 0.0], [0.2, 0.1], [10.0, 0.0]]
    same = ["a", "a", "a", "b", "a"]
    # 1 nearest: it takes 0 (0.5 away) and 2 (0.9 away); 3 is another set; 4 is far
    assert covering_markers(screen, [1, 0, 2, 3, 4], 1.0, same) == {1: [0, 2]}
    # 0 nearest: it takes 1; 2 is 1.4 from 0, so stays; 1, taken, names none
    assert covering_markers(screen, [0, 1, 2, 3, 4], 1.0, same) == {0: [1]}
    assert covering_markers(screen, [0, 1, 2, 3, 4], 1.0) == {0: [1, 3]}
    assert covering_markers(screen, [4], 1.0) == {}
