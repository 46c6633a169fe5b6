"""Deep structures: placement under the skin, symmetry, layer order, sizes, sources, figures."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import load_head
from anatomy import structures as st
from anatomy.references import load_references

BILATERAL = ("mastoid_process", "mandible", "rectus_capitis_posterior_minor",
             "rectus_capitis_posterior_major", "obliquus_capitis_superior",
             "obliquus_capitis_inferior", "semispinalis_capitis", "splenius_capitis",
             "levator_scapulae", "trapezius", "sternocleidomastoid", "occipital_artery",
             "vertebral_artery", "clavicle", "scapula",
             "suboccipital_nerve", "great_auricular_nerve")
MIDLINE = ("atlas", "axis", "c3", "c4_c7", "occipital_bone")


@pytest.fixture(scope="module")
def structures():
    return st.load_structures()


@pytest.fixture(scope="module")
def points():
    return st.structure_points()


def test_every_structure_present(structures):
    expected = set(MIDLINE) | {f"{b}_{s}" for b in BILATERAL for s in ("left", "right")}
    assert set(structures) == expected
    assert st.structure_ids()[0] == "atlas"


def test_records_named_latin_layered_and_sourced(structures):
    refs = load_references()
    for s in structures.values():
        assert s.name and s.description and s.latin
        assert s.layer in st.LAYERS
        assert s.references and all(k in refs for k in s.references), s.id
        assert "ta2_terminologia" in s.references
        assert s.color.startswith("#") and len(s.color) == 7
    assert structures["atlas"].latin == "Atlas [C I]"
    assert structures["axis"].latin == "Axis [C II]"
    assert structures["obliquus_capitis_inferior_right"].latin == \
        "Musculus obliquus capitis inferior"
    assert structures["occipital_artery_left"].latin == "Arteria occipitalis"
    assert "temporal" in structures["mastoid_process_right"].latin.lower() + \
        structures["mastoid_process_right"].description.lower()


def test_dimensions_sourced_and_derived_flagged():
    refs = load_references()
    dims = st.dimensions()
    for d in dims.values():
        assert all(k in refs for k in d.references) and d.note
    # measured numbers are the published means
    assert dims["gon_winding_lateral"].value == 30.2 and not dims["gon_winding_lateral"].derived
    assert dims["gon_winding_below"].value == 52.3
    assert dims["bimastoid_breadth"].value == pytest.approx(106.1)
    assert dims["occiput_c4"].value == 69.0
    # chosen or proportional numbers say so
    assert dims["c2_spinous_below"].derived and dims["semispinalis_thickness"].derived
    # atlas sized from dry-bone morphometry (69.4 and 72.5 mm between the TP tips)
    assert 69 <= dims["atlas_width"].value <= 72.5 and not dims["atlas_width"].derived


def test_atlas_matches_its_dimensions(structures, points):
    dims = st.dimensions()
    v = structures["atlas"].vertices
    assert abs((v[:, 0].max() - v[:, 0].min()) - dims["atlas_width"].value) < 1.0
    tubercles = v[np.abs(v[:, 0]) < 6]
    depth = tubercles[:, 1].max() - tubercles[:, 1].min()
    assert abs(depth - dims["atlas_depth"].value) < 1.5
    tip = points["c1_transverse_tip_right"]
    assert abs(tip[0] - dims["atlas_width"].value / 2) < 0.5


def test_meshes_valid_and_budget(structures):
    total = 0
    for s in structures.values():
        assert s.vertices.ndim == 2 and s.vertices.shape[1] == 3
        assert s.faces.min() >= 0 and s.faces.max() < len(s.vertices)
        assert np.isfinite(s.vertices).all()
        total += len(s.vertices)
    assert total < 12000


def test_arrays_read_only(structures):
    with pytest.raises(ValueError):
        structures["atlas"].vertices[0, 0] = 0.0


def test_every_vertex_inside_the_skin(structures):
    """Inside the model's skin, but the mandible, whose alveolar part lies where the CC0
    model has an empty mouth cavity (teeth and gums in life): it is inside the drawn skin
    (the closed outer shell) by at least 2.5 mm."""
    from anatomy import shell

    drawn = shell._display_query(shell.DISPLAY_MAX_EDGE_MM)
    for s in structures.values():
        if s.id.startswith("mandible_"):
            gap = np.linalg.norm(s.vertices - drawn.closest(s.vertices), axis=1)
            assert gap.min() > 2.5 and drawn.inside(s.vertices).all(), s.id
            continue
        inside = st.inside_skin(s.vertices)
        assert inside.all(), (s.id, s.vertices[~inside][:3])
        assert st.skin_depth(s.vertices).min() > 0.5, s.id


def test_left_right_exact_mirror(structures):
    for base in BILATERAL:
        r, left = structures[f"{base}_right"], structures[f"{base}_left"]
        assert np.array_equal(left.vertices, r.vertices * [-1, 1, 1])
        assert np.array_equal(left.faces, r.faces[:, ::-1])
        assert r.side == "right" and left.side == "left"
        assert (r.vertices[:, 0] > -1.0).all(), base  # right structures stay on the right
    for base in MIDLINE:
        v = structures[base].vertices
        assert abs(v[:, 0].max() + v[:, 0].min()) < 1e-6, base


def test_sheets_meet_their_fellows_at_the_midline(structures):
    """Trapezius and splenius reach the midline, so the two sides' sheets meet there: a
    1 mm gap between them showed as a white seam down the back of the neck in the stage
    plate."""
    for base in ("trapezius", "splenius_capitis"):
        v = structures[f"{base}_right"].vertices
        assert v[:, 0].min() < 0.1, base   # was 0.6 (a 1.2 mm gap)


def test_outward_normals(structures):
    for s in structures.values():
        tri = s.vertices[s.faces]
        vol = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6
        assert vol > 0, s.id


def test_c2_spinous_and_c1_positions(points, head):
    inion = head.landmark("inion")
    c2 = points["c2_spinous"]
    assert 40 <= inion[2] - c2[2] <= 60
    c1 = points["c1_posterior_tubercle"]
    assert c1[2] > c2[2]                       # a little higher ...
    assert st.skin_depth([c1])[0] > st.skin_depth([c2])[0]   # ... and deeper
    arch = points["c1_posterior_arch_right"]
    assert 18 <= arch[0] <= 30 and arch[2] > points["c2_lamina_right"][2]


def test_oci_spans_c2_spinous_to_c1_transverse(structures, points):
    oci = structures["obliquus_capitis_inferior_right"].vertices

    def gap(bone, near):
        v = structures[bone].vertices
        v = v[np.linalg.norm(v - near, axis=1) < 15]      # the part of the bone near there
        return np.linalg.norm(oci[:, None] - v[None], axis=2).min()

    assert gap("axis", points["c2_spinous_tip_right"]) < 3       # origin on the C2 spinous
    assert gap("atlas", points["c1_transverse_tip_right"]) < 3   # insertion on the C1 TP
    # the two ends reach the two bones: medial end near the midline, lateral end at C1 TP
    assert oci[:, 0].min() < 10 and oci[:, 0].max() > points["c1_transverse_tip_right"][0] - 8
    # lower border through Kim 2018's GON winding point (30.2 mm lateral, 52.3 mm below)
    low = points["oci_lower_border_right"]
    inion_z = st.frame._frame()["inion"][2]
    assert abs(low[0] - 30.2) < 2.5
    assert abs((inion_z - low[2]) - 52.3) < 3


def test_layer_order_in_the_suboccipital_region():
    """Along posterior rays 25 mm lateral, 40-50 mm below the inion: trapezius or splenius,
    then semispinalis, then OCI (deepest muscle)."""
    z0 = float(st.frame._frame()["inion"][2])
    for z in (z0 - 42, z0 - 45, z0 - 48):
        hits = dict(st.posterior_layers(25.0, z, side="right"))
        assert "semispinalis_capitis_right" in hits and "obliquus_capitis_inferior_right" in hits
        ssc, oci = hits["semispinalis_capitis_right"], hits["obliquus_capitis_inferior_right"]
        assert ssc < oci
        superficial = [hits[k] for k in ("trapezius_right", "splenius_capitis_right")
                       if k in hits]
        assert superficial and min(superficial) < ssc


def test_trapezius_superficial_to_semispinalis_medially():
    z0 = float(st.frame._frame()["inion"][2])
    for x, z in ((10, z0 - 30), (12, z0 - 60), (15, z0 - 45)):
        hits = dict(st.posterior_layers(x, z, side="right"))
        assert hits["trapezius_right"] < hits["semispinalis_capitis_right"]


def _inside_other(a, b) -> int:
    """Vertices of ``a`` inside any closed part of ``b``."""
    return int(st.inside_structure(b.id, a.vertices).sum())


@pytest.mark.parametrize("deep,superficial", [
    ("obliquus_capitis_inferior_right", "semispinalis_capitis_right"),
    ("semispinalis_capitis_right", "trapezius_right"),
    ("semispinalis_capitis_right", "splenius_capitis_right"),
    ("splenius_capitis_right", "trapezius_right"),
])
def test_muscles_do_not_intersect(structures, deep, superficial):
    a, b = structures[deep], structures[superficial]
    assert _inside_other(a, b) == 0 and _inside_other(b, a) == 0


# attachments where the model lets a tendon touch its bone
TOUCHING = {frozenset(pair) for pair in (
    ("sternocleidomastoid_right", "mastoid_process_right"),
    # the mastoid (temporal bone) meets the occipital bone at the occipitomastoid
    # suture: the two meshes overlap there (issue 15)
    ("mastoid_process_right", "occipital_bone"),
    # tendons on their bones
    ("obliquus_capitis_superior_right", "occipital_bone"),
    ("obliquus_capitis_superior_right", "atlas"),
    ("rectus_capitis_posterior_minor_right", "occipital_bone"),
    ("rectus_capitis_posterior_major_right", "occipital_bone"),
    # neighbouring insertions on the occipital bone meet at their edges
    ("rectus_capitis_posterior_major_right", "semispinalis_capitis_right"),
    ("rectus_capitis_posterior_minor_right", "semispinalis_capitis_right"),
    ("obliquus_capitis_superior_right", "splenius_capitis_right"),
    # splenius's tendon reaches over the bone's lower edge beside the mastoid to the
    # mastoid process (the edge's ridge comes within half a millimetre of its inner face)
    ("splenius_capitis_right", "occipital_bone"),
    # the occipital artery crosses superficial to OCS, on its surface
    ("obliquus_capitis_superior_right", "occipital_artery_right"),
    # the vertebral artery runs through the transverse foramina (not hollowed out) and
    # lies in its groove on the atlas; the C1 nerve passes under it, on the groove's floor
    ("vertebral_artery_right", "atlas"), ("vertebral_artery_right", "axis"),
    ("vertebral_artery_right", "c3"), ("suboccipital_nerve_right", "atlas"),
    # nerve branches end in the muscles they supply; the GAN winds round SCM's border
    ("suboccipital_nerve_right", "rectus_capitis_posterior_major_right"),
    ("suboccipital_nerve_right", "obliquus_capitis_superior_right"),
    ("great_auricular_nerve_right", "sternocleidomastoid_right"),
    # levator scapulae arises from the C1 transverse process, where OCI inserts, and the
    # cervical plexus (the GAN's roots) leaves the spine in front of its slips
    ("levator_scapulae_right", "obliquus_capitis_inferior_right"),
    ("levator_scapulae_right", "atlas"),
    ("levator_scapulae_right", "great_auricular_nerve_right"),
    # the mandible's condyle sits in the mandibular fossa of the temporal squama
    ("mandible_right", "occipital_bone"),
    # the shoulder girdle's muscle attachments: SCM's clavicular head on the clavicle,
    # trapezius on the clavicle, acromion and spine, levator on the superior angle
    ("sternocleidomastoid_right", "clavicle_right"), ("trapezius_right", "clavicle_right"),
    ("trapezius_right", "scapula_right"), ("levator_scapulae_right", "scapula_right"),
)}


def test_no_structure_inside_another(structures):
    """Coarse check over every pair (right side and midline): no vertex of one structure lies
    inside another, except the listed tendon-on-bone attachments."""
    right = st.load_structures(side="right")
    bad = []
    for a in right:
        for b in right:
            if a != b and frozenset({a, b}) not in TOUCHING:
                n = _inside_other(right[a], right[b])
                if n:
                    bad.append((a, b, n))
    assert not bad


@pytest.mark.parametrize("bone", ["atlas", "axis", "c3", "occipital_bone"])
def test_bones_and_deep_muscles_do_not_intersect(structures, bone):
    b = structures[bone]
    for m in ("obliquus_capitis_inferior_right", "semispinalis_capitis_right"):
        assert _inside_other(structures[m], b) == 0, (bone, m)


def test_occipital_artery_lateral_to_gon_at_snl(points):
    oa = points["occipital_artery_snl_right"]
    gon_x = st.dimensions()["gon_trapezius_lateral"].value
    assert gon_x + 2 < oa[0] < gon_x + 8
    assert 1 < st.skin_depth([oa])[0] < 6          # subcutaneous there
    # near the medial trisection of the EOP-mastoid line (Won 2018: within 2 cm)
    inion, mastoid = st.frame._frame()["inion"], load_head().landmark("mastoid_right")
    third = inion + (mastoid - inion) / 3
    assert np.linalg.norm((oa - third)[[0, 2]]) < 20


def test_occipital_artery_runs_deep_to_splenius_from_the_mastoid(structures, points):
    """Gray's: the artery runs back in the occipital groove medial to the mastoid, deep to
    splenius capitis (which inserts on the mastoid, so reaches forward over it), then on
    obliquus capitis superior. From the groove to the nuchal plane a ray from behind meets
    splenius before the artery, and the artery lies clear of both muscles."""
    from anatomy import surface

    oa, spl = structures["occipital_artery_right"], structures["splenius_capitis_right"]
    groove = points["occipital_artery_mastoid_right"]
    start = int(np.argmin(np.linalg.norm(oa.path - groove, axis=1)))
    deep_part = [p for p in oa.path[start:] if p[2] < groove[2] + 4 and p[0] > 36]
    assert len(deep_part) >= 3
    for p in deep_part:
        hit = surface.ray_hit(spl.vertices, spl.faces, (p[0], -300.0, p[2]), (0.0, 1.0, 0.0))
        assert hit is not None and hit[1] < p[1] - oa.radius_mm, p
    for m in ("splenius_capitis_right", "obliquus_capitis_superior_right"):
        assert not st.inside_structure(m, oa.vertices).any(), m


def test_artery_has_path_and_radius(structures):
    oa = structures["occipital_artery_right"]
    assert oa.path.shape[1] == 3 and len(oa.path) > 20 and oa.radius_mm > 0
    assert oa.path[0, 2] < oa.path[-1, 2]          # runs upward to the scalp
    for s in structures.values():
        if s.layer not in ("vessel", "nerve"):
            assert s.path is None and not s.branches


def test_structures_containing():
    pts = st.structure_points()
    inside = st.frame._frame()["inion"] + [0, 5.5, -1.0]     # just over the EOP, under the skin
    assert "occipital_bone" not in st.structures_containing(inside)
    assert "atlas" in st.structures_containing(pts["c1_centre"] + [20, 4, 0])


def test_scalp_depth_at_eop(points):
    assert 4 < st.skin_depth([points["eop"]])[0] < 8


def test_filters_and_bad_input():
    right = st.load_structures(side="right")
    assert "atlas" in right and "trapezius_right" in right and "trapezius_left" not in right
    bones = st.load_structures(layer="bone")
    assert {s.layer for s in bones.values()} == {"bone"}
    with pytest.raises(ValueError, match="side"):
        st.load_structures(side="up")
    with pytest.raises(ValueError, match="layer"):
        st.load_structures(layer="nerves")
    assert {s.base for s in st.load_structures(layer="nerve").values()} == {
        "suboccipital_nerve", "great_auricular_nerve"}
    with pytest.raises(ValueError, match="trapezius_right"):
        st.get_structure("trapezius_rigth")
    assert st.get_structure("atlas").id == "atlas"


def test_points_mirrored_and_documented(points):
    for name, p in points.items():
        if name.endswith("_right"):
            assert np.allclose(points[name.replace("_right", "_left")], p * [-1, 1, 1])
    for name in st.POINT_NOTES:
        assert name in points
    for name in points:   # every point is documented (left ones by their right twin)
        assert name.replace("_left", "_right") in st.POINT_NOTES, name


def test_malformed_data_file_raises(tmp_path, monkeypatch):
    bad = tmp_path / "structures.toml"
    bad.write_text("[structures.atlas]\nname = 'Atlas'\n[dimensions]\n", encoding="utf-8")
    monkeypatch.setattr(st.data, "STRUCTURES_FILE", bad)
    st.data._raw.cache_clear()
    st.data._records.cache_clear()
    try:
        with pytest.raises(ValueError, match="atlas"):
            st.data._records()
    finally:
        st.data._raw.cache_clear()
        st.data._records.cache_clear()


def test_figure_traces_and_size():
    from anatomy.viz import plotly3d
    from anatomy.viz import structure_views as sv

    structures = st.load_structures()
    traces = sv.structure_traces(structures)
    assert len(traces) == len(structures)
    names = [t["name"] for t in traces]
    assert "Trapezius" in names and "Atlas (C1)" in names
    assert "Trapezius (L)" in names          # second copy named by side
    legend = [t for t in traces if t["showlegend"]]
    assert len(legend) == len({s.base for s in structures.values()})
    assert all(t["legendgroup"] == t["meta"]["base"] for t in traces)
    oa = [t for t in traces if t["meta"]["id"] == "occipital_artery_right"][0]
    assert oa["type"] == "scatter3d" and "Arteria occipitalis" in oa["hovertext"]
    kf = sv.structures_figure()
    fig = kf.figure.to_dict()
    # the see-through skin, the opaque face mask and the opaque auricles, no eyes
    assert len(fig["data"]) == len(structures) + 3
    assert [t["name"] for t in fig["data"]].count("eyes") == 0
    assert [t.get("opacity", 1) < 1 for t in fig["data"][:3]] == [True, False, False]
    groups = sv.layer_groups(kf.figure.data)
    assert set(groups) == {"Bones", "Muscles", "Arteries", "Nerves"}
    assert sum(len(v) for v in groups.values()) == len(structures)
    assert plotly3d.json_size(kf.figure) < 600_000
    for tr in fig["data"][3:]:
        assert "Source:" in tr["hovertext"]
    assert "occipital artery" in kf.alt


def test_figure_skin_ends_where_the_muscles_do(structures):
    """The structures figure cuts its see-through skin at the scene's floor, where the
    muscles that run on below end, and clips at the same box: over the whole bust the
    muscles stopped in a straight line across the back under skin 10 cm longer (review)."""
    from anatomy.conventions import SCENE_BOX
    from anatomy.viz import structure_views as sv

    fig = sv.structures_figure().spec
    skin = next(t for t in fig["data"] if t["name"] == "skin")
    muscles = [s for s in structures.values() if s.layer == "muscle"]
    low = min(s.vertices[:, 2].min() for s in muscles)
    assert min(skin["z"]) == pytest.approx(low, abs=1.0)
    assert min(skin["z"]) > SCENE_BOX[0][2]
    scene = fig["layout"]["scene"]
    for k, a, b in zip("xyz", *SCENE_BOX):
        assert scene[f"{k}axis"]["range"] == [a, b]


def test_plate_draws():
    from anatomy.viz import structure_views as sv

    plate = sv.structures_plate()
    assert "atlas" in plate.alt
    assert len(plate.figure.axes) == 2
    plate.close()


def test_plate_paints_only_trapezius_over_the_muscles_it_covers(structures):
    """Where the left trapezius covers the neck in the plate's posterior view, the painter
    shows the trapezius, not the splenius, semispinalis or levator under it (their long
    lower faces were painted over it as dark slivers)."""
    from scipy import ndimage

    from anatomy.viz import mpl2d
    from anatomy.viz import structure_views as sv

    ids = ("trapezius_left", "splenius_capitis_left", "semispinalis_capitis_left",
           "levator_scapulae_left")
    parts = sv.structure_parts([structures[k] for k in ids], "posterior",
                               sv.PLATE_SORT_NEARER_MM)
    v, f, _ = mpl2d.merge_meshes(parts)
    part = np.repeat(np.arange(len(parts)), [len(q[1]) for q in parts])
    limits = ((-80.0, 5.0), (-172.0, -20.0))
    painted = mpl2d.painted_ids(v, f, part, "posterior", limits, 4.0)
    alone = mpl2d.painted_ids(v, f[part == 0], part[part == 0], "posterior", limits, 4.0)
    inside = ndimage.binary_erosion(alone == 0, iterations=3)   # 0.75 mm in from its edge
    assert inside.sum() > 50_000
    assert (painted[inside] == 0).all(), np.unique(painted[inside], return_counts=True)


def test_occiput_to_c4_consistent_with_radiographs(points):
    """Opisthion (McGregor-line level) to the C4 lower endplate, extrapolated one body below
    C3, falls within 69.0 +/- 6.9 mm (occiput-C4 distance, neutral radiographs)."""
    dims = st.dimensions()
    h = dims["vertebral_body_height"].value
    c4_lower = points["c3_body"][2] - h / 2 - 4.5 - h      # disc 4.5 mm, then C4 body
    dist = points["opisthion"][2] - c4_lower
    assert abs(dist - dims["occiput_c4"].value) < 6.9


def test_trapezius_fascia_at_gon_depth():
    """Where Kim 2018's GON pierces the trapezius, the trapezius fascia lies at about the
    ultrasound depth of the GON (Shim 2011: 6.8-7.0 mm)."""
    dims = st.dimensions()
    z0 = float(st.frame._frame()["inion"][2])
    hits = dict(st.posterior_layers(dims["gon_trapezius_lateral"].value,
                                    z0 - 16.3, side="right"))
    entry = hits["trapezius_right"]
    deep = entry + dims["trapezius_thickness"].value
    assert abs(deep - dims["gon_trapezius_depth"].value) < 2.0


def test_artery_at_one_third_point(points):
    frac = st.dimensions()["oa_one_third_fraction"].value
    inion, mastoid = st.frame._frame()["inion"], load_head().landmark("mastoid_right")
    target = inion + frac * (mastoid - inion)
    assert abs(points["occipital_artery_snl_right"][0] - target[0]) < 10


def test_semispinalis_is_a_broad_sheet_beside_the_midline(structures):
    """Semispinalis capitis is broad (Gray's), not a strap: at every level of the upper
    neck it spans 15 mm or more; above, its medial border lies beside the nuchal ligament
    and its insertion ends medial to obliquus capitis superior's."""
    v = structures["semispinalis_capitis_right"].vertices
    z0 = float(st.frame._frame()["inion"][2])
    for z in (z0 - 30, z0 - 45, z0 - 60, z0 - 90, z0 - 110):  # rays from behind, 1 mm
        hits = [x for x in np.arange(0.0, 40.0) if "semispinalis_capitis_right"
                in dict(st.posterior_layers(x, z, side="right"))]
        assert len(hits) >= 15 and np.ptp(hits) >= 15, (z, hits)
        if z in (z0 - 30, z0 - 110):  # away from the C2-C3 spinous tips: beside the
            assert hits[0] <= 4.0, (z, hits)  # nuchal ligament (the strap was 9 mm out)
    top = v[v[:, 2] > float(st.frame._frame()["eop"][2]) - 14]
    assert top[:, 0].min() < 4.0
    assert top[:, 0].max() < st.structure_points()["ocs_insertion_right"][0] - 5


def test_splenius_is_a_sheet_from_the_midline_that_leaves_a_v_above(structures, head):
    """Gray's: splenius capitis arises from the lower half of the nuchal ligament (and C7-T3)
    and inserts on the mastoid and the lateral third of the SNL. So below the middle of the
    EOP-C7 line it reaches the midline, and above it leaves the GON's exit through
    semispinalis (Kim 2018) uncovered, in the V between the two muscles."""
    from anatomy.nerves import nerve

    v = structures["splenius_capitis_right"].vertices
    z_eop = float(st.frame._frame()["eop"][2])
    z_c7 = float(head.landmarks["c7_spinous"][2])
    z_mid = 0.5 * (z_eop + z_c7)
    low = v[(v[:, 2] < z_mid - 10) & (v[:, 2] > z_c7)]
    assert low[:, 0].min() < 2.0                           # on the nuchal ligament
    assert np.ptp(low[:, 0]) > 25                          # a sheet, not a strap
    exit_ = nerve("GON", "right").waypoints["semispinalis_exit"]
    level = v[np.abs(v[:, 2] - exit_[2]) < 4]
    assert level[:, 0].min() > exit_[0] + 5                # the V: medial border lateral
    top = v[v[:, 2] > z_eop - 12]                          # the insertion on the bone
    mastoid_x = st.dimensions()["bimastoid_breadth"].value / 2
    assert top[:, 0].min() > mastoid_x / 2 and top[:, 0].max() > 0.8 * mastoid_x


def test_soft_tissue_meshes_do_not_fold_over(structures, neighbour_cosines):
    """No two neighbouring faces of a muscle, vessel or nerve face opposite ways (a fold
    shows as a jagged ridge or a pinch). Levator scapulae's sheet, pushed under the skin
    point by point where the neck turns into the shoulder, folded over itself above the
    superior angle: 24 edges between faces more than 120 degrees apart, the worst 172
    degrees. The arteries' and nerves' tubes twisted where their paths passed near
    vertical (each section's frame was chosen afresh there): up to 75 folded edges."""
    for s in structures.values():
        if s.layer == "bone":
            continue
        cos, _mid = neighbour_cosines(s.vertices, s.faces)
        assert cos.min() > -0.9, (s.id, float(cos.min()))


def test_weld_merges_shared_positions_and_drops_collapsed_faces():
    """weld joins vertices at one position; a face that loses a corner by it (where the
    skull's squama columns meet the vault's edge) is dropped, with any vertex no face
    then uses, and the faces keep their positions."""
    from anatomy.meshgen import weld

    v = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0], [5, 5, 5], [1, 1, 0]], float)
    f = np.array([[0, 1, 2], [1, 3, 4], [3, 5, 2]])   # the second face collapses
    wv, wf = weld((v, f))
    assert len(wv) == 4 and len(wf) == 2               # [5, 5, 5] is gone with its face
    assert {tuple(map(tuple, wv[face])) for face in wf} == \
        {tuple(map(tuple, v[face])) for face in f[[0, 2]]}


def test_soft_tissue_meshes_are_closed_and_wound_one_way(structures):
    """Every edge of a muscle, vessel or nerve mesh is shared by two faces that run it in
    opposite directions. The side faces of the thin sheets (trapezius, splenius, levator)
    ran their edges the same way as the outer faces, so the signed volume that sets the
    winding was wrong: the trapezius's outer face pointed into the neck, and plates drew
    its inner face."""
    for s in structures.values():
        if s.layer == "bone":
            continue
        f = np.asarray(s.faces)
        edges = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
        assert len(np.unique(edges, axis=0)) == len(edges), s.id
        assert {tuple(e) for e in edges[:, ::-1]} == {tuple(e) for e in edges}, s.id
