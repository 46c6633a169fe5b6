"""Where the heat figure's opening labels go: on a leader line, off the pain they name.

The opening camera names each hot spot with page text on a leader line (a plotly scene
annotation). A label on a fixed 30 px line sat on the pattern's own heat (student
review: the lesser occipital labels covered most of its patch, the upper trapezius
"temple" its temple zone). Each label now takes the place with the shortest line (each
45 degree turn from its preferred way, ``SPOT_TEXTPOS``, counting as ``TURN_PX`` more)
whose text box covers none of the painted skin or the ears that the camera sees, no other
spot's marker and no label placed before it, whose line passes no other marker, and
which stays inside the scene. A few pixels of paint at a box's corner count as a few
pixels more line, so that a label keeps its way rather than turn for them.

The labels are page text, fixed in pixels, while the head is drawn at the scale of the
scene's height (plotly's 45 degree field of view), so the test runs on a pixel grid at
the scene sizes the figure gets (``SCENE_PX``, measured in headless Chromium).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from anatomy.conventions import check_choice
from anatomy.head import EAR_BOX_MM, ear_vertices  # labels keep off the auricles too
from anatomy.viz import plotly3d
from anatomy.viz.head_views.labels import _box_free

__all__ = ["CHAR_PX", "EAR_BOX_MM", "LEADERS_PX", "LINE_PX", "SCENE_PX", "ear_vertices",
           "label_box", "note_places", "painted_mask"]

# leader lengths tried, shortest first (pixels; 30 px was the one length before)
LEADERS_PX = (30, 45, 60, 80, 100)
# the heat scene's size (pixels) in JupyterLab with the file browser open at 1024x768
# (592 px figure: 504 x 439) and at 1400x1000 (968 px: 872 x 458), measured with
# tools/figpage.py; the head's scale follows the height, so both heights are tested and
# the narrower width bounds where a label may go
SCENE_PX = {"heights": (439, 458), "width": 504}
# a label's text box: 12 px text measured at about 6.3-7.3 px a character (wider for
# capitals), 16.5 px a line, and the annotation's padding
CHAR_PX, LINE_PX, PAD_PX = 7.0, 16.5, 6.0
MARKER_PX = 6.0  # a spot marker's half width with its outline (7 px markers) and a margin
# the least distance of a leader line from another marker's centre: the tender diamond
# shows about 18 px wide (in Chromium at 592 px), a circle 12 px; a line 11 px from a
# diamond's centre read as its own
LINE_CLEAR_PX = 14.0
EDGE_PX = 4.0  # the least distance of a label from the scene's edge
# a turn of 45 degrees from a label's preferred way counts as this much longer a line
# (pixels): "behind ear/mastoid" went right across the ear on a 45 px line rather than
# down its own way on a 60 px one
TURN_PX = 15.0
# each pixel of ear a leader line crosses counts as this many pixels more line
# ("lateral occiput" went right across the ear to the cheek)
EAR_LINE_WEIGHT = 3.0
# a label across the ear from its spot (level with it) counts as this many pixels more
# line: "behind ear/mastoid" on the cheek below the ear was read as a zone at the angle of
# the jaw (student review)
ACROSS_EAR_PX = 60.0
AURICLE_DEPTH_MM = 30.0  # how far the auricle reaches behind the tragus (modelling choice)
# the ways a label may go, as plotly text positions, counter-clockwise from the right
_WAYS = ("middle right", "top right", "top center", "top left", "middle left",
         "bottom left", "bottom center", "bottom right")


def label_box(tail, text: str, where: str) -> np.ndarray:
    """The screen box of a label whose leader ends at ``tail`` (pixels, y down).

    A label going left or right starts at the end of its line and is centred on it
    vertically; one going straight up or down is centred on the end of its line (as
    ``plotly3d.leader_note`` anchors it, measured in Chromium).

    Parameters
    ----------
    tail : array_like, shape (2,)
        The end of the leader line, pixels (x right, y down).
    text : str
        The label (lines split at ``<br>``).
    where : str
        The plotly text position the label goes to.

    Returns
    -------
    numpy.ndarray, shape (4,)
        x0, y0, x1, y1, pixels.
    """
    lines = text.split("<br>")
    w = max(len(s) for s in lines) * CHAR_PX + PAD_PX
    h = len(lines) * LINE_PX + 1
    side = where.split()[1]
    x0 = {"right": tail[0], "left": tail[0] - w}.get(side, tail[0] - w / 2)
    return np.array([x0, tail[1] - h / 2, x0 + w, tail[1] + h / 2])


def _screen_px(eye, points, height: float) -> np.ndarray:
    """Points (mm) on the scene's pixel grid of ``height``: the scene's centre at (0, 0),
    y down (``eye``: ``head_views.perspective`` of the camera)."""
    k = (height / 2) / (eye.distance * np.tan(np.pi / 8))
    s = eye.screen(points)
    # to 1/64 px: the last bits of the projection differ between CPUs (numpy's SIMD
    # paths), and a painted pixel more or less must not change a label's place
    return np.round(np.c_[k * s[:, 0], -k * s[:, 1]] * 64) / 64


def painted_mask(eye, vertices, faces, painted, height: float) -> np.ndarray:
    """Which pixels of the scene show painted skin.

    A triangle with a painted corner is drawn (its edge crosses it) when it faces the
    camera's eye; the grid is the scene's height by ``SCENE_PX["width"]`` pixels, centred
    like the scene.

    Parameters
    ----------
    eye : object
        ``head_views.perspective`` of the camera (``screen``, ``eye``, ``distance``).
    vertices : (N, 3) array_like
        The drawn skin's vertices, mm.
    faces : (M, 3) array_like of int
        Its triangles.
    painted : (N,) array_like of bool
        Vertices whose pain is drawn.
    height : float
        The scene's height, pixels.

    Returns
    -------
    numpy.ndarray of bool, shape (round(height), SCENE_PX["width"])
        True where the scene shows painted skin; row 0 is the top.
    """
    v, f = np.asarray(vertices, float), np.asarray(faces)
    f = f[np.asarray(painted, bool)[f].any(axis=1)]
    a, b, c = (v[f[:, i]] for i in range(3))
    normal = np.cross(b - a, c - a)
    facing = np.einsum("ij,ij->i", normal, eye.eye - (a + b + c) / 3) > 0
    f = f[facing]
    width, rows = SCENE_PX["width"], int(round(height))
    img = Image.new("1", (width, rows), 0)
    draw = ImageDraw.Draw(img)
    if len(f):
        px = _screen_px(eye, v, height) + [width / 2, height / 2]
        for tri in px[f].reshape(-1, 6).tolist():  # x0, y0, x1, y1, x2, y2
            draw.polygon(tri, fill=1)
    return np.asarray(img, bool)


def _summed(mask) -> np.ndarray:
    """The summed-area table of a mask (a row and a column of zeros in front), so that
    ``_covered`` counts a box's pixels in four lookups."""
    out = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1), np.int64)
    out[1:, 1:] = mask.astype(np.int64).cumsum(axis=0).cumsum(axis=1)
    return out


def _covered(summed, box) -> int:
    """How many pixels of the mask whose ``_summed`` table is ``summed`` (grid centred on
    the scene) lie in ``box``."""
    rows, cols = summed.shape[0] - 1, summed.shape[1] - 1
    x0, y0, x1, y1 = np.asarray(box) + [cols / 2, rows / 2, cols / 2, rows / 2]
    i0, i1 = max(int(np.floor(y0)), 0), min(int(np.ceil(y1)), rows)
    j0, j1 = max(int(np.floor(x0)), 0), min(int(np.ceil(x1)), cols)
    if i1 <= i0 or j1 <= j0:
        return 0
    return int(summed[i1, j1] - summed[i0, j1] - summed[i1, j0] + summed[i0, j0])


def _turns(where: str) -> list[tuple[int, str]]:
    """The eight ways with their 45 degree steps from ``where``: ``where`` first, then
    turning from it a step at a time."""
    k = _WAYS.index(where)
    return [(s, _WAYS[(k + s) % len(_WAYS)]) for s in (0, 1, -1, 2, -2, 3, -3, 4)]


def _line_hits(mask, start, end) -> int:
    """How many pixels of ``mask`` a leader line from ``start`` to ``end`` (pixels, scene
    centre at 0) crosses, one sample a pixel."""
    rows, cols = mask.shape
    n = int(np.ceil(np.linalg.norm(np.subtract(end, start)))) + 1
    xy = np.linspace(start, end, n) + [cols / 2, rows / 2]
    j, i = np.floor(xy[:, 0]).astype(int), np.floor(xy[:, 1]).astype(int)
    ok = (i >= 0) & (i < rows) & (j >= 0) & (j < cols)
    return int(mask[i[ok], j[ok]].sum())


def _ears_px(eye, height: float) -> list[tuple[np.ndarray, float, float]]:
    """The auricles the camera faces: each one's middle on the scene's pixel grid of
    ``height`` (scene centre at 0, y down), and its half width and half height there
    (``EAR_BOX_MM``'s front, its behind taken as the auricle's own depth, and its height)."""
    from anatomy.head import load_head

    out = []
    for side in ("left", "right"):
        t = np.asarray(load_head().landmarks[f"tragus_{side}"], float)
        if (eye.eye[0] - t[0]) * np.sign(t[0]) <= 0:   # the camera is on the other side
            continue
        front, back = t + [0, EAR_BOX_MM["front"], 0], t - [0, AURICLE_DEPTH_MM, 0]
        up, down = (t + [0, 0, s * EAR_BOX_MM["up_down"]] for s in (1, -1))
        px = _screen_px(eye, np.array([front, back, up, down]), height)
        mid = (px[0] + px[1]) / 2
        out.append((mid, abs(px[0, 0] - px[1, 0]) / 2, abs(px[2, 1] - px[3, 1]) / 2))
    return out


def _across_ear(ears, spot, box) -> bool:
    """Whether a label's ``box`` lies across an ear from its ``spot`` (pixels, scene centre
    at 0; ``ears``: ``_ears_px``): the spot and the label's middle on opposite sides of the
    ear's middle, each by more than half the ear's half width, and the label level with
    the ear."""
    for mid, half_w, half_h in ears:
        side, label = spot[0] - mid[0], (box[0] + box[2]) / 2 - mid[0]
        level = box[1] < mid[1] + half_h and box[3] > mid[1] - half_h
        if level and min(abs(side), abs(label)) > half_w / 2 and side * label < 0:
            return True
    return False


def _near_line(points, start, end, reach: float) -> bool:
    """Whether any of ``points`` lies within ``reach`` of the segment start-end."""
    p = np.asarray(points, float).reshape(-1, 2)
    a, d = np.asarray(start, float), np.subtract(end, start)
    t = np.clip((p - a) @ d / max(float(d @ d), 1e-9), 0.0, 1.0)
    return bool(np.any(np.linalg.norm(p - (a + t[:, None] * d), axis=1) < reach))


def note_places(eye, points, texts, wheres, vertices, faces, painted, ears=None
                ) -> list[tuple[str, int]]:
    """Where each opening label goes: its way (a plotly text position) and leader length.

    Parameters
    ----------
    eye : object
        ``head_views.perspective`` of the opening camera (with the figure's data box).
    points : (K, 3) array_like
        The spots' markers, mm.
    texts : sequence of str
        Their labels (``<br>`` between lines).
    wheres : sequence of str
        Each label's preferred way (``SPOT_TEXTPOS``, mirrored on the left side).
    vertices, faces : array_like
        The drawn skin.
    painted : (N,) array_like of bool
        Vertices no label may cover (those whose pain is drawn, the ears).
    ears : (N,) array_like of bool, optional
        Vertices no leader line should cross (``EAR_LINE_WEIGHT`` a pixel).

    Returns
    -------
    list of (str, int)
        Per label, its way and its leader's length, pixels.

    Raises
    ------
    ValueError
        If a preferred way is not a plotly text position.
    """
    for where in wheres:
        check_choice(where, _WAYS, "label way")
    heights = SCENE_PX["heights"]
    masks = [_summed(painted_mask(eye, vertices, faces, painted, h)) for h in heights]
    ear_masks = ([painted_mask(eye, vertices, faces, ears, h) for h in heights]
                 if ears is not None else None)
    spots = [_screen_px(eye, points, h) for h in heights]
    ears_px = [_ears_px(eye, h) for h in heights]
    half_w = SCENE_PX["width"] / 2 - EDGE_PX
    placed: list[list[np.ndarray]] = [[] for _ in heights]
    out = []
    for k, (text, where) in enumerate(zip(texts, wheres)):
        others = [np.delete(s, k, axis=0) for s in spots]
        best, best_key = None, None
        for length in LEADERS_PX:
            for turn, way in _turns(where):
                # paint and ear only add to a place's score: one whose line and turn alone
                # score no better than the best so far is not tried
                if best_key is not None and length + TURN_PX * abs(turn) >= best_key:
                    continue
                note = plotly3d.leader_note((0.0, 0.0, 0.0), "", way, length)
                boxes = [label_box(s[k] + [note["ax"], note["ay"]], text, way)
                         for s in spots]
                if any(b[0] < -half_w or b[2] > half_w or b[1] < -h / 2 + EDGE_PX
                       or b[3] > h / 2 - EDGE_PX for b, h in zip(boxes, heights)):
                    continue
                if any(not _box_free(b, p) for b, p in zip(boxes, placed) if p):
                    continue
                grown = [b + [-MARKER_PX, -MARKER_PX, MARKER_PX, MARKER_PX] for b in boxes]
                if any(np.any((o[:, 0] > g[0]) & (o[:, 0] < g[2]) & (o[:, 1] > g[1])
                              & (o[:, 1] < g[3])) for g, o in zip(grown, others)):
                    continue
                # nor a line past another marker: it reads as that marker's label (one
                # on top of its own marker, supraorbital and behind the eye seen from
                # the side, cannot be passed by)
                if any(_near_line(o[np.linalg.norm(o - s[k], axis=1) >= LINE_CLEAR_PX],
                                  s[k], s[k] + [note["ax"], note["ay"]], LINE_CLEAR_PX)
                       for o, s in zip(others, spots)):
                    continue
                # the shortest line and least turn, each pixel of paint covered (mean of
                # the two scales) counting as a pixel more line
                key = (length + TURN_PX * abs(turn)
                       + np.mean([_covered(m, b) for m, b in zip(masks, boxes)])
                       + (EAR_LINE_WEIGHT * np.mean(
                           [_line_hits(e, s[k], s[k] + [note["ax"], note["ay"]])
                            for e, s in zip(ear_masks, spots)]) if ear_masks else 0.0)
                       + ACROSS_EAR_PX * np.mean(
                           [_across_ear(e, s[k], b) for e, s, b in zip(ears_px, spots, boxes)]))
                if best_key is None or key < best_key:
                    best, best_key = (way, length, boxes), key
        if best is None:  # nowhere inside the scene: the preferred way, shortest line
            note = plotly3d.leader_note((0.0, 0.0, 0.0), "", where, LEADERS_PX[0])
            best = (where, LEADERS_PX[0], [label_box(s[k] + [note["ax"], note["ay"]],
                                                     text, where) for s in spots])
        for p, b in zip(placed, best[2]):
            p.append(b)
        out.append((best[0], best[1]))
    return out
