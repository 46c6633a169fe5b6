"""The see-through skin with an opaque face: the kit models no facial skeleton, so the face
in front of the ears is drawn as a closed, opaque mask.

Through a see-through face a class saw the cervical vertebrae, and a lone jaw and temporal
plate floating in an empty head (review 12): the facial skeleton's sources (soft-tissue
depth tables) could not be read here, so the face has nothing to show inside. The face is
the skin inside a rounded box (``FACE_BOX``): in front of the jaw joint, from the brow to
below the chin. It is closed behind by a shallow cone from its own rim, so that from
behind or below it reads as a cut, not as the inside of a shell.
"""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel
from anatomy.viz import compact, plotly3d, style

__all__ = ["FACE_BOX", "face_split", "see_through_skin_traces"]

# the rounded box (mm, head frame: x across, y forward, z up; the tragi at y = 0, z = 0):
# its back 15 mm in front of the tragus, just in front of the jaw joint (the TMJ point is
# at 12 mm), so that the great auricular nerve's branches over the parotid and the back
# of the mandible's ramus stay in the see-through part; its top at the brow (the skull
# vault's front edge, 8 mm below the glabella); its bottom 10 mm below the menton. It is
# wider and deeper than the face, so that only those three sides cut the skin
FACE_BOX = {"back_y": 15.0, "front_y": 200.0, "top_z": 32.0, "bottom_z": -110.0,
            "half_width": 90.0}
FACE_BOX_POWER = 4      # a superellipsoid of this power: a box with rounded edges
_CAP_RINGS = 2          # rings of the cap from the face's rim in to its middle


def _box_frame():
    b = FACE_BOX
    centre = np.array([0.0, (b["back_y"] + b["front_y"]) / 2, (b["top_z"] + b["bottom_z"]) / 2])
    half = np.array([b["half_width"], (b["front_y"] - b["back_y"]) / 2,
                     (b["top_z"] - b["bottom_z"]) / 2])
    return centre, half


def _inside_box(points) -> np.ndarray:
    """1 - the superellipsoid's implicit value: positive inside the face box, 0 on it."""
    centre, half = _box_frame()
    q = np.abs((np.asarray(points, float) - centre) / half) ** FACE_BOX_POWER
    return 1.0 - q.sum(axis=1)


def _keep(vertices, faces, keep) -> tuple[np.ndarray, np.ndarray]:
    used, inverse = np.unique(faces[keep], return_inverse=True)
    return vertices[used], inverse.reshape(-1, 3)


def face_split(vertices, faces):
    """Split a see-through skin into the skin left see-through, the face, and the cap
    that closes the face into a mask.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The skin's vertices, mm.
    faces : array_like, shape (m, 3)
        Its triangles, wound outward.

    Returns
    -------
    skin : tuple of (numpy.ndarray, numpy.ndarray)
        The skin outside the face box (vertices, faces), cut along the box.
    face : tuple of (numpy.ndarray, numpy.ndarray)
        The skin inside the box.
    cap : tuple of (numpy.ndarray, numpy.ndarray)
        A shallow cone from the face's own rim (its first vertices are the rim's) in to
        the rim's middle, which closes the face behind and below: a cap cut from the
        box's surface met the rim only to within 4 mm, and the vault showed through the
        slits at the brow (review 13).
    """
    from anatomy import meshops
    from anatomy.shell import boundary_loops

    v, f = np.asarray(vertices, float), np.asarray(faces, np.int64)
    cv, cf, label, _ = meshops.level_regions(v, f, _inside_box(v)[None, :], level=0.0)
    skin, face = _keep(cv, cf, label != 0), _keep(cv, cf, label == 0)
    loops = boundary_loops(face[1])
    if len(loops) != 1:
        raise ValueError(f"the face box cuts the skin in {len(loops)} loops, not one: "
                         f"FACE_BOX {FACE_BOX} does not fit this skin")
    return skin, face, _cone(face[0][loops[0]])


def _closed(face, cap) -> tuple[np.ndarray, np.ndarray]:
    """The face and its cap as one mesh, the cap's rim on the face's own rim vertices."""
    from anatomy.shell import boundary_loops

    (loop,) = boundary_loops(face[1])
    n = len(loop)
    index = np.r_[np.asarray(loop), len(face[0]) + np.arange(len(cap[0]) - n)]
    return (np.vstack([face[0], cap[0][n:]]), np.vstack([face[1], index[cap[1]]]))


def _cone(rim) -> tuple[np.ndarray, np.ndarray]:
    """Rings from a closed loop in to its centroid, triangulated (wound so that, for a
    loop in its faces' winding, the cone faces away from them)."""
    rim = np.asarray(rim, float)
    n = len(rim)
    centre = rim.mean(axis=0)
    t = np.linspace(0.0, 1.0, _CAP_RINGS + 1)[:-1]
    rings = rim[None] + (centre - rim)[None] * t[:, None, None]
    verts = np.vstack([rings.reshape(-1, 3), centre])
    k = np.arange(n)
    faces = []
    for r in range(_CAP_RINGS - 1):
        a, b = r * n + k, r * n + (k + 1) % n
        faces += [np.c_[a, b, a + n], np.c_[b, b + n, a + n]]
    last = (_CAP_RINGS - 1) * n
    faces.append(np.c_[last + k, last + (k + 1) % n, np.full(n, len(verts) - 1)])
    return verts, np.vstack(faces)


def see_through_skin_traces(head: HeadModel, opacity: float) -> list[dict]:
    """The see-through skin (``cropped_skin``) as two plotly traces: the skin, see-through,
    and the face, an opaque closed mask (``face_split``); both in whole millimetres and in
    the "skin" layer and legend group (one legend entry).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    opacity : float
        Opacity of the see-through skin.

    Returns
    -------
    list of dict
        The see-through skin's trace, then the face mask's.
    """
    from anatomy.viz.head_views.scene import cropped_skin

    skin, face, cap = face_split(*cropped_skin(head))
    mask = _closed(face, cap)
    traces = [plotly3d.mesh_trace(*skin, name="skin", color=style.SKIN, opacity=opacity,
                                  legendgroup="skin"),
              plotly3d.mesh_trace(*mask, name="face (no facial skeleton modelled)",
                                  color=style.SKIN, legendgroup="skin", showlegend=False)]
    # the faint skin in whole millimetres (it does not show them, and it halves the
    # bytes); the opaque face as it is: rounded, it shaded in facets and cracks (review 13)
    compact.whole_mm(traces[0])
    for t in traces:
        t["meta"] = {"layer": "skin"}
    return traces
