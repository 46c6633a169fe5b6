"""Nerve courses: API, data, geometry on the skin and between the deep structures."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import nerves as nv
from anatomy.conventions import mirror_x
from anatomy.head import load_head
from anatomy.nerves import nerve
from anatomy.references import load_references

REQUIRED = {
    "greater_occipital": ["origin", "oci_lower_border", "semispinalis_entry",
                          "semispinalis_exit", "trapezius_exit", "terminal"],
    "lesser_occipital": ["origin", "scm_posterior_border", "fascia_exit", "terminal"],
    "third_occipital": ["origin", "trapezius_exit", "terminal"],
}


@pytest.fixture(scope="module")
def head():
    return load_head()


# ---------------------------------------------------------------------------- API


@pytest.mark.parametrize("alias,name", [("GON", "greater_occipital"),
                                        ("LON", "lesser_occipital"),
                                        ("ton", "third_occipital")])
def test_aliases(alias, name):
    assert nerve(alias, "right") is nerve(name, "right")
    assert nerve(alias, "left").name == name


def test_bad_name_lists_choices():
    with pytest.raises(ValueError) as exc:
        nerve("greater_ocipital", "right")
    msg = str(exc.value)
    assert "greater_ocipital" in msg
    for valid in ("greater_occipital", "lesser_occipital", "third_occipital", "GON"):
        assert valid in msg


def test_bad_side_lists_choices():
    with pytest.raises(ValueError) as exc:
        nerve("GON", "middle")
    assert "middle" in str(exc.value) and "left" in str(exc.value)
    assert "right" in str(exc.value)


@pytest.mark.parametrize("name", nv.NAMES)
@pytest.mark.parametrize("side", ["left", "right"])
def test_nerve_structure(name, side):
    n = nerve(name, side)
    assert n.path.ndim == 2 and n.path.shape[1] == 3 and len(n.path) > 40
    ids = list(n.waypoints)
    for need in REQUIRED[name]:
        assert need in ids
    assert ids[0] == "origin" and ids[-1] == "terminal"
    # ordered origin -> terminal: waypoints appear along the path in order
    idx = [n.waypoint_index[i] for i in ids]
    assert idx == sorted(idx) and idx[0] == 0 and idx[-1] == len(n.path) - 1
    assert np.allclose(n.path[0], n.waypoints["origin"], atol=0.5)
    assert np.linalg.norm(n.path[-1] - n.waypoints["terminal"]) < 3.0
    for wid in ids:  # the path passes through (or next to) every waypoint
        assert np.linalg.norm(n.path[n.waypoint_index[wid]] - n.waypoints[wid]) < 4.0
    assert n.branches and all(b.shape[1] == 3 for b in n.branches)
    assert len(n.branch_names) == len(n.branches)


@pytest.mark.parametrize("name", nv.NAMES)
def test_sources_are_registered(name):
    refs = load_references()
    n = nerve(name, "right")
    assert n.sources and all(k in refs for k in n.sources)


def test_primary_sources_present():
    assert "kim2018" in nerve("GON", "right").sources
    assert {"lee2013", "dash2005"} <= set(nerve("LON", "right").sources)
    assert "kim2018" in nerve("TON", "right").sources


# ---------------------------------------------------------------------------- geometry


@pytest.mark.parametrize("name", nv.NAMES)
def test_path_is_smooth(name):
    p = nerve(name, "right").path
    seg = np.diff(p, axis=0)
    length = np.linalg.norm(seg, axis=1)
    assert length.min() > 0.5 and length.max() < 3.5
    u = seg / length[:, None]
    turn = np.degrees(np.arccos(np.clip((u[1:] * u[:-1]).sum(1), -1, 1)))
    assert turn.max() < 40.0  # the GON's hairpin round obliquus capitis inferior
    assert np.median(turn) < 5.0


@pytest.mark.parametrize("name", nv.NAMES)
def test_left_mirrors_right(name):
    r, le = nerve(name, "right"), nerve(name, "left")
    assert np.allclose(le.path, mirror_x(r.path))
    for k in r.waypoints:
        assert np.allclose(le.waypoints[k], mirror_x(r.waypoints[k]))
    assert (r.path[:, 0] >= -1.0).all() and (le.path[:, 0] <= 1.0).all()


@pytest.mark.parametrize("name", nv.NAMES)
@pytest.mark.parametrize("side", ["left", "right"])
def test_deep_part_inside_and_subcutaneous_part_under_skin(name, side):
    n = nerve(name, side)
    depth = nv.skin_depth(n.path)
    k = n.subcutaneous_from
    assert (depth[:k] > 2.0).all(), "deep segment must lie inside the skin"
    assert depth[:k].max() < 45.0
    tail = depth[k + 8:]
    assert tail.min() > 2.0 and tail.max() < 4.0, "subcutaneous segment 2-4 mm deep"
    for b in n.branches:
        d = nv.skin_depth(b)
        assert d.min() > 2.0 and d.max() < 4.0


@pytest.mark.parametrize("side", ["left", "right"])
def test_gon_medial_twig_meets_the_ton(side):
    """Tubbs 2007: a medial branch runs from the GON to the TON about 1 cm above the EOP
    line. The GON's twig ended 12 mm from the TON, a loose bar toward the midline (an
    instructor read it as a GON crossing the midline); the TON's communicating twig now
    reaches up to the same point, above the EOP and beside the midline."""
    gon, ton = nerve("GON", side), nerve("TON", side)
    twig = gon.branches[gon.branch_names.index("medial_twig")]
    up = ton.branches[ton.branch_names.index("gon_communication")]
    assert np.linalg.norm(twig[-1] - up[-1]) < 0.5
    assert np.linalg.norm(up[0] - ton.path[-1]) < 0.5   # it leaves the TON's end
    eop = load_head().landmarks["inion"]
    assert 5.0 < up[-1][2] - eop[2] < 15.0 and 3.0 < abs(up[-1][0]) < 10.0


def test_deep_waypoints_plausible_depths():
    spec = nv.load_nerve_specs()["greater_occipital"]
    g = nerve("GON", "right")
    depths = {w.id: float(nv.skin_depth(g.waypoints[w.id])[0]) for w in spec.waypoints}
    # deepest near the spine, shallower at each layer
    assert depths["origin"] > depths["semispinalis_entry"] > depths["semispinalis_exit"]
    assert depths["semispinalis_exit"] > depths["trapezius_exit"] > 3.5
    assert 15 < depths["origin"] < 45


def test_gon_reaches_the_vertex(head):
    g = nerve("GON", "right")
    assert np.linalg.norm(g.waypoints["terminal"] - head.landmarks["vertex"]) < 20
    assert g.path[:, 2].max() > head.landmarks["vertex"][2] - 10


def test_gon_ascends_from_the_winding_point():
    g = nerve("GON", "right")
    ids = list(g.waypoints)
    z = [g.waypoints[i][2] for i in ids[ids.index("oci_lower_border"):]]
    assert all(b > a for a, b in zip(z, z[1:]))


def _frame_coords(wp, point, head):
    eop_z = head.landmarks["inion"][2]
    eam_z = (head.landmarks["tragus_left"][2] + head.landmarks["tragus_right"][2]) / 2
    return abs(point[0]), point[2] - (eop_z if wp.frame == "eop" else eam_z)


@pytest.mark.parametrize("name", nv.NAMES)
def test_measured_waypoints_match_cited_means(name, head):
    spec = nv.load_nerve_specs()[name]
    for side in ("right", "left"):
        n = nerve(name, side)
        for w in spec.waypoints:
            if w.frame == "landmark":
                continue
            lat, vert = _frame_coords(w, n.waypoints[w.id], head)
            if "vertical_mm" in w.measured:
                assert vert == pytest.approx(w.vertical_mm, abs=0.6), w.id
            if "lateral_mm" in w.measured and w.lateral_measure == "straight" \
                    and w.layer != "subcutaneous":
                assert lat == pytest.approx(w.lateral_mm, abs=0.5), w.id


def test_kim_2018_values():
    spec = nv.load_nerve_specs()
    g, t = spec["greater_occipital"], spec["third_occipital"]
    assert (g.waypoint("oci_lower_border").lateral_mm,
            g.waypoint("oci_lower_border").vertical_mm) == (30.2, -52.3)
    assert (g.waypoint("semispinalis_exit").lateral_mm,
            g.waypoint("semispinalis_exit").lateral_sd) == (13.1, 6.0)
    assert (g.waypoint("trapezius_exit").lateral_mm,
            g.waypoint("trapezius_exit").vertical_mm) == (22.6, -16.3)
    assert (t.waypoint("trapezius_exit").lateral_mm,
            t.waypoint("trapezius_exit").vertical_mm) == (12.9, -44.2)
    lon = spec["lesser_occipital"]
    assert lon.waypoint("scm_posterior_border").frame == "eam"
    assert lon.waypoint("scm_posterior_border").vertical_mm == -75.0
    assert lon.waypoint("fascia_exit").vertical_mm == -53.3


def test_status_labels():
    g = nv.load_nerve_specs()["greater_occipital"]
    assert g.waypoint("trapezius_exit").status == "measured"
    assert g.waypoint("origin").status == "derived"
    assert all("Derived" in w.note or w.status != "derived" or "derived" in w.note.lower()
               for w in g.waypoints)


def test_waypoint_table():
    table = nv.waypoint_table("GON")
    assert list(table.index) == list(nerve("GON", "right").waypoints)
    assert table.loc["trapezius_exit", "status"] == "measured"
    assert "22.6 ± 7.4" in table.loc["trapezius_exit", "lateral_mm"]
    assert "(derived)" in table.loc["origin", "lateral_mm"]
    assert "Kim" in table.loc["trapezius_exit", "sources"]
    # a point placed from a landmark names its third offset too (a student could not read
    # the LON's end, "-8 mm lateral of the tragus", without it)
    lon = nv.waypoint_table("LON")
    spec = next(w for w in nv.load_nerve_specs()["lesser_occipital"].waypoints
                if w.id == "terminal")
    assert lon.loc["terminal", "origin"] == f"tragus, {-spec.anterior_mm:g} mm behind it"
    assert lon.loc["fascia_exit", "origin"] == "EAM line"


def test_malformed_data_names_file_and_record(tmp_path, monkeypatch):
    text = nv.NERVES_FILE.read_text(encoding="utf-8").replace(
        'frame = "eop"\nlateral_mm = 20.0', 'frame = "ear"\nlateral_mm = 20.0', 1)
    assert 'frame = "ear"' in text
    bad = tmp_path / "nerves.toml"
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr(nv.specs, "NERVES_FILE", bad)
    nv.load_nerve_specs.cache_clear()
    try:
        with pytest.raises(ValueError) as exc:
            nv.load_nerve_specs()
        assert "nerves.toml" in str(exc.value) and "greater_occipital" in str(exc.value)
        assert "ear" in str(exc.value) and "eop" in str(exc.value)
    finally:
        monkeypatch.undo()
        nv.load_nerve_specs.cache_clear()


# ---------------------------------------------------------------------------- structures


@pytest.fixture(scope="module")
def structures():
    from anatomy.structures import load_structures, structure_points

    return load_structures(side="right"), structure_points()


def _inside(structure, points):
    from anatomy.surface import inside_mesh

    return inside_mesh(structure.vertices, structure.faces, points)


def _faces_along_y(structure, x, z):
    from anatomy import surface

    back = surface.ray_hit(structure.vertices, structure.faces, (x, -400, z), (0, 1, 0))
    front = surface.ray_hit(structure.vertices, structure.faces, (x, 400, z), (0, -1, 0))
    return None if back is None else (back[1], front[1])


def test_gon_origin_between_c1_and_c2_deep_to_oci(structures):
    st, pts = structures
    o = nerve("GON", "right").waypoints["origin"]
    assert pts["c2_lamina_right"][2] < o[2] < pts["c1_posterior_arch_right"][2]
    oci = _faces_along_y(st["obliquus_capitis_inferior_right"], o[0], o[2])
    assert oci is not None and o[1] > oci[1], "origin lies deep (anterior) to OCI"


def test_gon_winds_round_oci_and_runs_between_oci_and_ssc(structures):
    st, pts = structures
    g = nerve("GON", "right")
    assert np.linalg.norm(g.waypoints["oci_lower_border"] - pts["oci_lower_border_right"]) < 5
    seg = g.segment("origin", "semispinalis_entry")
    assert not _inside(st["obliquus_capitis_inferior_right"], seg).any()
    p = g.waypoints["between_oci_and_semispinalis"]
    oci = _faces_along_y(st["obliquus_capitis_inferior_right"], p[0], p[2])
    ssc = _faces_along_y(st["semispinalis_capitis_right"], p[0], p[2])
    assert ssc[1] < p[1] < oci[0], "behind OCI, in front of semispinalis"


def test_gon_pierces_semispinalis_and_trapezius(structures):
    st, _ = structures
    g = nerve("GON", "right")
    inner = g.segment("semispinalis_entry", "semispinalis_exit")[1:-1]
    within = []
    for p in inner:
        faces = _faces_along_y(st["semispinalis_capitis_right"], p[0], p[2])
        within.append(faces is not None and faces[0] - 1 <= p[1] <= faces[1] + 1)
    assert np.mean(within) > 0.6, "the segment runs through semispinalis"
    p = g.waypoints["trapezius_exit"]
    trap = _faces_along_y(st["trapezius_right"], p[0], p[2])
    assert trap is None or p[1] < trap[0] + 1.0, "trapezius exit is superficial to it"


@pytest.mark.parametrize("side", ["right", "left"])
def test_subcutaneous_parts_lie_outside_every_muscle(side):
    """Past the waypoint where a nerve becomes subcutaneous (its ``subcutaneous_after``),
    no point of its path lies inside a muscle: the LON runs up over splenius capitis, whose
    insertion reaches forward to the mastoid. The point at the exit itself is skipped."""
    from anatomy import structures as st
    from anatomy.nerves.specs import load_nerve_specs

    muscles = st.load_structures(side=side, layer="muscle")
    for key, spec in load_nerve_specs().items():
        n = nerve(key, side)
        k = int(np.argmin(np.linalg.norm(n.path - n.waypoints[spec.subcutaneous_after], axis=1)))
        after = n.path[k + 2:]
        assert len(after) > 10, key
        for m in muscles:
            assert not st.inside_structure(m, after).any(), (key, m)


def test_gon_medial_to_occipital_artery_at_nuchal_line(structures):
    st, pts = structures
    g = nerve("GON", "right")
    snl = g.waypoints["superior_nuchal_line"]
    art = st["occipital_artery_right"].path
    near = art[(np.abs(art[:, 2] - snl[2]) < 4) & (art[:, 1] < -70)]
    assert len(near) and snl[0] < near[:, 0].min()
    assert snl[0] < pts["occipital_artery_snl_right"][0]


def test_compression_points():
    cps = nv.compression_points("right")
    assert sorted(c.number for c in cps.values()) == [1, 2, 3, 4, 5, 6]
    g = nerve("GON", "right")
    for c in cps.values():
        assert c.derived and "Derived" in c.note and "janis2010a" in c.references
        assert nv.distance_to_nerve(c.point, g) < 3.0
    from anatomy.structures import load_structures

    art = load_structures(side="right", layer="vessel")["occipital_artery_right"].path
    crossing = cps["occipital_artery_crossing"].point
    assert np.linalg.norm(art - crossing, axis=1).min() < 5.0


def test_lon_at_scm_posterior_border(structures):
    st, _ = structures
    p = nerve("LON", "right").waypoints["scm_posterior_border"]
    scm = st["sternocleidomastoid_right"].vertices
    assert np.linalg.norm(scm - p, axis=1).min() < 12.0
    assert p[1] < scm[np.abs(scm[:, 2] - p[2]) < 6][:, 1].min() + 2, "behind its border"


def test_ton_pierces_semispinalis_near_midline(structures):
    st, _ = structures
    t = nerve("TON", "right")
    p = t.waypoints["semispinalis_exit"]
    ssc = _faces_along_y(st["semispinalis_capitis_right"], p[0], p[2])
    assert abs(p[1] - ssc[0]) < 2.0
    assert np.abs(t.path[:, 0]).max() < 20.0


# ---------------------------------------------------------------------------- landmarks


def test_block_landmarks_fractions_and_distances(head):
    from anatomy.surface import arc_length

    line = nv.inion_mastoid_line("right")
    total = arc_length(line)
    for key, frac in (("greater_occipital", 1 / 3), ("lesser_occipital", 2 / 3)):
        p = nv.block_landmarks("right")[key].point
        k = int(np.argmin(np.linalg.norm(line - p, axis=1)))
        assert arc_length(line[:k + 1]) / total == pytest.approx(frac, abs=0.03)
    rows = {r["nerve"]: r for r in nv.block_landmark_distances("right")}
    assert rows["GON"]["to_path_mm"] < 10
    assert rows["LON"]["to_path_mm"] < 15
    left = nv.block_landmarks("left")["greater_occipital"].point
    assert left[0] < 0


# ---------------------------------------------------------------------------- variation


def test_sample_variants_deterministic_and_spread():
    a = nv.sample_variants("GON", "right", 4, seed=3)
    b = nv.sample_variants("GON", "right", 4, seed=3)
    c = nv.sample_variants("GON", "right", 4, seed=4)
    assert len(a) == 4 and all(isinstance(n, nv.Nerve) for n in a)
    assert np.allclose(a[0].path, b[0].path)
    assert not np.allclose(a[0].waypoints["trapezius_exit"], c[0].waypoints["trapezius_exit"])
    left = nv.sample_variants("GON", "left", 4, seed=3)
    assert np.allclose(left[0].path, mirror_x(a[0].path))


def test_sampled_spread_matches_published_sd():
    vals = nv.sample_values("GON", 400, seed=0)
    lat = np.array([v["trapezius_exit"]["lateral_mm"] for v in vals])
    assert lat.mean() == pytest.approx(22.6, abs=1.5)
    assert 0.7 * 7.4 < lat.std() < 1.1 * 7.4
    z = np.array([[v[w]["vertical_mm"] for w in ("oci_lower_border", "semispinalis_entry",
                                                 "semispinalis_exit", "trapezius_exit")]
                  for v in vals])
    assert (np.diff(z, axis=1) >= 2.0 - 1e-9).all(), "sampled nerves keep rising"


def test_sample_bad_input():
    with pytest.raises(ValueError):
        nv.sample_variants("GON", "right", 0)
    with pytest.raises(ValueError):
        nv.sample_variants("XON", "right", 2)
    with pytest.raises(ValueError):
        nv.sample_variants("GON", "up", 2)


def test_share_within_two_cm():
    share = nv.share_within("GON", "right", 20.0, n=120, seed=0)
    assert 0.7 < share <= 1.0


def test_share_within_names_a_bad_value():
    """A string radius was taken silently (a student typed radius_mm='15')."""
    for bad, kind in ((dict(radius_mm="15"), TypeError), (dict(n=2.5), TypeError),
                      (dict(seed=True), TypeError), (dict(radius_mm=0), ValueError),
                      (dict(n=0), ValueError)):
        with pytest.raises(kind, match=next(iter(bad))):
            nv.share_within("GON", "right", **bad)


@pytest.mark.parametrize("side", ["right", "left"])
def test_block_point_and_compression_point_5_lie_below_the_nuchal_line(side):
    """What notebook 01 says of the block landmarks: the straight skin line from the EOP to
    the mastoid tip runs below the curved superior nuchal line, so its one-third point
    lies lower than Brown's (on the line), within a centimetre of where the nerve comes
    through the trapezius; and compression point 5, placed at Kim's trapezius exit, lies
    more than a centimetre below the line where Janis describe it."""
    g = nerve("GON", side)
    snl, exit_ = g.waypoints["superior_nuchal_line"], g.waypoints["trapezius_exit"]
    block = nv.block_landmarks(side)["greater_occipital"].point
    assert 10.0 <= snl[2] - exit_[2] <= 20.0
    assert snl[2] - block[2] >= 8.0
    assert np.linalg.norm(block - exit_) <= 10.0
    point5 = nv.compression_points(side)["trapezius_exit"]
    assert point5.number == 5 and np.allclose(point5.point, exit_)
