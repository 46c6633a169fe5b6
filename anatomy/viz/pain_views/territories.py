"""3D figure of the cutaneous territories of the occipital and neighbouring nerves."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb

from anatomy import pain
from anatomy.conventions import SIDES, check_side
from anatomy.references import cite
from anatomy.viz import plotly3d, style
from anatomy.viz.pain_views.heat import OBLIQUE, TERRITORY_COLOURS, TERRITORY_SHORT, _wrap

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
