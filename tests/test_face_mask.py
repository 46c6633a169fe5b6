"""The opaque face mask of the see-through figures (``head_views.face_mask``)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import load_head
from anatomy import nerves as nv
from anatomy.viz.head_views import FACE_BOX, cropped_skin, face_split
from anatomy.viz.head_views import face_mask as fm


def _area(v, f):
    t = np.asarray(v, float)[np.asarray(f)]
    return 0.5 * np.linalg.norm(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]), axis=1).sum()


def _rim(v, f):
    """The vertices on edges that only one triangle uses."""
    f = np.asarray(f)
    e = np.sort(np.r_[f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]], axis=1)
    uniq, count = np.unique(e, axis=0, return_counts=True)
    return np.asarray(v)[np.unique(uniq[count == 1])]


@pytest.fixture(scope="module")
def split():
    v, f = cropped_skin(load_head())
    return (v, f), *face_split(v, f)


def test_the_face_and_the_see_through_skin_make_up_the_skin(split):
    (v, f), (sv, sf), (fv, ff), _ = split
    assert _area(sv, sf) + _area(fv, ff) == pytest.approx(_area(v, f), rel=1e-6)
    # (the cut follows the box linearly along each edge: 0.1 of its implicit value)
    assert (fm._inside_box(sv) < 0.1).all() and (fm._inside_box(fv) > -0.1).all()
    assert _area(fv, ff) > 0.1 * _area(v, f)


def test_the_mask_is_closed_behind_the_face(split):
    """The cap starts on the face's own rim and the see-through skin's cut is the same
    line: from behind or below the mask reads as a cut, with no slit to look into the
    face through (a cap cut from the box's surface left slits of up to 3.7 mm at the brow,
    where the skull vault showed through, review 13)."""
    from anatomy.shell import boundary_loops
    from anatomy.skin import Skin

    _, skin, face, cap = split
    (loop,) = boundary_loops(face[1])
    rim = face[0][loop]
    assert np.array_equal(cap[0][:len(rim)], rim)
    assert len(boundary_loops(cap[1])) == 1      # the cone has no hole at its middle
    assert boundary_loops(fm._closed(face, cap)[1]) == []   # the mask is watertight
    skin_rim = _rim(*skin)
    skin_rim = skin_rim[np.abs(fm._inside_box(skin_rim)) < 0.1]   # not the crop's edges
    for points, mesh in ((skin_rim, face), (rim, skin)):
        gap = np.linalg.norm(Skin(*mesh).closest(points) - points, axis=1)
        assert gap.max() < 0.01, gap.max()


def test_the_mask_covers_the_face_and_nothing_the_nerves_need():
    """In front of the jaw joint, from the brow to below the chin: the face's landmarks lie
    in it, the ear, mastoid, occiput and vertex do not; no occipital nerve, no great
    auricular nerve and no muscle passes through it. Of the bones only the mandible (its
    ramus's back shows behind the mask) and the front of the skull vault's temporal plate
    do."""
    from anatomy.structures import load_structures

    head = load_head()
    lm = head.landmarks
    for name in ("nasion", "menton"):
        assert fm._inside_box([lm[name]])[0] > 0, name
    for name in ("glabella", "vertex", "inion", "tragus_right", "mastoid_right",
                 "c7_spinous", "suprasternal_notch", "tmj_right"):
        assert fm._inside_box([lm[name]])[0] < 0, name
    for side in ("right", "left"):
        for n in nv.NAMES:
            assert (fm._inside_box(nv.nerve(n, side).path) < 0).all(), (n, side)
    inside = set()
    for s in load_structures().values():
        pts = np.asarray(s.path) if s.path is not None else s.vertices
        if (fm._inside_box(pts) > 0).any():
            inside.add(s.base)
    assert inside == {"mandible", "occipital_bone"}, inside
    assert FACE_BOX["back_y"] > lm["tmj_right"][1]


def test_all_layers_figure_draws_the_face_opaque_in_the_skin_layer():
    from anatomy.viz import nerve_views

    d = nerve_views.all_layers_figure().spec
    skin = [(i, t) for i, t in enumerate(d["data"]) if t.get("legendgroup") == "skin"
            and t["type"] == "mesh3d"]
    assert [t.get("opacity", 1.0) < 1 for _, t in skin] == [True, False]
    assert all(t["meta"]["layer"] == "skin" for _, t in skin)
    assert [t["showlegend"] for _, t in skin] == [True, False]
    button = next(m for m in d["layout"]["updatemenus"]
                  if m["buttons"][0]["label"] == "Skin")["buttons"][0]
    assert {i for i, _ in skin} <= set(button["args"][1])
