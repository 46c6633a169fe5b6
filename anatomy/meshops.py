"""Operations on triangle meshes: winding, merging, mirroring, refining, subdividing,
decimating (millimetres, the kit's frame); cutting along a level of a field lives in
``anatomy.levels`` and is re-exported here.

Part of the kit's one mesh toolkit; ``anatomy.meshgen`` re-exports all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anatomy.conventions import mirror_x
from anatomy.levels import level_regions  # re-exported: one mesh toolkit
from anatomy.surface import unique_edges, vertex_normals

__all__ = ["Decimated", "decimate", "level_regions", "merge", "mirror", "outward", "refine",
           "refine_by_field", "simplify", "subdivide", "weld"]


def outward(v, f):
    """Flip the winding if the closed mesh has negative signed volume.

    Parameters
    ----------
    v : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    f : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    faces : numpy.ndarray of int64, shape (m, 3)
        Triangles, wound so their normals point outward.
    """
    tri = v[f]
    vol = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum()
    return np.asarray(v, float), (f[:, ::-1] if vol < 0 else f).astype(np.int64)


def merge(parts):
    """One mesh from [(vertices, faces), ...], the faces re-indexed.

    Parameters
    ----------
    parts : iterable of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` pairs.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        All vertices, in order.
    faces : numpy.ndarray, shape (m, 3)
        All faces, indices shifted to the merged vertices.
    """
    vs, fs, off = [], [], 0
    for v, f in parts:
        vs.append(v)
        fs.append(f + off)
        off += len(v)
    return np.vstack(vs), np.vstack(fs)


def weld(mesh, decimals: int = 6):
    """Merge a mesh's vertices that share a position (to ``decimals`` mm); the faces that
    lose a corner by it are dropped, and so are the vertices no face then uses.

    Parameters
    ----------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)``.
    decimals : int
        Rounding of the positions compared.

    Returns
    -------
    vertices : numpy.ndarray
        The distinct vertices.
    faces : numpy.ndarray
        The faces re-indexed to them.
    """
    v, f = mesh
    _, first, inv = np.unique(np.round(v, decimals), axis=0, return_index=True,
                              return_inverse=True)
    f = inv.ravel()[f]
    f = f[(f[:, 0] != f[:, 1]) & (f[:, 1] != f[:, 2]) & (f[:, 0] != f[:, 2])]
    used, inverse = np.unique(f, return_inverse=True)
    return v[first][used], inverse.reshape(f.shape)


def mirror(v, f):
    """A mesh mirrored across the midsagittal plane, its winding reversed so it stays outward.

    Parameters
    ----------
    v : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    f : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        The vertices with x negated, mm.
    faces : numpy.ndarray, shape (m, 3)
        The faces with reversed winding.
    """
    return mirror_x(v), f[:, ::-1].copy()



def refine(v: np.ndarray, f: np.ndarray, max_edge: float) -> tuple[np.ndarray, np.ndarray]:
    """Split every edge longer than ``max_edge`` at its midpoint until none is left.

    Conforming (red-green) refinement: a face with 1, 2 or 3 split edges becomes 2, 3 or
    4 faces sharing the midpoints, so the dense face region stays as modelled and the
    coarse scalp gets finer; the shape is unchanged. At most 8 rounds are made.

    Parameters
    ----------
    v : numpy.ndarray, shape (n, 3)
        Mesh vertices, mm.
    f : numpy.ndarray, shape (m, 3)
        Triangles as vertex indices.
    max_edge : float
        Longest edge allowed, mm.

    Returns
    -------
    vertices : numpy.ndarray, shape (n', 3)
        The old vertices followed by the new midpoints, mm.
    faces : numpy.ndarray, shape (m', 3)
        The refined triangles.
    """
    for _ in range(8):
        uniq, inv = unique_edges(f)
        long = np.linalg.norm(v[uniq[:, 0]] - v[uniq[:, 1]], axis=1) > max_edge
        if not long.any():
            break
        mid = np.full(len(uniq), -1)
        mid[long] = len(v) + np.arange(long.sum())
        v = np.vstack([v, v[uniq[long]].mean(axis=1)])
        f = _split_faces(v, f, mid[inv])
    return v, f


def refine_by_field(v, f, sample, max_edge: float, steps, rounds: int = 8):
    """Split edges where a field needs more vertices than the mesh has: an edge longer
    than ``max_edge`` is split at its midpoint when one of the sampled fields changes
    along it by more than its step, or changes sign (a step of 0), until none is left.

    Conforming splits as in ``refine``; the shape is unchanged. The new vertices' values
    come from ``sample``, not from the edge's ends, so the finer faces add detail.

    Parameters
    ----------
    v : array_like, shape (n, 3)
        Mesh vertices, mm.
    f : array_like, shape (m, 3)
        Triangles as vertex indices.
    sample : callable
        ``sample(points)`` -> array of shape (len(points), k): the k fields at points
        on the surface.
    max_edge : float
        Edges this long or shorter are never split, mm; must be positive.
    steps : sequence of float, length k
        Largest change of each field along an edge; 0 means "split where it changes
        sign".
    rounds : int, default 8
        Most rounds of splitting.

    Returns
    -------
    vertices : numpy.ndarray, shape (n', 3)
        The old vertices followed by the new midpoints, mm.
    faces : numpy.ndarray, shape (m', 3)
        The refined triangles.
    values : numpy.ndarray, shape (n', k)
        The sampled fields at every vertex.

    Raises
    ------
    ValueError
        If ``max_edge`` is not positive, a step is negative, or ``sample`` does not
        return one value per step for each point.
    """
    if not max_edge > 0:
        raise ValueError(f"max_edge must be positive, got {max_edge!r}.")
    steps = np.asarray(steps, float)
    if steps.ndim != 1 or (steps < 0).any():
        raise ValueError(f"steps must be a sequence of non-negative numbers, got {steps!r}.")
    v, f = np.asarray(v, float), np.asarray(f, np.int64)
    values = np.asarray(sample(v), float)
    if values.shape != (len(v), len(steps)):
        raise ValueError(f"sample returned shape {values.shape}; expected "
                         f"({len(v)}, {len(steps)}), one value per step.")
    for _ in range(rounds):
        uniq, inv = unique_edges(f)
        a, b = values[uniq[:, 0]], values[uniq[:, 1]]
        jump = np.where(steps > 0, np.abs(a - b) > steps, (a > 0) != (b > 0)).any(axis=1)
        split = jump & (np.linalg.norm(v[uniq[:, 0]] - v[uniq[:, 1]], axis=1) > max_edge)
        if not split.any():
            break
        mid = np.full(len(uniq), -1)
        mid[split] = len(v) + np.arange(split.sum())
        new = v[uniq[split]].mean(axis=1)
        v = np.vstack([v, new])
        values = np.vstack([values, np.asarray(sample(new), float).reshape(len(new), -1)])
        f = _split_faces(v, f, mid[inv])
    return v, f, values


def _split_faces(v: np.ndarray, f: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Faces after splitting; ``m`` (M, 3) holds the midpoint of edges 01, 12, 20 or -1."""
    k = (m >= 0).sum(axis=1)
    out = [f[k == 0]]
    a, b, c = f[k == 3].T
    m0, m1, m2 = m[k == 3].T
    out += [np.c_[a, m0, m2], np.c_[m0, b, m1], np.c_[m2, m1, c], np.c_[m0, m1, m2]]
    for r in range(3):  # rotate each face so that its first edge (p-q) is split
        rot = np.roll(f, -r, axis=1)
        mr = np.roll(m, -r, axis=1)
        one = (k == 1) & (mr[:, 0] >= 0)
        p, q, s = rot[one].T
        out += [np.c_[p, mr[one, 0], s], np.c_[mr[one, 0], q, s]]
        two = (k == 2) & (mr[:, 0] >= 0) & (mr[:, 1] >= 0)
        p, q, s = rot[two].T
        pq, qs = mr[two, 0], mr[two, 1]
        short = np.linalg.norm(v[pq] - v[s], axis=1) <= np.linalg.norm(v[p] - v[qs], axis=1)
        out += [np.where(short[:, None], np.c_[p, pq, s], np.c_[p, pq, qs]),
                np.c_[pq, q, qs],
                np.where(short[:, None], np.c_[pq, qs, s], np.c_[p, qs, s])]
    return np.vstack(out).astype(np.int64)



def subdivide(vertices, faces) -> tuple[np.ndarray, np.ndarray]:
    """Midpoint subdivision: every triangle becomes four (edges halved, shape unchanged).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.

    Returns
    -------
    vertices : numpy.ndarray, shape (n + n_edges, 3)
        The old vertices followed by one midpoint per edge, mm.
    faces : numpy.ndarray of int64, shape (4 * m, 3)
        The subdivided triangles.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, dtype=np.int64)
    edges = np.sort(np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]]), axis=1)
    keys, inverse = np.unique(edges[:, 0] * len(v) + edges[:, 1], return_inverse=True)
    unique = np.c_[keys // len(v), keys % len(v)]
    mid = len(v) + inverse.ravel().reshape(3, -1).T  # (M, 3): midpoints of edges 01, 12, 20
    a, b, c = f.T
    ab, bc, ca = mid.T
    new_f = np.vstack([np.c_[a, ab, ca], np.c_[ab, b, bc], np.c_[ca, bc, c], np.c_[ab, bc, ca]])
    return np.vstack([v, v[unique].mean(axis=1)]), new_f




@dataclass(frozen=True)
class Decimated:
    """A vertex-clustered copy of a mesh and the cluster of every original vertex."""

    vertices: np.ndarray
    faces: np.ndarray
    labels: np.ndarray  # (N,) cluster index of each original vertex; -1 if dropped

    def transfer(self, values) -> np.ndarray:
        """Per-vertex values of the original mesh averaged onto the decimated vertices.

        Parameters
        ----------
        values : array_like, shape (n_original,)
            One value per vertex of the mesh that was decimated.

        Returns
        -------
        numpy.ndarray, shape (n_decimated,)
            For each decimated vertex, the mean of the values of the original vertices merged
            into it (0 where none).
        """
        values = np.asarray(values, float)
        keep = self.labels >= 0
        n = len(self.vertices)
        total = np.bincount(self.labels[keep], weights=values[keep], minlength=n)
        count = np.bincount(self.labels[keep], minlength=n)
        return total / np.maximum(count, 1)


def decimate(vertices, faces, cell_mm=6.0, z_min: float | None = None) -> Decimated:
    """Vertex clustering: merge the vertices in each cubic cell; faces that collapse are dropped.

    Cells are centred on x = 0, so the result stays left-right symmetric. Faces that flip
    (against the clusters' mean normal) and duplicates are dropped too. A cell size per
    vertex keeps a small feature finer than the rest of the mesh: vertices of one size
    are merged only with vertices of that size.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    cell_mm : float or array_like of shape (n,), default 6.0
        Edge of the cubic cells, mm, for the whole mesh or for each vertex; must be
        positive.
    z_min : float, optional
        First drop faces with any vertex below this height (mm), e.g. the shoulders.

    Returns
    -------
    Decimated
        The merged ``vertices`` and ``faces``, and ``labels`` (original vertex -> new
        vertex, -1 for vertices dropped).

    Raises
    ------
    ValueError
        If a cell size is not positive, or ``cell_mm`` is an array with a length other
        than the number of vertices.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces)
    size = np.asarray(cell_mm, float)
    if size.ndim == 0:
        size = np.full(len(v), float(size))
    if size.shape != (len(v),):
        raise ValueError(f"cell_mm must be one size or one per vertex ({len(v)}), got "
                         f"shape {size.shape}.")
    if (size <= 0).any():
        raise ValueError(f"cell_mm must be positive, got {size[size <= 0][0]!r}.")
    if z_min is not None:
        f = f[(v[f][:, :, 2] >= z_min).all(axis=1)]
    used = np.unique(f)
    cells = np.floor(v[used] / size[used, None] + 0.5).astype(np.int64)
    # a cluster is a cell of one size: the size's rank is a fourth coordinate
    keys = np.c_[np.unique(size[used], return_inverse=True)[1].ravel(), cells]
    _, cluster = np.unique(keys, axis=0, return_inverse=True)
    cluster = cluster.ravel()
    labels = np.full(len(v), -1, dtype=np.int64)
    labels[used] = cluster
    n = cluster.max() + 1
    new_v = np.stack([np.bincount(cluster, weights=v[used, k], minlength=n)
                      for k in range(3)], axis=1) / np.bincount(cluster, minlength=n)[:, None]
    new_f = labels[f]
    ok = (new_f[:, 0] != new_f[:, 1]) & (new_f[:, 1] != new_f[:, 2]) & (new_f[:, 0]
                                                                           != new_f[:, 2])
    new_f = new_f[ok]
    # drop faces that flipped: their normal opposes the mean original normal of the cluster
    normals = vertex_normals(v, f)[used]
    cluster_n = np.stack([np.bincount(cluster, weights=normals[:, k], minlength=n)
                          for k in range(3)], axis=1)
    tri = new_v[new_f]
    face_n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    new_f = new_f[(face_n * cluster_n[new_f].sum(axis=1)).sum(axis=1) > 0]
    srt = np.sort(new_f, axis=1)
    _, first = np.unique((srt[:, 0] * n + srt[:, 1]) * n + srt[:, 2], return_index=True)
    new_f = new_f[np.sort(first)]
    return Decimated(new_v, new_f, labels)


def simplify(vertices, faces, target_faces: int,
             preserve_border: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Quadric edge-collapse simplification (Garland & Heckbert 1997) by the
    ``fast-simplification`` package: flat parts get large triangles, curved and thin
    parts keep small ones, and no holes open (unlike vertex clustering, ``decimate``).

    For geometry that is stored (``anatomy.store``): figures read the stored result and
    never import the package.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    target_faces : int
        Number of triangles to keep; at least 4 and fewer than ``m``.
    preserve_border : bool, default False
        Keep the vertices of open edges where they are (a mesh cut from a larger one then
        still meets the rest along its cut).

    Returns
    -------
    vertices : numpy.ndarray, shape (n', 3)
        The simplified mesh's vertices, mm.
    faces : numpy.ndarray of int64, shape (about ``target_faces``, 3)
        Its triangles.

    Raises
    ------
    ValueError
        If ``target_faces`` is not an integer between 4 and the number of faces.
    """
    import fast_simplification  # build time only (see above)

    f = np.array(faces, np.int32)
    if (isinstance(target_faces, bool) or not isinstance(target_faces, (int, np.integer))
            or not 4 <= target_faces < len(f)):
        raise ValueError(f"target_faces must be an integer from 4 to {len(f) - 1} (the mesh "
                         f"has {len(f)} faces), got {target_faces!r}.")
    v, f = fast_simplification.simplify(np.array(vertices, np.float64), f,
                                        target_count=int(target_faces),
                                        preserve_border=bool(preserve_border))
    return np.asarray(v, float), np.asarray(f, np.int64)
