"""Keep the generated parts of docs/instructor_guide.md in step with the kit.

The guide is hand-written Markdown with generated blocks between markers::

    <!-- BEGIN generated:NAME (python tools/guide.py) -->
    ...
    <!-- END generated:NAME -->

- ``palpation``: the palpation task's reference numbers, read from the kit (the head
  model's landmarks, the nerves' published waypoints, the block points' distances).
- ``objectives``: each notebook's learning objectives (from its Overview cell) with the
  quiz items (``notebooks/quizzes/``) and exercises that check them.

``python tools/guide.py`` rewrites the blocks; ``python tools/quiz.py bank`` rewrites the
quiz bank. Tests fail when either is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GUIDE = ROOT / "docs" / "instructor_guide.md"
NOTEBOOK_DIR = ROOT / "notebooks"
BLOCK = re.compile(r"(<!-- BEGIN generated:(?P<name>[a-z]+) \(python tools/guide\.py\) -->\n)"
                   r"(?P<body>.*?)(<!-- END generated:(?P=name) -->)", re.S)

# Which objective (number in the notebook's Overview) each exercise practises, keyed by a
# phrase from the exercise's text (robust to renumbering); "### Case" covers every case.
EXERCISE_OBJECTIVES = {
    "00_start_here": {"one third of the way from the inion": 3,
                      "landmark that does not exist": 3},
    "01_occipital_nerves": {"how far apart are the exits": 1, "within **1.5 cm**": 5,
                            "two thirds of the way along the line": 5, "C1 dermatome": 1},
    "02_pain_referral_hot_spots": {"upper trapezius": 2, "territory figure and its black dots": 3,
                                   "fits each drawing best": 5},
    "03_headache_comparison": {"normally felt on one side": 2, "### Case": 4,
                               "in a 15-year-old": 1, "Case 6": 3},
    "04_diagnosis_and_management": {"hot and shivery": 1, "droops": 1,
                                    "three days of relief": 3,
                                    "overstates the evidence": 5,
                                    "steroid injections": 5},
    "05_differential_diagnosis": {"is **secondary**": 1, "### Case": 4,
                                  "chronic migraine (1.3)": 4},
}
# The palpation task practises these objectives (shown in the table as "Palpation").
PALPATION_OBJECTIVES = {"00_start_here": 3, "01_occipital_nerves": 5}


def _notebook(stem: str):
    import nbformat

    return nbformat.read(NOTEBOOK_DIR / f"{stem}.ipynb", as_version=4)


def objectives(stem: str) -> list[str]:
    """The numbered learning objectives in a notebook's Overview cell."""
    overview = next(c.source for c in _notebook(stem).cells
                    if c.cell_type == "markdown" and c.source.startswith("## Overview"))
    return re.findall(r"^\d+\. (.+)$", overview, re.M)


def exercises(stem: str) -> list[str]:
    """The text of every exercise of a notebook (cells tagged 'exercise'), in order."""
    return [c.source for c in _notebook(stem).cells
            if "exercise" in c.metadata.get("tags", [])]


def heading(text: str) -> str:
    """An exercise's short name: its heading up to any colon ("Exercise 2", "Case 1")."""
    return text.splitlines()[0].lstrip("#").strip().split(":")[0]


def exercise_objective(stem: str, text: str) -> int:
    """The objective an exercise (its cell text) practises: the first phrase of
    ``EXERCISE_OBJECTIVES[stem]`` found in the text.

    Raises
    ------
    KeyError
        No phrase matches; the message names the exercise and the known phrases.
    """
    table = EXERCISE_OBJECTIVES.get(stem, {})
    for phrase, number in table.items():
        if phrase in text:
            return number
    raise KeyError(f"{stem}: exercise {heading(text)!r} has no objective in "
                   f"tools/guide.py EXERCISE_OBJECTIVES; known phrases: "
                   f"{', '.join(table) or 'none'}")


def objectives_markdown() -> str:
    """Per notebook: objective, quiz items and exercises that check it."""
    from tools import quiz

    out = []
    for stem in [s for s in quiz.stems() if (NOTEBOOK_DIR / f"{s}.ipynb").exists()]:
        objs = objectives(stem)
        items = {k: [] for k in range(1, len(objs) + 1)}
        for n, q in enumerate(quiz.load(stem), 1):
            items[q["objective"]].append(f"Q{stem[:2]}.{n}")
        tasks = {k: [] for k in items}
        for text in exercises(stem):
            tasks[exercise_objective(stem, text)].append(heading(text))
        if stem in PALPATION_OBJECTIVES:
            tasks[PALPATION_OBJECTIVES[stem]].append("Palpation")
        out += [f"**{stem}**", "", "| # | Objective | Quiz items | Exercises |",
                "|---|---|---|---|"]
        out += [f"| {k} | {objs[k - 1]} | {', '.join(items[k]) or '-'} | "
                f"{', '.join(tasks[k]) or '-'} |" for k in items]
        out.append("")
    return "\n".join(out)


def palpation_markdown() -> str:
    """The palpation task's reference numbers, from the kit's model and data."""
    import numpy as np

    import anatomy
    from anatomy import nerves

    head = anatomy.load_head()
    eop, mastoid = head.landmark("inion"), head.landmark("mastoid_right")
    line = float(np.linalg.norm(mastoid - eop))
    third, two_thirds = eop + (mastoid - eop) / 3, eop + 2 * (mastoid - eop) / 3
    gon = nerves.waypoint_table("GON").loc["trapezius_exit"]
    lon = nerves.waypoint_table("LON").loc["fascia_exit"]
    near = {d["nerve"]: d for d in nerves.block_landmark_distances("right")}
    dims = head.dimensions()

    def below(point) -> str:
        return f"{eop[2] - point[2]:.0f}"

    def offset(key: str) -> str:  # as the block-landmark plate says it
        from anatomy import nerves
        from anatomy.viz.nerve_views.variation import nerve_offset_text

        n = nerves.nerve(key, "right")
        return nerve_offset_text(nerves.block_landmarks("right")[key].point, n,
                                 near[n.abbreviation]["to_path_mm"])

    rows = [
        ("EOP (inion) to mastoid tip, straight line", f"{line:.0f} mm on the model",
         "head model (notebook 00)"),
        ("Bimastoid breadth, skin", f"{dims['bimastoid_breadth_skin']:.0f} mm on the model "
         "(bone: 106 ± 6 mm, Okumuş 2022)", "notebook 00, section 4"),
        ("GON block point: one third from the EOP", f"{third[0]:.0f} mm lateral, "
         f"{below(third)} mm below the EOP; {offset('greater_occipital')}",
         "notebook 01, section 6"),
        ("GON exit through the trapezius (tender point)", f"{gon['lateral_mm']} mm lateral, "
         f"{gon['vertical_mm'].lstrip('-')} mm below the EOP", gon["sources"]),
        ("LON block point: two thirds from the EOP", f"{two_thirds[0]:.0f} mm lateral, "
         f"{below(two_thirds)} mm below the EOP; {offset('lesser_occipital')}",
         "notebook 01, section 6"),
        ("LON emergence from the fascia", f"{lon['lateral_mm']} mm lateral, "
         f"{lon['vertical_mm'].lstrip('-')} mm below the line joining the ear canals (EAM "
         "line)", lon["sources"]),
    ]
    out = ["| What to find | The kit's numbers | Source |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out) + "\n"


GENERATORS = {"palpation": palpation_markdown, "objectives": objectives_markdown}


def render(text: str) -> str:
    """``text`` with every generated block rewritten.

    Raises
    ------
    ValueError
        A block names an unknown generator; the message lists the valid names.
    """
    def fill(match):
        name = match["name"]
        if name not in GENERATORS:
            raise ValueError(f"Unknown generated block {name!r}; valid: "
                             f"{', '.join(GENERATORS)}")
        return match.group(1) + GENERATORS[name]().rstrip("\n") + "\n" + match.group(4)

    return BLOCK.sub(fill, text)


def main(argv: list[str]) -> None:
    if argv:
        raise SystemExit("usage: python tools/guide.py")
    GUIDE.write_text(render(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {GUIDE.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
