"""What a slide deck shows under an exercise that, in the notebook, works on a table.

Exercises in notebooks 03, 04 and 05 send the student to a table (ICHD-3's criteria,
``options``, ``headaches.differential``) that a deck skips, so a class could not do them
from the screen (slide reviews 18 and 19). An exercise cell names its
material (``slides="pulsed_rf_evidence"`` in a notebook source, ``kit_slides`` in the
notebook); the deck shows it on the question's slide, built from the same data records
as the notebook's table. Material that answers a prediction (``AFTER_PREDICTION``)
comes on a slide of its own after the question, before the answer. Notebooks, handouts
and paper are unchanged.

An exercise that works on a figure names a plate of ``PLATES``: its slide shows it above
the questions, drawn for the slide (slide review 25: deck 02's Exercise 2 said "Look at
the territory figure" with the figure one slide back; the notebook's figure, shrunk
beside the questions, had 10 px labels: review 26).
"""

from __future__ import annotations

import base64
import html
import importlib
import re

import nbformat

from anatomy import headaches
from tools.nbsource import resolve
from tools.slide_answers import slide_type


def _cite(keys: str) -> str:
    return resolve(f"{{cite}}`{keys}`")


def _option(name: str):
    options = headaches.management_options()
    rows = options[options["option"].str.startswith(name)]
    if len(rows) != 1:
        raise ValueError(f"management option {name!r} matches {len(rows)} rows; options: "
                         f"{', '.join(options['option'])}")
    return rows.iloc[0]


def block_and_toxin() -> str:
    """What a steroid block and botulinum toxin are (notebook 04, Exercise 4)."""
    rows = [_option(name) for name in ("Local anaesthetic nerve block", "Botulinum toxin")]
    lines = ["From the table of options:", "", "| Option | What it is |", "|---|---|"]
    lines += [f"| {r['option']} | {r['what_it_is']} |" for r in rows]
    return "\n".join(lines)


def pulsed_rf_evidence() -> str:
    """The evidence note on pulsed radiofrequency (notebook 04, Exercise 5)."""
    row = _option("Pulsed radiofrequency")
    return (f"The table's evidence note on pulsed radiofrequency:\n\n"
            f"> {row['evidence_note']} ({_cite(row['reference'])})")


def _criteria(condition: str) -> str:
    """A condition's ICHD-3 criteria as the checker holds them: code, name, A, B ..."""
    record = headaches.load_headaches()["conditions"][condition]
    table = headaches.criteria_table(condition)
    keys = ", ".join(dict.fromkeys(table["reference"]))
    # the source in the header: a line of its own ran a slide 3 px past its foot
    lines = [f"| | ICHD-3 {record['ichd3_code']}, {record['name'].lower()} ({_cite(keys)}) |",
             "|---|---|"]
    lines += [f"| {k} | {text} |" for k, text in table["text"].items()]
    return "\n".join(lines)


def on_criteria() -> str:
    """ICHD-3's criteria for occipital neuralgia, A to E (notebook 04, Exercise 3)."""
    return _criteria("occipital_neuralgia")


def migraine_criteria() -> str:
    """ICHD-3's criteria for migraine without aura (notebook 03, Exercise 2: Case 8's
    attacks last 2.5 hours at 15 years of age)."""
    return _criteria("migraine_without_aura")


def chronic_migraine_criteria() -> str:
    """ICHD-3's criteria for chronic migraine (notebook 05, Exercise 2)."""
    return _criteria("chronic_migraine")


def side_row() -> str:
    """The comparison table's side row (notebook 03, Exercise 1): shown after the
    prediction, on its own slide before the answer (``AFTER_PREDICTION``), since it
    answers the question."""
    record = headaches.load_headaches()["conditions"]
    row = headaches.comparison_table().loc["laterality"]
    sources = headaches.comparison_sources().loc["laterality"]
    lines = ["The side row of the comparison table (migraine has two rows, without and "
             "with aura):", "",
             "| Condition | Side |", "|---|---|"]
    lines += [f"| {record[c]['name']} | {text} ({_cite(sources[c])}) |"
              for c, text in row.items()]
    return "\n".join(lines)


def secondary_causes() -> str:
    """The secondary causes in the differential table (notebook 05, Exercise 1)."""
    names = headaches.differential("secondary")["name"]
    return "The table's secondary causes:\n\n" + "\n".join(f"- {n}" for n in names)


MATERIAL = {f.__name__: f for f in (block_and_toxin, chronic_migraine_criteria,
                                    migraine_criteria, on_criteria, pulsed_rf_evidence,
                                    secondary_causes, side_row)}
# material that answers a prediction: on a slide of its own just before the exercise's
# answer, not under the question (the deck 03 check of Exercise 1: slide review 19)
AFTER_PREDICTION = {"side_row"}
# figures an exercise's slide shows above its questions: (module, function, arguments),
# drawn for the slide's width (the territory plate's side and back views in one row)
PLATES = {"territory_side_back": ("anatomy.viz.pain_views", "territory_plate",
                                  {"side": "right", "views": (None, "posterior")}),
          # the four drawings under notebook 02's Exercise 3, so that the class works with
          # them in sight (they were on the slide before: review 28a)
          "pain_drawings": ("anatomy.viz.pain_views", "drawing_plate", {})}
# plates that are the same figure as the one on the slide before the exercise, which the
# deck then leaves out (the territory plate's slide shows more views than its exercise's)
REPLACES_FIGURE = {"pain_drawings"}
# a plate wider than the slide default (88 %, tools.classroom): the drawings' words, at
# 88 % 17.4 px, reach the slides' 18 px with the question on one line below them
PLATE_WIDTH_PERCENT = {"pain_drawings": 93}


def material(name: str) -> str:
    """The markdown that a deck shows under an exercise.

    Parameters
    ----------
    name : str
        One of ``MATERIAL``.

    Returns
    -------
    str
        Markdown built from the kit's data records.

    Raises
    ------
    ValueError
        If ``name`` is not one of ``MATERIAL``.
    """
    if name not in MATERIAL:
        raise ValueError(f"slide material {name!r}: choose one of {sorted(MATERIAL)}")
    return MATERIAL[name]()


def plate_above(cell, name: str) -> None:
    """Show the plate ``name`` of ``PLATES`` on an exercise's slide, under its heading and
    above its questions, as wide as the slide.

    Parameters
    ----------
    cell : nbformat.NotebookNode
        The exercise's markdown cell, in a deck's copy of a notebook; its source gains
        the plate's picture (a PNG with its alt text and its smallest text's size).
    name : str
        One of ``PLATES``.

    Raises
    ------
    ValueError
        If ``name`` is not one of ``PLATES``.
    """
    if name not in PLATES:
        raise ValueError(f"slide plate {name!r}: choose one of {sorted(PLATES)}")
    module, function, kwargs = PLATES[name]
    plate = getattr(importlib.import_module(module), function)(**kwargs)
    png = base64.b64encode(plate.png_bytes()).decode()
    heading, _, rest = cell.source.partition("\n")
    # its smallest text's height in PNG pixels: the slide checks measure it on screen
    width = (f'style="width: {PLATE_WIDTH_PERCENT[name]}%" '
             if name in PLATE_WIDTH_PERCENT else "")
    img = (f'<img class="kit-slide-plate" alt="{html.escape(plate.alt)}" '
           f'data-text-px="{plate.smallest_text_px():.2f}" {width}'
           f'src="data:image/png;base64,{png}">')
    plate.close()
    cell.source = f"{heading}\n\n{img}\n\n{rest.lstrip()}"


def _skip_same_figure(before: list, function: str) -> None:
    """Leave off the deck the figure slide just before an exercise that now shows the
    same plate: the four pain drawings filled two slides in a row."""
    for cell in reversed(before):
        slide = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")
        if slide == "skip":
            continue  # the figure's text summary and hidden cells lie between
        if cell.cell_type == "code" and f"{function}(" in cell.source:
            cell.metadata["slideshow"] = {"slide_type": "skip"}
        return  # the slide before the exercise shows something else: it stays


def add_slide_material(nb) -> int:
    """Put each exercise's named material on its slide, under the question, or (names in
    ``AFTER_PREDICTION``) on a slide of its own before the exercise's first solution cell;
    an exercise that names a plate of ``PLATES`` shows it above its questions. Returns
    how many exercises got material.

    Raises
    ------
    ValueError
        If an ``AFTER_PREDICTION`` material's exercise has no solution cell after it.
    """
    cells, count, waiting = [], 0, None
    for cell in nb.cells:
        if waiting is not None and "solution" in cell.get("metadata", {}).get("tags", []):
            cells.append(waiting)
            waiting = None
        cells.append(cell)
        name = cell.get("metadata", {}).get("kit_slides")
        if name in PLATES:
            plate_above(cell, name)
            if name in REPLACES_FIGURE:
                _skip_same_figure(cells[:-1], PLATES[name][1])
            count += 1
        elif name:
            after = name in AFTER_PREDICTION
            extra = nbformat.v4.new_markdown_cell(
                material(name),
                metadata={"slideshow": {"slide_type": "subslide" if after else "-"}})
            extra.id = f"{cell.id}-material"  # not random: builds are identical
            if after:
                # led by the exercise's name: the check is part of its task, read while the
                # class works (the slide checks allow an exercise's slide more words)
                heading = cell.source.splitlines()[0].lstrip("# ")
                extra.source = f"**{heading}, check your prediction.** {extra.source}"
                waiting = extra
            else:
                cells.append(extra)
            count += 1
    if waiting is not None:
        raise ValueError(f"slide material {waiting.id!r} waits for a solution cell that "
                         "never comes: an exercise with it needs a solution")
    nb.cells = cells
    return count


REFERENCES_HEADING = "## References"
REFS_CLASS = "kit-refs"  # the list's box on the slide (classroom.SLIDE_EXTRAS_CSS scrolls it)
_CITED = re.compile(r"#ref-([\w.-]+)")
_ENTRY = re.compile(r'^- <a id="ref-([\w.-]+)"></a>', re.M)


def _shown_text(cell) -> str:
    outputs = [str(o.get("data", {}).get(kind, "")) for o in cell.get("outputs", [])
               for kind in ("text/html", "text/markdown")]
    return "\n".join([cell.source, *outputs])


def references_slide(nb) -> int:
    """Show, on a slide of the deck, the sources its slides cite.

    The notebook's reference list is left off the slides (too long), so a citation's link
    on a slide led nowhere (student review 28). Its cell becomes a slide that lists the
    sources the deck's slides cite, each entry with its anchor: reveal.js opens the slide
    holding the element a link names, so every citation on a slide goes to its source.
    The list sits in a box that scrolls (``REFS_CLASS``) where a deck cites many.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A deck's copy of a notebook, after its slide material and answers are placed; its
        reference list cell (``REFERENCES_HEADING``) is rewritten.

    Returns
    -------
    int
        How many sources the slide lists (0: no slide cites one, and the cell stays off
        the slides).

    Raises
    ------
    ValueError
        If a slide cites a source that the notebook's reference list does not hold.
    """
    cited = set()
    for cell in nb.cells:
        if (slide_type(cell) not in ("skip", "notes")
                and not cell.source.startswith(REFERENCES_HEADING)):
            cited |= set(_CITED.findall(_shown_text(cell)))
    refs = next((c for c in nb.cells if c.cell_type == "markdown"
                 and c.source.startswith(REFERENCES_HEADING)), None)
    if refs is None or not cited:
        return 0
    entries = {m.group(1): line for line in refs.source.splitlines()
               if (m := _ENTRY.match(line))}
    missing = cited - set(entries)
    if missing:
        raise ValueError(f"slides cite {sorted(missing)}, which the reference list does "
                         f"not hold; it holds {sorted(entries)}")
    kept = [line for key, line in entries.items() if key in cited]
    # the count and "scroll" say the box holds more than it shows (review 30: with no
    # scroll bar and a rule at its foot, 4 of 15 looked like the whole list)
    count = f"{len(kept)} source{'s' if len(kept) > 1 else ''}"
    more = "; the list scrolls" if len(kept) > 3 else ""
    refs.source = (f"{REFERENCES_HEADING}\n\nThe {count} these slides cite{more} (each "
                   f"notebook lists all of its own):\n\n<div class=\"{REFS_CLASS}\">\n\n"
                   + "\n".join(kept) + "\n\n</div>")
    refs.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
    return len(kept)
