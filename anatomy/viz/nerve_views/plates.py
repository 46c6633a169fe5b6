"""Print plates of the occipital nerves (matplotlib): posterior views, stages, waypoints."""

from __future__ import annotations

import itertools
import textwrap

import numpy as np
from matplotlib import patheffects

from anatomy import nerves as nv
from anatomy.head import load_head
from anatomy.meshgen import tube
from anatomy.viz import mpl2d, style
from anatomy.viz.nerve_views.scene import NERVE_STYLE

__all__ = ["COURSE_PLATE_SCALE", "SHORT_LABELS", "STAGE_PLATE", "course_plate", "draw_nerve",
           "stage_plate"]

# ---------------------------------------------------------------------------- matplotlib


def _outline(lw: float):
    from matplotlib import patheffects

    return [patheffects.Stroke(linewidth=lw + 2.2, foreground="#222222"), patheffects.Normal()]


def draw_nerve(ax, n: nv.Nerve, view: str, *, lw: float = 2.6, zorder: float = 6,
               deep_dashed: bool = True, highlight: tuple[int, int] | None = None,
               branches: bool = True) -> None:
    """A nerve in a view: subcutaneous part solid, deep part dashed (under muscle).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in (mm).
    n : Nerve
        The nerve (from ``anatomy.nerves.nerve``).
    view : str
        A named view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    lw : float, default 2.6
        Line width, points (branches 0.6 of it).
    zorder : float, default 6
        Drawing order.
    deep_dashed : bool, default True
        Dash the deep part (up to the fascial exit); solid if False.
    highlight : tuple of (int, int), optional
        First and last path index of a stretch drawn over in vermillion.
    branches : bool, default True
        Draw the nerve's branches.
    """
    color = NERVE_STYLE[n.name]["color"]
    xy = mpl2d.project(n.path, view)
    k = n.subcutaneous_from
    deep_ls = (0, (3, 1.6)) if deep_dashed else "-"
    ax.plot(*xy[:k + 1].T, color=color, lw=lw, ls=deep_ls, zorder=zorder,
            path_effects=_outline(lw), solid_capstyle="round")
    ax.plot(*xy[k:].T, color=color, lw=lw, zorder=zorder, path_effects=_outline(lw),
            solid_capstyle="round")
    if highlight is not None:
        a, b = highlight
        ax.plot(*xy[a:b + 1].T, color=style.OKABE_ITO["vermillion"], lw=lw + 1.5,
                zorder=zorder + 0.5, solid_capstyle="round")
    if branches:
        for br in n.branches:
            ax.plot(*mpl2d.project(br, view).T, color=color, lw=lw * 0.6, zorder=zorder,
                    path_effects=_outline(lw * 0.6))


def _legend(ax, loc="lower left", ncol: int = 1, artery: bool = False,
            below: bool = False) -> None:
    """The nerves' key (and the artery's); ``below``: in a row under the drawing, where
    no nerve runs across it."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=NERVE_STYLE[k]["color"], lw=3, marker=NERVE_STYLE[k][
        "marker"], markeredgecolor="#222222", label=lab)
        for k, lab in (("greater_occipital", "greater occipital n. (GON)"),
                       ("lesser_occipital", "lesser occipital n. (LON)"),
                       ("third_occipital", "third occipital n. (TON)"))]
    handles.append(Line2D([], [], color="#555555", lw=2, ls=(0, (3, 1.6)),
                          label="dashed: deep to muscle"))
    if artery:
        handles.append(Line2D([], [], color=style.ARTERY, lw=1.8, ls=(0, (1, 1)),
                              label="occipital artery"))
    where = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.01)} if below else {"loc": loc}
    ax.legend(handles=handles, fontsize=9, framealpha=0.9, ncol=ncol, **where)


SHORT_LABELS = {
    "origin": "origin", "oci_lower_border": "winds round OCI",
    "between_oci_and_semispinalis": "between OCI and SSC",
    "semispinalis_entry": "enters semispinalis", "semispinalis_exit": "leaves semispinalis",
    "trapezius_entry": "enters trapezius", "trapezius_exit": "pierces trapezius",
    "superior_nuchal_line": "at the nuchal line", "branch_point": "divides",
    "terminal": "ends", "accessory_hook": "hooks round XI",
    "scm_posterior_border": "at the SCM border", "fascia_exit": "leaves the fascia",
    "splenius_exit": "leaves splenius",
}
# the course plate's posterior view leaves out the muscles over the suboccipital region
COURSE_REMOVED = ("trapezius", "sternocleidomastoid", "splenius")
COURSE_PLATE_SCALE = 1.3  # the notebook PNG's size (StaticFigure.scale): text 18 px
# structure named, its point the leader ends nearest, text, label position (mm, posterior
# view); the leader ends where the plate shows the structure, clear of the nerves
_LAYER_LABELS = [
    ("occipital_artery_left", "occipital_artery_snl_left", "occipital artery", (-112, 62)),
    ("semispinalis_capitis_left", "ssc_insertion_left", "semispinalis capitis", (-112, 20)),
    ("occipital_bone", "eop", "EOP", (-30, 40)),
    ("mastoid_process_left", "mastoid_tip_bone_left", "mastoid process", (-112, 0)),
    ("atlas", "c1_posterior_arch_left", "atlas (C1)", (-112, -20)),
    ("obliquus_capitis_inferior_left", "oci_lower_border_left", "obliquus capitis inf.",
     (-112, -40)),
    ("axis", "c2_lamina_left", "axis (C2)", (-112, -60)),
]
COURSE_NERVE_MM = 5.0  # the course plate draws nerves as lines about 3 mm wide,
COURSE_MARKER_MM = 12.0  # and waypoint markers about 5 mm wide
LON_LABELLED = ("scm_posterior_border", "fascia_exit", "terminal")
COURSE_LIMITS = {"posterior": ((-150.0, 150.0), (-95.0, 140.0)),
                 "right": ((-150.0, 140.0), (-95.0, 140.0))}


def _shown_end(drawn: dict, key: str, near, view: str, nerves, markers=()) -> np.ndarray:
    """Where a course-plate leader to structure ``key`` ends: the point nearest ``near``
    (2D, mm) where the view paints that structure (``drawn`` in one depth-sorted pass),
    1 mm inside its colour and COURSE_NERVE_MM from every nerve the view draws (the
    2D ``nerves``, drawn as thick lines) and COURSE_MARKER_MM from the waypoint
    ``markers`` (2D); ``near`` itself if it shows nowhere so."""
    ids = list(drawn)
    v, f, _ = mpl2d.merge_meshes([(s.vertices, s.faces, "#000000") for s in drawn.values()])
    painted = mpl2d.painted_ids(v, f, np.repeat(np.arange(len(ids)),
                                                [len(s.faces) for s in drawn.values()]),
                                view, COURSE_LIMITS[view], PX_PER_MM)
    tips = _painted_tips(painted, [ids.index(key)], 1.0, COURSE_LIMITS[view])
    tips = tips[np.linalg.norm(tips[:, None] - nerves[None], axis=2).min(axis=1)
                >= COURSE_NERVE_MM]
    if len(markers) and len(tips):
        tips = tips[np.linalg.norm(tips[:, None] - np.asarray(markers)[None], axis=2)
                    .min(axis=1) >= COURSE_MARKER_MM]
    near = np.asarray(near, float)
    if not len(tips):
        return near
    return tips[np.argmin(np.linalg.norm(tips - near, axis=1))]


def _label_waypoints(ax, n: nv.Nerve, view: str, ids, offsets, prefix: str = "") -> None:
    pts = mpl2d.project([n.waypoints[i] for i in ids], view)
    labels = [prefix + SHORT_LABELS.get(i, i) for i in ids]
    mpl2d.label_points(ax, pts, labels, offsets=offsets, color=NERVE_STYLE[n.name]["color"],
                       marker=NERVE_STYLE[n.name]["marker"], size=30, fontsize=9, zorder=8)


def _silhouette(ax, head, view: str, shift=(0.0, 0.0, 0.0)) -> None:
    """Skin as a pale opaque silhouette under the deep structures (no see-through seams;
    a transparent skin would show the mesh's inner eye and mouth surfaces)."""
    from matplotlib.colors import to_rgb

    pale = tuple(0.35 * np.array(to_rgb(style.SKIN)) + 0.65)
    mpl2d.draw_mesh(ax, head.vertices + np.asarray(shift), head.faces, view, color=pale,
                    zorder=1)


def course_plate() -> mpl2d.StaticFigure:
    """Print plate: posterior view (deep layers, labelled) and right lateral view.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    from anatomy.structures import load_structures, structure_points
    from anatomy.viz.structure_views import draw_structures

    mpl2d.use_style()
    head = load_head()
    # the two views one above the other, 6.1 inches tall: 9-point labels show at 14 px on a
    # 1024 x 768 slide (side by side they were 13 inches wide: 9 px on a slide)
    fig, axes = mpl2d.subplots(2, 1, figsize=(6.5, 6.1))
    structs = load_structures()
    pts = structure_points()
    gon = nv.nerve("greater_occipital", "right")
    # posterior: pale skin silhouette, deep structures without trapezius, SCM and
    # splenius (a sheet from the midline, it would hide the atlas, axis and OCI)
    ax = axes[0]
    _silhouette(ax, head, "posterior")
    deep = {k: s for k, s in structs.items() if not s.id.startswith(COURSE_REMOVED)}
    draw_structures(ax, deep, "posterior", zorder=2)
    for n in nv.all_nerves():
        draw_nerve(ax, n, "posterior")
    _label_waypoints(ax, gon, "posterior",
                     ["origin", "oci_lower_border", "semispinalis_exit", "trapezius_exit",
                      "superior_nuchal_line", "branch_point"],
                     # the origin shows above the OCI's lower border, so its label
                     # is the upper one: the two leaders do not cross
                     [(68, -18), (66, -34), (84, 4), (74, 14), (66, 28), (56, 40)],
                     prefix="GON ")
    nerves = np.concatenate([mpl2d.project(n.path, "posterior") for n in nv.all_nerves()])
    sel = [(k, q, t, o) for k, q, t, o in _LAYER_LABELS if q in pts and k in deep]
    xy = np.array([_shown_end(deep, k, mpl2d.project([pts[q]], "posterior")[0],
                              "posterior", nerves) for k, q, _, _ in sel])
    mpl2d.label_points(ax, xy, [t for _, _, t, _ in sel], size=10, color="#444444",
                       fontsize=9, offsets=[np.array(o) - p for (*_, o), p in zip(sel, xy)],
                       zorder=8)
    mpl2d.setup_view_axes(ax, "Posterior view (trapezius, splenius and SCM removed)")
    ax.set_xlim(*COURSE_LIMITS["posterior"][0])
    ax.set_ylim(*COURSE_LIMITS["posterior"][1])
    mpl2d.scale_bar(ax, 20, loc=(0.06, 0.02))
    # right lateral: skin faint, all muscles
    ax = axes[1]
    _silhouette(ax, head, "right")
    right = {k: s for k, s in structs.items() if s.side in (None, "right")}
    draw_structures(ax, right, "right", zorder=2)
    for n in nv.all_nerves(("right",)):
        draw_nerve(ax, n, "right")
    lon = nv.nerve("lesser_occipital", "right")
    _label_waypoints(ax, lon, "right", list(LON_LABELLED),
                     [(40, -14), (44, 10), (40, 22)], prefix="LON ")
    _label_waypoints(ax, gon, "right", ["terminal"], [(30, -12)], prefix="GON ")
    nerves = np.concatenate([mpl2d.project(n.path, "right")
                             for n in nv.all_nerves(("right",))])
    markers = mpl2d.project([lon.waypoints[w] for w in LON_LABELLED], "right")
    if "trapezius_snl_lateral_right" in pts:
        at = mpl2d.project([pts["trapezius_snl_lateral_right"]], "right")[0]
        end = _shown_end(right, "trapezius_right", at, "right", nerves, markers)
        mpl2d.label_points(ax, [end], ["trapezius"], offsets=[at + (-40, -50) - end],
                           size=10, color="#444444", fontsize=9, zorder=8)
    # SCM named at its lower belly, below the LON's labels (from the mastoid its leader
    # crossed theirs); levator shows between SCM and trapezius (the posterior triangle)
    for base, text, z_band, off in (("sternocleidomastoid", "sternocleidomastoid",
                                     (-100, -85), (23, -16)),
                                    ("levator_scapulae", "levator scapulae", (-85, -65),
                                     (-64, 16))):
        v = structs[f"{base}_right"].vertices
        band = v[(v[:, 2] > z_band[0]) & (v[:, 2] < z_band[1]) & (v[:, 0] > 0)]
        if len(band):
            at = mpl2d.project([band.mean(axis=0)], "right")[0]
            end = _shown_end(right, f"{base}_right", at, "right", nerves, markers)
            mpl2d.label_points(ax, [end], [text], offsets=[at + off - end], size=10,
                               color="#444444", fontsize=9, zorder=8)
    mpl2d.setup_view_axes(ax, "Right lateral view")
    ax.set_xlim(*COURSE_LIMITS["right"][0])
    ax.set_ylim(*COURSE_LIMITS["right"][1])
    mpl2d.scale_bar(ax, 20, loc=(0.06, 0.9))  # top left, behind the head: clear of labels
    _legend(fig, loc="lower center", ncol=2)
    fig.suptitle("Occipital nerves: course from the upper neck to the scalp", fontsize=12)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    alt = ("Two shaded drawings. Posterior view with the trapezius, splenius capitis and "
           "sternocleidomastoid removed: the greater occipital nerve (yellow) leaves the "
           "spine between the atlas and axis, winds round obliquus capitis inferior, "
           "pierces semispinalis capitis "
           "and runs up the back of the head to the vertex; the third occipital nerve "
           "(teal) runs near the midline to the lower occiput; the lesser occipital nerve "
           "(blue) climbs the side of the neck behind the ear. Dashed parts lie deep to "
           "muscle. Right lateral view: the lesser occipital nerve along the posterior "
           "border of sternocleidomastoid to the scalp behind the ear. Scale bars 20 mm.")
    # drawn about as wide as the notebook at 1024 px: at 0.9 its smallest text was 12 px,
    # small on a projector (notebook 01 stays under 1 MB)
    return mpl2d.StaticFigure(fig, alt, scale=COURSE_PLATE_SCALE)


STAGE_PLATE = [  # title, layers (structure base ids), highlight waypoints, depth-sort bias
    # (the bias, mm toward the viewer, only orders the drawing: the painter's algorithm
    # sorts whole faces, and a large muscle face can cover a nerve lying just behind it).
    # The recti lie deep in the suboccipital triangle from panel 2 on: without them the
    # white page showed through between the two semispinalis muscles at the midline.
    ("1. Origin between C1 and C2", ("atlas", "axis", "c3", "occipital_bone", "mastoid"),
     ("origin", "oci_lower_border"), 0.0),
    ("2. Round obliquus capitis inferior (OCI)", ("atlas", "axis", "c3", "occipital_bone",
                                            "mastoid", "rectus", "obliquus"),
     ("oci_lower_border", "between_oci_and_semispinalis"), 4.0),
    ("3. Through semispinalis capitis", ("atlas", "axis", "c3", "occipital_bone", "mastoid",
                                         "rectus", "obliquus", "semispinalis", "splenius"),
     ("semispinalis_entry", "semispinalis_exit"), 0.0),
    ("4. Trapezius aponeurosis, occipital artery", ("atlas", "axis", "c3", "occipital_bone",
                                                    "mastoid", "rectus", "obliquus",
                                                    "semispinalis", "splenius", "trapezius",
                                                    "occipital"),
     ("trapezius_entry", "superior_nuchal_line"), 0.0),
]


# what each stage panel names: the right side's structures that the stage adds
# stage plate: structures sorted nearer the eye than they are, mm (posterior view: the
# drawing does not move, only the painter's order)
SORT_NEARER_MM = {"trapezius": 2.0}
STAGE_NAMES = {"atlas": "C1 (atlas)", "axis": "C2 (axis)",
               "obliquus_capitis_inferior": "OCI", "obliquus_capitis_superior": "OCS",
               "rectus_capitis_posterior_major": "RCP major",
               "semispinalis_capitis": "semispinalis",
               "splenius_capitis": "splenius\ncapitis", "trapezius": "trapezius",
               "occipital_artery": "occipital\nartery"}
STAGE_LIMITS = ((-12.0, 62.0), (-62.0, 22.0))  # the panels' window, mm (posterior view)
# a leader ends this far inside what a panel shows of its structure (the first that
# leaves room for the name), and costs this much more if its name stands above or below
LEADER_ROOM_MM = (2.5, 1.0)
LEADER_NERVE_MM = 4.0
UPRIGHT_COST_MM = 8.0
PX_PER_MM = 4.0  # resolution of the map of what each panel paints where
MARGIN_MM = 22.0  # the figure's margin beside a panel's outer side, mm at the panels' scale
# thin structures named on a leader: a name box on the artery covered the muscle on each
# side of it, and read as naming the muscle
LEADER_ONLY = ("occipital_artery",)
# the notebook PNG's size (StaticFigure.scale: 9-point text 16.5 px; it was 13.8, small on
# a projector) and palette (128 colours show no banding; notebook 01 stays under 1 MB)
STAGE_PLATE_SCALE, STAGE_PLATE_COLOURS = 1.2, 128
# the stretch of nerve each stage adds: indigo (Tol's), which stands apart from every
# colour the plate draws for every vision (tests/test_nerve_figures.py); vermillion, used
# before, was close to the trapezius's orange (CIEDE2000 about 9, and 3 with protanopia)
STAGE_HIGHLIGHT, STAGE_HIGHLIGHT_NAME = "#332288", "indigo"


def _name_box(text: str, spare: float = 2.0) -> np.ndarray:
    """Half width and half height (mm) of a stage panel's 9-point name, with ``spare`` mm
    to spare (about 2.7 mm a character and 5.6 mm a line at the panels' scale)."""
    lines = text.split("\n")
    return np.array([1.35 * max(map(len, lines)) + spare, 2.8 * len(lines) + spare])


def _seen_points(structure, half, covers) -> np.ndarray:
    """A structure's surface points (2D, mm) seen in a stage panel's window, at least
    ``half`` (a name box's half size) inside its edges and not hidden by the others."""
    (x0, x1), (y0, y1) = STAGE_LIMITS
    xy = mpl2d.project(structure.vertices, "posterior")
    inside = ((xy[:, 0] > x0 + half[0]) & (xy[:, 0] < x1 - half[0])
              & (xy[:, 1] > y0 + half[1]) & (xy[:, 1] < y1 - half[1]))
    others = [(v, f) for v, f in covers if v is not structure.vertices]
    seen = inside.copy()
    seen[inside] = ~_hidden_by(others, structure.vertices[inside] + [0.0, -0.5, 0.0],
                               "posterior")
    return xy[seen]


def _painted_tips(painted: np.ndarray, parts, margin: float, limits=None) -> np.ndarray:
    """Points (2D, mm, on a 1 mm grid) where a stage panel paints one of the mesh ``parts``
    (``painted``: ``mpl2d.painted_ids`` over ``limits``, STAGE_LIMITS by default, at
    PX_PER_MM) at least
    ``margin`` mm from anything else drawn there: a leader ending there ends on the
    structure's own colour, not on its edge or on a nerve lying over it."""
    from scipy.ndimage import distance_transform_edt

    (x0, x1), (y0, y1) = limits or STAGE_LIMITS
    room = distance_transform_edt(np.isin(painted, list(parts))) / PX_PER_MM
    step = int(PX_PER_MM)
    rows, cols = np.nonzero(room[::step, ::step] >= margin)
    return np.c_[x0 + (cols * step + 0.5) / PX_PER_MM, y1 - (rows * step + 0.5) / PX_PER_MM]


def _clearance(centres, half, points, placed=()) -> np.ndarray:
    """For name boxes of half size ``half`` centred at ``centres`` (2D, mm), the distance
    to the nearest of ``points`` (2D, mm) and placed name in units of the box: below 1
    they overlap."""
    centres = np.atleast_2d(centres)
    clearance = np.abs((centres[:, None] - points[None]) / half).max(axis=2).min(axis=1)
    for centre, other in placed:
        both = half + _name_box(other)
        clearance = np.minimum(clearance, np.abs((centres - centre) / both).max(axis=1))
    return clearance


def _name_spot(structure, text: str, covers, nerve_paths, placed=()) -> np.ndarray | None:
    """Where a stage panel names a structure: the point of its surface, seen in the
    panel's window and not hidden by the other structures drawn, whose name box lies
    farthest from the nerves and from the names ``placed`` already, as (centre, text)
    pairs (2D, mm); None if none of it shows clear of them."""
    half = _name_box(text)
    cand = _seen_points(structure, half, covers)
    if not len(cand):
        return None
    nerves = np.concatenate([mpl2d.project(q, "posterior") for q in nerve_paths])
    clearance = _clearance(cand, half, nerves, placed)
    best = int(np.argmax(clearance))
    return cand[best] if clearance[best] >= 1.0 else None


def _leader_spot(tips, text: str, nerve_paths, placed=(), crossable=(), outside=(0.0, 0.0)):
    """Where a stage panel names a structure with no room for its name on it: a spot in
    the window, clear of the nerves, the names ``placed`` and the structure, on the
    shortest leader (at least 4 mm, crossing no nerve and no placed name) to one of
    ``tips``, the points (2D, mm) where the panel shows the structure (``_painted_tips``).
    The label extends away from the point, sideways or up or down, whichever way the
    leader runs more. The name box keeps clear of the ``crossable`` nerve paths too, but
    the leader may cross them (a nerve that is not the stage's subject). The name may
    stand ``outside`` (left, right) mm beyond the window's sides, in the figure's margin.

    Returns (point, label position, box centre, (ha, va)) in mm, or None if there is no
    such spot."""
    (x0, x1), (y0, y1) = STAGE_LIMITS
    half = _name_box(text, spare=3.0)
    if not len(tips):
        return None
    paths = [mpl2d.project(q, "posterior") for q in nerve_paths]
    nerves = np.concatenate(paths + [mpl2d.project(q, "posterior") for q in crossable])
    # an end beside a nerve's course, where the plate dashes it when hidden, reads as
    # naming the nerve
    tips = tips[np.linalg.norm(tips[:, None] - nerves[None], axis=2).min(axis=1)
                >= LEADER_NERVE_MM]
    if not len(tips):
        return None
    near = ((nerves[:, 0] > x0 - 2 * half[0]) & (nerves[:, 0] < x1 + 2 * half[0])
            & (nerves[:, 1] > y0 - 2 * half[1]) & (nerves[:, 1] < y1 + 2 * half[1]))
    nerves = nerves[near]  # only the stretch that can reach a box in the window
    x0, x1 = x0 - outside[0], x1 + outside[1]
    gx, gy = np.meshgrid(np.arange(x0, x1, 2.0), np.arange(y0, y1, 2.0))
    at = np.c_[gx.ravel(), gy.ravel()]
    # the tip nearest each place; the label extends away from it
    dist = np.linalg.norm(at[:, None] - tips[None], axis=2)
    point = tips[dist.argmin(axis=1)]
    length = dist.min(axis=1)
    away = at - point
    sideways = np.abs(away[:, 0]) >= np.abs(away[:, 1])
    sign = np.where(sideways, np.sign(away[:, 0]), np.sign(away[:, 1]))
    sign[sign == 0] = 1.0
    centre = at + np.where(sideways[:, None], np.c_[sign * half[0], np.zeros(len(at))],
                           np.c_[np.zeros(len(at)), sign * half[1]])
    ok = ((centre[:, 0] - half[0] > x0) & (centre[:, 0] + half[0] < x1)
          & (centre[:, 1] - half[1] > y0) & (centre[:, 1] + half[1] < y1))
    ok &= _clearance(centre, half, nerves, placed) >= 1.0
    ok &= _clearance(centre, half, tips) >= 1.0
    ok &= length >= 4.0
    # the leader crosses no nerve and no name placed before (the scale bar's too)
    boxes = [_box_outline(c, _name_box(t)) for c, t in placed]
    # sideways first: a name above or below its point covers the structure beyond it
    cost = length + np.where(sideways, 0.0, UPRIGHT_COST_MM)
    for i in np.argsort(np.where(ok, cost, np.inf)):
        if not ok[i]:
            return None
        if not any(mpl2d.segment_crosses(point[i], at[i], q) for q in [*paths, *boxes]):
            if sideways[i]:
                align = ("left" if sign[i] > 0 else "right", "center")
            else:
                align = ("center", "bottom" if sign[i] > 0 else "top")
            return point[i], at[i], centre[i], align
    return None


def _box_outline(centre, half) -> np.ndarray:
    """The closed outline (2D, mm) of a box of half size ``half`` about ``centre``."""
    (x, y), (w, h) = centre, half
    return np.array([[x - w, y - h], [x + w, y - h], [x + w, y + h], [x - w, y + h],
                     [x - w, y - h]])


def _hidden_by(meshes, points, view: str) -> np.ndarray:
    """Which points the meshes hide in a named view: a ray from the point towards the eye
    meets one of them."""
    from anatomy.skin import Skin

    points = np.asarray(points, float)
    if not meshes:
        return np.zeros(len(points), bool)
    v, f, _ = mpl2d.merge_meshes([(mv, mf, "#000000") for mv, mf in meshes])
    _, _, forward = mpl2d.view_basis(view)
    return Skin(v, f).rays_blocked(points, -forward)


def stage_plate() -> mpl2d.StaticFigure:
    """Four posterior close-ups, deep to superficial, each adding the next layer.

    Nerves are tubes drawn in one depth-sorted pass with the muscles, so a nerve behind
    a muscle is hidden; a thin dashed line shows the hidden course (only there: a ray
    from the nerve towards the eye meets muscle or bone).

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    from anatomy.structures import load_structures

    mpl2d.use_style()
    structs = load_structures()
    gon = nv.nerve("greater_occipital", "right")
    ton = nv.nerve("third_occipital", "right")
    hl = STAGE_HIGHLIGHT
    # 2 x 2 panels, 6.2 inches tall: 9-point text shows at 14 px on a 1024 x 768 slide
    # (a row of four was 15 inches wide: 7 px on a slide, 4 points on an A4 page)
    fig, axes = mpl2d.subplots(2, 2, figsize=(5.6, 6.2))
    axes = axes.ravel()
    shown: tuple = ()  # the layers of the panel before: its structures are named there
    for ax, (title, layers, (a, b), bias) in zip(axes, STAGE_PLATE):
        i, j = gon.waypoint_index[a], gon.waypoint_index[b]
        # trapezius, 2 mm over the splenius sheet, is sorted 2 mm nearer still: sorting
        # whole faces by depth put dark splenius faces over it (the 2D drawing is the same)
        drawn = [s for s in structs.values() if s.id.startswith(layers)]
        parts = [(s.vertices - [0.0, SORT_NEARER_MM.get(s.base, 0.0), 0.0], s.faces,
                  style.structure_colour(s.base, s.layer, s.color)) for s in drawn]
        for seg, r, col in ((gon.path[:i + 1], 1.75, style.NERVE),
                            (gon.path[j:], 1.75, style.NERVE),
                            (gon.path[i:j + 1] - [0.0, bias, 0.0], 2.0, hl),
                            # the TON runs just over trapezius once through it: sorted
                            # nearer than the muscle, so its large faces do not stripe it
                            (ton.path - [0.0, 4.0, 0.0], 1.5,
                             NERVE_STYLE["third_occipital"]["color"])):
            if len(seg) >= 3:
                parts.append((*tube(seg, r), col))
        covers = [(s.vertices, s.faces) for s in structs.values() if s.id.startswith(layers)]
        v, f, c = mpl2d.merge_meshes(parts)
        mpl2d.draw_mesh(ax, v, f, "posterior", color=c, zorder=2)
        # what the panel paints where (part k: drawn[k], then the nerve tubes)
        painted = mpl2d.painted_ids(v, f, np.repeat(np.arange(len(parts)),
                                                    [len(q[1]) for q in parts]),
                                    "posterior", STAGE_LIMITS, PX_PER_MM)
        for n in (gon, ton):  # the dashed line only where muscle or bone hides the nerve
            xy = mpl2d.project(n.path, "posterior")
            xy[~_hidden_by(covers, n.path, "posterior")] = np.nan
            ax.plot(*xy.T, color="#222222", lw=0.8, ls=(0, (2, 2)), zorder=4)
            if n is gon:  # this stage's stretch, hidden inside its muscle in panels 3 and 4:
                # dashed in the stage's colour on a white edge, seen on every muscle
                ax.plot(*xy[i:j + 1].T, color=hl, lw=1.6, ls=(0, (2.5, 1.5)), zorder=5,
                        path_effects=[patheffects.withStroke(linewidth=3.2,
                                                             foreground="white")])
        # the scale bar and its "10 mm" (mpl2d.scale_bar's default corner) keep clear
        (x0, x1), (y0, y1) = STAGE_LIMITS
        placed = [(np.array([x0 + 0.05 * (x1 - x0) + 5.0, y0 + 0.04 * (y1 - y0) + 3.0]),
                   "10 mm")]
        for st in structs.values():  # name what this stage adds, clear of the nerves
            if st.id.startswith(layers) and st.side in ("right", None) \
                    and st.base in STAGE_NAMES \
                    and not any(st.id.startswith(x) for x in shown):
                name = STAGE_NAMES[st.base]
                at = None if st.base in LEADER_ONLY else _name_spot(
                    st, name, covers, (gon.path, ton.path), placed)
                if at is not None:
                    placed.append((at, name))
                    # 9 points: 14 px on a 1024 x 768 slide, like the rest of the plate
                    ax.text(*at, name, fontsize=9, ha="center",
                            va="center", zorder=6, linespacing=0.95,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.8})
                    continue
                # a leader may go to the muscle of either side, and its name may stand in
                # the figure's margin beside the panel; the nearer choices first
                # roomier ends first, and at each this side's structure before either side's
                own = [drawn.index(st)]
                same = [k for k, d in enumerate(drawn) if d.base == st.base]
                margin = (MARGIN_MM, 0.0) if ax in axes[::2] else (0.0, MARGIN_MM)
                spot = None
                for outside, room, parts_ in itertools.product(
                        ((0.0, 0.0), margin), LEADER_ROOM_MM, (own, same)):
                    spot = spot or _leader_spot(_painted_tips(painted, parts_, room), name,
                                                (gon.path,), placed, crossable=(ton.path,),
                                                outside=outside)
                if spot is not None:  # no room on the structure: a leader to it
                    placed.append((spot[2], name))
                    mpl2d.leader_label(ax, spot[0], spot[1], name, fontsize=9,
                                       line_width=0.9, line_color="#222222", halo="white",
                                       align=spot[3])
        shown = layers
        mpl2d.setup_view_axes(ax)
        ax.set_title(textwrap.fill(title, 28), fontsize=10.5, pad=4)
        ax.set_xlim(*STAGE_LIMITS[0])
        ax.set_ylim(*STAGE_LIMITS[1])
        mpl2d.scale_bar(ax, 10)
    fig.text(0.5, 0.01, f"Right side, seen from behind. {STAGE_HIGHLIGHT_NAME.capitalize()}: "
             "this stage (dashed where hidden);\ndashed: "
             "course hidden by muscle or bone; yellow: GON; teal: TON;\nOCI, OCS: obliquus capitis "
             "inferior, superior; RCP: rectus capitis posterior.", ha="center", va="bottom",
             fontsize=9)
    fig.suptitle("The greater occipital nerve stage by stage,\ndeep to superficial "
                 "(right side)", fontsize=12)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    alt = ("Four posterior close-ups of the right suboccipital region, each adding a layer: "
           "1, bones only, the nerve leaving between atlas and axis; 2, with the "
           "suboccipital muscles (obliquus capitis inferior and superior, rectus capitis "
           "posterior major and minor), the nerve winding round the lower border of "
           "obliquus capitis inferior; 3, with "
           "semispinalis and splenius, the nerve passing through semispinalis; 4, with the "
           "trapezius and the occipital artery, the nerve leaving through the trapezius "
           "aponeurosis medial to the artery. The current stage is drawn in "
           f"{STAGE_HIGHLIGHT_NAME}, dashed on a white edge where muscle hides it; "
           "a dashed line shows the course where muscle or bone hides it; a label names "
           "what the stage adds (atlas and axis; OCI and OCS, obliquus capitis inferior "
           "and superior, and RCP major, rectus capitis posterior major; semispinalis and "
           "splenius; the occipital artery and the "
           "trapezius), on it or beside it on a leader line; scale bars 10 mm.")
    return mpl2d.StaticFigure(fig, alt, scale=STAGE_PLATE_SCALE, colors=STAGE_PLATE_COLOURS)
