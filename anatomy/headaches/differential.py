"""The differential diagnosis of occipital pain (``anatomy/data/differential.toml``).

Each entry names a condition that can present as pain at the back of the head, its ICHD-3
code, how urgent it is, the features that separate it from occipital neuralgia and its
sources. Where the criteria checker can test the condition, ``checker`` names it.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

import pandas as pd

from anatomy.conventions import DATA_DIR, check_choice
from anatomy.headaches.findings import ALL_CONDITIONS
from anatomy.references import check_keys

__all__ = ["DIFFERENTIAL_FILE", "GROUPS", "URGENCIES", "differential"]

DIFFERENTIAL_FILE = DATA_DIR / "differential.toml"
GROUPS = ("primary", "neuralgia", "secondary", "musculoskeletal")
URGENCIES = ("emergency care", "urgent review", "routine")
_FIELDS = ("id", "name", "ichd3_code", "group", "urgency", "separating", "references")


@lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    try:
        raw = tomllib.loads(DIFFERENTIAL_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{DIFFERENTIAL_FILE} is not valid TOML: {exc}") from exc
    entries = raw.get("entries", [])
    seen = set()
    for i, e in enumerate(entries):
        where = f"{DIFFERENTIAL_FILE.name} entries[{i}]"
        missing = [f for f in _FIELDS if not e.get(f)]
        if missing:
            raise ValueError(f"{where} ({e.get('id', '?')}) lacks {missing}")
        if e["id"] in seen:
            raise ValueError(f"{where}: duplicate id {e['id']!r}")
        seen.add(e["id"])
        check_choice(e["group"], GROUPS, f"group in {where}")
        check_choice(e["urgency"], URGENCIES, f"urgency in {where}")
        if "checker" in e:
            check_choice(e["checker"], ALL_CONDITIONS, f"checker in {where}")
        check_keys(e["references"], where)
    return tuple(entries)


def differential(group: str | None = None) -> pd.DataFrame:
    """The differential diagnosis of occipital pain, one row per condition.

    Parameters
    ----------
    group : str, optional
        Keep one group only: 'primary', 'neuralgia', 'secondary' or 'musculoskeletal'.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id``; columns ``name``, ``ichd3_code``, ``group``, ``urgency``,
        ``separating``, ``checker`` ('' if the checker cannot test it), ``reference`` and
        ``note``. A bad group raises ValueError naming the valid choices.
    """
    rows = [{"id": e["id"], "name": e["name"], "ichd3_code": e["ichd3_code"],
             "group": e["group"], "urgency": e["urgency"], "separating": e["separating"],
             "checker": e.get("checker", ""), "reference": ", ".join(e["references"]),
             "note": e.get("note", "")} for e in _entries()]
    frame = pd.DataFrame(rows).set_index("id")
    if group is not None:
        frame = frame[frame["group"] == check_choice(group, GROUPS, "group")]
    return frame
