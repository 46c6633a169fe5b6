"""Figures comparing the headaches: pain maps on the head (3D and print), a timeline of
attack durations, a feature matrix and the examination points. Plotly only through
``plotly3d``, imported when a 3D figure is made (importing plotly takes seconds, and the
print figures do not need it)."""

from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.patches import Rectangle

from anatomy import headache_maps as hm
from anatomy import headaches
from anatomy.conventions import check_choice
from anatomy.nerves import load_nerve_specs
from anatomy.references import cite
from anatomy.viz import mpl2d, style
from anatomy.viz.tables import Cell, HtmlTable

__all__ = [
    "EXAM_REFERENCES", "FIGURE_CELL_MM", "HEAT_CMAP", "OI", "PAIN_SCALE", "PLATE_VIEWS",
    "REGION_TAGS", "SHORT", "STATUS", "duration_timeline", "examination_figure",
    "examination_points", "feature_matrix", "feature_table", "head_z_drop",
    "pain_map_figure", "pain_map_plate",
]

OI = style.OKABE_ITO
HEAT_CMAP = LinearSegmentedColormap.from_list("kit_heat", [(p, c) for p, c in style.HEAT_SCALE])
# Plotly scale for maps: 0 is plain skin, then the kit's heat scale.
PAIN_SCALE = [[0.0, style.SKIN], [0.04, style.HEAT_SCALE[0][1]]] + [
    [round(0.04 + 0.96 * p, 3), c] for p, c in style.HEAT_SCALE[1:]]
FIGURE_CELL_MM = 9.0  # vertex-cluster size of the head in the interactive figure
SHORT = {"occipital_neuralgia": "Occipital neuralgia", "migraine_without_aura": "Migraine",
         "migraine_with_aura": "Migraine with aura", "tension_type": "Tension-type",
         "cervicogenic": "Cervicogenic"}
REGION_TAGS = {"eyes": "eyes", "frontal": "frontal", "temporal": "temporal",
               "occipital": "occipital", "vertex": "vertex", "neck": "neck", "gon": "GON",
               "lon": "LON", "ton": "TON", "band": "band"}


def _kind_line(condition: str) -> str:
    return ("% of patients (Kelman 2005)" if hm.map_kind(condition) == "frequency"
            else "qualitative (ICHD-3 text)")


def _region_label(condition: str, region: str, weight: float) -> str:
    tag = REGION_TAGS[region]
    if hm.map_kind(condition) == "frequency":
        return f"{tag} {100 * weight:.0f}%"
    return tag if weight >= 0.75 else f"{tag} (spread)"


# ----------------------------------------------------------------------------------------
# Pain maps: interactive (several scenes in one figure) and print plate
# ----------------------------------------------------------------------------------------

def _figure_mesh(cell_mm: float = FIGURE_CELL_MM) -> hm.Decimated:
    mesh = hm.map_mesh()
    return hm.decimate(mesh.vertices, mesh.faces, cell_mm)


def pain_map_figure(conditions=hm.MAP_CONDITIONS, *, side: str = "right",
                    view: str = "right", cell_mm: float = FIGURE_CELL_MM,
                    height: int = 760):
    """One 3D scene per condition (2 x 2 for four), a shared camera menu, one colour bar.

    The head is a vertex-clustered copy (``cell_mm``) of the map mesh to keep the JSON small.

    Parameters
    ----------
    conditions : sequence of str, default MAP_CONDITIONS
        Conditions with a map, in column order, each one of ``"occipital_neuralgia"``,
        ``"migraine_without_aura"``, ``"migraine_with_aura"``, ``"tension_type"`` or
        ``"cervicogenic"``; the default is all but migraine with aura.
    side : {"left", "right", "both"}, default "right"
        Painful side of one-sided pictures (tension-type is always both).
    view : str, default "right"
        Starting camera of every scene:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    cell_mm : float, default FIGURE_CELL_MM (9.0)
        Vertex-cluster size of the displayed head, mm.
    height : int, default 560
        Figure height, pixels.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If a condition has no map, ``conditions`` is empty, or ``side`` or ``view`` is not
        valid.
    """
    from anatomy.viz import plotly3d

    conditions = [hm._condition(c) for c in conditions]
    if not conditions:
        raise ValueError("conditions must name at least one of " + ", ".join(hm.MAP_SPECS))
    dec = _figure_mesh(cell_mm)
    mesh = hm.map_mesh()
    panels, titles = [], []
    for k, cond in enumerate(conditions):
        s = None if cond == "tension_type" else side
        values = dec.transfer(hm.condition_map(cond, s))
        hover = f"{hm.CONDITION_LABELS[cond]}: {hm.map_caption(cond)}"
        traces = [
            plotly3d.mesh_trace(dec.vertices, dec.faces, name=SHORT[cond], intensity=values,
                                colorscale=PAIN_SCALE, showscale=k == 0,
                                colorbar_title="pain map<br>(0-1)", hovertext=hover),
            plotly3d.mesh_trace(mesh.eye_vertices, mesh.eye_faces, name="eyes",
                                color=style.EYE, showlegend=False),
        ]
        panels.append(traces)
        titles.append(f"<b>{SHORT[cond]}</b><br><span style='font-size:12px'>"
                      f"{_kind_line(cond)}</span>")
    fig = plotly3d.multi_scene_figure(panels, titles=titles, view=view, height=height)
    plotly3d.multi_view_menu(fig, len(panels), active=list(plotly3d.CAMERAS).index(view))
    one_sided = [SHORT[c] for c in conditions if c != "tension_type"]
    count = {1: "One head", 2: "Two heads", 3: "Three heads", 4: "Four heads"}.get(
        len(conditions), f"{len(conditions)} heads")
    arranged = "in a 2 x 2 grid" if len(conditions) == 4 else "side by side"
    alt = (f"{count} {arranged}, seen from the {view.replace('_', ' ')}, coloured where "
           "each headache hurts (darker = more). " + _map_alt(conditions, side)
           + (f" One-sided pictures ({', '.join(one_sided)}) are drawn on the {side}."
              if one_sided else "") + " Use the menu to turn all heads together.")
    return plotly3d.KitFigure(fig, alt)


def _map_alt(conditions, side: str) -> str:
    parts = {
        "occipital_neuralgia": "Occipital neuralgia: a strip from below the back of the head "
        "up toward the crown (greater occipital nerve), behind the ear (lesser) and near the "
        "midline of the upper neck (third), with faint possible spread to the forehead and "
        "eye (qualitative).",
        "migraine_without_aura": "Migraine: darkest around the eye (67% of patients), then "
        "temple (58%) and forehead (56%), lighter over the occiput (40%), neck (40%) and "
        "vertex (24%); the other side lighter because two-thirds have one-sided pain.",
        "migraine_with_aura": "Migraine with aura: shown with the same migraine map.",
        "tension_type": "Tension-type: a band on both sides over forehead, temples and "
        "occiput (qualitative).",
        "cervicogenic": "Cervicogenic: one side only, darkest in the upper neck, fading "
        "forward over the occiput and temple to the forehead and eye (qualitative).",
    }
    return " ".join(parts[c] for c in conditions)


def _face_colours(mesh: hm.MapMesh, values: np.ndarray) -> np.ndarray:
    """Per-face colours: skin where the map is 0, blending into the heat scale."""
    val = values[mesh.faces].mean(axis=1)
    heat = HEAT_CMAP(val)[:, :3]
    a = np.clip(val / 0.06, 0, 1)[:, None]
    return (1 - a) * np.array(to_rgb(style.SKIN)) + a * heat


PLATE_VIEWS = ("anterior", "right", "posterior")


def _visible(point, view: str) -> bool:
    """Does the view see this skin point: no skin between it and the eye, and the point not
    on the head's outline, where the skin runs along the line of sight (its label would
    sit outside the head, over the panel titles)?"""
    skin = hm.map_skin()
    on_outline = abs(float(skin.normal_at([point])[0] @ mpl2d.view_basis(view)[2])) < 0.1
    return not on_outline and bool(skin.visible([point], view)[0])


def pain_map_plate(conditions=hm.MAP_CONDITIONS, *, side: str = "right",
                   views=PLATE_VIEWS, panel_inches: float = 3.4) -> mpl2d.StaticFigure:
    """Print plate of the pain maps: one column per condition, one row per view.

    The regions are labelled in text (percentages for migraine), with L/R marks.

    Parameters
    ----------
    conditions : sequence of str, default MAP_CONDITIONS
        Conditions with a map, in column order, each one of ``"occipital_neuralgia"``,
        ``"migraine_without_aura"``, ``"migraine_with_aura"``, ``"tension_type"`` or
        ``"cervicogenic"``; the default is all but migraine with aura.
    side : {"left", "right", "both"}, default "right"
        Painful side of one-sided pictures (tension-type is always both).
    views : sequence of str, default PLATE_VIEWS ("anterior", "right", "posterior")
        Named views, one row each.
    panel_inches : float, default 3.4
        Width of one panel, inches.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If a condition has no map or ``side`` is not valid.
    """
    conditions = [hm._condition(c) for c in conditions]
    mpl2d.use_style()
    mesh = hm.map_mesh()
    xlim, ylim = (-175.0, 195.0), (-165.0, 150.0)
    fig_w = panel_inches * len(conditions)
    chars = max(int(fig_w * 9), 30)
    label = textwrap.fill("Migraine: share of patients (0.67 = 67%).  Other maps: qualitative "
                          "(1 = core area, lower = possible spread)", int(chars * 1.3))
    top_in = 1.0 + 0.2 * (len(conditions) < 3)
    bottom_in = 1.3 + 0.16 * label.count("\n") + 0.15 * (len(conditions) < 3)
    fig_h = panel_inches * (ylim[1] - ylim[0]) / (xlim[1] - xlim[0]) * len(views) \
        + top_in + bottom_in
    eye_rgb = np.tile(to_rgb(style.EYE), (len(mesh.eye_faces), 1))
    fig, axes = mpl2d.subplots(len(views), len(conditions),
                               figsize=(panel_inches * len(conditions), fig_h), squeeze=False)
    for j, cond in enumerate(conditions):
        s = None if cond == "tension_type" else side
        values = hm.condition_map(cond, s)
        colours = np.vstack([_face_colours(mesh, values), eye_rgb])
        verts = np.vstack([mesh.vertices, mesh.eye_vertices])
        faces = np.vstack([mesh.faces, mesh.eye_faces + len(mesh.vertices)])
        for i, view in enumerate(views):
            ax = axes[i, j]
            mpl2d.draw_mesh(ax, verts, faces, view, color=colours)
            _label_regions(ax, cond, s, view)
            mpl2d.setup_view_axes(ax)
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            if view in ("anterior", "posterior"):
                left_screen = "R" if view == "anterior" else "L"
                right_screen = "L" if view == "anterior" else "R"
                ax.text(0.03, 0.97, left_screen, transform=ax.transAxes, fontsize=11,
                        fontweight="bold", va="top")
                ax.text(0.97, 0.97, right_screen, transform=ax.transAxes, fontsize=11,
                        fontweight="bold", va="top", ha="right")
            if j == 0:
                ax.text(-0.04, 0.5, mpl2d.VIEW_TITLES[view], transform=ax.transAxes,
                        rotation=90, va="center", ha="right", fontsize=11)
        axes[0, j].set_title(f"{SHORT[cond]}\n{_kind_line(cond)}",
                             fontsize=12 if panel_inches >= 3 else 10.5, pad=4)
    cax = fig.add_axes([0.30, (bottom_in - 0.38) / fig_h, 0.40, 0.16 / fig_h])
    sm = ScalarMappable(cmap=HEAT_CMAP)
    sm.set_clim(0, 1)
    bar = fig.colorbar(sm, cax=cax, orientation="horizontal")
    bar.set_ticks([0, 0.25, 0.5, 0.75, 1.0])
    bar.ax.tick_params(labelsize=9)
    bar.set_label(label, fontsize=9.5)
    one = "both sides" if side == "both" else f"the subject's {side}"
    fig.suptitle(textwrap.fill("Where it hurts: pain-location maps (one-sided pictures "
                               f"drawn on {one})", chars),
                 fontsize=14 if len(conditions) > 2 else 11, y=1 - 0.12 / fig_h, va="top")
    refs = sorted({k for c in conditions for k in hm.map_references(c)})
    fig.text(0.01, 0.08 / fig_h, textwrap.fill("Sources: " + cite(*refs) + ". Region shapes "
             "are the kit's construction on 10-20 positions and landmarks.", int(chars * 1.4)),
             fontsize=7.5, color="#444444", va="bottom")
    fig.subplots_adjust(left=0.45 / fig_w, right=1 - 0.6 / fig_w, top=1 - top_in / fig_h,
                        bottom=bottom_in / fig_h, wspace=0.02, hspace=0.02)
    alt = ("Print plate of pain maps: " + ", ".join(SHORT[c] for c in conditions)
           + f" in columns; {', '.join(v.replace('_', ' ') for v in views)} views in rows. "
           + _map_alt(conditions, side) + " Regions are labelled in text.")
    return mpl2d.StaticFigure(fig, alt)


def _label_regions(ax, condition: str, side, view: str) -> None:
    at = "right" if side in (None, "both") else side
    seen = set()
    pts, labels = [], []
    for region, weight, _basis in hm.MAP_SPECS[condition]["regions"]:
        if region in seen:
            continue
        seen.add(region)
        p = hm.region_centre(region, at)
        if not _visible(p, view):
            continue
        pts.append(mpl2d.project(p, view)[0])
        labels.append(_region_label(condition, region, weight))
    if not pts:
        return
    pts = np.array(pts)
    offsets = []
    for p in pts:
        d = p - np.array([0.0, 10.0])
        d = d / max(np.linalg.norm(d), 1e-6)
        offsets.append(tuple(np.round(d * 30 + np.array([np.sign(d[0]) * 4, 0]), 1)))
    mpl2d.label_points(ax, pts, labels, offsets=offsets, color=OI["blue"], size=14,
                       fontsize=8)


# ----------------------------------------------------------------------------------------
# Duration timeline
# ----------------------------------------------------------------------------------------

_SEC = {"s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0}
_TICKS = [(1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"), (3600, "1 h"),
          (4 * 3600, "4 h"), (86400, "1 day"), (3 * 86400, "3 d"), (7 * 86400, "7 d"),
          (30 * 86400, "30 days")]


def _duration_rows():
    """(label, start s, end s, colour, hatch, bar text, note) from headaches.py data."""
    table = headaches.comparison_table()
    sub = headaches.tension_type_subtypes()
    mig = headaches.thresholds("migraine_without_aura")

    def minutes(row, cond):
        return float(table.at[row, cond]) * 60.0

    rows = [
        ("Occipital neuralgia\n(13.4) paroxysm", minutes("duration_min_minutes",
         "occipital_neuralgia"), minutes("duration_max_minutes", "occipital_neuralgia"),
         OI["vermillion"], "", "seconds to minutes",
         "ICHD-3: 'a few seconds to minutes'; 1 s and 10 min are the kit's reading"),
        ("Migraine aura\n(1.2), each symptom", minutes("aura_duration_min_minutes",
         "migraine_with_aura"), minutes("aura_duration_max_minutes", "migraine_with_aura"),
         OI["reddish_purple"], "", "5-60 min", "motor aura symptoms may last up to 72 h"),
        ("Migraine\n(1.1) attack", mig["min_hours"] * 3600, mig["max_hours"] * 3600,
         OI["blue"], "", "4-72 h", "under 18 years: 2-72 h (dotted part)"),
        ("Tension-type, episodic\n(2.1, 2.2) episode",
         float(sub.at["2.1", "duration_min_minutes"]) * 60,
         float(sub.at["2.1", "duration_max_minutes"]) * 60, OI["bluish_green"], "",
         "30 min to 7 days", ""),
        ("Tension-type, chronic\n(2.3)", float(sub.at["2.3", "duration_min_minutes"]) * 60,
         math.inf, OI["bluish_green"], "//", "hours to days, or unremitting", ""),
        ("Cervicogenic\n(11.2.1)", math.nan, math.nan, OI["grey"], "",
         "ICHD-3 gives no duration", ""),
    ]
    return rows, mig["min_hours_under_18"] * 3600


def duration_timeline() -> mpl2d.StaticFigure:
    """Attack durations on a log time axis (1 s to 30 days).

    Bars with text labels; chronic tension-type drawn as unremitting with an arrow.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    mpl2d.use_style()
    rows, kid_low = _duration_rows()
    x_max = 30 * 86400
    # 7.8 inches wide, 9-point text: 14 px on a 1024 x 768 slide, 8 points on an A4 page
    fig, ax = mpl2d.subplots(figsize=(7.8, 5.4))
    n = len(rows)
    for k, (label, a, b, colour, hatch, text, note) in enumerate(rows):
        y = n - 1 - k
        if math.isnan(a):
            ax.text(math.sqrt(60 * 86400), y, text + " (left blank on purpose)", ha="center",
                    va="center", fontsize=10, style="italic", color=style.TEXT)
            continue
        end = min(b, x_max * 0.62)
        ax.barh(y, end - a, left=a, height=0.56, color=colour, alpha=0.9 if not hatch else 0.55,
                hatch=hatch, edgecolor=style.TEXT, linewidth=0.8)
        if math.isinf(b):
            ax.annotate("", xy=(x_max * 0.97, y), xytext=(end, y),
                        arrowprops={"arrowstyle": "-|>", "lw": 2.2, "color": style.TEXT,
                                    "mutation_scale": 18})
            ax.text(x_max * 0.93, y + 0.36, "unremitting", ha="right", va="bottom",
                    fontsize=9)
        if "Migraine\n(1.1)" in label:
            ax.barh(y, a - kid_low, left=kid_low, height=0.56, color=colour, alpha=0.35,
                    hatch="..", edgecolor=style.TEXT, linewidth=0.8)
        mid = math.sqrt(a * end)
        inside = math.log10(end / a) > 1.2
        ax.text(mid if inside else end * 1.25, y, text, ha="center" if inside else "left",
                va="center", fontsize=10, fontweight="bold",
                color="white" if inside and not hatch else style.TEXT,
                bbox=None if inside and not hatch else {"boxstyle": "round,pad=0.15",
                                                        "fc": "white", "ec": "none",
                                                        "alpha": 0.85})
        if note:
            x_note = kid_low if "Migraine\n(1.1)" in label else a
            ax.text(x_note, y - 0.34, note, ha="left", va="top", fontsize=9,
                    color="#444444")
    ax.set_xscale("log")
    ax.set_xlim(0.6, x_max)
    ax.set_ylim(-0.8, n - 0.4)
    ax.set_xticks([t for t, _ in _TICKS])
    ax.set_xticklabels([s for _, s in _TICKS], fontsize=9)
    ax.minorticks_off()
    ax.set_yticks(range(n))
    ax.set_yticklabels([r[0] for r in rows][::-1], fontsize=9.5)
    for t, _ in _TICKS:
        ax.axvline(t, color="#DDDDDD", lw=0.7, zorder=0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel("Duration of one attack (log scale), untreated or unsuccessfully treated")
    ax.set_title("How long one attack lasts (ICHD-3)", loc="left", fontsize=13)
    fig.text(0.01, 0.01, "Source: " + cite("ichd3_2018") + ". Bars are ranges for one "
             "attack; 1 s and 10 min for occipital neuralgia are the kit's reading.",
             fontsize=9, color="#444444", wrap=True)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    alt = ("Timeline of attack durations on a log axis from 1 second to 30 days. Occipital "
           "neuralgia paroxysms: seconds to minutes. Each migraine aura symptom: 5 to 60 "
           "minutes. Migraine attack: 4 to 72 hours (2 to 72 hours under 18). Episodic "
           "tension-type: 30 minutes to 7 days. Chronic tension-type: hours to days or "
           "unremitting, drawn with an arrow. Cervicogenic: ICHD-3 gives no duration.")
    return mpl2d.StaticFigure(fig, alt)


# ----------------------------------------------------------------------------------------
# Feature matrix
# ----------------------------------------------------------------------------------------

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
    handles = [Rectangle((0, 0), 1, 1, facecolor=STATUS[k][2], edgecolor="#777777",
                                   label=f"{STATUS[k][0]}  {STATUS[k][1]}") for k in STATUS]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=4,
              frameon=False, fontsize=9.5, handlelength=1.2)
    ax.set_xlim(-0.35, left + len(conds) * w + 0.02)
    ax.set_ylim(-0.05, len(rows) + 0.95)
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
    return HtmlTable("The conditions side by side (ICHD-3 code in brackets)", columns, body,
                     notes=["Sources: " + cite(*keys) + "."], header_width="17%")


def _matrix_alt() -> str:
    matrix = headaches.feature_matrix()
    parts = []
    for cond in matrix["conditions"]:
        cells = "; ".join(f"{row.lower()}: {text.replace(chr(10), ' ')}"
                          for row, (_s, text) in zip(matrix["rows"], matrix["cells"][cond]))
        parts.append(f"{SHORT[cond]}: {cells}.")
    return " ".join(parts)


# ----------------------------------------------------------------------------------------
# Examination points for occipital neuralgia (notebook 04)
# ----------------------------------------------------------------------------------------

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
    mesh = hm.map_mesh()
    pts = examination_points(side)
    values = 0.3 * hm.condition_map("occipital_neuralgia", side)
    eye_rgb = np.tile(to_rgb(style.EYE), (len(mesh.eye_faces), 1))
    colours = np.vstack([_face_colours(mesh, values), eye_rgb])
    verts = np.vstack([mesh.vertices, mesh.eye_vertices])
    faces = np.vstack([mesh.faces, mesh.eye_faces + len(mesh.vertices)])
    fig, ax = mpl2d.subplots(figsize=(8.2, 6.4))
    mpl2d.draw_mesh(ax, verts, faces, "posterior", color=colours)
    p2 = {k: mpl2d.project(p, "posterior")[0] for k, p in pts.items()}
    line = np.array([p2["inion (EOP)"], p2["mastoid tip"]])
    ax.plot(line[:, 0], line[:, 1], ls="--", lw=1.2, color=style.TEXT, zorder=4)
    s = 1 if side == "right" else -1
    styles = {"inion (EOP)": ("o", OI["blue"], (-s * 45, 30)),
              "mastoid tip": ("o", OI["blue"], (s * 45, -25)),
              "GON exit, trapezius (Kim 2018)": ("*", OI["vermillion"], (-s * 50, -45)),
              "GON block: 1/3 EOP to mastoid": ("D", OI["bluish_green"], (s * 55, 55)),
              "LON block: 2/3 EOP to mastoid": ("s", OI["reddish_purple"], (s * 40, 28))}
    for name, (marker, colour, off) in styles.items():
        mpl2d.label_points(ax, p2[name][None], [name], color=colour, marker=marker,
                           size=150 if marker == "*" else 55, offsets=[off], fontsize=9.5)
    for coll in ax.collections[1:]:
        coll.set_edgecolor("black")
    mpl2d.setup_view_axes(ax)
    ax.set_xlim(-160, 175)
    ax.set_ylim(-100, 140)
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
           "the mastoid.")
    return mpl2d.StaticFigure(fig, alt)


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
