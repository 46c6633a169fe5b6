"""Courses of the greater, lesser and third occipital nerves on the head model.

``nerve(name, side)`` returns a :class:`Nerve`: a smooth path (mm, origin to terminal),
its named waypoints, branches and sources. Waypoints come from ``data/nerves.toml``
(published means and SDs relative to the inion, the EAM line or a landmark; derived
positions are labelled). Deep waypoints sit at a depth under the posterior skin; after
the fascial exit the nerve is laid 3 mm under the skin along the inward normal.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import DATA_DIR, check_choice, check_side, mirror_x
from anatomy.head import load_head
from anatomy.references import check_keys
from anatomy.skin import head_skin
from anatomy.store import stored

NERVES_FILE = DATA_DIR / "nerves.toml"
NAMES = ("greater_occipital", "lesser_occipital", "third_occipital")
ALIASES = {"GON": "greater_occipital", "LON": "lesser_occipital", "TON": "third_occipital"}
FRAMES = ("eop", "eam", "landmark")
LAYERS = ("deep", "fascia", "subcutaneous")
COORDS = ("lateral_mm", "vertical_mm", "depth_mm")
SUBCUTANEOUS_DEPTH_MM = 3.0   # depth of the nerve under the skin after its fascial exit
STEP_MM = 2.0                 # path sampling
NEIGHBOUR_CORRELATION = 0.5   # assumed correlation of z-scores of neighbouring waypoints
TRUNCATE_SD = 2.0             # sampled coordinates stay within 2 SD (keeps them in the neck)


# ---------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Waypoint:
    """A named point of a nerve course as published (or derived), before placement."""

    id: str
    label: str
    layer: str
    frame: str
    lateral_mm: float
    vertical_mm: float
    depth_mm: float
    references: tuple[str, ...]
    note: str = ""
    measured: tuple[str, ...] = ()
    lateral_sd: float | None = None
    vertical_sd: float | None = None
    depth_sd: float | None = None
    n: int | None = None
    landmark: str = ""
    anterior_mm: float = 0.0
    lateral_measure: str = "straight"
    alternatives: tuple[dict, ...] = ()
    course_offset_mm: tuple[float, float, float] = (0.0, 0.0, 0.0)
    layer_surface: str = ""      # e.g. "semispinalis_capitis:posterior" (anatomy.structures)
    surface_gap_mm: float = 0.0  # + outside that face, - inside the muscle

    @property
    def status(self) -> str:
        """'measured' (lateral and vertical published), 'partly measured' or 'derived'."""
        if {"lateral_mm", "vertical_mm"} <= set(self.measured):
            return "measured"
        return "partly measured" if self.measured else "derived"

    def sd(self, coord: str) -> float | None:
        return getattr(self, coord.replace("_mm", "_sd"))


@dataclass(frozen=True)
class NerveSpec:
    """One nerve's record from ``nerves.toml``."""

    key: str
    abbreviation: str
    name: str
    latin: str
    root: str
    description: str
    references: tuple[str, ...]
    subcutaneous_after: str
    ascends_from: str
    waypoints: tuple[Waypoint, ...]
    branches: tuple[tuple[str, str, Waypoint], ...]  # (from waypoint, id, end point)
    points: tuple[Waypoint, ...] = ()

    def waypoint(self, wid: str) -> Waypoint:
        ids = [w.id for w in self.waypoints]
        return self.waypoints[ids.index(check_choice(wid, ids, f"{self.key} waypoint"))]


def _waypoint(rec: dict, where: str) -> Waypoint:
    try:
        wp = Waypoint(
            id=rec["id"], label=rec["label"], layer=rec.get("layer", "subcutaneous"),
            frame=rec["frame"], lateral_mm=float(rec["lateral_mm"]),
            vertical_mm=float(rec["vertical_mm"]), depth_mm=float(rec["depth_mm"]),
            references=tuple(rec["references"]), note=rec.get("note", ""),
            measured=tuple(rec.get("measured", ())), lateral_sd=rec.get("lateral_sd"),
            vertical_sd=rec.get("vertical_sd"), depth_sd=rec.get("depth_sd"),
            n=rec.get("n"), landmark=rec.get("landmark", ""),
            anterior_mm=float(rec.get("anterior_mm", 0.0)),
            lateral_measure=rec.get("lateral_measure", "straight"),
            alternatives=tuple(rec.get("alternatives", ())),
            course_offset_mm=tuple(float(c) for c in rec.get("course_offset_mm",
                                                            (0.0, 0.0, 0.0))),
            layer_surface=rec.get("layer_surface", ""),
            surface_gap_mm=float(rec.get("surface_gap_mm", 0.0)))
        if len(wp.course_offset_mm) != 3:
            raise ValueError("course_offset_mm needs 3 numbers")
        if wp.layer_surface:
            check_choice(wp.layer_surface.partition(":")[2], ("posterior", "anterior"),
                         "layer_surface face")
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{NERVES_FILE.name}: record {where} is malformed ({exc!r})") from None
    try:
        check_choice(wp.frame, FRAMES, "frame")
        check_choice(wp.layer, LAYERS, "layer")
        check_choice(wp.lateral_measure, ("straight", "skin_arc"), "lateral_measure")
        for m in wp.measured:
            check_choice(m, COORDS, "measured coordinate")
        if wp.frame == "landmark":
            from anatomy.head import BILATERAL, MIDLINE
            check_choice(wp.landmark, MIDLINE + BILATERAL, "landmark")
    except ValueError as exc:
        raise ValueError(f"{NERVES_FILE.name}: record {where}: {exc}") from None
    check_keys(wp.references, f"{NERVES_FILE.name} record {where}")
    for alt in wp.alternatives:
        check_keys(alt.get("source", "?"), f"{NERVES_FILE.name} record {where} alternatives")
    return wp


@lru_cache(maxsize=1)
def load_nerve_specs() -> dict[str, NerveSpec]:
    """Read and validate ``nerves.toml``; a malformed record raises ValueError naming it."""
    try:
        raw = tomllib.loads(NERVES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{NERVES_FILE} is not valid TOML: {exc}") from None
    specs = {}
    for key in NAMES:
        if key not in raw:
            raise ValueError(f"{NERVES_FILE.name} lacks the nerve record {key!r}")
        rec = raw[key]
        try:
            wps = tuple(_waypoint(w, f"{key}.waypoints[{w.get('id', k)}]")
                        for k, w in enumerate(rec["waypoints"]))
            branches = tuple((b["from"], b["id"], _waypoint(
                {**b, "layer": "subcutaneous"}, f"{key}.branches[{b.get('id', k)}]"))
                for k, b in enumerate(rec.get("branches", ())))
            points = tuple(_waypoint(p, f"{key}.points[{p.get('id', k)}]")
                           for k, p in enumerate(rec.get("points", ())))
            spec = NerveSpec(key=key, abbreviation=rec["abbreviation"], name=rec["name"],
                             latin=rec["latin"], root=rec["root"],
                             description=rec["description"],
                             references=tuple(rec["references"]),
                             subcutaneous_after=rec["subcutaneous_after"],
                             ascends_from=rec["ascends_from"], waypoints=wps,
                             branches=branches, points=points)
        except KeyError as exc:
            raise ValueError(f"{NERVES_FILE.name}: record {key!r} lacks {exc}") from None
        ids = [w.id for w in wps]
        for need in ("origin", "terminal", spec.subcutaneous_after, spec.ascends_from,
                     *(b[0] for b in branches)):
            if need not in ids:
                raise ValueError(f"{NERVES_FILE.name}: record {key!r} has no waypoint {need!r}")
        check_keys(spec.references, f"{NERVES_FILE.name} record {key!r}")
        specs[key] = spec
    return specs


@lru_cache(maxsize=1)
def _extra_records() -> dict:
    raw = tomllib.loads(NERVES_FILE.read_text(encoding="utf-8"))
    for key in ("compression_points", "block_landmarks"):
        if key not in raw:
            raise ValueError(f"{NERVES_FILE.name} lacks the record {key!r}")
    return {"compression_points": raw["compression_points"],
            "block_landmarks": raw["block_landmarks"]}


def canonical_name(name: object) -> str:
    """'greater_occipital' etc. from a name or alias (GON, LON, TON); else ValueError."""
    if isinstance(name, str) and name.upper() in ALIASES:
        return ALIASES[name.upper()]
    return check_choice(name, NAMES + tuple(ALIASES), "nerve")


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
    """Signed depth of points under the head model's skin (mm; positive = inside)."""
    return _skin().depth(points)


def place(wp: Waypoint, values: dict | None = None) -> np.ndarray:
    """3D position (right side) of a waypoint; ``values`` overrides lateral/vertical/depth."""
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

    def segment(self, start: str, end: str) -> np.ndarray:
        """The part of the path between two waypoints (inclusive)."""
        ids = list(self.waypoints)
        a = self.waypoint_index[check_choice(start, ids, f"{self.name} waypoint")]
        b = self.waypoint_index[check_choice(end, ids, f"{self.name} waypoint")]
        return self.path[min(a, b):max(a, b) + 1]

    def length(self) -> float:
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
    """Smooth path (right side) through placed waypoints; returns (path, first subcut index)."""
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


def _branch_path(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return _subcutaneous(np.array([start, end]), SUBCUTANEOUS_DEPTH_MM, ramp_mm=1.0)


def _index_of(path: np.ndarray, point: np.ndarray) -> int:
    return int(np.argmin(np.linalg.norm(path - point, axis=1)))


def _course(spec: NerveSpec, points: dict[str, np.ndarray],
            with_branches: bool = True) -> tuple[np.ndarray, int, list[np.ndarray]]:
    """(path, first subcutaneous index, branch paths) through placed waypoints."""
    path, sub_from = build_course(spec, points)
    branches = [_branch_path(path[_index_of(path, points[origin])], place(end))
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
                 waypoints=wps, branches=branches, branch_names=names,
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
                 waypoints={k: mirror_x(p) for k, p in n.waypoints.items()},
                 branches=[mirror_x(b) for b in n.branches], branch_names=n.branch_names,
                 sources=n.sources, subcutaneous_from=n.subcutaneous_from,
                 waypoint_index=dict(n.waypoint_index))


def nerve(name: str, side: str) -> Nerve:
    """The modelled course of an occipital nerve on one side.

    ``name``: 'greater_occipital', 'lesser_occipital', 'third_occipital' (or GON, LON,
    TON); ``side``: the subject's 'left' or 'right'. The left course mirrors the right.
    """
    return _nerve(canonical_name(name), check_side(side))


def all_nerves(sides=("right", "left")) -> list[Nerve]:
    """Every modelled nerve on the given sides (GON, LON, TON order)."""
    return [nerve(n, s) for s in sides for n in NAMES]


# ---------------------------------------------------------------------------- variation


def _zscores(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """(n, k) standard normal scores, AR(1)-correlated along the waypoint order."""
    z = rng.standard_normal((n, k))
    rho = NEIGHBOUR_CORRELATION
    for j in range(1, k):
        z[:, j] = rho * z[:, j - 1] + np.sqrt(1 - rho ** 2) * z[:, j]
    return np.clip(z, -TRUNCATE_SD, TRUNCATE_SD)


def sample_values(name: str, n: int, seed: int = 0) -> list[dict[str, dict[str, float]]]:
    """Waypoint coordinates (lateral, vertical, depth) for ``n`` plausible nerves.

    Each published coordinate with an SD is drawn from a normal distribution with that
    mean and SD, truncated at 2 SD; neighbouring waypoints are correlated (rho = 0.5, an
    assumption: the studies give no correlations). Coordinates without an SD move with
    the mean shift of the nearest drawn coordinates. From ``ascends_from`` on, each waypoint
    is kept at least 2 mm above the previous one (nerves rise to the scalp).
    """
    spec = load_nerve_specs()[canonical_name(name)]
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    rng = np.random.default_rng(seed)
    wps = spec.waypoints
    out = [{w.id: {c: getattr(w, c) for c in COORDS} for w in wps} for _ in range(n)]
    for coord in COORDS:
        drawn = [j for j, w in enumerate(wps) if w.sd(coord)]
        if not drawn:
            continue
        z = _zscores(rng, n, len(drawn))
        shift = np.zeros((n, len(wps)))
        for col, j in enumerate(drawn):
            shift[:, j] = z[:, col] * wps[j].sd(coord)
        for j in range(len(wps)):
            if j in drawn or wps[j].frame == "landmark":
                continue
            near = [d for d in drawn if abs(d - j) == min(abs(e - j) for e in drawn)]
            shift[:, j] = shift[:, near].mean(axis=1)
        for i in range(n):
            for j, w in enumerate(wps):
                out[i][w.id][coord] = getattr(w, coord) + shift[i, j]
                if coord == "depth_mm":
                    out[i][w.id][coord] = max(out[i][w.id][coord], 2.0)
    start = [w.id for w in wps].index(spec.ascends_from)
    for sample in out:
        for a, b in zip(wps[start:-1], wps[start + 1:]):
            if b.frame == a.frame and b.frame != "landmark":
                low = sample[a.id]["vertical_mm"] + 2.0
                sample[b.id]["vertical_mm"] = max(sample[b.id]["vertical_mm"], low)
    return out


def sample_waypoints(name: str, side: str, n: int, seed: int = 0,
                     ids=None) -> dict[str, np.ndarray]:
    """Placed waypoints of ``n`` sampled nerves: waypoint id -> (n, 3) array (mm).

    ``ids`` limits the waypoints placed (all by default).
    """
    spec = load_nerve_specs()[canonical_name(name)]
    side = check_side(side)
    values = sample_values(name, n, seed)
    wanted = [spec.waypoint(i) for i in ids] if ids is not None else spec.waypoints
    pts = {w.id: np.array([place(w, v[w.id]) for v in values]) for w in wanted}
    return {k: mirror_x(p) if side == "left" else p for k, p in pts.items()}


def sample_variants(name: str, side: str, n: int, seed: int = 0) -> list[Nerve]:
    """``n`` plausible courses drawn from the published SDs (see ``sample_values``)."""
    spec = load_nerve_specs()[canonical_name(name)]
    side = check_side(side)
    out = []
    for v in sample_values(name, n, seed):
        right = _make_nerve(spec, {w.id: place(w, v[w.id]) for w in spec.waypoints},
                            with_branches=False)
        out.append(_mirror(right) if side == "left" else right)
    return out


# ---------------------------------------------------------------------------- points


@dataclass(frozen=True)
class CoursePoint:
    """A named point on or near a modelled course (compression point, block landmark)."""

    id: str
    label: str
    point: np.ndarray
    derived: bool
    references: tuple[str, ...]
    note: str = ""
    number: int | None = None


def _artery_path(side: str) -> np.ndarray | None:
    """The occipital artery path from anatomy.structures, if that module is available."""
    try:
        from anatomy.structures import load_structures
    except ImportError:
        return None
    for s in load_structures(side=side, layer="vessel").values():
        if "occipital" in s.id and getattr(s, "path", None) is not None:
            return np.asarray(s.path, float)
    return None


def occipital_artery_crossing(side: str) -> tuple[np.ndarray, bool]:
    """Point of the GON nearest the occipital artery and whether the artery model was used.

    Without the structures model the point is placed 8 mm along the course beyond the
    trapezius exit (derived fallback).
    """
    gon = nerve("greater_occipital", side)
    art = _artery_path(check_side(side))
    if art is not None:
        tail = gon.path[gon.waypoint_index["trapezius_exit"]:gon.waypoint_index["branch_point"]]
        d = np.linalg.norm(tail[:, None, :] - art[None, :, :], axis=2)
        return tail[int(np.argmin(d.min(axis=1)))], True
    tail = gon.path[gon.waypoint_index["trapezius_exit"]:]
    return surface.point_at_fraction(tail, 8.0 / surface.arc_length(tail)), False


def compression_points(side: str) -> dict[str, CoursePoint]:
    """Janis 2010a's six GON compression points, placed on the modelled course (derived)."""
    side = check_side(side)
    gon = nerve("greater_occipital", side)
    rec = _extra_records()["compression_points"]
    refs = tuple(rec["references"])
    out = {}
    for p in rec["points"]:
        if p["placement"] == "waypoint":
            pt, note = gon.waypoints[p["waypoint"]], f"at the waypoint {p['waypoint']!r}"
        elif p["placement"] == "midpoint":
            seg = gon.segment(*p["between"])
            pt, note = surface.point_at_fraction(seg, 0.5), "midway between " + \
                " and ".join(p["between"])
        elif p["placement"] == "artery_crossing":
            pt, used = occipital_artery_crossing(side)
            note = ("point of the course nearest the occipital artery model" if used else
                    "8 mm beyond the trapezius exit (artery model unavailable)")
        else:
            check_choice(p["placement"], ("waypoint", "midpoint", "artery_crossing"),
                         f"placement of compression point {p.get('id')!r}")
        out[p["id"]] = CoursePoint(id=p["id"], label=p["label"], point=np.asarray(pt),
                                   derived=True, references=refs, number=p["number"],
                                   note="Derived: " + note + ". Janis 2010a's coordinates "
                                   "were not available.")
    return out


@lru_cache(maxsize=2)
@stored
def inion_mastoid_line(side: str) -> np.ndarray:
    """Skin path from the inion to the mastoid tip (chord projected onto the skin)."""
    s = _skin()
    side = check_side(side)
    a, b = s.head.landmarks["inion"], s.head.landmarks[f"mastoid_{side}"]
    chord = a + np.linspace(0, 1, 61)[:, None] * (b - a)
    return _smooth(s.closest(chord), passes=2)


def block_landmarks(side: str) -> dict[str, CoursePoint]:
    """GON (1/3) and LON (2/3) block points along the skin from the EOP to the mastoid."""
    side = check_side(side)
    line = inion_mastoid_line(side)
    out = {}
    for key, rec in _extra_records()["block_landmarks"].items():
        frac = float(rec["fraction_from_eop"])
        out[key] = CoursePoint(
            id=key, label=rec["label"], point=surface.point_at_fraction(line, frac),
            derived=False, references=tuple(rec["references"]),
            note=f"{frac:.3f} of the skin line from the EOP to the mastoid tip (origin EOP; "
                 "some sources state the same points from the mastoid: GON 2/3, LON 1/3).")
    return out


def distance_to_nerve(point, n: Nerve) -> float:
    """Shortest distance (mm) from a point to a nerve's path."""
    return float(np.linalg.norm(n.path - np.asarray(point, float), axis=1).min())


def block_landmark_distances(side: str = "right") -> list[dict]:
    """How far each block landmark lies from its modelled nerve (path and fascial exit)."""
    rows = []
    for key, lm in block_landmarks(side).items():
        nv = nerve(key, side)
        exit_id = load_nerve_specs()[key].subcutaneous_after
        rows.append({
            "nerve": nv.abbreviation, "landmark": lm.label,
            "to_path_mm": round(distance_to_nerve(lm.point, nv), 1),
            "to_fascial_exit_mm": round(float(np.linalg.norm(lm.point - nv.waypoints[exit_id])), 1),
            "fascial_exit": exit_id})
    return rows


def share_within(name: str, side: str, radius_mm: float = 20.0, n: int = 400,
                 seed: int = 0) -> float:
    """Share of sampled nerves whose fascial exit lies within ``radius_mm`` of the block point.

    Compare with Won 2018: the GON pierced the fascia within 2 cm of the one-third point
    in 85.7% of 56 half-heads.
    """
    return _share_within(canonical_name(name), check_side(side), float(radius_mm), int(n),
                         int(seed))


@lru_cache(maxsize=16)
@stored
def _share_within(key: str, side: str, radius_mm: float, n: int, seed: int) -> float:
    spec = load_nerve_specs()[key]
    wp = spec.waypoint(spec.subcutaneous_after)
    target = block_landmarks(side)[key].point
    if wp.frame == "eop" and wp.lateral_measure == "straight":  # fast: skin height field
        vals = sample_values(key, n, seed)
        lat = np.array([v[wp.id]["lateral_mm"] for v in vals])
        z = _skin().inion[2] + np.array([v[wp.id]["vertical_mm"] for v in vals])
        pts = _skin().posterior_many(lat, z)
        if side == "left":
            pts = mirror_x(pts)
    else:
        pts = _skin().closest(sample_waypoints(key, side, n, seed, ids=[wp.id])[wp.id])
    return float((np.linalg.norm(pts - target, axis=1) <= radius_mm).mean())


# ---------------------------------------------------------------------------- tables


def _fmt(mean: float, sd: float | None, measured: bool) -> str:
    text = f"{mean:.1f}" + (f" ± {sd:.1f}" if sd else "")
    return text if measured else f"{text} (derived)"


def _published_depth(w: Waypoint) -> str:
    if "depth_mm" in w.measured:
        return _fmt(w.depth_mm, w.depth_sd, True)
    alts = [a for a in w.alternatives if "depth_mm" in a]
    if alts:
        a = alts[0]
        from anatomy.references import cite

        return _fmt(a["depth_mm"], a.get("depth_sd"), True) + f" ({cite(a['source'])})"
    return "-"


@stored
def _model_depths(kind: str, side: str) -> dict[str, float]:
    """Depth under the skin (mm) of placed points: a nerve's waypoints (``kind`` is its
    key) or the 'compression_points' (stored: see anatomy.store)."""
    points = ({k: c.point for k, c in compression_points(side).items()}
              if kind == "compression_points" else nerve(kind, side).waypoints)
    return {k: float(skin_depth(p)[0]) for k, p in points.items()}


def waypoint_table(name: str, side: str = "right"):
    """DataFrame: each waypoint's published value, model position, status and sources."""
    import pandas as pd

    from anatomy.references import cite

    key = canonical_name(name)
    spec, nv = load_nerve_specs()[key], nerve(key, side)
    depths = _model_depths(key, check_side(side))
    rows = []
    for w in spec.waypoints:
        p = nv.waypoints[w.id]
        origin = {"eop": "EOP", "eam": "EAM line", "landmark": w.landmark}[w.frame]
        rows.append({
            "waypoint": w.id,
            "lateral_mm": _fmt(w.lateral_mm, w.lateral_sd, "lateral_mm" in w.measured),
            "vertical_mm": _fmt(w.vertical_mm, w.vertical_sd, "vertical_mm" in w.measured),
            "origin": origin,
            "published_depth_mm": _published_depth(w),
            "model_depth_mm": round(depths[w.id], 1),
            "status": w.status,
            "model_xyz_mm": "(" + ", ".join(f"{c:.0f}" for c in p) + ")",
            "sources": cite(*w.references)})
    return pd.DataFrame(rows).set_index("waypoint")


def compression_table(side: str = "right"):
    """DataFrame of Janis 2010a's six compression points as placed on the model (derived)."""
    import pandas as pd

    g = nerve("greater_occipital", side)
    eop = load_head().landmarks["inion"]
    depths = _model_depths("compression_points", check_side(side))
    rows = []
    for key, c in compression_points(side).items():
        rows.append({"point": c.number, "where": c.label,
                     "lateral_mm": round(abs(float(c.point[0])), 1),
                     "vertical_re_EOP_mm": round(float(c.point[2] - eop[2]), 1),
                     "depth_mm": round(depths[key], 1),
                     "on_GON_mm": round(distance_to_nerve(c.point, g), 1),
                     "status": "derived"})
    return pd.DataFrame(rows).set_index("point")
