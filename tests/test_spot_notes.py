"""The heat figure's opening labels go off the pain they name (anatomy.viz.pain_views.spot_notes).

A synthetic scene (a flat painted square seen face on) checks the rules one at a time; the
real figure is checked in the browser (tests/test_figure_layout.py), where the pixels under
each drawn label are counted.
"""

from __future__ import annotations

import numpy as np
import pytest

from anatomy.head import load_head
from anatomy.viz.pain_views import spot_notes as sn


class _FlatEye:
    """A camera looking down -z at the plane z = 0: 100 mm of the plane fill half the
    scene's height (``screen`` in mm at the look depth, as ``head_views.perspective``)."""

    def __init__(self):
        self.eye = np.array([0.0, 0.0, 1000.0])
        self.distance = 1.0 / np.tan(np.pi / 8)

    def screen(self, points):
        return np.atleast_2d(np.asarray(points, float))[:, :2] / 100.0


def _plane(half_mm: float = 150.0, step: float = 5.0):
    """A square grid of triangles in z = 0, normals towards +z (the eye)."""
    xs = np.arange(-half_mm, half_mm + step / 2, step)
    gx, gy = np.meshgrid(xs, xs)
    v = np.c_[gx.ravel(), gy.ravel(), np.zeros(gx.size)]
    n = len(xs)
    faces = []
    for i in range(n - 1):
        for j in range(n - 1):
            a, b, c, d = i * n + j, i * n + j + 1, (i + 1) * n + j, (i + 1) * n + j + 1
            faces += [(a, b, d), (a, d, c)]
    return v, np.array(faces)


def _box(point, text, place):
    """The label's box at the smaller scene height, as note_places draws it."""
    from anatomy.viz import plotly3d

    way, length = place
    note = plotly3d.leader_note((0.0, 0.0, 0.0), "", way, length)
    tail = sn._screen_px(_FlatEye(), [point], sn.SCENE_PX["heights"][0])[0]
    return sn.label_box(tail + [note["ax"], note["ay"]], text, way)


def test_a_label_on_bare_skin_keeps_its_way_and_the_shortest_line():
    v, f = _plane()
    place = sn.note_places(_FlatEye(), [[0.0, 0.0, 0.0]], ["temple"], ["top right"], v, f,
                           np.zeros(len(v), bool))
    assert place == [("top right", sn.LEADERS_PX[0])]


def test_a_label_leaves_the_paint_it_names():
    """A spot in the middle of a painted disc 60 mm across (about 130 px): the label goes
    beyond the disc on a longer line, its way kept, and its box covers no paint."""
    v, f = _plane()
    painted = np.hypot(v[:, 0], v[:, 1]) <= 30.0
    eye = _FlatEye()
    (way, length), = sn.note_places(eye, [[0.0, 0.0, 0.0]], ["lateral<br>occiput"],
                                    ["top center"], v, f, painted)
    assert way == "top center" and length > sn.LEADERS_PX[0]
    for h in sn.SCENE_PX["heights"]:
        mask = sn.painted_mask(eye, v, f, painted, h)
        assert mask.sum() > 1000  # the disc is drawn
        from anatomy.viz import plotly3d

        note = plotly3d.leader_note((0.0, 0.0, 0.0), "", way, length)
        tail = sn._screen_px(eye, [[0.0, 0.0, 0.0]], h)[0] + [note["ax"], note["ay"]]
        box = sn.label_box(tail, "lateral<br>occiput", way)
        assert sn._covered(sn._summed(mask), box) == 0
        # the summed-area count is the mask's own, under the label and over the disc
        rows, cols = mask.shape
        for b in (box, [-40.0, -40.0, 40.0, 40.0]):
            x0, y0 = int(np.floor(b[0] + cols / 2)), int(np.floor(b[1] + rows / 2))
            x1, y1 = int(np.ceil(b[2] + cols / 2)), int(np.ceil(b[3] + rows / 2))
            assert sn._covered(sn._summed(mask), b) == mask[max(y0, 0):y1, max(x0, 0):x1].sum()
        assert sn._covered(sn._summed(mask), [-40.0, -40.0, 40.0, 40.0]) > 0

def test_a_label_turns_rather_than_cover_or_pass_another_marker():
    """A second spot where the label would go (30 px up and to the right): the label
    neither covers that marker nor runs its line past it."""
    v, f = _plane()
    eye = _FlatEye()
    px_per_mm = sn.SCENE_PX["heights"][0] / 2 / 100.0
    other = [30.0 / px_per_mm * np.cos(np.pi / 4), 30.0 / px_per_mm * np.sin(np.pi / 4), 0.0]
    places = sn.note_places(eye, [[0.0, 0.0, 0.0], other], ["temple", "x"],
                            ["top right", "bottom right"], v, f, np.zeros(len(v), bool))
    assert places[0] != ("top right", sn.LEADERS_PX[0])
    box = _box([0.0, 0.0, 0.0], "temple", places[0])
    seen = sn._screen_px(eye, [other], sn.SCENE_PX["heights"][0])[0]
    assert not (box[0] - sn.MARKER_PX < seen[0] < box[2] + sn.MARKER_PX
                and box[1] - sn.MARKER_PX < seen[1] < box[3] + sn.MARKER_PX)
    from anatomy.viz import plotly3d

    note = plotly3d.leader_note((0.0, 0.0, 0.0), "", *places[0])
    assert not sn._near_line([seen], [0.0, 0.0], [note["ax"], note["ay"]], sn.LINE_CLEAR_PX)


def test_two_labels_do_not_cover_each_other():
    v, f = _plane()
    pts = [[0.0, 0.0, 0.0], [4.0, 0.0, 0.0]]  # markers about 9 px apart
    places = sn.note_places(_FlatEye(), pts, ["vertex", "upper occiput"],
                            ["top center", "top center"], v, f, np.zeros(len(v), bool))
    a, b = (_box(p, t, pl) for p, t, pl in zip(pts, ["vertex", "upper occiput"], places))
    assert sn._box_free(a, [b])


def test_a_leader_line_goes_round_the_ear():
    """Ear pixels on the line's way count against it: with the ear to the right, a label
    whose preferred way is right goes another way (no paint anywhere)."""
    v, f = _plane()
    ear = (v[:, 0] > 5.0) & (v[:, 0] < 25.0) & (np.abs(v[:, 1]) < 25.0)
    (way, _), = sn.note_places(_FlatEye(), [[0.0, 0.0, 0.0]], ["in the ear*"],
                               ["middle right"], v, f, ear, ear)
    assert "right" not in way


def test_labels_stay_in_the_scene():
    """A spot near the scene's left edge: the label goes right, never out of the scene."""
    v, f = _plane(half_mm=400.0, step=10.0)
    eye = _FlatEye()
    x = -(sn.SCENE_PX["width"] / 2 - 10) / (sn.SCENE_PX["heights"][0] / 2 / 100.0)
    place = sn.note_places(eye, [[x, 0.0, 0.0]], ["occiput"], ["middle left"], v, f,
                           np.zeros(len(v), bool))[0]
    box = _box([x, 0.0, 0.0], "occiput", place)
    assert box[0] >= -sn.SCENE_PX["width"] / 2 and "left" not in place[0]


def test_label_box_anchors_as_plotly_draws_it():
    """Measured in Chromium (tools/figpage.py, the heat figure at 592 px): "LON" going left
    ends at its line and is centred on it; a two-line label going down is centred on the
    end of its line, 33 px tall."""
    left = sn.label_box([100.0, 50.0], "LON", "middle left")
    assert left[2] == 100.0 and (left[1] + left[3]) / 2 == 50.0
    assert 25 <= left[2] - left[0] <= 32  # 28 px measured
    down = sn.label_box([100.0, 50.0], "behind<br>ear/mastoid", "bottom center")
    assert (down[0] + down[2]) / 2 == 100.0 and (down[1] + down[3]) / 2 == 50.0
    assert 31 <= down[3] - down[1] <= 36 and 72 <= down[2] - down[0] <= 86  # 75 x 33


def test_ear_vertices_are_the_auricles():
    """The ear mask holds both auricles: the skin standing out furthest beside each tragus,
    and none of the side of the head above the ear or of the cheek in front of it."""
    from anatomy import pain

    v = pain.pain_mesh().vertices
    ear = sn.ear_vertices(v)
    head = load_head()
    for side, sign in (("right", 1.0), ("left", -1.0)):
        t = head.landmarks[f"tragus_{side}"]
        near = np.abs(v[:, 2] - t[2]) < 30
        tip = int(np.argmax(np.where(near, sign * v[:, 0], -np.inf)))
        assert ear[tip], side  # the auricle's most lateral point
        mine = ear & (np.sign(v[:, 0]) == sign)
        assert mine.sum() >= 30, side
        assert np.all(np.abs(v[mine, 2] - t[2]) < sn.EAR_BOX_MM["up_down"])
        assert np.all(v[mine, 1] < t[1] + sn.EAR_BOX_MM["front"])
    above = (np.abs(v[:, 2] - 60) < 10) & (np.abs(np.abs(v[:, 0]) - 70) < 15)
    assert above.any() and not ear[above].any()


@pytest.mark.parametrize("bad", ["middle", "upper right"])
def test_an_unknown_way_is_refused(bad):
    with pytest.raises(ValueError):
        sn.note_places(_FlatEye(), [[0.0, 0.0, 0.0]], ["x"], [bad], *_plane(20.0),
                       np.zeros(len(_plane(20.0)[0]), bool))
