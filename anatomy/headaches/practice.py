"""Practice with the cases: a student writes a case's findings, then compares them.

``findings_template(case_id)`` is the blank a student fills in (the keys the case needs,
each value ``...``, and the keys the kit leaves unknown on purpose, so that the blank does
not hint at which are left open); ``compare_findings(mine, case_id)`` sets the student's
values beside the kit's, key by key, and says why a finding is left unknown. Turning a
story into criteria is the clinical step the cases teach, so the blank names the keys but
never the values.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd

from anatomy.conventions import PRINT_WIDTH, check_choice
from anatomy.headaches.data import vignettes
from anatomy.headaches.findings import FINDINGS, validate_findings

__all__ = ["AGE_TOLERANCE_YEARS", "COMPARE_STATUSES", "LEFT_UNKNOWN", "NOT_FILLED",
           "RELATIVE_TOLERANCE", "TO_READ_AGAIN",
           "compare_findings", "comparison_summary", "findings_template"]

NOT_FILLED = "(not filled in)"
# Numbers a student reads or estimates from a story agree with the kit's within this share
# of the kit's value (a range 'four to six hours' is stored as its middle, 5 h).
RELATIVE_TOLERANCE = 0.25
AGE_TOLERANCE_YEARS = 0.5  # ages are stated in whole years: they must match
COMPARE_STATUSES = ("agree", "differ", "not filled in", "not in the kit's findings",
                    "left unknown by the kit", "left open, as the kit")
# the statuses a student reads again: a value that differs, a key the case does not use,
# or a value given for a finding the kit leaves unknown on purpose
TO_READ_AGAIN = ("differ", "not in the kit's findings", "left unknown by the kit")
LEFT_UNKNOWN = "(left unknown)"  # the kit's column for a finding it leaves unknown
_HELP_WIDTH = PRINT_WIDTH  # a code cell at 1024 px (side panel open) shows ~75


def _case(case_id: str) -> tuple[dict, dict]:
    """A case's findings, and finding key -> why the kit leaves it unknown."""
    cases = vignettes()
    check_choice(case_id, list(cases.index), "case")
    return dict(cases.at[case_id, "findings"]), dict(cases.at[case_id, "unknown"])


def _literal(value: object) -> str:
    """Python source for a finding's value (``float('inf')`` for 'never stops')."""
    if isinstance(value, float) and math.isinf(value):
        return "float('inf')"
    return repr(value)


def _close(key: str, a: float, b: float) -> bool:
    """Whether a student's number ``a`` agrees with the kit's ``b`` for finding ``key``."""
    if math.isinf(a) or math.isinf(b):
        return a == b
    if key == "age_years":
        return abs(a - b) <= AGE_TOLERANCE_YEARS
    return abs(a - b) <= RELATIVE_TOLERANCE * abs(b) + 1e-9


def _same(key: str, a: object, b: object) -> bool:
    kind = FINDINGS[key].kind
    if kind == "choices":
        return sorted(map(str, a)) == sorted(map(str, b))  # a choice list has no order
    if kind in ("int", "number", "numbers"):
        mine = sorted(a) if isinstance(a, list) else [a]
        kits = sorted(b) if isinstance(b, list) else [b]
        return len(mine) == len(kits) and all(
            _close(key, float(x), float(y)) for x, y in zip(mine, kits, strict=True))
    return a == b  # True/False and single choices: exact


def findings_template(case_id: str, filled: bool = False, among=None) -> str:
    """Python source of a ``my_findings`` dict for a case, with a hint per key.

    Each key's comment gives its allowed values (on a line above when they are long); a
    number key also gets a comment above it that says what to count, e.g. ``attacks`` is
    every attack so far. Lines stay within 72 characters.

    Parameters
    ----------
    case_id : str
        A case of :func:`anatomy.headaches.vignettes`, e.g. ``"case_01"``.
    filled : bool
        False (the student's blank): every value is ``...``. True (the instructor's
        version): the kit's values; a key the kit leaves unknown stays ``...`` under a
        comment that says why, and a key of another case stays ``...`` too.
    among : sequence of str, optional
        Cases worked together (a notebook's): every blank lists the keys of them all, so
        that the keys themselves do not hint at the diagnosis (only case 3's had
        ``pericranial_tenderness``, and tension-type was its answer: review 37). A key the
        story does not answer is left ``...``; ``compare_findings`` passes over it.

    Returns
    -------
    str
        The source of one code cell.

    Raises
    ------
    ValueError
        If ``case_id`` is not a case; the message lists the cases.
    """
    kit, unknown = _case(case_id)
    listed = set(kit) | set(unknown)
    for other in among or ():
        listed |= set().union(*_case(other))
    lines = ["my_findings = {"]
    for key in [k for k in FINDINGS if k in listed]:  # vocabulary order
        spec = FINDINGS[key]
        value = _literal(kit[key]) if filled and key in kit else "..."
        entry, help_ = f"    {key!r}: {value},", None
        if filled and key in unknown:  # the instructor's copy says why it stays open
            help_ = f"{key}: the kit leaves it unknown. {unknown[key]}"
        elif filled and key not in kit:  # another case's key
            help_ = f"{key}: this story does not say."
        elif spec.kind in ("int", "number", "numbers"):  # what to count, and in which unit
            help_ = f"{key} ({spec.allowed}): {spec.meaning}"
        elif len(f"{entry}  # {spec.allowed}") <= _HELP_WIDTH:
            entry += f"  # {spec.allowed}"
        else:  # a long list of choices gets its own line: the cell needs no scrolling
            help_ = f"{key}: {spec.allowed}"
        if help_:
            lines += textwrap.wrap(help_, _HELP_WIDTH, initial_indent="    # ",
                                   subsequent_indent="    #   ")
        lines.append(entry)
    return "\n".join(lines + ["}"])


def compare_findings(mine: Mapping[str, object], case_id: str) -> pd.DataFrame:
    """The student's findings for a case beside the kit's, one row per key.

    How values are compared:

    - a value left as ``...`` (Ellipsis) is *not filled in*; it is neither agreement nor
      disagreement (``agree`` is None), except for a finding the kit leaves unknown on
      purpose (``kit`` is ``LEFT_UNKNOWN``): left open, it agrees (status ``"left open,
      as the kit"``); filled in, its status is ``"left unknown by the kit"``, ``agree`` is
      None and ``note`` says why;
    - True/False and single choices must be equal; a list of choices in any order;
    - ``age_years`` within ``AGE_TOLERANCE_YEARS`` (0.5 years);
    - every other number (``attacks``, ``duration_hours``, ``days_per_month``,
      ``months``, aura minutes...) within ``RELATIVE_TOLERANCE`` (25%) of the kit's
      value. Stories give rates ('about 3 a week for a year'), so a count that was
      estimated another way (3 x 4 x 12 = 144 instead of 3 x 52 = 156) still agrees.
      ``float('inf')`` agrees only with ``float('inf')``.

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
        Indexed by finding key, with columns ``yours``, ``kit``, ``agree`` (True, False,
        or None where a value is not filled in, or filled in where the kit leaves it
        unknown), ``status``
        (one of ``COMPARE_STATUSES``) and ``note`` (why the kit leaves a finding unknown,
        else empty). Keys only one side gives are included.

    Raises
    ------
    ValueError
        If ``case_id`` is not a case, or a key or value of ``mine`` is not in the
        vocabulary; the message names it and the valid choices.
    """
    kit, unknown = _case(case_id)
    if not isinstance(mine, Mapping):
        raise ValueError(f"mine must be a dict of finding keys, not {type(mine).__name__}.")
    # keys left as ... are checked too; like None, they count as not filled in
    filled = validate_findings({k: None if v is Ellipsis else v for k, v in mine.items()})
    rows = []
    # a key of the blank that neither the kit nor the student answers (another case's, in
    # a blank shared by several: findings_template's ``among``) is passed over
    for key in [k for k in FINDINGS if k in kit or k in filled or k in unknown]:
        theirs = kit.get(key)
        if key in unknown:  # left open on purpose: leaving it open agrees with the kit
            yours, theirs = filled.get(key, NOT_FILLED), LEFT_UNKNOWN
            agree, status = (True, "left open, as the kit") if key not in filled else (
                None, "left unknown by the kit")
        elif key not in filled:
            yours, agree, status = NOT_FILLED, None, "not filled in"
        elif theirs is None:
            yours, agree, status = filled[key], False, "not in the kit's findings"
        else:
            yours = filled[key]
            agree = _same(key, yours, theirs)
            status = "agree" if agree else "differ"
        rows.append({"key": key, "yours": yours, "kit": theirs, "agree": agree,
                     "status": status, "note": unknown.get(key, "")})
    return pd.DataFrame(rows).set_index("key")


def comparison_summary(check: pd.DataFrame) -> str:
    """One line counting a :func:`compare_findings` table by status.

    Parameters
    ----------
    check : pandas.DataFrame
        The table :func:`compare_findings` returned.

    Returns
    -------
    str
        E.g. ``"20 of 38 findings agree with the kit's; 2 differ; 16 not filled in."``
    """
    counts = check["status"].value_counts()
    parts = [f"{counts.get(s, 0)} {s}" for s in COMPARE_STATUSES[1:] if counts.get(s, 0)]
    head = f"{counts.get('agree', 0)} of {len(check)} findings agree with the kit's"
    return head + ("; " + "; ".join(parts) if parts else "") + "."
