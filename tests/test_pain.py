"""Hot spots, referral patterns, pain fields and cutaneous territories (anatomy.pain)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import pain, surface
from anatomy.head import load_head
from anatomy.references import load_references

REFS = load_references()
HEAD = load_head()
LM = HEAD.landmarks
SEED = ("occipital", "supraorbital", "temporal", "tmj", "angle_of_jaw", "sternocleidomastoid",
        "supraclavicular")
PATTERNS = ("gon_neuralgia", "lon_neuralgia", "ton_neuralgia", "upper_trapezius",
            "scm_sternal", "scm_clavicular", "suboccipital")
TERRITORIES = ("greater_occipital", "lesser_occipital", "third_occipital", "great_auricular",
               "transverse_cervical", "supraclavicular", "supratrochlear", "supraorbital",
               "auriculotemporal", "zygomaticotemporal")


def lm(name, side="right"):
    return LM[name] if name in LM else LM[f"{name}_{side}"]


def dist(p, name, side="right"):
    return float(np.linalg.norm(np.asarray(p) - lm(name, side)))


# Region each spot's name promises, as rules on the landmarks (mm, right side).
REGION_RULES = {
    "occipital": lambda p: dist(p, "inion") < 40 and p[1] < LM["inion"][1] + 20,
    "supraorbital": lambda p: dist(p, "supraorbital") < 3,
    "temporal": lambda p: (p[0] > 55 and lm("tragus")[1] + 15 < p[1] < lm("supraorbital")[1] - 20
                           and p[2] > lm("tragus")[2]),
    "tmj": lambda p: dist(p, "tmj") < 3 and p[1] > lm("tragus")[1],
    "angle_of_jaw": lambda p: dist(p, "gonion") < 3,
    "sternocleidomastoid": lambda p: (LM["suprasternal_notch"][2] < p[2] < lm("mastoid")[2]
                                      and 20 < p[0] < 70),
    "supraclavicular": lambda p: dist(p, "clavicle_mid") < 25 and p[2] >= lm("clavicle_mid")[2] - 3,
    "behind_eye": lambda p: (np.linalg.norm(p - HEAD.eye_vertices[HEAD.eye_vertices[:, 0] > 0]
                                            .mean(0)) < 25 and p[2] < lm("supraorbital")[2]),
    "behind_ear": lambda p: dist(p, "mastoid") < 20 and p[1] < lm("tragus")[1],
    "vertex": lambda p: dist(p, "vertex") < 25,
    "forehead": lambda p: p[2] > LM["glabella"][2] and p[1] > LM["nasion"][1] - 20,
    "lon_point": lambda p: (LM["inion"][1] < p[1] < lm("mastoid")[1]
                            and 20 < p[0] < lm("mastoid")[0]),
    "ton_point": lambda p: p[0] < 20 and p[2] < LM["inion"][2] - 30,
    "upper_occiput": lambda p: LM["inion"][2] + 30 < p[2] < LM["vertex"][2] and p[1] < -50,
    "lower_occiput": lambda p: p[0] < 15 and LM["inion"][2] - 30 < p[2] < LM["inion"][2],
    "above_ear": lambda p: p[2] > lm("tragus")[2] + 10 and abs(p[1] - lm("tragus")[1]) < 20,
    "behind_ear_scalp": lambda p: (lm("tragus")[2] + 30 < p[2] < LM["vertex"][2] - 40
                                   and lm("mastoid")[1] - 20 < p[1] < lm("tragus")[1] - 15),
    "lateral_occiput": lambda p: p[2] > lm("mastoid")[2] and p[1] < lm("tragus")[1] - 20,
    "posterolateral_neck": lambda p: (LM["c7_spinous"][2] < p[2] < lm("mastoid")[2]
                                      and p[1] < lm("mastoid")[1]),
    "upper_trapezius": lambda p: (p[2] < LM["c7_spinous"][2] and 40 < p[0] < lm("acromion")[0]),
    "suboccipital": lambda p: p[2] < LM["inion"][2] - 20 and p[1] < lm("mastoid")[1],
    "cheek": lambda p: p[1] > lm("gonion")[1] + 40 and p[2] < lm("supraorbital")[2] - 20,
    "throat": lambda p: dist(p, "suprasternal_notch") < 20,
    "ear": lambda p: dist(p, "tragus") < 3,
}


def test_every_spot_has_a_region_rule():
    assert set(REGION_RULES) == set(pain.spot_names())


@pytest.mark.parametrize("name", sorted(REGION_RULES))
def test_spot_in_the_region_its_name_says(name):
    assert REGION_RULES[name](pain.spot_position(name, "right")), name


@pytest.mark.parametrize("side", ["left", "right"])
def test_spots_lie_on_the_skin_and_on_their_side(side):
    table = pain.hotspots(side=side)
    pts = table[["x", "y", "z"]].drop_duplicates().to_numpy(float)
    on_skin = surface.closest_points(HEAD.vertices, HEAD.faces, pts)
    assert np.linalg.norm(on_skin - pts, axis=1).max() < 0.1
    sign = 1 if side == "right" else -1
    assert (sign * table.x > 3).all()
    assert set(table.side) == {side}


def test_left_is_the_mirror_of_right():
    for name in pain.spot_names():
        r, left = pain.spot_position(name, "right"), pain.spot_position(name, "left")
        assert np.allclose(left, r * [-1, 1, 1])


def test_hotspot_table_columns_and_references():
    t = pain.hotspots()
    for col in ("name", "side", "x", "y", "z", "radius_mm", "pattern", "source_structure",
                "mechanism", "reference"):
        assert col in t.columns
    assert set(t.pattern) == set(PATTERNS)
    assert set(t.mechanism) <= set(pain.MECHANISMS)
    for col in ("reference", "position_reference"):
        for refs in t[col]:
            for key in refs.split(", "):
                assert key in REFS, key


def test_patterns_have_the_documented_zones():
    zones = {p: set(pain.hotspots(p, "right").name) for p in PATTERNS}
    # the question-mark pattern: mastoid, temple, behind the eye (Travell & Simons 1983,
    # p. 184); the angle of the jaw is not in the book's caption, so it is not drawn
    trapezius = {"posterolateral_neck", "behind_ear", "temporal", "behind_eye"}
    assert trapezius <= zones["upper_trapezius"]
    assert "angle_of_jaw" not in zones["upper_trapezius"]
    assert {"vertex", "occipital", "cheek", "supraorbital"} <= zones["scm_sternal"]
    assert {"forehead", "ear", "behind_ear"} <= zones["scm_clavicular"]
    assert {"occipital", "behind_eye", "forehead", "vertex"} <= zones["gon_neuralgia"]
    t = pain.hotspots("gon_neuralgia", "right")
    conv = t[t.mechanism == "trigeminocervical convergence"]
    assert set(conv.name) == {"behind_eye", "supraorbital", "forehead"}


def test_seed_list_spots_and_verdicts():
    seed = pain.hotspots("seed_list", "right")
    assert tuple(seed.name) == SEED
    by = seed.set_index("name")
    assert by.loc["tmj", "mechanism"] == "none in the registry"
    assert by.loc["supraclavicular", "mechanism"] == "none in the registry"
    assert "convergence" in by.loc["supraorbital", "mechanism"]
    spots = pain.spots()
    assert spots.loc[list(SEED), "in_seed_list"].all()
    assert spots.loc["tmj", "verdict"].startswith("not supported")
    assert spots.loc["angle_of_jaw", "verdict"].startswith("not confirmed")
    for extra in ("behind_eye", "behind_ear", "vertex", "forehead"):
        assert not spots.loc[extra, "in_seed_list"]
        assert spots.loc[extra, "verdict"].startswith("supported")


def test_each_seed_verdict_names_the_sources_it_rests_on():
    """Notebook 02's verdict table cites each verdict: the temple's rested on the 10-20
    paper that places the spot, not on the trigger-point studies it quotes (student
    review 28). A verdict that quotes ICHD-3 cites it; one that names trigger points or
    neck muscles cites a trigger-point source."""
    spots = pain.spots()
    registry = load_references()
    trigger_sources = {"travell_simons1983", "fernandez2006", "fernandez2007"}
    for name in SEED:
        keys = set(spots.loc[name, "verdict_reference"].split(", ")) - {""}
        verdict = spots.loc[name, "verdict"]
        assert keys and keys <= set(registry), name
        if "ICHD-3" in verdict:
            assert "ichd3_2018" in keys, name
        if any(w in verdict for w in ("trigger point", "upper trapezius", "SCM")):
            assert keys & trigger_sources, name
    assert spots.loc["temporal", "verdict_reference"]
    assert not any(spots.loc[n, "verdict_reference"] for n in spots.index if n not in SEED)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_fields_in_range_peak_at_spots_and_mirror(pattern):
    m = pain.pain_mesh()
    right = pain.pain_field(pattern, "right", fine=True)
    left = pain.pain_field(pattern, "left", fine=True)
    assert right.min() >= 0 and right.max() == pytest.approx(1.0)
    np.testing.assert_allclose(left, right[m.mirror], atol=1e-9)
    for row in pain.hotspots(pattern, "right").itertuples():
        i = pain.nearest_vertex((row.x, row.y, row.z))
        assert right[i] >= row.weight - 1e-9
        ring = pain.skin_distance(i)
        near = (ring > 0) & (ring < 2 * row.radius_mm)
        if row.weight == 1.0:  # the source is the maximum of its neighbourhood
            assert right[i] >= right[near].max()


def test_field_spreads_along_the_skin_not_through_the_head():
    """Skin a short straight line away from the SCM spot but far along the skin gets no pain."""
    m = pain.pain_mesh()
    i = pain.nearest_vertex(pain.spot_position("sternocleidomastoid", "right"))
    straight = np.linalg.norm(m.vertices - m.vertices[i], axis=1)
    along = pain.skin_distance(i)
    jump = (straight < 30) & (along > 100)
    assert jump.any()
    assert (pain.pain_field("scm_sternal", "right", fine=True)[jump] < 0.02).all()


def test_field_on_head_mesh_and_cache():
    f = pain.pain_field("gon_neuralgia", "right")
    assert f.shape == (len(HEAD.vertices),)
    assert 0 <= f.min() and f.max() <= 1
    assert pain.pain_field("gon_neuralgia", "right") is f  # computed once
    assert not f.flags.writeable


def test_bad_input_errors_name_the_choices():
    with pytest.raises(ValueError, match="gon_neuralgia"):
        pain.hotspots("migraine")
    with pytest.raises(ValueError, match="left, right"):
        pain.hotspots(side="both")
    with pytest.raises(ValueError, match="Valid choices"):
        pain.pain_field("seed_list", "right")
    with pytest.raises(ValueError, match="left, right"):
        pain.pain_field("gon_neuralgia", "center")
    with pytest.raises(ValueError, match="greater_occipital"):
        pain.territories().weight("occipital", "right")


def test_patterns_and_drawings_stay_on_their_side():
    """A pattern, like a pain drawing, is drawn for one side: across the midline it is
    under the floor (so not drawn) by midline_fade_mm. The right GON field had reached
    27% of its peak 15 mm left of the midline, under a vertex spot labelled "same
    side"."""
    import tomllib

    v = pain.pain_mesh().vertices
    fade = tomllib.loads(pain.HOTSPOTS_FILE.read_text(encoding="utf-8"))["midline_fade_mm"]
    # no wider than the occipital territories' own crossing (territories.toml)
    terr = pain.data._territory_data()["territories"]
    assert fade <= max(t["midline_overlap_mm"] for t in terr.values())
    for pat in PATTERNS:
        for side, sign in (("right", 1.0), ("left", -1.0)):
            field = pain.pain_field(pat, side, fine=True)
            assert field[sign * v[:, 0] < -fade].max(initial=0.0) == 0.0, (pat, side)
    for name, d in pain.PAIN_DRAWINGS.items():
        sign = 1.0 if d["side"] == "right" else -1.0
        assert pain.drawing_field(name)[sign * v[:, 0] < -fade].max() == 0.0, name
    # faded beyond the midline, not at it: the GON pain still reaches the midline at
    # the vertex, where the two nerves' territories meet
    near_vertex = np.linalg.norm(v - LM["vertex"], axis=1) < 6
    assert pain.pain_field("gon_neuralgia", "right", raw=True)[near_vertex].max() > 0.4


def test_bad_midline_fade_names_the_value(tmp_path, monkeypatch):
    bad = tmp_path / "hotspots.toml"
    bad.write_text(pain.HOTSPOTS_FILE.read_text().replace("midline_fade_mm = 12.0",
                                                          "midline_fade_mm = -2"))
    monkeypatch.setattr(pain.data, "HOTSPOTS_FILE", bad)
    pain.data._midline_fade_mm.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"midline_fade_mm .*positive.*-2"):
            pain.data._midline_fade_mm()
    finally:
        monkeypatch.undo()
        pain.data._midline_fade_mm.cache_clear()


def test_malformed_data_file_names_file_and_record(tmp_path, monkeypatch):
    bad = tmp_path / "hotspots.toml"
    text = pain.HOTSPOTS_FILE.read_text().replace('["lon_point", 1.0, "local tenderness"',
                                                 '["lon_point", 1.0, "telepathy"')
    bad.write_text(text)
    monkeypatch.setattr(pain.data, "HOTSPOTS_FILE", bad)
    pain.data._hotspot_data.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"hotspots.toml \[patterns.lon_neuralgia\]"):
            pain.data._hotspot_data()
        bad.write_text("[spots.x\n")
        pain.data._hotspot_data.cache_clear()
        with pytest.raises(ValueError, match="hotspots.toml is not valid TOML"):
            pain.data._hotspot_data()
    finally:
        monkeypatch.undo()
        pain.data._hotspot_data.cache_clear()


def _shaded_pieces(field) -> int:
    """How many separate pieces of skin a drawing shades (faces whose mean field reaches
    the plate's shaded edge, joined across shared edges)."""
    from anatomy.shell import components
    from anatomy.viz.pain_views.plates import DRAWING_EDGE

    f = pain.pain_mesh().faces
    return len(np.unique(components(f[field[f].mean(axis=1) >= DRAWING_EDGE])))


def test_a_band_drawing_is_shaded_as_one_strip():
    """Drawing B's story runs from the shoulder up the neck to behind the ear and round to
    the temple: one strip (its band), where its zones alone are four patches (student
    review); the band follows its zones and adds none of its own."""
    from anatomy.pain import referral

    d = pain.PAIN_DRAWINGS["B"]
    assert d["band"] == [z for z, _ in d["zones"]]
    assert _shaded_pieces(pain.drawing_field("B", raw=True)) == 1
    assert _shaded_pieces(referral._bumps(d["zones"], d["side"])) == 4
    band = referral._band(d["zones"], d["band"], d["side"])
    assert band.max() <= max(w for _, w in d["zones"])
    assert pain.PAIN_DRAWINGS["C"]["band"] == []  # no band: the zones alone
    # A's story runs "from the base of the skull up over the back of the head": one strip
    # from the nerve's exit up the occiput, not two round patches (student review); the
    # ache behind the eye stays a patch of its own
    a = pain.PAIN_DRAWINGS["A"]
    assert a["band"] == ["occipital", "upper_occiput"]
    spots = pain.spots()
    ends = [spots.loc[z, ["x", "y", "z"]].to_numpy(float) for z in a["band"]]
    v = pain.pain_mesh().vertices
    mid = np.argmin(np.linalg.norm(v - (ends[0] + ends[1]) / 2, axis=1))
    assert pain.drawing_field("A", raw=True)[mid] >= 0.8 > 0.6 \
        > referral._bumps(a["zones"], a["side"])[mid]
    assert _shaded_pieces(pain.drawing_field("A", raw=True)) == 2


def _zone_pieces(pattern: str, side: str = "right") -> dict[str, int]:
    """The painted piece (faces whose three vertices reach FIELD_FLOOR, joined across
    shared edges) that each zone's spot lies in; -1 for a spot outside every piece."""
    from anatomy.pain import referral
    from anatomy.shell import components

    field = pain.pain_field(pattern, side, raw=True)
    faces = pain.pain_mesh().faces
    painted = faces[(field[faces] >= pain.FIELD_FLOOR).all(axis=1)]
    label = components(painted)
    out = {}
    for spot, *_ in referral._zones(pattern):
        v = pain.nearest_vertex(pain.spot_position(spot, side))
        hit = label[(painted == v).any(axis=1)]
        out[spot] = int(hit[0]) if len(hit) else -1
    return out


@pytest.mark.parametrize("side", ["right", "left"])
def test_referred_zones_are_islands_apart_from_the_nerves_skin(side):
    """A pattern's convergence zones (forehead, supraorbital, behind the eye) are referred
    through the brainstem, not part of the nerve's skin: drawn as islands apart from its
    territory. The faint tails of the GON's zones once joined them into one sheet from
    the occiput to the eye (student review 22). The zones of a band (the GON's skin, the
    trapezius's question mark) are one piece."""
    from anatomy.pain import referral

    for pattern in pain.patterns():
        zones = referral._zones(pattern)
        pieces = _zone_pieces(pattern, side)
        assert all(p >= 0 for p in pieces.values()), (pattern, pieces)
        band = pain.data._hotspot_data()[1][pattern].get("band", [])
        assert len({pieces[s] for s in band}) <= 1, (pattern, pieces)
        own = {pieces[s] for s, _, mech, _ in zones if mech != "trigeminocervical convergence"}
        referred = {pieces[s] for s, _, mech, _ in zones
                    if mech == "trigeminocervical convergence"}
        assert not own & referred, (pattern, pieces)
    gon = pain.data._hotspot_data()[1]["gon_neuralgia"]["band"]
    assert gon == ["occipital", "upper_occiput", "vertex"]


def test_a_band_names_the_patterns_own_zones():
    from anatomy.pain.data import check_band

    with pytest.raises(ValueError, match="'temporal'.*occipital, vertex"):
        check_band(["occipital", "temporal"], ["occipital", "vertex"], "a pattern")
    with pytest.raises(ValueError, match="each once"):
        check_band(["occipital", "occipital"], ["occipital", "vertex"], "a pattern")


def test_a_band_names_the_drawings_own_zones(monkeypatch):
    from anatomy.pain import referral

    table = {"B": {**{k: v for k, v in referral.PAIN_DRAWINGS["B"].items()},
                   "zones": [{"spot": s, "weight": w}
                             for s, w in referral.PAIN_DRAWINGS["B"]["zones"]],
                   "band": ["upper_trapezius", "vertex"]}}
    monkeypatch.setattr(referral, "load_table", lambda *a, **k: table)
    with pytest.raises(ValueError, match="'vertex'.*upper_trapezius, posterolateral_neck"):
        referral._load_drawings()
    table["B"]["band"] = ["temporal"]
    with pytest.raises(ValueError, match="a band joins two or more of its zones"):
        referral._load_drawings()


def test_pain_drawings_match_their_answers():
    for name, d in pain.PAIN_DRAWINGS.items():
        best = pain.match_drawing(name).index[0]
        assert best == (d["answer"], d["side"]), name


# ---------------------------------------------------------------------------- territories

def test_territories_complete_with_sources():
    atlas = pain.territories()
    assert set(atlas.table.name) == set(TERRITORIES)
    assert len(atlas.weights) == 2 * len(TERRITORIES)
    for refs in atlas.table.references:
        for key in refs.split(", "):
            assert key in REFS
    for w in atlas.weights.values():
        assert w.min() >= 0 and w.max() == 1
    assert len(pain.territories("left").weights) == len(TERRITORIES)


@pytest.mark.parametrize("name, place", [
    ("greater_occipital", ("spot", "occipital")), ("lesser_occipital", ("spot", "behind_ear")),
    ("third_occipital", ("spot", "ton_point")), ("great_auricular", ("lm", "gonion")),
    ("supraclavicular", ("lm", "clavicle_mid")), ("supraorbital", ("lm", "supraorbital")),
    ("auriculotemporal", ("lm", "tmj")), ("zygomaticotemporal", ("spot", "temporal")),
])
def test_territory_covers_its_described_skin(name, place):
    kind, what = place
    p = pain.spot_position(what, "right") if kind == "spot" else lm(what)
    w = pain.territories().weight(name, "right")
    assert w[pain.nearest_vertex(p)] >= 0.5


def test_supraclavicular_territory_covers_the_upper_chest_without_holes():
    """Gray's: skin over the clavicle and below it over upper pectoralis major. Every
    pain-mesh vertex on the front of the chest below the clavicle (20-110 mm out, down to
    the figures' crop) is in it: a chain of anchors left open had a hole there, skin 30 mm
    or more from every link (weight 0.17), a skin-coloured tear in the territory figure."""
    v = pain.pain_mesh().vertices
    for side, sign in (("right", 1), ("left", -1)):
        w = pain.territories().weight("supraclavicular", side)
        front = ((sign * v[:, 0] > 20) & (sign * v[:, 0] < 110) & (v[:, 1] > 0)
                 & (v[:, 2] < -160) & (v[:, 2] > -185))
        assert front.sum() > 20 and w[front].min() >= 0.5, side


def test_greater_occipital_territories_meet_at_the_midline():
    """The GON supplies the posterior scalp from the nuchal line to the vertex, its medial
    branches reaching the midline (Kim 2018; StatPearls): every midline scalp vertex from
    10 mm above the inion to the vertex is in one side's territory. A band 18 mm wide
    about a chain ending 20 mm from the midline left a bare wedge there, widening towards
    the vertex, that read as skin no nerve supplies (reviewer)."""
    v = pain.pain_mesh().vertices
    a = pain.territories()
    w = np.maximum(a.weight("greater_occipital", "right"), a.weight("greater_occipital", "left"))
    mid = ((np.abs(v[:, 0]) < 3) & (v[:, 1] < 0) & (v[:, 2] > LM["inion"][2] + 10)
           & (v[:, 2] < LM["vertex"][2] - 5))
    assert mid.sum() >= 10 and w[mid].min() >= 0.5, np.round(w[mid], 2)


def test_third_occipital_territories_cover_the_midline_below_the_inion():
    """The TON supplies the lower occiput and upper neck near the midline, its branches
    crossing it (Gray's; Tubbs 2007): every midline vertex from the inion to 60 mm below
    it is in one side's territory. A chain bowing out to the piercing point, 12.9 mm from
    the midline (Kim 2018), left the midline 20-50 mm below the inion at weight 0.2, a
    bare notch between the two TONs (reviewer)."""
    v = pain.pain_mesh().vertices
    a = pain.territories()
    w = np.maximum(a.weight("third_occipital", "right"), a.weight("third_occipital", "left"))
    mid = ((np.abs(v[:, 0]) < 1) & (v[:, 1] < 0) & (v[:, 2] <= LM["inion"][2])
           & (v[:, 2] > LM["inion"][2] - 60))
    assert mid.sum() >= 6 and w[mid].min() >= 0.5, np.round(w[mid], 2)


def test_lesser_occipital_territory_climbs_behind_the_auricle():
    """Gray's: the LON is continued upward along the side of the head behind the auricle.
    Skin behind the ear 30-50 mm above the tragus is in its territory; the band stopped at
    the ear's level, and the side of the head above it was bare (reviewer)."""
    from anatomy.pain.mesh import nearest_vertex

    w = pain.territories().weight("lesser_occipital", "right")
    tragus = LM["tragus_right"]
    for up in (30.0, 40.0, 50.0):
        p = pain.place({"origin": "tragus", "offset": [0.0, -30.0, up], "seen_from": "lateral"})
        assert p[2] > tragus[2] + up - 10 and w[nearest_vertex(p)] >= 0.5, up


def test_lesser_occipital_territory_covers_the_upper_auricle():
    """Gray's: the LON's auricular branch supplies the skin of the upper and back part of
    the auricle. The upper helix behind its top is in the LON's territory, and nine in ten
    vertices of the auricle above the tragus (more than 5 mm out from it) lie in some
    territory; the upper auricle had been bare between the LON and the auriculotemporal
    (reviewer)."""
    from anatomy.pain.mesh import nearest_vertex

    v = pain.pain_mesh().vertices
    atlas = pain.territories()
    for side, sign in (("right", 1.0), ("left", -1.0)):
        tragus = lm("tragus", side)
        p = pain.place({"origin": "tragus", "offset": [0.0, -14.0, 12.0],
                        "seen_from": "lateral"})
        p = p if side == "right" else p * [-1, 1, 1]
        assert atlas.weight("lesser_occipital", side)[nearest_vertex(p)] >= 0.5, side
        w = np.max([atlas.weight(t, side) for t in TERRITORIES], axis=0)
        auricle = ((sign * (v[:, 0] - tragus[0]) > 5) & (np.abs(v[:, 1] - tragus[1]) < 40)
                   & (v[:, 2] > tragus[2] + 3))
        assert auricle.sum() > 30 and np.mean(w[auricle] >= 0.5) >= 0.9, side


def test_auriculotemporal_territory_climbs_the_temple():
    """Gray's: the auriculotemporal nerve's superficial temporal branches go with the
    superficial temporal artery to the vertex and supply the skin of the temporal region.
    Temple skin 80-110 mm above the tragus, in front of the vertex-ear line, is in its
    territory; the band stopped 62 mm up and left the upper temple bare (reviewer)."""
    from anatomy.pain.mesh import nearest_vertex

    w = pain.territories().weight("auriculotemporal", "right")
    for up in (80.0, 95.0, 110.0):
        p = pain.place({"origin": "tragus", "offset": [0.0, 22.0, up], "seen_from": "lateral"})
        k = nearest_vertex(p)
        assert w[k] >= 0.5 and pain.boundary_distance(p[None])[0] > 0, up


def test_greater_occipital_pain_runs_unbroken_from_the_occiput_to_the_vertex():
    """The GON supplies the scalp from the nuchal line to the vertex (Kim 2018): its
    neuralgia's drawn field is one patch from the upper occiput to the vertex. The vertex
    had been an island, bare scalp between it and the occipital field (reviewer)."""
    from anatomy.pain.mesh import nearest_vertex, pain_skin

    field = pain.pain_field("gon_neuralgia", "right", fine=True)   # on pain_mesh()
    a, b = pain.spot_position("upper_occiput", "right"), pain.spot_position("vertex", "right")
    centre = np.array([0.0, -10.0, 40.0])    # inside the skull: rays to the scalp
    for t in np.linspace(0.0, 1.0, 21):
        on_skin = pain_skin().ray_hit(centre, a + t * (b - a) - centre)
        assert field[nearest_vertex(on_skin)] > pain.FIELD_FLOOR, t


def test_side_of_the_head_is_covered_by_territories():
    """Textbook maps leave no skin of the head above the ear unsupplied: the GON, LON,
    auriculotemporal, zygomaticotemporal and supraorbital territories meet there (Gray's).
    Every skin vertex of the cranium's side (more than 25 mm out, 40 mm and more above the
    tragus, behind the forehead 40 mm in front of it) lies in some territory at weight
    0.5 or more, on both sides. A wedge of the parietal scalp, a fifth of this skin, was
    bare between the GON, LON and auriculotemporal bands (student reviewer)."""
    v = pain.pain_mesh().vertices
    atlas = pain.territories()
    for side, sign in (("right", 1.0), ("left", -1.0)):
        tragus = lm("tragus", side)
        w = np.max([atlas.weight(t, side) for t in TERRITORIES], axis=0)
        region = ((sign * v[:, 0] > 25) & (v[:, 2] > tragus[2] + 40)
                  & (v[:, 1] < tragus[1] + 40))
        assert region.sum() > 150 and w[region].min() >= 0.5, (side, np.round(v[region][
            w[region] < 0.5]))


def test_forehead_and_scalp_above_the_brows_have_no_bare_skin():
    """Every skin vertex higher than the glabella lies in some territory at weight 0.5
    or more: the supraorbital and supratrochlear nerves supply the forehead and the scalp
    to the vertex, the occipital nerves the scalp behind it (Gray's). The supraorbital
    band left a vertex 33 mm out on the upper forehead at 0.42, drawn as a skin-coloured
    ring on each side, and a bay of bare skin at the lateral end of each brow (reviewer)."""
    v = pain.pain_mesh().vertices
    atlas = pain.territories()
    w = np.max(list(atlas.weights.values()), axis=0)
    above = v[:, 2] > LM["glabella"][2]
    assert above.sum() > 600 and w[above].min() >= 0.5, np.round(v[above & (w < 0.5)])


def test_supratrochlear_territory_stays_on_the_lower_forehead():
    """Gray's: the supratrochlear supplies "the lower part of the forehead close to the
    middle line"; the scalp back to the vertex is the supraorbital's. The kit's band had
    run on to the vertex (student reviewer). Skin 60 mm and more above the glabella is not
    supratrochlear; the supraorbital covers the midline there."""
    from anatomy.pain.mesh import nearest_vertex

    a = pain.territories()
    for up in (60.0, 90.0):
        p = pain.place({"origin": "glabella", "offset": [3.0, 0.0, up],
                        "seen_from": "anterior"})
        k = nearest_vertex(p)
        assert a.weight("supratrochlear", "right")[k] < 0.5, up
        assert max(a.weight("supraorbital", s)[k] for s in ("right", "left")) >= 0.5, up
    low = nearest_vertex(pain.place({"origin": "glabella", "offset": [5.0, 0.0, 15.0],
                                     "seen_from": "anterior"}))
    assert a.weight("supratrochlear", "right")[low] >= 0.5


def test_territories_overlap_where_sources_say():
    a = pain.territories()
    both = lambda k1, k2: ((a.weights[k1] >= 0.5) & (a.weights[k2] >= 0.5)).sum()  # noqa: E731
    assert both(("supraorbital", "right"), ("supratrochlear", "right")) > 0
    assert both(("third_occipital", "left"), ("third_occipital", "right")) > 0  # midline
    assert both(("greater_occipital", "right"), ("third_occipital", "right")) > 0
    assert both(("lesser_occipital", "right"), ("great_auricular", "right")) > 0
    # the GON and LON communicate in most people (Natsis 2006): their skin meets
    assert both(("greater_occipital", "right"), ("lesser_occipital", "right")) > 0
    assert (a.overlap_count() >= 2).sum() > 50


def test_trigeminal_and_cervical_respect_the_vertex_ear_chin_line():
    """The line divides the head's skin; below the chin, where its plane runs on behind
    the chest, cervical skin lies in front of it (the supraclavicular nerves' skin over the
    clavicle and pectoralis was cut out of the territory there)."""
    a = pain.territories()
    data = pain.data._territory_data()
    band = data["boundary_overlap_mm"]
    v = pain.pain_mesh().vertices
    s = pain.boundary_distance(v)
    head = v[:, 2] >= LM["menton"][2]
    for (name, _), w in a.weights.items():
        div = a.table.set_index("name").loc[name, "division"].iloc[0]
        cross = data["territories"][name].get("boundary_cross_mm", 0.0)
        if div == "trigeminal":
            assert s[w > 0].min() > -band - cross - 1e-6
        else:  # (the supraclavicular territory lies wholly below the chin)
            assert np.all(s[(w > 0) & head] < band + cross + 1e-6), name
    # only the great auricular crosses it, over the parotid in front of the ear lobe
    # (Gray's): its skin there is drawn, not left to the undrawn trigeminal face
    crossing = {n for n, t in data["territories"].items() if t.get("boundary_cross_mm")}
    assert crossing == {"great_auricular"}
    w = a.weight("great_auricular", "right")
    front = (w >= 0.5) & (s > band) & (v[:, 2] < LM["tragus_right"][2])
    assert front.sum() >= 5
    assert np.all(v[front, 1] > LM["tragus_right"][1])  # in front of the ear, below it
    # every anchor of every territory lies in it (the supraclavicular anchor below the
    # clavicle, over pectoralis major, had been cut out by the plane: weight 0.22)
    from anatomy.conventions import mirror_x
    from anatomy.pain import atlas
    from anatomy.pain.mesh import nearest_vertex

    for name, t in pain.data._territory_data()["territories"].items():
        for side in ("left", "right"):
            for anchor in t["anchors"]:
                p = atlas.place(anchor)
                p = p if side == "right" else mirror_x(p)
                assert a.weights[(name, side)][nearest_vertex(p)] >= 0.5, (name, anchor)


def test_boundary_line_runs_vertex_ear_chin():
    for side in ("left", "right"):
        line = pain.boundary_line(side)
        assert np.allclose(line[0], LM["vertex"], atol=1) and np.allclose(line[-1], LM["menton"],
                                                                         atol=1)
        assert np.linalg.norm(line - lm("tragus", side), axis=1).min() < 20
        assert (np.sign(line[1:-1, 0]) == (1 if side == "right" else -1)).mean() > 0.9
    assert pain.boundary_distance([LM["nasion"]])[0] > 0
    assert pain.boundary_distance([LM["inion"]])[0] < 0


@pytest.mark.parametrize("nerve, spot, within", [
    ("greater_occipital", "occipital", 8.0), ("third_occipital", "ton_point", 8.0),
    ("lesser_occipital", "lon_point", 15.0)])
def test_nerve_hot_spots_lie_on_the_nerve_courses(nerve, spot, within):
    """Cross-check with anatomy.nerves (built independently from the same sources)."""
    nerves = pytest.importorskip("anatomy.nerves")
    for side in ("left", "right"):
        path = nerves.nerve(nerve, side).path
        p = pain.spot_position(spot, side)
        assert np.linalg.norm(path - p, axis=1).min() < within


NEURALGIA_NERVES = {"gon_neuralgia": "greater_occipital", "lon_neuralgia": "lesser_occipital",
                    "ton_neuralgia": "third_occipital"}


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("pattern", sorted(NEURALGIA_NERVES))
def test_neuralgia_patterns_agree_with_their_nerves_territories(pattern, side):
    """A neuralgia's "nerve territory" zones lie in that nerve's territory map (the GON's
    vertex zone in its fade, where it meets the supraorbital's), and its pain reaches the
    top of the territory: the LON's pattern stopped at the top of the ear while
    the territory map drew the LON's skin up the side of the head behind it (reviewer)."""
    from anatomy.pain import pain_mesh

    nerve = NEURALGIA_NERVES[pattern]
    terr = pain.territories(side).weight(nerve, side)
    v = pain_mesh().vertices
    zones = pain.hotspots(pattern, side)
    for _, z in zones[zones.mechanism == "nerve territory"].iterrows():
        at = surface.nearest_vertex(v, z[["x", "y", "z"]].to_numpy(float))
        assert terr[at] > 0.1, (z["name"], terr[at])
    core = terr >= 0.5
    top = core & (v[:, 2] >= np.percentile(v[core, 2], 90))   # its highest tenth
    field = pain.pain_field(pattern, side, fine=True)
    assert (field[top] > pain.FIELD_FLOOR).mean() > 0.5, (field[top] > pain.FIELD_FLOOR).mean()


@pytest.mark.parametrize("side", ["left", "right"])
def test_patterns_leave_the_auricle_bare_unless_it_hurts_there(side):
    """A pattern's colour stops at the ear's root, as the headache maps' does (the upper
    trapezius's mastoid zone painted the whole auricle: reviewer), except a pattern with
    deep pain in the ear and the LON's, whose skin takes in the auricle's upper back."""
    from anatomy.head import ear_vertices
    from anatomy.pain import pain_mesh, referral

    ear = ear_vertices(pain_mesh().vertices)
    ear &= np.sign(pain_mesh().vertices[:, 0]) == (1 if side == "right" else -1)
    assert ear.sum() > 50
    for pattern in pain.patterns():
        raw = pain.pain_field(pattern, side, raw=True)
        spots = {z[0] for z in referral._zones(pattern)}
        if pattern in referral.AURICLE_PATTERNS or spots & set(referral.AURICLE_SPOTS):
            assert raw[ear].max() > pain.FIELD_FLOOR, pattern
        else:
            assert raw[ear].max() == 0, (pattern, raw[ear].max())


def test_territory_area_counts_skin_not_vertices():
    """Shared skin is measured in cm2: the pain mesh's vertices crowd round the ear, so a
    count of vertices put the pair behind the ear first (student review 23)."""
    m = pain.pain_mesh()
    tri = m.vertices[m.faces]
    total = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]),
                                 axis=1).sum()
    areas = pain.vertex_areas()
    assert areas.min() > 0 and areas.sum() == pytest.approx(total, rel=1e-9)
    atlas = pain.territories()
    assert atlas.area(np.ones(len(areas), bool)) == pytest.approx(total / 100, rel=1e-9)
    # the vertices are not evenly spread: per vertex, the ear's skin is smaller
    near_ear = np.linalg.norm(m.vertices - pain.spot_position("ear", "right"), axis=1) < 30
    assert np.median(areas[near_ear]) < 0.7 * np.median(areas)
    with pytest.raises(ValueError, match=f"True/False array of {len(areas)} values.*float64"):
        atlas.area(np.zeros(len(areas)))
