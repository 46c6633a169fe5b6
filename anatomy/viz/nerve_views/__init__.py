"""Figures of the occipital nerves: the all-layers 3D view and print plates.

Plotly through ``plotly3d`` only; matplotlib through ``mpl2d``. Nerves are told apart by
colour, by label and by marker shape; deep segments are dashed in the print plates.
"""

from anatomy.viz.nerve_views.course_stages import (
    BONE_NOTES,
    DEEP_NOTE,
    FIRST_STRETCH,
    FIRST_STRETCH_STAGE,
    NUMBER_OFFSETS,
    NUMBERED_STAGES,
    NUMBERS_ASPECT,
    POINT_FIRST_STAGE,
    SCENE_HI,
    SCENE_LO,
    STAGE_HIDDEN,
    STAGE_OFF_COURSE,
    stage_camera,
    stage_points,
    stages,
)
from anatomy.viz.nerve_views.plates import SHORT_LABELS, course_plate, draw_nerve
from anatomy.viz.nerve_views.scene import (
    BONES_ENTRY,
    LAYER_BUTTONS,
    NERVE_STYLE,
    all_layers_figure,
    branch_hover,
    nerve_hover,
    nerve_traces,
    waypoint_hover,
)
from anatomy.viz.nerve_views.stage_panels import STAGE_PLATE, stage_plate
from anatomy.viz.nerve_views.variation import block_landmark_figure, variation_figure

__all__ = [
    "BONE_NOTES", "BONES_ENTRY", "DEEP_NOTE", "FIRST_STRETCH", "FIRST_STRETCH_STAGE",
    "LAYER_BUTTONS", "NERVE_STYLE",
    "NUMBERED_STAGES", "NUMBERS_ASPECT", "NUMBER_OFFSETS", "POINT_FIRST_STAGE", "SCENE_HI",
    "SCENE_LO",
    "SHORT_LABELS", "STAGE_HIDDEN", "STAGE_OFF_COURSE", "STAGE_PLATE", "all_layers_figure",
    "block_landmark_figure", "branch_hover", "course_plate", "draw_nerve", "nerve_hover",
    "nerve_traces",
    "stage_camera", "stage_plate", "stage_points", "stages", "variation_figure", "waypoint_hover",
]
