"""The red-flag screen: which warning signs a set of findings shows, before any diagnosis.

Each red flag in ``headaches.toml`` names the findings that raise it: ``any`` (one of these
is enough), ``all`` (these together) and optionally ``min_age_years`` (which joins ``all``).
The screen uses the checker's three-valued logic: a flag is 'present', 'absent', or
'not asked' when a finding it needs is unknown.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd

from anatomy.conventions import PRINT_WIDTH
from anatomy.headaches.data import load_headaches
from anatomy.headaches.findings import validate_findings
from anatomy.headaches.logic import _and, _or

__all__ = ["FLAG_STATUS", "red_flag_screen", "screen_summary"]

FLAG_STATUS = {True: "present", False: "absent", None: "not asked"}


def _flag_state(flag: Mapping, f: Mapping) -> tuple[bool | None, list[str]]:
    """(state, unknown finding keys) for one red flag."""
    any_keys, all_keys = flag.get("any", []), flag.get("all", [])
    unknown = [k for k in any_keys + all_keys if k not in f]
    any_part = False
    for key in any_keys:
        any_part = _or(any_part, f.get(key))
    all_part: bool | None = bool(all_keys) or "min_age_years" in flag
    for key in all_keys:
        all_part = _and(all_part, f.get(key))
    if "min_age_years" in flag:
        age = f.get("age_years")
        if age is None:
            unknown.append("age_years")
        all_part = _and(all_part, None if age is None else age >= flag["min_age_years"])
    if not all_keys and "min_age_years" not in flag:
        all_part = False
    state = _or(any_part, all_part)
    return state, unknown if state is None else []


def red_flag_screen(findings: Mapping[str, object]) -> pd.DataFrame:
    """Screen findings for headache red flags (after SNNOOP10) before any primary diagnosis.

    Parameters
    ----------
    findings : mapping
        Keys from ``FINDINGS`` (the red-flag keys and ``age_years`` matter here); a key
        left out, or set to None, is 'not asked'.

    Returns
    -------
    pandas.DataFrame
        One row per red flag: ``flag``, ``status`` ('present', 'absent', 'not asked'),
        ``action``, ``may_signal``, ``unknown`` (findings still to ask) and ``reference``.
        Present flags come first. Bad keys or values raise ValueError.
    """
    f = validate_findings(findings)
    rows = []
    for flag in load_headaches()["red_flags"]:
        state, unknown = _flag_state(flag, f)
        keys = flag.get("references", [flag.get("reference")])
        rows.append({"flag": flag["flag"], "status": FLAG_STATUS[state],
                     "action": flag["action"], "may_signal": flag["may_signal"],
                     "unknown": ", ".join(unknown), "reference": ", ".join(keys)})
    order = {"present": 0, "not asked": 1, "absent": 2}
    frame = pd.DataFrame(rows)
    return frame.sort_values("status", key=lambda s: s.map(order), kind="stable").reset_index(
        drop=True)


def screen_summary(findings: Mapping[str, object]) -> str:
    """One sentence: the flags present (with actions), else whether the screen is complete.

    Parameters
    ----------
    findings : Mapping[str, object]
        Patient findings keyed by FINDINGS names, as for ``red_flag_screen``.

    Returns
    -------
    str
        "RED FLAG: ..." listing each flag present and its action; otherwise the flags not
        asked, or "No red flag found in the screen." when every flag was asked. Wrapped
        at ``PRINT_WIDTH`` characters for printing.
    """
    screen = red_flag_screen(findings)
    present = screen[screen["status"] == "present"]
    if len(present):
        items = "; ".join(f"{r.flag} ({r.action})" for r in present.itertuples())
        return textwrap.fill(f"RED FLAG: {items}. Look for a secondary cause before any "
                             "primary diagnosis; the checker's verdicts do not exclude one.",
                             PRINT_WIDTH)
    open_ = screen[screen["status"] == "not asked"]
    if len(open_):
        return textwrap.fill("No red flag found, but not asked: " + ", ".join(open_["flag"])
                             + ". Ask before relying on a primary diagnosis.", PRINT_WIDTH)
    return "No red flag found in the screen."
