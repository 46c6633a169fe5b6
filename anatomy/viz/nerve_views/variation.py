"""Print plates of where the occipital nerves vary and where blocks aim (matplotlib)."""

from __future__ import annotations

import numpy as np

from anatomy import nerves as nv
from anatomy.head import load_head
from anatomy.viz import mpl2d, style
from anatomy.viz.head_views import draw_skin
from anatomy.viz.nerve_views.plates import SHORT_LABELS, _legend, draw_nerve

__all__ = ["block_landmark_figure", "variation_figure"]


def _ellipse(ax, centre, sd_x, sd_y, **kw) -> None:
    from matplotlib.patches import Ellipse

    ax.add_patch(Ellipse(centre, 2 * sd_x, 2 * sd_y, fill=False, **kw))


VARIATION_INCHES = (5.1, 4.25)  # the variation figure's size
VARIATION_PT = 10.5  # its text, points
VARIATION_SCALE = 1.25  # shown in a notebook this much larger than its size in inches


def variation_figure(n: int = 300, seed: int = 1) -> mpl2d.StaticFigure:
    """Spread of sampled GON piercing points (right side, EOP frame) with 1-SD ellipses.

    Parameters
    ----------
    n : int, default 300
        Number of sampled nerves (``anatomy.nerves.sample_values``).
    seed : int, default 1
        Seed of the random generator.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If ``n`` is not a positive integer.
    """
    from matplotlib.patches import Circle

    from anatomy.structures import structure_points

    mpl2d.use_style()
    head = load_head()
    eop = head.landmarks["inion"]
    values = nv.sample_values("greater_occipital", n, seed)
    spec = nv.load_nerve_specs()["greater_occipital"]
    # small and with large text: paper prints it in one column, 70 mm tall, where the
    # 7.2-inch figure's legend came out at 4 points (review 22); the notebook shows it at
    # VARIATION_SCALE
    fig, ax = mpl2d.subplots(figsize=VARIATION_INCHES)
    pt = VARIATION_PT

    LEFT = ("left", "center")

    def label(point, at, text, **kw):
        mpl2d.leader_label(ax, point, at, text, fontsize=pt, alpha=0.9, zorder=7, **kw)

    snl = structure_points()["superior_nuchal_line_right"]
    ax.plot(snl[:, 0], snl[:, 2] - eop[2], color="#555555", lw=2, zorder=2)
    label((4, snl[0, 2] - eop[2] - 0.3), (-37, -12), "superior nuchal\nline (model)",
          align=LEFT)
    mast = head.landmarks["mastoid_right"]
    ax.scatter(mast[0], mast[2] - eop[2], marker="^", s=60, color="#555555", zorder=2)
    ax.annotate("mastoid tip", (mast[0], mast[2] - eop[2]), (mast[0] + 4, mast[2] - eop[2]),
                fontsize=pt, ha="left", va="center")
    # each cloud named beside it, on a leader (a legend at the foot of the plot took a
    # fifth of its height)
    # (marker, colour, where the name goes, the leader's angle on the ellipse, degrees)
    marks = {"oci_lower_border": ("v", style.OKABE_ITO["orange"], (52, -60), 0),
             "semispinalis_exit": ("s", style.OKABE_ITO["blue"], (-37, -31), 180),
             "trapezius_exit": ("o", style.OKABE_ITO["reddish_purple"], (52, -16), -55)}
    for wid, (m, c, at, angle) in marks.items():
        w = spec.waypoint(wid)
        lat = [v[wid]["lateral_mm"] for v in values]
        vert = [v[wid]["vertical_mm"] for v in values]
        # opaque: see-through points made the notebook's PNG a sixth larger
        ax.scatter(lat, vert, s=9, marker=m, color=style.pale(c), lw=0, zorder=3)
        centre = (w.lateral_mm, w.vertical_mm)
        _ellipse(ax, centre, w.lateral_sd, w.vertical_sd, ec=c, lw=2, zorder=4)
        ax.scatter(*centre, s=70, marker=m, color=c, edgecolors="black", zorder=5)
        edge = (centre[0] + w.lateral_sd * np.cos(np.radians(angle)),
                centre[1] + w.vertical_sd * np.sin(np.radians(angle)))
        label(edge, at, "GON " + SHORT_LABELS[wid].replace(" ", "\n", 1), align=LEFT)
    ax.text(99, -80, "ellipses: Kim 2018,\nmean ± 1 SD", fontsize=pt, ha="right", va="bottom",
            color=style.TEXT)
    ax.add_patch(Circle((15, -30), 7.5, fill=False, ls="--", ec="#333333", lw=1.4, zorder=4))
    # named left of the clouds, on a leader to the circle: beside it, the name lay over the
    # blue cloud (review 21)
    label((15 - 7.5 * np.cos(np.pi / 4), -30 - 7.5 * np.sin(np.pi / 4)), (-37, -50),
          "Mosser 2004\nzone", align=LEFT)
    block = nv.block_landmarks("right")["greater_occipital"].point
    bx, by = block[0], block[2] - eop[2]
    ax.add_patch(Circle((bx, by), 20, fill=False, ls=":", ec="black", lw=1.6, zorder=4))
    ax.scatter(bx, by, marker="X", s=80, color="black", zorder=6)
    label((bx + 20 * np.cos(np.pi / 4), by + 20 * np.sin(np.pi / 4)), (50, 5),
          "one-third point,\n2 cm circle\n(Won 2018)", align=LEFT)
    ax.scatter(0, 0, marker="+", s=120, color="black", zorder=6)
    ax.annotate("EOP", (0, 0), (-9, 4), fontsize=pt)
    ax.set_xlim(-40, 100)  # room for the names either side
    ax.set_ylim(-82, 17)
    ax.set_aspect("equal")
    ax.set_xlabel("mm lateral to the midline (right)", fontsize=pt)
    ax.set_ylabel("mm above (+) / below (-) the EOP", fontsize=pt)
    ax.tick_params(labelsize=pt)
    ax.grid(alpha=0.3)
    share = nv.share_within("greater_occipital", "right", 20.0, n=n, seed=seed)
    ax.set_title(f"Where {n} sampled GONs pierce: {share:.0%} within 2 cm\nof the one-third "
                 "point (Won 2018 measured 85.7%)", fontsize=pt + 1)
    fig.tight_layout()
    alt = (f"Posterior view of the right occiput in millimetres from the EOP with {n} "
           "sampled greater occipital nerves: clouds of points where each winds round "
           "obliquus capitis inferior (about 30 mm lateral, 52 mm below), leaves "
           "semispinalis (13 mm lateral, 28 mm below) and pierces the trapezius (23 mm "
           "lateral, 16 mm below), with ellipses of one standard deviation from Kim 2018, "
           f"Mosser's zone and a 2 cm circle round the one-third block point; {share:.0%} "
           "of sampled trapezius exits fall inside the circle (Won 2018 found 85.7%).")
    return mpl2d.StaticFigure(fig, alt, scale=VARIATION_SCALE)


BLOCK_INCHES = (5.8, 4.3)  # the block-landmark figure's size
BLOCK_PT = 10  # its labels, points
BLOCK_SCALE = 1.1  # shown in a notebook this much larger than its size in inches
# where the block-landmark plate starts each nerve's drawn course (default: its origin)
BLOCK_PLATE_START = {"lesser_occipital": "scm_posterior_border"}
BESIDE_MM = 3.0  # a nerve closer than this on the page lies under its block point


def nerve_offset_text(point, nerve, to_path_mm: float) -> str:
    """Where the modelled nerve lies from a block point, as a posterior view can show it.

    "N mm from the modelled X" when the nerve lies beside the point on the page; "the
    modelled X runs N mm deep to it" when it runs under it (the LON's 9 mm is depth, and a
    student read "9 mm from" against a cross drawn on the nerve's line).

    Parameters
    ----------
    point : (3,) array_like
        The block point on the skin, mm.
    nerve : Nerve
        The modelled nerve (``anatomy.nerves.nerve``).
    to_path_mm : float
        The point's distance from the nerve's path, mm (``block_landmark_distances``).

    Returns
    -------
    str
        The phrase, for a label or a table.
    """
    d = nerve.path - np.asarray(point, float)
    v = d[np.argmin(np.linalg.norm(d, axis=1))]
    _, _, fwd = mpl2d.view_basis("posterior")
    beside = float(np.linalg.norm(v - (v @ fwd) * fwd))
    if beside < BESIDE_MM:
        return f"the modelled {nerve.abbreviation} runs {to_path_mm:.0f} mm deep to it"
    return f"{to_path_mm:.0f} mm from the modelled {nerve.abbreviation}"


def block_landmark_figure() -> mpl2d.StaticFigure:
    """Posterior view: EOP-mastoid line, 1/3 and 2/3 points and the modelled nerves.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    from anatomy.structures import load_structures

    mpl2d.use_style()
    head = load_head()
    pt = BLOCK_PT
    # small, with large text: paper prints it in one column, where the 7.7-inch figure's
    # labels came out at 4 points; the crop keeps the neck and occiput the points sit on
    fig, ax = mpl2d.subplots(figsize=BLOCK_INCHES)
    draw_skin(ax, head, "posterior")
    for s in load_structures(layer="vessel").values():
        if s.base != "occipital_artery":
            continue
        ax.plot(*mpl2d.project(s.path, "posterior").T, color=style.ARTERY, lw=1.8,
                ls=(0, (1, 1)), zorder=5)
    for n in nv.all_nerves():
        # the LON's deep course from the plexus runs down to its hook round the accessory
        # nerve below the plate and back up: drawn whole it was two parallel dashed lines,
        # one unexplained (review); the plate shows it from the SCM's border up
        draw_nerve(ax, n, "posterior", lw=2.2,
                   start=BLOCK_PLATE_START.get(n.name))
    rows = {r["nerve"]: r for r in nv.block_landmark_distances("right")}
    says = {key: nerve_offset_text(lm.point, nv.nerve(key, "right"),
                                    rows[nv.nerve(key, "right").abbreviation]["to_path_mm"])
            for key, lm in nv.block_landmarks("right").items()}
    for side in ("right", "left"):
        line = nv.inion_mastoid_line(side)
        ax.plot(*mpl2d.project(line, "posterior").T, color="black", lw=1.2, zorder=7)
        for key, lm in nv.block_landmarks(side).items():
            p = mpl2d.project([lm.point], "posterior")[0]
            ax.scatter(*p, marker="X", s=70, color="black", edgecolors="white", zorder=9)
            if side == "right":
                abbr = nv.nerve(key, side).abbreviation
                frac = "1/3" if key == "greater_occipital" else "2/3"
                mpl2d.leader_label(
                    ax, p, p + ((16, 30) if key == "greater_occipital" else (4, -28)),
                    f"{abbr} block point\n({frac} from EOP)", fontsize=pt, alpha=0.9,
                    line_width=0.7, line_color="black", zorder=10)
    for name, text, off in (("inion", "EOP (inion)", (-8, 22)),
                            # lateral to the tips: the right one's leader
                            # then does not cross the LON block point's
                            ("mastoid_right", "mastoid\ntip", (22, 10)),
                            ("mastoid_left", "mastoid\ntip", (-22, 10))):
        p = mpl2d.project([head.landmarks[name]], "posterior")[0]
        mpl2d.leader_label(ax, p, p + off, text, fontsize=pt, alpha=0.9, line_width=0.7,
                           line_color="black", zorder=10)
    # the key goes under the drawing: in its upper-left corner the nerves ran across it
    _legend(ax, ncol=2, artery=True, below=True, fontsize=pt, markers=False)  # none drawn
    mpl2d.setup_view_axes(ax)
    ax.set_title("Block landmarks on the EOP-mastoid line (posterior view)", fontsize=pt + 1,
                 pad=4)
    ax.set_xlim(-100, 100)
    ax.set_ylim(-52, 50)
    mpl2d.scale_bar(ax, 20, fontsize=pt)
    # where the nerves lie from the points, under the key: beside the points the two
    # sentences covered the nerves they name
    fig.text(0.5, 0.01, f"GON point: {says['greater_occipital']}.\n"
             f"LON point: {says['lesser_occipital']}.", ha="center", va="bottom",
             fontsize=pt, color=style.TEXT)
    fig.tight_layout(rect=(0, 0.11, 1, 1))
    alt = ("Posterior view of the head with the skin line from the EOP to each mastoid tip. "
           "Crosses mark the GON block point one third of the way from the EOP and the LON "
           "point two thirds of the way. On this model: GON block point, "
           f"{says['greater_occipital']}; LON block point, {says['lesser_occipital']}. The "
           "occipital artery is dotted red, lateral to the GON at the "
           "nuchal line.")
    return mpl2d.StaticFigure(fig, alt, scale=BLOCK_SCALE)
