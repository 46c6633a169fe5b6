"""The dorsal/ventral rami schematic (anatomy.viz.rami_views): geometry and layout."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from anatomy.references import get_reference
from anatomy.viz import mpl2d, rami_views


@pytest.fixture(scope="module")
def figure():
    fig = rami_views.rami_figure()
    yield fig
    fig.close()


def test_roots_join_into_the_spinal_nerve_which_splits_into_the_two_rami():
    p = rami_views.nerve_paths()
    start = p["spinal_nerve"][0]
    assert np.allclose(p["dorsal_root"][-1], start) and np.allclose(p["ventral_root"][-1], start)
    end = p["spinal_nerve"][-1]
    assert np.allclose(p["dorsal_ramus"][0], end) and np.allclose(p["ventral_ramus"][0], end)
    fork = p["dorsal_ramus"][-1]
    assert np.allclose(p["medial_branch"][0], fork) and np.allclose(p["lateral_branch"][0], fork)


def test_dorsal_ramus_runs_back_and_ventral_ramus_forward_and_out():
    """+y is anterior: the dorsal ramus and its medial branch end behind where the
    spinal nerve divides, the ventral ramus in front of it and further lateral."""
    p = rami_views.nerve_paths()
    split = p["spinal_nerve"][-1]
    assert p["dorsal_ramus"][-1, 1] < split[1] and p["medial_branch"][-1, 1] < -3
    assert p["ventral_ramus"][-1, 1] > split[1] and p["ventral_ramus"][-1, 0] > split[0]
    # the medial branch (GON at C2) ends nearer the midline than the lateral branch
    assert abs(p["medial_branch"][-1, 0]) < abs(p["lateral_branch"][-1, 0])


def test_the_two_sides_mirror_each_other():
    right, left = rami_views.nerve_paths(), rami_views.nerve_paths(mirror=True)
    assert set(right) == set(rami_views.SEGMENTS) == set(left)
    for key in right:
        assert np.allclose(left[key], right[key] * [-1, 1])


def test_figure_has_alt_text_source_and_colour_coded_rami(figure):
    alt = figure.alt.lower()
    for word in ("dorsal ramus", "ventral ramus", "greater occipital", "third occipital",
                 "lesser occipital", "great auricular", "cervical plexus", "not to scale"):
        assert word in alt, word
    texts = [t.get_text() for t in figure.figure.findobj(match=lambda a: hasattr(a, "get_text"))]
    assert any(get_reference("grays1918").short in t for t in texts)
    colours = {line.get_color() for line in figure.figure.axes[0].get_lines()}
    assert {rami_views.DORSAL, rami_views.VENTRAL, rami_views.ROOT} <= colours


def test_no_label_is_cut_off(figure):
    """Every text lies inside the figure (labels at the sides once ran off the edge)."""
    canvas = FigureCanvasAgg(figure.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = canvas.get_width_height()
    ax = figure.figure.axes[0]
    for text in [*ax.texts, *figure.figure.texts]:
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, \
            text.get_text()


def test_png_is_deterministic():
    a, b = rami_views.rami_figure(), rami_views.rami_figure()
    assert a.png_bytes() == b.png_bytes()
    assert isinstance(a, mpl2d.StaticFigure)


def _leader(figure, label: str) -> mpl2d.Leader:
    """The leader line of the label ``label`` (it ends at the label's anchor)."""
    ax = figure.figure.axes[0]
    text = next(t for t in ax.texts if t.get_text() == label)
    return next(a for a in ax.lines if isinstance(a, mpl2d.Leader)
                and np.allclose(a.end, text.get_position()))


def _degrees(v) -> float:
    return float(np.degrees(np.arctan2(v[1], v[0])))


def test_leaders_into_tight_places_read_as_leaders(figure):
    """The ventral root's leader comes from above but slants: straight down over the
    vertebral body it read as a seam in the bone (review 26)."""
    root = _leader(figure, "ventral root")
    first = root.via[-1] - root.start      # from the root up to the elbow
    assert 15 <= abs(90 - abs(_degrees(first))) <= 45, _degrees(first)


def _clearance_pt(figure, leader: mpl2d.Leader, path: np.ndarray, skip_pt: float) -> float:
    """The least distance, in points, between a leader (past its first ``skip_pt``
    points) and a nerve's centre line."""
    fig = figure.figure
    to_pt = fig.axes[0].transData.transform
    scale = 72 / fig.dpi
    corners = to_pt(np.r_[[leader.start], leader.via, [leader.end]]) * scale
    line = np.vstack([np.linspace(a, b, 400) for a, b in zip(corners[:-1], corners[1:])])
    line = line[np.hypot(*(line - corners[0]).T) > skip_pt]
    nerve = to_pt(path) * scale
    a, b = nerve[:-1], nerve[1:]
    ab = b - a
    t = np.clip(np.einsum("kij,ij->ki", line[:, None] - a, ab) / (ab * ab).sum(1), 0, 1)
    return float(np.hypot(*(line[:, None] - (a + t[..., None] * ab)).T).min())


RIGHT_LABELS = {  # the right column's labels and the nerve each one names
    "spinal nerve\n(roots joined)": "spinal_nerve",
    "VENTRAL RAMUS\nto the front": "ventral_ramus",
    "C1-C4 ventral rami\nform the cervical\nplexus: LON, great\nauricular nerve": None,
    "DORSAL RAMUS\nto the back": "dorsal_ramus",
    "lateral branch\n(to muscles)": "lateral_branch",
    "medial branch to\nmuscles and skin:\nC2: GON, C3: TON": "medial_branch",
}


@pytest.mark.parametrize("label", RIGHT_LABELS)
def test_a_nerve_leader_touches_no_other_nerve(figure, label):
    """A leader to a nerve keeps clear of every other nerve's stroke (3.2 points wide
    with its outline, 2.5 points either side of its centre): from the trunk's end into
    the fork, the spinal nerve's leader ran across the dorsal ramus's start, and on a
    slide it pointed at the fork or at the dorsal ramus (review 27). The first 6 points
    of a leader, where it leaves its own nerve, are not measured."""
    leader = _leader(figure, label)
    own = RIGHT_LABELS[label]
    for key, path in rami_views.nerve_paths().items():
        if key != own:
            assert _clearance_pt(figure, leader, path, skip_pt=6.0) >= 3.5, (label, key)


def test_stacked_labels_stay_apart(figure):
    """The right column's labels, two or three in one colour, keep at least 4 points
    between their boxes: at 2.4 points "lateral branch (to muscles)" and "medial branch to
    ..." read as one five-line label in the same blue (review 27). (The left column's
    labels are black, each one structure, 2 points apart.)"""
    canvas = FigureCanvasAgg(figure.figure)
    canvas.draw()
    r = canvas.get_renderer()
    pt = 72 / figure.figure.dpi
    ax = figure.figure.axes[0]
    for side in (1,):
        boxes = sorted((t.get_window_extent(r) for t in ax.texts
                        if t.get_bbox_patch() is not None
                        and np.sign(t.get_position()[0]) == side
                        and abs(t.get_position()[0]) >= rami_views.LABEL_X),
                       key=lambda b: -b.y1)
        assert len(boxes) == 6, side
        gaps = [(upper.y0 - lower.y1) * pt for upper, lower in zip(boxes, boxes[1:])]
        assert min(gaps) >= 4, (side, np.round(gaps, 1))
