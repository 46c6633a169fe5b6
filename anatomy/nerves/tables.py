"""Tables of the nerve model for notebooks: waypoints and compression points with sources."""

from __future__ import annotations

from anatomy.conventions import check_side
from anatomy.head import load_head
from anatomy.nerves.courses import nerve, skin_depth
from anatomy.nerves.points import compression_points, distance_to_nerve
from anatomy.nerves.specs import Waypoint, canonical_name, load_nerve_specs
from anatomy.store import stored

__all__ = ["compression_table", "waypoint_table"]

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
    """DataFrame: each waypoint's published value, model position, status and sources.

    Parameters
    ----------
    name : str
        ``"greater_occipital"``, ``"lesser_occipital"`` or ``"third_occipital"`` (or
        ``"GON"``, ``"LON"``, ``"TON"``).
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    pandas.DataFrame
        One row per waypoint (index ``waypoint``): ``lateral_mm`` and ``vertical_mm`` as
        published (mean +/- SD where measured), ``origin`` (EOP, EAM line or a landmark,
        with how far in front of or behind it),
        ``published_depth_mm``, ``model_depth_mm``, ``status``, ``model_xyz_mm`` and
        ``sources`` (citations).

    Raises
    ------
    ValueError
        If ``name`` or ``side`` is not valid.
    """
    import pandas as pd

    from anatomy.references import cite

    key = canonical_name(name)
    spec, nv = load_nerve_specs()[key], nerve(key, side)
    depths = _model_depths(key, check_side(side))
    rows = []
    for w in spec.waypoints:
        p = nv.waypoints[w.id]
        origin = {"eop": "EOP", "eam": "EAM line", "landmark": w.landmark}[w.frame]
        if w.frame == "landmark" and w.anterior_mm:  # the third offset, not in a column
            origin += (f", {abs(w.anterior_mm):g} mm "
                       f"{'behind' if w.anterior_mm < 0 else 'in front of'} it")
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
    """DataFrame of Janis 2010a's six compression points as placed on the model (derived).

    Parameters
    ----------
    side : {"left", "right"}, default "right"
        The subject's side.

    Returns
    -------
    pandas.DataFrame
        One row per point (index ``point``, 1-6): ``where``, ``lateral_mm``,
        ``vertical_re_EOP_mm`` (height relative to the EOP), ``depth_mm``, ``on_GON_mm``
        (distance to the modelled GON) and ``status`` (always "derived"); lengths in mm.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
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
