"""The head model: frame, symmetry, landmarks, dimensions, 10-20 positions, errors."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import load_head
from anatomy.eeg import sagittal_arc
from anatomy.head import LANDMARK_NAMES, landmark_definitions, side_of
from anatomy.references import check_keys
from anatomy.surface import arc_length, closest_points


def test_mesh_shape_and_units(head):
    v, f = head.vertices, head.faces
    assert v.ndim == 2 and v.shape[1] == 3 and f.shape[1] == 3
    assert 4000 < len(v) < 8000
    extent = v.max(0) - v.min(0)
    # shoulders (acromion to acromion ~ 36 cm) and head-to-chest height in mm
    assert 350 < extent[0] < 600 and 250 < extent[2] < 520


def test_mesh_is_mirror_symmetric(head):
    mirrored = head.vertices * [-1, 1, 1]
    from scipy.spatial import cKDTree

    dist, _ = cKDTree(head.vertices).query(mirrored)
    assert dist.max() < 0.05


def test_arrays_are_read_only(head):
    with pytest.raises(ValueError):
        head.vertices[0, 0] = 1.0


def test_every_landmark_present_defined_and_sourced(head):
    assert set(head.landmarks) == set(LANDMARK_NAMES)
    defs = landmark_definitions()
    for name in head.landmarks:
        side = side_of(name)
        base = name.removesuffix(f"_{side}") if side else name
        d = defs[base]
        assert d.definition and d.method
        check_keys(d.references, f"landmark {name}")


def test_landmarks_lie_on_the_skin(head):
    pts = np.array(list(head.landmarks.values()))
    nearest = closest_points(head.vertices, head.faces, pts)
    assert np.linalg.norm(nearest - pts, axis=1).max() < 0.5


def test_sides_follow_the_frame(head):
    for name, p in head.landmarks.items():
        side = side_of(name)
        if side == "right":
            assert p[0] > 20, name
        elif side == "left":
            assert p[0] < -20, name
        else:
            assert p[0] == 0.0, name
        if side:
            twin = name.replace(side, "left" if side == "right" else "right")
            assert np.allclose(head.landmarks[twin], p * [-1, 1, 1])


def test_anatomical_order_of_landmarks(head):
    lm = head.landmarks
    assert lm["vertex"][2] == max(p[2] for p in lm.values())
    assert lm["nasion"][1] > 60 and lm["inion"][1] < -60          # front / back
    assert lm["glabella"][2] > lm["nasion"][2]
    assert lm["menton"][2] < lm["gonion_right"][2] < lm["tragus_right"][2]
    assert lm["mastoid_right"][1] < lm["tragus_right"][1]          # behind the ear
    assert lm["mastoid_right"][2] < lm["tragus_right"][2]          # and below it
    assert lm["tmj_right"][1] > lm["tragus_right"][1]              # in front of the tragus
    assert lm["suprasternal_notch"][2] < lm["menton"][2] - 40
    assert lm["c7_spinous"][2] < lm["inion"][2] - 80
    assert lm["acromion_right"][0] > lm["clavicle_mid_right"][0] > 30
    assert 5 <= lm["inion"][2] - lm["tragus_right"][2] <= 25  # EOP ~1 cm above ear level


def test_adult_dimensions(head):
    d = head.dimensions()
    assert 135 <= d["bitragion_breadth"] <= 160  # plausible band only: no survey table yet
    assert 175 <= d["head_length"] <= 205            # Pheasant: 180 (F) - 195 (M)
    assert 140 <= d["head_breadth"] <= 165           # Pheasant: 145 (F) - 155 (M)
    assert 106 <= d["bimastoid_breadth_skin"] <= 135  # bone 106 +- 6 (Okumus) + soft tissue
    # Pheasant, British adults: women 325-380 (5th-95th), men 365-430
    assert 325 <= d["biacromial_breadth"] <= 430
    arc = arc_length(sagittal_arc(head.vertices, head.faces, head.landmarks))
    assert 330 <= arc <= 380  # 34-37 cm, derived from the 10-20 template (no survey yet)


def test_ten_twenty_positions(head):
    eeg = head.eeg_positions
    assert len(eeg) == 23 and {"Cz", "Fpz", "Oz", "T7", "T8", "O1", "O2"} <= set(eeg)
    arc = sagittal_arc(head.vertices, head.faces, head.landmarks)
    cum = np.r_[0, np.cumsum(np.linalg.norm(np.diff(arc, axis=0), axis=1))]
    k = np.argmin(np.linalg.norm(arc - eeg["Cz"], axis=1))
    assert abs(cum[k] / cum[-1] - 0.5) < 0.01       # Cz halfway along nasion-inion
    assert abs(eeg["Cz"][2] - head.landmarks["vertex"][2]) < 5
    for a, b in (("Fp1", "Fp2"), ("T7", "T8"), ("O1", "O2"), ("C3", "C4")):
        assert np.allclose(eeg[a], eeg[b] * [-1, 1, 1])
        assert eeg[a][0] < 0 < eeg[b][0]
    nearest = closest_points(head.vertices, head.faces, np.array(list(eeg.values())))
    assert np.linalg.norm(nearest - np.array(list(eeg.values())), axis=1).max() < 2.0


def test_unknown_landmark_names_close_matches(head):
    with pytest.raises(ValueError, match=r"'mastoid'.*mastoid_left.*Valid choices"):
        head.landmark("mastoid")
    with pytest.raises(ValueError, match="10-20"):
        head.eeg("Cz9")


def test_missing_mesh_file_names_file_and_rebuild_command(tmp_path):
    path = tmp_path / "nope.npz"
    with pytest.raises(FileNotFoundError, match=r"nope\.npz.*tools/build_head_mesh\.py"):
        load_head(path)


def test_corrupt_mesh_file_names_file_and_rebuild_command(tmp_path):
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match=r"bad\.npz.*corrupt.*tools/build_head_mesh\.py"):
        load_head(path)


def test_mesh_file_missing_arrays(tmp_path):
    path = tmp_path / "partial.npz"
    np.savez(path, vertices=np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"partial\.npz lacks"):
        load_head(path)


def test_3d_labels_name_only_landmarks_the_opening_view_sees(head):
    from anatomy.viz import head_views as hv

    posterior = hv.facing_landmarks(head, list(head.landmarks), "posterior")
    assert {"inion", "mastoid_right", "mastoid_left", "c7_spinous"} <= posterior
    assert not {"nasion", "menton", "suprasternal_notch"} & posterior
    anterior = hv.facing_landmarks(head, list(head.landmarks), "anterior")
    assert {"nasion", "glabella", "menton"} <= anterior and "inion" not in anterior

    fig = hv.head_figure(head, view="posterolateral_right").spec
    assert not [t for t in fig["data"] if "text" in t.get("mode", "")]  # no 3D text
    view_menu = next(m for m in fig["layout"]["updatemenus"] if m["name"] == "view")
    per_view = {b["label"].replace(" ", "_"): b["args"][0]["scene.annotations"]
                for b in view_menu["buttons"]}
    assert fig["layout"]["scene"]["annotations"] == per_view["posterolateral_right"]
    for view, notes in per_view.items():  # each camera preset names what it sees:
        # facing it, with the marker in sight of its eye in perspective (from above, the
        # head hid the mid-clavicle markers and their labels floated over the ears)
        facing = sorted(hv.facing_landmarks(head, list(head.landmarks), view))
        eye = hv.labels.perspective(head, view)
        shown = eye.visible(hv.on_skin(head, [head.landmarks[n] for n in facing]))
        seen = ({n for n, ok in zip(facing, shown) if ok}
                | hv.scene._edge_landmarks(head, list(head.landmarks), view))
        if view == "superior":
            assert not {"mid-clavicle (L)", "mid-clavicle (R)"} & {a["text"] for a in notes}
        # (markers that cover each other share one label, at the one nearer the eye)
        merged = hv.scene._merged_labels(head, sorted(seen), view)
        assert sorted(a["text"] for a in notes) == sorted(t for t in merged.values() if t), view
        at = {t: head.landmarks[n] for n, t in merged.items() if t}
        for a in notes:  # on its landmark: just above the marker, or on a leader line
            assert np.allclose([a["x"], a["y"], a["z"]], at[a["text"]], atol=0.06)
            if a["showarrow"]:
                assert np.hypot(a["ax"], a["ay"]) >= 15
                # a sideways leader ends at the label's near edge, not its centre, so the
                # label never covers its own marker; one above or below stays centred
                sideways = abs(a["ax"]) >= 0.5 * abs(a["ay"])
                expected = ("left" if a["ax"] > 0 else "right") if sideways else None
                assert a.get("xanchor") == expected, (view, a["text"])
            else:
                assert a["yanchor"] == "bottom" and a["yshift"] > 0
    markers = [t for t in fig["data"] if t.get("name", "").startswith("landmarks")]
    assert sum(len(t["x"]) for t in markers) == len(head.landmarks)  # every marker stays


def test_markers_at_the_outline_are_labelled_where_there_is_room(head):
    """C7, the suprasternal notch and the clavicle in the lateral views: their skin points
    face away from the camera, but plotly's perspective shows their markers at the outline,
    and they were left nameless."""
    from anatomy.viz import head_views as hv

    names = list(head.landmarks)
    for view in ("left", "right"):
        texts = {a["text"] for a in hv.landmark_notes(head, names, view)}
        edge = {"c7_spinous", "suprasternal_notch", f"clavicle_mid_{view}"}
        assert not edge & hv.facing_landmarks(head, names, view)
        assert {hv.label(n) for n in edge} <= texts, view


def test_the_tragus_beside_the_tmj_is_named_from_behind_and_to_the_side(head):
    """From behind and to the side, the tragus's marker shows just behind the TMJ's, in
    front of the ear's root, though its skin point faces away: only "TMJ" was named, and a
    student saw two squares with one name (review 35). Both are named, on two labels."""
    from anatomy.viz import head_views as hv

    names = list(head.landmarks)
    for side in ("left", "right"):
        view = f"posterolateral_{side}"
        texts = [a["text"] for a in hv.landmark_notes(head, names, view)]
        assert f"tragus_{side}" not in hv.facing_landmarks(head, names, view)
        assert {hv.label(f"tragus_{side}"), hv.label(f"tmj_{side}")} <= set(texts), view


def test_parallel_ray_test_agrees_with_single_rays(head):
    from anatomy.surface import ray_hit, rays_blocked

    rng = np.random.default_rng(0)
    starts = np.array(list(head.landmarks.values())) + rng.normal(0, 20, (len(head.landmarks), 3))
    for d in ([0, -1, 0.2], [1, 0, 0], [0.3, 0.3, 1]):
        single = [ray_hit(head.vertices, head.faces, s, d) is not None for s in starts]
        blocked = rays_blocked(head.vertices, head.faces, starts, d)
        assert list(blocked) == single and 0 < sum(single) < len(single)


def test_ten_twenty_labels_sit_outward_and_only_where_seen(head):
    """Each view labels the 10-20 positions it sees, away from the head: the far side's
    labels (Fp2 and O2 seen from the left) would fall on the near side's, and a label at
    the outline drawn above its point went half into the skin (Oz, O1, Fp1, Nz)."""
    from anatomy.skin import head_skin
    from anatomy.viz import head_views as hv

    names = list(head.eeg_positions)
    frame = hv.EEG_CAMERA  # the 10-20 figure's cameras
    for view in ("left", "right", "anterior", "posterior", "superior"):
        text, where = hv.eeg_labels(head, view, frame)
        towards = hv.labels._towards_eye(view)
        seen = head_skin().visible([head.eeg_positions[n] for n in names], towards=towards)
        assert all(t in ("", n) for t, n in zip(text, names))
        assert not [n for n, t, ok in zip(names, text, seen) if t and not ok], view
        assert sum(bool(t) for t in text) >= 8, (view, text)
    text, where = hv.eeg_labels(head, "left", frame)
    pos = dict(zip(names, where))
    # the screen's right is the back of the head seen from the left
    assert pos["Oz"].endswith("right") and pos["O1"].endswith("right")
    assert pos["Fp1"].endswith("left") and pos["Nz"].endswith("left")
    assert pos["Cz"].startswith("top")
    shown = {n for n, t in zip(names, text) if t}
    # Oz, crowded by O1 and Iz at its outward place, moves 45 degrees up (it went unlabelled)
    assert {"Nz", "Fp1", "F7", "T7", "P7", "O1", "Oz", "Cz", "C3", "Iz"} <= shown
    assert not {"Fp2", "F8", "T8", "P8", "O2", "C4"} & shown
    # the view menu switches the labels with the camera
    fig = hv.head_figure(head, view="left", eeg=True,
                         landmarks=["inion", "nasion", "tragus_left"]).spec
    k = next(i for i, t in enumerate(fig["data"]) if t["name"] == "10-20 positions")
    assert fig["data"][k]["text"] == text and fig["data"][k]["textposition"] == where
    menu = next(m for m in fig["layout"]["updatemenus"] if m["name"] == "view")
    for b in menu["buttons"]:
        view = b["label"].replace(" ", "_")
        assert b["method"] == "update" and b["args"][2] == [k]
        assert b["args"][0]["text"] == [hv.eeg_labels(head, view, frame)[0]]


def test_landmark_groups_differ_in_the_legend(head):
    """Midline, right and left landmark groups share a colour: their symbols differ, so
    the three legend entries are not three identical dots."""
    from anatomy.viz import head_views as hv

    traces = hv.landmark_traces(head)
    assert [t["name"] for t in traces] == [f"landmarks ({g})" for g in ("midline", "right",
                                                                       "left")]
    symbols = [t["marker"]["symbol"] for t in traces]
    assert len(set(symbols)) == 3


def test_landmark_plate_draws_every_view_at_one_scale(head):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from anatomy.viz import head_views

    fig = head_views.head_plate(head, ("posterior", "right")).figure
    FigureCanvasAgg(fig).draw()
    scales = []
    for ax in fig.axes:
        box = ax.get_window_extent()
        scales.append((box.width / np.ptp(ax.get_xlim()), box.height / np.ptp(ax.get_ylim())))
    scales = np.array(scales)  # pixels per mm, across and up, per panel
    assert np.ptp(scales) < 0.01 * scales.mean()


@pytest.mark.parametrize("views", [("posterior", "right"), ("anterior", "right", "posterior"),
                                   ("anterior",)])
def test_landmark_plate_has_no_white_bands_and_one_scale(head, views):
    """The panels keep the head's proportions: the plate's layout gave them a fifth more
    height than they used, as white bands above and below the heads (review 14). Each
    panel now fills at least 97 % of the height laid out for it. And no plate draws the
    head smaller than the two-view plate does: the labels' offsets are in mm, and at 3.9
    inches a panel the three-view plate drew smaller heads under the same labels, which
    ran into each other."""
    from anatomy.viz import head_views

    def inches_per_mm(fig):
        ax = fig.axes[0]
        ax.apply_aspect()
        return ax.get_position().width * fig.get_figwidth() / np.ptp(ax.get_xlim())

    fig = head_views.head_plate(head, views).figure
    for ax in fig.axes:
        given = ax.get_position(original=True)
        ax.apply_aspect()
        used = ax.get_position()
        assert used.height >= 0.97 * given.height, (ax.get_title(), used.height, given.height)
    default = head_views.head_plate(head).figure
    assert default.get_figwidth() == pytest.approx(7.8)
    assert inches_per_mm(fig) >= 0.97 * inches_per_mm(default)


def test_landmark_plate_marks_only_what_each_view_sees(head):
    """A rule by side of the head drew the tragus on the back of the ears and the
    clavicles on the back of the shoulders in the posterior view. Each panel labels the
    landmarks the skin does not hide from it; those on the outline (the vertex from
    behind, C7 from the side) keep their labels."""
    from anatomy.viz import head_views

    fig = head_views.head_plate(head, ("posterior", "right")).figure
    back, side = ({t.get_text() for t in ax.texts} for ax in fig.axes)
    for hidden in ("tragus (R)", "tragus (L)", "mid-clavicle (R)", "mid-clavicle (L)",
                   "nasion", "menton"):
        assert hidden not in back
    assert {"vertex", "inion (EOP)", "C7 spinous", "mastoid tip (R)", "mastoid tip (L)",
            "acromion (R)", "acromion (L)"} <= back
    assert {"vertex", "C7 spinous", "tragus (R)", "TMJ (R)", "nasion", "menton",
            "inion (EOP)"} <= side
    assert not any("(L)" in t for t in side)


def test_a_label_does_not_run_over_another(head):
    """Two spots whose labels start far enough apart can still overlap along the text:
    a long label to the right of a spot runs over the label of a spot 34 mm to its
    right and 10 mm lower (at the narrowest figure's scale). Only one of them is shown."""
    from anatomy.skin import head_skin
    from anatomy.viz import head_views as hv

    inion = head.landmarks["inion"]
    up = inion + [0.0, 0.0, 40.0]  # the upper occiput, facing the camera
    pts = head_skin().closest(np.array([up, up + [34.0, 0.0, -10.0]]))
    text, where = hv.view_labels(head, pts, ["greater occipital nerve", "spot"],
                                 "posterior")
    assert where == ["middle right", "middle right"]
    assert sum(bool(t) for t in text) == 1
    # of two points 6 mm apart only one is named: the one placed first, nearest the eye
    # by default, or the first of ``order``
    pts = head_skin().closest(np.array([up, up - [0.0, 0.0, 6.0]]))
    for order in ([0, 1], [1, 0]):
        text, _ = hv.view_labels(head, pts, ["a", "b"], "posterior", order=order)
        assert [bool(t) for t in text] == [k == order[0] for k in range(2)]
    with pytest.raises(ValueError, match=r"order \[0, 2\].*numbered 0 to 1"):
        hv.view_labels(head, pts, ["a", "b"], "posterior", order=[0, 2])


def test_sideways_labels_start_level_with_their_points(head):
    """``sideways`` names points level with them, on the side away from the middle: a
    column of points down the spine named below each point had no room."""
    from anatomy.skin import head_skin
    from anatomy.viz import head_views as hv

    inion = head.landmarks["inion"]
    pts = head_skin().closest(inion + np.array([[-40.0, 0, 30], [40.0, 0, 30]]))
    _, where = hv.view_labels(head, pts, ["L", "R"], "posterior", sideways=True)
    # from behind the subject's right (x > 0) is on the screen's right
    assert where == ["middle left", "middle right"]


def test_ten_twenty_names_sit_nearer_their_own_points(head):
    """A name beside a crowded point is read as the nearest marker's: seen from behind,
    "O1" below and left of its point sat nearer P7's marker. In every view, the middle of
    each name, where plotly draws it, is nearer its own point than any other seen point
    (distance across a line of text counting double); the back view, symmetric, labels
    the two sides as mirror images."""
    from anatomy.viz import head_views as hv
    from anatomy.viz.head_views import labels as lab
    from anatomy.viz.head_views.scene import EEG_GAP_MM, on_skin

    names = list(head.eeg_positions)
    pts = on_skin(head, [head.eeg_positions[n] for n in names], EEG_GAP_MM)
    for view in ("left", "right", "anterior", "posterior", "superior",
                 "posterolateral_left", "posterolateral_right"):
        text, where = hv.eeg_labels(head, view)
        _, right, up = lab._screen_axes(view)
        screen = np.c_[pts @ right, pts @ up]
        seen = head_skin_seen(head, names, view)
        for k, (t, w) in enumerate(zip(text, where)):
            if not t:
                continue
            vertical, side = w.split()
            half_w, half_h = len(t) * lab.CHAR_MM / 2, lab._LINE_MM / 2
            near = lab._TEXT_OFF_MM
            d = np.array([{"right": near + half_w, "left": -near - half_w}.get(side, 0.0),
                          {"top": near + half_h, "bottom": -near - half_h}.get(vertical, 0.0)])
            wt = np.array([1, 2] if vertical == "middle" else [2, 1] if side == "center"
                          else [1, 1])
            mid = screen[k] + d
            others = [j for j in np.flatnonzero(seen) if j != k]
            assert np.linalg.norm(d * wt) < np.linalg.norm((screen[others] - mid) * wt,
                                                           axis=1).min(), (view, t, w)
    text, where = hv.eeg_labels(head, "posterior")
    pos = dict(zip(names, zip(text, where)))
    mirror = {"left": "right", "right": "left", "center": "center"}
    for a, b in (("O1", "O2"), ("P7", "P8"), ("P3", "P4"), ("C3", "C4")):
        (ta, wa), (tb, wb) = pos[a], pos[b]
        assert bool(ta) == bool(tb), (a, b)
        va, sa = wa.split()
        assert wb == f"{va} {mirror[sa]}", (a, wa, b, wb)


def head_skin_seen(head, names, view):
    """Which 10-20 positions a named camera sees (as ``view_labels`` decides)."""
    from anatomy.skin import head_skin
    from anatomy.viz import head_views as hv
    from anatomy.viz.head_views.scene import EEG_GAP_MM, on_skin

    raw = [head.eeg_positions[n] for n in names]
    eye = hv.labels.perspective(head, view)
    return (head_skin().visible(raw, towards=hv.labels._towards_eye(view))
            & eye.visible(on_skin(head, raw, EEG_GAP_MM), offset=1.5))


def test_every_marker_in_sight_is_named(head):
    """A marker a view shows gets its name: from behind, the mid-clavicle markers over the
    shoulders' tops, from behind and to the side the far acromion at the outline, and from
    the front the tragi beside the cheeks showed unnamed (their skin points are seen
    edge-on, so only their lifted markers show)."""
    from anatomy.viz.head_views import scene as sc
    from anatomy.viz.head_views.labels import perspective

    names = list(head.landmarks)
    for view in ("anterior", "posterior", "left", "right", "superior",
                 "posterolateral_left", "posterolateral_right"):
        named = set()
        for note in sc.landmark_notes(head, names, view):  # "TMJ and tragus (R)": both
            both, _, side = note["text"].rpartition(" (")
            parts = both.split(" and ") if both and " and " in both else [both]
            named |= ({f"{p} ({side}" for p in parts} if both else {note["text"]})
        shown = perspective(head, view).visible(
            sc.on_skin(head, [head.landmarks[n] for n in names]))
        assert not [n for n, ok in zip(names, shown) if ok and sc.label(n) not in named], view


def test_front_view_names_the_jaw_angles_and_joins_tmj_and_tragus(head):
    """From the front the gonion markers stand out at the jaw's outline (their centres
    just behind it) and are named; the TMJ and tragus markers lie 0.5 mm apart on the
    screen, and one label names both (two leader lines met at one spot: student review).
    Views where the two lie apart keep a label each."""
    from anatomy.viz.head_views import scene as sc

    names = list(head.landmarks)
    front = [n["text"] for n in sc.landmark_notes(head, names, "anterior")]
    assert {"gonion (R)", "gonion (L)", "TMJ and tragus (R)", "TMJ and tragus (L)"} <= set(front)
    assert not {"TMJ (R)", "tragus (R)", "TMJ (L)", "tragus (L)"} & set(front)
    side = [n["text"] for n in sc.landmark_notes(head, names, "right")]
    assert {"TMJ (R)", "tragus (R)"} <= set(side) and not any(" and " in t for t in side)


@pytest.mark.parametrize("eeg", [False, True], ids=["landmarks", "ten_twenty"])
def test_head_figures_frame_the_head(head, eeg):
    """In the notebook's narrowest figure (592 px), the head figures' opening view puts the
    vertex near the top of the scene and every landmark inside it: the kit's default
    camera left 100-120 px empty above the vertex and put the near acromion on the
    legend (student review)."""
    from anatomy.viz import head_views as hv
    from anatomy.viz import plotly3d

    view = "left" if eeg else "posterolateral_right"
    names = ["inion", "nasion", "tragus_left"] if eeg else list(head.landmarks)
    fig = hv.head_figure(head, view=view, eeg=eeg, landmarks=names).spec
    v = hv.drawn_skin(head)[0]
    lo, hi = v.min(axis=0), v.max(axis=0)
    unit = float(np.prod((hi - lo) * (1 + 2 / 32)) ** (1 / 3))  # plotly's autorange pad

    def ndc(points):
        return plotly3d.view_ndc((np.asarray(points, float) - (lo + hi) / 2) / unit,
                                 fig["layout"]["scene"]["camera"], aspect)

    top = fig["layout"]["margin"]["t"]
    aspect = 592 / (fig["layout"]["height"] - top - 30)  # the legend's row below
    marks = ndc([head.landmarks[n] for n in names])
    assert np.abs(marks).max() <= 0.92, np.abs(marks).max(axis=0)
    top_of_head = ndc(v[np.argmax(v[:, 2])][None])[0, 1]
    assert 0.7 <= top_of_head <= 0.95, top_of_head
