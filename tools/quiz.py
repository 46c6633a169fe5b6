"""Self-check quizzes: questions in notebooks/quizzes/*.toml, drawn by jupyterquiz.

One TOML file per notebook (``notebooks/quizzes/<notebook stem>.toml``)::

    [[question]]
    objective = 3                     # number of the objective in the notebook's Overview
    references = ["kim2018"]          # keys in anatomy/data/references.toml ([] = the kit)
    question = "..."
    [[question.answer]]
    text = "..."
    correct = true                    # exactly one correct answer
    feedback = "..."                  # every answer explains itself, wrong ones say why

In a notebook the quiz is two cells (``quiz_cells``): a short markdown introduction and a
collapsed code cell that holds the questions base64-encoded, so no answer is readable
in the page, and calls ``jupyterquiz.display_quiz`` on them. Its stored
output (HTML + JavaScript) draws the quiz without a kernel in a trusted notebook
(``make lab`` trusts the kit's notebooks), in the handouts and in the offline slides.

``python tools/quiz.py bank`` writes the printable quiz bank with its answer key
(``docs/quiz_bank.md``), generated from the same files so it never drifts.
"""

from __future__ import annotations

import base64
import json
import sys
import tomllib
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools.nbtools import code, md  # noqa: E402

QUIZ_DIR = ROOT / "notebooks" / "quizzes"
BANK = ROOT / "docs" / "quiz_bank.md"
MIN_QUESTIONS = 6
LETTERS = "ABCDEFGH"
QUESTION_KEYS = {"objective", "references", "question", "answer"}
ANSWER_KEYS = {"text", "correct", "feedback"}


def quiz_path(stem: str) -> Path:
    """The question file of the notebook ``stem`` (e.g. ``"00_start_here"``)."""
    return QUIZ_DIR / f"{stem}.toml"


def stems() -> list[str]:
    """Every notebook that has a quiz file, in order."""
    return sorted(p.stem for p in QUIZ_DIR.glob("*.toml"))


def load(stem: str) -> list[dict]:
    """The validated questions of one notebook, as read from its TOML file.

    Raises
    ------
    FileNotFoundError
        No quiz file for ``stem``; the message lists the notebooks that have one.
    ValueError
        A question or answer is malformed; the message names it and what is expected.
    """
    path = quiz_path(stem)
    if not path.exists():
        raise FileNotFoundError(f"No quiz for {stem!r} ({path}); quizzes exist for: "
                                f"{', '.join(stems()) or 'none'}")
    questions = tomllib.loads(path.read_text(encoding="utf-8")).get("question", [])
    if len(questions) < MIN_QUESTIONS:
        raise ValueError(f"{path.name}: {len(questions)} questions, at least {MIN_QUESTIONS} "
                         "are needed")
    for k, q in enumerate(questions, 1):
        where = f"{path.name}, question {k}"
        if set(q) != QUESTION_KEYS:
            raise ValueError(f"{where}: keys {sorted(set(q))}; expected "
                             f"{sorted(QUESTION_KEYS)}")
        if not isinstance(q["objective"], int) or q["objective"] < 1:
            raise ValueError(f"{where}: objective {q['objective']!r} is not an objective "
                             "number (1, 2, ...)")
        answers = q["answer"]
        if len(answers) < 2:
            raise ValueError(f"{where}: {len(answers)} answers; at least 2 are needed")
        for j, a in enumerate(answers, 1):
            if set(a) != ANSWER_KEYS:
                raise ValueError(f"{where}, answer {j}: keys {sorted(set(a))}; expected "
                                 f"{sorted(ANSWER_KEYS)}")
            if not str(a["feedback"]).strip():
                raise ValueError(f"{where}, answer {j}: empty feedback; every answer must "
                                 "explain itself")
        n_correct = sum(a["correct"] is True for a in answers)
        if n_correct != 1:
            raise ValueError(f"{where}: {n_correct} correct answers; exactly one is needed")
    return questions


def shown_answers(question: dict) -> list[dict]:
    """A question's answers in the order students see them (and the bank prints them).

    The files list the correct answer first, which is easy to write and to review; shown
    in that order it would always be A. The order is rotated by a checksum of the
    question's text, so it is the same on every build and in every output.
    """
    answers = question["answer"]
    shift = zlib.crc32(question["question"].encode("utf-8")) % len(answers)
    return answers[shift:] + answers[:shift]


def jupyterquiz_questions(stem: str) -> list[dict]:
    """The questions in jupyterquiz's JSON format (multiple choice, feedback per answer)."""
    return [{"question": q["question"], "type": "multiple_choice",
             "answers": [{"answer": a["text"], "correct": a["correct"],
                          "feedback": a["feedback"]} for a in shown_answers(q)]}
            for q in load(stem)]


def encoded(stem: str) -> str:
    """The questions as base64 JSON: what the page holds, so no answer reads as text."""
    text = json.dumps(jupyterquiz_questions(stem), ensure_ascii=True, separators=(",", ":"))
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def element_id(stem: str) -> str:
    """Id (and class) of the hidden element that holds a notebook's questions."""
    return f"kit-quiz-{stem[:2]}"


def quiz_cells(path: str) -> list:
    """The quiz of the notebook at ``path`` (``notebooks/<stem>.ipynb``) as two cells.

    The collapsed code cell holds the questions as base64. Its stored output is
    jupyterquiz's quiz box and script, with one line put in front of the script that
    adds the encoded questions to the page as a hidden element, which jupyterquiz then
    reads (``display_quiz('#id')``). The element is made by the script itself because
    JupyterLab renders outputs asynchronously (an element in an earlier output may not
    be in the page yet) and its Markdown sanitiser renames ids.
    """
    stem = Path(path).stem
    n = len(load(stem))
    ident = element_id(stem)
    intro = md(
        f"## Self-check quiz\n\n{n} questions on this notebook. Click an answer: each one "
        "tells you why it is right or wrong. Scroll down for the next question. "
        "<span class=\"kit-lab-only\">In JupyterLab, run "
        "the collapsed cell below to show the quiz. (It shows by itself in the handouts, and "
        "in notebooks opened with <code>make lab</code>, which trusts them.)</span>",
        slide="slide", tags=["quiz"])
    # a short first line: a collapsed cell shows it, and at 1024 px the long one widened
    # the whole notebook into a sideways scroll (a student's review)
    src = ("# Self-check quiz, drawn by jupyterquiz.\n"
           f"# Questions: notebooks/quizzes/{stem}.toml, encoded so\n"
           "# that no answer can be read before it is clicked.\n"
           "import random\n\n"
           "from IPython.display import display\n"
           "from IPython.utils.capture import capture_output\n"
           "from jupyterquiz import display_quiz\n\n"
           f'QUIZ = "{encoded(stem)}"\n'
           f'ADD = ("document.getElementById(\'{ident}\') || document.body.insertAdjacentHTML("\n'
           f"       f\"'beforeend', '<span id=\\\"{ident}\\\" hidden>{{QUIZ}}</span>');\\n\")\n"
           # fixed element ids, one set per notebook: every run stores the same output, and
           # two notebooks open in one JupyterLab (seed 0 for both) drew into each other's box
           f'random.seed("{stem}")  # fixed ids, its own per notebook: the same every run\n'
           "with capture_output() as quiz:\n"
           f"    display_quiz('#{ident}', shuffle_answers=False)\n"
           "box, script = quiz.outputs\n"
           "display(box)\n"
           "display({'application/javascript': ADD + script.data['application/javascript'],\n"
           "         'text/plain': '[Self-check quiz: run this cell (Shift-Enter) to show it]'},\n"
           "        raw=True)")
    return [intro, code(src, slide="-", tags=["quiz"], hide_input=True)]


def bank_markdown() -> str:
    """The printable quiz bank: every question with lettered answers, then the key."""
    from tools.nbtools import NOTEBOOKS

    titles = {Path(f).stem: t for f, t in NOTEBOOKS}
    lines = ["# Quiz bank with answer key", "",
             "Generated from `notebooks/quizzes/*.toml` by `python tools/quiz.py bank` "
             "(tested: it never drifts from the quizzes in the notebooks). Print the "
             "questions for a class; the key with the feedback for each answer follows. "
             "*Objective* is the number of the learning objective in the notebook's "
             "Overview (see `docs/instructor_guide.md`).", ""]
    key = ["## Answer key", ""]
    for stem in stems():
        title = titles.get(stem, stem)
        lines += [f"## {stem}: {title}", ""]
        key += [f"### {stem}", ""]
        for k, q in enumerate(load(stem), 1):
            lines += [f"**Q{stem[:2]}.{k}** (objective {q['objective']}) {q['question']}", ""]
            answers = shown_answers(q)
            lines += [f"- {LETTERS[j]}. {a['text']}" for j, a in enumerate(answers)]
            lines.append("")
            right = next(j for j, a in enumerate(answers) if a["correct"])
            refs = ", ".join(q["references"]) or "the kit's model"
            key.append(f"**Q{stem[:2]}.{k}: {LETTERS[right]}.** "
                       f"{answers[right]['feedback']} *Sources:* {refs}.")
            key += [f"  - {LETTERS[j]}: {a['feedback']}" for j, a in enumerate(answers)
                    if not a["correct"]]
            key.append("")
    return "\n".join(lines + key).rstrip("\n") + "\n"


def main(argv: list[str]) -> None:
    if argv != ["bank"]:
        raise SystemExit("usage: python tools/quiz.py bank")
    BANK.parent.mkdir(exist_ok=True)
    BANK.write_text(bank_markdown(), encoding="utf-8")
    print(f"wrote {BANK.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
