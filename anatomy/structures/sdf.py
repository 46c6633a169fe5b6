"""Bones as implicit solids: signed distances of simple parts, blended, meshed by surface nets.

A bone is written as a function ``f(points) -> values`` (mm) that is negative inside and
positive outside: capsules along paths (arches, laminae, processes), ellipsoids (bodies,
lateral masses), blended with a smooth minimum so the parts grow into each other like
bone, and holes cut with a smooth maximum (foramina, the vertebral canal). ``mesh``
samples it on a grid and extracts one closed, outward-wound triangle mesh by naive
surface nets (one vertex per cell the surface crosses, one quad per crossed grid edge),
so every bone is a single watertight surface instead of overlapping pieces.
"""

from __future__ import annotations

import numpy as np

from anatomy.meshgen import decimate, outward

__all__ = ["box", "capsules", "cylinder_z", "ellipsoid", "frame_from", "mesh", "oriented_box",
           "smooth_max", "smooth_min"]


def smooth_min(a, b, k: float = 2.0):
    """Smooth union of two distance fields (polynomial smooth minimum, blend radius k mm).

    Parameters
    ----------
    a, b : numpy.ndarray
        Two distance fields sampled at the same points, mm.
    k : float, default 2.0
        Blend radius, mm.

    Returns
    -------
    numpy.ndarray
        The blended minimum of ``a`` and ``b``.
    """
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h - k * h * (1.0 - h)


def smooth_max(a, b, k: float = 1.0):
    """Smooth intersection (use ``smooth_max(solid, -hole)`` to cut a hole).

    Parameters
    ----------
    a, b : numpy.ndarray
        Two distance fields sampled at the same points, mm.
    k : float, default 1.0
        Blend radius, mm.

    Returns
    -------
    numpy.ndarray
        The blended maximum of ``a`` and ``b``.
    """
    return -smooth_min(-a, -b, k)


def ellipsoid(p, centre, radii):
    """Approximate signed distance to an axis-aligned ellipsoid (exact on the surface).

    Parameters
    ----------
    p : numpy.ndarray, shape (n, 3)
        Query points, mm.
    centre : array_like, shape (3,)
        Centre, mm.
    radii : array_like, shape (3,)
        Semi-axes along x, y, z, mm.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance of each point, mm: negative inside, positive outside.
    """
    q = (p - np.asarray(centre, float)) / np.asarray(radii, float)
    r = np.linalg.norm(q, axis=-1)
    return (r - 1.0) * float(np.min(radii))


def capsules(p, path, radius, height=None):
    """Distance to a tube along a polyline with radius varying along it.

    ``height`` (optional, per point) gives the section a different half-extent along z,
    so a vertebral arch or lamina is taller than it is thick: the section is an ellipse
    with half-axes ``radius`` (horizontal) and ``height`` (vertical).

    Parameters
    ----------
    p : numpy.ndarray, shape (n, 3)
        Query points, mm.
    path : array_like, shape (k, 3)
        Centre line, mm.
    radius : float or array_like, shape (k,)
        Horizontal half-extent of the section at each path point, mm.
    height : float or array_like, shape (k,), optional
        Vertical half-extent at each path point, mm; ``radius`` if None.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance of each point, mm: negative inside, positive outside.
        (Approximate away from the surface.)
    """
    path = np.asarray(path, float)
    r = np.broadcast_to(np.asarray(radius, float), (len(path),))
    hz = r if height is None else np.broadcast_to(np.asarray(height, float), (len(path),))
    best = np.full(len(p), np.inf)
    for a, b, ra, rb, ha, hb in zip(path[:-1], path[1:], r[:-1], r[1:], hz[:-1], hz[1:]):
        ab = b - a
        t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
        d = p - (a + t[:, None] * ab)
        rr = ra + (rb - ra) * t
        hh = ha + (hb - ha) * t
        e = np.sqrt((d[:, 0] / rr) ** 2 + (d[:, 1] / rr) ** 2 + (d[:, 2] / hh) ** 2)
        best = np.minimum(best, (e - 1.0) * np.minimum(rr, hh))
    return best


def mesh(field, lo, hi, step: float = 1.5, smooth: int = 2, cell=None,
         symmetric: bool = True):
    """Closed triangle mesh of the zero set of ``field`` inside the box [lo, hi].

    Naive surface nets: each grid cell crossed by the surface gets one vertex at the mean
    of its edge crossings; each crossed grid edge makes a quad of the four cells around it,
    wound so the normal points from inside (negative) to outside. ``smooth`` rounds of
    Laplacian smoothing (half steps) take the grid's stair steps away. ``cell`` (mm), if
    given, then merges the vertices in cubic cells of that size (``meshgen.decimate``) to
    keep the figures light, and smooths once more.

    Parameters
    ----------
    field : callable
        Signed distance function: (n, 3) points in mm -> (n,) values, negative inside.
    lo, hi : array_like, shape (3,)
        Corners of the sampled box, mm.
    step : float, default 1.5
        Grid spacing, mm.
    smooth : int, default 2
        Rounds of Laplacian smoothing.
    cell : float or callable, optional
        Vertex-cluster size for decimation, mm; no decimation if None. A callable takes the
        (n, 3) vertices and gives each its size (finer where a small feature must stay).
    symmetric : bool, default True
        Sample x mirror-symmetrically about x = 0 and make the mesh left-right symmetric.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    axes = [np.arange(lo[k] - step, hi[k] + 2 * step, step) for k in range(3)]
    if symmetric:   # x samples mirror-symmetric about x = 0, so is the mesh (see below)
        n = int(np.ceil(max(abs(lo[0]), abs(hi[0])) / step)) + 1
        axes[0] = (np.arange(-n, n) + 0.5) * step
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1)
    shape = grid.shape[:3]
    f = np.asarray(field(grid.reshape(-1, 3)), float).reshape(shape)
    cell_sum = np.zeros((*[n - 1 for n in shape], 3))
    cell_n = np.zeros([n - 1 for n in shape])
    crossed = []
    for ax in range(3):
        a = [slice(None)] * 3
        b = [slice(None)] * 3
        a[ax], b[ax] = slice(0, -1), slice(1, None)
        fa, fb = f[tuple(a)], f[tuple(b)]
        cross = (fa < 0) != (fb < 0)
        t = np.where(cross, fa / np.where(cross, fa - fb, 1.0), 0.0)
        pts = grid[tuple(a)] + t[..., None] * (grid[tuple(b)] - grid[tuple(a)])
        idx = np.argwhere(cross)
        # add the crossing to the (up to 4) cells that share this edge
        others = [k for k in range(3) if k != ax]
        for da in (0, -1):
            for db in (0, -1):
                c = idx.copy()
                c[:, others[0]] += da
                c[:, others[1]] += db
                ok = ((c >= 0) & (c < np.array(cell_n.shape))).all(axis=1)
                c = c[ok]
                np.add.at(cell_sum, tuple(c.T), pts[tuple(idx[ok].T)])
                np.add.at(cell_n, tuple(c.T), 1)
        crossed.append((ax, idx, fa[tuple(idx.T)] < 0))
    has = cell_n > 0
    index = np.full(cell_n.shape, -1, dtype=np.int64)
    index[has] = np.arange(int(has.sum()))
    verts = cell_sum[has] / cell_n[has][:, None]
    faces = []
    for ax, idx, inside_first in crossed:
        o1, o2 = (ax + 1) % 3, (ax + 2) % 3     # right-handed cyclic order round the edge
        quads = []
        for d1, d2 in ((-1, -1), (0, -1), (0, 0), (-1, 0)):
            c = idx.copy()
            c[:, o1] += d1
            c[:, o2] += d2
            quads.append(c)
        ok = np.ones(len(idx), bool)
        for c in quads:
            ok &= ((c >= 0) & (c < np.array(cell_n.shape))).all(axis=1)
        q = np.stack([index[tuple(c[ok].T)] for c in quads], axis=1)
        flip = ~inside_first[ok]
        q[flip] = q[flip][:, ::-1]
        faces += [q[:, [0, 1, 2]], q[:, [0, 2, 3]]]
    faces = np.vstack(faces)
    faces = faces[(faces >= 0).all(axis=1)]
    for _ in range(smooth):
        verts = _laplacian(verts, faces, 0.5)
    if cell:
        d = decimate(verts, faces, cell(verts) if callable(cell) else cell)
        used = np.unique(d.faces)
        remap = np.full(len(d.vertices), -1)
        remap[used] = np.arange(len(used))
        verts, faces = d.vertices[used], remap[d.faces]
        verts = _laplacian(verts, faces, 0.3)
    if symmetric:
        coarse = cell if cell and not callable(cell) else step
        verts = _symmetrise(verts, 0.45 * coarse)
    return outward(verts, faces)


def _symmetrise(v, tol):
    """Average each vertex with the mirror image of its mirror partner (within ``tol``), so a
    midline bone is exactly left-right symmetric where its mesh allows; vertices on the
    midline get x = 0."""
    from scipy.spatial import cKDTree

    m = v * [-1.0, 1.0, 1.0]
    dist, j = cKDTree(v).query(m)
    ok = dist < tol
    out = v.copy()
    out[ok] = 0.5 * (v[ok] + m[j[ok]])
    return out


def _laplacian(v, f, lam):
    """One round of uniform Laplacian smoothing (each vertex moves ``lam`` to the mean of
    its neighbours)."""
    e = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    e = np.vstack([e, e[:, ::-1]])
    acc = np.zeros_like(v)
    np.add.at(acc, e[:, 0], v[e[:, 1]])
    n = np.bincount(e[:, 0], minlength=len(v))[:, None]
    mean = np.where(n > 0, acc / np.maximum(n, 1), v)
    return v + lam * (mean - v)


def box(p, centre, half, rounding: float = 1.0):
    """Signed distance to an axis-aligned box with rounded edges (``half``: half sizes).

    Parameters
    ----------
    p : numpy.ndarray, shape (n, 3)
        Query points, mm.
    centre : array_like, shape (3,)
        Centre of the box, mm.
    half : array_like, shape (3,)
        Half sizes along x, y, z, mm (rounding included).
    rounding : float, default 1.0
        Radius of the rounded edges, mm.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance of each point, mm: negative inside, positive outside.
    """
    q = np.abs(p - np.asarray(centre, float)) - (np.asarray(half, float) - rounding)
    outside = np.linalg.norm(np.maximum(q, 0.0), axis=-1)
    return outside + np.minimum(q.max(axis=-1), 0.0) - rounding


def cylinder_z(p, centre_xy, radius):
    """Distance to an infinite vertical cylinder (to cut a foramen with ``smooth_max``).

    Parameters
    ----------
    p : numpy.ndarray, shape (n, 3)
        Query points, mm.
    centre_xy : array_like, shape (2,)
        Axis position (x, y), mm.
    radius : float
        Radius, mm.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance of each point, mm: negative inside, positive outside.
    """
    d = p[:, :2] - np.asarray(centre_xy, float)
    return np.linalg.norm(d, axis=-1) - radius


def oriented_box(p, centre, axes, half, rounding: float = 1.0):
    """Rounded box with local axes (rows of ``axes``: unit x, y, z) and half sizes ``half``.

    Parameters
    ----------
    p : numpy.ndarray, shape (n, 3)
        Query points, mm.
    centre : array_like, shape (3,)
        Centre of the box, mm.
    axes : array_like, shape (3, 3)
        Rows are the box's unit x, y, z axes (e.g. from ``frame_from``).
    half : array_like, shape (3,)
        Half sizes along the local axes, mm.
    rounding : float, default 1.0
        Radius of the rounded edges, mm.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance of each point, mm: negative inside, positive outside.
    """
    q = (p - np.asarray(centre, float)) @ np.asarray(axes, float).T
    return box(q, np.zeros(3), half, rounding)


def frame_from(z_dir, x_hint) -> np.ndarray:
    """Orthonormal axes (rows x, y, z) with z along ``z_dir`` and x as close to ``x_hint``.

    Parameters
    ----------
    z_dir : array_like, shape (3,)
        Direction of the local z axis (any length).
    x_hint : array_like, shape (3,)
        Wanted direction of the local x axis; its part along ``z_dir`` is removed.

    Returns
    -------
    numpy.ndarray, shape (3, 3)
        Rows are the unit x, y, z axes (right-handed).
    """
    z = np.asarray(z_dir, float)
    z = z / np.linalg.norm(z)
    x = np.asarray(x_hint, float) - (np.asarray(x_hint, float) @ z) * z
    x = x / np.linalg.norm(x)
    return np.array([x, np.cross(z, x), z])
