"""ICHD-3 based comparison of occipital neuralgia, migraine, tension-type and cervicogenic
headache, a teaching checker of the diagnostic criteria (also chronic migraine 1.3,
primary stabbing headache 4.7 and neck-tongue syndrome 13.5), a red-flag screen and the
differential diagnosis of occipital pain.

Modules: ``findings`` (vocabulary), ``data`` (the TOML file and its tables), ``rules`` and
``logic`` (the criteria), ``checker`` (results), ``screen`` (red flags), ``differential``.

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

from anatomy.headaches import data
from anatomy.headaches.checker import CriteriaResult, Criterion, check_all, check_criteria
from anatomy.headaches.data import (
    ANSWER_COLUMNS,
    HEADACHES_FILE,
    block_technique,
    comparison_notes,
    comparison_sources,
    comparison_table,
    criteria_table,
    feature_matrix,
    load_headaches,
    management_options,
    physiotherapy,
    red_flags,
    reference_keys,
    tension_type_subtypes,
    thresholds,
    vignettes,
)
from anatomy.headaches.differential import differential
from anatomy.headaches.findings import (
    ALL_CONDITIONS,
    CONDITIONS,
    EXTRA_CONDITIONS,
    FINDINGS,
    STATUSES,
    VERDICTS,
    Finding,
    findings_vocabulary,
    validate_findings,
)
from anatomy.headaches.practice import (
    TO_READ_AGAIN,
    compare_findings,
    comparison_summary,
    findings_template,
)
from anatomy.headaches.screen import red_flag_screen, screen_summary

__all__ = [
    "feature_matrix",
    "ALL_CONDITIONS", "ANSWER_COLUMNS", "CONDITIONS", "EXTRA_CONDITIONS", "FINDINGS",
    "HEADACHES_FILE",
    "STATUSES", "TO_READ_AGAIN", "VERDICTS", "CriteriaResult", "Criterion", "Finding",
    "block_technique",
    "check_all", "compare_findings", "comparison_summary", "findings_template",
    "check_criteria", "comparison_notes", "comparison_sources", "comparison_table",
    "criteria_table", "data", "differential", "findings_vocabulary", "load_headaches",
    "management_options", "physiotherapy",
    "red_flag_screen", "red_flags", "reference_keys", "screen_summary",
    "tension_type_subtypes", "thresholds", "validate_findings", "vignettes",
]
