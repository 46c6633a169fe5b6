"""The instructor guide and the glossary: generated parts current, plans that add up,
quiz items that exist, and every abbreviation the notebooks use defined."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import classroom, guide, quiz  # noqa: E402

NOTEBOOKS = classroom.notebooks()
GLOSSARY = ROOT / "docs" / "glossary.md"
# capitals-and-digits tokens (EOP, ICHD-3, SNNOOP10, NSAIDs, V1, Fp1, C1-C2), not inside a
# longer word, a path, a hex colour, base64 or a word pandas cut short ("GO...")
TOKEN = re.compile(r"(?<![\w/.#+-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[0-9A-Z]+)*s?"
                   r"|[A-Z][a-z]?[0-9]+(?:-[A-Z][a-z]?[0-9]+)*)(?![\w/+]|\.\.\.)")
EMPHASIS = {"RED", "FLAG", "FLAGS", "NOT"}  # capitals for emphasis, not abbreviations
ROMAN = re.compile(r"^[IVX]+$")
PLOTLY_TEXT = ("text", "hovertext", "name", "label", "title")


def glossary_terms() -> set[str]:
    terms = set()
    for row in re.findall(r"^\| \*\*(.+?)\*\* \|", GLOSSARY.read_text(encoding="utf-8"), re.M):
        terms |= {t.strip() for t in row.split(",")}
    return terms


def plotly_strings(obj, key: str = ""):
    if isinstance(obj, str):
        if key in PLOTLY_TEXT:
            yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from plotly_strings(v, k if k in PLOTLY_TEXT or not key else key)
    elif isinstance(obj, list):
        for v in obj:
            yield from plotly_strings(v, key)


def student_text(path: Path, with_quiz: bool = True) -> str:
    """What a student reads in a notebook: markdown (code spans and the reference list
    left out), printed and table text, figure alt text, 3D hover and label texts, and
    the self-check quiz."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        tags = cell["metadata"].get("tags", [])
        if cell["cell_type"] == "markdown":
            if not src.startswith("## References"):
                parts.append(re.sub(r"`[^`]*`|<[^>]+>", " ", src))
            continue
        if "quiz" in tags:
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts.append("".join(out.get("text", "")) + "".join(data.get("text/plain", "")))
            fig = data.get(classroom.PLOTLY_MIME)
            if fig:
                parts += list(plotly_strings([fig.get("data", []), fig.get("layout", {})]))
    for q in quiz.load(path.stem) if with_quiz else []:
        parts += [q["question"]] + [a["text"] + " " + a["feedback"] for a in q["answer"]]
    return "\n".join(parts).replace("<br>", " ")


def undefined(token: str, terms: set[str]) -> bool:
    if token in terms or token in EMPHASIS or ROMAN.match(token):
        return False
    if token.endswith("s") and token[:-1] in terms:
        return False
    parts = token.split("-")
    if len(parts) > 1 and all(p in terms or p.rstrip("s") in terms for p in parts):
        return False  # a range such as C1-C2 or Fp1-F7
    return True


def test_the_abbreviation_finder_finds_abbreviations():
    text = ("The EOP and GONs at C1-C2 (ICHD-3, SNNOOP10; NSAIDs) near Fp1-F7; not "
            "MakeHuman, #D55E00, Kim2018, GO... or abc/DEF.")
    assert TOKEN.findall(text) == ["EOP", "GONs", "C1-C2", "ICHD-3", "SNNOOP10", "NSAIDs",
                                   "Fp1-F7"]
    terms = {"EOP", "GON", "C1", "C2"}
    assert [t for t in ("EOP", "GONs", "C1-C2", "C1-C9", "RED", "II") if
            undefined(t, terms)] == ["C1-C9"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_abbreviation_in_the_notebook_is_in_the_glossary(path):
    terms = glossary_terms()
    missing = sorted({t for t in TOKEN.findall(student_text(path)) if undefined(t, terms)})
    assert not missing, (f"{path.name} uses abbreviations that docs/glossary.md does not "
                         f"define: {missing}")


def test_glossary_defines_the_abbreviations_of_issue_16():
    assert {"EOP", "OCI", "EAM", "TTH", "SNNOOP10", "GON", "LON", "TON", "ICHD-3"} <= (
        glossary_terms())


def test_guide_generated_parts_are_current():
    text = guide.GUIDE.read_text(encoding="utf-8")
    assert {m["name"] for m in guide.BLOCK.finditer(text)} == set(guide.GENERATORS)
    assert guide.render(text) == text, (
        "docs/instructor_guide.md is out of date: run `python tools/guide.py`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_practises_an_objective(path):
    n = len(guide.objectives(path.stem))
    texts = guide.exercises(path.stem)
    assert texts, f"{path.name} has no exercises"
    for text in texts:
        assert 1 <= guide.exercise_objective(path.stem, text) <= n, guide.heading(text)


def test_an_unmapped_exercise_is_a_clear_error():
    with pytest.raises(KeyError, match="'Exercise 9' has no objective"):
        guide.exercise_objective("00_start_here", "### Exercise 9\n\nSomething new.")


def test_every_objective_is_checked_by_a_quiz_item_or_an_exercise():
    text = guide.objectives_markdown()
    for row in re.findall(r"^\| \d+ \| .+ \| (.+) \| (.+) \|$", text, re.M):
        assert row != ("-", "-"), f"an objective nothing checks: {row}"


def minutes(section: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)-(\d+) \|", section, re.M)]


def test_lesson_plans_add_up():
    text = guide.GUIDE.read_text(encoding="utf-8")
    lecture = text.split("## 50-minute lecture", 1)[1].split("\n## ", 1)[0]
    sessions = re.split(r"\n### Session \d", text.split("## Lab:", 1)[1])[1:3]
    for section, total in [(lecture, 50), *[(s.split("\n### ")[0], 90) for s in sessions]]:
        spans = minutes(section)
        assert spans[0][0] == 0 and spans[-1][1] == total, spans
        assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:])), f"gaps: {spans}"
    assert "Rotate the head live" in lecture and "Ask" in lecture


def test_guide_names_only_quiz_items_that_exist():
    text = guide.GUIDE.read_text(encoding="utf-8")
    known = {f"Q{s[:2]}.{k}" for s in quiz.stems() for k in range(1, len(quiz.load(s)) + 1)}
    named = set(re.findall(r"Q\d\d\.\d+", text))
    assert named and named <= known, sorted(named - known)


def test_palpation_task_covers_the_four_points():
    text = guide.GUIDE.read_text(encoding="utf-8")
    task = text.split("### Palpation task", 1)[1].split("\n## ", 1)[0]
    for point in ("EOP", "Mastoid tip", "GON block point", "LON block point", "consent"):
        assert point in task
    table = guide.palpation_markdown()
    assert "mm lateral" in table and "Kim et al. 2018" in table


def test_an_unknown_generated_block_is_a_clear_error():
    text = "<!-- BEGIN generated:nope (python tools/guide.py) -->\n<!-- END generated:nope -->"
    with pytest.raises(ValueError, match="Unknown generated block 'nope'; valid: palpation"):
        guide.render(text)
