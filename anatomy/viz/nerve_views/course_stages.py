"""The GON's course told in stages on the all-layers figure: the scene box, each stage's
camera, caption, hidden layers, compression-point numbers and bone names, and the
dropdown that steps through them (used by ``scene.all_layers_figure``)."""

from __future__ import annotations

import numpy as np

from anatomy import nerves as nv
from anatomy.conventions import SCENE_BOX
from anatomy.viz import plotly3d, style
from anatomy.viz.nerve_views.stage_tables import (
    BONE_NOTES,
    CAPTION_ANCHORS,
    CAPTION_ARROWS,
    CAPTION_OFFSETS,
    STAGE_HIDDEN,
    STAGE_OFF_COURSE,
)

__all__ = [
    "BONE_NOTES", "CAPTION_ANCHORS", "CAPTION_OFFSETS", "DEEP_NOTE", "FIRST_STRETCH",
    "FIRST_STRETCH_STAGE", "NOTE_STYLE", "NUMBERED_STAGES", "NUMBERS_ASPECT", "NUMBER_OFFSETS",
    "POINT_FIRST_STAGE", "SCENE_HI", "SCENE_LO", "STAGE_HIDDEN", "STAGE_OFF_COURSE",
    "stage_camera", "stage_points", "stages",
]

# Fixed scene box (mm, ``conventions.SCENE_BOX``) so that stage cameras can be computed
# (aspectmode 'manual'). The skin is cropped to the same box.
SCENE_LO, SCENE_HI = (np.array(c, float) for c in SCENE_BOX)
# camera distances below were chosen for a 300 x 260 x 295 mm box; this keeps the framing
_CAMERA_SCALE = float(np.cbrt(300.0 * 260.0 * 295.0 / np.prod(SCENE_HI - SCENE_LO)))


def _kim(waypoint: str) -> str:
    """Kim 2018's mean position of a GON waypoint, as read from nerves.toml, in words."""
    w = nv.load_nerve_specs()["greater_occipital"].waypoint(waypoint)
    return f"{w.lateral_mm:.0f} mm lateral, {-w.vertical_mm:.0f} mm below EOP"


# Pixel offsets of the compression-point numbers from their markers (thin leader lines):
# points 3-5 lie within a few millimetres of each other, so their numbers fan out.
NUMBER_OFFSETS = {1: (34, 14), 2: (34, -12), 3: (-34, 16), 4: (56, 6), 5: (-34, -10),
                  6: (-30, -18)}
DEEP_NOTE = "(deep)"  # after the number of a point under the surface it is drawn on
NUMBERS_ASPECT = 4 / 3  # narrower than the scene on a handout or notebook (about 3:2)


def _point_numbers(side: str, st: dict) -> list[dict]:
    """The compression points' numbers a close-up stage ``st`` shows, as scene annotations
    with short leader lines (page text, not 3D text traces: those are drawn as vector
    glyphs, slowing the first paint).

    Only points inside the camera's view (a 4:3 scene, 10% margin; plotly draws an
    annotation even when its point is outside the scene) of the structures the stage
    draws (``stage_points``). A point whose marker a muscle or bone of the stage hides is
    numbered only in the stage that brings it in, on the surface in front of it (points
    2 and 4, entering semispinalis and trapezius from below, were never numbered); the
    numbers of points under the trapezius no longer float on it in stage 4."""
    colour = style.OKABE_ITO["vermillion"]
    cam, hidden = st["camera"], st["hidden"]
    cps = [c for c in nv.compression_points(side).values()
           if st["label"] in stage_points(c.number)]
    if not cps:
        return []
    ndc = plotly3d.view_ndc([_normalised(c.point) for c in cps], cam, NUMBERS_ASPECT)
    inside = np.all(np.abs(ndc) <= 0.9, axis=1)
    # the first surface in front of each point: none, or within 1.5 mm (the muscle the
    # marker sits on), and its marker shows
    eye = _eye_mm(cam)
    front = _in_front([c.point for c in cps], cam, hidden)
    out = []
    for c, shown, h in zip(cps, inside, front):
        seen = h is None or np.linalg.norm(h - c.point) <= 1.5
        if not shown or not (seen or POINT_FIRST_STAGE[c.number] == st["label"]):
            continue
        at = c.point if seen else h + HIDDEN_COURSE_LIFT_MM * (eye - h) / np.linalg.norm(eye - h)
        # a number on the surface over its point says so: in stage 4 the nerve enters the
        # trapezius (4) a few millimetres under where it leaves it (5), and the two numbers
        # seemed to name one spot (student review)
        text = str(c.number) if seen else f"{c.number} {DEEP_NOTE}"
        out.append(plotly3d.point_note(at, text, offset_px=NUMBER_OFFSETS[c.number],
                                       color=colour, line_color=colour, background=0.85))
    return out


def _stage_meshes(hidden: tuple) -> list:
    """The muscles and bones a stage draws (``hidden``: the id prefixes it leaves out)."""
    from anatomy.skin import Skin
    from anatomy.structures import load_structures

    return [Skin(s.vertices, s.faces) for s in load_structures().values()
            if s.layer in ("muscle", "bone") and not s.id.startswith(tuple(hidden))]


def _in_front(points, cam: dict, hidden: tuple, lift: float = 0.0) -> list:
    """For each point (mm), the first surface of the stage's muscles and bones that the
    line of sight from the camera's eye meets more than 0.5 mm before it, ``lift`` mm
    towards the eye; None where nothing hides the point."""
    eye, meshes = _eye_mm(cam), _stage_meshes(hidden)
    out = []
    for p in np.asarray(points, float):
        d = (p - eye) / np.linalg.norm(p - eye)
        near = np.linalg.norm(p - eye) - 0.5
        hits = [h for m in meshes if (h := m.ray_hit(eye, d)) is not None
                and np.linalg.norm(h - eye) < near]
        out.append(min(hits, key=lambda h: np.linalg.norm(h - eye)) - lift * d
                   if hits else None)
    return out


def _eye_mm(cam: dict) -> np.ndarray:
    """A stage camera's eye, mm in the head frame."""
    return (SCENE_LO + SCENE_HI) / 2 + np.array([cam["eye"][k] for k in "xyz"], float) \
        * np.cbrt(np.prod(SCENE_HI - SCENE_LO))


# Stages that dash the GON's course where the muscles they show hide it from their camera
# (as the stage plate dashes it), and the waypoint where that course ends: in stage 3 the
# nerve vanished behind semispinalis between compression points 1 and 3, and read as broken
# (instructor review); in stage 4, under the trapezius, entry (point 4) and exit (5) could
# not be told apart (student review 24)
HIDDEN_COURSE_STAGES = {"3 Through semispinalis": "semispinalis_exit",
                        "4 Trapezius and occipital artery": "trapezius_exit"}
# Stage 1 draws the followed GON's first stretch only, from its origin to the lower border
# of obliquus capitis inferior, with that muscle hidden. Drawn whole, the nerve's hairpin
# round the muscle's lower border lay along the line of sight: the stretch deep to OCI and
# the one coming back up on its surface fell on one line, and readers took the origin to
# lie on the muscle (student review). Stage 2 brings in OCI and the rest of the nerve.
FIRST_STRETCH_STAGE = "1 Origin at C1-C2"
FIRST_STRETCH = ("origin", "oci_lower_border")
HIDDEN_COURSE_LIFT_MM = 1.5  # the dashes lie this far out from the muscle's surface
# where the dashed stretch starts: the nerve's course from its origin, behind obliquus
# capitis inferior, winds round the muscle's lower border, and its dashes lay beside the
# visible stretch that comes back up over the muscle (read as a second nerve)
HIDDEN_COURSE_FROM = "oci_lower_border"


def hidden_course(side: str, cam: dict, hidden: tuple,
                  to: str = "semispinalis_exit") -> np.ndarray:
    """The GON's course in the neck (HIDDEN_COURSE_FROM to the waypoint ``to``) where
    muscles or bones a stage draws hide it from the stage's camera, moved along the line
    of sight onto the nearest surface, HIDDEN_COURSE_LIFT_MM out (NaN rows between hidden
    stretches): a dashed line there shows where the nerve runs underneath.

    Parameters
    ----------
    side : {"left", "right"}
        The nerve's side.
    cam : dict
        The stage's plotly camera (``stage_camera``).
    hidden : tuple of str
        The id prefixes of the structures the stage leaves out.
    to : str, default "semispinalis_exit"
        The GON waypoint where the course ends (its exit from the muscle the stage shows).

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        Points, mm; empty if nothing hides the nerve.

    Raises
    ------
    KeyError
        If ``to`` is not a waypoint of the GON.
    """
    gon = nv.nerve("greater_occipital", side)
    if to not in gon.waypoint_index:
        raise KeyError(f"GON waypoint {to!r}: choose one of {sorted(gon.waypoint_index)}")
    course = gon.path[gon.waypoint_index[HIDDEN_COURSE_FROM]:
                      gon.waypoint_index[to] + 1]
    out: list[np.ndarray] = []
    for at in _in_front(course, cam, hidden, lift=HIDDEN_COURSE_LIFT_MM):
        if at is not None:
            out.append(at)
        elif out and not np.isnan(out[-1][0]):
            out.append(np.full(3, np.nan))
    return np.array(out).reshape(-1, 3)


def _normalised(p) -> np.ndarray:
    rng = SCENE_HI - SCENE_LO
    return (np.asarray(p, float) - (SCENE_LO + SCENE_HI) / 2) / np.cbrt(rng.prod())


def stage_camera(target, direction, distance: float) -> dict:
    """A plotly camera looking at ``target`` (mm) from ``direction`` at ``distance``.

    Parameters
    ----------
    target : array_like, shape (3,)
        The point looked at, mm in the head frame.
    direction : array_like, shape (3,)
        Direction from the target to the eye (any length).
    distance : float
        Distance of the eye from the target, in plotly's normalised scene units.

    Returns
    -------
    dict
        A perspective plotly camera (``up``, ``center``, ``eye``, ``projection``).
    """
    c = _normalised(target)
    d = np.asarray(direction, float)
    e = c + d / np.linalg.norm(d) * distance * _CAMERA_SCALE
    r = lambda a: {k: round(float(v), 4) for k, v in zip("xyz", a)}  # noqa: E731
    return {"up": {"x": 0, "y": 0, "z": 1}, "center": r(c), "eye": r(e),
            "projection": {"type": "perspective"}}


_SCALP_NOTE_Z = 60.0  # height (mm) of the GON point the overview and stage-5 notes name

def stages(side: str = "right") -> list[dict]:
    """The GON told in stages (plus LON and TON): label, title, target, camera, note.

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    list of dict
        One dict per stage: ``label``, ``title``, ``target`` (mm), ``hidden`` (layers
        hidden), ``bones`` (scene notes naming the bones of the course, see
        ``BONE_NOTES``), ``camera`` and ``annotation`` (a scene note with an arrow to a
        point of the nerve, or to the target).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    g = nv.nerve("greater_occipital", side)
    lon, ton = nv.nerve("lesser_occipital", side), nv.nerve("third_occipital", side)
    s = 1.0 if side == "right" else -1.0
    w = g.marked_waypoints
    # the GON under the scalp, where its branches spread towards the vertex (a point of the
    # drawn nerve, so an arrow there meets the nerve from any angle)
    over_scalp = g.path[np.argmin(np.abs(g.path[:, 2] - _SCALP_NOTE_Z))]
    rows = [
        ("All layers", "The occipital nerves on the head model", (0.0, -40.0, -40.0),
         (1.1 * s, -1.6, 0.5), 1.6, f"{side} GON<br>(LON, TON: see legend)", over_scalp),
        # looking at the first stretch (FIRST_STRETCH) from behind, across its course: from
        # posterolateral (0.35, -1, 0.2, 0.45 away) it ran toward the eye and was a stub;
        # closer than 0.36 cut the atlas's label with JupyterLab's file browser open; the
        # note names the nerve (it did not: student review)
        # the title names what is hidden: "(muscles hidden)" over the three suboccipital
        # muscles this stage shows misled (student review 28)
        ("1 Origin at C1-C2", "1. The GON arises from the C2 dorsal ramus between C1 and C2 "
         "(OCI hidden)", (w["origin"] + w["oci_lower_border"]) / 2,
         (0.0, -1.0, 0.3), 0.36,
         "GON origin: between C1 arch and C2 lamina;<br>it runs down deep to OCI (hidden here)",
         w["origin"]),
        # looking 6 mm above the winding point, a little further back: compression point 5
        # was cut by the top edge; the caption still points at the winding point
        ("2 Round obliquus capitis inferior", "2. It winds round the lower border of "
         "obliquus capitis inferior", w["oci_lower_border"] + [0, 0, 6], (0.6 * s, -1.0, 0.0),
         0.48, f"winds round OCI (Kim: {_kim('oci_lower_border')})", w["oci_lower_border"]),
        # closer than before (0.75): compression points 3-5 lie within a few millimetres
        # and crowded into about 30 px at 1024 px (reviewer); now about 45 px
        ("3 Through semispinalis", "3. It ascends over OCI and pierces semispinalis "
         "capitis (dashed: under the muscle)", w["semispinalis_exit"], (0.8 * s, -1.2, 0.1), 0.5,
         "pierces semispinalis<br>(Kim: "
         + _kim('semispinalis_exit').replace(", ", ",<br>") + ")"),
        # closer than before (0.8): compression points 4-6 crowded into about 40 px at
        # 1024 px and two of their numbers pointed at one spot (student review)
        ("4 Trapezius and occipital artery", "4. It pierces the trapezius aponeurosis and "
         "meets the occipital artery", w["superior_nuchal_line"], (0.5 * s, -1.3, 0.25), 0.6,
         "medial to the occipital artery<br>at the nuchal line"),
        ("5 Under the skin to the vertex", "5. Under the skin it branches and reaches the "
         "vertex", w["branch_point"] + [-15, 25, 45], (0.35 * s, -1.0, 0.75), 0.85,
         "GON branches to the vertex", over_scalp),
        # far enough (1.3) for the whole head: at 0.95 the top of the scene cut the vertex,
        # above the LON's branches (review 34)
        ("LON", "The lesser occipital nerve along sternocleidomastoid to behind the ear",
         lon.marked_waypoints["fascia_exit"] + [0, 0, 55], (1.6 * s, -0.08, 0.15), 1.3,
         "LON leaves the fascia<br>(Dash 2005)", lon.marked_waypoints["fascia_exit"]),
        ("TON", "The third occipital nerve near the midline to the lower occiput",
         ton.marked_waypoints["trapezius_exit"], (0.55 * s, -1.3, -0.1), 0.75,
         "TON exits through trapezius<br>(trapezius hidden here; Kim 2018)"),
    ]
    other = "left" if side == "right" else "right"
    out = []
    for label, title, target, direction, dist, note, *anchor in rows:
        t = np.asarray(target, float)
        a = np.asarray(anchor[0] if anchor else target, float)
        hidden = STAGE_HIDDEN[label]
        off = tuple(n.format(other=other) for n in STAGE_OFF_COURSE.get(label, ()))
        hidden = (*hidden, *off, *(f"waypoints_{n}" for n in off))
        out.append({"label": label, "title": title, "target": t, "hidden": hidden,
                    "bones": _bone_notes(label, side),
                    "camera": stage_camera(t, direction, dist),
                    "annotation": {"x": round(float(a[0]), 1), "y": round(float(a[1]), 1),
                                   "z": round(float(a[2]), 1), "text": note,
                                   "showarrow": True, "arrowhead": 2,
                                   "ax": CAPTION_OFFSETS.get(label, (70, -70))[0],
                                   "ay": CAPTION_OFFSETS.get(label, (70, -70))[1],
                                   **({"xanchor": CAPTION_ANCHORS[label]}
                                      if label in CAPTION_ANCHORS else {}),
                                   **CAPTION_ARROWS.get(label, {}),
                                   "bgcolor": "rgba(255,255,255,0.85)",
                                   "font": {"size": 12}}})
    return out


def _bone_notes(label: str, side: str) -> list[dict]:
    """Scene annotations naming the bones a stage's course is told against."""
    from anatomy.structures import structure_points

    pts, s = structure_points(), (1.0 if side == "right" else -1.0)
    out = []
    for key, text, offset, *shift in BONE_NOTES.get(label, ()):
        p = pts.get(f"{key}_{side}", pts.get(key)) + np.multiply(shift[0] if shift else 0,
                                                                 (s, 1.0, 1.0))
        out.append(plotly3d.point_note(p, text, offset_px=offset, background=0.85))
    return out


def _trace_key(tr) -> str:
    meta = tr.get("meta") or {}
    return meta.get("id") or meta.get("layer") or ""


def _stage_visible(fig, hidden, label: str) -> list:
    """Each trace's visibility in the stage ``label`` that hides ``hidden`` (id prefixes);
    a trace drawn for some stages only (``meta['stages']``) shows in those, and one left
    out of some (``meta['not_in']``) not in those."""
    if "skin" in hidden:  # the block landmarks are marks on the skin
        hidden = (*hidden, "block_landmarks")
    return ["legendonly" if (_trace_key(tr).startswith(tuple(hidden)) and hidden)
            or label not in (tr.get("meta") or {}).get("stages", (label,))
            or label in (tr.get("meta") or {}).get("not_in", ()) else True
            for tr in fig["data"]]


def hidden_course_traces(side: str, color: str) -> list[dict]:
    """Dashed lines (in the GON's ``color``) where the stages of HIDDEN_COURSE_STAGES hide
    the GON they follow under a muscle (``hidden_course``), each shown in its stage only
    (``meta['stages']``)."""
    by_label = {st["label"]: st for st in stages(side)}
    out = []
    for label, to in HIDDEN_COURSE_STAGES.items():
        st = by_label[label]
        tr = plotly3d.line_trace(
            hidden_course(side, st["camera"], st["hidden"], to),
            name=f"GON ({side[0].upper()}) under the muscle", dash="dash", width=8,
            color=color, legendgroup="GON", showlegend=False,
            hovertext=f"GON ({side}): its course under the muscle")
        tr["meta"] = {"layer": "nerve", "id": f"greater_occipital_{side}", "stages": [label]}
        out.append(tr)
    return out


# The close-up stages of the GON's course carry Janis's compression points and their
# numbers; the overview, vertex, LON and TON stages leave them out (seen from there the six
# points crowd into one spot), and stage 1, whose first stretch has none.
NUMBERED_STAGES = ("2 Round obliquus capitis inferior", "3 Through semispinalis",
                   "4 Trapezius and occipital artery")


# Each compression point shows from the close-up that draws the structure it is told
# against, and in the close-ups after it: in stages 1 and 2, without semispinalis and
# trapezius, points 2-6 floated over bare bone (student review). Point 1 lies between
# semispinalis and obliquus capitis inferior, on the stretch that comes back up over OCI:
# stage 1 draws the nerve's first stretch only (FIRST_STRETCH), stage 2 that muscle and
# the rest of the nerve.
POINT_FIRST_STAGE = {1: "2 Round obliquus capitis inferior", 2: "3 Through semispinalis",
                     3: "3 Through semispinalis", 4: "4 Trapezius and occipital artery",
                     5: "4 Trapezius and occipital artery",
                     6: "4 Trapezius and occipital artery"}


def stage_points(number: int) -> tuple[str, ...]:
    """The close-up stages that show a compression point (see ``POINT_FIRST_STAGE``).

    Parameters
    ----------
    number : int
        The compression point's number, 1 to 6 (Janis 2010).

    Returns
    -------
    tuple of str
        Labels of the stages of NUMBERED_STAGES that draw it, in order.

    Raises
    ------
    KeyError
        If ``number`` is not a compression point's number.
    """
    return NUMBERED_STAGES[NUMBERED_STAGES.index(POINT_FIRST_STAGE[number]):]


# the style most of the figure's notes share (in its template: plotly3d.share_note_style)
NOTE_STYLE = {"arrowhead": 0, "arrowwidth": 1, "standoff": 3,
              "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 12}}


def _stage_notes(st: dict, side: str) -> list[dict]:
    """A stage's scene annotations: its caption, the compression-point numbers in view and
    the names of the bones."""
    numbers = _point_numbers(side, st) if st["label"] in NUMBERED_STAGES else []
    return [st["annotation"], *numbers, *st["bones"]]


def nerve_notes_toggle(st: dict, side: str) -> tuple[dict, dict]:
    """The Nerves button's layout updates in a stage (hide, show): hidden, the nerves take
    the stage's caption and compression-point numbers with them (an arrow naming the GON
    had pointed at bare bone) and the bones' names stay; shown, the stage's notes."""
    return {"scene.annotations": list(st["bones"])}, {"scene.annotations": _stage_notes(st, side)}


def _layer_buttons_follow(fig, visible: list, flip: set[int],
                          notes: tuple[dict, dict] | None = None) -> dict:
    """Layout updates that point each layer button at a stage: its clicks hide the layer
    and show it as that stage shows it (not as the figure opened). A layer the stage shows
    is pressed (near white: the next click hides, args2); a layer the stage hides whole is
    released (grey: the next click shows it as the figure opened, args; a Skin click in the
    close-ups did nothing). ``flip``: the menus some stage hides whole (every stage sets
    their hiding click; the others keep theirs). ``notes``: the stage's Nerves-button
    layout updates (``nerve_notes_toggle``: hide, show), pointed at the stage too."""
    out = {}
    for k, menu in enumerate(fig["layout"]["updatemenus"]):
        if menu.get("name", "").startswith("layer "):
            button = menu["buttons"][0]
            here = [visible[i] for i in button["args"][-1]]
            shown = True in here
            out[f"updatemenus[{k}].buttons[0].args[0].visible"] = (
                here if shown else button["args"][0]["visible"])
            if k in flip:
                out[f"updatemenus[{k}].buttons[0].args2[0].visible"] = [
                    False if v is False else "legendonly" for v in here]
            out[f"updatemenus[{k}].active"] = 0 if shown else -1
            if notes is not None and button["method"] == "update":
                out[f"updatemenus[{k}].buttons[0].args[1]"] = notes[1]
                out[f"updatemenus[{k}].buttons[0].args2[1]"] = notes[0]
    return out


def _stage_menu(fig, stage_list: list[dict], side: str) -> None:
    menus = fig["layout"]["updatemenus"]
    shown = {st["label"]: _stage_visible(fig, st["hidden"], st["label"])
             for st in stage_list}
    flip = {k for k, m in enumerate(menus) if m.get("name", "").startswith("layer ")
            and any(True not in [v[i] for i in m["buttons"][0]["args"][-1]]
                    for v in shown.values())}
    buttons = []
    for st in stage_list:
        visible = shown[st["label"]]
        toggle = nerve_notes_toggle(st, side)
        buttons.append({"label": st["label"], "method": "update",
                        "args": [{"visible": visible},
                                 {"scene.camera": st["camera"],
                                  **plotly3d.title_update(st["title"]),
                                  "scene.annotations": toggle[1]["scene.annotations"],
                                  **_layer_buttons_follow(fig, visible, flip, toggle)}]})
    plotly3d.add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": 0.0,
                            "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                            "showactive": True, "active": 0, "bgcolor": "white",
                            "name": "stage", "font": plotly3d.MENU_FONT,
                            "pad": {"b": 6, "l": 2}})
