"""Figures comparing the headaches: pain maps on the head (3D and print), a timeline of
attack durations, a feature matrix and the examination points.

One module per figure family: ``maps`` (pain maps, 3D and print), ``timeline``,
``features`` (matrix and table) and ``exam`` (examination points); ``common`` holds the
short names and colours they share. Plotly only through ``plotly3d``, imported when a 3D
figure is made (importing plotly takes seconds, and the print figures do not need it).
"""

# style and _figure_mesh stay reachable as headache_views.* (tests and notebooks use them)
from anatomy.viz import style as style
from anatomy.viz.headache_views.common import OI, SHORT
from anatomy.viz.headache_views.exam import (
    EXAM_REFERENCES,
    examination_figure,
    examination_points,
    head_z_drop,
)
from anatomy.viz.headache_views.features import (
    COMPARISON_ROWS,
    STATUS,
    comparison_view,
    feature_matrix,
    feature_table,
)
from anatomy.viz.headache_views.maps import (
    FIGURE_MAX_EDGE_MM,
    FIGURE_STEP,
    FIGURE_UNIT_MM,
    HEAT_CMAP,
    HOVER_CHARS,
    MAP_BYTES,
    MAP_FLOOR,
    PAIN_SCALE,
    PLATE_VIEWS,
    REGION_TAGS,
    pain_map_figure,
    pain_map_plate,
)
from anatomy.viz.headache_views.maps import (
    _panel_mesh as _panel_mesh,
)
from anatomy.viz.headache_views.timeline import duration_timeline

__all__ = [
    "COMPARISON_ROWS", "EXAM_REFERENCES", "FIGURE_MAX_EDGE_MM", "FIGURE_STEP", "FIGURE_UNIT_MM",
    "HEAT_CMAP", "HOVER_CHARS",
    "MAP_BYTES", "MAP_FLOOR", "OI", "PAIN_SCALE", "PLATE_VIEWS", "REGION_TAGS", "SHORT", "STATUS",
    "comparison_view", "duration_timeline", "examination_figure", "examination_points",
    "feature_matrix", "feature_table", "head_z_drop", "pain_map_figure", "pain_map_plate",
]
