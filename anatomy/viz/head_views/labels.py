"""Where labels of skin points go in a named 3D view: the side away from the head, and
only for the points the view sees, with no label over another (10-20 positions, hot
spots)."""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel, load_head
from anatomy.viz import plotly3d
from anatomy.viz.head_views.eye import (  # noqa: F401 - re-exported
    INSIDE_HEAD_MM,
    _Perspective,
    _towards_eye,
    perspective,
    scene_box,
)
from anatomy.viz.nearest import covering_markers

__all__ = ["INSIDE_HEAD_MM", "LABEL_GAP_MM", "LABEL_STEP_MM", "outward_text_positions",
           "perspective", "view_labels"]

# plotly text positions by the direction (45 degree sectors, counter-clockwise from the
# screen's right) in which a label moves off its point
_TEXT_SECTORS = ("middle right", "top right", "top center", "top left", "middle left",
                 "bottom left", "bottom center", "bottom right")
# Where a label (a 10-20 position, a hot spot) sits on the screen: LABEL_STEP_MM from its
# point (about 12 px at JupyterLab's narrowest figure, 0.65 px per mm), and the least
# distance it keeps from other points and labels (a label is about 14 px tall)
LABEL_STEP_MM = 18.0
LABEL_GAP_MM = 16.0
_TEXT_STEP = {w: (np.cos(k * np.pi / 4), np.sin(k * np.pi / 4))
              for k, w in enumerate(_TEXT_SECTORS)}
# the width of one character of 3D text at JupyterLab's narrowest figure (about 6.5 px
# at 0.65 px per mm), for the test that no skin covers a label (``clear``)
CHAR_MM = 10.0
_NEAR_MM = 4.0  # the nearest a label beside its point may start (screen mm)
# how far from its point plotly draws a label's text (its near edge, screen mm): measured
# in the 10-20 figure at 1024x768, 17-19 mm from the point to the middle of a two-letter
# name to the side, 15 mm to the middle of one above or below
_TEXT_OFF_MM = 8.0
# the places a crowded label tries, in 45 degree steps from its outward place: beside it,
# then at right angles (on the forehead a label above F3 fell on C3's marker), then at 135
# degrees (from the front the LON and trapezius patterns' "behind eye*" found no place)
TURNS = (0, 1, -1, 2, -2, 3, -3)
_MARKER_MM = 4.0  # half a marker's size on the screen at the narrowest figure (about 5 px)
_LINE_MM = 14.0  # the height of a line of 3D text at the narrowest figure (about 9 px)
# ``clear`` samples each line of text also this far (a fraction of _LINE_MM) above and
# below its middle: from behind and to the right, the occiput's skin in front hid the top
# of "behind ear/mastoid"'s first letters while its middle line passed (reviewer); at 0.25
# the bones figure's posterior "C3" found no place, at 0.3 the heat figure's "occiput"
CLEAR_BAND = 0.2
# with ``kinds``, markers of one kind share a label this many marker widths apart: from
# behind and to the side, the LON pattern's lateral-occiput and behind-ear circles (a
# marker and a half apart) and the suboccipital pattern's above-the-ear and temple crosses
# (under three) could not both take a place, and one went unnamed (reviewer); a diamond
# beside them keeps its own name
MERGE_KIND_MARKERS = 3.0
_FACING = 0.15  # a normal shorter than this on screen faces the eye: label to the right


def _screen_axes(view: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unit vectors of a named camera: towards the eye, the screen's right and its up."""
    d = _towards_eye(view)
    cam_up = plotly3d.camera(view)["up"]
    up = np.array([cam_up[a] for a in "xyz"], float)
    up = up - (up @ d) * d
    up /= np.linalg.norm(up)
    return d, np.cross(-d, up), up


def outward_text_positions(head: HeadModel, points, view: str) -> list[str]:
    """Plotly text positions that put each skin point's label away from the head.

    The skin's outward normal at each point, projected on the screen of a named camera,
    says which way is off the head there; the label goes that way (to the right where the
    skin faces the eye, clear of the next position up or down a chain). The head is convex
    near its outline, so a label moved outward lies in front of the skin beside its point,
    never half inside it.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    points : (K, 3) array_like
        Positions (mm) on or near the skin.
    view : str
        A named camera (see ``plotly3d.CAMERAS``).

    Returns
    -------
    list of str
        One plotly ``textposition`` per point.
    """
    from anatomy import shell
    from anatomy.skin import Skin

    pts = np.asarray(points, float)
    skin = (shell._display_query(shell.DISPLAY_MAX_EDGE_MM) if head is load_head()
            else Skin(head.vertices, head.faces))
    _, normal = skin.frame(pts)
    _, right, up = _screen_axes(view)
    sx, sy = normal @ right, normal @ up
    sector = np.round(np.arctan2(sy, sx) / (np.pi / 4)).astype(int) % 8
    return [_TEXT_SECTORS[k] if np.hypot(x, y) >= _FACING else "middle right"
            for k, x, y in zip(sector, sx, sy)]


def _text_size(label: str) -> tuple[int, int]:
    """A label's longest line (characters) and its number of lines (``<br>`` breaks)."""
    lines = str(label).split("<br>")
    return max(len(s) for s in lines), len(lines)


def _text_line(point, place, where: str, chars: int, right, up, screen_point,
               scale: float = 1.0, unit: float = 1.0, lines: int = 1,
               band: float = 0.0) -> np.ndarray:
    """Points (mm) along the middle of a label's 3D text: plotly draws the text at its
    point's depth, from ``place`` (screen mm) to the right, to the left or centred. A
    label beside its point is tested from ``_NEAR_MM`` off the point: plotly's offset is
    a few pixels, so on a large screen the text starts nearer the point than ``place``.
    ``scale`` turns screen mm into mm at the point's depth (``_Perspective.depth_scale``);
    ``unit`` scales the text's size in mm (a camera stepped back by that factor); a
    label of several ``lines`` is sampled along each, the block centred on ``place``;
    ``band`` (a fraction of a line's height) samples each line also that far above and
    below its middle."""
    length = chars * CHAR_MM * unit
    side = where.split()[1]
    start = {"right": 0.0, "left": -length}.get(side, -length / 2)
    lo, hi = place[0] + start, place[0] + start + length
    if side == "right":
        lo = min(lo, screen_point[0] + _NEAR_MM * unit)
    elif side == "left":
        hi = max(hi, screen_point[0] - _NEAR_MM * unit)
    # every 3 mm: at 6 mm the rim of the ear seen edge on (6 mm wide) fell between samples
    xs = np.linspace(lo, hi, max(2, int((hi - lo) // 3) + 1))
    rows = place[1] + _LINE_MM * unit * (np.arange(lines) - (lines - 1) / 2)
    if band:
        rows = (rows[:, None] + _LINE_MM * unit * band * np.array([-1.0, 0.0, 1.0])).ravel()
    xs, ys = np.tile(xs, len(rows)), np.repeat(rows, len(xs))
    return (point + scale * np.outer(xs - screen_point[0], right)
            + scale * np.outer(ys - screen_point[1], up))


def _text_box(place, where: str, chars: int, unit: float = 1.0, lines: int = 1
              ) -> np.ndarray:
    """The screen box (x0, y0, x1, y1), mm, of a label's text drawn from ``place``
    (``unit``, ``lines``: as in ``_text_line``)."""
    length = chars * CHAR_MM * unit
    half = _LINE_MM * unit * lines / 2
    side = where.split()[1]
    x0 = {"right": place[0], "left": place[0] - length}.get(side, place[0] - length / 2)
    return np.array([x0, place[1] - half, x0 + length, place[1] + half])


def _box_free(box, boxes) -> bool:
    """No other label's text box overlaps ``box`` (screen mm)."""
    b = np.asarray(boxes, float).reshape(-1, 4)
    return not np.any((b[:, 0] < box[2]) & (box[0] < b[:, 2]) & (b[:, 1] < box[3])
                      & (box[1] < b[:, 3]))


def _box_covers(box, points, margin: float) -> bool:
    """Whether a text box (screen mm), grown by ``margin``, holds any of ``points``."""
    p = np.asarray(points, float).reshape(-1, 2)
    return bool(np.any((p[:, 0] > box[0] - margin) & (p[:, 0] < box[2] + margin)
                       & (p[:, 1] > box[1] - margin) & (p[:, 1] < box[3] + margin)))


def _nearest_own(where: str, chars: int, own, others, unit: float = 1.0,
                 lines: int = 1) -> bool:
    """Whether a label's text, as plotly draws it beside its point (``_TEXT_OFF_MM`` off,
    on the side ``where`` says), has its middle nearer its own point than any of
    ``others`` (screen mm), so that a reader pairs the name with the right marker."""
    vertical, side = where.split()
    half_w, half_h = chars * CHAR_MM * unit / 2, _LINE_MM * unit * lines / 2
    near = _TEXT_OFF_MM * unit
    dx = {"right": near + half_w, "left": -near - half_w}.get(side, 0.0)
    dy = {"top": near + half_h, "bottom": -near - half_h}.get(vertical, 0.0)
    mid = np.asarray(own, float) + [dx, dy]
    o = np.asarray(others, float).reshape(-1, 2)
    # a name level with its point is read along its line (a column of names beside a
    # column of points), one above or below along its column: distance across the line
    # counts double
    w = [1.0, 2.0] if vertical == "middle" else [2.0, 1.0] if side == "center" else [1, 1]
    # rounded: the same choice on every CPU
    return bool(not len(o) or np.round(np.hypot(dx * w[0], dy * w[1]), 3)
                < np.round(np.linalg.norm((o - mid) * w, axis=1).min(), 3))


def _clear(eye: _Perspective, line, aspect: float | None = None) -> bool:
    """No skin in front of a label's text line, and the line inside the picture (every
    other sample first: most places that fail, fail there, for half the ray tests;
    ``aspect``: as ``_Perspective.in_frame``)."""
    return bool(eye.in_frame(line, aspect=aspect).all()
                and eye.visible(line[::2], offset=1.5).all()
                and eye.visible(line[1::2], offset=1.5).all())


def view_labels(head: HeadModel, points, labels, view: str, skin_points=None,
                groups=None, turn: bool = False, clear: bool = False, box=None,
                frame=None, distinct: bool = False, rim_mm: float = 0.0, order=None,
                sideways: bool = False, unit: float | None = None, merge: bool = False,
                aspect: float | None = None, kinds=None) -> tuple[list[str], list[str]]:
    """The labels of skin points that a named camera shows, and where each sits.

    Points that the skin hides from the camera get no label (their hover still names
    them): on the far side of the head their labels would fall on the near side's. A
    label would cover another (the outline of the head seen from the front, the vertex)
    when its place, ``LABEL_STEP_MM`` from its point on the screen, comes closer than
    ``LABEL_GAP_MM`` to another seen point or to a label already placed; the points
    nearer the eye are labelled first. Such a label is left out, or with ``turn`` moves
    45 degrees to either side of its outward place if one of those is free and clearly
    nearer its own point than any other.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``), or any surface with ``vertices`` and ``faces``
        that the labels keep off (the bones figure passes its bones' surface).
    points : (K, 3) array_like
        Positions (mm) on or just outside the skin.
    labels : sequence of str
        One label per point.
    view : str
        A named camera (see ``plotly3d.CAMERAS``).
    skin_points : (K, 3) array_like, optional
        The points on the skin that ``points`` mark (the visibility test starts there);
        ``points`` if None.
    groups : sequence, optional
        Per point, the set it belongs to when several sets are placed in one call (the
        hot spots of every pattern, one shown at a time): a label gives way only to points
        and labels of its own set. One set if None.
    turn : bool, default False
        Try the places 45 degrees to either side of a taken outward place. For points on
        the convex scalp (10-20 positions); a turned label by the ear or nose can fall
        behind the skin, since plotly draws 3D text at its point's depth.
    clear : bool, default False
        Take a place only if no skin covers the label's text there (its middle line and
        ``CLEAR_BAND`` of a line above and below it, at the point's depth, ``CHAR_MM`` a
        character) and the text lies inside the picture:
        a label in the bowl of the ear or beside the nose would be cut by the skin in
        front of it, one below the neck by the figure's lower edge.
    box : tuple of array_like, optional
        The figure's data box (lo, hi), mm, which places the camera's eye for ``clear``
        (tested in perspective, as plotly draws the text); the drawn skin's by default.
    frame : dict, optional
        ``distance`` and ``centre_z`` of the figure's cameras, if not the kit's (see
        ``plotly3d.camera``).
    distinct : bool, default False
        Take a place only if the text starts clearly nearer its own point than any other
        seen point (by a quarter of the gap), as a turned label must: for markers of
        different kinds close together (hot spots), where a name beside the wrong marker
        misleads ("occiput", placed outward from a point at the head's outline, sat level
        with a trigger point's marker). Otherwise (the 10-20 grid of short names, which
        keeps its regular places) a place is taken only if the text's middle, as plotly
        draws it, is nearer its own point than any other seen point, across a line of
        text counting double (``_nearest_own``).
    rim_mm : float, default 0.0
        Radius (mm) of the marker drawn at each point: a point just behind the head's
        outline whose marker still shows beside it (its rim ``rim_mm`` to the left, right,
        above or below is seen) keeps its label (an SCM pattern's tender diamond at the
        edge of the neck showed unnamed from behind).
    order : sequence of int, optional
        The points' indices in the order their labels are placed, the first taking its
        place before the others; nearest the eye first if None.
    sideways : bool, default False
        Start each label level with its point, on the side of it away from the middle of
        the points on the screen (a column of points down the spine, each named below
        its point, had no room), instead of outward from the surface.
    unit : float, optional
        How many times the labels' sizes and gaps (set for the kit's head figures) a
        figure's scale makes them in mm; ``frame``'s distance if None (a figure of
        something smaller than the head shows more pixels a mm).
    merge : bool, default False
        Seen points of one set whose markers cover each other on the screen (closer than
        a marker's width) share one label, "a,<br>b", at the one nearer the eye; the other
        gets none. Apart, neither could take a place clear of the other, and both went
        unnamed (a pattern's supraorbital and behind-eye spots, 5 mm apart from the
        front), on two lines.
    kinds : sequence, optional
        With ``merge``, each point's kind (its marker): seen points of one set and kind
        share a label up to ``MERGE_KIND_MARKERS`` marker widths apart.
    aspect : float, optional
        With ``clear``, the scene's width over its height at its narrowest: a label first
        tries every place whose text lies inside that width too, then, if none is free,
        the places that only fit the height (a label is never dropped for the width:
        ``CHAR_MM`` overstates text on larger screens).

    Returns
    -------
    text : list of str
        Per point, its label, or "" when hidden.
    textposition : list of str
        Per point, the plotly text position away from the head
        (``outward_text_positions``, or 45 degrees from it where that place is taken).
    """
    from anatomy.skin import Skin, head_skin

    p = np.asarray(points, float).reshape(-1, 3)
    skin = head_skin() if head is load_head() else Skin(head.vertices, head.faces)
    on = p if skin_points is None else np.asarray(skin_points, float).reshape(-1, 3)
    d, right, up = _screen_axes(view)
    rims = [np.zeros(3)] + ([rim_mm * s * a for a in (right, up) for s in (1, -1)]
                            if rim_mm > 0 else [])
    seen = np.any([skin.visible(on + r, towards=d) for r in rims], axis=0)
    eye = perspective(head, view, box, frame) if clear else None
    if clear:  # and in perspective, as plotly draws it: parallel rays saw a point at the
        # edge of the head that the camera does not (its label floated beside the head)
        seen &= np.any([eye.visible(p + r, offset=1.5) for r in rims], axis=0)
    if sideways:
        x = p @ right
        where = ["middle right" if v >= np.median(x) else "middle left" for v in x]
    else:
        where = outward_text_positions(head, p, view)
    # a camera stepped back shows fewer pixels a mm: the labels' sizes and gaps (fixed in
    # pixels on the screen) take that many more mm
    if unit is None:
        unit = float((frame or {}).get("distance", 1.0))
    step_mm, gap_mm = LABEL_STEP_MM * unit, LABEL_GAP_MM * unit
    screen = np.c_[p @ right, p @ up]
    spot = screen + step_mm * np.array([_TEXT_STEP[w] for w in where])
    group = np.zeros(len(p), int) if groups is None else np.unique(
        np.asarray(groups, object).astype(str), return_inverse=True)[1]
    steps = TURNS if turn else (0,)
    labels = [str(n) for n in labels]
    markers = seen.copy()   # every seen marker, merged or not, keeps text off it
    members = {}   # a shared label's points: the one nearer the eye first
    own = list(labels)
    if merge:
        near_first = [int(k) for k in np.argsort(-(p @ d), kind="stable") if seen[k]]
        passes = [(1.0, group)]
        if kinds is not None:
            kind = np.unique(np.char.add(np.asarray(group).astype(str), np.char.add(
                "|", np.asarray(kinds, object).astype(str))), return_inverse=True)[1]
            passes.append((MERGE_KIND_MARKERS, kind))
        for widths, same in passes:
            near_first = [k for k in near_first if seen[k]]
            for k, js in covering_markers(screen, near_first, widths * 2 * _MARKER_MM * unit,
                                          same).items():
                # on two lines: on one, "lateral occiput, behind ear/mastoid" ran past the
                # scene's edge
                labels[k] = ",<br>".join([labels[k]] + [labels[j] for j in js])
                members[k] = members.get(k, [k]) + [m for j in js
                                                    for m in members.pop(j, [j])]
                seen[js] = False

    def place_of(k, step):  # the outward place first, then 45 degrees to either side
        w = _TEXT_SECTORS[(_TEXT_SECTORS.index(where[k]) + step) % len(_TEXT_SECTORS)]
        return w, screen[k] + step_mm * np.array(_TEXT_STEP[w])

    kept: list[int] = []
    boxes = np.zeros((len(p), 4))  # the kept labels' text boxes on the screen
    if order is None:
        order = np.argsort(-(p @ d), kind="stable")  # nearest the eye first
    elif any(not 0 <= int(k) < len(p) for k in order):
        raise ValueError(f"order {list(order)} names a point that is not there: the points "
                         f"are numbered 0 to {len(p) - 1}")
    idx = np.arange(len(p))
    for k in order:
        if not seen[k]:
            continue
        mine = group == group[k]
        share = members.get(int(k), [int(k)])
        others = np.flatnonzero(seen & mine & ~np.isin(idx, share))
        placed = [j for j in kept if mine[j]]
        chars, lines = _text_size(labels[k])
        # inside the narrowest scene's width first: at JupyterLab's narrowest figure the
        # heat figure's colour bar hid the end of a name that ran past the scene's edge
        tries = [(a, st) for a in ([aspect, None] if clear and aspect else [None])
                 for st in steps]
        # a shared label beside each of its points in turn, its text off the others'
        # markers: "above the ear, temple" beside the first ran across the temple's cross
        for a, (fit, step) in ((a, t) for a in share for t in tries):
            covered = screen[np.flatnonzero(markers & mine & (idx != a))]
            w, place = place_of(a, step)
            # a moved label keeps well clear of other points: nearer its own, so it
            # cannot be read as theirs
            gap = gap_mm if step == 0 else step_mm + gap_mm / 2
            if distinct:  # where the text starts is clearly nearer its own point
                gap = max(gap, step_mm + gap_mm / 4)
            box = _text_box(place, w, chars, unit, lines)
            if (np.all(np.linalg.norm(place - screen[others], axis=1) >= gap)
                    and np.all(np.linalg.norm(place - spot[placed], axis=1) >= gap_mm)
                    and _box_free(box, boxes[placed])
                    # nor over another marker: "temple" ran across the behind-eye cross
                    and not _box_covers(box, covered, _MARKER_MM * unit)
                    # and read as its own: a short name's middle nearer its point than
                    # any other ("O1" below and left of its point sat by P7's marker)
                    and (distinct or _nearest_own(w, chars, screen[a], screen[others],
                                                  unit, lines))
                    and (not clear or _clear(eye, _text_line(
                        p[a], place, w, chars, right, up, screen[a],
                        eye.depth_scale(p[a]), unit, lines, CLEAR_BAND), fit))):
                where[a], spot[a], boxes[a] = w, place, box
                # its own name first, beside its marker
                labels[a] = ",<br>".join([own[a]] + [own[m] for m in share if m != a])
                kept.append(int(a))
                break
    return [str(n) if k in kept else "" for k, n in enumerate(labels)], where
