"""Read a notebook source (a jupytext percent file in notebooks/src/) into the kit's cells.

A source is ``notebooks/src/<stem>.py`` for ``notebooks/<stem>.ipynb``. Code cells are
plain Python (ruff lints them); markdown cells are comments, as jupytext writes them. The
file is parsed by jupytext; this module turns its cells into the kit's cell kinds with the
helpers of ``tools.nbtools``, so the notebook, its instructor version, the student copies
and the slides see exactly what the helpers made before.

Cell kinds (in the percent header of a cell, e.g. ``# %% [markdown] tags=["exercise"]``):

- no tag: ``md`` / ``code``; ``slideshow={"slide_type": ...}`` sets the slide type
  (default '-'), ``hide_input=true`` collapses a code cell.
- markdown ``tags=["notes"]`` -> ``notes``; ``tags=["exercise"]`` -> ``exercise``;
  ``tags=["answer"]`` -> ``answer`` (``summary="..."`` for the reveal line); an exercise's
  ``slides="..."`` names what a deck shows under it (``tools.slide_material``).
- code ``tags=["solution"]`` -> ``solution``; ``tags=["verdict"]`` -> ``verdict``.
  Each kind has its own default slide type (see ``KINDS``); ``slideshow`` overrides it.
- ``part="..."`` with an empty body: cells made by the kit. ``header`` (title, overview,
  objectives, time, prerequisites and disclaimer from the YAML header's ``kit`` fields),
  ``quiz`` (``tools.quiz.quiz_cells``), ``footer`` (the notebook's reference list from
  ``kit.references``, and the disclaimer), and the parts in ``tools.nbparts.CELL_PARTS``
  (e.g. ``part="case_vignettes" cases=["case_01"]``).

Roles in markdown (resolved in every markdown cell, the header fields included):
``{cite}`kim2018, won2018``` -> ``anatomy.references.cite(..., link=True)``, linked to the
reference list; ``{cite_html}`do2019``` -> the same as HTML links, for raw HTML blocks;
``{kit}`name``` -> text made by ``tools.nbparts.TEXT_PARTS[name]`` (it may hold roles too).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jupytext

from anatomy.conventions import DISCLAIMER
from anatomy.references import bibliography, get_reference
from anatomy.references import cite as _cite
from tools import nbparts
from tools.nbtools import ROOT, answer, code, exercise, md, notes, solution, verdict, write_in

SOURCE_DIR = ROOT / "notebooks" / "src"
HEADER_FIELDS = ("title", "overview", "objectives", "goals", "minutes", "prerequisites",
                 "references")
GOAL_WORDS = 7  # a goal on the "Today" slide: the objective in a few words
# kind: (cell type, default slide type); the tag names the kind in the percent header
KINDS = {"notes": ("markdown", "notes"), "exercise": ("markdown", "subslide"),
         "answer": ("markdown", "fragment"), "solution": ("code", "fragment"),
         "verdict": ("code", "fragment")}
CELL_KEYS = {"slideshow", "tags", "hide_input", "summary", "part", "cases", "paper",
             "slides", "write_here"}
IGNORED_KEYS = {"lines_to_next_cell"}  # jupytext's record of blank lines between cells
ROLE_RE = re.compile(r"\{(cite|cite_html|kit)\}`([^`]*)`")


def cite(*keys: str) -> str:
    """Citation marker(s) for notebook text, each linked to the notebook's reference list.

    ``cite("kim2018")`` gives ``[Kim et al. 2018](#ref-kim2018)``; the target is the anchor
    that :func:`footer` puts on each entry, so every key cited in a notebook must also be
    in its ``references`` (tests/test_citations.py checks).
    """
    return _cite(*keys, link=True)


def cite_html(*keys: str) -> str:
    """As :func:`cite`, but as HTML links, for text inside a raw HTML block (where
    Markdown is not rendered), e.g. ``<a href="#ref-do2019">Do et al. 2019</a>``."""
    refs = [get_reference(k) for k in keys]
    return "; ".join(f'<a href="#{r.anchor}">{html.escape(r.short)}</a>' for r in refs)


def role_keys(text: str) -> list[str]:
    """The reference keys cited with ``{cite}`` or ``{cite_html}`` roles in ``text``."""
    return [k.strip() for role, body in ROLE_RE.findall(text) if role != "kit"
            for k in body.split(",")]


def resolve(text: str) -> str:
    """``text`` with its ``{kit}``, ``{cite}`` and ``{cite_html}`` roles replaced."""
    def one(match: re.Match) -> str:
        role, body = match.group(1), match.group(2)
        if role == "kit":
            if body not in nbparts.TEXT_PARTS:
                raise ValueError(f"Unknown {{kit}} text {body!r}; valid: "
                                 f"{', '.join(sorted(nbparts.TEXT_PARTS))}")
            return resolve(nbparts.TEXT_PARTS[body]())
        keys = [k.strip() for k in body.split(",")]
        return cite(*keys) if role == "cite" else cite_html(*keys)

    return ROLE_RE.sub(one, text)


def header(kit: dict) -> list:
    """H1 title, overview, objectives, time to learn, prerequisites table, disclaimer."""
    rows = "\n".join(f"| {p['concept']} | {p['importance']} | {p['notes']} |"
                     for p in kit["prerequisites"])
    objs = "\n".join(f"{k}. {o}" for k, o in enumerate(kit["objectives"], 1))
    if len(kit["goals"]) != len(kit["objectives"]):
        raise ValueError(f"{kit['title']!r}: {len(kit['goals'])} goals for "
                         f"{len(kit['objectives'])} objectives (one short goal each)")
    long = [g for g in kit["goals"] if len(g.split()) > GOAL_WORDS]
    if long:
        raise ValueError(f"goals over {GOAL_WORDS} words (a slide line each): {long}")
    goals = "\n".join(f"{k}. {g}" for k, g in enumerate(kit["goals"], 1))
    return [
        # the title slide: the title and the disclaimer (the overview is reading text)
        # the disclaimer's first words in bold ("Educational use only. Educational material
        # only: ..." said it twice: review 21)
        md(f"# {kit['title']}\n\n> " + re.sub(r"^([^:]+:)", r"**\1**", DISCLAIMER),
           slide="slide"),
        # the room sees the goals in a few words; the reader gets the full objectives
        md(f"## Today\n\n{goals}\n\nAbout {kit['minutes']} minutes. Abbreviations: "
           "[glossary](../docs/glossary.md).", slide="subslide"),
        md(f"## Overview\n\n{kit['overview'].strip()}\n\nBy the end of this notebook you "
           f"will be able to:\n\n{objs}\n\n"
           f"**Time to learn:** about {kit['minutes']} minutes. Abbreviations are explained "
           "in the [glossary](../docs/glossary.md).", slide="skip"),
        md("## Prerequisites\n\n| Concept | Importance | Notes |\n|---|---|---|\n" + rows,
           slide="subslide"),
    ]


def footer(kit: dict) -> list:
    """The notebook's reference list (with an anchor per entry) and the disclaimer."""
    return [
        md("## References\n\nEvery anatomical position and clinical statement in this "
           "notebook comes from these sources (full registry: `anatomy/data/references.toml`)."
           f"\n\n{bibliography(kit['references'])}", slide="skip"),  # too long for a slide
        md(f"## Disclaimer\n\n{DISCLAIMER} The figures are a teaching model: positions are "
           "averages from published studies, and real people vary.", slide="slide"),
    ]


def stems() -> list[str]:
    """Every notebook that has a source, in order (e.g. ``"00_start_here"``)."""
    return sorted(p.stem for p in SOURCE_DIR.glob("[0-9][0-9]_*.py"))


def source_path(stem: str) -> Path:
    """The source file of the notebook ``stem``; raises ValueError listing valid stems."""
    if stem not in stems():
        raise ValueError(f"Unknown notebook source {stem!r}; valid: {', '.join(stems())}")
    return SOURCE_DIR / f"{stem}.py"


def read(stem: str):
    """The jupytext notebook of a source (its cells as written) and its ``kit`` fields."""
    path = source_path(stem)
    nb = jupytext.read(path, fmt="py:percent")
    kit = nb.metadata.get("kit", {})
    if set(kit) != set(HEADER_FIELDS):
        raise ValueError(f"{path.name}: YAML header kit fields {sorted(kit)}; expected "
                         f"{list(HEADER_FIELDS)}")
    return nb, kit


def _cell(cell, kit: dict, stem: str, where: str) -> list:
    meta = {k: v for k, v in cell.metadata.items() if k not in IGNORED_KEYS}
    unknown = set(meta) - CELL_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown cell metadata {sorted(unknown)}; valid: "
                         f"{sorted(CELL_KEYS)}")
    if "part" in meta:
        return _part(meta, kit, stem, where, cell.source)
    tags = list(meta.get("tags", []))
    kind = next((t for t in tags if t in KINDS), None)
    cell_type = cell.cell_type
    if kind and KINDS[kind][0] != cell_type:
        raise ValueError(f"{where}: a {kind!r} cell must be {KINDS[kind][0]}, not {cell_type}")
    slide = meta.get("slideshow", {}).get("slide_type", KINDS[kind][1] if kind else "-")
    text = resolve(cell.source) if cell_type == "markdown" else cell.source
    extra = [t for t in tags if t != kind]
    options = set(meta) & {"hide_input", "summary", "cases", "paper", "slides", "write_here"}
    allowed = {"answer": {"summary"}, "exercise": {"slides", "write_here"},
               None: {"hide_input", "paper"} if cell_type == "code" else set()}
    if (kind and extra) or options - allowed.get(kind, set()):
        raise ValueError(f"{where}: options {sorted(options)} and tags {tags} do not fit a "
                         f"{kind or cell_type} cell")
    if kind == "notes":
        return [notes(text)] if slide == "notes" else _bad(where, "notes", slide)
    if kind == "exercise":
        # write_here: a prediction made before the reading that follows (which answers it)
        # is written under the question; far below, after the reading, it came too late
        # (student review 29a). ``cells`` then drops the answer's own place to write.
        here = [write_in()] if meta.get("write_here") else []
        return [exercise(text, slide=slide, slides=meta.get("slides")), *here]
    if kind == "answer":  # with a place to write one's own answer first
        return [write_in(),
                answer(text, slide=slide,
                       **({"summary": meta["summary"]} if "summary" in meta else {}))]
    if kind == "solution":
        return [solution(text)] if slide == "fragment" else _bad(where, "solution", slide)
    if kind == "verdict":  # a prediction comes first, written where the student can
        return [write_in(), verdict(text, slide=slide)]
    if cell_type == "markdown":
        return [md(text, slide=slide, tags=extra or None)]
    return [code(text, slide=slide, tags=extra or None,
                 hide_input=bool(meta.get("hide_input")), paper=meta.get("paper"))]


def _bad(where: str, kind: str, slide: str):
    raise ValueError(f"{where}: a {kind!r} cell has a fixed slide type, not {slide!r}")


def _part(meta: dict, kit: dict, stem: str, where: str, body: str) -> list:
    from tools.quiz import quiz_cells

    name = meta["part"]
    if body.strip():
        raise ValueError(f"{where}: a part cell ({name!r}) has no text of its own")
    args = {k: v for k, v in meta.items() if k != "part"}
    fixed = {"header": lambda: header(kit), "footer": lambda: footer(kit),
             "quiz": lambda: quiz_cells(f"notebooks/{stem}.ipynb")}
    if name in fixed and not args:
        cells = fixed[name]()
    elif name in nbparts.CELL_PARTS:
        cells = nbparts.CELL_PARTS[name](**args)
    else:
        raise ValueError(f"{where}: unknown part {name!r} (options {sorted(args)}); valid: "
                         f"{', '.join(sorted([*fixed, *nbparts.CELL_PARTS]))}")
    for c in cells:  # parts write roles too
        if c.cell_type == "markdown":
            c.source = resolve(c.source)
    return cells


def cells(stem: str) -> list:
    """The cells of the notebook ``stem``, as ``tools.nbtools.build`` writes them (ids
    are given by ``build``)."""
    nb, kit = read(stem)
    kit = dict(kit, overview=resolve(kit["overview"]),
               objectives=[resolve(o) for o in kit["objectives"]])
    out, written = [], False
    for k, cell in enumerate(nb.cells):
        new = _cell(cell, kit, stem, f"notebooks/src/{stem}.py, cell {k}")
        kind = cell.metadata.get("tags", [])
        if "exercise" in kind:
            written = bool(cell.metadata.get("write_here"))
        elif written and "answer" in kind:
            new, written = new[1:], False  # written under its exercise (write_here)
        out += new
    return out
