"""Geometry on a triangle mesh: nearest points, plane sections, arcs and geodesic distance."""

from __future__ import annotations

import numpy as np

from anatomy.geodesic import (
    edge_graph,
    geodesic_distance,
    manifold_faces,
    nearest_vertex,
    shortest_path,
    unique_edges,
)

__all__ = [
    "arc_length", "closest_points", "edge_graph", "geodesic_distance", "inside_mesh",
    "manifold_faces", "nearest_vertex", "plane_section", "point_at_fraction", "ray_hit",
    "rays_blocked", "shortest_path", "surface_arc", "unique_edges", "vertex_normals",
]


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit outward normals per vertex (area-weighted face normals).

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        Unit normal of each vertex (zero for a vertex in no face).
    """
    v = np.asarray(vertices, float)
    tri = v[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    vn = np.zeros_like(v)
    for k in range(3):
        np.add.at(vn, faces[:, k], fn)
    norm = np.linalg.norm(vn, axis=1, keepdims=True)
    return vn / np.where(norm == 0, 1.0, norm)


def closest_points(vertices: np.ndarray, faces: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Closest point on the mesh surface for each query point (vectorised over faces).

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    points : array_like, shape (3,) or (k, 3)
        Query points, mm.

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        For each query point, the closest point on any triangle, mm.
    """
    pts = np.atleast_2d(np.asarray(points, float))
    tri = np.asarray(vertices, float)[faces]
    return np.array([_closest_on_triangles(tri, p) for p in pts])


def _closest_on_triangles(tri: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Closest point to ``p`` over all triangles (plane projection, else nearest edge)."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    n = np.cross(b - a, c - a)
    nn = np.maximum((n * n).sum(1), 1e-12)
    proj = p - n * (((p - a) * n).sum(1) / nn)[:, None]
    inside = np.ones(len(tri), bool)
    for s, e in ((a, b), (b, c), (c, a)):
        inside &= (np.cross(e - s, proj - s) * n).sum(1) >= 0
    cands = [np.where(inside[:, None], proj, np.inf)]
    for s, e in ((a, b), (b, c), (c, a)):
        seg = e - s
        t = np.clip(((p - s) * seg).sum(1) / np.maximum((seg * seg).sum(1), 1e-12), 0, 1)
        cands.append(s + seg * t[:, None])
    stack = np.stack(cands)  # (4, T, 3)
    dist = np.linalg.norm(stack - p, axis=2)
    k, i = np.unravel_index(np.nanargmin(dist), dist.shape)
    return stack[k, i]


def _ray_distances(vertices: np.ndarray, faces: np.ndarray, direction: np.ndarray):
    """Möller–Trumbore for rays along one unit ``direction``: the per-direction terms are
    computed once; the returned function gives, for an origin, each triangle's hit
    distance (inf where the ray misses it)."""
    tri = np.asarray(vertices, float)[faces]
    e1, e2 = tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]
    h = np.cross(direction, e2)
    a = (e1 * h).sum(1)
    ok = np.abs(a) > 1e-9
    f = np.where(ok, 1.0 / np.where(ok, a, 1), 0)
    eps = 1e-7

    def distances(origin, only=None) -> np.ndarray:
        """Hit distance per triangle, or per triangle of the index array ``only`` (then
        ``origin`` may be one origin per entry of ``only``)."""
        k = slice(None) if only is None else only
        s = origin - tri[k, 0]
        u = f[k] * (s * h[k]).sum(1)
        q = np.cross(s, e1[k])
        v = f[k] * (q @ direction)
        t = f[k] * (e2[k] * q).sum(1)
        hit = ok[k] & (u >= -eps) & (v >= -eps) & (u + v <= 1 + eps) & (t > 1e-6)
        return np.where(hit, t, np.inf)

    return distances


def ray_hit(vertices: np.ndarray, faces: np.ndarray, origin, direction) -> np.ndarray | None:
    """First intersection of a ray with the mesh (Möller-Trumbore), or None.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    origin : array_like, shape (3,)
        Start of the ray, mm.
    direction : array_like, shape (3,)
        Direction of the ray (any length).

    Returns
    -------
    numpy.ndarray, shape (3,) or None
        The nearest hit point along the ray (mm), or None if the ray misses the mesh.
    """
    o, d = np.asarray(origin, float), np.asarray(direction, float)
    d = d / np.linalg.norm(d)
    t = _ray_distances(vertices, faces, d)(o).min()
    return None if np.isinf(t) else o + d * t


def rays_blocked(vertices: np.ndarray, faces: np.ndarray, origins, direction) -> np.ndarray:
    """For parallel rays from ``origins`` along one ``direction``: does each hit the mesh?

    Facing tests for a camera view cast one ray per landmark.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    origins : array_like, shape (3,) or (k, 3)
        Start points of the rays, mm.
    direction : array_like, shape (3,)
        The common direction (any length).

    Returns
    -------
    numpy.ndarray of bool, shape (k,)
        True where the ray from that origin hits the mesh.
    """
    d = np.asarray(direction, float)
    distances = _ray_distances(vertices, faces, d / np.linalg.norm(d))
    return np.array([np.isfinite(distances(o)).any()
                     for o in np.atleast_2d(np.asarray(origins, float))], bool)


def inside_mesh(vertices: np.ndarray, faces: np.ndarray, points) -> np.ndarray:
    """True for points inside a closed mesh (parity of crossings of a ray along +z).

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    points : array_like, shape (3,) or (k, 3)
        Query points, mm.

    Returns
    -------
    numpy.ndarray of bool, shape (k,)
        True where the point is inside the mesh.
    """
    v, f = np.asarray(vertices, float), np.asarray(faces)
    tri = v[f]
    lo, hi = tri[:, :, :2].min(1), tri[:, :, :2].max(1)
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    out = []
    # a tiny fixed offset keeps rays off the midline vertices and edges (x = 0)
    for p in np.atleast_2d(np.asarray(points, float)) + [0.0137, 0.0071, 0.0]:
        cand = np.nonzero((lo[:, 0] <= p[0]) & (hi[:, 0] >= p[0]) & (lo[:, 1] <= p[1])
                          & (hi[:, 1] >= p[1]))[0]
        if len(cand) == 0:
            out.append(False)
            continue
        pa, pb, pc = a[cand], b[cand], c[cand]
        det = (pb[:, 0] - pa[:, 0]) * (pc[:, 1] - pa[:, 1]) - (pc[:, 0] - pa[:, 0]) * (
            pb[:, 1] - pa[:, 1])
        ok = np.abs(det) > 1e-12
        det = np.where(ok, det, 1.0)
        l1 = ((pb[:, 1] - pc[:, 1]) * (p[0] - pc[:, 0])
              + (pc[:, 0] - pb[:, 0]) * (p[1] - pc[:, 1])) / det
        l2 = ((pc[:, 1] - pa[:, 1]) * (p[0] - pc[:, 0])
              + (pa[:, 0] - pc[:, 0]) * (p[1] - pc[:, 1])) / det
        l3 = 1 - l1 - l2
        hit = ok & (l1 >= 0) & (l2 >= 0) & (l3 >= 0)
        z = l1 * pa[:, 2] + l2 * pb[:, 2] + l3 * pc[:, 2]
        out.append(bool(np.count_nonzero(hit & (z > p[2])) % 2))
    return np.array(out, bool)


def plane_section(vertices: np.ndarray, faces: np.ndarray, origin, normal) -> np.ndarray:
    """Points where mesh edges cross a plane (unordered, one per crossing edge).

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    origin : array_like, shape (3,)
        A point on the plane, mm.
    normal : array_like, shape (3,)
        The plane's normal (any length).

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        The crossing points, plus any vertex lying on the plane, mm.
    """
    v = np.asarray(vertices, float)
    n = np.asarray(normal, float) / np.linalg.norm(normal)
    s = (v - np.asarray(origin, float)) @ n
    edges, _ = unique_edges(faces)
    sa, sb = s[edges[:, 0]], s[edges[:, 1]]
    cross = (sa * sb) < 0
    e = edges[cross]
    t = (sa[cross] / (sa[cross] - sb[cross]))[:, None]
    crossing = v[e[:, 0]] + t * (v[e[:, 1]] - v[e[:, 0]])
    on_plane = v[np.unique(faces)][np.abs(s[np.unique(faces)]) < 1e-9]
    return np.vstack([crossing, on_plane])


def surface_arc(vertices: np.ndarray, faces: np.ndarray, start, end, through,
                n: int = 181) -> np.ndarray:
    """Skin arc from ``start`` to ``end`` in the plane through the three points, via ``through``.

    The section is sampled by angle about the midpoint of start-end and the outermost
    crossing is kept at each angle, so ears or folds inside the envelope are ignored.

    Parameters
    ----------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    start, end : array_like, shape (3,)
        The arc's end points, mm.
    through : array_like, shape (3,)
        A third point fixing the plane and the side of the arc, mm.
    n : int, default 181
        Number of angles sampled (points on the arc).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The arc from ``start`` to ``end``, mm.
    """
    a, b, c = (np.asarray(p, float) for p in (start, end, through))
    normal = np.cross(b - a, c - a)
    pts = plane_section(vertices, faces, a, normal)
    centre = (a + b) / 2
    e1 = (a - centre) / np.linalg.norm(a - centre)
    e2 = np.cross(normal / np.linalg.norm(normal), e1)
    if (c - centre) @ e2 < 0:
        e2 = -e2
    rel = pts - centre
    ang = np.arctan2(rel @ e2, rel @ e1)
    rad = np.hypot(rel @ e1, rel @ e2)
    keep = (ang >= 0) & (ang <= np.pi)
    ang, rad = ang[keep], rad[keep]
    grid = np.linspace(0, np.pi, n)
    bins = np.clip(np.searchsorted(grid, ang), 0, n - 1)
    out_r = np.full(n, np.nan)
    for i, r in zip(bins, rad):
        if np.isnan(out_r[i]) or r > out_r[i]:
            out_r[i] = r
    good = ~np.isnan(out_r)
    r_interp = np.interp(grid, grid[good], out_r[good])
    r_interp[0], r_interp[-1] = np.linalg.norm(a - centre), np.linalg.norm(b - centre)
    arc = centre + np.outer(r_interp * np.cos(grid), e1) + np.outer(r_interp * np.sin(grid), e2)
    return arc


def arc_length(path: np.ndarray) -> float:
    """Length of a polyline (K, 3).

    Parameters
    ----------
    path : numpy.ndarray, shape (k, 3)
        The polyline's points, mm.

    Returns
    -------
    float
        Sum of the segment lengths, mm.
    """
    return float(np.linalg.norm(np.diff(path, axis=0), axis=1).sum())


def point_at_fraction(path: np.ndarray, fraction: float) -> np.ndarray:
    """Point a given fraction of the way along a polyline, by arc length.

    Parameters
    ----------
    path : numpy.ndarray, shape (k, 3)
        The polyline's points, mm.
    fraction : float
        0 at the first point, 1 at the last.

    Returns
    -------
    numpy.ndarray, shape (3,)
        The interpolated point, mm.
    """
    seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    target = fraction * cum[-1]
    return np.array([np.interp(target, cum, path[:, k]) for k in range(3)])
