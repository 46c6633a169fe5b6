"""Where to examine the occipital nerves (notebook 04): skin points and a posterior view."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb

from anatomy import headache_maps as hm
from anatomy.nerves import load_nerve_specs
from anatomy.viz import mpl2d, style
from anatomy.viz.headache_views.common import OI
from anatomy.viz.headache_views.maps import _plate_mesh

__all__ = ["EXAM_REFERENCES", "examination_figure", "examination_points", "head_z_drop"]

def examination_points(side: str = "right") -> dict[str, np.ndarray]:
    """Skin points a clinician palpates, on one side.

    The GON's exit through the trapezius (Kim 2018's mean, from nerves.toml) and the block
    points one third and two thirds of the way from the inion to the mastoid tip (GON:
    Brown's atlas; the LON rule is a weakly supported teaching rule, see
    ``kit_lon_block_marker``).

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    dict[str, numpy.ndarray]
        Label -> skin point (mm): ``"inion (EOP)"``, ``"mastoid tip"``,
        ``"GON exit, trapezius (Kim 2018)"``, ``"GON block: 1/3 EOP to mastoid"`` and
        ``"LON block: 2/3 EOP to mastoid"``.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    from anatomy.conventions import SIDE_SIGN, check_side

    s = SIDE_SIGN[check_side(side)]
    head = hm.load_head()
    skin = hm.map_skin()
    inion, mastoid = head.landmarks["inion"], head.landmarks[f"mastoid_{side}"]
    exit_ = load_nerve_specs()["greater_occipital"].waypoint("trapezius_exit")

    def skin_behind(p):
        hit = skin.ray_hit((p[0], -30.0, p[2]), (0, -1, 0))
        return hit if hit is not None else skin.closest([p])[0]

    return {
        "inion (EOP)": np.asarray(inion, float),
        "mastoid tip": np.asarray(mastoid, float),
        "GON exit, trapezius (Kim 2018)": skin_behind(
            (s * exit_.lateral_mm, inion[1], inion[2] + exit_.vertical_mm)),
        "GON block: 1/3 EOP to mastoid": skin_behind(inion + (mastoid - inion) / 3),
        "LON block: 2/3 EOP to mastoid": skin_behind(inion + 2 * (mastoid - inion) / 3),
    }


MAP_SHADE = 0.35  # how far the faint map goes from skin toward its heat colour
EXAM_REFERENCES = ["kim2018", "brown_atlas2006", "kit_lon_block_marker", "ichd3_2018",
                   "on_clinic2021"]


def examination_figure(side: str = "right") -> mpl2d.StaticFigure:
    """Posterior view of where to examine the occipital nerves.

    The occipital neuralgia map (faint) with the points to palpate and tap (Tinel's sign)
    and the classic block points, each labelled.

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side examined.

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
    mpl2d.use_style()
    pts = examination_points(side)
    verts, faces, colours = _plate_mesh("occipital_neuralgia", side, scale=0.3)
    # faint: the map a third of the way from skin to its heat colour, so the marks on it
    # stand out (at full colour the orange hid the star of the GON exit)
    skin = np.array(to_rgb(style.SKIN))
    colours = skin + MAP_SHADE * (colours - skin)
    # 6.2 inches wide: shown about full size in JupyterLab on a 1024 x 768 screen, so
    # 9.5-point labels read at about 13 px (at 8.2 inches they were scaled to 9 px)
    fig, ax = mpl2d.subplots(figsize=(6.2, 5.2))
    mpl2d.draw_mesh(ax, verts, faces, "posterior", color=colours)
    p2 = {k: mpl2d.project(p, "posterior")[0] for k, p in pts.items()}
    line = np.array([p2["inion (EOP)"], p2["mastoid tip"]])
    ax.plot(line[:, 0], line[:, 1], ls="--", lw=1.2, color=style.TEXT, zorder=4)
    s = 1 if side == "right" else -1
    styles = {"inion (EOP)": ("o", OI["blue"], (-s * 45, 30)),
              "mastoid tip": ("o", OI["blue"], (s * 45, -25)),
              # straight down: from the lower left its leader ran on in line with the
              # block point's, and the two read as one line through both markers
              "GON exit, trapezius (Kim 2018)": ("*", style.NERVE, (-s * 12, -62)),
              "GON block: 1/3 EOP to mastoid": ("D", OI["bluish_green"], (s * 55, 55)),
              "LON block: 2/3 EOP to mastoid": ("s", OI["reddish_purple"], (s * 40, 28))}
    drawn = {}
    for name, (marker, colour, off) in styles.items():
        mpl2d.label_points(ax, p2[name][None], [name], color=colour, marker=marker,
                           size=260 if marker == "*" else 60, offsets=[off], fontsize=9.5)
        drawn[name] = ax.collections[-1]
    for coll in ax.collections[1:]:
        coll.set_edgecolor("black")
    # the block point is an open diamond drawn over the star: the two lie within about a
    # centimetre, and the filled diamond under the star could not be read (student review)
    block = drawn["GON block: 1/3 EOP to mastoid"]
    block.set_facecolor("none")
    block.set_edgecolor(OI["bluish_green"])
    block.set_linewidth(2.4)
    block.set_sizes([170])
    block.set_zorder(drawn["GON exit, trapezius (Kim 2018)"].get_zorder() + 0.5)
    mpl2d.setup_view_axes(ax)
    ax.set_xlim(-160, 175)
    ax.set_ylim(-100, 140)
    _magnify(ax, verts, faces, colours, line, p2, styles, side)
    left_screen, right_screen = "L", "R"
    ax.text(0.02, 0.97, left_screen, transform=ax.transAxes, fontsize=12, fontweight="bold",
            va="top")
    ax.text(0.98, 0.97, right_screen, transform=ax.transAxes, fontsize=12, fontweight="bold",
            va="top", ha="right")
    ax.set_title(f"Examining the occipital nerves ({side} side, posterior view)", fontsize=13)
    ax.text(0.5, -0.02, "Shaded: occipital neuralgia map (GON, LON, TON territories).\n"
            "Press along the nerve for tenderness; tap over the GON exit for Tinel's sign.",
            transform=ax.transAxes, ha="center", va="top", fontsize=10)
    fig.tight_layout()
    gon = pts["GON exit, trapezius (Kim 2018)"]
    alt = (f"Posterior view of the head with the occipital neuralgia map on the {side}, "
           "faint. Marked and labelled: the inion, the mastoid tip and a dashed line between "
           "them; the greater occipital nerve's exit through the trapezius about "
           f"{abs(gon[0]):.0f} mm lateral and {head_z_drop(gon):.0f} mm below the inion "
           "(Kim 2018), where tenderness and Tinel's sign are sought; the classic GON block "
           "point one third and the LON block point two thirds of the way from the inion to "
           "the mastoid. A box at the upper outer corner shows the GON exit and block point "
           f"{INSET_ZOOM:g} times larger.")
    return mpl2d.StaticFigure(fig, alt)


# the GON's exit and its block point lie about a centimetre apart, their markers half over
# each other on a projector (review 38): a box beside the head shows that spot INSET_ZOOM
# times larger (a window INSET_MM across), its markers at their own size, so they part
INSET_ZOOM = 3.0
INSET_MM = 20.0


def _magnify(ax, verts, faces, colours, line, p2, styles, side) -> None:
    """Draw the spot of the GON exit and block point enlarged, in a box at the upper
    corner beside the head on the subject's other side (bare skin and white there), and
    frame the spot in the drawing with a square of the box's colour."""
    from matplotlib.patches import Rectangle

    names = ("GON exit, trapezius (Kim 2018)", "GON block: 1/3 EOP to mastoid")
    centre = (p2[names[0]] + p2[names[1]]) / 2
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w = INSET_MM * INSET_ZOOM / (x1 - x0)
    h = INSET_MM * INSET_ZOOM / (y1 - y0)
    left = 0.02 if side == "right" else 0.98 - w
    ins = ax.inset_axes([left, 0.88 - h, w, h])
    mpl2d.draw_mesh(ins, verts, faces, "posterior", color=colours)
    ins.plot(line[:, 0], line[:, 1], ls="--", lw=1.2, color=style.TEXT, zorder=4)
    for name in names:   # as in the drawing: the open diamond over the star
        marker, colour, _ = styles[name]
        star = marker == "*"
        ins.scatter(*p2[name], marker=marker, s=260 if star else 170, zorder=6 if star else 7,
                    facecolor=colour if star else "none", linewidths=0.8 if star else 2.4,
                    edgecolor="black" if star else colour)
    half = INSET_MM / 2
    ins.set_xlim(centre[0] - half, centre[0] + half)
    ins.set_ylim(centre[1] - half, centre[1] + half)
    ins.set_xticks([])
    ins.set_yticks([])
    for spine in ins.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor(style.TEXT)
    ins.set_title(f"inside the square, \u00d7{INSET_ZOOM:g}", fontsize=9.5, pad=3)
    ax.add_patch(Rectangle(centre - half, INSET_MM, INSET_MM, fill=False, lw=1.0,
                           edgecolor=style.TEXT, zorder=8))


def head_z_drop(point) -> float:
    """How far (mm) a point lies below the inion.

    Parameters
    ----------
    point : array_like, shape (3,)
        A point in the head frame, mm.

    Returns
    -------
    float
        Inion height minus the point's height, mm (negative above the inion).
    """
    return float(hm.load_head().landmarks["inion"][2] - np.asarray(point)[2])
