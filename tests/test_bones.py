"""Bones measured on their meshes: C1-C3 against published morphometry (mean +/- 2 SD),
the skull against the soft-tissue depths it is built from, markings on the bone surface,
and the bones against the landmarks, muscles and nerves that rely on them."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import load_head, surface
from anatomy import structures as st
from anatomy.structures import skull, vertebrae


@pytest.fixture(scope="module")
def bones():
    return st.load_structures(layer="bone")


@pytest.fixture(scope="module")
def structures_all():
    return st.load_structures()


@pytest.fixture(scope="module")
def points():
    return st.structure_points()


def _dim(key):
    return st.dimensions()[key]


def _within_2sd(measured, key):
    d = _dim(key)
    assert d.sd is not None and not d.derived, key
    assert abs(measured - d.value) <= 2 * d.sd, (key, measured, d.value, d.sd)


def _hit(s, origin, direction):
    return surface.ray_hit(s.vertices, s.faces, np.asarray(origin, float), direction)


def _span(s, centre, axis):
    """Distance between the first faces met going both ways along ``axis`` from ``centre``."""
    d = np.eye(3)[axis]
    a, b = _hit(s, centre, d), _hit(s, centre, -d)
    assert a is not None and b is not None
    return float(np.linalg.norm(a - b))


# ------------------------------------------------------------------------ the vertebrae

def test_atlas_canal_from_the_mesh(bones, points):
    atlas = bones["atlas"]
    c = points["c1_centre"] + [0.013, 0.0, 0.0]
    _within_2sd(_span(atlas, c, 1), "atlas_canal_depth")      # anterior to posterior arch
    _within_2sd(_span(atlas, c, 0), "atlas_canal_width")      # between the lateral masses


def test_atlas_outer_sizes_from_the_mesh(bones):
    v = bones["atlas"].vertices
    width = v[:, 0].max() - v[:, 0].min()
    # two dry-bone series give 69.4 (Gosavi 2012) and 72.5 mm (Rekha 2016) between the tips
    assert 69.4 - 1.0 <= width <= 72.5 + 1.0
    mid = v[np.abs(v[:, 0]) < 6]
    assert abs((mid[:, 1].max() - mid[:, 1].min()) - _dim("atlas_depth").value) < 1.5


def test_atlas_arches_lateral_masses_and_foramina(bones, points):
    atlas = bones["atlas"]
    c = points["c1_centre"]
    # a ray from the canal forward meets the anterior arch, backward the posterior arch
    front, back = _hit(atlas, c, (0, 1, 0)), _hit(atlas, c, (0, -1, 0))
    assert front[1] > c[1] + 10 and back[1] < c[1] - 10
    for side in (1, -1):
        hole = points["c1_foramen_transversarium_right"] * [side, 1, 1]
        # a vertical ray through the foramen transversarium passes; beside it is bone
        assert _hit(atlas, hole + [0, 0, -30], (0, 0, 1)) is None
        assert _hit(atlas, hole + [0, 4.5, -30], (0, 0, 1)) is not None
        assert _hit(atlas, hole + [0, -4.5, -30], (0, 0, 1)) is not None
        mass = points["c1_lateral_mass_right"] * [side, 1, 1]
        assert st.inside_structure("atlas", [mass])[0]


def test_axis_dens_and_canal_from_the_mesh(bones, points):
    axis = bones["axis"]
    v = axis.vertices
    g = vertebrae._axis_geo()
    # dens height: tip above the upper surface of the body (at the superior facets)
    shoulders = v[(np.abs(v[:, 0]) > 9) & (np.abs(v[:, 0]) < 14)
                  & (np.abs(v[:, 1] - g["dens_y"]) < 6)]
    _within_2sd(v[:, 2].max() - shoulders[:, 2].max(), "dens_height")
    assert np.hypot(*(v[v[:, 2].argmax(), :2] - points["c2_dens_tip"][:2])) < 3
    c = np.array([0.013, (vertebrae._BODY_Y - g["db"] + g["canal_back"]) / 2, g["zb"] - 2.0])
    _within_2sd(_span(axis, c, 1), "axis_canal_depth")         # body to laminae
    _within_2sd(_span(axis, c + [0, 6, 3], 0), "axis_canal_width")   # between the pedicles
    _within_2sd(np.ptp(v[np.abs(v[:, 0]) < 3][:, 1][v[np.abs(v[:, 0]) < 3][:, 1] > -22]),
                "c2_body_depth")


def test_axis_spinous_process_is_bifid(bones, points):
    axis = bones["axis"]
    z = points["c2_spinous_tip_right"][2]
    tips = [_hit(axis, (x, -90, z), (0, 1, 0)) for x in (4.6, -4.6)]
    notch = _hit(axis, (0.013, -90, z), (0, 1, 0))
    assert all(t is not None and t[1] < -51 for t in tips)
    assert notch is None or notch[1] > tips[0][1] + 2.0       # a notch between the tubercles
    assert points["c2_spinous_process"][1] > tips[0][1] + 2.0


def test_c3_recognisable(bones, points):
    c3 = bones["c3"]
    body = points["c3_body"]
    assert st.inside_structure("c3", [body])[0]
    # canal behind the body, closed by the laminae; foramina transversaria beside the body
    canal = np.array([0.013, body[1] - _dim("c2_body_depth").value / 2 - 5, body[2] - 2])
    assert not st.inside_structure("c3", [canal])[0]
    assert _hit(c3, canal, (0, -1, 0)) is not None and _hit(c3, canal, (0, 1, 0)) is not None
    a = _dim("c3_canal_width").value / 2
    hole = np.array([a + 3.5, vertebrae._BODY_Y - 1.5, body[2] - 30])
    assert _hit(c3, hole, (0, 0, 1)) is None
    assert points["c3_spinous"][2] < points["c2_spinous"][2] - 15


def test_c3_to_c6_spinous_processes_are_bifid(bones, points):
    """C3-C6's spinous processes end in two tubercles (Gray's), as the axis's does: seen
    from behind, a ray at each tubercle meets bone at the tip, and one in the midline
    goes through the notch below it or meets bone 1.5 mm or more deeper. At 4 mm cells
    C4-C6's tubercles ran into one flat tip."""
    for n in (3, 4, 5, 6):
        bone = bones["c3" if n == 3 else "c4_c7"]
        tip = points["c3_spinous"] if n == 3 else points[f"c{n}_spinous_tip"]
        half_gap = vertebrae.LEVELS[n][3]
        for dz, deeper in ((-2.0, None), (0.0, 1.5)):
            z = tip[2] + dz
            tubercles = [_hit(bone, (x, -150.0, z), (0, 1, 0)) for x in (half_gap, -half_gap)]
            assert all(t is not None and t[1] < tip[1] + 2.0 for t in tubercles), (n, dz)
            notch = _hit(bone, (0.013, -150.0, z), (0, 1, 0))
            if deeper is None:
                assert notch is None, (n, dz)
            else:
                assert notch is not None and notch[1] > tubercles[0][1] + deeper, (n, dz)


def test_c4_to_c7_continue_the_column_below_c3(bones, points):
    """With only the bones shown, the spine ended at C3 and the shoulder girdle hung 10 cm
    below it (review). C4-C7 are four separate vertebrae, each a body height and a disc
    below the one above, with a canal behind its body; the column runs back as the neck
    does; C7's spinous process (the vertebra prominens) is the longest and single; all lie
    under the skin, and C4's posterior tubercle (levator scapulae's lowest slip) is on
    its bone."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    low = bones["c4_c7"]
    e = np.vstack([low.faces[:, [0, 1]], low.faces[:, [1, 2]], low.faces[:, [2, 0]]])
    g = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(len(low.vertices),) * 2)
    assert connected_components(g, directed=False)[0] == 4
    step = _dim("vertebral_body_height").value + _dim("intervertebral_disc_height").value
    bodies = [points["c3_body"]] + [points[f"c{n}_body"] for n in vertebrae.LOWER_LEVELS]
    for upper, lower in zip(bodies, bodies[1:]):
        assert lower[2] == pytest.approx(upper[2] - step)
        assert lower[1] <= upper[1]                       # the column runs back going down
    for n in vertebrae.LOWER_LEVELS:
        body = points[f"c{n}_body"]
        assert st.inside_structure("c4_c7", [body])[0], n
        canal = body - [0.0, _dim("c2_body_depth").value / 2 + 6.0, 2.0] + [0.013, 0, 0]
        assert not st.inside_structure("c4_c7", [canal])[0], n
        assert _hit(low, canal, (0, -1, 0)) is not None, n  # closed behind by the laminae
    reach = [points[f"c{n}_body"][1] - points[f"c{n}_spinous_tip"][1]
             for n in vertebrae.LOWER_LEVELS]
    assert reach[-1] == max(reach) and reach[-1] > reach[-2] + 5
    tip = points["c7_spinous_tip"]
    assert _hit(low, (0.013, -120.0, tip[2]), (0, 1, 0))[1] < tip[1] + 3.0  # single tip
    assert st.skin_depth(low.vertices).min() > 8.0
    from anatomy.skin import Skin

    for n in (3, 4):  # on the tip of the transverse process, as C3's is (1 mm off)
        key, bone = f"c{n}_posterior_tubercle_right", bones["c3" if n == 3 else "c4_c7"]
        on = Skin(bone.vertices, bone.faces).closest(np.array([points[key]]))[0]
        assert np.linalg.norm(on - points[key]) < 1.5, key


@pytest.mark.parametrize("bone", ["atlas", "axis", "c3", "mandible_right", "occipital_bone",
                                  "mastoid_process_right", "clavicle_right", "scapula_right"])
def test_each_bone_one_closed_mesh(bones, bone):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    s = bones[bone]
    f = s.faces
    e = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    # vertex clustering (to keep the figures light) leaves a few pinholes and pinched edges
    assert (counts == 2).mean() > 0.93, "watertight enough (edges shared by two faces)"
    g = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(len(s.vertices),) * 2)
    assert connected_components(g, directed=False)[0] == 1
    assert len(f) < 2600, "lean enough for the notebook budgets"


def test_morphometry_records_carry_mean_sd_and_source():
    for key in ("atlas_canal_depth", "atlas_canal_width", "axis_canal_depth",
                "axis_canal_width", "dens_height", "c2_body_depth"):
        d = _dim(key)
        assert d.sd and d.sd > 0 and not d.derived and d.references, key
        assert f"{d.value:g}" in d.note or f"{d.value:.2f}" in d.note, key


# ------------------------------------------------------------------------ the skull

def test_skull_thickness_at_landmarks(bones):
    """Skin landmark to bone along the inward skin normal = the tabulated depth."""
    from anatomy.structures.frame import _skin_frame

    table = skull.tissue_depths()
    owner = {"inion": "occipital_bone", "mastoid": "mastoid_process_right",
             "gonion": "mandible_right", "tmj": "mandible_right", "menton": "mandible_right"}
    tol = {"inion": 1.0, "mastoid": 2.0, "gonion": 2.5, "tmj": 2.0, "menton": 2.5}
    for name, bone in owner.items():
        skin_pt, depth = table[name]
        foot, normal = _skin_frame([skin_pt])
        s = bones[bone]
        hit = _hit(s, foot[0] + 0.5 * normal[0], -normal[0])
        gap = (np.linalg.norm(hit - foot[0]) if hit is not None
               else np.linalg.norm(s.vertices - foot[0], axis=1).min())
        assert abs(gap - depth) <= tol[name], (name, gap, depth)


def test_skull_inside_skin_and_behind_the_ears(bones):
    from anatomy import shell

    v = bones["occipital_bone"].vertices
    # under the drawn skin by more than the thinnest scalp; under the model's skin too,
    # where the brow's lateral end comes closest to the model's eye socket
    drawn = shell._display_query(shell.DISPLAY_MAX_EDGE_MM)
    assert drawn.inside(v).all()
    assert np.linalg.norm(v - drawn.closest(v), axis=1).min() > 3.0
    assert st.skin_depth(v).min() > 1.5
    assert v[:, 2].max() > 100, "the vault reaches up over the parietal bones"
    # the IDW depth field reproduces each landmark's depth at that landmark
    for name, (p, d) in skull.tissue_depths().items():
        if name in ("vertex", "mastoid"):
            assert skull.depth_at([p])[0] == pytest.approx(d, abs=0.3)


def test_occipital_markings_on_the_bone_surface(bones, points):
    occ = bones["occipital_bone"].vertices

    def gap(p):
        return np.linalg.norm(occ - p, axis=1).min()

    for name in ("eop", "foramen_magnum_posterior", "external_occipital_crest",
                 "inferior_nuchal_line_mid_right"):
        assert gap(points[name]) < 1.0, name
    for name in ("superior_nuchal_line_right", "inferior_nuchal_line_right"):
        assert max(gap(p) for p in points[name]) < 1.5, name
    # the EOP stands out: its crest lies nearer the skin than the squama 20-45 mm above it
    upper = occ[(np.abs(occ[:, 0]) < 1) & (occ[:, 2] > points["eop"][2] + 20)
                & (occ[:, 2] < points["eop"][2] + 45) & (occ[:, 1] < -60)]
    assert len(upper)
    assert st.skin_depth([points["eop"]])[0] < st.skin_depth(upper).min() - 0.7


def test_bones_consistent_with_landmarks_and_nerves(points):
    head = load_head()
    inion = head.landmark("inion")
    eop = points["eop"]
    assert abs(eop[2] - inion[2]) < 6 and 4 < st.skin_depth([eop])[0] < 8
    tip = points["mastoid_tip_right"]
    assert abs(2 * tip[0] - _dim("bimastoid_breadth").value) < 1.0
    assert np.allclose(points["mastoid_tip_left"], tip * [-1, 1, 1])
    # foramen magnum above C1's posterior arch, which lies above the C2 lamina: the GON
    # leaves between C1 and C2 and winds round the lower border of OCI below the arch
    from anatomy import nerves as nv

    fm, arch = points["foramen_magnum_posterior"], points["c1_posterior_arch_right"]
    assert fm[2] > points["c1_posterior_tubercle"][2] > points["c2_spinous"][2]
    gon = nv.nerve("GON", "right")
    assert points["c2_lamina_right"][2] < gon.waypoints["origin"][2] < arch[2]
    assert gon.waypoints["oci_lower_border"][2] < arch[2]


def test_mandible_at_the_jaw_pain_spots(bones, points):
    head = load_head()
    for side in ("right", "left"):
        s = 1 if side == "right" else -1
        m = bones[f"mandible_{side}"].vertices
        tmj, gonion = head.landmark(f"tmj_{side}"), head.landmark(f"gonion_{side}")
        cond = points[f"mandible_condyle_{side}"]
        assert np.linalg.norm(cond - tmj) < 25 and cond[0] * s > 40
        assert st.inside_structure(f"mandible_{side}", [cond])[0]
        assert np.linalg.norm(m - gonion, axis=1).min() < 15
        assert m[:, 2].max() > tmj[2] - 3                 # condyle up at the TMJ
        assert m[:, 2].min() < gonion[2] - 5              # the angle below the gonion level
    # the body reaches the chin, where the halves meet under the menton
    right, left = bones["mandible_right"].vertices, bones["mandible_left"].vertices
    chin = points["mandible_symphysis"]
    assert np.linalg.norm(right - chin, axis=1).min() < 3 and abs(chin[0]) < 1e-9
    assert right[:, 0].min() < 0.5 and left[:, 0].max() > -0.5
    assert np.linalg.norm(chin - head.landmark("menton")) < 12


def test_mandible_body_tapers_to_a_rounded_lower_border(points):
    """A cross-section of the body (35% of the way from the angle to the chin) is about
    10 mm thick low down and thinner at the alveolar border, and its lower border is
    rounded: a plate of one thickness with square edges read as a plank (instructor
    review of the structures plate)."""
    ang, sym = points["mandible_angle_right"], points["mandible_symphysis"]
    y = ang[1] + 0.35 * (sym[1] - ang[1])
    xs = np.arange(20.0, 80.0, 0.25)
    width = []
    for z in np.arange(-70.0, -10.0, 1.0):
        inside = st.inside_structure("mandible_right",
                                     np.c_[xs, np.full_like(xs, y), np.full_like(xs, z)])
        width.append(0.25 * inside.sum())
    width = np.trim_zeros(np.array(width))
    assert len(width) > 20                               # the body's height, mm
    thickest = int(np.argmax(width))
    assert 9.0 <= width.max() <= 12.0 and thickest < len(width) / 3
    assert width[-3] <= width.max() - 2.0                # thinner at the top
    assert width[0] <= width.max() / 2                   # the lower border is rounded


def test_contract_names_for_the_muscles(points):
    for name in ("c1_posterior_tubercle", "c1_transverse_process_left",
                 "c1_transverse_process_right", "c2_spinous_process", "c2_lamina_left",
                 "c2_lamina_right", "c3_spinous_process", "eop", "superior_nuchal_line_right",
                 "superior_nuchal_line_left", "inferior_nuchal_line_right",
                 "inferior_nuchal_line_left", "mastoid_tip_right", "mastoid_tip_left",
                 "foramen_magnum_posterior", "c1_transverse_tip_right", "c2_spinous_tip_right",
                 "mastoid_tip_bone_right", "opisthion"):
        assert name in points, name
    bone = skull._squama_bone_grid()
    assert bone["grid"].shape == (21, 11, 3)          # rows: 6 = SNL, 8 = INL, 10 = opisthion
    assert np.allclose(bone["grid"][:, 8], bone["inl"])
    assert np.linalg.norm(bone["grid"][:, 6] - bone["snl"], axis=1).max() < 2.5


def test_bones_figure_shows_bones_and_landmarks():
    from anatomy.viz import bone_views, plotly3d

    kf = bone_views.bones_figure()
    data = kf.figure["data"]
    names = [t["name"] for t in data]
    assert "Atlas (C1)" in names and "Mandible (condyle, ramus, angle, body)" in names
    assert "Nuchal lines" in names and "Bony landmarks" in names
    marks = [t for t in data if t["name"] == "Bony landmarks"][0]
    assert "EOP" in list(marks["hovertext"]) and "C2 spinous (bifid)" in list(marks["hovertext"])
    assert plotly3d.json_size(kf.figure) < 400_000
    assert "nuchal lines" in kf.alt and "atlas" in kf.alt


def test_bones_figure_names_in_each_view_what_it_sees():
    """Each view of the menu names the landmarks that view sees, where their text is not
    behind a bone: from behind the EOP, C1 and C3, from the right not the left mastoid
    (one set of names for every view piled them at the neck, and names of landmarks
    behind the skull showed through it). The menu offers no view from the front or above,
    where the vault shows open (the face and skull base are not built)."""
    from anatomy.viz import bone_views

    fig = bone_views.bones_figure().spec
    menu = [m for m in fig["layout"]["updatemenus"] if m.get("name") == "view"][0]
    marks = [t for t in fig["data"] if t["name"] == "Bony landmarks"][0]
    assert marks["mode"] == "markers"     # named on the page, not in 3D text
    shown = {}
    for b in menu["buttons"]:
        notes = b["args"][0]["scene.annotations"]
        # page text on a white box, on a leader line from its landmark's dot
        assert all(n["bgcolor"].startswith("rgba(255,255,255") and n["showarrow"]
                   for n in notes)
        shown[b["label"]] = {n["text"] for n in notes}
        assert len(shown[b["label"]]) == len(notes)
    assert {"EOP", "C1 posterior tubercle", "C3"} <= shown["posterior"]
    assert set(shown) == {v.replace("_", " ") for v in bone_views.BONE_VIEWS}
    assert "anterior" not in shown and "superior" not in shown
    with pytest.raises(ValueError, match="view of the bones 'anterior'.*posterior, left"):
        bone_views.bones_figure(view="anterior")
    assert {"angle of mandible", "C1 posterior tubercle"} <= shown["right"]
    assert "mastoid" not in shown["right"] and "mastoid" in shown["left"]
    assert {"C1 posterior tubercle", "C2 spinous (bifid)", "EOP", "C3"} <= shown[
        "posterolateral right"]
    assert all(len(shown[k]) >= 4 for k in ("posterior", "posterolateral left",
                                            "posterolateral right")), shown
    # the figure opens on its view's names, and the menu shows that view as chosen
    assert menu["buttons"][menu["active"]]["label"] == "posterolateral right"
    assert {n["text"] for n in fig["layout"]["scene"]["annotations"]} == shown[
        "posterolateral right"]


def test_vertebral_artery_lies_in_its_groove_on_the_atlas(bones, structures_all, points):
    """The groove is carved under the artery's path: over the posterior arch the artery's
    floor meets bone within half a millimetre, and the bone left under the groove is about
    Ebraheim's 4 mm; the arch medial to the groove stands higher than the groove floor."""
    atlas = bones["atlas"]
    va = structures_all["vertebral_artery_right"]
    r = va.radius_mm
    over = va.path[(va.path[:, 0] > 13.5) & (va.path[:, 0] < 18.0) & (va.path[:, 1] < -28)]
    assert len(over) >= 2
    for q in over:
        floor = _hit(atlas, q, (0, 0, -1))
        assert floor is not None and abs(q[2] - floor[2] - r) < 0.6, (q, floor)
    thickness = _dim("va_groove_bone_thickness").value
    for q in points["c1_va_groove_floor_right"][2:-1]:
        top, bottom = _hit(atlas, q + [0, 0, 8], (0, 0, -1)), _hit(atlas, q - [0, 0, 12], (0, 0, 1))
        assert abs((top[2] - bottom[2]) - thickness) < 1.0
    medial = points["c1_va_groove_floor_right"][-1] * [0.4, 1, 1] + [0, -2.0, 0]
    arch_top = _hit(atlas, medial + [0, 0, 10], (0, 0, -1))
    assert arch_top[2] > points["c1_va_groove_floor_right"][2:, 2].max() + 1.0


def test_atlas_foramina_transversaria_open_to_their_cited_size(bones, points):
    """Vertical rays through the oval foramen miss the bone inside its cited half-diameters
    (Kaur 2023) less 1 mm, on both sides; 1 mm outside them they meet bone."""
    atlas = bones["atlas"]
    half_ap = _dim("atlas_foramen_transversarium_ap").value / 2
    half_tr = _dim("atlas_foramen_transversarium_transverse").value / 2
    for side in (1, -1):
        c = points["c1_foramen_transversarium_right"] * [side, 1, 1] + [0, 0, -30]
        for off in ([0, 0, 0], [0, half_ap - 1, 0], [0, 1 - half_ap, 0],
                    [half_tr - 1, 0, 0], [1 - half_tr, 0, 0]):
            assert _hit(atlas, c + off, (0, 0, 1)) is None, (side, off)
        for off in ([0, half_ap + 1, 0], [0, -half_ap - 1, 0]):
            assert _hit(atlas, c + off, (0, 0, 1)) is not None, (side, off)


def test_vault_is_closed_from_the_brow_to_the_nuchal_lines(bones, head):
    """The drawn vault is a whole calvaria, not a bowl open in front: rays from inside the
    skull meet bone in every direction over the top, the front and the back; in front it
    reaches the brow (under the glabella at the scalp's depth); laterally the temporal
    squama continues it down to the jaw joint and the mastoid, so neither floats."""
    occ = bones["occipital_bone"]
    v = occ.vertices
    centre = np.array([0.0, -10.0, 25.0])
    for alpha in np.radians(np.arange(-5, 176, 15)):          # back, over the top, front
        for beta in np.radians((-25, 0, 25)):
            d = [np.sin(beta), -np.cos(beta) * np.cos(alpha), np.cos(beta) * np.sin(alpha)]
            assert _hit(occ, centre, d) is not None, (np.degrees(alpha), np.degrees(beta))
    for d in ((0, 0, -1), (1, 0, 0), (-1, 0, 0), (0.6, 0.8, -0.3), (0, 1, -0.5)):
        assert _hit(occ, centre, d) is not None, d            # closed below: a solid
    from anatomy.structures.frame import _skin_frame

    glabella = head.landmark("glabella")
    foot, normal = _skin_frame([glabella])
    hit = _hit(occ, foot[0] + 0.5 * normal[0], -normal[0])   # bone under the brow's skin
    assert hit is not None and 3.0 < np.linalg.norm(hit - foot[0]) < 10.0
    assert _hit(occ, glabella + [0, -40, -25], (0, 1, 0)) is None  # open below the brow
    temple = v[(np.abs(v[:, 0]) > 40) & (v[:, 1] > 40)]
    assert temple[:, 2].min() < glabella[2] - 15               # down to the orbit's side
    tragus = head.landmark("tragus_right")
    assert np.linalg.norm(v - tragus, axis=1).min() > 12          # medial to the ear canal
    over_ear = v[(np.abs(v[:, 0]) > 40) & (np.abs(v[:, 1] - tragus[1]) < 5)]
    assert over_ear[:, 2].min() < tragus[2] + 8                   # down to the canal's level
    for side in ("right", "left"):
        condyle = bones[f"mandible_{side}"].vertices
        top = condyle[np.argmax(condyle[:, 2])]
        hit = _hit(occ, top, (0, 0, 1))                       # the fossa's roof over it
        assert hit is not None and np.linalg.norm(hit - top) < 5, side
        # the mastoid's base (9 mm round) reaches into the squama: they are one bone
        sign = 1.0 if side == "right" else -1.0
        base = skull.mastoid()[1]["mastoid_base_right"] * [sign, 1, 1]
        hit = _hit(occ, base, (sign, 0, 0))
        assert hit is not None and np.linalg.norm(hit - base) < 9, side


def test_temporal_squama_continues_the_vault(bones, neighbour_cosines):
    """The side of the skull is one surface from the vault down over the ear: no two
    neighbouring faces there face opposite ways. The squama was a plate hung from the
    vault's lower edge, and from the side it read as a flap with the vault's rim and base
    showing behind it (folds of up to 180 degrees where the two met, behind the ear)."""
    occ = bones["occipital_bone"]
    v = np.asarray(occ.vertices, float)
    cos, mid = neighbour_cosines(v, occ.faces)
    # the temple and over and behind the ear (in front, the squama's rim meets the base)
    side = (np.abs(mid[:, 0]) > 40) & (mid[:, 2] > 0) & (mid[:, 1] < 50)
    assert side.sum() > 100
    assert cos[side].min() > -0.5, mid[side][np.argmin(cos[side])]
    # and it reaches the squama's lower border at the roof of the jaw joint
    assert v[(np.abs(v[:, 0]) > 50) & (np.abs(v[:, 1] - 25) < 6)][:, 2].min() < 10


# ------------------------------------------------------------------- the shoulder girdle

def _clavicle_chord(points):
    path = points["clavicle_path_right"]
    d = path[-1] - path[0]
    d[2] = 0.0
    return path, d / np.linalg.norm(d)


def test_clavicle_length_and_shaft_from_the_mesh(bones, points):
    """End to end along its line, and across its shaft at the middle, the clavicle's mesh
    lies within the published mean +/- 2 SD (Yang 2017, CT of 100 clavicles)."""
    c = bones["clavicle_right"]
    path, along = _clavicle_chord(points)
    proj = c.vertices @ along
    _within_2sd(proj.max() - proj.min(), "clavicle_length")
    mid = path[len(path) // 2]
    tangent = path[len(path) // 2 + 1] - path[len(path) // 2 - 1]
    ring = surface.plane_section(c.vertices, c.faces, mid, tangent)
    ring = ring[np.linalg.norm(ring - mid, axis=1) < 20]
    across = max(np.linalg.norm(a - b) for a in ring for b in ring)
    _within_2sd(across, "clavicle_middle_diameter")


def test_clavicle_is_an_s_bowed_forward_then_back(points):
    """Seen from above, the medial two-thirds bow forward of the line joining the ends and
    the lateral third bows back (Gray's), each by about the derived curve depth."""
    path, along = _clavicle_chord(points)
    ahead = np.array([-along[1], along[0], 0.0])
    ahead = ahead if ahead[1] > 0 else -ahead
    off = (path - path[0]) @ ahead
    n = len(path)
    medial, lateral = off[1:2 * n // 3 - 1], off[2 * n // 3 + 1:-1]
    depth = st.dimensions()["clavicle_curve_depth"].value
    assert (medial > 0).all() and (lateral < 0).all(), off.round(1)
    assert abs(medial.max() - depth) < 3 and abs(-lateral.min() - depth) < 4, off.round(1)


def test_shoulder_bones_meet_at_the_acromioclavicular_joint(bones, points):
    """The clavicle's lateral end lies a joint space from the acromion, not in it; both
    bones stay under the skin (the clavicle and acromion are subcutaneous: Gray's)."""
    c, s = bones["clavicle_right"], bones["scapula_right"]
    near = surface.closest_points(s.vertices, s.faces, c.vertices)
    gap = np.linalg.norm(near - c.vertices, axis=1).min()
    assert 0.5 < gap < 5.0, gap
    assert not surface.inside_mesh(s.vertices, s.faces, c.vertices).any()
    # the clavicle's cover is thin where the model's skin, without a clavicular ridge,
    # lies low over the upper chest (2 mm there, 4 mm elsewhere: shoulder._clavicle_path)
    for b, (lo, hi) in ((c, (1.5, 6.0)), (s, (3.0, 8.0))):
        depth = st.skin_depth(b.vertices)
        assert lo < depth.min() < hi, (b.id, depth.min())
    # the acromion tops the shoulder, lateral to the clavicle's end
    acromion = points["acromion_bone_right"]
    assert acromion[0] > points["clavicle_acromial_end_right"][0]
    assert np.linalg.norm(acromion - load_head().landmarks["acromion_right"]) < 15


def test_bones_figure_leaves_the_shoulder_girdle_out():
    from anatomy.viz import bone_views

    names = {t["name"] for t in bone_views.bones_figure().spec["data"]}
    assert not any(n.startswith(("Clavicle", "Scapula")) for n in names), names
