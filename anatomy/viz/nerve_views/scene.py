"""Interactive 3D figures of the occipital nerves: layers, hover text and labels (the
stages of the GON's course: ``stages``)."""

from __future__ import annotations

import numpy as np

from anatomy import nerves as nv
from anatomy.head import load_head
from anatomy.references import cite
from anatomy.structures.frame import SCENE_FLOOR_Z
from anatomy.viz import plotly3d, style
from anatomy.viz.head_views import scene_box_layout, see_through_skin_traces
from anatomy.viz.head_views.scene import _wrap
from anatomy.viz.nerve_views.course_stages import (  # noqa: F401 - _normalised: tests
    FIRST_STRETCH,
    FIRST_STRETCH_STAGE,
    NOTE_STYLE,
    SCENE_HI,
    SCENE_LO,
    _normalised,
    _stage_menu,
    _stage_notes,
    _stage_visible,
    hidden_course_traces,
    nerve_notes_toggle,
    stage_points,
    stages,
)

__all__ = [
    "BONES_ENTRY", "LAYER_BUTTONS", "NERVE_STYLE", "SKIN_FLOOR_Z", "all_layers_figure",
    "branch_hover", "branch_weight", "nerve_hover", "nerve_traces", "waypoint_hover",
]

NERVE_STYLE = {  # colours from the kit's palette (anatomy.viz.style.NERVE_COLOURS)
    "greater_occipital": {"color": style.NERVE_COLOURS["greater_occipital"],
                          "symbol": "circle", "marker": "o"},
    "lesser_occipital": {"color": style.NERVE_COLOURS["lesser_occipital"], "symbol": "square",
                         "marker": "s"},
    "third_occipital": {"color": style.NERVE_COLOURS["third_occipital"], "symbol": "diamond",
                        "marker": "D"},
}
BONES_ENTRY = "Bones (C1-C7, skull, shoulder)"  # the one legend entry of the bones
# left out: the mandible lies under the opaque face (head_views.face_mask), where it
# showed only with the skin off, floating below the skull vault (review 12)
LEFT_OUT = ("mandible",)
LAYER_BUTTONS = {"skin": "Skin", "muscle": "Muscles", "bone": "Bones", "nerve": "Nerves",
                 "vessel": "Vessels"}


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


def _branch_spec(n: nv.Nerve, branch: str) -> nv.Waypoint:
    """A branch's record (its end point, label and sources); ValueError naming the nerve's
    branches if it has no such branch."""
    spec = {bid: w for _, bid, w in n.spec.branches}
    if branch not in spec:
        raise ValueError(f"{n.name} has no branch {branch!r}; its branches: "
                         + ", ".join(spec))
    return spec[branch]


def branch_hover(n: nv.Nerve, branch: str) -> str:
    """Nerve, branch and the branch's sources: a branch names itself (it repeated the
    whole nerve's description, 0.4 KB a branch, and never said which branch it was).

    Parameters
    ----------
    n : Nerve
        The nerve.
    branch : str
        One of ``n.branch_names``.

    Returns
    -------
    str
        HTML text for plotly's hover label.

    Raises
    ------
    ValueError
        If the nerve has no such branch; the message lists its branches.
    """
    w = _branch_spec(n, branch)
    return (f"<b>{n.label} ({n.side})</b><br>{_wrap(w.label)}"
            f"<br>Sources: {_wrap(cite(*w.references))}")


# a branch's line width as a share of its nerve's: a twig (its label says so) thinner still,
# or the GON-TON communicating twigs read as a main branch along the nuchal line (review 21)
BRANCH_WEIGHT = 0.55
TWIG_WEIGHT = 0.3


def branch_weight(n: nv.Nerve, branch: str) -> float:
    """Line width of a branch as a share of its nerve's: ``TWIG_WEIGHT`` for a twig (a
    branch whose label calls it one), else ``BRANCH_WEIGHT``.

    Parameters
    ----------
    n : Nerve
        The nerve.
    branch : str
        One of ``n.branch_names``.

    Returns
    -------
    float
        The share.

    Raises
    ------
    ValueError
        If the nerve has no such branch; the message lists its branches.
    """
    return TWIG_WEIGHT if "twig" in _branch_spec(n, branch).label.lower() else BRANCH_WEIGHT


def _measure(w: nv.Waypoint, model_depth: float) -> str:
    """Where a waypoint lies: as published (lateral and vertical, and depth where measured)
    and how deep under the skin the model places it (as ``nerves.waypoint_table`` says)."""
    origin = {"eop": "the EOP", "eam": "the EAM line", "landmark": w.landmark}[w.frame]
    parts = []
    for coord, word in (("lateral_mm", "lateral"), ("vertical_mm", "vertical")):
        sd = w.sd(coord)
        val = f"{getattr(w, coord):g}" + (f" ± {sd:g}" if sd else "") + f" mm {word}"
        parts.append(val + ("" if coord in w.measured else " (derived)"))
    from anatomy.nerves.tables import _published_depth

    text = ", ".join(parts) + f" (re {origin})"
    value, _, source = _published_depth(w).partition(" (")
    if value != "-":
        text += f"<br>Published depth: {value} mm" + (f" ({source}" if source else "")
    return text + f"<br>In the model: {model_depth:.1f} mm under the skin"


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
    from anatomy.nerves.tables import _model_depths

    w = n.spec.waypoint(wid)
    depth = _model_depths(n.name, n.side)[wid]
    return (f"<b>{n.abbreviation} ({n.side}): {w.label}</b><br>{_measure(w, depth)}<br>"
            f"Status: {w.status}<br>Source: {_wrap(cite(*w.references))}")




# ---------------------------------------------------------------------------- plotly


def nerve_traces(nerves: list[nv.Nerve], *, waypoints: bool = True, width: float = 7) -> list:
    """Path, branches and waypoint markers per nerve, each with ``meta`` = {'layer': 'nerve',
    'id': '<nerve>_<side>'} (the waypoint markers: 'waypoints_<nerve>_<side>').

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
        plotly traces, each with that ``meta`` (for the layer buttons and the stages).
    """
    traces, sides, shown = [], {}, set()
    for n in nerves:
        sides.setdefault(n.abbreviation, set()).add(n.side)
    for n in nerves:
        start = len(traces)
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
                                              color=st["color"],
                                              width=width * branch_weight(n, bid),
                                              hovertext=branch_hover(n, bid),
                                              legendgroup=group, showlegend=False))
        if waypoints:
            ids = list(n.waypoints)
            traces.append(plotly3d.points_trace(
                np.array([n.marked_waypoints[i] for i in ids]), name=f"{name} waypoints",
                hovertext=[waypoint_hover(n, i) for i in ids], color=st["color"],
                symbol=st["symbol"], size=4, legendgroup=group, showlegend=False))
        for tr in traces[start:]:  # the nerve's own traces: a stage can hide them by id
            tr["meta"] = {"layer": "nerve", "id": (
                f"waypoints_{n.name}_{n.side}" if tr["name"].endswith("waypoints")
                else f"{n.name}_{n.side}")}
    return traces


def _first_stretch(traces: list, side: str) -> list:
    """``traces`` (from ``nerve_traces``) with the followed GON's FIRST_STRETCH as traces
    of its own after its path (a line, which takes over the nerve's legend entry, and the
    origin's marker), and the GON's traces drawn whole kept out of FIRST_STRETCH_STAGE
    (``meta['not_in']``).

    The line shows in every stage: elsewhere it lies on the whole nerve, and the legend
    entry stays lit in stage 1.
    """
    n = nv.nerve("greater_occipital", side)
    ids = (f"greater_occipital_{side}", f"waypoints_greater_occipital_{side}")
    mine = [tr for tr in traces if (tr.get("meta") or {}).get("id") in ids]
    for tr in mine:
        tr["meta"]["not_in"] = [FIRST_STRETCH_STAGE]
    main = mine[0]
    a, b = (n.waypoint_index[w] for w in FIRST_STRETCH)
    st = NERVE_STYLE["greater_occipital"]
    line = plotly3d.line_trace(n.path[a:b + 1], name=main["name"], color=st["color"],
                               width=main["line"]["width"], hovertext=nerve_hover(n),
                               legendgroup=main["legendgroup"],
                               showlegend=main["showlegend"])
    main["showlegend"] = False
    line["meta"] = {"layer": "nerve", "id": ids[0]}
    # the origin's marker (the stretch's other end, under compression point 1's, is left
    # out: the figure's JSON is at its budget)
    marks = plotly3d.points_trace(
        np.array([n.marked_waypoints[FIRST_STRETCH[0]]]),
        name=f"GON ({side[0].upper()}) origin",
        hovertext=[waypoint_hover(n, FIRST_STRETCH[0])], color=st["color"],
        symbol=st["symbol"], size=4, legendgroup=main["legendgroup"], showlegend=False)
    marks["meta"] = {"layer": "nerve", "id": ids[1], "stages": [FIRST_STRETCH_STAGE]}
    k = traces.index(main) + 1
    return [*traces[:k], line, marks, *traces[k:]]


def _points_traces(side: str = "right") -> list:
    # one trace per set of stages: a point shows from the stage that draws its structure
    # (course_stages.stage_points); one legend entry for them all
    cps = list(nv.compression_points(side).values())
    comps = []
    for shown in dict.fromkeys(stage_points(c.number) for c in cps):
        mine = [c for c in cps if stage_points(c.number) == shown]
        comp = plotly3d.points_trace(
            np.array([c.point for c in mine]), name="Janis compression points (derived)",
            hovertext=[f"<b>Compression point {c.number}: {c.label}</b><br>{_wrap(c.note)}"
                       f"<br>Source: {cite(*c.references)}" for c in mine],
            # white inside a vermillion rim: the open vermillion diamond vanished on the
            # orange trapezius for a protanope (ΔE00 7.5: student review 28); white stands
            # out on every muscle, the rim on bone and skin, and it still reads as open
            color="white", outline=style.OKABE_ITO["vermillion"], symbol="diamond", size=7,
            legendgroup="compression points", showlegend=not comps)
        comp["meta"] = {"layer": "nerve", "id": "compression_points", "stages": list(shown)}
        comps.append(comp)
    blocks = [b for s in ("right", "left") for b in nv.block_landmarks(s).values()]
    block = plotly3d.points_trace(
        np.array([b.point for b in blocks]), name="Block landmarks (1/3, 2/3 EOP-mastoid)",
        hovertext=[f"<b>{b.label}</b><br>{_wrap(b.note)}<br>Source: "
                   f"{_wrap(cite(*b.references))}" for b in blocks],
        # size 10: a cross is two thin strokes, and at 6 px it was a speck (review 34)
        color=style.OKABE_ITO["black"], symbol="cross", size=10)
    # needle sites marked on the skin: they go with the skin (its button, the stages that
    # hide it), so they never float in the air over bare muscle
    block["meta"] = {"layer": "skin", "id": "block_landmarks"}
    return [*comps, block]


SKIN_FLOOR_Z = SCENE_FLOOR_Z  # where the skin is cut: the muscles' lowest ends (levator)


def _every_note(fig: dict) -> list[dict]:
    """Every scene annotation the figure can show: the opening ones and each list a menu
    sets (the stages', the Nerves button's), wherever it sits in a button's updates."""
    out = list(fig["layout"]["scene"].get("annotations", []))

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k.endswith("annotations") and isinstance(v, list):
                    out.extend(v)
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(fig["layout"].get("updatemenus", []))
    return out


def all_layers_figure(*, sides=("right", "left"), skin_opacity: float = 0.22,
                      stage: int = 0, height: int = plotly3d.FIGURE_HEIGHT) -> plotly3d.KitFigure:
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
    height : int, default plotly3d.FIGURE_HEIGHT (620)
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
    skin = see_through_skin_traces(head, skin_opacity)   # and the opaque face mask
    structures = {k: s for k, s in load_structures().items()
                  if s.side in (None, *sides) and s.base not in LEFT_OUT}
    nerves = [nv.nerve(n, s) for s in sides for n in nv.NAMES]
    # the bones share one colour: one legend entry for them all (hover names each), so
    # the legend wraps to fewer lines and leaves the scene more room on a projector
    st = stages(sides[0])
    traces = (skin + structure_traces(structures, one_entry={"bone": BONES_ENTRY})
              + _first_stretch(nerve_traces(nerves), sides[0])
              + hidden_course_traces(sides[0], NERVE_STYLE["greater_occipital"]["color"])
              + _points_traces(sides[0]))
    fig = plotly3d.scene_figure(traces, title=st[stage]["title"], height=height,
                                title_lines=2)
    plotly3d.merge(fig["layout"], {"scene": {**scene_box_layout(),
                                             "camera": st[stage]["camera"]}})
    fig["layout"]["scene"]["annotations"] = _stage_notes(st[stage], sides[0])
    groups: dict[str, list[int]] = {}
    for i, tr in enumerate(fig["data"]):
        layer = (tr.get("meta") or {}).get("layer")
        if layer in LAYER_BUTTONS:
            groups.setdefault(LAYER_BUTTONS[layer], []).append(i)
    for tr, vis in zip(fig["data"], _stage_visible(fig, st[stage]["hidden"],
                                                   st[stage]["label"])):
        tr["visible"] = vis                     # the opening stage (the buttons restore it)
    # each stage points the buttons at its own layers (course_stages._layer_buttons_follow);
    # the Nerves button swaps the stage's whole list of notes for the bones' names (hiding
    # notes by index changed the stage menu's own copies: plotly.js keeps the menu's array,
    # so a stage came back without its labels)
    plotly3d.toggle_menu(fig, {k: groups[k] for k in LAYER_BUTTONS.values() if k in groups},
                         x=1.0, xanchor="right",
                         layout={LAYER_BUTTONS["nerve"]: nerve_notes_toggle(st[stage], sides[0])},
                         hint=plotly3d.LAYER_HINT)
    _stage_menu(fig, st, sides[0])
    # the notes' common style once, in the template (the stage menu holds eight sets)
    plotly3d.share_note_style(fig, _every_note(fig), style=NOTE_STYLE)
    plotly3d.share_mesh_style(fig)  # lighting once, in the template (27 meshes)
    fig["layout"]["updatemenus"][-1]["active"] = stage
    alt = ("3D head with semi-transparent skin (the face in front of the jaw joint drawn "
           "opaque: no facial skeleton is modelled; the ears opaque too) over the cervical "
           "vertebrae, skull vault, "
           "neck muscles (the suboccipital muscles bounding the suboccipital triangle, "
           "semispinalis capitis, splenius capitis, trapezius, sternocleidomastoid), the "
           "occipital and vertebral arteries, with the greater (yellow, circles), lesser "
           "(blue, squares) and third (teal, diamonds) occipital nerves on both sides, the "
           "suboccipital nerve (C1, navy) in the triangle and the great auricular nerve "
           "(violet) on sternocleidomastoid. The greater occipital nerve runs from between "
           "C1 and C2 round obliquus capitis inferior, through semispinalis and the "
           "trapezius aponeurosis, medial to the occipital artery at the nuchal line, and "
           "under the skin to the vertex. A dropdown steps through the stages (stage 1 draws "
           "its first stretch, stage 3 dashes the GON where semispinalis hides it); buttons "
           "show "
           "or hide skin, muscles, bones, nerves and vessels; hover names each structure.")
    return plotly3d.KitFigure(fig, alt)


