"""Answers in a slide deck: each on a subslide of its own, shown whole.

Used by ``tools.classroom.build_slides`` on the deck's copy of a notebook; notebooks,
handouts and RISE keep their folded answers.
"""

from __future__ import annotations

import copy
import re

import nbformat


def tags(cell) -> set[str]:
    """A cell's tags (``tools.classroom`` re-exports this)."""
    return set(cell.get("metadata", {}).get("tags", []))


def slide_type(cell) -> str:
    """A cell's slide type ("-" when it has none)."""
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def unwrap_paragraphs(text: str, width: int = 60) -> str:
    """Join the lines of each paragraph that was wrapped to a width (every line but the
    last at least ``width`` characters); other text, such as a table, stays as it is.

    A printed summary wrapped at 72 characters broke mid-line again on a slide's
    narrower column ("Recent on / set of a new").
    """
    paragraphs = []
    for para in text.split("\n\n"):
        lines = para.rstrip("\n").split("\n")
        if len(lines) > 1 and all(len(line) >= width for line in lines[:-1]):
            para = " ".join(line.strip() for line in lines) + para[len(para.rstrip("\n")):]
        paragraphs.append(para)
    return "\n\n".join(paragraphs)


SLIDE_WORDS = 150  # the most words of an answer's list that fit one slide at 20 px


def split_list(source: str, limit: int = SLIDE_WORDS) -> list[str]:
    """An answer's markdown cut into parts of at most ``limit`` words at its top-level
    list items (a long case reasoning ran 230 px past a slide's foot); text after the
    list stays with the last part, and an answer without a long list stays whole.

    A numbered list splits the same way; its later part keeps its numbers (deck 02's
    Exercise 2 answer scrolled: slide review 25).
    """
    blocks = re.split(r"\n(?=- |\d+\. )", source.strip())
    if len(source.split()) <= limit or len(blocks) < 2:
        return [source]
    parts, words = [""], 0
    for block in blocks:
        n = len(block.split())
        if parts[-1] and words + n > limit:
            parts.append("")
            words = 0
        parts[-1] += ("\n" if parts[-1] else "") + block
        words += n
    return parts


def answers_on_own_slides(nb) -> int:
    """Move every revealable answer of a deck onto a slide of its own; returns the count
    of answer slides.

    On a projector an answer opened under its question ran past the slide's foot
    (slide review 17). In a deck the answers of a slide follow it on subslides, shown
    whole, so the presenter moves down to reveal them and the slide checks measure them
    like any other slide:

    - an answer's prose on "Exercise 2: the answer" (its summary names it: "Case 1: the
      screening reasoning");
    - a checker's verdict (a case's result), code hidden, on a slide before it ("Case 1:
      the screen's result");
    - a solution's code and result stay in the notebook and the handout: the answer's
      prose states what they show, and a table of a solution's result was too long for a
      slide (notebook 04, Exercise 5).

    A case's first step ("*Screen first:* ...") joins its story's slide; the next ("*Now
    decide:* ...") gets a heading that names the case and the step, and the story again.
    Run it after ``fold_answers``; notebooks, handouts and RISE keep their folded answers.
    """
    cells, count, title, kind_open, story = [], 0, "", None, ""

    def open_slide(heading: str, after) -> None:
        nonlocal count
        slide = nbformat.v4.new_markdown_cell(
            f"### {heading}", metadata={"slideshow": {"slide_type": "subslide"}})
        slide.id = f"{after.id}-answer-slide"  # not random: builds are identical
        cells.append(slide)
        count += 1

    for i, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind in ("slide", "subslide"):
            kind_open = None  # a case's steps ("*Screen first:* ...") keep the case's title
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if cell.cell_type == "markdown" and first.startswith("#"):
                title = first.lstrip("#").strip()
            step = re.match(r"\*([^*:]+):\*", first)
            case = re.match(r"Case \d+", title)
            if first.startswith("### Case") and "exercise" in tags(cell):
                story = cell.source.split("\n", 1)[1].strip()  # the case's story
            if cell.cell_type == "markdown" and step and case:
                # a step had no heading, and the story was off screen (slide reviews 18
                # and 19): the screen's prompt joins the story's slide; the decision, three
                # slides on, names the case and the step and tells the story again
                if step[1].lower() == "screen first":
                    cell.metadata["slideshow"] = {"slide_type": "-"}
                else:
                    cell.source = (f"### {case[0]}: {step[1].lower()}\n\n{cell.source}"
                                   + (f"\n\n*The story:* {story}" if story else ""))
        tagged = tags(cell) & {"solution", "verdict"}
        if not tagged or kind == "skip":
            cells.append(cell)
            continue
        base = re.match(r"(Case \d+|Exercise \d+)", title)
        name = base[1] if base else title
        cell.metadata["tags"] = [t for t in cell.metadata.get("tags", []) if t not in tagged]
        cell.metadata["slideshow"] = {"slide_type": "-"}
        if cell.cell_type == "markdown":  # an answer's prose, a long list in parts
            summary = cell.metadata.pop("kit_summary", "Show the answer")
            heading = f"{name}: {summary.removeprefix('Show ')}"
            parts = split_list(cell.source)
            for k, part in enumerate(parts):
                piece = copy.deepcopy(cell)
                piece.source = part
                if k:
                    piece.id = f"{cell.id}-part-{k + 1}"
                if kind_open != "prose" or k:
                    open_slide(heading + (f" ({k + 1} of {len(parts)})" if len(parts) > 1
                                          else ""), piece)
                    kind_open = "prose"
                cells.append(piece)
            continue
        elif "solution" in tagged:  # code a student runs: the prose answer says it
            cell.metadata["slideshow"] = {"slide_type": "skip"}
        else:  # a verdict: the checker's output, without its code
            if kind_open != "result":
                nxt = next((c for c in nb.cells[i + 1:] if c.cell_type == "markdown"
                            and "kit_summary" in c.metadata), None)
                screen = nxt is not None and "screening" in nxt.metadata["kit_summary"]
                open_slide(f"{name}: the {'screen' if screen else 'checker'}'s result", cell)
                kind_open = "result"
            cell.metadata["transient"] = {"remove_source": True}
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream":
                    out["text"] = unwrap_paragraphs(out["text"])
        cells.append(cell)
    nb.cells = cells
    return count
