"""The findings vocabulary of the criteria checker: keys, types, allowed values, checks."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral, Real

import pandas as pd

from anatomy.conventions import check_choice, close_match_hint

__all__ = [
    "ALL_CONDITIONS", "CONDITIONS", "EXTRA_CONDITIONS", "FINDINGS", "Finding", "STATUSES",
    "VERDICTS", "findings_vocabulary", "validate_findings",
]

CONDITIONS = ("occipital_neuralgia", "migraine_without_aura", "migraine_with_aura",
              "tension_type", "cervicogenic")
# Conditions the checker knows beyond the five compared side by side in the table.
EXTRA_CONDITIONS = ("chronic_migraine", "primary_stabbing", "neck_tongue")
ALL_CONDITIONS = CONDITIONS + EXTRA_CONDITIONS
STATUSES = ("met", "not met", "not assessed")
VERDICTS = {"fulfilled": True, "not fulfilled": False, "undetermined": None}


@dataclass(frozen=True)
class Finding:
    """One key of the findings vocabulary: its type, allowed values and meaning."""

    kind: str  # 'bool' | 'int' | 'number' | 'numbers' | 'choice' | 'choices'
    meaning: str
    choices: tuple[str, ...] = ()
    maximum: float = math.inf
    allow_inf: bool = False
    # everyday words for a choice: not accepted, but the error names the choice meant
    words: tuple[tuple[str, str], ...] = ()

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
# what a patient or a student says for a quality the criteria name otherwise: 'throbbing'
# was offered 'stabbing, shooting, tightening', occipital neuralgia's words (review 37)
_QUALITY_WORDS = (("throbbing", "pulsating"), ("pounding", "pulsating"),
                  ("squeezing", "tightening"), ("band-like", "tightening"))
_AURA_TYPES = ("visual", "sensory", "speech", "motor", "brainstem", "retinal")

FINDINGS: dict[str, Finding] = {
    "attacks": Finding(
        "int", "every attack (episode) of this headache so far: attacks a day, week or "
        "month times how long the pattern has lasted (3 a week for a year = 3 x 52 = 156)"),
    "duration_hours": Finding(
        "number", "how long one attack lasts untreated or unsuccessfully treated, in hours "
        "(10 seconds = 10 / 3600); float('inf') for unremitting pain", allow_inf=True),
    "days_per_month": Finding(
        "number", "average headache days per month (3 a week = 3 x 52 / 12 = 13)", maximum=31),
    "months": Finding("number", "how many months the present pattern has lasted (a year = 12)"),
    "age_years": Finding("number", "age in years (under 18: migraine may last 2-72 h)",
                         maximum=130),
    "unilateral": Finding(
        "bool", "an attack's pain is on one side of the head (the side may change between "
        "attacks); False: not one-sided (both sides, or a moving spot: pain_site_varies)"),
    "pulsating": Finding("bool", "pain throbs or pulsates"),
    "quality": Finding("choice", "main quality of the pain", _QUALITY, words=_QUALITY_WORDS),
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
    # chronic migraine (1.3), primary stabbing headache (4.7), neck-tongue syndrome (13.5)
    "migraine_days_per_month": Finding(
        "number", "headache days a month that have migraine features (1.1 C and D, 1.2 B and "
        "C, or felt as migraine and relieved by a triptan or ergot)", maximum=31),
    "past_migraine_attacks": Finding(
        "int", "attacks so far that met migraine criteria (1.1 B-D or 1.2 B-C)"),
    "spontaneous_stabs": Finding(
        "bool", "the pain comes on its own as a single stab or a series of stabs"),
    "irregular_frequency": Finding(
        "bool", "stabs recur irregularly, from one to many a day"),
    "pain_site_varies": Finding(
        "bool", "each pain is a small spot that moves about the head, so neither one side "
        "nor both sides at once (optional; True: tension-type 'both sides' is not met)"),
    "cranial_autonomic_symptoms": Finding(
        "bool", "a red or watering eye, runny or blocked nose, or drooping eyelid on the "
        "painful side during attacks"),
    "occipital_or_upper_neck_pain": Finding(
        "bool", "the pain lies in the upper neck and/or the back of the head"),
    "tongue_symptoms": Finding(
        "bool", "abnormal feeling or position of the tongue on the painful side during attacks"),
    "triggered_by_neck_turn": Finding(
        "bool", "attacks are set off by turning the neck suddenly"),
    # red-flag screen (see red_flag_screen); True = present, False = asked and absent
    "thunderclap_onset": Finding("bool", "severe headache that peaked within about a minute"),
    "neurological_deficit": Finding(
        "bool", "weakness, numbness, speech or vision loss, double vision, confusion"),
    "abnormal_pupils": Finding(
        "bool", "new unequal pupils, or a pupil that reacts poorly to light"),
    "horner_syndrome": Finding(
        "bool", "small pupil with a drooping upper eyelid on one side (Horner's syndrome)"),
    "fever_or_neck_stiffness": Finding("bool", "fever, stiff neck or rash with the headache"),
    "red_eye": Finding("bool", "painful red eye, blurred vision or haloes"),
    "papilloedema": Finding("bool", "swollen optic discs on fundoscopy"),
    "head_or_neck_trauma": Finding(
        "bool", "the headache began after a blow, fall or other injury to the head or neck"),
    "new_headache": Finding(
        "bool", "a new kind of headache that no clinician has yet worked up: true at the "
        "first visit for it, even months after it began; false once it has been worked up "
        "and has stayed the same since"),
    "new_neck_pain": Finding(
        "bool", "new, unusual neck pain of recent onset with the headache, judged at the "
        "visit being screened"),
    "pattern_change": Finding(
        "bool", "a known headache has changed character or worsens steadily"),
    "positional_or_valsalva": Finding(
        "bool", "worse lying down or upright, or set off by cough, sneeze, strain or exercise"),
    "immunosuppression_or_cancer": Finding("bool", "HIV, immunosuppressant drugs or cancer"),
    "pregnancy_or_postpartum": Finding("bool", "pregnant or recently gave birth"),
    "systemic_symptoms": Finding("bool", "weight loss, night sweats or other systemic illness"),
    "medication_overuse_or_new_drug": Finding(
        "bool", "acute headache drugs on many days a month, or a drug started at onset"),
}


def findings_vocabulary() -> pd.DataFrame:
    """FINDINGS as a table: key, type, allowed values and meaning.

    Returns
    -------
    pandas.DataFrame
        One row per finding key (index ``key``) with columns ``type``, ``allowed`` and
        ``meaning``.
    """
    rows = [{"key": k, "type": f.kind, "allowed": f.allowed, "meaning": f.meaning}
            for k, f in FINDINGS.items()]
    return pd.DataFrame(rows).set_index("key")


def _check_value(key: str, value: object) -> object:
    spec = FINDINGS[key]
    if value is Ellipsis:  # a findings template's blank
        raise ValueError(f"Finding {key!r} is not filled in (still ...): give {spec.allowed}, "
                         "or None if it was not asked.")
    words = dict(spec.words)
    said = (difflib.get_close_matches(value.lower(), words, n=1, cutoff=0.85)
            if isinstance(value, str) else [])   # 'Throbbing', 'throbing'
    if said:
        meant = words[said[0]]
        raise ValueError(f"Unknown {key.replace('_', ' ')} value {value!r}. Did you mean "
                         f"{meant!r} (the criteria's word for {said[0]})? Valid choices: "
                         f"{', '.join(spec.choices)}.")
    if spec.kind == "bool":
        if hasattr(value, "item") and not isinstance(value, (list, str)):
            value = value.item()  # numpy scalars
        if not isinstance(value, bool):
            raise ValueError(f"Finding {key!r} must be True or False, not {value!r}.")
        return value
    if spec.kind == "choice":
        return check_choice(value, spec.choices, f"{key.replace('_', ' ')} value")
    if spec.kind == "choices":
        if isinstance(value, str) or not hasattr(value, "__iter__"):
            raise ValueError(f"Finding {key!r} must be a list of: {', '.join(spec.choices)}; "
                             f"got {value!r}.")
        return [check_choice(v, spec.choices, f"{key.replace('_', ' ')} value") for v in value]
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


_VOCABULARY_HINT = "headaches.findings_vocabulary() says what each one means."


def _raise_all(problems: list[str], unknown: list[object]) -> None:
    """Raise one ValueError for every bad finding at once: a student who filled in a
    whole case fixes them all in one pass. One problem keeps its own message."""
    if len(problems) + len(unknown) == 1 and unknown:
        raise ValueError(f"Unknown finding {unknown[0]!r}."
                         f"{close_match_hint(unknown[0], FINDINGS)} Valid choices: "
                         f"{', '.join(FINDINGS)}. {_VOCABULARY_HINT}")
    if len(problems) + len(unknown) == 1:
        raise ValueError(problems[0])
    if not (problems or unknown):
        return
    for key in unknown:
        problems.append(f"Unknown finding {key!r}.{close_match_hint(key, FINDINGS)}")
    listed = f"\nValid findings: {', '.join(FINDINGS)}. {_VOCABULARY_HINT}" if unknown else ""
    raise ValueError(f"{len(problems)} findings are not valid; fix them all, then run "
                     "again:\n- " + "\n- ".join(problems) + listed)


def validate_findings(findings: Mapping[str, object]) -> dict[str, object]:
    """Check keys and values against FINDINGS; return a clean dict without None values.

    Parameters
    ----------
    findings : Mapping[str, object]
        Finding key -> value; keys must be in FINDINGS, None means "not asked".

    Returns
    -------
    dict[str, object]
        The findings with None values dropped and each value checked (and normalised)
        against its FINDINGS entry.

    Raises
    ------
    ValueError
        If ``findings`` is not a mapping, keys or values are not valid (one message names
        every bad one and the valid choices), or two findings contradict each other (e.g.
        ``aura=False`` with aura symptoms, more migraine days than headache days).
    """
    if not isinstance(findings, Mapping):
        kind = type(findings).__name__
        raise ValueError(f"findings must be a dict of FINDINGS keys, not {kind}.")  # noqa: TRY004
    clean, problems, unknown = {}, [], []
    for key, value in findings.items():  # every bad key and value, not just the first
        if not (isinstance(key, str) and key in FINDINGS):
            unknown.append(key)
        elif value is not None:
            try:
                clean[key] = _check_value(key, value)
            except ValueError as err:
                problems.append(str(err))
    _raise_all(problems, unknown)
    if clean.get("quality") == "pulsating" and clean.get("pulsating") is False:
        raise ValueError("Findings contradict: quality='pulsating' but pulsating=False.")
    if clean.get("aura") is False and clean.get("aura_symptoms"):
        raise ValueError(f"Findings contradict: aura=False but aura_symptoms="
                         f"{clean['aura_symptoms']!r}.")
    if clean.get("aura") is True and clean.get("aura_symptoms") == []:
        raise ValueError("Findings contradict: aura=True but aura_symptoms=[] (no aura "
                         f"symptom). Name the symptoms, from {', '.join(_AURA_TYPES)}, or "
                         "leave aura_symptoms out if they were not asked.")
    migraine_days, days = clean.get("migraine_days_per_month"), clean.get("days_per_month")
    if migraine_days is not None and days is not None and migraine_days > days:
        raise ValueError(f"Findings contradict: migraine_days_per_month={migraine_days:g} is "
                         f"more than days_per_month={days:g}; days with migraine features "
                         "are counted among the headache days, so they cannot be more.")
    return clean

