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
    mpl2d.use_style()
    head = load_head()
    eop = head.landmarks["inion"]
    values = nv.sample_values("greater_occipital", n, seed)
    spec = nv.load_nerve_specs()["greater_occipital"]
    fig, ax = mpl2d.subplots(figsize=(7.2, 6.6))
    from anatomy.structures import structure_points

    snl = structure_points()["superior_nuchal_line_right"]
    ax.plot(snl[:, 0], snl[:, 2] - eop[2], color="#555555", lw=2, zorder=2,
            label="superior nuchal line (model)")
    mast = head.landmarks["mastoid_right"]
    ax.scatter(mast[0], mast[2] - eop[2], marker="^", s=60, color="#555555", zorder=2)
    ax.annotate("mastoid tip", (mast[0], mast[2] - eop[2]), (mast[0] - 4, mast[2] - eop[2]
                - 9), fontsize=9.5, ha="center")
    marks = {"oci_lower_border": ("v", style.OKABE_ITO["orange"]),
             "semispinalis_exit": ("s", style.OKABE_ITO["blue"]),
             "trapezius_exit": ("o", style.OKABE_ITO["reddish_purple"])}
    for wid, (m, c) in marks.items():
        w = spec.waypoint(wid)
        lat = [v[wid]["lateral_mm"] for v in values]
        vert = [v[wid]["vertical_mm"] for v in values]
        ax.scatter(lat, vert, s=9, marker=m, color=c, alpha=0.45, lw=0, zorder=3)
        centre = (w.lateral_mm, w.vertical_mm)
        _ellipse(ax, centre, w.lateral_sd, w.vertical_sd, ec=c, lw=2, zorder=4)
        ax.scatter(*centre, s=70, marker=m, color=c, edgecolors="black", zorder=5,
                   label=f"GON {SHORT_LABELS[wid]} (Kim 2018 mean ± 1 SD)")
    ax.add_patch(__import__("matplotlib.patches", fromlist=["Circle"]).Circle(
        (15, -30), 7.5, fill=False, ls="--", ec="#333333", lw=1.4, zorder=4))
    # named left of the clouds, on a leader to the circle: beside it, the name lay over the
    # blue cloud (review 21)
    ax.annotate("Mosser 2004\nzone", (15 - 7.5 * np.cos(np.pi / 4), -30 - 7.5 * np.sin(np.pi / 4)),
                (-12, -52), fontsize=9.5, ha="center", va="center",
                arrowprops={"arrowstyle": "-", "lw": 0.8, "color": "#333333"})
    block = nv.block_landmarks("right")["greater_occipital"].point
    ax.add_patch(__import__("matplotlib.patches", fromlist=["Circle"]).Circle(
        (block[0], block[2] - eop[2]), 20, fill=False, ls=":", ec="black", lw=1.6, zorder=4))
    ax.scatter(block[0], block[2] - eop[2], marker="X", s=80, color="black", zorder=6,
               label="one-third EOP-mastoid point, 2 cm circle (Won 2018)")
    ax.scatter(0, 0, marker="+", s=120, color="black", zorder=6)
    ax.annotate("EOP", (0, 0), (-9, 4), fontsize=9.5)
    ax.set_xlim(-25, 75)
    ax.set_ylim(-102, 25)  # room for the legend below the clouds
    ax.set_aspect("equal")
    ax.set_xlabel("mm lateral to the midline (right)")
    ax.set_ylabel("mm above (+) / below (-) the EOP")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=9.5, framealpha=0.92)
    share = nv.share_within("greater_occipital", "right", 20.0, n=n, seed=seed)
    ax.set_title(f"Where the GON pierces: {n} sampled nerves\n{share:.0%} leave the fascia "
                 "within 2 cm of the one-third point (Won 2018: 85.7%)", fontsize=12)
    fig.tight_layout()
    alt = (f"Posterior view of the right occiput in millimetres from the EOP with {n} "
           "sampled greater occipital nerves: clouds of points where each winds round "
           "obliquus capitis inferior (about 30 mm lateral, 52 mm below), leaves "
           "semispinalis (13 mm lateral, 28 mm below) and pierces the trapezius (23 mm "
           "lateral, 16 mm below), with ellipses of one standard deviation from Kim 2018, "
           f"Mosser's zone and a 2 cm circle round the one-third block point; {share:.0%} "
           "of sampled trapezius exits fall inside the circle (Won 2018 found 85.7%).")
    return mpl2d.StaticFigure(fig, alt)


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
    fig, ax = mpl2d.subplots(figsize=(7.7, 6.0))
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
                    ax, p, p + ((14, 44) if key == "greater_occipital" else (22, -40)),
                    f"{abbr} block point ({frac} from EOP)\n"
                    + nerve_offset_text(lm.point, nv.nerve(key, side),
                                         rows[abbr]["to_path_mm"]),
                    alpha=0.9, line_width=0.7, line_color="black", zorder=10)
    for name, text, off in (("inion", "EOP (inion)", (-8, 26)),
                            # lateral to the tips: the right one's leader
                            # then does not cross the LON block point's
                            ("mastoid_right", "mastoid tip", (24, -16)),
                            ("mastoid_left", "mastoid tip", (-24, -16))):
        p = mpl2d.project([head.landmarks[name]], "posterior")[0]
        mpl2d.leader_label(ax, p, p + off, text, alpha=0.9, line_width=0.7,
                           line_color="black", zorder=10)
    # the key goes under the drawing: in its upper-left corner the nerves ran across it
    _legend(ax, ncol=3, artery=True, below=True)
    mpl2d.setup_view_axes(ax, "Block landmarks on the EOP-mastoid line (posterior view)")
    ax.set_xlim(-115, 115)
    ax.set_ylim(-70, 80)
    mpl2d.scale_bar(ax, 20)
    fig.tight_layout()
    says = {key: nerve_offset_text(lm.point, nv.nerve(key, "right"),
                                    rows[nv.nerve(key, "right").abbreviation]["to_path_mm"])
            for key, lm in nv.block_landmarks("right").items()}
    alt = ("Posterior view of the head with the skin line from the EOP to each mastoid tip. "
           "Crosses mark the GON block point one third of the way from the EOP and the LON "
           "point two thirds of the way. On this model: GON block point, "
           f"{says['greater_occipital']}; LON block point, {says['lesser_occipital']}. The "
           "occipital artery is dotted red, lateral to the GON at the "
           "nuchal line.")
    return mpl2d.StaticFigure(fig, alt)
