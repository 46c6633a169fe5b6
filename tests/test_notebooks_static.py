"""Every committed notebook: run top to bottom, no stored errors, template, size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
INSTRUCTOR = ROOT / "notebooks" / "instructor"
UNRUN = {"solution", "skip-execution", "nbval-ignore-output"}
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
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"
            and "skip-execution" not in c["metadata"].get("tags", [])]
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_answer_shows_before_the_student_acts(path):
    """Solution code is collapsed and stores no output; nbclient skips it at build time
    and nbval runs it without comparing; written answers are folded in <details>."""
    cells = load(path)["cells"]
    solutions = [c for c in cells if "solution" in tags(c)]
    assert solutions, f"{path.name} has no solutions"
    for cell in solutions:
        if cell["cell_type"] == "code":
            assert tags(cell) >= UNRUN, f"{path.name}: solution {cell['id']} lacks {UNRUN}"
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name}: solution {cell['id']} stores its output")
            assert cell["metadata"]["jupyter"]["source_hidden"] is True
        else:
            assert text(cell).startswith("<details>\n<summary>"), cell["id"]
            assert text(cell).rstrip().endswith("</details>"), cell["id"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_verdicts_store_no_output(path):
    """A verdict answers a question (Case 5's full report once showed where it fails
    before the student had tried): it is run by the student, never stored."""
    for cell in load(path)["cells"]:
        if "verdict" in tags(cell):
            assert tags(cell) >= {"skip-execution", "nbval-ignore-output"}, path.name
            assert cell["outputs"] == [], (path.name, text(cell)[:60])


# (notebook, exercise headings) that ask for code: each gets a blank cell of the
# student's own after the task, before any solution
OWN_WORK = {"00_start_here.ipynb": ("### Exercise 1", "### Exercise 2"),
            "03_headache_comparison.ipynb": ("### Exercise 2", "### Exercise 3")}


@pytest.mark.parametrize("name", sorted(OWN_WORK))
def test_code_exercises_have_a_blank_for_the_students_own_work(name):
    cells = load(ROOT / "notebooks" / name)["cells"]
    for heading in OWN_WORK[name]:
        k = next(i for i, c in enumerate(cells) if text(c).startswith(heading))
        own = cells[k + 1]
        assert own["cell_type"] == "code" and "your-work" in tags(own), (name, heading)
        source = text(own)
        assert source.startswith("# Your work") and " = ..." in source, (name, heading)
        assert max(map(len, source.splitlines())) <= 72, (name, heading)
        assert own["outputs"] == [], (name, heading)  # assigning ... prints nothing
        assert "solution" in tags(cells[k + 2]) or "solution" in tags(cells[k + 3])


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
        assert not tags(cell) & {"skip-execution", "nbval-ignore-output"}
        if cell["cell_type"] == "code":
            assert "jupyter" not in cell["metadata"], "solution code shown"
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
    removed; a sentence ends at . ! or ? before a capital, a digit or markup."""
    import re

    prose = re.sub(r"<[^>]+>", " ", markdown)
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
