"""In the classroom: offline slides, offline handouts and student copies of every notebook.

    python tools/classroom.py slides    # build/slides/NN_name.slides.html (reveal.js, offline)
    python tools/classroom.py handouts  # build/handouts/NN_name.html (one self-contained page)
    python tools/classroom.py student   # build/student/NN_name.ipynb (solutions removed)

Nothing is fetched when a page is opened. Third-party JavaScript comes from registries at
build time from npm (pinned in package.json / package-lock.json, installed into node_modules/
with ``npm ci``): reveal.js, and plotly.js as its gl3d partial bundle (the same plotly.js
version as the ``plotly`` Python package, a third of the size of the full bundle; the kit's
figures only use 3D traces, which is checked when a page is built).
Stored plotly figures (``application/vnd.plotly.v1+json``) become a div with a fixed id
plus a ``Plotly.newPlot`` call, which nbconvert does not do by itself.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tools/ is a package of the repo root
    sys.path.insert(0, str(ROOT))
from tools import nbtools  # noqa: E402
from tools.classroom_outputs import (  # noqa: E402,F401 - re-exported for tests and tools
    GL3D_TRACES,
    PLOT_CONFIG,
    PLOTLY_MIME,
    RENDER_JS,
    carry_alt_text,
    check_traces,
    convert_plotly_outputs,
    header_words,
    image_html,
    plot_html,
    readable_headers,
)
from tools.slide_answers import answers_on_own_slides, tags  # noqa: E402,F401
from tools.slide_material import add_slide_material, references_slide  # noqa: E402
from tools.student_copy import (  # noqa: E402,F401 - re-exported for tests and tools
    WITHHELD,
    WITHHELD_TAG,
    student_notebook,
)

NOTEBOOK_DIR = ROOT / "notebooks"
BUILD = ROOT / "build"
REVEAL_PACKAGE = ROOT / "node_modules" / "reveal.js"
REVEAL_DIR = "reveal.js"  # folder next to the decks in build/slides/
PLOTLY_PACKAGE = ROOT / "node_modules" / "plotly.js-gl3d-dist-min"
PLOTLY_JS = "plotly-gl3d.min.js"
REVEAL_THEME = "white"
REVEAL_FILES = ("LICENSE", "dist/reveal.js", "dist/reveal.css", f"dist/theme/{REVEAL_THEME}.css",
                "dist/plugin/notes.js")
HANDOUT_BUDGET = 6 * 1024 * 1024
# reveal.js's slide size (px before scaling): a 4:3 projector of 1024 x 768 shows it at
# 1.28 (reveal keeps a 4% margin); notebooks/rise.css and the notebooks' "rise" metadata
# give the live RISE slideshow the same size (tools/nbtools.RISE)
SLIDE_SIZE = (768, 576)
COMMANDS = ("slides", "handouts", "student")


def notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """Every notebook of the kit, in order."""
    return sorted(directory.glob("[0-9]*.ipynb"))


def plotly_js_path() -> Path:
    """plotly.js (gl3d partial bundle) from npm, at the plotly Python package's version."""
    ensure_npm_packages()
    path = PLOTLY_PACKAGE / PLOTLY_JS
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `npm ci` in {ROOT}.")
    with path.open(encoding="utf-8") as fh:
        head = fh.read(300)
    from plotly.offline import get_plotlyjs_version

    wanted = get_plotlyjs_version()
    if f"v{wanted}" not in head:
        raise RuntimeError(f"{path} is not plotly.js v{wanted} (the version the plotly Python "
                           "package writes figures for): update package.json and run `npm "
                           "install`.")
    return path


def ensure_npm_packages() -> None:
    """reveal.js, plotly.js and pyodide (its lock and standard library list what the
    browser's Python has, tests/test_lite.py) from npm (versions pinned in
    package-lock.json), via npm ci."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".package-lock.json"
    fresh = stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime
    wanted = (REVEAL_PACKAGE / "dist" / "reveal.js", PLOTLY_PACKAGE / PLOTLY_JS,
              ROOT / "node_modules" / "pyodide" / "pyodide-lock.json")
    if fresh and all(p.exists() for p in wanted):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to install reveal.js and plotly.js for the "
                           "slides and handouts (install Node.js 18+), then run the "
                           "command again.")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT,
                   check=True)


# ---------------------------------------------------------------------------------------
# Templates (nbconvert's lab/reveal templates minus every CDN script)
# ---------------------------------------------------------------------------------------

NO_CDN_BLOCKS = """
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
"""

KIT_CSS = """
<style type="text/css">
.kit-plotly { width: 100%; min-height: 300px; }
img.kit-figure { max-width: 100%; height: auto; }
.jp-OutputArea-output .kit-plotly { background: white; }
details.kit-solution > summary { cursor: pointer; font-weight: bold; margin: 0.4em 0;
  font-family: var(--jp-content-font-family); font-size: var(--jp-content-font-size1);
  color: var(--jp-content-font-color1); padding-left: var(--kit-text-indent); }
:root { --kit-text-indent: calc(var(--jp-cell-prompt-width) + 2 * var(--jp-cell-padding)
  + var(--jp-code-padding)); }
</style>
"""

# an answer cell (see fold_answers), a solution's code and a verdict render inside one
# <details> element each, in handouts and slides
FOLDED_ANSWER = """
{%- block markdowncell scoped -%}
{%- if cell.metadata.get('kit_summary') -%}
<details class="kit-solution"><summary>{{ cell.metadata.kit_summary | e }}</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock markdowncell -%}
{%- block codecell scoped -%}
{%- if 'solution' in cell.metadata.get('tags', []) -%}
<details class="kit-solution"><summary>Show the solution (code and result)</summary>
{{ super() }}
</details>
{%- elif 'verdict' in cell.metadata.get('tags', []) -%}
<details class="kit-solution"><summary>Show the result (decide first)</summary>
{{ super() }}
</details>
{%- elif 'findings-template' in cell.metadata.get('tags', []) -%}
<details class="kit-solution"><summary>Show the kit's findings (fill in yours first)</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock codecell -%}
"""

HANDOUT_TEMPLATE = ("{%- extends 'lab/index.html.j2' -%}" + NO_CDN_BLOCKS + """
{%- block html_head_css -%}
""" + KIT_CSS + """
{%- if resources.kit_plotly_js -%}
<script type="text/javascript">{{ resources.kit_plotly_js }}</script>
{%- endif -%}
{%- endblock html_head_css -%}
""" + FOLDED_ANSWER + """
{% block footer_js %}""" + RENDER_JS + "{% endblock footer_js %}")

# the slide rules that RISE and the offline decks share: on a slide the red-flag box lists
# the flags (what to look for and the sources stay in the notebook and the handout), and
# the quiz box scrolls one question at a time. They live once, in notebooks/rise.css (RISE
# loads that file from the notebook's folder), between two marker comments; the decks
# take them from there (the two copies had to be edited together before)
SLIDE_EXTRAS_MARKERS = ("/* kit-slide-extras: begin", "/* kit-slide-extras: end */")


def slide_extras_css(path: Path = NOTEBOOK_DIR / "rise.css") -> str:
    """The slide rules shared by RISE and the offline decks, read from ``path``.

    Parameters
    ----------
    path : pathlib.Path
        The RISE style sheet holding the rules between ``SLIDE_EXTRAS_MARKERS``.

    Returns
    -------
    str
        The rules, from the line after the begin marker's comment to the end marker.

    Raises
    ------
    ValueError
        If a marker is missing from ``path`` or they are out of order.
    """
    text = path.read_text()
    begin, end = (text.find(m) for m in SLIDE_EXTRAS_MARKERS)
    if begin < 0 or end < begin:
        raise ValueError(f"{path}: the shared slide rules need the markers "
                         f"{SLIDE_EXTRAS_MARKERS[0]!r} ... {SLIDE_EXTRAS_MARKERS[1]!r} in order")
    return text[text.index("*/", begin) + 2:end].strip("\n") + "\n"


SLIDE_EXTRAS_CSS = slide_extras_css()

SLIDES_TEMPLATE = ("{%- extends 'reveal/index.html.j2' -%}" + NO_CDN_BLOCKS + """
{%- block html_head_css -%}
""" + KIT_CSS + """
<style type="text/css">
/* a 768 x 576 slide, scaled up by reveal.js to the screen: on a 1024 x 768 projector the
   scale is 1.28, so 20 px body text shows at 25.6 px and a 12 px plotly label at 15 px */
.reveal { font-size: 20px; }
.reveal .slides section { overflow-y: auto; max-height: 100%; text-align: left; }
.reveal .slides section .kit-plotly { min-height: 300px; }
/* clear of reveal's arrows at the lower right: a 3D figure's key ran under them and
   past the slide's edge ('trigeminocervical conver': reviewer) */
.reveal .slides section .kit-plotly { width: calc(100% - 72px); }
.reveal aside.notes { display: none; }
/* the slide number at the lower left: at the right it sat under reveal's down arrow
   (review 21) */
.reveal .slide-number { right: auto; left: 8px; }
/* line-height 1.3: at reveal's 1.2 a title's glyphs ran 2 px past their line, and an
   answer slide's title, alone in its box, scrolled by that much (slide review 26) */
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 {
  text-transform: none; margin: 0 0 0.4em 0; line-height: 1.3; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.5em; } .reveal h3 { font-size: 1.25em; }
.reveal p, .reveal li { line-height: 1.3; }
.reveal .slides p { margin: 0.5em 0; }
.reveal .jp-RenderedHTMLCommon, .reveal .jp-RenderedMarkdown, .reveal .jp-OutputArea-output,
.reveal .jp-OutputArea-output pre, .reveal table { font-size: 20px; }
.reveal table { margin: 0.3em 0; border-collapse: collapse; }
.reveal table th, .reveal table td { padding: 0.15em 0.4em; font-size: 20px; }
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none; }
.reveal .jp-Cell, .reveal .jp-Cell-outputWrapper, .reveal .jp-OutputArea-child { padding: 0; }
.reveal img.kit-figure { display: block; margin: 0 auto; max-height: 570px; width: auto; }
/* the figure an exercise works on, above its questions (tools.slide_material.PLATES);
   88 % wide: at 100 % the questions' last line ran under the slide's arrows (review 28) */
.reveal img.kit-slide-plate { display: block; width: 88%; height: auto; margin: 0 auto; }
.reveal details.kit-solution > summary { font-size: 20px; margin: 0.15em 0; }
.reveal details.kit-solution pre { white-space: pre-wrap; overflow-wrap: anywhere; }
/* a printed line wraps between words (JupyterLab breaks it anywhere: 'in p / attern') */
.reveal .jp-OutputArea-output pre { white-space: pre-wrap; word-break: normal;
  overflow-wrap: break-word; }
""" + SLIDE_EXTRAS_CSS + """
</style>
{%- endblock html_head_css -%}
""" + FOLDED_ANSWER + """{% block footer_js %}
<script src="{{ reveal_url_prefix }}/dist/reveal.js"></script>
<script src="{{ reveal_url_prefix }}/dist/plugin/notes.js"></script>
<script src="{{ resources.kit_plotly_src }}"></script>
""" + RENDER_JS + """
<script>
Reveal.initialize({
  controls: true, progress: true, history: true, center: false, hash: true,
  transition: "{{ reveal_transition }}", slideNumber: "{{ reveal_number }}",
  width: {{ reveal_width }}, height: {{ reveal_height }}, plugins: [RevealNotes]
});
function kitShow(event) {
  if (window.kitDrawPlots) { window.kitDrawPlots(event.currentSlide); }
}
Reveal.on("ready", kitShow);
Reveal.on("slidechanged", kitShow);
Reveal.on("fragmentshown", function () { kitShow({currentSlide: Reveal.getCurrentSlide()}); });
</script>
{% endblock footer_js %}""")


ANSWER = re.compile(r"\A\s*<details[^>]*>\s*<summary>(?:<b>)?(?P<summary>.*?)(?:</b>)?</summary>"
                    r"(?P<body>.*)</details>\s*\Z", re.S)


def fold_answers(nb) -> int:
    """Prepare every revealable answer for nbconvert; returns the count.

    An answer cell holds ``<details><summary>...</summary>`` + markdown + ``</details>``.
    nbconvert's Markdown renderer ends that HTML block at the first blank line, so the
    answer would print as a plain paragraph below a closed, empty <details>. Here the
    cell keeps only its markdown and ``metadata.kit_summary``; the templates wrap the
    whole rendered cell in one <details> element.
    """
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "solution" not in tags(cell):
            continue
        match = ANSWER.match(cell.source)
        if not match:
            raise ValueError(f"Answer cell {cell.get('id', '?')!r} is not one <details> "
                             "element; write it with tools.nbtools.answer().")
        cell.source = match["body"].strip()
        cell.metadata["kit_summary"] = match["summary"].strip()
        count += 1
    return count


def convert_javascript_outputs(nb) -> int:
    """Turn every application/javascript output (the quizzes' jupyterquiz script) into a
    plain <script> in text/html; returns the count.

    nbconvert's templates wrap such output in a div with a random uuid4 id, so a page
    would change on every build; the script needs no element of its own.
    """
    count = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/javascript" in data:
                js = "".join(data.pop("application/javascript")).replace("</", "<\\/")
                data["text/html"] = f"<script>\n{js}\n</script>\n"
                count += 1
    return count


def relink(nb, source: Path, page_depth: int = 2) -> None:
    """Make the relative links of a notebook read from ``source`` work in a page written
    ``page_depth`` folders below the repo root (build/handouts/, build/slides/)."""
    try:
        depth = len(source.parent.resolve().relative_to(ROOT).parts)
    except ValueError:  # a notebook outside the kit (e.g. a test's): its links stay as they are
        return
    extra = page_depth - depth
    if extra <= 0:
        return
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("](../", "](" + "../" * (1 + extra))


def hide_code_on_slides(nb) -> int:
    """Show only the output of every code cell that has one (figures, tables, printed
    results) and is not a solution or verdict (those fold inside <details>); returns the
    count. Cells without output keep their code: the presenter can run them live."""
    count = 0
    for cell in nb.cells:
        if (cell.cell_type == "code" and cell.get("outputs")
                and not tags(cell) & {"solution", "verdict"}):
            cell.metadata["transient"] = {"remove_source": True}  # nbconvert's templates
            count += 1
    return count


def hide_quiz_code(nb) -> int:
    """Show only the output of each quiz cell (its code is plumbing); returns the count."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and "quiz" in tags(cell):
            cell.metadata["transient"] = {"remove_source": True}  # nbconvert's templates
            count += 1
    return count


def _exporter(kind: str):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter, SlidesExporter

    loader = DictLoader({"kit_handout.html.j2": HANDOUT_TEMPLATE,
                         "kit_slides.html.j2": SLIDES_TEMPLATE})
    if kind == "slides":
        return SlidesExporter(extra_loaders=[loader], template_file="kit_slides.html.j2",
                              reveal_url_prefix=REVEAL_DIR, reveal_theme=REVEAL_THEME,
                              reveal_width=str(SLIDE_SIZE[0]), reveal_height=str(SLIDE_SIZE[1]),
                              reveal_number="c/t")
    return HTMLExporter(extra_loaders=[loader], template_file="kit_handout.html.j2",
                        embed_images=True)


def _read(path: Path):
    return nbformat.read(path, as_version=4)


# ---------------------------------------------------------------------------------------
# Slides
# ---------------------------------------------------------------------------------------

def build_slides(out: Path = BUILD / "slides", sources=None) -> list[Path]:
    """One reveal.js deck per notebook (from its instructor version, ``handout_source``);
    reveal.js and plotly.js copied next to them."""
    ensure_npm_packages()
    reveal = REVEAL_PACKAGE
    out.mkdir(parents=True, exist_ok=True)
    target = out / REVEAL_DIR
    if target.exists():
        shutil.rmtree(target)
    for rel in REVEAL_FILES:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(reveal / rel, target / rel)
    shutil.copy2(plotly_js_path(), out / PLOTLY_JS)
    exporter = _exporter("slides")
    written = []
    for path in sources or notebooks():
        # from the instructor version, like a handout: a solution opened on a slide shows
        # its result ("Show the solution (code and result)" showed the code alone, the
        # students' copy running it under reveal = False: reviewer)
        source = handout_source(path)
        nb = _read(source)
        fold_answers(nb)
        add_slide_material(nb)
        answers_on_own_slides(nb)
        references_slide(nb)
        relink(nb, source)
        hide_quiz_code(nb)
        hide_code_on_slides(nb)
        readable_headers(nb)
        convert_javascript_outputs(nb)
        convert_plotly_outputs(nb)
        carry_alt_text(nb)
        body, _ = exporter.from_notebook_node(
            nb, resources={"metadata": {"name": path.stem}, "kit_plotly_src": PLOTLY_JS})
        dest = out / f"{path.stem}.slides.html"
        dest.write_text(body, encoding="utf-8")
        written.append(dest)
        print(f"slides: {dest}")
    return written


# ---------------------------------------------------------------------------------------
# Handouts
# ---------------------------------------------------------------------------------------

def handout_source(path: Path) -> Path:
    """The notebook a handout is made from: its instructor version when there is one.

    A handout has no kernel, so it carries every solution's result, folded inside a
    <details> element with the solution (see HANDOUT_TEMPLATE).
    """
    teacher = nbtools.instructor_path(path)
    return teacher if teacher.exists() else path


# text for JupyterLab only (tools/quiz.py: "run the collapsed cell below to show the quiz"):
# the decks hide it by CSS; a handout shows the quiz by itself and leaves it out
LAB_ONLY = re.compile(r'\s*<span class="kit-lab-only">.*?</span>', re.S)


def handout_notebook(nb):
    """The reading copy: instructor notes and JupyterLab-only text removed, answers folded,
    plotly outputs converted."""
    nb = copy.deepcopy(nb)
    # the page's markdown moved the words out of their span, so a handout told its reader
    # to run a cell it does not have (student review 28)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LAB_ONLY.sub("", cell.source)
    # reading text may be a slide's speaker notes (slide type "notes"): a handout keeps it
    nb.cells = [c for c in nb.cells if "instructor-notes" not in tags(c)]
    # a page cannot be written on: its write-in cells go (code blanks stay, to be copied)
    nb.cells = [c for c in nb.cells
                if not (c.cell_type == "markdown" and "your-work" in tags(c))]
    fold_answers(nb)
    blank_findings(nb)
    hide_quiz_code(nb)
    convert_javascript_outputs(nb)
    n_plots = convert_plotly_outputs(nb)
    carry_alt_text(nb)
    return nb, n_plots


# the tag of the verdict cell that compares a student's findings with the kit's
# (tools/nbparts.findings_check): in a handout, made from the instructor version, it
# compared the kit's with themselves ("37 of 37 findings agree with the kit's": review 15),
# and a page cannot run it
FINDINGS_CHECK = "findings-check"


def blank_findings(nb) -> int:
    """Before each case's findings, filled with the kit's values in the instructor version
    a handout is made from, the student's blank (every value ``...``); the filled cell
    folds (HANDOUT_TEMPLATE), and the check of the findings against the kit's
    (``FINDINGS_CHECK``) goes. Shown open, the kit's findings answered each case above its
    "decide first" result (student review). Returns the number of cases."""
    from anatomy.headaches import findings_template

    out, n = [], 0
    for cell in nb.cells:
        if FINDINGS_CHECK in tags(cell):
            continue
        if "findings-template" in tags(cell):
            blank = copy.deepcopy(cell)
            blank.source = findings_template(cell.metadata["kit_case"],
                                             among=cell.metadata.get("kit_cases"))
            blank.execution_count, blank.outputs = None, []  # not run: "In [ ]"
            # an id of its own: nbconvert gave a copy's repeated id a random one (a
            # warning, and a handout that differed from run to run)
            blank.id = f"{cell.id}-blank"
            blank.metadata["tags"] = [t for t in blank.metadata["tags"]
                                      if t != "findings-template"]
            out.append(blank)
            n += 1
        out.append(cell)
    nb.cells = out
    return n


def build_handouts(out: Path = BUILD / "handouts", sources=None) -> list[Path]:
    """One self-contained HTML page per notebook (plotly.js inlined once per page)."""
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter("handout")
    plotly_js = plotly_js_path().read_text(encoding="utf-8")
    written = []
    for path in sources or notebooks():
        source = handout_source(path)
        nb = _read(source)
        relink(nb, source)
        nb, n_plots = handout_notebook(nb)
        resources = {"metadata": {"name": path.stem},
                     "kit_plotly_js": plotly_js if n_plots else ""}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        dest = out / f"{path.stem}.html"
        dest.write_text(body, encoding="utf-8")
        size = dest.stat().st_size
        if size > HANDOUT_BUDGET:
            raise RuntimeError(f"{dest.name} is {size / 2**20:.1f} MB, over the 6 MB budget.")
        written.append(dest)
        print(f"handout: {dest} ({size / 2**20:.1f} MB)")
    return written


# ---------------------------------------------------------------------------------------
# Student copies
# ---------------------------------------------------------------------------------------

def build_student(out: Path = BUILD / "student", sources=None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(NOTEBOOK_DIR / "rise.css", out / "rise.css")  # the RISE slide style
    written = []
    for path in sources or notebooks():
        nb = student_notebook(_read(path))
        dest = out / path.name
        nbtools.write(nb, dest)  # as JupyterLab saves it: opening and saving changes nothing
        written.append(dest)
        print(f"student copy: {dest}")
    return written


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in COMMANDS:
        raise SystemExit(f"usage: python tools/classroom.py {{{'|'.join(COMMANDS)}}}")
    {"slides": build_slides, "handouts": build_handouts, "student": build_student}[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
