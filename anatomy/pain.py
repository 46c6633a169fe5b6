"""Pain hot spots, referral patterns, pain fields and cutaneous territories on the skin.

Data: ``anatomy/data/hotspots.toml`` (spots and patterns) and ``territories.toml``.
Positions are given for the subject's right side and mirrored for the left (the head
mesh is exactly symmetric). Fields live on a refined copy of the skin (``pain_mesh``),
because the scalp triangles of the model are up to 40 mm long; ``pain_field`` returns
them on the head mesh (``load_head().vertices``) unless ``fine=True``.

Distances along the skin are exact geodesic distances (``skin_distance``), so a field
spreads over the skin and never jumps through the head, across an ear or the neck.
Weights and fall-off widths are display choices, not measured intensities.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from anatomy import meshgen, surface
from anatomy.conventions import DATA_DIR, SIDE_SIGN, SIDES, check_choice, check_side, mirror_x
from anatomy.head import load_head
from anatomy.records import Field, check_record, load_table
from anatomy.references import check_keys
from anatomy.skin import Skin
from anatomy.store import stored

HOTSPOTS_FILE = DATA_DIR / "hotspots.toml"
TERRITORIES_FILE = DATA_DIR / "territories.toml"
MECHANISMS = {
    "local tenderness": "the source itself (nerve emergence or trigger point) is tender "
                        "on pressure",
    "nerve territory": "felt in the skin the irritated nerve supplies",
    "trigeminocervical convergence": "felt in trigeminal skin because C1-C3 and trigeminal "
                                     "afferents share second-order neurons at C1-C2",
    "myofascial referral": "felt away from a muscle trigger point",
}
SEED_PATTERN = "seed_list"
PLACE_KEYS = {"landmark", "eeg", "origin", "offset", "seen_from", "arc", "between",
              "fraction", "spot"}
DIRECTIONS = {"posterior": (0, -1, 0), "anterior": (0, 1, 0), "superior": (0, 0, 1),
              "inferior": (0, 0, -1), "lateral": (1, 0, 0)}
MESH_CROP = {"z_min": -215.0, "abs_x_max": 200.0}  # head, neck, shoulders; no arms
MESH_MAX_EDGE_MM = 16.0
FIELD_FLOOR = 0.01  # intensities below this are set to 0 (the edge of a zone)


# ---------------------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------------------

def _read(path, what: str) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{what} file {path.name} is not valid TOML: {exc}") from exc


def _require(record: dict, fields, where: str) -> None:
    missing = [f for f in fields if f not in record]
    if missing:
        raise ValueError(f"{where} lacks {missing}")


def _check_place(spec, where: str, spots=()) -> None:
    if not isinstance(spec, dict) or not spec:
        raise ValueError(f"{where}: placement must be a table, got {spec!r}")
    unknown = set(spec) - PLACE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown placement keys {sorted(unknown)}; "
                         f"valid: {', '.join(sorted(PLACE_KEYS))}")
    kinds = [k for k in ("landmark", "eeg", "origin", "arc", "between", "spot") if k in spec]
    if len(kinds) != 1:
        raise ValueError(f"{where}: give exactly one of landmark, eeg, origin, arc, between, "
                         f"spot; got {kinds}")
    if "seen_from" in spec:
        check_choice(spec["seen_from"], DIRECTIONS, f"direction in {where}")
    if "spot" in spec:
        check_choice(spec["spot"], spots, f"spot in {where}")
    if ("arc" in spec or "between" in spec) and "fraction" not in spec:
        raise ValueError(f"{where}: 'arc'/'between' need a 'fraction'")


@lru_cache(maxsize=1)
def _hotspot_data() -> tuple[dict, dict]:
    raw = _read(HOTSPOTS_FILE, "Hot-spot")
    spots, patterns = raw.get("spots", {}), raw.get("patterns", {})
    for name, s in spots.items():
        where = f"{HOTSPOTS_FILE.name} [spots.{name}]"
        _require(s, ("label", "region", "place", "radius_mm", "in_seed_list", "verdict",
                     "reference"), where)
        _check_place(s["place"], where)
        check_keys(s["reference"], where)
    for name, p in patterns.items():
        where = f"{HOTSPOTS_FILE.name} [patterns.{name}]"
        _require(p, ("label", "condition", "source_structure", "references", "zones"), where)
        check_keys(p["references"], where)
        for zone in p["zones"]:
            if len(zone) != 4:
                raise ValueError(f"{where}: zone {zone!r} must be [spot, weight, mechanism, "
                                 "reference]")
            spot, weight, mech, ref = zone
            check_choice(spot, spots, f"spot in {where}")
            check_choice(mech, MECHANISMS, f"mechanism in {where}")
            check_keys(ref, where)
            if not 0 < float(weight) <= 1:
                raise ValueError(f"{where}: weight {weight!r} of {spot!r} not in (0, 1]")
    return spots, patterns


@lru_cache(maxsize=1)
def _territory_data() -> dict:
    raw = _read(TERRITORIES_FILE, "Territory")
    spots, _ = _hotspot_data()
    _require(raw, ("boundary_overlap_mm", "boundary_reference", "territories"),
             TERRITORIES_FILE.name)
    check_keys(raw["boundary_reference"], f"{TERRITORIES_FILE.name} boundary")
    for name, t in raw["territories"].items():
        where = f"{TERRITORIES_FILE.name} [territories.{name}]"
        _require(t, ("label", "root", "division", "description", "references", "core_mm",
                     "fade_mm", "midline_overlap_mm", "anchors"), where)
        check_choice(t["division"], ("cervical", "trigeminal"), f"division in {where}")
        check_keys(t["references"], where)
        for a in t["anchors"]:
            _check_place(a, where, spots)
    return raw


def patterns() -> tuple[str, ...]:
    """Names of the referral patterns (for ``hotspots`` and ``pain_field``)."""
    return tuple(_hotspot_data()[1])


def pattern_info(pattern: str) -> dict:
    """Label, condition, source structure, references and note of one pattern."""
    pats = _hotspot_data()[1]
    p = pats[check_choice(pattern, pats, "pattern")]
    return {k: v for k, v in p.items() if k != "zones"}


# ---------------------------------------------------------------------------------------
# Placing points on the skin
# ---------------------------------------------------------------------------------------

def _landmark(head, name: str) -> np.ndarray:
    sided = f"{name}_right"
    return np.asarray(head.landmarks[sided] if sided in head.landmarks
                      else head.landmark(name), float)


def place(spec: dict) -> np.ndarray:
    """A point on the skin (right side) from a placement rule (see hotspots.toml)."""
    head = load_head()
    v, f = head.vertices, head.faces
    if "spot" in spec:
        return spot_position(spec["spot"], "right")
    if "landmark" in spec:
        p = _landmark(head, spec["landmark"])
    elif "eeg" in spec:
        p = np.asarray(head.eeg(spec["eeg"]), float)
    elif "origin" in spec:
        p = _landmark(head, spec["origin"])
    elif "arc" in spec:
        a, b = (_landmark(head, n) for n in spec["arc"])
        arc = surface.surface_arc(v, f, a, b, (a + b) * 0.75, n=361)
        p = surface.point_at_fraction(arc, float(spec["fraction"]))
    else:
        a, b = (_landmark(head, n) for n in spec["between"])
        p = a + float(spec["fraction"]) * (b - a)
    p = p + np.asarray(spec.get("offset", (0, 0, 0)), float)
    if "seen_from" in spec:
        d = np.asarray(DIRECTIONS[spec["seen_from"]], float)
        hit = surface.ray_hit(v, f, p + 400 * d, -d)
        if hit is None:
            raise ValueError(f"Placement {spec!r} misses the skin.")
        return hit
    return surface.closest_points(v, f, p)[0]


@cache
@stored
def _spot_right(name: str) -> tuple[float, float, float]:
    spots, _ = _hotspot_data()
    return tuple(place(spots[check_choice(name, spots, "hot spot")]["place"]))


def spot_position(name: str, side: str) -> np.ndarray:
    """Skin position (mm) of a hot spot on one side."""
    p = np.array(_spot_right(name))
    return p if check_side(side) == "right" else mirror_x(p)


def spot_names() -> tuple[str, ...]:
    return tuple(_hotspot_data()[0])


# ---------------------------------------------------------------------------------------
# The refined skin mesh and distances along it
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PainMesh:
    """Head-neck-shoulder skin refined for smooth fields (mm, kit frame)."""

    vertices: np.ndarray
    faces: np.ndarray
    eye_vertices: np.ndarray
    eye_faces: np.ndarray
    mirror: np.ndarray  # index of each vertex's mirror image (x -> -x)


@stored
def _pain_mesh_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices, faces and mirror index of ``pain_mesh`` (stored: see anatomy.store)."""
    head = load_head()
    v, f = np.asarray(head.vertices, float), np.asarray(head.faces, np.int64)
    tri = v[f]
    f = f[(tri[:, :, 2] >= MESH_CROP["z_min"]).all(1)
          & (np.abs(tri[:, :, 0]) <= MESH_CROP["abs_x_max"]).all(1)]
    used, inverse = np.unique(f, return_inverse=True)
    v, f = meshgen.refine(v[used], inverse.reshape(f.shape), MESH_MAX_EDGE_MM)
    from scipy.spatial import cKDTree  # scipy loads on first use (import cost)

    _, mirror = cKDTree(v).query(mirror_x(v))
    return v, f, mirror.astype(np.int64)


@lru_cache(maxsize=1)
def pain_mesh() -> PainMesh:
    """The skin of head, neck and shoulders (arms cut off) with every edge longer than
    ``MESH_MAX_EDGE_MM`` split: fine enough for smooth fields, small enough for
    interactive figures."""
    head = load_head()
    v, f, mirror = _pain_mesh_arrays()
    out = PainMesh(v, f, np.asarray(head.eye_vertices, float), np.asarray(head.eye_faces),
                   mirror)
    for a in (out.vertices, out.faces, out.mirror):
        a.flags.writeable = False
    return out


@lru_cache(maxsize=1)
def pain_skin() -> Skin:
    """The pain mesh as an ``anatomy.skin.Skin`` (distances, paths, nearest vertices)."""
    m = pain_mesh()
    return Skin(m.vertices, m.faces)


def skin_distance(sources) -> np.ndarray:
    """Distance along the skin (mm) from the nearest of ``sources`` (vertex indices)."""
    return pain_skin().distance(sources)


def _path(a: int, b: int) -> list[int]:
    """Vertices of the shortest skin path from vertex a to vertex b."""
    return pain_skin().path(a, b)


def nearest_vertex(point) -> int:
    """Index of the pain-mesh vertex nearest a point."""
    return pain_skin().nearest_vertex(point)


@lru_cache(maxsize=1)
@stored
def _head_to_fine() -> tuple[np.ndarray, np.ndarray]:
    """For each head-mesh vertex: nearest pain-mesh vertex, and whether it is in the crop."""
    head, m = load_head(), pain_mesh()
    from scipy.spatial import cKDTree

    dist, idx = cKDTree(m.vertices).query(head.vertices)
    return idx, dist < 1.0


# ---------------------------------------------------------------------------------------
# Hot spots and patterns
# ---------------------------------------------------------------------------------------

def _keys(ref) -> list[str]:
    return [ref] if isinstance(ref, str) else list(ref)


def _zones(pattern: str) -> list[tuple[str, float, str, str]]:
    spots, pats = _hotspot_data()
    if pattern == SEED_PATTERN:
        out = []
        for name, s in spots.items():
            if s["in_seed_list"]:
                mechs = [(m, r) for p in pats.values() for sp, _, m, r in p["zones"]
                         if sp == name]
                mech = "; ".join(dict.fromkeys(m for m, _ in mechs)) or "none in the registry"
                ref = ", ".join(dict.fromkeys([r for _, r in mechs] or _keys(s["reference"])))
                out.append((name, 1.0, mech, ref))
        return out
    return [tuple(z) for z in pats[pattern]["zones"]]


def hotspots(pattern: str | None = None, side: str | None = None) -> pd.DataFrame:
    """Hot spots as a table: one row per pattern, spot and side.

    ``pattern``: one of ``patterns()``, or ``'seed_list'`` for the seed article's seven
    spots with the mechanism the registry's sources support (if any); None = all
    patterns. ``side``: 'left', 'right' or None (both). Positions are mm on the skin.
    """
    spots, pats = _hotspot_data()
    names = list(pats) if pattern is None else [
        check_choice(pattern, [*pats, SEED_PATTERN], "pattern")]
    sides = SIDES if side is None else (check_side(side),)
    rows = []
    for pat in names:
        info = pats.get(pat, {"label": "Seed article's hot-spot list (a claim to check)",
                              "source_structure": "as claimed: the greater occipital nerve"})
        for spot, weight, mech, ref in _zones(pat):
            s = spots[spot]
            for sd in sides:
                x, y, z = spot_position(spot, sd)
                rows.append({
                    "name": spot, "side": sd, "x": round(x, 1), "y": round(y, 1),
                    "z": round(z, 1), "radius_mm": float(s["radius_mm"]),
                    "weight": float(weight), "pattern": pat, "pattern_label": info["label"],
                    "source_structure": info["source_structure"], "mechanism": mech,
                    "label": s["label"], "deep": bool(s.get("deep", False)),
                    "in_seed_list": bool(s["in_seed_list"]), "reference": ref,
                    "position_reference": ", ".join(_keys(s["reference"])),
                })
    return pd.DataFrame(rows)


def spots() -> pd.DataFrame:
    """One row per spot (right-side position): label, seed-list flag, the patterns and
    mechanisms that put pain there, the verdict on the seed claim, and sources."""
    spots_, pats = _hotspot_data()
    rows = []
    for name, s in spots_.items():
        uses = [(p, m) for p, info in pats.items() for sp, _, m, _ in info["zones"]
                if sp == name]
        x, y, z = _spot_right(name)
        rows.append({"name": name, "label": s["label"], "in_seed_list": s["in_seed_list"],
                     "patterns": ", ".join(p for p, _ in uses) or "none",
                     "mechanisms": ", ".join(dict.fromkeys(m for _, m in uses)) or "none",
                     "verdict": s["verdict"], "deep": bool(s.get("deep", False)),
                     "x": round(x, 1), "y": round(y, 1), "z": round(z, 1),
                     "reference": ", ".join(_keys(s["reference"])), "note": s.get("note", "")})
    return pd.DataFrame(rows).set_index("name")


@lru_cache(maxsize=64)
@stored
def _field_fine(pattern: str, side: str) -> np.ndarray:
    m = pain_mesh()
    spots, _ = _hotspot_data()
    out = np.zeros(len(m.vertices))
    for spot, weight, _, _ in _zones(pattern):
        d = skin_distance(nearest_vertex(spot_position(spot, side)))
        r = float(spots[spot]["radius_mm"])
        out = np.maximum(out, float(weight) * np.exp(-np.log(2) * (d / r) ** 2))
    out[out < FIELD_FLOOR] = 0.0
    out.flags.writeable = False
    return out


def pain_field(pattern: str, side: str, fine: bool = False) -> np.ndarray:
    """Per-vertex pain intensity in [0, 1] of one pattern on one side.

    Each zone of the pattern adds a bump of height ``weight`` that halves at
    ``radius_mm`` of skin distance; a vertex takes the largest bump. Returned on the head
    mesh (``load_head().vertices``; 0 on the arms, outside the crop) or, with
    ``fine=True``, on ``pain_mesh()``. Cached: computed once per pattern and side.
    Deep pain (behind the eye, in the ear) is drawn on the skin over it.
    """
    pats = _hotspot_data()[1]
    field = _field_fine(check_choice(pattern, pats, "pattern"), check_side(side))
    if fine:
        return field
    return _field_head(pattern, side)


@lru_cache(maxsize=64)
def _field_head(pattern: str, side: str) -> np.ndarray:
    idx, inside = _head_to_fine()
    out = np.where(inside, _field_fine(pattern, side)[idx], 0.0)
    out.flags.writeable = False
    return out


# ---------------------------------------------------------------------------------------
# Pain drawings (exercise): zones a patient shaded, to compare with the patterns
# ---------------------------------------------------------------------------------------

_DRAWING_FIELDS = {"side": Field(str), "story": Field(str), "zones": Field(list),
                   "answer": Field(str)}
_ZONE_FIELDS = {"spot": Field(str), "weight": Field(float)}


def _load_drawings() -> dict[str, dict]:
    """The exercise's pain drawings from ``hotspots.toml`` [drawings], validated."""
    spots, patterns = _hotspot_data()
    out = {}
    for name, rec in load_table(HOTSPOTS_FILE, "drawings", _DRAWING_FIELDS).items():
        where = f"{HOTSPOTS_FILE.name} [drawings.{name}]"
        check_side(rec["side"])
        check_choice(rec["answer"], patterns, f"answer in {where}")
        zones = []
        for k, z in enumerate(rec["zones"]):
            z = check_record(dict(z), _ZONE_FIELDS, f"{where} zones[{k}]")
            zones.append((check_choice(z["spot"], spots, f"spot in {where}"), z["weight"]))
        out[name] = {**rec, "zones": zones}
    return out


PAIN_DRAWINGS = _load_drawings()


@stored
def drawing_field(drawing: str) -> np.ndarray:
    """Field (pain mesh) of one of the exercise's pain drawings ('A'...'D')."""
    d = PAIN_DRAWINGS[check_choice(drawing, PAIN_DRAWINGS, "pain drawing")]
    spots = _hotspot_data()[0]
    out = np.zeros(len(pain_mesh().vertices))
    for spot, w in d["zones"]:
        dist = skin_distance(nearest_vertex(spot_position(spot, d["side"])))
        out = np.maximum(out, w * np.exp(-np.log(2) * (dist / spots[spot]["radius_mm"]) ** 2))
    out[out < FIELD_FLOOR] = 0.0
    return out


def match_drawing(drawing: str) -> pd.Series:
    """Similarity (cosine, 0..1) of a pain drawing with every pattern on both sides."""
    a = drawing_field(drawing)
    scores = {}
    for pat in patterns():
        for sd in SIDES:
            b = pain_field(pat, sd, fine=True)
            scores[(pat, sd)] = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    s = pd.Series(scores, name=f"similarity to drawing {drawing}").round(2)
    return s.sort_values(ascending=False, kind="stable")


# ---------------------------------------------------------------------------------------
# Cutaneous territories
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class TerritoryAtlas:
    """Territories on the pain mesh: metadata table and per-vertex weights in [0, 1]."""

    table: pd.DataFrame            # one row per (name, side)
    weights: dict                  # (name, side) -> (N,) float array on pain_mesh()

    def weight(self, name: str, side: str) -> np.ndarray:
        keys = sorted({n for n, _ in self.weights})
        return self.weights[(check_choice(name, keys, "territory"), check_side(side))]

    def membership(self, threshold: float = 0.5) -> dict:
        """(name, side) -> boolean mask of vertices with weight >= threshold."""
        return {k: w >= threshold for k, w in self.weights.items()}

    def overlap_count(self, threshold: float = 0.5) -> np.ndarray:
        """How many territories cover each vertex (weight >= threshold)."""
        return np.sum([w >= threshold for w in self.weights.values()], axis=0)

    def dominant(self, threshold: float = 0.5) -> np.ndarray:
        """Index into ``list(weights)`` of the heaviest territory per vertex, -1 if none."""
        stack = np.array(list(self.weights.values()))
        best = stack.argmax(axis=0)
        return np.where(stack.max(axis=0) >= threshold, best, -1)


def boundary_plane(side: str) -> tuple[np.ndarray, np.ndarray]:
    """(point, unit normal pointing anterior) of the vertex-ear-chin plane of one side."""
    head = load_head()
    s = check_side(side)
    vtx, tragus, menton = (np.asarray(head.landmark(n), float)
                           for n in ("vertex", f"tragus_{s}", "menton"))
    n = np.cross(tragus - menton, vtx - menton)
    n /= np.linalg.norm(n)
    if (head.landmark("nasion") - vtx) @ n < 0:
        n = -n
    return vtx, n


def boundary_distance(points) -> np.ndarray:
    """Signed distance (mm) of points from the vertex-ear-chin boundary (+ = trigeminal)."""
    p = np.atleast_2d(np.asarray(points, float))
    out = np.empty(len(p))
    for sd in SIDES:
        o, n = boundary_plane(sd)
        sel = (p[:, 0] >= 0) if sd == "right" else (p[:, 0] < 0)
        out[sel] = (p[sel] - o) @ n
    return out


@lru_cache(maxsize=4)
@stored
def boundary_line(side: str, n: int = 121) -> np.ndarray:
    """The vertex-ear-chin line on the skin of one side, from the vertex to the menton.

    The section of the boundary plane with the head's skin (faces above the menton on
    that side), keeping the outermost crossing at each angle, so it runs over the auricle.
    """
    head = load_head()
    s = check_side(side)
    v, f = np.asarray(head.vertices), np.asarray(head.faces)
    a, b = head.landmark("vertex"), head.landmark("menton")
    tri = v[f]
    keep = ((tri[:, :, 2] >= b[2] - 2).all(1)
            & (SIDE_SIGN[s] * tri[:, :, 0] >= -1).all(1))
    arc = surface.surface_arc(v, f[keep], a, b, head.landmark(f"tragus_{s}"), n=n)
    # keep the outermost skin along each direction (some angles meet only the mouth)
    centre = (np.asarray(a) + np.asarray(b)) / 2
    for i, p in enumerate(arc):
        d = (p - centre) / np.linalg.norm(p - centre)
        hit = surface.ray_hit(v, f[keep], centre + 300 * d, -d)
        if hit is not None:
            arc[i] = hit
    arc.flags.writeable = False
    return arc


@stored
def _territory_weights() -> dict[str, np.ndarray]:
    """Per-vertex weight of each territory, keyed 'name/side' (stored: anatomy.store)."""
    raw = _territory_data()
    m = pain_mesh()
    band = float(raw["boundary_overlap_mm"])
    sdist = boundary_distance(m.vertices)
    weights = {}
    for name, t in raw["territories"].items():
        anchors_r = [place(a) for a in t["anchors"]]
        for sd in SIDES:
            pts = [p if sd == "right" else mirror_x(p) for p in anchors_r]
            idx = [nearest_vertex(p) for p in pts]
            chain = sorted({i for a, b in zip(idx, idx[1:]) for i in _path(a, b)} | set(idx))
            d = skin_distance(chain)
            core, fade = float(t["core_mm"]), float(t["fade_mm"])
            w = np.clip((core + fade - d) / fade, 0.0, 1.0)
            if t["division"] == "trigeminal":
                w *= np.clip((sdist + band) / band, 0.0, 1.0)
            else:
                w *= np.clip((band - sdist) / band, 0.0, 1.0)
            over = float(t["midline_overlap_mm"])
            lateral = SIDE_SIGN[sd] * m.vertices[:, 0]
            w *= np.clip((lateral + over) / over, 0, 1) if over > 0 else (lateral >= 0)
            w.flags.writeable = False
            weights[f"{name}/{sd}"] = w
    return weights


@lru_cache(maxsize=1)
def _atlas() -> TerritoryAtlas:
    stored_weights = _territory_weights()
    rows, weights = [], {}
    for name, t in _territory_data()["territories"].items():
        for sd in SIDES:
            w = weights[(name, sd)] = stored_weights[f"{name}/{sd}"]
            rows.append({"name": name, "side": sd, "label": t["label"], "root": t["root"],
                         "division": t["division"], "description": t["description"],
                         "references": ", ".join(t["references"]),
                         "vertices_covered": int((w >= 0.5).sum())})
    return TerritoryAtlas(pd.DataFrame(rows), weights)


def territories(side: str | None = None) -> TerritoryAtlas:
    """Cutaneous territories of the GON, LON, TON, great auricular, transverse cervical,
    supraclavicular, supraorbital, supratrochlear, auriculotemporal and zygomaticotemporal
    nerves, as per-vertex weights on ``pain_mesh()`` with their sources. Neighbouring
    territories overlap (both weights > 0), as the sources describe. Cached."""
    atlas = _atlas()
    if side is None:
        return atlas
    s = check_side(side)
    return TerritoryAtlas(atlas.table[atlas.table.side == s].reset_index(drop=True),
                          {k: w for k, w in atlas.weights.items() if k[1] == s})


def territory_names() -> tuple[str, ...]:
    return tuple(_territory_data()["territories"])


@lru_cache(maxsize=16)
@stored
def depth_buffer(right: tuple, up: tuple, forward: tuple,
                 cell: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    """Nearest skin depth (along ``forward``) per ``cell``-mm screen cell of the pain mesh
    in an orthographic view with screen axes ``right`` and ``up``: (origin, depths).

    Sampled on a barycentric grid of 28 points per face, denser than the cells. Used to
    tell whether a label's point is hidden behind the skin (stored: anatomy.store).
    """
    m = pain_mesh()
    tri = m.vertices[m.faces]
    k = 6
    bary = np.array([(i, j, k - i - j) for i in range(k + 1) for j in range(k + 1 - i)],
                    float) / k
    pts = np.einsum("sc,fcd->fsd", bary, tri).reshape(-1, 3)
    xy = np.c_[pts @ np.asarray(right, float), pts @ np.asarray(up, float)]
    origin = xy.min(axis=0) - cell
    ij = np.floor((xy - origin) / cell).astype(int)
    buf = np.full(ij.max(axis=0) + 2, np.inf)
    np.minimum.at(buf, (ij[:, 0], ij[:, 1]), pts @ np.asarray(forward, float))
    return origin, buf
