"""The suboccipital triangle and its neighbours: connected muscles, attachments on the bone
landmarks they name, the triangle's contents, and the nerves drawn with the structures
(the motor suboccipital nerve has no skin territory)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import structures as st
from anatomy.structures.attachments import (
    attachment_distance,
    attachment_landmark,
    attachment_table,
)

ATTACHMENT_TOLERANCE_MM = 5.0
SUBOCCIPITAL = ("rectus_capitis_posterior_major", "rectus_capitis_posterior_minor",
                "obliquus_capitis_superior", "obliquus_capitis_inferior")


@pytest.fixture(scope="module")
def structures():
    return st.load_structures()


@pytest.fixture(scope="module")
def points():
    return st.structure_points()


def _components(s) -> int:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    f = s.faces
    e = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    g = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(len(s.vertices),) * 2)
    used = np.unique(f)
    _, label = connected_components(g, directed=False)
    return len(np.unique(label[used]))


def test_every_muscle_is_one_connected_mesh(structures):
    muscles = {k: s for k, s in structures.items() if s.layer == "muscle"}
    assert {s.base for s in muscles.values()} >= set(SUBOCCIPITAL) | {
        "semispinalis_capitis", "splenius_capitis", "trapezius", "sternocleidomastoid"}
    for sid, s in muscles.items():
        assert _components(s) == 1, sid


def test_trapezius_is_one_sheet_from_occiput_to_shoulder(structures, head):
    """One continuous sheet from the EOP to the acromion, inside the see-through skin and
    the 3D scene box (plotly clips meshes at the axis ranges: a sheet leaving the box
    showed its acromial end as a floating piece)."""
    from anatomy.viz.head_views import cropped_skin
    from anatomy.viz.nerve_views import SCENE_HI, SCENE_LO

    t = structures["trapezius_right"]
    assert _components(t) == 1
    assert (t.vertices >= SCENE_LO).all() and (t.vertices <= SCENE_HI).all()
    acromion = head.landmark("acromion_right")
    assert np.linalg.norm(t.vertices - acromion, axis=1).min() < 6
    v, _ = cropped_skin(head)
    assert v[:, 2].min() <= t.vertices[:, 2].min() and v[:, 0].max() > t.vertices[:, 0].max()


def _covers_from_behind(s, pts) -> np.ndarray:
    """For each point, whether some face of ``s`` lies over it seen from behind (the
    point inside the face's (x, z) projection, and the face behind the point)."""
    a, b, c = (s.vertices[s.faces[:, k]] for k in range(3))
    out = []
    for p in np.atleast_2d(pts):
        d = (b[:, 0] - a[:, 0]) * (c[:, 2] - a[:, 2]) - (c[:, 0] - a[:, 0]) * (b[:, 2] - a[:, 2])
        ok = np.abs(d) > 1e-9
        d = np.where(ok, d, 1.0)
        u = ((p[0] - a[:, 0]) * (c[:, 2] - a[:, 2]) - (c[:, 0] - a[:, 0]) * (p[2] - a[:, 2])) / d
        w = ((b[:, 0] - a[:, 0]) * (p[2] - a[:, 2]) - (p[0] - a[:, 0]) * (b[:, 2] - a[:, 2])) / d
        y = a[:, 1] + u * (b[:, 1] - a[:, 1]) + w * (c[:, 1] - a[:, 1])
        out.append(bool((ok & (u >= 0) & (w >= 0) & (u + w <= 1) & (y < p[1])).any()))
    return np.array(out)


def test_the_splenii_meet_down_the_midline(structures):
    """Below the middle of the nuchal ligament the two splenii meet at the midline all the
    way to the scene's floor: seen from behind, the right one covers a line 0.3 mm right of
    the midline (its medial edge at 0.6 mm left a 1.2 mm slit that showed white in the 3D
    figure with the trapezius hidden; review)."""
    from anatomy.head import load_head
    from anatomy.viz.nerve_views.scene import SKIN_FLOOR_Z

    z_eop = float(st.frame._frame()["eop"][2])
    z_mid = 0.5 * (z_eop + float(load_head().landmarks["c7_spinous"][2]))
    zs = np.arange(z_mid - 5.0, SKIN_FLOOR_Z + 1.0, -4.0)
    line = np.c_[np.full(len(zs), 0.3), np.zeros(len(zs)), zs]   # in front of the sheet
    covered = _covers_from_behind(structures["splenius_capitis_right"], line)
    assert covered.all(), zs[~covered]


def test_trapezius_covers_levator_scapulae_insertion(structures, points):
    """Seen from behind, the trapezius's middle fibres (from the upper thoracic spines to
    the spine of the scapula) cover the levator's insertion on the scapula: with the upper
    fibres alone, the levator's lower end stuck out under the trapezius's edge, ending in
    nothing."""
    from anatomy.viz.nerve_views.scene import SKIN_FLOOR_Z

    t, lev = structures["trapezius_right"], structures["levator_scapulae_right"]
    z = lev.vertices[:, 2]
    # its lower end, above the skin's cut (where both muscles end; the levator's slab
    # reaches 0.3 mm below it)
    low = lev.vertices[(z < points["scapula_superior_angle_right"][2] + 10)
                       & (z > SKIN_FLOOR_Z + 0.5)]
    assert len(low) > 10
    assert _covers_from_behind(t, low).all()
    assert _covers_from_behind(t, points["scapula_superior_angle_right"]).all()
    # the sheet reaches the spinous processes below C7 and stops at the skin's cut
    mid = t.vertices[t.vertices[:, 0] < 1.0]
    assert mid[:, 2].min() == pytest.approx(SKIN_FLOOR_Z, abs=0.5)


def test_attachments_recorded_with_sources(structures):
    for base in SUBOCCIPITAL + ("trapezius", "sternocleidomastoid"):
        s = structures[f"{base}_right"]
        ends = {a.end for a in s.attachments}
        assert ends == {"origin", "insertion"}, base
        for a in s.attachments:
            assert a.text and "grays1918" in a.references


@pytest.mark.parametrize("row", [r for r in attachment_table()
                                 if r["structure"].endswith("_right")],
                         ids=lambda r: f"{r['structure']}-{r['end']}-{r['landmark']}")
def test_attachment_lies_on_its_landmark(row):
    assert row["distance_mm"] <= ATTACHMENT_TOLERANCE_MM, row


def test_attachments_mirror(structures):
    for base in SUBOCCIPITAL:
        for a in structures[f"{base}_right"].attachments:
            r = attachment_distance(f"{base}_right", a)
            assert attachment_distance(f"{base}_left", a) == pytest.approx(r, abs=0.2)


def test_unknown_landmark_names_the_choices():
    with pytest.raises(ValueError, match="c2_spinous_tip"):
        attachment_landmark("c2_spinous_tipp", "right")
    kind, pts = attachment_landmark("c1_transverse_tip", "left")
    assert kind == "points" and pts[0, 0] < 0


def _in_triangle(p, a, b, c) -> bool:
    """Is 2D point p inside triangle abc (barycentric)?"""
    m = np.array([b - a, c - a]).T
    u, v = np.linalg.solve(m, p - a)
    return u >= 0 and v >= 0 and u + v <= 1


def test_suboccipital_triangle_formed(points, structures):
    """Seen from behind (x, z), RCPmaj, OCS and OCI bound a triangle holding the vertebral
    artery in its groove and the C1 nerve; the GON emerges below OCI."""
    from anatomy import nerves as nv

    xz = lambda p: np.asarray(p, float)[[0, 2]]  # noqa: E731
    # corners: where each pair of bounding muscles meets
    c2 = xz(points["rcp_major_origin_right"])               # RCPmaj + OCI on C2
    c1 = xz(points["ocs_origin_right"])                     # OCS + OCI on the C1 TP
    occ = (xz(points["rcp_major_insertion_right"]) + xz(points["ocs_insertion_right"])) / 2
    assert np.linalg.norm(xz(points["oci_origin_right"]) - c2) < 8
    assert np.linalg.norm(xz(points["oci_insertion_right"]) - c1) < 8
    assert occ[1] > c1[1] > c2[1]                          # apex at the occiput
    assert _in_triangle(xz(points["c1_nerve_triangle_right"]), c2, c1, occ)
    va = structures["vertebral_artery_right"].path
    inside = [_in_triangle(xz(p), c2, c1, occ) for p in va]
    assert sum(inside) >= 3                                 # a stretch of the artery
    d = st.dimensions()
    assert all(d["va_groove_medial"].value < p[0] < d["atlas_groove_lateral"].value + 8
               for p, i in zip(va, inside) if i)            # ... over the C1 arch
    # the C1 nerve lies between the artery and the posterior arch (below the artery)
    assert points["c1_nerve_arch_right"][2] < points["vertebral_artery_groove_right"][2]
    # the triangle is deep to semispinalis: a ray from behind through its centre meets
    # semispinalis before the artery, and no suboccipital muscle covers the centre
    centre = (c2 + c1 + occ) / 3
    hits = [h[0] for h in st.posterior_layers(float(centre[0]), float(centre[1]),
                                              side="right")]
    assert not any(h.startswith(SUBOCCIPITAL[:3]) for h in hits[:hits.index(
        "semispinalis_capitis_right") + 1] if "semispinalis_capitis_right" in hits)
    # the GON winds round the lower border of OCI, below the triangle
    gon = nv.nerve("greater_occipital", "right")
    assert gon.waypoints["oci_lower_border"][2] < min(c2[1], c1[1])


def test_vertebral_artery_over_c1_into_foramen_magnum(structures, points):
    va = structures["vertebral_artery_right"]
    groove = points["vertebral_artery_groove_right"]
    arch = points["c1_posterior_arch_right"]
    assert groove[2] > arch[2] and abs(groove[0] - 19) < 1     # on top of the arch
    d = st.dimensions()
    on_arch = va.path[(va.path[:, 0] > d["va_groove_medial"].value)
                      & (va.path[:, 0] < d["atlas_groove_lateral"].value)]
    assert len(on_arch) >= 3
    end = points["vertebral_artery_foramen_magnum_right"]
    opis = points["opisthion"]
    assert end[1] > opis[1] and end[2] > opis[2] - 5           # inside, in front of the rim
    assert abs(end[0]) < d["va_groove_medial"].value
    assert va.path[0, 2] < points["c2_body"][2]                 # comes up through C2


def test_nerve_structures_have_fibres_and_territories(structures):
    from anatomy import pain

    nerves = {k: s for k, s in structures.items() if s.layer == "nerve"}
    assert {s.base for s in nerves.values()} == {"suboccipital_nerve",
                                                 "great_auricular_nerve"}
    c1 = structures["suboccipital_nerve_right"]
    assert c1.fibres == "motor" and c1.territory is None and not c1.has_skin_territory
    gan = structures["great_auricular_nerve_right"]
    assert gan.fibres == "sensory" and gan.has_skin_territory
    names = pain.territory_names()
    for s in nerves.values():
        assert s.territory is None or s.territory in names, s.id
    # code that walks the nerves and looks up territories copes with a motor nerve
    atlas = pain.territories("right")
    painted = {s.id: atlas.weights[(s.territory, "right")]
               for s in nerves.values() if s.side == "right" and s.has_skin_territory}
    assert set(painted) == {"great_auricular_nerve_right"}
    assert not any("suboccipital" in n for n in names)
    # non-nerves have no territory either
    assert not structures["trapezius_right"].has_skin_territory


def test_great_auricular_round_scm_to_the_ear(structures, points, head):
    gan = structures["great_auricular_nerve_right"]
    scm = structures["sternocleidomastoid_right"]
    border = points["gan_scm_border_right"]
    assert np.linalg.norm(scm.vertices - border, axis=1).min() < 1e-6   # on the border
    mck = points["gan_mckinney_point_right"]
    drop = head.landmark("tragus_right")[2] - mck[2]
    assert abs(drop - st.dimensions()["gan_below_eac"].value) < 5
    assert 1.0 < st.skin_depth([mck])[0] < 4.0                 # under the skin on SCM
    end = gan.path[-1]
    assert np.linalg.norm(end - head.landmark("tragus_right")) < 35
    assert gan.path[0][2] < mck[2] < end[2] and len(gan.branches) == 2


def test_bad_nerve_record_raises(tmp_path, monkeypatch):
    import anatomy.structures.data as data

    text = data.STRUCTURES_FILE.read_text(encoding="utf-8")
    bad = text.replace('fibres = "motor"', 'fibres = "motorr"')
    path = tmp_path / "structures.toml"
    path.write_text(bad, encoding="utf-8")
    monkeypatch.setattr(data, "STRUCTURES_FILE", path)
    data._raw.cache_clear()
    data._records.cache_clear()
    try:
        with pytest.raises(ValueError, match="motorr.*motor"):
            data._records()
    finally:
        data._raw.cache_clear()
        data._records.cache_clear()


def test_scene_shows_new_structures_with_student_hover():
    """The all-layers scene draws the new structures in their layers, with hover text
    that says whether a nerve has a skin territory, within the figure budget."""
    from anatomy.viz import plotly3d
    from anatomy.viz.nerve_views import all_layers_figure

    kf = all_layers_figure()
    fig = kf.spec
    by_id = {(tr.get("meta") or {}).get("id"): tr for tr in fig["data"]}
    for sid in ("rectus_capitis_posterior_major_right", "obliquus_capitis_superior_left",
                "vertebral_artery_right", "suboccipital_nerve_left",
                "great_auricular_nerve_right"):
        assert sid in by_id, sid
    assert by_id["suboccipital_nerve_right"]["meta"]["layer"] == "nerve"
    assert "no skin territory" in by_id["suboccipital_nerve_right"]["hovertext"]
    assert "skin territory: great auricular" in by_id["great_auricular_nerve_right"][
        "hovertext"]
    assert by_id["vertebral_artery_right"]["type"] == "scatter3d"
    assert "suboccipital nerve" in kf.alt and "vertebral" in kf.alt
    assert plotly3d.json_size(kf.figure) < 460 * 1024


def test_levator_scapulae_from_c1_c4_to_the_scapula(structures, points):
    """Levator scapulae: its origins step down the transverse processes C1-C4, it ends on
    the (derived) superior angle of the scapula inside the scene box, and on its way it
    lies deep to sternocleidomastoid (above) and trapezius (below) and under the skin."""
    from anatomy.viz.nerve_views import SCENE_HI, SCENE_LO

    lev = structures["levator_scapulae_right"]
    assert _components(lev) == 1
    assert (lev.vertices >= SCENE_LO).all() and (lev.vertices <= SCENE_HI).all()
    names = ("c1_transverse_process", "c2_transverse_process", "c3_posterior_tubercle",
             "c4_posterior_tubercle")
    z = [points[f"{n}_right"][2] for n in names]
    assert all(a > b + 10 for a, b in zip(z, z[1:]))          # one slip per vertebra
    angle = points["scapula_superior_angle_right"]
    assert angle[0] > 45 and angle[2] < points["c4_posterior_tubercle_right"][2] - 60
    assert st.skin_depth(lev.vertices).min() > 1.0            # under the skin
    # no part of it inside the muscles that cover it
    for cover in ("sternocleidomastoid_right", "splenius_capitis_right"):
        assert not st.inside_structure(cover, lev.vertices).any(), cover
    # the middle of the muscle is met by a ray from the side only after SCM or trapezius
    mid = points["levator_scapulae_middle_right"]
    from anatomy import surface

    first = {}
    for sid in ("levator_scapulae_right", "sternocleidomastoid_right", "trapezius_right"):
        s = structures[sid]
        h = surface.ray_hit(s.vertices, s.faces, mid + [80.0, -40.0, 0.0], (-2.0, 1.0, 0.0))
        if h is not None:
            first[sid] = np.linalg.norm(h - mid - [80.0, -40.0, 0.0])
    assert "levator_scapulae_right" in first
    assert min(first, key=first.get) != "levator_scapulae_right", first
