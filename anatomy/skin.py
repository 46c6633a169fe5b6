"""One skin: every question the kit asks of a skin mesh, answered by one object.

``Skin(vertices, faces)`` is made once per mesh (``head_skin()`` for the head model;
``anatomy.pain`` and ``anatomy.headache_maps`` make one for their refined meshes) and
answers, in millimetres in the kit's frame:

- ``closest`` / ``frame``: the closest skin point and the outward skin normal there;
- ``depth``: signed depth under the skin (positive inside), measured to that closest
  point, and ``under``: the point a given depth under the skin;
- ``ray_hit`` / ``ray_depths`` / ``rays_blocked``: where a ray meets the skin, how far
  parallel rays run to it, and whether they do;
- ``visible``: which points a view sees (no skin between them and the eye);
- ``inside``: which points lie inside the closed skin;
- ``distance`` / ``path``: exact geodesic distance and shortest edge paths on the skin.

Nerves, structures, pain fields, territories, headache maps and the figures all use it,
so a depth or a visibility is the same number wherever it is shown.
"""

from __future__ import annotations

import itertools
from functools import cached_property, lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import view_basis

__all__ = ["Skin", "head_skin"]

NEIGHBOURS = 4  # skin vertices blended for a smooth normal
SAME_SHEET = 0.5  # a neighbour whose normal turns further away is on another sheet of skin
# ray tests: faces split into tiers of size at these percentiles of their radius (head
# faces a few mm across, body faces up to about 100 mm)
TIER_PERCENTILES = (30, 60, 80, 90, 95, 98, 99.5)


class Skin:
    """Queries on one closed skin mesh (see the module docstring).

    Parameters
    ----------
    vertices : (N, 3) array_like
        Vertex positions in mm.
    faces : (M, 3) array_like
        Triangles as vertex indices, wound outward.
    """

    def __init__(self, vertices, faces):
        self.vertices = np.asarray(vertices, float)
        self.faces = np.asarray(faces, np.int64)
        self.normals = surface.vertex_normals(self.vertices, self.faces)

    # ------------------------------------------------------------ spatial indexes
    @cached_property
    def _face_tree(self):
        from scipy.spatial import cKDTree  # scipy loads on first use (import cost)

        return cKDTree(self.vertices[self.faces].mean(axis=1))

    @cached_property
    def _vertex_tree(self):
        from scipy.spatial import cKDTree

        return cKDTree(self.vertices)

    @cached_property
    def _face_spheres(self) -> tuple[np.ndarray, np.ndarray]:
        tri = self.vertices[self.faces]
        centre = tri.mean(axis=1)
        return centre, np.linalg.norm(tri - centre[:, None], axis=2).max(axis=1)

    # ------------------------------------------------------------ the surface near points
    def closest(self, points) -> np.ndarray:
        """Closest skin point to each point (exact, over the 32 nearest faces).

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.

        Returns
        -------
        numpy.ndarray, shape (k, 3)
            The closest point on the skin surface to each point, mm.
        """
        pts = np.atleast_2d(np.asarray(points, float))
        _, idx = self._face_tree.query(pts, k=min(32, len(self.faces)))
        return np.array([surface.closest_points(self.vertices, self.faces[i], p)[0]
                         for p, i in zip(pts, np.atleast_2d(idx))])

    def normal_at(self, points) -> np.ndarray:
        """Smooth outward skin normal near each point.

        The inverse-distance blend of the nearest vertices' normals, leaving out vertices on
        another sheet of skin (the mouth behind the throat, the back of an ear).

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.

        Returns
        -------
        numpy.ndarray, shape (k, 3)
            Unit outward normal near each point.
        """
        p = np.atleast_2d(np.asarray(points, float))
        d, idx = self._vertex_tree.query(p, k=NEIGHBOURS)
        n = self.normals[idx]
        w = 1.0 / np.maximum(d, 1e-6)
        w *= np.einsum("pkj,pj->pk", n, n[:, 0]) > SAME_SHEET
        normal = np.einsum("pk,pkj->pj", w, n)
        return normal / np.linalg.norm(normal, axis=1, keepdims=True)

    def frame(self, points) -> tuple[np.ndarray, np.ndarray]:
        """(closest skin points, outward normals there).

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.

        Returns
        -------
        foot : numpy.ndarray, shape (k, 3)
            The closest skin point to each point, mm.
        normal : numpy.ndarray, shape (k, 3)
            The unit outward normal at each foot.
        """
        foot = self.closest(points)
        return foot, self.normal_at(foot)

    def depth(self, points) -> np.ndarray:
        """Signed depth under the skin in mm (positive inside, negative outside).

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.

        Returns
        -------
        numpy.ndarray, shape (k,)
            Distance to the closest skin point, mm; positive for points inside.
        """
        pts = np.atleast_2d(np.asarray(points, float))
        foot, normal = self.frame(pts)
        sign = np.sign(((foot - pts) * normal).sum(axis=1))
        return sign * np.linalg.norm(foot - pts, axis=1)

    def under(self, points, depth) -> np.ndarray:
        """The point ``depth`` mm under the skin below each point's closest skin point.

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.
        depth : float or array_like, shape (k,)
            Depth along the inward normal, mm (negative: outside the skin).

        Returns
        -------
        numpy.ndarray, shape (k, 3)
            The points under the skin, mm.
        """
        foot, normal = self.frame(points)
        return foot - normal * np.reshape(np.asarray(depth, float), (-1, 1))

    # ------------------------------------------------------------ rays and views
    def ray_hit(self, origin, direction) -> np.ndarray | None:
        """First skin point a ray meets, or None (only triangles near the ray are tested).

        Parameters
        ----------
        origin : array_like, shape (3,)
            Start of the ray, mm.
        direction : array_like, shape (3,)
            Direction of the ray (any length).

        Returns
        -------
        numpy.ndarray, shape (3,) or None
            The hit point, mm, or None if the ray misses the skin.
        """
        o = np.asarray(origin, float)
        d = np.asarray(direction, float) / np.linalg.norm(direction)
        centre, radius = self._face_spheres
        rel = centre - o
        t = rel @ d
        near = (np.linalg.norm(rel - t[:, None] * d, axis=1) <= radius + 1e-6) & (t > -radius)
        return surface.ray_hit(self.vertices, self.faces[near], o, d) if near.any() else None

    def _ray_index(self, d: np.ndarray):
        """The faces projected along the unit direction ``d``, their trees (one per tier
        of size, ``TIER_PERCENTILES``) and ray-hit terms, kept per direction: the label
        tests cast hundreds of small batches of rays along one direction, and rebuilding
        these each time took most of their time."""
        from scipy.spatial import cKDTree

        cache = self.__dict__.setdefault("_ray_indexes", {})
        key = tuple(np.round(d, 9))
        if key not in cache:
            ref = np.array([0.0, 0.0, 1.0]) if abs(d[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
            right = np.cross(d, ref)
            right /= np.linalg.norm(right)
            screen = np.c_[right, np.cross(right, d)]  # (3, 2): projection along d
            centre, radius = self._face_spheres
            flat = centre @ screen
            # faces in tiers by size, each in a 2D tree searched within its own largest
            # radius: a ray meets tens of candidate triangles, not thousands. (One tree of
            # all but the largest 3 %, searched within 20 mm, with those few tested against
            # every ray, made 4 million pairs for the 6,500 skin points the territory
            # figure tests in each view: 12 s for the figure.)
            cuts = np.percentile(radius, TIER_PERCENTILES)
            tier = np.searchsorted(cuts, radius)
            tiers = []
            for k in range(len(cuts) + 1):
                idx = np.flatnonzero(tier == k)
                if len(idx):
                    tiers.append((idx, cKDTree(flat[idx]), radius[idx].max() + 1e-6))
            if len(cache) >= 16:  # a few directions are reused; others come and go
                cache.clear()
            cache[key] = (screen, flat, tiers,
                          surface._ray_distances(self.vertices, self.faces, d))
        return cache[key]

    def ray_depths(self, origins, direction) -> np.ndarray:
        """For parallel rays from ``origins`` along one ``direction``: how far each runs
        before it meets the skin.

        Only the triangles whose bounding spheres the ray passes through are tested
        (found in a 2D tree of the triangles projected along the direction), so thousands
        of rays stay fast.

        Parameters
        ----------
        origins : array_like, shape (3,) or (k, 3)
            Start points of the rays, mm.
        direction : array_like, shape (3,)
            The common direction (any length).

        Returns
        -------
        numpy.ndarray, shape (k,)
            The distance (mm) to the first skin each ray meets, inf where it meets none.
        """
        o, ray, t = self._ray_pairs(origins, direction)
        depth = np.full(len(o), np.inf)
        np.minimum.at(depth, ray, t)
        return depth

    def _ray_pairs(self, origins, direction):
        """The origins (k, 3), and each (ray, nearby triangle) pair's ray index and hit
        distance (inf where it misses), all pairs at once."""
        d = np.asarray(direction, float) / np.linalg.norm(direction)
        screen, flat, tiers, distances = self._ray_index(d)
        _, radius = self._face_spheres
        o = np.atleast_2d(np.asarray(origins, float))
        o2 = o @ screen
        rays, faces = [], []
        for idx, tree, reach in tiers:  # each ray's nearby faces of each size
            found = tree.query_ball_point(o2, reach)
            counts = np.fromiter(map(len, found), int, len(found))
            rays.append(np.repeat(np.arange(len(o)), counts))
            faces.append(idx[np.fromiter(itertools.chain.from_iterable(found), int,
                                         int(counts.sum()))])
        ray, face = np.concatenate(rays), np.concatenate(faces).astype(int)
        near = np.linalg.norm(flat[face] - o2[ray], axis=1) <= radius[face] + 1e-6
        ray, face = ray[near], face[near]
        return o, ray, distances(o[ray], face)

    def rays_blocked(self, origins, direction) -> np.ndarray:
        """For parallel rays from ``origins`` along one ``direction``: does each meet skin?

        Parameters
        ----------
        origins : array_like, shape (3,) or (k, 3)
            Start points of the rays, mm.
        direction : array_like, shape (3,)
            The common direction (any length).

        Returns
        -------
        numpy.ndarray of bool, shape (k,)
            True where the ray meets the skin (``ray_depths`` is finite).
        """
        o, ray, t = self._ray_pairs(origins, direction)
        return np.bincount(ray[np.isfinite(t)], minlength=len(o)) > 0

    def visible(self, points, view: str | None = None, *, towards=None,
                offset: float = 6.0) -> np.ndarray:
        """Which points a view sees: no skin between them and the eye.

        A ray runs from each point towards the viewer (``-forward`` of a named view, or
        the direction ``towards`` the eye of a camera), parallel as in an orthographic
        view. It starts ``offset`` mm out, so a point on or just under the skin facing the
        viewer counts as seen, and a ray grazing the skin it starts on (over the shoulders
        seen from behind) does not count.

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.
        view : str, optional
            A named view (``anatomy.conventions.VIEWS``): ``"anterior"``, ``"posterior"``,
            ``"left"``, ``"right"``, ``"superior"``, ``"posterolateral_left"`` or
            ``"posterolateral_right"``. Give this or ``towards``.
        towards : array_like, shape (3,), optional
            Direction from the points towards the eye. Give this or ``view``.
        offset : float, default 6.0
            How far out along that direction each ray starts, mm.

        Returns
        -------
        numpy.ndarray of bool, shape (k,)
            True where the point is seen.

        Raises
        ------
        ValueError
            If both or neither of ``view`` and ``towards`` are given, or ``view`` is unknown.
        """
        if (view is None) == (towards is None):
            raise ValueError("Give a named view or a direction towards the eye, not "
                             f"both or neither (view={view!r}, towards={towards!r}).")
        if view is not None:
            towards_eye = -view_basis(view)[2]
        else:
            towards_eye = np.asarray(towards, float) / np.linalg.norm(towards)
        pts = np.atleast_2d(np.asarray(points, float))
        return ~self.rays_blocked(pts + offset * towards_eye, towards_eye)

    def inside(self, points) -> np.ndarray:
        """True for points inside the closed skin (``surface.inside_mesh``).

        Parameters
        ----------
        points : array_like, shape (3,) or (k, 3)
            Points in the head frame, mm.

        Returns
        -------
        numpy.ndarray of bool, shape (k,)
            True where the point is inside.
        """
        return surface.inside_mesh(self.vertices, self.faces, points)

    # ------------------------------------------------------------ along the skin
    def nearest_vertex(self, point) -> int:
        """Index of the vertex nearest a point.

        Parameters
        ----------
        point : array_like, shape (3,)
            A point in the head frame, mm.

        Returns
        -------
        int
            Index into ``self.vertices``.
        """
        return surface.nearest_vertex(self.vertices, point)

    def distance(self, sources) -> np.ndarray:
        """Exact geodesic distance (mm) from the nearest of ``sources`` (vertex indices).

        Parameters
        ----------
        sources : int or array_like of int
            Source vertex indices.

        Returns
        -------
        numpy.ndarray, shape (n_vertices,)
            Distance along the skin from each vertex to the nearest source, mm (inf where
            unreachable).
        """
        return surface.geodesic_distance(self.vertices, self.faces, sources)

    def path(self, start: int, end: int) -> list[int]:
        """Vertices of the shortest edge path from vertex ``start`` to vertex ``end``.

        Parameters
        ----------
        start : int
            Index of the first vertex.
        end : int
            Index of the last vertex.

        Returns
        -------
        list of int
            Vertex indices along mesh edges, from ``start`` to ``end``.

        Raises
        ------
        ValueError
            If ``end`` cannot be reached from ``start``.
        """
        return surface.shortest_path(self.vertices, self.faces, start, end)


@lru_cache(maxsize=1)
def head_skin() -> Skin:
    """The skin of the head model (``anatomy.load_head()``)."""
    from anatomy.head import load_head

    head = load_head()
    return Skin(head.vertices, head.faces)
