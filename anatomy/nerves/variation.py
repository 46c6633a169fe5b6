"""Anatomical variation: sampled waypoints and courses from the published means and SDs."""

from __future__ import annotations

from functools import lru_cache
from numbers import Integral, Real

import numpy as np

from anatomy.conventions import check_side, mirror_x
from anatomy.nerves.courses import Nerve, _make_nerve, _mirror, _skin, place
from anatomy.nerves.points import block_landmarks
from anatomy.nerves.specs import (
    COORDS,
    NEIGHBOUR_CORRELATION,
    TRUNCATE_SD,
    canonical_name,
    load_nerve_specs,
)
from anatomy.store import stored

__all__ = ["sample_values", "sample_variants", "sample_waypoints", "share_within"]

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

    Parameters
    ----------
    name : str
        ``"greater_occipital"``, ``"lesser_occipital"`` or ``"third_occipital"`` (or
        ``"GON"``, ``"LON"``, ``"TON"``).
    n : int
        Number of nerves to draw, at least 1.
    seed : int, default 0
        Seed of the random generator (same seed, same draws).

    Returns
    -------
    list of dict
        One dict per sampled nerve: waypoint id -> ``{"lateral_mm", "vertical_mm",
        "depth_mm"}`` in mm (depth at least 2 mm), ready for ``place``.

    Raises
    ------
    ValueError
        If ``name`` is not a nerve or ``n`` is not a positive integer.
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

    Parameters
    ----------
    name : str
        ``"greater_occipital"``, ``"lesser_occipital"`` or ``"third_occipital"`` (or
        ``"GON"``, ``"LON"``, ``"TON"``).
    side : {"left", "right"}
        The subject's side.
    n : int
        Number of nerves to draw, at least 1.
    seed : int, default 0
        Seed of the random generator.
    ids : iterable of str, optional
        Waypoint ids to place; all waypoints by default.

    Returns
    -------
    dict[str, numpy.ndarray]
        Waypoint id -> array of shape (n, 3): the waypoint's position in each sampled
        nerve, mm.

    Raises
    ------
    ValueError
        If ``name``, ``side`` or ``n`` is not valid.
    """
    spec = load_nerve_specs()[canonical_name(name)]
    side = check_side(side)
    values = sample_values(name, n, seed)
    wanted = [spec.waypoint(i) for i in ids] if ids is not None else spec.waypoints
    pts = {w.id: np.array([place(w, v[w.id]) for v in values]) for w in wanted}
    return {k: mirror_x(p) if side == "left" else p for k, p in pts.items()}


def sample_variants(name: str, side: str, n: int, seed: int = 0) -> list[Nerve]:
    """``n`` plausible courses drawn from the published SDs (see ``sample_values``).

    Parameters
    ----------
    name : str
        ``"greater_occipital"``, ``"lesser_occipital"`` or ``"third_occipital"`` (or
        ``"GON"``, ``"LON"``, ``"TON"``).
    side : {"left", "right"}
        The subject's side.
    n : int
        Number of courses, at least 1.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    list of Nerve
        The sampled courses (without branches).

    Raises
    ------
    ValueError
        If ``name``, ``side`` or ``n`` is not valid.
    """
    spec = load_nerve_specs()[canonical_name(name)]
    side = check_side(side)
    out = []
    for v in sample_values(name, n, seed):
        right = _make_nerve(spec, {w.id: place(w, v[w.id]) for w in spec.waypoints},
                            with_branches=False)
        out.append(_mirror(right) if side == "left" else right)
    return out




def share_within(name: str, side: str, radius_mm: float = 20.0, n: int = 400,
                 seed: int = 0) -> float:
    """Share of sampled nerves whose fascial exit lies within ``radius_mm`` of the block point.

    Compare with Won 2018: the GON pierced the fascia within 2 cm of the one-third point
    in 85.7% of 56 half-heads.

    Parameters
    ----------
    name : str
        A nerve with a block landmark: ``"greater_occipital"`` or ``"lesser_occipital"``
        (or ``"GON"``, ``"LON"``).
    side : {"left", "right"}
        The subject's side.
    radius_mm : float, default 20.0
        Radius around the block landmark, mm.
    n : int, default 400
        Number of sampled nerves.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    float
        Fraction (0 to 1) of the ``n`` sampled nerves whose fascial exit lies within
        ``radius_mm`` of the nerve's block landmark.

    Raises
    ------
    ValueError
        If ``name`` or ``side`` is not valid, or ``radius_mm`` or ``n`` is not positive.
    TypeError
        If ``radius_mm`` is not a number, or ``n`` or ``seed`` not a whole number (a
        string such as ``'15'`` was taken silently).
    """
    for label, value, kind in (("radius_mm", radius_mm, Real), ("n", n, Integral),
                               ("seed", seed, Integral)):
        if isinstance(value, bool) or not isinstance(value, kind):
            raise TypeError(f"{label}={value!r}: give a number"
                            + (" (a whole number)" if kind is Integral else " of mm"))
    if not radius_mm > 0 or n < 1:
        raise ValueError(f"radius_mm={radius_mm!r}, n={n!r}: both must be positive")
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


