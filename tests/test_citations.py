"""Citation markers in notebook text link to the notebook's own reference list (issue 17).

The notebooks cite with ``tools.notebooks.common.cite``, which writes
``[Kim et al. 2018](#ref-kim2018)``; the References section puts ``<a id="ref-kim2018">``
on each entry. These tests read the committed notebooks (what a class opens and what the
handouts are made from) and, so that a source edit is caught before a rebuild, the cells
that the notebook sources generate.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from anatomy.references import bibliography, cite, load_references

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOURCES = sorted(p.stem for p in (ROOT / "tools" / "notebooks").glob("nb[0-9][0-9]_*.py"))

LINK_RE = re.compile(r"\[([^\]]+)\]\(#(ref-[a-z0-9_]+)\)")
ANCHOR_RE = re.compile(r'<a id="(ref-[a-z0-9_]+)"></a>')
# An author-year marker typed by hand: "Kim 2018", "Kim et al. 2018", "Bartsch & Goadsby
# 2002", "Janis 2010b". Capitalised word, optional "et al." or "& Name", then a year.
AUTHOR_YEAR_RE = re.compile(
    r"\b[A-Z][\w'\u2019-]+(?: et al\.| & [A-Z][\w'\u2019-]+)? (?:19|20)\d\d[a-z]?\b")


def _markdown_cells(cells) -> list[str]:
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _split(texts: list[str]) -> tuple[str, str]:
    """(body text, reference-list text) of a notebook's markdown cells."""
    refs = [t for t in texts if t.startswith("## References")]
    assert len(refs) == 1, "a notebook needs exactly one '## References' cell"
    return "\n".join(t for t in texts if not t.startswith("## References")), refs[0]


def _unlinked_markers(body: str) -> list[str]:
    """Citation-like text left after removing the links: labels typed by hand."""
    plain = LINK_RE.sub("", body)
    found = AUTHOR_YEAR_RE.findall(plain)
    labels = {r.short for r in load_references().values()}
    found += [label for label in labels if label in plain]
    return sorted(set(found))


def _check(texts: list[str], where: str) -> None:
    body, ref_cell = _split(texts)
    anchors = ANCHOR_RE.findall(ref_cell)
    assert anchors, f"{where}: the reference list has no anchors"
    refs = load_references()
    by_anchor = {r.anchor: r for r in refs.values()}
    unknown = sorted(set(anchors) - set(by_anchor))
    assert not unknown, f"{where}: anchors for keys not in the registry: {unknown}"
    links = LINK_RE.findall(body)
    assert links, f"{where}: no linked citation markers"
    dangling = sorted({target for _, target in links if target not in anchors})
    assert not dangling, (f"{where}: markers link to entries missing from its reference "
                          f"list: {dangling}")
    wrong_text = sorted({(text, target) for text, target in links
                         if text != by_anchor[target].short})
    assert not wrong_text, f"{where}: link text is not the entry's label: {wrong_text}"
    loose = _unlinked_markers(body)
    assert not loose, f"{where}: citation markers that are not links: {loose}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_markers_link_to_its_reference_list(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    _check(_markdown_cells(nb["cells"]), path.name)


@pytest.mark.parametrize("name", SOURCES)
def test_source_markers_link_to_its_reference_list(name):
    module = importlib.import_module(f"tools.notebooks.{name}")
    _check(_markdown_cells(module.cells()), f"tools/notebooks/{name}.py")


def test_cite_link_and_bibliography_anchor_agree():
    assert cite("kim2018", link=True) == "[Kim et al. 2018](#ref-kim2018)"
    assert cite("kim2018", "won2018", link=True) == (
        "[Kim et al. 2018](#ref-kim2018); [Won et al. 2018](#ref-won2018)")
    line = bibliography(["kim2018"])
    assert ANCHOR_RE.findall(line) == ["ref-kim2018"]
    assert LINK_RE.findall(cite("kim2018", link=True))[0][1] == "ref-kim2018"


def test_checks_catch_a_typed_marker_and_a_dangling_link():
    ref_cell = "## References\n\n" + bibliography(["kim2018"])
    with pytest.raises(AssertionError, match="not links.*Won et al. 2018"):
        _check([f"Text ({cite('kim2018', link=True)}; Won et al. 2018).", ref_cell], "t")
    with pytest.raises(AssertionError, match="missing from its reference list.*ref-won2018"):
        _check([f"Text ({cite('won2018', link=True)}).", ref_cell], "t")
    with pytest.raises(AssertionError, match="not links.*Kim 2018"):
        _check([f"{cite('kim2018', link=True)} and later Kim 2018.", ref_cell], "t")
