"""The stage plate: four posterior close-ups of the GON's course, deep to superficial,
each naming what its stage adds (on the structure, or on a leader line that ends where
the panel paints it)."""

from __future__ import annotations

import itertools
import textwrap

import numpy as np
from matplotlib import patheffects

from anatomy import nerves as nv
from anatomy.meshgen import tube
from anatomy.viz import mpl2d, nearest, painting, style
from anatomy.viz.nerve_views.course_stages import FIRST_STRETCH
from anatomy.viz.nerve_views.scene import NERVE_STYLE
from anatomy.viz.structure_views import structure_parts

__all__ = ["STAGE_HIGHLIGHT", "STAGE_NAMES", "STAGE_PLATE", "stage_plate"]


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
    # Splenius, lateral and superficial to semispinalis, waits for panel 4 (as the 3D
    # figure's stage 3 hides it): over the pierced muscle it took the dashed GON for its own
    # and left semispinalis's name beside C2, away from the nerve (student review).
    ("3. Through semispinalis capitis", ("atlas", "axis", "c3", "occipital_bone", "mastoid",
                                         "rectus", "obliquus", "semispinalis"),
     ("semispinalis_entry", "semispinalis_exit"), 0.0),
    ("4. Trapezius aponeurosis, occipital artery", ("atlas", "axis", "c3", "occipital_bone",
                                                    "mastoid", "rectus", "obliquus",
                                                    "semispinalis", "splenius", "trapezius",
                                                    "occipital"),
     ("trapezius_entry", "superior_nuchal_line"), 0.0),
]


# what each stage panel names: the right side's structures that the stage adds
STAGE_NAMES = {"atlas": "C1 (atlas)", "axis": "C2 (axis)",
               "obliquus_capitis_inferior": "OCI", "obliquus_capitis_superior": "OCS",
               "rectus_capitis_posterior_major": "RCP major",
               "semispinalis_capitis": "semispinalis",
               "splenius_capitis": "splenius\ncapitis", "trapezius": "trapezius",
               "occipital_artery": "occipital\nartery"}
# the labels' and key's size, points: 9.5 prints at 6 points in one column of a handout
# (at 9, 5.8: the plate prints in a column, review 24's part-empty page)
LABEL_PT = 9.5
STAGE_LIMITS = ((-12.0, 62.0), (-62.0, 22.0))  # the panels' window, mm (posterior view)
# a leader ends this far inside what a panel shows of its structure (the first that
# leaves room for the name), and costs this much more if its name stands above or below
# (2.5 first: semispinalis's leader ended 2.4 mm from splenius, beside the dashed GON,
# and read as naming the nerve)
LEADER_ROOM_MM = (4.0, 2.5, 1.0)
# a leader's end from a nerve's course (4: its dot touched the TON; 5: it read as naming
# the dashed GON)
LEADER_NERVE_MM = 7.0
NAME_ON_SHARE = 0.97  # a name on its structure: the share of its box painted that colour
LEADER_MIN_MM = 6.0  # a leader's least length (4: RCP major's was a stub beside its name)
UPRIGHT_COST_MM = 8.0
PX_PER_MM = 4.0  # resolution of the map of what each panel paints where
MARGIN_MM = 22.0  # the figure's margin beside a panel's outer side, mm at the panels' scale
# thin structures named on a leader: a name box on the artery covered the muscle on each
# side of it, and read as naming the muscle
LEADER_ONLY = ("occipital_artery",)
# their leaders may end nearer a nerve (a red artery is not read as the nerve): at 7 mm
# the occipital artery's was a stub to a red sliver low in panel 4, not the artery that
# plainly runs beside the GON (instructor review)
LEADER_NERVE_MM_THIN = 3.5
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


def _box_cover(mask: np.ndarray, centres, half) -> np.ndarray:
    """For name boxes of half size ``half`` (mm) centred at ``centres`` (2D, mm), the
    share of each box's pixels where ``mask`` (a map over STAGE_LIMITS at PX_PER_MM,
    row 0 at the top) is true; 0 for a box that leaves the window."""
    (x0, _), (_, y1) = STAGE_LIMITS
    table = np.pad(np.cumsum(np.cumsum(mask, axis=0), axis=1), ((1, 0), (1, 0)))
    centres = np.atleast_2d(centres)
    c0 = np.round((centres[:, 0] - half[0] - x0) * PX_PER_MM).astype(int)
    c1 = np.round((centres[:, 0] + half[0] - x0) * PX_PER_MM).astype(int)
    r0 = np.round((y1 - centres[:, 1] - half[1]) * PX_PER_MM).astype(int)
    r1 = np.round((y1 - centres[:, 1] + half[1]) * PX_PER_MM).astype(int)
    inside = (c0 >= 0) & (r0 >= 0) & (c1 <= mask.shape[1]) & (r1 <= mask.shape[0])
    c0, c1 = np.clip(c0, 0, mask.shape[1]), np.clip(c1, 0, mask.shape[1])
    r0, r1 = np.clip(r0, 0, mask.shape[0]), np.clip(r1, 0, mask.shape[0])
    area = np.maximum((c1 - c0) * (r1 - r0), 1)
    count = table[r1, c1] - table[r0, c1] - table[r1, c0] + table[r0, c0]
    return np.where(inside, count / area, 0.0)


def _painted_tips(painted: np.ndarray, parts, margin: float) -> np.ndarray:
    """``painting.painted_points`` over a stage panel's window (STAGE_LIMITS, PX_PER_MM)."""
    return painting.painted_points(painted, parts, margin, STAGE_LIMITS, PX_PER_MM)


def _clearance(centres, half, points, placed=()) -> np.ndarray:
    """For name boxes of half size ``half`` centred at ``centres`` (2D, mm), the distance
    to the nearest of ``points`` (2D, mm) and placed name in units of the box: below 1
    they overlap."""
    centres = np.atleast_2d(centres)
    clearance = nearest.box_clearance(centres, half, points)
    for centre, other in placed:
        both = half + _name_box(other)
        clearance = np.minimum(clearance, np.abs((centres - centre) / both).max(axis=1))
    return np.round(clearance, 6)   # the same comparisons on every CPU


def _name_spot(text: str, painted: np.ndarray, parts, nerve_paths,
               placed=()) -> np.ndarray | None:
    """Where a stage panel names a structure on itself: the spot (2D, mm, on a 1 mm grid)
    whose name box lies on what the panel paints of ``parts`` (its part numbers in the
    ``painted`` map) for at least NAME_ON_SHARE of its area, farthest from the nerves
    and from the names ``placed`` already, as (centre, text) pairs; None if there is no
    such spot clear of them. (A name judged on the structure's geometry stood half on
    the splenius that the plate paints over the trapezius's edge.)"""
    half = _name_box(text)
    (x0, x1), (y0, y1) = STAGE_LIMITS
    gx, gy = np.meshgrid(np.arange(x0, x1, 1.0), np.arange(y0, y1, 1.0))
    cand = np.c_[gx.ravel(), gy.ravel()]
    cand = cand[_box_cover(np.isin(painted, list(parts)), cand, half) >= NAME_ON_SHARE]
    if not len(cand):
        return None
    nerves = np.concatenate([mpl2d.project(q, "posterior") for q in nerve_paths])
    clearance = _clearance(cand, half, nerves, placed)
    best = int(np.argmax(np.round(clearance, 6)))   # rounded: the same choice on every CPU
    return cand[best] if clearance[best] >= 1.0 else None


def _leader_spot(tips, text: str, nerve_paths, placed=(), crossable=(), outside=(0.0, 0.0),
                 leaders=(), nerve_mm: float = LEADER_NERVE_MM, blank=None):
    """Where a stage panel names a structure with no room for its name on it: a spot in
    the window, clear of the nerves, the names ``placed`` and the structure, on the
    shortest leader (at least 4 mm, crossing no nerve and no placed name) to one of
    ``tips``, the points (2D, mm) where the panel shows the structure (``_painted_tips``).
    The label extends away from the point, sideways or up or down, whichever way the
    leader runs more. The name box keeps clear of the ``crossable`` nerve paths too, but
    the leader may cross them (a nerve that is not the stage's subject). The name may
    stand ``outside`` (left, right) mm beyond the window's sides, in the figure's margin.
    The leader crosses none of the ``leaders`` drawn before (2-point arrays, mm), and ends
    ``nerve_mm`` or more from the nerves. With ``blank`` (the panel's ``painted`` map) the
    name box lies on the bare page, inside the window or in the margin.

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
    tips = tips[nearest.nearest_distance(tips, nerves) >= nerve_mm]
    if not len(tips):
        return None
    near = ((nerves[:, 0] > x0 - 2 * half[0]) & (nerves[:, 0] < x1 + 2 * half[0])
            & (nerves[:, 1] > y0 - 2 * half[1]) & (nerves[:, 1] < y1 + 2 * half[1]))
    nerves = nerves[near]  # only the stretch that can reach a box in the window
    x0, x1 = x0 - outside[0], x1 + outside[1]
    gx, gy = np.meshgrid(np.arange(x0, x1, 2.0), np.arange(y0, y1, 2.0))
    at = np.c_[gx.ravel(), gy.ravel()]
    # the tip nearest each place; the label extends away from it
    # distances rounded before the choices (ties are common on the two grids: last-bit
    # differences between CPUs' SIMD paths broke them differently and moved a name)
    index, length = nearest.nearest_rounded(at, tips)
    point = tips[index]
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
    ok &= length >= LEADER_MIN_MM
    if blank is not None:
        ok &= _box_cover(blank >= 0, centre, half) == 0.0
    if len(leaders):  # and covers no leader drawn before
        drawn = np.concatenate([np.linspace(q[0], q[1], 12) for q in leaders])
        ok &= _clearance(centre, half, drawn) >= 1.0
    # the leader crosses no nerve and no name placed before (the scale bar's too)
    boxes = [_box_outline(c, _name_box(t)) for c, t in placed]
    # sideways first: a name above or below its point covers the structure beyond it
    cost = length + np.where(sideways, 0.0, UPRIGHT_COST_MM)
    for i in np.argsort(np.where(ok, np.round(cost, 6), np.inf), kind="stable"):
        if not ok[i]:
            return None
        if not any(mpl2d.segment_crosses(point[i], at[i], q)
                   for q in [*paths, *boxes, *leaders]):
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


# the name of the first panel's nerve: drawn alone, from its origin to the lower border of
# obliquus capitis inferior, it was an indigo stub nothing named (review 12)
FIRST_STRETCH_NAME = "GON origin"


def _name_first_stretch(ax, painted, part: int, stretch, placed, leaders, margin) -> None:
    """Name the GON's first stretch on a leader to it, on the bare page (inside the panel,
    else in the figure's margin), clear of the names already placed: on the bones beside
    it the name covered the atlas."""
    tips = _painted_tips(painted, [part], 0.5)
    for outside in ((0.0, 0.0), margin):
        spot = _leader_spot(tips, FIRST_STRETCH_NAME, (stretch,), placed, outside=outside,
                            leaders=leaders, nerve_mm=0.0, blank=painted)
        if spot is not None:
            placed.append((spot[2], FIRST_STRETCH_NAME))
            leaders.append(np.array([spot[0], spot[1]]))
            mpl2d.leader_label(ax, spot[0], spot[1], FIRST_STRETCH_NAME, fontsize=LABEL_PT,
                               line_width=0.9, line_color="#222222", halo="white",
                               align=spot[3])
            return
    raise RuntimeError("the stage plate found no place to name the GON's first stretch")


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
        # the panel that adds the nerve's FIRST_STRETCH draws it alone, as the 3D figure's
        # stage 1 does: the course coming back up over OCI lay over it and hid all but a
        # sliver (review)
        end = j + 1 if (a, b) == FIRST_STRETCH else len(gon.path)
        # trapezius, 2 mm over the splenius sheet, is sorted 2 mm nearer still: sorting
        # whole faces by depth put dark splenius faces over it (the 2D drawing is the same)
        drawn = [s for s in structs.values() if s.id.startswith(layers)]
        parts = structure_parts(drawn, "posterior")
        # the TON from the panel that draws semispinalis, the first muscle it pierces: over
        # bare bones it hung in front of the atlas and axis (student review). The names
        # keep clear of its course in every panel: placed without it, panel 1's two
        # leaders ran side by side, C2's name above the atlas
        ton_path = ton.path if "semispinalis" in layers else ton.path[:0]
        covers = [(s.vertices, s.faces) for s in structs.values() if s.id.startswith(layers)]
        # the TON's tube only where no muscle hides it (its dashes show the rest): drawn
        # whole, sorted over the muscles, it lay on semispinalis and trapezius from the
        # C2-C3 joint up, as if superficial to the muscles it pierces (review 12). Where
        # it shows it runs just over a muscle: sorted 4 mm nearer, so that the muscle's
        # large faces do not stripe it
        ton_seen = ~_hidden_by(covers, ton_path, "posterior")
        ton_runs = [ton_path[r] for r in np.split(np.arange(len(ton_path)),
                                                  np.flatnonzero(np.diff(ton_seen)) + 1)
                    if len(r) and ton_seen[r[0]]]
        stretch_part = None  # the part number of this stage's stretch of the GON
        for seg, r, col in ((gon.path[:i + 1], 1.75, style.NERVE),
                            (gon.path[j:end], 1.75, style.NERVE),
                            (gon.path[i:j + 1] - [0.0, bias, 0.0], 2.0, hl),
                            *((run - [0.0, 4.0, 0.0], 1.5,
                               NERVE_STYLE["third_occipital"]["color"])
                              for run in ton_runs)):
            if len(seg) >= 3:
                stretch_part = len(parts) if col == hl else stretch_part
                parts.append((*tube(seg, r), col))
        v, f, c = mpl2d.merge_meshes(parts)
        mpl2d.draw_mesh(ax, v, f, "posterior", color=c, zorder=2,
                        crease_deg=painting.STRUCTURE_CREASE_DEG)
        # what the panel paints where (part k: drawn[k], then the nerve tubes)
        painted = mpl2d.painted_ids(v, f, np.repeat(np.arange(len(parts)),
                                                    [len(q[1]) for q in parts]),
                                    "posterior", STAGE_LIMITS, PX_PER_MM)
        # dashed only where muscle or bone hides the nerve (the TON once the panel draws it)
        for n in (gon, ton) if len(ton_path) else (gon,):
            xy = mpl2d.project(n.path, "posterior")
            xy[~_hidden_by(covers, n.path, "posterior") if n is gon else ton_seen] = np.nan
            xy[end if n is gon else len(xy):] = np.nan
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
        leaders: list[np.ndarray] = []
        # name what this stage adds, clear of the nerves; a thin artery first, its leader
        # to the margin beside its plain upper course (after splenius's, in panel 4, no
        # room was left for it)
        for st in sorted(structs.values(), key=lambda s: s.base not in LEADER_ONLY):
            if st.id.startswith(layers) and st.side in ("right", None) \
                    and st.base in STAGE_NAMES \
                    and not any(st.id.startswith(x) for x in shown):
                name = STAGE_NAMES[st.base]
                own = [drawn.index(st)]
                at = None if st.base in LEADER_ONLY else _name_spot(
                    name, painted, own, (gon.path, ton.path), placed)
                if at is not None:
                    placed.append((at, name))
                    # 9 points: 14 px on a 1024 x 768 slide, like the rest of the plate
                    ax.text(*at, name, fontsize=LABEL_PT, ha="center",
                            va="center", zorder=6, linespacing=0.95,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.8})
                    continue
                # a leader may go to the muscle of either side, and its name may stand in
                # the figure's margin beside the panel; the nearer choices first
                # roomier ends first, and at each this side's structure before either side's
                same = [k for k, d in enumerate(drawn) if d.base == st.base]
                margin = (MARGIN_MM, 0.0) if ax in axes[::2] else (0.0, MARGIN_MM)
                spot = None
                # (a thin artery: its name in the margin first, beside its plain upper
                # course; inside the panel the only room was beside a low sliver of it)
                places = (margin, (0.0, 0.0)) if st.base in LEADER_ONLY or st.layer == "bone" \
                    else ((0.0, 0.0), margin)
                for outside, room, parts_ in itertools.product(places, LEADER_ROOM_MM,
                                                              (own, same)):
                    spot = spot or _leader_spot(
                        _painted_tips(painted, parts_, room), name, (gon.path,), placed,
                        crossable=(ton.path,), outside=outside, leaders=leaders,
                        nerve_mm=LEADER_NERVE_MM_THIN if st.base in LEADER_ONLY
                        else LEADER_NERVE_MM)
                if spot is not None:  # no room on the structure: a leader to it
                    placed.append((spot[2], name))
                    leaders.append(np.array([spot[0], spot[1]]))
                    mpl2d.leader_label(ax, spot[0], spot[1], name, fontsize=LABEL_PT,
                                       line_width=0.9, line_color="#222222", halo="white",
                                       align=spot[3])
        if (a, b) == FIRST_STRETCH and stretch_part is not None:
            _name_first_stretch(ax, painted, stretch_part, gon.path[i:j + 1], placed,
                                leaders, (MARGIN_MM, 0.0) if ax in axes[::2] else (0.0, MARGIN_MM))
        shown = layers
        mpl2d.setup_view_axes(ax)
        ax.set_title(textwrap.fill(title, 28), fontsize=10.5, pad=4)
        ax.set_xlim(*STAGE_LIMITS[0])
        ax.set_ylim(*STAGE_LIMITS[1])
        mpl2d.scale_bar(ax, 10, fontsize=LABEL_PT)
    fig.text(0.5, 0.01, f"Right side, seen from behind. {STAGE_HIGHLIGHT_NAME.capitalize()}: "
             "this stage (dashed where hidden);\ndashed: "
             "course hidden by muscle or bone; yellow: GON; teal: TON;\nOCI, OCS: obliquus capitis "
             "inferior, superior; RCP: rectus capitis posterior.", ha="center", va="bottom",
             fontsize=LABEL_PT)
    fig.suptitle("The greater occipital nerve stage by stage,\ndeep to superficial "
                 "(right side)", fontsize=12)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    alt = ("Four posterior close-ups of the right suboccipital region, each adding a layer: "
           "1, bones only, and only the nerve's first stretch, from between atlas and "
           "axis (named there: GON origin) down to where obliquus capitis inferior lies; "
           "2, with the "
           "suboccipital muscles (obliquus capitis inferior and superior, rectus capitis "
           "posterior major and minor), the nerve winding round the lower border of "
           "obliquus capitis inferior; 3, with "
           "semispinalis, the nerve passing through it; 4, with splenius capitis, the "
           "trapezius and the occipital artery, the nerve leaving through the trapezius "
           "aponeurosis medial to the artery. The current stage is drawn in "
           f"{STAGE_HIGHLIGHT_NAME}, dashed on a white edge where muscle hides it; "
           "a dashed line shows the course where muscle or bone hides it; a label names "
           "what the stage adds (atlas and axis; OCI and OCS, obliquus capitis inferior "
           "and superior, and RCP major, rectus capitis posterior major; semispinalis; "
           "splenius, the occipital artery and the "
           "trapezius), on it or beside it on a leader line (panel 2's to the left "
           "rectus capitis posterior major: the nerve covers most of the right one); "
           "scale bars 10 mm.")
    return mpl2d.StaticFigure(fig, alt, scale=STAGE_PLATE_SCALE, colors=STAGE_PLATE_COLOURS)
