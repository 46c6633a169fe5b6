"""The see-through skin with an opaque face: the kit models no facial skeleton, so the face
in front of the ears is drawn as a closed, opaque mask.

Through a see-through face a class saw the cervical vertebrae, and a lone jaw and temporal
plate floating in an empty head (review 12): the facial skeleton's sources (soft-tissue
depth tables) could not be read here, so the face has nothing to show inside. The face is
the skin inside a rounded box (``FACE_BOX``): in front of the jaw joint, from the brow to
below the chin. It is closed behind by the box's own surface inside the head, so that
from behind or below it reads as a cut, not as the inside of a shell.
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
_CAP_GRID = (40, 24)    # longitude x latitude steps of the box's surface (the cap)


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


def _box_surface() -> tuple[np.ndarray, np.ndarray]:
    """The face box's surface as a latitude-longitude mesh (poles collapsed)."""
    centre, half = _box_frame()
    nu, nv = _CAP_GRID
    e = 2.0 / FACE_BOX_POWER
    t, p = np.meshgrid(np.linspace(-np.pi / 2, np.pi / 2, nv),
                       np.linspace(-np.pi, np.pi, nu, endpoint=False), indexing="ij")

    def power(w):
        return np.sign(w) * np.abs(w) ** e

    unit = np.stack([power(np.cos(t)) * power(np.cos(p)), power(np.cos(t)) * power(np.sin(p)),
                     power(np.sin(t))], axis=-1).reshape(-1, 3)
    i, j = np.meshgrid(np.arange(nv - 1), np.arange(nu), indexing="ij")
    a = (i * nu + j).ravel()
    b = (i * nu + (j + 1) % nu).ravel()
    faces = np.r_[np.c_[a, a + nu, b], np.c_[b, a + nu, b + nu]]
    return unit * half + centre, faces


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
        The box's surface inside the skin, which closes the face behind and below.
    """
    from anatomy import meshops
    from anatomy.skin import Skin

    v, f = np.asarray(vertices, float), np.asarray(faces, np.int64)
    cv, cf, label, _ = meshops.level_regions(v, f, _inside_box(v)[None, :], level=0.0)
    skin, face = _keep(cv, cf, label != 0), _keep(cv, cf, label == 0)
    bv, bf = _box_surface()
    # depth under the same skin, so that the cap's rim meets the face's cut: exact only at
    # the ends of the edges that cross the skin (the cut runs along them), the sign
    # elsewhere (closest points for every vertex took a quarter of a second)
    skin_ = Skin(v, f)
    inside = skin_.inside(bv)
    crossing = np.unique(bf[inside[bf].any(axis=1) & ~inside[bf].all(axis=1)])
    depth = np.where(inside, 1.0, -1.0) * 50.0
    depth[crossing] = skin_.depth(bv[crossing])
    bv, bf, label, _ = meshops.level_regions(bv, bf, depth[None, :], level=0.0)
    return skin, face, _keep(bv, bf, label == 0)


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
    mask = (np.vstack([face[0], cap[0]]), np.vstack([face[1], cap[1] + len(face[0])]))
    traces = [plotly3d.mesh_trace(*skin, name="skin", color=style.SKIN, opacity=opacity,
                                  legendgroup="skin"),
              plotly3d.mesh_trace(*mask, name="face (no facial skeleton modelled)",
                                  color=style.SKIN, legendgroup="skin", showlegend=False)]
    for t in traces:
        compact.whole_mm(t)
        t["meta"] = {"layer": "skin"}
    return traces
