"""The drawn skin: one closed outer shell with nothing inside it, smooth, with markers
outside it; territory edges cut as smooth curves."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import meshgen, shell
from anatomy.skin import Skin


@pytest.fixture(scope="module")
def drawn():
    return shell.display_skin()


@pytest.fixture(scope="module")
def see_through():
    return shell.display_skin(shell.SEE_THROUGH_MAX_EDGE_MM)


def _edge_counts(f):
    e = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    return np.unique(np.unique(e, axis=0, return_counts=True)[1])


@pytest.mark.parametrize("which", ["drawn", "see_through"])
def test_drawn_skin_is_one_closed_shell_wound_outward(which, request):
    d = request.getfixturevalue(which)
    assert _edge_counts(d.faces).tolist() == [2]  # closed: every edge between two faces
    assert np.bincount(shell.components(d.faces)).size == 1  # one piece
    tri = d.vertices[d.faces]
    volume = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6
    assert volume > 0


def test_no_face_of_the_drawn_skin_lies_inside_it(see_through):
    """Every face is seen from outside from some direction (the eyeballs, mouth cavity and
    eye sockets are gone), and no face centre lies inside the closed shell."""
    d = see_through
    assert shell.outer_faces(d.vertices, d.faces).mean() > 0.99  # ear and nose crevices
    tri = d.vertices[d.faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    probe = tri.mean(axis=1)[::7] + 0.5 * normal[::7]  # just outside each face
    assert Skin(d.vertices, d.faces).inside(probe).mean() < 0.01


def test_the_model_mesh_had_pockets_the_shell_leaves_out(head):
    """The model's skin folds into the mouth and eye sockets: those faces are hidden."""
    seen = shell.outer_faces(head.vertices, head.faces, (head.eye_vertices, head.eye_faces),
                             n_directions=24)
    hidden = head.vertices[head.faces[~seen]].mean(axis=1)
    assert (~seen).sum() > 500
    # all hidden faces lie in the eye sockets and the mouth cavity (which runs back to the
    # pharynx): in front of the ears, between the eyes' outer corners, below the brows
    assert (hidden[:, 1] > -10).all() and (np.abs(hidden[:, 0]) < 50).mean() > 0.98
    assert (hidden[:, 2] < head.landmarks["nasion"][2] + 15).all()


def test_smooth_refine_keeps_old_vertices_and_bulges_outward(head, drawn):
    v0, f0, cap = shell.outer_shell(head.vertices, head.faces,
                                    (head.eye_vertices, head.eye_faces))
    assert np.allclose(drawn.vertices[:len(v0)], v0)  # interpolating: old points stay
    edges = np.sort(np.vstack([drawn.faces[:, [0, 1]], drawn.faces[:, [1, 2]],
                               drawn.faces[:, [2, 0]]]), axis=1)
    head_edges = edges[(drawn.vertices[edges][:, :, 2] > shell.DISPLAY_Z_MIN).all(axis=1)]
    length = np.linalg.norm(drawn.vertices[head_edges[:, 0]] - drawn.vertices[head_edges[:, 1]],
                            axis=1)
    assert length.max() <= shell.DISPLAY_MAX_EDGE_MM + 1e-6
    # the scalp is convex: new points lie outside the old flat triangles
    model = Skin(head.vertices, head.faces)
    new = drawn.vertices[len(v0):]
    scalp = new[new[:, 2] > 60]
    assert np.median(model.depth(scalp[::5])) < -0.05


def test_landmark_markers_sit_outside_the_drawn_skin(head):
    from anatomy.viz.head_views import landmark_traces

    d = shell.display_skin()
    skin = Skin(d.vertices, d.faces)
    for tr in landmark_traces(head):
        pts = np.c_[tr["x"], tr["y"], tr["z"]].astype(float)
        depth = skin.depth(pts)
        assert (depth < -1.5).all(), (tr["name"], depth)


def test_see_through_figure_has_no_eyes_and_uses_the_shell():
    from anatomy.viz.nerve_views import all_layers_figure

    fig = all_layers_figure()
    names = [tr.get("name") for tr in fig.spec["data"]]
    assert "eyes" not in names
    skin = next(tr for tr in fig.spec["data"] if tr.get("name") == "skin")
    assert _edge_counts(np.c_[skin["i"], skin["j"], skin["k"]].astype(int)).max() == 2


def _square_grid(n: int):
    """A flat n x n grid of vertices over [-1, 1]^2 (z = 0), two triangles a square."""
    x, y = np.meshgrid(np.linspace(-1, 1, n), np.linspace(-1, 1, n))
    v = np.c_[x.ravel(), y.ravel(), np.zeros(n * n)]
    idx = np.arange(n * n).reshape(n, n)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[1:, :-1].ravel(), idx[1:, 1:].ravel(), \
        idx[:-1, 1:].ravel()
    return v, np.vstack([np.c_[a, b, c], np.c_[a, c, d]])


def test_level_overlap_is_bounded_by_each_fields_own_level_line():
    """Three linear fields on a coarse grid (each reaches 0.5 on one side of a line):
    the part where two or more reach it is cut along those lines exactly, so its area is
    the exact one. The level line of the second-largest field sampled at the vertices
    bends away from them inside every face where the fields change order: 3 % too much
    here; on the territories figure, blocks of overlap that neither outline bounded
    (reviewer)."""
    from anatomy.levels import level_overlap

    v, f = _square_grid(6)
    # 0.5 reached where x >= 0.1, where y >= 0.3 and where x + y <= 0.9
    w = np.array([0.4 + v[:, 0], 0.2 + v[:, 1], 1.4 - v[:, 0] - v[:, 1]])

    def area(vv, ff):
        return 0.5 * np.abs(np.cross(vv[ff[:, 1]] - vv[ff[:, 0]],
                                     vv[ff[:, 2]] - vv[ff[:, 0]])[:, 2]).sum()

    g = np.linspace(-1, 1, 2001)
    gx, gy = np.meshgrid(g, g)
    exact = 4 * np.mean(((gx >= 0.1).astype(int) + (gy >= 0.3) + (gx + gy <= 0.9)) >= 2)
    ov, of, _ = level_overlap(v, f, w, 0.5)
    assert area(ov, of) == pytest.approx(exact, rel=0.002)
    corners = ov[np.unique(of)]
    reached = (np.c_[0.4 + corners[:, 0], 0.2 + corners[:, 1],
                     1.4 - corners[:, 0] - corners[:, 1]] >= 0.5 - 1e-9).sum(axis=1)
    assert (reached >= 2).all()
    second = np.sort(w, axis=0)[-2]
    cv, cf, lab, _ = meshgen.level_regions(v, f, second[None], 0.5)
    assert area(cv, cf[lab == 0]) > 1.02 * exact


def test_level_regions_cut_a_disc_with_a_smooth_edge():
    """A radial field on a coarse grid: whole faces would give a staircase edge (turns of
    90 degrees); the cut edge follows the circle (small turns, length close to 2 pi r)."""
    v, f = _square_grid(21)
    field = 1 - np.hypot(v[:, 0], v[:, 1])  # level 0.5: the circle of radius 0.5
    cv, cf, lab, _ = meshgen.level_regions(v, f, field[None], 0.5)
    inside = cf[lab == 0]
    area = 0.5 * np.abs(np.cross(cv[inside[:, 1]] - cv[inside[:, 0]],
                                 cv[inside[:, 2]] - cv[inside[:, 0]])[:, 2]).sum()
    assert area == pytest.approx(np.pi * 0.25, rel=0.02)
    # edge of the region: edges used by one inside face
    e = np.sort(np.vstack([inside[:, [0, 1]], inside[:, [1, 2]], inside[:, [2, 0]]]), axis=1)
    uniq, counts = np.unique(e, axis=0, return_counts=True)
    rim = uniq[counts == 1]
    assert np.allclose(np.hypot(cv[rim][:, :, 0], cv[rim][:, :, 1]), 0.5, atol=0.01)
    length = np.linalg.norm(cv[rim[:, 0]] - cv[rim[:, 1]], axis=1).sum()
    assert length == pytest.approx(np.pi, rel=0.02)  # a staircase would be 4 / pi longer
    # the same region as whole faces: its rim is a staircase, far longer
    whole = f[(field[f] >= 0.5).all(axis=1)]
    e2 = np.sort(np.vstack([whole[:, [0, 1]], whole[:, [1, 2]], whole[:, [2, 0]]]), axis=1)
    u2, c2 = np.unique(e2, axis=0, return_counts=True)
    assert np.linalg.norm(v[u2[c2 == 1][:, 0]] - v[u2[c2 == 1][:, 1]], axis=1).sum() > 1.1 * length


def test_territory_patches_have_smooth_edges():
    """The GON territory's painted edge is the smooth level line: its boundary length is
    close to the outline's, where whole faces made a saw tooth."""
    from anatomy import pain
    from anatomy.viz.pain_views import territory_figure

    fig = territory_figure(sides=("right",))
    patch = next(tr for tr in fig.spec["data"] if tr.get("name") == "GON"
                 and tr["type"] == "mesh3d")
    v = np.c_[patch["x"], patch["y"], patch["z"]].astype(float)
    f = np.c_[patch["i"], patch["j"], patch["k"]].astype(int)
    e = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    uniq, counts = np.unique(e, axis=0, return_counts=True)
    rim = uniq[counts == 1]
    rim_length = np.linalg.norm(v[rim[:, 0]] - v[rim[:, 1]], axis=1).sum()
    # the same territory as whole faces of the pain mesh (the old drawing)
    m = pain.pain_mesh()
    w = pain.territories().weights[("greater_occipital", "right")]
    whole = m.faces[w[m.faces].mean(axis=1) >= 0.5]
    e2 = np.sort(np.vstack([whole[:, [0, 1]], whole[:, [1, 2]], whole[:, [2, 0]]]), axis=1)
    u2, c2 = np.unique(e2, axis=0, return_counts=True)
    old = np.linalg.norm(m.vertices[u2[c2 == 1][:, 0]] - m.vertices[u2[c2 == 1][:, 1]],
                         axis=1).sum()
    assert rim_length < 0.9 * old  # the saw tooth is gone: about 13% shorter


def test_unique_edges_match_numpys_row_unique():
    """The packed-key edge table equals ``np.unique(axis=0)`` on sorted pairs: the same
    edges in the same order, and each face's sides pointing at them."""
    from anatomy.surface import unique_edges

    rng = np.random.default_rng(7)
    for n in (3, 40, 5000):
        f = rng.integers(0, n, (3000, 3))
        pairs = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
        want, inverse = np.unique(pairs, axis=0, return_inverse=True)
        edges, sides = unique_edges(f)
        assert np.array_equal(edges, want)
        assert np.array_equal(sides, inverse.ravel().reshape(3, -1).T)
        assert np.array_equal(np.sort(edges[sides[:, 0]], axis=1), pairs[:len(f)])


def test_round_caps_dome_the_ends_of_a_loft():
    """A loft with caps="round" is closed, wound outward, and stands out past each end of
    its path by the end's half thickness (a flat cap ends on the path's end); any other
    caps value is refused by name."""
    path = np.c_[np.zeros(5), np.zeros(5), np.linspace(0.0, 40.0, 5)]
    ht = np.array([2.0, 3.0, 4.0, 3.0, 1.5])
    flat = meshgen.loft(path, 6.0, ht, [0, 1, 0], 10)
    v, f = meshgen.loft(path, 6.0, ht, [0, 1, 0], 10, caps="round")
    assert flat[0][:, 2].min() == pytest.approx(0.0) and flat[0][:, 2].max() == pytest.approx(40)
    assert v[:, 2].min() == pytest.approx(-2.0) and v[:, 2].max() == pytest.approx(41.5)
    edges = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    assert {tuple(e) for e in edges[:, ::-1]} == {tuple(e) for e in edges}
    a, b, c = v[f[:, 0]], v[f[:, 1]], v[f[:, 2]]
    assert np.einsum("ij,ij->i", np.cross(b - a, c - a), a).sum() > 0   # outward
    with pytest.raises(ValueError, match="'domed'"):
        meshgen.loft(path, 6.0, ht, [0, 1, 0], caps="domed")
