"""Clinical points on the nerve courses: compression points, the artery crossing and the
block landmarks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import check_choice, check_side
from anatomy.nerves.courses import Nerve, _skin, _smooth, nerve
from anatomy.nerves.specs import _extra_records, load_nerve_specs
from anatomy.store import stored

__all__ = [
    "CoursePoint", "block_landmark_distances", "block_landmarks", "compression_points",
    "distance_to_nerve", "inion_mastoid_line", "occipital_artery_crossing",
]

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

    Parameters
    ----------
    side : {"left", "right"}
        The subject's side.

    Returns
    -------
    point : numpy.ndarray, shape (3,)
        The point on the greater occipital nerve's path, mm.
    used_artery : bool
        True if the occipital artery model placed the point, False for the 8 mm fallback.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
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
    """Janis 2010a's six GON compression points, placed on the modelled course (derived).

    Parameters
    ----------
    side : {"left", "right"}
        The subject's side.

    Returns
    -------
    dict[str, CoursePoint]
        Point id -> CoursePoint (number 1-6, label, position in mm, ``derived=True``, a
        note on how it was placed, and the references).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
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
    """GON (1/3) and LON (2/3) block points along the skin from the EOP to the mastoid.

    Parameters
    ----------
    side : {"left", "right"}
        The subject's side.

    Returns
    -------
    dict[str, CoursePoint]
        ``"greater_occipital"`` and ``"lesser_occipital"`` -> the block point on the skin
        line from the external occipital protuberance to the mastoid tip (mm), with its
        sources.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
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
    """Shortest distance (mm) from a point to a nerve's path.

    Parameters
    ----------
    point : array_like, shape (3,)
        A point in the head frame, mm.
    n : Nerve
        The nerve whose sampled path is measured.

    Returns
    -------
    float
        Distance in mm to the nearest sample of ``n.path`` (samples are about 2 mm apart).
    """
    return float(np.linalg.norm(n.path - np.asarray(point, float), axis=1).min())


def block_landmark_distances(side: str = "right") -> list[dict]:
    """How far each block landmark lies from its modelled nerve (path and fascial exit).

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    list of dict
        One row per block landmark: ``nerve`` (abbreviation), ``landmark`` (label),
        ``to_path_mm``, ``to_fascial_exit_mm`` (mm, one decimal) and ``fascial_exit``
        (waypoint id).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
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


