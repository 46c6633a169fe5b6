"""Plotly 3D drawing. Every plotly figure in the kit is built in this module.

Figures are plain dicts in plotly's own JSON schema ({"data": [trace, ...], "layout":
{...}}), the form plotly.js takes; ``KitFigure.figure`` turns one into a validated
``plotly.graph_objects.Figure`` when asked. Building the dicts needs no plotly import,
which keeps notebooks fast (plotly's validators take a third of a second to load).

Figures are small and deterministic: coordinates rounded and sent as typed arrays
(float32 / uint16 base64), a minimal template, no random ids.
"""

from __future__ import annotations

import base64
import json
import os
import warnings
from pathlib import Path

import numpy as np

from anatomy.conventions import CAMERA_CENTRE_Z, DECIMALS, VIEWS
from anatomy.viz import style

__all__ = [
    "CAMERAS", "KitFigure", "LEGEND", "LIGHTING", "LIGHT_POSITION", "MENU_FONT", "MIMETYPE",
    "MULTI_CAMERA", "SYMBOLS_3D", "TEMPLATE", "add_menu", "camera", "choice_menu",
    "json_size", "line_trace", "merge", "mesh_trace", "mimebundle_json",
    "multi_scene_figure", "multi_view_menu", "point_note", "points_trace", "scene_figure",
    "title_update", "to_json", "toggle_menu", "view_menu", "view_ndc", "warn_unsupported",
    "wrap_title",
]

MIMETYPE = "application/vnd.plotly.v1+json"  # JupyterLab renders it natively

_C = CAMERA_CENTRE_Z
# plotly camera presets, made from the one table of named views (anatomy.conventions)
CAMERAS = {
    name: {"eye": {"x": v["eye"][0], "y": v["eye"][1], "z": _C + v["eye"][2]},
           **({"up": dict(zip("xyz", v["up"]))} if tuple(v["up"]) != (0, 0, 1) else {})}
    for name, v in VIEWS.items()}
_AXIS = {"visible": False, "showbackground": False}
LIGHTING = {"ambient": 0.55, "diffuse": 0.75, "specular": 0.08, "roughness": 0.85,
            "fresnel": 0.05}
LIGHT_POSITION = {"x": 600, "y": 1800, "z": 2500}
TEMPLATE = {"layout": {"font": {"family": style.FONT_FAMILY, "size": style.FONT_SIZE,
                                "color": style.TEXT}}}


def _plotly():
    """plotly.graph_objects and plotly.io, imported on first use. A raw plotly figure shown
    in a notebook then uses JupyterLab's mimetype renderer too (set before plotly.io
    loads its renderers, which is slow)."""
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    import plotly.graph_objects as go
    import plotly.io as pio

    return go, pio


def _trace(**props) -> dict:
    """A trace dict without the properties left as None (plotly's "not set")."""
    return {k: v for k, v in props.items() if v is not None}


def merge(target: dict, updates: dict) -> dict:
    """Update ``target`` in place, merging nested dicts (like plotly's ``update_layout``)."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def add_menu(fig: dict, menu: dict) -> None:
    """Append an update menu (dropdown or buttons) to a figure dict."""
    fig["layout"].setdefault("updatemenus", []).append(menu)


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


# plotly.js draws 3D markers as text glyphs. These are the ones every font has; its "x" is
# the emoji U+274C, a blank box where no emoji font is installed and red where one is.
SYMBOLS_3D = ("circle", "circle-open", "square", "square-open", "diamond", "diamond-open",
              "cross")


def point_note(point, text: str, *, offset_px=None, color: str = style.TEXT,
               line_color: str = "#555555", background: float = 0.7) -> dict:
    """A scene annotation naming a 3D point: page text (crisp, never cut by a surface,
    cheap to draw, unlike 3D text). Just above the point, or ``offset_px`` (x right,
    y down) away on a thin leader line."""
    if offset_px is None:
        place = {"showarrow": False, "yanchor": "bottom", "yshift": 6}
    else:
        place = {"showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": line_color,
                 "standoff": 3, "ax": round(offset_px[0]), "ay": round(offset_px[1])}
    x, y, z = (round(float(v), 1) for v in point)
    return {"x": x, "y": y, "z": z, "text": text, **place,
            "bgcolor": f"rgba(255,255,255,{background})", "font": {"size": 12, "color": color}}


def view_ndc(points, cam: dict, aspect: float) -> np.ndarray:
    """Where scene points (plotly's normalised scene units) fall in a perspective camera's
    view: (n, 2) x, y in [-1, 1] inside the scene, y up. ``aspect`` = scene width / height.
    plotly.js draws 3D scenes with a 45-degree vertical field of view."""
    q = np.atleast_2d(np.asarray(points, float))
    eye, centre, up = (np.array([cam[key][k] for k in "xyz"], float)
                       for key in ("eye", "center", "up"))
    forward = (centre - eye) / np.linalg.norm(centre - eye)
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    upward = np.cross(right, forward)
    rel = q - eye
    depth = rel @ forward
    half = np.tan(np.pi / 8)
    return np.column_stack([rel @ right / (depth * half * aspect), rel @ upward / (depth * half)])


def _f4(a) -> np.ndarray:
    return np.round(np.asarray(a, float), DECIMALS).astype(np.float32)


def _index(a) -> np.ndarray:
    a = np.asarray(a)
    return a.astype(np.uint16 if a.max() < 65535 else np.uint32)


def mesh_trace(vertices, faces, *, name: str, color: str = style.SKIN, opacity: float = 1.0,
               hovertext: str | None = None, intensity=None, colorscale=None,
               cmin: float = 0.0, cmax: float = 1.0, showscale: bool = False,
               colorbar_title: str = "", legendgroup: str | None = None,
               showlegend: bool = True, visible: bool | str = True) -> dict:
    """A shaded surface; ``intensity`` (per vertex) paints a scalar field on it."""
    v = _f4(vertices)
    f = _index(faces)
    if intensity is not None:
        paint = {"intensity": np.round(np.asarray(intensity, float), 3).astype(np.float32),
                 "colorscale": colorscale or style.HEAT_SCALE, "cmin": cmin, "cmax": cmax,
                 "showscale": showscale,
                 "colorbar": {"title": {"text": colorbar_title}, "len": 0.6, "thickness": 14}}
    else:
        paint = {"color": color}
    return _trace(
        type="mesh3d", x=v[:, 0], y=v[:, 1], z=v[:, 2], i=f[:, 0], j=f[:, 1], k=f[:, 2],
        name=name, opacity=opacity, flatshading=False, lighting=dict(LIGHTING),
        lightposition=dict(LIGHT_POSITION), hoverinfo="text" if hovertext else "skip",
        hovertext=hovertext, legendgroup=legendgroup or name, showlegend=showlegend,
        visible=visible, **paint)


def line_trace(path, *, name: str, color: str, width: float = 6, hovertext=None,
               dash: str = "solid", legendgroup: str | None = None, showlegend: bool = True,
               visible: bool | str = True) -> dict:
    """A 3D polyline (nerve, artery, arc); ``hovertext`` may be one string or one per point."""
    p = _f4(path)
    return _trace(
        type="scatter3d", x=p[:, 0], y=p[:, 1], z=p[:, 2], mode="lines", name=name,
        line={"color": color, "width": width, "dash": dash},
        hoverinfo="text" if hovertext is not None else "skip",
        hovertext=hovertext, legendgroup=legendgroup or name, showlegend=showlegend,
        visible=visible)


def points_trace(points, *, name: str, labels=None, hovertext=None, color: str = style.LANDMARK,
                 size: float = 5, symbol: str = "circle", show_text: bool = True,
                 legendgroup: str | None = None, showlegend: bool = True,
                 visible: bool | str = True, textposition: str = "top center") -> dict:
    """Markers with optional text labels and hover text."""
    if symbol not in SYMBOLS_3D:
        raise ValueError(f"Unknown 3D marker symbol {symbol!r}; valid: {', '.join(SYMBOLS_3D)}")
    p = _f4(np.atleast_2d(points))
    mode = "markers+text" if (labels is not None and show_text) else "markers"
    return _trace(
        type="scatter3d", x=p[:, 0], y=p[:, 1], z=p[:, 2], mode=mode, name=name, text=labels,
        textposition=textposition, textfont={"size": 12, "color": style.TEXT},
        marker={"size": size, "color": color, "symbol": symbol,
                "line": {"color": "white", "width": 1}},
        hoverinfo="text" if hovertext is not None else "skip", hovertext=hovertext,
        legendgroup=legendgroup or name, showlegend=showlegend, visible=visible)


def _hidden_axes() -> dict:
    return {"xaxis": dict(_AXIS), "yaxis": dict(_AXIS), "zaxis": dict(_AXIS)}


# Page furniture sits outside the scene, so that it never covers the anatomy at any width
# (JupyterLab gives a figure 590-970 px, a handout 880-1260 px at 1024x768 and 1400x1000):
# the title and one row of menus above the scene, the legend below it in rows.
TITLE_LINE_PX = 24
MENU_ROW_PX = 40
MENU_FONT = {"size": 12}
LEGEND = {"orientation": "h", "x": 0.0, "xanchor": "left", "y": 0.0, "yanchor": "top",
          "bgcolor": "rgba(255,255,255,0.9)", "itemsizing": "constant", "font": {"size": 12},
          "tracegroupgap": 0}


def wrap_title(text: str, width: int = 58) -> str:
    """A title broken into lines of at most ``width`` characters (plotly does not wrap),
    so that it fits the narrowest figure (590 px at 18 px)."""
    if "<br>" in text or len(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def title_update(text: str) -> dict:
    """Layout update (for a menu button) that sets a title, wrapped, above the menu row:
    plotly grows a title of several lines downward from its first line."""
    text = wrap_title(text)
    lines = text.count("<br>") + 1
    return {"title.text": text, "title.pad.b": MENU_ROW_PX + 4 + TITLE_LINE_PX * (lines - 1)}


def scene_figure(traces, *, title: str = "", view: str = "posterolateral_right",
                 orthographic: bool = False, height: int = 620, width: int | None = None,
                 legend: bool = True, title_lines: int | None = None) -> dict:
    """A 3D figure with the kit's layout: hidden axes, true proportions, a named camera, the
    title and a row for menus above the scene and the legend below it.

    ``title_lines`` reserves room for a title that menus will change (default: its own).
    """
    title = wrap_title(title)
    lines = title_lines or (title.count("<br>") + 1 if title else 0)
    top = 8 + TITLE_LINE_PX * lines + MENU_ROW_PX
    layout = _trace(
        template=TEMPLATE,
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 1.0, "yref": "paper",
               "yanchor": "bottom", "font": {"size": style.TITLE_SIZE},
               "pad": {"b": title_update(title)["title.pad.b"]}}
        if title else None,
        height=height, width=width, margin={"l": 0, "r": 0, "t": top, "b": 0},
        paper_bgcolor="white", showlegend=legend, legend=dict(LEGEND),
        hoverlabel={"font": {"family": style.FONT_FAMILY, "size": 13}, "align": "left"},
        scene={**_hidden_axes(), "aspectmode": "data", "camera": camera(view, orthographic),
               "dragmode": "orbit"},
        uirevision="kit",
    )
    return {"data": list(traces), "layout": layout}


def view_menu(fig: dict, orthographic: bool = False, x: float = 1.0,
              active: str | None = None, notes: dict[str, list] | None = None) -> None:
    """Dropdown that switches the camera between the named views (works without a kernel);
    ``notes`` gives each view its own scene annotations (e.g. the labels it can see)."""
    buttons = [{"label": name.replace("_", " "), "method": "relayout",
                "args": [{"scene.camera": camera(name, orthographic),
                          **({"scene.annotations": notes[name]} if notes else {})}]}
               for name in CAMERAS]
    current = _active_view(fig, active)
    if current < 0:  # the figure opens on a camera of its own: say so instead of a wrong name
        buttons.insert(0, {"label": "opening view", "method": "skip", "args": [None]})
        current = 0
    add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": x, "xanchor": "right",
                   "y": 1.0, "yanchor": "bottom", "showactive": True, "active": current,
                   "bgcolor": "white", "name": "view", "font": MENU_FONT,
                   "pad": {"b": 6, "r": 2}})


def _active_view(fig: dict, name: str | None) -> int:
    """Index of the named view, or of the preset matching the figure's camera, else -1."""
    names = list(CAMERAS)
    if name in CAMERAS:
        return names.index(name)
    eye = fig["layout"].get("scene", {}).get("camera", {}).get("eye")
    if eye is not None:
        for k, preset in enumerate(CAMERAS.values()):
            e = preset["eye"]
            if all(abs((eye.get(a) or 0) - e[a]) < 1e-6 for a in "xyz"):
                return k
    return -1


def toggle_menu(fig: dict, groups: dict[str, list[int]], *, y: float = 1.0,
                x: float = 0.0, direction: str = "right", xanchor: str = "left") -> None:
    """One button per group that shows or hides its traces (restyle; no kernel needed)."""
    buttons = [{"label": label, "method": "restyle", "args": [{"visible": True}, idx],
                "args2": [{"visible": "legendonly"}, idx]} for label, idx in groups.items()]
    add_menu(fig, {"type": "buttons", "direction": direction, "buttons": buttons, "x": x,
                   "y": y, "xanchor": xanchor, "yanchor": "bottom", "showactive": False,
                   "bgcolor": "white", "pad": {"b": 6, "l": 2}, "font": MENU_FONT})


def choice_menu(fig: dict, options: dict[str, list[bool]], *, x: float = 0.0,
                y: float = 1.0, titles: dict[str, str] | None = None) -> None:
    """A dropdown whose options each set the visibility of every trace."""
    buttons = []
    for label, visible in options.items():
        update = title_update(titles[label]) if titles else {}
        buttons.append({"label": label, "method": "update",
                        "args": [{"visible": visible}, update]})
    add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": x, "y": y,
                   "xanchor": "left", "yanchor": "bottom", "showactive": True, "active": 0,
                   "bgcolor": "white", "font": MENU_FONT, "pad": {"b": 6, "l": 2}})


# plotly.js typed arrays: numeric arrays travel as base64 with a dtype code (plotly.py's
# own encoding; ``tests/test_plotly3d.py`` checks the two agree)
_TYPED = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4",
          "uint32": "u4", "float32": "f4", "float64": "f8"}
_NOT_TYPED = ("range",)  # plotly.py leaves these keys as plain lists


def _typed(a: np.ndarray):
    if a.size == 0 or str(a.dtype) not in _TYPED:
        return a.tolist()
    spec = {"dtype": _TYPED[str(a.dtype)], "bdata": base64.b64encode(a).decode("ascii")}
    if a.ndim > 1:
        spec["shape"] = str(a.shape)[1:-1]
    return spec


def _plain(obj, key: str = ""):
    """The figure as JSON-ready data: arrays typed (or listed under ``_NOT_TYPED`` keys)."""
    if isinstance(obj, dict):
        return {k: _plain(v, k) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return obj.tolist() if key in _NOT_TYPED else _typed(np.ascontiguousarray(obj))
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _as_dict(fig) -> dict:
    """A figure dict from a dict, a KitFigure or a plotly Figure."""
    if isinstance(fig, KitFigure):
        return fig.spec if fig._figure is None else fig._figure.to_plotly_json()
    return fig if isinstance(fig, dict) else fig.to_plotly_json()


def mimebundle_json(fig) -> dict:
    """The figure as JupyterLab's plotly mimetype payload (data and layout, arrays typed)."""
    d = _as_dict(fig)
    return {"data": _plain(d.get("data", [])), "layout": _plain(d.get("layout", {}))}


def to_json(fig) -> str:
    """The figure as JSON text (what a notebook stores and plotly.js reads)."""
    return json.dumps(mimebundle_json(fig), separators=(",", ":"), allow_nan=False)


def json_size(fig) -> int:
    """Size in bytes of the figure's JSON (what a notebook stores)."""
    return len(to_json(fig).encode())


class KitFigure:
    """A 3D figure (``spec``, a plotly figure dict) with its text alternative ``alt``.

    Displays in JupyterLab through plotly's mimetype. ``.figure`` is the same figure as a
    ``plotly.graph_objects.Figure`` (built and validated on first use); changes made to
    it show when the KitFigure is displayed again. ``.savefig()`` writes PNG/SVG/HTML.
    """

    def __init__(self, spec: dict, alt: str):
        if not isinstance(spec, dict) or set(spec) - {"data", "layout"}:
            raise ValueError("KitFigure needs a figure dict with 'data' and 'layout' keys, "
                             f"got {type(spec).__name__}")
        self.spec = spec
        self.alt = alt
        self._figure = None

    @property
    def figure(self):
        """The figure as a plotly ``Figure`` (validated by plotly)."""
        if self._figure is None:
            go, _ = _plotly()
            self._figure = go.Figure(self.spec)
        return self._figure

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIMETYPE: mimebundle_json(self),
                "text/plain": f"[Interactive 3D figure] {self.alt}"}

    def show(self) -> None:
        """Display in the notebook with the kit's renderer."""
        from IPython.display import display

        display(self)

    def savefig(self, path, *, width: int = 1000, height: int = 800, scale: float = 2.0) -> Path:
        """Write PNG/SVG (kaleido with the system Chromium) or standalone offline HTML."""
        _, pio = _plotly()
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
        return json_size(self)


def warn_unsupported(**options) -> None:
    """Warn (never fail silently) about options this engine ignores."""
    for key, value in options.items():
        if value is not None:
            warnings.warn(f"Option {key!r} is not supported by the plotly engine and is "
                          "ignored.", stacklevel=3)


# --- added for headache figures (issue 5): several 3D scenes in one figure


def _scene_key(k: int) -> str:
    return "scene" if k == 0 else f"scene{k + 1}"


MULTI_CAMERA = {"distance": 1.0, "centre_z": 0.0}  # panels narrower than a page: step back
PANEL_TITLE_PX = 44  # two lines of panel title above each scene


def multi_scene_figure(panels, *, titles, view: str = "right", orthographic: bool = False,
                       height: int = 560, width: int | None = None,
                       legend: bool = False, columns: int | None = None) -> dict:
    """Scenes in a grid (layout scene, scene2, ...), one list of traces per panel, the
    same named camera in each, a title above each panel, a row for a menu on top.

    ``columns`` defaults to 2 for four panels (a 2 x 2 grid keeps each panel about square
    at every width, so no head is cut at the sides) and to one row otherwise.
    """
    panels = [list(p) for p in panels]
    n = len(panels)
    if len(titles) != n:
        raise ValueError(f"titles has {len(titles)} entries for {n} panels.")
    cols = columns or (2 if n == 4 else n)
    rows = -(-n // cols)
    plot_h = height - 8 - MENU_ROW_PX
    title_frac = PANEL_TITLE_PX / plot_h
    data, scenes, annotations = [], {}, []
    gap = 0.01
    for k, traces in enumerate(panels):
        key = _scene_key(k)
        for tr in traces:
            tr["scene"] = key
            data.append(tr)
        r, c = divmod(k, cols)
        x0, x1 = c / cols + gap, (c + 1) / cols - gap
        top = 1 - r / rows
        y0, y1 = 1 - (r + 1) / rows + gap, top - title_frac
        scenes[key] = {**_hidden_axes(), "aspectmode": "data",
                       "camera": camera(view, orthographic, **MULTI_CAMERA), "dragmode": "orbit",
                       "domain": {"x": [round(x0, 4), round(x1, 4)],
                                  "y": [round(y0, 4), round(y1, 4)]}}
        annotations.append({"text": titles[k], "x": round((c + 0.5) / cols, 4),
                            "y": round(top, 4), "xref": "paper", "yref": "paper",
                            "xanchor": "center", "yanchor": "top", "showarrow": False,
                            "font": {"size": style.FONT_SIZE}})
    layout = _trace(template=TEMPLATE, height=height, width=width, paper_bgcolor="white",
                    margin={"l": 0, "r": 0, "t": 8 + MENU_ROW_PX, "b": 0}, showlegend=legend,
                    annotations=annotations, uirevision="kit",
                    hoverlabel={"font": {"family": style.FONT_FAMILY, "size": 13},
                                "align": "left"}, **scenes)
    return {"data": data, "layout": layout}


def multi_view_menu(fig: dict, n_scenes: int, orthographic: bool = False,
                    x: float = 0.0, y: float = 1.0, active: int = -1) -> None:
    """A camera dropdown that turns every scene of a multi-scene figure together."""
    buttons = [{"label": name.replace("_", " "), "method": "relayout",
                "args": [{f"{_scene_key(k)}.camera": camera(name, orthographic, **MULTI_CAMERA)
                          for k in range(n_scenes)}]} for name in CAMERAS]
    add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": x, "xanchor": "left",
                   "y": y, "yanchor": "bottom", "showactive": True, "active": active,
                   "bgcolor": "white", "name": "view", "font": MENU_FONT,
                   "pad": {"b": 6, "l": 2}})
