"""Figures of pain referral: heat fields, hot spots, territories and the convergence schematic.

3D figures go through ``plotly3d`` (no plotly import here); print figures through
``mpl2d``. The heat figure holds one skin mesh and switches its ``intensity`` with a
menu (restyle), so it works without a kernel and stays small: intensities are sent as
whole percent in uint8 typed arrays.
"""

from __future__ import annotations

import base64

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from anatomy import pain
from anatomy.conventions import SIDES, check_choice, check_side
from anatomy.references import cite
from anatomy.viz import mpl2d, plotly3d, style

# Sequential heat scale that starts at the skin tone (no pain = plain skin) and darkens
# monotonically (CIELAB L* 78 -> 17) through orange and red to aubergine, so it reads in
# grey-scale and with the common colour-vision deficiencies (tests check L*).
PAIN_SCALE = [[0.0, style.SKIN], [0.2, "#E8964E"], [0.45, "#DD6A2C"], [0.7, "#B0303A"],
              [1.0, "#4A0C44"]]
PAIN_CMAP = LinearSegmentedColormap.from_list("kit_pain", [(p, c) for p, c in PAIN_SCALE])
MECHANISM_STYLE = {  # marker symbol and colour: shape carries the meaning, not colour alone
    "local tenderness": ("diamond", style.OKABE_ITO["black"]),
    "nerve territory": ("circle", style.OKABE_ITO["blue"]),
    "trigeminocervical convergence": ("square", style.OKABE_ITO["bluish_green"]),
    "myofascial referral": ("cross", style.OKABE_ITO["sky_blue"]),
}
MPL_MARKERS = {"diamond": "D", "circle": "o", "square": "s", "cross": "X"}
SHORT_SPOT = {
    "occipital": "GON (occipital)", "supraorbital": "supraorbital", "temporal": "temple",
    "tmj": "TMJ", "angle_of_jaw": "angle of jaw", "sternocleidomastoid": "SCM",
    "supraclavicular": "supraclavicular", "behind_eye": "behind eye*",
    "behind_ear": "behind ear/mastoid", "vertex": "vertex", "forehead": "forehead",
    "lon_point": "LON", "ton_point": "TON", "upper_occiput": "upper occiput",
    "lower_occiput": "lower occiput", "above_ear": "above the ear",
    "lateral_occiput": "lateral occiput", "posterolateral_neck": "posterolateral neck",
    "upper_trapezius": "trapezius TrP", "suboccipital": "suboccipital TrP",
    "cheek": "cheek", "throat": "throat", "ear": "in the ear*",
}
SPOT_TEXTPOS = {"supraorbital": "top right", "behind_eye": "bottom right",
                "forehead": "top right", "occipital": "middle left", "temporal": "top right",
                "tmj": "bottom right", "ear": "top left", "behind_ear": "bottom left",
                "lon_point": "middle left", "ton_point": "bottom left",
                "lower_occiput": "middle left", "suboccipital": "middle left",
                "upper_occiput": "middle left", "lateral_occiput": "top left",
                "above_ear": "top center", "cheek": "bottom right",
                "angle_of_jaw": "bottom center", "posterolateral_neck": "middle left",
                "sternocleidomastoid": "middle right", "throat": "middle right",
                "upper_trapezius": "top left", "supraclavicular": "middle right"}
MPL_LABEL_DY = {"behind_eye": -12, "supraorbital": 6, "forehead": 10, "ear": 12,
                "tmj": -12, "cheek": -8, "temporal": 10, "above_ear": 12, "behind_ear": -12,
                "lon_point": -6, "lateral_occiput": 8, "ton_point": -10, "suboccipital": -8,
                "lower_occiput": 2}
# Oblique default camera: the back, side and front of the head in one view, zoomed on it
OBLIQUE = {"eye": {"x": 1.6, "y": -0.22, "z": 0.55}, "center": {"x": 0, "y": 0, "z": 0.1},
           "up": {"x": 0, "y": 0, "z": 1}, "projection": {"type": "perspective"}}
TERRITORY_COLOURS = {
    "greater_occipital": "#E69F00", "lesser_occipital": "#56B4E9",
    "third_occipital": "#009E73", "great_auricular": "#F0E442",
    "transverse_cervical": "#CC79A7", "supraclavicular": "#8E7CC3",
    "supratrochlear": "#0072B2", "supraorbital": "#D55E00",
    "auriculotemporal": "#44AA99", "zygomaticotemporal": "#882255",
}
TERRITORY_SHORT = {
    "greater_occipital": "GON", "lesser_occipital": "LON", "third_occipital": "TON",
    "great_auricular": "great auricular", "transverse_cervical": "transverse cervical",
    "supraclavicular": "supraclavicular", "supratrochlear": "supratrochlear",
    "supraorbital": "supraorbital", "auriculotemporal": "auriculotemporal",
    "zygomaticotemporal": "zygomaticotemporal",
}


def _u8_spec(values) -> dict:
    """A plotly typed-array spec (uint8, base64) for a restyle argument."""
    a = np.asarray(values, np.uint8)
    return {"dtype": "u1", "bdata": base64.b64encode(a.tobytes()).decode()}


def _percent(field) -> np.ndarray:
    return np.round(np.clip(np.asarray(field, float), 0, 1) * 100).astype(np.uint8)


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join(lines + [line])


def _hover(row) -> str:
    deep = "<br><i>deep pain, drawn on the skin over it</i>" if row.deep else ""
    seed = "<br>(on the seed article's list)" if row.in_seed_list else ""
    return (f"<b>{row.label}</b> ({row.side})<br>{row.pattern_label}<br>"
            f"mechanism: {row.mechanism}<br>source: {_wrap(cite(*row.reference.split(', ')))}"
            f"<br>weight {row.weight:.2f} (display choice){deep}{seed}")


def _spot_traces(pattern: str, side: str, visible: bool):
    """One marker trace per mechanism for one pattern and side."""
    table = pain.hotspots(pattern, side)
    traces = []
    for mech, (symbol, colour) in MECHANISM_STYLE.items():
        rows = table[table.mechanism == mech]
        if rows.empty:
            continue
        pts = rows[["x", "y", "z"]].to_numpy(float)
        traces.append(plotly3d.points_trace(
            pts, name=mech, labels=[SHORT_SPOT.get(n, n) for n in rows.name],
            textposition=[SPOT_TEXTPOS.get(n, "top center") for n in rows.name],
            hovertext=[_hover(r) for r in rows.itertuples()], color=colour, size=6,
            symbol=symbol, visible=visible, legendgroup=f"{pattern}-{side}-{mech}"))
    return traces


HEAT_CROP = {"z_min": -185.0, "abs_x_max": 150.0}  # the shoulders' ends carry no pain zone


def _display_crop():
    """Vertex indices kept, vertices and re-indexed faces of the heat figure's skin."""
    m = pain.pain_mesh()
    tri = m.vertices[m.faces]
    sel = ((tri[:, :, 2] >= HEAT_CROP["z_min"]).all(1)
           & (np.abs(tri[:, :, 0]) <= HEAT_CROP["abs_x_max"]).all(1))
    keep, inverse = np.unique(m.faces[sel], return_inverse=True)
    return keep, m.vertices[keep], inverse.reshape(-1, 3)


def _title(pattern: str, side: str) -> str:
    return f"{pain.pattern_info(pattern)['label']} ({side})"


def heat_figure(*, patterns=None, sides=SIDES, initial: tuple[str, str] | None = None,
                view: str = "oblique", height: int = 640) -> plotly3d.KitFigure:
    """Interactive head with the pain field of one pattern and side, hot-spot markers and
    a menu that switches pattern and side (no kernel needed; one mesh, restyled)."""
    pats = list(patterns or pain.patterns())
    for p in pats:
        check_choice(p, pain.patterns(), "pattern")
    sides = [check_side(s) for s in sides]
    combos = [(p, s) for p in pats for s in sorted(sides, key=lambda s: s != "right")]
    initial = initial or combos[0]
    if initial not in combos:
        raise ValueError(f"initial {initial!r} is not among the figure's options {combos}")
    mesh = pain.pain_mesh()
    keep, verts, faces = _display_crop()
    fields = {c: _percent(pain.pain_field(*c, fine=True)[keep]) for c in combos}
    skin = plotly3d.mesh_trace(verts, faces, name="pain intensity", showlegend=False)
    eyes = plotly3d.mesh_trace(mesh.eye_vertices, mesh.eye_faces, name="eyes",
                               color=style.EYE, showlegend=False)
    traces, owner = [skin, eyes], [None, None]
    for c in combos:
        spot_traces = _spot_traces(*c, visible=(c == initial))
        traces += spot_traces
        owner += [c] * len(spot_traces)
    fig = plotly3d.scene_figure(traces, title=_title(*initial),
                                view="right" if view == "oblique" else view, height=height)
    skin.pop("color")  # painted by intensity in whole percent, uint8: 4x smaller than float32
    skin.update(intensity=fields[initial], colorscale=PAIN_SCALE, cmin=0, cmax=100,
                showscale=True, colorbar={"title": {"text": "relative<br>intensity (%)"},
                                          "len": 0.6, "thickness": 14})
    if view == "oblique":
        fig["layout"]["scene"]["camera"] = OBLIQUE
    plotly3d.merge(fig["layout"], {"legend": {"x": 0.01, "y": 0.02, "yanchor": "bottom",
                                              "title": {"text": "hot spots (hover for source)"}}})
    buttons = []
    for c in combos:
        data = {"intensity": [_u8_spec(fields[c])] + [None] * (len(traces) - 1),
                "visible": [True, True] + [o == c for o in owner[2:]]}
        buttons.append({"label": f"{pain.pattern_info(c[0])['label']} ({c[1]})",
                        "method": "update", "args": [data, {"title.text": _title(*c)}]})
    plotly3d.add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": 0.01, "y": 0.93,
                            "xanchor": "left", "yanchor": "top", "showactive": True,
                            "active": combos.index(initial), "bgcolor": "white",
                            "name": "pattern"})
    plotly3d.view_menu(fig)
    alt = (f"3D head coloured by where pain is felt for {_title(*initial)}: darker = "
           "stronger (colour bar 0-100% of the peak). Markers show the hot spots, their "
           "shape the mechanism (diamond = tender source, circle = nerve territory, "
           "square = trigeminocervical convergence, cross = myofascial referral); hover "
           f"for the source. The menu switches between {len(combos)} patterns and sides: "
           + "; ".join(dict.fromkeys(pain.pattern_info(p)["label"] for p, _ in combos))
           + ". Behind the eye and in the ear are deep pains drawn on the skin over them.")
    return plotly3d.KitFigure(fig, alt)


# ---------------------------------------------------------------------------------------
# Territories
# ---------------------------------------------------------------------------------------

def _face_assignment(atlas, threshold: float = 0.5):
    """Per face: index of the dominant territory (-1 none) and overlap flag (2+ nerves)."""
    m = pain.pain_mesh()
    keys = list(atlas.weights)
    stack = np.array([atlas.weights[k] for k in keys])[:, m.faces].mean(axis=2)  # (T, M)
    covered = stack >= threshold
    dom = np.where(covered.any(axis=0), stack.argmax(axis=0), -1)
    overlap = covered.sum(axis=0) >= 2
    return keys, dom, overlap


def _contour_segments(values, faces, vertices, level: float = 0.5) -> np.ndarray:
    """Iso-line of a per-vertex field on a triangle mesh, as segments with NaN breaks."""
    tri_v = values[faces]
    above = tri_v >= level
    mixed = above.any(1) & ~above.all(1)
    out = []
    for f, vals in zip(faces[mixed], tri_v[mixed]):
        pts = []
        for a, b in ((0, 1), (1, 2), (2, 0)):
            va, vb = vals[a], vals[b]
            if (va >= level) != (vb >= level):
                t = (level - va) / (vb - va)
                pts.append(vertices[f[a]] + t * (vertices[f[b]] - vertices[f[a]]))
        if len(pts) == 2:
            out += [pts[0], pts[1], [np.nan] * 3]
    return np.array(out) if out else np.empty((0, 3))


def _submesh(vertices, faces):
    """Only the vertices the faces use, re-indexed (keeps each trace small)."""
    used, inverse = np.unique(faces, return_inverse=True)
    return np.asarray(vertices)[used], inverse.reshape(faces.shape)


def _territory_hover(row, side: str) -> str:
    return (f"<b>{row.label}</b> ({side})<br>{row.root}<br>{_wrap(row.description)}"
            f"<br>source: {_wrap(cite(*row.references.split(', ')))}")


def territory_figure(*, sides=SIDES, view: str = "oblique", height: int = 640,
                     outlines: bool = True) -> plotly3d.KitFigure:
    """3D head with the cutaneous territories painted on the skin, their outlines (where
    outlines cross, territories overlap), the overlap darkened, and the vertex-ear-chin
    boundary between trigeminal and cervical skin."""
    sides = [check_side(s) for s in sides]
    atlas = pain.territories()
    m = pain.pain_mesh()
    keys, dom, overlap = _face_assignment(atlas)
    table = atlas.table.set_index(["name", "side"])
    plain = dom < 0
    traces = [plotly3d.mesh_trace(*_submesh(m.vertices, m.faces[plain]),
                                  name="skin (other nerves)", showlegend=False),
              plotly3d.mesh_trace(m.eye_vertices, m.eye_faces, name="eyes", color=style.EYE,
                                  showlegend=False)]
    for k, key in enumerate(keys):
        sel = dom == k
        if key[1] not in sides:
            traces.append(plotly3d.mesh_trace(*_submesh(m.vertices, m.faces[sel]),
                                              name="skin", showlegend=False))
            continue
        row = table.loc[key]
        traces.append(plotly3d.mesh_trace(
            *_submesh(m.vertices, m.faces[sel]), name=TERRITORY_SHORT[key[0]],
            color=TERRITORY_COLOURS[key[0]], hovertext=_territory_hover(row, key[1]),
            legendgroup=f"t-{key[0]}", showlegend=key[1] == sides[0]))
    normals = _vertex_normals(m)
    lifted = m.vertices + 0.6 * normals
    traces.append(plotly3d.mesh_trace(*_submesh(lifted, m.faces[overlap]),
                                      name="overlap (2+ nerves)",
                                      color="#000000", opacity=0.28, legendgroup="overlap"))
    if outlines:
        for key in keys:
            if key[1] not in sides:
                continue
            seg = _contour_segments(atlas.weights[key], m.faces, lifted + 0.4 * normals)
            traces.append(plotly3d.line_trace(
                seg, name=f"{TERRITORY_SHORT[key[0]]} outline", width=3,
                color=_darker(TERRITORY_COLOURS[key[0]]), legendgroup=f"t-{key[0]}",
                showlegend=False))
    for sd in sides:
        traces.append(plotly3d.line_trace(
            pain.boundary_line(sd), name="vertex-ear-chin line", width=5, dash="dash",
            color=style.TEXT, legendgroup="boundary", showlegend=sd == sides[0],
            hovertext="vertex-ear-chin line: trigeminal skin in front, cervical behind "
                      f"(boundaries overlap; {cite('dartmouth_anatomy')})"))
    fig = plotly3d.scene_figure(traces, title="Cutaneous territories of the head and neck",
                                view="right" if view == "oblique" else view, height=height)
    if view == "oblique":  # this mesh keeps the shoulders: look higher, at the head
        fig["layout"]["scene"]["camera"] = {**OBLIQUE,
                                            "eye": {"x": 1.35, "y": -0.2, "z": 0.55},
                                            "center": {"x": 0, "y": 0, "z": 0.22}}
    plotly3d.merge(fig["layout"], {"legend": {"x": 0.01, "y": 0.02, "yanchor": "bottom"}})
    plotly3d.view_menu(fig)
    alt = ("3D head with ten cutaneous nerve territories per side painted on the skin, each "
           "in its own colour and named in the legend and on hover: greater, lesser and "
           "third occipital, great auricular, transverse cervical and supraclavicular "
           "(cervical, C2-C4); supraorbital, supratrochlear (V1), zygomaticotemporal (V2) "
           "and auriculotemporal (V3). Thin outlines mark each territory's edge; where "
           "outlines cross and the skin is darkened, two or more nerves supply the same "
           "skin. A dashed line runs from the vertex past the ear to the chin: trigeminal "
           "skin in front, cervical behind.")
    return plotly3d.KitFigure(fig, alt)


def _darker(colour: str, k: float = 0.6) -> str:
    r, g, b = (int(255 * k * c) for c in to_rgb(colour))
    return f"#{r:02X}{g:02X}{b:02X}"


def _vertex_normals(m) -> np.ndarray:
    from anatomy.surface import vertex_normals

    return vertex_normals(m.vertices, m.faces)


# ---------------------------------------------------------------------------------------
# Print figures (matplotlib)
# ---------------------------------------------------------------------------------------

def _visible(points, view: str, tol: float = 3.0) -> np.ndarray:
    """True for points not hidden behind the skin in an orthographic view (depth buffer)."""
    cell, (x0, y0), buf = _depth_buffer(view)
    _, _, fwd = mpl2d.view_basis(view)
    p = np.atleast_2d(np.asarray(points, float))
    ij = np.floor((mpl2d.project(p, view) - (x0, y0)) / cell).astype(int)
    ok = np.zeros(len(p), bool)
    inside = ((ij >= 0) & (ij < buf.shape)).all(axis=1) & np.isfinite(p).all(axis=1)
    ok[~inside] = np.isfinite(p[~inside]).all(axis=1)
    depth = p[inside] @ fwd
    ok[inside] = depth <= buf[ij[inside, 0], ij[inside, 1]] + tol
    return ok


def _depth_buffer(view: str, cell: float = 3.0):
    """(cell, origin, nearest skin depth per screen cell) of a named view (see
    ``anatomy.pain.depth_buffer``)."""
    basis = (tuple(float(c) for c in a) for a in mpl2d.view_basis(view))
    origin, buf = pain.depth_buffer(*basis, cell)
    return cell, tuple(origin), buf


def territory_plate(side: str = "right", views=("anterior", None, "posterior"),
                    threshold: float = 0.5, scale: float = 1.0) -> mpl2d.StaticFigure:
    """Print plate of the territories: anterior, lateral and posterior views side by side,
    per-face colours, stippled overlap, a label per territory and the vertex-ear-chin line.
    ``None`` in ``views`` means the lateral view of ``side``."""
    side = check_side(side)
    views = [side if v is None else v for v in views]
    atlas = pain.territories()
    m = pain.pain_mesh()
    keys, dom, overlap = _face_assignment(atlas, threshold)
    colours = np.tile(to_rgb(style.SKIN), (len(m.faces), 1))
    for k, key in enumerate(keys):
        colours[dom == k] = to_rgb(TERRITORY_COLOURS[key[0]])
    v, f, c = mpl2d.merge_meshes([(m.vertices, m.faces, style.SKIN),
                                  (m.eye_vertices, m.eye_faces, style.EYE)])
    c[: len(m.faces)] = colours
    centroids = m.vertices[m.faces[overlap]].mean(axis=1)
    mpl2d.use_style()
    fig, axes = mpl2d.subplots(1, len(views), figsize=(5.6 * len(views), 6.6))
    for ax, view in zip(np.atleast_1d(axes), views):
        mpl2d.draw_mesh(ax, v, f, view, color=c)
        _, _, fwd = mpl2d.view_basis(view)
        facing = _face_normals(m)[overlap] @ fwd < -0.15
        pts = centroids[facing]
        pts = pts[_visible(pts, view)]
        xy = mpl2d.project(pts, view)
        ax.scatter(xy[:, 0], xy[:, 1], s=2.5, c="k", marker=".", linewidths=0, zorder=3)
        for sd in {"posterior": (), "anterior": SIDES}.get(view, (view,)):  # visible lines
            line = pain.boundary_line(sd)
            ok = _visible(line, view, tol=8.0)
            xy = mpl2d.project(np.where(ok[:, None], line, np.nan), view)
            ax.plot(xy[:, 0], xy[:, 1], ls=(0, (4, 2)), lw=1.4, color=style.TEXT, zorder=4)
        _label_territories(ax, atlas, view, side)
        mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
        mpl2d.scale_bar(ax, loc=(0.72, 0.03))
    fig.suptitle("Cutaneous territories: colour = dominant nerve, black dots = skin of two or "
                 "more nerves,\ndashed = vertex-ear-chin line (trigeminal in front, cervical "
                 "behind)", fontsize=13)
    fig.tight_layout()
    alt = (f"Three shaded drawings of the head (anterior, {side} lateral, posterior) with "
           "the skin coloured by cutaneous nerve and every territory labelled: "
           "supratrochlear and supraorbital on the forehead and scalp to the vertex, "
           "zygomaticotemporal and auriculotemporal on the temple and in front of the ear, "
           "greater occipital from the nuchal line to the vertex, lesser occipital behind "
           "the ear, third occipital near the midline below the inion, great auricular over "
           "the angle of the jaw and the ear, transverse cervical on the front of the neck, "
           "supraclavicular over the clavicle. Black dots mark skin supplied by two or more "
           "nerves; a dashed line from the vertex past the ear to the chin separates "
           "trigeminal (front) from cervical (back) skin.")
    return mpl2d.StaticFigure(fig, alt, scale=scale)


def _face_normals(m) -> np.ndarray:
    tri = m.vertices[m.faces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)


LABEL_OFFSETS = {  # (dx, dy) in mm on the page, per view kind
    "lateral": {"greater_occipital": (-55, 25), "lesser_occipital": (-60, -5),
                "third_occipital": (-55, -35), "great_auricular": (-45, -60),
                "transverse_cervical": (40, -40), "supraclavicular": (45, -20),
                "supratrochlear": (50, 80), "supraorbital": (50, 50),
                "auriculotemporal": (35, 118), "zygomaticotemporal": (60, -12)},
    "anterior": {"supratrochlear": (-60, 45), "supraorbital": (60, 45),
                 "zygomaticotemporal": (55, 5), "auriculotemporal": (50, 40),
                 "great_auricular": (45, -20), "transverse_cervical": (60, 10),
                 "supraclavicular": (40, -25)},
    "posterior": {"greater_occipital": (55, 35), "lesser_occipital": (55, 5),
                  "third_occipital": (50, -30), "great_auricular": (50, -45),
                  "supraclavicular": (40, 25), "supraorbital": (45, 45)},
}


def _label_territories(ax, atlas, view: str, side: str) -> None:
    kind = "lateral" if view in SIDES else view
    offsets = LABEL_OFFSETS.get(kind, {})
    m = pain.pain_mesh()
    _, _, fwd = mpl2d.view_basis(view)
    normals = _vertex_normals(m)
    pts, labels, offs = [], [], []
    for name, (dx, dy) in offsets.items():
        w = atlas.weights[(name, side)]
        sel = (w >= 0.9) & (normals @ fwd < -0.3)
        if sel.sum() < 2:
            continue
        cand = m.vertices[sel]
        cand = cand[_visible(cand, view, tol=6.0)]
        if len(cand) < 2:
            continue
        xy = mpl2d.project(cand, view)
        p = cand[np.argmin(np.linalg.norm(xy - np.median(xy, axis=0), axis=1))]
        sign = -1 if (view == "left" or (view in ("anterior",) and side == "right")) else 1
        pts.append(p)
        labels.append(TERRITORY_SHORT[name])
        offs.append((sign * dx if view != "posterior" else (dx if side == "right" else -dx),
                     dy))
    if pts:
        mpl2d.label_points(ax, mpl2d.project(np.array(pts), view), labels, color="white",
                           size=10, offsets=offs, fontsize=9)


def heat_plate(pattern: str, side: str = "right", views=("posterior", None, "anterior"),
               labels: bool = True, scale: float = 1.0) -> mpl2d.StaticFigure:
    """Print plate of one pattern's pain field in three views, with hot-spot markers."""
    side = check_side(side)
    info = pain.pattern_info(pattern)
    views = [side if v is None else v for v in views]
    mpl2d.use_style()
    fig, axes = mpl2d.subplots(1, len(views), figsize=(4.6 * len(views), 5.6))
    for ax, view in zip(np.atleast_1d(axes), views):
        _draw_field(ax, pain.pain_field(pattern, side, fine=True), view)
        _draw_spots(ax, pain.hotspots(pattern, side), view, labels)
        mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
    fig.suptitle(f"{info['label']} ({side}): where the pain is felt", fontsize=13)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _heat_legend(fig)
    spots = pain.hotspots(pattern, side)
    alt = (f"Three shaded views of the head with the pain field of {info['label']} on the "
           f"{side}, darker where stronger, and markers at: "
           + "; ".join(f"{r.label} ({r.mechanism})" for r in spots.itertuples()) + ".")
    return mpl2d.StaticFigure(fig, alt, scale=scale)


def _draw_field(ax, field, view: str) -> None:
    m = pain.pain_mesh()
    inten = np.r_[np.asarray(field, float), np.full(len(m.eye_vertices), np.nan)]
    v, f, _ = mpl2d.merge_meshes([(m.vertices, m.faces, style.SKIN),
                                  (m.eye_vertices, m.eye_faces, style.EYE)])
    pc = mpl2d.draw_mesh(ax, v, f, view, intensity=np.nan_to_num(inten), cmap=PAIN_CMAP)
    return pc


def _draw_spots(ax, table, view: str, labels: bool) -> None:
    if table.empty:
        return
    pts = table[["x", "y", "z"]].to_numpy(float)
    vis = _visible(pts, view, tol=6.0)
    right, up, fwd = mpl2d.view_basis(view)
    for (row, p, ok) in zip(table.itertuples(), pts, vis):
        if not ok:
            continue
        symbol, colour = MECHANISM_STYLE[row.mechanism]
        xy = mpl2d.project(p, view)[0]
        ax.scatter(*xy, marker=MPL_MARKERS[symbol], s=34, c=colour, edgecolors="white",
                   linewidths=0.8, zorder=6)
        if labels:
            lateral = np.sign((p @ right) or 1.0)
            at = xy + np.array([14 * lateral, MPL_LABEL_DY.get(row.name, 8)])
            ax.add_artist(mpl2d.Leader(xy, at, lw=0.5, color="#444444", zorder=7))
            ax.text(*at, SHORT_SPOT.get(row.name, row.name), fontsize=8, zorder=7,
                    ha="left" if lateral > 0 else "right", va="center",
                    bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none",
                          "alpha": 0.8})


def _heat_legend(fig) -> None:
    """Colour bar (0-100%) and the marker-shape key along the bottom of a figure."""
    from matplotlib.cm import ScalarMappable
    from matplotlib.lines import Line2D

    cax = fig.add_axes((0.08, 0.045, 0.3, 0.022))
    sm = ScalarMappable(cmap=PAIN_CMAP)
    sm.set_clim(0, 100)
    cb = fig.colorbar(sm, cax=cax, orientation="horizontal")
    cb.set_label("relative intensity (% of peak; display choice)", fontsize=8)
    cb.ax.tick_params(labelsize=8)
    handles = [Line2D([], [], ls="", marker=MPL_MARKERS[s], color=c, markeredgecolor="white",
                      markersize=7, label=mech) for mech, (s, c) in MECHANISM_STYLE.items()]
    fig.legend(handles=handles, loc="lower right", ncol=2, fontsize=8, frameon=False,
               bbox_to_anchor=(0.98, 0.0))


BEST_VIEW = {"gon_neuralgia": "posterolateral", "lon_neuralgia": "posterolateral",
             "ton_neuralgia": "posterior", "suboccipital": "posterolateral"}


def pattern_gallery(side: str = "right", view: str | None = None, patterns=None,
                    scale: float = 1.0) -> mpl2d.StaticFigure:
    """Small multiples: every pattern's pain field, each in the view that shows it best
    (posterior or posterolateral for the occipital patterns, lateral otherwise)."""
    side = check_side(side)
    pats = list(patterns or pain.patterns())
    ncol = 4
    nrow = int(np.ceil(len(pats) / ncol))
    mpl2d.use_style()
    fig, axes = mpl2d.subplots(nrow, ncol, figsize=(3.0 * ncol, 4.3 * nrow + 0.6))
    axes = np.atleast_1d(axes).ravel()
    for ax, pat in zip(axes, pats):
        vw = view or {"posterolateral": f"posterolateral_{side}", "posterior": "posterior"}.get(
            BEST_VIEW.get(pat, ""), side)
        _draw_field(ax, pain.pain_field(pat, side, fine=True), vw)
        _draw_spots(ax, pain.hotspots(pat, side), vw, labels=False)
        mpl2d.setup_view_axes(ax, f"{_gallery_title(pat)}\n({mpl2d.VIEW_TITLES[vw].lower()})")
        ax.set_xlim(-128, 128)
        ax.set_ylim(-170, 142)
    for ax in axes[len(pats):]:
        ax.axis("off")
    fig.suptitle(f"Referral patterns side by side ({side} side)", fontsize=13)
    fig.tight_layout(rect=(0, 0.08, 1, 1), h_pad=2.5)
    _heat_legend(fig)
    alt = (f"{len(pats)} small drawings of the head, one per referral pattern on the {side} "
           "(posterior or posterolateral views for the occipital patterns, lateral otherwise), "
           "darker where pain is felt more: " + "; ".join(
               f"{pain.pattern_info(p)['label']}: " + ", ".join(
                   pain.hotspots(p, side).label.str.split(" \\(").str[0]) for p in pats) + ".")
    return mpl2d.StaticFigure(fig, alt, scale=scale)


def _gallery_title(pattern: str) -> str:
    label = pain.pattern_info(pattern)["label"]
    return label.replace(" (question-mark pattern)", "\n(question mark)").replace(
        "Sternocleidomastoid, ", "SCM, ").replace(" trigger point", " TrP")


def drawing_plate(drawings=None, view: str | None = None,
                  scale: float = 1.0) -> mpl2d.StaticFigure:
    """The exercise's pain drawings (shaded areas a patient marked), one panel each."""
    names = list(drawings or pain.PAIN_DRAWINGS)
    mpl2d.use_style()
    fig, axes = mpl2d.subplots(1, len(names), figsize=(3.4 * len(names), 4.6))
    cmap = LinearSegmentedColormap.from_list("drawing", [style.SKIN, "#2B5C8A", "#0B2545"])
    for ax, name in zip(np.atleast_1d(axes), names):
        d = pain.PAIN_DRAWINGS[name]
        vw = view or d["side"]
        m = pain.pain_mesh()
        inten = np.r_[pain.drawing_field(name), np.zeros(len(m.eye_vertices))]
        v, f, _ = mpl2d.merge_meshes([(m.vertices, m.faces, style.SKIN),
                                      (m.eye_vertices, m.eye_faces, style.EYE)])
        mpl2d.draw_mesh(ax, v, f, vw, intensity=inten, cmap=cmap)
        mpl2d.setup_view_axes(ax, f"Drawing {name} ({d['side']} side)")
        ax.set_xlim(-150, 150)
        ax.set_ylim(-190, 145)
        ax.text(0.5, -0.02, _wrap(d["story"], 38).replace("<br>", "\n"), fontsize=9.5,
                ha="center", va="top", transform=ax.transAxes)
    fig.tight_layout()
    alt = ("Pain drawings for the exercise, each a head seen from the painful side with the "
           "area the patient shaded in blue: " + "; ".join(
               f"{n}: {pain.PAIN_DRAWINGS[n]['story']}" for n in names))
    return mpl2d.StaticFigure(fig, alt, scale=scale)


# ---------------------------------------------------------------------------------------
# Trigeminocervical convergence schematic
# ---------------------------------------------------------------------------------------

CONVERGENCE_KEYS = ("bartsch2002", "bartsch2003", "piovesan2001", "busch2007", "bogduk2009",
                    "ichd3_2018")


def convergence_schematic(scale: float = 1.0) -> mpl2d.StaticFigure:
    """Schematic: GON (C2) and trigeminal V1 afferents converge on second-order neurons of
    the trigeminocervical complex at C1-C2; the brain cannot tell which input fired."""
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    mpl2d.use_style()
    fig, ax = mpl2d.subplots(figsize=(11, 6.4))
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
    ax.text(53, 48.5, "trigeminal nucleus caudalis\n+ dorsal horn of C1-C2", ha="center",
            va="top", fontsize=8.5)
    ax.add_patch(Circle((53, 30), 4.2, fc=second, ec="white", lw=1.5, zorder=4))
    ax.text(53, 30, "2nd-order\nneuron", ha="center", va="center", fontsize=7.5,
            color="white", zorder=5)
    # afferents
    arrow((26, 52), (49.5, 32.5), v1, rad=-0.15)
    ax.text(33, 48.5, "V1 afferent", color=v1, fontsize=9, fontweight="bold", rotation=-27)
    arrow((26, 16.5), (49.5, 27.5), gon, rad=0.15)
    ax.text(27, 23.5, "GON afferent (C2 root)", color=gon, fontsize=9, fontweight="bold",
            rotation=27)
    # projection
    box(80, 40, 26, 12, "Thalamus and cortex:\npain is 'placed' in the\ntrigeminal map too",
        second)
    arrow((57.2, 31.5), (80, 44.5), second, rad=-0.1)
    box(80, 14, 26, 15, "So an irritated GON can be\nfelt at the forehead and\nbehind "
        "the eye (referred\npain); the reverse also\noccurs", "#555555", size=8.8)
    arrow((93, 39), (93, 30.2), "#555555", ls="--", lw=1.6)
    # evidence strip
    ev = ("Evidence: rat C2 dorsal-horn neurons answer both dura (V1) and GON, and GON input "
          f"sensitises dural input ({cite('bartsch2002')});\ndural input enlarges cervical "
          f"receptive fields ({cite('bartsch2003')}). Humans: painful GON injection gave "
          f"trigeminal-area pain ({cite('piovesan2001')});\nGON block changed the trigeminal "
          f"blink reflex ({cite('busch2007')}). Review: {cite('bogduk2009')}; ICHD-3 13.4 "
          "comment.")
    ax.text(1, -1.5, ev, fontsize=9.5, va="bottom", ha="left", wrap=True, color="#333333")
    ax.set_title("Why pain from the back of the head can be felt in front: trigeminocervical "
                 "convergence", fontsize=13, loc="left")
    fig.tight_layout()
    alt = ("Schematic. Left: two sources, the forehead, eye and dura (trigeminal V1, green) "
           "and the back of the head (greater occipital nerve, C2, orange). Their afferent "
           "fibres both end on the same second-order neuron (purple) in the "
           "trigeminocervical complex, the trigeminal nucleus caudalis plus the dorsal horn "
           "of C1-C2. That neuron projects to the thalamus and cortex, which cannot tell "
           "which input fired, so an irritated GON can be felt at the forehead and behind "
           "the eye. Bottom: the evidence (Bartsch & Goadsby 2002 and 2003 in rats; "
           "Piovesan 2001 and Busch 2007 in humans; Bogduk 2009 review).")
    return mpl2d.StaticFigure(fig, alt, scale=scale)
