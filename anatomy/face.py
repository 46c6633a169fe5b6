"""The face that the see-through figures draw opaque: the kit models no facial skeleton.

Through a see-through face a class saw the cervical vertebrae, and a lone jaw and temporal
plate floating in an empty head (review 12): the facial skeleton's sources (soft-tissue
depth tables) could not be read here, so the face has nothing to show inside. The face is
the skin inside a rounded box (``FACE_BOX``): in front of the jaw joint, from the brow to
below the chin. ``face_mask`` closes it behind by a shallow cone from its own rim, so that
from behind or below it reads as a cut, not as the inside of a shell; ``split_by_box``
cuts a skin along the same box, so that the see-through rest meets the mask exactly.
"""

from __future__ import annotations

import numpy as np

from anatomy.store import read_only, stored

__all__ = ["AURICLE_FACES", "FACE_BOX", "FACE_BOX_POWER", "FACE_FACES", "auricles",
           "face_mask", "inside_box", "split_by_box"]

# the rounded box (mm, head frame: x across, y forward, z up; the tragi at y = 0, z = 0):
# its back 15 mm in front of the tragus, just in front of the jaw joint (the TMJ point is
# at 12 mm), so that the great auricular nerve's branches over the parotid and the back
# of the mandible's ramus stay in the see-through part; its top at the brow (the skull
# vault's front edge, 8 mm below the glabella); its bottom 10 mm below the menton. It is
# wider and deeper than the face, so that only those three sides cut the skin
FACE_BOX = {"back_y": 15.0, "front_y": 200.0, "top_z": 32.0, "bottom_z": -110.0,
            "half_width": 90.0}
FACE_BOX_POWER = 4      # a superellipsoid of this power: a box with rounded edges
# the mask's face in this many triangles (quadric simplification, its rim kept): the
# see-through skin's 3,900 made the all-layers figure rotate about 1.3 fps slower
FACE_FACES = 1800
_CAP_RINGS = 2          # rings of the cap from the face's rim in to its middle
# the opaque auricles in this many triangles for both ears (simplified as the face, their
# rims kept): at the see-through skin's 884 the all-layers figure passed its 400 KB budget
AURICLE_FACES = 440


def inside_box(points) -> np.ndarray:
    """How far inside the face box each point is: 1 minus the superellipsoid's implicit
    value, positive inside, 0 on the box, negative outside.

    Parameters
    ----------
    points : array_like, shape (k, 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray, shape (k,)
        The value at each point (not a distance).
    """
    b = FACE_BOX
    centre = np.array([0.0, (b["back_y"] + b["front_y"]) / 2, (b["top_z"] + b["bottom_z"]) / 2])
    half = np.array([b["half_width"], (b["front_y"] - b["back_y"]) / 2,
                     (b["top_z"] - b["bottom_z"]) / 2])
    q = np.abs((np.asarray(points, float).reshape(-1, 3) - centre) / half) ** FACE_BOX_POWER
    return 1.0 - q.sum(axis=1)


def _keep(vertices, faces, keep) -> tuple[np.ndarray, np.ndarray]:
    used, inverse = np.unique(faces[keep], return_inverse=True)
    return vertices[used], inverse.reshape(-1, 3)


def split_by_box(vertices, faces):
    """Cut a skin along the face box into the part outside and the part inside.

    Faces crossing the box are clipped (``meshops.level_regions``), so both parts end on
    the same smooth line.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The skin's vertices, mm.
    faces : array_like, shape (m, 3)
        Its triangles.

    Returns
    -------
    outside, inside : tuple of (numpy.ndarray, numpy.ndarray)
        Each part's vertices and faces.
    """
    from anatomy import meshops

    v, f = np.asarray(vertices, float), np.asarray(faces, np.int64)
    cv, cf, label, _ = meshops.level_regions(v, f, inside_box(v)[None, :], level=0.0)
    return _keep(cv, cf, label != 0), _keep(cv, cf, label == 0)


def _cone(rim) -> tuple[np.ndarray, np.ndarray]:
    """Rings from a closed loop in to its centroid: the new vertices, and triangles whose
    indices below ``len(rim)`` stand for the loop's own vertices and the rest for the new
    ones, in order."""
    rim = np.asarray(rim, float)
    n = len(rim)
    centre = rim.mean(axis=0)
    t = np.linspace(0.0, 1.0, _CAP_RINGS + 1)[:-1]
    rings = rim[None] + (centre - rim)[None] * t[:, None, None]
    verts = np.vstack([rings.reshape(-1, 3), centre])
    k = np.arange(n)
    tri = []
    for r in range(_CAP_RINGS - 1):
        a, b = r * n + k, r * n + (k + 1) % n
        tri += [np.c_[a, b, a + n], np.c_[b, b + n, a + n]]
    last = (_CAP_RINGS - 1) * n
    tri.append(np.c_[last + k, last + (k + 1) % n, np.full(n, len(verts) - 1)])
    return verts[n:], np.vstack(tri)


@stored
def _mask_arrays(max_edge: float, target_faces: int) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and faces of ``face_mask`` (stored: see anatomy.store)."""
    from anatomy import meshops, shell

    skin = shell.display_skin(max_edge)
    _, (v, f) = split_by_box(skin.vertices, skin.faces)
    v, f = meshops.simplify(v, f, target_faces, preserve_border=True)
    loops = shell.boundary_loops(f)
    if len(loops) != 1:
        raise ValueError(f"the face box cuts the skin in {len(loops)} loops, not one: "
                         f"FACE_BOX {FACE_BOX} does not fit this skin")
    loop = np.asarray(loops[0])
    new, tri = _cone(v[loop])
    index = np.r_[loop, len(v) + np.arange(len(new))]
    return np.vstack([v, new]), np.vstack([f, index[tri]])


def face_mask(max_edge: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The opaque face: the skin inside the face box, simplified to ``FACE_FACES``
    triangles with its rim kept, and closed behind by a cone from that rim.

    Parameters
    ----------
    max_edge : float, optional
        The display skin it is cut from (``shell.display_skin``); the see-through skin's
        (``shell.SEE_THROUGH_MAX_EDGE_MM``) if None, whose cut it meets exactly.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        The mask's vertices, mm (the face's first, then the cap's middle).
    faces : numpy.ndarray, shape (m, 3)
        Its triangles: one closed, watertight surface.
    """
    from anatomy.shell import SEE_THROUGH_MAX_EDGE_MM

    v, f = _mask_arrays(float(SEE_THROUGH_MAX_EDGE_MM if max_edge is None else max_edge),
                        FACE_FACES)
    return read_only(v), read_only(f)


@stored
def _auricle_arrays(max_edge: float, target_faces: int) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and faces of ``auricles`` (stored: see anatomy.store)."""
    from anatomy import meshops, shell
    from anatomy.head import ear_vertices

    skin = shell.display_skin(max_edge)
    v, f = np.asarray(skin.vertices), np.asarray(skin.faces)
    used, inverse = np.unique(f[ear_vertices(v)[f].all(axis=1)], return_inverse=True)
    return meshops.simplify(v[used], inverse.reshape(-1, 3), target_faces,
                            preserve_border=True)


def auricles(max_edge: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Both auricles (``anatomy.head.ear_vertices``) as one opaque mesh, simplified to
    ``AURICLE_FACES`` triangles with their rims kept, so that they meet the see-through
    skin without their own faces (``split_by_box`` does not cut them: they lie behind the
    face box).

    Parameters
    ----------
    max_edge : float, optional
        The display skin they are cut from (``shell.display_skin``); the see-through
        skin's (``shell.SEE_THROUGH_MAX_EDGE_MM``) if None.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        The auricles' vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Their triangles: two open surfaces, one an ear.
    """
    from anatomy.shell import SEE_THROUGH_MAX_EDGE_MM

    v, f = _auricle_arrays(float(SEE_THROUGH_MAX_EDGE_MM if max_edge is None else max_edge),
                           AURICLE_FACES)
    return read_only(v), read_only(f)
