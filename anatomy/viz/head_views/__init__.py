"""Figures of the head model and its landmarks (plotly via plotly3d, print via mpl2d).

``scene`` builds the interactive head, ``labels`` places the labels of skin points in a
named view, ``offsets`` holds where the landmark labels go, and ``plates`` draws the
print plates and the landmark table.
"""

from anatomy.viz.head_views.face_mask import see_through_skin_traces
from anatomy.viz.head_views.labels import (
    INSIDE_HEAD_MM,
    LABEL_GAP_MM,
    LABEL_STEP_MM,
    outward_text_positions,
    perspective,
    view_labels,
)
from anatomy.viz.head_views.offsets import (
    ANTERIOR_OFFSETS,
    EEG_LATERAL_3D,
    LATERAL_3D,
    LATERAL_OFFSETS,
    LEADER_PX,
    POSTERIOR_OFFSETS,
    POSTEROLATERAL_3D,
)
from anatomy.viz.head_views.plates import draw_skin, head_plate, landmark_table
from anatomy.viz.head_views.scene import (
    EEG_CAMERA,
    HEAD_CAMERA,
    SHORT_LABELS,
    cropped_skin,
    drawn_skin,
    eeg_labels,
    eeg_trace,
    facing_landmarks,
    head_figure,
    label,
    landmark_hover,
    landmark_notes,
    landmark_traces,
    on_skin,
    scene_box_layout,
    skin_traces,
)

__all__ = [
    "ANTERIOR_OFFSETS", "EEG_CAMERA", "EEG_LATERAL_3D", "HEAD_CAMERA", "INSIDE_HEAD_MM",
    "LABEL_GAP_MM", "LABEL_STEP_MM", "LATERAL_3D", "LATERAL_OFFSETS", "LEADER_PX",
    "POSTERIOR_OFFSETS", "POSTEROLATERAL_3D", "SHORT_LABELS", "cropped_skin", "draw_skin",
    "drawn_skin", "eeg_labels", "eeg_trace", "facing_landmarks", "head_figure",
    "head_plate", "label", "landmark_hover", "landmark_notes", "landmark_table",
    "landmark_traces", "on_skin", "outward_text_positions", "perspective",
    "scene_box_layout", "see_through_skin_traces", "skin_traces", "view_labels",
]
