"""Print plate of the cutaneous territories (matplotlib)."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import to_rgb

from anatomy import pain
from anatomy.conventions import SIDES, check_side
from anatomy.head import ear_vertices
from anatomy.viz import mpl2d, style
from anatomy.viz.eyes import plate_eyes
from anatomy.viz.pain_views.heat import TERRITORY_COLOURS, TERRITORY_SHORT
from anatomy.viz.pain_views.plates import _visible
from anatomy.viz.pain_views.territory_mesh import face_assignment, vertex_normals

__all__ = ["EAR_CLEAR_MM", "LABEL_OFFSETS", "territory_plate"]

EAR_CLEAR_MM = 8.0  # in a side view a territory's label dot keeps this far (mm) from the ear


def territory_plate(side: str = "right", views=None, threshold: float = 0.5,
                    scale: float = 1.0) -> mpl2d.StaticFigure:
    """Print plate of the cutaneous territories in three views side by side.

    Anterior, lateral and posterior views with per-face colours, stippled overlap, a
    label per territory and the vertex-ear-chin line.

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side shown (and the lateral view's side).
    views : sequence of str or None, optional
        Named views, one panel each, in rows of two; None in it means the lateral view of
        ``side``. By default anterior, lateral and posterior for the right side, and
        lateral, anterior and posterior for the left: a view names the territories of
        ``side`` on that side of the head, and the left side's anterior and lateral names
        met between the panels ("auriculotemporalzygomaticotemporal").
    threshold : float, default 0.5
        Weight from which a face belongs to a territory (overlap: two or more).
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
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    side = check_side(side)
    if views is None:
        views = ("anterior", None, "posterior") if side == "right" else (
            None, "anterior", "posterior")
    views = [side if v is None else v for v in views]
    atlas = pain.territories()
    m = pain.pain_mesh()
    keys, cut_v, cut_f, dom, (ov_v, ov_f) = face_assignment(atlas, threshold)
    colours = np.tile(to_rgb(style.SKIN), (len(cut_f), 1))
    for k, key in enumerate(keys):
        colours[dom == k] = to_rgb(TERRITORY_COLOURS[key[0]])
    ev, ef, eye_rgb = plate_eyes(m.eye_vertices, m.eye_faces)
    v, f, c = mpl2d.merge_meshes([(cut_v, cut_f, style.SKIN), (ev, ef, style.EYE)])
    c[: len(cut_f)] = colours
    c[len(cut_f):] = eye_rgb
    ov_tri = ov_v[ov_f]
    centroids = ov_tri.mean(axis=1)
    ov_n = np.cross(ov_tri[:, 1] - ov_tri[:, 0], ov_tri[:, 2] - ov_tri[:, 0])
    ov_n /= np.maximum(np.linalg.norm(ov_n, axis=1, keepdims=True), 1e-12)
    mpl2d.use_style()
    # two columns, 6.3 inches tall: 9-point labels show at 14 px on a 1024 x 768 slide (a
    # row of three was 17 inches wide: 7 px on a slide, 4 points on an A4 page); the key
    # fills the panel left over
    ncols = min(2, len(views))
    nrows = -(-len(views) // ncols)
    spare = ncols * nrows > len(views)  # a panel for the key, or the key under the title
    fig, axes = mpl2d.subplots(nrows, ncols, figsize=(3.2 * ncols, 2.45 * nrows
                                                      + (0 if spare else 0.3)), squeeze=False)
    axes = axes.ravel()
    for ax in axes[len(views):]:
        ax.axis("off")
    key = "\n".join(textwrap.fill(item, 23, break_on_hyphens=False) for item in KEY)
    if spare:
        axes[-1].text(0.08, 0.5, key, fontsize=9.5, va="center", transform=axes[-1].transAxes)
    for ax, view in zip(axes, views):
        mpl2d.draw_mesh(ax, v, f, view, color=c)
        _, _, fwd = mpl2d.view_basis(view)
        facing = ov_n @ fwd < -0.15
        pts = centroids[facing]
        pts = pts[_visible(pts, view)]
        # on a thin white edge: black alone was lost on the dark territories (TON green,
        # auriculotemporal wine) and ran into the dashed line's black core (review 25)
        ax.scatter(*_stipple(mpl2d.project(pts, view)).T, s=STIPPLE_PT2, c="k", marker="o",
                   edgecolors="white", linewidths=0.5, zorder=3)
        for sd in {"posterior": (), "anterior": SIDES}.get(view, (view,)):  # visible lines
            line = pain.boundary_line(sd)
            ok = _visible(line, view, tol=8.0)
            xy = mpl2d.project(np.where(ok[:, None], line, np.nan), view)
            # long dashes on a white edge: thin dashes read as one more row of the
            # overlap dots, which line the territories' borders (student review)
            ax.plot(xy[:, 0], xy[:, 1], ls=(0, (5, 2.5)), lw=1.6, color=style.TEXT, zorder=4,
                    path_effects=[patheffects.withStroke(linewidth=3.4, foreground="white")])
        _label_territories(ax, atlas, view, side)
        mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
        ax.set_xlim(-190, 190)  # room for the labels beside the head
        # under the side without names: the right side's names are on the left of the
        # anterior view, the left side's on its right (and so in a side view)
        names_right = view == "left" or (view == "anterior" and side == "left")
        mpl2d.scale_bar(ax, loc=(0.15 if names_right else 0.72, 0.03))
    if spare:
        fig.suptitle("Cutaneous territories of the head and neck", fontsize=12)
    else:  # no panel to spare: the marks' key in the title (the colours are named)
        fig.suptitle(textwrap.fill("Cutaneous territories. " + "; ".join(KEY[2:]) + ".",
                                   width=round(13 * 3.2 * ncols)), fontsize=9.5)
    fig.tight_layout()
    named = [f"{v} lateral" if v in SIDES else v for v in views]
    count = {2: "Two", 3: "Three", 4: "Four"}.get(len(views), str(len(views)))
    alt = (f"{count} shaded drawings of the head ({', '.join(named)}) with "
           "the skin coloured by cutaneous nerve and every territory labelled: "
           "supratrochlear and supraorbital on the forehead and scalp to the vertex, "
           "zygomaticotemporal and auriculotemporal on the temple and in front of the ear, "
           "greater occipital from the nuchal line to the vertex, lesser occipital behind "
           "the ear, third occipital near the midline below the inion, great auricular over "
           "the angle of the jaw and the ear, transverse cervical on the front of the neck, "
           "supraclavicular over the clavicle. Black dots mark skin supplied by two or more "
           "nerves; a dashed line from the vertex past the ear to the chin separates "
           "trigeminal (front) from cervical (back) skin.")
    return mpl2d.StaticFigure(fig, alt, scale=scale)


# the plate's key: in a panel of its own, or under the title when every panel has a view
KEY = ("Colour: dominant nerve", "Skin colour: nerves not drawn (lower face, back of the neck)",
       "Black dots: skin of two or more nerves",
       "White-edged dashes: vertex-ear-chin line (trigeminal in front, cervical behind)")


LABEL_OFFSETS = {  # (dx, dy) in mm on the page, per view kind
    "lateral": {"greater_occipital": (-55, 25), "lesser_occipital": (-60, -5),
                "third_occipital": (-55, -35), "great_auricular": (-45, -60),
                "transverse_cervical": (58, 4), "supraclavicular": (-20, -42),
                "supratrochlear": (41, 44), "supraorbital": (54, 71),
                # the two trigeminal names start in front of the face: nearer, their
                # boxes covered the nose and the mouth (student review)
                "auriculotemporal": (110, -58), "zygomaticotemporal": (84, -22)},
    # the auriculotemporal and great auricular territories, seen edge-on at the side of
    # the head, are named in the lateral view only: from the front three names converged
    # on dots a few pixels apart by the ear, and from behind the great auricular's dot lay
    # 8 px from the LON's (review 12). The supratrochlear name starts past the head: it
    # lay on the other side's supraorbital skin
    "anterior": {"supratrochlear": (-100, 45), "supraorbital": (55, 62),
                 "zygomaticotemporal": (45, 14), "transverse_cervical": (60, 10),
                 "supraclavicular": (40, -25)},
    "posterior": {"greater_occipital": (55, 35), "lesser_occipital": (55, 5),
                  "third_occipital": (25, -52), "supraclavicular": (40, 25),
                  "supraorbital": (45, 45)},
}
# the overlap stipple: dots STIPPLE_MM or more apart on the page, STIPPLE_PT2 square
# points in area; a dot on every overlap triangle (about 4 mm apart, 2.5 pt2) was a grey
# haze on a projector (review 23)
STIPPLE_MM, STIPPLE_PT2 = 7.0, 6.0


def _stipple(xy) -> np.ndarray:
    """Page points ``xy`` (mm) thinned in order: a point is kept if no kept point lies
    within STIPPLE_MM, so every point lies within STIPPLE_MM of a kept one."""
    from scipy.spatial import cKDTree

    xy = np.asarray(xy, float).reshape(-1, 2)
    near = cKDTree(xy).query_ball_point(xy, STIPPLE_MM - 1e-9)
    kept = np.zeros(len(xy), bool)
    for k, others in enumerate(near):
        kept[k] = not kept[others].any()
    return xy[kept]


LABEL_DOT_GAP_MM = 20.0  # a view's label dots lie at least this far apart on the page


def _label_territories(ax, atlas, view: str, side: str) -> None:
    pts, labels, offs = _label_anchors(atlas, view, side)
    if pts:
        mpl2d.label_points(ax, mpl2d.project(np.array(pts), view), labels, color="white",
                           size=10, offsets=offs, fontsize=9)


def _label_anchors(atlas, view: str, side: str):
    """Per territory that ``view`` shows: the skin point its label's dot marks, its short
    name and the label's offset (mm on the page)."""
    kind = "lateral" if view in SIDES else view
    offsets = LABEL_OFFSETS.get(kind, {})
    m = pain.pain_mesh()
    _, _, fwd = mpl2d.view_basis(view)
    normals = vertex_normals(m)
    ear = m.vertices[ear_vertices(m.vertices)]
    ear_xy = mpl2d.project(ear[_visible(ear, view, tol=6.0)], view) if kind == "lateral" \
        else np.zeros((0, 2))
    pts, labels, offs = [], [], []
    for name, (dx, dy) in offsets.items():
        w = atlas.weights[(name, side)]
        sel = (w >= 0.9) & (normals @ fwd < -0.3)
        if sel.sum() < 2:
            continue
        cand = m.vertices[sel]
        cand = cand[_visible(cand, view, tol=6.0)]
        if len(cand) < 2:
            continue
        xy = mpl2d.project(cand, view)
        middle = np.median(xy, axis=0)
        # the seen point nearest the territory's middle, in a side view off the auricle
        # on the page: dots on the ear's rim hid the ear (reviewer)
        clear = _off_ear(xy, ear_xy)
        cand, xy = (cand[clear], xy[clear]) if clear.any() else (cand, xy)
        p = cand[np.argmin(np.linalg.norm(xy - middle, axis=1))]
        sign = -1 if (view == "left" or (view in ("anterior",) and side == "right")) else 1
        pts.append(p)
        labels.append(TERRITORY_SHORT[name])
        offs.append((sign * dx if view != "posterior" else (dx if side == "right" else -dx),
                     dy))
    return pts, labels, offs


def _off_ear(xy, ear_xy) -> np.ndarray:
    """Which page points (mm) lie at least ``EAR_CLEAR_MM`` from every seen auricle point."""
    if not len(ear_xy):
        return np.ones(len(xy), bool)
    d = np.linalg.norm(np.asarray(xy)[:, None] - np.asarray(ear_xy)[None], axis=2)
    return d.min(axis=1) >= EAR_CLEAR_MM
