"""Hot spots on the skin: the data files and how their positions are placed."""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import DATA_DIR, check_choice, check_side, mirror_x
from anatomy.head import load_head
from anatomy.records import Field, check_record
from anatomy.references import check_keys
from anatomy.store import stored

__all__ = [
    "BLEND_FLOORS", "DIRECTIONS", "FIELD_FLOOR", "HOTSPOTS_FILE", "MECHANISMS", "MESH_CROP",
    "MESH_MAX_EDGE_MM",
    "PLACE_KEYS", "SEED_PATTERN", "TERRITORIES_FILE", "pattern_info", "patterns", "place",
    "spot_names", "spot_position",
]

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
# intensities below this are set to 0 (the edge of a zone). A bump reaches it at 2.1 of
# its half-intensity radii. At 0.01 (2.6 radii) the faint tails of the GON pattern's
# scalp and forehead zones met, and the heat figure painted one orange sheet from the
# occiput to the eye, which a student reads as the GON's skin (student review 22). Zones
# that the sources describe as one continuous area are joined by a band (hotspots.toml).
FIELD_FLOOR = 0.05
# below this many floors a pattern's bumps add up, above it the largest counts: the edge
# of two touching zones is the level line of their sum, a smooth curve, where that of the
# largest bump had a sharp notch between them (a slit on the GON map: reviewer)
BLEND_FLOORS = 2.0


# ---------------------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------------------

def _read(path, what: str) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{what} file {path.name} is not valid TOML: {exc}") from exc


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


_SPOT_FIELDS = {"label": Field(str), "region": Field(str), "place": Field(dict),
                "radius_mm": Field(float), "in_seed_list": Field(bool), "verdict": Field(str),
                "verdict_reference": Field(list, references=True, required=False),
                "reference": Field(list, references=True), "note": Field(str, required=False),
                "deep": Field(bool, required=False)}
_PATTERN_FIELDS = {"label": Field(str), "condition": Field(str),
                   "source_structure": Field(str), "references": Field(list, references=True),
                   "note": Field(str, required=False), "zones": Field(list),
                   "band": Field(list, required=False)}
_TERRITORY_FIELDS = {"label": Field(str), "root": Field(str), "division": Field(str),
                     "description": Field(str), "references": Field(list, references=True),
                     "core_mm": Field(float), "fade_mm": Field(float),
                     "midline_overlap_mm": Field(float), "anchors": Field(list),
                     "boundary_cross_mm": Field(float, required=False),
                     "boundary_cross_note": Field(str, required=False)}


@lru_cache(maxsize=1)
def _hotspot_data() -> tuple[dict, dict]:
    raw = _read(HOTSPOTS_FILE, "Hot-spot")
    spots, patterns = raw.get("spots", {}), raw.get("patterns", {})
    for name, s in spots.items():
        where = f"{HOTSPOTS_FILE.name} [spots.{name}]"
        check_record(dict(s), _SPOT_FIELDS, where)
        _check_place(s["place"], where)
    for name, p in patterns.items():
        where = f"{HOTSPOTS_FILE.name} [patterns.{name}]"
        check_record(dict(p), _PATTERN_FIELDS, where)
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
        check_band(p.get("band", []), [z[0] for z in p["zones"]], where)
    return spots, patterns


def check_band(band: list, zones: list, where: str) -> None:
    """A band names two or more of a record's zones, each once.

    Parameters
    ----------
    band : list of str
        Spot names, in the order the band runs through them.
    zones : list of str
        The spot names of the record's zones.
    where : str
        The record, for the error message.

    Raises
    ------
    ValueError
        If a name is not one of ``zones``, is repeated, or the band has a single name.
    """
    for spot in band:
        check_choice(spot, zones, f"band spot in {where} (one of its zones)")
    if len(band) == 1 or len(set(band)) < len(band):
        raise ValueError(f"{where}: a band joins two or more of its zones, each once; "
                         f"got {band}")


@lru_cache(maxsize=1)
def _territory_data() -> dict:
    raw = _read(TERRITORIES_FILE, "Territory")
    spots, _ = _hotspot_data()
    check_record({k: v for k, v in raw.items()}, {
        "boundary_overlap_mm": Field(float), "boundary_reference": Field((str, list)),
        "boundary_note": Field(str, required=False), "territories": Field(dict)},
        TERRITORIES_FILE.name)
    check_keys(raw["boundary_reference"], f"{TERRITORIES_FILE.name} boundary")
    for name, t in raw["territories"].items():
        where = f"{TERRITORIES_FILE.name} [territories.{name}]"
        check_record(dict(t), _TERRITORY_FIELDS, where)
        check_choice(t["division"], ("cervical", "trigeminal"), f"division in {where}")
        for a in t["anchors"]:
            _check_place(a, where, spots)
    return raw


@cache
def _midline_fade_mm() -> float:
    """How far (mm) a pattern's or a drawing's field crosses the midline (hotspots.toml)."""
    fade = _read(HOTSPOTS_FILE, "Hot-spot").get("midline_fade_mm")
    if isinstance(fade, bool) or not isinstance(fade, (int, float)) or fade <= 0:
        raise ValueError(f"{HOTSPOTS_FILE.name}: midline_fade_mm must be a positive number "
                         f"of mm, got {fade!r}")
    return float(fade)


def patterns() -> tuple[str, ...]:
    """Names of the referral patterns (for ``hotspots`` and ``pain_field``).

    Returns
    -------
    tuple of str
        The pattern names in hotspots.toml, in file order.
    """
    return tuple(_hotspot_data()[1])


def pattern_info(pattern: str) -> dict:
    """Label, condition, source structure, references and note of one pattern.

    Parameters
    ----------
    pattern : str
        One of ``patterns()``.

    Returns
    -------
    dict
        The pattern's record from hotspots.toml without its ``zones``.

    Raises
    ------
    ValueError
        If ``pattern`` is not one of ``patterns()``.
    """
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
    """A point on the skin (right side) from a placement rule (see hotspots.toml).

    Parameters
    ----------
    spec : dict
        A placement rule: ``spot`` (another hot spot), ``landmark``, ``eeg`` (a 10-20
        position), ``origin`` (a landmark), ``arc`` (two landmarks, with ``fraction``
        along the skin arc between them) or ``between`` (two landmarks, with
        ``fraction`` along the straight line); optional ``offset`` (mm, added) and
        ``seen_from`` (a DIRECTIONS name: ``"posterior"``, ``"anterior"``,
        ``"superior"``, ``"inferior"`` or ``"lateral"``) to project onto the skin along
        that view instead of taking the closest skin point.

    Returns
    -------
    numpy.ndarray, shape (3,)
        The skin point, mm, on the subject's right side.

    Raises
    ------
    ValueError
        If a ``seen_from`` ray misses the skin, or a landmark is unknown.
    """
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
    """Skin position (mm) of a hot spot on one side.

    Parameters
    ----------
    name : str
        One of ``spot_names()``.
    side : {"left", "right"}
        The subject's side; the left position mirrors the right.

    Returns
    -------
    numpy.ndarray, shape (3,)
        The hot spot on the skin, mm.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    p = np.array(_spot_right(name))
    return p if check_side(side) == "right" else mirror_x(p)


def spot_names() -> tuple[str, ...]:
    """Names of the hot spots in hotspots.toml, in file order.

    Returns
    -------
    tuple of str
        The hot-spot names.
    """
    return tuple(_hotspot_data()[0])


# ---------------------------------------------------------------------------------------
