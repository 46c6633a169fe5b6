"""The territories figure's skin: the pain mesh clipped to the figures' crop, cut along
the midline planes and each territory's edge, with its overlap and the specks the cut
leaves (split from territories.py, which draws and names it)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from anatomy import levels, meshgen, pain, surface
from anatomy.conventions import SIDE_SIGN
from anatomy.shell import components
from anatomy.viz import fields
from anatomy.viz.pain_views.heat import HEAT_CROP, clip_to_crop

__all__ = ["OUTLINE_LIFT_MM", "OVERLAP_LIFT_MM", "SPECK_MM2", "clipped_skin",
           "face_assignment", "fill_specks", "submesh", "vertex_normals",
           "without_speck_loops"]


@lru_cache(maxsize=2)
def clipped_skin(atlas):
    """The pain mesh clipped and closed as the heat figure's skin, with the territories.

    The crop gives a clean edge at the neck and shoulders (whole faces left a saw tooth,
    and the supraclavicular patch flared past the shoulders). The arrays are read-only:
    cached, since the figure and its overlap both need them.

    Parameters
    ----------
    atlas : pain.TerritoryAtlas
        The territories (``pain.territories()``).

    Returns
    -------
    vertices, faces : numpy.ndarray
        The clipped skin, cut along the midline planes (``_cut_at_midline``).
    weights : numpy.ndarray, shape (K, n)
        Each territory's weight at each vertex.
    normals : numpy.ndarray, shape (n, 3)
        Unit vertex normals carried over from the pain mesh.
    """
    m = pain.pain_mesh()
    keys = list(atlas.weights)
    v, f, vals = clip_to_crop(m.vertices, m.faces,
                              np.c_[np.array([atlas.weights[k] for k in keys]).T,
                                    vertex_normals(m)])
    # flat caps close the cut (the skin's inner side showed dark at the shoulder ends);
    # their centres belong to no territory
    n = len(v)
    v, f, vals = fields.cap_crop(v, f, vals, abs_x_max=HEAT_CROP["abs_x_max"])
    vals[n:, :len(keys)] = 0.0
    v, f, w, normals = _cut_at_midline(v, f, vals[:, :len(keys)].T, vals[:, len(keys):],
                                       atlas)
    normals = normals / np.linalg.norm(normals, axis=1, keepdims=True)
    for a in (v, f, w, normals):
        a.flags.writeable = False
    return v, f, w, normals


def _cut_at_midline(v, f, w, normals, atlas):
    """The mesh cut along the planes where territories that cross the midline fall to half
    weight (``pain.midline_factor``), with each weight exact on the cut.

    A weight stops at the midline by a factor that falls linearly to 0 a few mm across it
    (6 mm for the GON). The skin's triangles are wider than that, so on a weight
    interpolated over them the half-weight line zigzagged from vertex to vertex, and the
    strip where the two GONs overlap showed as a chain of beads down the back of the head
    (instructor review). On the cut, a weight is its nerve's own fall-off (the weight
    without the factor, interpolated along the cut edge) times the factor there: exactly
    one half, so the overlap's edge follows the plane.
    """
    keys = list(atlas.weights)
    over = atlas.table.set_index(["name", "side"])["midline_overlap_mm"]
    half = {key: -SIDE_SIGN[key[1]] * over[key] / 2 for key in keys if over[key] > 0}
    planes = sorted(set(half.values()))
    factor = np.array([pain.midline_factor(*key, v[:, 0]) for key in keys])
    attrs = np.c_[w.T, _own_weight(w, factor, f).T, normals]
    k = len(keys)
    for x in planes:
        # only where a territory that halves on this plane meets its fellow of the other
        # side (both own weights reach one half): there the two overlap in a strip along
        # the midline; elsewhere the cut would only add vertices to the figure (JSON)
        own = attrs[:, k:2 * k].T
        crossing = (v[f, 0].min(axis=1) < x) & (v[f, 0].max(axis=1) > x)
        live = np.zeros(len(f), bool)
        for r, key in enumerate(keys):
            if half.get(key) == x:
                fellow = keys.index((key[0], "left" if key[1] == "right" else "right"))
                live |= (own[r, f].max(axis=1) >= 0.5) & (own[fellow, f].max(axis=1) >= 0.5)
        live &= crossing
        # the faces cut, merged back with the rest (level_regions orders its vertices by
        # position: the rest are found there by theirs; at the strip's two ends a
        # neighbour keeps the whole edge, on which the new vertex lies)
        cut_v, cut_f, _, cut_attrs = meshgen.level_regions(
            v, f[live], (v[:, 0] - x + 0.5)[None], 0.5, attributes=attrs)
        index = {tuple(p): i for i, p in enumerate(np.round(cut_v, 4))}
        old_to_new = np.array([index[tuple(p)] for p in np.round(v, 4)])
        v, attrs = cut_v, cut_attrs
        f = np.vstack([old_to_new[f[~live]], cut_f])
    w, own, normals = attrs[:, :k].T.copy(), attrs[:, k:2 * k].T, attrs[:, 2 * k:]
    cut = np.isin(np.round(v[:, 0], 4), np.round(planes, 4))
    for row, key in enumerate(keys):
        w[row, cut] = own[row, cut] * pain.midline_factor(*key, v[cut, 0])
    return v, f, w, normals


def _own_weight(w, factor, faces):
    """Each weight (K, N) without its midline factor: ``w / factor`` where the factor is
    above 0; where it is 0 (the weight too), the largest own weight of the vertices that
    share a face with it, spread three rings out."""
    known = factor > 0
    own = np.where(known, w / np.where(known, factor, 1.0), 0.0)
    for _ in range(3):
        per_face = np.where(known[:, faces], own[:, faces], -1.0).max(axis=2)   # (K, M)
        near = np.full(own.shape, -1.0)
        for corner in range(3):
            np.maximum.at(near.T, faces[:, corner], per_face.T)
        fill = ~known & (near >= 0)
        own[fill], known = near[fill], known | fill
    return np.clip(own, 0.0, 1.0)



# a patch of bare skin enclosed by territories and smaller than this (about one vertex's
# fan of faces on the pain mesh) is a speck of the cut, not skin the atlas leaves bare:
# where three bands meet, or a band's weight dips just under one half at one vertex, the
# cut left skin-coloured specks and slits inside the coloured skin (reviewer)
SPECK_MM2 = 150.0
# the overlap layer's lift off the skin, mm: clear of the depth test's resolution (at
# 0.6 mm the skin showed through in stripes, at 2 mm it stood off the head's outline as
# a grey rim); the outlines', as before (higher, they stood off the outline with a white
# gap between, in the static figure); under the overlap they show a little darker
OVERLAP_LIFT_MM, OUTLINE_LIFT_MM = 0.9, 1.2


def fill_specks(v, f, dom) -> np.ndarray:
    """Give each enclosed speck of bare skin the territory it borders most.

    A speck is a connected set of faces with ``dom`` -1, smaller than SPECK_MM2 in all,
    every side of which another face shares (none on the mesh's open edge).

    Parameters
    ----------
    v : numpy.ndarray, shape (n, 3)
        Vertices of the cut skin, mm.
    f : numpy.ndarray, shape (m, 3)
        Its faces.
    dom : numpy.ndarray, shape (m,)
        Each face's territory index, -1 for bare skin.

    Returns
    -------
    numpy.ndarray, shape (m,)
        A copy of ``dom`` with the specks' faces given the territory index that most of
        their sides border.
    """
    dom = dom.copy()
    bare = np.flatnonzero(dom < 0)
    if not len(bare):
        return dom
    sides = surface.unique_edges(f)[1]
    count = np.bincount(sides.ravel(), minlength=sides.max() + 1)
    across = np.full((len(count), 2), -1)                 # the two faces on each edge
    order = np.argsort(sides.ravel(), kind="stable")
    first = np.searchsorted(sides.ravel()[order], np.arange(len(count)))
    across[:, 0] = order[first] // 3
    across[count == 2, 1] = order[first[count == 2] + 1] // 3
    area = 0.5 * np.linalg.norm(np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]]),
                                axis=1)
    label = components(f[bare])
    for c in range(label.max() + 1):
        faces = bare[label == c]
        if area[faces].sum() >= SPECK_MM2:
            continue
        edges = sides[faces].ravel()
        if (count[edges] < 2).any():                      # on the mesh's open edge
            continue
        other = across[edges]
        other = np.where(np.isin(other[:, 0], faces), other[:, 1], other[:, 0])
        near = dom[other]
        near = near[near >= 0]
        if len(near):
            dom[faces] = np.bincount(near).argmax()
    return dom


def without_speck_loops(lines) -> np.ndarray:
    """Drop the closed polylines shorter than a speck's perimeter (4 sqrt(SPECK_MM2)).

    They are the outline of a speck that ``fill_specks`` fills, or loops of no length
    where a level line touches a vertex on a midline cut.

    Parameters
    ----------
    lines : array_like, shape (k, 3)
        Polylines, each followed by a NaN row (as ``fields.chained`` returns).

    Returns
    -------
    numpy.ndarray, shape (j, 3)
        The other polylines, each followed by its NaN row.
    """
    lines = np.asarray(lines, float)
    breaks = np.flatnonzero(np.isnan(lines[:, 0]))
    keep, start = [], 0
    for end in breaks:
        line = lines[start:end]
        length = np.linalg.norm(np.diff(line, axis=0), axis=1).sum()
        if not (np.allclose(line[0], line[-1], atol=1e-3)
                and length < 4 * np.sqrt(SPECK_MM2)):
            keep.append(lines[start:end + 1])
        start = end + 1
    return np.vstack(keep) if keep else np.empty((0, 3))


def face_assignment(atlas, threshold: float = 0.5):
    """The figures' skin cut along each territory's edge (``meshgen.level_regions``).

    Parameters
    ----------
    atlas : pain.TerritoryAtlas
        The territories (``pain.territories()``).
    threshold : float, default 0.5
        The weight at which a territory's edge is cut.

    Returns
    -------
    keys : list of tuple
        The (name, side) of each territory, in ``atlas.weights`` order.
    vertices, faces : numpy.ndarray
        The cut mesh.
    dom : numpy.ndarray
        Each face's territory index (-1 none), specks filled (``fill_specks``).
    overlap : tuple of numpy.ndarray
        Vertices and faces of the skin where two or more nerves reach ``threshold``,
        lifted OVERLAP_LIFT_MM off the skin.
    """
    keys = list(atlas.weights)
    mv, mf, w, normals = clipped_skin(atlas)
    v, f, dom, _ = meshgen.level_regions(mv, mf, w, threshold)
    dom = fill_specks(v, f, dom)
    # the skin two or more nerves reach, bounded by their own outlines; lifted clear of
    # the skin (at 0.6 mm the depth test let the skin through in stripes that came and
    # went with the view: solid on the forehead seen from the front, stripes on the side
    # of the head, reviewer)
    pv, pf, pn = levels.level_overlap(mv, mf, w, threshold, attributes=normals)
    pn = pn / np.linalg.norm(pn, axis=1, keepdims=True)
    overlap = submesh(pv + OVERLAP_LIFT_MM * pn, pf) if len(pf) \
        else (np.empty((0, 3)), np.empty((0, 3), int))
    return keys, v, f, dom, overlap


def submesh(vertices, faces):
    """Only the vertices the faces use, re-indexed (keeps each trace small).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Vertices.
    faces : numpy.ndarray, shape (m, 3)
        Faces that use some of them.

    Returns
    -------
    vertices, faces : numpy.ndarray
        The used vertices, and the faces indexing them.
    """
    used, inverse = np.unique(faces, return_inverse=True)
    return np.asarray(vertices)[used], inverse.reshape(faces.shape)


def vertex_normals(m) -> np.ndarray:
    """Unit vertex normals of a mesh.

    Parameters
    ----------
    m : object
        A mesh with ``vertices`` and ``faces`` (``pain.pain_mesh()``).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The unit normal at each vertex.
    """
    return surface.vertex_normals(m.vertices, m.faces)
