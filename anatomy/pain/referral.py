"""Referral patterns: hot spots, pain fields and the exercise's pain drawings."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from anatomy.conventions import SIDE_SIGN, SIDES, check_choice, check_side
from anatomy.head import auricle_weight
from anatomy.pain.data import (
    BLEND_FLOORS,
    FIELD_FLOOR,
    HOTSPOTS_FILE,
    SEED_PATTERN,
    _hotspot_data,
    _midline_fade_mm,
    _spot_right,
    check_band,
    patterns,
    spot_position,
)
from anatomy.pain.mesh import _head_to_fine, _path, nearest_vertex, pain_mesh, skin_distance
from anatomy.records import Field, check_record, load_table
from anatomy.store import stored

__all__ = ["PAIN_DRAWINGS", "drawing_field", "hotspots", "match_drawing", "pain_field", "spots"]

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

    Positions are mm on the skin.

    Parameters
    ----------
    pattern : str, optional
        One of ``patterns()``, or ``'seed_list'`` for the seed article's seven spots with
        the mechanism the registry's sources support (if any); None (default) = all
        patterns.
    side : {"left", "right"}, optional
        The subject's side; None (default) = both.

    Returns
    -------
    pandas.DataFrame
        One row per (pattern, spot, side): ``name``, ``side``, ``x``, ``y``, ``z`` (mm),
        ``radius_mm``, ``weight``, ``pattern``, ``pattern_label``, ``source_structure``,
        ``mechanism``, ``label``, ``deep``, ``in_seed_list``, ``reference`` and
        ``position_reference``.

    Raises
    ------
    ValueError
        If ``pattern`` or ``side`` is not a valid choice.
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
    """One row per spot (right-side position) with the patterns that use it.

    Columns: label, seed-list flag, the patterns and mechanisms that put pain there, the
    verdict on the seed claim, and sources.

    Returns
    -------
    pandas.DataFrame
        Indexed by spot ``name``: ``label``, ``in_seed_list``, ``patterns``,
        ``mechanisms`` ("none" if unused), ``verdict``, ``verdict_reference`` (the sources
        of a seed spot's verdict; "" for the others), ``deep``, ``x``, ``y``, ``z`` (mm,
        right side), ``reference`` (of the position) and ``note``.
    """
    spots_, pats = _hotspot_data()
    rows = []
    for name, s in spots_.items():
        uses = [(p, m) for p, info in pats.items() for sp, _, m, _ in info["zones"]
                if sp == name]
        x, y, z = _spot_right(name)
        rows.append({"name": name, "label": s["label"], "in_seed_list": s["in_seed_list"],
                     "patterns": ", ".join(p for p, _ in uses) or "none",
                     "mechanisms": ", ".join(dict.fromkeys(m for _, m in uses)) or "none",
                     "verdict": s["verdict"],
                     "verdict_reference": ", ".join(_keys(s.get("verdict_reference", []))),
                     "deep": bool(s.get("deep", False)),
                     "x": round(x, 1), "y": round(y, 1), "z": round(z, 1),
                     "reference": ", ".join(_keys(s["reference"])), "note": s.get("note", "")})
    return pd.DataFrame(rows).set_index("name")


# a pattern's zones stop at the ear's root (``head.auricle_weight``), as the headache maps'
# regions do: grown along the skin, the upper trapezius's mastoid zone painted the whole
# auricle and the suboccipital's above-the-ear zone its helix, where their sources put no
# pain (reviewer). Except a pattern with deep pain in the ear, drawn on the skin over it
# (the tragus), whose zones join round the ear (masked, the SCM's behind-ear zone met its
# ear zone in a notch), and the LON's: its skin takes in the upper back of the auricle
# (Gray's).
AURICLE_SPOTS = ("ear",)
AURICLE_PATTERNS = ("lon_neuralgia",)


@lru_cache(maxsize=64)
@stored
def _field_raw(pattern: str, side: str) -> np.ndarray:
    zones = [(spot, weight) for spot, weight, _, _ in _zones(pattern)]
    on_ear = pattern in AURICLE_PATTERNS or any(spot in AURICLE_SPOTS for spot, _ in zones)
    band = _hotspot_data()[1].get(pattern, {}).get("band", [])
    return np.maximum(_bumps(zones, side, off_ears=not on_ear),
                      _band(zones, band, side, off_ears=not on_ear))


def _bumps(zones, side: str, off_ears: bool = False) -> np.ndarray:
    """One bump per (spot, weight) zone, the largest at each vertex, faded across the
    midline (``_midline_fade``). Near the edge (under ``BLEND_FLOORS`` floors) the bumps
    add up instead, so the edge where two zones meet is a smooth curve, not a notch.
    With ``off_ears`` the bumps stop at the auricles' roots (``head.auricle_weight``)."""
    spots, _ = _hotspot_data()
    out = np.zeros(len(pain_mesh().vertices))
    total = np.zeros_like(out)
    keep = 1.0 - auricle_weight(pain_mesh().vertices) if off_ears else 1.0
    for spot, weight in zones:
        d = skin_distance(nearest_vertex(spot_position(spot, side)))
        r = float(spots[spot]["radius_mm"])
        bump = float(weight) * np.exp(-np.log(2) * (d / r) ** 2) * keep
        out, total = np.maximum(out, bump), total + bump
    out = np.maximum(out, np.minimum(total, BLEND_FLOORS * FIELD_FLOOR))
    return out * _midline_fade(side)


def _midline_fade(side: str) -> np.ndarray:
    """Per-vertex factor that keeps a one-sided field on its side of the midline.

    1 on ``side``; across the midline it falls exponentially with the distance from it,
    to FIELD_FLOOR at ``midline_fade_mm`` (hotspots.toml), so that beyond that even a
    peak is under the floor. Its logarithm is linear across the midline, as the heat
    figure's display bytes are (``heat._heat_bytes``), so the drawn edge
    stays a smooth curve where the skin mesh's vertices are 7-9 mm apart.
    """
    across = np.maximum(-SIDE_SIGN[side] * pain_mesh().vertices[:, 0], 0.0)
    return FIELD_FLOOR ** (across / _midline_fade_mm())


@lru_cache(maxsize=64)
def _field_fine(pattern: str, side: str) -> np.ndarray:
    out = np.where(_field_raw(pattern, side) < FIELD_FLOOR, 0.0, _field_raw(pattern, side))
    out.flags.writeable = False
    return out


def pain_field(pattern: str, side: str, fine: bool = False, raw: bool = False) -> np.ndarray:
    """Per-vertex pain intensity in [0, 1] of one pattern on one side.

    Each zone of the pattern adds a bump of height ``weight`` that halves at
    ``radius_mm`` of skin distance; a vertex takes the largest bump, or near the edge
    (under ``BLEND_FLOORS`` x ``FIELD_FLOOR``) the sum of the bumps. Zones that the
    pattern's ``band`` names are joined along the skin between them. The pattern is
    drawn for one side: across the midline it fades under FIELD_FLOOR within
    ``midline_fade_mm`` (hotspots.toml). Cached: computed once per pattern and side.
    Deep pain (behind the eye, in the ear) is drawn on the skin over it.

    Parameters
    ----------
    pattern : str
        One of ``patterns()``.
    side : {"left", "right"}
        The subject's side.
    fine : bool, default False
        False: on the head mesh (``load_head().vertices``; 0 on the arms, outside the
        crop); True: on ``pain_mesh()``.
    raw : bool, default False
        True: on ``pain_mesh()``, before values under ``FIELD_FLOOR`` are set to 0. Smooth
        everywhere, so its ``FIELD_FLOOR`` level line is a smooth edge of the zones
        (figures cut the mesh along it).

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Pain intensity per vertex, 0 to 1.

    Raises
    ------
    ValueError
        If ``pattern`` or ``side`` is not a valid choice.
    """
    pats = _hotspot_data()[1]
    pattern, side = check_choice(pattern, pats, "pattern"), check_side(side)
    if raw:
        return _field_raw(pattern, side)
    field = _field_fine(pattern, side)
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
                   "answer": Field(str), "band": Field(list, required=False)}
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
        band = rec.get("band", [])
        check_band(band, [z for z, _ in zones], where)
        out[name] = {**rec, "zones": zones, "band": band}
    return out


PAIN_DRAWINGS = _load_drawings()


def drawing_field(drawing: str, raw: bool = False) -> np.ndarray:
    """Field (pain mesh) of one of the exercise's pain drawings ('A'...'D').

    Parameters
    ----------
    drawing : str
        A key of PAIN_DRAWINGS (``"A"`` to ``"D"``).
    raw : bool, default False
        True: before the floor, smooth everywhere (figures cut along its FIELD_FLOOR
        level line).

    Returns
    -------
    numpy.ndarray, shape (n_vertices,)
        Pain intensity per ``pain_mesh()`` vertex, 0 to 1 (values under FIELD_FLOOR set
        to 0 unless ``raw``).

    Raises
    ------
    ValueError
        If ``drawing`` is not a key of PAIN_DRAWINGS.
    """
    out = _drawing_raw(check_choice(drawing, PAIN_DRAWINGS, "pain drawing"))
    return out if raw else np.where(out < FIELD_FLOOR, 0.0, out)


@lru_cache(maxsize=8)
@stored
def _drawing_raw(drawing: str) -> np.ndarray:
    d = PAIN_DRAWINGS[drawing]
    return np.maximum(_bumps(d["zones"], d["side"]), _band(d["zones"], d["band"], d["side"]))


def _band(zones, band, side: str, off_ears: bool = False) -> np.ndarray:
    """A continuous area through the zones ``band`` names, in order (a patient's shading,
    or a pattern that its sources describe as one area): along the shortest skin path
    between each two in a row, a bump of the smaller radius and the smaller weight of the
    two (0 everywhere for no band). With ``off_ears`` it stops at the auricles' roots."""
    spots, _ = _hotspot_data()
    weight = dict(zones)
    out = np.zeros(len(pain_mesh().vertices))
    if not band:
        return out
    for a, b in zip(band, band[1:]):
        path = _path(*(nearest_vertex(spot_position(s, side)) for s in (a, b)))
        r = min(float(spots[s]["radius_mm"]) for s in (a, b))
        d = skin_distance(path)
        out = np.maximum(out, min(weight[a], weight[b]) * np.exp(-np.log(2) * (d / r) ** 2))
    keep = 1.0 - auricle_weight(pain_mesh().vertices) if off_ears else 1.0
    return out * keep * _midline_fade(side)


def match_drawing(drawing: str) -> pd.Series:
    """Similarity (cosine, 0..1) of a pain drawing with every pattern on both sides.

    Parameters
    ----------
    drawing : str
        A key of PAIN_DRAWINGS (``"A"`` to ``"D"``).

    Returns
    -------
    pandas.Series
        Cosine similarity (two decimals) indexed by (pattern, side), best match first.

    Raises
    ------
    ValueError
        If ``drawing`` is not a key of PAIN_DRAWINGS.
    """
    a = drawing_field(drawing)
    scores = {}
    for pat in patterns():
        for sd in SIDES:
            b = pain_field(pat, sd, fine=True)
            scores[(pat, sd)] = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    s = pd.Series(scores, name=f"similarity to drawing {drawing}").round(2)
    return s.sort_values(ascending=False, kind="stable")


# ---------------------------------------------------------------------------------------
