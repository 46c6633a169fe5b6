"""A timeline of attack durations on a log axis, from the ICHD-3 data in ``headaches``."""

from __future__ import annotations

import math

from anatomy import headaches
from anatomy.references import cite
from anatomy.viz import mpl2d, style
from anatomy.viz.headache_views.common import OI

__all__ = ["duration_timeline"]

_SEC = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0}
_TICKS = [(1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"), (3600, "1 h"),
          (4 * 3600, "4 h"), (86400, "1 d"), (7 * 86400, "7 d"), (30 * 86400, "30 d")]
# one style of unit: "1 day", "3 d" mixed two (review 25); no "3 d", which ran into "7 d"
# on a figure near a slide's shape


def _duration_rows():
    """(label, start s, end s, colour, hatch, bar text, note, note's end) from headaches.py
    data; a note starts under its bar's start, or ends under its end ("end")."""
    table = headaches.comparison_table()
    sub = headaches.tension_type_subtypes()
    mig = headaches.thresholds("migraine_without_aura")

    def minutes(row, cond):
        return float(table.at[row, cond]) * 60.0

    rows = [
        ("Occipital neuralgia\n(13.4) paroxysm", minutes("duration_min_minutes",
         "occipital_neuralgia"), minutes("duration_max_minutes", "occipital_neuralgia"),
         OI["vermillion"], "", "seconds to minutes", "ICHD-3: 'a few seconds to minutes'",
         "start"),
        ("Migraine aura\n(1.2), each symptom", minutes("aura_duration_min_minutes",
         "migraine_with_aura"), minutes("aura_duration_max_minutes", "migraine_with_aura"),
         OI["reddish_purple"], "", "5-60 min", "motor symptoms: up to 72 h", "start"),
        ("Migraine\n(1.1) attack", mig["min_hours"] * 3600, mig["max_hours"] * 3600,
         OI["blue"], "", "4-72 h", "under 18: 2-72 h (dotted)", "end"),
        ("Tension-type, episodic\n(2.1, 2.2) episode",
         float(sub.at["2.1", "duration_min_minutes"]) * 60,
         float(sub.at["2.1", "duration_max_minutes"]) * 60, OI["bluish_green"], "",
         "30 min to 7 days", "", "start"),
        ("Tension-type, chronic\n(2.3)", float(sub.at["2.3", "duration_min_minutes"]) * 60,
         math.inf, OI["bluish_green"], "//", "hours to days,\nor unremitting", "", "start"),
        ("Cervicogenic\n(11.2.1)", math.nan, math.nan, OI["grey"], "",
         "ICHD-3 gives no duration", "", "start"),
    ]
    return rows, mig["min_hours_under_18"] * 3600


# width and height on screen (notebook and slide), inches: at 8.6 inches wide the
# figure filled a slide's width and its 11-point text was 16 px at 1024x768, two thirds
# of the slide's text (review 25); near the slide's shape, 12-point text is 19-20 px
TIMELINE_INCHES = (7.4, 5.6)
# a bar's height in rows: at 0.56 a note under a bar cleared the next bar by 0.8 mm on
# paper (review 26); at 0.5, with less empty space under the last row, by 1.8 mm. A note
# starts NOTE_GAP rows under its bar
BAR = 0.5
NOTE_GAP = 0.05
HOURS = 3600.0  # where ICHD-3's "hours" of chronic tension-type headache is drawn from, s


def duration_timeline(height: float = TIMELINE_INCHES[1],
                      width: float = TIMELINE_INCHES[0]) -> mpl2d.StaticFigure:
    """Attack durations on a log time axis (1 s to 30 days).

    Bars with text labels; chronic tension-type drawn as unremitting with an arrow.

    Parameters
    ----------
    height : float, default TIMELINE_INCHES[1] (5.6)
        The figure's height, inches; 4.6 or more leaves each row room for its note.
    width : float, default TIMELINE_INCHES[0] (7.4)
        The figure's width, inches; 7.4 or more leaves the bars room for their names.
        Paper prints it wider and lower (8.6 x 4.6), to keep its handout within its
        pages.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If ``height`` is under 4.6 inches, where the rows' notes ran into the next bar,
        or ``width`` under 7.4, where the bars' names ran past them.
    """
    if not height >= 4.6:
        raise ValueError(f"height {height!r} inches is too low for the timeline's six "
                         "rows and their notes: give 4.6 or more")
    if not width >= TIMELINE_INCHES[0]:
        raise ValueError(f"width {width!r} inches is too narrow for the bars' names: give "
                         f"{TIMELINE_INCHES[0]} or more")
    mpl2d.use_style()
    rows, kid_low = _duration_rows()
    x_max = 30 * 86400
    # 12-point text on 7.4 inches: about 20 px on a 1024 x 768 slide (9 points on 7.8
    # inches were 14 px: slide review), and across an A4 page (a print plate 4.6 inches
    # high and 8.6 wide, tools/paper.PRINT_PLATES) about 10 points
    fig, ax = mpl2d.subplots(figsize=(width, height))
    n = len(rows)
    for k, (label, a, b, colour, hatch, text, note, note_at) in enumerate(rows):
        y = n - 1 - k
        if math.isnan(a):
            ax.text(math.sqrt(60 * 86400), y, text + " (blank on purpose)", ha="center",
                    va="center", fontsize=12, style="italic", color=style.TEXT,
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none",
                          "alpha": 0.85})
            continue
        end = min(b, x_max * 0.62)
        first = a  # where the row's first bar starts (its name goes before it)
        if math.isinf(b):
            # ICHD-3 says "hours": the bar proper starts at 1 h, and the kit's reading, from
            # the episodic 30 min (headaches.toml), is a faint stub with a dotted outline
            # before it: drawn whole from 30 min the bar read as ICHD-3's own bound (review
            # 26); no dot pattern, which marks the migraine bar's under-18 range (review 30)
            ax.barh(y, HOURS - a, left=a, height=BAR, color=colour, alpha=0.25,
                    edgecolor=style.TEXT, linewidth=0.8, linestyle=":")
            a = HOURS
        ax.barh(y, end - a, left=a, height=BAR, color=colour, alpha=0.9 if not hatch else 0.55,
                hatch=hatch, edgecolor=style.TEXT, linewidth=0.8)
        if math.isinf(b):
            ax.annotate("", xy=(x_max * 0.97, y), xytext=(end, y),
                        arrowprops={"arrowstyle": "-|>", "lw": 2.2, "color": style.TEXT,
                                    "mutation_scale": 18})
            # no separate label over the arrow: the bar's own text says "unremitting",
            # and a second one floated between two rows (student review)
        if "Migraine\n(1.1)" in label:
            ax.barh(y, a - kid_low, left=kid_low, height=BAR, color=colour, alpha=0.35,
                    hatch="..", edgecolor=style.TEXT, linewidth=0.8)
        mid = math.sqrt(a * end)
        inside = math.log10(end / a) > 1.2 and not hatch
        # a hatched bar's name goes before it, on two lines: on it, in 12-point type, it
        # ran over the bar's end and its arrow
        x, ha = ((mid, "center") if inside else (first / 1.25, "right") if hatch
                 else (end * 1.25, "left"))
        ax.text(x, y, text, ha=ha, va="center", fontsize=12.5, fontweight="bold",
                linespacing=1.0,
                color="white" if inside else style.TEXT,
                bbox=None if inside else {"boxstyle": "round,pad=0.15", "fc": "white",
                                          "ec": "none", "alpha": 0.85})
        if note:
            x_note = end if note_at == "end" else a
            # on white: the grid lines ran through the grey notes (review 25)
            ax.text(x_note, y - BAR / 2 - NOTE_GAP, note,
                    ha="right" if note_at == "end" else "left", va="top", fontsize=11,
                    color="#444444", bbox={"boxstyle": "square,pad=0.05", "fc": "white",
                                           "ec": "none", "alpha": 0.85})
    ax.set_xscale("log")
    ax.set_xlim(0.6, x_max)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xticks([t for t, _ in _TICKS])
    ax.set_xticklabels([s for _, s in _TICKS], fontsize=11.5)
    ax.minorticks_off()
    ax.set_yticks(range(n))
    ax.set_yticklabels([r[0] for r in rows][::-1], fontsize=12)
    for t, _ in _TICKS:
        ax.axvline(t, color="#DDDDDD", lw=0.7, zorder=0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel("One attack, untreated or unsuccessfully treated (log scale)", fontsize=12)
    ax.set_title("How long one attack lasts (ICHD-3)", loc="left", fontsize=15)
    fig.text(0.01, 0.01, "Source: " + cite("ichd3_2018") + ". Bars are ranges for one "
             "attack; 1 s and 10 min for occipital\nneuralgia, and the faint 30 min to 1 h "
             "of chronic tension-type, are the kit's reading.",
             fontsize=11, color="#444444")
    fig.tight_layout(rect=(0, 0.075, 1, 1))
    alt = ("Timeline of attack durations on a log axis from 1 second to 30 days. Occipital "
           "neuralgia paroxysms: seconds to minutes. Each migraine aura symptom: 5 to 60 "
           "minutes. Migraine attack: 4 to 72 hours (2 to 72 hours under 18). Episodic "
           "tension-type: 30 minutes to 7 days. Chronic tension-type: hours to days or "
           "unremitting, drawn with an arrow from 1 hour, and faint from 30 minutes, the "
           "kit's reading. "
           "Cervicogenic: ICHD-3 gives no duration.")
    return mpl2d.StaticFigure(fig, alt)
