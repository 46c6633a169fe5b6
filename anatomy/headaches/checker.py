"""The criteria checker: judge findings against one condition's ICHD-3 criteria."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from anatomy.conventions import DISCLAIMER, PRINT_WIDTH, check_choice
from anatomy.headaches.data import _condition
from anatomy.headaches.findings import ALL_CONDITIONS, CONDITIONS, validate_findings
from anatomy.headaches.rules import RULES, SUBTYPES

__all__ = ["CriteriaResult", "Criterion", "check_all", "check_criteria"]

# shown to students in every report: plain words, no file or field names (the rule is
# meta.exclusion_note in headaches.toml)
_CLINICIAN_REASON = ("only a clinician can judge this, so the checker never assesses it and "
                     "leaves it out of the verdict")


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
        """Verdict, each criterion with its reason, the clinician note and the disclaimer.

        Returns
        -------
        str
            Several lines of plain text (what ``str(result)`` prints), wrapped at
            ``PRINT_WIDTH`` characters.
        """
        head = {True: "all criteria the checker can assess are MET",
                False: "NOT fulfilled (" + ", ".join(
                    c.id for c in self.criteria if c.status == "not met") + " not met)",
                None: "UNDETERMINED (missing: " + ", ".join(self.missing) + ")"}[self.fulfilled]
        def fill(text: str, first: str = "", rest: str = "") -> str:
            return textwrap.fill(text, PRINT_WIDTH, initial_indent=first,
                                 subsequent_indent=rest, break_on_hyphens=False)

        lines = [fill(f"{self.name} (ICHD-3 {self.ichd3_code}): {head}", rest="  ")]
        if self.subtype:
            lines.append(fill(f"Subtype (frequency band used): {self.subtype}", rest="  "))
        for c in self.criteria:
            lines.append(fill(c.text, f"  {c.id} [{c.status}] ", "    "))
            lines.append(fill(c.reason, "      -> ", "         "))
        clinician = [c.id for c in self.criteria if c.clinician_only]
        lines.append(fill(f"Criterion {', '.join(clinician)} (no better explanation by "
                          "another ICHD-3 diagnosis) always needs a clinician and is not part "
                          "of the verdict."))
        lines.append(fill(self.disclaimer))
        return "\n".join(lines)

    __str__ = summary

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: text, status, reason.

        Returns
        -------
        pandas.DataFrame
            Indexed by criterion ``id``, with columns ``text``, ``status`` ("met", "not met"
            or "not assessed") and ``reason``.
        """
        rows = [{"id": c.id, "text": c.text, "status": c.status, "reason": c.reason}
                for c in self.criteria]
        return pd.DataFrame(rows).set_index("id")


def check_criteria(condition: str, findings: Mapping[str, object]) -> CriteriaResult:
    """Check findings (keys from FINDINGS) against the ICHD-3 criteria of one condition.

    Parameters
    ----------
    condition : str
        One of ALL_CONDITIONS: ``"occipital_neuralgia"``, ``"migraine_without_aura"``,
        ``"migraine_with_aura"``, ``"tension_type"``, ``"cervicogenic"``,
        ``"chronic_migraine"``, ``"primary_stabbing"`` or ``"neck_tongue"``.
    findings : Mapping[str, object]
        Patient findings keyed by FINDINGS names (see ``findings_vocabulary()``); a value
        of None, or a key left out, means "not asked".

    Returns
    -------
    CriteriaResult
        The verdict (``fulfilled`` True, False or None when undetermined), one Criterion
        per ICHD-3 criterion (met, not met or not assessed, with the reason), the subtype
        where the condition has one, and the missing finding keys when undetermined.
        ``str(result)`` prints the verdict, each criterion and the disclaimer.

    Raises
    ------
    ValueError
        If the condition is unknown, or a finding key or value is not valid (see
        ``validate_findings``).
    """
    info = _condition(condition)
    f = validate_findings(findings)
    t = info["thresholds"]
    judged = RULES[condition](f, t)
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
    subtype = SUBTYPES[condition](f, t) if condition in SUBTYPES else None
    return CriteriaResult(condition, info["name"], info["ichd3_code"], fulfilled, criteria,
                          subtype, tuple(missing) if fulfilled is None else ())


def check_all(findings: Mapping[str, object], conditions: str = "compared") -> pd.DataFrame:
    """Verdict for each condition: fulfilled, verdict, subtype, unmet criteria, missing keys.

    Parameters
    ----------
    findings : Mapping[str, object]
        Patient findings keyed by FINDINGS names, as for ``check_criteria``.
    conditions : {"compared", "all"}, default "compared"
        ``"compared"``: the five of the comparison table (CONDITIONS); ``"all"``: also
        chronic migraine, primary stabbing headache and neck-tongue syndrome.

    Returns
    -------
    pandas.DataFrame
        One row per condition (index ``condition``) with columns ``ichd3_code``,
        ``fulfilled`` (True/False/None), ``verdict``, ``subtype`` ('' if none),
        ``not_met`` (comma-separated criterion ids) and ``missing`` (finding keys).

    Raises
    ------
    ValueError
        If ``conditions`` is not a valid choice or a finding is not valid.
    """
    which = check_choice(conditions, ("compared", "all"), "conditions")
    rows = []
    for cond in CONDITIONS if which == "compared" else ALL_CONDITIONS:
        r = check_criteria(cond, findings)
        rows.append({"condition": cond, "ichd3_code": r.ichd3_code, "fulfilled": r.fulfilled,
                     "verdict": r.verdict, "subtype": r.subtype or "",
                     "not_met": ", ".join(c.id for c in r.criteria if c.status == "not met"),
                     "missing": ", ".join(r.missing)})
    return pd.DataFrame(rows).set_index("condition")
