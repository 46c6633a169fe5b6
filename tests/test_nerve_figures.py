"""Nerve figures: structure of the plotly figure (on fig.to_dict()) and the print plates."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy import nerves as nv
from anatomy.viz import nerve_views as views
from anatomy.viz import plotly3d

LAYERS = ["Skin", "Muscles", "Bones", "Nerves", "Vessels"]


@pytest.fixture(scope="module")
def kitfig():
    return views.all_layers_figure()


@pytest.fixture(scope="module")
def figdict(kitfig):
    return kitfig.figure.to_dict()


def _menus(d):
    return d["layout"]["updatemenus"]


def test_all_layers_traces(figdict):
    names = [t.get("name") for t in figdict["data"]]
    # both sides drawn: the right trace holds the nerve's one legend entry
    for n in ("GON", "GON (L)", "LON", "LON (L)", "TON", "TON (L)", "skin"):
        assert n in names
    assert any("Obliquus capitis inferior" in n for n in names)
    assert any("Occipital artery" in n or "occipital artery" in n.lower() for n in names)
    assert "Janis compression points (derived)" in names


def test_layer_buttons_cover_every_layer(figdict):
    toggles = [m for m in _menus(figdict) if m["type"] == "buttons"]
    # one menu per button: plotly.js keeps one active button per menu, so buttons that
    # shared a menu needed an extra click after another had been pressed
    assert all(len(m["buttons"]) == 1 for m in toggles)
    # a button shows its layer's state: pressed (plotly.js's near-white active button)
    # while it shows, grey once hidden; white buttons showed no state (review 35), and
    # blue ones for shown layers turned white, "hidden", under the mouse (review 36)
    assert all(m["showactive"] and m["active"] == 0 for m in toggles)
    assert all(m["bgcolor"] == plotly3d.LAYER_HIDDEN_FILL for m in toggles)
    buttons = [m["buttons"][0] for m in toggles]
    assert [b["label"] for b in buttons] == LAYERS
    # a row from the right edge: each button starts left of the one after it
    assert all(m["xanchor"] == "right" and m["x"] == 1.0 for m in toggles)
    for left, right, b in zip(toggles, toggles[1:], buttons[1:]):
        assert left["pad"]["r"] >= right["pad"]["r"] + plotly3d.button_width(b["label"])
    data = figdict["data"]
    layer_of = {"Skin": "skin", "Muscles": "muscle", "Bones": "bone", "Nerves": "nerve",
                "Vessels": "vessel"}
    for b in buttons:
        idx = b["args"][-1]  # restyle: (update, traces)
        assert idx and all(data[i]["meta"]["layer"] == layer_of[b["label"]] for i in idx)
        # first click (pressed: args2) hides, the second (args) restores the opening
        # state (hidden traces stay hidden)
        assert b["args2"][-1] == idx
        if b["label"] == "Nerves":   # update: the nerves' notes leave with them
            assert b["method"] == "update" and len(b["args"]) == 3
            notes = figdict["layout"]["scene"]["annotations"]
            assert b["args"][1] == {"scene.annotations": notes}
            assert b["args2"][1]["scene.annotations"] == [
                n for n in notes if "GON" not in n["text"]]
        else:
            assert b["method"] == "restyle" and len(b["args"]) == 2
        shown = [data[i].get("visible", True) for i in idx]
        assert b["args"][0] == {"visible": shown}
        assert b["args2"][0] == {"visible": [False if v is False else "legendonly"
                                             for v in shown]}
        if b["label"] == "Nerves":      # waypoints hidden at opening stay out of the legend
            assert True in shown and "legendonly" in shown
    covered = {i for b in buttons for i in b["args"][-1]}
    assert covered == set(range(len(data))), "every trace belongs to one layer button"


def test_stage_menu(figdict):
    stage_menu = [m for m in _menus(figdict) if m.get("name") == "stage"][0]
    labels = [b["label"] for b in stage_menu["buttons"]]
    assert labels[0] == "All layers" and labels[1].startswith("1 ")
    assert {"LON", "TON"} <= set(labels) and any(lab.startswith("5 ") for lab in labels)
    cams = [str(b["args"][1]["scene.camera"]) for b in stage_menu["buttons"]]
    assert len(set(cams)) == len(cams), "each stage has its own camera"
    n = len(figdict["data"])
    for b in stage_menu["buttons"]:
        assert len(b["args"][0]["visible"]) == n
        assert b["args"][1]["title.text"] and b["args"][1]["scene.annotations"]


def test_first_close_ups_follow_one_gon_and_name_its_bones(figdict):
    """Each stage shows the nerve it follows and leaves out those off its course: stages 1
    and 2 show the followed side's GON without the other side's GON or either side's LON
    and TON (they crossed the view), and name the atlas and axis where the
    course is told against them: each name's point is the first surface its camera ray
    meets, not a bone under a muscle."""
    from anatomy import surface
    from anatomy.structures import load_structures

    structs = load_structures()
    stage_menu = [m for m in _menus(figdict) if m.get("name") == "stage"][0]
    buttons = {b["label"]: b for b in stage_menu["buttons"]}
    data = figdict["data"]
    rng = views.SCENE_HI - views.SCENE_LO
    mid, unit = (views.SCENE_HI + views.SCENE_LO) / 2, np.cbrt(rng.prod())
    named = set()
    for st in views.stages("right"):
        b = buttons[st["label"]]
        visible = b["args"][0]["visible"]
        shown = {tr.get("meta", {}).get("id") for tr, v in zip(data, visible) if v is True}
        notes = b["args"][1]["scene.annotations"]
        # the nerve the stage follows is shown, those off its course are not
        followed = {"LON": "lesser_occipital", "TON": "third_occipital"}.get(
            st["label"], "greater_occipital")
        assert f"{followed}_right" in shown
        off = {n.format(other="left") for n in views.STAGE_OFF_COURSE.get(st["label"], ())}
        assert not {i for i in shown if i and i.removeprefix("waypoints_").startswith(
            tuple(off))}, st["label"]
        if st["label"] not in ("1 Origin at C1-C2", "2 Round obliquus capitis inferior"):
            assert not st["bones"]
            continue
        assert not shown & {"greater_occipital_left", "lesser_occipital_right",
                            "lesser_occipital_left", "third_occipital_right",
                            "third_occipital_left", "waypoints_lesser_occipital_right"}
        if st["label"].startswith("2 "):  # one side's suboccipital muscles, seen from it
            sub = [f"{m}_{s}" for m in ("rectus_capitis_posterior_major",
                                        "rectus_capitis_posterior_minor",
                                        "obliquus_capitis_superior",
                                        "obliquus_capitis_inferior") for s in ("right", "left")]
            assert [i in shown for i in sub] == [True, False] * 4
        assert [n["text"] for n in notes[-len(st["bones"]):]] == [n["text"] for n in st["bones"]]
        named |= {n["text"].split(":")[0].split()[0] for n in st["bones"]}
        meshes = [structs[i] for i in shown if i in structs and structs[i].layer in
                  ("bone", "muscle")]
        e = st["camera"]["eye"]
        eye = np.array([e["x"], e["y"], e["z"]]) * unit + mid
        for note in st["bones"]:
            p = np.array([note["x"], note["y"], note["z"]])
            hits = [(np.linalg.norm(h - eye), m.layer)
                    for m in meshes
                    if (h := surface.ray_hit(m.vertices, m.faces, eye, p - eye)) is not None]
            first, layer = min(hits)
            assert layer == "bone" and abs(first - np.linalg.norm(p - eye)) < 2.0, note["text"]
    assert named == {"C1", "C2"}


def test_stage_1_draws_the_first_stretch_only_and_in_view(figdict, kitfig):
    """Stage 1 draws the GON from its origin to the lower border of obliquus capitis
    inferior, with that muscle hidden, and nothing it draws hides the stretch from its
    camera. Drawn whole, the stretch deep to OCI and the one coming back up on the
    muscle fell on one line of sight, and readers took the origin to lie on OCI (student
    review). Stage 2 draws the whole nerve and the muscle; the legend entry stays lit."""
    from anatomy.skin import Skin
    from anatomy.structures import load_structures

    gon = nv.nerve("greater_occipital", "right")
    a, b = (gon.waypoint_index[w] for w in views.FIRST_STRETCH)
    stretch = gon.path[a:b + 1]
    menu = {m["label"]: m for m in [m for m in _menus(figdict)
                                    if m.get("name") == "stage"][0]["buttons"]}
    st = {s["label"]: s for s in views.stages("right")}
    for label in (views.FIRST_STRETCH_STAGE, "2 Round obliquus capitis inferior"):
        visible = menu[label]["args"][0]["visible"]
        drawn = [np.c_[t.x, t.y, t.z].astype(float) for t, v in
                 zip(kitfig.figure.data, visible) if v is True and t.type == "scatter3d"
                 and t.mode == "lines"
                 and (t.meta or {}).get("id") == "greater_occipital_right"]
        pts = np.vstack(drawn)
        near = np.linalg.norm(pts[:, None] - stretch[None], axis=2).min(axis=1)
        shown = {(t.get("meta") or {}).get("id") for t, v in zip(figdict["data"], visible)
                 if v is True}
        legend = [v for t, v in zip(figdict["data"], visible)
                  if t.get("name") == "GON" and t.get("showlegend") is not False]
        assert legend == [True], label
        if label == views.FIRST_STRETCH_STAGE:
            assert near.max() < 0.1                 # nothing beyond the first stretch
            assert "obliquus_capitis_inferior_right" not in shown
            eye = views.course_stages._eye_mm(st[label]["camera"])
            meshes = [Skin(s.vertices, s.faces) for k, s in load_structures().items()
                      if k in shown]
            for p in stretch:
                d = (p - eye) / np.linalg.norm(p - eye)
                far = np.linalg.norm(p - eye) - 0.5
                assert not any((h := m.ray_hit(eye, d)) is not None
                               and np.linalg.norm(h - eye) < far for m in meshes), p
        else:
            assert near.max() > 100                 # the whole nerve, to the vertex
            assert "obliquus_capitis_inferior_right" in shown


def test_each_stage_points_the_layer_buttons_at_its_own_layers(figdict):
    """A layer button's second click shows its layer as the current stage shows it (it
    had brought back what the opening view shows: both sides' LON and TON in stage 1, the
    trapezius over the suboccipital triangle), and a stage releases every button, so the
    next click hides. The Nerves button takes the stage's caption and compression-point
    numbers with the nerves (an arrow naming the GON pointed at bare bone) and leaves the
    bones' names, swapping whole lists: hiding notes by index changed the stage menu's
    own copies in plotly.js, so a stage came back without its labels. A button is pressed
    (near white) while its layer shows: a stage that hides a layer whole releases it
    (grey), and its click then shows the layer."""
    menus = _menus(figdict)
    layer = {k: m for k, m in enumerate(menus) if m.get("name", "").startswith("layer ")}
    stage_menu = [m for m in menus if m.get("name") == "stage"][0]
    assert len(layer) == len(LAYERS)
    for b in stage_menu["buttons"]:
        visible, lay = b["args"][0]["visible"], b["args"][1]
        for k, m in layer.items():
            idx = m["buttons"][0]["args"][-1]
            here = [visible[i] for i in idx]
            # the button's next click: it runs args2 when pressed (active 0), else args
            pressed = lay[f"updatemenus[{k}].active"] == 0
            click = "args2" if pressed else "args"
            then = lay.get(f"updatemenus[{k}].buttons[0].{click}[0].visible",
                           m["buttons"][0][click][0]["visible"])
            if True in here:  # pressed (white): the next click hides what the stage shows
                assert pressed and set(then) <= {"legendonly", False}
                assert lay[f"updatemenus[{k}].buttons[0].args[0].visible"] == here
            else:  # released (grey): the stage hides it whole; the click shows it as opened
                assert not pressed, (b["label"], k)
                assert then == m["buttons"][0]["args"][0]["visible"], (b["label"], k)
                assert True in then
            if m["buttons"][0]["label"] != "Nerves":
                assert not any(isinstance(a, dict) and any("annotations" in key for key in a)
                               for a in m["buttons"][0]["args"] + m["buttons"][0]["args2"])
                continue
            notes = lay["scene.annotations"]
            hide = lay[f"updatemenus[{k}].buttons[0].args2[1]"]["scene.annotations"]
            show = lay[f"updatemenus[{k}].buttons[0].args[1]"]["scene.annotations"]
            assert show == notes, b["label"]
            # what stays names bones only: no caption, no compression-point number
            assert len(hide) < len(notes) and all(n in notes for n in hide), b["label"]
            assert not any(n["text"].isdigit() or "GON" in n["text"] or "LON" in n["text"]
                           or "TON" in n["text"] for n in hide), b["label"]
            assert notes[0] not in hide, b["label"]   # the caption goes


def test_stage_captions_point_at_the_nerve_they_name():
    """A caption's arrow ends on the drawn nerve, not at a camera target inside the head
    (the overview's landed on the face once the figure was turned; stage 5's on bone)."""
    for side in ("right", "left"):
        st = {s["label"]: s for s in views.stages(side)}
        gon = nv.nerve("greater_occipital", side).path
        lon = nv.nerve("lesser_occipital", side).marked_waypoints["fascia_exit"]
        for label in ("All layers", "5 Under the skin to the vertex"):
            a = st[label]["annotation"]
            assert np.min(np.linalg.norm(gon - [a["x"], a["y"], a["z"]], axis=1)) < 0.1
            assert "GON" in a["text"]
        a = st["LON"]["annotation"]
        assert np.allclose([a["x"], a["y"], a["z"]], lon, atol=0.06)
        assert side in st["All layers"]["annotation"]["text"]


def test_block_landmarks_go_with_the_skin():
    """The block crosses are marks on the skin: the Skin button and every stage that hides
    the skin hide them too (they floated over bare muscle)."""
    d = views.all_layers_figure().figure.to_dict()
    k = next(i for i, t in enumerate(d["data"]) if t["name"].startswith("Block landmarks"))
    assert d["data"][k]["meta"]["layer"] == "skin"
    skin = next(i for i, t in enumerate(d["data"]) if t["name"] == "skin")
    stage_menu = next(m for m in _menus(d) if m.get("name") == "stage")
    for b in stage_menu["buttons"]:
        vis = b["args"][0]["visible"]
        assert (vis[k] == "legendonly") == (vis[skin] == "legendonly"), b["label"]
    assert any(b["args"][0]["visible"][skin] == "legendonly" for b in stage_menu["buttons"])


def test_block_crosses_are_larger_than_the_compression_diamonds():
    """A cross is two thin strokes: at the diamonds' size (6-7 px) it was a speck a student
    missed on the scalp (review 34); it is drawn larger than any compression point."""
    d = views.all_layers_figure().figure.to_dict()
    block = next(t for t in d["data"] if t["name"].startswith("Block landmarks"))
    comps = [t for t in d["data"] if t.get("legendgroup") == "compression points"]
    assert block["marker"]["symbol"] == "cross" and comps
    assert block["marker"]["size"] >= 1.4 * max(t["marker"]["size"] for t in comps)


def test_stage_hides_outer_layers():
    d = views.all_layers_figure(stage=1).figure.to_dict()
    vis = {t["name"]: t.get("visible", True) for t in d["data"]}
    assert vis["skin"] == "legendonly"
    assert any(v == "legendonly" for k, v in vis.items() if k.startswith("Trapezius"))
    assert vis["GON"] is True
    assert d["layout"]["title"]["text"].startswith("1.")


# what a stage title's "(... hidden)" names, as trace id prefixes
_OUTER_MUSCLES = ("trapezius", "sternocleidomastoid", "splenius_capitis", "semispinalis_capitis",
                  "levator_scapulae")
_SUBOCCIPITAL = ("rectus_capitis_posterior_major", "rectus_capitis_posterior_minor",
                 "obliquus_capitis_superior", "obliquus_capitis_inferior")
_HIDDEN_WORDS = {"outer muscles": _OUTER_MUSCLES, "OCI": ("obliquus_capitis_inferior",),
                 "muscles": _OUTER_MUSCLES + _SUBOCCIPITAL, "skin": ("skin",),
                 "trapezius": ("trapezius",)}


def test_stage_titles_name_what_the_stage_hides(figdict):
    """A title that says what is hidden says it truly: stage 1's "(muscles hidden)" stood
    over the three suboccipital muscles it shows (student review 28). Each stage that
    names hidden layers hides every one of them and shows the rest of its muscles."""
    import re

    stage_menu = [m for m in _menus(figdict) if m.get("name") == "stage"][0]
    data = figdict["data"]
    claims = 0
    for b in stage_menu["buttons"]:
        title = b["args"][1]["title.text"].replace("<br>", " ")
        said = re.search(r"\(([^()]*) hidden\)", title)
        if not said:
            continue
        claims += 1
        shown = {tr.get("meta", {}).get("id", "") for tr, v in
                 zip(data, b["args"][0]["visible"]) if v is True}
        for part in said.group(1).split(" and "):
            assert part in _HIDDEN_WORDS, (b["label"], part)
            assert not {i for i in shown if i.startswith(_HIDDEN_WORDS[part])}, (b["label"], part)
        named = {p for part in said.group(1).split(" and ") for p in _HIDDEN_WORDS[part]}
        if "muscles" not in said.group(1).split(" and "):
            # the muscles the title does not name stay in view (the suboccipital ones here)
            assert {i for i in shown if i.startswith(_SUBOCCIPITAL) and not i.startswith(
                tuple(named))}, b["label"]
    assert claims >= 1

def test_one_legend_entry_per_nerve_and_for_the_bones(figdict):
    """Same-coloured copies share an entry, so the legend wraps to fewer lines at 1024 px:
    each nerve's two sides, and all the bones (hover still names each one)."""
    data = figdict["data"]
    entries = [t["name"] for t in data if t.get("showlegend", True)]
    for abbr in ("GON", "LON", "TON"):
        group = [t for t in data if t.get("legendgroup") == abbr]
        assert {t["name"] for t in group} >= {abbr, f"{abbr} (L)"}
        assert [t["name"] for t in group if t.get("showlegend", True)] == [abbr]
    bones = [t for t in data if (t.get("meta") or {}).get("layer") == "bone"]
    assert len(bones) >= 6 and len({t["legendgroup"] for t in bones}) == 1
    assert [t["name"] for t in bones if t.get("showlegend", True)] == [views.BONES_ENTRY]
    assert all(t["hovertext"] for t in bones)
    assert len(entries) == len(set(entries)) <= 20


def test_hover_names_latin_and_source(figdict):
    gon = [t for t in figdict["data"] if t.get("name") == "GON"][0]
    assert "(right)" in gon["hovertext"]  # the legend says GON; the hover names the side
    assert "Nervus occipitalis major" in gon["hovertext"]
    assert "Kim" in gon["hovertext"] and "Greater occipital nerve" in gon["hovertext"]
    wps = [t for t in figdict["data"] if t.get("name") == "GON (R) waypoints"][0]
    assert any("22.6 ± 7.4" in h and "Kim" in h for h in wps["hovertext"])
    assert any("derived" in h for h in wps["hovertext"])
    # a branch names itself and its own sources (each repeated the whole nerve's text)
    twig = [t for t in figdict["data"] if t.get("name") == "TON (R) gon communication"][0]
    assert "Third occipital nerve (right)" in twig["hovertext"]
    assert "Communicating twig" in twig["hovertext"] and "Tubbs" in twig["hovertext"]
    assert "pierces semispinalis" not in twig["hovertext"]


def test_twigs_are_drawn_thinner_than_branches(figdict):
    """A twig (its label says so) is drawn thinner than a branch, and a branch thinner than
    its trunk: the GON-TON communicating twigs, as heavy as a branch, read as a main
    branch along the nuchal line (review 21)."""
    width = {t["name"]: t["line"]["width"] for t in figdict["data"]
             if t.get("type") == "scatter3d" and "line" in t and "width" in t["line"]}
    trunk, branch = width["GON"], width["GON (R) lateral branch"]
    for twig in ("GON (R) medial twig", "TON (R) gon communication", "TON (R) midline twig"):
        assert width[twig] < branch < trunk, (twig, width[twig], branch, trunk)


def test_branch_hover_names_the_valid_branches():
    with pytest.raises(ValueError, match="midline_twig, gon_communication"):
        views.branch_hover(nv.nerve("third_occipital", "right"), "gon_twig")


def test_scene_box_and_camera(figdict):
    scene = figdict["layout"]["scene"]
    assert scene["aspectmode"] == "manual"
    assert scene["xaxis"]["range"] == [float(views.SCENE_LO[0]), float(views.SCENE_HI[0])]
    cam = views.stage_camera([0, 0, 0], (0, -1, 0), 1.0)
    assert cam["eye"]["y"] < cam["center"]["y"]


def test_opening_view_shows_both_shoulders(figdict):
    """The all-layers figure opens on the whole bust: both acromions inside the view, and
    the vertex below its top (the near shoulder ran off the figure's foot: review 15)."""
    import anatomy

    head = anatomy.load_head()
    cam = figdict["layout"]["scene"]["camera"]
    tips = [head.landmarks[f"acromion_{side}"] for side in ("left", "right")]
    ndc = plotly3d.view_ndc([views.scene._normalised(p) for p in tips], cam,
                            views.NUMBERS_ASPECT)
    assert np.abs(ndc).max() <= 0.85, ndc
    vertex = head.vertices[np.argmax(head.vertices[:, 2])]
    assert 0.6 <= plotly3d.view_ndc([views.scene._normalised(vertex)], cam,
                                    views.NUMBERS_ASPECT)[0, 1] <= 0.95


def test_json_budget(kitfig):
    assert plotly3d.json_size(kitfig.figure) < 400 * 1024  # tools/bench.py budget


def test_alt_text(kitfig):
    assert "greater" in kitfig.alt and "vertex" in kitfig.alt
    for word in ("skin", "muscles", "bones", "nerves", "vessels"):
        assert word in kitfig.alt


@pytest.mark.parametrize("builder", [views.course_plate, views.stage_plate])
def test_plates_read_on_a_projector(builder):
    """The course and stage plates' notebook PNGs fit JupyterLab's notebook at a 1024 px
    projector (so they are not shrunk much) and their smallest text is 16 px or more
    there: at 0.9 of the print size the course plate's smallest text was 12 px, and the
    stage plate's 13.8 px (student review)."""
    import io

    from PIL import Image

    fig = builder()
    width = Image.open(io.BytesIO(fig.png_bytes())).size[0]
    assert 700 <= width <= 1000
    assert fig.smallest_text_px() * min(1.0, 900 / width) >= 16


@pytest.mark.parametrize("builder,texts", [
    (views.course_plate, ["GON leaves semispinalis", "semispinalis capitis", "atlas (C1)",
                          "LON at the SCM border"]),
    (views.stage_plate, ["1. Origin between C1 and C2", "3. Through semispinalis capitis"]),
    (views.variation_figure, ["one-third", "Won 2018"]),
    (views.block_landmark_figure, ["1/3 from EOP", "2/3 from EOP", "mastoid tip"]),
])
def test_print_plates(builder, texts):
    fig = builder()
    assert fig.alt and len(fig.alt) > 80
    all_text = []
    for ax in fig.figure.axes:
        all_text += [t.get_text() for t in ax.texts] + [ax.get_title()]
        leg = ax.get_legend()
        if leg:
            all_text += [t.get_text() for t in leg.get_texts()]
    all_text.append(fig.figure._suptitle.get_text() if fig.figure._suptitle else "")
    joined = " ".join(" ".join(all_text).split())  # a title may wrap onto two lines
    for t in texts:
        assert t in joined, t
    assert fig.png_bytes(dpi=40)[:8] == b"\x89PNG\r\n\x1a\n"


def test_block_points_say_whether_the_nerve_lies_beside_or_deep_to_them():
    """The posterior view shows a nerve beside its block point, not how deep it runs: the
    LON runs 9 mm deep to its cross, drawn on its line, and "9 mm from the modelled LON"
    contradicted the picture (student review). The GON lies beside its point."""
    from anatomy.viz.nerve_views import variation

    fig = views.block_landmark_figure()
    # said under the key (a note beside each point covered the nerves it names)
    text = " ".join(t.get_text() for t in fig.figure.texts)
    # its key draws the nerves as the plate does: lines, no waypoint markers (review 24)
    handles = fig.figure.axes[0].get_legend().legend_handles
    assert handles and all(h.get_marker() in (None, "None", "") for h in handles)
    rows = {r["nerve"]: r["to_path_mm"] for r in nv.block_landmark_distances("right")}
    assert f"{rows['GON']:.0f} mm from the modelled GON" in text
    assert f"the modelled LON runs {rows['LON']:.0f} mm deep to it" in text
    lon = nv.block_landmarks("right")["lesser_occipital"].point
    assert "deep to it" in variation.nerve_offset_text(
        lon, nv.nerve("lesser_occipital", "right"), rows["LON"])
    assert "deep to it" in fig.alt and "from the modelled GON" in fig.alt


def test_block_plate_draws_one_deep_lon_per_side():
    """The LON's deep course runs down from the plexus to its hook round the accessory
    nerve, below the block plate, and back up: drawn whole it showed as two parallel
    dashed blue lines on each side of the neck, one unexplained (review). The plate draws
    it from the SCM's border up: one line a side crosses the neck below the mastoids."""
    from matplotlib.colors import to_hex

    from anatomy.viz.nerve_views.scene import NERVE_STYLE

    fig = views.block_landmark_figure().figure
    blue = to_hex(NERVE_STYLE["lesser_occipital"]["color"])
    crossings = 0
    for line in fig.axes[0].lines:
        if to_hex(line.get_color()) != blue or not line.get_label().startswith("_"):
            continue
        y = np.asarray(line.get_ydata(), float)
        crossings += int(np.sum(np.diff(np.sign(y + 60.0)) != 0))
    assert crossings == 2, crossings
    import matplotlib.pyplot as plt

    from anatomy.viz.nerve_views import draw_nerve

    _, ax = plt.subplots()
    lon = nv.nerve("lesser_occipital", "right")
    with pytest.raises(ValueError, match="'neck'.*scm_posterior_border"):
        draw_nerve(ax, lon, "posterior", start="neck")
    with pytest.raises(ValueError, match="'terminal'.*fascia.*'origin'"):
        draw_nerve(ax, lon, "posterior", start="terminal")
    plt.close("all")


def test_nerve_branches_leave_their_trunk_along_it():
    """A branch whose end lies ahead along its trunk leaves it at an acute angle and
    curves to its end: drawn as straight chords the branches read as ruler lines, and the
    two TONs' midline twigs as a "W" (review). Its first stretch turns from the trunk's
    direction by less than the chord does, and it bends smoothly (no kink)."""
    for name in nv.NAMES:
        n = nv.nerve(name, "right")
        for b, bid in zip(n.branches, n.branch_names):
            i = int(np.argmin(np.linalg.norm(n.path - b[0], axis=1)))
            u = n.path[min(i + 1, len(n.path) - 1)] - n.path[max(i - 1, 0)]
            u /= np.linalg.norm(u)
            chord = (b[-1] - b[0]) / np.linalg.norm(b[-1] - b[0])
            first = (b[min(3, len(b) - 1)] - b[0]) / np.linalg.norm(b[min(3, len(b) - 1)] - b[0])
            seg = np.diff(b, axis=0)
            seg /= np.linalg.norm(seg, axis=1)[:, None]
            turn = np.degrees(np.arccos(np.clip(np.sum(seg[1:] * seg[:-1], axis=1), -1, 1)))
            assert turn.max() < 25, (name, bid, turn.max())
            if 0.2 < u @ chord < 0.9:  # its end lies ahead, off the line: it leaves along
                assert u @ first > u @ chord + 0.05, (name, bid, u @ first, u @ chord)  # trunk


def test_compression_point_numbers_sit_on_their_points_in_the_course_stages(figdict):
    from anatomy.skin import Skin
    from anatomy.structures import load_structures

    cps = nv.compression_points("right")
    want = {str(c.number): np.round(c.point, 1) for c in cps.values()}
    stage_menu = [m for m in _menus(figdict) if m.get("name") == "stage"][0]
    opening = figdict["layout"]["scene"]["annotations"]
    stage_notes = {b["label"]: b["args"][1]["scene.annotations"] for b in stage_menu["buttons"]}
    stage_visible = {b["label"]: b["args"][0]["visible"] for b in stage_menu["buttons"]}
    meshes = {k: Skin(s.vertices, s.faces) for k, s in load_structures().items()}
    assert opening == stage_notes["All layers"]
    for st in views.stages("right"):
        # a number over a hidden point says so ("4 (deep)"): the numbers by their digits
        numbers = {a["text"].split()[0]: np.array([a["x"], a["y"], a["z"]])
                   for a in stage_notes[st["label"]] if a["text"].split()[0].isdigit()}
        deep = {a["text"].split()[0] for a in stage_notes[st["label"]]
                if a["text"].endswith(views.DEEP_NOTE)}
        if st["label"] not in views.NUMBERED_STAGES:
            assert not numbers, st["label"]  # the vertex, LON and TON stages: none
            continue
        # exactly the points inside the stage camera's view whose markers show get a
        # number: those under a muscle or bone the stage draws (by the figure's stage
        # visibility) have none (under the trapezius, 1-3 floated on it)
        ndc = plotly3d.view_ndc([views.scene._normalised(c.point) for c in cps.values()],
                                st["camera"], views.NUMBERS_ASPECT)
        inside = {str(c.number) for c, q in zip(cps.values(), ndc) if np.all(abs(q) <= 0.9)}
        shown = [t["meta"]["id"] for t, v in zip(figdict["data"], stage_visible[st["label"]])
                 if v is True and (t.get("meta") or {}).get("layer") in ("muscle", "bone")]
        eye = (views.SCENE_LO + views.SCENE_HI) / 2 + np.array(
            [st["camera"]["eye"][k] for k in "xyz"]) * np.cbrt(
            np.prod(views.SCENE_HI - views.SCENE_LO))
        under = set()
        for c in cps.values():
            d = (eye - c.point) / np.linalg.norm(eye - c.point)
            start = c.point + 1.5 * d
            if any((h := meshes[i].ray_hit(start, d)) is not None
                   and np.linalg.norm(h - start) < np.linalg.norm(eye - start)
                   for i in shown if i in meshes):
                under.add(str(c.number))
        # and only the points whose structures the stage draws (stages 1 and 2: point 1;
        # points 2-6 had floated over bare bone there); a hidden point is numbered in the
        # stage that brings it in, on the surface in front of it, on its line of sight
        # (2 and 4, entering semispinalis and trapezius from below, were never numbered)
        drawn = {str(c.number) for c in cps.values()
                 if st["label"] in views.stage_points(c.number)}
        new = {str(c.number) for c in cps.values()
               if views.POINT_FIRST_STAGE[c.number] == st["label"]}
        assert numbers.keys() == ((inside - under) | (inside & new)) & drawn, st["label"]
        assert numbers, st["label"]
        assert deep == numbers.keys() & under, st["label"]
        for k, p in numbers.items():
            if k not in under:
                assert np.allclose(p, want[k], atol=0.06)
                continue
            d = (want[k] - eye) / np.linalg.norm(want[k] - eye)
            off = p - eye
            assert np.linalg.norm(off - (off @ d) * d) < 0.2, k   # on the line of sight
            assert 0 < np.linalg.norm(want[k] - p) < 40, k       # in front of the point
        markers = [t for t, v in zip(figdict["data"], stage_visible[st["label"]])
                   if v is True and (t.get("meta") or {}).get("id") == "compression_points"]
        hover = " ".join(h for t in markers for h in t["hovertext"])
        assert {n for n in want if f"Compression point {n}:" in hover} == drawn, st["label"]
        if st["label"].startswith("4 "):
            assert {"1", "2", "3"} <= under, under
    # the overview leaves the six crowded numbers (and their markers) to the close-ups
    assert not [a for a in opening if a["text"].split()[0].isdigit()]
    assert "compression_points" in views.STAGE_HIDDEN["All layers"]
    # no 3D text trace in the figure: text labels are page annotations
    assert not [t for t in figdict["data"] if "text" in t.get("mode", "")]


def test_skin_is_cut_straight_where_the_neck_muscles_end():
    """The see-through skin ends on straight cuts (faces clipped, not dropped whole: the
    shoulders' edge was a saw tooth) and no muscle reaches below it (their lower ends hung
    about 10 mm under the skin's edge)."""
    from anatomy import load_head
    from anatomy.shell import boundary_loops
    from anatomy.structures import get_structure, structure_ids
    from anatomy.viz.head_views import cropped_skin
    from anatomy.viz.nerve_views.scene import SCENE_HI, SKIN_FLOOR_Z

    v, f = cropped_skin(load_head())
    assert v[:, 2].min() == pytest.approx(SKIN_FLOOR_Z)
    rim = np.unique(np.concatenate(boundary_loops(f)))
    on_cut = (np.abs(v[rim, 2] - SKIN_FLOOR_Z) < 1e-6) | (
        np.abs(np.abs(v[rim, 0]) - (SCENE_HI[0] - 10)) < 1e-6)
    assert on_cut.all(), v[rim][~on_cut][:5]
    muscles = [get_structure(k) for k in structure_ids()]
    low = min(m.vertices[:, 2].min() for m in muscles if m.layer == "muscle")
    assert low >= SKIN_FLOOR_Z - 0.5


def test_stage_plate_dashes_only_the_hidden_course():
    """The plate's dashed line marks where muscle or bone hides the nerve, and only there:
    it ran along the whole nerve, over its visible course too. With semispinalis drawn
    (stage 3) the GON inside the muscle is hidden and its end on the scalp is not."""
    from anatomy.structures import load_structures
    from anatomy.viz.nerve_views.stage_panels import _hidden_by

    title, layers, _, _ = views.STAGE_PLATE[2]
    assert "semispinalis" in title.lower()
    covers = [(s.vertices, s.faces) for s in load_structures().values()
              if s.id.startswith(layers)]
    gon = nv.nerve("greater_occipital", "right")
    hidden = _hidden_by(covers, gon.path, "posterior")
    inside = range(gon.waypoint_index["semispinalis_entry"] + 1,
                   gon.waypoint_index["semispinalis_exit"])
    assert len(inside) and hidden[list(inside)].all()
    assert not hidden[gon.waypoint_index["terminal"]]
    assert not _hidden_by([], gon.path, "posterior").any()


def test_stage_plate_draws_the_ton_from_the_panel_with_the_muscle_it_pierces():
    """The TON shows from panel 3, which draws semispinalis: in panels 1 and 2 (bones, then
    the suboccipital muscles) it hung in front of the atlas and axis (student review)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgb

    fig = views.stage_plate().figure
    fig.set_dpi(80)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[..., :3].astype(float) / 255
    teal = np.array(to_rgb(views.NERVE_STYLE["third_occipital"]["color"]))
    h = rgb.shape[0]
    counts = []
    for ax in fig.axes[:4]:
        (x0, y0), (x1, y1) = ax.get_window_extent().get_points()
        px = rgb[int(h - y1):int(h - y0), int(x0):int(x1)].reshape(-1, 3)
        # the tube's lit and shaded sides: the TON's hue (green about blue, little red)
        tint = px / np.maximum(px.max(axis=1, keepdims=True), 1e-6)
        near = np.linalg.norm(tint - teal / teal.max(), axis=1) < 0.12
        counts.append(int((near & (px.max(axis=1) > 0.2)).sum()))
    assert counts[0] == counts[1] == 0, counts
    assert min(counts[2:]) > 150, counts


def test_stage_plate_hides_the_ton_where_muscle_covers_it():
    """Drawn whole and sorted over the muscles, the TON lay on semispinalis from the C2-C3
    joint up, as if superficial to the muscle it pierces (review 12). In panels 3 and 4
    the pixels over its hidden course show muscle, not the nerve's teal, while its seen
    course shows the nerve."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgb

    from anatomy.structures import load_structures
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.stage_panels import _hidden_by

    fig = views.stage_plate().figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[..., :3].astype(float) / 255
    teal = np.array(to_rgb(views.NERVE_STYLE["third_occipital"]["color"]))
    ton = nv.nerve("third_occipital", "right")
    h = rgb.shape[0]
    for ax, (_, layers, _, _) in zip(fig.axes[2:4], views.STAGE_PLATE[2:4]):
        covers = [(s.vertices, s.faces) for s in load_structures().values()
                  if s.id.startswith(layers)]
        hidden = _hidden_by(covers, ton.path, "posterior")
        px = ax.transData.transform(mpl2d.project(ton.path, "posterior"))
        box = ax.get_window_extent()
        inside = ((px[:, 0] > box.x0 + 2) & (px[:, 0] < box.x1 - 2) & (px[:, 1] > box.y0 + 2)
                  & (px[:, 1] < box.y1 - 2))
        colour = rgb[np.round(h - px[:, 1]).astype(int).clip(0, h - 1),
                     np.round(px[:, 0]).astype(int).clip(0, rgb.shape[1] - 1)]
        is_teal = np.linalg.norm(colour / np.maximum(colour.max(axis=1, keepdims=True), 1e-6)
                                 - teal / teal.max(), axis=1) < 0.15
        # the seen tube's end covers the last hidden points before the exit (3 mm round)
        page = mpl2d.project(ton.path, "posterior")
        clear = np.linalg.norm(page[:, None] - page[~hidden][None], axis=2).min(axis=1) > 3.0
        check = hidden & inside & clear
        assert check.sum() >= 3 and not is_teal[check].any(), is_teal[check]
        assert is_teal[~hidden & inside].mean() > 0.5


def test_stage_plate_names_the_atlas_above_the_axis():
    """Panel 1's "C1 (atlas)" stood at the bottom of the panel, below "C2 (axis)", its
    leader crossing the axis (review 12): the bones' names now go to the margin first,
    and read from top to bottom as the spine does."""
    fig = views.stage_plate().figure
    ax = fig.axes[0]
    y = {t.get_text(): t.get_position()[1] for t in ax.texts}
    assert y["C1 (atlas)"] > y["C2 (axis)"], y


def test_stage_plate_names_what_each_stage_adds_clear_of_the_nerves():
    """Each panel names structures it adds where no nerve runs under the name (on the
    structure, or beside it on a leader line; a name with no such room is left to the
    panel's title), and the names do not overlap. Stage 2 names obliquus capitis
    inferior, the muscle the nerve winds round (a student review found it unnamed)."""
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.stage_panels import STAGE_NAMES, _name_box

    plate = views.stage_plate()
    paths = np.concatenate([mpl2d.project(nv.nerve(n, "right").path, "posterior")
                            for n in ("greater_occipital", "third_occipital")])

    def centre(t):  # a leader's label extends away from its point
        side = {"left": 1.0, "right": -1.0, "center": 0.0}[t.get_ha()]
        up = {"bottom": 1.0, "top": -1.0, "center": 0.0}[t.get_va()]
        return np.array(t.get_position()) + np.array([side, up]) * _name_box(t.get_text())

    named = []
    for ax in plate.figure.axes:
        names = [t for t in ax.texts if t.get_text() in STAGE_NAMES.values()]
        for t in names:
            at, half = centre(t), _name_box(t.get_text())
            assert np.abs((paths - at) / half).max(axis=1).min() >= 1.0, t.get_text()
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                gap = np.abs(centre(a) - centre(b))
                assert (gap >= _name_box(a.get_text()) + _name_box(b.get_text())).any()
        named.append([t.get_text() for t in names])
    flat = sum(named, [])
    assert len(flat) >= 5 and len(set(flat)) == len(flat), named
    assert STAGE_NAMES["obliquus_capitis_inferior"] in named[1], named
    assert STAGE_NAMES["semispinalis_capitis"] in named[2], named  # the muscle it pierces
    assert STAGE_NAMES["rectus_capitis_posterior_major"] in named[1], named  # the triangle
    assert STAGE_NAMES["occipital_artery"] in named[3], named
    assert "OCI" in plate.figure.texts[0].get_text() + plate.figure.texts[-1].get_text()


def test_stage_plate_leaders_end_on_the_structure_they_name():
    """A leader ends where its panel shows the structure it names, clear of the nerves:
    a ray from behind through its end meets that muscle or bone (either side) before
    anything else the panel draws, and so do points 3 mm round it. A leader to
    semispinalis's edge read as splenius; one 2.4 mm from splenius and 5 mm from the
    dashed GON read as naming the nerve."""
    from anatomy.conventions import view_basis
    from anatomy.skin import Skin
    from anatomy.structures import load_structures
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.stage_panels import FIRST_STRETCH_NAME as FIRST
    from anatomy.viz.nerve_views.stage_panels import LEADER_ONLY, STAGE_NAMES, STAGE_PLATE

    structs = load_structures()
    base_of = {text: base for base, text in STAGE_NAMES.items()}
    right, up, fwd = view_basis("posterior")
    paths = np.concatenate([mpl2d.project(nv.nerve(n, "right").path, "posterior")
                            for n in ("greater_occipital", "third_occipital")])
    plate = views.stage_plate()
    ends = 0
    for ax, (_, layers, _, _) in zip(plate.figure.axes, STAGE_PLATE):
        drawn = [(s.base, Skin(s.vertices, s.faces)) for s in structs.values()
                 if s.id.startswith(layers)]
        names = [t for t in ax.texts if t.get_text() in base_of or t.get_text() == FIRST]
        for leader in [a for a in ax.get_children() if isinstance(a, mpl2d.Leader)]:
            label = min(names, key=lambda t: np.linalg.norm(
                np.array(t.get_position()) - leader.end))
            if label.get_text() == FIRST:   # the nerve's name (the next test)
                continue
            # the end and four points 3 mm round it: well inside, not on an edge (a thin
            # artery: its end only)
            thin = base_of[label.get_text()] in LEADER_ONLY
            for dx, dy in ((0, 0),) if thin else ((0, 0), (3, 0), (-3, 0), (0, 3), (0, -3)):
                at = leader.start + [dx, dy]
                origin = at[0] * right + at[1] * up - 400.0 * fwd
                hits = [((hit - origin) @ fwd, base) for base, mesh in drawn
                        if (hit := mesh.ray_hit(origin, fwd)) is not None]
                assert hits, label.get_text()
                assert min(hits)[1] == base_of[label.get_text()], (label.get_text(), at)
            # clear of the nerves' courses (5 mm from the dashed GON read as naming it)
            assert np.linalg.norm(paths - leader.start, axis=1).min() >= 6.5
            ends += 1
    assert ends >= 2   # C2 in panel 1 and semispinalis in panel 3 have no room on them


def test_stage_plate_names_the_gon_where_it_arises():
    """Panel 1 draws the GON's first stretch alone, an indigo stub that nothing named
    (review 12): a leader from "GON origin" ends on the stretch's upper half, at the origin
    end (tests/test_mpl2d.py keeps every plate's texts apart)."""
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.stage_panels import FIRST_STRETCH_NAME

    gon = nv.nerve("greater_occipital", "right")
    a, b = (gon.waypoint_index[w] for w in views.FIRST_STRETCH)
    stretch = mpl2d.project(gon.path[a:b + 1], "posterior")
    ax = views.stage_plate().figure.axes[0]
    name = next(t for t in ax.texts if t.get_text() == FIRST_STRETCH_NAME)
    leader = min((x for x in ax.get_children() if isinstance(x, mpl2d.Leader)),
                 key=lambda x: np.linalg.norm(x.end - np.array(name.get_position())))
    d = np.linalg.norm(stretch - leader.start, axis=1)
    assert d.min() < 2.5 and d.argmin() < len(stretch) / 2, (d.min(), d.argmin())


def test_stage_highlight_stands_apart_from_everything_the_stage_plate_draws():
    """The stretch a stage adds is told from each muscle, bone, vessel and nerve colour
    of the plate for every vision (vermillion on the orange trapezius was not)."""
    from anatomy.structures import load_structures
    from anatomy.viz import style
    from anatomy.viz.nerve_views.stage_panels import STAGE_HIGHLIGHT, STAGE_PLATE
    from tools.colour import VISIONS, delta_e

    layers = {x for _title, ls, _way, _bias in STAGE_PLATE for x in ls}
    drawn = {style.structure_colour(s.base, s.layer, s.color)
             for s in load_structures().values() if s.id.startswith(tuple(layers))}
    drawn |= {style.NERVE, views.NERVE_STYLE["third_occipital"]["color"], style.SKIN}
    assert len(drawn) >= 8
    worst = min((delta_e(STAGE_HIGHLIGHT, c, v), c, v) for c in drawn for v in VISIONS)
    assert worst[0] >= style.CATEGORY_MIN_DE00, worst
    old = style.OKABE_ITO["vermillion"], style.MUSCLE_COLOURS["trapezius"]
    assert min(delta_e(*old, v) for v in VISIONS) < 5  # the check sees the old problem


def test_waypoint_hover_gives_the_depths_the_waypoint_table_gives():
    """Hover and table agree: the published depth where there is one and the model's
    depth under the skin (the hover gave the placement's own 'deep' figure, 31 mm at the
    winding point where the table says 19.2)."""
    import re

    from anatomy.nerves import waypoint_table

    for name in nv.NAMES:
        n = nv.nerve(name, "right")
        table = waypoint_table(name)
        for wid, row in table.iterrows():
            hover = views.waypoint_hover(n, wid)
            model = re.search(r"In the model: ([\d.]+) mm under the skin", hover)
            assert model and float(model.group(1)) == pytest.approx(row.model_depth_mm,
                                                                    abs=0.05), (name, wid)
            published = row.published_depth_mm.split(" (")[0]
            assert (published == "-") == ("Published depth" not in hover), (name, wid)
            if published != "-":
                assert f"Published depth: {published} mm" in hover, (name, wid)


@pytest.mark.parametrize("nerve", ["Great auric", "LON"])
def test_nerves_on_sternocleidomastoid_go_with_it(figdict, nerve):
    """In every stage that leaves sternocleidomastoid out, the great auricular nerve (on
    the muscle's surface) and the LON (along its posterior border) are left out too:
    alone they hung in empty space by the jaw and the skull (student reviews)."""
    data = figdict["data"]
    scm = [i for i, t in enumerate(data) if str(t.get("name", "")).startswith("Sternocleido")]
    gan = [i for i, t in enumerate(data) if str(t.get("name", "")).startswith(nerve)]
    assert scm and gan
    stages = [b for m in _menus(figdict) if m["type"] == "dropdown" for b in m["buttons"]
              if b["method"] == "update" and "visible" in b["args"][0]]
    assert len(stages) >= 8
    for b in stages:
        shown = b["args"][0]["visible"]
        if not any(shown[i] is True for i in scm):
            assert not any(shown[i] is True for i in gan), b["label"]
    assert any(shown_gan for shown_gan in (any(b["args"][0]["visible"][i] is True for i in gan)
                                           for b in stages))


@pytest.mark.parametrize("view", ["posterior", "right"])
def test_course_plate_leaders_end_on_the_structure_they_name(view):
    """Each structure the course plate names (artery, muscles, bones) has its leader's
    marker where the view shows that structure, clear of the nerves' lines: a ray from
    the viewer through the marker meets it first. Atlas and axis pointed at semispinalis
    over them, the mastoid's marker at nothing, and in the lateral view levator's marker
    sat near sternocleidomastoid's colour (student review)."""
    from anatomy.conventions import view_basis
    from anatomy.skin import Skin
    from anatomy.structures import load_structures
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.plates import (
        _LAYER_LABELS,
        COURSE_NERVE_MM,
        COURSE_REMOVED,
        _lateral_set,
    )

    structs = load_structures()
    if view == "posterior":
        drawn = {k: s for k, s in structs.items() if not s.id.startswith(COURSE_REMOVED)}
        named = {text: key for key, _, text, _ in _LAYER_LABELS}
        nerves = nv.all_nerves()
    else:
        drawn = _lateral_set(structs)
        named = {"trapezius": "trapezius_right", "sternocleidomastoid":
                 "sternocleidomastoid_right", "levator scapulae": "levator_scapulae_right"}
        nerves = nv.all_nerves(("right",))
    meshes = {k: Skin(s.vertices, s.faces) for k, s in drawn.items()}
    right, up, fwd = view_basis(view)
    lines = np.concatenate([mpl2d.project(n.path, view) for n in nerves])
    ax = views.course_plate().figure.axes[0 if view == "posterior" else 1]
    ends = {t.get_text(): leader.start for leader in ax.get_children()
            if isinstance(leader, mpl2d.Leader)
            for t in ax.texts if np.allclose(t.get_position(), leader.end)}
    for text, key in named.items():
        end = ends[text]
        origin = end[0] * right + end[1] * up - 400.0 * fwd
        hits = sorted(((hit - origin) @ fwd, k) for k, mesh in meshes.items()
                      if (hit := mesh.ray_hit(origin, fwd)) is not None)
        assert hits and hits[0][1] == key, (text, hits[:2])
        assert np.linalg.norm(lines - end, axis=1).min() >= COURSE_NERVE_MM - 0.5, text


def test_course_plate_posterior_view_is_a_close_up_of_the_suboccipital_region():
    """The posterior view frames the neck and occiput, not the whole head: with the vault
    in view, the suboccipital region (13 leaders) took about 50 px in the notebook at
    1024 px (student review). Now 20 mm measure at least 0.33 inch (0.2 before), and every
    GON waypoint the view labels lies inside it."""
    import io

    from anatomy.viz import mpl2d

    fig = views.course_plate().figure
    fig.savefig(io.BytesIO(), dpi=100)                  # the final layout
    ax = fig.axes[0]
    a, b = ax.transData.transform([(0.0, 0.0), (20.0, 0.0)])
    assert b[0] - a[0] >= 33.0
    gon = nv.nerve("greater_occipital", "right")
    xy = mpl2d.project([gon.marked_waypoints[w] for w in
                        ("origin", "oci_lower_border", "semispinalis_exit",
                         "trapezius_exit", "superior_nuchal_line", "branch_point")],
                       "posterior")
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert ((xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0 + 10)
            & (xy[:, 1] < y1 - 10)).all()


def test_course_plate_key_names_every_nerve_it_draws():
    """The plate draws the suboccipital (C1) and great auricular nerves as well as the GON,
    LON and TON: its key names all five in their drawn colours (it named three)."""
    from matplotlib.colors import to_hex

    from anatomy.viz import style

    fig = views.course_plate().figure
    key = {t.get_text(): to_hex(h.get_color()) for t, h in
           zip(fig.legends[0].get_texts(), fig.legends[0].legend_handles)}
    for name, text in (("greater_occipital", "(GON)"), ("lesser_occipital", "(LON)"),
                       ("third_occipital", "(TON)"), ("suboccipital", "suboccipital n. (C1)"),
                       ("great_auricular", "great auricular n.")):
        colour = [c for t, c in key.items() if text in t]
        assert colour == [style.NERVE_COLOURS[name].lower()], (name, key)


def test_course_plate_lateral_view_shows_the_ear():
    """The lateral view leaves the skull and jaw out: over the skin they read as flat
    slabs on the temple and cheek and hid the ear (reviewer). Nothing it draws covers the
    tragus or the ear behind it, and the muscles and vertebrae are still drawn."""
    from anatomy import load_head
    from anatomy.structures import load_structures
    from anatomy.viz import mpl2d
    from anatomy.viz.nerve_views.plates import COURSE_LIMITS, PX_PER_MM, _lateral_set, _paint_map

    structs = load_structures()
    drawn = _lateral_set(structs)
    assert {"trapezius_right", "sternocleidomastoid_right", "atlas", "axis"} <= set(drawn)
    tragus = load_head().landmarks["tragus_right"]
    ear = mpl2d.project(tragus + np.array([[0, 0, 0], [0, -15, 0], [0, -20, 10],
                                           [0, -20, -10]]), "right")
    (x0, _), (_, y1) = COURSE_LIMITS["right"]
    for lateral in (drawn, {k: s for k, s in structs.items() if s.side in (None, "right")}):
        _, painted = _paint_map(lateral, "right")
        rows = ((y1 - ear[:, 1]) * PX_PER_MM).astype(int)
        cols = ((ear[:, 0] - x0) * PX_PER_MM).astype(int)
        covered = painted[rows, cols] >= 0
        assert not covered.any() if lateral is drawn else covered.any()


def test_course_plate_lateral_labels_stand_clear_of_the_head():
    """In the lateral view "LON leaves the fascia" and "LON at the SCM border" sat over
    the jaw and the front of the neck (reviewer): their text now starts in front of the
    face at its level (the skin's farthest point forward there, plus 2 mm), on leader
    lines."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from anatomy import load_head
    from anatomy.viz import mpl2d

    fig = views.course_plate().figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ax = fig.axes[1]
    to_data = ax.transData.inverted()
    skin = mpl2d.project(load_head().vertices, "right")
    for text in ("LON leaves the fascia", "LON at the SCM border"):
        t = next(t for t in ax.texts if t.get_text() == text)
        (x0, y0), (x1, y1) = to_data.transform(
            t.get_window_extent(canvas.get_renderer()).get_points())
        level = skin[(skin[:, 1] >= y0 - 2) & (skin[:, 1] <= y1 + 2)]
        assert x0 > level[:, 0].max() + 2.0, (text, x0, level[:, 0].max())


def test_waypoint_markers_sit_on_the_drawn_nerve(kitfig):
    """Every waypoint marker lies on its nerve's drawn course: at the sourced waypoint the
    GON's nuchal-line and branching circles stood 2-3 mm beside the line (student review)."""
    data = kitfig.figure.data
    lines: dict[str, np.ndarray] = {}
    for t in data:   # each nerve's drawn lines (the GON's first stretch has one of its own)
        if t.type == "scatter3d" and t.mode == "lines" and t.name in ("GON", "LON", "TON"):
            lines[t.name] = np.vstack([lines.get(t.name, np.zeros((0, 3))),
                                       np.c_[t.x, t.y, t.z].astype(float)])
    checked = 0
    for t in data:
        if str(t.name).endswith(("(R) waypoints", "(R) origin")) and t.name.split()[0] in lines:
            path = lines[t.name.split()[0]]
            for p in np.c_[t.x, t.y, t.z].astype(float):
                assert np.linalg.norm(path - p, axis=1).min() < 0.1, t.name
                checked += 1
    assert checked >= 15


def test_stages_3_and_4_dash_the_gon_where_muscles_hide_it(figdict):
    """In stage 3 the GON vanished behind semispinalis between compression points 1 and 3
    and read as broken (instructor review); in stage 4 it vanished under the trapezius.
    Each point of its course there is either seen from the stage's camera or has a dash
    on the surface in front of it, on the line of sight; the dashes show in that stage
    only."""
    from anatomy.skin import Skin
    from anatomy.structures import load_structures
    from anatomy.viz.nerve_views import course_stages as cs

    # stage 3: under semispinalis; stage 4: under the trapezius too, to its exit (the
    # nerve's entry into the trapezius, point 4, and exit, point 5, read as one spot)
    assert cs.HIDDEN_COURSE_STAGES == {"3 Through semispinalis": "semispinalis_exit",
                                       "4 Trapezius and occipital artery": "trapezius_exit"}
    gon = nv.nerve("greater_occipital", "right")
    menu = [m for m in _menus(figdict) if m.get("name") == "stage"][0]
    k = [i for i, t in enumerate(figdict["data"]) if t["name"] == "GON (R) under the muscle"]
    assert len(k) == len(cs.HIDDEN_COURSE_STAGES)
    for (label, to), trace in zip(cs.HIDDEN_COURSE_STAGES.items(), k):
        st = {s["label"]: s for s in cs.stages("right")}[label]
        eye = cs._eye_mm(st["camera"])
        meshes = [Skin(s.vertices, s.faces) for s in load_structures().values()
                  if s.layer in ("muscle", "bone") and not s.id.startswith(st["hidden"])]
        course = gon.path[gon.waypoint_index["oci_lower_border"]:gon.waypoint_index[to]]
        dashed = cs.hidden_course("right", st["camera"], st["hidden"], to)
        dashed = dashed[~np.isnan(dashed[:, 0])]
        hidden = 0
        for p in course:
            d = (p - eye) / np.linalg.norm(p - eye)
            far = np.linalg.norm(p - eye) - 0.5
            if not any((h := m.ray_hit(eye, d)) is not None and np.linalg.norm(h - eye) < far
                       for m in meshes):
                continue
            hidden += 1
            # a dash on the line of sight to the point, nearer the eye than any surface
            off = dashed - eye
            along = off @ d
            across = np.linalg.norm(off - along[:, None] * d, axis=1)
            j = int(np.argmin(across))
            assert across[j] < 0.5 and along[j] < far, (label, p)
            assert not any((h := m.ray_hit(eye, d)) is not None
                           and np.linalg.norm(h - eye) < along[j] for m in meshes)
        assert hidden >= 10, label   # the muscles hide most of this stretch
        for b in menu["buttons"]:
            assert (b["args"][0]["visible"][trace] is True) == (b["label"] == label), \
                (label, b["label"])
    with pytest.raises(KeyError, match="choose one of"):
        cs.hidden_course("right", st["camera"], st["hidden"], "nowhere")


def test_compression_points_stand_out_on_every_surface_for_every_vision(figdict):
    """A compression point's marker, its fill or its rim, differs from every muscle, bone
    and skin by the palette's category minimum, for normal and colour-blind vision: the
    open vermillion diamond was ΔE00 7.5 from the trapezius for a protanope and vanished
    there (student review 28)."""
    import sys
    from pathlib import Path

    from anatomy.viz import style

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tools.colour import VISIONS, delta_e

    named = {"white": "#FFFFFF", "black": "#000000"}
    marks = [t["marker"] for t in figdict["data"]
             if t.get("meta", {}).get("id") == "compression_points"]
    assert marks
    surfaces = {**style.MUSCLE_COLOURS, "bone": style.BONE, "skin": style.SKIN}
    for m in marks:
        inks = {named.get(c, c) for c in (m["color"], m["line"]["color"])}
        for name, colour in surfaces.items():
            for vision in VISIONS:
                best = max(delta_e(ink, colour, vision) for ink in inks)
                assert best >= style.CATEGORY_MIN_DE00, (name, vision, round(best, 1))
