"""Every committed notebook: run top to bottom, no stored errors, template, size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
INSTRUCTOR = ROOT / "notebooks" / "instructor"
UNRUN = {"skip-execution", "nbval-ignore-output"}  # tags that would leave a cell unrun
MAX_BYTES = 1024 * 1024
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_run_top_to_bottom_in_a_fresh_kernel(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    assert not any(tags(c) & UNRUN for c in code), f"{path.name}: a cell is left unrun"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} was not run top to bottom in a fresh kernel: {counts}. "
        "Rebuild it with `python tools/nbtools.py build`.")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_errors(path):
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: {out.get('ename')}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{path.name} stores stderr: {''.join(out['text'])[:200]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_size_budget(path):
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_template(path):
    nb = load(path)
    md = [text(c) for c in nb["cells"] if c["cell_type"] == "markdown"]
    h1 = [t for t in md if any(line.startswith("# ") for line in t.splitlines())]
    assert len(h1) == 1, "exactly one H1"
    joined = "\n".join(md)
    for section in ("## Overview", "Time to learn", "## Prerequisites", "## Summary",
                    "## References", "## Disclaimer", "not a diagnostic tool"):
        assert section in joined, f"{path.name} lacks {section!r}"
    levels = [len(line) - len(line.lstrip("#")) for t in md for line in t.splitlines()
              if line.startswith("#")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "headings skip a level"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_slide_metadata_on_every_cell(path):
    for cell in load(path)["cells"]:
        assert cell["metadata"].get("slideshow", {}).get("slide_type") in SLIDE_TYPES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_text_alternative(path):
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data or "application/vnd.plotly.v1+json" in data:
                alt = "".join(data.get("text/plain", ""))
                assert alt.startswith(("[Figure]", "[Interactive 3D figure]")) and len(alt) > 40


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_have_revealable_solutions(path):
    cells = load(path)["cells"]
    tags = [set(c["metadata"].get("tags", [])) for c in cells]
    exercises = [k for k, t in enumerate(tags) if "exercise" in t]
    assert exercises, f"{path.name} has no exercise"
    for k in exercises:
        # a case: fill-in note, findings blank, comparison, screen prompt, screen, answer
        following = tags[k + 1:k + 8]
        assert any("solution" in t for t in following), f"exercise at cell {k} lacks a solution"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_as_jupyterlab_saves_it(path):
    """Re-serialised JavaScript-style (integral floats become ints, as after a round trip
    through JupyterLab), the notebook has the same bytes: open-and-save changes nothing."""
    import sys

    import nbformat

    sys.path.insert(0, str(ROOT))
    from tools.nbtools import js_numbers, writes

    text = path.read_text(encoding="utf-8")
    assert writes(nbformat.reads(text, as_version=4)) == text, (
        f"{path.name} is not written as JupyterLab saves it: rebuild it with `make notebooks`")
    assert js_numbers({"a": [1.0, -0.0, 2.5, 1e22]}) == {"a": [1, 0, 2.5, 1e22]}


def tags(cell) -> set[str]:
    return set(cell["metadata"].get("tags", []))


def run_all_passes_over(source: str) -> bool:
    """Whether running the cell does nothing until the student says so: ``reveal = False``
    then ``if reveal:`` and no other statement."""
    import ast

    body = ast.parse(source).body
    return (len(body) == 2 and ast.unparse(body[0]) == "reveal = False"
            and isinstance(body[1], ast.If) and ast.unparse(body[1].test) == "reveal"
            and not body[1].orelse)


def test_the_guard_check_tells_guarded_from_open_code():
    from tools.nbtools import guarded

    assert run_all_passes_over(guarded("x = 1\nx"))
    assert not run_all_passes_over("x = 1\nx")
    assert not run_all_passes_over(guarded("x = 1") + "\nprint(2)")
    assert not run_all_passes_over("reveal = True\nif reveal:\n    x = 1")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_answer_shows_before_the_student_acts(path):
    """Solution code is collapsed and stores no output: the build runs it, and it waits
    under ``if reveal:`` (as it does for Run All in JupyterLab), so nbval checks that it
    still shows nothing; written answers are folded in <details>."""
    cells = load(path)["cells"]
    solutions = [c for c in cells if "solution" in tags(c)]
    assert solutions, f"{path.name} has no solutions"
    for cell in solutions:
        if cell["cell_type"] == "code":
            assert run_all_passes_over(text(cell)), f"{path.name}: {cell['id']} runs open"
            assert cell["outputs"] == [] and cell["execution_count"], (
                f"{path.name}: solution {cell['id']} stores its output, or did not run")
            assert cell["metadata"]["jupyter"]["source_hidden"] is True
        else:
            assert text(cell).startswith("<details>\n<summary>"), cell["id"]
            assert text(cell).rstrip().endswith("</details>"), cell["id"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_verdicts_store_no_output(path):
    """A verdict answers a question (Case 5's full report once showed where it fails
    before the student had tried): the build runs it guarded, and nothing is stored."""
    for cell in load(path)["cells"]:
        if "verdict" in tags(cell):
            assert cell["outputs"] == [] and cell["execution_count"], (
                path.name, text(cell)[:60])
            assert run_all_passes_over(text(cell)), (path.name, text(cell)[:60])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_exercises_have_a_blank_for_the_students_own_work(path):
    """Each exercise with solution code gives the student a code cell of their own after
    the task, before the solution (the student copies drop the solution and keep it)."""
    cells = load(path)["cells"]
    for k, cell in enumerate(cells):
        if not ("solution" in tags(cell) and cell["cell_type"] == "code"):
            continue
        task = max(j for j in range(k) if "exercise" in tags(cells[j]))
        own = [c for c in cells[task + 1:k] if "your-work" in tags(c)
               and c["cell_type"] == "code"]
        assert len(own) == 1, (path.name, text(cells[task])[:40])
        source = text(own[0])
        assert source.startswith("# Your work") and " = ..." in source, source
        assert max(map(len, source.splitlines())) <= 72, source
        assert own[0]["outputs"] == [], source  # assigning ... prints nothing


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_instructor_version_has_every_answer(path):
    """notebooks/instructor/: the same cells, every solution run and shown, answers open."""
    teacher = INSTRUCTOR / path.name
    assert teacher.exists(), f"{teacher} is missing: rebuild with `make notebooks`"
    student_cells, cells = load(path)["cells"], load(teacher)["cells"]
    assert [c["id"] for c in cells] == [c["id"] for c in student_cells]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in cells:
        if "solution" not in tags(cell):
            continue
        assert not tags(cell) & UNRUN
        if cell["cell_type"] == "code":
            assert "jupyter" not in cell["metadata"], "solution code shown"
            assert "if reveal" not in text(cell), "the instructor's solutions run open"
        else:
            assert text(cell).startswith("<details open>")
    assert any(c["outputs"] for c in code if "solution" in tags(c)), "solutions were not run"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_relative_links_resolve_in_both_versions(path):
    import re

    for folder in (path.parent, INSTRUCTOR):
        for cell in load(folder / path.name)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for target in re.findall(r"\]\((\.\.?/[^)#]+)\)", text(cell)):
                assert (folder / target).resolve().exists(), f"{folder.name}: {target}"


MAX_SENTENCE_WORDS = 35
_ABBREVIATIONS = {"et al.": "et al", "e.g.": "eg", "i.e.": "ie", "vs.": "vs", "approx.": "approx"}


def sentences(markdown: str) -> list[str]:
    """The prose sentences of a markdown cell: HTML tags, table rows and link targets
    removed; a sentence ends at . ! or ? before a capital, a digit or markup, and at the
    end of a line or of an HTML list item."""
    import re

    prose = re.sub(r"</li>", "\n", markdown)  # a list item ends its line
    prose = re.sub(r"<[^>]+>", " ", prose)
    prose = re.sub(r"^\s*\|.*\|\s*$", "", prose, flags=re.M)
    prose = re.sub(r"\]\([^)]*\)", "]", prose)
    for abbreviation, plain in _ABBREVIATIONS.items():
        prose = prose.replace(abbreviation, plain)
    return [s for line in prose.splitlines()
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*(\[`0-9_'\"])", line) if s.strip()]


def test_sentences_splits_as_a_reader_would():
    text = ("Kim et al. 2018 measured it. It lies 22 mm out! Is it?\n| a | b |\n"
            "<b>Bold</b> start here.")
    assert [len(s.split()) for s in sentences(text)] == [6, 5, 2, 3]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_sentence_over_35_words_in_student_facing_prose(path):
    """Markdown a student reads (instructor notes and the reference list aside)."""
    long = []
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "markdown" or "instructor-notes" in tags(cell):
            continue
        source = text(cell)
        if source.startswith("## References"):
            continue
        long += [s for s in sentences(source) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long, "\n".join(f"{len(s.split())} words: {s[:120]}" for s in long)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_written_answer_has_a_place_to_write_it_first(path):
    """Before each revealable answer (<details>) of an exercise there is a markdown cell
    of the student's own (tagged your-work), skipped on slides: "explain why" questions
    once had nowhere to write the answer."""
    cells = load(path)["cells"]
    answers = 0
    for k, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and "solution" in tags(cell):
            before = cells[:k]
            task = max(i for i, c in enumerate(before) if "exercise" in tags(c))
            mine = [c for c in before[task:] if "your-work" in tags(c)
                    and c["cell_type"] == "markdown"]
            assert mine, (path.name, text(cell)[:80])
            assert mine[-1]["metadata"]["slideshow"]["slide_type"] == "skip"
            answers += 1
    assert answers >= 2, path.name


def test_the_seed_spot_count_in_notebook_02_matches_the_verdicts():
    """The take-home count of seed spots that hold up is the registry's: the notebook once
    said five while its own table called only four supported."""
    import re

    from anatomy import pain

    spots = pain.spots()
    supported = int(spots[spots.in_seed_list].verdict.str.startswith("supported").sum())
    source = "\n".join(text(c) for c in load(ROOT / "notebooks" /
                                             "02_pain_referral_hot_spots.ipynb")["cells"])
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven"]
    said = re.findall(r"seven seed hot spots, (\w+) are real pain sites", source)
    assert said and {words.index(w.lower()) for w in said} == {supported}, said
    # the take-home splits them: the GON's own (plain 'supported:') and muscle pain
    verdicts = spots[spots.in_seed_list].verdict
    gon = int(verdicts.str.startswith("supported:").sum())
    split = re.findall(r"(\w+) spots fit the GON, (\w+) are muscle pain, (\w+) fail", source)
    assert split and {tuple(words.index(w) for w in t) for t in split} == {
        (gon, supported - gon, len(verdicts) - supported)}, split
