"""Interactive 3D figures of the occipital nerves: layers, stages, hover text and labels."""

from __future__ import annotations

import numpy as np

from anatomy import nerves as nv
from anatomy.head import load_head
from anatomy.references import cite
from anatomy.viz import compact, plotly3d, style
from anatomy.viz.head_views import drawn_skin
from anatomy.viz.head_views.scene import _wrap

__all__ = [
    "BONES_ENTRY", "CAPTION_ANCHORS", "CAPTION_OFFSETS", "LAYER_BUTTONS", "NERVE_STYLE",
    "NUMBERED_STAGES", "NUMBERS_ASPECT",
    "NUMBER_OFFSETS", "SCENE_HI", "SCENE_LO", "STAGE_HIDDEN", "all_layers_figure", "nerve_hover",
    "nerve_traces", "stage_camera", "stages", "waypoint_hover",
]

NERVE_STYLE = {  # colours from the kit's palette (anatomy.viz.style.NERVE_COLOURS)
    "greater_occipital": {"color": style.NERVE_COLOURS["greater_occipital"],
                          "symbol": "circle", "marker": "o"},
    "lesser_occipital": {"color": style.NERVE_COLOURS["lesser_occipital"], "symbol": "square",
                         "marker": "s"},
    "third_occipital": {"color": style.NERVE_COLOURS["third_occipital"], "symbol": "diamond",
                        "marker": "D"},
}
BONES_ENTRY = "Bones (C1-C3, skull, jaw)"  # the one legend entry of the bones
LAYER_BUTTONS = {"skin": "Skin", "muscle": "Muscles", "bone": "Bones", "nerve": "Nerves",
                 "vessel": "Vessels"}
# Fixed scene box (mm) so that stage cameras can be computed (aspectmode 'manual'). It
# holds the whole trapezius down to the clavicle and acromion: plotly clips meshes at the
# axis ranges, and a box ending at x = 150 / z = -150 cut the sheet and left its acromial
# end floating beside the neck. The skin is cropped to the same box.
SCENE_LO = np.array([-195.0, -135.0, -175.0])
SCENE_HI = np.array([195.0, 125.0, 145.0])
# camera distances below were chosen for a 300 x 260 x 295 mm box; this keeps the framing
_CAMERA_SCALE = float(np.cbrt(300.0 * 260.0 * 295.0 / np.prod(SCENE_HI - SCENE_LO)))


# ---------------------------------------------------------------------------- hover text


def nerve_hover(n: nv.Nerve) -> str:
    """Name, Latin name, description and sources of a nerve.

    Parameters
    ----------
    n : Nerve
        The nerve.

    Returns
    -------
    str
        HTML text for plotly's hover label.
    """
    return (f"<b>{n.label} ({n.side})</b><br><i>{n.latin}</i><br>{_wrap(n.description)}"
            f"<br>Sources: {_wrap(cite(*n.spec.references))}")


def _measure(w: nv.Waypoint) -> str:
    origin = {"eop": "the EOP", "eam": "the EAM line", "landmark": w.landmark}[w.frame]
    parts = []
    for coord, word in (("lateral_mm", "lateral"), ("vertical_mm", "vertical"),
                        ("depth_mm", "deep")):
        sd = w.sd(coord)
        val = f"{getattr(w, coord):g}" + (f" ± {sd:g}" if sd else "") + f" mm {word}"
        parts.append(val + ("" if coord in w.measured else " (derived)"))
    return ", ".join(parts) + f" (re {origin})"


def waypoint_hover(n: nv.Nerve, wid: str) -> str:
    """Hover text of a nerve waypoint: its label, position, status and sources.

    Parameters
    ----------
    n : Nerve
        The nerve.
    wid : str
        A waypoint id of the nerve's spec.

    Returns
    -------
    str
        HTML text for plotly's hover label.
    """
    w = n.spec.waypoint(wid)
    return (f"<b>{n.abbreviation} ({n.side}): {w.label}</b><br>{_measure(w)}<br>"
            f"Status: {w.status}<br>Source: {_wrap(cite(*w.references))}")


def _kim(waypoint: str) -> str:
    """Kim 2018's mean position of a GON waypoint, as read from nerves.toml, in words."""
    w = nv.load_nerve_specs()["greater_occipital"].waypoint(waypoint)
    return f"{w.lateral_mm:.0f} mm lateral, {-w.vertical_mm:.0f} mm below EOP"


# ---------------------------------------------------------------------------- plotly


def nerve_traces(nerves: list[nv.Nerve], *, waypoints: bool = True, width: float = 7) -> list:
    """Path, branches and waypoint markers per nerve; trace ``meta`` = {'layer': 'nerve'}.

    Parameters
    ----------
    nerves : list of Nerve
        The nerves to draw.
    waypoints : bool, default True
        Add a marker trace of each nerve's waypoints.
    width : float, default 7
        Line width of the paths, pixels.

    Returns
    -------
    list of dict
        plotly traces, each with ``meta = {"layer": "nerve"}`` (for the layer buttons).
    """
    traces, sides, shown = [], {}, set()
    for n in nerves:
        sides.setdefault(n.abbreviation, set()).add(n.side)
    for n in nerves:
        # both sides drawn: one legend entry per nerve (same colour; hover names the side)
        both = len(sides[n.abbreviation]) > 1
        st = NERVE_STYLE[n.name]
        group = n.abbreviation if both else f"{n.abbreviation}-{n.side}"
        hover = nerve_hover(n)
        name = f"{n.abbreviation} ({n.side[0].upper()})"
        first = group not in shown
        shown.add(group)
        traces.append(plotly3d.line_trace(
            n.path, name=n.abbreviation if both and first else name, color=st["color"],
            width=width, hovertext=hover, legendgroup=group, showlegend=first))
        for b, bid in zip(n.branches, n.branch_names):
            traces.append(plotly3d.line_trace(b, name=f"{name} {bid.replace('_', ' ')}",
                                              color=st["color"], width=width * 0.55,
                                              hovertext=hover, legendgroup=group,
                                              showlegend=False))
        if waypoints:
            ids = list(n.waypoints)
            traces.append(plotly3d.points_trace(
                np.array([n.waypoints[i] for i in ids]), name=f"{name} waypoints",
                hovertext=[waypoint_hover(n, i) for i in ids], color=st["color"],
                symbol=st["symbol"], size=4, legendgroup=group, showlegend=False))
    for tr in traces:
        tr["meta"] = {"layer": "nerve"}
        if tr["name"].endswith("waypoints"):
            tr["meta"]["id"] = "waypoints"
    return traces


def _points_traces(side: str = "right") -> list:
    cps = nv.compression_points(side)
    pts = np.array([c.point for c in cps.values()])
    hover = [f"<b>Compression point {c.number}: {c.label}</b><br>{_wrap(c.note)}<br>"
             f"Source: {cite(*c.references)}" for c in cps.values()]
    comp = plotly3d.points_trace(pts, name="Janis compression points (derived)",
                                 hovertext=hover, color=style.OKABE_ITO["vermillion"],
                                 symbol="diamond-open", size=6)
    blocks = [b for s in ("right", "left") for b in nv.block_landmarks(s).values()]
    block = plotly3d.points_trace(
        np.array([b.point for b in blocks]), name="Block landmarks (1/3, 2/3 EOP-mastoid)",
        hovertext=[f"<b>{b.label}</b><br>{_wrap(b.note)}<br>Source: "
                   f"{_wrap(cite(*b.references))}" for b in blocks],
        color=style.OKABE_ITO["black"], symbol="cross", size=6)
    comp["meta"] = {"layer": "nerve", "id": "compression_points"}
    # needle sites marked on the skin: they go with the skin (its button, the stages that
    # hide it), so they never float in the air over bare muscle
    block["meta"] = {"layer": "skin", "id": "block_landmarks"}
    return [comp, block]


# Pixel offsets of the compression-point numbers from their markers (thin leader lines):
# points 3-5 lie within a few millimetres of each other, so their numbers fan out.
NUMBER_OFFSETS = {1: (34, 14), 2: (34, -12), 3: (-34, 16), 4: (30, 2), 5: (-34, -10),
                  6: (-30, -18)}
NUMBERS_ASPECT = 4 / 3  # narrower than the scene on a handout or notebook (about 3:2)


def _point_numbers(side: str, cam: dict) -> list[dict]:
    """The compression points' numbers inside a camera's view (a 4:3 scene, 10% margin;
    plotly draws an annotation even when its point is outside the scene), as scene
    annotations with short leader lines: page text, not 3D text traces (those are drawn as
    vector glyphs, slowing the first paint)."""
    colour = style.OKABE_ITO["vermillion"]
    cps = list(nv.compression_points(side).values())
    ndc = plotly3d.view_ndc([_normalised(c.point) for c in cps], cam, NUMBERS_ASPECT)
    inside = np.all(np.abs(ndc) <= 0.9, axis=1)
    return [plotly3d.point_note(c.point, str(c.number), offset_px=NUMBER_OFFSETS[c.number],
                                color=colour, line_color=colour, background=0.85)
            for c, shown in zip(cps, inside) if shown]


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


# the GON's and TON's close-ups also leave out levator scapulae, lateral to their course
_DEEP = ("trapezius", "sternocleidomastoid", "splenius", "semispinalis", "skin",
         "great_auricular", "levator_scapulae")
# Markers that crowd into a few centimetres (the six compression points, the waypoints)
# show in the close-up stages only, where they spread out.
_CROWDED = ("compression_points", "waypoints")
STAGE_HIDDEN = {  # what each stage hides (structure id prefixes, 'skin', 'vessel', markers)
    "All layers": _CROWDED,
    "1 Origin at C1-C2": _DEEP + ("occipital_artery",),
    "2 Round obliquus capitis inferior": _DEEP + ("occipital_artery",),
    "3 Through semispinalis": ("trapezius", "sternocleidomastoid", "skin",
                               "occipital_artery", "levator_scapulae"),
    "4 Trapezius and occipital artery": ("sternocleidomastoid", "skin"),
    "5 Under the skin to the vertex": ("compression_points",),
    "LON": ("trapezius", "compression_points"),
    "TON": ("trapezius", "skin", "sternocleidomastoid", "compression_points",
            "levator_scapulae"),
}


# Where a stage's caption sits, in px from its target (default up and to the right). At
# stage 2 the up-right place is taken by compression point 2's number.
CAPTION_OFFSETS = {"2 Round obliquus capitis inferior": (80, 60),
                   "3 Through semispinalis": (40, -105), "TON": (70, -100)}
# A caption that starts at its line's end instead of centring on it: centred, the long
# captions of stage 3 and the TON covered the GON beside their targets
CAPTION_ANCHORS = {"3 Through semispinalis": "left", "TON": "left"}
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
        hidden), ``camera`` and ``annotation`` (a scene note with an arrow to a point of
        the nerve, or to the target).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    g = nv.nerve("greater_occipital", side)
    lon, ton = nv.nerve("lesser_occipital", side), nv.nerve("third_occipital", side)
    s = 1.0 if side == "right" else -1.0
    w = g.waypoints
    # the GON under the scalp, where its branches spread towards the vertex (a point of the
    # drawn nerve, so an arrow there meets the nerve from any angle)
    over_scalp = g.path[np.argmin(np.abs(g.path[:, 2] - _SCALP_NOTE_Z))]
    rows = [
        ("All layers", "The occipital nerves on the head model", (0.0, -40.0, 5.0),
         (1.1 * s, -1.6, 0.5), 1.25, f"{side} GON (LON, TON: see legend)", over_scalp),
        ("1 Origin at C1-C2", "1. The GON leaves the C2 dorsal ramus between C1 and C2 "
         "(skin and outer muscles hidden)", w["origin"], (0.35 * s, -1.0, 0.2), 0.45,
         "origin: between C1 arch and C2 lamina"),
        ("2 Round obliquus capitis inferior", "2. It winds round the lower border of "
         "obliquus capitis inferior", w["oci_lower_border"], (0.6 * s, -1.0, 0.0), 0.42,
         f"winds round OCI (Kim: {_kim('oci_lower_border')})"),
        ("3 Through semispinalis", "3. It ascends behind OCI and pierces semispinalis "
         "capitis", w["semispinalis_exit"], (0.8 * s, -1.2, 0.1), 0.75,
         "pierces semispinalis<br>(Kim: "
         + _kim('semispinalis_exit').replace(", ", ",<br>") + ")"),
        ("4 Trapezius and occipital artery", "4. It pierces the trapezius aponeurosis and "
         "meets the occipital artery", w["superior_nuchal_line"], (0.5 * s, -1.3, 0.25), 0.7,
         "medial to the occipital artery at the nuchal line"),
        ("5 Under the skin to the vertex", "5. Under the skin it branches and reaches the "
         "vertex", w["branch_point"] + [-15, 25, 45], (0.35 * s, -1.0, 0.75), 0.85,
         "GON branches to the vertex", over_scalp),
        ("LON", "The lesser occipital nerve along sternocleidomastoid to behind the ear",
         lon.waypoints["fascia_exit"] + [0, 0, 25], (1.6 * s, -0.7, 0.15), 0.95,
         "LON leaves the fascia (Dash 2005)", lon.waypoints["fascia_exit"]),
        ("TON", "The third occipital nerve near the midline to the lower occiput",
         ton.waypoints["trapezius_exit"], (0.55 * s, -1.3, -0.1), 0.75,
         "TON exits through trapezius<br>(hidden here; Kim 2018)"),
    ]
    out = []
    for label, title, target, direction, dist, note, *anchor in rows:
        t = np.asarray(target, float)
        a = np.asarray(anchor[0] if anchor else target, float)
        out.append({"label": label, "title": title, "target": t,
                    "hidden": STAGE_HIDDEN[label],
                    "camera": stage_camera(t, direction, dist),
                    "annotation": {"x": round(float(a[0]), 1), "y": round(float(a[1]), 1),
                                   "z": round(float(a[2]), 1), "text": note,
                                   "showarrow": True, "arrowhead": 2,
                                   "ax": CAPTION_OFFSETS.get(label, (70, -70))[0],
                                   "ay": CAPTION_OFFSETS.get(label, (70, -70))[1],
                                   **({"xanchor": CAPTION_ANCHORS[label]}
                                      if label in CAPTION_ANCHORS else {}),
                                   "bgcolor": "rgba(255,255,255,0.85)",
                                   "font": {"size": 12}}})
    return out


def _trace_key(tr) -> str:
    meta = tr.get("meta") or {}
    return meta.get("id") or meta.get("layer") or ""


def _stage_visible(fig, hidden) -> list:
    if "skin" in hidden:  # the block landmarks are marks on the skin
        hidden = (*hidden, "block_landmarks")
    return ["legendonly" if _trace_key(tr).startswith(tuple(hidden)) and hidden else True
            for tr in fig["data"]]


# The close-up stages of the GON's course carry Janis's compression points and their
# numbers; the overview, vertex, LON and TON stages leave them out (seen from there the six
# points crowd into one spot).
NUMBERED_STAGES = ("1 Origin at C1-C2", "2 Round obliquus capitis inferior",
                   "3 Through semispinalis", "4 Trapezius and occipital artery")


def _stage_notes(st: dict, side: str) -> list[dict]:
    """A stage's scene annotations: its caption, plus the compression-point numbers in view."""
    numbers = _point_numbers(side, st["camera"]) if st["label"] in NUMBERED_STAGES else []
    return [st["annotation"], *numbers]


def _stage_menu(fig, stage_list: list[dict], side: str) -> None:
    buttons = [{"label": st["label"], "method": "update",
                "args": [{"visible": _stage_visible(fig, st["hidden"])},
                         {"scene.camera": st["camera"], **plotly3d.title_update(st["title"]),
                          "scene.annotations": _stage_notes(st, side)}]}
               for st in stage_list]
    plotly3d.add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": 0.0,
                            "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                            "showactive": True, "active": 0, "bgcolor": "white",
                            "name": "stage", "font": plotly3d.MENU_FONT,
                            "pad": {"b": 6, "l": 2}})


SKIN_FLOOR_Z = SCENE_LO[2] + 2  # where the skin is cut: the muscles' lowest ends (levator)


def _crop_skin(head, z_min: float = SKIN_FLOOR_Z, x_max: float = SCENE_HI[0] - 10):
    """The drawn skin's outer shell (no eyes, mouth cavity or sockets to show through),
    cut to the scene box along straight lines: faces crossing a cut are clipped
    (``meshops.level_regions``), so the edge is not a saw tooth of whole faces, and the
    skin ends where the neck muscles do."""
    from anatomy import meshops
    from anatomy.shell import SEE_THROUGH_MAX_EDGE_MM

    v, f = drawn_skin(head, SEE_THROUGH_MAX_EDGE_MM)
    for field in (lambda p: p[:, 2] - z_min, lambda p: x_max - np.abs(p[:, 0])):
        v, f, label, _ = meshops.level_regions(v, f, field(v)[None, :], level=0.0)
        used, inv = np.unique(f[label == 0], return_inverse=True)
        v, f = v[used], inv.reshape(-1, 3)
    return v, f


def all_layers_figure(*, sides=("right", "left"), skin_opacity: float = 0.22,
                      stage: int = 0, height: int = 680) -> plotly3d.KitFigure:
    """Head with bones, muscles, the occipital and vertebral arteries, the GON, LON and TON
    and the suboccipital (C1) and great auricular nerves on both sides.

    Buttons show or hide each layer (skin, muscles, bones, nerves, vessels); a dropdown
    steps through the GON's course (camera and caption per stage), then LON and TON.
    Everything works without a running kernel.

    Parameters
    ----------
    sides : sequence of {"left", "right"}, default ("right", "left")
        Sides whose nerves and structures are drawn; the stages follow the first.
    skin_opacity : float, default 0.22
        Opacity of the skin.
    stage : int, default 0
        Index of the stage shown first (see ``stages``).
    height : int, default 680
        Figure height, pixels.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If a side is not ``"left"`` or ``"right"``.
    """
    from anatomy.structures import load_structures
    from anatomy.viz.structure_views import structure_traces

    head = load_head()
    v, f = _crop_skin(head)
    skin = [plotly3d.mesh_trace(v, f, name="skin", color=style.SKIN, opacity=skin_opacity,
                                legendgroup="skin")]
    for tr in skin:
        tr["meta"] = {"layer": "skin"}
        compact.whole_mm(tr)  # see-through skin: whole mm is invisible, halves its bytes
    structures = {k: s for k, s in load_structures().items() if s.side in (None, *sides)}
    nerves = [nv.nerve(n, s) for s in sides for n in nv.NAMES]
    # the bones share one colour: one legend entry for them all (hover names each), so
    # the legend wraps to fewer lines and leaves the scene more room on a projector
    traces = (skin + structure_traces(structures, one_entry={"bone": BONES_ENTRY})
              + nerve_traces(nerves)
              + _points_traces(sides[0]))
    st = stages(sides[0])
    fig = plotly3d.scene_figure(traces, title=st[stage]["title"], height=height,
                                title_lines=2)
    rng = SCENE_HI - SCENE_LO
    plotly3d.merge(fig["layout"], {
        "scene": {"aspectmode": "manual",
                  "aspectratio": {k: round(float(a), 4)
                                  for k, a in zip("xyz", rng / np.cbrt(rng.prod()))},
                  "xaxis": {"range": [float(SCENE_LO[0]), float(SCENE_HI[0])]},
                  "yaxis": {"range": [float(SCENE_LO[1]), float(SCENE_HI[1])]},
                  "zaxis": {"range": [float(SCENE_LO[2]), float(SCENE_HI[2])]},
                  "camera": st[stage]["camera"],
                  "annotations": _stage_notes(st[stage], sides[0])}})
    groups: dict[str, list[int]] = {}
    for i, tr in enumerate(fig["data"]):
        layer = (tr.get("meta") or {}).get("layer")
        if layer in LAYER_BUTTONS:
            groups.setdefault(LAYER_BUTTONS[layer], []).append(i)
    for tr, vis in zip(fig["data"], _stage_visible(fig, st[stage]["hidden"])):
        tr["visible"] = vis                     # the opening stage (the buttons restore it)
    # the stage's caption and compression-point numbers point at nerves: they go with them
    plotly3d.toggle_menu(fig, {k: groups[k] for k in LAYER_BUTTONS.values() if k in groups},
                         x=1.0, xanchor="right",
                         notes={"Nerves": 1 + len(nv.compression_points(sides[0]))})
    _stage_menu(fig, st, sides[0])
    fig["layout"]["updatemenus"][-1]["active"] = stage
    alt = ("3D head with semi-transparent skin over the cervical vertebrae, skull vault, jaw, "
           "neck muscles (the suboccipital muscles bounding the suboccipital triangle, "
           "semispinalis capitis, splenius capitis, trapezius, sternocleidomastoid), the "
           "occipital and vertebral arteries, with the greater (yellow, circles), lesser "
           "(blue, squares) and third (teal, diamonds) occipital nerves on both sides, the "
           "suboccipital nerve (C1, navy) in the triangle and the great auricular nerve "
           "(violet) on sternocleidomastoid. The greater occipital nerve runs from between "
           "C1 and C2 round obliquus capitis inferior, through semispinalis and the "
           "trapezius aponeurosis, medial to the occipital artery at the nuchal line, and "
           "under the skin to the vertex. A dropdown steps through the stages; buttons show "
           "or hide skin, muscles, bones, nerves and vessels; hover names each structure.")
    return plotly3d.KitFigure(fig, alt)


