"""The opaque face mask of the see-through figures (``anatomy.face``)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import face as fm
from anatomy import load_head
from anatomy import nerves as nv
from anatomy.shell import boundary_loops, components
from anatomy.viz.head_views import cropped_skin


def _area(v, f):
    t = np.asarray(v, float)[np.asarray(f)]
    return 0.5 * np.linalg.norm(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]), axis=1).sum()


@pytest.fixture(scope="module")
def parts():
    v, f = cropped_skin(load_head())
    return (v, f), *fm.split_by_box(v, f), fm.face_mask()


def test_the_face_and_the_see_through_skin_make_up_the_skin(parts):
    (v, f), (sv, sf), (fv, ff), _ = parts
    assert _area(sv, sf) + _area(fv, ff) == pytest.approx(_area(v, f), rel=1e-6)
    # (the cut follows the box linearly along each edge: 0.1 of its implicit value)
    assert (fm.inside_box(sv) < 0.1).all() and (fm.inside_box(fv) > -0.1).all()
    assert _area(fv, ff) > 0.1 * _area(v, f)


def test_the_mask_is_closed_and_meets_the_see_through_skin(parts):
    """The mask is one watertight surface (its cap, a cone from the face's own rim,
    closes it: a cap cut from the box's surface left slits of up to 3.7 mm at the brow,
    where the skull vault showed through, review 13), and the see-through skin's cut is
    the face's rim, vertex for vertex (the simplified face keeps its rim)."""
    _, (sv, sf), (fv, ff), (mv, mf) = parts
    assert boundary_loops(mf) == []
    (skin_loop,) = [lp for lp in boundary_loops(sf)
                    if np.abs(fm.inside_box(sv[lp])).max() < 0.1]   # not the crop's edges
    (face_loop,) = boundary_loops(ff)
    rim = {tuple(np.round(p, 6)) for p in fv[face_loop]}
    assert {tuple(np.round(p, 6)) for p in sv[skin_loop]} == rim
    assert rim <= {tuple(np.round(p, 6)) for p in mv}
    assert fm.FACE_FACES < len(mf) < len(ff)   # simplified, plus the cap


def test_the_mask_covers_the_face_and_nothing_the_nerves_need():
    """In front of the jaw joint, from the brow to below the chin: the face's landmarks lie
    in it, the ear, mastoid, occiput and vertex do not; no occipital, great auricular or
    suboccipital nerve and no muscle passes through it. Of the bones only the mandible
    (its ramus's back shows behind the mask) and the front of the skull vault's temporal
    plate do."""
    from anatomy.structures import load_structures

    lm = load_head().landmarks
    for name in ("nasion", "menton"):
        assert fm.inside_box([lm[name]])[0] > 0, name
    for name in ("glabella", "vertex", "inion", "tragus_right", "mastoid_right",
                 "c7_spinous", "suprasternal_notch", "tmj_right"):
        assert fm.inside_box([lm[name]])[0] < 0, name
    for side in ("right", "left"):
        for n in nv.NAMES:
            assert (fm.inside_box(nv.nerve(n, side).path) < 0).all(), (n, side)
    inside = set()
    for s in load_structures().values():
        pts = np.asarray(s.path) if s.path is not None else s.vertices
        if (fm.inside_box(pts) > 0).any():
            inside.add(s.base)
    assert inside == {"mandible", "occipital_bone"}, inside
    assert fm.FACE_BOX["back_y"] > lm["tmj_right"][1]


def test_all_layers_figure_draws_the_face_opaque_in_the_skin_layer():
    from anatomy.viz import nerve_views

    d = nerve_views.all_layers_figure().spec
    skin = [(i, t) for i, t in enumerate(d["data"]) if t.get("legendgroup") == "skin"
            and t["type"] == "mesh3d"]
    assert [t.get("opacity", 1.0) < 1 for _, t in skin] == [True, False, False]
    assert [t["name"] for _, t in skin][1:] == ["face (no facial skeleton modelled)",
                                                "auricles"]
    assert all(t["meta"]["layer"] == "skin" for _, t in skin)
    assert [t["showlegend"] for _, t in skin] == [True, False, False]
    button = next(m for m in d["layout"]["updatemenus"]
                  if m["buttons"][0]["label"] == "Skin")["buttons"][0]
    assert {i for i, _ in skin} <= set(button["args"][1])
    # the face at full precision: in whole millimetres it shaded in facets (review 13)
    x = np.asarray(d["data"][skin[1][0]]["x"])
    assert np.issubdtype(x.dtype, np.floating) and not np.all(x == np.round(x))


def test_the_auricles_are_opaque_ears_that_meet_the_see_through_skin(parts):
    """Each ear is drawn opaque, one piece a side, behind the face box; the see-through
    skin leaves its faces out (none drawn twice), and the simplified ears keep their rims,
    which are vertices of the see-through skin: no gap at the ear's root. See-through, an
    ear was a faint pale blob, and "behind the ear" could not be found (review 34)."""
    from anatomy.head import ear_vertices
    from anatomy.viz.head_views import see_through_skin_traces

    _, (sv, sf), _, _ = parts
    av, af = fm.auricles()
    assert fm.AURICLE_FACES * 0.9 <= len(af) <= fm.AURICLE_FACES * 1.1
    assert (fm.inside_box(av) < 0).all()
    for sign in (1, -1):   # a right and a left ear, each one connected piece
        mine = np.where(np.sign(av[:, 0]) == sign)[0]
        faces = af[np.isin(af, mine).all(axis=1)]
        assert len(faces) > 0.4 * len(af) and len(set(components(faces))) == 1, sign
    assert len(set(components(af))) == 2
    traces = see_through_skin_traces(load_head(), 0.2)
    skin, ears = traces[0], traces[2]
    assert ears["name"] == "auricles" and ears.get("opacity", 1.0) == 1.0
    ear_faces = ear_vertices(sv)[sf].all(axis=1)
    assert 300 < ear_faces.sum() and len(skin["i"]) == len(sf) - ear_faces.sum()
    rims = {tuple(np.round(p, 6)) for lp in boundary_loops(af) for p in av[lp]}
    assert len(rims) > 20
    assert rims <= {tuple(np.round(p, 6)) for p in sv}
