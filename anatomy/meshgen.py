"""One mesh toolkit: tubes, lofts, slabs, ellipsoids, and refining, subdividing and
decimating triangle meshes (millimetres, the kit's frame). The builders are here, the
operations on finished meshes in ``anatomy.meshops``; both are imported from here.

Every builder returns ``(vertices, faces)`` with float vertices and int64 faces; closed
meshes are wound outward (``outward``). Structures, nerves, pain fields and headache maps
all make their meshes here.
"""

from __future__ import annotations

import numpy as np

from anatomy import surface
from anatomy.meshops import (  # the operations, re-exported: one toolkit
    Decimated,
    _split_faces,  # noqa: F401 - re-exported for anatomy.shell
    decimate,
    level_regions,
    merge,
    mirror,
    outward,
    refine,
    refine_by_field,
    simplify,
    subdivide,
    weld,
)

__all__ = ["Decimated", "capped_sheet", "decimate", "ellipsoid", "grid_normals",
           "level_regions", "loft", "merge", "mirror", "outward", "refine", "refine_by_field",
           "simplify", "slab", "smooth_path", "subdivide", "tangents", "tube", "weld"]


def smooth_path(points, n: int = 24) -> np.ndarray:
    """Catmull-Rom spline through control points, resampled to ``n`` points.

    Parameters
    ----------
    points : array_like, shape (k, 3)
        Control points, mm (two points give a straight line).
    n : int, default 24
        Number of output points, evenly spaced by arc length.

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The resampled path, mm, from the first to the last control point.
    """
    p = np.asarray(points, float)
    if len(p) == 2:
        return p[0] + np.linspace(0, 1, n)[:, None] * (p[1] - p[0])
    ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    dense = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1:i + 3]
        for t in np.linspace(0, 1, 12, endpoint=False):
            dense.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                                + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3))
    dense.append(p[-1])
    dense = np.array(dense)
    return np.array([surface.point_at_fraction(dense, s) for s in np.linspace(0, 1, n)])


def tangents(path) -> np.ndarray:
    """Unit tangents along a polyline (central differences).

    Parameters
    ----------
    path : array_like, shape (k, 3)
        The polyline, mm.

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        Unit tangent at each point.
    """
    t = np.gradient(np.asarray(path, float), axis=0)
    return t / np.linalg.norm(t, axis=1, keepdims=True)


def loft(path, half_w, half_t, thick_dir, n_around: int = 12, caps: bool | str = True,
          bend: float = 0.0):
    """Closed tube with elliptical sections: ``half_w`` across, ``half_t`` along ``thick_dir``.

    ``bend`` (1/mm) curves each section away from ``thick_dir`` (by bend * w**2 at a
    distance w across), so a strap under the skin follows a convex neck.

    Parameters
    ----------
    path : array_like, shape (k, 3)
        Centre line, mm.
    half_w : float or array_like, shape (k,)
        Half width across the section, mm (one value, or one per path point).
    half_t : float or array_like, shape (k,)
        Half thickness along ``thick_dir``, mm.
    thick_dir : array_like, shape (3,) or (k, 3)
        Thickness direction (made perpendicular to the path).
    n_around : int, default 12
        Points around each section.
    caps : bool or {"round"}, default True
        Close the two ends: flat (True), with a dome that stands out from each end by
        the end section's half thickness ("round"; one ring more at each end), or not.
    bend : float, default 0.0
        Curvature of the sections, 1/mm.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    path = np.asarray(path, float)
    k = len(path)
    hw = np.broadcast_to(np.asarray(half_w, float), (k,))
    ht = np.broadcast_to(np.asarray(half_t, float), (k,))
    td = np.broadcast_to(np.asarray(thick_dir, float), (k, 3))
    tan = tangents(path)
    b2 = td - (td * tan).sum(1, keepdims=True) * tan
    b2 /= np.linalg.norm(b2, axis=1, keepdims=True)
    b1 = np.cross(tan, b2)
    ang = np.linspace(0, 2 * np.pi, n_around, endpoint=False)
    across = hw[:, None] * np.cos(ang)[None, :]
    rings = (path[:, None] + across[..., None] * b1[:, None]
             + (ht[:, None] * np.sin(ang)[None, :] - bend * across**2)[..., None] * b2[:, None])
    if caps == "round":
        rings, path, k = _domes(rings, path, tan, ht)
    elif caps not in (True, False):
        raise ValueError(f"caps must be True, False or 'round', not {caps!r}")
    v = rings.reshape(-1, 3)
    faces = []
    for i in range(k - 1):
        for j in range(n_around):
            a, b = i * n_around + j, i * n_around + (j + 1) % n_around
            faces += [(a, b, b + n_around), (a, b + n_around, a + n_around)]
    if caps:
        v = np.vstack([v, path[0], path[-1]])
        c0, c1 = len(v) - 2, len(v) - 1
        last = (k - 1) * n_around
        for j in range(n_around):
            faces.append((c0, (j + 1) % n_around, j))
            faces.append((c1, last + j, last + (j + 1) % n_around))
    return outward(v, np.array(faces))


def _domes(rings, path, tan, half_t):
    """Rings and end points of a loft with a dome on each end: one ring more at each end
    (the end section shrunk to 70 %, moved out by 70 % of the end's half thickness) and the
    end points moved out by the whole half thickness."""
    out = []
    ends = []
    for i, sign in ((0, -1.0), (-1, 1.0)):
        bulge = sign * tan[i] * abs(half_t[i])
        centre = path[i]
        out.append(centre + 0.7 * (rings[i] - centre) + 0.7 * bulge)
        ends.append(centre + bulge)
    rings = np.concatenate([out[0][None], rings, out[1][None]])
    path = np.vstack([ends[0], path, ends[1]])
    return rings, path[[0, -1]], len(rings)


def tube(path, radius, n_around: int = 8):
    """Round tube along a path (thickness direction chosen perpendicular to the path).

    Parameters
    ----------
    path : array_like, shape (k, 3)
        Centre line, mm.
    radius : float or array_like, shape (k,)
        Radius, mm (one value, or one per path point).
    n_around : int, default 8
        Points around each section.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    path = np.asarray(path, float)
    tan = tangents(path)
    # a frame carried along the path (parallel transport): each section's direction is
    # the last one's, made perpendicular to the path here. One chosen afresh at each point
    # (across the path from a fixed up) turned by up to 90 degrees where the path passed
    # near vertical, and the tube twisted and folded there
    ref = np.array([0, 0, 1.0]) if abs(tan[0, 2]) < 0.9 else np.array([1.0, 0, 0])
    side = np.empty_like(path)
    s = np.cross(tan[0], ref)
    for k, t in enumerate(tan):
        s = s - (s @ t) * t
        n = np.linalg.norm(s)
        s = s / n if n > 1e-9 else np.cross(t, ref) / np.linalg.norm(np.cross(t, ref))
        side[k] = s
    return loft(path, radius, radius, side, n_around)


def ellipsoid(centre, radii, axes=None, n_u: int = 12, n_v: int = 7, box: float = 1.0):
    """Closed ellipsoid; ``axes`` (3, 3) rows are its local x, y, z directions.

    ``box`` < 1 makes a superellipsoid (a rounded box: 0.4 for a vertebral body).

    Parameters
    ----------
    centre : array_like, shape (3,)
        Centre, mm.
    radii : array_like, shape (3,)
        Semi-axes along the local x, y, z directions, mm.
    axes : array_like, shape (3, 3), optional
        Rows are the local x, y, z unit directions; the identity by default.
    n_u : int, default 12
        Points around each ring.
    n_v : int, default 7
        Latitude bands (rings + 1) from pole to pole.
    box : float, default 1.0
        Superellipsoid exponent; 1 is an ellipsoid, smaller is boxier.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    axes = np.eye(3) if axes is None else np.asarray(axes, float)
    u = np.linspace(0, 2 * np.pi, n_u, endpoint=False)
    w = np.linspace(0, np.pi, n_v + 1)[1:-1]
    pts = [(0, 0, -1.0)]
    for wi in w:
        for ui in u:
            pts.append((np.sin(wi) * np.cos(ui), np.sin(wi) * np.sin(ui), -np.cos(wi)))
    pts.append((0, 0, 1.0))
    unit = np.array(pts)
    if box != 1.0:
        theta = np.arctan2(unit[:, 1], unit[:, 0])
        w_ = np.arcsin(np.clip(unit[:, 2], -1, 1))
        sp = lambda c: np.sign(c) * np.abs(c) ** box  # noqa: E731
        unit = np.c_[sp(np.cos(w_)) * sp(np.cos(theta)), sp(np.cos(w_)) * sp(np.sin(theta)),
                     sp(np.sin(w_))]
    unit = unit * np.asarray(radii, float)
    v = np.asarray(centre, float) + unit @ axes
    faces, top = [], len(pts) - 1
    for j in range(n_u):
        faces.append((0, 1 + (j + 1) % n_u, 1 + j))
    for i in range(len(w) - 1):
        for j in range(n_u):
            a, b = 1 + i * n_u + j, 1 + i * n_u + (j + 1) % n_u
            faces += [(a, b, b + n_u), (a, b + n_u, a + n_u)]
    base = 1 + (len(w) - 1) * n_u
    for j in range(n_u):
        faces.append((top, base + j, base + (j + 1) % n_u))
    return outward(v, np.array(faces))


def _grid_quads(nu: int, nv: int) -> list[tuple[int, int, int, int]]:
    """Vertex indices (a, b, c, d) of each quad of an (nu, nv) grid, row-major."""
    idx = np.arange(nu * nv).reshape(nu, nv)
    return [(idx[i, j], idx[i + 1, j], idx[i + 1, j + 1], idx[i, j + 1])
            for i in range(nu - 1) for j in range(nv - 1)]


def _grid_rim(nu: int, nv: int) -> list[int]:
    """Vertex indices round the boundary of an (nu, nv) grid, in order."""
    idx = np.arange(nu * nv).reshape(nu, nv)
    return list(idx[:, 0]) + list(idx[-1, 1:]) + list(idx[::-1, -1][1:]) + list(idx[0, ::-1][1:-1])


def slab(grid, normals, thickness):
    """Closed thin sheet from an (nu, nv, 3) grid (outer face) and outward normals.

    Parameters
    ----------
    grid : numpy.ndarray, shape (nu, nv, 3)
        The outer face, mm.
    normals : numpy.ndarray, shape (nu, nv, 3)
        Outward unit normals of the grid (e.g. ``grid_normals``).
    thickness : float or array_like, shape (nu, nv)
        Sheet thickness inward from the outer face, mm.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    nu, nv, _ = grid.shape
    th = np.broadcast_to(np.asarray(thickness, float), (nu, nv))
    outer = grid.reshape(-1, 3)
    inner = (grid - th[..., None] * normals).reshape(-1, 3)
    v = np.vstack([outer, inner])
    off = nu * nv
    faces = []
    for a, b, c, d in _grid_quads(nu, nv):
        faces += [(a, b, c), (a, c, d)]
        faces += [(a + off, c + off, b + off), (a + off, d + off, c + off)]
    rim = _grid_rim(nu, nv)
    # the rim runs the way the outer quads run along their boundary edges, so each side
    # face takes the edge backwards: every edge is then shared by two faces in opposite
    # directions, and ``outward`` can trust the signed volume
    for s, e in zip(rim, rim[1:] + rim[:1]):
        faces += [(e, s, s + off), (e, s + off, e + off)]
    return outward(v, np.array(faces))


def capped_sheet(grid, rings: int = 3, lift=(0.0, 0.0, 0.0), centre=None):
    """Closed solid from an (nu, nv, 3) grid surface and a cap across its open side.

    The cap joins the grid's boundary ring to its centroid (moved by ``lift``) through
    ``rings`` shrinking copies of the ring, so the solid has no inside to show (a skull
    vault closed by a schematic base, say).

    Parameters
    ----------
    grid : numpy.ndarray, shape (nu, nv, 3)
        The outer surface, mm.
    rings : int, default 3
        Rings of the cap between the boundary and the centre.
    lift : array_like, shape (3,), default (0, 0, 0)
        Offset of the cap's centre from the boundary's centroid, mm.
    centre : array_like, shape (3,), optional
        The cap's centre, mm, instead of the boundary's centroid moved by ``lift``.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    nu, nv, _ = grid.shape
    faces = []
    for a, b, c, d in _grid_quads(nu, nv):
        faces += [(a, b, c), (a, c, d)]
    ring = np.array(_grid_rim(nu, nv))
    v = [grid.reshape(-1, 3)]
    pts = v[0][ring]
    centre = (pts.mean(axis=0) + np.asarray(lift, float) if centre is None
              else np.asarray(centre, float))
    prev, n, k = ring, nu * nv, len(ring)
    for r in range(1, rings + 1):
        t = r / (rings + 1)
        v.append(pts + t * (centre - pts))
        cur = np.arange(n, n + k)
        for q in range(k):
            a, b = prev[q], prev[(q + 1) % k]
            c, d = cur[(q + 1) % k], cur[q]
            faces += [(a, d, c), (a, c, b)]
        prev, n = cur, n + k
    v.append(centre[None])
    faces += [(prev[q], n, prev[(q + 1) % k]) for q in range(k)]
    return outward(np.vstack(v), np.array(faces))


def grid_normals(grid) -> np.ndarray:
    """Unit normals of an (nu, nv, 3) grid surface (cross product of its two directions).

    Parameters
    ----------
    grid : numpy.ndarray, shape (nu, nv, 3)
        Points of the surface, mm.

    Returns
    -------
    numpy.ndarray, shape (nu, nv, 3)
        Unit normal at each grid point (direction of d/du x d/dv).
    """
    du = np.gradient(grid, axis=0)
    dv = np.gradient(grid, axis=1)
    n = np.cross(du, dv)
    return n / np.linalg.norm(n, axis=2, keepdims=True)
