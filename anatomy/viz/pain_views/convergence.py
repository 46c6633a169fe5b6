"""The trigeminocervical convergence schematic."""

from __future__ import annotations

from anatomy.references import cite
from anatomy.viz import mpl2d, style

__all__ = ["CONVERGENCE_KEYS", "SCHEMATIC_PT", "convergence_schematic"]

# Trigeminocervical convergence schematic
# ---------------------------------------------------------------------------------------

SCHEMATIC_PT = 14  # the schematic's text size, points (the evidence line 2 less)
CONVERGENCE_KEYS = ("bartsch2002", "bartsch2003", "piovesan2001", "busch2007", "bogduk2009",
                    "ichd3_2018")


def convergence_schematic(scale: float = 1.0) -> mpl2d.StaticFigure:
    """Schematic of trigeminocervical convergence.

    GON (C2) and trigeminal V1 afferents converge on second-order neurons of the
    trigeminocervical complex at C1-C2; the brain cannot tell which input fired.

    Parameters
    ----------
    scale : float, default 1.0
        Shrinks the notebook PNG (same layout, fewer pixels); ``savefig`` is unaffected.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch

    mpl2d.use_style()
    # 8.3 inches wide, 14-point text: about 20 px on a 1024 x 768 slide (9.5-point text was
    # 14 px, 12-point 17 px, small for a room: slide reviews 17 and 19), 11 points on A4;
    # the slide had room below it for the taller boxes
    fig, ax = mpl2d.subplots(figsize=(8.3, 6.4))
    ax.set_xlim(0, 110)
    ax.set_ylim(-13, 64)
    ax.axis("off")
    v1 = style.OKABE_ITO["bluish_green"]
    gon = style.OKABE_ITO["orange"]
    second = style.OKABE_ITO["reddish_purple"]
    size = SCHEMATIC_PT

    def box(x, y, w, h, text, ec, fc="white"):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.6", fc=fc, ec=ec,
                                    lw=1.8))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size,
                color=style.TEXT, linespacing=1.15)

    def arrow(p, q, colour, ls="-", lw=2.8, rad=0.0):
        ax.add_patch(FancyArrowPatch(p, q, arrowstyle="-|>", mutation_scale=18, lw=lw,
                                     color=colour, ls=ls,
                                     connectionstyle=f"arc3,rad={rad}"))

    # periphery
    box(1, 45, 29, 14, "Forehead, eye\nand dura\n(trigeminal V1)", v1)
    box(1, 6, 29, 14, "Back of the head\n(greater occipital\nnerve, C2)", gon)
    # afferent labels under and over the boxes, clear of the complex's text
    ax.text(2, 38.5, "V1 afferent", color=v1, fontsize=size, fontweight="bold")
    ax.text(2, 23.5, "GON afferent\n(C2 root)", color=gon, fontsize=size, fontweight="bold",
            linespacing=1.1)
    # TCC column
    ax.add_patch(FancyBboxPatch((37, 6), 33, 53, boxstyle="round,pad=0.8", fc="#F4F1EA",
                                ec="#777777", lw=1.3))
    ax.text(53.5, 55, "Trigeminocervical\ncomplex", ha="center", va="center",
            fontsize=size, fontweight="bold", linespacing=1.1)
    ax.text(53.5, 49.5, "trigeminal nucleus\ncaudalis + dorsal\nhorn of C1-C2",
            ha="center", va="top", fontsize=size, linespacing=1.1)
    ax.text(53.5, 19, "2nd-order\nneuron", ha="center", va="top", fontsize=size,
            color=style.TEXT, zorder=5, linespacing=1.1)
    # afferents
    arrow((30.6, 50), (50, 28.5), v1, rad=-0.15)
    arrow((30.6, 13), (50, 23), gon, rad=0.15)
    # projection
    box(76, 38, 33, 19, "Thalamus and\ncortex: pain is\n'placed' in the\ntrigeminal map too",
        second)
    arrow((57.7, 27.5), (76, 43), second, rad=-0.1)
    box(76, 2, 33, 26, "So an irritated\nGON can be felt\nat the forehead\nand behind the eye\n"
        "(referred pain); the\nreverse also occurs", "#555555")
    arrow((92.5, 37), (92.5, 29.2), "#555555", ls="--", lw=1.8)
    # evidence strip: short enough to read on a projector; the notebook lists the details
    ev = (f"Evidence: rat C2 dorsal horn ({cite('bartsch2002')};\n{cite('bartsch2003')}); "
          f"human GON studies ({cite('piovesan2001')};\n{cite('busch2007')}); "
          f"review {cite('bogduk2009')}; ICHD-3 13.4 comment.")
    ax.text(1, -12.5, ev, fontsize=size - 2, va="bottom", ha="left", color="#333333")
    ax.set_title("Why pain from the back of the head can be felt in front:\n"
                 "trigeminocervical convergence", fontsize=size + 1, loc="left")
    fig.tight_layout()
    # the neuron is round on the page: the axes' units differ across and up
    pos = ax.get_position()
    across = 110 / (pos.width * fig.get_figwidth())
    up = 77 / (pos.height * fig.get_figheight())
    ax.add_patch(Ellipse((53.5, 26), 8.4, 8.4 * up / across, fc=second, ec="white", lw=1.5,
                         zorder=4))
    alt = ("Schematic. Left: two sources, the forehead, eye and dura (trigeminal V1, green) "
           "and the back of the head (greater occipital nerve, C2, orange). Their afferent "
           "fibres both end on the same second-order neuron (reddish purple) in the "
           "trigeminocervical complex, the trigeminal nucleus caudalis plus the dorsal horn "
           "of C1-C2. That neuron projects to the thalamus and cortex, which cannot tell "
           "which input fired, so an irritated GON can be felt at the forehead and behind "
           "the eye. Bottom: the evidence (Bartsch & Goadsby 2002 and 2003 in rats; "
           "Piovesan 2001 and Busch 2007 in humans; Bogduk 2009 review).")
    return mpl2d.StaticFigure(fig, alt, scale=scale)
