"""Nerve data: the waypoints and course rules of each nerve, read from nerves.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.records import Field, check_record
from anatomy.references import check_keys

__all__ = [
    "ALIASES", "COORDS", "FRAMES", "LAYERS", "NAMES", "NEIGHBOUR_CORRELATION", "NERVES_FILE",
    "NerveSpec", "STEP_MM", "SUBCUTANEOUS_DEPTH_MM", "TRUNCATE_SD", "Waypoint", "canonical_name",
    "load_nerve_specs",
]

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
        """The published standard deviation of one coordinate, if any.

        Parameters
        ----------
        coord : {"lateral_mm", "vertical_mm", "depth_mm"}
            The coordinate.

        Returns
        -------
        float or None
            The SD in mm, or None when the source gives none.
        """
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
        """One waypoint of this nerve by id.

        Parameters
        ----------
        wid : str
            A waypoint id of this nerve.

        Returns
        -------
        Waypoint
            The waypoint.

        Raises
        ------
        ValueError
            If ``wid`` is not one of this nerve's waypoint ids.
        """
        ids = [w.id for w in self.waypoints]
        return self.waypoints[ids.index(check_choice(wid, ids, f"{self.key} waypoint"))]


_WAYPOINT_FIELDS = {
    "id": Field(str), "label": Field(str), "layer": Field(str, required=False),
    "frame": Field(str), "lateral_mm": Field(float), "vertical_mm": Field(float),
    "depth_mm": Field(float), "references": Field(list, references=True),
    "note": Field(str, required=False), "measured": Field(list, required=False),
    "lateral_sd": Field(float, required=False), "vertical_sd": Field(float, required=False),
    "depth_sd": Field(float, required=False), "n": Field(int, required=False),
    "landmark": Field(str, required=False), "anterior_mm": Field(float, required=False),
    "lateral_measure": Field(str, required=False),
    "alternatives": Field(list, required=False),
    "course_offset_mm": Field(list, required=False),
    "layer_surface": Field(str, required=False),
    "surface_gap_mm": Field(float, required=False),
    "from": Field(str, required=False),  # branches: the waypoint they leave from
}


def _waypoint(rec: dict, where: str) -> Waypoint:
    rec = check_record(dict(rec), _WAYPOINT_FIELDS, f"{NERVES_FILE.name} record {where}")
    try:
        wp = Waypoint(
            id=rec["id"], label=rec["label"], layer=rec.get("layer", "subcutaneous"),
            frame=rec["frame"], lateral_mm=rec["lateral_mm"], vertical_mm=rec["vertical_mm"],
            depth_mm=rec["depth_mm"], references=tuple(rec["references"]),
            note=rec.get("note", ""), measured=tuple(rec.get("measured", ())),
            lateral_sd=rec.get("lateral_sd"), vertical_sd=rec.get("vertical_sd"),
            depth_sd=rec.get("depth_sd"), n=rec.get("n"), landmark=rec.get("landmark", ""),
            anterior_mm=rec.get("anterior_mm", 0.0),
            lateral_measure=rec.get("lateral_measure", "straight"),
            alternatives=tuple(rec.get("alternatives", ())),
            course_offset_mm=tuple(float(c) for c in rec.get("course_offset_mm",
                                                            (0.0, 0.0, 0.0))),
            layer_surface=rec.get("layer_surface", ""),
            surface_gap_mm=rec.get("surface_gap_mm", 0.0))
        if len(wp.course_offset_mm) != 3:
            raise ValueError("course_offset_mm needs 3 numbers")
        if wp.layer_surface:
            check_choice(wp.layer_surface.partition(":")[2], ("posterior", "anterior"),
                         "layer_surface face")
    except (TypeError, ValueError) as exc:
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
    """'greater_occipital' etc. from a name or alias (GON, LON, TON); else ValueError.

    Parameters
    ----------
    name : object
        A nerve name (``"greater_occipital"``, ``"lesser_occipital"``,
        ``"third_occipital"``) or alias (``"GON"``, ``"LON"``, ``"TON"``, any case).

    Returns
    -------
    str
        The full nerve name.

    Raises
    ------
    ValueError
        If ``name`` is neither a nerve name nor an alias; the message lists the choices.
    """
    if isinstance(name, str) and name.upper() in ALIASES:
        return ALIASES[name.upper()]
    return check_choice(name, NAMES + tuple(ALIASES), "nerve")


