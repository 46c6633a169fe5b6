"""Courses of the greater, lesser and third occipital nerves on the head model.

``nerve(name, side)`` returns a :class:`Nerve`: a smooth path (mm, origin to terminal),
its named waypoints, branches and sources. Waypoints come from ``data/nerves.toml``
(published means and SDs relative to the inion, the EAM line or a landmark; derived
positions are labelled). Deep waypoints sit at a depth under the posterior skin; after
the fascial exit the nerve is laid 3 mm under the skin along the inward normal.
"""

from anatomy.nerves.courses import (
    HEAD_CENTRE,
    Nerve,
    all_nerves,
    build_course,
    nerve,
    place,
    skin_depth,
)
from anatomy.nerves.points import (
    CoursePoint,
    block_landmark_distances,
    block_landmarks,
    compression_points,
    distance_to_nerve,
    inion_mastoid_line,
    occipital_artery_crossing,
)
from anatomy.nerves.specs import (
    ALIASES,
    COORDS,
    FRAMES,
    LAYERS,
    NAMES,
    NEIGHBOUR_CORRELATION,
    NERVES_FILE,
    STEP_MM,
    SUBCUTANEOUS_DEPTH_MM,
    TRUNCATE_SD,
    NerveSpec,
    Waypoint,
    canonical_name,
    load_nerve_specs,
)
from anatomy.nerves.tables import compression_table, waypoint_table
from anatomy.nerves.variation import sample_values, sample_variants, sample_waypoints, share_within

__all__ = [
    "ALIASES", "COORDS", "CoursePoint", "FRAMES", "HEAD_CENTRE", "LAYERS", "NAMES",
    "NEIGHBOUR_CORRELATION", "NERVES_FILE", "Nerve", "NerveSpec", "STEP_MM",
    "SUBCUTANEOUS_DEPTH_MM", "TRUNCATE_SD", "Waypoint", "all_nerves",
    "block_landmark_distances", "block_landmarks", "build_course", "canonical_name",
    "compression_points", "compression_table", "distance_to_nerve", "inion_mastoid_line",
    "load_nerve_specs", "nerve", "occipital_artery_crossing", "place", "sample_values",
    "sample_variants", "sample_waypoints", "share_within", "skin_depth", "waypoint_table",
]
