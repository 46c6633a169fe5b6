"""Menus of buttons over a 3D figure: layer toggles, choices, and their widths in px.

Split from ``layout`` (the figure's frame, title, views and legend); both work on figure
dicts made by :func:`anatomy.viz.plotly3d.layout.scene_figure`.
"""

from __future__ import annotations

import functools

import numpy as np

from anatomy.viz.plotly3d.layout import MENU_FONT, title_update
from anatomy.viz.plotly3d.traces import add_menu

__all__ = ["button_width", "choice_menu", "toggle_menu"]


@functools.cache
def _menu_font():
    from matplotlib import font_manager, ft2font  # matplotlib ships DejaVu Sans

    return ft2font.FT2Font(font_manager.findfont(
        font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=False))


def button_width(label: str, font_size: float = MENU_FONT["size"]) -> int:
    """Width in px that plotly.js gives a menu button: its text plus 24 px of padding.

    The text is measured in DejaVu Sans (what Linux browsers draw for plotly's font list)
    with 8 % to spare for Verdana, the next font on that list, so a row of buttons built
    from these widths never overlaps.

    Parameters
    ----------
    label : str
        The button's text.
    font_size : float, default MENU_FONT["size"]
        Font size in px.

    Returns
    -------
    int
        The button's width in px.
    """
    font = _menu_font()
    font.set_size(font_size, 72)  # 72 dpi: one point is one CSS px
    font.set_text(label)
    return int(np.ceil(1.08 * font.get_width_height()[0] / 64)) + 24


# a layer button's fill once its layer is hidden. A shown layer's button is pressed:
# plotly.js draws its active button near white (#F4FAFF, fixed), and any button under the
# mouse too, so a hidden layer's button turns white under the mouse, showing what a click
# will do. (White buttons showed no state, review 35; blue ones for shown layers turned
# white, "hidden", under the mouse, review 36.)
LAYER_HIDDEN_FILL = "#C8C8C8"
HINT_SHIFT = 37  # px: above a 12-point button row (6 px pad, 26 px button) and a gap
HINT_NAME = "menu hint"  # print copies, without the buttons, leave the hint out too
# the layer buttons' hint: short, so that a stage's two-line title ends before it in a
# 592 px figure ("Click to hide or show a layer" ran into three: review 21)
LAYER_HINT = "Show or hide:"


def toggle_menu(fig: dict, groups: dict[str, list[int]], *, y: float = 1.0,
                x: float = 0.0, xanchor: str = "left",
                layout: dict[str, tuple[dict, dict]] | None = None,
                hint: str | None = None) -> None:
    """Add one button per group that hides its traces, and shows them again as the figure
    opened (restyle; no kernel needed). Set the traces' opening visibility first; a menu
    that changes them (a stage) can point ``buttons[0].args`` at its own.

    A button shows its group's state: pressed (plotly.js's active button, near white)
    while the group shows, grey (``LAYER_HIDDEN_FILL``) once hidden. plotly.js runs a
    pressed button's ``args2`` (hide) and releases it, and a released one's ``args`` (show)
    and presses it; a menu that shows or hides a group whole sets its ``active`` (0: shown).

    Each button is a menu of its own, placed in a row: plotly.js keeps one active button
    per menu and runs the restoring step only on it, so buttons sharing a menu took an
    extra click once another had been pressed in between.

    Parameters
    ----------
    fig : dict
        A figure from :func:`scene_figure`; changed in place.
    groups : dict of str to list of int
        Button label to the indices of the traces it toggles.
    x, y : float
        Anchor of the button row in paper coordinates (``y``: the row's bottom).
    xanchor : str
        "left" or "right": which end of the row ``x`` names.
    layout : dict of str to (dict, dict), optional
        Button label to the layout updates its two clicks make besides (hide, show): the
        notes that name a layer's structures leave with it. Whole values, such as a new
        ``scene.annotations`` list, not items by index: plotly.js keeps the array a menu
        set, so an item hidden by index stayed hidden in that menu's copy.
    hint : str, optional
        A line of small grey text just above the row, at its anchored end, saying what the
        buttons do (a "Bones" button that hides the bones surprised a reviewer).

    Returns
    -------
    None
        One menu per group is added to ``fig["layout"]["updatemenus"]``.

    Raises
    ------
    ValueError
        For an ``xanchor`` other than "left" or "right".
    """
    if xanchor not in ("left", "right"):
        raise ValueError(f"xanchor {xanchor!r}: choose 'left' or 'right'")
    labels = list(groups)
    widths = [button_width(label) for label in labels]
    for k, label in enumerate(labels):
        idx = groups[label]
        # first click hides the group, the second restores what the figure opened with
        # (a trace hidden at opening stays out of the legend; showing it was a surprise)
        shown = [fig["data"][i].get("visible", True) for i in idx]
        hidden = [False if v is False else "legendonly" for v in shown]
        button = {"label": label, "method": "restyle", "args": [{"visible": shown}, idx],
                  "args2": [{"visible": hidden}, idx]}
        if layout and label in layout:
            hide, show = layout[label]
            button.update(method="update", args=[{"visible": shown}, show, idx],
                          args2=[{"visible": hidden}, hide, idx])
        # px from the row's anchored end: the buttons before this one, 2 px apart
        if xanchor == "left":
            pad = {"b": 6, "l": 2 + sum(widths[:k]) + 2 * k, "r": 0}
        else:
            pad = {"b": 6, "r": 2 + sum(widths[k + 1:]) + 2 * (len(labels) - 1 - k), "l": 0}
        # pressed while the group shows: a click on the pressed (active) button runs its
        # args2, which hide, and releases it; the next runs args, which restore
        add_menu(fig, {"type": "buttons", "direction": "right", "buttons": [button],
                       "x": x, "y": y, "xanchor": xanchor,
                       "yanchor": "bottom", "showactive": True,
                       "active": 0 if True in shown else -1,
                       "bgcolor": LAYER_HIDDEN_FILL, "pad": pad,
                       "font": MENU_FONT, "name": f"layer {label}"})
    if hint:
        # px above the row's bottom: the buttons' pad and height, then a gap
        fig["layout"].setdefault("annotations", []).append({
            "name": HINT_NAME, "text": hint, "xref": "paper", "yref": "paper", "x": x, "y": y,
            "xanchor": xanchor, "yanchor": "bottom", "yshift": HINT_SHIFT,
            # a label within 6 px of the figure's side reads as cut (the layout check)
            "xshift": -8 if xanchor == "right" else 8,
            "showarrow": False, "font": {"size": MENU_FONT["size"], "color": "#555555"}})


def choice_menu(fig: dict, options: dict[str, list[bool]], *, x: float = 0.0,
                y: float = 1.0, titles: dict[str, str] | None = None) -> None:
    """Add a dropdown whose options each set the visibility of every trace.

    Parameters
    ----------
    fig : dict
        A figure from :func:`scene_figure`; changed in place.
    options : dict of str to list of bool
        Option label to one visibility flag per trace.
    x, y : float
        Anchor of the dropdown in paper coordinates.
    titles : dict of str to str, optional
        Option label to the figure title it sets.

    Returns
    -------
    None
        The menu is added to ``fig["layout"]["updatemenus"]``.
    """
    buttons = []
    for label, visible in options.items():
        update = title_update(titles[label]) if titles else {}
        buttons.append({"label": label, "method": "update",
                        "args": [{"visible": visible}, update]})
    add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": x, "y": y,
                   "xanchor": "left", "yanchor": "bottom", "showactive": True, "active": 0,
                   "bgcolor": "white", "font": MENU_FONT, "pad": {"b": 6, "l": 2}})
