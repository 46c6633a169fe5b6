"""ICHD-3 based comparison of occipital neuralgia, migraine, tension-type and cervicogenic
headache, and a teaching checker of the diagnostic criteria.

The data (criteria texts, thresholds, comparison cells, red flags, management options,
vignettes) live in ``anatomy/data/headaches.toml``; every record carries reference keys.

``check_criteria`` says which criteria a set of findings meets. It is not a diagnosis:

- ``fulfilled`` is True when every criterion the checker can assess is met, False when any
  criterion is not met, and None when none fails but a needed finding is missing.
- The last criterion of each set ("not better accounted for by another ICHD-3 diagnosis")
  is always 'not assessed' because only a clinician can judge it; it never makes
  ``fulfilled`` None, and the summary says that it still needs a clinician.
- A finding may be given as None, which means "unknown" (the same as leaving it out).

Decisions where ICHD-3 gives no number are stated in the data notes: occipital neuralgia
paroxysms are drawn as 1 s to 10 min; chronic tension-type headache uses the episodic
30-minute lower bound and no upper bound (``inf``); cervicogenic duration is NaN.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Integral, Real

import pandas as pd

from anatomy.conventions import DATA_DIR, DISCLAIMER, check_choice

HEADACHES_FILE = DATA_DIR / "headaches.toml"
CONDITIONS = ("occipital_neuralgia", "migraine_without_aura", "migraine_with_aura",
              "tension_type", "cervicogenic")
STATUSES = ("met", "not met", "not assessed")
VERDICTS = {"fulfilled": True, "not fulfilled": False, "undetermined": None}
_UNITS = {"seconds": 1 / 60, "minutes": 1.0, "hours": 60.0, "days": 1440.0}


# ----------------------------------------------------------------------------------------
# Findings vocabulary
# ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One key of the findings vocabulary: its type, allowed values and meaning."""

    kind: str  # 'bool' | 'int' | 'number' | 'numbers' | 'choice' | 'choices'
    meaning: str
    choices: tuple[str, ...] = ()
    maximum: float = math.inf
    allow_inf: bool = False

    @property
    def allowed(self) -> str:
        """The allowed values in words."""
        if self.kind == "bool":
            return "True or False"
        if self.kind in ("choice", "choices"):
            one = " | ".join(self.choices)
            return one if self.kind == "choice" else f"list of: {one}"
        top = "inf" if self.allow_inf else f"{self.maximum:g}"
        what = {"int": "whole number", "number": "number", "numbers": "number or list of numbers"}
        return f"{what[self.kind]} from 0 to {top}"


_INTENSITY = ("mild", "moderate", "severe")
_QUALITY = ("pulsating", "pressing", "tightening", "stabbing", "shooting", "sharp", "burning",
            "dull")
_AURA_TYPES = ("visual", "sensory", "speech", "motor", "brainstem", "retinal")

FINDINGS: dict[str, Finding] = {
    "attacks": Finding("int", "number of attacks (episodes) of this headache so far"),
    "duration_hours": Finding(
        "number", "how long one attack lasts untreated or unsuccessfully treated, in hours; "
        "float('inf') for unremitting pain", allow_inf=True),
    "days_per_month": Finding("number", "average headache days per month", maximum=31),
    "months": Finding("number", "how many months the present pattern has lasted"),
    "age_years": Finding("number", "age in years (under 18: migraine may last 2-72 h)",
                         maximum=130),
    "unilateral": Finding("bool", "pain on one side of the head (False: both sides)"),
    "pulsating": Finding("bool", "pain throbs or pulsates"),
    "quality": Finding("choice", "main quality of the pain", _QUALITY),
    "intensity": Finding("choice", "usual pain intensity", _INTENSITY),
    "aggravated_by_activity": Finding(
        "bool", "worse with, or makes the person avoid, routine activity (walking, stairs)"),
    "nausea": Finding("choice", "worst nausea during the headache; graded (not True/False) "
                      "because chronic TTH allows mild nausea", ("none",) + _INTENSITY),
    "vomiting": Finding("bool", "vomiting during the headache"),
    "photophobia": Finding("bool", "light is unpleasant during the headache"),
    "phonophobia": Finding("bool", "sound is unpleasant during the headache"),
    "aura": Finding("bool", "reversible neurological symptoms come before or with the headache"),
    "aura_symptoms": Finding("choices", "kinds of aura symptom", _AURA_TYPES),
    "aura_fully_reversible": Finding("bool", "every aura symptom goes away completely"),
    "aura_spreads_over_5_min": Finding("bool", "an aura symptom spreads gradually over >= 5 min"),
    "aura_symptoms_in_succession": Finding("bool", "two or more aura symptoms come in succession"),
    "aura_duration_minutes": Finding(
        "numbers", "how long each aura symptom lasts, in minutes (one number, or one per symptom)"),
    "aura_unilateral": Finding("bool", "at least one aura symptom is one-sided (aphasia counts)"),
    "aura_positive": Finding("bool", "at least one aura symptom is positive (flicker, tingling)"),
    "headache_within_60_min_of_aura": Finding(
        "bool", "headache comes with the aura or within 60 min after it"),
    "paroxysmal": Finding("bool", "pain recurs in paroxysms lasting a few seconds to minutes"),
    "allodynia": Finding(
        "bool", "dysaesthesia or allodynia when the scalp or hair is touched lightly"),
    "nerve_tenderness": Finding(
        "bool", "tender occipital nerve branches, or trigger points at the GON exit or in C2"),
    "relieved_by_nerve_block": Finding(
        "bool", "a local anaesthetic block of the painful occipital nerve eased the pain"),
    "pain_in_occipital_nerve_distribution": Finding(
        "bool", "pain lies in the territory of the greater, lesser or third occipital nerve"),
    "pericranial_tenderness": Finding(
        "bool", "pericranial muscles are tender on manual palpation (TTH subtype)"),
    "cervical_lesion_evidence": Finding(
        "bool", "clinical or imaging evidence of a neck disorder able to cause headache"),
    "temporal_relation_to_cervical_disorder": Finding(
        "bool", "headache began in time with the neck disorder"),
    "improves_with_cervical_disorder": Finding(
        "bool", "headache improved or resolved in parallel with the neck disorder"),
    "reduced_neck_rom_and_provocation": Finding(
        "bool", "reduced neck range of motion, and provocative manoeuvres worsen the headache"),
    "abolished_by_cervical_block": Finding(
        "bool", "a diagnostic block of a neck structure or its nerve abolished the headache"),
}


def findings_vocabulary() -> pd.DataFrame:
    """FINDINGS as a table: key, type, allowed values and meaning."""
    rows = [{"key": k, "type": f.kind, "allowed": f.allowed, "meaning": f.meaning}
            for k, f in FINDINGS.items()]
    return pd.DataFrame(rows).set_index("key")


def _check_value(key: str, value: object) -> object:
    spec = FINDINGS[key]
    if spec.kind == "bool":
        if hasattr(value, "item") and not isinstance(value, (list, str)):
            value = value.item()  # numpy scalars
        if not isinstance(value, bool):
            raise ValueError(f"Finding {key!r} must be True or False, not {value!r}.")
        return value
    if spec.kind == "choice":
        return check_choice(value, spec.choices, f"value for finding {key!r}")
    if spec.kind == "choices":
        if isinstance(value, str) or not hasattr(value, "__iter__"):
            raise ValueError(f"Finding {key!r} must be a list of: {', '.join(spec.choices)}; "
                             f"got {value!r}.")
        return [check_choice(v, spec.choices, f"value in finding {key!r}") for v in value]
    if spec.kind == "numbers" and isinstance(value, (list, tuple)):
        if not value:
            raise ValueError(f"Finding {key!r} must not be an empty list.")
        return [_check_number(key, spec, v) for v in value]
    return _check_number(key, spec, value)


def _check_number(key: str, spec: Finding, value: object) -> float:
    whole = spec.kind == "int"
    if isinstance(value, bool) or not isinstance(value, Integral if whole else Real):
        # ValueError, not TypeError: every bad finding raises ValueError (kit convention).
        message = f"Finding {key!r} must be a {spec.allowed}; got {value!r}."
        raise ValueError(message)  # noqa: TRY004
    number = float(value)
    top = math.inf if spec.allow_inf else spec.maximum
    if math.isnan(number) or number < 0 or number > top or (
            math.isinf(number) and not spec.allow_inf):
        raise ValueError(f"Finding {key!r} must be a {spec.allowed}; got {value!r}.")
    return int(value) if whole else number


def validate_findings(findings: Mapping[str, object]) -> dict[str, object]:
    """Check keys and values against FINDINGS; return a clean dict without None values.

    Raises ValueError naming the bad key or value and the valid choices.
    """
    if not isinstance(findings, Mapping):
        kind = type(findings).__name__
        raise ValueError(f"findings must be a dict of FINDINGS keys, not {kind}.")  # noqa: TRY004
    clean = {}
    for key, value in findings.items():
        check_choice(key, FINDINGS, "finding")
        if value is not None:
            clean[key] = _check_value(key, value)
    if clean.get("quality") == "pulsating" and clean.get("pulsating") is False:
        raise ValueError("Findings contradict: quality='pulsating' but pulsating=False.")
    if clean.get("aura") is False and clean.get("aura_symptoms"):
        raise ValueError(f"Findings contradict: aura=False but aura_symptoms="
                         f"{clean['aura_symptoms']!r}.")
    return clean


# ----------------------------------------------------------------------------------------
# Data file
# ----------------------------------------------------------------------------------------

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
    for cond in CONDITIONS:
        info = raw["conditions"][cond]
        _refs(info, f"conditions.{cond}")
        _refs(info["thresholds"], f"conditions.{cond}.thresholds")
        ids = [c["id"] for c in info["criteria"]]
        if ids != list(_CHECKED_IDS[cond]) + [ids[-1]] or not info["criteria"][-1].get(
                "clinician_only"):
            raise ValueError(f"conditions.{cond}.criteria ids {ids} do not match the checker "
                             f"({list(_CHECKED_IDS[cond])} + a clinician-only last criterion)")
        for crit in info["criteria"]:
            _refs(crit, f"conditions.{cond}.criteria {crit['id']}")
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
    for section in ("tension_type_subtypes", "red_flags", "management", "vignettes"):
        for i, record in enumerate(raw[section]):
            _refs(record, f"{section}[{i}]")
    for vig in raw["vignettes"]:
        try:
            validate_findings(vig["findings"])
        except ValueError as exc:
            raise ValueError(f"vignette {vig['id']!r}: {exc}") from None
        if set(vig["expected"]) != set(CONDITIONS) or set(vig["reasoning"]) != set(CONDITIONS):
            raise ValueError(f"vignette {vig['id']!r} needs expected and reasoning for "
                             f"{list(CONDITIONS)}")
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
    return load_headaches()["conditions"][check_choice(condition, CONDITIONS, "condition")]


def thresholds(condition: str) -> dict:
    """The numbers and lists the checker uses for one condition (with their reference)."""
    return dict(_condition(condition)["thresholds"])


def criteria_table(condition: str) -> pd.DataFrame:
    """The paraphrased criteria of one condition: id, text, reference, note."""
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
    """Side-by-side features, one column per condition; duration rows are minutes (NaN: none
    given by ICHD-3). Occipital neuralgia's 1 s and 10 min are the kit's reading of 'a few
    seconds to minutes'; see ``comparison_notes()``."""
    return _table_frame(0)


def comparison_sources() -> pd.DataFrame:
    """Same shape as ``comparison_table()``: the reference keys behind each cell."""
    return _table_frame(1)


def comparison_notes() -> pd.DataFrame:
    """Same shape as ``comparison_table()``: how a cell was read or derived ('' if plain)."""
    return _table_frame(2)


def _records(section: str, columns: list[str]) -> pd.DataFrame:
    rows = [{**{c: r.get(c, "") for c in columns}, "reference": ", ".join(_refs(r, section))}
            for r in load_headaches()[section]]
    return pd.DataFrame(rows)


def tension_type_subtypes() -> pd.DataFrame:
    """2.1, 2.2 and 2.3 side by side; chronic TTH has no upper duration (inf)."""
    cols = ["code", "name", "days_per_month", "min_episodes", "history", "duration_min_minutes",
            "duration_max_minutes", "associated_symptoms", "note"]
    return _records("tension_type_subtypes", cols).set_index("code")


def red_flags() -> pd.DataFrame:
    """Headache red flags (after SNNOOP10) with the action each one calls for."""
    return _records("red_flags", ["flag", "look_for", "may_signal", "action", "note"])


def management_options() -> pd.DataFrame:
    """Management options for occipital neuralgia with an honest evidence note."""
    cols = ["option", "what_it_is", "who_it_is_for", "evidence_note", "note"]
    return _records("management", cols)


def vignettes() -> pd.DataFrame:
    """Case vignettes: story, findings, expected verdict per condition (True/False/None)."""
    rows = [{"id": v["id"], "title": v["title"], "story": v["story"],
             "findings": dict(v["findings"]),
             "expected": {c: VERDICTS[v["expected"][c]] for c in CONDITIONS},
             "reasoning": dict(v["reasoning"]), "reference": ", ".join(_refs(v, v["id"]))}
            for v in load_headaches()["vignettes"]]
    return pd.DataFrame(rows).set_index("id")


def reference_keys() -> list[tuple[str, str]]:
    """Every (record, reference key) pair in the data file, for checking the registry."""
    data, out = load_headaches(), []
    for cond in CONDITIONS:
        info = data["conditions"][cond]
        out += [(f"conditions.{cond}", k) for k in _refs(info, cond)]
        out += [(f"conditions.{cond}.thresholds", k) for k in _refs(info["thresholds"], cond)]
        out += [(f"conditions.{cond}.criteria.{c['id']}", k)
                for c in info["criteria"] for k in _refs(c, cond)]
    out += [(f"table.{row}.{cond}", k) for (row, cond), cell in data["_table"].items()
            for k in cell[1]]
    out += [("meta.exclusion", data["meta"]["exclusion_reference"])]
    for section in ("tension_type_subtypes", "red_flags", "management", "vignettes"):
        out += [(f"{section}[{i}]", k) for i, r in enumerate(data[section])
                for k in _refs(r, section)]
    return out


# ----------------------------------------------------------------------------------------
# Criteria checker
# ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    """One criterion as judged for a set of findings."""

    id: str
    text: str
    status: str  # 'met' | 'not met' | 'not assessed'
    reason: str
    clinician_only: bool = False


@dataclass(frozen=True)
class CriteriaResult:
    """The checker's verdict for one condition. Not a diagnosis."""

    condition: str
    name: str
    ichd3_code: str
    fulfilled: bool | None
    criteria: list[Criterion]
    subtype: str | None = None
    missing: tuple[str, ...] = ()
    disclaimer: str = field(default=DISCLAIMER)

    @property
    def verdict(self) -> str:
        """'fulfilled', 'not fulfilled' or 'undetermined'."""
        return {True: "fulfilled", False: "not fulfilled", None: "undetermined"}[self.fulfilled]

    def summary(self) -> str:
        """Verdict, each criterion with its reason, the clinician note and the disclaimer."""
        head = {True: "all criteria the checker can assess are MET",
                False: "NOT fulfilled (" + ", ".join(
                    c.id for c in self.criteria if c.status == "not met") + " not met)",
                None: "UNDETERMINED (missing: " + ", ".join(self.missing) + ")"}[self.fulfilled]
        lines = [f"{self.name} (ICHD-3 {self.ichd3_code}): {head}"]
        if self.subtype:
            lines.append(f"Subtype (frequency band used): {self.subtype}")
        for c in self.criteria:
            lines.append(f"  {c.id} [{c.status}] {c.text}")
            lines.append(f"      -> {c.reason}")
        clinician = [c.id for c in self.criteria if c.clinician_only]
        lines.append(f"Criterion {', '.join(clinician)} (no better explanation by another "
                     "ICHD-3 diagnosis) always needs a clinician and is not part of the verdict.")
        lines.append(self.disclaimer)
        return "\n".join(lines)

    __str__ = summary

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: text, status, reason."""
        rows = [{"id": c.id, "text": c.text, "status": c.status, "reason": c.reason}
                for c in self.criteria]
        return pd.DataFrame(rows).set_index("id")


@dataclass(frozen=True)
class _Check:
    text: str
    ok: bool | None
    missing: tuple[str, ...] = ()


def _has(f: dict, key: str, want: object = True, label: str = "") -> _Check:
    if key not in f:
        return _Check(f"{label or key}: {key} missing", None, (key,))
    return _Check(f"{label or key}: {key}={f[key]!r}", f[key] == want)


def _among(f: dict, key: str, options, label: str) -> _Check:
    if key not in f:
        return _Check(f"{label}: {key} missing", None, (key,))
    return _Check(f"{label}: {key}={f[key]!r} (needs {'/'.join(options)})", f[key] in options)


def _between(f: dict, key: str, low: float, high: float, label: str = "") -> _Check:
    if key not in f:
        return _Check(f"{label or key}: {key} missing", None, (key,))
    v = f[key]
    return _Check(f"{label or key}: {key}={v:g} (needs {low:g} to {high:g})", low <= v <= high)


def _custom(text: str, ok: bool | None, missing: tuple[str, ...] = ()) -> _Check:
    return _Check(text + (f": {', '.join(missing)} missing" if ok is None else ""), ok, missing)


def _judge(checks: list[_Check], need: int | None = None) -> tuple[bool | None, str, tuple]:
    """Kleene logic: at least ``need`` of the checks (all of them if need is None)."""
    need = len(checks) if need is None else need
    yes = sum(c.ok is True for c in checks)
    unknown = [c for c in checks if c.ok is None]
    ok = True if yes >= need else False if yes + len(unknown) < need else None
    mark = {True: "yes", False: "no", None: "?"}
    listed = "; ".join(f"{c.text} [{mark[c.ok]}]" for c in checks)
    scope = "all of" if need == len(checks) else f"at least {need} of {len(checks)}"
    reason = listed if len(checks) == 1 else f"needs {scope}, {yes} met: {listed}"
    missing = tuple(k for c in unknown for k in c.missing)
    return ok, reason, missing if ok is None else ()


def _on(f: dict, t: dict) -> dict:
    return {
        "A": _judge([_has(f, "pain_in_occipital_nerve_distribution", label="occipital territory")]),
        "B": _judge([_has(f, "paroxysmal", label="paroxysms of seconds to minutes"),
                     _among(f, "intensity", t["b_severe"], "severe"),
                     _among(f, "quality", t["b_qualities"], "shooting/stabbing/sharp")],
                    t["b_min_features"]),
        "C": _judge([_has(f, "allodynia", label="(1) dysaesthesia/allodynia"),
                     _has(f, "nerve_tenderness", label="(2) nerve tenderness/trigger points")]),
        "D": _judge([_has(f, "relieved_by_nerve_block", label="eased by anaesthetic block")]),
    }


def _pulsating(f: dict) -> bool | None:
    if "pulsating" in f:
        return f["pulsating"]
    return f["quality"] == "pulsating" if "quality" in f else None


def _migraine_duration(f: dict, t: dict) -> tuple:
    if "duration_hours" not in f:
        return _judge([_custom("duration", None, ("duration_hours",))])
    h, age = f["duration_hours"], f.get("age_years")
    low, kid_low, high = t["min_hours"], t["min_hours_under_18"], t["max_hours"]
    text = f"duration_hours={h:g} (needs {low:g} to {high:g}; {kid_low:g} to {high:g} if age < " \
           f"{t['adult_age_years']})"
    if low <= h <= high or not kid_low <= h <= high:
        return _judge([_custom(text, low <= h <= high)])
    if age is None:
        return _judge([_custom(text + " - meets B only under 18", None, ("age_years",))])
    return _judge([_custom(f"{text}, age_years={age:g}", age < t["adult_age_years"])])


def _migraine(f: dict, t: dict) -> dict:
    pulsating = _pulsating(f)
    nausea = _or(None if "nausea" not in f else f["nausea"] != "none", f.get("vomiting"))
    missing_nv = tuple(k for k in ("nausea", "vomiting") if k not in f)
    light_sound = _judge([_has(f, "photophobia"), _has(f, "phonophobia")])
    return {
        "A": _judge([_custom(f"attacks={f.get('attacks')} (needs >= {t['min_attacks']})",
                             f["attacks"] >= t["min_attacks"] if "attacks" in f else None,
                             ("attacks",))]),
        "B": _migraine_duration(f, t),
        "C": _judge([_has(f, "unilateral", label="one-sided"),
                     _custom("pulsating" if pulsating is None else f"pulsating={pulsating}",
                             pulsating, ("pulsating",)),
                     _among(f, "intensity", t["c_intensities"], "moderate or severe"),
                     _has(f, "aggravated_by_activity", label="worse with routine activity")],
                    t["c_min_features"]),
        "D": _judge([_custom(f"nausea and/or vomiting (nausea={f.get('nausea')!r}, "
                             f"vomiting={f.get('vomiting')!r})", nausea, missing_nv),
                     _custom("photophobia and phonophobia", light_sound[0], light_sound[2])], 1),
    }


def _aura_duration(f: dict, t: dict) -> _Check:
    if "aura_duration_minutes" not in f:
        return _custom("(3) each symptom 5-60 min", None, ("aura_duration_minutes",))
    values = f["aura_duration_minutes"]
    values = values if isinstance(values, list) else [values]
    motor = "motor" in f.get("aura_symptoms", [])
    high = t["motor_aura_max_minutes"] if motor else t["aura_max_minutes"]
    ok = all(t["aura_min_minutes"] <= v <= high for v in values)
    return _custom(f"(3) each symptom {t['aura_min_minutes']:g}-{high:g} min: "
                   f"aura_duration_minutes={values}", ok)


def _migraine_with_aura(f: dict, t: dict) -> dict:
    if f.get("aura") is False:
        b = _judge([_has(f, "aura", label="aura present")])
    else:
        kinds = f.get("aura_symptoms")
        b = _judge([_has(f, "aura", label="aura present"),
                    _custom(f"at least {t['b_min_symptoms']} aura symptom: aura_symptoms={kinds}",
                            None if kinds is None else len(kinds) >= t["b_min_symptoms"],
                            ("aura_symptoms",)),
                    _has(f, "aura_fully_reversible", label="fully reversible")])
    return {
        "A": _judge([_custom(f"attacks={f.get('attacks')} (needs >= {t['min_attacks']})",
                             f["attacks"] >= t["min_attacks"] if "attacks" in f else None,
                             ("attacks",))]),
        "B": b,
        "C": _judge([_has(f, "aura_spreads_over_5_min", label="(1) spreads over >= 5 min"),
                     _has(f, "aura_symptoms_in_succession", label="(2) in succession"),
                     _aura_duration(f, t),
                     _has(f, "aura_unilateral", label="(4) one-sided"),
                     _has(f, "aura_positive", label="(5) positive"),
                     _has(f, "headache_within_60_min_of_aura", label="(6) headache within 60 min")],
                    t["c_min_features"]),
    }


def _tth_band(f: dict, t: dict) -> str | None:
    if "days_per_month" not in f:
        return None
    d = f["days_per_month"]
    return ("infrequent" if d < t["infrequent_below_days"]
            else "chronic" if d >= t["chronic_from_days"] else "frequent")


def _tth_rules(f: dict, t: dict, band: str) -> dict:
    months = t["history_more_than_months"]
    checks = [] if band == "chronic" else [
        _custom(f"attacks={f.get('attacks')} (needs >= {t['min_episodes']})",
                f["attacks"] >= t["min_episodes"] if "attacks" in f else None, ("attacks",))]
    d = f["days_per_month"]
    band_text = {"infrequent": f"< {t['infrequent_below_days']:g}",
                 "frequent": f"{t['infrequent_below_days']:g} to < {t['chronic_from_days']:g}",
                 "chronic": f">= {t['chronic_from_days']:g}"}[band]
    checks.append(_custom(f"{band} band: days_per_month={d:g} ({band_text})", True))
    if band != "infrequent":
        checks.append(_custom(f"months={f.get('months')} (needs > {months:g})",
                              f["months"] > months if "months" in f else None, ("months",)))
    return {"A": _judge(checks), **_tth_bd(f, t, band)}


def _tth_bd(f: dict, t: dict, band: str) -> dict:
    low = t["min_minutes"] / 60
    high = math.inf if band == "chronic" else t["episodic_max_minutes"] / 60
    nausea = f.get("nausea")
    if band == "chronic":
        count = [f.get("photophobia"), f.get("phonophobia"),
                 None if nausea is None else nausea == "mild"]
        known = sum(v is True for v in count)
        ok = False if known > 1 else True if known + count.count(None) <= 1 else None
        miss = tuple(k for k, v in zip(("photophobia", "phonophobia", "nausea"), count)
                     if v is None)
        d = _judge([_custom("(1) at most one of photophobia, phonophobia, mild nausea", ok, miss),
                    _custom(f"(2) no moderate/severe nausea, no vomiting (nausea={nausea!r}, "
                            f"vomiting={f.get('vomiting')!r})",
                            _and(None if nausea is None else nausea in ("none", "mild"),
                                 _not(f.get("vomiting"))),
                            tuple(k for k in ("nausea", "vomiting") if k not in f))])
    else:
        d = _judge([_custom(f"(1) no nausea or vomiting (nausea={nausea!r}, "
                            f"vomiting={f.get('vomiting')!r})",
                            _and(None if nausea is None else nausea == "none",
                                 _not(f.get("vomiting"))),
                            tuple(k for k in ("nausea", "vomiting") if k not in f)),
                    _custom("(2) not both photophobia and phonophobia",
                            _not(_and(f.get("photophobia"), f.get("phonophobia"))),
                            tuple(k for k in ("photophobia", "phonophobia") if k not in f))])
    pulsating = _pulsating(f)
    quality = f.get("quality")
    pressing = None if quality is None else (quality in t["c_qualities"] and pulsating is not True)
    return {
        "B": _judge([_between(f, "duration_hours", low, high, f"{band} duration")]),
        "C": _judge([_has(f, "unilateral", False, "both sides"),
                     _custom(f"pressing/tightening, not pulsating: quality={quality!r}", pressing,
                             ("quality",)),
                     _among(f, "intensity", t["c_intensities"], "mild or moderate"),
                     _has(f, "aggravated_by_activity", False, "not worse with activity")],
                    t["c_min_features"]),
        "D": d,
    }


def _and(a: bool | None, b: bool | None) -> bool | None:
    return False if a is False or b is False else None if a is None or b is None else True


def _or(a: bool | None, b: bool | None) -> bool | None:
    return True if a is True or b is True else None if a is None or b is None else False


def _not(a: bool | None) -> bool | None:
    return None if a is None else not a


def _tension_type(f: dict, t: dict) -> dict:
    band = _tth_band(f, t)
    if band is not None:
        return _tth_rules(f, t, band)
    # Band unknown: A cannot be judged; B-D keep a status only if both rule sets agree.
    episodic, chronic = _tth_bd(f, t, "frequent"), _tth_bd(f, t, "chronic")
    out = {"A": _judge([_custom("frequency band", None, ("days_per_month",))])}
    for key in ("B", "C", "D"):
        same = episodic[key][0] == chronic[key][0]
        out[key] = episodic[key] if same else (
            None, "episodic and chronic rules differ here; " + episodic[key][1],
            ("days_per_month",))
    return out


def _cervicogenic(f: dict, t: dict) -> dict:
    c = _judge([_has(f, "temporal_relation_to_cervical_disorder", label="(1) onset in time"),
                _has(f, "improves_with_cervical_disorder", label="(2) improves in parallel"),
                _has(f, "reduced_neck_rom_and_provocation", label="(3) reduced ROM, provocation"),
                _has(f, "abolished_by_cervical_block", label="(4) abolished by cervical block")],
               t["c_min_features"])
    a = (c[0], "any headache fulfilling C: follows criterion C", c[2])
    return {"A": a, "B": _judge([_has(f, "cervical_lesion_evidence", label="neck disorder")]),
            "C": c}


_CHECKED_IDS = {
    "occipital_neuralgia": ("A", "B", "C", "D"),
    "migraine_without_aura": ("A", "B", "C", "D"),
    "migraine_with_aura": ("A", "B", "C"),
    "tension_type": ("A", "B", "C", "D"),
    "cervicogenic": ("A", "B", "C"),
}
_CLINICIAN_REASON = ("a clinician must judge this; the checker never assesses it, and it does "
                     "not change `fulfilled` (see meta.exclusion_note in headaches.toml)")
_RULES = {"occipital_neuralgia": _on, "migraine_without_aura": _migraine,
          "migraine_with_aura": _migraine_with_aura, "tension_type": _tension_type,
          "cervicogenic": _cervicogenic}


def _tth_subtype(f: dict, t: dict) -> str | None:
    band = _tth_band(f, t)
    if band is None:
        return None
    code = {"infrequent": "2.1", "frequent": "2.2", "chronic": "2.3"}[band]
    name = f"{band} episodic" if band != "chronic" else "chronic"
    if "pericranial_tenderness" not in f:
        return f"{code} {name} tension-type headache (pericranial tenderness not assessed)"
    tender = f["pericranial_tenderness"]
    return (f"{code}.{1 if tender else 2} {name} tension-type headache "
            f"{'with' if tender else 'without'} pericranial tenderness")


def check_criteria(condition: str, findings: Mapping[str, object]) -> CriteriaResult:
    """Check findings (keys from FINDINGS) against the ICHD-3 criteria of one condition.

    Returns a CriteriaResult; ``str(result)`` prints the verdict, each criterion and the
    disclaimer. Unknown keys, bad values or an unknown condition raise ValueError.
    """
    info = _condition(condition)
    f = validate_findings(findings)
    t = info["thresholds"]
    judged = _RULES[condition](f, t)
    criteria, missing = [], []
    for crit in info["criteria"]:
        if crit.get("clinician_only"):
            criteria.append(Criterion(crit["id"], crit["text"], "not assessed",
                                      _CLINICIAN_REASON, clinician_only=True))
            continue
        ok, reason, miss = judged[crit["id"]]
        missing += [k for k in miss if k not in missing]
        status = {True: "met", False: "not met", None: "not assessed"}[ok]
        criteria.append(Criterion(crit["id"], crit["text"], status, reason))
    statuses = [c.status for c in criteria if not c.clinician_only]
    fulfilled = (False if "not met" in statuses else None if "not assessed" in statuses
                 else True)
    subtype = _tth_subtype(f, t) if condition == "tension_type" else None
    return CriteriaResult(condition, info["name"], info["ichd3_code"], fulfilled, criteria,
                          subtype, tuple(missing) if fulfilled is None else ())


def check_all(findings: Mapping[str, object]) -> pd.DataFrame:
    """Verdict for every condition: fulfilled, verdict, subtype, unmet criteria, missing keys."""
    rows = []
    for cond in CONDITIONS:
        r = check_criteria(cond, findings)
        rows.append({"condition": cond, "ichd3_code": r.ichd3_code, "fulfilled": r.fulfilled,
                     "verdict": r.verdict, "subtype": r.subtype or "",
                     "not_met": ", ".join(c.id for c in r.criteria if c.status == "not met"),
                     "missing": ", ".join(r.missing)})
    return pd.DataFrame(rows).set_index("condition")
