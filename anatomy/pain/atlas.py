"""Cutaneous territories of the occipital and neighbouring nerves."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from anatomy import surface
from anatomy.conventions import SIDE_SIGN, SIDES, check_choice, check_side, mirror_x
from anatomy.head import load_head
from anatomy.pain.data import _territory_data, place
from anatomy.pain.mesh import _path, nearest_vertex, pain_mesh, skin_distance, vertex_areas
from anatomy.store import stored

__all__ = [
    "TerritoryAtlas", "boundary_distance", "boundary_line", "boundary_plane", "midline_factor",
    "territories", "territory_names",
]

# Cutaneous territories
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class TerritoryAtlas:
    """Territories on the pain mesh: metadata table and per-vertex weights in [0, 1]."""

    table: pd.DataFrame            # one row per (name, side)
    weights: dict                  # (name, side) -> (N,) float array on pain_mesh()

    def weight(self, name: str, side: str) -> np.ndarray:
        """Per-vertex weight of one territory on one side.

        Parameters
        ----------
        name : str
            A territory name (see ``territory_names()``).
        side : {"left", "right"}
            The subject's side.

        Returns
        -------
        numpy.ndarray, shape (n_vertices,)
            Weight in [0, 1] per ``pain_mesh()`` vertex.

        Raises
        ------
        ValueError
            If ``name`` or ``side`` is not valid.
        """
        keys = sorted({n for n, _ in self.weights})
        return self.weights[(check_choice(name, keys, "territory"), check_side(side))]

    def membership(self, threshold: float = 0.5) -> dict:
        """(name, side) -> boolean mask of vertices with weight >= threshold.

        Parameters
        ----------
        threshold : float, default 0.5
            Weight from which a vertex counts as in a territory.

        Returns
        -------
        dict
            (name, side) -> boolean array over the ``pain_mesh()`` vertices.
        """
        return {k: w >= threshold for k, w in self.weights.items()}

    def area(self, vertices) -> float:
        """The skin area (cm²) of a set of vertices, such as a ``membership`` mask or two
        masks joined with ``&`` (each vertex counts for a third of every triangle round
        it: ``vertex_areas``).

        Parameters
        ----------
        vertices : array_like of bool, shape (n_vertices,)
            True for each ``pain_mesh()`` vertex in the set.

        Returns
        -------
        float
            Area in cm².

        Raises
        ------
        ValueError
            If ``vertices`` is not a True/False array over the pain mesh's vertices.
        """
        mask = np.asarray(vertices)
        areas = vertex_areas()
        if mask.dtype != bool or mask.shape != areas.shape:
            raise ValueError(f"vertices must be a True/False array of {len(areas)} values "
                             f"(one per pain-mesh vertex), got dtype {mask.dtype} and shape "
                             f"{mask.shape}")
        return float(areas[mask].sum() / 100.0)

    def overlap_count(self, threshold: float = 0.5) -> np.ndarray:
        """How many territories cover each vertex (weight >= threshold).

        Parameters
        ----------
        threshold : float, default 0.5
            Weight from which a vertex counts as in a territory.

        Returns
        -------
        numpy.ndarray of int, shape (n_vertices,)
            Number of (name, side) territories covering each vertex.
        """
        return np.sum([w >= threshold for w in self.weights.values()], axis=0)

    def dominant(self, threshold: float = 0.5) -> np.ndarray:
        """Index into ``list(weights)`` of the heaviest territory per vertex, -1 if none.

        Parameters
        ----------
        threshold : float, default 0.5
            Weight from which a vertex counts as in a territory.

        Returns
        -------
        numpy.ndarray of int, shape (n_vertices,)
            Index of the territory with the largest weight, -1 where no weight reaches
            ``threshold``.
        """
        stack = np.array(list(self.weights.values()))
        best = stack.argmax(axis=0)
        return np.where(stack.max(axis=0) >= threshold, best, -1)


def boundary_plane(side: str) -> tuple[np.ndarray, np.ndarray]:
    """(point, unit normal pointing anterior) of the vertex-ear-chin plane of one side.

    Parameters
    ----------
    side : {"left", "right"}
        The subject's side.

    Returns
    -------
    point : numpy.ndarray, shape (3,)
        A point on the plane (the vertex landmark), mm.
    normal : numpy.ndarray, shape (3,)
        Unit normal of the plane through the vertex, that side's tragus and the menton,
        pointing anterior (toward the nasion).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
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
    """Signed distance (mm) of points from the vertex-ear-chin boundary (+ = trigeminal).

    Parameters
    ----------
    points : array_like, shape (3,) or (n, 3)
        Points in the head frame, mm; points with x >= 0 are measured from the right
        plane, the others from the left.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Signed distance in mm: positive anterior of the boundary (trigeminal side),
        negative behind it (cervical side).
    """
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


def midline_factor(name: str, side: str, x) -> np.ndarray:
    """The factor that stops territory ``name`` of ``side`` at the midline: 1 on its own
    side, falling linearly to 0 at ``midline_overlap_mm`` across it (territories.toml), or
    a step at the midline where that is 0.

    Parameters
    ----------
    name : str
        A territory (``territory_names()``).
    side : str
        ``"left"`` or ``"right"``.
    x : array_like
        Distances from the midline, mm (positive on the subject's right).

    Returns
    -------
    numpy.ndarray
        The factor in [0, 1] at each ``x``.

    Raises
    ------
    ValueError
        If ``name`` is not a territory or ``side`` is not ``"left"`` or ``"right"``.
    """
    data = _territory_data()["territories"]
    check_choice(name, data, "territory")
    over = float(data[name]["midline_overlap_mm"])
    lateral = SIDE_SIGN[check_side(side)] * np.asarray(x, float)
    if over > 0:
        return np.clip((lateral + over) / over, 0.0, 1.0)
    return (lateral >= 0).astype(float)


@stored
def _territory_weights() -> dict[str, np.ndarray]:
    """Per-vertex weight of each territory, keyed 'name/side' (stored: anatomy.store)."""
    raw = _territory_data()
    m = pain_mesh()
    band = float(raw["boundary_overlap_mm"])
    sdist = boundary_distance(m.vertices)
    # the vertex-ear-chin line divides the head's skin: below the chin it does not apply
    # (extended down, its plane passed behind the chest, and cut the supraclavicular skin
    # over the clavicle and pectoralis out of the cervical territories)
    below_chin = np.clip((load_head().landmark("menton")[2] - m.vertices[:, 2]) / band, 0, 1)
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
            # a territory the sources put across the line reaches that far over it first
            cross = float(t.get("boundary_cross_mm", 0.0))
            if t["division"] == "trigeminal":
                w *= np.clip((sdist + band + cross) / band, 0.0, 1.0)
            else:
                w *= np.maximum(np.clip((band + cross - sdist) / band, 0.0, 1.0), below_chin)
            w *= midline_factor(name, sd, m.vertices[:, 0])
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
                         "midline_overlap_mm": float(t["midline_overlap_mm"]),
                         "references": ", ".join(t["references"]),
                         "vertices_covered": int((w >= 0.5).sum())})
    return TerritoryAtlas(pd.DataFrame(rows), weights)


def territories(side: str | None = None) -> TerritoryAtlas:
    """Cutaneous territories of the occipital, cervical and trigeminal skin nerves.

    The nerves are the GON, LON, TON, great auricular, transverse cervical,
    supraclavicular, supraorbital, supratrochlear, auriculotemporal and zygomaticotemporal
    nerves, as per-vertex weights on ``pain_mesh()`` with their sources. Neighbouring
    territories overlap (both weights > 0), as the sources describe. Cached.

    Parameters
    ----------
    side : {"left", "right"}, optional
        Keep only this side's territories; None (default) keeps both.

    Returns
    -------
    TerritoryAtlas
        ``table`` (one row per territory and side, with sources) and ``weights``
        ((name, side) -> per-vertex weight in [0, 1] on ``pain_mesh()``).

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"``, ``"right"`` or None.
    """
    atlas = _atlas()
    if side is None:
        return atlas
    s = check_side(side)
    return TerritoryAtlas(atlas.table[atlas.table.side == s].reset_index(drop=True),
                          {k: w for k, w in atlas.weights.items() if k[1] == s})


def territory_names() -> tuple[str, ...]:
    """Names of the cutaneous territories in territories.toml, in file order.

    Returns
    -------
    tuple of str
        The territory names (e.g. ``"greater_occipital"``).
    """
    return tuple(_territory_data()["territories"])
