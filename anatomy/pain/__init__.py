"""Pain hot spots, referral patterns, pain fields and cutaneous territories on the skin.

Data: ``anatomy/data/hotspots.toml`` (spots and patterns) and ``territories.toml``.
Positions are given for the subject's right side and mirrored for the left (the head
mesh is exactly symmetric). Fields live on a refined copy of the skin (``pain_mesh``),
because the scalp triangles of the model are up to 40 mm long; ``pain_field`` returns
them on the head mesh (``load_head().vertices``) unless ``fine=True``.

Distances along the skin are exact geodesic distances (``skin_distance``), so a field
spreads over the skin and never jumps through the head, across an ear or the neck.
Weights and fall-off widths are display choices, not measured intensities.
"""

from anatomy.pain.atlas import (
    TerritoryAtlas,
    boundary_distance,
    boundary_line,
    boundary_plane,
    midline_factor,
    territories,
    territory_names,
)
from anatomy.pain.data import (
    BLEND_FLOORS,
    DIRECTIONS,
    FIELD_FLOOR,
    HOTSPOTS_FILE,
    MECHANISMS,
    MESH_CROP,
    MESH_MAX_EDGE_MM,
    PLACE_KEYS,
    SEED_PATTERN,
    TERRITORIES_FILE,
    pattern_info,
    patterns,
    place,
    spot_names,
    spot_position,
)
from anatomy.pain.mesh import (
    PainMesh,
    nearest_vertex,
    pain_mesh,
    pain_skin,
    skin_distance,
    vertex_areas,
)
from anatomy.pain.referral import (
    PAIN_DRAWINGS,
    drawing_field,
    hotspots,
    match_drawing,
    pain_field,
    spots,
)

__all__ = [
    "BLEND_FLOORS", "DIRECTIONS", "FIELD_FLOOR", "HOTSPOTS_FILE", "MECHANISMS", "MESH_CROP",
    "MESH_MAX_EDGE_MM", "PAIN_DRAWINGS", "PLACE_KEYS", "PainMesh", "SEED_PATTERN",
    "TERRITORIES_FILE", "TerritoryAtlas", "boundary_distance", "boundary_line",
    "boundary_plane", "drawing_field", "hotspots", "match_drawing", "midline_factor",
    "nearest_vertex", "pain_field", "pain_mesh", "pain_skin", "pattern_info", "patterns",
    "place", "skin_distance", "spot_names", "spot_position", "spots", "territories",
    "territory_names", "vertex_areas",
]
