"""Reading and checking ``anatomy/data/headaches.toml``, and the tables built from it."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.headaches.findings import (
    ALL_CONDITIONS,
    CONDITIONS,
    FINDINGS,
    VERDICTS,
    validate_findings,
)
from anatomy.headaches.rules import CHECKED_IDS
from anatomy.records import Field, check_record

__all__ = [
    "HEADACHES_FILE", "MATRIX_STATUSES", "RECORD_SECTIONS", "block_technique", "comparison_notes",
    "comparison_sources", "comparison_table", "criteria_table", "feature_matrix", "load_headaches",
    "management_options", "physiotherapy", "red_flags", "reference_keys", "tension_type_subtypes",
    "thresholds", "vignettes",
]

HEADACHES_FILE = DATA_DIR / "headaches.toml"
RECORD_SECTIONS = ("tension_type_subtypes", "red_flags", "management", "block_technique",
                   "physiotherapy", "vignettes")
_UNITS = {"seconds": 1 / 60, "minutes": 1.0, "hours": 60.0, "days": 1440.0}


_SECTION_FIELDS = {  # what each record of headaches.toml may hold (anatomy.records)
    "tension_type_subtypes": {
        "code": Field(str), "name": Field(str), "days_per_month": Field(str),
        "min_episodes": Field(int), "history": Field(str), "duration_min_minutes": Field(float),
        "duration_max_minutes": Field(float), "associated_symptoms": Field(str),
        "reference": Field(str, references=True), "note": Field(str, required=False),
    },
    "red_flags": {
        "flag": Field(str), "look_for": Field(str), "may_signal": Field(str),
        "action": Field(str), "any": Field(list, required=False),
        "references": Field(list, required=False, references=True),
        "reference": Field(str, required=False, references=True),
        "note": Field(str, required=False), "all": Field(list, required=False),
        "min_age_years": Field(int, required=False),
        # a few words for the red-flag box's running list of the flags below emergency care
        "in_short": Field(str, required=False),
    },
    "management": {
        "option": Field(str), "what_it_is": Field(str), "who_it_is_for": Field(str),
        "evidence_note": Field(str), "references": Field(list, required=False, references=True),
        "note": Field(str, required=False),
        "reference": Field(str, required=False, references=True),
    },
    "block_technique": {
        "item": Field(str), "value": Field(str), "source_kind": Field(str),
        "references": Field(list, references=True), "note": Field(str, required=False),
    },
    "physiotherapy": {
        "item": Field(str), "what": Field(str), "evidence": Field(str),
        "references": Field(list, references=True),
    },
    "vignettes": {
        "id": Field(str), "title": Field(str), "story": Field(str),
        "references": Field(list, references=True), "screen": Field(str), "findings": Field(dict),
        "expected": Field(dict), "reasoning": Field(dict),
        "story_numbers": Field(dict, required=False), "unknown": Field(dict, required=False),
    },
    "criteria": {
        "id": Field(str), "text": Field(str),
        "reference": Field(str, required=False, references=True),
        "clinician_only": Field(bool, required=False), "note": Field(str, required=False),
        "references": Field(list, required=False, references=True),
    },
}


def _refs(record: Mapping, where: str) -> list[str]:
    if "reference" in record and "references" in record:
        raise ValueError(f"{HEADACHES_FILE.name}: {where} has both 'reference' and "
                         "'references'; keep one.")
    keys = record.get("references", [record["reference"]] if "reference" in record else [])
    if isinstance(keys, str) or not keys or not all(isinstance(k, str) for k in keys):
        raise ValueError(f"{HEADACHES_FILE.name}: {where} needs 'reference' or 'references' "
                         f"(a list of registry keys); got {keys!r}.")
    return list(keys)


def _cell_value(cell: Mapping, numeric: bool, where: str) -> object:
    units = [u for u in _UNITS if u in cell]
    if not numeric:
        if units or "value" not in cell:
            raise ValueError(f"{HEADACHES_FILE.name}: {where} needs a text 'value'.")
        return cell["value"]
    if len(units) + ("value" in cell) != 1:
        raise ValueError(f"{HEADACHES_FILE.name}: {where} needs exactly one of 'value' or "
                         f"{', '.join(_UNITS)}.")
    number = cell[units[0]] * _UNITS[units[0]] if units else cell["value"]
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        message = f"{HEADACHES_FILE.name}: {where} must be a number, got {number!r}."
        raise ValueError(message)  # noqa: TRY004
    return float(number)


def _check_data(raw: dict) -> dict:
    meta = raw["meta"]
    if tuple(meta["conditions"]) != CONDITIONS:
        raise ValueError(f"meta.conditions must be {list(CONDITIONS)}")
    for cond in ALL_CONDITIONS:
        info = raw["conditions"][cond]
        _refs(info, f"conditions.{cond}")
        _refs(info["thresholds"], f"conditions.{cond}.thresholds")
        ids = [c["id"] for c in info["criteria"]]
        if ids != list(CHECKED_IDS[cond]) + [ids[-1]] or not info["criteria"][-1].get(
                "clinician_only"):
            raise ValueError(f"conditions.{cond}.criteria ids {ids} do not match the checker "
                             f"({list(CHECKED_IDS[cond])} + a clinician-only last criterion)")
        for crit in info["criteria"]:
            where = f"conditions.{cond}.criteria {crit['id']}"
            check_record(dict(crit), _SECTION_FIELDS["criteria"], f"{HEADACHES_FILE.name} {where}")
            _refs(crit, where)
    table = {}
    for row in meta["rows"]:
        cells = raw["table"][row]
        if set(cells) != set(CONDITIONS):
            raise ValueError(f"table.{row} must have one cell per condition {list(CONDITIONS)}")
        for cond, cell in cells.items():
            where = f"table.{row}.{cond}"
            table[row, cond] = (_cell_value(cell, row in meta["numeric_rows"], where),
                                _refs(cell, where), cell.get("note", ""))
    raw["_table"] = table
    for section in RECORD_SECTIONS:
        for i, record in enumerate(raw[section]):
            check_record(dict(record), _SECTION_FIELDS[section],
                         f"{HEADACHES_FILE.name} [{section}][{i}]")
            _refs(record, f"{section}[{i}]")
    for flag in raw["red_flags"]:
        for key in flag.get("any", []) + flag.get("all", []):
            check_choice(key, FINDINGS, f"finding in red flag {flag['flag']!r}")
    for vig in raw["vignettes"]:
        try:
            validate_findings(vig["findings"])
        except ValueError as exc:
            raise ValueError(f"vignette {vig['id']!r}: {exc}") from None
        if not set(CONDITIONS) <= set(vig["expected"]) <= set(ALL_CONDITIONS) or set(
                vig["reasoning"]) != set(vig["expected"]):
            raise ValueError(f"vignette {vig['id']!r} needs expected and reasoning for "
                             f"{list(CONDITIONS)} (and may add {list(ALL_CONDITIONS[5:])})")
        for key in vig.get("unknown", {}):  # left unknown on purpose: a finding, not recorded
            check_choice(key, FINDINGS, f"unknown finding in vignette {vig['id']!r}")
            if key in vig["findings"]:
                raise ValueError(f"vignette {vig['id']!r} records {key!r} and also lists it "
                                 "as unknown; keep one")
        if not vig.get("screen"):
            raise ValueError(f"vignette {vig['id']!r} needs 'screen': the red-flag reasoning "
                             "that comes before any primary diagnosis")
        for verdict in vig["expected"].values():
            check_choice(verdict, VERDICTS, f"expected verdict in vignette {vig['id']!r}")
    return raw


@lru_cache(maxsize=1)
def load_headaches() -> dict:
    """Read and check headaches.toml; a malformed file raises ValueError naming the problem."""
    try:
        raw = tomllib.loads(HEADACHES_FILE.read_text(encoding="utf-8"))
        return _check_data(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{HEADACHES_FILE} is not valid TOML: {exc}") from exc
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ValueError(f"{HEADACHES_FILE} is malformed: {exc}") from exc


def _condition(condition: str) -> dict:
    return load_headaches()["conditions"][check_choice(condition, ALL_CONDITIONS, "condition")]


def thresholds(condition: str) -> dict:
    """The numbers and lists the checker uses for one condition (with their reference).

    Parameters
    ----------
    condition : str
        One of ALL_CONDITIONS: ``"occipital_neuralgia"``, ``"migraine_without_aura"``,
        ``"migraine_with_aura"``, ``"tension_type"``, ``"cervicogenic"``,
        ``"chronic_migraine"``, ``"primary_stabbing"`` or ``"neck_tongue"``.

    Returns
    -------
    dict
        A copy of the condition's ``thresholds`` record from headaches.toml (durations in
        minutes, counts, allowed lists, and the ``reference`` keys).

    Raises
    ------
    ValueError
        If ``condition`` is not one of ALL_CONDITIONS.
    """
    return dict(_condition(condition)["thresholds"])


def criteria_table(condition: str) -> pd.DataFrame:
    """The paraphrased criteria of one condition: id, text, reference, note.

    Parameters
    ----------
    condition : str
        One of ALL_CONDITIONS: ``"occipital_neuralgia"``, ``"migraine_without_aura"``,
        ``"migraine_with_aura"``, ``"tension_type"``, ``"cervicogenic"``,
        ``"chronic_migraine"``, ``"primary_stabbing"`` or ``"neck_tongue"``.

    Returns
    -------
    pandas.DataFrame
        One row per criterion, indexed by ``id`` (e.g. ``"A"``), with columns ``text``,
        ``reference`` (comma-separated reference keys) and ``note``.

    Raises
    ------
    ValueError
        If ``condition`` is not one of ALL_CONDITIONS.
    """
    rows = [{"id": c["id"], "text": c["text"], "reference": ", ".join(_refs(c, c["id"])),
             "note": c.get("note", "")} for c in _condition(condition)["criteria"]]
    return pd.DataFrame(rows).set_index("id")


# ----------------------------------------------------------------------------------------
# Comparison tables
# ----------------------------------------------------------------------------------------

def _table_frame(part: int) -> pd.DataFrame:
    data = load_headaches()
    rows = data["meta"]["rows"]
    frame = pd.DataFrame(index=pd.Index(rows, name="feature"), columns=list(CONDITIONS),
                         dtype=object)
    for (row, cond), cell in data["_table"].items():
        value = cell[part]
        frame.at[row, cond] = ", ".join(value) if isinstance(value, list) else value
    return frame


def comparison_table() -> pd.DataFrame:
    """Side-by-side features, one column per condition.

    Duration rows are minutes (NaN: none given by ICHD-3). Occipital neuralgia's 1 s and
    10 min are the kit's reading of 'a few seconds to minutes'; see ``comparison_notes()``.

    Returns
    -------
    pandas.DataFrame
        One row per feature, one column per condition in CONDITIONS; cells are the values
        (text, numbers in minutes, or NaN).
    """
    return _table_frame(0)


def comparison_sources() -> pd.DataFrame:
    """Same shape as ``comparison_table()``: the reference keys behind each cell.

    Returns
    -------
    pandas.DataFrame
        Feature rows by condition columns; each cell holds the reference keys of the
        matching ``comparison_table()`` cell.
    """
    return _table_frame(1)


def comparison_notes() -> pd.DataFrame:
    """Same shape as ``comparison_table()``: how a cell was read or derived ('' if plain).

    Returns
    -------
    pandas.DataFrame
        Feature rows by condition columns; each cell is a note string, '' when the value
        is taken as written.
    """
    return _table_frame(2)


def _records(section: str, columns: list[str]) -> pd.DataFrame:
    rows = [{**{c: r.get(c, "") for c in columns}, "reference": ", ".join(_refs(r, section))}
            for r in load_headaches()[section]]
    return pd.DataFrame(rows)


def tension_type_subtypes() -> pd.DataFrame:
    """2.1, 2.2 and 2.3 side by side; chronic TTH has no upper duration (inf).

    Returns
    -------
    pandas.DataFrame
        One row per ICHD-3 subtype (index ``code``) with ``name``, ``days_per_month``,
        ``min_episodes``, ``history``, ``duration_min_minutes``, ``duration_max_minutes``,
        ``associated_symptoms``, ``note`` and ``reference``.
    """
    cols = ["code", "name", "days_per_month", "min_episodes", "history", "duration_min_minutes",
            "duration_max_minutes", "associated_symptoms", "note"]
    return _records("tension_type_subtypes", cols).set_index("code")


def red_flags() -> pd.DataFrame:
    """Headache red flags (after SNNOOP10) with the action each one calls for.

    Returns
    -------
    pandas.DataFrame
        One row per flag with columns ``flag``, ``look_for``, ``may_signal``, ``action``,
        ``note`` and ``reference``.
    """
    return _records("red_flags", ["flag", "look_for", "may_signal", "action", "note"])


def management_options() -> pd.DataFrame:
    """Management options for occipital neuralgia with an honest evidence note.

    Returns
    -------
    pandas.DataFrame
        One row per option with columns ``option``, ``what_it_is``, ``who_it_is_for``,
        ``evidence_note``, ``note`` and ``reference``.
    """
    cols = ["option", "what_it_is", "who_it_is_for", "evidence_note", "note"]
    return _records("management", cols)


def block_technique() -> pd.DataFrame:
    """Occipital nerve block volumes and nerve depths as published, one row per source.

    Returns
    -------
    pandas.DataFrame
        Columns ``item``, ``value`` (number and unit as the source gives it),
        ``source_kind`` (the kind of study), ``note`` and ``reference`` (registry keys).
        These are reported values for teaching, not a protocol.
    """
    return _records("block_technique", ["item", "value", "source_kind", "note"])


def physiotherapy() -> pd.DataFrame:
    """Physiotherapy examination, screening and treatment items with their evidence.

    Returns
    -------
    pandas.DataFrame
        One row per item with columns ``item``, ``what``, ``evidence`` and ``reference``.
    """
    return _records("physiotherapy", ["item", "what", "evidence"])


# the columns that give a case's verdicts away: vignettes(answers=False) leaves them out
# (review 32: a student who printed `cases` before trying saw the answers)
ANSWER_COLUMNS = ("expected", "reasoning", "screen")


def vignettes(answers: bool = True) -> pd.DataFrame:
    """Case vignettes: story, findings and, unless left out, the expected verdicts.

    Parameters
    ----------
    answers : bool, default True
        False leaves out the answer columns (``expected``, ``reasoning`` and ``screen``),
        so that a student who prints the table sees the cases, not their verdicts.

    Returns
    -------
    pandas.DataFrame
        One row per vignette (index ``id``) with ``title``, ``story``, ``findings`` (dict
        for ``check_criteria``), ``expected`` (condition -> True/False/None),
        ``reasoning`` (condition -> text), ``screen``, ``reference`` and
        ``story_numbers`` (finding key -> the words of the story that give its number;
        ``attacks_per_day`` for attacks counted per headache day) and ``unknown``
        (finding key -> why the kit leaves that finding unknown).

    Raises
    ------
    TypeError
        If ``answers`` is not True or False.
    """
    if not isinstance(answers, bool):
        raise TypeError(f"answers must be True or False, not {answers!r}")
    rows = [{"id": v["id"], "title": v["title"], "story": v["story"],
             "findings": dict(v["findings"]),
             "expected": {c: VERDICTS[e] for c, e in v["expected"].items()},
             "reasoning": dict(v["reasoning"]), "screen": v["screen"],
             "story_numbers": dict(v.get("story_numbers", {})),
             "unknown": dict(v.get("unknown", {})),
             "reference": ", ".join(_refs(v, v["id"]))}
            for v in load_headaches()["vignettes"]]
    table = pd.DataFrame(rows).set_index("id")
    return table if answers else table.drop(columns=list(ANSWER_COLUMNS))


def reference_keys() -> list[tuple[str, str]]:
    """Every (record, reference key) pair in the data file, for checking the registry.

    Returns
    -------
    list of tuple of (str, str)
        ``(where, key)`` pairs, where ``where`` names the record in headaches.toml (e.g.
        ``"conditions.migraine_with_aura.criteria.B"``) and ``key`` a references.toml key.
    """
    data, out = load_headaches(), []
    for cond in ALL_CONDITIONS:
        info = data["conditions"][cond]
        out += [(f"conditions.{cond}", k) for k in _refs(info, cond)]
        out += [(f"conditions.{cond}.thresholds", k) for k in _refs(info["thresholds"], cond)]
        out += [(f"conditions.{cond}.criteria.{c['id']}", k)
                for c in info["criteria"] for k in _refs(c, cond)]
    out += [(f"table.{row}.{cond}", k) for (row, cond), cell in data["_table"].items()
            for k in cell[1]]
    out += [("meta.exclusion", data["meta"]["exclusion_reference"])]
    for section in RECORD_SECTIONS:
        out += [(f"{section}[{i}]", k) for i, r in enumerate(data[section])
                for k in _refs(r, section)]
    return out


MATRIX_STATUSES = ("required", "option", "against", "none")
_MATRIX_FIELDS = {"references": Field(list, references=True), "rows": Field(list),
                  "conditions": Field(list), "cells": Field(dict)}
_CELL_FIELDS = {"status": Field(str), "text": Field(str)}


@lru_cache(maxsize=1)
def feature_matrix() -> dict:
    """The feature matrix of notebook 03 from headaches.toml [feature_matrix]: ``rows``,
    ``conditions``, ``references`` and ``cells`` (condition -> [(status, text), ...] in row
    order), checked: every condition known, one cell per row, statuses from
    ``MATRIX_STATUSES``."""
    raw = tomllib.loads(HEADACHES_FILE.read_text(encoding="utf-8"))
    where = f"{HEADACHES_FILE.name} [feature_matrix]"
    rec = check_record(dict(raw["feature_matrix"]), _MATRIX_FIELDS, where)
    cells = {}
    for cond in rec["conditions"]:
        check_choice(cond, ALL_CONDITIONS, f"condition in {where}")
        rows = rec["cells"].get(cond)
        if rows is None or len(rows) != len(rec["rows"]):
            raise ValueError(f"{where}: {cond} needs {len(rec['rows'])} cells, one per row "
                             f"({', '.join(rec['rows'])}); got {rows!r}")
        out = []
        for k, cell in enumerate(rows):
            cell = check_record(dict(cell), _CELL_FIELDS, f"{where} {cond}[{k}]")
            check_choice(cell["status"], MATRIX_STATUSES, f"status in {where} {cond}[{k}]")
            out.append((cell["status"], cell["text"]))
        cells[cond] = out
    return {"rows": tuple(rec["rows"]), "conditions": tuple(rec["conditions"]),
            "references": tuple(rec["references"]), "cells": cells}
