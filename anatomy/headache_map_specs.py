"""What the headache pain maps are made of: regions, condition maps and their sources.

The records of ``maps.toml`` (validated by ``anatomy.records``) and what a reader asks of
them: each map's kind (patient shares or qualitative), caption, references and region
weights. The geometry of the maps (fields on the skin) is in ``anatomy.headache_maps``,
which re-exports everything here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.records import Field, check_record, read

__all__ = [
    "CONDITION_LABELS", "DEFAULT_SIDE", "KELMAN_HEMICRANIAL", "MAPS_FILE", "MAP_CONDITIONS",
    "MAP_KINDS", "MAP_SIDES", "MAP_SPECS", "REGIONS", "Region", "map_caption", "map_kind",
    "map_references", "region_weights",
]

MAP_CONDITIONS = ("occipital_neuralgia", "migraine_without_aura", "tension_type",
                  "cervicogenic")
CONDITION_LABELS = {"occipital_neuralgia": "Occipital neuralgia",
                    "migraine_without_aura": "Migraine", "migraine_with_aura": "Migraine",
                    "tension_type": "Tension-type headache",
                    "cervicogenic": "Cervicogenic headache"}
MAP_SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class Region:
    """A head region: how its seed is placed, and its core and fade widths (mm of skin)."""

    name: str
    label: str
    anchors: str  # the landmarks / 10-20 positions it is built on (for the notes)
    core_mm: float
    fade_mm: float
    midline: bool = False


MAPS_FILE = DATA_DIR / "maps.toml"
_REGION_FIELDS = {"label": Field(str), "anchors": Field(str), "core_mm": Field(float),
                  "fade_mm": Field(float), "midline": Field(bool, required=False)}
_CONDITION_FIELDS = {"kind": Field(str), "references": Field(list, references=True),
                     "caption": Field(str), "regions": Field(list),
                     "hemicranial_share": Field(float, required=False)}
_WEIGHT_FIELDS = {"region": Field(str), "weight": Field(float), "basis": Field(str)}
MAP_KINDS = ("frequency", "qualitative")


def _load_maps() -> tuple[dict[str, Region], dict[str, dict]]:
    """Regions and condition maps from ``maps.toml``, validated (see ``anatomy.records``)."""
    data = read(MAPS_FILE)
    regions = {name: Region(name, **check_record(rec, _REGION_FIELDS,
                                                  f"maps.toml [regions.{name}]"))
               for name, rec in data["regions"].items()}
    specs: dict[str, dict] = {}
    for name, rec in data["conditions"].items():
        if "same_as" in rec:
            continue
        where = f"maps.toml [conditions.{name}]"
        rec = check_record(dict(rec), _CONDITION_FIELDS, where)
        check_choice(rec["kind"], MAP_KINDS, f"map kind in {where}")
        rows = []
        for k, row in enumerate(rec["regions"]):
            row = check_record(dict(row), _WEIGHT_FIELDS, f"{where} regions[{k}]")
            check_choice(row["region"], regions, f"region in {where}")
            rows.append((row["region"], row["weight"], row["basis"]))
        specs[name] = {**rec, "regions": rows}
    for name, rec in data["conditions"].items():
        if "same_as" in rec:
            specs[name] = specs[check_choice(rec["same_as"], specs, f"same_as of {name}")]
    return regions, specs


REGIONS, MAP_SPECS = _load_maps()
KELMAN_HEMICRANIAL = MAP_SPECS["migraine_without_aura"]["hemicranial_share"]
DEFAULT_SIDE = {"occipital_neuralgia": "right", "migraine_without_aura": "right",
                "migraine_with_aura": "right", "tension_type": "both", "cervicogenic": "right"}


def _condition(condition: str) -> str:
    return check_choice(condition, MAP_SPECS, "condition for a pain map")


def map_kind(condition: str) -> str:
    """'frequency' (values are shares of patients) or 'qualitative'.

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.

    Returns
    -------
    str
        ``"frequency"`` or ``"qualitative"``.

    Raises
    ------
    ValueError
        If ``condition`` has no map.
    """
    return MAP_SPECS[_condition(condition)]["kind"]


def map_caption(condition: str) -> str:
    """One-line description of what a condition's map shows and where it comes from.

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.

    Returns
    -------
    str
        The caption from maps.toml.

    Raises
    ------
    ValueError
        If ``condition`` has no map.
    """
    return MAP_SPECS[_condition(condition)]["caption"]


def map_references(condition: str) -> list[str]:
    """Reference keys behind a condition's map.

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.

    Returns
    -------
    list of str
        Keys of references.toml.

    Raises
    ------
    ValueError
        If ``condition`` has no map.
    """
    return list(MAP_SPECS[_condition(condition)]["references"])


def region_weights(condition: str) -> pd.DataFrame:
    """The regions of one condition's map: weight, where it applies, basis and anchors.

    Parameters
    ----------
    condition : str
        A condition with a map: ``"migraine_without_aura"``, ``"migraine_with_aura"``,
        ``"occipital_neuralgia"``, ``"tension_type"`` or ``"cervicogenic"``.

    Returns
    -------
    pandas.DataFrame
        One row per region (index ``region``): ``label``, ``weight``, ``kind``,
        ``basis``, ``contralateral_weight`` and ``built_on`` (the region's anchors).

    Raises
    ------
    ValueError
        If ``condition`` has no map.
    """
    spec = MAP_SPECS[_condition(condition)]
    rows = []
    for region, weight, basis in spec["regions"]:
        r = REGIONS[region]
        rows.append({"region": region, "label": r.label, "weight": weight,
                     "kind": spec["kind"], "basis": basis,
                     "contralateral_weight": round(weight * (1 - KELMAN_HEMICRANIAL), 3)
                     if spec["kind"] == "frequency" and not r.midline else
                     (weight if r.midline else 0.0),
                     "built_on": r.anchors})
    return pd.DataFrame(rows).set_index("region")
