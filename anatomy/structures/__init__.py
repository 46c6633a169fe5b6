"""Deep structures of the occipital region: C1-C3, the skull (the vault with the occipital
bone, mastoid processes, mandible), muscles, occipital artery.

Simplified parametric meshes in the kit frame (mm; +x the subject's right, +y anterior,
+z superior), placed from the head model's skin landmarks and sized from the cited numbers
in ``anatomy/data/structures.toml`` (``dimensions()``, with the published SD where there is
one). The vertebrae are implicit solids meshed as one closed surface each (``vertebrae``,
``sdf``); the skull is the skin moved inward by soft-tissue depths (``skull``). The
right-sided structures are built and the left ones are their exact mirror images
(``mirror_x``).

Public API: ``Structure``, ``load_structures(side, layer)``, ``get_structure(id)``,
``structure_points()`` (named reference points, see ``POINT_NOTES``), ``dimensions()``
(the cited numbers), ``skin_depth(points)``, ``inside_skin(points)``,
``posterior_layers(x, z)`` (what a ray from behind meets, with depths) and
``structures_containing(point)``; ``SHOULDER_GIRDLE`` names the clavicle and
scapula.
"""

from anatomy.structures.assembly import (
    POINT_NOTES,
    get_structure,
    inside_structure,
    load_structures,
    posterior_layers,
    structure_ids,
    structure_points,
    structures_containing,
)
from anatomy.structures.data import (
    LAYERS,
    STRUCTURES_FILE,
    Dimension,
    Structure,
    dimensions,
)
from anatomy.structures.frame import (
    _frame,  # noqa: F401 - for tests and tools
    inside_skin,
    skin_depth,
)
from anatomy.structures.shoulder import SHOULDER_GIRDLE

__all__ = [
    "Dimension", "LAYERS", "POINT_NOTES", "SHOULDER_GIRDLE", "STRUCTURES_FILE", "Structure",
    "dimensions",
    "get_structure", "inside_skin", "inside_structure", "load_structures",
    "posterior_layers", "skin_depth", "structure_ids", "structure_points",
    "structures_containing",
]
