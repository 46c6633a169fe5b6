"""Pain maps of the headaches on the head: interactive (several scenes in one figure) and
a print plate. Plotly only through ``plotly3d``, imported when the 3D figure is made."""

from __future__ import annotations

import functools
import textwrap

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from anatomy import headache_maps as hm
from anatomy import meshgen
from anatomy.references import cite
from anatomy.viz import compact, fields, mpl2d, style
from anatomy.viz.eyes import plate_eyes
from anatomy.viz.headache_views.common import OI, SHORT

__all__ = [
    "FIGURE_MAX_EDGE_MM", "FIGURE_STEP", "FIGURE_UNIT_MM", "HEAT_CMAP", "HOVER_CHARS",
    "MAP_BYTES", "MAP_FLOOR", "PAIN_SCALE",
    "PLATE_VIEWS", "REGION_TAGS", "pain_map_figure", "pain_map_plate",
]

HEAT_CMAP = LinearSegmentedColormap.from_list("kit_heat",
                                              [(p, c) for p, c in style.MAP_HEAT_SCALE])
# Plotly scale for maps: 0 is plain skin, then the kit's heat colours, lightness falling
# evenly with the value (style.MAP_HEAT_SCALE).
PAIN_SCALE = [[0.0, style.SKIN], [0.04, style.MAP_HEAT_SCALE[0][1]]] + [
    [round(0.04 + 0.96 * p, 3), c] for p, c in style.MAP_HEAT_SCALE[1:]]
MAP_FLOOR = PAIN_SCALE[1][0]  # value of the first heat colour: the least inside a map
MAP_BYTES = 250  # intensity byte of map value 1 in the interactive figure
# The interactive figure draws hm.figure_mesh() and refines it where a map needs it: an
# edge over FIGURE_MAX_EDGE_MM is split where the map changes by more than FIGURE_STEP
# along it, or where the map's edge crosses it (display choices: size against smoothness)
FIGURE_MAX_EDGE_MM = 8.0
FIGURE_STEP = 0.12
# the interactive figure's coordinates are int16 counts of this unit (compact.whole_units):
# whole millimetres folded the small faces along each map's edge, which looked torn; the
# same two bytes hold 0.05 mm steps up to 1.6 m, far beyond the head
FIGURE_UNIT_MM = 0.05
HOVER_CHARS = 30  # hover text lines: a panel is about 240 px wide at 1024 px (13 px font)
REGION_TAGS = {"eyes": "eyes", "frontal": "frontal", "temporal": "temporal",
               "occipital": "occipital", "vertex": "vertex", "neck": "neck", "gon": "GON",
               "lon": "LON", "ton": "TON", "band": "band"}


def _kind_line(condition: str) -> str:
    # the colour bar reads 0-1: a share of patients, not a percentage (the subtitle said
    # "% of patients" under a bar of 0 to 1: reviewer)
    return ("share of patients (Kelman 2005)" if hm.map_kind(condition) == "frequency"
            else "qualitative (ICHD-3 text)")


def _region_label(condition: str, region: str, weight: float) -> str:
    tag = REGION_TAGS[region]
    if hm.map_kind(condition) == "frequency":
        return f"{tag} {100 * weight:.0f}%"
    return tag if weight >= 0.75 else f"{tag} (spread)"


def _panel_mesh(condition: str, side, faces: int = hm.FIGURE_FACES) -> fields.CutField:
    """The light head of one panel (``hm.figure_mesh``), refined where this map changes
    (``meshgen.refine_by_field``) and cut along the map's edge."""
    mesh = hm.map_mesh()
    # refined where the map (ears masked) changes; coloured by the values the ears do not
    # mask, which the edge cuts off at their roots (``hm.condition_map``'s ear_mask)
    both = np.c_[hm.condition_edge(condition, side), hm.condition_map(condition, side),
                 hm.condition_map(condition, side, ear_mask=False)]

    def sample(points):
        corners, weights = fields.resample_weights(mesh.vertices, mesh.faces, points)
        return (both[corners] * weights[:, :, None]).sum(axis=1)

    v, f = hm.figure_mesh(faces)
    v, f, values = meshgen.refine_by_field(v, f, sample, FIGURE_MAX_EDGE_MM,
                                           steps=(0.0, FIGURE_STEP, np.inf))
    return _cut_map(v, f, values[:, 0], values[:, 2])


def pain_map_figure(conditions=hm.MAP_CONDITIONS, *, side: str = "right",
                    view: str = "right", faces: int = hm.FIGURE_FACES,
                    height: int | None = None):
    """One 3D scene per condition (2 x 2 for four), a shared camera menu, one colour bar.

    Each head is a light copy of the map mesh (``faces`` triangles, ``hm.figure_mesh``),
    refined where its map changes, to keep the JSON small.

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
    faces : int, default FIGURE_FACES (3500)
        Triangles of each head before it is refined along its map; at least 100.
    height : int, optional
        Figure height, pixels; by default ``plotly3d.FIGURE_HEIGHT``, which fits the
        whole figure in JupyterLab's notebook area at 1024 x 768.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If a condition has no map, ``conditions`` is empty, ``side`` or ``view`` is not
        valid, or ``faces`` is not an integer of at least 100.
    """
    from anatomy.viz import plotly3d

    height = plotly3d.FIGURE_HEIGHT if height is None else height
    conditions = [hm._condition(c) for c in conditions]
    if not conditions:
        raise ValueError("conditions must name at least one of " + ", ".join(hm.MAP_SPECS))
    mesh = hm.map_mesh()
    panels, titles = [], []
    for k, cond in enumerate(conditions):
        s = None if cond == "tension_type" else side
        cut = _panel_mesh(cond, s, faces)
        # in lines that fit a panel (one long line was cut at the panel's edges)
        hover = plotly3d.wrap_words(f"{hm.CONDITION_LABELS[cond]}: {hm.map_caption(cond)}",
                                    HOVER_CHARS)
        skin = plotly3d.mesh_trace(cut.vertices, cut.faces, name=SHORT[cond],
                                   intensity=cut.values, colorscale=PAIN_SCALE,
                                   showscale=k == 0, colorbar_title="map value<br>(0-1)",
                                   hovertext=hover)
        # one byte per vertex (MAP_BYTES is 1), a quarter of float32; the bar reads 0-1
        skin.update(intensity=np.round(cut.values * MAP_BYTES).astype(np.uint8),
                    cmax=MAP_BYTES)
        compact.whole_units(skin, FIGURE_UNIT_MM)  # int16: half the bytes of float32
        skin["colorbar"].update(tickvals=[round(MAP_BYTES * t / 5) for t in range(6)],
                                ticktext=[f"{t / 5:g}" for t in range(6)])
        traces = [
            skin,
            compact.in_units(plotly3d.eyes_trace(mesh.eye_vertices, mesh.eye_faces),
                             FIGURE_UNIT_MM),
        ]
        panels.append(traces)
        titles.append(f"<b>{SHORT[cond]}</b><br><span style='font-size:12px'>"
                      f"{_kind_line(cond)}</span>")
    v = hm.figure_mesh(faces)[0]
    fig = plotly3d.multi_scene_figure(panels, titles=titles, view=view, height=height,
                                      bounds=(v.min(axis=0), v.max(axis=0)),
                                      unit_mm=FIGURE_UNIT_MM)
    plotly3d.multi_view_menu(fig, len(panels), active=list(plotly3d.CAMERAS).index(view))
    one_sided = [SHORT[c] for c in conditions if c != "tension_type"]
    # left of the menu: the blank other side read as "never on the left"; at the right
    # plotly's toolbar covered the note whenever the pointer was over the figure (review)
    if one_sided:
        fig["layout"]["annotations"].append(
            {"text": f"one-sided maps drawn<br>on the subject's {side}", "x": 0.0,
             "xanchor": "left", "y": 1.0, "yanchor": "bottom", "xref": "paper",
             "yref": "paper", "showarrow": False, "align": "left",
             "font": {"size": 12, "color": style.TEXT}, "xshift": 8, "yshift": 6})
    count = {1: "One head", 2: "Two heads", 3: "Three heads", 4: "Four heads"}.get(
        len(conditions), f"{len(conditions)} heads")
    arranged = "in a 2 x 2 grid" if len(conditions) == 4 else "side by side"
    alt = (f"{count} {arranged}, seen from the {view.replace('_', ' ')}, coloured where "
           "each headache hurts (darker = more). " + _map_alt(conditions, side)
           + (f" One-sided pictures ({', '.join(one_sided)}) are drawn on the {side}."
              if one_sided else "") + " Use the menu to turn all heads together.")
    return plotly3d.KitFigure(fig, alt)


def _cut_map(vertices, faces, edge, values) -> fields.CutField:
    """The mesh cut along a map's edge (``condition_edge`` = 0): skin outside, at least
    the first heat colour inside, the change of colour on a smooth curve."""
    return fields.cut_field(vertices, faces, edge, 0.0, values=values, floor=MAP_FLOOR)


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
        "cervicogenic": "Cervicogenic: one side only, darkest down the back of the neck, fading "
        "forward over the occiput and temple to the forehead and eye (qualitative).",
    }
    return " ".join(parts[c] for c in conditions)


def _plate_mesh(condition: str, side, scale: float = 1.0):
    """Vertices, faces and per-corner colours of a map for print, eyes included: the map
    mesh cut along the map's edge, skin outside and the heat scale inside."""
    mesh = hm.map_mesh()
    cut = _cut_map(mesh.vertices, mesh.faces, hm.condition_edge(condition, side),
                   scale * hm.condition_map(condition, side, ear_mask=False))
    colours = np.where(cut.inside[:, None, None], HEAT_CMAP(cut.corner_values())[..., :3],
                       np.array(to_rgb(style.SKIN)))   # a colour a corner: no facets
    ev, ef, eye_rgb = plate_eyes(mesh.eye_vertices, mesh.eye_faces)
    verts = np.vstack([cut.vertices, ev])
    faces = np.vstack([cut.faces, ef + len(cut.vertices)])
    return verts, faces, np.vstack([colours, np.repeat(eye_rgb[:, None, :], 3, axis=1)])


PLATE_VIEWS = ("anterior", "right", "posterior")


@functools.cache
def _seen_regions(at: str, view: str) -> frozenset:
    """The map regions whose centres (on the ``at`` side) the view sees: no skin between
    them and the eye, and not on the head's outline, where the skin runs along the line
    of sight (a label there would sit outside the head, over the panel titles). Every
    region of a view is tested in one batch of rays."""
    skin = hm.map_skin()
    regions = list(REGION_TAGS)
    points = np.array([hm.region_centre(r, at) for r in regions])
    facing = np.abs(skin.normal_at(points) @ mpl2d.view_basis(view)[2]) >= 0.1
    seen = facing & skin.visible(points, view)
    return frozenset(r for r, ok in zip(regions, seen) if ok)


def pain_map_plate(conditions=hm.MAP_CONDITIONS, *, side: str = "right",
                   views=PLATE_VIEWS, panel_inches: float = 3.4,
                   by_condition: bool = False) -> mpl2d.StaticFigure:
    """Print plate of the pain maps: one column per condition, one row per view (or, with
    ``by_condition``, one row per condition and one column per view).

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
    by_condition : bool, default False
        One row per condition, one column per view: a narrow, tall plate that fits a
        notebook's width (four conditions side by side were 1144 px wide, their text
        shrunk to about 6 px in JupyterLab at 1024 px).

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
    xlim, ylim = (-175.0, 195.0), (-165.0, 150.0)
    n_rows, n_cols = ((len(conditions), len(views)) if by_condition
                      else (len(views), len(conditions)))
    left_in = 1.25 if by_condition else 0.45    # the rows' names, turned on their side
    # apart: the L of a back view is its own; narrow panels in a row, apart for their
    # labels, which reach past the head ("temporal 58%" ran under the next panel's)
    gap = 0.12 if by_condition else 0.02 if panel_inches >= 3 else 0.3
    fig_w = panel_inches * n_cols * (1 + gap) + (left_in - 0.45)
    chars = max(int(fig_w * 9), 30)
    label = textwrap.fill("Migraine: share of patients (0.67 = 67%).  Other maps: qualitative "
                          "(1 = core area, lower = possible spread)", int(chars * 1.3))
    narrow = n_cols < 3
    top_in = 0.95 if by_condition else 1.0 + 0.2 * narrow
    bottom_in = 1.3 + 0.16 * label.count("\n") + 0.15 * narrow
    fig_h = panel_inches * (ylim[1] - ylim[0]) / (xlim[1] - xlim[0]) * n_rows \
        + top_in + bottom_in
    fig, axes = mpl2d.subplots(n_rows, n_cols, figsize=(fig_w, fig_h), squeeze=False)
    unnamed = []   # regions that no view of the plate sees, for the alt text
    for j, cond in enumerate(conditions):
        s = None if cond == "tension_type" else side
        verts, faces, colours = _plate_mesh(cond, s)
        naming = _naming_views(cond, s, views)
        unnamed += [f"{_region_label(cond, r, w)} ({SHORT[cond]})"
                    for r, w, _b in hm.MAP_SPECS[cond]["regions"] if r not in naming]
        for i, view in enumerate(views):
            ax = axes[j, i] if by_condition else axes[i, j]
            mpl2d.draw_mesh(ax, verts, faces, view, color=colours)
            _label_regions(ax, cond, s, view,
                           only=[r for r, v in naming.items() if v == view],
                           fontsize=LABEL_PT if panel_inches >= 2.4 else SMALL_LABEL_PT)
            mpl2d.setup_view_axes(ax)
            ax.set_xlim(*xlim)
            ax.set_ylim(*ylim)
            if view in ("anterior", "posterior"):
                left_screen = "R" if view == "anterior" else "L"
                right_screen = "L" if view == "anterior" else "R"
                # beside the head, not at the panel's edge: there, in a row of panels,
                # the back view's L sat by the lateral view's face
                ax.text(0.12, 0.97, left_screen, transform=ax.transAxes, fontsize=11,
                        fontweight="bold", va="top")
                ax.text(0.88, 0.97, right_screen, transform=ax.transAxes, fontsize=11,
                        fontweight="bold", va="top", ha="right")
            if by_condition:
                if j == 0:
                    ax.set_title(mpl2d.VIEW_TITLES[view], fontsize=11, pad=4)
                if i == 0:
                    ax.text(-0.22, 0.5, f"{SHORT[cond]}\n{_kind_line(cond)}",
                            transform=ax.transAxes, rotation=90, va="center", ha="right",
                            fontsize=10.5, multialignment="center")
            elif j == 0:
                ax.text(-0.04, 0.5, mpl2d.VIEW_TITLES[view], transform=ax.transAxes,
                        rotation=90, va="center", ha="right", fontsize=11)
        if not by_condition:
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
                 fontsize=11 if narrow else 14, y=1 - 0.12 / fig_h, va="top")
    refs = sorted({k for c in conditions for k in hm.map_references(c)})
    fig.text(0.01, 0.08 / fig_h, textwrap.fill("Sources: " + cite(*refs) + ". Region shapes "
             "are the kit's construction on 10-20 positions and landmarks.", int(chars * 1.4)),
             fontsize=9, color="#444444", va="bottom")
    fig.subplots_adjust(left=left_in / fig_w, right=1 - 0.6 / fig_w, top=1 - top_in / fig_h,
                        bottom=bottom_in / fig_h, wspace=gap, hspace=0.02)
    names, shown = ", ".join(SHORT[c] for c in conditions), ", ".join(
        v.replace("_", " ") for v in views)
    alt = ("Print plate of pain maps: " + (f"{names} in rows; {shown} views in columns. "
                                           if by_condition else
                                           f"{names} in columns; {shown} views in rows. ")
           + _map_alt(conditions, side) + " Regions are labelled in text, each once."
           + (f" Not named, as these views do not show it: {', '.join(unnamed)}."
              if unnamed else ""))
    return mpl2d.StaticFigure(fig, alt)


# a ring's centre is a seed beside one of its regions (the tension-type band's, at T8,
# sat on the ear beside the temporal dot: instructor review): its dot goes to the seed the
# view sees best that lies farthest on the page from the other regions' dots
RING_REGIONS = ("band",)
# a region just beside the head's centre whose label, pushed outward, would lie on a
# neighbour's map: the temple's, outward from the centre, covered the forehead and the
# eye (review 25); it goes straight up onto the scalp above the temple, offset in mm
UP_REGIONS = ("temporal",)
UP_OFFSET = (0.0, 78.0)
# a region on the crown faces up: no side or back view sees it, yet its shading shows at
# the top of the head, and migraine's vertex (24 %) went unnamed on the plate (reviews 20
# and 26). The back view names it, where the top of the head has no other label: named in
# the side view, on paper its dot lay under the temple's label box (review 27). Its dot
# lies TOP_DROP_MM under the crown's outline (at 4 mm, in the side view, the marker
# stood above it), its label to the page's right and down (offset in mm), under the
# panel's "R"
TOP_REGIONS = ("vertex",)
TOP_OFFSET = (45.0, -38.0)
TOP_DROP_MM = 7.0
TOP_VIEWS = ("posterior",)


def _seen_seeds(region: str, at: str, view: str) -> np.ndarray:
    """A region's seeds that the view sees well inside the head's outline (facing it by
    half or more), where a label beside the dot stays over the head."""
    seeds = hm.region_seeds(region, at)
    skin = hm.map_skin()
    ok = (-(skin.normal_at(seeds) @ mpl2d.view_basis(view)[2]) >= 0.5) & skin.visible(
        seeds, view)
    return seeds[ok]


def _ring_dot(region: str, at: str, view: str, others) -> np.ndarray | None:
    """The page point of a ring region's dot (see ``RING_REGIONS``), or of a region that
    the plate's views see only at its edge, None if unseen."""
    seeds = _seen_seeds(region, at, view)
    if not len(seeds):
        return None
    xy = mpl2d.project(seeds, view)
    if not len(others):
        return xy[0]
    far = np.linalg.norm(xy[:, None, :] - np.asarray(others)[None], axis=2).min(axis=1)
    return xy[int(np.argmax(np.round(far, 6)))]


def _naming_views(condition: str, side, views) -> dict[str, str]:
    """The one view of a plate that names each region of a condition: of the views that
    see its centre, the one it faces most; if none does, the one that sees most of its
    seeds (a ring's dot, or a region seen only at its edge: the eyes' centre faces
    forward, and a plate of side and back views named migraine's commonest region in
    neither, paper review 24). A region no view sees is left out. Named once: in a
    row of narrow panels the side view's "occipital 40%" ran into the next panel's
    labels, while the back view named it too (review 25). A crown region
    (``TOP_REGIONS``), which no side or back view sees, is named in the back view
    (``TOP_VIEWS``) if the plate has one."""
    at = "right" if side in (None, "both") else side
    skin = hm.map_skin()
    out = {}
    for region in dict.fromkeys(r for r, _w, _b in hm.MAP_SPECS[condition]["regions"]):
        facing = [v for v in views if region not in RING_REGIONS
                  and region in _seen_regions(at, v)]
        if facing:
            normal = skin.normal_at(hm.region_centre(region, at)[None])[0]
            out[region] = max(facing, key=lambda v: -(normal @ mpl2d.view_basis(v)[2]))
            continue
        counts = [len(_seen_seeds(region, at, v)) for v in views]
        if max(counts, default=0):
            out[region] = views[int(np.argmax(counts))]
        elif region in TOP_REGIONS and set(views) & set(TOP_VIEWS):
            out[region] = next(v for v in views if v in TOP_VIEWS)
    return out


def _top_dot(region: str, at: str, view: str) -> np.ndarray:
    """The page point of a crown region's dot (``TOP_REGIONS``): its centre, which the back
    view sees on the head's outline, moved ``TOP_DROP_MM`` down onto the skin."""
    return mpl2d.project(hm.region_centre(region, at), view)[0] - np.array([0.0, TOP_DROP_MM])


# region labels (pt): at 8 pt they showed at 10 px in JupyterLab at 1024x768, which fits
# notebook 03's plate (2.6 in panels, 728 px) into 592 px (review 34); panels under 2.4 in
# keep 8 pt, where a larger temple label would cover the vertex
LABEL_PT, SMALL_LABEL_PT = 9.5, 8.0


def _label_regions(ax, condition: str, side, view: str, only=None,
                   fontsize: float = LABEL_PT) -> None:
    """Name a condition's regions that ``view`` sees (those in ``only``, if given), a dot
    at each: at the region's centre; for a ring or a region whose centre ``view`` does
    not see, at the seed of it that ``view`` sees farthest from the other dots; for a
    crown region in the back view, just under the crown's outline (``_top_dot``)."""
    at = "right" if side in (None, "both") else side
    seen = set()
    found = {}
    for region, weight, _basis in hm.MAP_SPECS[condition]["regions"]:
        if region in seen or (only is not None and region not in only):
            continue
        seen.add(region)
        centre = region in _seen_regions(at, view)
        if region in TOP_REGIONS and not centre and view in TOP_VIEWS:
            found[region] = (_top_dot(region, at, view), weight)
        elif region in RING_REGIONS or (only is not None and not centre):
            found[region] = (None, weight)
        elif centre:
            found[region] = (mpl2d.project(hm.region_centre(region, at), view)[0], weight)
    others = [p for p, _ in found.values() if p is not None]
    # a ring's dot keeps off every other region of the map, named in this view or another:
    # in the side view the band's dot sat on the occiput, which the back view names
    # "occipital", and the band's forehead part went unnamed (student review 29a)
    regions = dict.fromkeys(r for r, _w, _b in hm.MAP_SPECS[condition]["regions"])
    centres = others + [mpl2d.project(hm.region_centre(r, at), view)[0] for r in regions
                        if r not in found and r not in RING_REGIONS and r not in TOP_REGIONS]
    pts, labels, offsets, aligns = [], [], [], []
    for region, (p, weight) in found.items():
        if p is None:
            p = _ring_dot(region, at, view, centres)
            if p is None:
                continue
        pts.append(p)
        labels.append(_region_label(condition, region, weight))
        aligns.append(("center", "bottom") if region in UP_REGIONS
                      else ("left", "center") if region in TOP_REGIONS else None)
        if region in RING_REGIONS:  # straight up, off the ring: outward, "band" ran into
            offsets.append((0.0, 30.0))  # the occipital label beside it ("occipital band")
            continue
        if region in UP_REGIONS:
            offsets.append(UP_OFFSET)
            continue
        if region in TOP_REGIONS:
            offsets.append(TOP_OFFSET)
            continue
        d = p - np.array([0.0, 10.0])
        d = d / max(np.linalg.norm(d), 1e-6)
        offsets.append(tuple(np.round(d * 30 + np.array([np.sign(d[0]) * 4, 0]), 1)))
    if not pts:
        return
    pts = np.array(pts)
    mpl2d.label_points(ax, pts, labels, offsets=offsets, aligns=aligns, color=OI["blue"],
                       size=14, fontsize=fontsize)
