"""The order a flat-shaded plate paints a mesh's faces in, and a map of what it paints
where: a leader line can then end on the colour of the structure it names (``mpl2d``'s
plates use both; kept apart so that ``mpl2d`` stays one module of drawing helpers)."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from anatomy.conventions import view_basis

__all__ = ["CREASE_DEG", "SORT_DECIMALS", "STRUCTURE_CREASE_DEG", "corner_light", "painted_ids",
           "painted_points", "painter_order"]

SORT_DECIMALS = 6  # depth (mm) is rounded to this before the painter's sort
# a fold sharper than this stays a visible edge in ``corner_light``: for the skin 60
# degrees (at 40 the coarse back's folds over the scapulae drew straight light-dark
# steps, reviewer), for bones and muscles STRUCTURE_CREASE_DEG (at 60 the vault's ledge
# at the superior nuchal line, an edge a plate points at, blurred: reviewer)
CREASE_DEG = 60.0
STRUCTURE_CREASE_DEG = 40.0


def painter_order(vertices, faces, view: str, cull: bool = True):
    """The faces in the order ``draw_mesh`` paints them, farthest first.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    view : str
        A named view (see ``draw_mesh``).
    cull : bool, default True
        Leave out faces that point away from the viewer.

    Returns
    -------
    normals : numpy.ndarray, shape (m, 3)
        Unit face normals.
    facing : numpy.ndarray of bool, shape (m,)
        The faces drawn.
    order : numpy.ndarray of int
        Painting order of the drawn faces (indices into ``faces[facing]``).
    """
    _, _, fwd = view_basis(view)
    tri = np.asarray(vertices, float)[faces]
    normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    # Rounded before comparing and sorting, and ties drawn in triangle order, so that the
    # last-bit differences between CPUs (SIMD paths, BLAS) cannot reorder the triangles:
    # mirrored triangles on the midline have equal depth in a posterior or anterior view.
    facing = (np.round(normals @ fwd, 9) < 0) if cull else np.ones(len(tri), bool)
    depth = np.round(tri.mean(axis=1) @ fwd, SORT_DECIMALS)[facing]
    return normals, facing, np.argsort(-depth, kind="stable")


def corner_light(vertices, faces, light_dir, crease_deg: float = CREASE_DEG,
                 lit=None, corners: bool = False) -> np.ndarray:
    """Lambert light of each face's corners through their smoothed normals, or its mean.

    A flat-shaded plate lit by face normals shows every facet of a coarse mesh. Here each
    corner takes the mean normal of the faces round its vertex that lie within
    ``crease_deg`` of the face's own (weighted by their angles at the vertex, so the
    result does not depend on how the surface is cut into triangles): a smooth surface
    shades smoothly, while across a real edge (a bone's rim, a muscle's cut end) each side
    keeps its own light.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    light_dir : array_like, shape (3,)
        Unit vector toward the light.
    crease_deg : float, default CREASE_DEG
        Faces round a vertex whose normals differ from a face's by more than this do not
        smooth that face's corner.
    lit : array_like of bool, shape (m,), optional
        The faces to light (a plate draws only those facing the viewer); all if None.
    corners : bool, default False
        Return each corner's light (a plate shades across the face from corner to
        corner) instead of the face's mean.

    Returns
    -------
    numpy.ndarray, shape (k,) or (k, 3)
        Each (lit) face's light, or its corners', 0..1 (0 facing away from the light);
        k is m, or the number of ``lit`` faces.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, dtype=np.int64)
    tri = v[f]
    unit = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    unit /= np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    angle = np.empty(f.shape)                     # each face's angle at each corner
    for k in range(3):
        a, b = tri[:, (k + 1) % 3] - tri[:, k], tri[:, (k + 2) % 3] - tri[:, k]
        cos = np.einsum("mc,mc->m", a, b) / np.maximum(
            np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)
        angle[:, k] = np.arccos(np.clip(cos, -1, 1))
    # every (lit corner, face round the corner's vertex) pair, from the corners sorted by
    # vertex
    corner_v = f.ravel()
    by_vertex = np.argsort(corner_v, kind="stable")
    degree = np.bincount(corner_v, minlength=len(v))
    first = np.cumsum(degree) - degree
    faces_lit = np.arange(len(f)) if lit is None else np.flatnonzero(lit)
    own = (3 * faces_lit[:, None] + np.arange(3)).ravel()   # the lit faces' corners
    count = degree[corner_v[own]]
    slot = np.repeat(np.arange(len(own)), count)
    pair_corner = own[slot]
    offset = np.arange(len(slot)) - np.repeat(np.cumsum(count) - count, count)
    other = by_vertex[first[corner_v[pair_corner]] + offset]   # a corner at the same vertex
    own_face, other_face = pair_corner // 3, other // 3
    keep = np.einsum("pc,pc->p", unit[own_face], unit[other_face]) \
        >= np.cos(np.radians(crease_deg))
    weight = angle.ravel()[other[keep]]
    normal = np.stack([np.bincount(slot[keep], weights=unit[other_face[keep], c] * weight,
                                   minlength=len(own)) for c in range(3)], axis=1)
    normal = normal.astype(float)  # bincount of no weights is int: no face was lit
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
    light = np.clip(normal @ np.asarray(light_dir, float), 0, 1).reshape(-1, 3)
    return light if corners else light.mean(axis=1)


def painted_ids(vertices, faces, face_ids, view: str, limits, px_per_mm: float = 4.0):
    """Which mesh part shows at each point of a window, as ``draw_mesh`` paints them.

    Parameters
    ----------
    vertices, faces : array_like
        The merged meshes (see ``merge_meshes``).
    face_ids : array_like of int, shape (m,)
        Each face's part number, 0 to 65534.
    view : str
        A named view.
    limits : tuple
        The window ((x0, x1), (y0, y1)), mm in the view's plane.
    px_per_mm : float, default 4.0
        Resolution of the map.

    Returns
    -------
    numpy.ndarray of int, shape (rows, cols)
        Row 0 at the window's top; -1 where nothing is drawn.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    right, up, _ = view_basis(view)
    (x0, x1), (y0, y1) = limits
    w, h = int(round((x1 - x0) * px_per_mm)), int(round((y1 - y0) * px_per_mm))
    _, facing, order = painter_order(vertices, faces, view)
    tri = np.asarray(vertices, float)[faces][facing][order]
    ids = np.asarray(face_ids)[facing][order] + 1
    fig = Figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.axis("off")
    rgb = np.c_[ids // 256, ids % 256, np.zeros(len(ids))] / 255.0
    ax.add_collection(PolyCollection(np.stack([tri @ right, tri @ up], axis=-1),
                                     facecolors=rgb, edgecolors="none", antialiased=False))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    img = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    out = img[..., 0] * 256 + img[..., 1] - 1
    out[(img == 255).all(axis=2)] = -1   # the white background
    return out


def painted_points(painted: np.ndarray, parts, margin: float, limits,
                   px_per_mm: float = 4.0) -> np.ndarray:
    """Points on a 1 mm grid where a map paints one of ``parts``, ``margin`` mm inside.

    Parameters
    ----------
    painted : numpy.ndarray of int
        A map from ``painted_ids`` over ``limits`` at ``px_per_mm``.
    parts : iterable of int
        The part numbers wanted.
    margin : float
        Least distance (mm) from anything else painted there (or nothing).
    limits : tuple
        The map's window ((x0, x1), (y0, y1)), mm.
    px_per_mm : float, default 4.0
        The map's resolution.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        The points (mm in the view's plane): a leader line ending at one ends on the
        part's own colour, not on its edge or on something drawn over it.
    """
    from scipy.ndimage import distance_transform_edt

    (x0, x1), (y0, y1) = limits
    room = distance_transform_edt(np.isin(painted, list(parts))) / px_per_mm
    step = max(int(px_per_mm), 1)
    rows, cols = np.nonzero(room[::step, ::step] >= margin)
    return np.c_[x0 + (cols * step + 0.5) / px_per_mm, y1 - (rows * step + 0.5) / px_per_mm]

