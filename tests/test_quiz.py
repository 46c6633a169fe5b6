"""Self-check quizzes: data, notebooks, handouts, the printable bank, and a real click.

The questions live in notebooks/quizzes/*.toml (tools/quiz.py); each notebook stores
jupyterquiz's output for them, which draws the quiz without a kernel. Browser tests open
a trusted notebook in JupyterLab and a handout from disk, click a wrong answer and read
the feedback; they skip with a reason without Chromium.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from tools import classroom, quiz  # noqa: E402
from tools.browser import CHROMIUM, FLAGS, jupyterlab, notebook_copy  # noqa: E402

NOTEBOOKS = classroom.notebooks()
ARTIFACTS = ROOT / "test-artifacts"


def objectives(path: Path) -> int:
    """How many numbered learning objectives the notebook's Overview lists."""
    nb = nbformat.read(path, as_version=4)
    overview = next(c.source for c in nb.cells if c.source.startswith("## Overview"))
    return len(re.findall(r"^\d+\. ", overview, re.M))


def quiz_outputs(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"
             and "quiz" in c["metadata"].get("tags", [])]
    assert len(cells) == 1, f"{path.name}: {len(cells)} quiz code cells"
    return cells[0]["outputs"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_a_quiz_of_six_or_more_questions(path):
    questions = quiz.load(path.stem)
    assert len(questions) >= quiz.MIN_QUESTIONS
    n_objectives = objectives(path)
    for q in questions:
        assert 1 <= q["objective"] <= n_objectives, q["question"]
        wrong = [a for a in q["answer"] if not a["correct"]]
        assert wrong and all(len(a["feedback"].split()) >= 4 for a in wrong), (
            f"every wrong answer explains why: {q['question']}")


def test_the_right_answer_is_not_always_in_the_same_place():
    places = [next(j for j, a in enumerate(quiz.shown_answers(q)) if a["correct"])
              for stem in quiz.stems() for q in quiz.load(stem)]
    assert len(set(places)) >= 3 and max(places.count(k) for k in set(places)) < 0.6 * len(
        places)
    assert quiz.shown_answers(quiz.load("00_start_here")[0]) == quiz.shown_answers(
        quiz.load("00_start_here")[0]), "the same order on every build"


def test_the_right_answer_is_not_given_away_by_its_length():
    """A test-wise student picks the longest option: the right answer was clearly the
    longest (more than 15% longer than every other) in 24 of 44 questions (a student's
    review). Now in at most one question per notebook."""
    for stem in quiz.stems():
        longest = []
        for q in quiz.load(stem):
            right = max(len(a["text"]) for a in q["answer"] if a["correct"])
            other = max(len(a["text"]) for a in q["answer"] if not a["correct"])
            if right > 1.15 * other:
                longest.append(q["question"])
        assert len(longest) <= 1, (stem, longest)


def test_quiz_facts_cite_the_kits_references():
    from anatomy.references import load_references

    keys = set(load_references())
    for stem in [p.stem for p in NOTEBOOKS]:  # a quiz may wait for its notebook's merge
        for q in quiz.load(stem):
            unknown = set(q["references"]) - keys
            assert not unknown, f"{stem}: {q['question']!r} cites unknown keys {unknown}"
    cited = sum(bool(q["references"]) for s in quiz.stems() for q in quiz.load(s))
    total = sum(len(quiz.load(s)) for s in quiz.stems())
    assert cited >= 0.8 * total, "most questions state facts and must name their sources"


NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_numbers_in_the_quiz_are_the_kits_numbers(path):
    """Every number a question states as a fact (question, right answer, any feedback)
    is printed in the notebook or stored in the kit's cited data: no invented numbers.
    Only the wrong answers' own texts, which are distractors, may hold others."""
    from test_guide import student_text

    data = "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted((ROOT / "anatomy" / "data").glob("*.toml")))
    known = set(NUMBER.findall(student_text(path, with_quiz=False) + data))
    known |= {p.stem[:2] for p in NOTEBOOKS}  # notebook numbers ("01")
    for q in quiz.load(path.stem):
        right = next(a for a in q["answer"] if a["correct"])
        facts = " ".join([q["question"], right["text"]] + [a["feedback"] for a in q["answer"]])
        unknown = sorted(set(NUMBER.findall(facts)) - known)
        assert not unknown, f"{path.stem}: {q['question']!r} states {unknown}, not in the kit"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_stores_the_current_quiz_with_answers_encoded(path):
    outputs = quiz_outputs(path)
    mimes = [set(o.get("data", {})) for o in outputs]
    assert any("application/javascript" in m for m in mimes), "jupyterquiz's script"
    assert any("text/html" in m for m in mimes), "jupyterquiz's quiz box"
    script = "".join(next(o["data"]["application/javascript"] for o in outputs
                          if "application/javascript" in o.get("data", {})))
    assert quiz.encoded(path.stem) in script, (
        f"{path.name} holds an old quiz: rebuild it with `make notebooks`")
    decoded = json.loads(base64.b64decode(quiz.encoded(path.stem)))
    assert decoded == quiz.jupyterquiz_questions(path.stem)
    text = path.read_text(encoding="utf-8")
    for q in quiz.load(path.stem):
        for a in q["answer"]:
            assert a["feedback"] not in text, f"readable feedback in {path.name}"
            assert json.dumps(a["feedback"])[1:-1] not in text


def test_a_malformed_quiz_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="No quiz for 'nb99'"):
        quiz.load("nb99")
    answer = '[[question.answer]]\ntext = "{t}"\ncorrect = {c}\nfeedback = "Because."\n'
    one = ('[[question]]\nobjective = 1\nreferences = []\nquestion = "Q?"\n'
           + answer.format(t="a", c="true") + answer.format(t="b", c="true"))
    (tmp_path / "nb98.toml").write_text(one * 6)
    with pytest.raises(ValueError, match="question 1: 2 correct answers; exactly one"):
        quiz.load("nb98")
    (tmp_path / "nb97.toml").write_text(one)
    with pytest.raises(ValueError, match="1 questions, at least 6"):
        quiz.load("nb97")


def test_quiz_bank_is_generated_from_the_quizzes():
    assert quiz.BANK.exists(), "run `python tools/quiz.py bank`"
    assert quiz.BANK.read_text(encoding="utf-8") == quiz.bank_markdown(), (
        "docs/quiz_bank.md is out of date: run `python tools/quiz.py bank`")
    text = quiz.BANK.read_text(encoding="utf-8")
    questions, key = text.split("## Answer key")
    for stem in quiz.stems():
        for k, q in enumerate(quiz.load(stem), 1):
            label = f"Q{stem[:2]}.{k}"
            assert f"**{label}**" in questions and f"**{label}: " in key
            right = next(a for a in q["answer"] if a["correct"])
            assert right["feedback"] not in questions, "the key is apart from the questions"


# ------------------------------------------------------------------------------ browser

def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    pytest.importorskip("playwright")


def click_wrong_answer(page, stem: str) -> tuple[str, str]:
    """Click the first wrong answer of the first question; (expected, shown) feedback."""
    first = quiz.load(stem)[0]
    wrong = next(a for a in first["answer"] if not a["correct"])
    label = page.locator("label", has_text=wrong["text"]).first
    label.scroll_into_view_if_needed()
    label.click()
    page.wait_for_timeout(300)
    box = label.locator("xpath=ancestor::div[contains(@class,'Quiz')][1]")
    return wrong["feedback"], box.inner_text()


@pytest.mark.browser
def test_quiz_answers_in_a_trusted_notebook_in_jupyterlab(tmp_path):
    """The stored quiz draws without a kernel (the notebook trusted, as `make lab` does)
    and a wrong answer shows why it is wrong."""
    chromium()
    from playwright.sync_api import sync_playwright

    served = notebook_copy(ROOT, tmp_path / "kit")
    path = NOTEBOOKS[0]
    notary = [f"--NotebookNotary.db_file={tmp_path / 'signatures.db'}",
              f"--NotebookNotary.secret_file={tmp_path / 'secret'}"]
    subprocess.run([sys.executable, "-m", "jupyter", "trust", *notary,
                    str(served / "notebooks" / path.name)], check=True, capture_output=True)
    settings = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)  # every cell in the page, so the quiz can be scrolled to
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    errors: list[str] = []
    with jupyterlab(served, tmp_path, *notary,
                    f"--LabApp.user_settings_dir={tmp_path / 'settings'}") as (base, token), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?token={token}&reset",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(".Quiz", state="attached", timeout=60_000)
        expected, shown = click_wrong_answer(page, path.stem)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"quiz-lab-{path.stem}.png"))
        n_questions = page.locator(".Quiz").count()
        browser.close()
    assert expected in shown, f"no feedback after a click: {shown[:300]}"
    assert n_questions == len(quiz.load(path.stem))
    assert not [e for e in errors if "quiz" in e.lower()], errors


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_quiz_answers_in_the_handout(tmp_path_factory, path):
    """Opened from disk with no kernel and no network: click, read the feedback."""
    chromium()
    from playwright.sync_api import sync_playwright

    out = tmp_path_factory.mktemp("handout")
    page_path = classroom.build_handouts(out, [path])[0]
    html = page_path.read_text(encoding="utf-8")
    for q in quiz.load(path.stem):
        assert all(a["feedback"] not in html for a in q["answer"]), "readable answer data"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(page_path.as_uri())
        page.wait_for_selector(".Quiz", state="attached", timeout=30_000)
        expected, shown = click_wrong_answer(page, path.stem)
        n_questions = page.locator(".Quiz").count()
        browser.close()
    assert expected in shown
    assert n_questions == len(quiz.load(path.stem))


@pytest.mark.browser
def test_quiz_answers_in_the_offline_slides(tmp_path):
    """The deck shows the quiz (its code hidden) on its own slide; a click gives feedback."""
    chromium()
    if not (classroom.REVEAL_PACKAGE / "dist" / "reveal.js").exists():
        pytest.skip("reveal.js is not installed: run `make slides` once (needs npm)")
    from playwright.sync_api import sync_playwright

    path = NOTEBOOKS[0]
    deck = classroom.build_slides(tmp_path, [path])[0]
    assert "display_quiz" not in deck.read_text(encoding="utf-8"), "quiz code is hidden"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        page.goto(deck.as_uri())
        page.wait_for_selector(".Quiz", state="attached", timeout=30_000)
        page.evaluate("""() => { const ix = Reveal.getIndices(
            document.querySelector('.Quiz').closest('section')); Reveal.slide(ix.h, ix.v); }""")
        page.wait_for_timeout(800)
        expected, shown = click_wrong_answer(page, path.stem)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"quiz-slides-{path.stem}.png"))
        browser.close()
    assert expected in shown


def test_each_notebook_s_quiz_box_has_its_own_element_id():
    """Two notebooks open in one JupyterLab share a page: with the same random seed their
    quiz boxes had the same id, and one drew its questions into the other's box (student
    review: 15 questions in notebook 02, a JavaScript error in 01)."""
    ids = {}
    for path in NOTEBOOKS:
        html = "".join("".join(o["data"]["text/html"]) for o in quiz_outputs(path)
                       if "text/html" in o.get("data", {}))
        found = re.findall(r'<div id="([^"]+)"', html)
        assert found, path.name
        ids[path.name] = found[0]
    assert len(set(ids.values())) == len(ids), ids
