"""Cells every notebook shares: title block, set-up, disclaimer, references."""

from __future__ import annotations

import html

from anatomy.conventions import DISCLAIMER
from anatomy.references import bibliography, get_reference
from anatomy.references import cite as _cite
from tools.nbtools import code, md

NOTEBOOKS = [
    ("00_start_here.ipynb", "Start here: the kit, the head model and how to use it"),
    ("01_occipital_nerves.ipynb", "The occipital nerves from C1-C2 to the vertex"),
    ("02_pain_referral_hot_spots.ipynb", "Pain-referral hot spots and cutaneous territories"),
    ("03_headache_comparison.ipynb", "Occipital neuralgia, migraine and tension-type headache"),
    ("04_diagnosis_and_management.ipynb", "Diagnosis, management and red flags"),
    ("05_differential_diagnosis.ipynb", "The differential diagnosis of occipital pain"),
]


def cite(*keys: str) -> str:
    """Citation marker(s) for notebook text, each linked to the notebook's reference list.

    ``cite("kim2018")`` gives ``[Kim et al. 2018](#ref-kim2018)``; the target is the anchor
    that :func:`footer` puts on each entry, so every key cited in a notebook must also be
    in the ``reference_keys`` given to its footer (tests/test_notebooks_static.py checks).
    """
    return _cite(*keys, link=True)


def cite_html(*keys: str) -> str:
    """As :func:`cite`, but as HTML links, for text inside a raw HTML block (where
    Markdown is not rendered), e.g. ``<a href="#ref-do2019">Do et al. 2019</a>``."""
    refs = [get_reference(k) for k in keys]
    return "; ".join(f'<a href="#{r.anchor}">{html.escape(r.short)}</a>' for r in refs)


def header(title: str, overview: str, objectives: list[str], minutes: int,
           prerequisites: list[tuple[str, str, str]]):
    """H1 title, overview, objectives, time to learn, prerequisites table, disclaimer."""
    rows = "\n".join(f"| {c} | {imp} | {note} |" for c, imp, note in prerequisites)
    objs = "\n".join(f"{k}. {o}" for k, o in enumerate(objectives, 1))
    return [
        md(f"# {title}\n\n{overview.strip()}\n\n> **Educational use only.** {DISCLAIMER}",
           slide="slide"),
        md(f"## Overview\n\nBy the end of this notebook you will be able to:\n\n{objs}\n\n"
           f"**Time to learn:** about {minutes} minutes. Abbreviations are explained in the "
           "[glossary](../docs/glossary.md).", slide="subslide"),
        md("## Prerequisites\n\n| Concept | Importance | Notes |\n|---|---|---|\n" + rows,
           slide="subslide"),
    ]


def setup_cell(extra_imports: str = ""):
    src = ("# Set-up: the kit's package; figures are drawn by anatomy.viz.\n"
           "import anatomy\n" + extra_imports.strip() + "\n"
           "head = anatomy.load_head()")
    return code(src, slide="skip")


def footer(summary: list[str], next_steps: str, reference_keys: list[str]):
    points = "\n".join(f"- {s}" for s in summary)
    return [
        md(f"## Summary\n\n{points}", slide="slide"),
        md(f"### What's next?\n\n{next_steps.strip()}", slide="fragment"),
        md("## References\n\nEvery anatomical position and clinical statement in this "
           "notebook comes from these sources (full registry: `anatomy/data/references.toml`)."
           f"\n\n{bibliography(reference_keys)}", slide="slide"),
        md(f"## Disclaimer\n\n{DISCLAIMER} The figures are a teaching model: positions are "
           "averages from published studies, and real people vary.", slide="subslide"),
    ]
