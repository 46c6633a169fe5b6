"""Structure records and the cited dimensions that size them (structures.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.records import Field, check_record

__all__ = [
    "ATTACHMENT_ENDS", "Attachment", "Dimension", "FIBRES", "LAYERS", "STRUCTURES_FILE",
    "Structure", "dimensions",
]

STRUCTURES_FILE = DATA_DIR / "structures.toml"
LAYERS = ("bone", "muscle", "vessel", "nerve")
FIBRES = ("motor", "sensory", "mixed")
ATTACHMENT_ENDS = ("origin", "insertion")
_STRUCTURE_FIELDS = {"name": Field(str), "latin": Field(str), "layer": Field(str),
                     "bilateral": Field(bool), "color": Field(str), "description": Field(str),
                     "references": Field(list, references=True),
                     "attachments": Field(list, required=False),
                     "fibres": Field(str, required=False),
                     "territory": Field(str, required=False)}
_ATTACHMENT_FIELDS = {"end": Field(str), "landmark": Field(str), "text": Field(str),
                      "references": Field(list, references=True)}
_DIMENSION_FIELDS = {"value": Field(float), "unit": Field(str),
                     "references": Field(list, references=True), "derived": Field(bool),
                     "note": Field(str), "sd": Field(float, required=False),
                     "landmark": Field(str, required=False)}


@dataclass(frozen=True, eq=False)
class Structure:
    """One anatomical structure: identity, sources and geometry (mm, kit frame).

    ``vertices``/``faces`` is a closed triangle mesh for every structure (for the arteries
    and nerves, tubes around ``path`` (and ``branches``) of radius ``radius_mm``).

    Nerves (layer ``'nerve'``) carry ``fibres`` ('motor', 'sensory' or 'mixed') and
    ``territory``: the name of their cutaneous territory in ``territories.toml``, or None
    for a nerve with no skin territory (the motor suboccipital nerve); see
    ``has_skin_territory``. Muscles carry ``attachments``: their origins and insertions,
    each naming the bone landmark it lies on.
    """

    id: str
    name: str
    latin: str
    layer: str
    side: str | None
    color: str
    vertices: np.ndarray
    faces: np.ndarray
    description: str
    references: tuple[str, ...]
    path: np.ndarray | None = None
    radius_mm: float | None = None
    base: str = field(default="")
    branches: tuple[np.ndarray, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    fibres: str | None = None
    territory: str | None = None

    @property
    def has_skin_territory(self) -> bool:
        """True for a nerve with a cutaneous territory (False for motor nerves and for
        structures that are not nerves)."""
        return self.territory is not None

    @property
    def label(self) -> str:
        """English name with (L)/(R) for sided structures."""
        return self.name + (f" ({self.side[0].upper()})" if self.side else "")


@dataclass(frozen=True)
class Attachment:
    """Where a muscle is fixed: ``end`` ('origin' or 'insertion'), the ``landmark`` it
    names (a ``structure_points()`` name without its side suffix, a head landmark or a
    bone structure id; see ``attachment_landmark``), the ``text`` of the source and its
    ``references``."""

    end: str
    landmark: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    """A number the geometry is built from, with its source."""

    key: str
    value: float
    unit: str
    references: tuple[str, ...]
    derived: bool
    note: str
    sd: float | None = None        # published standard deviation, where one is given
    landmark: str | None = None    # for a soft-tissue depth: the skin landmark it is at


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _raw() -> dict:
    try:
        raw = tomllib.loads(STRUCTURES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{STRUCTURES_FILE.name} is not valid TOML: {exc}") from exc
    for section in ("structures", "dimensions"):
        if section not in raw:
            raise ValueError(f"{STRUCTURES_FILE.name} lacks the [{section}] tables")
    return raw


@lru_cache(maxsize=1)
def dimensions() -> dict[str, Dimension]:
    """The cited numbers used to size and place the structures."""
    out = {}
    for key, rec in _raw()["dimensions"].items():
        rec = check_record(dict(rec), _DIMENSION_FIELDS,
                           f"{STRUCTURES_FILE.name} [dimensions.{key}]")
        out[key] = Dimension(key=key, value=rec["value"], unit=rec["unit"],
                             references=tuple(rec["references"]), derived=rec["derived"],
                             note=rec["note"], sd=rec.get("sd"), landmark=rec.get("landmark"))
    return out


def _dim(key: str) -> float:
    dims = dimensions()
    return dims[check_choice(key, dims, "dimension")].value


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    out = {}
    for key, rec in _raw()["structures"].items():
        where = f"{STRUCTURES_FILE.name} [structures.{key}]"
        rec = check_record(dict(rec), _STRUCTURE_FIELDS, where)
        check_choice(rec["layer"], LAYERS, f"layer in {where}")
        atts = []
        for k, a in enumerate(rec.get("attachments", ())):
            if not isinstance(a, dict):
                raise ValueError(f"{where}: attachments[{k}] must be a table, got {a!r}")
            a = check_record(dict(a), _ATTACHMENT_FIELDS, f"{where} attachments[{k}]")
            check_choice(a["end"], ATTACHMENT_ENDS, f"attachment end in {where}")
            atts.append(Attachment(a["end"], a["landmark"], a["text"],
                                   tuple(a["references"])))
        rec["attachments"] = tuple(atts)
        if "fibres" in rec:
            check_choice(rec["fibres"], FIBRES, f"fibres in {where}")
        if rec["layer"] == "nerve" and "fibres" not in rec:
            raise ValueError(f"{where}: a nerve needs 'fibres' (one of {', '.join(FIBRES)})")
        out[key] = rec
    return out


