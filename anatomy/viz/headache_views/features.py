"""The feature matrix: ICHD-3 features of the headaches as a figure and an HTML table."""

from __future__ import annotations

from matplotlib.patches import Rectangle

from anatomy import headaches
from anatomy.conventions import check_choice
from anatomy.references import cite
from anatomy.viz import mpl2d, style
from anatomy.viz.headache_views.common import SHORT
from anatomy.viz.tables import Cell, HtmlTable

__all__ = ["COMPARISON_ROWS", "STATUS", "comparison_view", "feature_matrix", "feature_table"]

# status of a cell in the ICHD-3 criteria, shown by a symbol AND a fill
STATUS = {
    "required": ("■", "required by the criteria", "#0072B2", "white"),
    "option": ("◆", "one option of a criterion", "#A6CEE8", style.TEXT),
    "against": ("✕", "must be absent or limited", "#F4C9A8", style.TEXT),
    "none": ("–", "not part of the criteria", "#F2F2F2", style.TEXT),
}


def feature_matrix() -> mpl2d.StaticFigure:
    """A table-like figure: features in rows, conditions in columns.

    Every cell has text and a symbol for its status in the criteria (colour is only a
    third cue).

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    mpl2d.use_style()
    matrix = headaches.feature_matrix()  # the data: headaches.toml [feature_matrix]
    conds, rows, cells = matrix["conditions"], matrix["rows"], matrix["cells"]
    fig, ax = mpl2d.subplots(figsize=(12.5, 7.6))
    w, h, left = 1.0, 1.0, 0.95
    for j, cond in enumerate(conds):
        x = left + j * w
        code = headaches.comparison_table().at["ichd3_code", cond]
        ax.text(x + w / 2, len(rows) + 0.25, f"{SHORT[cond]}\n(ICHD-3 {code})",
                ha="center", va="bottom", fontsize=11.5, fontweight="bold")
        for i, (status, text) in enumerate(cells[cond]):
            y = len(rows) - 1 - i
            symbol, _desc, fill, ink = STATUS[status]
            ax.add_patch(Rectangle((x + 0.02, y + 0.03), w - 0.04, h - 0.06,
                                             facecolor=fill, edgecolor="#777777", lw=0.6))
            ax.text(x + 0.07, y + h - 0.1, symbol, ha="left", va="top", fontsize=12,
                    color=ink, fontweight="bold")
            ax.text(x + w / 2 + 0.04, y + h / 2 - 0.02, text, ha="center", va="center",
                    fontsize=9.6, color=ink, linespacing=1.25)
    for i, row in enumerate(rows):
        y = len(rows) - 1 - i
        ax.text(left - 0.05, y + h / 2, row, ha="right", va="center", fontsize=11,
                fontweight="bold")
    # the key: each status as a small cell, its symbol inside in the cell's own ink (a
    # black square beside the swatch did not match the white squares in the cells)
    start = left - 0.6
    step = (len(conds) * w + 0.6) / len(STATUS)
    for k, (symbol, desc, fill, ink) in enumerate(STATUS.values()):
        x = start + k * step + 0.1
        ax.add_patch(Rectangle((x, -0.52), 0.2, 0.3, facecolor=fill, edgecolor="#777777",
                               lw=0.6))
        ax.text(x + 0.1, -0.37, symbol, ha="center", va="center", fontsize=11, color=ink,
                fontweight="bold")
        ax.text(x + 0.28, -0.37, desc, ha="left", va="center", fontsize=9.5)
    ax.set_xlim(-0.35, left + len(conds) * w + 0.02)
    ax.set_ylim(-0.6, len(rows) + 0.95)
    ax.axis("off")
    ax.set_title("What distinguishes them: ICHD-3 features (LA = local anaesthetic)",
                 loc="left", fontsize=13)
    fig.text(0.01, 0.01, "Sources: " + cite(*matrix["references"]), fontsize=8,
             color="#444444")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    alt = ("Feature matrix, 6 features by 4 conditions; each cell has text and a symbol: "
           "square = required, diamond = one option of a criterion, cross = must be absent "
           "or limited, dash = not part of the criteria. " + _matrix_alt())
    return mpl2d.StaticFigure(fig, alt)


def feature_table() -> HtmlTable:
    """The feature matrix as an HTML table (notebooks).

    Every cell has a symbol and words for its status in the criteria, and a fill as a
    third cue. ``feature_matrix`` draws it.

    Returns
    -------
    HtmlTable
        Title, one column per condition, one row per feature, the key and sources.
    """
    matrix = headaches.feature_matrix()
    codes = headaches.comparison_table().loc["ichd3_code"]
    columns = [f"{SHORT[c]}\n(ICHD-3 {codes[c]})" for c in matrix["conditions"]]
    table_rows = []
    for i, row in enumerate(matrix["rows"]):
        row_cells = []
        for cond in matrix["conditions"]:
            status, text = matrix["cells"][cond][i]
            symbol, _desc, fill, ink = STATUS[status]
            row_cells.append(Cell(f"{symbol} {text.replace(chr(10), ' ')}", fill, ink))
        table_rows.append((row, row_cells))
    key = "; ".join(f"{symbol} {desc}" for symbol, desc, _f, _i in STATUS.values())
    return HtmlTable("What distinguishes them: ICHD-3 features (LA = local anaesthetic)",
                     columns, table_rows, notes=[f"Key: {key}.", "Sources: "
                                                 + cite(*matrix["references"]) + "."])


COMPARISON_ROWS = ("frequency", "laterality", "quality", "intensity", "aggravated_by_activity",
                   "nausea", "photophobia_phonophobia", "relieved_by_nerve_block",
                   "typical_locations")
_ROW_LABELS = {"aggravated_by_activity": "Worse with activity",
               "photophobia_phonophobia": "Light and sound",
               "relieved_by_nerve_block": "Nerve block", "typical_locations": "Where it hurts",
               "laterality": "Side"}


def comparison_view(rows=COMPARISON_ROWS,
                    conditions=("occipital_neuralgia", "migraine_without_aura",
                                "tension_type", "cervicogenic")) -> HtmlTable:
    """Rows of ``headaches.comparison_table()`` as a table that fits a narrow screen.

    The ICHD-3 code goes into each column header; text wraps inside fixed columns.

    Parameters
    ----------
    rows : sequence of str
        Rows of the comparison table, in order.
    conditions : sequence of str
        Conditions (columns), from ``headaches.CONDITIONS``.

    Returns
    -------
    HtmlTable
        One column per condition, one row per feature, and the sources below.

    Raises
    ------
    ValueError
        If a row or condition is unknown; the message lists the valid ones.
    """
    table = headaches.comparison_table()
    for row in rows:
        check_choice(row, list(table.index), "comparison row")
    for cond in conditions:
        check_choice(cond, headaches.CONDITIONS, "condition")
    columns = [f"{SHORT[c]}\n({table.at['ichd3_code', c]})" for c in conditions]
    body = [(_ROW_LABELS.get(r, r.replace("_", " ").capitalize()),
             [Cell(str(table.at[r, c])) for c in conditions]) for r in rows]
    sources = headaches.comparison_sources()
    keys = sorted({k.strip() for r in rows for c in conditions
                   for k in str(sources.at[r, c]).split(",") if k.strip()})
    # the row names' column holds "Associated" whole at 1024 px with the side panel open
    # (at 17% it broke as "Associate / d": a student's review)
    return HtmlTable("The conditions side by side (ICHD-3 code in brackets)", columns, body,
                     notes=["Sources: " + cite(*keys) + "."], header_width="19%")


def _matrix_alt() -> str:
    matrix = headaches.feature_matrix()
    parts = []
    for cond in matrix["conditions"]:
        cells = "; ".join(f"{row.lower()}: {text.replace(chr(10), ' ')}"
                          for row, (_s, text) in zip(matrix["rows"], matrix["cells"][cond]))
        parts.append(f"{SHORT[cond]}: {cells}.")
    return " ".join(parts)
