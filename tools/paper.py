"""Paper handouts: one A4 PDF per notebook, printed by Chromium, code hidden, figures static.

    python tools/paper.py            # build/paper/NN_name.pdf (and the .html it printed)

A paper handout is for the student's desk, so it is made from the student notebook: no
solution, no verdict and no answer is printed; each exercise keeps its question and gets a
box to write in. Code cells print only their output. Interactive 3D figures become the
picture they draw on first paint (``Plotly.toImage`` in the same Chromium that prints the
page), so the PDF does not depend on WebGL in print. The quiz (JavaScript) is replaced by
one line that sends the reader to the notebook. Text sits in two columns in a 9 pt face,
figures and tables span both, and a notebook prints on at most ``PAGE_BUDGET`` pages
(tests/test_paper.py).
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tools/ is a package of the repo root
    sys.path.insert(0, str(ROOT))
from anatomy.viz.plotly3d import HINT_NAME  # noqa: E402
from tools import classroom, slide_answers  # noqa: E402
from tools.browser import CHROMIUM, FLAGS  # noqa: E402

BUILD = ROOT / "build" / "paper"
PAGE_BUDGET = 6
FIGURE_SIZE = (900, 560)  # CSS px of each 3D figure's picture (printed at the column span)
# the least printed text, points, and the printed widths (A4 less its 10 mm margins; a
# column is half of it less the 6 mm gap); a picture whose text would print smaller grows
# its text, its legend goes below, and it is LEGEND_BELOW times taller (FREEZE_JS)
MIN_PRINTED_PT = 6.0
PAGE_MM, COLUMN_MM = 190.0, 92.0
LEGEND_BELOW = 1.2  # 900 x 672 px: 69 mm high in a column (pictures print 70 mm at most)
SLIDE_ONLY = ("## Today\n", "## Take-home points\n")
# your-work: the notebook's write-in cells (paper has its own answer box)
# (and the line where a class copy keeps an answer back: on paper the answer box says it);
# screen-only: how to use the screen, a code call or a 3D figure's menus (on paper no help:
# paper reviews 20 and 21), or a figure that paper prints in another form (PRINT_PLATES)
DROP_TAGS = {"quiz", "instructor-notes", "solution", "verdict", "your-work",
             "screen-only", classroom.WITHHELD_TAG}

PAPER_CSS = """
<style type="text/css">
@page { size: A4; margin: 10mm 10mm 11mm 10mm; }
html, body { background: white; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 7.3pt; line-height: 1.18; }
main, .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child,
.jp-Cell-inputWrapper, .jp-InputArea { display: block !important; }
body.jp-Notebook { padding: 0; margin: 0; }
.kit-paper-columns { column-count: 2; column-gap: 6mm; }
.jp-Cell { padding: 0 !important; margin: 0 0 1.2mm 0 !important; break-inside: auto; }
.jp-Cell *, .jp-Cell-inputWrapper, .jp-Cell-outputWrapper { break-inside: auto !important;
  page-break-inside: auto !important; }
.jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser { display: none !important; }
.jp-RenderedHTMLCommon table { max-width: 100%; }
.jp-OutputArea-output.jp-RenderedHTMLCommon { overflow: visible; }
.jp-OutputArea-output { padding: 0 !important; }
.jp-RenderedHTMLCommon { padding-right: 0 !important; font-size: 7.3pt; }
.jp-RenderedHTMLCommon h1 { font-size: 15pt; margin: 0 0 2mm 0; column-span: all; }
.jp-RenderedHTMLCommon h2 { font-size: 11pt; margin: 2.5mm 0 1mm 0; break-after: avoid; }
.jp-RenderedHTMLCommon h3, .jp-RenderedHTMLCommon h4 { font-size: 9.5pt; margin: 2mm 0 1mm 0;
  break-after: avoid; }
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { margin: 0 0 1mm 0; }
.jp-RenderedHTMLCommon table { font-size: 7pt; break-inside: avoid; margin: 1mm 0; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { padding: 0.4mm 1mm; }
.jp-RenderedHTMLCommon blockquote { margin: 1mm 0; padding: 0 2mm; }
.jp-RenderedHTMLCommon pre, .jp-OutputArea-output pre { font-size: 7pt; white-space: pre-wrap; }
img.kit-figure, img.kit-paper-figure { break-inside: avoid !important; max-width: 100%;
  max-height: 70mm; width: auto; height: auto; display: block; margin: 1mm auto; }
table.dataframe, table.kit-frame { font-size: 5.9pt !important; margin: 0 !important; width: 100%;
  table-layout: auto; overflow-wrap: anywhere; break-inside: auto !important; }
table.dataframe td, table.dataframe th, table.kit-frame td, table.kit-frame th {
  text-align: left !important; }
.jp-Cell.kit-wide { column-span: all; }
/* a short table (under 8 rows) prints whole: notebook 05's four-row red-flag screen split
   two and two, the second pair headless at the top of the next column (review 32) */
table.dataframe:not(:has(tbody tr:nth-child(8))),
table.kit-frame:not(:has(tbody tr:nth-child(8))) { break-inside: avoid !important; }
/* a long table may run on into the next column, but not leave its header row behind */
table.kit-frame thead, table.dataframe thead { break-after: avoid; }
/* and its header row prints again at the top of each column it runs into: Chromium repeats
   a header it may not split, and `.jp-Cell *` above had let every header split (notebook
   05's 14-row differential ran on headless: review 32) */
.jp-Cell table thead { break-inside: avoid !important; }
/* a table's key and sources printed alone at the top of the next page (review 24): on
   paper they go into its caption (notes_into_caption), under its title, and print with
   it; tighter cells pay for their lines (taken over with the table's last row, they made
   handout 03 a page longer) */
.jp-RenderedHTMLCommon caption .kit-table-note { display: block; font-weight: normal;
  font-size: 0.85em; margin: 0.3mm 0; }
.jp-RenderedHTMLCommon table:has(caption .kit-table-note) :is(td, th) {
  padding: 0.35mm 1mm !important; }
table.kit-frame tbody tr:first-child, table.dataframe tbody tr:first-child {
  break-before: avoid; break-inside: avoid; }
/* a print plate (several small heads) spans the page: in a column its labels were 4 pt */
/* a markdown cell's tags are classes of its rendered text, not of the cell */
.jp-Cell.celltag_kit-paper-plate, .jp-Cell:has(.celltag_kit-paper-caption) { column-span: all; }
.jp-Cell.celltag_kit-paper-plate img.kit-figure,
.jp-Cell.celltag_kit-paper-plate img.kit-paper-figure { max-height: 120mm; }
/* 104 mm: at 76 mm the rami schematic's labels printed at 7 points (review 26) */
.jp-Cell.celltag_kit-paper-low img.kit-figure { max-height: 104mm; }
.jp-Cell.celltag_kit-paper-tall img.kit-figure { max-height: 130mm; }
.jp-Cell.celltag_kit-paper-low .jp-OutputArea-output { display: block; }  /* centred */
.jp-Cell.kit-wide table { width: 100%; }
table.dataframe td, table.dataframe th, table.kit-frame td, table.kit-frame th {
  padding: 0.2mm 1.2mm !important; line-height: 1.15; }
/* a box and a warning box print whole (.jp-Cell * lets everything else split), and an
   exercise with its box */
.kit-paper-answer, .jp-RenderedHTMLCommon .alert, .jp-RenderedHTMLCommon tr,
.jp-Cell:has(.kit-paper-answer) { break-inside: avoid !important; }
.kit-paper-answer { border: 0.3mm solid #777; height: 13mm; margin: 0.8mm 0 1.2mm 0;
  box-sizing: border-box; }
.kit-paper-answer.kit-paper-long { height: 24mm; }
.kit-paper-answer.kit-paper-step { height: 10mm; }  /* a step's short answer: a flag, a name */
/* a warning box is too tall for a column: it spans the page, its list in two columns */
.jp-Cell:has(.jp-RenderedHTMLCommon .alert) { column-span: all; }
.jp-RenderedHTMLCommon .alert ul { column-count: 2; column-gap: 6mm; }
/* the answer box's cell is a table cell as wide as its content: an empty box was 12 mm
   wide (paper review) */
.jp-RenderedHTMLCommon:has(> .kit-paper-answer) { display: block !important;
  box-sizing: border-box; }
.kit-paper-answer::before { content: "Your answer"; font-size: 6.5pt; color: #666;
  padding: 0.5mm 1mm; display: block; }
.kit-paper-answer.kit-paper-run::before {
  content: "Your answer (what you predict or find on paper; the code steps run in the "
    "notebook)"; }
.kit-paper-note { font-style: italic; color: #333; }
.kit-paper-refs { column-count: 4; column-gap: 3.5mm; margin-top: 2mm; }
.kit-paper-refs { overflow-wrap: anywhere; }
.kit-paper-refs li, .kit-paper-refs p { font-size: 5.8pt !important; line-height: 1.12 !important;
  margin: 0 !important; }
.kit-paper-refs ul { padding-left: 2.5mm !important; margin: 0 !important; }
.kit-paper-refs h2 { font-size: 9pt !important; margin: 0 0 1mm 0 !important; }
</style>
"""

# paper = the handout page, restyled; the screen stylesheet of the lab template stays
PAPER_TEMPLATE = ("{%- extends 'lab/index.html.j2' -%}" + classroom.NO_CDN_BLOCKS + """
{%- block html_head_css -%}
{{ super() }}
""" + classroom.KIT_CSS + PAPER_CSS + """
{%- if resources.kit_plotly_js -%}
<script type="text/javascript">{{ resources.kit_plotly_js }}</script>
{%- endif -%}
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}<div class="kit-paper-columns">
{%- endblock body_header -%}
{%- block body_footer -%}
</div>{{ super() }}
{%- endblock body_footer -%}
{% block footer_js %}""" + classroom.RENDER_JS + "{% endblock footer_js %}")

QUIZ_NOTE = ("*Self-check quiz: open this notebook in JupyterLab or its HTML handout "
             "to take the quiz and read the feedback on each answer.*")
# a "## Reference: ..." section is a revision table that answers exercises: on a worksheet
# it printed under the last exercise (paper review 17), so paper names it instead
REVISION_HEADING = "## Reference:"
# the summary restates what the exercises ask: on paper it printed in the column beside
# them (review 29b: notebook 05's summary answered Case 2 and Exercise 2 beside them), so
# paper names it as well
SUMMARY_HEADING = "## Summary"
SUMMARY_NOTE = ("*Summary: for revision after the exercises, which it answers. It is in "
                "the notebook and its HTML handout.*")
REVISION_NOTE = ("*{title}: a table for revision after the exercises, which it answers. "
                 "It is in the notebook and its HTML handout.*")


RED_FLAG_TITLE = "RED FLAGS: get emergency care now"
# print plates a code cell may name (``paper="..."`` in its source): on paper they replace
# its output. Notebook 02's 3D heat figure printed one pattern of seven, and its exercises
# compare patterns (paper review 18).
# Its numbered form: which spots two patterns share is found by matching the markers'
# numbers (paper review 19: unnamed markers, and a caption that listed every pattern's
# zones just above the question).
# Notebook 03's pain maps: its 3D figure printed as a picture beside a plate of the same
# maps, one row per condition to fit a notebook's width, whose text came out at 2 points in
# one column. On paper the 3D figure is that plate, one column per condition across the
# page, and the notebook's plate stays on screen.
PRINT_PLATES = {"pattern_gallery": ("anatomy.viz.pain_views", "pattern_gallery",
                                    {"numbered": True}),
                "pain_maps_across": ("anatomy.viz.headache_views", "pain_map_plate",
                                     {"views": ("right", "posterior"), "panel_inches": 1.8}),
                # wide figures whose text printed at 4-5 points in a column: across the
                # page, drawn at print resolution (the notebook's PNG was soft: review 24)
                "duration_timeline": ("anatomy.viz.headache_views", "duration_timeline",
                                      {"height": 4.6, "width": 8.6}),
                "rami_schematic": ("anatomy.viz.rami_views", "rami_figure", {}),
                # the territory plate printed from the notebook's 114 ppi PNG was soft, its
                # overlap dots blurred (review 25)
                "territory_plate": ("anatomy.viz.pain_views", "territory_plate",
                                    {"side": "right"})}
# plates no taller than a column's figure, in a handout with no room for them at full
# height
LOW_PLATES = {"rami_schematic"}
# or a code cell asks for its own output across the page: a schematic or a plate of small
# heads printed in one column had 3-5 point text (paper review 18)
ACROSS = "across_the_page"
# or a tall, narrow figure asks for a column's full width: at a column figure's 70 mm high
# its text was under 6 points, and across the page it left the other column empty beside
# it (the stage plate: review 24, paper 01's page 2 a third empty)
TALL = "tall_in_a_column"


def print_plate(name: str) -> dict:
    """The display output (PNG and its alt text) of the print plate ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not one of ``PRINT_PLATES``.
    """
    import base64
    import importlib

    import nbformat

    if name not in PRINT_PLATES:
        raise ValueError(f"print plate {name!r}: choose one of "
                         f"{sorted([*PRINT_PLATES, ACROSS, TALL])}")
    module, func, options = PRINT_PLATES[name]
    plate = getattr(importlib.import_module(module), func)(**options)
    # at twice the notebook's resolution: about 200 pixels an inch on the page was soft
    # (paper review 20)
    png = base64.b64encode(plate.png_bytes(dpi=220)).decode("ascii")
    return nbformat.v4.new_output("display_data",
                                  data={"image/png": png, "text/plain": plate.alt},
                                  metadata={"image/png": {
                                      "alt": plate.alt, "text_px": plate.smallest_text_px(220)}})


def slide_summary(cell, after) -> bool:
    """Whether ``cell`` is a section's slide (a heading and a few bullets) with the
    reading text right after it: on paper the bullets repeated the reading beside them
    (paper review 18), so only the heading prints."""
    return (cell.cell_type == "markdown" and cell.source.startswith("#")
            and slide_answers.slide_type(cell) in ("slide", "subslide") and not classroom.tags(cell)
            and after is not None and after.cell_type == "markdown"
            and slide_answers.slide_type(after) == "skip" and not after.source.startswith("#"))


LONG_ANSWER_WORDS = 75  # an answer longer than this gets the tall box


def _answer_words(nb) -> dict[str, int]:
    """Words in the written answers of each exercise (its cell id), answers that the
    student copy leaves out."""
    out, current = {}, None
    for cell in nb.cells:
        tags = classroom.tags(cell)
        if "exercise" in tags:
            current = cell.id
            out[current] = 0
        elif current and cell.cell_type == "markdown" and tags & {"solution", "answer"}:
            text = re.sub(r"<[^>]+>", " ", cell.source)
            out[current] += len(text.split())
    return out


def code_exercise(after) -> bool:
    """Whether the exercise whose cells follow (``after``, up to the next exercise) has a
    code cell for the student's own work."""
    for cell in after:
        if "exercise" in classroom.tags(cell):
            return False
        if cell.cell_type == "code" and "your-work" in classroom.tags(cell):
            return True
    return False


def step_question(cell, after) -> bool:
    """Whether ``cell`` is a step of an exercise that asks its own question: a markdown
    cell, not the exercise's, that asks (a "?") and has a write-in cell (``your-work``)
    right after it."""
    return (cell.cell_type == "markdown" and "exercise" not in classroom.tags(cell)
            and "?" in cell.source
            and bool(after) and after[0].cell_type == "markdown"
            and "your-work" in classroom.tags(after[0]))


def has_steps(after) -> bool:
    """Whether the exercise whose cells follow (``after``, up to the next exercise) asks
    its questions in steps (``step_question``)."""
    for k, cell in enumerate(after):
        if "exercise" in classroom.tags(cell):
            return False
        if step_question(cell, after[k + 1:]):
            return True
    return False


TABLE_NOTE = re.compile(r'\n?<p class="kit-table-note"[^>]*>(.*?)</p>', re.S)


def notes_into_caption(html: str) -> str:
    """A kit table's notes (key, sources: ``anatomy.viz.tables``), moved from under the
    table into its caption, under its title, so that they print with it: under it they
    printed alone at the top of the next page (review 24).

    Parameters
    ----------
    html : str
        An output's HTML: one kit table with a caption, and its notes after it.

    Returns
    -------
    str
        The HTML with the notes in the caption; HTML with no notes, no caption or more
        than one table comes back unchanged.
    """
    notes = TABLE_NOTE.findall(html)
    if not notes or html.count("<table") != 1 or "</caption>" not in html:
        return html
    spans = "".join(f'<span class="kit-table-note">{n}</span>' for n in notes)
    return TABLE_NOTE.sub("", html).replace("</caption>", spans + "</caption>", 1)


def paper_notebook(nb):
    """The printable copy of a student notebook (see the module docstring).

    Returns the copy. Cells tagged as answers, verdicts, quiz plumbing or instructor notes
    are dropped, and so is a revision table that answers the exercises ("## Reference:";
    a line names it). Every exercise question gets an answer box, and the reference list
    is marked so it prints small.
    """
    answer_words = _answer_words(nb)
    nb = classroom.student_notebook(nb)
    cells, quiz_noted, revision, red_flags, plate_alt = [], False, False, False, None
    for k, cell in enumerate(nb.cells):
        tags = classroom.tags(cell)
        if cell.cell_type == "markdown" and cell.source.startswith(REVISION_HEADING):
            revision = True  # this section, up to the next heading, stays off paper
            title = cell.source.splitlines()[0].removeprefix("## ").strip()
            cells.append(_markdown(REVISION_NOTE.format(title=title)))
            continue
        if cell.cell_type == "markdown" and cell.source.startswith(SUMMARY_HEADING):
            cells.append(_markdown(SUMMARY_NOTE))
            continue  # the summary is one cell: its heading and its bullets
        if revision and not (cell.cell_type == "markdown" and cell.source.startswith("#")):
            continue
        revision = False
        if "quiz" in tags and not quiz_noted:
            quiz_noted = True
            cells.append(_markdown(QUIZ_NOTE))
        if tags & DROP_TAGS:
            continue
        if cell.cell_type == "code" and not cell.get("outputs"):
            continue  # nothing to print (set-up and import cells)
        if cell.cell_type == "markdown" and cell.source.startswith("## Prerequisites"):
            continue  # how to run the notebook: not for paper
        if cell.cell_type == "markdown" and cell.source.startswith(SLIDE_ONLY):
            continue  # the slides' short forms of the overview and the summary
        if cell.cell_type == "markdown" and RED_FLAG_TITLE in cell.source:
            if red_flags:
                continue  # the slides' repeat of the box (paper review 18: printed twice)
            red_flags = True
        cell = copy.deepcopy(cell)
        for out in cell.get("outputs", []):
            if "text/html" in out.get("data", {}):
                html = out["data"]["text/html"]
                html = html if isinstance(html, str) else "".join(html)
                out["data"]["text/html"] = notes_into_caption(html)
        if cell.cell_type == "code" and cell.metadata.get("kit_paper") == TALL:
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "kit-paper-tall"]
        elif cell.cell_type == "code" and cell.metadata.get("kit_paper"):
            if cell.metadata["kit_paper"] != ACROSS:
                cell.outputs = [print_plate(cell.metadata["kit_paper"])]
                plate_alt = cell.outputs[0]["metadata"]["image/png"]["alt"]
            low = ["kit-paper-low"] if cell.metadata["kit_paper"] in LOW_PLATES else []
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "kit-paper-plate", *low]
        caption = re.match(r"\*Figure \d+\. Text summary:\*", cell.source)
        if cell.cell_type == "markdown" and caption and plate_alt:
            # the 3D figure's summary would describe what paper does not show (review 18)
            cell.source, plate_alt = f"{caption[0]} {plate_alt}", None
        if (cell.cell_type == "markdown" and caption and cells
                and "kit-paper-plate" in cells[-1].metadata.get("tags", [])):
            # under a figure that spans the page, its caption spans it too: in a column it
            # ran on into the next column and the next page (review 32)
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "kit-paper-caption"]
        if slide_summary(cell, nb.cells[k + 1] if k + 1 < len(nb.cells) else None):
            cell.source = cell.source.splitlines()[0]  # its heading; the reading follows
        if cell.cell_type == "markdown" and re.match(r"\s*#+ References", cell.source):
            cell.source = ('<div class="kit-references">\n\n' + paper_references(cell.source)
                           + "\n\n</div>")
        cells.append(cell)
        if step_question(cell, nb.cells[k + 1:]):
            # a case's step ("Screen first: ...", "Now decide: ...") takes its answer under
            # it: the box under the story came before the questions (review 24); what to
            # run and reveal after its question is for the screen
            cell.source = (cell.source[:cell.source.rindex("?") + 1]
                           + '\n\n<div class="kit-paper-answer kit-paper-step"></div>')
        if "exercise" in tags and not has_steps(nb.cells[k + 1:]):  # its steps have boxes
            # more room for a question with several parts, or whose answer in the kit is
            # long (paper review 19: 13 mm for two problems and a rewritten sentence); a
            # case's story asks no question of its own, its steps do (and the page budget
            # holds with them short)
            parts = len(re.findall(r"\?|\bfor each\b|\btwo\b", cell.source, re.I))
            case = cell.source.startswith("### Case")
            long = parts >= 2 or (not case and answer_words.get(cell.id, 0) > LONG_ANSWER_WORDS)
            # an exercise with a code cell to fill in is run in the notebook (paper review
            # 18: it could not be done on paper), and its box says so
            runs = code_exercise(nb.cells[k + 1:])
            # in the exercise's own cell, which prints whole: a box in a cell of its own
            # fell into the next column or page, away from its question (paper review 18)
            cell.source += ('\n\n<div class="kit-paper-answer'
                            + (' kit-paper-long' if long else '')
                            + (' kit-paper-run' if runs else '') + '"></div>')
    nb.cells = cells
    classroom.readable_headers(nb)
    classroom.convert_javascript_outputs(nb)
    n_plots = classroom.convert_plotly_outputs(nb, prefix="kit-paper")
    classroom.carry_alt_text(nb)
    return nb, n_plots


def paper_reference(key: str) -> str:
    """One reference in the printed list: as in the notebook, but at most three authors
    before "et al." and the short "doi:" form (a printed URL is not a link anyway)."""
    from anatomy.references import get_reference

    ref = get_reference(key)
    names = [n.strip() for n in ref.authors.removesuffix(".").split(",") if n.strip()]
    if len(names) > 3:
        names = names[:3] + ["et al"]
    full = ref.formatted().replace("https://doi.org/", "doi:")
    return f"**{ref.short}.** " + full.replace(ref.authors.removesuffix("."), ", ".join(names), 1)


def paper_references(source: str) -> str:
    """The notebook's reference list (a markdown cell) in the printed form, same order."""
    keys = re.findall(r'<a id="ref-([^"]+)"></a>', source)
    head = source.split("\n- ", 1)[0]
    return head + "\n\n" + "\n".join(f"- {paper_reference(k)}" for k in keys)


def _markdown(text: str):
    import nbformat

    return nbformat.v4.new_markdown_cell(text)


def paper_html(path: Path) -> str:
    """The page Chromium prints for the notebook at ``path`` (a committed student notebook)."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    classroom.relink(nb, path)
    nb, n_plots = paper_notebook(nb)
    exporter = HTMLExporter(extra_loaders=[DictLoader({"kit_paper.html.j2": PAPER_TEMPLATE})],
                            template_file="kit_paper.html.j2", embed_images=True,
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    js = classroom.plotly_js_path().read_text(encoding="utf-8") if n_plots else ""
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": path.stem}, "kit_plotly_js": js})
    return body


# Each drawn 3D figure -> <img> of its first paint; wide tables span both columns.
FREEZE_JS = """
async ([w, h]) => {
  // the smallest text a figure draws: titles, legend, notes and text traces (plotly's
  // default 12 px where a size is unset; invisible and transparent text left out)
  const smallestText = (data, layout) => {
    const base = (layout.font && layout.font.size) || 12;
    const sizes = [];
    const add = font => {
      const size = font && font.size;
      sizes.push(Array.isArray(size) ? Math.min(...size) : size || base);
    };
    if (layout.title && layout.title.text) add(layout.title.font);
    if (layout.showlegend !== false && data.some(t => t.showlegend !== false)) {
      add(layout.legend && layout.legend.font);
    }
    for (const a of [...(layout.annotations || []),
                     ...((layout.scene && layout.scene.annotations) || [])]) {
      if (a.visible !== false && a.text) add(a.font);
    }
    for (const t of data) {
      const shown = t.visible === undefined || t.visible === true;
      const clear = t.textfont && /rgba\\([^)]*,\\s*0\\)/.test(String(t.textfont.color));
      if (shown && !clear && String(t.mode || '').includes('text') && t.text) add(t.textfont);
    }
    return Math.min(...sizes);
  };
  // a figure's text grown by s: titles, legend, notes and text traces
  const grown = (f, s, base) => Object.assign({}, f || {}, {size: ((f && f.size) || base) * s});
  const els = Array.from(document.querySelectorAll('.kit-plotly'));
  for (const el of els) {
    // without its menus and buttons: on paper they cannot be pressed (paper review 17)
    let layout = Object.assign({}, el.layout, {updatemenus: [], sliders: [],
      annotations: (el.layout.annotations || []).filter(a => a.name !== HINT_NAME)});
    let data = el.data, height = h;
    // a picture in one column whose text would print under MIN_PT (the nerve figure's
    // 21-name legend at 3.5 points: review 24): its text grows to MIN_PT, the legend goes
    // under the scene in rows, and the picture is LEGEND_BELOW times taller to hold it
    const printedMm = el.closest('.celltag_kit-paper-plate') ? PAGE_MM : COLUMN_MM;
    const needPx = 1.05 * MIN_PT * 25.4 / 72 * w / printedMm;  // a little over: no rounding under
    const small = smallestText(data, layout);
    if (small < needPx) {
      const s = needPx / small, base = (layout.font && layout.font.size) || 12;
      const note = a => Object.assign({}, a, {font: grown(a.font, s, base)});
      layout = Object.assign({}, layout, {
        font: grown(layout.font, s, 12),
        title: Object.assign({}, layout.title, {font: grown(layout.title && layout.title.font,
                                                            s, base), pad: {b: 8}}),
        legend: Object.assign({}, layout.legend, {font: grown(layout.legend &&
          layout.legend.font, s, base), orientation: 'h', x: 0, xanchor: 'left', y: 0,
          yanchor: 'top', title: {text: ''}}),
        // the menus' room above the scene is not needed: the title's
        margin: Object.assign({}, layout.margin, {t: Math.round(3 * base * s)}),
        annotations: layout.annotations.map(note),
        scene: Object.assign({}, layout.scene, {annotations:
          ((layout.scene && layout.scene.annotations) || []).map(note)})});
      data = data.map(t => t.textfont ? Object.assign({}, t, {textfont: grown(t.textfont, s,
                                                                              base)}) : t);
      height = Math.round(h * LEGEND_BELOW);
    }
    const url = await Plotly.toImage({data: data, layout: layout},
                                     {format: 'png', width: w, height: height});
    const img = document.createElement('img');
    img.src = url; img.className = 'kit-paper-figure';
    // its smallest text in image px, as a drawn figure's (the printed-size test)
    img.dataset.textPx = smallestText(data, layout);
    img.dataset.menusLive = (el.layout.updatemenus || []).length;
    img.dataset.menusPrinted = layout.updatemenus.length;
    const hint = ls => (ls || []).filter(a => a.name === HINT_NAME).length;
    img.dataset.hintsLive = hint(el.layout.annotations);
    img.dataset.hintsPrinted = hint(layout.annotations);
    img.alt = el.getAttribute('aria-label') || '';
    Plotly.purge(el); el.replaceWith(img);
  }
  await Promise.all(Array.from(document.images).map(
    i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; })));
  // a table wider than its column spans both columns (then it fits the page width)
  document.querySelectorAll('.jp-Cell table').forEach(t => {
    const cell = t.closest('.jp-Cell');
    const cols = t.rows.length ? t.rows[t.rows.length - 1].cells.length : 0;
    if (cols >= 4 || t.scrollWidth > cell.clientWidth + 1) { cell.classList.add('kit-wide'); }
  });
  // the reference list (and what follows it) in three narrow columns after the text
  const refs = document.querySelector('.kit-references');
  if (refs) {
    const columns = document.querySelector('.kit-paper-columns');
    const tail = document.createElement('div');
    tail.className = 'kit-paper-refs';
    let cell = refs.closest('.jp-Cell');
    while (cell) { const next = cell.nextElementSibling; tail.appendChild(cell); cell = next; }
    columns.after(tail);
  }
  return els.length;
}
""".replace("HINT_NAME", json.dumps(HINT_NAME)).replace("MIN_PT", str(MIN_PRINTED_PT)).replace(
    "PAGE_MM", str(PAGE_MM)).replace("COLUMN_MM", str(COLUMN_MM)).replace(
    "LEGEND_BELOW", str(LEGEND_BELOW))


def open_frozen(html_path: Path, page) -> int:
    """Open a paper handout's ``html_path`` in a playwright ``page`` and freeze its 3D
    figures into pictures (FREEZE_JS), as it prints; returns how many."""
    page.goto(html_path.resolve().as_uri())
    n = page.evaluate("document.querySelectorAll('.kit-plotly').length")
    if n:
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.kit-plotly'))"
            ".every(el => el.dataset.drawn && el._fullLayout)", timeout=120_000)
    return page.evaluate(FREEZE_JS, list(FIGURE_SIZE))


def print_pdf(html_path: Path, pdf_path: Path, page) -> int:
    """Print ``html_path`` to an A4 ``pdf_path`` with a playwright ``page``; returns the
    number of 3D figures frozen into pictures."""
    frozen = open_frozen(html_path, page)
    page.emulate_media(media="print")
    page.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    return frozen


def page_count(pdf_path: Path) -> int:
    """Pages in a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(pdf_path).pages)


def build_paper(out: Path = BUILD, sources=None, budget: bool = True) -> dict[str, int]:
    """Print every notebook's paper handout into ``out``.

    Parameters
    ----------
    out : Path
        Folder for the PDFs and the pages they were printed from.
    sources : list of Path, optional
        Student notebooks to print; every notebook of the kit by default.
    budget : bool
        Raise RuntimeError naming each handout over ``PAGE_BUDGET`` pages.

    Returns
    -------
    dict
        Pages per PDF file name.
    """
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    pages = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        for path in sources or classroom.notebooks():
            html_path = out / f"{path.stem}.html"
            html_path.write_text(paper_html(path), encoding="utf-8")
            pdf = out / f"{path.stem}.pdf"
            print_pdf(html_path, pdf, page)
            pages[pdf.name] = page_count(pdf)
            print(f"paper: {pdf} ({pages[pdf.name]} pages)")
        browser.close()
    over = {k: v for k, v in pages.items() if v > PAGE_BUDGET}
    if budget and over:
        raise RuntimeError(f"over the {PAGE_BUDGET}-page budget: {over}")
    return pages


if __name__ == "__main__":
    build_paper()
