"""In the classroom: offline slides, offline handouts, student copies, conda file (live RISE
slideshows are measured in tests/test_slides.py).

Slides, handouts and student copies are built once per session into a temporary folder.
Browser tests open them from disk in headless Chromium with every non-file request
blocked; they skip with a reason when Chromium (or reveal.js for the slides) is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import classroom  # noqa: E402
from tools.browser import CHROMIUM, FLAGS  # noqa: E402

NOTEBOOKS = classroom.notebooks()
ARTIFACTS = ROOT / "test-artifacts"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# src/href of anything a page would fetch (links in <a> are not fetched)
FETCHED = re.compile(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*?"
                     r"(?:src|href)=[\"']([^\"']+)[\"']", re.I)


def stored_plots(path: Path) -> int:
    return sum(classroom.PLOTLY_MIME in out.get("data", {})
               for cell in json.loads(path.read_text())["cells"]
               for out in cell.get("outputs", []))


@pytest.fixture(scope="session")
def handouts(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("handouts")
    return {p.stem: p for p in classroom.build_handouts(out)}


@pytest.fixture(scope="session")
def slides(tmp_path_factory) -> dict[str, Path]:
    if not (classroom.REVEAL_PACKAGE / "dist" / "reveal.js").exists():
        if shutil.which("npm") is None:
            pytest.skip("reveal.js is not installed and npm is missing: install Node.js and "
                        "run `make slides` once")
    out = tmp_path_factory.mktemp("slides")
    try:
        return {p.name.removesuffix(".slides.html"): p for p in classroom.build_slides(out)}
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"reveal.js could not be installed from npm ({exc})")


@pytest.fixture(scope="session")
def students(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("student")
    return {p.stem: p for p in classroom.build_student(out)}


# ----------------------------------------------------------------------------- handouts

def test_one_handout_per_notebook(handouts):
    assert sorted(handouts) == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_is_self_contained_and_within_budget(handouts, path):
    page = handouts[path.stem]
    text = page.read_text(encoding="utf-8")
    assert page.stat().st_size < classroom.HANDOUT_BUDGET
    external = [u for u in FETCHED.findall(text) if not u.startswith("data:")]
    assert not external, f"{page.name} fetches {external[:5]}"
    n = stored_plots(path)
    assert text.count('class="kit-plotly"') == n
    assert text.count("plotly.js (gl3d - minified) v") == (1 if n else 0), \
        "the gl3d plotly.js bundle, embedded once per page"
    assert not UUID.search(text), "random ids in the handout"
    assert "Instructor notes." not in text
    # the quiz's JupyterLab instruction ("run the collapsed cell below") stays off a page,
    # where the quiz shows by itself (its words had slipped out of their hiding span)
    assert "kit-lab-only" not in text and "run the collapsed cell" not in text


def image_alts(page: str) -> list[str]:
    """The alt attribute of every <img> on a page, in order."""
    alts = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                alts.append(dict(attrs).get("alt") or "")

    Images().feed(page)
    return alts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_keeps_text_tables_and_static_figures(handouts, path):
    nb = nbformat.read(path, as_version=4)
    text = handouts[path.stem].read_text(encoding="utf-8")
    h1 = next(line for c in nb.cells if c.cell_type == "markdown"
              for line in c.source.splitlines() if line.startswith("# "))
    assert h1[2:].split(":")[0] in text
    pngs = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert text.count("data:image/png;base64,") >= pngs
    # every figure keeps its own alt text (nbconvert alone writes a placeholder)
    alts = [o["metadata"]["image/png"]["alt"] for c in nb.cells for o in c.get("outputs", [])
            if o.get("metadata", {}).get("image/png", {}).get("alt")]
    assert image_alts(text) == alts
    tables = sum("<table" in "".join(o.get("data", {}).get("text/html", ""))
                 for c in nb.cells for o in c.get("outputs", []))
    assert text.count("<table") >= tables



class TextOutsideDetails(HTMLParser):
    """The visible text of a page, split into what lies inside a <details> element (and
    so stays folded until clicked) and what lies outside one."""

    SKIP = {"script", "style", "summary"}

    def __init__(self):
        super().__init__()
        self.depth = self.skip = 0
        self.inside: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "details"
        self.skip += tag in self.SKIP

    def handle_endtag(self, tag):
        self.depth -= tag == "details" and self.depth > 0
        self.skip -= tag in self.SKIP and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            (self.inside if self.depth else self.outside).append(data)


def words(text: str) -> str:
    return " ".join(text.split())


def answer_snippets(nb) -> list[str]:
    """A few words of every answer and solution of a notebook, as a page shows them, and
    the first filled-in finding of each case (the handout showed them open above each
    case's "decide first" result: student review)."""
    from nbconvert.filters import markdown2html

    snippets = []
    for cell in nb.cells:
        if "findings-template" in classroom.tags(cell):  # a case's findings, filled in
            filled = [line for line in cell.source.splitlines()
                      if ": " in line and "..." not in line and "#" not in line]
            snippets += [words(line) for line in filled[:1]]  # a student's blank: none
            continue
        if "solution" not in classroom.tags(cell):
            continue
        if cell.cell_type == "markdown":
            body = classroom.ANSWER.match(cell.source)["body"]
            parser = TextOutsideDetails()
            parser.feed(markdown2html(body))
            text = words("".join(parser.outside))
        else:  # solution code: its last line (the first is the "click to reveal" note)
            text = words(cell.source.splitlines()[-1])
            snippets += [words("".join(o["text"]))[:60] for o in cell.get("outputs", [])
                         if o["output_type"] == "stream"]  # and what it prints
        snippets.append(" ".join(text.split()[:8]))
    return snippets


def test_the_answer_check_sees_an_unfolded_answer():
    parser = TextOutsideDetails()
    parser.feed("<p>Question?</p><details><summary>Show</summary><p>Hidden 22 mm</p>"
                "</details><p>About 20 mm lateral</p>")
    assert words("".join(parser.outside)) == "Question?About 20 mm lateral"
    assert words("".join(parser.inside)) == "Hidden 22 mm"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_cells_keep_unique_valid_ids(path):
    """A handout's added cells (a case's blank findings) have ids of their own: nbconvert
    gave a repeated id a random one, and the handout changed from run to run."""
    nb = nbformat.read(classroom.handout_source(path), as_version=4)
    reading, _ = classroom.handout_notebook(nb)
    ids = [c.id for c in reading.cells]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    nbformat.validate(reading)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_keeps_every_answer_inside_its_details(handouts, path):
    """Every answer and solution is folded: none of its text shows before a click."""
    nb = nbformat.read(classroom.handout_source(path), as_version=4)
    assert classroom.handout_source(path) != path, "handouts come from instructor versions"
    snippets = answer_snippets(nb)
    assert snippets, f"{path.name} has no answers"
    parser = TextOutsideDetails()
    parser.feed(handouts[path.stem].read_text(encoding="utf-8"))
    outside, inside = words("".join(parser.outside)), words("".join(parser.inside))
    for snippet in snippets:
        assert snippet not in outside, f"{path.stem}: answer text outside <details>: {snippet}"
        assert snippet in inside, f"{path.stem}: answer missing from the handout: {snippet}"
    n_answers = sum(c.cell_type == "markdown" and "solution" in classroom.tags(c)
                    for c in nb.cells)
    n_folded = sum(bool({"solution", "verdict", "findings-template"} & classroom.tags(c))
                   and classroom.FINDINGS_CHECK not in classroom.tags(c) for c in nb.cells)
    # a page cannot compare a reader's findings with the kit's: that check goes
    assert "compare_findings(my_findings" not in handouts[path.stem].read_text(
        encoding="utf-8")
    folded = handouts[path.stem].read_text(encoding="utf-8").count(
        '<details class="kit-solution">')
    assert folded == n_folded >= n_answers


class SlideTexts(HTMLParser):
    """The visible text of each slide of a reveal.js deck (innermost <section>), in order."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__()
        self.stack: list[int] = []
        self.slides: list[str] = []
        self.plates: dict[int, str] = {}  # slide -> alt text of its exercise's plate
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.slides.append("")
            self.stack.append(len(self.slides) - 1)
        attrs = dict(attrs)
        if tag == "img" and attrs.get("class") == "kit-slide-plate" and self.stack:
            self.plates[self.stack[-1]] = attrs.get("alt", "")
        self.skip += tag in self.SKIP

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.stack.pop()
        self.skip -= tag in self.SKIP and self.skip > 0

    def handle_data(self, data):
        if self.stack and not self.skip:
            self.slides[self.stack[-1]] += data


def test_slide_texts_split_a_deck_by_its_innermost_sections():
    parser = SlideTexts()
    parser.feed("<section><section><h3>Q</h3><p>Ask</p></section>"
                "<section><h3>Exercise 1: the answer</h3><p>Yes</p></section></section>")
    assert [words(s) for s in parser.slides if s.strip()] == ["QAsk", "Exercise 1: the answerYes"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_slides_show_each_answer_on_a_slide_of_its_own(slides, path):
    """A deck shows an answer on a subslide after its question ("Exercise 2: the
    answer"), never on the question's slide: opened under its question it ran past the
    slide's foot (slide review 17). A solution's code stays off the slides."""
    nb = nbformat.read(classroom.handout_source(path), as_version=4)
    parser = SlideTexts()
    parser.feed(slides[path.stem].read_text(encoding="utf-8"))
    texts = [words(t) for t in parser.slides]
    exercises = [words(c.source.splitlines()[0].lstrip("# ")) for c in nb.cells
                 if "exercise" in classroom.tags(c)]
    assert exercises
    for name in exercises:  # the question's slide, then its answer slides
        asked = next(i for i, t in enumerate(texts) if t.startswith(name))
        label = re.match(r"(Case \d+|Exercise \d+)", name)[1]
        assert any(t.startswith(f"{label}: the ") for t in texts[asked + 1:]), name
    for cell in nb.cells:
        if "solution" not in classroom.tags(cell):
            continue
        if cell.cell_type == "code":
            assert words(cell.source.splitlines()[-1]) not in " ".join(texts), cell.source
            continue
        from nbconvert.filters import markdown2html

        rendered = TextOutsideDetails()
        rendered.feed(markdown2html(classroom.ANSWER.match(cell.source)["body"]))
        snippet = " ".join(words("".join(rendered.outside)).split()[:6])
        shown = [t for t in texts if snippet in t]
        assert shown, f"{path.stem}: answer missing from the deck: {snippet}"
        assert all(re.match(r"(Case \d+|Exercise \d+): the ", t) for t in shown), snippet


def test_case_steps_show_the_story_they_ask_about(slides):
    """Deck 03's case steps: the screen's prompt stands under the story, and the decision,
    three slides on, tells the story again (slide reviews 18 and 19: the story was off
    screen while the class decided)."""
    from anatomy import headaches

    path = next(p for p in NOTEBOOKS if p.stem.startswith("03"))
    parser = SlideTexts()
    parser.feed(slides[path.stem].read_text(encoding="utf-8"))
    texts = [words(t) for t in parser.slides]
    stories = {row.title: words(row.story) for row in headaches.vignettes().itertuples()}
    decided = 0
    for k, text in enumerate(texts):
        case = next((m for t in stories if (m := re.match(rf"(Case \d+): {re.escape(t)}",
                                                          text))), None)
        if case:
            story = stories[text[len(case[1]) + 2:case.end()]]
            assert story in text and "Screen first:" in text, text[:80]
            decide = next(t for t in texts[k + 1:] if t.startswith(f"{case[1]}: now decide"))
            assert story in decide, decide[:80]
            decided += 1
    assert decided >= 6, decided


# the first words of each slide plate's alt text (tools.slide_material.PLATES)
PLATE_ALTS = {"territory_side_back": "Two shaded drawings of the head (right lateral, posterior)",
              "pain_drawings": "Pain drawings for the exercise"}


def test_an_exercise_shows_on_its_slide_the_table_it_works_on(slides):
    """An exercise that works on a table the deck skips shows its material on the
    question's slide, built from the same data records (slide review 18: "Filter the
    table", with no table on screen); material that answers a prediction comes on a
    slide of its own before the answer (slide review 19: deck 03, Exercise 1)."""
    from nbconvert.filters import markdown2html

    from tools import slide_material

    named = []
    for path in NOTEBOOKS:
        parser = SlideTexts()
        parser.feed(slides[path.stem].read_text(encoding="utf-8"))
        texts = [words(t) for t in parser.slides]
        for cell in nbformat.read(path, as_version=4).cells:
            name = cell.metadata.get("kit_slides")
            if not name:
                continue
            named.append(name)
            question = words(cell.source.splitlines()[0].lstrip("# "))
            at = next(k for k, t in enumerate(texts) if t.startswith(question))
            if name in slide_material.PLATES:
                # the figure the exercise works on, above its questions (slide review 25:
                # "Look at the territory figure" with no figure on screen)
                assert parser.plates.get(at, "").startswith(PLATE_ALTS[name])
                last = cell.source.strip().splitlines()[-1]  # the last question
                last = re.sub(r"^\d+\. ", "", last)  # a numbered question: its text
                assert words(last) in texts[at], (path.stem, last)
                continue
            shown = TextOutsideDetails()
            shown.feed(markdown2html(slide_material.material(name)))
            text = words("".join(shown.outside))
            if name in slide_material.AFTER_PREDICTION:
                # it answers the prediction: not under the question, but on a slide of its
                # own between the question and its answer
                answer = next(k for k, t in enumerate(texts)
                              if t.startswith(f"{question}: the answer"))
                assert text not in texts[at], (path.stem, name)
                check = [t for t in texts[at + 1:answer] if text in t]
                assert check and check[0].startswith(f"{question}, check your prediction."), (
                    path.stem, name)
            else:
                assert text in texts[at], (path.stem, name)
    assert sorted(named) == sorted([*slide_material.MATERIAL, *slide_material.PLATES])


def test_slide_material_comes_from_the_data_records():
    from anatomy import headaches
    from tools import slide_material

    options = headaches.management_options().set_index("option")
    note = options.loc["Pulsed radiofrequency", "evidence_note"]
    assert note in slide_material.material("pulsed_rf_evidence")
    listed = slide_material.material("secondary_causes").splitlines()
    assert [x.removeprefix("- ") for x in listed if x.startswith("- ")] == list(
        headaches.differential("secondary")["name"])
    table = slide_material.material("block_and_toxin")
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert [r.split(" | ")[0] for r in rows] == [
        "| Local anaesthetic nerve block (with or without steroid)", "| Botulinum toxin"]
    assert "neurotoxin" in rows[1]
    for name, condition in (("on_criteria", "occipital_neuralgia"),
                            ("migraine_criteria", "migraine_without_aura"),
                            ("chronic_migraine_criteria", "chronic_migraine")):
        criteria = slide_material.material(name)
        code = headaches.load_headaches()["conditions"][condition]["ichd3_code"]
        assert f"ICHD-3 {code}," in criteria.splitlines()[0]
        for key, text in headaches.criteria_table(condition)["text"].items():
            assert f"| {key} | {text} |" in criteria
    side = headaches.comparison_table().loc["laterality"]
    assert all(text in slide_material.material("side_row") for text in side)
    with pytest.raises(ValueError, match="'cure'.*block_and_toxin.*secondary_causes"):
        slide_material.material("cure")


def test_an_exercise_shows_its_plate_above_its_questions():
    """An exercise that names a plate shows it, drawn for the slide, under its heading
    and above its questions, with its alt text; an unknown plate is an error that names
    the choices."""
    from tools import slide_material

    question = nbformat.v4.new_markdown_cell("### Exercise 2\n\nLook at the figure.",
                                             metadata={"kit_slides": "territory_side_back"})
    question.id = "q"
    nb = nbformat.v4.new_notebook(cells=[question])
    assert slide_material.add_slide_material(nb) == 1
    heading, img, rest = nb.cells[0].source.split("\n\n")
    assert heading == "### Exercise 2" and rest == "Look at the figure."
    assert img.startswith('<img class="kit-slide-plate" alt="Two shaded drawings of the '
                          'head (right lateral, posterior)')
    assert 'src="data:image/png;base64,iVBOR' in img
    # the slide checks measure its labels on screen (review 26: 10 px, unmeasured)
    assert float(re.search(r'data-text-px="([\d.]+)"', img)[1]) > 10
    with pytest.raises(ValueError, match="'cure'.*territory_side_back"):
        slide_material.plate_above(question, "cure")


def test_a_plate_that_repeats_the_figure_before_it_replaces_that_slide():
    """Deck 02's Exercise 3 shows the four pain drawings above its question (review 28a:
    text only, the drawings a slide back); the figure slide just before it, the same
    drawings, is left off the deck. The territory plate's figure slide stays: it shows
    more views than its exercise's plate."""
    from tools import slide_material

    def deck(plate, call, between=None):
        figure = nbformat.v4.new_code_cell(call, metadata={"slideshow": {
            "slide_type": "subslide"}})
        summary = nbformat.v4.new_markdown_cell("*Figure 4. Text summary:* ...", metadata={
            "slideshow": {"slide_type": "skip"}})
        question = nbformat.v4.new_markdown_cell("### Exercise 3\n\nWhich fits?",
                                                 metadata={"kit_slides": plate})
        cells = [figure, summary, *([between] if between else []), question]
        for k, cell in enumerate(cells):
            cell.id = f"c{k}"
        nb = nbformat.v4.new_notebook(cells=cells)
        slide_material.add_slide_material(nb)
        return nb.cells[0].metadata["slideshow"]["slide_type"], nb.cells[-1].source

    shown, source = deck("pain_drawings", "pain_views.drawing_plate(scale=0.9)")
    assert shown == "skip"
    assert 'class="kit-slide-plate" alt="Pain drawings for the exercise' in source
    assert deck("territory_side_back", "pain_views.territory_plate('right')")[0] == "subslide"
    # a slide of text between them: the figure belongs to another slide, and stays
    heading = nbformat.v4.new_markdown_cell("## 7. Next", metadata={"slideshow": {
        "slide_type": "slide"}})
    assert deck("pain_drawings", "pain_views.drawing_plate()", heading)[0] == "subslide"


def test_deck_02_shows_the_pain_drawings_once_on_the_exercise_slide(slides):
    parser = SlideTexts()
    parser.feed(slides["02_pain_referral_hot_spots"].read_text(encoding="utf-8"))
    drawn = [i for i, alt in parser.plates.items()
             if alt.startswith("Pain drawings for the exercise")]
    assert len(drawn) == 1 and words(parser.slides[drawn[0]]).startswith("Exercise 3")
    html_text = slides["02_pain_referral_hot_spots"].read_text(encoding="utf-8")
    assert html_text.count('alt="Pain drawings for the exercise') == 1


def test_material_after_a_prediction_needs_an_answer():
    """Material that answers a prediction waits for the exercise's solution; an exercise
    without one is an error, not a deck that silently drops it."""
    from tools import slide_material

    question = nbformat.v4.new_markdown_cell("### Exercise 1\n\nPredict.",
                                             metadata={"kit_slides": "side_row"})
    question.id = "q"
    answer = nbformat.v4.new_markdown_cell("Because.", metadata={"tags": ["solution"]})
    nb = nbformat.v4.new_notebook(cells=[question, answer])
    assert slide_material.add_slide_material(nb) == 1
    assert [c.id for c in nb.cells][1] == "q-material" and nb.cells[2] is answer
    assert nb.cells[1].metadata["slideshow"]["slide_type"] == "subslide"
    lone = nbformat.v4.new_notebook(cells=[question])
    with pytest.raises(ValueError, match="'q-material'.*solution"):
        slide_material.add_slide_material(lone)


def test_screen_tables_name_their_rows_by_flag():
    """A case's screen table is indexed by flag: row numbers 0, 1 meant nothing on a
    slide (slide review 18)."""
    nb = nbformat.read(classroom.handout_source(ROOT / "notebooks/03_headache_comparison.ipynb"),
                       as_version=4)
    tables = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
              and "red_flag_screen(findings)" in c.source for o in c.get("outputs", [])
              if "text/html" in o.get("data", {})]
    assert tables
    from anatomy import headaches

    flags = set(headaches.red_flags()["flag"])
    for table in tables:
        rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', table)
        assert rows and set(rows) <= flags, rows


def test_table_headers_read_as_words_on_slides_only(slides):
    """A slide writes the tables' column and row names in words ("not_/met" wrapped at its
    underscore: slide review 19); the notebook keeps the names students index by."""
    assert classroom.header_words("ichd3_code") == "ICHD-3 code"
    assert classroom.header_words("tension_type") == "tension-type"
    assert classroom.header_words("migraine_without_aura") == "migraine without aura"
    deck = slides["05_differential_diagnosis"].read_text(encoding="utf-8")
    headers = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", deck,
                                                              re.S)]
    assert {"ICHD-3 code", "not met", "occipital neuralgia", "neck-tongue"} <= set(headers)
    assert not [h for h in headers if "_" in h]
    source = nbformat.read(classroom.handout_source(
        ROOT / "notebooks/05_differential_diagnosis.ipynb"), as_version=4)
    stored = "".join("".join(o.get("data", {}).get("text/html", "")) for c in source.cells
                     for o in c.get("outputs", []))
    assert "not_<wbr>met" in stored  # the notebook's own table is unchanged


def test_the_screen_sentence_is_text_not_code_font(slides):
    """A case's screen says its result in a sentence in the slide's own font (it printed in
    a code font: slide review 19)."""
    deck = slides["05_differential_diagnosis"].read_text(encoding="utf-8")
    assert "RED FLAG: Recent onset of a new headache" in deck
    assert not re.search(r"<pre>\s*RED FLAG", deck)


def test_links_to_the_glossary_work_from_handouts_and_slides(handouts, slides):
    for page in (handouts["00_start_here"], slides["00_start_here"]):
        links = re.findall(r'href="(\.\./[^"#]+)"', page.read_text(encoding="utf-8"))
        assert links, f"{page.name} has no relative link"
        for link in links:  # as if the page were built in build/handouts/ or build/slides/
            assert (ROOT / "build" / "x" / link).resolve().exists(), (page.name, link)


def test_a_malformed_answer_is_a_clear_error():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("The answer is 22 mm.",
                                              metadata={"tags": ["solution"]})]
    with pytest.raises(ValueError, match="not one <details> element"):
        classroom.fold_answers(nb)

def test_plotly_outputs_get_fixed_ids():
    nb = nbformat.v4.new_notebook()
    fig = {"data": [{"type": "scatter3d", "x": [1], "y": [2], "z": [3]}], "layout": {}}
    out = nbformat.v4.new_output("execute_result", data={
        classroom.PLOTLY_MIME: fig, "text/plain": "[Interactive 3D figure] a dot </script>"})
    nb.cells = [nbformat.v4.new_markdown_cell("x"), nbformat.v4.new_code_cell("f", outputs=[out])]
    assert classroom.convert_plotly_outputs(nb) == 1
    data = nb.cells[1].outputs[0]["data"]
    assert classroom.PLOTLY_MIME not in data
    assert 'id="kit-plot-1-0"' in data["text/html"]
    assert "</script>" not in data["text/html"].split("<script>", 1)[1][:-10]
    assert data["text/plain"].startswith("[Interactive 3D figure]")


def test_plotly_bundle_matches_the_python_package():
    from plotly.offline import get_plotlyjs_version

    head = classroom.plotly_js_path().read_text(encoding="utf-8")[:300]
    assert f"plotly.js (gl3d - minified) v{get_plotlyjs_version()}" in head
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert pinned["plotly.js-gl3d-dist-min"] == get_plotlyjs_version()


def test_a_trace_outside_the_bundle_is_a_clear_error():
    fig = {"data": [{"type": "scatter3d"}, {"type": "sankey"}]}
    with pytest.raises(ValueError, match=r"'sankey'.*valid: scatter, scatter3d"):
        classroom.check_traces(fig)
    classroom.check_traces({"data": [{"type": "mesh3d"}, {}]})  # no type: scatter


# ------------------------------------------------------------------------------- slides

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_slides_use_local_reveal_and_plotly(slides, path):
    deck = slides[path.stem]
    text = deck.read_text(encoding="utf-8")
    fetched = FETCHED.findall(text)
    assert all(not u.startswith(("http:", "https:", "//")) for u in fetched), fetched
    for url in fetched:
        if not url.startswith("data:"):
            assert (deck.parent / url).exists(), f"{deck.name} needs {url}"
    assert f"{classroom.REVEAL_DIR}/dist/reveal.js" in fetched
    assert classroom.PLOTLY_JS in fetched
    assert text.count('class="kit-plotly"') == stored_plots(path)
    assert not UUID.search(text)
    assert "No description has been provided" not in text  # figures keep their alt text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_instructor_notes_become_speaker_notes(slides, path):
    nb = nbformat.read(path, as_version=4)
    n_notes = sum(c.metadata.get("slideshow", {}).get("slide_type") == "notes"
                  for c in nb.cells)
    text = slides[path.stem].read_text(encoding="utf-8")
    assert text.count('<aside class="notes">') == n_notes


def test_reveal_is_pinned_and_not_committed():
    pkg = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = pkg["dependencies"]["reveal.js"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact reveal.js version"
    assert lock["packages"]["node_modules/reveal.js"]["version"] == version
    assert "node_modules/" in (ROOT / ".gitignore").read_text().split()


# ------------------------------------------------------------------------------ student

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_copy_has_no_solutions(students, path):
    """No solution code and no answer; every code exercise keeps the blank cell of the
    student's own that came before its solution."""
    original = nbformat.read(path, as_version=4)
    copy = nbformat.read(students[path.stem], as_version=4)
    nbformat.validate(copy)
    assert not any("solution" in classroom.tags(c) for c in copy.cells)
    assert not any("<details>" in c.source for c in copy.cells if c.cell_type == "markdown")
    assert not any("instructor-notes" in classroom.tags(c) for c in copy.cells)
    own = {c.id for c in copy.cells if "your-work" in classroom.tags(c)
           and c.cell_type == "code"}
    for k, cell in enumerate(original.cells):
        if "solution" in classroom.tags(cell) and cell.cell_type == "code":
            task = max(j for j in range(k) if "exercise" in classroom.tags(original.cells[j]))
            blanks = [c.id for c in original.cells[task:k] if c.id in own]
            assert blanks, f"{path.stem}: the exercise before cell {k} has no blank"
    exercises = sum("exercise" in classroom.tags(c) for c in original.cells)
    assert sum("exercise" in classroom.tags(c) for c in copy.cells) == exercises


@pytest.mark.slow
def test_student_copy_runs_top_to_bottom_and_shows_no_answer(students):
    """Run All, as a student does it first: every cell runs without an error (no
    placeholder stops it), and the verdicts, guarded, show nothing (notebook 03: its
    cases' screens and checkers once printed every verdict under its question)."""
    from nbclient import NotebookClient

    from tools.nbtools import IPCKernelManager

    nb = nbformat.read(students["03_headache_comparison"], as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "the copy is not numbered 1..n"
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                   kernel_manager_class=IPCKernelManager,
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a cell did not run"
    verdicts = [c for c in code if "verdict" in classroom.tags(c)]
    assert verdicts and all(c.outputs == [] for c in verdicts)

# ----------------------------------------------------------------------- conda / Binder

def test_environment_yml_is_a_valid_conda_environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert set(env) <= {"name", "channels", "dependencies", "variables", "prefix"}
    assert isinstance(env["name"], str) and re.fullmatch(r"[A-Za-z0-9_.-]+", env["name"])
    assert isinstance(env["channels"], list) and all(isinstance(c, str) for c in env["channels"])
    deps = env["dependencies"]
    assert isinstance(deps, list) and deps
    spec = re.compile(r"[A-Za-z0-9_.-]+(\s*(==|=|>=|<=|>|<|!=)\s*[A-Za-z0-9_.*+!-]+)?")
    for dep in deps:
        if isinstance(dep, dict):
            assert set(dep) == {"pip"} and isinstance(dep["pip"], list)
            assert "pip" in deps, "a pip: section needs pip itself in the dependencies"
        else:
            assert isinstance(dep, str) and spec.fullmatch(dep), f"bad conda spec {dep!r}"
    readme = (ROOT / "README.md").read_text()
    assert f"conda activate {env['name']}" in readme


# ------------------------------------------------------------------------------ browser

def _chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


def _open_offline(p, url: str, blocked: list, errors: list, size=(1280, 860), scale=1):
    browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_page(viewport={"width": size[0], "height": size[1]},
                            device_scale_factor=scale)

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return browser, page


PLOTS_JS = """() => [...document.querySelectorAll('.kit-plotly')].map(el => {
    const gl = el.querySelector('.gl-container canvas');
    return {id: el.id, drawn: el.classList.contains('js-plotly-plot'),
            gl: el.querySelectorAll('canvas').length, w: el.getBoundingClientRect().width,
            ratio: gl ? gl.width / gl.getBoundingClientRect().width : null}; })"""


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_handout_works_from_disk_with_the_network_cut(handouts, path):
    sync = _chromium()
    blocked, errors = [], []
    with sync.sync_playwright() as p:
        browser, page = _open_offline(p, handouts[path.stem].as_uri(), blocked, errors)
        n = stored_plots(path)
        if n:
            page.wait_for_function(
                f"document.querySelectorAll('.kit-plotly.js-plotly-plot').length >= {n}",
                timeout=60_000)
        plots = page.evaluate(PLOTS_JS)
        browser.close()
    assert not blocked, f"{path.stem} handout requested {blocked[:5]}"
    assert not errors, f"console errors: {errors[:5]}"
    assert len(plots) == n and all(q["drawn"] and q["w"] > 300 for q in plots)
    # WebGL at the screen's pixel ratio (1 here), not plotly's default of 2
    assert all(q["ratio"] == pytest.approx(1, abs=0.02) for q in plots if q["gl"])


@pytest.mark.browser
def test_handout_3d_figures_are_sharp_on_a_high_density_screen(handouts):
    sync = _chromium()
    blocked, errors = [], []
    with sync.sync_playwright() as p:
        browser, page = _open_offline(p, handouts["00_start_here"].as_uri(), blocked, errors,
                                      scale=2)
        page.wait_for_function("document.querySelector('.kit-plotly.js-plotly-plot')",
                               timeout=60_000)
        plots = page.evaluate(PLOTS_JS)
        browser.close()
    assert not errors, f"console errors: {errors[:5]}"
    assert plots[0]["ratio"] == pytest.approx(2, abs=0.02)


@pytest.mark.browser
def test_handout_adds_the_glyph_priming_trace_after_the_first_paint(handouts):
    """A figure whose last trace only readies label glyphs (plotly3d.prime_text_glyphs) gets
    it after its first paint (RENDER_JS): the figure still ends with every trace the
    notebook stored, in order, so the menus' trace indices hold."""
    path = next(p for p in NOTEBOOKS if p.stem.startswith("02_"))
    figures = [json.loads(out["data"][classroom.PLOTLY_MIME])
               if isinstance(out["data"][classroom.PLOTLY_MIME], str)
               else out["data"][classroom.PLOTLY_MIME]
               for cell in json.loads(path.read_text())["cells"]
               for out in cell.get("outputs", []) if classroom.PLOTLY_MIME in out.get("data", {})]
    primed = [k for k, fig in enumerate(figures) if fig["data"][-1].get("name") == "label glyphs"]
    assert primed, "notebook 02 has a figure with a glyph-priming trace"
    k = primed[0]
    names = [t.get("name") for t in figures[k]["data"]]
    sync = _chromium()
    blocked, errors = [], []
    with sync.sync_playwright() as p:
        browser, page = _open_offline(p, handouts[path.stem].as_uri(), blocked, errors)
        page.wait_for_function(
            f"(() => {{ const el = document.querySelectorAll('.kit-plotly')[{k}];"
            f" return el && el.data && el.data.length === {len(names)}; }})()", timeout=60_000)
        drawn = page.evaluate(f"document.querySelectorAll('.kit-plotly')[{k}]"
                              ".data.map(t => t.name === undefined ? null : t.name)")
        browser.close()
    assert not errors, f"console errors: {errors[:5]}"
    assert drawn == names


GAP_PX = 4  # label boxes keep at least this much space between them
MENU_NOTES_JS = """async ([index, name]) => {
  const el = document.querySelectorAll('.kit-plotly.js-plotly-plot')[index];
  const menu = el.layout.updatemenus.find(m => m.name === name);
  const out = {};
  await document.fonts.ready;  // label boxes are measured with the page's final font
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const b of menu.buttons.filter(b => b.method !== 'skip')) {
    await Plotly[b.method](el, ...b.args);
    await frames();  // the annotations are laid out after the relayout resolves
    const plot = el.getBoundingClientRect();
    out[b.label] = [...el.querySelectorAll('g.annotation-scene')].map(g => {
      const r = g.querySelector('.annotation-text-g').getBoundingClientRect();
      return {text: g.textContent, x: r.x - plot.x, y: r.y - plot.y, w: r.width,
              h: r.height, pw: plot.width, ph: plot.height};
    });
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("notebook, menu", [("00_start_here", "view"),
                                            ("01_occipital_nerves", "stage")])
def test_3d_labels_neither_overlap_nor_leave_the_figure(handouts, notebook, menu):
    """Every camera of the notebook's first 3D figure (view presets, or the nerve's stages),
    drawn by plotly.js: its text labels do not cover each other and stay inside it."""
    sync = _chromium()
    blocked, errors = [], []
    with sync.sync_playwright() as p:
        browser, page = _open_offline(p, handouts[notebook].as_uri(), blocked, errors)
        page.wait_for_function("document.querySelector('.kit-plotly.js-plotly-plot')",
                               timeout=60_000)
        views = page.evaluate(MENU_NOTES_JS, [0, menu])
        browser.close()
    assert not errors, f"console errors: {errors[:5]}"
    assert len(views) >= 6 and all(views.values())
    for label, boxes in views.items():
        for k, a in enumerate(boxes):
            assert a["x"] >= 0 and a["y"] >= 0, (label, a["text"])
            assert a["x"] + a["w"] <= a["pw"] and a["y"] + a["h"] <= a["ph"], (label, a["text"])
            for b in boxes[k + 1:]:
                gap = GAP_PX  # a margin, so a pixel of layout jitter cannot make them touch
                apart = (a["x"] + a["w"] + gap <= b["x"] or b["x"] + b["w"] + gap <= a["x"]
                         or a["y"] + a["h"] + gap <= b["y"] or b["y"] + b["h"] + gap <= a["y"])
                assert apart, f"{label}: {a['text']!r} covers {b['text']!r}"


@pytest.mark.browser
def test_slides_present_offline(slides):
    sync = _chromium()
    deck = slides["00_start_here"]
    blocked, errors = [], []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync.sync_playwright() as p:
        browser, page = _open_offline(p, deck.as_uri(), blocked, errors)
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "slides-00-title.png"))
        # go to the first slide holding a 3D figure
        page.evaluate("""() => { const el = document.querySelector('.kit-plotly');
            const idx = Reveal.getIndices(el.closest('section')); Reveal.slide(idx.h, idx.v); }""")
        page.wait_for_function("document.querySelector('.kit-plotly.js-plotly-plot')",
                               timeout=60_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "slides-00-figure.png"))
        plots = page.evaluate(PLOTS_JS)
        notes = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getSlideNotes(s) || '')"
                              ".join(' ')")
        browser.close()
    assert not blocked, f"slides requested {blocked[:5]}"
    assert not errors, f"console errors: {errors[:5]}"
    drawn = [q for q in plots if q["drawn"]]
    assert drawn and drawn[0]["gl"] > 0 and drawn[0]["w"] > 300
    assert "Instructor notes." in notes


def test_a_verdict_is_run_by_the_student_and_shown_to_the_instructor():
    from tools import nbtools

    cell = nbtools.verdict("print('criterion B: not met')")
    assert "verdict" in classroom.tags(cell) and nbtools.REVEAL in cell.source
    teacher = nbtools.instructor_cell(cell)
    assert "verdict" in classroom.tags(teacher) and "reveal" not in teacher.source
    nb = nbtools.new_notebook([cell])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="criterion B: not met\n")]
    student = classroom.student_notebook(nb)
    assert student.cells[0].source == cell.source and student.cells[0].outputs == []
    answer = nbtools.instructor_cell(nbtools.answer("22 mm"))
    assert answer.source.startswith("<details open>")
    assert classroom.ANSWER.match(answer.source)["body"].strip() == "22 mm"


def test_a_student_copy_says_where_it_keeps_the_answers_back():
    """A student on the hub found "Your answer" and nothing to compare it with: where the
    solution and answer cells were, one line says the copy keeps them back."""
    from tools import nbtools

    nb = nbtools.new_notebook([nbformat.v4.new_markdown_cell("### Exercise 1"),
                               nbformat.v4.new_code_cell("my_distance = ..."),
                               nbformat.v4.new_code_cell("print(21)"),
                               nbtools.answer("About 21 mm."),
                               nbformat.v4.new_markdown_cell("## Next section")])
    nb.cells[2].metadata["tags"] = ["solution"]
    nb.cells[2].id = "sol-1"
    student = classroom.student_notebook(nb)
    sources = [c.source for c in student.cells]
    assert sources == ["### Exercise 1", "my_distance = ...", classroom.WITHHELD,
                       "## Next section"]
    assert student.cells[2].id == "sol-1-withheld"  # the same on every build
    # a code solution and the written answer after the student's box: one line, after
    # the box (one above it and one below read as a missing cell: review 28)
    box = nbformat.v4.new_markdown_cell("**Your answer.**", metadata={"tags": ["your-work"]})
    nb.cells[3:3] = [box]
    sources = [c.source for c in classroom.student_notebook(nb).cells]
    assert sources == ["### Exercise 1", "my_distance = ...", "**Your answer.**",
                       classroom.WITHHELD, "## Next section"]
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        copy = classroom.student_notebook(nbformat.read(path, as_version=4))
        exercises = sum(c.source.startswith("### Exercise") for c in copy.cells)
        withheld = sum(c.source == classroom.WITHHELD for c in copy.cells)
        assert withheld >= exercises, path.name
        # never two lines with only the student's own cells between them
        kinds = "".join("n" if c.source == classroom.WITHHELD else ""
                        if "your-work" in c.metadata.get("tags", []) else "x"
                        for c in copy.cells)   # the student's own cells left out
        assert "nn" not in kinds, path.name


def test_a_long_answer_list_splits_at_its_items_numbered_or_not():
    """A long answer's list is cut into slides at its items, a numbered list too: deck
    02's Exercise 2 answer (a numbered list) scrolled past the slide (slide review 25).
    A later part keeps its numbers, and text after the list stays with the last part."""
    from tools.slide_answers import split_list

    item = " ".join(["word"] * 60)
    for mark in ("- ", "1. "):
        source = "\n".join(f"{mark if mark == '- ' else f'{k}. '}{item}" for k in (1, 2, 3))
        parts = split_list(source + "\n\nThe measure.", limit=130)
        assert len(parts) == 2 and len(parts[0].split()) == 122, parts
        assert parts[1].startswith("- " if mark == "- " else "3. ")
        assert parts[1].endswith("The measure.")
    assert split_list("1. short\n2. short", limit=130) == ["1. short\n2. short"]
