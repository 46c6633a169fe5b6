"""Print plates of the head (matplotlib via mpl2d) and its landmark table."""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel, landmark_definitions, side_of
from anatomy.viz import mpl2d, style
from anatomy.viz.eyes import plate_eyes
from anatomy.viz.head_views.offsets import LATERAL_OFFSETS, POSTERIOR_OFFSETS
from anatomy.viz.head_views.scene import label

__all__ = ["PLATE_ANTERIOR", "PLATE_INCHES", "PLATE_LATERAL", "PLATE_POSTERIOR", "PLATE_VIEWS",
           "draw_skin", "head_plate", "landmark_table"]

# the print plate's labels are larger next to the drawing: a few move apart
PLATE_LATERAL = {**LATERAL_OFFSETS, "glabella": (20, 30), "supraorbital": (30, 12),
                 "nasion": (26, -10), "tragus": (-4, 47), "tmj": (30, -15),
                 "inion": (-16, 10), "c7_spinous": (-26, 20), "acromion": (-44, -2),
                 # beside the crown: above it, the name ran into the panel's title
                 "vertex": (22, -4)}
# the vertex's label box clear of the panel's title, the tragus's of the inion's name
PLATE_POSTERIOR = {**POSTERIOR_OFFSETS, "inion": (-6, 40), "tragus": (26, 16),
                   "c7_spinous": (16, 10), "vertex": (14, 6)}
# from the front (mm, for the subject's left; its right is mirrored): each side's names
# stand in a column outside the face on its own side, the midline's at their tops and
# under the chin. With the back view's offsets the right side's names ran across the
# face into the left side's
PLATE_ANTERIOR = {"vertex": (14, 6), "glabella": (-95, 60.5), "nasion": (95, 84.5),
                  "supraorbital": (65, 44.5), "tragus": (22, 4), "tmj": (24, 36),
                  "gonion": (35, -12), "menton": (-45, -5), "suprasternal_notch": (-15, 40),
                  "clavicle_mid": (10, -45), "acromion": (10, 45)}


PLATE_VIEWS = ("posterior", "right")
PLATE_INCHES = 7.8  # the width of the plate of PLATE_VIEWS


def head_plate(head: HeadModel, views=PLATE_VIEWS, *, title: str | None = None):
    """Print plate: shaded orthographic views with the landmarks visible in each.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    views : sequence of str, default PLATE_VIEWS ("posterior", "right")
        Named views, one panel each:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    title : str, optional
        Plate title; "Head model landmarks (skin surface, mm)" by default.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    mpl2d.use_style()
    # one scale for every panel: each is as wide as its view of the head (plus room for
    # the labels), and all share the tallest view's height
    boxes = [_bounds(head, v) for v in views]
    width = [hi[0] - lo[0] for lo, hi in boxes]
    y_lo = min(lo[1] for lo, _ in boxes)
    y_hi = max(hi[1] for _, hi in boxes)
    # and one scale for every plate, the two-view plate's: 7.8 inches, where 9-point
    # labels read at 14 px on a 1024 x 768 slide and at 7 points on an A4 page. The
    # labels' offsets are in mm, so at 3.9 inches a panel whatever the views, three views
    # drew smaller heads under the same labels, which ran into each other (the height
    # follows; 0.75 inch for the titles)
    default = sum(np.ptp(_bounds(head, v), axis=0)[0] for v in PLATE_VIEWS)
    fig_w = PLATE_INCHES * sum(width) / default
    fig, axes = mpl2d.subplots(1, len(views), width_ratios=width,
                               figsize=(fig_w, fig_w * (y_hi - y_lo) / sum(width) + 0.75))
    axes = np.atleast_1d(axes)
    for ax, view, (lo, hi) in zip(axes, views, boxes):
        draw_skin(ax, head, view)
        names = _visible_landmarks(head, view)
        offsets = (PLATE_LATERAL if view in ("left", "right") else
                   PLATE_ANTERIOR if view == "anterior" else PLATE_POSTERIOR)
        offs = []
        for n in names:
            side = side_of(n)
            base = n.removesuffix(f"_{side}") if side else n
            dx, dy = offsets.get(base, (14, 10))
            # the subject's left is on the page's left from behind, its right from the front
            if (view, side) in (("posterior", "left"), ("anterior", "right")):
                dx = -dx
            if view == "left":
                dx = -dx
            offs.append((dx, dy))
        pts = mpl2d.project([head.landmarks[n] for n in names], view)
        mpl2d.label_points(ax, pts, [label(n) for n in names], offsets=offs)
        mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(y_lo, y_hi)
        mpl2d.scale_bar(ax)
    fig.suptitle(title or "Head model landmarks (skin surface, mm)", fontsize=15)
    top = 0.05 * fig.get_figheight()  # inches above the panels for the plate's title
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    # the panels keep the heads' proportions, so the space the layout gave them was
    # taller than they are: white bands above and below (review 14). The figure loses
    # most of that height and is laid out again, until the bands are gone (a layout's
    # margins move with the height, so it takes a few rounds)
    for _ in range(4):
        spare = max(ax.get_position(original=True).height for ax in axes)
        for ax in axes:
            ax.apply_aspect()
        spare -= max(ax.get_position().height for ax in axes)
        if spare < 0.01:
            break
        height = fig.get_figheight() * (1 - 0.8 * spare)
        fig.set_figheight(height)
        fig.tight_layout(rect=(0, 0, 1, 1 - top / height))
    alt = ("Shaded drawings of the head model in " + " and ".join(
        mpl2d.VIEW_TITLES[v].lower() for v in views) + ", with the skin landmarks marked "
        "and labelled; scale bar 50 mm.")
    return mpl2d.StaticFigure(fig, alt)


def _bounds(head: HeadModel, view: str):
    """Screen box (mm) of the head in ``view``, widened for the labels: the front view's
    names stand beside the face, and need more room at the sides."""
    xy = mpl2d.project(head.vertices, view)
    pad = np.array([130.0 if view == "anterior" else 58.0, 12.0])
    return xy.min(axis=0) - pad, xy.max(axis=0) + pad


def draw_skin(ax, head: HeadModel, view: str, alpha: float = 1.0):
    """Shaded skin and eyes in one depth-sorted drawing.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in (mm).
    head : HeadModel
        The head model (``load_head()``).
    view : str
        A named view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    alpha : float, default 1.0
        Opacity.

    Returns
    -------
    FlatTriangles
        The artist added to ``ax``.
    """
    ev, ef, eye_rgb = plate_eyes(head.eye_vertices, head.eye_faces)
    v, f, c = mpl2d.merge_meshes([(head.vertices, head.faces, style.SKIN),
                                  (ev, ef, style.EYE)])
    c[len(head.faces):] = eye_rgb
    return mpl2d.draw_mesh(ax, v, f, view, color=c, alpha=alpha, halve=1)


# a landmark's marker on the plate shows if its centre or a point this far to its side
# or above or below is seen: the vertex from behind and C7 from the side sit on the
# outline, their markers half in view
PLATE_RIM_MM = 3.0


def _visible_landmarks(head: HeadModel, view: str) -> list[str]:
    """Landmarks the view sees: no skin between them (or their marker's rim) and the
    viewer, by the skin's parallel-ray test (``Skin.visible``), as the 3D figures do. A
    rule by side of the head drew the tragus on the back of the ears and the clavicles on
    the back of the shoulders in the posterior view (reviewer)."""
    from anatomy.head import load_head
    from anatomy.skin import Skin, head_skin

    skin = head_skin() if head is load_head() else Skin(head.vertices, head.faces)
    names = list(head.landmarks)
    pts = np.array([head.landmarks[n] for n in names], float)
    right, up, _ = mpl2d.view_basis(view)
    rims = [np.zeros(3)] + [PLATE_RIM_MM * s * a for a in (right, up) for s in (1, -1)]
    seen = np.any([skin.visible(pts + r, view) for r in rims], axis=0)
    return [n for n, ok in zip(names, seen) if ok]


def landmark_table(head: HeadModel):
    """DataFrame of landmarks: coordinates, definition, method, references.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).

    Returns
    -------
    pandas.DataFrame
        One row per landmark (index ``landmark``): ``x_mm``, ``y_mm``, ``z_mm``,
        ``definition``, ``derived`` and ``references``.
    """
    import pandas as pd

    defs = landmark_definitions()
    rows = []
    for name, p in head.landmarks.items():
        side = side_of(name)
        d = defs[name.removesuffix(f"_{side}") if side else name]
        rows.append({"landmark": name, "x_mm": round(float(p[0]), 1),
                     "y_mm": round(float(p[1]), 1), "z_mm": round(float(p[2]), 1),
                     "definition": d.definition, "derived": d.derived,
                     "references": ", ".join(d.references)})
    return pd.DataFrame(rows).set_index("landmark")
