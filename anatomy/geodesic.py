"""Distances along a triangle mesh: the edge graph, exact geodesic distance (MMP), shortest
edge paths and the manifold part of a mesh.

Re-exported by ``anatomy.surface``, the kit's one module of mesh geometry.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["edge_graph", "geodesic_distance", "manifold_faces", "nearest_vertex",
           "shortest_path", "unique_edges"]


def edge_graph(vertices: np.ndarray, faces: np.ndarray):
    """Sparse symmetric graph of mesh edges weighted by length (for geodesics).

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n, n)
        Entry (i, j) is the length (mm) of edge i-j, each edge in both directions.
    """
    # each inner edge belongs to two faces: keep it once (a sparse matrix sums duplicates)
    e, _ = unique_edges(faces)
    w = np.linalg.norm(vertices[e[:, 0]] - vertices[e[:, 1]], axis=1)
    n = len(vertices)
    from scipy.sparse import coo_matrix  # scipy loads on first use (import cost)

    g = coo_matrix((np.r_[w, w], (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])), shape=(n, n))
    return g.tocsr()


def geodesic_distance(vertices: np.ndarray, faces: np.ndarray, sources) -> np.ndarray:
    """Exact geodesic distance (mm along the skin) from the nearest of ``sources``.

    Computed by the MMP algorithm of Mitchell, Mount and Papadimitriou (pygeodesic).
    The exact algorithm needs a manifold mesh: degenerate faces and every face beyond the
    second on an edge are left out (``manifold_faces``), and a vertex that only they held
    takes the distance of its nearest kept vertex. Vertices the sources cannot reach get
    ``inf``. (Dijkstra on the mesh edges, used before, ran 6-7 % long at the median.)

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    sources : int or array_like of int
        Source vertex indices.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Distance along the surface from each vertex to the nearest source, mm (inf where
        unreachable).
    """
    solver, compact = _exact_solver(_MeshKey(vertices, faces))
    src = np.unique(compact[np.atleast_1d(np.asarray(sources, np.int64))])
    d, _ = solver.geodesicDistances(src.astype(np.int32), None)
    d = np.where(np.isfinite(d) & (d < 1e300), d, np.inf)
    return d[compact]


def manifold_faces(vertices: np.ndarray, faces: np.ndarray,
                   min_area: float = 1e-3) -> np.ndarray:
    """The faces of a mesh without degenerate or crowded ones.

    Degenerate faces have an area below ``min_area`` mm2; crowded ones sit on an edge that
    more than two faces share. Dropping all of them, not all but two, keeps the result
    independent of face order, so a mirror-symmetric mesh stays so.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    min_area : float, default 1e-3
        Smallest face area kept, mm2.

    Returns
    -------
    numpy.ndarray of int64, shape (k, 3)
        The kept faces, in their original order.
    """
    v, f = np.asarray(vertices, float), np.asarray(faces, np.int64)
    area = np.linalg.norm(np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]]), axis=1)
    f = f[area / 2 > min_area]
    while True:
        edges = np.sort(np.stack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]], axis=1), axis=2)
        key = edges[..., 0] * len(v) + edges[..., 1]
        _, inverse, counts = np.unique(key.ravel(), return_inverse=True, return_counts=True)
        crowded = (counts[inverse.reshape(-1, 3)] > 2).any(axis=1)
        if not crowded.any():
            return f
        f = f[~crowded]


@lru_cache(maxsize=4)
def _exact_solver(key: _MeshKey):
    """(pygeodesic solver on the manifold part, index into it of each vertex's nearest
    kept vertex)."""
    import pygeodesic.geodesic as geodesic  # build-time dependency (results are stored)
    from scipy.spatial import cKDTree

    v = np.asarray(key.vertices, float)
    f = manifold_faces(v, key.faces)
    kept, compact_faces = np.unique(f, return_inverse=True)
    _, nearest = cKDTree(v[kept]).query(v)
    solver = geodesic.PyGeodesicAlgorithmExact(v[kept], compact_faces.reshape(f.shape)
                                               .astype(np.int32))
    return solver, nearest.astype(np.int64)


def shortest_path(vertices: np.ndarray, faces: np.ndarray, start: int, end: int) -> list[int]:
    """Vertex indices of the shortest edge path along the skin from ``start`` to ``end``.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    start : int
        Index of the first vertex.
    end : int
        Index of the last vertex.

    Returns
    -------
    list of int
        Vertex indices from ``start`` to ``end`` along mesh edges (Dijkstra).

    Raises
    ------
    ValueError
        If ``end`` cannot be reached from ``start``.
    """
    graph = _cached_graph(_MeshKey(vertices, faces))
    from scipy.sparse.csgraph import dijkstra

    _, pred = dijkstra(graph, indices=start, return_predecessors=True)
    out = [end]
    while out[-1] != start:
        if out[-1] < 0:
            raise ValueError(f"vertex {end} cannot be reached from vertex {start} on the mesh")
        out.append(int(pred[out[-1]]))
    return out[::-1]


class _MeshKey:
    """Hashable wrapper so the edge graph of a mesh is built once."""

    def __init__(self, vertices, faces):
        self.vertices, self.faces = vertices, faces
        self._hash = hash((vertices.shape, faces.shape, float(np.asarray(vertices).sum())))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (self.vertices.shape == other.vertices.shape
                and np.array_equal(self.vertices, other.vertices)
                and np.array_equal(self.faces, other.faces))


@lru_cache(maxsize=4)
def _cached_graph(key: _MeshKey):
    return edge_graph(np.asarray(key.vertices, float), key.faces)


def nearest_vertex(vertices: np.ndarray, point) -> int:
    """Index of the mesh vertex closest to a point.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    point : array_like, shape (3,)
        The query point, mm.

    Returns
    -------
    int
        Index into ``vertices``.
    """
    return int(np.argmin(np.linalg.norm(np.asarray(vertices) - np.asarray(point, float), axis=1)))


def unique_edges(faces) -> tuple[np.ndarray, np.ndarray]:
    """Each edge of a triangle mesh once, and which edge each face's sides are.

    The same result as ``np.unique`` on the sorted vertex pairs with ``axis=0``, found
    on one integer key per pair, which sorts several times faster.

    Parameters
    ----------
    faces : array_like, shape (m, 3)
        Triangles as vertex indices (non-negative).

    Returns
    -------
    edges : numpy.ndarray, shape (k, 2)
        The edges as (low, high) vertex indices, in lexicographic order.
    sides : numpy.ndarray, shape (m, 3)
        Row of ``edges`` for each face's sides 01, 12 and 20.
    """
    f = np.asarray(faces, np.int64)
    pairs = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    n = int(pairs.max()) + 1 if len(pairs) else 1
    keys, inverse = np.unique(pairs[:, 0] * n + pairs[:, 1], return_inverse=True)
    edges = np.c_[keys // n, keys % n]
    return edges, inverse.ravel().reshape(3, -1).T
