"""Print plates of pain referral: heat fields and pain drawings (matplotlib; the pattern
gallery is in ``gallery``, the territory plate in ``territory_print``)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from anatomy import meshops, pain
from anatomy.conventions import check_choice, check_side
from anatomy.surface import vertex_normals
from anatomy.viz import fields, mpl2d, style
from anatomy.viz.eyes import plate_eyes
from anatomy.viz.pain_views.heat import (
    HEAT_CROP,
    MECHANISM_STYLE,
    MPL_LABEL_DY,
    MPL_MARKERS,
    PAIN_CMAP,
    _wrap,
    clip_to_crop,
    spot_label,
)

__all__ = [
    "SPOT_APART_MM", "SPOT_EDGE", "drawing_plate", "drawing_view", "heat_plate", "shown_spots",
]

# Print figures (matplotlib)
# ---------------------------------------------------------------------------------------

def _visible(points, view: str, tol: float = 3.0) -> np.ndarray:
    """True for points not hidden behind the skin in an orthographic view (a point up to
    ``tol`` mm under the skin facing the viewer counts as seen)."""
    return pain.pain_skin().visible(points, view, offset=tol)


def heat_plate(pattern: str, side: str = "right", views=("posterior", None, "anterior"),
               labels: bool = True, scale: float = 1.0) -> mpl2d.StaticFigure:
    """Print plate of one pattern's pain field in three views, with hot-spot markers.

    Parameters
    ----------
    pattern : str
        One of ``pain.patterns()``.
    side : {"left", "right"}, default "right"
        The subject's side shown (and the lateral view's side).
    views : sequence of str or None, default ("posterior", None, "anterior")
        Named views, one panel each; None means the lateral view of ``side``.
    labels : bool, default True
        Label the hot-spot markers.
    scale : float, default 1.0
        Shrinks the notebook PNG (same layout, fewer pixels); ``savefig`` is unaffected.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If ``pattern`` or ``side`` is not valid.
    """
    side = check_side(side)
    info = pain.pattern_info(pattern)
    views = [side if v is None else v for v in views]
    mpl2d.use_style()
    fig, axes = mpl2d.subplots(1, len(views), figsize=(4.6 * len(views), 5.6))
    drawn: set = set()
    for ax, view in zip(np.atleast_1d(axes), views):
        _draw_field(ax, pattern, side, view)
        drawn |= _draw_spots(ax, pain.hotspots(pattern, side), view, labels)
        mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
    fig.suptitle(f"{info['label']} ({side}): where the pain is felt", fontsize=13)
    fig.tight_layout(rect=(0, _KEY_IN / fig.get_figheight(), 1, 1))
    spots = pain.hotspots(pattern, side)
    _heat_legend(fig, drawn)
    alt = (f"Three shaded views of the head with the pain field of {info['label']} on the "
           f"{side}, darker where stronger, and markers at: "
           + "; ".join(f"{r.label} ({r.mechanism})" for r in spots.itertuples()) + ".")
    return mpl2d.StaticFigure(fig, alt, scale=scale)


DRAWING_EDGE = 0.2  # display choice: a pain drawing's shaded area, where its field >= 0.2


@lru_cache(maxsize=1)
def _plate_skin():
    """The smooth outer shell the 3D views draw, cropped as the pain mesh, and where its
    vertices fall on the pain mesh (``fields.resample_weights``)."""
    crop = pain.MESH_CROP
    v, f = fields.drawn_skin_part(lambda tri: (tri[:, :, 2] >= crop["z_min"]).all(axis=1)
                                  & (np.abs(tri[:, :, 0]) <= crop["abs_x_max"]).all(axis=1))
    v, f, _ = clip_to_crop(v, f)  # a clean edge, not whole faces' saw tooth
    # closed by flat caps: the skin's inner side showed dark at the shoulder ends
    v, f, _ = fields.cap_crop(v, f, abs_x_max=HEAT_CROP["abs_x_max"])
    # halved edges: a plate colours each face by one value, and the shell's faces showed
    # as a checker where the field is dark (instructor review)
    v, f = meshops.subdivide(v, f)
    m = pain.pain_mesh()
    return v, f, *fields.resample_weights(m.vertices, m.faces, v)


def _draw_field(ax, pattern: str, side: str, view: str):
    """The pain field on the drawn skin, its edge at FIELD_FLOOR (``_draw_on_skin``)."""
    return _draw_on_skin(ax, pain.pain_field(pattern, side, raw=True), pain.FIELD_FLOOR,
                         PAIN_CMAP, view)


def _draw_on_skin(ax, raw, level: float, cmap, view: str):
    """A smooth field on the drawn skin: the shell cut along the field's ``level`` line
    (found on its logarithm, nearly linear on a face for these bumps), skin outside,
    ``cmap`` of the value inside: the edge is a smooth curve."""
    m = pain.pain_mesh()
    v, f, corners, weights = _plate_skin()
    log = (np.log(np.maximum(raw, 1e-9))[corners] * weights).sum(axis=1)
    cut = fields.cut_field(v, f, log, np.log(level), values=np.exp(log), floor=level)
    # each corner its own colour: coloured by each face's mean, the field showed its
    # triangles at print size (reviewer)
    colours = np.where(cut.inside[:, None, None], cmap(cut.corner_values())[..., :3],
                       np.array(to_rgb(style.SKIN)))
    ev, ef, eye_rgb = plate_eyes(m.eye_vertices, m.eye_faces)
    v = np.vstack([cut.vertices, ev])
    f = np.vstack([cut.faces, ef + len(cut.vertices)])
    c = np.vstack([colours, np.repeat(eye_rgb[:, None, :], 3, axis=1)])
    # the flat caps that end the shoulders, each lit as if the light came from its side: a
    # cap turned from the light was a dark brown disc that read as a hole (reviewer). Drawn
    # over the rest, which is safe: nothing of the bust lies between a cap and the eye.
    cap_x = np.zeros(len(f))
    ends = (np.abs(np.abs(v[cut.faces, 0]) - HEAT_CROP["abs_x_max"]) < 1e-6).all(axis=1)
    cap_x[:len(cut.faces)] = np.where(ends, np.sign(v[cut.faces[:, 0], 0]), 0)
    screen_right = mpl2d.view_basis(view)[0][0]   # +x's share of the screen's right
    for side in (-1.0, 1.0):
        if (cap_x == side).any():
            # from the cap's side of the screen (the default, from the left, if edge on)
            light = (0.4 if side * screen_right > 0 else -0.4, -0.5, 0.75)
            mpl2d.draw_mesh(ax, v, f[cap_x == side], view, color=c[cap_x == side],
                            light=light, zorder=1.1)
    return mpl2d.draw_mesh(ax, v, f[cap_x == 0], view, color=c[cap_x == 0])


def _free_spot(at, text: str, lateral: float, placed: list, line_mm: float) -> np.ndarray:
    """``at`` moved up or down by whole lines until the label's box (one line of ``text``,
    to the side ``lateral`` says) clears the boxes already ``placed``; the box is added."""
    width = 0.62 * len(text) * line_mm / 1.5
    for k in (0, 1, -1, 2, -2, 3, -3):
        y = at[1] + k * line_mm
        x0 = at[0] if lateral > 0 else at[0] - width
        box = (x0, y - line_mm / 2, x0 + width, y + line_mm / 2)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1]
               for b in placed):
            placed.append(box)
            return np.array([at[0], y])
    placed.append(box)
    return np.asarray(at, float)


SPOT_PT, SPOT_MIN_PT = np.sqrt(34.0), 3.5  # a marker's width, and the least it shrinks to


def _spot_sizes(xy, shown, mm_per_pt: float) -> np.ndarray:
    """Marker areas (pt^2, as ``scatter``'s ``s``) of the spots on a page: ``SPOT_PT`` wide,
    narrower where the nearest other shown spot lies closer than that plus the white
    edge, down to ``SPOT_MIN_PT`` (the supraorbital and behind-eye squares, 5 mm apart
    from the front, covered each other)."""
    xy = np.asarray(xy, float)
    out = np.full(len(xy), SPOT_PT ** 2)
    seen = np.flatnonzero(shown)
    for k in seen:
        others = seen[seen != k]
        if len(others):
            gap = np.linalg.norm(xy[others] - xy[k], axis=1).min() / mm_per_pt
            out[k] = np.clip(gap - 1.0, SPOT_MIN_PT, SPOT_PT) ** 2
    return out


# a plate leaves out a spot on the head's outline (its skin facing the viewer by less
# than SPOT_EDGE) that falls within SPOT_APART_MM of a spot facing the viewer more
SPOT_APART_MM, SPOT_EDGE = 8.0, 0.15


def shown_spots(table, view: str) -> np.ndarray:
    """Which hot spots a plate marks in a view.

    Those not hidden behind the skin, less any on the head's outline that falls on a spot
    facing the viewer more (``SPOT_APART_MM``, ``SPOT_EDGE``).

    Parameters
    ----------
    table : pandas.DataFrame
        Hot spots with ``x``, ``y`` and ``z`` columns (``pain.hotspots(...)``).
    view : str
        A named view of ``mpl2d.VIEW_TITLES``.

    Returns
    -------
    numpy.ndarray of bool
        One per row of ``table``: True where the plate marks the spot.
    """
    pts = table[["x", "y", "z"]].to_numpy(float)
    fwd = mpl2d.view_basis(view)[2]
    vis = _visible(pts, view, tol=6.0)
    # on the head's outline the skin runs along the line of sight, and spots far apart on
    # it can fall on one point (the suboccipital pattern's "temple" and "above the ear"
    # from the front: two leaders to one marker, reviewer): of spots closer than
    # SPOT_APART_MM on the page, one on the outline (facing the viewer less than
    # SPOT_EDGE) gives way to one that faces the viewer more
    facing = -(pain.pain_skin().normal_at(pts) @ fwd)
    xy_all = mpl2d.project(pts, view)
    for k in np.argsort(facing, kind="stable"):
        near = vis & (np.linalg.norm(xy_all - xy_all[k], axis=1) < SPOT_APART_MM)
        near[k] = False
        if vis[k] and facing[k] < SPOT_EDGE and (facing[near] > facing[k]).any():
            vis[k] = False
    return vis


def _draw_spots(ax, table, view: str, labels: bool, numbers=None, fontsize: float = 8,
                grow: float = 1.0) -> set:
    """Hot-spot markers (and labels) of the spots ``view`` shows; returns the mechanisms
    of the markers drawn. ``numbers`` (spot name to number) labels each marker with its
    number instead of its name; ``fontsize`` is the labels' size and ``grow`` multiplies
    the markers' width (a plate printed small)."""
    if table.empty:
        return set()
    pts = table[["x", "y", "z"]].to_numpy(float)
    right = mpl2d.view_basis(view)[0]
    vis = shown_spots(table, view)
    xy_all = mpl2d.project(pts, view)
    # one label line in mm of this panel (its limits and size are set): labels of spots
    # close together (LON and "behind ear/mastoid") moved apart by whole lines
    ax_in = ax.get_position().height * ax.figure.get_figheight()
    line_mm = fontsize * 1.5 / 72 / ax_in * abs(np.subtract(*ax.get_ylim()))
    size = _spot_sizes(xy_all, vis, line_mm / (fontsize * 1.5) * grow) * grow ** 2
    # a number's box keeps clear of the other markers too: a "9" beside the marker of 8
    # read as "98" (paper review 20)
    half = np.sqrt(size) / 2 * line_mm / (fontsize * 1.5)
    placed: list = [] if numbers is None else [
        (x - r, y - r, x + r, y + r) for (x, y), r in zip(xy_all[vis], half[vis])]
    drawn = set()
    for (row, p, ok, s) in zip(table.itertuples(), pts, vis, size):
        if not ok:
            continue
        drawn.add(row.mechanism)
        symbol, colour = MECHANISM_STYLE[row.mechanism]
        xy = mpl2d.project(p, view)[0]
        ax.scatter(*xy, marker=MPL_MARKERS[symbol], s=s, c=colour, edgecolors="white",
                   linewidths=0.8 * grow, zorder=6)
        if labels:
            lateral = np.sign((p @ right) or 1.0)
            text = (spot_label(row.name, row.mechanism) if numbers is None
                    else str(numbers[row.name]))
            dy = MPL_LABEL_DY.get(row.name, 8) if numbers is None else 0.0
            at = _free_spot(xy + np.array([(14 if numbers is None else 9) * lateral, dy]),
                            text, lateral, placed, line_mm)
            # a number's leader is black and heavier: grey at half a point vanished over
            # the dark field in print (paper review 20)
            ax.add_artist(mpl2d.Leader(xy, at, lw=0.5 if numbers is None else 1.0,
                                       color="#444444" if numbers is None else "black",
                                       zorder=7))
            ax.text(*at, text, fontsize=fontsize, zorder=7, clip_on=False,
                    ha="left" if lateral > 0 else "right", va="center",
                    bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    return drawn


# the key along a heat plate's bottom, inches: the colour bar's ticks and title below
# it (at 0.045 of a 5.6 inch plate the title fell below the figure's edge: reviewer)
_KEY_IN, _BAR_IN = 0.75, (0.4, 0.12)   # the key's height, the bar's bottom and height


def _heat_legend(fig, mechanisms, panel=None, fontsize: float = 8) -> None:
    """Colour bar (0-100%) and the key to the marker shapes of ``mechanisms`` (those the
    plate draws: a key to shapes it does not show sent readers looking for them,
    reviewer): along the bottom of a figure, or stacked in an empty ``panel`` (an axes)."""
    from matplotlib.cm import ScalarMappable
    from matplotlib.lines import Line2D

    h = fig.get_figheight()
    if panel is None:
        cax = fig.add_axes((0.08, _BAR_IN[0] / h, 0.3, _BAR_IN[1] / h))
    else:
        panel.axis("off")
        cax = panel.inset_axes((0.05, 0.78, 0.9, 0.06))
    sm = ScalarMappable(cmap=PAIN_CMAP)
    sm.set_clim(0, 100)
    cb = fig.colorbar(sm, cax=cax, orientation="horizontal")
    cb.set_label("relative intensity\n(% of peak; display choice)"
                 if panel else "relative intensity (% of peak; display choice)",
                 fontsize=fontsize)
    cb.ax.tick_params(labelsize=fontsize)
    handles = [Line2D([], [], ls="", marker=MPL_MARKERS[s], color=c, markeredgecolor="white",
                      markersize=7 * fontsize / 8, label=mech)
               for mech, (s, c) in MECHANISM_STYLE.items() if mech in mechanisms]
    if panel is None:
        fig.legend(handles=handles, loc="lower right", ncol=2, fontsize=fontsize,
                   frameon=False, bbox_to_anchor=(0.98, 0.0))
    else:
        panel.legend(handles=handles, loc="upper left", fontsize=fontsize, frameon=False,
                     bbox_to_anchor=(0.0, 0.45))


def drawing_view(name: str) -> str:
    """The view a pain drawing is shown from: its painful side, from the side (15 degrees
    above, so the top of the shoulder shows), from behind or from in front, whichever faces
    more of the shaded area (weighted by how straight each part faces the eye). A strict
    side view shows the back of the head and the forehead edge-on.

    Parameters
    ----------
    name : str
        A key of ``anatomy.pain.PAIN_DRAWINGS`` (``"A"`` to ``"D"``).

    Returns
    -------
    str
        ``"{kind}_{side}"`` with kind ``"superolateral"``, ``"posterolateral"`` or
        ``"anterolateral"`` (``anatomy.conventions.PLATE_VIEWS`` and ``VIEWS``).

    Raises
    ------
    ValueError
        If ``name`` is not a drawing; the message names the valid ones.
    """
    check_choice(name, pain.PAIN_DRAWINGS, "pain drawing")
    side = pain.PAIN_DRAWINGS[name]["side"]
    m = pain.pain_mesh()
    raw = pain.drawing_field(name, raw=True)
    normals = vertex_normals(m.vertices, m.faces)

    def facing(view: str) -> float:
        towards_eye = -np.asarray(mpl2d.view_basis(view)[2])
        return float((raw * np.clip(normals @ towards_eye, 0, None)).sum())

    return max((f"superolateral_{side}", f"posterolateral_{side}", f"anterolateral_{side}"),
               key=facing)


# the drawings' vertical extent on the page (mm): down to the end of the drawn bust (about
# -218 from the side and above), where the top of the shoulder shows; at -190 Drawing B's
# shoulder, where its story starts, was cut off (student review)
DRAWING_YLIM = (-222, 145)
DRAWING_XLIM = (-150, 150)
# the width (mm) over which the bust fades to the page at the panel's sides and bottom:
# cut square there, a shoulder read as a flat brown disc, like a hole, and its flat end
# as a stump (reviewers); at the bottom it keeps to the panel's lowest 35 mm, below the
# tops of the shoulders, where Drawing B's story starts
DRAWING_FADE_MM = 35
# a drawing's head, the column of words beside it and the gap before the next drawing,
# inches; the words' size, points
DRAWING_HEAD_INCHES, DRAWING_TEXT_INCHES, DRAWING_GAP_INCHES = 2.0, 1.7, 0.2
DRAWING_WORDS_PT = 11.5


def _fade_to_page(ax, xlim, ylim, width_mm: float) -> None:
    """Fade the panel's drawing to white over ``width_mm`` from its left, right and bottom
    edges (a vignette, as an illustrated bust ends), below any text."""
    x = np.linspace(*xlim, 240)
    y = np.linspace(*ylim, 240)
    edge = np.minimum.outer(y - ylim[0], np.minimum(x - xlim[0], xlim[1] - x))
    rgba = np.ones((len(y), len(x), 4))
    rgba[..., 3] = np.clip(1 - edge / width_mm, 0, 1) ** 1.5
    ax.imshow(rgba, extent=(*xlim, *ylim), origin="lower", interpolation="bilinear",
              zorder=2.5)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


def drawing_plate(drawings=None, view: str | None = None,
                  scale: float = 1.0) -> mpl2d.StaticFigure:
    """The exercise's pain drawings (shaded areas a patient marked): each a head, with its
    name, side, view and the patient's words beside it, two drawings a row.

    Parameters
    ----------
    drawings : sequence of str, optional
        Keys of PAIN_DRAWINGS (``"A"`` to ``"D"``); all by default.
    view : str, optional
        One named view for every panel; by default each drawing's own
        (``drawing_view``: its painful side, from the side, from behind or
        from in front).
    scale : float, default 1.0
        Shrinks the notebook PNG (same layout, fewer pixels); ``savefig`` is unaffected.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    names = list(drawings or pain.PAIN_DRAWINGS)
    mpl2d.use_style()
    # two drawings a row, each a head with its name and the patient's words beside it:
    # with the words under the heads the plate was taller than wide, a slide fitted it to
    # its height, and the words showed at 13-16 px (review 22); beside them the plate is
    # wide, and its 11.5-point words show at about 18 px on a 1024 x 768 slide
    ncols = min(2, len(names))
    nrows = -(-len(names) // ncols)
    head_w = DRAWING_HEAD_INCHES
    head_h = head_w * np.ptp(DRAWING_YLIM) / np.ptp(DRAWING_XLIM)
    # a head, its words, and a gap before the next pair: with one even spacing a column
    # of words read as the caption of the head to its right (review 27)
    ratios = [head_w, DRAWING_TEXT_INCHES, DRAWING_GAP_INCHES] * ncols
    fig, grid = mpl2d.subplots(nrows, 3 * ncols - 1, squeeze=False,
                               figsize=(sum(ratios[:-1]), head_h * nrows + 0.1),
                               width_ratios=ratios[:-1])
    heads, words = grid[:, 0::3].ravel(), grid[:, 1::3].ravel()
    for ax in [*words, *grid[:, 2::3].ravel()]:
        ax.axis("off")
    for ax in heads[len(names):]:
        ax.axis("off")
    # the shaded area: light blue from its edge (DRAWING_EDGE), darker where stronger
    cmap = LinearSegmentedColormap.from_list(
        "drawing", [(0, "#9DBEDD"), (DRAWING_EDGE, "#9DBEDD"), (0.6, "#2B5C8A"),
                    (1, "#0B2545")])
    # characters a line of words holds: about 0.55 em each
    chars = int(DRAWING_TEXT_INCHES * 72 / (0.55 * DRAWING_WORDS_PT))
    for ax, text_ax, name in zip(heads, words, names):
        d = pain.PAIN_DRAWINGS[name]
        vw = view or drawing_view(name)
        _draw_on_skin(ax, pain.drawing_field(name, raw=True), DRAWING_EDGE, cmap, vw)
        seen = ("from behind" if vw.startswith("posterolateral") else
                "from the front" if vw.startswith("anterolateral") else "from the side")
        mpl2d.setup_view_axes(ax)
        _fade_to_page(ax, DRAWING_XLIM, DRAWING_YLIM, DRAWING_FADE_MM)
        text_ax.text(0.0, 0.96, f"Drawing {name}\n({d['side']} side,\n{seen})",
                     fontsize=13, fontweight="bold", ha="left", va="top", linespacing=1.15,
                     transform=text_ax.transAxes)
        text_ax.text(0.0, 0.66, _wrap(d["story"], chars).replace("<br>", "\n"),
                     fontsize=DRAWING_WORDS_PT, ha="left", va="top", linespacing=1.2,
                     transform=text_ax.transAxes)
    fig.subplots_adjust(left=0.0, right=1.0, top=1.0, bottom=0.0, wspace=0.04,
                        hspace=0.02)
    alt = ("Pain drawings for the exercise, each a head seen from the painful side (from "
           "the side and a little above, or from behind or in front and to that side) with "
           "the area the patient shaded in blue: " + "; ".join(
               f"{n}: {pain.PAIN_DRAWINGS[n]['story']}" for n in names))
    return mpl2d.StaticFigure(fig, alt, scale=scale)


# ---------------------------------------------------------------------------------------
