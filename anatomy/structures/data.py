"""Structure records and the cited dimensions that size them (structures.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.references import check_keys

STRUCTURES_FILE = DATA_DIR / "structures.toml"
LAYERS = ("bone", "muscle", "vessel")
_STRUCTURE_FIELDS = ("name", "latin", "layer", "bilateral", "color", "description",
                     "references")
_DIMENSION_FIELDS = ("value", "unit", "references", "derived", "note")


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
        missing = [f for f in _DIMENSION_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{STRUCTURES_FILE.name}: dimension {key!r} lacks {missing}")
        check_keys(rec["references"], f"{STRUCTURES_FILE.name} dimension {key!r}")
        out[key] = Dimension(key=key, value=float(rec["value"]), unit=rec["unit"],
                             references=tuple(rec["references"]),
                             derived=bool(rec["derived"]), note=rec["note"])
    return out


def _dim(key: str) -> float:
    dims = dimensions()
    return dims[check_choice(key, dims, "dimension")].value


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    out = {}
    for key, rec in _raw()["structures"].items():
        missing = [f for f in _STRUCTURE_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {key!r} lacks {missing}")
        try:
            check_choice(rec["layer"], LAYERS, "layer")
        except ValueError as exc:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {key!r}: {exc}") from None
        check_keys(rec["references"], f"{STRUCTURES_FILE.name} structure {key!r}")
        out[key] = rec
    return out


