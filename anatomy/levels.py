"""Cutting triangle meshes along the level lines of per-vertex fields, exactly: the fields
are linear on each face, so the cuts are straight within a face and a region's edge is a
smooth curve rather than a saw tooth of whole faces (millimetres, the kit's frame).

Part of the kit's one mesh toolkit; ``anatomy.meshops`` and ``anatomy.meshgen``
re-export ``level_regions``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["level_overlap", "level_regions"]


def _clip(poly: list) -> list:
    """Sutherland-Hodgman: the part of a polygon, given as (attributes, g) pairs, where the
    linear function g is >= 0."""
    out = []
    n = len(poly)
    for i in range(n):
        (p, gp), (q, gq) = poly[i], poly[(i + 1) % n]
        if gp >= 0:
            out.append((p, gp))
        if (gp >= 0) != (gq >= 0):
            t = gp / (gp - gq)
            out.append((p + t * (q - p), 0.0))
    return out


def level_regions(vertices, faces, fields, level: float = 0.5, attributes=None):
    """Cut a mesh along the level lines of per-vertex fields, exactly (the fields are
    linear on each face), so a region's edge is a smooth curve rather than a saw tooth of
    whole faces.

    Each point gets the label of the largest field that reaches ``level`` there, or -1.
    Faces with one label throughout are kept whole; the others are clipped into polygons
    (one per label) and fanned into triangles.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    fields : (T, N) array_like
        Per-vertex values of T fields.
    level : float
        The level whose lines cut the mesh.
    attributes : (N, K) array_like, optional
        Further per-vertex values (e.g. normals) carried to the new vertices.

    Returns
    -------
    vertices : ndarray
        The cut mesh's vertices.
    faces : ndarray
        Its triangles.
    labels : ndarray of int
        Each face's label (-1: no field reaches the level).
    attributes : ndarray or None
        The attributes at the vertices (None if none were given).
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    w = np.asarray(fields, float)
    extra = np.zeros((len(v), 0)) if attributes is None else np.asarray(attributes, float)
    best = w.argmax(axis=0)
    vlabel = np.where(w.max(axis=0) >= level, best, -1)
    fl = vlabel[f]
    cand = (w[:, f].max(axis=2) >= level)  # (T, M): fields reaching the level on a face
    pure = (fl[:, 0] == fl[:, 1]) & (fl[:, 1] == fl[:, 2]) & (cand.sum(axis=0) <= 1)
    rows = np.c_[v, extra]
    new_rows, new_faces, labels = [], [], []
    n = len(v)
    unit = np.eye(3)
    for m in np.flatnonzero(~pure):
        ks = np.flatnonzero(cand[:, m])
        # each corner with its barycentric weights (np.concatenate: np.r_ took half the time)
        start = [np.concatenate((rows[i], unit[k])) for k, i in enumerate(f[m])]
        wk = w[np.ix_(ks, f[m])]  # (C, 3)
        for lab in [-1, *range(len(ks))]:
            if lab < 0:
                gs = [level - wk[j] for j in range(len(ks))]
            else:
                gs = [wk[lab] - level] + [wk[lab] - wk[j] for j in range(len(ks)) if j != lab]
            # clip in barycentric terms: carry the corners' weights so every g stays linear
            poly = [(p, 0.0) for p in start]
            for g in gs:
                poly = [(p, float(p[-3:] @ g)) for p, _ in poly]
                poly = _clip(poly)
                if len(poly) < 3:
                    break
            if len(poly) < 3:
                continue
            pts = np.array([p[:-3] for p, _ in poly])
            new_rows.append(pts)
            k = len(pts)
            new_faces += [(n, n + i, n + i + 1) for i in range(1, k - 1)]
            labels += [ks[lab] if lab >= 0 else -1] * (k - 2)
            n += k
    v, f, keep, attrs = _assembled(rows, f[pure], new_rows, new_faces, attributes is not None)
    return v, f, np.r_[fl[pure, 0], np.array(labels, np.int64)][keep], attrs


def _assembled(rows, kept, new_rows, new_faces, has_attributes):
    """The faces ``kept`` whole and the new polygons' fans as one mesh: the copies of each
    new vertex (the cut points two faces share) merged, faces that lose a corner dropped.
    Returns the vertices, the faces, which of the faces (kept, then new) remain, and the
    carried attributes (or None)."""
    all_rows = np.vstack([rows, *new_rows]) if new_rows else rows
    out_f = np.vstack([kept, np.array(new_faces, np.int64).reshape(-1, 3)])
    key = np.round(all_rows[:, :3], 4)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    out_f = inverse.ravel()[out_f]
    keep = (out_f[:, 0] != out_f[:, 1]) & (out_f[:, 1] != out_f[:, 2]) & (out_f[:, 0]
                                                                           != out_f[:, 2])
    all_rows = all_rows[first]
    attrs = all_rows[:, 3:] if has_attributes else None
    return all_rows[:, :3], out_f[keep], keep, attrs


def level_overlap(vertices, faces, fields, level: float = 0.5, at_least: int = 2,
                  attributes=None):
    """The part of a mesh where ``at_least`` of the fields reach ``level``, cut exactly
    along each field's own level line.

    Where two regions overlap, the part is bounded by their level lines (the lines
    ``fields.level_segments`` draws), so it fills the lens between crossing outlines. The
    level line of the second-largest field, sampled at the vertices, bent away from them
    within every face it crossed: the territories figure's overlap showed as blocks that
    neither outline bounded (reviewer).

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    fields : (T, N) array_like
        Per-vertex values of T fields.
    level : float
        The level each field must reach.
    at_least : int
        How many fields must reach it.
    attributes : (N, K) array_like, optional
        Further per-vertex values (e.g. normals) carried to the new vertices.

    Returns
    -------
    vertices : ndarray
        The part's vertices (those of the whole mesh its faces do not use included).
    faces : ndarray
        Its triangles.
    attributes : ndarray or None
        The attributes at the vertices (None if none were given).
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    w = np.asarray(fields, float)
    extra = np.zeros((len(v), 0)) if attributes is None else np.asarray(attributes, float)
    corner = (w >= level)[:, f]                               # (T, M, 3)
    full = corner.all(axis=2)                                 # a field over all the face
    crossed = corner.any(axis=2) & ~full                      # its level line crosses it
    whole = full.sum(axis=0) >= at_least
    cut = ~whole & (full.sum(axis=0) + crossed.sum(axis=0) >= at_least)
    rows = np.c_[v, extra]
    new_rows, new_faces = [], []
    n = len(v)
    unit = np.eye(3)
    for m in np.flatnonzero(cut):
        # each corner with its barycentric weights, so every field stays linear
        pieces = [([np.concatenate((rows[i], unit[k])) for k, i in enumerate(f[m])],
                   int(full[:, m].sum()))]
        for k in np.flatnonzero(crossed[:, m]):
            g = w[k, f[m]] - level
            split = []
            for poly, reached in pieces:
                for sign, more in ((1.0, 1), (-1.0, 0)):
                    part = _clip([(p, sign * float(p[-3:] @ g)) for p in poly])
                    if len(part) >= 3:
                        split.append(([p for p, _ in part], reached + more))
            pieces = split
        for poly, reached in pieces:
            if reached >= at_least:
                pts = np.array([p[:-3] for p in poly])
                new_rows.append(pts)
                new_faces += [(n, n + i, n + i + 1) for i in range(1, len(pts) - 1)]
                n += len(pts)
    v, f, _, attrs = _assembled(rows, f[whole], new_rows, new_faces, attributes is not None)
    return v, f, attrs
