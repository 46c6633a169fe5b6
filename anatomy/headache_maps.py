"""Where each headache hurts: pain-location maps on the head, one scalar per skin vertex.

Each map is built from head regions (periorbital, frontal, temporal, occipital, vertex,
neck and the occipital-nerve territories) placed on skin landmarks and 10-20 positions,
with a smooth fall-off along the skin (exact geodesic distance on the mesh). A vertex
takes the largest ``weight x region field`` of the regions covering it; values are in [0, 1].

Two kinds of map, never mixed in one condition:

- **frequency** (migraine): the weight of a region is the share of 1283 clinic patients who
  reported pain there (Kelman 2005). The side opposite the painful side gets
  ``weight x (1 - share)``, where share is the proportion with hemicranial pain (Kelman
  2005, in ``maps.toml``); that scaling is the kit's
  derived reading, not a number from the paper.
- **qualitative** (occipital neuralgia, tension-type, cervicogenic): no regional
  percentages exist, so 1.0 marks the core area the ICHD-3 text describes and lower
  weights mark possible spread. These weights are display choices, not measurements.

Region centres, sizes and fall-offs are the kit's construction (derived), drawn on the
landmarks named in ``REGIONS``; they are not territories traced from dissections.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from anatomy.conventions import SIDE_SIGN, check_choice
from anatomy.head import auricle_weight, load_head
from anatomy.headache_map_specs import (  # noqa: F401 - the maps' records, re-exported
    CONDITION_LABELS,
    DEFAULT_SIDE,
    KELMAN_HEMICRANIAL,
    MAP_CONDITIONS,
    MAP_KINDS,
    MAP_SIDES,
    MAP_SPECS,
    MAPS_FILE,
    REGIONS,
    Region,
    _condition,
    map_caption,
    map_kind,
    map_references,
    region_weights,
)
from anatomy.meshgen import (  # noqa: F401 - re-exported
    Decimated,
    decimate,
    level_regions,
    refine,
    simplify,
    subdivide,
)
from anatomy.nerves import load_nerve_specs
from anatomy.shell import head_shell, smooth_refine
from anatomy.skin import Skin
from anatomy.store import read_only, stored
from anatomy.surface import nearest_vertex

__all__ = [
    "AURICLE_OUTSIDE_MM", "AURICLE_REGIONS", "CONDITION_LABELS", "DEFAULT_SIDE",
    "FIGURE_FACES", "KELMAN_HEMICRANIAL", "MAPS_FILE",
    "MAP_CONDITIONS", "MAP_CUT_SLOPE", "MAP_EDGE_BLEND_MM", "MAP_KINDS", "MAP_MAX_EDGE_MM",
    "MAP_NECK_HALF_MM",
    "MAP_SIDES", "MAP_Z_MIN", "MapMesh",
    "Region", "condition_edge", "condition_map", "figure_mesh", "map_caption", "map_kind",
    "region_seeds",
    "map_mesh",
    "map_references", "map_skin", "region_centre", "region_field", "region_values",
    "region_weights", "skin_distance",
]

def _falloff(d: np.ndarray, core: float, fade: float) -> np.ndarray:
    """1 inside the core, cosine fall-off to 0 over ``fade`` mm, 0 beyond."""
    t = np.clip((d - core) / fade, 0.0, 1.0)
    return 0.5 * (1.0 + np.cos(np.pi * t))


@dataclass(frozen=True, eq=False)
class MapMesh:
    """The skin of the head and neck, refined for smooth maps (mm, kit frame)."""

    vertices: np.ndarray
    faces: np.ndarray
    eye_vertices: np.ndarray
    eye_faces: np.ndarray


MAP_Z_MIN = -150.0  # keep head and neck down to below C7 (z about -122); drop shoulders
MAP_NECK_HALF_MM = 50.0  # beyond this distance from the midline the cut rises ...
MAP_CUT_SLOPE = 0.7  # ... by this many mm per mm, through the shoulders' slope
MAP_MAX_EDGE_MM = 6.0  # edges of the map mesh are at most this long
FIGURE_FACES = 3500  # triangles of the light copy that interactive figures draw
# the edge of a map is the smooth maximum of its regions' reaches over this many mm: with
# the plain maximum, two regions that nearly touched (the migraine map's two frontal
# regions on the forehead's midline) left a skin-coloured slit between them (reviewer)
MAP_EDGE_BLEND_MM = 16.0
# the regions whose pain reaches onto the auricle: the LON's skin includes the upper back
# of the auricle (Gray's; territories.toml). The others stop at the ear's root: grown
# along the skin, the tension-type band and the migraine's temples coloured the whole
# auricle, where none of their sources puts pain (reviewer)
AURICLE_REGIONS = ("lon",)
# how far (mm) outside a map's edge the auricle of a region that stops at its root lies
AURICLE_OUTSIDE_MM = 10.0


@stored
def _map_mesh_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Vertices and faces of ``map_mesh`` (stored: see anatomy.store)."""
    v, f, cap = head_shell()
    v, f = smooth_refine(v, f, MAP_MAX_EDGE_MM, fixed=np.unique(f[cap]),
                         where=v[:, 2] > MAP_Z_MIN, rounds=6)
    # cut exactly along z = MAP_Z_MIN: a straight lower edge, not a saw tooth of faces
    # (the coarse faces across the cut are then split flat, so they stay on the skin)
    # the cut rises to the sides, past the neck, so that no shoulder flap is left
    floor = MAP_Z_MIN + MAP_CUT_SLOPE * np.maximum(np.abs(v[:, 0]) - MAP_NECK_HALF_MM, 0.0)
    v, f, label, _ = level_regions(v, f, (v[:, 2] - floor)[None], level=0.0)
    v, f = refine(v, f[label == 0], MAP_MAX_EDGE_MM)
    used, inverse = np.unique(f, return_inverse=True)
    return v[used], inverse.reshape(f.shape).astype(np.int64)


@stored
def _figure_mesh_arrays(faces: int) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and faces of ``figure_mesh`` (stored: see anatomy.store)."""
    m = map_mesh()
    return simplify(m.vertices, m.faces, faces)


@lru_cache(maxsize=2)
def figure_mesh(faces: int = FIGURE_FACES) -> tuple[np.ndarray, np.ndarray]:
    """A light copy of the map mesh for interactive figures: quadric edge-collapse
    simplification (Garland & Heckbert 1997, by the ``fast-simplification`` package), which
    keeps the ear, nose and eyelids and makes the flat scalp coarse, with no holes.

    Parameters
    ----------
    faces : int, default FIGURE_FACES (3500)
        Number of triangles to keep; at least 100.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        Vertices on or near the map mesh's surface, mm.
    faces : numpy.ndarray, shape (about ``faces``, 3)
        Triangles as vertex indices.

    Raises
    ------
    ValueError
        If ``faces`` is not an integer of at least 100.
    """
    if isinstance(faces, bool) or not isinstance(faces, (int, np.integer)) or faces < 100:
        raise ValueError(f"faces must be an integer of at least 100, got {faces!r}.")
    v, f = _figure_mesh_arrays(int(faces))
    read_only((v, f))
    return v, f


@lru_cache(maxsize=1)
def map_mesh() -> MapMesh:
    """Head and neck skin for the maps: the drawn skin's outer shell (``anatomy.shell``:
    no eye sockets, mouth cavity or ear canals, openings capped, no holes), its edges
    split on the curved surface to at most ``MAP_MAX_EDGE_MM``, the shoulders cut off
    (below ``MAP_Z_MIN``, and along a cut that rises through the shoulders' slope)."""
    head = load_head()
    v, f = _map_mesh_arrays()
    out = MapMesh(v, f, np.asarray(head.eye_vertices, float),
                  np.asarray(head.eye_faces))
    read_only((out.vertices, out.faces, out.eye_vertices, out.eye_faces))
    return out


@lru_cache(maxsize=1)
def map_skin() -> Skin:
    """The map mesh as an ``anatomy.skin.Skin`` (rays, distances, paths)."""
    m = map_mesh()
    return Skin(m.vertices, m.faces)


def _skin(mesh: MapMesh, origin, direction) -> int:
    """Skin vertex where a ray from inside the head leaves it (nearest vertex to the hit)."""
    hit = map_skin().ray_hit(origin, direction)
    if hit is None:  # pragma: no cover - geometry of the bundled mesh
        raise ValueError(f"No skin found from {origin} toward {direction}.")
    return map_skin().nearest_vertex(hit)


def skin_distance(sources) -> np.ndarray:
    """Distance along the skin (mm) from the nearest of ``sources`` (vertex indices).

    Parameters
    ----------
    sources : int or sequence of int
        Vertex indices of ``map_mesh()``.

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Geodesic distance in mm from each map-mesh vertex to the nearest source.
    """
    return map_skin().distance(sources)


def _path(a: int, b: int) -> list[int]:
    """Vertices of the shortest skin path from vertex a to vertex b."""
    return map_skin().path(a, b)


@lru_cache(maxsize=64)
@stored
def _seeds(region: str, s: float) -> list[int]:
    """Seed vertices of one region on one side (s = +1 right, -1 left) of the map mesh."""
    head, mesh = load_head(), map_mesh()
    v, eeg, lm = mesh.vertices, head.eeg_positions, head.landmarks
    near = lambda p: nearest_vertex(v, p)  # noqa: E731
    r = "right" if s > 0 else "left"
    if region == "eyes":
        eye = mesh.eye_vertices[np.sign(mesh.eye_vertices[:, 0]) == s].mean(axis=0)
        return list(np.flatnonzero(np.linalg.norm(v - eye, axis=1) < 18.0))
    if region == "frontal":
        fp, f3 = ("Fp2", "F4") if s > 0 else ("Fp1", "F3")
        return _path(near(eeg[fp]), near(eeg[f3]))
    if region == "temporal":
        f7, t7 = ("F8", "T8") if s > 0 else ("F7", "T7")
        return _path(near(eeg[f7]), near(eeg[t7]))
    if region == "occipital":  # O1/O2 toward Oz, and down to the inion's level, stopping
        # 8 mm short of the midline (with Oz alone the skin over the inion, between this
        # band and the neck's, stayed blank on the migraine map)
        o = near(eeg["O2" if s > 0 else "O1"])
        low = _skin(mesh, (s * 8, -40, lm["inion"][2]), (0, -1, 0))
        path = _path(o, near(eeg["Oz"])) + _path(o, low)
        return [i for i in path if s * v[i, 0] >= 8.0]
    if region == "vertex":
        return [near(eeg["Cz"])]
    if region == "band":  # round the head from the forehead's midline (Fpz) to the back's
        # (Oz): from Fp1/Fp2 the two halves left the middle of the forehead blank, a V
        # between two lobes, not a band (a student's review)
        ring = ("Fpz", "Fp2", "F8", "T8", "P8", "O2", "Oz") if s > 0 else (
            "Fpz", "Fp1", "F7", "T7", "P7", "O1", "Oz")
        return [i for a, b in zip(ring, ring[1:]) for i in _path(near(eeg[a]), near(eeg[b]))]
    inion = lm["inion"]
    if region == "neck":
        top = _skin(mesh, (s * 22, -40, inion[2] - 30), (0, -1, 0))
        bottom = _skin(mesh, (s * 22, -40, lm["c7_spinous"][2]), (0, -1, 0))
        return _path(top, bottom)
    if region == "gon":  # from the GON's trapezius exit (Kim 2018, in nerves.toml)
        exit_ = load_nerve_specs()["greater_occipital"].waypoint("trapezius_exit")
        low = _skin(mesh, (s * exit_.lateral_mm, -40, inion[2] + exit_.vertical_mm),
                    (0, -1, 0))
        high = _skin(mesh, (s * 20, -10, 60), (0, 0, 1))
        return _path(low, high)
    if region == "lon":
        mastoid = lm[f"mastoid_{r}"]
        low = _skin(mesh, (s * 30, -20, mastoid[2]), (s * 0.7, -0.71, 0))
        high = _skin(mesh, (s * 30, -20, mastoid[2] + 70), (s * 0.7, -0.71, 0))
        return _path(low, high)
    if region == "ton":
        low = _skin(mesh, (s * 8, -40, inion[2] - 45), (0, -1, 0))
        high = _skin(mesh, (s * 8, -40, inion[2]), (0, -1, 0))
        return _path(low, high)
    raise ValueError(check_choice(region, REGIONS, "region"))  # pragma: no cover


@lru_cache(maxsize=32)
@stored
def _region_distance(region: str, side: str) -> np.ndarray:
    """Skin distance (mm) from a region's seed line, per ``map_mesh()`` vertex."""
    sides = ("right", "left") if REGIONS[region].midline else (side,)
    return skin_distance(sorted({i for sd in sides for i in _seeds(region, SIDE_SIGN[sd])}))


@lru_cache(maxsize=32)
def _region_field_cached(region: str, side: str) -> np.ndarray:
    spec = REGIONS[region]
    out = _falloff(_region_distance(region, side), spec.core_mm, spec.fade_mm)
    out.flags.writeable = False
    return out


def region_field(region: str, side: str = "right") -> np.ndarray:
    """One region on one side as a per-vertex field in [0, 1] (1 in its core).

    Midline regions (vertex) ignore the side.

    Parameters
    ----------
    region : str
        A key of REGIONS: ``"eyes"``, ``"frontal"``, ``"temporal"``, ``"occipital"``,
        ``"vertex"``, ``"band"``, ``"neck"``, ``"gon"``, ``"lon"`` or ``"ton"``.
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Value per ``map_mesh()`` vertex, 0 to 1.

    Raises
    ------
    ValueError
        If ``region`` or ``side`` is not a valid choice.
    """
    check_choice(region, REGIONS, "region")
    check_choice(side, ("left", "right"), "side")
    return _region_field_cached(region, "right" if REGIONS[region].midline else side)


def condition_map(condition: str, side: str | None = None,
                  ear_mask: bool = True) -> np.ndarray:
    """Per-vertex pain-location value in [0, 1] for a condition on ``map_mesh()``.

    Migraine values are shares of patients (Kelman 2005); the others are qualitative.

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.
    side : {"left", "right", "both"}, optional
        The painful side (``"both"`` for a bilateral picture); None uses the condition's
        usual picture (tension-type: both; the others: right).
    ear_mask : bool, default True
        False: each region's fall-off as if it reached onto the auricles. Figures colour
        by these values and cut the map along ``condition_edge``, which keeps the ears
        out: the masked values ran through the whole colour scale within the 2 mm at the
        ear's root, a bright ring round the ear (reviewer).

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Value per ``map_mesh()`` vertex, 0 to 1; a frequency map also shows the
        contralateral share on the other side.

    Raises
    ------
    ValueError
        If ``condition`` has no map or ``side`` is not a valid choice.
    """
    out = np.zeros(len(map_mesh().vertices))
    for region, s, weight in _terms(condition, side):
        spec = REGIONS[region]
        field = (_falloff(spec.core_mm + spec.fade_mm - _reach(region, s), spec.core_mm,
                          spec.fade_mm)     # the fall-off of the reach (ends at the ears)
                 if ear_mask else region_field(region, s))
        out = np.maximum(out, weight * field)
    return np.clip(out, 0.0, 1.0)


@lru_cache(maxsize=1)
def _auricle() -> np.ndarray:
    """``auricle_weight`` of each ``map_mesh()`` vertex (0 on the head, 1 on an ear)."""
    out = auricle_weight(map_mesh().vertices)
    out.flags.writeable = False
    return out


def _terms(condition: str, side: str | None):
    """(region, side, weight) of every bump of a condition's map."""
    condition = _condition(condition)
    side = DEFAULT_SIDE[condition] if side is None else check_choice(side, MAP_SIDES, "side")
    spec = MAP_SPECS[condition]
    painful = ("left", "right") if side == "both" else (side,)
    contra = 1.0 - KELMAN_HEMICRANIAL if spec["kind"] == "frequency" else 0.0
    for region, weight, _basis in spec["regions"]:
        for s in ("left", "right"):
            if s in painful or contra > 0:
                yield region, s, weight * (1.0 if s in painful else contra)


def condition_edge(condition: str, side: str | None = None) -> np.ndarray:
    """How far (mm, along the skin) each vertex lies inside the edge of a condition's map.

    Positive where ``condition_map`` is above 0, negative outside, 0 on the edge; where
    two regions nearly touch, the edge joins them (a smooth maximum of the regions'
    reaches over ``MAP_EDGE_BLEND_MM``), and the join is drawn in the first colour. Nearly
    linear on each face (a skin distance), so figures cut the mesh along its 0 level line
    and the edge of a map is a smooth curve.

    Parameters
    ----------
    condition : str
        A condition with a map (see ``condition_map``).
    side : {"left", "right", "both"}, optional
        The painful side; None uses the condition's usual picture.

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Signed distance per ``map_mesh()`` vertex, mm.

    Raises
    ------
    ValueError
        If ``condition`` has no map or ``side`` is not a valid choice.
    """
    first = np.full(len(map_mesh().vertices), -1000.0)  # no bump reaches: far outside
    second = first.copy()
    for region, s, weight in _terms(condition, side):
        if weight > 0:
            reach = _reach(region, s)
            second = np.maximum(second, np.minimum(first, reach))
            first = np.maximum(first, reach)
    # a smooth maximum (polynomial, over k mm) of the two largest reaches: the largest,
    # and up to k/4 more where the second is about as large, so that two regions that
    # nearly touch join without a slit between them
    k = MAP_EDGE_BLEND_MM
    h = np.clip(0.5 - 0.5 * (first - second) / k, 0.0, 1.0)
    return first + k * h * h


def _reach(region: str, side: str) -> np.ndarray:
    """How far (mm, along the skin) each vertex lies inside a region's edge on one side; an
    auricle lies outside unless the region reaches onto it (``AURICLE_REGIONS``)."""
    spec = REGIONS[region]
    reach = spec.core_mm + spec.fade_mm - _region_distance(region,
                                                           "right" if spec.midline else side)
    if region in AURICLE_REGIONS:
        return reach
    return reach - _auricle() * (reach + AURICLE_OUTSIDE_MM)


def region_centre(region: str, side: str = "right") -> np.ndarray:
    """A representative skin point of a region (its seed vertex nearest the seed centroid).

    Parameters
    ----------
    region : str
        A key of REGIONS: ``"eyes"``, ``"frontal"``, ``"temporal"``, ``"occipital"``,
        ``"vertex"``, ``"band"``, ``"neck"``, ``"gon"``, ``"lon"`` or ``"ton"``.
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    numpy.ndarray, shape (3,)
        A ``map_mesh()`` vertex, mm.

    Raises
    ------
    ValueError
        If ``region`` or ``side`` is not a valid choice.
    """
    pts = region_seeds(region, side)
    return pts[np.argmin(np.linalg.norm(pts - pts.mean(axis=0), axis=1))]


def region_seeds(region: str, side: str = "right") -> np.ndarray:
    """The skin points a region's map grows from (its seed vertices).

    Parameters
    ----------
    region : str
        A key of REGIONS (see ``region_centre``).
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        ``map_mesh()`` vertices, mm.

    Raises
    ------
    ValueError
        If ``region`` or ``side`` is not a valid choice.
    """
    check_choice(region, REGIONS, "region")
    s = SIDE_SIGN[check_choice(side, ("left", "right"), "side")]
    return map_mesh().vertices[list(_seeds(region, s))].copy()


def region_values(condition: str, side: str | None = None) -> pd.Series:
    """The map's value at each region's centre on the painful side (for checks and tables).

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.
    side : {"left", "right", "both"}, optional
        As for ``condition_map``; None uses the condition's usual picture, and ``"both"``
        reads the right side.

    Returns
    -------
    pandas.Series
        Region -> map value (0 to 1) at ``region_centre``, named after the condition.

    Raises
    ------
    ValueError
        If ``condition`` has no map or ``side`` is not a valid choice.
    """
    condition = _condition(condition)
    side = DEFAULT_SIDE[condition] if side is None else side
    values = condition_map(condition, side)
    at = "right" if side == "both" else side
    v = map_mesh().vertices
    out = {}
    for region, _w, _b in MAP_SPECS[condition]["regions"]:
        out[region] = float(values[nearest_vertex(v, region_centre(region, at))])
    return pd.Series(out, name=condition)
