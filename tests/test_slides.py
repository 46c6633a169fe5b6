"""Slides made for a projector: 1024 x 768, in the offline reveal.js decks and in RISE.

Every slide of every notebook is shown with all its fragments in headless Chromium and
measured on screen (tools/slidecheck.py): nothing overflows the slide, body text is at
least 24 px, figure labels at least 14 px. The static tests check the notebook sources:
short slide cells, the long reading text kept off the slides.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import classroom, nbsource, slidecheck  # noqa: E402
from tools.browser import CHROMIUM, FLAGS, jupyterlab, notebook_copy  # noqa: E402

NOTEBOOKS = classroom.notebooks()
STEMS = [p.stem for p in NOTEBOOKS]
ARTIFACTS = ROOT / "test-artifacts" / "slides"
# RISE takes about a minute a notebook (and CI has 15): the one with every kind of slide
# (3D and print figures, tables, red-flag box, cases, quiz); the offline decks, measured
# by the same rules, test all six
RISE_STEMS = ["03_headache_comparison"]
SLIDE_WORDS = 45  # "about 40 words" on a section's slide cell
READING_WORDS = 80  # a markdown cell longer than this is reading text, not a slide
SHOWN = ("slide", "subslide", "fragment", "-")
# cells that are long on purpose and fold or scroll in their own way
LONG_OK_TAGS = {"exercise", "solution", "instructor-notes", "quiz"}


def slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def words(markdown: str) -> int:
    text = re.sub(r"<[^>]+>|\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return len(re.findall(r"[A-Za-z0-9][\w'.-]*", text))


def body(markdown: str) -> str:
    """The text of a markdown cell under its heading."""
    lines = markdown.strip().splitlines()
    return "\n".join(lines[1:] if lines and lines[0].startswith("#") else lines)


@pytest.fixture(scope="module", params=STEMS)
def source_cells(request):
    return request.param, nbsource.cells(request.param)


def test_every_section_opens_with_a_short_slide(source_cells):
    """A numbered section (## N.) starts with a slide cell of at most about 40 words."""
    stem, cells = source_cells
    sections = [c for c in cells if c.cell_type == "markdown"
                and re.match(r"##+ \d", c.source) and slide_type(c) in ("slide", "subslide")]
    assert len(sections) >= 4, f"{stem}: {len(sections)} numbered section slides"
    for cell in sections:
        n = words(body(cell.source))
        assert n <= SLIDE_WORDS, f"{stem}: {n} words on {cell.source.splitlines()[0]!r}"


def test_reading_text_stays_off_the_slides(source_cells):
    """Long markdown (the reading text) is 'skip' or speaker notes, never a slide."""
    stem, cells = source_cells
    for cell in cells:
        if (cell.cell_type != "markdown" or slide_type(cell) not in SHOWN
                or set(cell.metadata.get("tags", [])) & LONG_OK_TAGS):
            continue
        first = cell.source.strip().splitlines()[0]
        if first.startswith(("# ", "## Summary", "## Overview", "## Prerequisites")):
            continue  # the kit's header (title, overview, prerequisites) and the summary
        if "alert-danger" in cell.source:
            continue  # the red-flag box
        assert words(cell.source) <= READING_WORDS, (
            f"{stem}: {words(cell.source)} words on a slide: {first[:70]!r} (mark the "
            "reading text skip and give the section a short slide cell)")


def test_slides_name_figures_instead_of_numbering_them(source_cells):
    """Figure numbers live in the reading text's captions, which slides skip: a slide that
    said "Figure 1" pointed at nothing (slide review 17)."""
    stem, cells = source_cells
    for cell in cells:
        if cell.cell_type == "markdown" and slide_type(cell) in SHOWN:
            assert not re.search(r"\bFigure \d", cell.source), (
                stem, cell.source.splitlines()[0][:70])


def test_reading_order_has_no_repeated_headings(source_cells):
    """A slide cell and the reading text under it do not both carry the heading."""
    stem, cells = source_cells
    heads = [c.source.splitlines()[0] for c in cells
             if c.cell_type == "markdown" and c.source.startswith("#")]
    repeated = {h for h in heads if heads.count(h) > 1 and not h.startswith("### Case")}
    assert not repeated, f"{stem}: headings twice: {sorted(repeated)}"


def test_figure_and_table_cells_hide_their_code_on_slides():
    """Offline decks: code cells with output show their output only (solutions and verdicts
    fold in <details>)."""
    import nbformat

    cell = nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/plain": "figure"})])
    bare = nbformat.v4.new_code_cell("run_me()")
    sol = nbformat.v4.new_code_cell("x", metadata={"tags": ["solution"]},
                                    outputs=cell.outputs)
    nb = nbformat.v4.new_notebook(cells=[cell, bare, sol])
    assert classroom.hide_code_on_slides(nb) == 1
    assert cell.metadata["transient"] == {"remove_source": True}
    assert "transient" not in bare.metadata and "transient" not in sol.metadata


def test_png_figures_record_their_smallest_text():
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            for out in cell.get("outputs", []):
                meta = out.get("metadata", {}).get("image/png")
                if meta and "image/png" in out.get("data", {}):
                    assert meta.get("text_px", 0) > 5, f"{path.name}: {meta.get('alt', '')[:50]}"


# ------------------------------------------------------------------------------ browser

def _chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def decks(tmp_path_factory) -> dict[str, Path]:
    if not (classroom.REVEAL_PACKAGE / "dist" / "reveal.js").exists() and not shutil.which(
            "npm"):
        pytest.skip("reveal.js is not installed and npm is missing: run `make slides` once")
    out = tmp_path_factory.mktemp("decks")
    try:
        return {p.name.removesuffix(".slides.html"): p for p in classroom.build_slides(out)}
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"reveal.js could not be installed from npm ({exc})")


# Every print plate on a slide must show its labels at 14 px or more. Notebook 03's
# pain-map plate (eight heads) is skipped on slides: its slide shows the same maps in 3D.


def _check(stem: str, mode: str, measured: list[dict]) -> None:
    """Fail on overflow, small text or small labels (figure labels under 14 px; in the
    offline decks a 3D figure's text under 18 px, a legend of more than 8 entries
    aside)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{mode}-{stem}.json").write_text(json.dumps(measured, indent=1))
    bad = slidecheck.problems(measured, room=mode == "deck")
    assert not bad, f"{stem} ({mode}) at 1024x768:\n" + "\n".join(bad)


def test_quiz_slide_leaves_out_the_jupyterlab_instructions():
    """On a slide the quiz needs no cell to run: the sentence telling a JupyterLab reader
    to run it is marked lab-only and hidden in the decks (slide review 17)."""
    import nbformat

    assert ".reveal .kit-lab-only { display: none; }" in classroom.SLIDE_EXTRAS_CSS
    for path in classroom.notebooks():
        nb = nbformat.read(path, as_version=4)
        intro = next(c for c in nb.cells if c.cell_type == "markdown"
                     and "quiz" in c.metadata.get("tags", []))
        lab_only = re.search(r'<span class="kit-lab-only">(.*?)</span>', intro.source)
        assert lab_only and "run the collapsed cell" in lab_only.group(1), path.stem
        assert "run the" not in intro.source.replace(lab_only.group(0), ""), path.stem


def test_slide_css_is_the_same_in_rise_and_the_offline_decks(tmp_path):
    """The rules both slide kinds share live once, in rise.css between two markers; the
    offline decks' template holds them, and a sheet without the markers is an error."""
    rise = (ROOT / "notebooks" / "rise.css").read_text()
    shared = classroom.SLIDE_EXTRAS_CSS
    assert ".reveal .alert-danger" in shared and ".reveal .kit-refs" in shared
    assert shared.strip() in rise and shared.strip() in classroom.SLIDES_TEMPLATE
    assert all(rise.count(marker) == 1 for marker in classroom.SLIDE_EXTRAS_MARKERS)
    assert "kit-slide-extras" not in shared and ".rise-enabled" not in shared  # RISE's own
    bare = tmp_path / "rise.css"
    bare.write_text(rise.replace(classroom.SLIDE_EXTRAS_MARKERS[1], ""))
    with pytest.raises(ValueError, match="kit-slide-extras: end"):
        classroom.slide_extras_css(bare)


@pytest.mark.browser
@pytest.mark.parametrize("stem", STEMS)
def test_offline_deck_fits_a_1024x768_projector(decks, stem):
    sync = _chromium()
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        blocked = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("file:", "data:", "blob:")) else (blocked.append(r.request.url), r.abort()))
        page.goto(decks[stem].as_uri())
        measured = slidecheck.deck_slides(page)
        browser.close()
    assert not blocked
    assert len(measured) >= 10
    assert all(m["scale"] == pytest.approx(1.28, abs=0.01) for m in measured)
    _check(stem, "deck", measured)
    # the wide schematics fill the slide's width: their text is as large as their width
    # lets it be (14.5 px at 9 and 7.8 inches with 10.5 and 9-point labels: review 24)
    for m in measured:
        for name, least in SCHEMATICS.items():
            if m["label"] and m["label"]["text"].startswith(f"png: {name}"):
                assert m["label"]["px"] >= least, (stem, m["index"], m["label"])


# the slides' schematics (alt texts' first words) and the least size of their text, px:
# both were as wide as the slide, their labels 16-17 px, two thirds of the slide's text
# (review 25); drawn near the slide's shape, labels are 19-20 px and the smallest text
# (a source line, a note) 18; the pain drawings' words, under the heads in a plate taller
# than wide, were 14.6 px (review 22), beside them 18
SCHEMATICS = {"Schematic cross-section": 18.0, "Timeline of attack": 18.0,
              "Pain drawings for the exercise": 18.0}


@pytest.fixture(scope="module")
def rise_lab(tmp_path_factory):
    _chromium()
    home = tmp_path_factory.mktemp("riselab")
    served = notebook_copy(ROOT, home / "kit")
    try:
        with jupyterlab(served, home, "--LabApp.expose_app_in_browser=True") as lab:
            yield lab
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("stem", RISE_STEMS)
def test_rise_slideshow_fits_a_1024x768_projector(rise_lab, stem):
    sync = _chromium()
    base, token = rise_lab
    pngs = slidecheck.png_outputs(ROOT / "notebooks" / f"{stem}.ipynb")
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        rise = slidecheck.open_rise(page, base, token, f"notebooks/{stem}.ipynb")
        url = rise.url
        measured = slidecheck.rise_slides(rise, pngs)
        browser.close()
    # jupyterlab-rise's own slideshow page, with the notebook's 3D figures drawn on slides
    assert f"/rise/notebooks/{stem}.ipynb" in url
    assert any(m["plotly"] for m in measured), "no slide shows a drawn plotly figure"
    assert len(measured) >= 10
    _check(stem, "rise", measured)


@pytest.mark.browser
def test_quiz_slide_shows_one_question_at_a_time(decks):
    """The quiz box on a slide pages one question at a time: the next question peeked
    in at the box's foot (slide review 17)."""
    sync = _chromium()
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        page.goto(decks["02_pain_referral_hot_spots"].as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("""() => { const s = [...document.querySelectorAll('.Quiz')][0]
            .closest('section'); const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""")
        page.wait_for_timeout(300)
        box, heights, shown = page.evaluate("""() => {
            const box = document.querySelector('.jp-OutputArea:has(.Quiz)');
            const r = box.getBoundingClientRect();
            const qs = [...box.querySelectorAll('.Quiz')];
            const inView = qs.filter(q => { const b = q.getBoundingClientRect();
                return b.top < r.bottom - 1 && b.bottom > r.top + 1; });
            return [box.clientHeight, qs.map(q => q.offsetHeight), inView.length]; }""")
        browser.close()
    assert len(heights) >= 5 and box > 200
    assert min(heights) >= box, (box, heights)
    assert shown == 1


def _on_each_figure_slide(body: str) -> str:
    """A script for page.evaluate: show each slide with a 3D figure, wait for its figure,
    and run ``body`` for each figure ``gd`` on it; ``body`` pushes to ``out``, which the
    script returns, and may use ``box(element)`` (its screen box: left, top, right,
    bottom)."""
    return """async () => {
  const out = [];
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; };
  for (const slide of Reveal.getSlides()) {
    if (!slide.querySelector('.kit-plotly, .js-plotly-plot')) continue;
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    for (let k = 0; k < 100 && !slide.querySelector('.js-plotly-plot .main-svg'); k++) {
      await new Promise(ok => setTimeout(ok, 100));
    }
    await new Promise(ok => requestAnimationFrame(() => setTimeout(ok, 50)));
    for (const gd of slide.querySelectorAll('.js-plotly-plot')) {
""" + body + """
    }
  }
  return out;
}"""


def _run_in_deck(deck: Path, script: str):
    """Open a deck at 1024 x 768 in Chromium, slides without transitions, and return what
    ``script`` (a page.evaluate function) returns."""
    sync = _chromium()
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        page.goto(deck.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("() => Reveal.configure({transition: 'none'})")
        result = page.evaluate(script)
        browser.close()
    return result


# Every title a 3D figure's menu sets, measured on its slide: the title's box, the menus'
# boxes and the figure's, in screen px.
TITLES_JS = _on_each_figure_slide("""
      const menus = gd.layout.updatemenus || [];
      for (const menu of menus) {
        for (const button of menu.buttons || []) {
          if (!button.args.some(a => a && typeof a === 'object' && 'title.text' in a)) continue;
          await Plotly[button.method](gd, ...JSON.parse(JSON.stringify(button.args)));
          await new Promise(ok => requestAnimationFrame(() => setTimeout(ok, 50)));
          const title = gd.querySelector('.g-gtitle text');
          out.push({option: button.label, figure: box(gd), title: box(title),
                    menus: [...gd.querySelectorAll('.updatemenu-header-group')]
                      .map(box).filter(b => b[2] > b[0])});
        }
      }""")


@pytest.mark.browser
@pytest.mark.parametrize("stem", ["01_occipital_nerves", "02_pain_referral_hot_spots"])
def test_menu_titles_clear_the_menus_on_a_slide(decks, stem):
    """A title that a stage or pattern menu sets stays inside the figure and above its
    menus on the slide, where its text is 1.2 times larger (RENDER_JS): stage 4's second
    line ran 5 px into the menus under it, stage 1's too."""
    measured = _run_in_deck(decks[stem], TITLES_JS)
    assert len(measured) >= 8, measured  # the nerve figure's stages, the heat's patterns
    bad = []
    for m in measured:
        left, top, right, bottom = m["title"]
        if top < m["figure"][1] or right > m["figure"][2]:
            bad.append(f"{m['option']}: title outside the figure {m['title']} {m['figure']}")
        for b in m["menus"]:
            if left < b[2] and b[0] < right and top < b[3] and b[1] < bottom:
                bad.append(f"{m['option']}: title {m['title']} over a menu {b}")
    assert not bad, "\n".join(bad)


# On every slide with a 3D figure: the boxes (screen px) of its row buttons (a layer row)
# and of its dropdown menus' headers.
BUTTON_ROWS_JS = _on_each_figure_slide("""
      out.push({buttons: [...gd.querySelectorAll('.updatemenu-button')].map(
                  b => [b.textContent, ...box(b)]),
                dropdowns: [...gd.querySelectorAll('.updatemenu-header')].map(box)});""")


@pytest.mark.browser
def test_layer_buttons_keep_apart_on_a_slide(decks):
    """On a slide, whose text is 1.2 times larger, the layer buttons (deck 01's nerve
    figure) stand apart, as in the notebook, and clear of the dropdown beside them: placed
    for the notebook's font, they ran into each other (review 36)."""
    stem = "01_occipital_nerves"
    figures = _run_in_deck(decks[stem], BUTTON_ROWS_JS)
    rows = [f for f in figures if len(f["buttons"]) > 1]
    assert rows, figures
    for f in rows:
        buttons = sorted(f["buttons"], key=lambda b: b[1])
        for (a, *ab), (b, *bb) in zip(buttons, buttons[1:]):
            if abs(ab[1] - bb[1]) < 1:    # one row
                assert ab[2] + 2 <= bb[0], (stem, a, ab, b, bb)
        for name, *bb in buttons:
            for d in f["dropdowns"]:
                assert bb[2] <= d[0] or d[2] + 8 <= bb[0] or bb[3] <= d[1] or d[3] <= bb[1], \
                    (stem, name, bb, d)


@pytest.mark.browser
@pytest.mark.parametrize("stem", ["01_occipital_nerves", "02_pain_referral_hot_spots"])
def test_a_3d_figure_keeps_its_size_on_a_slide_when_clicked(decks, stem):
    """On its slide a 3D figure keeps its height, legend included, through clicks on its
    buttons or its dropdown: showing the slide resizes the figure with autosize, which
    drops the layout's height, and the div, with none of its own, then shrank to its
    300 px minimum on the next redraw; a click on a layer button cut the nerve figure to
    a strip (review 36)."""
    sync = _chromium()
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        page.goto(decks[stem].as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("""() => { Reveal.configure({transition: 'none'});
            const s = [...Reveal.getSlides()].find(s => s.querySelector('.kit-plotly'));
            const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""")
        page.wait_for_selector(".present .js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(500)
        # away and back, as a class goes: a slide shown again resizes its drawn figure
        page.evaluate("() => { Reveal.next(); Reveal.prev(); }")
        page.wait_for_timeout(500)
        size = """() => { const gd = document.querySelector('.present .js-plotly-plot');
            const legend = gd.querySelector('.legend');
            return [gd.getBoundingClientRect().height,
                    legend ? legend.getBoundingClientRect().bottom
                             - gd.getBoundingClientRect().bottom : null]; }"""
        before = page.evaluate(size)
        buttons = page.locator(".present .updatemenu-button")
        clicks = min(buttons.count(), 2)
        for k in range(clicks):   # a row of buttons (the nerve figure's layers)
            buttons.nth(k).click()
            page.wait_for_timeout(600)
        if not clicks:   # else a dropdown's second option (the heat figure's patterns)
            page.locator(".present .updatemenu-header-group").first.click()
            page.wait_for_timeout(300)
            page.locator(".present .updatemenu-dropdown-button").nth(1).click()
            page.wait_for_timeout(600)
            clicks = 1
        after = page.evaluate(size)
        browser.close()
    assert before[0] > 400 and abs(after[0] - before[0]) < 1, (before, after)
    if before[1] is not None:   # the legend stays inside the figure
        assert after[1] is not None and after[1] <= 1, (before, after)


def test_references_slide_lists_what_the_slides_cite():
    """A deck's slide of sources lists those its slides cite, each with its anchor, and
    leaves out those cited only in the reading text; a source missing from the list is an
    error (citation links on slides led nowhere: student review 28)."""
    import nbformat

    from tools.slide_material import references_slide

    def md(text, kind="-"):
        return nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": kind}})

    refs = ('## References\n\nAll sources.\n\n- <a id="ref-a2020"></a>**A 2020.** A.\n'
            '- <a id="ref-b2021"></a>**B 2021.** B.')
    nb = nbformat.v4.new_notebook(cells=[md("On a slide ([A 2020](#ref-a2020))", "slide"),
                                         md("Reading text ([B 2021](#ref-b2021))", "skip"),
                                         md(refs, "skip")])
    assert references_slide(nb) == 1
    cell = nb.cells[-1]
    assert slide_type(cell) == "slide"
    assert 'id="ref-a2020"' in cell.source and "ref-b2021" not in cell.source
    assert 'class="kit-refs"' in cell.source
    nb.cells[0].source += " and [C](#ref-c2022)"
    nb.cells[-1].source = refs
    with pytest.raises(ValueError, match="c2022"):
        references_slide(nb)


def test_every_citation_on_a_slide_links_to_its_source_in_the_deck(decks):
    for stem, path in decks.items():
        page = path.read_text(encoding="utf-8")
        cited = set(re.findall(r'href="#ref-([\w.-]+)"', page))
        anchors = re.findall(r'id="ref-([\w.-]+)"', page)
        assert cited, f"{stem}: no slide cites a source"
        assert cited == set(anchors) and len(anchors) == len(set(anchors)), stem


@pytest.mark.browser
def test_a_citation_link_opens_the_slide_of_sources(decks):
    """Clicked on a slide, a citation goes to the slide holding its source, whose list
    scrolls inside the slide (deck 04 cites the most)."""
    sync = _chromium()
    with sync.sync_playwright() as p:
        browser, page = slidecheck.launch(p, CHROMIUM, FLAGS)
        page.goto(decks["04_diagnosis_and_management"].as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        page.evaluate("() => Reveal.configure({transition: 'none'})")
        # the first citation a reader can click (one in the red-flag box's last paragraph,
        # which the slides hide, or in a folded answer, cannot be)
        key = page.evaluate("""() => { for (const a of document.querySelectorAll(
                '.reveal .slides a[href^="#ref-"]')) {
              if (a.closest('.kit-refs, details')) continue;
              const i = Reveal.getIndices(a.closest('section')); Reveal.slide(i.h, i.v, 99);
              if (a.getClientRects().length && getComputedStyle(a).visibility === 'visible') {
                a.dataset.kitClicked = '1'; return a.getAttribute('href'); } }
            return null; }""")
        assert key, "no citation can be clicked on a slide"
        page.click("a[data-kit-clicked]")
        page.wait_for_function(f"""() => document.querySelector(
            '.reveal section.present [id="{key[1:]}"]')""", timeout=5_000)
        box = page.evaluate("""() => { const b = document.querySelector(
            '.reveal section.present .kit-refs'); return [b.scrollHeight, b.clientHeight]; }""")
        browser.close()
    assert box[0] >= box[1] > 100, box
