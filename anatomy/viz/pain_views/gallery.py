"""The pattern gallery: every referral pattern's pain field side by side (matplotlib),
and its numbered print form, whose markers a student matches across patterns on paper."""

from __future__ import annotations

import numpy as np

from anatomy import pain
from anatomy.conventions import check_side
from anatomy.viz import mpl2d
from anatomy.viz.pain_views.plates import (
    _KEY_IN,
    _draw_field,
    _draw_spots,
    _heat_legend,
    shown_spots,
)

__all__ = ["BEST_VIEW", "PRINT_PANEL_IN", "PRINT_PT", "pattern_gallery", "spot_numbers"]

# a hidden spot's mechanism, short enough for a panel's title line
MECHANISM_SHORT = {"trigeminocervical convergence": "convergence"}

BEST_VIEW = {"gon_neuralgia": "posterolateral", "lon_neuralgia": "posterolateral",
             "ton_neuralgia": "posterior", "suboccipital": "posterolateral"}

# the numbered gallery prints at about 0.58 of its size (120 mm tall across the page):
# its panels are smaller (inches) and its text larger (points), so that the text prints
# at about 8 points, not the 4 points of the plain gallery's 8-point key (paper review 19)
PRINT_PANEL_IN, PRINT_PT = (2.6, 4.2), 14
PRINT_MARKER_GROW = 1.4  # its markers' width against the plain gallery's (text: 14/8)


def spot_numbers(side: str = "right", patterns=None) -> dict:
    """Number every named hot spot once, in the order the patterns list them: the same
    spot has the same number in every pattern.

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The side whose spots are numbered (the numbers are the same on both).
    patterns : sequence of str, optional
        Patterns whose spots are numbered (each one of ``pain.patterns()``); all by
        default.

    Returns
    -------
    dict
        Spot name (``pain.hotspots(...).name``) to ``(number, short label)``: the label
        is the spot's label without its bracketed note.

    Raises
    ------
    ValueError
        If ``side`` or a pattern is not valid.
    """
    numbers: dict = {}
    for pattern in patterns or pain.patterns():
        for row in pain.hotspots(pattern, check_side(side)).itertuples():
            if row.name not in numbers:
                numbers[row.name] = (len(numbers) + 1, row.label.split(" (")[0])
    return numbers


def pattern_gallery(side: str = "right", view: str | None = None, patterns=None,
                    scale: float = 1.0, numbered: bool = False) -> mpl2d.StaticFigure:
    """Small multiples: every pattern's pain field, each in the view that shows it best.

    The best view is posterior or posterolateral for the occipital patterns, lateral
    otherwise.

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side shown (and the lateral view's side).
    view : str, optional
        One named view for every panel instead of each pattern's best view.
    patterns : sequence of str, optional
        Patterns to show (each one of ``pain.patterns()``); all by default.
    scale : float, default 1.0
        Shrinks the notebook PNG (same layout, fewer pixels); ``savefig`` is unaffected.
    numbered : bool, default False
        For print: each marker carries its spot's number (``spot_numbers``), each panel
        lists the numbers of its spots that the view hides, the panels and text are
        sized for print (``PRINT_PANEL_IN``, ``PRINT_PT``), the keys fill the empty
        panel, and the alt text is the key to the numbers. Which spots two
        patterns share is then found by matching numbers, not read off a list.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If ``side`` or a pattern is not valid.
    """
    side = check_side(side)
    pats = list(patterns or pain.patterns())
    numbers = spot_numbers(side, pats) if numbered else None
    marker_numbers = {name: n for name, (n, _) in (numbers or {}).items()}
    ncol = 4
    # the numbered form keeps a panel for its keys (the colour bar and marker shapes)
    nrow = int(np.ceil((len(pats) + numbered) / ncol))
    mpl2d.use_style()
    panel = PRINT_PANEL_IN if numbered else (3.0, 4.3)
    fig, axes = mpl2d.subplots(nrow, ncol, figsize=(panel[0] * ncol, panel[1] * nrow
                                                     + (0.1 if numbered else 0.6)))
    axes = np.atleast_1d(axes).ravel()
    drawn: set = set()
    for ax, pat in zip(axes, pats):
        vw = view or {"posterolateral": f"posterolateral_{side}", "posterior": "posterior"}.get(
            BEST_VIEW.get(pat, ""), side)
        _draw_field(ax, pat, side, vw)
        ax.set_xlim(-128, 128)
        ax.set_ylim(-170, 142)
        spots = pain.hotspots(pat, side)
        # view names as "(posterolateral, right)", not "(posterolateral (right))"
        title = (f"{_gallery_title(pat, numbered)}\n("
                 + mpl2d.VIEW_TITLES[vw].lower().replace(" (", ", ").replace(")", "") + ")")
        if numbered:
            title += "\n" + _not_in_view(spots[~shown_spots(spots, vw)], numbers)
            drawn |= _draw_spots(ax, spots, vw, labels=True, numbers=marker_numbers,
                                 fontsize=PRINT_PT, grow=PRINT_MARKER_GROW)
        else:
            drawn |= _draw_spots(ax, spots, vw, labels=False)
        mpl2d.setup_view_axes(ax, title)
        if numbered:
            ax.title.set_fontsize(PRINT_PT)
    for ax in axes[len(pats):]:
        ax.axis("off")
    if numbered:  # the keys in the first empty panel
        fig.tight_layout(h_pad=2.0, w_pad=0.5, rect=(0, 0, 1, 0.985))
        _heat_legend(fig, drawn, panel=axes[len(pats)], fontsize=PRINT_PT)
    else:
        fig.suptitle(f"Referral patterns side by side ({side} side)", fontsize=13)
        fig.tight_layout(rect=(0, _KEY_IN / fig.get_figheight(), 1, 1), h_pad=2.5)
        _heat_legend(fig, drawn)
    alt = (f"{len(pats)} small drawings of the head, one per referral pattern on the {side} "
           "(posterior or posterolateral views for the occipital patterns, lateral otherwise), "
           "darker where pain is felt more")
    if numbered:
        alt += (". Each marker carries the number of its spot, the same in every drawing; "
                "under each title, the numbers of its spots that the view hides. The left "
                "side is the mirror image. The spots: "
                + "; ".join(f"{n} {label}" for n, label in numbers.values()) + ".")
    else:
        alt += ": " + "; ".join(
            f"{pain.pattern_info(p)['label']}: " + ", ".join(
                pain.hotspots(p, side).label.str.split(" \\(").str[0]) for p in pats) + "."
    return mpl2d.StaticFigure(fig, alt, scale=scale)


def _not_in_view(hidden, numbers: dict) -> str:
    """The numbers of the spots a panel hides, each group with its mechanism: the
    convergence spots of greater occipital neuralgia are all out of its view, and the
    plate had to say how the pattern reaches them (paper review 20)."""
    if hidden.empty:
        return "not in view: none"
    groups = {}
    for row in hidden.itertuples():
        groups.setdefault(row.mechanism, []).append(str(numbers[row.name][0]))
    return "not in view: " + "; ".join(
        f"{', '.join(nums)}\n(by {MECHANISM_SHORT.get(mech, mech)})"
        for mech, nums in groups.items())


def _gallery_title(pattern: str, short: bool = False) -> str:
    """A panel's title: the pattern's label, shortened (and on two lines if ``short``)."""
    label = pain.pattern_info(pattern)["label"]
    title = label.replace(" (question-mark pattern)", "\n(question mark)").replace(
        "Sternocleidomastoid, ", "SCM, ").replace(" trigger point", " TrP")
    if short:
        title = title.replace(" occipital neuralgia", " occipital\nneuralgia").replace(
            ", ", ",\n").replace("Suboccipital TrPs", "Suboccipital\nTrPs")
    return title
