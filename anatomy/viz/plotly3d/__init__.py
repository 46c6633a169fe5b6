"""Plotly 3D drawing. Every plotly figure in the kit is built in this package.

Figures are plain dicts in plotly's own JSON schema ({"data": [trace, ...], "layout":
{...}}), the form plotly.js takes; ``KitFigure.figure`` turns one into a validated
``plotly.graph_objects.Figure`` when asked. Building the dicts needs no plotly import,
which keeps notebooks fast (plotly's validators take a third of a second to load).

Figures are small and deterministic: coordinates rounded and sent as typed arrays
(float32 / uint8 or uint16 base64), a minimal template, no random ids.

The parts: ``traces`` (cameras, lighting, mesh/line/point traces), ``layout`` (titles,
scene figures, menus, several scenes in one figure) and ``export`` (JSON, the notebook
payload, ``KitFigure``; the only module that imports plotly).
"""

from anatomy.viz.plotly3d.export import (
    MIMETYPE,
    PLOT_CONFIG,
    KitFigure,
    _plain,  # noqa: F401 - re-exported for tests/test_plotly3d.py
    drop_renderer_snapshots,
    json_size,
    mimebundle_json,
    to_json,
    warn_unsupported,
)
from anatomy.viz.plotly3d.layout import (
    FIGURE_HEIGHT,
    LEGEND,
    MENU_FONT,
    MULTI_CAMERA,
    multi_scene_figure,
    multi_view_menu,
    scene_figure,
    title_update,
    view_menu,
    wrap_title,
    wrap_words,
)
from anatomy.viz.plotly3d.menus import (
    HINT_NAME,
    LAYER_HIDDEN_FILL,
    LAYER_HINT,
    button_width,
    choice_menu,
    toggle_menu,
)
from anatomy.viz.plotly3d.shared_style import share_mesh_style, share_note_style
from anatomy.viz.plotly3d.traces import (
    CAMERAS,
    LIGHT_POSITION,
    LIGHTING,
    SYMBOLS_3D,
    TEMPLATE,
    add_menu,
    camera,
    eye_point,
    eyes_trace,
    leader_note,
    line_trace,
    merge,
    mesh_trace,
    per_point_positions,
    point_note,
    points_trace,
    prime_text_glyphs,
    view_ndc,
)

__all__ = [
    "CAMERAS", "FIGURE_HEIGHT", "HINT_NAME", "LAYER_HINT", "LAYER_HIDDEN_FILL", "LEGEND",
    "LIGHTING", "LIGHT_POSITION",
    "MENU_FONT", "MIMETYPE",
    "MULTI_CAMERA", "PLOT_CONFIG", "SYMBOLS_3D", "TEMPLATE", "KitFigure", "add_menu",
    "button_width", "camera", "choice_menu", "drop_renderer_snapshots", "eye_point",
    "eyes_trace", "json_size", "leader_note", "line_trace", "merge",
    "mesh_trace", "mimebundle_json", "multi_scene_figure", "multi_view_menu",
    "per_point_positions", "point_note", "points_trace", "prime_text_glyphs", "scene_figure",
    "share_mesh_style", "share_note_style", "title_update", "to_json", "toggle_menu", "view_menu",
    "view_ndc", "warn_unsupported", "wrap_title", "wrap_words",
]
