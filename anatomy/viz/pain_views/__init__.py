"""Figures of pain referral: heat fields, hot spots, territories and the convergence schematic.

3D figures go through ``plotly3d`` (no plotly import here); print figures through
``mpl2d``. The heat figure holds one skin mesh and switches its ``intensity`` with a
menu (restyle), so it works without a kernel and stays small: intensities are sent as
whole percent in uint8 typed arrays.
"""

from anatomy.viz.pain_views.convergence import CONVERGENCE_KEYS, convergence_schematic
from anatomy.viz.pain_views.gallery import BEST_VIEW, pattern_gallery, spot_numbers
from anatomy.viz.pain_views.heat import (
    HEAT_CROP,
    MECHANISM_STYLE,
    MPL_LABEL_DY,
    MPL_MARKERS,
    OBLIQUE,
    PAIN_CMAP,
    PAIN_SCALE,
    REFERRED_SPOT,
    SHORT_SPOT,
    SPOT_TEXTPOS,
    TERRITORY_COLOURS,
    TERRITORY_SHORT,
    heat_figure,
    spot_label,
)
from anatomy.viz.pain_views.plates import drawing_plate, drawing_view, heat_plate
from anatomy.viz.pain_views.territories import territory_figure
from anatomy.viz.pain_views.territory_print import LABEL_OFFSETS, territory_plate

__all__ = [
    "BEST_VIEW", "CONVERGENCE_KEYS", "HEAT_CROP", "LABEL_OFFSETS", "MECHANISM_STYLE",
    "MPL_LABEL_DY", "MPL_MARKERS", "OBLIQUE", "PAIN_CMAP", "PAIN_SCALE", "REFERRED_SPOT",
    "SHORT_SPOT", "SPOT_TEXTPOS", "TERRITORY_COLOURS", "TERRITORY_SHORT",
    "convergence_schematic", "drawing_plate", "drawing_view", "heat_figure", "heat_plate",
    "pattern_gallery", "spot_label", "spot_numbers", "territory_figure", "territory_plate",
]
