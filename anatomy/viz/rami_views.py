"""Dorsal versus ventral rami: a schematic cross-section of the neck (matplotlib).

A teaching diagram, not a measured drawing: a typical cervical level (C3 and below)
seen from above, front at the top (C2 leaves between the arch of the atlas and the axis instead).
The roots join into a spinal nerve, which splits into a dorsal ramus
(to the muscles and skin of the back of the neck and head: the GON from C2, the TON from
C3) and a ventral ramus (to the front: the upper four form the cervical plexus, which
gives the LON and the great auricular nerve). The anatomy follows Gray 1918 (key
``grays1918``); the figure draws no measured position.
"""

from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon

from anatomy.references import cite
from anatomy.viz import mpl2d, style

__all__ = [
    "ALT", "DORSAL", "REFERENCES", "ROOT", "SEGMENTS", "VENTRAL", "nerve_paths", "rami_figure",
]

REFERENCES = ("grays1918",)
DORSAL = style.OKABE_ITO["blue"]
VENTRAL = style.OKABE_ITO["vermillion"]
ROOT = style.NERVE  # roots and the spinal nerve trunk
SEGMENTS = ("dorsal_root", "ventral_root", "spinal_nerve", "dorsal_ramus",
            "medial_branch", "lateral_branch", "ventral_ramus")
# the labels' size, points: on a slide the figure fills the width, and at 10.5 points on
# 9 inches its labels were 14 px at 1024x768 (review 24), at 12 points on 8.9 inches
# 17 px, two thirds of the slide's text (review 25). The labels are on short lines in
# narrow columns, so the figure is 7.2 inches wide: 20 px on the slide, and the section
# keeps its size
LABEL_PT = 12.0
FIGSIZE = (7.2, 5.15)
LABEL_X = 5.6  # the label columns' inner edges, either side of the neck (half-width 5.3)


def _bezier(*ctrl, n: int = 40) -> np.ndarray:
    """Points on a Bezier curve through the control points (de Casteljau)."""
    pts = np.asarray(ctrl, float)
    out = []
    for t in np.linspace(0.0, 1.0, n):
        p = pts.copy()
        while len(p) > 1:
            p = (1 - t) * p[:-1] + t * p[1:]
        out.append(p[0])
    return np.round(np.array(out), 4)


def nerve_paths(mirror: bool = False) -> dict[str, np.ndarray]:
    """The nerve segments of one side, in schematic units (x lateral, y anterior).

    Parameters
    ----------
    mirror : bool, optional
        If True, the other side (x negated).

    Returns
    -------
    dict of str to ndarray
        (n, 2) polylines keyed by segment: ``dorsal_root``, ``ventral_root``,
        ``spinal_nerve``, ``dorsal_ramus``, ``medial_branch``, ``lateral_branch`` and
        ``ventral_ramus``. The rami start where the spinal nerve ends.
    """
    paths = {
        "dorsal_root": _bezier((0.72, -0.05), (1.15, -0.05), (1.5, 0.35), (1.95, 0.78)),
        "ventral_root": _bezier((0.78, 0.42), (1.2, 0.55), (1.6, 0.75), (1.95, 0.78)),
        # the trunk runs out past the articular pillar before it splits: long enough for
        # its leader to leave it clear of the fork (review 27)
        "spinal_nerve": _bezier((1.95, 0.78), (2.45, 0.83), (2.9, 0.87)),
        "dorsal_ramus": _bezier((2.9, 0.87), (3.3, 0.45), (3.2, -0.5), (2.45, -0.95)),
        "medial_branch": _bezier((2.45, -0.95), (1.75, -1.5), (1.35, -2.6), (1.05, -3.55)),
        "lateral_branch": _bezier((2.45, -0.95), (2.95, -1.35), (3.3, -1.65), (3.55, -2.0)),
        "ventral_ramus": _bezier((2.9, 0.87), (3.5, 0.97), (3.9, 1.12), (4.2, 1.45)),
    }
    if mirror:
        paths = {k: v * [-1.0, 1.0] for k, v in paths.items()}
    return paths


def _outline(lw: float) -> list:
    return [patheffects.Stroke(linewidth=lw + 1.8, foreground="#222222"),
            patheffects.Normal()]


def _draw_section(ax) -> None:
    """Skin, muscles, vertebra, vertebral arteries and spinal cord (both sides)."""
    bone = {"fc": style.BONE, "ec": "#8C7B5A", "lw": 1.3, "zorder": 2}
    muscle = {"fc": style.MUSCLE, "ec": "#7A2E28", "lw": 1.0, "zorder": 1}
    # the neck's outline: skin over the subcutaneous fat
    ax.add_patch(Ellipse((0, 0.45), 10.6, 9.0, fc="#F6E3D6", ec=style.SKIN_EDGE, lw=2.0,
                         zorder=0))
    for s in (-1, 1):
        # back muscles (semispinalis, splenius and the deep group, drawn as one mass),
        # the trapezius as a sheet over them, sternocleidomastoid at the front and side
        ax.add_patch(Ellipse((s * 1.75, -2.05), 2.7, 1.8, angle=s * 14, alpha=0.55, **muscle))
        ax.add_patch(Ellipse((s * 2.35, -3.0), 3.4, 0.8, angle=s * 20, alpha=0.4, **muscle))
        ax.add_patch(Ellipse((s * 3.35, 2.65), 1.05, 2.2, angle=s * 48, alpha=0.55, **muscle))
        # transverse process (anterior and posterior roots round the foramen
        # transversarium) joined to the body, and the articular pillar behind the foramen
        ax.add_patch(Polygon([(s * 1.3, 1.75), (s * 2.6, 1.85), (s * 3.05, 1.6),
                              (s * 3.0, 1.15), (s * 2.55, 1.05), (s * 1.3, 1.2)], **bone))
        ax.add_patch(Polygon([(s * 1.45, 0.38), (s * 2.25, 0.55), (s * 2.55, 0.0),
                              (s * 2.35, -0.55), (s * 1.6, -0.75), (s * 1.2, -0.3)], **bone))
        # lamina from the pillar to the spinous process
        ax.add_patch(Polygon([(s * 1.25, -0.35), (s * 1.65, -0.72), (s * 0.3, -1.55),
                              (s * 0.0, -1.6), (s * 0.0, -1.25), (s * 0.2, -1.2)], **bone))
        # vertebral artery in the foramen transversarium
        ax.add_patch(Circle((s * 2.3, 1.45), 0.22, fc=style.ARTERY, ec="#7F1A1A", lw=0.8,
                            zorder=3))
    ax.add_patch(FancyBboxPatch((-1.4, 1.05), 2.8, 1.6,
                                boxstyle="round,pad=0,rounding_size=0.55", **bone))
    # spinous process, bifid at C2-C6
    ax.add_patch(Polygon([(-0.3, -1.45), (0.3, -1.45), (0.38, -2.55), (0.12, -2.45),
                          (0.0, -2.2), (-0.12, -2.45), (-0.38, -2.55)], **bone))
    # spinal cord, with the grey matter's butterfly, in the vertebral canal
    ax.add_patch(Ellipse((0, 0.2), 1.55, 1.05, fc="#FBF7EE", ec="#6B6B6B", lw=1.2, zorder=3))
    wing = np.array([[0.05, 0.0], [0.3, 0.3], [0.42, 0.26], [0.22, 0.0], [0.4, -0.28],
                     [0.3, -0.34], [0.05, 0.0]])
    for s in (-1, 1):
        ax.add_patch(Polygon(wing * [s, 1] + [0, 0.2], closed=True, fc="#C9C3B6",
                             ec="none", zorder=4))


def _draw_nerves(ax, lw: float = 3.2) -> None:
    for mirror in (False, True):
        paths = nerve_paths(mirror)
        for key, xy in paths.items():
            colour = DORSAL if key in ("dorsal_ramus", "medial_branch", "lateral_branch") \
                else VENTRAL if key == "ventral_ramus" else ROOT
            width = lw * (0.75 if key in ("medial_branch", "lateral_branch") else 1.0)
            ax.plot(*xy.T, color=colour, lw=width, solid_capstyle="round", zorder=6,
                    path_effects=_outline(width))
        # dorsal root ganglion: a swelling on the dorsal root, in the foramen
        g = paths["dorsal_root"][30]
        ax.add_patch(Ellipse(g, 0.5, 0.32, angle=40 * (-1 if mirror else 1), fc=ROOT,
                             ec="#222222", lw=1.2, zorder=7))
        # the branches end in the skin: small arrowheads
        for key, colour in (("medial_branch", DORSAL), ("ventral_ramus", VENTRAL)):
            a, b = paths[key][-2], paths[key][-1]
            ax.annotate("", xy=b + (b - a) * 4, xytext=b, zorder=7,
                        arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.6",
                                    "color": colour, "lw": 0})


def _label(ax, point, at, text, colour=style.TEXT, weight="normal", ha=None,
           via=()) -> None:
    p, q = np.asarray(point, float), np.asarray(at, float)
    ax.add_artist(mpl2d.Leader(p, q, gap_pt=1.5, via=via, lw=0.7, color="#555555",
                               zorder=8))
    ax.text(*q, text, fontsize=LABEL_PT, color=colour, weight=weight, zorder=9,
            ha=ha or ("left" if q[0] >= p[0] else "right"), va="center",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9})


def _annotate(ax) -> None:
    right, left = nerve_paths(), nerve_paths(mirror=True)
    x = LABEL_X
    # the subject's structures and the roots on the left of the picture, on short lines
    # (narrow columns leave the section its size in a figure near a slide's shape)
    _label(ax, (0.45, 2.65), (1.05, 4.1), "vertebral body", ha="center")
    # the ventral root lies between the bone, the spinal nerve and the ganglion: a
    # straight leader from the left crossed the ganglion (review 25), so this one comes
    # down from above, clear of the nerves, and slants across the transverse process (from
    # above it cannot miss the bone), clear of the vertebral body's corner: straight down
    # over the body it read as a seam in the bone (review 26), with its bend 0.5 further in
    # it ran along the body's rounded corner (review 27)
    root = left["ventral_root"][9]
    _label(ax, root, (-x, 4.6), "ventral root", weight="bold", via=[(-3.0, 4.6)])
    _label(ax, (-3.2, 2.9), (-x, 3.54), "sternocleido-\nmastoid")
    _label(ax, (-2.3, 1.45), (-x, 2.48), "vertebral artery")
    _label(ax, left["dorsal_root"][28], (-x, 1.42), "dorsal root\nganglion")
    # the cord's leader comes in under the dorsal root, to the cord's lower edge: from
    # above the root it crossed it, beside the root's own leader (review 26)
    _label(ax, left["dorsal_root"][10], (-x, 0.36), "dorsal root", weight="bold")
    _label(ax, (-0.15, -0.27), (-x, -0.42), "spinal cord")
    _label(ax, (-1.95, -0.35), (-x, -1.44), "articular pillar\n(facet joints)")
    # in the muscle beside the nerve: on the medial branch it named the nerve (review 25)
    _label(ax, (-2.35, -2.2), (-x, -2.82), "deep back\nmuscles")
    # the spinous process's point lies above the trapezius's: its label does too, so the
    # two leaders do not cross
    _label(ax, (-0.15, -2.3), (-x, -3.88), "spinous process")
    _label(ax, (-2.9, -3.15), (-x, -4.62), "trapezius")
    # the nerve on the right, read from the top: the trunk, then its two rami. The trunk
    # is boxed in by bone, the ganglion and the fork: its leader leaves it upwards, over
    # the transverse process, where it crosses no nerve. Into the fork from the right it
    # crossed the dorsal ramus's start (review 27)
    _label(ax, right["spinal_nerve"][16], (x, 4.55), "spinal nerve\n(roots joined)")
    _label(ax, right["ventral_ramus"][12], (x, 3.1), "VENTRAL RAMUS\nto the front",
           colour=VENTRAL, weight="bold")
    _label(ax, (4.35, 1.6), (x, 1.25),
           "C1-C4 ventral rami\nform the cervical\nplexus: LON, great\nauricular nerve",
           colour=VENTRAL)
    _label(ax, right["dorsal_ramus"][22], (x, -0.78), "DORSAL RAMUS\nto the back",
           colour=DORSAL, weight="bold")
    _label(ax, right["lateral_branch"][39], (x, -2.12), "lateral branch\n(to muscles)",
           colour=DORSAL)
    _label(ax, right["medial_branch"][34], (x, -3.85),
           "medial branch to\nmuscles and skin:\nC2: GON, C3: TON", colour=DORSAL)
    ax.text(0, 5.2, "FRONT", ha="center", va="center", fontsize=LABEL_PT, color="#555555")
    ax.text(0, -4.35, "BACK", ha="center", va="center", fontsize=LABEL_PT, color="#555555")


ALT = ("Schematic cross-section of the neck at a typical cervical level (C3 and below), "
       "seen from above "
       "with the front at the top. In the middle the spinal cord sits in the vertebral canal, "
       "behind the vertebral body. A vertebral artery lies in each transverse process. Back "
       "muscles and the trapezius lie behind, sternocleidomastoid at the front and side. On "
       "each side a dorsal root (with its ganglion) and a ventral root join into a short "
       "spinal nerve, which splits at once. The dorsal ramus (blue) turns back into the "
       "back muscles. It divides into a lateral branch to the muscles and a medial branch "
       "that reaches the skin of the back of the neck and head. At C2 this is the greater "
       "occipital nerve, at C3 the third occipital nerve. The ventral ramus (orange-red) "
       "runs forward and outward towards sternocleidomastoid: the ventral rami of C1-C4 "
       "form the cervical plexus, which gives the lesser occipital and great auricular "
       "nerves. C2 differs: it leaves between the arch of the atlas and the lamina of the "
       "axis. Not to scale.")


def rami_figure() -> mpl2d.StaticFigure:
    """Dorsal and ventral rami of a cervical spinal nerve: a labelled schematic.

    Returns
    -------
    StaticFigure
        The figure (``.figure``) with its alt text (``.alt``); displays as a PNG in a
        notebook, ``.savefig(path)`` writes PNG, SVG or PDF.
    """
    mpl2d.use_style()
    fig, ax = mpl2d.subplots(figsize=FIGSIZE)
    _draw_section(ax)
    _draw_nerves(ax)
    _annotate(ax)
    ax.set_xlim(-9.75, 10.35)
    ax.set_ylim(-5.3, 5.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Dorsal and ventral rami of a cervical spinal nerve\n(schematic, not to scale)",
                 fontsize=13.5, pad=4)
    fig.text(0.01, 0.01, f"Source: {cite(*REFERENCES)}. A typical cervical level (C3 and "
             "below), seen from above.\nC2 differs: it leaves between the arch of the atlas "
             "and the lamina of the axis.",
             fontsize=10.5, color="#444444")
    fig.subplots_adjust(left=0.0, right=1.0, bottom=0.1, top=0.885)
    # a flat-coloured schematic: 32 colours suffice (fewer merged the white with the
    # skin). A slide shows the PNG no larger than its pixels, and no wider than 702 CSS
    # px: at scale 0.8 (634 px) the 20 px labels were 17 px; 0.89 is 705 px, and no
    # larger, for notebook 01's size
    return mpl2d.StaticFigure(fig, ALT, scale=0.89, colors=32)
