"""The skin as drawn: its outer shell only, smoothly refined.

The MakeHuman skin is one closed surface, but that surface folds inward into pockets: the
mouth cavity behind the lips, the eye sockets behind the eyelids, the nostrils and the
ear canals. Under see-through skin those pockets (and the eyeballs) show through the back
of the head as a ghost face. ``outer_shell`` keeps only the faces that can be seen from
outside (with the eyeballs in place as occluders) and closes each opening with a cap, so
the drawn skin is one closed shell with nothing inside it. ``smooth_refine`` then splits
the long edges of the coarse scalp and neck, placing each new vertex on the curved
PN-triangle edge (Vlachos et al. 2001: a cubic through the two end points that meets
their normals), so the skin is smooth where it was faceted and the original vertices (and
the landmarks found on them) stay where they were.

``display_skin()`` is the head model's drawn skin (stored: see ``anatomy.store``). The
model's own mesh (``anatomy.load_head``) is unchanged: distances, depths and fields are
measured on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from anatomy import meshgen
from anatomy.head import load_head
from anatomy.store import read_only, stored
from anatomy.surface import unique_edges, vertex_normals

__all__ = ["DISPLAY_MAX_EDGE_MM", "DISPLAY_Z_MIN", "DisplaySkin", "SEE_THROUGH_MAX_EDGE_MM",
           "boundary_loops", "cap_holes", "components", "display_skin", "head_shell", "lifted",
           "outer_faces", "outer_shell", "smooth_refine"]

DISPLAY_MAX_EDGE_MM = 10.0  # edges longer than this are split on the curved surface
SEE_THROUGH_MAX_EDGE_MM = 20.0  # coarser for faint see-through skin (figure size)
DISPLAY_Z_MIN = -150.0  # refine the head and neck (down to below C7), not the shoulders
VIEW_DIRECTIONS = 48  # directions the outer faces are looked for from
PIXEL_MM = 0.75  # depth-buffer cell
DEPTH_TOLERANCE_MM = 1.5  # a face this close behind the front-most surface counts as seen


def _directions(n: int) -> np.ndarray:
    """``n`` near-uniform unit directions (Fibonacci sphere)."""
    i = np.arange(n) + 0.5
    polar = np.arccos(1 - 2 * i / n)
    turn = np.pi * (1 + 5 ** 0.5) * i
    return np.c_[np.cos(turn) * np.sin(polar), np.sin(turn) * np.sin(polar), np.cos(polar)]


def _samples(v: np.ndarray, f: np.ndarray, density: float):
    """Points spread over each face (about ``density`` per mm²) and their face index."""
    tri = v[f]
    area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    k = np.clip(np.ceil(np.sqrt(area * density)).astype(int), 1, 60)  # k x k barycentric grid
    pts, owner = [], []
    for kk in np.unique(k):
        sel = np.flatnonzero(k == kk)
        a, b = np.meshgrid(np.arange(kk), np.arange(kk), indexing="ij")
        keep = a + b < kk
        u = (a[keep] + 1 / 3) / kk
        w = (b[keep] + 1 / 3) / kk
        bary = np.c_[1 - u - w, u, w]  # (s, 3)
        p = np.einsum("sk,fkj->fsj", bary, tri[sel]).reshape(-1, 3)
        pts.append(p)
        owner.append(np.repeat(sel, len(bary)))
    return np.vstack(pts), np.concatenate(owner)


def outer_faces(vertices, faces, occluders=None, n_directions: int = VIEW_DIRECTIONS):
    """Which faces can be seen from outside the mesh, from some direction.

    For each of ``n_directions`` parallel views, points spread over every face are
    splatted into a depth buffer (``PIXEL_MM`` cells, each taking the front-most depth of
    itself and its eight neighbours, so the splats leave no gaps); a face facing that view
    is seen if one of its points lies within ``DEPTH_TOLERANCE_MM`` of the front.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    occluders : tuple of (vertices, faces), optional
        Meshes that hide what lies behind them but are not judged (e.g. the eyeballs).
    n_directions : int
        Number of view directions, spread over the sphere.

    Returns
    -------
    (M,) bool ndarray
        True for each face seen from outside.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    pts, owner = _samples(v, f, density=1.5 / PIXEL_MM ** 2)
    blockers = pts
    if occluders is not None:
        ov, of = occluders
        blockers = np.vstack([pts, _samples(np.asarray(ov, float), np.asarray(of), 1.5
                                            / PIXEL_MM ** 2)[0]])
    tri = v[f]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
    seen = np.zeros(len(f), bool)
    for d in _directions(n_directions):
        ref = np.array([0.0, 0, 1]) if abs(d[2]) < 0.9 else np.array([0.0, 1, 0])
        right = np.cross(d, ref)
        right /= np.linalg.norm(right)
        up = np.cross(d, right)
        grid = np.floor(blockers @ np.c_[right, up] / PIXEL_MM).astype(np.int64)
        lo = grid.min(axis=0) - 1
        grid -= lo
        shape = grid.max(axis=0) + 2
        front = np.full(tuple(shape), -np.inf)
        np.maximum.at(front, (grid[:, 0], grid[:, 1]), blockers @ d)
        dil = front.copy()
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                dil = np.maximum(dil, np.roll(np.roll(front, dx, 0), dy, 1))
        own = grid[:len(pts)]
        hit = pts @ d >= dil[own[:, 0], own[:, 1]] - DEPTH_TOLERANCE_MM
        facing = normal[owner] @ d > 0.05
        seen[np.unique(owner[hit & facing])] = True
    return seen


def components(faces) -> np.ndarray:
    """Connected-component label of each face (faces sharing an edge are connected).

    Parameters
    ----------
    faces : (M, 3) array_like of int
        Triangles (vertex indices).

    Returns
    -------
    (M,) int ndarray
        Component label 0, 1, ... of each face.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    f = np.asarray(faces, np.int64)
    inv = unique_edges(f)[1].T.ravel()  # sides 01 of every face, then 12, then 20
    face = np.tile(np.arange(len(f)), 3)
    n = len(f) + inv.max() + 1  # faces and edges as one bipartite graph
    graph = coo_matrix((np.ones(len(face)), (face, len(f) + inv)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    _, label = np.unique(label[:len(f)], return_inverse=True)
    return label.ravel()


def boundary_loops(faces) -> list[list[int]]:
    """Closed loops of boundary edges (edges with one face), each in its faces' winding.

    Where a loop passes a vertex twice (two holes touching there) it is split in two, so
    no loop repeats a vertex.

    Parameters
    ----------
    faces : (M, 3) array_like of int
        Triangles (vertex indices).

    Returns
    -------
    list of list of int
        Vertex indices of each loop, in order.
    """
    f = np.asarray(faces, np.int64)
    directed = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    key = np.sort(directed, axis=1)
    _, inv, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    single = directed[counts[inv.ravel()] == 1]
    nxt: dict[int, list[int]] = {}
    for a, b in single.tolist():
        nxt.setdefault(a, []).append(b)
    loops = []
    for start in sorted(nxt):
        while nxt.get(start):
            loop, pos, cur = [start], {start: 0}, nxt[start].pop()
            while True:
                if cur in pos:  # back at a vertex of this walk: that stretch is a loop
                    i = pos[cur]
                    if len(loop) - i >= 3:
                        loops.append(loop[i:])
                    for x in loop[i + 1:]:
                        del pos[x]
                    loop = loop[:i + 1]
                else:
                    pos[cur] = len(loop)
                    loop.append(cur)
                if not nxt.get(cur):
                    break
                cur = nxt[cur].pop()
    return loops


def cap_holes(vertices, faces, dent: float = 0.0):
    """Close every boundary loop with a fan round its centre (wound to match the mesh).

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    dent : float
        How far (mm) each centre moves into the mesh, against the mean normal of the
        loop's faces, so a cap over an opening sits a little behind its rim.

    Returns
    -------
    vertices : (N', 3) ndarray
        The vertices with one centre per loop added.
    faces : (M', 3) ndarray
        The closed mesh's triangles.
    cap : (M',) bool ndarray
        Whether each face is a cap.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    normals = vertex_normals(v, f)
    new_v, new_f = [v], [f]
    n = len(v)
    for loop in boundary_loops(f):
        centre = v[loop].mean(axis=0)
        inward = normals[loop].sum(axis=0)
        inward /= max(np.linalg.norm(inward), 1e-12)
        new_v.append((centre - dent * inward)[None])
        new_f.append(np.array([(n, loop[(k + 1) % len(loop)], loop[k])
                               for k in range(len(loop))]))
        n += 1
    out_f = np.vstack(new_f)
    cap = np.zeros(len(out_f), bool)
    cap[len(f):] = True
    return np.vstack(new_v), out_f, cap


def outer_shell(vertices, faces, occluders=None, dent: float = 2.0):
    """The closed outer surface of a mesh folded into pockets (see the module docstring).

    Keeps the faces seen from outside (``outer_faces``), drops every piece but the
    largest, and caps the openings (``cap_holes``).

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    occluders : tuple of (vertices, faces), optional
        Meshes that hide faces behind them (see ``outer_faces``).
    dent : float
        How far (mm) each cap's centre sits behind its rim.

    Returns
    -------
    vertices : ndarray
        The shell's vertices (unused ones dropped).
    faces : ndarray
        The shell's triangles.
    cap : ndarray of bool
        Whether each face is a cap.
    """
    f = np.asarray(faces, np.int64)
    f = f[outer_faces(vertices, f, occluders)]
    label = components(f)
    f = f[label == np.bincount(label).argmax()]
    used, inv = np.unique(f, return_inverse=True)
    v = np.asarray(vertices, float)[used]
    return cap_holes(v, inv.reshape(f.shape), dent)


def smooth_refine(vertices, faces, max_edge: float, fixed=None, where=None,
                  rounds: int = 4):
    """Split edges longer than ``max_edge`` at the midpoint of their PN-triangle curve.

    The new vertex of edge ab is (a + b) / 2 - (w_ab n_a + w_ba n_b) / 8, with
    w_ab = (b - a) . n_a (Vlachos et al. 2001); its normal is the mean of n_a and n_b.
    Old vertices do not move. Edges touching a ``fixed`` vertex (e.g. the rim of a flat
    cap) are split at their straight midpoint. ``where`` (per vertex, bool) limits the
    splitting to edges with both ends there.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices (mm).
    faces : (M, 3) array_like of int
        Triangles (vertex indices).
    max_edge : float
        Longest edge (mm) left unsplit.
    fixed : array_like of int, optional
        Vertices whose edges are split straight.
    where : (N,) array_like of bool, optional
        Vertices between which edges may be split (all by default).
    rounds : int
        Most rounds of splitting.

    Returns
    -------
    vertices : ndarray
        The old vertices (unmoved) followed by the new ones.
    faces : ndarray
        The refined triangles.
    """
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    n = vertex_normals(v, f)
    flat = np.zeros(len(v), bool)
    inside = np.ones(len(v), bool) if where is None else np.asarray(where, bool).copy()
    if fixed is not None:
        flat[np.asarray(fixed, np.int64)] = True
    for _ in range(rounds):
        uniq, inv = unique_edges(f)
        a, b = uniq[:, 0], uniq[:, 1]
        long = (np.linalg.norm(v[a] - v[b], axis=1) > max_edge) & inside[a] & inside[b]
        if not long.any():
            break
        a, b = a[long], b[long]
        ab = v[b] - v[a]
        w_ab = (ab * n[a]).sum(axis=1, keepdims=True)
        w_ba = (-ab * n[b]).sum(axis=1, keepdims=True)
        bend = (w_ab * n[a] + w_ba * n[b]) / 8
        bend[flat[a] | flat[b]] = 0.0
        mid_n = n[a] + n[b]
        mid_n /= np.maximum(np.linalg.norm(mid_n, axis=1, keepdims=True), 1e-12)
        mid = np.full(len(uniq), -1)
        mid[long] = len(v) + np.arange(long.sum())
        v = np.vstack([v, (v[a] + v[b]) / 2 - bend])
        n = np.vstack([n, mid_n])
        flat = np.r_[flat, flat[a] & flat[b]]
        inside = np.r_[inside, np.ones(len(a), bool)]
        f = meshgen._split_faces(v, f, mid[inv])
    return v, f


@dataclass(frozen=True, eq=False)
class DisplaySkin:
    """The drawn skin: one closed outer shell, smoothly refined (mm, kit frame)."""

    vertices: np.ndarray
    faces: np.ndarray
    normals: np.ndarray  # outward unit normal per vertex


@lru_cache(maxsize=1)
def head_shell() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``outer_shell`` of the head model's skin, eyeballs as occluders (computed once:
    the display skins and the headache-map mesh are refined from it).

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Shell vertices, mm (read-only).
    faces : numpy.ndarray, shape (m, 3)
        Shell triangles (read-only).
    cap : numpy.ndarray of bool, shape (m,)
        True for the faces of the caps that close the openings (read-only).
    """
    head = load_head()
    out = outer_shell(head.vertices, head.faces, (head.eye_vertices, head.eye_faces))
    read_only(out)
    return out


@stored
def _display_arrays(max_edge: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and faces of ``display_skin`` (stored: see anatomy.store)."""
    v, f, cap = head_shell()
    v, f = smooth_refine(v, f, max_edge, fixed=np.unique(f[cap]), where=v[:, 2] > DISPLAY_Z_MIN)
    return v, f


@lru_cache(maxsize=2)
def display_skin(max_edge: float = DISPLAY_MAX_EDGE_MM) -> DisplaySkin:
    """The head model's skin as figures draw it: the outer shell only (no mouth cavity,
    eye sockets, nostrils or ear canals; openings capped, eyeballs left out), its edges
    longer than ``max_edge`` mm split on the curved surface."""
    v, f = _display_arrays(float(max_edge))
    out = DisplaySkin(v, f, vertex_normals(v, f))
    read_only((out.vertices, out.faces, out.normals))
    return out


@lru_cache(maxsize=2)
def _display_query(max_edge: float):
    from anatomy.skin import Skin

    d = display_skin(max_edge)
    return Skin(d.vertices, d.faces)


def lifted(points, gap: float = 2.5, max_edge: float = DISPLAY_MAX_EDGE_MM) -> np.ndarray:
    """Points on (or near) the skin moved to ``gap`` mm outside the drawn skin.

    Each point moves along the skin's normal at its closest skin point, so a marker there
    is never half inside the skin.

    Parameters
    ----------
    points : (K, 3) array_like
        Positions (mm) on or near the skin.
    gap : float
        Distance (mm) outside the drawn skin.
    max_edge : float
        Edge length (mm) of the drawn skin the points are lifted off.

    Returns
    -------
    (K, 3) ndarray
        The lifted positions (mm).
    """
    foot, normal = _display_query(float(max_edge)).frame(points)
    return foot + gap * normal
