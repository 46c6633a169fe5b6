"""Smooth edges of fields and regions on the skin (anatomy.viz.fields).

The measure is the turning angle along the edge of a coloured zone: the saw tooth of
whole triangles turns by 60-120 degrees at most of its corners, a smooth curve by a few.
Each test also draws the edge the old way (colour per vertex or per face) and checks that
the measure tells the two apart.
"""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import headache_maps as hm
from anatomy import pain
from anatomy.viz import fields
from anatomy.viz import headache_views as hv
from anatomy.viz import pain_views as pv

SHARP = 60.0  # degrees: a corner sharper than this is a tooth
SMOOTH_SHARE = 0.1  # a smooth edge has fewer sharp corners than this share


def assert_smoother(new, old, what=""):
    """The new edge passes; the old one (same zone, old drawing) would have failed."""
    new_share, old_share = sharp_share(new), sharp_share(old)
    assert new_share < SMOOTH_SHARE, (what, new_share)
    assert old_share > SMOOTH_SHARE and old_share > 3 * new_share, (what, old_share)


def sharp_share(polylines) -> float:
    angles = fields.turning_angles(polylines)
    assert len(angles) > 20  # a real edge, not a few points
    share = float(np.mean(angles > SHARP))
    return share


def test_turning_angles_of_a_circle_and_a_zigzag():
    t = np.linspace(0, 2 * np.pi, 60)
    circle = np.c_[50 * np.cos(t), 50 * np.sin(t), 0 * t]
    assert fields.turning_angles(circle).max() < 7
    zig = np.c_[np.arange(20), np.arange(20) % 2, np.zeros(20)]
    assert fields.turning_angles(zig).min() > 80


@pytest.fixture(scope="module")
def plane():
    """A flat 200 mm square in 10 mm triangles and a radial field (1 at the centre)."""
    n = 21
    x, y = np.meshgrid(np.linspace(-100, 100, n), np.linspace(-100, 100, n))
    v = np.c_[x.ravel(), y.ravel(), np.zeros(n * n)]
    f = [(i * n + j, i * n + j + 1, (i + 1) * n + j) for i in range(n - 1) for j in range(n - 1)]
    f += [(i * n + j + 1, (i + 1) * n + j + 1, (i + 1) * n + j) for i in range(n - 1)
          for j in range(n - 1)]
    return v, np.array(f), np.exp(-(np.hypot(v[:, 0], v[:, 1]) / 50) ** 2)


def test_cut_field_splits_the_mesh_on_the_level_line(plane):
    v, f, field = plane
    cut = fields.cut_field(v, f, field, 0.5, floor=0.2)
    inside_vertices = np.unique(cut.faces[cut.inside])
    outside_vertices = np.unique(cut.faces[~cut.inside])
    assert not set(inside_vertices) & set(outside_vertices)  # each side its own vertices
    assert cut.values[outside_vertices].max() == 0
    assert cut.values[inside_vertices].min() >= 0.2
    # the edge lies on the level line: radius 50 sqrt(ln 2), to a fraction of a triangle
    edge = cut.edge()
    r = np.hypot(edge[:, 0], edge[:, 1])[~np.isnan(edge[:, 0])]
    assert np.allclose(r, 50 * np.sqrt(np.log(2)), atol=1.5)
    # the same zone as whole triangles is a saw tooth
    whole = field[f].mean(axis=1) >= 0.5
    assert_smoother(edge, fields.face_outline(v, f, whole))


def _mesh_of(trace):
    v = np.c_[trace.x, trace.y, trace.z].astype(float) * hv.FIGURE_UNIT_MM  # mm
    return v, np.c_[trace.i, trace.j, trace.k]


def test_headache_map_figure_edges_are_smooth_curves():
    fig = hv.pain_map_figure(["occipital_neuralgia", "migraine_without_aura"])
    mesh = hm.map_mesh()
    dec = hm.decimate(mesh.vertices, mesh.faces, 9.0)  # the figure's old 9 mm clusters
    for trace, cond in zip([t for t in fig.figure.data if t.name != "eyes"],
                           ["occipital_neuralgia", "migraine_without_aura"]):
        v, f = _mesh_of(trace)
        inside = (np.asarray(trace.intensity)[f] > 0).all(axis=1)
        # before: a vertex-clustered head coloured per vertex, skin where the map is 0
        old = dec.transfer(hm.condition_map(cond, "right"))
        old_edge = fields.chained(fields.level_segments(old, dec.faces, dec.vertices, 1e-3))
        assert_smoother(fields.face_outline(v, f, inside), old_edge, cond)


def test_heat_figure_colour_edge_is_a_smooth_curve():
    """plotly looks the colour up per pixel from the interpolated byte: the skin-to-heat
    edge is the level line of the sent bytes at the edge byte."""
    for pattern in ("gon_neuralgia", "upper_trapezius"):
        v, f, both = pv.heat._display_crop(np.c_[pain.pain_field(pattern, "right", raw=True),
                                                 pain.pain_field(pattern, "right", fine=True)])
        sent = pv.heat._heat_bytes(both[:, 0]).astype(float)
        edge = fields.chained(fields.level_segments(sent, f, v, pv.heat.EDGE_BYTE - 0.5))
        # before: whole percent of the floored field, 0 outside the zone
        old = np.round(both[:, 1] * 100)
        old_edge = fields.chained(fields.level_segments(old, f, v, 0.5))
        assert_smoother(edge, old_edge, pattern)


def test_heat_figure_edge_across_the_midline_is_smooth():
    """Across the midline a pattern's field falls by a constant factor per mm; its edge
    there runs along the midline. With bytes linear in the field above five floors, a
    triangle 12 mm wide put the edge 2-4 mm off, differently in each one: a saw tooth
    (turns of 42-55 degrees between 3 mm steps; review 34). Logarithmic bytes find it."""
    for pattern in pain.patterns():
        for side in ("right", "left"):
            raw = pain.pain_field(pattern, side, raw=True)
            v, f, sent = pv.heat._display_crop(pv.heat._heat_bytes(raw)[:, None].astype(float))
            edge = fields.chained(fields.level_segments(sent[:, 0], f, v,
                                                        pv.heat.EDGE_BYTE - 0.5))
            # the edge on the other side of the midline, within the fade's reach
            across = -edge[:, 0] * (1 if side == "right" else -1)
            band = (across > 0) & (across < 25)
            turns = fields.turning_angles(np.where(band[:, None], edge, np.nan), min_step=3.0)
            assert not len(turns) or turns.max() < 30, (pattern, side, turns.max())


def test_print_plates_cut_the_skin_along_the_zone_edge():
    verts, faces, colours = hv.maps._plate_mesh("migraine_without_aura", "right")
    m = hm.map_mesh()
    skin = np.all(np.isclose(colours, hv.maps.to_rgb(hv.style.SKIN)), axis=(1, 2))
    head = np.arange(len(faces)) < len(faces) - len(m.eye_faces)
    edge = fields.face_outline(verts, faces[head], ~skin[head])
    old = hm.condition_map("migraine_without_aura", "right")[m.faces].mean(axis=1) > 0
    assert_smoother(edge, fields.face_outline(m.vertices, m.faces, old), "map plate")
    # the heat plates: the drawn skin cut on the field's logarithm at the floor
    pm = pain.pain_mesh()
    raw = pain.pain_field("gon_neuralgia", "right", raw=True)
    v, f, _, _ = pv.plates._plate_skin()
    log = fields.resample(np.log(np.maximum(raw, 1e-9)), pm.vertices, pm.faces, v)
    cut = fields.cut_field(v, f, log, np.log(pain.FIELD_FLOOR))
    pm_old = pain.pain_field("gon_neuralgia", "right", fine=True)[pm.faces].mean(axis=1) > 0
    assert_smoother(cut.edge(), fields.face_outline(pm.vertices, pm.faces, pm_old), "heat")


def test_resample_is_linear_inside_the_nearest_face(plane):
    v, f, _ = plane
    linear = 0.3 * v[:, 0] - 0.2 * v[:, 1] + 5
    rng = np.random.default_rng(0)
    pts = np.c_[rng.uniform(-95, 95, (200, 2)), rng.uniform(-0.5, 0.5, 200)]  # just off it
    got = fields.resample(linear, v, f, pts)
    assert np.allclose(got, 0.3 * pts[:, 0] - 0.2 * pts[:, 1] + 5, atol=1e-6)


def test_pain_drawing_plate_shades_a_smooth_area():
    pm = pain.pain_mesh()
    raw = pain.drawing_field("B", raw=True)
    assert np.array_equal(pain.drawing_field("B"), np.where(raw < pain.FIELD_FLOOR, 0, raw))
    v, f, corners, weights = pv.plates._plate_skin()
    log = (np.log(np.maximum(raw, 1e-9))[corners] * weights).sum(axis=1)
    cut = fields.cut_field(v, f, log, np.log(pv.plates.DRAWING_EDGE))
    old = pain.drawing_field("B")[pm.faces].mean(axis=1) >= pv.plates.DRAWING_EDGE
    assert_smoother(cut.edge(), fields.face_outline(pm.vertices, pm.faces, old), "drawing")


def test_heat_skin_is_closed_by_flat_caps_at_its_cut():
    """The heat figure's skin ends in caps on the cut's planes (one per shoulder, one on
    the floor), not an open rim: through it the skin's inner side showed dark at the
    shoulder ends. Every edge is shared by two faces running it opposite ways, and each
    cap lies in its plane."""
    from anatomy.shell import boundary_loops

    n = len(pain.pain_mesh().vertices)
    v, f, vals = pv.heat._display_crop(np.ones((n, 1)))
    assert not boundary_loops(f)
    edges = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    assert len(np.unique(edges, axis=0)) == len(edges)
    assert {tuple(e) for e in edges[:, ::-1]} == {tuple(e) for e in edges}
    clipped = pv.heat.clip_to_crop(pain.pain_mesh().vertices, pain.pain_mesh().faces)[0]
    centres = v[len(clipped):]
    crop = pv.HEAT_CROP
    assert sorted(np.round(centres[:, 0])) == [-crop["abs_x_max"], 0.0, crop["abs_x_max"]]
    assert np.isclose(centres[np.abs(centres[:, 0]) < 1, 2], crop["z_min"]).all()
    cap = f[(f >= len(clipped)).any(axis=1)]
    for c in range(len(clipped), len(v)):      # every fan lies in its centre's plane
        rim = v[cap[(cap == c).any(axis=1)]].reshape(-1, 3)
        axis = 0 if abs(v[c, 0]) > 1 else 2
        assert np.allclose(rim[:, axis], v[c, axis], atol=1e-6)
    assert np.allclose(vals[len(clipped):], 1.0)
