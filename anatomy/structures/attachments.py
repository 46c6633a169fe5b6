"""Muscle attachments: the bone landmark each origin and insertion names, and how far
the modelled muscle lies from it."""

from __future__ import annotations

import numpy as np

from anatomy import surface
from anatomy.conventions import check_choice
from anatomy.structures.assembly import get_structure, load_structures, structure_points
from anatomy.structures.data import Attachment

__all__ = ["attachment_distance", "attachment_landmark", "attachment_table"]


def _landmark_names(side: str | None) -> dict[str, str]:
    """{name as written in structures.toml: where it is found} for one side."""
    from anatomy.head import load_head

    out = {}
    suffix = f"_{side}" if side else ""
    for kind, names in (("point", structure_points()), ("head", load_head().landmarks),
                        ("bone", load_structures(side=side, layer="bone"))):
        for name in names:
            plain = name.removesuffix(suffix) if suffix and name.endswith(suffix) else name
            if name.endswith(("_left", "_right")) and plain == name:
                continue   # the other side's copy
            out.setdefault(plain, f"{kind}:{name}")
    return out


def attachment_landmark(name: str, side: str | None) -> tuple[str, object]:
    """The landmark an attachment names, for one side.

    Parameters
    ----------
    name : str
        A landmark of ``structure_points()`` or the head, or a bone id. A sided name is
        written without its suffix (``c1_transverse_tip`` means ``c1_transverse_tip_right``
        on the right).
    side : {"right", "left"} or None
        The muscle's side (None for a midline muscle).

    Returns
    -------
    tuple
        ``('points', (K, 3) array)`` for a named point or a line of samples (mm), or
        ``('bone', Structure)`` for a bone.

    Raises
    ------
    ValueError
        If ``name`` is unknown; the message lists the valid names.
    """
    from anatomy.head import load_head

    names = _landmark_names(side)
    kind, full = names[check_choice(name, names, "attachment landmark")].split(":", 1)
    if kind == "bone":
        return "bone", get_structure(full)
    src = structure_points() if kind == "point" else load_head().landmarks
    return "points", np.atleast_2d(np.asarray(src[full], float))


def _densify(points: np.ndarray, step: float = 1.0) -> np.ndarray:
    """A polyline resampled every ``step`` mm (a single point is returned as is)."""
    if len(points) < 2:
        return points
    out = [points[:1]]
    for a, b in zip(points[:-1], points[1:]):
        n = max(int(np.ceil(np.linalg.norm(b - a) / step)), 1)
        out.append(a + (b - a) * np.linspace(0, 1, n + 1)[1:, None])
    return np.vstack(out)


def attachment_distance(structure_id: str, attachment: Attachment) -> float:
    """Smallest distance between a muscle's surface and the landmark it names.

    Parameters
    ----------
    structure_id : str
        A muscle of ``structure_ids()``, e.g. ``"obliquus_capitis_superior_right"``.
    attachment : Attachment
        One of the muscle's ``attachments`` (origin or insertion).

    Returns
    -------
    float
        Distance in mm (0 where the muscle touches the landmark).

    Raises
    ------
    ValueError
        If the structure or the landmark is unknown; the message lists the valid names.
    """
    s = get_structure(structure_id)
    kind, target = attachment_landmark(attachment.landmark, s.side)
    if kind == "bone":
        near = surface.closest_points(target.vertices, target.faces, s.vertices)
        return float(np.linalg.norm(near - s.vertices, axis=1).min())
    pts = _densify(target)
    near = surface.closest_points(s.vertices, s.faces, pts)
    return float(np.linalg.norm(near - pts, axis=1).min())


def attachment_table() -> list[dict]:
    """One row per attachment of every muscle, both sides.

    Returns
    -------
    list of dict
        Keys ``structure``, ``end`` (origin or insertion), ``landmark``, ``text`` (the
        source's words) and ``distance_mm`` (the model's distance to the landmark).
    """
    rows = []
    for sid, s in load_structures(layer="muscle").items():
        for a in s.attachments:
            rows.append({"structure": sid, "end": a.end, "landmark": a.landmark,
                         "text": a.text, "distance_mm": round(attachment_distance(sid, a), 1)})
    return rows
