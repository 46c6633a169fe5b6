"""The refined skin mesh for smooth fields, and distances along it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from anatomy import meshgen
from anatomy.conventions import mirror_x
from anatomy.head import load_head
from anatomy.pain.data import MESH_CROP, MESH_MAX_EDGE_MM
from anatomy.skin import Skin
from anatomy.store import read_only, stored

__all__ = ["PainMesh", "nearest_vertex", "pain_mesh", "pain_skin", "skin_distance",
           "vertex_areas"]

# The refined skin mesh and distances along it
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PainMesh:
    """Head-neck-shoulder skin refined for smooth fields (mm, kit frame)."""

    vertices: np.ndarray
    faces: np.ndarray
    eye_vertices: np.ndarray
    eye_faces: np.ndarray
    mirror: np.ndarray  # index of each vertex's mirror image (x -> -x)


@stored
def _pain_mesh_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices, faces and mirror index of ``pain_mesh`` (stored: see anatomy.store)."""
    head = load_head()
    v, f = np.asarray(head.vertices, float), np.asarray(head.faces, np.int64)
    tri = v[f]
    f = f[(tri[:, :, 2] >= MESH_CROP["z_min"]).all(1)
          & (np.abs(tri[:, :, 0]) <= MESH_CROP["abs_x_max"]).all(1)]
    used, inverse = np.unique(f, return_inverse=True)
    v, f = meshgen.refine(v[used], inverse.reshape(f.shape), MESH_MAX_EDGE_MM)
    from scipy.spatial import cKDTree  # scipy loads on first use (import cost)

    _, mirror = cKDTree(v).query(mirror_x(v))
    return v, f, mirror.astype(np.int64)


@lru_cache(maxsize=1)
def pain_mesh() -> PainMesh:
    """The skin of head, neck and shoulders (arms cut off) with every edge longer than
    ``MESH_MAX_EDGE_MM`` split: fine enough for smooth fields, small enough for
    interactive figures."""
    head = load_head()
    v, f, mirror = _pain_mesh_arrays()
    out = PainMesh(v, f, np.asarray(head.eye_vertices, float), np.asarray(head.eye_faces),
                   mirror)
    read_only((out.vertices, out.faces, out.mirror))
    return out


@lru_cache(maxsize=1)
def pain_skin() -> Skin:
    """The pain mesh as an ``anatomy.skin.Skin`` (distances, paths, nearest vertices)."""
    m = pain_mesh()
    return Skin(m.vertices, m.faces)


@lru_cache(maxsize=1)
def vertex_areas() -> np.ndarray:
    """The skin area (mm²) each pain-mesh vertex stands for: a third of every triangle
    round it. The mesh is finer round the ear than over the scalp, so a count of vertices
    is not an area (a student review: the pair with most shared vertices was not the
    pair with most shared skin).

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Area in mm² per ``pain_mesh()`` vertex; they add up to the mesh's area.
    """
    m = pain_mesh()
    tri = m.vertices[m.faces]
    face = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    out = np.zeros(len(m.vertices))
    np.add.at(out, m.faces.ravel(), np.repeat(face / 3, 3))
    out.flags.writeable = False
    return out


def skin_distance(sources) -> np.ndarray:
    """Distance along the skin (mm) from the nearest of ``sources`` (vertex indices).

    Parameters
    ----------
    sources : int or sequence of int
        Vertex indices of ``pain_mesh()``.

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Geodesic distance in mm from each pain-mesh vertex to the nearest source.
    """
    return pain_skin().distance(sources)


def _path(a: int, b: int) -> list[int]:
    """Vertices of the shortest skin path from vertex a to vertex b."""
    return pain_skin().path(a, b)


def nearest_vertex(point) -> int:
    """Index of the pain-mesh vertex nearest a point.

    Parameters
    ----------
    point : array_like, shape (3,)
        A point in the head frame, mm.

    Returns
    -------
    int
        Index into ``pain_mesh().vertices``.
    """
    return pain_skin().nearest_vertex(point)


@lru_cache(maxsize=1)
@stored
def _head_to_fine() -> tuple[np.ndarray, np.ndarray]:
    """For each head-mesh vertex: nearest pain-mesh vertex, and whether it is in the crop."""
    head, m = load_head(), pain_mesh()
    from scipy.spatial import cKDTree

    dist, idx = cKDTree(m.vertices).query(head.vertices)
    return idx, dist < 1.0


# ---------------------------------------------------------------------------------------
