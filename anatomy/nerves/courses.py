"""Nerve courses on the head model: waypoints placed under the skin and joined into paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import Choices, check_choice, check_side, mirror_x
from anatomy.head import load_head
from anatomy.nerves.specs import (
    COORDS,
    NAMES,
    NERVES_FILE,
    STEP_MM,
    SUBCUTANEOUS_DEPTH_MM,
    NerveSpec,
    Waypoint,
    canonical_name,
    load_nerve_specs,
)
from anatomy.skin import head_skin
from anatomy.store import stored

__all__ = ["HEAD_CENTRE", "Nerve", "all_nerves", "build_course", "nerve", "place", "skin_depth"]

# ---------------------------------------------------------------------------- skin


class _Skin:
    """The head's skin (``anatomy.skin.head_skin``, the one skin every module asks) plus
    the nerve model's own questions: the posterior skin at (x, z) and contour arcs."""

    def __init__(self):
        head = load_head()
        self.head = head
        self.skin = head_skin()
        self.v, self.f, self.normals = self.skin.vertices, self.skin.faces, self.skin.normals
        self.inion = np.asarray(head.landmarks["inion"], float)
        self.eam_z = float((head.landmarks["tragus_left"][2]
                            + head.landmarks["tragus_right"][2]) / 2)

    def closest(self, points) -> np.ndarray:
        return self.skin.closest(points)

    def normal_at(self, points) -> np.ndarray:
        return self.skin.normal_at(points)

    def under(self, points, depth) -> np.ndarray:
        return self.skin.under(points, depth)

    def depth(self, points) -> np.ndarray:
        return self.skin.depth(points)

    def posterior(self, x: float, z: float) -> np.ndarray:
        """Posterior skin point at (x, z), hit by a ray travelling forward."""
        hit = self.skin.ray_hit((x, -400.0, z), (0.0, 1.0, 0.0))
        if hit is None:
            raise ValueError(f"No posterior skin at x={x:.1f}, z={z:.1f} mm on the head model")
        return hit

    def posterior_many(self, x, z) -> np.ndarray:
        """Posterior skin points for many (x, z) at once (interpolated height field)."""
        if not hasattr(self, "_back"):
            from scipy.interpolate import LinearNDInterpolator

            back = (self.normals[:, 1] < -0.25) & (self.v[:, 1] < 0)
            self._back = LinearNDInterpolator(self.v[back][:, [0, 2]], self.v[back][:, 1])
        x, z = np.atleast_1d(x).astype(float), np.atleast_1d(z).astype(float)
        y = self._back(np.c_[x, z])
        bad = np.isnan(y)
        for i in np.nonzero(bad)[0]:
            y[i] = self.posterior(x[i], z[i])[1]
        return np.c_[x, y, z]

    @lru_cache(maxsize=256)  # noqa: B019 - one _Skin per process
    def arc_table(self, z: float) -> tuple[np.ndarray, np.ndarray]:
        """Skin contour of the right half at height z, from the posterior midline forward.

        Returns (arc length from the midline, points every 2 degrees about the
        section's centre). The outermost crossing in each 6-degree sector is kept (the
        mesh has inner surfaces at neck level); it matches inward ray casting within 1 mm
        over the posterior 60 degrees.
        """
        back = self.posterior(0.0, z)
        front = self.skin.ray_hit((0.0, 400.0, z), (0.0, -1.0, 0.0))
        centre = np.array([0.0, (back[1] + front[1]) / 2, z])
        rel = surface.plane_section(self.v, self.f, centre, (0, 0, 1)) - centre
        ang = np.degrees(np.arctan2(rel[:, 0], -rel[:, 1]))
        rad = np.hypot(rel[:, 0], rel[:, 1])
        keep_a, keep_r = [0.0], [centre[1] - back[1]]
        for a0 in np.arange(3.0, 183.0, 6.0):
            sector = (ang >= a0) & (ang < a0 + 6.0)
            if sector.any():
                k = int(np.argmax(np.where(sector, rad, -1.0)))
                keep_a.append(ang[k])
                keep_r.append(rad[k])
        grid = np.arange(0.0, 181.0, 2.0)
        r = np.interp(grid, keep_a, keep_r)
        th = np.radians(grid)
        contour = centre + np.c_[r * np.sin(th), -r * np.cos(th), np.zeros_like(r)]
        arc = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(contour, axis=0), axis=1))]
        return arc, contour


@lru_cache(maxsize=1)
def _skin() -> _Skin:
    return _Skin()


def skin_depth(points) -> np.ndarray:
    """Signed depth of points under the head model's skin (mm; positive = inside).

    Parameters
    ----------
    points : array_like, shape (3,) or (n, 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Depth of each point under the skin in mm; positive inside the head, negative
        outside.
    """
    return _skin().depth(points)


def place(wp: Waypoint, values: dict | None = None) -> np.ndarray:
    """3D position (right side) of a waypoint; ``values`` overrides lateral/vertical/depth.

    Parameters
    ----------
    wp : Waypoint
        A waypoint from a NerveSpec. Its ``frame`` (``"eop"``, ``"eam"`` or
        ``"landmark"``) says where ``lateral_mm`` and ``vertical_mm`` are measured from,
        its ``layer`` and ``layer_surface`` how ``depth_mm`` is applied.
    values : dict, optional
        Replacement coordinates keyed ``"lateral_mm"``, ``"vertical_mm"``, ``"depth_mm"``
        (mm), e.g. one draw of ``sample_values``; missing keys keep the waypoint's own.

    Returns
    -------
    numpy.ndarray, shape (3,)
        The position on the subject's right side, mm, in the head frame.
    """
    s = _skin()
    lat, vert, depth = (float((values or {}).get(c, getattr(wp, c))) for c in COORDS)
    if wp.frame == "landmark":
        name = wp.landmark + ("_right" if wp.landmark + "_right" in s.head.landmarks else "")
        target = s.head.landmarks[name] + np.array([lat, wp.anterior_mm, vert])
        return s.under(target, depth)[0]
    z = (s.inion[2] if wp.frame == "eop" else s.eam_z) + vert
    if wp.lateral_measure == "skin_arc":
        arc, contour = s.arc_table(round(z, 0))
        skin = np.array([np.interp(lat, arc, contour[:, k]) for k in range(3)])
        skin[2] = z
        normal = s.normal_at(skin)[0] * [1.0, 1.0, 0.0]  # stay at the published height
        return skin - depth * normal / np.linalg.norm(normal)
    if wp.layer == "subcutaneous":
        return s.under(s.posterior(lat, z), depth)[0]
    point = s.posterior(lat, z) + np.array([0.0, depth, 0.0])
    if wp.layer_surface:
        y = _muscle_face_y(wp.layer_surface, lat, z)
        if y is not None:  # on the modelled muscle face; else the fallback depth above
            face = wp.layer_surface.partition(":")[2]
            point[1] = y - wp.surface_gap_mm if face == "posterior" else y + wp.surface_gap_mm
    return point


def _muscle_face_y(layer_surface: str, x: float, z: float) -> float | None:
    """y of a right-side structure's posterior or anterior face at (x, z), or None."""
    base, _, face = layer_surface.partition(":")
    try:
        from anatomy.structures import load_structures
    except ImportError:  # the structures model is optional for the nerve courses
        return None
    st = load_structures(side="right").get(f"{base}_right")
    if st is None:
        raise ValueError(f"{NERVES_FILE.name}: unknown structure {base!r} in layer_surface")
    sign = -1.0 if face == "posterior" else 1.0
    hit = surface.ray_hit(st.vertices, st.faces, (x, 400.0 * sign, z), (0.0, -sign, 0.0))
    return None if hit is None else float(hit[1])


# ---------------------------------------------------------------------------- paths


@dataclass(frozen=True, eq=False)
class Nerve:
    """A modelled nerve on one side: ``path`` (K, 3) mm from origin to terminal."""

    name: str
    side: str
    label: str
    abbreviation: str
    latin: str
    description: str
    path: np.ndarray
    waypoints: dict[str, np.ndarray]
    branches: list[np.ndarray]
    branch_names: list[str]
    sources: tuple[str, ...]
    subcutaneous_from: int  # index of the first path point laid under the skin
    waypoint_index: dict[str, int] = field(default_factory=dict)

    @property
    def spec(self) -> NerveSpec:
        return load_nerve_specs()[self.name]

    @property
    def marked_waypoints(self) -> dict[str, np.ndarray]:
        """Where figures mark each waypoint: the point of ``path`` nearest it.

        The course is smoothed through the sourced waypoints and passes up to a few mm
        from them; a marker at the waypoint itself stood beside the drawn nerve.

        Returns
        -------
        dict of str to numpy.ndarray
            Waypoint id to a point of ``path``, mm.
        """
        return {k: self.path[i] for k, i in self.waypoint_index.items()}

    def segment(self, start: str, end: str) -> np.ndarray:
        """The part of the path between two waypoints (inclusive).

        Parameters
        ----------
        start, end : str
            Waypoint ids of this nerve (in either order).

        Returns
        -------
        numpy.ndarray, shape (k, 3)
            The path points from the first to the second waypoint along the course, mm.

        Raises
        ------
        ValueError
            If a waypoint id is not one of this nerve's.
        """
        ids = list(self.waypoints)
        a = self.waypoint_index[check_choice(start, ids, f"{self.name} waypoint")]
        b = self.waypoint_index[check_choice(end, ids, f"{self.name} waypoint")]
        return self.path[min(a, b):max(a, b) + 1]

    def length(self) -> float:
        """Length of the modelled course.

        Returns
        -------
        float
            Arc length of ``path``, mm (branches not included).
        """
        return surface.arc_length(self.path)


def _pchip(points: np.ndarray, step: float) -> np.ndarray:
    t = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
    k = max(int(np.ceil(t[-1] / step)), 2)
    from scipy.interpolate import PchipInterpolator

    return PchipInterpolator(t, points, axis=0)(np.linspace(0, t[-1], k + 1))


def _smooth(path: np.ndarray, passes: int = 6) -> np.ndarray:
    out = path.copy()
    for _ in range(passes):
        out[1:-1] = 0.25 * out[:-2] + 0.5 * out[1:-1] + 0.25 * out[2:]
    return out


def _resample(path: np.ndarray, step: float) -> np.ndarray:
    t = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))]
    k = max(int(np.ceil(t[-1] / step)), 2)
    ts = np.linspace(0, t[-1], k + 1)
    return np.c_[[np.interp(ts, t, path[:, j]) for j in range(3)]].T


HEAD_CENTRE = np.array([0.0, -10.0, 40.0])  # centre for great-circle-like skin courses


def _slerp_samples(points: np.ndarray, step: float) -> np.ndarray:
    """Samples between anchors, interpolating direction and distance about HEAD_CENTRE."""
    out = [points[0]]
    for a, b in zip(points[:-1], points[1:]):
        da, db = a - HEAD_CENTRE, b - HEAD_CENTRE
        ra, rb = np.linalg.norm(da), np.linalg.norm(db)
        ua, ub = da / ra, db / rb
        omega = np.arccos(np.clip(ua @ ub, -1.0, 1.0))
        k = max(int(np.ceil(np.linalg.norm(b - a) / step)), 1)
        for t in np.linspace(0, 1, k + 1)[1:]:
            if omega < 1e-6:
                u = ua
            else:
                u = (np.sin((1 - t) * omega) * ua + np.sin(t * omega) * ub) / np.sin(omega)
            out.append(HEAD_CENTRE + u * ((1 - t) * ra + t * rb))
    return np.array(out)


def _on_skin(points: np.ndarray, depth, passes: int = 3) -> np.ndarray:
    """Lay a course ``depth`` mm under the skin, smoothed to hide the mesh facets."""
    s = _skin()
    q = s.closest(points)
    p = q - s.normal_at(q) * np.reshape(np.asarray(depth, float), (-1, 1))
    return _smooth(p, passes=passes)


def _subcutaneous(points: np.ndarray, start_depth: float, ramp_mm: float = 12.0,
                  step: float = STEP_MM) -> np.ndarray:
    """Skin-following course through anchor points, ``SUBCUTANEOUS_DEPTH_MM`` under the skin.

    The first ``ramp_mm`` rise from the fascial exit depth to the subcutaneous depth.
    """
    s = _skin()
    course = _resample(_smooth(s.closest(_slerp_samples(points, step)), passes=6), step)
    arc = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(course, axis=0), axis=1))]
    depth = np.interp(arc, [0.0, ramp_mm], [start_depth, SUBCUTANEOUS_DEPTH_MM])
    return _on_skin(course, depth)


def build_course(spec: NerveSpec, points: dict[str, np.ndarray]) -> tuple[np.ndarray, int]:
    """Smooth path (right side) through placed waypoints; returns (path, first subcut index).

    Parameters
    ----------
    spec : NerveSpec
        The nerve's specification (waypoint order and ``subcutaneous_after``).
    points : dict[str, numpy.ndarray]
        Waypoint id -> placed position (mm, right side), e.g. from ``place``.

    Returns
    -------
    path : numpy.ndarray, shape (n, 3)
        The smoothed course, sampled about every STEP_MM (2 mm), mm; after the fascial
        exit it runs SUBCUTANEOUS_DEPTH_MM (3 mm) under the skin.
    first_subcutaneous : int
        Index into ``path`` of the first point after the deep part (the fascial exit).
    """
    ids = [w.id for w in spec.waypoints]
    k = ids.index(spec.subcutaneous_after)
    ctrl = {w.id: points[w.id] + np.asarray(w.course_offset_mm) for w in spec.waypoints}
    deep = _pchip(np.array([ctrl[i] for i in ids[:k + 1]]), STEP_MM / 2)
    deep = _resample(_smooth(deep, 3), STEP_MM)
    exit_depth = spec.waypoint(spec.subcutaneous_after).depth_mm
    sub = _subcutaneous(np.array([points[i] for i in ids[k:]]), exit_depth)
    path = np.vstack([deep, sub[1:]])
    # round off the turn at the fascial exit, then lay the skin part back under the skin
    smooth = _smooth(path, passes=8)
    tail = slice(len(deep) + 6, None)
    smooth[tail] = _on_skin(smooth[tail], SUBCUTANEOUS_DEPTH_MM)
    return smooth, len(deep)


# how far a branch keeps to its parent's direction before it turns to its end: the
# control point of a quadratic Bezier curve lies this fraction of the chord out, between
# the chord's direction and the parent's (weighted by how far the chord goes the parent's
# way: a branch that leaves sideways or back stays straight). Branches leave their trunk
# at an acute angle and curve to their ends; drawn as straight chords they read as ruler
# lines, and the two TONs' midline twigs as a "W" (review)
BRANCH_BEND = 0.45


def _branch_path(path: np.ndarray, i: int, end: np.ndarray) -> np.ndarray:
    """A branch from ``path[i]`` to ``end``: a curve leaving in the path's direction there,
    laid SUBCUTANEOUS_DEPTH_MM under the skin."""
    start = path[i]
    tangent = path[min(i + 1, len(path) - 1)] - path[max(i - 1, 0)]
    chord = end - start
    length = float(np.linalg.norm(chord))
    u, d = tangent / np.linalg.norm(tangent), chord / length
    toward = max(float(u @ d), 0.0) * u + d
    ctrl = start + BRANCH_BEND * length * toward / np.linalg.norm(toward)
    t = np.linspace(0.0, 1.0, max(int(length / STEP_MM), 2) + 1)[:, None]
    curve = (1 - t) ** 2 * start + 2 * t * (1 - t) * ctrl + t ** 2 * end
    return _subcutaneous(curve, SUBCUTANEOUS_DEPTH_MM, ramp_mm=1.0)


def _index_of(path: np.ndarray, point: np.ndarray) -> int:
    return int(np.argmin(np.linalg.norm(path - point, axis=1)))


def _course(spec: NerveSpec, points: dict[str, np.ndarray],
            with_branches: bool = True) -> tuple[np.ndarray, int, list[np.ndarray]]:
    """(path, first subcutaneous index, branch paths) through placed waypoints."""
    path, sub_from = build_course(spec, points)
    branches = [_branch_path(path, _index_of(path, points[origin]), place(end))
                for origin, _, end in (spec.branches if with_branches else ())]
    return path, sub_from, branches


@stored
def _standard_course(key: str) -> tuple[dict[str, np.ndarray], np.ndarray, int, list]:
    """Placed waypoints and ``_course`` of a nerve's published course (right side;
    stored: see anatomy.store)."""
    spec = load_nerve_specs()[key]
    points = {w.id: place(w) for w in spec.waypoints}
    return (points, *_course(spec, points))


def _make_nerve(spec: NerveSpec, points: dict[str, np.ndarray],
                with_branches: bool = True, course=None) -> Nerve:
    """A right-side Nerve through placed waypoints (mirror it for the left)."""
    path, sub_from, branches = course or _course(spec, points, with_branches)
    names = [bid for _, bid, _ in spec.branches] if with_branches else []
    wps = {w.id: points[w.id] for w in spec.waypoints}
    refs = list(spec.references)
    for w in spec.waypoints:
        refs.extend(w.references)
    for _, _, b in spec.branches:
        refs.extend(b.references)
    return Nerve(name=spec.key, side="right", label=spec.name, abbreviation=spec.abbreviation,
                 latin=spec.latin, description=spec.description, path=path,
                 waypoints=Choices(wps, f"{spec.abbreviation} waypoint"), branches=branches,
                 branch_names=names,
                 sources=tuple(dict.fromkeys(refs)), subcutaneous_from=sub_from,
                 waypoint_index={k: _index_of(path, p) for k, p in wps.items()})


@lru_cache(maxsize=8)
def _nerve(key: str, side: str) -> Nerve:
    spec = load_nerve_specs()[key]
    if side == "left":
        return _mirror(_nerve(key, "right"))
    points, *course = _standard_course(key)
    return _make_nerve(spec, points, course=course)


def _mirror(n: Nerve) -> Nerve:
    return Nerve(name=n.name, side="left", label=n.label, abbreviation=n.abbreviation,
                 latin=n.latin, description=n.description, path=mirror_x(n.path),
                 waypoints=Choices({k: mirror_x(p) for k, p in n.waypoints.items()},
                                   n.waypoints.what),
                 branches=[mirror_x(b) for b in n.branches], branch_names=n.branch_names,
                 sources=n.sources, subcutaneous_from=n.subcutaneous_from,
                 waypoint_index=dict(n.waypoint_index))


def nerve(name: str, side: str) -> Nerve:
    """The modelled course of an occipital nerve on one side.

    The left course mirrors the right.

    Parameters
    ----------
    name : str
        ``"greater_occipital"``, ``"lesser_occipital"`` or ``"third_occipital"``, or an
        alias ``"GON"``, ``"LON"``, ``"TON"``.
    side : {"left", "right"}
        The subject's side.

    Returns
    -------
    Nerve
        The nerve's path (mm), named waypoints, branches and sources.

    Raises
    ------
    ValueError
        If ``name`` or ``side`` is not one of the valid choices.
    """
    return _nerve(canonical_name(name), check_side(side))


def all_nerves(sides=("right", "left")) -> list[Nerve]:
    """Every modelled nerve on the given sides (GON, LON, TON order).

    Parameters
    ----------
    sides : sequence of {"left", "right"}, default ("right", "left")
        The subject's sides, in the order wanted.

    Returns
    -------
    list of Nerve
        For each side in turn, the greater, lesser and third occipital nerves.

    Raises
    ------
    ValueError
        If a side is not ``"left"`` or ``"right"``.
    """
    return [nerve(n, s) for s in sides for n in NAMES]


