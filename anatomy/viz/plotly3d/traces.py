"""Plotly 3D building blocks: named cameras, lighting, and mesh, line and point traces.

Traces are plain dicts in plotly's own JSON schema; building them needs no plotly import.
Coordinates are rounded and sent as typed arrays (float32 / uint8 or uint16), so figures are small
and deterministic.
"""

from __future__ import annotations

import numpy as np

from anatomy.conventions import CAMERA_CENTRE_Z, DECIMALS, VIEWS, check_choice
from anatomy.viz import style
from anatomy.viz.eyes import eye_parts, eyes_paint, front_of_eyes, narrow_pupils

__all__ = [
    "CAMERAS", "LIGHTING", "LIGHT_POSITION", "SEE_THROUGH_LIGHTING", "SYMBOLS_3D", "TEMPLATE",
    "add_menu", "camera", "eye_point", "eyes_trace", "leader_note", "line_trace", "merge",
    "mesh_trace", "per_point_positions", "point_note", "points_trace", "prime_text_glyphs",
    "view_ndc",
]

_C = CAMERA_CENTRE_Z
# plotly camera presets, made from the one table of named views (anatomy.conventions)
CAMERAS = {
    name: {"eye": {"x": v["eye"][0], "y": v["eye"][1], "z": _C + v["eye"][2]},
           **({"up": dict(zip("xyz", v["up"]))} if tuple(v["up"]) != (0, 0, 1) else {})}
    for name, v in VIEWS.items()}
_AXIS = {"visible": False, "showbackground": False}
# less ambient and more diffuse light than plotly's default, from above, right and a little
# behind: the occipital contour and the ear stand out in the posterior and lateral views
LIGHTING = {"ambient": 0.42, "diffuse": 0.8, "specular": 0.12, "roughness": 0.6,
            "fresnel": 0.08}
LIGHT_POSITION = {"x": 1500, "y": -800, "z": 2500}
# a see-through surface is lit almost evenly: plotly blends its triangles unsorted and
# shades the far side's as well, so with the light above the scalp showed a mottle of
# darker triangles and the far side's nose and lips a ghost face through the back of the
# head; evenly lit, near and far triangles share one colour and only the outline reads
SEE_THROUGH_LIGHTING = {"ambient": 0.8, "diffuse": 0.35, "specular": 0.0, "roughness": 1.0,
                        "fresnel": 0.2}
TEMPLATE = {"layout": {"font": {"family": style.FONT_FAMILY, "size": style.FONT_SIZE,
                                "color": style.TEXT}}}


def _trace(**props) -> dict:
    """A trace dict without the properties left as None (plotly's "not set")."""
    return {k: v for k, v in props.items() if v is not None}


def merge(target: dict, updates: dict) -> dict:
    """Update ``target`` in place, merging nested dicts (like plotly's ``update_layout``).

    Parameters
    ----------
    target : dict
        The dict to update.
    updates : dict
        New values; a dict value merges into a dict already there, anything else replaces.

    Returns
    -------
    dict
        ``target`` itself.
    """
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def add_menu(fig: dict, menu: dict) -> None:
    """Append an update menu (dropdown or buttons) to a figure dict.

    Parameters
    ----------
    fig : dict
        A plotly figure dict (``{"data": [...], "layout": {...}}``), changed in place.
    menu : dict
        A plotly ``updatemenus`` entry.
    """
    fig["layout"].setdefault("updatemenus", []).append(menu)


def camera(name: str, orthographic: bool = False, distance: float = 1.0,
           centre_z: float = _C) -> dict:
    """A named camera preset (anatomical view) as a plotly camera dict.

    Parameters
    ----------
    name : str
        A key of CAMERAS: ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    orthographic : bool, default False
        Orthographic instead of perspective projection.
    distance : float, default 1.0
        Scales the eye's distance (narrow panels need more room).
    centre_z : float
        Where the camera looks, in plotly's normalised scene units (default: the head).

    Returns
    -------
    dict
        ``up``, ``center``, ``eye`` and ``projection`` for ``layout.scene.camera``.

    Raises
    ------
    ValueError
        If ``name`` is not a key of CAMERAS.
    """
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
               line_color: str = "#555555", background: float = 0.7,
               xanchor: str = "auto") -> dict:
    """A scene annotation naming a 3D point.

    Page text is crisp, never cut by a surface and cheap to draw, unlike 3D text. It sits
    just above the point, or ``offset_px`` away on a thin leader line.

    Parameters
    ----------
    point : array_like, shape (3,)
        The point, mm.
    text : str
        The label.
    offset_px : tuple of float, optional
        (x right, y down) offset of the label, pixels, with a leader line; above the point
        without a line if None.
    color : str, default style.TEXT
        Text colour.
    line_color : str, default "#555555"
        Leader line colour.
    background : float, default 0.7
        Opacity of the white label background.
    xanchor : {"auto", "left", "center", "right"}, default "auto"
        Which side of the label sits at the end of the leader line ("auto": its centre);
        "right" keeps a long label that goes left clear of its point.

    Returns
    -------
    dict
        A ``layout.scene.annotations`` entry.
    """
    if offset_px is None:
        place = {"showarrow": False, "yanchor": "bottom", "yshift": 6}
    else:
        place = {"showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": line_color,
                 "standoff": 3, "ax": round(offset_px[0]), "ay": round(offset_px[1])}
    check_choice(xanchor, ("auto", "left", "center", "right"), "xanchor")
    x, y, z = (round(float(v), 1) for v in point)
    if xanchor != "auto":
        place["xanchor"] = xanchor
    return {"x": x, "y": y, "z": z, "text": text, **place,
            "bgcolor": f"rgba(255,255,255,{background})", "font": {"size": 12, "color": color}}


def leader_note(point, text: str, where: str, length_px: float,
                background: float = 0.7) -> dict:
    """A ``point_note`` on a leader line ``length_px`` long, pointing the way a plotly text
    position says (``"top left"``: up and to the left); a label going left or right ends
    at the line, one going up or down is centred on it.

    Parameters
    ----------
    point : array_like, shape (3,)
        The point, mm.
    text : str
        The label.
    where : str
        A plotly text position, e.g. ``"middle right"`` or ``"bottom center"``.
    length_px : float
        The leader line's length, pixels.
    background : float, default 0.7
        Opacity of the white label background (as ``point_note``).

    Returns
    -------
    dict
        A ``layout.scene.annotations`` entry.
    """
    vertical, horizontal = where.split()
    dx = {"left": -1.0, "right": 1.0}.get(horizontal, 0.0)
    dy = {"top": -1.0, "bottom": 1.0}.get(vertical, 0.0)  # screen y runs down
    step = length_px / np.hypot(dx, dy)
    return point_note(point, text, offset_px=(dx * step, dy * step), background=background,
                      xanchor={"left": "right", "right": "left"}.get(horizontal, "center"))


def view_ndc(points, cam: dict, aspect: float) -> np.ndarray:
    """Where scene points fall in a perspective camera's view.

    plotly.js draws 3D scenes with a 45-degree vertical field of view.

    Parameters
    ----------
    points : array_like, shape (3,) or (n, 3)
        Points in plotly's normalised scene units.
    cam : dict
        A plotly camera dict (``eye``, ``center``, ``up``).
    aspect : float
        Scene width / height.

    Returns
    -------
    numpy.ndarray, shape (n, 2)
        x, y in [-1, 1] inside the scene, y up.
    """
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


# plotly pads an autoranged 3D axis by 1/32 of its span at both ends
_AUTORANGE_PAD = 1 / 32


def eye_point(cam: dict, lo, hi) -> np.ndarray:
    """Where a camera's eye is in data units, for a scene with ``aspectmode="data"``.

    plotly.js scales such a scene uniformly: one normalised unit is the geometric mean of
    the three axis spans, each autoranged span padded by 1/32 at both ends, and the
    normalised origin is the middle of the data's box.

    Parameters
    ----------
    cam : dict
        A plotly camera dict (``eye`` used).
    lo, hi : array_like, shape (3,)
        The smallest and largest x, y, z of the scene's data.

    Returns
    -------
    numpy.ndarray, shape (3,)
        The eye's position in data units.
    """
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    unit = float(np.prod((hi - lo) * (1 + 2 * _AUTORANGE_PAD)) ** (1 / 3))
    return (lo + hi) / 2 + unit * np.array([cam["eye"][k] for k in "xyz"], float)


def _f4(a) -> np.ndarray:
    return np.round(np.asarray(a, float), DECIMALS).astype(np.float32)


def _index(a) -> np.ndarray:
    a = np.asarray(a)
    # the smallest type that holds every index: most muscles and bones have under 256
    # vertices, and one byte per index instead of two keeps the figures small
    top = a.max() if a.size else 0
    return a.astype(np.uint8 if top < 256 else np.uint16 if top < 65536 else np.uint32)


def mesh_trace(vertices, faces, *, name: str, color: str = style.SKIN, opacity: float = 1.0,
               hovertext: str | None = None, intensity=None, colorscale=None,
               cmin: float = 0.0, cmax: float = 1.0, showscale: bool = False,
               colorbar_title: str = "", legendgroup: str | None = None,
               showlegend: bool = True, visible: bool | str = True) -> dict:
    """A shaded surface; ``intensity`` (per vertex) paints a scalar field on it.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    name : str
        Trace name (legend).
    color : str, default style.SKIN
        Surface colour when no ``intensity`` is given.
    opacity : float, default 1.0
        Opacity; below 1 the surface is lit almost evenly (``SEE_THROUGH_LIGHTING``).
    hovertext : str, optional
        Hover text; no hover if None.
    intensity : array_like, shape (n,), optional
        Per-vertex values painted with ``colorscale`` (rounded to 3 decimals).
    colorscale : str or list, optional
        plotly colorscale; style.HEAT_SCALE by default.
    cmin, cmax : float, default 0.0 and 1.0
        Range of the colorscale.
    showscale : bool, default False
        Show a colour bar.
    colorbar_title : str, default ""
        Title of the colour bar.
    legendgroup : str, optional
        Legend group; ``name`` by default.
    showlegend : bool, default True
        List the trace in the legend.
    visible : bool or "legendonly", default True
        Initial visibility.

    Returns
    -------
    dict
        A plotly trace dict (numbers rounded and typed to keep notebooks small).
    """
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
        name=name, opacity=opacity, flatshading=False,
        lighting=dict(LIGHTING if opacity >= 1.0 else SEE_THROUGH_LIGHTING),
        lightposition=dict(LIGHT_POSITION), hoverinfo="text" if hovertext else "skip",
        hovertext=hovertext, legendgroup=legendgroup or name, showlegend=showlegend,
        visible=visible, **paint)


def eyes_trace(vertices, faces, *, legendgroup: str | None = None) -> dict:
    """The front of the eyeballs (``eyes.front_of_eyes``), white with an iris and a pupil
    of normal size (``eyes.narrow_pupils``), out of the legend.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices (both eyes), mm.
    faces : array_like, shape (m, 3)
        Their triangles.
    legendgroup : str, optional
        Legend group (the skin's, where the skin can be hidden); "eyes" by default.

    Returns
    -------
    dict
        A plotly mesh3d trace painted face by face.
    """
    parts = eye_parts(vertices, faces)
    front, front_faces, kept = front_of_eyes(narrow_pupils(vertices, faces), faces)
    trace = mesh_trace(front, front_faces, name="eyes", legendgroup=legendgroup,
                       showlegend=False)
    trace.pop("color")
    trace.update(eyes_paint(parts[kept]))
    return trace


def line_trace(path, *, name: str, color: str, width: float = 6, hovertext=None,
               dash: str = "solid", legendgroup: str | None = None, showlegend: bool = True,
               visible: bool | str = True) -> dict:
    """A 3D polyline (nerve, artery, arc); ``hovertext`` may be one string or one per point.

    Parameters
    ----------
    path : array_like, shape (k, 3)
        Points of the line, mm.
    name : str
        Trace name (legend).
    color : str
        Line colour.
    width : float, default 6
        Line width, pixels.
    hovertext : str or sequence of str, optional
        Hover text; no hover if None.
    dash : str, default "solid"
        plotly dash style (``"solid"``, ``"dash"``, ``"dot"``, ...).
    legendgroup : str, optional
        Legend group; ``name`` by default.
    showlegend : bool, default True
        List the trace in the legend.
    visible : bool or "legendonly", default True
        Initial visibility.

    Returns
    -------
    dict
        A plotly trace dict (numbers rounded and typed to keep notebooks small).
    """
    p = _f4(path)
    return _trace(
        type="scatter3d", x=p[:, 0], y=p[:, 1], z=p[:, 2], mode="lines", name=name,
        line={"color": color, "width": width, "dash": dash},
        hoverinfo="text" if hovertext is not None else "skip",
        hovertext=hovertext, legendgroup=legendgroup or name, showlegend=showlegend,
        visible=visible)


def per_point_positions(positions) -> str | list[str]:
    """A ``textposition`` value that plotly.js reads per point.

    plotly.js (scatter3d) takes an array of one or two text positions for a single [x, y]
    offset, so the labels of a trace with one or two points sat on their markers (found
    in the browser: 'TON' under its diamond). Positions that are all the same become one
    string; otherwise the list is padded to three entries with its last one (entries past
    the trace's last point are not used).

    Parameters
    ----------
    positions : sequence of str
        One plotly text position per point (at least one).

    Returns
    -------
    str or list of str
        One position for every point, or at least three positions.
    """
    out = list(positions)
    if all(w == out[0] for w in out):
        return out[0]
    return out + out[-1:] * (3 - len(out))


def points_trace(points, *, name: str, labels=None, hovertext=None, color: str = style.LANDMARK,
                 size: float = 5, symbol: str = "circle", show_text: bool = True,
                 legendgroup: str | None = None, showlegend: bool = True,
                 visible: bool | str = True, textposition="top center",
                 outline: str | None = None, text_color: str = style.TEXT) -> dict:
    """Markers with optional text labels and hover text.

    Parameters
    ----------
    points : array_like, shape (3,) or (k, 3)
        Marker positions, mm.
    name : str
        Trace name (legend).
    labels : sequence of str, optional
        Text beside each marker.
    hovertext : str or sequence of str, optional
        Hover text; no hover if None.
    color : str, default style.LANDMARK
        Marker colour.
    size : float, default 5
        Marker size, pixels.
    symbol : str, default "circle"
        One of SYMBOLS_3D: ``"circle"``, ``"circle-open"``, ``"square"``,
        ``"square-open"``, ``"diamond"``, ``"diamond-open"`` or ``"cross"``.
    show_text : bool, default True
        Show ``labels`` as text (else only in the data).
    legendgroup : str, optional
        Legend group; ``name`` by default.
    showlegend : bool, default True
        List the trace in the legend.
    visible : bool or "legendonly", default True
        Initial visibility.
    textposition : str or sequence of str, default "top center"
        plotly text position, or one per point (``per_point_positions``).
    outline : str, optional
        The marker's outline colour; white by default (an open symbol: its own colour).
    text_color : str, default style.TEXT
        The labels' colour (``style.INK`` over painted heat).

    Returns
    -------
    dict
        A plotly trace dict (numbers rounded and typed to keep notebooks small).

    Raises
    ------
    ValueError
        If ``symbol`` is not one of SYMBOLS_3D.
    """
    if symbol not in SYMBOLS_3D:
        raise ValueError(f"Unknown 3D marker symbol {symbol!r}; valid: {', '.join(SYMBOLS_3D)}")
    p = _f4(np.atleast_2d(points))
    mode = "markers+text" if (labels is not None and show_text) else "markers"
    if not isinstance(textposition, str):
        textposition = per_point_positions(textposition)
    return _trace(
        type="scatter3d", x=p[:, 0], y=p[:, 1], z=p[:, 2], mode=mode, name=name, text=labels,
        textposition=textposition, textfont={"size": 12, "color": text_color},
        # an open symbol is drawn in its line colour in 3D: white made it vanish on skin
        marker={"size": size, "color": color, "symbol": symbol,
                "line": {"color": outline or (color if symbol.endswith("-open") else "white"),
                         "width": 1}},
        hoverinfo="text" if hovertext is not None else "skip", hovertext=hovertext,
        legendgroup=legendgroup or name, showlegend=showlegend, visible=visible)


def prime_text_glyphs(fig: dict, point) -> None:
    """Draw, invisibly, every 3D label that a menu brings in, so that it shows full size.

    JupyterLab's plotly renderer draws a scatter3d label that first appears through a
    menu's restyle (a named view's labels) at about half its font size; a label drawn
    when the figure opens keeps its size afterwards. One transparent text trace at
    ``point`` draws those labels at the start. It is appended last, so the menus' trace
    indices stay as they are.

    Parameters
    ----------
    fig : dict
        A plotly figure dict with ``data`` and ``layout``; changed in place.
    point : array_like, shape (3,)
        Where the hidden labels sit (mm): inside the opaque skin, away from the camera.
    """
    shown = {x for t in fig["data"] if t.get("type") == "scatter3d"
             for x in (t.get("text") or []) if x}
    later = set()
    for menu in fig["layout"].get("updatemenus", []):
        for button in menu.get("buttons", []):
            update = button.get("args", [None])[0]
            if button.get("method") in ("restyle", "update") and isinstance(update, dict):
                for texts in update.get("text") or []:
                    later.update(x for x in (texts or []) if x)
    labels = sorted(later - shown)
    if labels:
        x, y, z = (round(float(v), 1) for v in point)
        fig["data"].append(_trace(
            type="scatter3d", x=[x] * len(labels), y=[y] * len(labels), z=[z] * len(labels),
            mode="text", text=labels, name="label glyphs", hoverinfo="skip",
            textfont={"size": 12, "color": "rgba(0,0,0,0)"}, showlegend=False))


def _hidden_axes() -> dict:
    return {"xaxis": dict(_AXIS), "yaxis": dict(_AXIS), "zaxis": dict(_AXIS)}
