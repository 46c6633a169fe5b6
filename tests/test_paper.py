"""Paper handouts: one A4 PDF per notebook, code hidden, figures static, no answers, <= 6 pages.

The PDFs are printed once per session by headless Chromium (tools/paper.py); the tests
read the PDFs with pypdf and the pages they were printed from.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.test_classroom import answer_snippets, words  # noqa: E402
from tools import classroom, nbtools, paper  # noqa: E402
from tools.browser import CHROMIUM  # noqa: E402

NOTEBOOKS = classroom.notebooks()
pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is missing: apt-get install chromium")
    out = tmp_path_factory.mktemp("paper")
    return out, paper.build_paper(out, budget=False)


@functools.cache
def pdf_text(path: Path) -> str:
    """A printed PDF's words, read once per file (pypdf takes seconds on a handout with
    its figures' pictures)."""
    import unicodedata

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return words(unicodedata.normalize("NFKC", text))  # ligatures (ﬁ, ﬂ) as letters


# the width of one text column of a printed page, px (measures below divide by it)
COLUMN_JS = """const col = document.querySelector('.kit-paper-columns');
            const gap = parseFloat(getComputedStyle(col).columnGap);
            const column = (col.clientWidth - gap) / 2;"""


def measure_print(page_path: Path, body: str, viewport: dict | None = None):
    """Evaluate ``body`` (JavaScript returning a value; ``column`` is one text column's
    width in px) on a printed page laid out for print in Chromium."""
    from playwright.sync_api import sync_playwright

    from tools.browser import FLAGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(**({"viewport": viewport} if viewport else {}))
        page.goto(page_path.as_uri())
        page.emulate_media(media="print")
        value = page.evaluate(f"() => {{ {COLUMN_JS} {body} }}")
        browser.close()
    return value


def test_one_a4_pdf_per_notebook(printed):
    from pypdf import PdfReader

    out, pages = printed
    assert sorted(pages) == sorted(f"{p.stem}.pdf" for p in NOTEBOOKS)
    for name in pages:
        for page in PdfReader(out / name).pages:
            width_mm, height_mm = (float(v) * 25.4 / 72 for v in page.mediabox[2:])
            assert abs(width_mm - 210) < 1 and abs(height_mm - 297) < 1, (name, width_mm)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paper_handout_fits_the_page_budget(printed, path):
    _, pages = printed
    assert 1 <= pages[f"{path.stem}.pdf"] <= paper.PAGE_BUDGET, pages


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paper_handout_prints_no_code_and_no_answer(printed, path):
    out, _ = printed
    text = pdf_text(out / f"{path.stem}.pdf")
    nb = nbformat.read(path, as_version=4)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    assert words(title) in text
    for cell in nb.cells:  # the code of every cell, e.g. the set-up cell's imports
        if cell.cell_type == "code" and "import anatomy" in cell.source:
            assert "import anatomy" not in text
    assert "NotImplementedError" not in text
    teacher = nbformat.read(nbtools.instructor_path(path), as_version=4)
    for snippet in answer_snippets(teacher):
        assert snippet not in text, f"{path.stem}: answer printed: {snippet}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paper_handout_figures_are_pictures_and_exercises_have_room(printed, path):
    out, _ = printed
    page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
    nb = json.loads(path.read_text(encoding="utf-8"))
    n_3d = sum(classroom.PLOTLY_MIME in o.get("data", {})
               for c in nb["cells"] for o in c.get("outputs", [])
               if c["metadata"].get("kit_paper") not in paper.PRINT_PLATES)  # a plate instead
    assert page.count('class="kit-plotly"') == n_3d  # each frozen to a picture in print
    # a box for each exercise, but a case that asks in steps: a box for each step instead
    nodes = nbformat.read(path, as_version=4).cells
    stepped = [k for k, c in enumerate(nodes) if "exercise" in classroom.tags(c)
               and paper.has_steps(nodes[k + 1:])]
    n_steps = sum(paper.step_question(c, nodes[k + 1:]) for k, c in enumerate(nodes))
    n_exercises = sum("exercise" in c["metadata"].get("tags", []) for c in nb["cells"])
    assert n_exercises >= 1 and (n_steps > 0) == bool(stepped)
    n_boxes = n_exercises - len(stepped) + n_steps
    assert len(re.findall(r'class="kit-paper-answer[ "]', page)) == n_boxes
    # each in its question's own cell, which prints whole (a box in a cell of its own fell
    # into the next column, away from its question: paper review 18)
    boxed = [c for c in page.split('<div class="jp-Cell ')[1:] if "kit-paper-answer" in c]
    assert len(boxed) == n_boxes, len(boxed)
    for cell in boxed:  # the question's heading, or a step's question, then its box
        heading = re.search(r"<h3[^>]*>(Exercise|Case) \d+|\?", cell)
        assert heading and heading.start() < cell.index("kit-paper-answer"), cell[:200]
    boxed = [c for c in boxed if re.search(r"<h3[^>]*>(Exercise|Case) \d+", c)]
    # a question whose answer in the kit is long gets the tall box (paper review 19: 13 mm
    # for two problems and a rewritten sentence)
    words_of = paper._answer_words(nbformat.read(path, as_version=4))
    exercises = [c for k, c in enumerate(nb["cells"])
                 if "exercise" in c["metadata"].get("tags", []) and k not in stepped]
    for ex, cell in zip(exercises, boxed):
        if words_of[ex["id"]] > paper.LONG_ANSWER_WORDS and not re.search(r"<h3[^>]*>Case",
                                                                          cell):
            assert "kit-paper-long" in cell, cell[:120]
    # an exercise with a code cell to fill in says it is run in the notebook
    cells = nb["cells"]
    n_code = sum("exercise" in c["metadata"].get("tags", []) and paper.code_exercise(
        [nbformat.from_dict(x) for x in cells[k + 1:]]) for k, c in enumerate(cells))
    assert page.count(" kit-paper-run") == n_code
    assert path.stem[:2] not in ("02", "04") or n_code >= 2
    # code cells print their output only (the handout page has an editor div per input)
    assert not re.search(r'class="[^"]*jp-InputArea-editor', page)


def test_figures_freeze_to_pictures_before_printing(tmp_path):
    """The 3D figure of notebook 00 prints as a PNG picture, not as a WebGL canvas."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is missing")
    from playwright.sync_api import sync_playwright

    from tools.browser import FLAGS

    html_path = tmp_path / "00.html"
    html_path.write_text(paper.paper_html(NOTEBOOKS[0]), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        frozen = paper.print_pdf(html_path, tmp_path / "00.pdf", page)
        pictures = page.evaluate(
            "Array.from(document.querySelectorAll('img.kit-paper-figure'))"
            ".map(i => [i.naturalWidth, i.src.slice(0, 22)])")
        canvases = page.evaluate("document.querySelectorAll('canvas').length")
        browser.close()
    assert frozen == len(pictures) >= 1
    assert all(w == paper.FIGURE_SIZE[0] and src == "data:image/png;base64," for w, src in
               pictures)
    assert canvases == 0


def test_3d_figures_print_without_their_menus(tmp_path):
    """Notebook 01's 3D figure has a stage menu and layer buttons on screen; its printed
    picture has none, nor the line that says what the buttons do (on paper they cannot be
    pressed: paper review 17)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is missing")
    from playwright.sync_api import sync_playwright

    from tools.browser import FLAGS

    path = next(p for p in NOTEBOOKS if p.stem.startswith("01"))
    html_path = tmp_path / "01.html"
    html_path.write_text(paper.paper_html(path), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        paper.print_pdf(html_path, tmp_path / "01.pdf", page)
        menus = page.evaluate(
            "Array.from(document.querySelectorAll('img.kit-paper-figure'))"
            ".map(i => [Number(i.dataset.menusLive), Number(i.dataset.menusPrinted),"
            " Number(i.dataset.hintsLive), Number(i.dataset.hintsPrinted)])")
        browser.close()
    assert menus and all(m[0] >= 1 for m in menus), menus
    assert all(m[1] == 0 for m in menus), menus
    # the line that says what the buttons do leaves with them
    assert any(m[2] == 1 for m in menus) and all(m[3] == 0 for m in menus), menus


def test_paper_prints_every_pain_pattern_for_the_exercises_that_compare_them(printed):
    """Notebook 02's 3D heat figure shows one pattern at a time; on paper its exercises
    (compare patterns, match drawings to them) need all seven, so the print plate of all
    of them replaces it (paper review 18)."""
    out, _ = printed
    path = next(p for p in NOTEBOOKS if p.stem.startswith("02"))
    nb = nbformat.read(path, as_version=4)
    marked = [c for c in nb.cells if c.get("metadata", {}).get("kit_paper")
              not in (None, paper.ACROSS)]
    # (and the territory plate, drawn again at print resolution)
    assert [c.metadata["kit_paper"] for c in marked] == ["pattern_gallery", "territory_plate"]
    assert any(classroom.PLOTLY_MIME in o.get("data", {}) for o in marked[0].outputs)
    page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
    from anatomy import pain

    alt = paper.print_plate("pattern_gallery")["metadata"]["image/png"]["alt"]
    assert alt.startswith(f"{len(pain.patterns())} small drawings") and alt[:80] in page
    # its caption is the plate's summary, not the 3D figure's; it keys the markers'
    # numbers and lists no pattern's spots (the answer to Exercise 1, just under it: paper
    # review 19)
    assert f"Text summary:</em> {alt[:60]}" in page and "The top menu switches" not in page
    assert "1 over the greater occipital nerve; 2 upper occiput" in page
    assert "Greater occipital neuralgia: over" not in page
    with pytest.raises(ValueError, match="choose one of.*across_the_page.*tall_in_a_column"):
        paper.print_plate("every_pattern")


def test_schematics_and_drawings_print_across_the_page(printed):
    """Notebook 02's territory plate, convergence schematic and pain drawings print across
    both columns: in one column their text was 3-6 points (paper reviews 18 and 19). The
    schematic's text prints at 8 points or more, the drawings' captions at 6.5 or more
    (the plate is as tall as paper allows)."""
    out, _ = printed
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.stem.startswith("02")), as_version=4)
    across = [c for c in nb.cells if c.get("metadata", {}).get("kit_paper") == paper.ACROSS]
    assert len(across) == 2   # and the territory plate, a print plate (sharper)
    sizes = measure_print(out / "02_pain_referral_hot_spots.html", """
        return [...document.querySelectorAll('.celltag_kit-paper-plate img')].map(i =>
            [i.alt.slice(0, 40), i.closest('.jp-Cell').getBoundingClientRect().width
             / column, i.getBoundingClientRect().width / 96, i.naturalWidth]);""",
                          viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    # the pattern plate, the territory plate, the schematic, the drawings
    assert len(sizes) == 4, sizes
    assert all(ratio > 1.9 for _, ratio, _, _ in sizes), sizes  # both columns and the gap
    # the territory plate prints from a plate drawn for print: 114 ppi was soft (review 25)
    (ppi,) = [n / w for alt, _, w, n in sizes
              if alt.startswith("Three shaded drawings of the head")]
    assert ppi >= 200, sizes
    # printed text size: the figure's points times its printed over its drawn width
    (inches,) = [w for alt, _, w, _ in sizes if alt.startswith("Schematic")]
    from anatomy.viz.pain_views import convergence

    assert convergence.SCHEMATIC_PT * inches / 8.3 >= 8, sizes
    (inches,) = [w for alt, _, w, _ in sizes if alt.startswith("Pain drawings")]
    assert 9.5 * inches / 5.8 >= 6.5, sizes  # 2 x 2 heads, 5.8 inches wide
    # the numbered pattern gallery: its numbers, titles and key at 7.5 points or more
    from anatomy.viz.pain_views import gallery

    (inches,) = [w for alt, _, w, _ in sizes if alt.startswith("7 small drawings")]
    assert gallery.PRINT_PT * inches / (4 * gallery.PRINT_PANEL_IN[0]) >= 7.5, sizes


def test_revision_tables_stay_off_paper(printed):
    """A "## Reference:" table answers exercises: the worksheet names it, it does not print
    it under the last exercise (paper review 17)."""
    out, _ = printed
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        heads = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"
                 and c.source.startswith(paper.REVISION_HEADING)]
        text = pdf_text(out / f"{path.stem}.pdf")
        for head in heads:
            title = head.removeprefix("## ").strip()
            assert words(paper.REVISION_NOTE.format(title=title).strip("*")) in text
        if path.stem.startswith("02"):  # the table's header row is not printed
            assert heads and "pattern_label" not in text


def test_how_to_use_the_screen_stays_off_paper(printed):
    """A cell tagged screen-only (how to call the code, how to work a 3D figure's menus)
    does not print: on paper there is nothing to click (paper reviews 20 and 21)."""
    out, _ = printed
    found = 0
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        text = pdf_text(out / f"{path.stem}.pdf")
        for cell in nb.cells:
            if "screen-only" in cell.metadata.get("tags", []):
                found += 1
                first = words(re.sub(r"[*`]", "", cell.source))[:28]  # as printed
                assert first not in text, (path.stem, first)
    assert found >= 2


def test_answer_boxes_span_their_column_in_print(printed):
    """A paper answer box is as wide as its text column: its markdown cell is a table
    cell as wide as its content, and the empty box printed 12 mm wide, too small to write
    in (paper review)."""
    out, _ = printed
    widths = measure_print(out / "02_pain_referral_hot_spots.html", """
        return [...document.querySelectorAll('.kit-paper-answer')].map(b => [
            b.getBoundingClientRect().width / column,
            b.getBoundingClientRect().right - b.closest('.jp-Cell')
                .getBoundingClientRect().right]);""")
    assert widths and min(w for w, _ in widths) > 0.9, widths
    # and no wider: a box 5 px past its cell lost its right border at the page's edge
    assert max(over for _, over in widths) <= 0.5, widths


def test_a_short_table_prints_whole(printed):
    """A table of under 8 rows does not split between columns or pages: notebook 05's
    four-row red-flag screen printed two rows under its header and two headless at the top
    of the next column (review 32). A longer table may run on (the page budget needs it)."""
    out, _ = printed
    tables = measure_print(out / "05_differential_diagnosis.html", """
        return [...document.querySelectorAll('table.dataframe, table.kit-frame')].map(t => [
            t.querySelectorAll('tbody tr').length, getComputedStyle(t).breakInside]);""")
    assert any(rows < 8 for rows, _ in tables) and any(rows >= 8 for rows, _ in tables)
    for rows, breaks in tables:
        assert breaks == ("avoid" if rows < 8 else "auto"), (rows, breaks)


def test_a_long_table_repeats_its_header_in_each_column(tmp_path):
    """A table that runs on into the next column or page prints its header row again at
    the top: notebook 05's 14-row differential continued headless (review 32). A 60-row
    table in the handouts' markup and style, printed: its header shows in every column."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from tools.browser import FLAGS

    rows = "".join(f"<tr><td>row {k}</td><td>{'words of a long cell ' * 12}</td></tr>"
                   for k in range(60))
    html = tmp_path / "table.html"
    html.write_text(
        f"<html><head>{paper.PAPER_CSS}</head><body><main class='kit-paper-columns'>"
        "<div class='jp-Cell'><div class='jp-OutputArea-output jp-RenderedHTMLCommon'>"
        "<table class='dataframe'><thead><tr><th>HEADERNAME</th><th>text</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></div></main></body></html>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(html.as_uri())
        page.pdf(path=str(tmp_path / "table.pdf"), prefer_css_page_size=True)
        browser.close()
    # without white space: a narrow column wraps the header's word
    pages = ["".join(page.extract_text().split())
             for page in PdfReader(tmp_path / "table.pdf").pages]
    assert len(pages) >= 2
    for k, text in enumerate(pages):
        columns = 2 if "row59" not in text else 1  # the last page may fill one column
        assert text.count("HEADERNAME") >= columns, (k, text[:200])


def test_a_figure_across_the_page_has_its_caption_across_it(printed):
    """A figure that spans the printed page has its text summary under it across the page
    too: in a column, notebook 00's Figure 1 summary ran on into the next column and onto
    the next page (review 32)."""
    out, _ = printed
    cells = measure_print(out / "00_start_here.html", """
        const cells = [...document.querySelectorAll('.jp-Cell')];
        return cells.map((c, k) => [c.classList.contains('celltag_kit-paper-plate'),
            getComputedStyle(c).columnSpan,
            (cells[k + 1] && cells[k + 1].textContent.trim().slice(0, 30)) || '',
            cells[k + 1] ? getComputedStyle(cells[k + 1]).columnSpan : '']);""")
    plates = [c for c in cells if c[0]]
    assert len(plates) >= 2
    for _, span, following, following_span in plates:
        assert span == "all"
        assert following.startswith("Figure") and following_span == "all", following


def test_every_printed_figure_text_is_at_least_6_points(printed):
    """Every figure of every handout, drawn or a 3D figure's picture, prints its smallest
    text at 6 points or more: the variation figure's key, the block plate's labels and the
    rami schematic printed at 4 points in one column, notebook 03's pain-map plate at 2
    (review 22), notebook 00's 3D figures at 4 (review 24), notebook 01's opening 3D
    figure, with its 21-name legend, at 3.5. Measured on the page as printed: A4 less its
    10 mm margins, 190 mm at 96 px an inch; each picture carries its smallest text in image
    pixels (``data-text-px``)."""
    out, _ = printed
    from playwright.sync_api import sync_playwright

    from tools.browser import FLAGS

    sizes = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 718, "height": 1047})
        for path in NOTEBOOKS:
            paper.open_frozen(out / f"{path.stem}.html", page)  # 3D figures as pictures
            page.emulate_media(media="print")
            page.wait_for_function("[...document.images].every(i => i.complete)")
            for alt, px, natural, width in page.evaluate("""() =>
                    [...document.querySelectorAll('img[data-text-px]')].map(i =>
                    [i.alt.slice(0, 50), +i.dataset.textPx, i.naturalWidth,
                     i.getBoundingClientRect().width])"""):
                sizes[f"{path.stem[:2]} {alt}"] = round(px * width / natural * 72 / 96, 1)
        browser.close()
    # the figures of notebooks 00-04 (notebook 05 has none), three of them 3D pictures
    assert len(sizes) >= 15, sizes
    small = {k: v for k, v in sizes.items() if v < paper.MIN_PRINTED_PT}
    assert small == {}, small
    # notebook 01's opening 3D figure is among them: its text grown, its legend below
    assert [k for k in sizes if k.startswith("01 3D head with semi-transparent skin")], sizes
    # the rami schematic, a low plate in handout 01, at 8 points or more: 76 mm high its
    # labels printed at 7 points (review 26)
    (rami,) = [v for k, v in sizes.items() if k.startswith("01 Schematic cross-section")]
    assert rami >= 8, sizes


def test_a_case_answers_its_steps_under_them():
    """Notebook 03's cases ask in steps ("Screen first", "Now decide"): on paper each step
    has its box under it and the story none; the box under the story came before the
    questions (review 24). What to run on screen after a step's question is left off."""
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.stem.startswith("03")), as_version=4)
    printed, _ = paper.paper_notebook(nb)
    cases = [c for c in printed.cells if c.source.startswith("### Case")]
    steps = [c for c in printed.cells if c.source.startswith(("*Screen first:*", "*Now decide:*"))]
    assert len(cases) == 6 and len(steps) == 12
    assert not [c for c in cases if "kit-paper-answer" in c.source]
    for c in steps:
        assert c.source.endswith('?\n\n<div class="kit-paper-answer kit-paper-step"></div>')
        assert "run the" not in c.source
    # notebook 05's cases ask in their own cell and keep their box
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.stem.startswith("05")), as_version=4)
    printed, _ = paper.paper_notebook(nb)
    cases = [c for c in printed.cells if c.source.startswith("### Case")]
    assert cases and all("kit-paper-answer" in c.source for c in cases)


def test_a_tables_key_and_sources_print_with_it(printed):
    """A kit table's notes (its key, its sources) printed alone at the top of the next
    page, away from their table (review 24). On paper they go into the table's caption,
    under its title, and print on its page."""
    import html as html_text
    import unicodedata

    from pypdf import PdfReader

    from anatomy.viz import headache_views

    for table in (headache_views.comparison_view(), headache_views.feature_table()):
        html = paper.notes_into_caption(table._repr_html_())
        assert 'p class="kit-table-note"' not in html
        caption = html[html.index("<caption"):html.index("</caption>")]
        assert all(f'<span class="kit-table-note">{note}' in caption
                   for note in map(html_text.escape, table.notes)), caption
    plain = "<table><tr><td>1</td></tr></table>\n<p class=\"kit-table-note\">Key</p>"
    assert paper.notes_into_caption(plain) == plain   # no caption: left as it is
    out, _ = printed
    pages = [words(unicodedata.normalize("NFKC", page.extract_text()))
             for page in PdfReader(out / "03_headache_comparison.pdf").pages]
    for table in (headache_views.comparison_view(), headache_views.feature_table()):
        title = words(table.caption)
        page = next(p for p in pages if title in p)
        for note in table.notes:
            assert words(note)[:60] in page, (table.caption, note)


def test_the_summary_is_named_not_printed(printed):
    """The summary restates what the exercises ask, and on paper it printed in the column
    beside them (review 29b: notebook 05's beside Case 2 and Exercise 2, which it
    answered): paper names it instead."""
    out, _ = printed
    for path in NOTEBOOKS:
        text = pdf_text(out / f"{path.stem}.pdf")
        nb = nbformat.read(path, as_version=4)
        summary = [c.source for c in nb.cells if c.cell_type == "markdown"
                   and c.source.startswith(paper.SUMMARY_HEADING)]
        assert len(summary) == 1, path.stem
        bullets = [words(b) for b in re.findall(r"^- (.+)$", summary[0], re.M)]
        assert bullets and not [b for b in bullets if b in text], (path.stem, bullets)
        assert words(paper.SUMMARY_NOTE.strip("*")) in text, path.stem
