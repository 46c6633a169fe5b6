"""Fields and regions on a triangle mesh, drawn with smooth edges.

A per-vertex field coloured face by face (or vertex by vertex) has a saw-tooth edge: the
edge of a zone follows the mesh's triangles. Here the mesh is cut along the level line
of a smooth field instead (marching triangles, ``meshgen.level_regions``): the edge is a
straight segment inside each triangle, so the whole edge is a smooth polyline. The
inside and outside get their own vertices, so the colour changes exactly on that line.

Both engines use it: ``plotly3d`` meshes (per-vertex intensity on the split mesh) and
``mpl2d`` plates (per-face colours). ``outlines`` and ``turning_angles`` measure an
edge (tests and the benchmark use them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anatomy import meshgen
from anatomy.surface import unique_edges

__all__ = ["CutField", "cap_crop", "chained", "clip_mesh", "cut_field", "drawn_skin_part",
           "face_outline", "level_segments", "resample", "resample_weights", "turning_angles"]


@dataclass(frozen=True, eq=False)
class CutField:
    """A mesh cut along a field's level line, inside and outside with their own vertices.

    ``values`` is 0 on the outside vertices and at least ``floor`` on the inside ones, so
    a colour scale that jumps at ``floor`` changes colour exactly on the cut.
    """

    vertices: np.ndarray
    faces: np.ndarray
    inside: np.ndarray  # (M,) bool: the face is inside the level line
    values: np.ndarray  # (N,) per-vertex value to colour by

    def face_values(self) -> np.ndarray:
        """Mean value of each face (0 outside).

        Returns
        -------
        numpy.ndarray, shape (n_faces,)
            Per-face value for per-face colouring (matplotlib plates).
        """
        return self.values[self.faces].mean(axis=1)

    def corner_values(self) -> np.ndarray:
        """The value at each face's corners (0 outside).

        Returns
        -------
        numpy.ndarray, shape (n_faces, 3)
            Per-corner values, for plates shaded from corner to corner: coloured by the
            face's mean, a heat field showed its triangles (reviewer).
        """
        return self.values[self.faces]

    def edge(self) -> np.ndarray:
        """The cut line as polylines (points, NaN rows between lines), mm.

        Returns
        -------
        numpy.ndarray, shape (k, 3)
            Points of the edge between inside and outside faces.
        """
        return face_outline(self.vertices, self.faces, self.inside)


def cut_field(vertices, faces, level_field, level: float, values=None,
              floor: float = 0.0) -> CutField:
    """Cut a mesh along ``level_field == level`` and split it into inside and outside.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles (vertex indices).
    level_field : array_like, shape (n,)
        A smooth per-vertex field; inside is where it is at least ``level``.
    level : float
        The level of the edge.
    values : array_like, shape (n,), optional
        The field to colour by (default ``level_field``), interpolated onto the cut.
    floor : float, default 0.0
        Least value of an inside vertex (the first colour of a heat scale).

    Returns
    -------
    CutField
        The split mesh with per-vertex values: 0 outside, at least ``floor`` inside.
    """
    level_field = np.asarray(level_field, float)
    values = level_field if values is None else np.asarray(values, float)
    v, f, lab, attr = meshgen.level_regions(vertices, faces, level_field[None], level,
                                            attributes=values[:, None])
    inside = lab == 0
    out_v, out_f, vals = [], [], []
    n = 0
    for part in (~inside, inside):
        used, inverse = np.unique(f[part], return_inverse=True)
        out_v.append(v[used])
        out_f.append(inverse.reshape(-1, 3) + n)
        vals.append(np.maximum(attr[used, 0], floor) if part is inside
                    else np.zeros(len(used)))
        n += len(used)
    flags = np.r_[np.zeros((~inside).sum(), bool), np.ones(inside.sum(), bool)]
    return CutField(np.vstack(out_v), np.vstack(out_f), flags, np.concatenate(vals))


def level_segments(values, faces, vertices, level: float) -> np.ndarray:
    """Level line of a per-vertex field on a triangle mesh, as segments with NaN breaks.

    Parameters
    ----------
    values : array_like, shape (n,)
        Per-vertex field (linear on each face).
    faces : array_like, shape (m, 3)
        Triangles.
    vertices : array_like, shape (n, 3)
        Vertex positions, mm.
    level : float
        The level.

    Returns
    -------
    numpy.ndarray, shape (3 k, 3)
        Start, end and a NaN row per segment (one segment in each face the line crosses).
    """
    values, faces = np.asarray(values, float), np.asarray(faces)
    vertices = np.asarray(vertices, float)
    tri_v = values[faces]
    above = tri_v >= level
    mixed = above.any(1) & ~above.all(1)
    out = []
    for f, vals in zip(faces[mixed], tri_v[mixed]):
        pts = []
        for a, b in ((0, 1), (1, 2), (2, 0)):
            va, vb = vals[a], vals[b]
            if (va >= level) != (vb >= level):
                t = (level - va) / (vb - va)
                pts.append(vertices[f[a]] + t * (vertices[f[b]] - vertices[f[a]]))
        if len(pts) == 2:
            out += [pts[0], pts[1], [np.nan] * 3]
    return np.array(out) if out else np.empty((0, 3))


def face_outline(vertices, faces, inside) -> np.ndarray:
    """Edge between inside and outside faces: mesh edges with one face on each side.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Vertex positions, mm.
    faces : array_like, shape (m, 3)
        Triangles.
    inside : array_like of bool, shape (m,)
        Which faces are inside.

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        Polylines (``chained``), NaN rows between them. On a cut mesh whose inside and
        outside have their own vertices, edges are matched by position.
    """
    v = np.asarray(vertices, float)
    inside = np.asarray(inside, bool)
    points, key = np.unique(np.round(v, 4), axis=0, return_inverse=True)
    f = key.ravel()[np.asarray(faces)]
    uniq, sides = unique_edges(f)
    inv = sides.ravel()   # face by face, like np.repeat(inside, 3)
    n_in = np.bincount(inv, weights=np.repeat(inside, 3), minlength=len(uniq))
    n_all = np.bincount(inv, minlength=len(uniq))
    segs = [(points[a], points[b]) for a, b in uniq[(n_in == 1) & (n_all == 2)]]
    if not segs:
        return np.empty((0, 3))
    return chained(np.array([[a, b, [np.nan] * 3] for a, b in segs]).reshape(-1, 3))


def chained(segments) -> np.ndarray:
    """Segments (pairs of points separated by NaN rows) joined into polylines where they
    share end points, NaN rows between the polylines: a third of the points to send.

    Parameters
    ----------
    segments : array_like, shape (3 k, 3)
        Start, end and NaN row per segment (as ``level_segments`` returns).

    Returns
    -------
    numpy.ndarray
        The polylines, each followed by a NaN row.
    """
    seg = np.asarray(segments, float).reshape(-1, 3, 3)[:, :2]
    if not len(seg):
        return np.empty((0, 3))
    ends = np.round(seg.reshape(-1, 3), 3)
    _, node = np.unique(ends, axis=0, return_inverse=True)
    node = node.ravel().reshape(-1, 2)
    links: dict[int, list[int]] = {}
    for k, (a, b) in enumerate(node.tolist()):
        links.setdefault(a, []).append(k)
        links.setdefault(b, []).append(k)
    used = np.zeros(len(seg), bool)
    out = []
    for start in range(len(seg)):
        if used[start]:
            continue
        used[start] = True
        line = [node[start, 0], node[start, 1]]
        points = [seg[start, 0], seg[start, 1]]
        for forward in (True, False):
            while True:
                tip = line[-1] if forward else line[0]
                nxt = [k for k in links[tip] if not used[k]]
                if not nxt:
                    break
                k = nxt[0]
                used[k] = True
                j = 1 if node[k, 0] == tip else 0
                if forward:
                    line.append(node[k, j])
                    points.append(seg[k, j])
                else:
                    line.insert(0, node[k, j])
                    points.insert(0, seg[k, j])
        out += points + [np.full(3, np.nan)]
    return np.array(out)


def turning_angles(polylines, min_step: float = 0.5) -> np.ndarray:
    """Turning angle (degrees) at every inner point of polylines: 0 on a straight line,
    about 60-120 on the saw tooth of whole triangles.

    Parameters
    ----------
    polylines : array_like, shape (k, 3)
        Points with NaN rows between polylines (as ``chained`` returns).
    min_step : float, default 0.5
        Points closer than this (mm) to the previous one are merged first.

    Returns
    -------
    numpy.ndarray
        One angle per inner point of every polyline.
    """
    pts = np.asarray(polylines, float)
    breaks = np.flatnonzero(np.isnan(pts[:, 0]))
    out = []
    for line in np.split(pts, breaks):
        line = line[~np.isnan(line[:, 0])]
        if len(line) < 3:
            continue
        keep = [line[0]]
        for p in line[1:]:
            if np.linalg.norm(p - keep[-1]) >= min_step:
                keep.append(p)
        line = np.array(keep)
        d = np.diff(line, axis=0)
        d /= np.linalg.norm(d, axis=1, keepdims=True)
        cos = np.clip((d[1:] * d[:-1]).sum(axis=1), -1, 1)
        out.append(np.degrees(np.arccos(cos)))
    return np.concatenate(out) if out else np.empty(0)


def resample(values, source, faces, target, k: int = 6) -> np.ndarray:
    """Per-vertex values of one mesh at points lying on it (the drawn skin's vertices
    over a model mesh): linear inside the face nearest each point (barycentric), so a
    field stays as smooth as it was.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values at the source vertices.
    source : array_like, shape (n, 3)
        Source vertices, mm.
    faces : array_like, shape (m, 3)
        Source triangles.
    target : array_like, shape (p, 3)
        Points on or near the source surface, mm.
    k : int, default 6
        Candidate faces per point (nearest by centroid).

    Returns
    -------
    numpy.ndarray, shape (p,)
        The values at the target points.
    """
    corners, weights = resample_weights(source, faces, target, k)
    return (np.asarray(values, float)[corners] * weights).sum(axis=1)


_FACE_INDEXES: list = []  # (source, faces, triangles, tree) of recent source meshes


def _face_index(source, faces):
    """The triangles of a source mesh and a tree of their centroids, kept for the last
    few read-only meshes (by identity; the kit's cached meshes are read-only, so they
    cannot change under the index): a map panel resamples one mesh dozens of times."""
    from scipy.spatial import cKDTree  # scipy loads on first use (import cost)

    for src, fc, tri, tree in _FACE_INDEXES:
        if src is source and fc is faces:
            return tri, tree
    tri = np.asarray(source, float)[np.asarray(faces)]
    tree = cKDTree(tri.mean(axis=1))
    if all(isinstance(a, np.ndarray) and not a.flags.writeable for a in (source, faces)):
        _FACE_INDEXES[:] = [(source, faces, tri, tree), *_FACE_INDEXES[:3]]
    return tri, tree


def resample_weights(source, faces, target, k: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """The corners and barycentric weights ``resample`` uses (compute once, reuse for
    many fields on the same pair of meshes).

    Parameters
    ----------
    source : array_like, shape (n, 3)
        Source vertices, mm.
    faces : array_like, shape (m, 3)
        Source triangles.
    target : array_like, shape (p, 3)
        Points on or near the source surface, mm.
    k : int, default 6
        Candidate faces per point (nearest by centroid).

    Returns
    -------
    corners : numpy.ndarray, shape (p, 3)
        Source vertex indices of the face each point falls in.
    weights : numpy.ndarray, shape (p, 3)
        Their weights (non-negative, summing to 1).
    """
    f = np.asarray(faces)
    pts = np.asarray(target, float)
    tri, tree = _face_index(source, faces)
    _, cand = tree.query(pts, k=k)  # (p, k)
    a, b, c = (tri[cand][:, :, i] for i in range(3))  # (p, k, 3) each
    e0, e1, d = b - a, c - a, pts[:, None] - a
    d00, d01, d11 = (e0 * e0).sum(-1), (e0 * e1).sum(-1), (e1 * e1).sum(-1)
    d20, d21 = (d * e0).sum(-1), (d * e1).sum(-1)
    den = np.maximum(d00 * d11 - d01 ** 2, 1e-12)
    w1 = (d11 * d20 - d01 * d21) / den
    w2 = (d00 * d21 - d01 * d20) / den
    w = np.clip(np.stack([1 - w1 - w2, w1, w2], axis=-1), 0, None)
    w /= np.maximum(w.sum(-1, keepdims=True), 1e-12)  # the projection, pulled into the face
    foot = w[..., :1] * a + w[..., 1:2] * b + w[..., 2:] * c
    best = np.linalg.norm(foot - pts[:, None], axis=-1).argmin(axis=1)
    rows = np.arange(len(pts))
    return f[cand[rows, best]], w[rows, best]


def drawn_skin_part(keep_face) -> tuple[np.ndarray, np.ndarray]:
    """The smooth outer shell the 3D views draw (``anatomy.shell.display_skin``), only
    the faces ``keep_face`` accepts: print plates draw fields on it.

    Parameters
    ----------
    keep_face : callable
        Takes the (m, 3, 3) corner positions of the shell's faces, returns a bool mask.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        The kept faces' vertices, mm.
    faces : numpy.ndarray, shape (k, 3)
        The kept faces, re-indexed.
    """
    from anatomy import shell

    d = shell.display_skin()
    f = np.asarray(d.faces)[keep_face(np.asarray(d.vertices)[d.faces])]
    used, inverse = np.unique(f, return_inverse=True)
    return np.asarray(d.vertices)[used], inverse.reshape(f.shape)


def clip_mesh(vertices, faces, values=None, *, z_min: float, abs_x_max: float):
    """A mesh cut on the planes z = ``z_min`` and x = +-``abs_x_max``, keeping what lies
    above and between them: faces crossing a cut are clipped, so the mesh ends in a clean
    edge, not a saw tooth of whole faces.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices, mm.
    faces : (M, 3) array_like of int
        Triangles.
    values : (N, K) array_like, optional
        Per-vertex values carried to the clipped mesh's vertices.
    z_min, abs_x_max : float
        The cuts, mm.

    Returns
    -------
    vertices, faces, values : numpy.ndarray
        The clipped mesh and its values ((N', 0) if none were given).
    """
    from anatomy import meshops

    v, f = np.asarray(vertices, float), np.asarray(faces)
    vals = np.zeros((len(v), 0)) if values is None else np.asarray(values, float)
    for field in (lambda p: p[:, 2] - z_min, lambda p: abs_x_max - np.abs(p[:, 0])):
        v, f, label, vals = meshops.level_regions(v, f, field(v)[None, :], level=0.0,
                                                  attributes=vals)
        used, inverse = np.unique(f[label == 0], return_inverse=True)
        v, f, vals = v[used], inverse.reshape(-1, 3), vals[used]
    return v, f, vals


def cap_crop(vertices, faces, values=None, *, abs_x_max: float):
    """Close the cut of ``clip_mesh`` with flat caps: one on each side plane
    (x = +-``abs_x_max``) across the shoulder, and one on the floor across the trunk.

    Each cap is a fan round the mean of its rim, which is one boundary loop's run on its
    plane (a side cap is closed by the straight edge between the run's two corners on the
    floor, which the floor cap shares). One fan round the whole cut, which runs up and
    over each shoulder, passed through the skin of the shoulders.

    Parameters
    ----------
    vertices : (N, 3) array_like
        The clipped mesh's vertices, mm.
    faces : (M, 3) array_like of int
        Its triangles.
    values : (N, K) array_like, optional
        Per-vertex values; each cap's centre takes the mean of its rim's.
    abs_x_max : float
        The side planes of the cut, as given to ``clip_mesh``.

    Returns
    -------
    vertices, faces, values : numpy.ndarray
        The closed mesh (one centre vertex more per cap) and its values.
    """
    from anatomy.shell import boundary_loops

    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    vals = np.zeros((len(v), 0)) if values is None else np.asarray(values, float)
    rims = []
    for loop in boundary_loops(f):
        loop = list(loop)
        on_side = np.abs(np.abs(v[loop, 0]) - abs_x_max) < 1e-6
        if on_side.all() or not on_side.any():
            rims.append(loop)
            continue
        start = int(np.flatnonzero(~on_side)[0])     # begin on the floor
        loop = loop[start:] + loop[:start]
        on_side = np.roll(on_side, -start)
        floor, run = [], []
        for k, i in enumerate(loop):
            if on_side[k]:
                run.append(i)
                continue
            if run:                 # a side run ends: its cap, and its chord on the floor
                rims.append(run)
                floor += [run[0], run[-1]]
                run = []
            floor.append(i)
        if run:
            rims.append(run)
            floor += [run[0], run[-1]]
        rims.append(floor)
    new_v, new_f, new_vals = [v], [f], [vals]
    n = len(v)
    for rim in rims:
        new_v.append(v[rim].mean(axis=0)[None])
        new_vals.append(vals[rim].mean(axis=0)[None])
        new_f.append(np.array([(n, rim[(k + 1) % len(rim)], rim[k]) for k in range(len(rim))]))
        n += 1
    return np.vstack(new_v), np.vstack(new_f), np.vstack(new_vals)
