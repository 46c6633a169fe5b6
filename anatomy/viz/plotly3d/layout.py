"""Plotly 3D page layout: titles, the scene figure, menus and multi-scene figures.

Page furniture sits outside the scene, so that it never covers the anatomy; menus switch
cameras and layers in the browser, with no kernel.
"""

from __future__ import annotations

import numpy as np

from anatomy.conventions import check_choice
from anatomy.viz import style
from anatomy.viz.plotly3d.traces import CAMERAS, TEMPLATE, _hidden_axes, _trace, add_menu, camera

__all__ = [
    "LEGEND", "MENU_FONT", "MULTI_CAMERA", "multi_scene_figure", "multi_view_menu",
    "scene_figure", "title_update", "view_menu", "wrap_title", "wrap_words",
]

# Page furniture sits outside the scene, so that it never covers the anatomy at any width
# (JupyterLab gives a figure 590-970 px, a handout 880-1260 px at 1024x768 and 1400x1000):
# the title and one row of menus above the scene, the legend below it in rows.
TITLE_LINE_PX = 24
MENU_ROW_PX = 40
# every 3D figure's height: JupyterLab's notebook area is 647 px tall at 1024x768 (measured
# in headless Chromium), so a figure scrolled to its top shows whole, legend included
FIGURE_HEIGHT = 620
MODEBAR_PX = 34  # plotly's toolbar: its icons end about 34 px below the top of the figure
MENU_FONT = {"size": 12}
LEGEND = {"orientation": "h", "x": 0.0, "xanchor": "left", "y": 0.0, "yanchor": "top",
          "bgcolor": "rgba(255,255,255,0.9)", "itemsizing": "constant", "font": {"size": 12},
          "tracegroupgap": 0}


def wrap_title(text: str, width: int = 58, first: int = 38) -> str:
    """A title broken into lines of at most ``width`` characters, the first at most ``first``.

    Plotly does not wrap titles; this keeps one readable in the narrowest figure (590 px
    wide at 18 px type). A title's first line shares the top band with plotly's toolbar,
    which covers the figure's right 200 px while the pointer is over it: a title that
    wraps keeps its first line left of it (``first`` characters, about 390 px).

    Parameters
    ----------
    text : str
        The title; one that already holds ``<br>`` or fits is returned unchanged.
    width : int
        Most characters per line.
    first : int
        Most characters on the first line of a title that wraps.

    Returns
    -------
    str
        The title with ``<br>`` between lines.
    """
    if "<br>" in text or len(text) <= width:
        return text
    head = wrap_words(text, first).split("<br>")[0]
    return f"{head}<br>{wrap_words(text[len(head):], width)}"


def wrap_words(text: str, width: int) -> str:
    """The words of ``text`` in lines of at most ``width`` characters, joined by ``<br>``.

    Hover texts and titles are wrapped with it; a word longer than ``width`` gets a line
    of its own.

    Parameters
    ----------
    text : str
        The text; runs of white space count as one space.
    width : int
        Most characters per line.

    Returns
    -------
    str
        The lines joined by ``<br>``.
    """
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def title_update(text: str) -> dict:
    """Layout update (for a menu button) that sets a title, wrapped, above the menu row.

    Plotly grows a title of several lines downward from its first line, so the update
    also moves the title's anchor.

    Parameters
    ----------
    text : str
        The new title.

    Returns
    -------
    dict
        A plotly layout update (``title.text``, ``title.y`` ...).
    """
    text = wrap_title(text)
    lines = text.count("<br>") + 1
    return {"title.text": text, "title.pad.b": MENU_ROW_PX + 4 + TITLE_LINE_PX * (lines - 1)}


def scene_figure(traces, *, title: str = "", view: str = "posterolateral_right",
                 orthographic: bool = False, height: int = FIGURE_HEIGHT,
                 width: int | None = None,
                 legend: bool = True, title_lines: int | None = None) -> dict:
    """A 3D figure with the kit's layout.

    Hidden axes, true proportions and a named camera; the title and a row for menus sit
    above the scene and the legend below it.

    Parameters
    ----------
    traces : list of dict
        Plotly traces (e.g. from :func:`mesh_trace`).
    title : str
        Figure title (wrapped by :func:`wrap_title`).
    view : str
        A named camera of ``anatomy.conventions.VIEWS``.
    orthographic : bool
        Orthographic instead of perspective projection.
    height, width : int
        Size in px; ``width=None`` lets the page decide.
    legend : bool
        Show the legend below the scene.
    title_lines : int, optional
        Lines to reserve for a title that menus will change (default: the title's own).

    Returns
    -------
    dict
        A plotly figure (``data`` and ``layout``).

    Raises
    ------
    ValueError
        If ``view`` is not a named view; the message lists them.
    """
    title = wrap_title(title)
    lines = title_lines or (title.count("<br>") + 1 if title else 0)
    # the menu row starts below plotly's toolbar (it shows at the top right on hover),
    # which would cover a menu at the right of a figure without a title
    top = max(8 + TITLE_LINE_PX * lines, MODEBAR_PX) + MENU_ROW_PX
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
              active: str | None = None, notes: dict[str, list] | None = None, *,
              below: bool = False, restyle: dict[str, tuple[dict, list]] | None = None,
              distance: float = 1.0, centre_z: float | None = None,
              views=None) -> None:
    """Add a dropdown that switches the camera between the named views (no kernel needed).

    Parameters
    ----------
    fig : dict
        A figure from :func:`scene_figure`; changed in place.
    orthographic : bool
        Cameras with orthographic projection.
    x : float
        Right edge of the menu in paper coordinates.
    active : str, optional
        The view shown as selected; by default the preset matching the figure's camera,
        or an "opening view" entry when none matches.
    notes : dict of str to list, optional
        Scene annotations per view (e.g. the labels that view can see).
    below : bool, default False
        Put the menu on a second row at the left, under a wide menu that fills the first
        (``x`` is then ignored).
    restyle : dict of str to (dict, list of int), optional
        Per view, a data update and the indices of the traces it applies to (e.g. which
        labels that view shows, and on which side of their points).
    distance : float, default 1.0
        Scales the eye's distance in every view (as :func:`camera`).
    centre_z : float, optional
        Where every view looks, in plotly's normalised scene units (default: the head).
    views : iterable of str, optional
        The named views the menu offers, in the kit's order; all of ``CAMERAS`` if None.

    Returns
    -------
    None
        The menu is added to ``fig["layout"]["updatemenus"]``.

    Raises
    ------
    ValueError
        If ``views`` names a view that is not a named camera; the message lists them.
    """
    def args(name):
        frame = {"distance": distance, **({"centre_z": centre_z} if centre_z is not None
                                           else {})}
        lay = {"scene.camera": camera(name, orthographic, **frame),
               **({"scene.annotations": notes[name]} if notes else {})}
        return [*restyle[name][:1], lay, *restyle[name][1:]] if restyle else [lay]

    offered = list(CAMERAS) if views is None else [
        check_choice(v, CAMERAS, "camera view") for v in views]
    buttons = [{"label": name.replace("_", " "),
                "method": "update" if restyle else "relayout", "args": args(name)}
               for name in CAMERAS if name in offered]
    current = _active_view(fig, active, offered)
    if current < 0:  # the figure opens on a camera of its own: say so instead of a wrong name
        # and going back to it restores the camera, the scene's notes and the restyled
        # labels as the figure opened (a student took the entry for a view; it did nothing)
        scene = fig["layout"].get("scene", {})
        lay = {"scene.camera": scene.get("camera", {}),
               **({"scene.annotations": scene.get("annotations", [])} if notes else {})}
        if restyle:
            update, idx = next(iter(restyle.values()))
            back = {k: [fig["data"][i].get(k) for i in idx] for k in update}
            args = [back, lay, idx]
        else:
            args = [lay]
        buttons.insert(0, {"label": "opening view", "method": "update" if restyle else
                           "relayout", "args": args})
        current = 0
    place = ({"x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "top", "pad": {"t": 4, "l": 2}}
             if below else
             {"x": x, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "pad": {"b": 6, "r": 2}})
    add_menu(fig, {"type": "dropdown", "buttons": buttons, **place, "showactive": True,
                   "active": current, "bgcolor": "white", "name": "view", "font": MENU_FONT})


def _active_view(fig: dict, name: str | None, offered=None) -> int:
    """Index (among the ``offered`` views, all by default) of the named view, or of the
    preset matching the figure's camera, else -1."""
    names = [n for n in CAMERAS if offered is None or n in offered]
    if name in names:
        return names.index(name)
    eye = fig["layout"].get("scene", {}).get("camera", {}).get("eye")
    if eye is not None:
        for k, preset in enumerate(CAMERAS[n] for n in names):
            e = preset["eye"]
            if all(abs((eye.get(a) or 0) - e[a]) < 1e-6 for a in "xyz"):
                return k
    return -1


def _scene_key(k: int) -> str:
    return "scene" if k == 0 else f"scene{k + 1}"


# panels narrower than a page: step back, far enough that the neck ends inside its panel
# (at 1.1, looking a little higher, each neck ran off the panel's foot, and with it the
# cervicogenic map's strip down the back of the neck: review 37); look at the middle of
# head and neck together, a little below the head's, with room left above the crowns
MULTI_CAMERA = {"distance": 1.3, "centre_z": -0.08}
PANEL_TITLE_PX = 44  # two lines of panel title above each scene
ROW_GAP_PX = 16  # between a scene and the titles of the row below it
BOUNDS_PAD_MM = 6.0  # room around a multi-scene panel's mesh inside its axis ranges


def multi_scene_figure(panels, *, titles, view: str = "right", orthographic: bool = False,
                       height: int = 560, width: int | None = None,
                       legend: bool = False, columns: int | None = None,
                       bounds=None, unit_mm: float = 1.0) -> dict:
    """Scenes in a grid (layout scene, scene2, ...), one list of traces per panel, the
    same named camera in each, a title above each panel, a row for a menu on top.

    Parameters
    ----------
    panels : list of list of dict
        Plotly traces for each panel.
    titles : list of str
        One title per panel.
    view : str
        A named camera of ``anatomy.conventions.VIEWS``, used in every panel.
    orthographic : bool
        Orthographic instead of perspective projection.
    height, width : int
        Size in px; ``width=None`` lets the page decide.
    legend : bool
        Show a legend.
    columns : int, optional
        Panels per row: 2 for four panels (a 2 x 2 grid keeps each panel about square at
        every width, so no head is cut at the sides), otherwise one row.
    bounds : (2, 3) array_like, optional
        Lowest and highest corner (mm) of what the panels draw: each scene's axes then
        span it with ``BOUNDS_PAD_MM`` to spare. plotly.js clips a mesh at its automatic
        axis ranges, which flattened the crown of every head.
    unit_mm : float, default 1.0
        The unit of the panels' coordinates, mm (``compact.whole_units``); the axis
        ranges are given in it.

    Returns
    -------
    dict
        A plotly figure with one scene per panel.

    Raises
    ------
    ValueError
        If ``titles`` and ``panels`` differ in length, or ``view`` is not a named view.
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
        # above another row's titles, a scene stops ROW_GAP_PX short of them: its cut
        # necks had touched the titles below
        y0 = 1 - (r + 1) / rows + (gap if r == rows - 1 else ROW_GAP_PX / plot_h)
        y1 = top - title_frac
        axes = _hidden_axes()
        if bounds is not None:
            lo, hi = np.asarray(bounds, float)
            for a, low, high in zip("xyz", lo - BOUNDS_PAD_MM, hi + BOUNDS_PAD_MM):
                axes[f"{a}axis"]["range"] = [round(float(low) / unit_mm, 1),
                                             round(float(high) / unit_mm, 1)]
        scenes[key] = {**axes, "aspectmode": "data",
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
                    y: float = 1.0, active: int = -1) -> None:
    """Add a camera dropdown that turns every scene of a multi-scene figure together.

    It sits centred over the gap between the first two scenes of the top row, so that
    its open list drops between two heads (from the top left it covered the first head;
    the top right is the mode bar's). A single column keeps it at the top left.

    Parameters
    ----------
    fig : dict
        A figure from :func:`multi_scene_figure`; changed in place.
    n_scenes : int
        Number of scenes (``scene``, ``scene2`` ...).
    orthographic : bool
        Cameras with orthographic projection.
    y : float
        The dropdown's bottom in paper coordinates.
    active : int
        Index of the view shown as selected (-1: none).

    Returns
    -------
    None
        The menu is added to ``fig["layout"]["updatemenus"]``.
    """
    buttons = [{"label": name.replace("_", " "), "method": "relayout",
                "args": [{f"{_scene_key(k)}.camera": camera(name, orthographic, **MULTI_CAMERA)
                          for k in range(n_scenes)}]} for name in CAMERAS]
    place = {"x": 0.0, "xanchor": "left", "pad": {"b": 6, "l": 2}}
    if n_scenes > 1:
        first, second = (fig["layout"][_scene_key(k)]["domain"] for k in (0, 1))
        if second["y"] == first["y"]:  # the same row
            place = {"x": round((first["x"][1] + second["x"][0]) / 2, 4),
                     "xanchor": "center", "pad": {"b": 6}}
    add_menu(fig, {"type": "dropdown", "buttons": buttons, **place,
                   "y": y, "yanchor": "bottom", "showactive": True, "active": active,
                   "bgcolor": "white", "name": "view", "font": MENU_FONT})
