"""Practice with the cases: a student writes a case's findings, then compares them.

``findings_template(case_id)`` is the blank a student fills in (the keys the case needs,
each value ``...``); ``compare_findings(mine, case_id)`` sets the student's values beside
the kit's, key by key. Turning a story into criteria is the clinical step the cases teach,
so the blank names the keys but never the values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from anatomy.conventions import check_choice
from anatomy.headaches.data import vignettes
from anatomy.headaches.findings import FINDINGS, validate_findings

__all__ = ["NOT_FILLED", "compare_findings", "findings_template"]

NOT_FILLED = "(not filled in)"


def _case(case_id: str) -> dict:
    cases = vignettes()
    check_choice(case_id, list(cases.index), "case")
    return dict(cases.at[case_id, "findings"])


def _literal(value: object) -> str:
    """Python source for a finding's value (``float('inf')`` for 'never stops')."""
    if isinstance(value, float) and math.isinf(value):
        return "float('inf')"
    return repr(value)


def _same(a: object, b: object) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return sorted(map(str, a)) == sorted(map(str, b))  # a choice list has no order
    return a == b


def findings_template(case_id: str, filled: bool = False) -> str:
    """Python source of a ``my_findings`` dict for a case, with a hint per key.

    Parameters
    ----------
    case_id : str
        A case of :func:`anatomy.headaches.vignettes`, e.g. ``"case_01"``.
    filled : bool
        False (the student's blank): every value is ``...``. True (the instructor's
        version): the kit's values.

    Returns
    -------
    str
        The source of one code cell.

    Raises
    ------
    ValueError
        If ``case_id`` is not a case; the message lists the cases.
    """
    kit = _case(case_id)
    keys = [k for k in FINDINGS if k in kit]  # vocabulary order
    width = max(len(repr(k)) for k in keys) + 1
    lines = ["my_findings = {"]
    for key in keys:
        value = _literal(kit[key]) if filled else "..."
        lines.append(f"    {repr(key) + ':':<{width}} {value},  # {FINDINGS[key].allowed}")
    return "\n".join(lines + ["}"])


def compare_findings(mine: Mapping[str, object], case_id: str) -> pd.DataFrame:
    """The student's findings for a case beside the kit's, one row per key.

    Parameters
    ----------
    mine : mapping
        Finding keys (see :func:`anatomy.headaches.findings_vocabulary`) to values; a value
        left as ``...`` counts as not filled in.
    case_id : str
        A case of :func:`anatomy.headaches.vignettes`.

    Returns
    -------
    pandas.DataFrame
        Indexed by finding key, with columns ``yours``, ``kit`` and ``agree`` (True, False,
        or None where a value is not filled in). Keys only one side gives are included.

    Raises
    ------
    ValueError
        If ``case_id`` is not a case, or a key or value of ``mine`` is not in the
        vocabulary; the message names it and the valid choices.
    """
    kit = _case(case_id)
    if not isinstance(mine, Mapping):
        raise ValueError(f"mine must be a dict of finding keys, not {type(mine).__name__}.")
    filled = validate_findings({k: v for k, v in mine.items() if v is not Ellipsis})
    for key in mine:
        check_choice(key, FINDINGS, "finding")
    rows = []
    for key in [k for k in FINDINGS if k in kit or k in mine]:
        yours = filled.get(key, NOT_FILLED if key in mine else None)
        theirs = kit.get(key)
        agree = None if yours == NOT_FILLED else _same(yours, theirs)
        rows.append({"key": key, "yours": yours, "kit": theirs, "agree": agree})
    return pd.DataFrame(rows).set_index("key")
