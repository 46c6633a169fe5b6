"""Pain-location maps per condition (anatomy.headache_maps)."""

import numpy as np
import pytest
from scipy.spatial import cKDTree

from anatomy import headache_maps as hm
from anatomy.head import load_head
from anatomy.references import check_keys
from anatomy.surface import vertex_normals

ONE_SIDED = ("occipital_neuralgia", "migraine_without_aura", "cervicogenic")


@pytest.fixture(scope="module")
def mesh():
    return hm.map_mesh()


@pytest.fixture(scope="module")
def mirror(mesh):
    """Index of the vertex nearest to each vertex's mirror image (x -> -x)."""
    v = mesh.vertices
    dist, idx = cKDTree(v).query(v * np.array([-1.0, 1.0, 1.0]))
    # the refined mesh is left-right symmetric to within ~2 mm on the head and neck; the
    # straight cut across the shoulder tops leaves slivers that match within 3 mm
    assert dist[v[:, 2] > -120].max() < 2.5 and dist.max() < 3.0
    return idx


def test_map_mesh_is_head_and_neck_refined(mesh):
    head = load_head()
    assert mesh.vertices[:, 2].min() >= hm.MAP_Z_MIN - 1e-6
    assert mesh.vertices[:, 2].max() == pytest.approx(head.vertices[:, 2].max(), abs=3)
    edges = np.linalg.norm(mesh.vertices[mesh.faces[:, 0]] - mesh.vertices[mesh.faces[:, 1]],
                           axis=1)
    assert np.percentile(edges, 95) < 10  # the model's scalp triangles are up to ~30 mm
    assert not mesh.vertices.flags.writeable


@pytest.mark.parametrize("condition", hm.MAP_SPECS)
@pytest.mark.parametrize("side", [None, *hm.MAP_SIDES])
def test_values_in_unit_interval(condition, side, mesh):
    values = hm.condition_map(condition, side)
    assert values.shape == (len(mesh.vertices),)
    assert values.min() >= 0.0 and values.max() <= 1.0
    assert values.max() > 0.2


@pytest.mark.parametrize("condition", ONE_SIDED)
def test_one_sided_maps_mirror(condition, mirror):
    right, left = hm.condition_map(condition, "right"), hm.condition_map(condition, "left")
    assert np.abs(right[mirror] - left).max() < 0.1
    assert np.abs(right - left).max() > 0.3  # and they really are one-sided


def test_bilateral_maps_are_symmetric(mirror):
    tth = hm.condition_map("tension_type")
    assert np.abs(tth[mirror] - tth).max() < 0.1
    both = hm.condition_map("occipital_neuralgia", "both")
    assert np.abs(both[mirror] - both).max() < 0.1


@pytest.mark.parametrize("condition", ["occipital_neuralgia", "cervicogenic"])
def test_qualitative_one_sided_maps_leave_the_other_side_blank(condition, mesh):
    values = hm.condition_map(condition, "right")
    assert values[mesh.vertices[:, 0] < -30].max() == 0.0
    assert values[mesh.vertices[:, 0] > 15].max() == 1.0


def test_migraine_follows_kelman_ranking_and_numbers():
    kelman = {"eyes": 0.671, "temporal": 0.580, "frontal": 0.559, "occipital": 0.398,
              "neck": 0.397, "vertex": 0.241}
    weights = hm.region_weights("migraine_without_aura")["weight"].to_dict()
    assert weights == kelman
    values = hm.region_values("migraine_without_aura", "right")
    for region, share in kelman.items():
        assert values[region] == pytest.approx(share, abs=0.005), region
    order = sorted(kelman, key=kelman.get, reverse=True)
    assert list(values[order]) == sorted(values[order], reverse=True)
    assert hm.map_kind("migraine_without_aura") == "frequency"
    assert "Kelman" in hm.map_caption("migraine_without_aura")


def test_migraine_other_side_is_scaled_by_hemicranial_share(mesh):
    values = hm.condition_map("migraine_without_aura", "right")
    eye_left = hm.region_centre("eyes", "left")
    i = int(np.argmin(np.linalg.norm(mesh.vertices - eye_left, axis=1)))
    assert values[i] == pytest.approx(0.671 * (1 - 0.666), abs=0.01)
    table = hm.region_weights("migraine_without_aura")
    assert table.at["eyes", "contralateral_weight"] == pytest.approx(0.224, abs=0.001)
    assert table.at["vertex", "contralateral_weight"] == 0.241  # midline


def test_migraine_map_covers_the_skin_over_the_inion(mesh):
    """Kelman's occipital and neck regions meet over the inion: the occipital band drawn
    at Oz alone left a blank spot there, between it and the neck's."""
    values = hm.condition_map("migraine_without_aura", "right")
    inion = load_head().landmarks["inion"]
    # the painful side at Kelman's 39.8%; the other side scaled by 1 - 0.666
    for dx, least in ((0.0, 0.39), (10.0, 0.39), (-10.0, 0.398 * (1 - 0.666) * 0.95)):
        i = int(np.argmin(np.linalg.norm(mesh.vertices - (inion + [dx, 0.0, 0.0]), axis=1)))
        assert values[i] > least, dx


def test_occipital_neuralgia_is_posterior_with_faint_frontal_spread(mesh):
    values = hm.condition_map("occipital_neuralgia", "right")
    _, y, z = mesh.vertices.T
    head = z > load_head().landmarks["mastoid_right"][2]  # the head, not neck and shoulders
    assert values[head & (y < -40)].mean() > 3 * values[head & (y > 40)].mean()
    regions = hm.region_values("occipital_neuralgia", "right")
    assert regions["gon"] == 1.0 and regions["eyes"] < 0.5 and regions["frontal"] < 0.5
    gon = hm.region_centre("gon", "right")
    assert gon[1] < -60 and 10 < gon[0] < 40  # back of the head, right of the midline


def test_cervicogenic_spreads_posterior_to_anterior():
    values = hm.region_values("cervicogenic", "right")
    assert values["neck"] > values["occipital"] > values["temporal"] > values["frontal"]
    assert hm.region_centre("neck", "right")[2] < load_head().landmarks["inion"][2]


def test_tension_type_band_is_bilateral_and_qualitative():
    values = hm.region_values("tension_type")
    assert values[["band", "temporal", "occipital"]].min() == 1.0
    assert "frontal" not in values.index  # its strips to F3/F4 rose above the band as horns
    assert hm.map_kind("tension_type") == "qualitative"
    assert "qualitative" in hm.map_caption("tension_type")
    left = hm.region_values("tension_type", "left")
    assert left["temporal"] == 1.0


def test_tension_type_band_closes_across_the_forehead_and_the_back(mesh):
    """The band runs round the head: the skin over Fpz (the forehead's midline, between
    the two halves' starts) and over Oz is in its core. Started at Fp1 and Fp2, the halves
    left the middle of the forehead blank, two lobes with a V between (a student's
    review)."""
    tth = hm.condition_map("tension_type")
    eeg = load_head().eeg_positions
    for name in ("Fpz", "Oz", "Fp1", "Fp2", "T7", "T8"):
        k = int(np.argmin(np.linalg.norm(mesh.vertices - eeg[name], axis=1)))
        assert tth[k] >= 0.95, name


def test_migraine_map_joins_its_two_sides_on_the_forehead(mesh):
    """The migraine map's frontal and eye regions of the two sides nearly touch on the
    forehead's midline: with the plain maximum of their reaches, a skin-coloured slit ran
    down the middle of the forehead from Fpz to the nasion (reviewer). The edge is now
    their smooth maximum: the midline from the nasion to Fpz is inside the map, in the
    first colour at least, and the blend adds at most a quarter of its width."""
    v = mesh.vertices
    lm, eeg = load_head().landmarks, load_head().eeg_positions
    front = (np.abs(v[:, 0]) < 2.0) & (v[:, 1] > 60) & (v[:, 2] > lm["nasion"][2]) \
        & (v[:, 2] < eeg["Fpz"][2])
    assert front.sum() >= 4
    assert (hm.condition_edge("migraine_without_aura")[front] > 0).all()
    # the edge moves out by at most MAP_EDGE_BLEND_MM / 4 from the plain maximum
    plain = np.full(len(v), -1000.0)
    for region, s, _weight in hm._terms("migraine_without_aura", None):
        plain = np.maximum(plain, hm._reach(region, s))
    grown = hm.condition_edge("migraine_without_aura") - plain
    assert grown.min() >= -1e-9 and grown.max() <= hm.MAP_EDGE_BLEND_MM / 4 + 1e-9


def test_regions_sit_on_their_landmarks():
    head = load_head()
    eeg = head.eeg_positions
    assert np.linalg.norm(hm.region_centre("vertex") - eeg["Cz"]) < 10
    temporal = hm.region_centre("temporal", "left")
    assert temporal[0] < -60 and eeg["T7"][1] - 5 < temporal[1] < eeg["F7"][1] + 5
    occipital = hm.region_centre("occipital", "right")
    assert occipital[1] < -80 and 0 <= occipital[0] < eeg["O2"][0] + 5
    eyes = hm.region_centre("eyes", "right")
    assert eyes[0] > 15 and eyes[1] > 70


def test_specs_cite_known_references():
    for condition in hm.MAP_CONDITIONS:
        keys = hm.map_references(condition)
        assert keys
        check_keys(keys, f"headache_maps.{condition}")
        frame = hm.region_weights(condition)
        assert frame["weight"].between(0, 1).all()
        assert set(frame["kind"]) == {hm.map_kind(condition)}


def test_migraine_with_aura_uses_the_migraine_map():
    a = hm.condition_map("migraine_with_aura")
    b = hm.condition_map("migraine_without_aura")
    assert np.array_equal(a, b)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: hm.condition_map("migrane"), ["migrane", "migraine_without_aura"]),
    (lambda: hm.condition_map("tension_type", "middle"), ["middle", "both"]),
    (lambda: hm.region_field("ear"), ["ear", "gon"]),
    (lambda: hm.region_field("gon", "both"), ["both", "left"]),
    (lambda: hm.region_centre("occipital", "up"), ["up", "right"]),
    (lambda: hm.decimate(np.zeros((3, 3)), np.array([[0, 1, 2]]), 0), ["cell_mm"]),
    (lambda: hm.decimate(np.zeros((3, 3)), np.array([[0, 1, 2]]), [2.0, 3.0]),
     ["cell_mm", "(2,)", "3"]),
])
def test_bad_input_raises_value_error_naming_choices(call, words):
    with pytest.raises(ValueError) as err:
        call()
    for w in words:
        assert w in str(err.value)


def test_subdivide_keeps_the_surface():
    v = np.array([[0, 0, 0], [10, 0, 0], [0, 10, 0]], float)
    f = np.array([[0, 1, 2]])
    v2, f2 = hm.subdivide(v, f)
    assert len(f2) == 4 and len(v2) == 6
    area = lambda v, f: 0.5 * np.linalg.norm(  # noqa: E731
        np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]]), axis=1).sum()
    assert area(v2, f2) == pytest.approx(area(v, f))


def test_decimate_reduces_keeps_shape_and_transfers(mesh):
    dec = hm.decimate(mesh.vertices, mesh.faces, 9.0)
    assert len(dec.vertices) < len(mesh.vertices) / 2
    assert dec.faces.max() < len(dec.vertices)
    lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
    assert (dec.vertices.min(axis=0) > lo - 1).all() and (dec.vertices.max(axis=0) < hi + 1).all()
    x = dec.vertices[:, 0]
    assert abs(x.mean()) < 1.0  # still centred on the midline
    const = dec.transfer(np.full(len(mesh.vertices), 0.7))
    assert np.allclose(const, 0.7)
    assert np.unique(np.sort(dec.faces, axis=1), axis=0).shape[0] == len(dec.faces)
    # faces keep the orientation of the skin they replace (none flipped by the clustering)
    tri = dec.vertices[dec.faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    _, near = cKDTree(mesh.vertices).query(tri.mean(axis=1))
    original = vertex_normals(mesh.vertices, mesh.faces)[near]
    assert ((normal * original).sum(axis=1) > 0).mean() > 0.97


def test_decimate_keeps_finer_cells_where_asked(mesh):
    """A cell size per vertex: vertices given fine cells merge only among themselves, so
    a small feature keeps more of its vertices; with one size for all, it is the old
    clustering, vertex for vertex."""
    v = mesh.vertices
    coarse = hm.decimate(v, mesh.faces, 9.0)
    same = hm.decimate(v, mesh.faces, np.full(len(v), 9.0))
    assert np.array_equal(coarse.vertices, same.vertices)
    assert np.array_equal(coarse.faces, same.faces)
    top = v[:, 2] > np.percentile(v[:, 2], 90)    # the crown
    mixed = hm.decimate(v, mesh.faces, np.where(top, 3.0, 9.0))
    fine_top = np.unique(mixed.labels[top & (mixed.labels >= 0)])
    assert len(fine_top) > 3 * len(np.unique(coarse.labels[top & (coarse.labels >= 0)]))
    rest = ~top & (mixed.labels >= 0)
    assert not set(fine_top) & set(np.unique(mixed.labels[rest]))  # sizes never share a cell


def test_decimate_crops_below_z_min():
    head = load_head()
    dec = hm.decimate(head.vertices, head.faces, 8.0, z_min=-100)
    assert dec.vertices[:, 2].min() >= -100 - 1e-6
    assert (dec.labels[head.vertices[:, 2] < -100] == -1).all()


def test_skin_distance_is_close_to_true_length(mesh):
    """Each mesh edge counted once: the distance over the skin between two scalp points a few
    cm apart is a little more than the chord (the surface curves), never about double it."""
    v = mesh.vertices
    head = load_head()
    a = int(np.argmin(np.linalg.norm(v - head.eeg_positions["Cz"], axis=1)))
    b = int(np.argmin(np.linalg.norm(v - head.eeg_positions["C4"], axis=1)))
    chord = np.linalg.norm(v[a] - v[b])
    along = hm.skin_distance([a])[b]
    assert 1.0 <= along / chord < 1.25


def test_map_mesh_is_the_closed_outer_shell():
    """The maps live on the drawn skin's outer shell: one piece, no eye sockets or mouth
    cavity, no holes; its only open edge is the cut across the neck: level at MAP_Z_MIN
    under the neck, rising through the shoulders' slope (no saw tooth of whole faces, no
    shoulder flap), and no edge is longer than MAP_MAX_EDGE_MM."""
    from anatomy import shell

    m = hm.map_mesh()
    assert len(np.unique(shell.components(m.faces))) == 1
    loops = shell.boundary_loops(m.faces)
    assert len(loops) == 1
    x, _, z = m.vertices[loops[0]].T
    floor = hm.MAP_Z_MIN + hm.MAP_CUT_SLOPE * np.maximum(np.abs(x) - hm.MAP_NECK_HALF_MM, 0)
    # exact on the level part; within one edge's rise where an edge crosses the bend
    assert np.abs(z - floor).max() < hm.MAP_CUT_SLOPE * hm.MAP_MAX_EDGE_MM
    assert np.median(np.abs(z - floor)) < 1e-6
    assert np.abs(x).max() < 80  # no shoulder flap left: the cut runs round the neck
    edges = np.linalg.norm(m.vertices[m.faces] - m.vertices[np.roll(m.faces, 1, axis=1)],
                           axis=2)
    assert edges.max() <= hm.MAP_MAX_EDGE_MM + 1e-6
    # nothing inside: every vertex lies on the drawn skin (a mouth-cavity or eye-socket
    # vertex of the model's own mesh would be centimetres under it)
    from anatomy.skin import Skin

    drawn = shell.display_skin()
    depth = Skin(drawn.vertices, drawn.faces).depth(m.vertices[::7])
    assert np.abs(depth).max() < 1.5


def test_refine_by_field_splits_only_where_the_field_changes():
    from anatomy import meshgen

    v = np.array([[0, 0, 0], [40, 0, 0], [40, 40, 0], [0, 40, 0]], float)
    f = np.array([[0, 1, 2], [0, 2, 3]])

    def ramp(p):  # changes along x only, crosses 0 at x = 30
        return np.c_[np.asarray(p)[:, 0] / 40.0, np.asarray(p)[:, 0] - 30.0]

    v2, f2, values = meshgen.refine_by_field(v, f, ramp, 8.0, steps=(0.1, 0.0))
    assert np.allclose(values, ramp(v2))  # new vertices sampled, not averaged
    e = v2[f2] - v2[np.roll(f2, 1, axis=1)]
    long_dx = np.abs(e[..., 0]).max(axis=1)
    assert long_dx.max() <= 8.0 + 1e-9  # the ramp's steps are 0.1 or less per face
    area = 0.5 * np.linalg.norm(np.cross(v2[f2[:, 1]] - v2[f2[:, 0]],
                                         v2[f2[:, 2]] - v2[f2[:, 0]]), axis=1).sum()
    assert area == pytest.approx(1600.0)  # same square, no gap
    # a field that does not change splits nothing
    flat = meshgen.refine_by_field(v, f, lambda p: np.ones((len(p), 1)), 8.0, steps=(0.1,))
    assert len(flat[1]) == 2
    with pytest.raises(ValueError, match="max_edge"):
        meshgen.refine_by_field(v, f, ramp, 0.0, steps=(0.1, 0.0))
    with pytest.raises(ValueError, match="one value per step"):
        meshgen.refine_by_field(v, f, ramp, 8.0, steps=(0.1,))
    with pytest.raises(ValueError, match="non-negative"):
        meshgen.refine_by_field(v, f, ramp, 8.0, steps=(-0.1, 0.0))


def test_maps_leave_the_auricles_bare_but_the_lons(mesh):
    """Grown along the skin, the tension-type band, the migraine's temples and the
    cervicogenic map coloured the whole auricle (reviewer). Each map now stops at the ear's
    root, its edge a line round it, except where a region reaches onto the auricle (the
    LON's skin takes in its upper back): there the map is that region's alone."""
    from anatomy.head import ear_vertices

    ear = ear_vertices(mesh.vertices)
    assert ear.sum() > 100
    for condition in hm.MAP_CONDITIONS:
        for side in ("left", "right", "both"):
            values = hm.condition_map(condition, side)
            edge = hm.condition_edge(condition, side)
            auricular = np.zeros(len(values))
            for region, s, weight in hm._terms(condition, side):
                if region in hm.AURICLE_REGIONS:
                    auricular = np.maximum(auricular, weight * hm.region_field(region, s))
            assert np.allclose(values[ear], auricular[ear]), (condition, side)
            if not auricular[ear].any():
                assert edge[ear].max() < 0, (condition, side)   # outside the edge
    # off the ears and their roots every map is as before: the plain maximum of its
    # regions
    from anatomy.head import auricle_weight

    head = auricle_weight(mesh.vertices) == 0
    for condition in hm.MAP_CONDITIONS:
        plain = np.zeros(len(mesh.vertices))
        for region, s, weight in hm._terms(condition, None):
            plain = np.maximum(plain, weight * hm.region_field(region, s))
        assert np.allclose(hm.condition_map(condition)[head], np.clip(plain, 0, 1)[head])
