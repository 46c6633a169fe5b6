"""Plotly 3D drawing. Every plotly import in the kit lives in this module.

Figures are small and deterministic: coordinates rounded and sent as typed arrays
(float32 / uint16 base64), a minimal template, no random ids.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

# Raw plotly figures shown directly (not through KitFigure) use the mimetype renderer
# too; set before plotly.io loads its renderers, which is slow (nbformat, jsonschema).
os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")

import numpy as np  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402

from anatomy.conventions import DECIMALS
from anatomy.viz import style

RENDERER = "plotly_mimetype"  # JupyterLab renders it natively; no plotly.js copy per output
MIMETYPE = "application/vnd.plotly.v1+json"

_R = 1.45
_C = 0.18  # look at the head rather than the middle of the bust
CAMERAS = {
    "anterior": {"eye": {"x": 0, "y": _R, "z": _C + 0.1}},
    "posterior": {"eye": {"x": 0, "y": -_R, "z": _C + 0.1}},
    "left": {"eye": {"x": -_R, "y": 0, "z": _C + 0.1}},
    "right": {"eye": {"x": _R, "y": 0, "z": _C + 0.1}},
    "superior": {"eye": {"x": 0, "y": -0.01, "z": _R + 0.4}, "up": {"x": 0, "y": 1, "z": 0}},
    "posterolateral_left": {"eye": {"x": -1.0, "y": -1.0, "z": _C + 0.35}},
    "posterolateral_right": {"eye": {"x": 1.0, "y": -1.0, "z": _C + 0.35}},
}
_AXIS = {"visible": False, "showbackground": False}
LIGHTING = {"ambient": 0.55, "diffuse": 0.75, "specular": 0.08, "roughness": 0.85,
            "fresnel": 0.05}
LIGHT_POSITION = {"x": 600, "y": 1800, "z": 2500}
TEMPLATE = go.layout.Template(layout={"font": {"family": style.FONT_FAMILY,
                                               "size": style.FONT_SIZE,
                                               "color": style.TEXT}})


def camera(name: str, orthographic: bool = False, distance: float = 1.0,
           centre_z: float = _C) -> dict:
    """A named camera preset (anatomical view) as a plotly camera dict.

    ``distance`` scales the eye's distance (narrow panels need more room); ``centre_z``
    is where the camera looks, in plotly's normalised scene units (default: the head).
    """
    from anatomy.conventions import check_choice

    preset = CAMERAS[check_choice(name, CAMERAS, "camera view")]
    eye = {a: round((v - (centre_z if a == "z" else 0)) * distance
                    + (centre_z if a == "z" else 0), 4) for a, v in preset["eye"].items()}
    return {"up": preset.get("up", {"x": 0, "y": 0, "z": 1}),
            "center": {"x": 0, "y": 0, "z": centre_z}, "eye": eye,
            "projection": {"type": "orthographic" if orthographic else "perspective"}}


def _f4(a) -> np.ndarray:
    return np.round(np.asarray(a, float), DECIMALS).astype(np.float32)


def _index(a) -> np.ndarray:
    a = np.asarray(a)
    return a.astype(np.uint16 if a.max() < 65535 else np.uint32)


def mesh_trace(vertices, faces, *, name: str, color: str = style.SKIN, opacity: float = 1.0,
               hovertext: str | None = None, intensity=None, colorscale=None,
               cmin: float = 0.0, cmax: float = 1.0, showscale: bool = False,
               colorbar_title: str = "", legendgroup: str | None = None,
               showlegend: bool = True, visible: bool | str = True) -> go.Mesh3d:
    """A shaded surface; ``intensity`` (per vertex) paints a scalar field on it."""
    v = _f4(vertices)
    f = _index(faces)
    kwargs = {}
    if intensity is not None:
        kwargs = {"intensity": np.round(np.asarray(intensity, float), 3).astype(np.float32),
                  "colorscale": colorscale or style.HEAT_SCALE, "cmin": cmin, "cmax": cmax,
                  "showscale": showscale,
                  "colorbar": {"title": {"text": colorbar_title}, "len": 0.6, "thickness": 14}}
    else:
        kwargs = {"color": color}
    return go.Mesh3d(
        x=v[:, 0], y=v[:, 1], z=v[:, 2], i=f[:, 0], j=f[:, 1], k=f[:, 2], name=name,
        opacity=opacity, flatshading=False, lighting=LIGHTING, lightposition=LIGHT_POSITION,
        hoverinfo="text" if hovertext else "skip", hovertext=hovertext,
        legendgroup=legendgroup or name, showlegend=showlegend, visible=visible, **kwargs)


def line_trace(path, *, name: str, color: str, width: float = 6, hovertext=None,
               dash: str = "solid", legendgroup: str | None = None, showlegend: bool = True,
               visible: bool | str = True) -> go.Scatter3d:
    """A 3D polyline (nerve, artery, arc); ``hovertext`` may be one string or one per point."""
    p = _f4(path)
    return go.Scatter3d(
        x=p[:, 0], y=p[:, 1], z=p[:, 2], mode="lines", name=name,
        line={"color": color, "width": width, "dash": dash},
        hoverinfo="text" if hovertext is not None else "skip",
        hovertext=hovertext, legendgroup=legendgroup or name, showlegend=showlegend,
        visible=visible)


def points_trace(points, *, name: str, labels=None, hovertext=None, color: str = style.LANDMARK,
                 size: float = 5, symbol: str = "circle", show_text: bool = True,
                 legendgroup: str | None = None, showlegend: bool = True,
                 visible: bool | str = True, textposition: str = "top center") -> go.Scatter3d:
    """Markers with optional text labels and hover text."""
    p = _f4(np.atleast_2d(points))
    mode = "markers+text" if (labels is not None and show_text) else "markers"
    return go.Scatter3d(
        x=p[:, 0], y=p[:, 1], z=p[:, 2], mode=mode, name=name, text=labels,
        textposition=textposition, textfont={"size": 12, "color": style.TEXT},
        marker={"size": size, "color": color, "symbol": symbol,
                "line": {"color": "white", "width": 1}},
        hoverinfo="text" if hovertext is not None else "skip", hovertext=hovertext,
        legendgroup=legendgroup or name, showlegend=showlegend, visible=visible)


def scene_figure(traces, *, title: str = "", view: str = "posterolateral_right",
                 orthographic: bool = False, height: int = 620, width: int | None = None,
                 legend: bool = True) -> go.Figure:
    """A 3D figure with the kit's layout: hidden axes, true proportions, a named camera."""
    fig = go.Figure(data=list(traces))
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "x": 0.02, "font": {"size": style.TITLE_SIZE}} if title else None,
        height=height, width=width, margin={"l": 0, "r": 0, "t": 50 if title else 10, "b": 0},
        paper_bgcolor="white", showlegend=legend,
        legend={"x": 0.01, "y": 0.98, "bgcolor": "rgba(255,255,255,0.75)",
                "itemsizing": "constant"},
        hoverlabel={"font": {"family": style.FONT_FAMILY, "size": 13}, "align": "left"},
        scene={"xaxis": _AXIS, "yaxis": _AXIS, "zaxis": _AXIS, "aspectmode": "data",
               "camera": camera(view, orthographic), "dragmode": "orbit"},
        uirevision="kit",
    )
    return fig


def view_menu(fig: go.Figure, orthographic: bool = False, x: float = 0.99,
              active: str | None = None) -> None:
    """Dropdown that switches the camera between the named views (works without a kernel)."""
    buttons = [{"label": name.replace("_", " "), "method": "relayout",
                "args": [{"scene.camera": camera(name, orthographic)}]} for name in CAMERAS]
    current = _active_view(fig, active)
    if current < 0:  # the figure opens on a camera of its own: say so instead of a wrong name
        buttons.insert(0, {"label": "opening view", "method": "skip", "args": [None]})
        current = 0
    menus = list(fig.layout.updatemenus or [])
    menus.append({"type": "dropdown", "buttons": buttons, "x": x, "xanchor": "right",
                  "y": 0.99, "yanchor": "top", "showactive": True,
                  "active": current,
                  "bgcolor": "white", "name": "view"})
    fig.update_layout(updatemenus=menus,
                      annotations=list(fig.layout.annotations or []))


def _active_view(fig: go.Figure, name: str | None) -> int:
    """Index of the named view, or of the preset matching the figure's camera, else -1."""
    names = list(CAMERAS)
    if name in CAMERAS:
        return names.index(name)
    eye = fig.layout.scene.camera.eye
    if eye is not None:
        for k, preset in enumerate(CAMERAS.values()):
            e = preset["eye"]
            if all(abs((getattr(eye, a) or 0) - e[a]) < 1e-6 for a in "xyz"):
                return k
    return -1


def toggle_menu(fig: go.Figure, groups: dict[str, list[int]], *, y: float = 0.99,
                x: float = 0.01, direction: str = "right") -> None:
    """One button per group that shows or hides its traces (restyle; no kernel needed)."""
    buttons = []
    for label, idx in groups.items():
        buttons.append({"label": label, "method": "restyle",
                        "args": [{"visible": True}, idx],
                        "args2": [{"visible": "legendonly"}, idx]})
    menus = list(fig.layout.updatemenus or [])
    menus.append({"type": "buttons", "direction": direction, "buttons": buttons, "x": x,
                  "y": y, "xanchor": "left", "yanchor": "top", "showactive": False,
                  "bgcolor": "white", "pad": {"r": 4, "t": 4}})
    fig.update_layout(updatemenus=menus)


def choice_menu(fig: go.Figure, options: dict[str, list[bool]], *, x: float = 0.01,
                y: float = 0.99, titles: dict[str, str] | None = None) -> None:
    """A dropdown whose options each set the visibility of every trace."""
    buttons = []
    for label, visible in options.items():
        update = {"title.text": titles[label]} if titles else {}
        buttons.append({"label": label, "method": "update",
                        "args": [{"visible": visible}, update]})
    menus = list(fig.layout.updatemenus or [])
    menus.append({"type": "dropdown", "buttons": buttons, "x": x, "y": y, "xanchor": "left",
                  "yanchor": "top", "showactive": True, "active": 0, "bgcolor": "white"})
    fig.update_layout(updatemenus=menus)


def mimebundle_json(fig: go.Figure) -> dict:
    """The figure as JupyterLab's plotly mimetype payload (what the plotly_mimetype
    renderer produces, without loading plotly's renderer registry)."""
    return json.loads(pio.to_json(fig, validate=False, remove_uids=False, engine="json"))


def json_size(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON (what a notebook stores)."""
    return len(pio.to_json(fig, validate=False, engine="json").encode())


class KitFigure:
    """Wrapper around a plotly figure: ``.figure``, ``.show()``, ``.savefig()``.

    ``alt`` is the text alternative shown under the figure and used as alt text.
    """

    def __init__(self, figure: go.Figure, alt: str):
        self.figure = figure
        self.alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIMETYPE: mimebundle_json(self.figure),
                "text/plain": f"[Interactive 3D figure] {self.alt}"}

    def show(self) -> None:
        """Display in the notebook with the kit's renderer."""
        from IPython.display import display

        display(self)

    def savefig(self, path, *, width: int = 1000, height: int = 800, scale: float = 2.0) -> Path:
        """Write PNG/SVG (kaleido with the system Chromium) or standalone offline HTML."""
        path = Path(path)
        if path.suffix == ".html":
            html = pio.to_html(self.figure, include_plotlyjs=True, full_html=True,
                               div_id="kit-figure", config={"displaylogo": False})
            path.write_text(html, encoding="utf-8")
            return path
        if path.suffix not in (".png", ".svg", ".pdf"):
            raise ValueError(f"Unsupported figure format {path.suffix!r}; "
                             "valid: .png, .svg, .pdf, .html")
        try:
            pio.write_image(self.figure, path, width=width, height=height, scale=scale)
        except Exception as exc:  # kaleido needs a Chromium; say how to get one
            raise RuntimeError(f"Static export failed ({exc}). Install Chromium "
                               "(apt-get install chromium) for kaleido.") from exc
        return path

    def json_size(self) -> int:
        return json_size(self.figure)


def warn_unsupported(**options) -> None:
    """Warn (never fail silently) about options this engine ignores."""
    for key, value in options.items():
        if value is not None:
            warnings.warn(f"Option {key!r} is not supported by the plotly engine and is "
                          "ignored.", stacklevel=3)


# --- added for headache figures (issue 5): several 3D scenes in one figure


def _scene_key(k: int) -> str:
    return "scene" if k == 0 else f"scene{k + 1}"


MULTI_CAMERA = {"distance": 1.55, "centre_z": 0.0}  # narrow panels: step back


def multi_scene_figure(panels, *, titles, view: str = "right", orthographic: bool = False,
                       height: int = 560, width: int | None = None,
                       legend: bool = False) -> go.Figure:
    """Scenes side by side (layout scene, scene2, ...), one list of traces per panel, the
    same named camera in each, a title above each panel."""
    panels = [list(p) for p in panels]
    n = len(panels)
    if len(titles) != n:
        raise ValueError(f"titles has {len(titles)} entries for {n} panels.")
    fig = go.Figure()
    layout = {}
    gap = 0.01
    for k, traces in enumerate(panels):
        key = _scene_key(k)
        for tr in traces:
            tr.scene = key
            fig.add_trace(tr)
        x0, x1 = k / n + gap, (k + 1) / n - gap
        layout[key] = {"xaxis": _AXIS, "yaxis": _AXIS, "zaxis": _AXIS, "aspectmode": "data",
                       "camera": camera(view, orthographic, **MULTI_CAMERA), "dragmode": "orbit",
                       "domain": {"x": [round(x0, 4), round(x1, 4)], "y": [0.0, 0.86]}}
    annotations = [{"text": t, "x": round((k + 0.5) / n, 4), "y": 0.995, "xref": "paper",
                    "yref": "paper", "xanchor": "center", "yanchor": "top",
                    "showarrow": False, "font": {"size": style.FONT_SIZE}}
                   for k, t in enumerate(titles)]
    fig.update_layout(template=TEMPLATE, height=height, width=width, paper_bgcolor="white",
                      margin={"l": 0, "r": 0, "t": 10, "b": 0}, showlegend=legend,
                      annotations=annotations, uirevision="kit",
                      hoverlabel={"font": {"family": style.FONT_FAMILY, "size": 13},
                                  "align": "left"}, **layout)
    return fig


def multi_view_menu(fig: go.Figure, n_scenes: int, orthographic: bool = False,
                    x: float = 0.01, y: float = 0.86, active: int = -1) -> None:
    """A camera dropdown that turns every scene of a multi-scene figure together."""
    buttons = [{"label": name.replace("_", " "), "method": "relayout",
                "args": [{f"{_scene_key(k)}.camera": camera(name, orthographic, **MULTI_CAMERA)
                          for k in range(n_scenes)}]} for name in CAMERAS]
    menus = list(fig.layout.updatemenus or [])
    menus.append({"type": "dropdown", "buttons": buttons, "x": x, "xanchor": "left",
                  "y": y, "yanchor": "top", "showactive": True, "active": active,
                  "bgcolor": "white", "name": "view"})
    fig.update_layout(updatemenus=menus)
