"""One skin answers every skin question, and its answers hold geometrically."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import headache_maps, nerves, pain, structures
from anatomy.skin import Skin, head_skin


@pytest.fixture(scope="module")
def skin():
    return head_skin()


def test_every_module_measures_depth_with_the_same_skin(head):
    g = nerves.nerve("GON", "right")
    pts = np.array(list(g.waypoints.values()))
    assert np.array_equal(nerves.skin_depth(pts), structures.skin_depth(pts))
    assert head_skin() is head_skin()  # made once per mesh
    assert nerves.courses._skin().skin is head_skin()
    assert isinstance(pain.pain_skin(), Skin) and isinstance(headache_maps.map_skin(), Skin)


def test_depth_and_under_agree(skin, head):
    foot, normal = skin.frame([head.landmarks["inion"]])
    for d in (2.0, 5.0, 10.0):
        p = skin.under(foot, d)
        assert skin.depth(p)[0] == pytest.approx(d, abs=0.05 + 0.02 * d)  # curved skin
    outside = foot + 4.0 * normal
    assert skin.depth(outside)[0] == pytest.approx(-4.0, abs=0.05)
    assert skin.inside(skin.under(foot, 5.0))[0] and not skin.inside(outside)[0]


def test_rays_meet_the_skin_where_expected(skin, head):
    inion = head.landmarks["inion"]
    hit = skin.ray_hit((0.0, -400.0, inion[2]), (0, 1, 0))
    assert np.linalg.norm(hit - inion) < 3.0  # the EOP is the back of the head there
    assert skin.ray_hit((0.0, -400.0, 1000.0), (0, 1, 0)) is None


def test_visibility_follows_the_view(skin, head):
    inion, nasion = head.landmarks["inion"], head.landmarks["nasion"]
    assert skin.visible([inion, nasion], "posterior").tolist() == [True, False]
    assert skin.visible([inion, nasion], "anterior").tolist() == [False, True]
    assert skin.visible([inion], towards=(0, -1, 0))[0]
    with pytest.raises(ValueError, match="named view or a direction"):
        skin.visible([inion], "posterior", towards=(0, -1, 0))
    with pytest.raises(ValueError, match="Unknown view 'back'"):
        skin.visible([inion], "back")


def test_distance_along_the_skin_is_at_least_the_straight_line(skin, head):
    a = skin.nearest_vertex(head.landmarks["inion"])
    b = skin.nearest_vertex(head.landmarks["vertex"])
    d = skin.distance([a])
    straight = np.linalg.norm(skin.vertices[b] - skin.vertices[a])
    assert d[a] == 0 and straight < d[b] < 1.3 * straight
    path = skin.path(a, b)
    assert path[0] == a and path[-1] == b


def test_fast_rays_match_testing_every_triangle(skin, head):
    from anatomy import surface

    rng = np.random.default_rng(3)
    pts = skin.vertices[rng.choice(len(skin.vertices), 400, replace=False)]
    for direction in ((0, 1, 0), (1, 0, 0), (0.3, -0.5, 0.8)):
        d = np.asarray(direction, float) / np.linalg.norm(direction)
        starts = pts + 2.0 * d
        fast = skin.rays_blocked(starts, d)
        slow = surface.rays_blocked(skin.vertices, skin.faces, starts, d)
        assert np.array_equal(fast, slow) and 0 < fast.sum() < len(fast)


def test_parallel_rays_measure_how_far_they_run_to_the_skin(skin, head):
    """``ray_depths`` gives the first hit's distance, the one ``ray_hit`` finds ray by
    ray, and inf where ``rays_blocked`` says a ray meets nothing."""
    rng = np.random.default_rng(5)
    d = np.array([0.2, 1.0, -0.1]) / np.linalg.norm([0.2, 1.0, -0.1])
    starts = skin.vertices[rng.choice(len(skin.vertices), 60, replace=False)] - 300.0 * d
    depth = skin.ray_depths(starts, d)
    assert np.array_equal(np.isfinite(depth), skin.rays_blocked(starts, d))
    assert 0 < np.isfinite(depth).sum() < len(depth) or np.isfinite(depth).all()
    for o, t in zip(starts, depth):
        hit = skin.ray_hit(o, d)
        assert (hit is None) == (not np.isfinite(t))
        if hit is not None:
            assert np.linalg.norm(o + t * d - hit) < 1e-6
    inion = head.landmarks["inion"]
    assert skin.ray_depths([(0.0, -400.0, inion[2])], (0, 1, 0))[0] == pytest.approx(
        400.0 + inion[1], abs=3.0)
