"""The trigeminocervical convergence schematic."""

from __future__ import annotations

from anatomy.references import cite
from anatomy.viz import mpl2d, style

__all__ = ["CONVERGENCE_KEYS", "convergence_schematic"]

# Trigeminocervical convergence schematic
# ---------------------------------------------------------------------------------------

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
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    mpl2d.use_style()
    # 8.3 inches wide, 9.5-point text: 14 px on a 1024 x 768 slide, 8 points on A4
    fig, ax = mpl2d.subplots(figsize=(8.3, 5.9))
    ax.set_xlim(0, 110)
    ax.set_ylim(-4, 64)
    ax.axis("off")
    v1 = style.OKABE_ITO["bluish_green"]
    gon = style.OKABE_ITO["orange"]
    second = style.OKABE_ITO["reddish_purple"]

    def box(x, y, w, h, text, ec, fc="white", size=9.5, bold=False):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.6", fc=fc, ec=ec,
                                    lw=1.6))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size,
                fontweight="bold" if bold else "normal", color=style.TEXT)

    def arrow(p, q, colour, ls="-", lw=2.6, rad=0.0):
        ax.add_patch(FancyArrowPatch(p, q, arrowstyle="-|>", mutation_scale=16, lw=lw,
                                     color=colour, ls=ls,
                                     connectionstyle=f"arc3,rad={rad}"))

    # periphery
    box(2, 47, 24, 11, "Forehead, eye, dura\n(trigeminal V1 skin\nand meninges)", v1)
    box(2, 11, 24, 11, "Back of the head\n(greater occipital nerve,\nC2 skin and muscles)", gon)
    # TCC column
    ax.add_patch(FancyBboxPatch((40, 12), 26, 44, boxstyle="round,pad=0.8", fc="#F4F1EA",
                                ec="#777777", lw=1.2))
    ax.text(53, 53, "Trigeminocervical\ncomplex", ha="center", va="center", fontsize=10,
            fontweight="bold")
    ax.text(53, 48.5, "trigeminal nucleus\ncaudalis + dorsal\nhorn of C1-C2", ha="center",
            va="top", fontsize=9.5)
    ax.add_patch(Circle((53, 30), 4.2, fc=second, ec="white", lw=1.5, zorder=4))
    ax.text(53, 24.5, "2nd-order\nneuron", ha="center", va="top", fontsize=9.5,
            color=style.TEXT, zorder=5)
    # afferents
    arrow((26, 52), (49.5, 32.5), v1, rad=-0.15)
    ax.text(29, 47.5, "V1 afferent", color=v1, fontsize=9.5, fontweight="bold", rotation=-27)
    arrow((26, 16.5), (49.5, 27.5), gon, rad=0.15)
    ax.text(26, 21.5, "GON afferent\n(C2 root)", color=gon, fontsize=9.5, fontweight="bold",
            rotation=27)
    # projection
    box(80, 40, 26, 12, "Thalamus and cortex:\npain is 'placed' in the\ntrigeminal map too",
        second)
    arrow((57.2, 31.5), (80, 44.5), second, rad=-0.1)
    box(80, 14, 26, 15, "So an irritated GON can be\nfelt at the forehead and\nbehind "
        "the eye (referred\npain); the reverse also\noccurs", "#555555")
    arrow((93, 39), (93, 30.2), "#555555", ls="--", lw=1.6)
    # evidence strip
    # evidence strip: short enough to read on a projector; the notebook lists the details
    ev = (f"Evidence: rat C2 dorsal horn ({cite('bartsch2002')};\n{cite('bartsch2003')}); "
          f"human GON studies ({cite('piovesan2001')};\n{cite('busch2007')}); "
          f"review {cite('bogduk2009')}; ICHD-3 13.4 comment.")
    ax.text(1, -3, ev, fontsize=11, va="bottom", ha="left", color="#333333")
    ax.set_title("Why pain from the back of the head can be felt in front:\n"
                 "trigeminocervical convergence", fontsize=12, loc="left")
    fig.tight_layout()
    alt = ("Schematic. Left: two sources, the forehead, eye and dura (trigeminal V1, green) "
           "and the back of the head (greater occipital nerve, C2, orange). Their afferent "
           "fibres both end on the same second-order neuron (reddish purple) in the "
           "trigeminocervical complex, the trigeminal nucleus caudalis plus the dorsal horn "
           "of C1-C2. That neuron projects to the thalamus and cortex, which cannot tell "
           "which input fired, so an irritated GON can be felt at the forehead and behind "
           "the eye. Bottom: the evidence (Bartsch & Goadsby 2002 and 2003 in rats; "
           "Piovesan 2001 and Busch 2007 in humans; Bogduk 2009 review).")
    return mpl2d.StaticFigure(fig, alt, scale=scale)
