"""Write and execute the kit's notebooks from their sources in notebooks/src/.

Each notebook ``notebooks/<stem>.ipynb`` has a source ``notebooks/src/<stem>.py``, a
jupytext percent file read by ``tools.nbsource`` (cell kinds, shared parts, citation
roles: see there). ``python tools/nbtools.py build [stems...]`` writes and runs them top
to bottom in a fresh kernel, so committed outputs are always a clean run.

Cell conventions (used by nbval, the student copies, slides and handouts); the helpers
below make them, and a source names them by tag:
- ``md(text, slide=...)`` / ``code(src, slide=...)``: slide types are 'slide',
  'subslide', 'fragment', 'skip', 'notes' or '-' (continue).
- ``notes(text)``: instructor notes (slide type 'notes', tag 'instructor-notes').
- ``exercise(text)``: the task, a markdown cell tagged 'exercise'.
- ``solution(src)``: a code cell tagged 'solution', input collapsed in JupyterLab so a
  student reveals it by clicking. Its code sits under ``if reveal:`` after
  ``reveal = False`` (``guarded``): JupyterLab's Run All runs every code cell, and would
  print the answer under the task; the student sets ``reveal = True`` after trying. The
  build runs it like every other cell, so the notebook is numbered top to bottom, and it
  stores no output: nothing shows the answer before the student acts (nbval checks that
  it still shows nothing). ``make student`` leaves it out: every code exercise has a
  blank cell of the student's own before it ('your-work').
- ``verdict(src)``: code the student runs to see a result that answers a question (a
  checker's verdict on a case): its code shows, guarded the same way, so it too runs at
  build time and stores no output (tag 'verdict'). Student copies keep it; handouts fold
  its result.
- ``answer(text)``: a revealable markdown answer (<details>), tagged 'solution'.
- ``write_in()``: where the student writes an answer (markdown, tagged 'your-work'); the
  notebook sources put one before every ``answer``.

``build`` writes two versions of every notebook: the committed one in ``notebooks/``
(solutions collapsed, without outputs) and the instructor version in
``notebooks/instructor/`` (every solution run, its code shown, every answer open), which
CI checks with nbval like the others.
"""

from __future__ import annotations

import base64
import math
import shutil
import sys
import uuid
from pathlib import Path

import nbformat
import oxipng
from jupyter_client.manager import KernelManager
from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor
from traitlets import default

ROOT = Path(__file__).resolve().parents[1]
# The kit's notebooks in teaching order, with the titles the guide and quiz bank use
NOTEBOOKS = [
    ("00_start_here.ipynb", "Start here: the kit, the head model and how to use it"),
    ("01_occipital_nerves.ipynb", "The occipital nerves from C1-C2 to the vertex"),
    ("02_pain_referral_hot_spots.ipynb", "Pain-referral hot spots and cutaneous territories"),
    ("03_headache_comparison.ipynb", "Occipital neuralgia, migraine and tension-type headache"),
    ("04_diagnosis_and_management.ipynb", "Diagnosis, management and red flags"),
    ("05_differential_diagnosis.ipynb", "The differential diagnosis of occipital pain"),
]
KERNEL = "python3"
# jupyterlab-rise's settings for the kit's notebooks (read from the notebook's "rise"
# metadata): a 768 x 576 slide that reveal.js scales up to the screen, 1.28 on a
# 1024 x 768 projector, as in the offline decks (tools/classroom.SLIDE_SIZE);
# notebooks/rise.css sets the text sizes and hides the code of cells with output
RISE = {"width": 768, "height": 576, "margin": 0.02, "center": False, "scroll": False,
        "theme": "white", "transition": "none", "start_slideshow_at": "beginning"}
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
# oxipng's effort for the stored PNGs: lossless, a tenth fewer bytes than Pillow's best
# (notebook 01's plates: 255 -> 235 KB) in about 0.1 s a plate; level 4 saves 1 % more
# for four times the time
PNG_LEVEL = 2
INSTRUCTOR_DIR = "instructor"  # beside the notebooks: notebooks/instructor/NN_name.ipynb
DETAILS = "<details>"
SOLUTION_NOTE = "# Solution"
# the guard of solutions and verdicts: Run All passes over them until the student says so
REVEAL = "reveal = False  # your own answer first; then True, and run this cell"
REVEAL_IF = "if reveal:"


def guarded(src: str) -> str:
    """``src`` under ``if reveal:`` after ``reveal = False`` (``REVEAL``), so running every
    cell shows no answer; its last expression is passed to ``display()``, which a
    notebook would otherwise show only at the top level.

    Parameters
    ----------
    src : str
        Python code.

    Returns
    -------
    str
        The guarded code.
    """
    import ast
    import textwrap

    src = src.strip("\n")
    lines = src.splitlines()
    last = ast.parse(src).body[-1]
    printed = (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
               and getattr(last.value.func, "id", None) == "print")
    if isinstance(last, ast.Expr) and not printed:  # end first: the start's offset holds
        end, start = last.end_lineno - 1, last.lineno - 1
        lines[end] = lines[end][:last.end_col_offset] + ")" + lines[end][last.end_col_offset:]
        lines[start] = (lines[start][:last.col_offset] + "display("
                        + lines[start][last.col_offset:])
    return f"{REVEAL}\n{REVEAL_IF}\n" + textwrap.indent("\n".join(lines), "    ")


def unguarded(src: str) -> str:
    """The code of a ``guarded`` cell without its guard (``display()`` stays), for the
    instructor version, where every answer shows."""
    import textwrap

    lines = src.splitlines()
    k = lines.index(REVEAL_IF)
    head = [line for line in lines[:k] if line != REVEAL]
    return "\n".join(head + textwrap.dedent("\n".join(lines[k + 1:])).splitlines())


def _meta(slide: str, tags=None, **extra) -> dict:
    if slide not in SLIDE_TYPES:
        raise ValueError(f"Unknown slide type {slide!r}; valid: {', '.join(SLIDE_TYPES)}")
    meta = {"slideshow": {"slide_type": slide}, **extra}
    if tags:
        meta["tags"] = list(tags)
    return meta


def md(text: str, slide: str = "-", tags=None):
    """A markdown cell with slide type ``slide`` and optional ``tags``."""
    return nbformat.v4.new_markdown_cell(text.strip("\n"), metadata=_meta(slide, tags))


def code(src: str, slide: str = "-", tags=None, hide_input: bool = False,
         paper: str | None = None):
    """A code cell; ``hide_input`` collapses its source in JupyterLab; ``paper`` names the
    print plate that the paper handout shows instead of its output (``tools.paper``)."""
    extra = {"jupyter": {"source_hidden": True}} if hide_input else {}
    if paper:
        extra["kit_paper"] = paper
    return nbformat.v4.new_code_cell(src.strip("\n"), metadata=_meta(slide, tags, **extra))


def notes(text: str):
    """Instructor notes: speaker notes on slides, dropped from handouts and student copies."""
    return md("**Instructor notes.** " + text.strip(), slide="notes", tags=["instructor-notes"])


def exercise(text: str, slide: str = "subslide", slides: str | None = None):
    """The task of an exercise (markdown, tagged 'exercise'); ``slides`` names what a deck
    shows under it (``tools.slide_material``), for a task that works on a table the deck
    does not show."""
    cell = md(text, slide=slide, tags=["exercise"])
    if slides:
        cell.metadata["kit_slides"] = slides
    return cell


WRITE_IN = ("**Your answer.** *Double-click here, write your answer, then press "
            "Shift-Enter.*")


def write_in():
    """A markdown cell for the student's own answer (tagged 'your-work'), before a
    revealable answer: the place to write it. Not on slides, not on paper (which has its
    own answer box) and not in the handouts."""
    return md(WRITE_IN, slide="skip", tags=["your-work"])


def solution(src: str):
    """A solution's code: collapsed, and guarded (``guarded``), so running it at build time
    stores no output.

    Set ``reveal = True`` and run it (or read the instructor version) to see what it
    prints.
    """
    return code(SOLUTION_NOTE + "\n" + guarded(src), slide="fragment",
                tags=["solution"], hide_input=True)


def verdict(src: str, slide: str = "fragment"):
    """Code whose output answers a question (e.g. the criteria checker on a case).

    The code is shown and the student runs it after deciding; guarded, it stores no
    output in the committed notebook. The instructor version runs it open.
    """
    return code(guarded(src), slide=slide, tags=["verdict"])


def answer(text: str, summary: str = "Show the answer", slide: str = "fragment"):
    """A revealable answer: markdown inside one <details> element, tagged 'solution'.

    Handouts and slides re-fold it themselves (``tools/classroom.fold_answers``): their
    Markdown renderer ends the HTML block at the first blank line and would leave the
    answer outside the element. ``slide`` "subslide" puts it on a slide of its own in RISE
    (an answer after a figure ran past the figure's slide).
    """
    if slide not in ("fragment", "subslide"):
        raise ValueError(f"an answer's slide type {slide!r}: choose 'fragment' or 'subslide'")
    html = f"{DETAILS}\n<summary><b>{summary}</b></summary>\n\n{text.strip()}\n\n</details>"
    return md(html, slide=slide, tags=["solution"])


def instructor_cell(cell):
    """The instructor version of one cell: solutions run and shown, answers open, and
    relative links adjusted for notebooks/instructor/."""
    import copy

    cell = copy.deepcopy(cell)
    if cell.cell_type == "markdown":  # one folder deeper: relative links up one more level
        cell.source = cell.source.replace("](../", "](../../")
    meta = cell.metadata
    if "findings-template" in meta.get("tags", []):  # a case's blank, filled with the kit's
        from anatomy.headaches import findings_template

        cell.source = findings_template(meta["kit_case"], filled=True,
                                        among=meta.get("kit_cases"))
        return cell
    if not {"solution", "verdict"} & set(meta.get("tags", [])):
        return cell
    meta.pop("jupyter", None)
    if cell.cell_type == "code":
        cell.source = unguarded(cell.source)
    if cell.cell_type == "markdown":
        cell.source = cell.source.replace(DETAILS, "<details open>", 1)
    return cell


def new_notebook(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": KERNEL},
        "language_info": {"name": "python"},
        "rise": RISE,
    }
    return nb


class IPCKernelManager(KernelManager):
    """A kernel manager whose kernels talk over local IPC sockets, not TCP.

    The sockets are files beside the kernel's connection file in Jupyter's runtime folder,
    removed when the kernel stops. Nothing listens on the network, and ipykernel has no
    "running over TCP without encryption" warning to print into test output.
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        # an absolute path: the kernel runs in the notebook's folder, the client elsewhere
        runtime = Path(jupyter_runtime_dir())
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        return str(runtime / f"kit-kernel-{uuid.uuid4().hex[:12]}-ipc")


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run top to bottom in a fresh kernel (PLOTLY_RENDERER fixed by anatomy.viz).

    Consecutive stream outputs are merged: the kernel flushes a print in one or two
    messages depending on timing, and a busy machine split notebook 03's red-flag line
    from the text after it, so two builds differed.
    """
    NotebookClient(nb, timeout=timeout, kernel_name=KERNEL,
                   kernel_manager_class=IPCKernelManager,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    for cell in nb.cells:  # volatile metadata from the run
        cell.metadata.pop("execution", None)
    smaller_pngs(nb)
    return nb


def smaller_pngs(nb: nbformat.NotebookNode) -> None:
    """Recompress every PNG output of ``nb`` in place, losslessly (same pixels, fewer bytes).

    The kit's plates are written by Pillow (``anatomy.viz.static_figure``), which also runs
    in Pyodide; oxipng (a build-time tool, not a dependency of the package) finds a better
    PNG filter and deflate stream, which keeps notebook 01 under 1,000,000 bytes. The
    result is the same on every run (tests/test_determinism.py compares bytes).
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                png = base64.b64decode("".join(data["image/png"]))
                small = oxipng.optimize_from_memory(png, level=PNG_LEVEL)
                data["image/png"] = base64.b64encode(min(small, png, key=len)).decode()


def js_numbers(obj):
    """``obj`` with its numbers as JupyterLab saves them.

    JupyterLab holds a notebook as JavaScript values, where 1.0 and 1 are the same
    number, and its server writes them back with ``nbformat``: a float with an integral
    value comes back as an int (``1.0`` -> ``1``, ``-0.0`` -> ``0``). Every other float
    keeps its shortest round-trip digits in both languages, so it comes back unchanged.
    """
    if isinstance(obj, float) and math.isfinite(obj) and obj.is_integer() and abs(obj) < 1e21:
        return int(obj)
    if isinstance(obj, dict):
        return type(obj)((k, js_numbers(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [js_numbers(v) for v in obj]
    return obj


def writes(nb: nbformat.NotebookNode) -> str:
    """The notebook's text exactly as JupyterLab would save it (open, save: no byte changes)."""
    text = nbformat.writes(nbformat.from_dict(js_numbers(nb)))
    return text if text.endswith("\n") else text + "\n"  # as nbformat.write ends a file


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` to ``path`` the way JupyterLab serialises it (see ``writes``)."""
    Path(path).write_text(writes(nb), encoding="utf-8")


def instructor_path(path: Path) -> Path:
    """Where the instructor version of the notebook at ``path`` lives."""
    return path.parent / INSTRUCTOR_DIR / path.name


def build(name: str, instructor: bool = True) -> Path:
    """Write and run the notebook of source ``name`` (and its instructor version).

    Parameters
    ----------
    name : str
        A notebook stem with a source in notebooks/src/, e.g. ``"00_start_here"``.
    instructor : bool
        Also write ``notebooks/instructor/<notebook>`` with every solution run.

    Returns
    -------
    Path
        The committed (student-facing) notebook.
    """
    from tools import nbsource

    cells = nbsource.cells(name)  # raises ValueError naming the valid stems
    path = ROOT / "notebooks" / f"{name}.ipynb"
    for k, cell in enumerate(cells):  # stable ids: rebuilding gives no spurious diff
        cell.id = f"{path.stem[:2]}-{k:03d}"
    versions = [(path, cells)]
    if instructor:
        versions.append((instructor_path(path), [instructor_cell(c) for c in cells]))
    for dest, version in versions:
        dest.parent.mkdir(exist_ok=True)
        if dest.parent != path.parent:  # the RISE style sheet beside every notebook folder
            shutil.copy2(path.parent / "rise.css", dest.parent / "rise.css")
        nb = execute(new_notebook(version), dest.parent)
        write(nb, dest)
        size = dest.stat().st_size / 1024
        print(f"built {dest.relative_to(ROOT)} ({size:.0f} KB)")
    return path


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    if not argv or argv[0] != "build":
        raise SystemExit("usage: python tools/nbtools.py build [notebook stems...]")
    from tools import nbsource

    names = argv[1:] or nbsource.stems()
    for name in names:
        build(name)


if __name__ == "__main__":
    main(sys.argv[1:])
