"""Structure records and the cited dimensions that size them (structures.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.records import Field, check_record

STRUCTURES_FILE = DATA_DIR / "structures.toml"
LAYERS = ("bone", "muscle", "vessel")
_STRUCTURE_FIELDS = {"name": Field(str), "latin": Field(str), "layer": Field(str),
                     "bilateral": Field(bool), "color": Field(str), "description": Field(str),
                     "references": Field(list, references=True)}
_DIMENSION_FIELDS = {"value": Field(float), "unit": Field(str),
                     "references": Field(list, references=True), "derived": Field(bool),
                     "note": Field(str), "sd": Field(float, required=False),
                     "landmark": Field(str, required=False)}


@dataclass(frozen=True, eq=False)
class Structure:
    """One anatomical structure: identity, sources and geometry (mm, kit frame).

    ``vertices``/``faces`` is a closed triangle mesh for every structure (for the artery,
    a tube around ``path`` of radius ``radius_mm``).
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

    @property
    def label(self) -> str:
        """English name with (L)/(R) for sided structures."""
        return self.name + (f" ({self.side[0].upper()})" if self.side else "")


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
        out[key] = rec
    return out


