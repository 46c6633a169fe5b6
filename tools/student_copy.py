"""Student copies of the notebooks: each exercise's solutions left out, one line saying
where (``python tools/classroom.py student`` writes them to build/student/)."""

from __future__ import annotations

import copy

import nbformat

from tools.slide_answers import tags

__all__ = ["WITHHELD", "WITHHELD_TAG", "student_notebook"]

# where a student copy leaves out an exercise's solution
WITHHELD_TAG = "answer-withheld"
WITHHELD = ("*This class copy keeps the answers back: write yours above, and compare it with "
            "the class or with the full notebook your instructor shares.*")


def student_notebook(nb):
    """Solutions removed: solution code and <details> answers are left out, and one
    line (``WITHHELD``) says where.

    Every code exercise has a blank cell of the student's own ('your-work') before its
    solution, which stays. Instructor notes are dropped too. Every other cell (and its
    outputs) stays, so the copy runs top to bottom, Run All included: no placeholder
    stops it with an error. Verdicts stay, guarded (``tools.nbtools.guarded``), with no
    output. The code cells left are numbered 1..n again, as one run top to bottom would.
    """
    nb = copy.deepcopy(nb)
    cells, note = [], None
    for cell in nb.cells:
        t = tags(cell)
        if "solution" in t:
            # one line where the answers were: a student on the hub or the lite site
            # found "Your answer" and nothing to compare it with (a student's review)
            if note is None:
                note = nbformat.v4.new_markdown_cell(WITHHELD)
                note.metadata = {"tags": [WITHHELD_TAG]}
                note.id = f"{cell.get('id', 'cell')}-withheld"[-64:]  # not a random id
            continue
        # the line comes once, after the part's last answer box: a code solution and the
        # written answer after it each left one, above and below the box (review 28)
        if note is not None and "your-work" not in t:
            cells.append(note)
            note = None
        if "instructor-notes" in t:
            continue
        if "verdict" in t:
            cell.outputs = []
        cells.append(cell)
    if note is not None:
        cells.append(note)
    nb.cells = cells
    code = [c for c in cells if c.cell_type == "code" and c.execution_count is not None]
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        for out in cell.outputs:
            if out.output_type == "execute_result":
                out.execution_count = count
    return nb
