"""Tables that fit a narrow screen: HtmlTable.from_frame and fit_tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from anatomy import nerves
from anatomy.viz.tables import HtmlTable, fit_tables

ROOT = Path(__file__).resolve().parents[1]


def test_from_frame_keeps_every_value_and_shares_the_width():
    frame = nerves.waypoint_table("GON")[["lateral_mm", "vertical_mm", "status", "sources"]]
    table = HtmlTable.from_frame(frame)
    assert [h for h, _ in table.rows] == [str(i) for i in frame.index]
    assert table.columns == list(frame.columns)
    for (_, cells), (_, row) in zip(table.rows, frame.iterrows()):
        assert cells[2].text == str(row["status"])
        assert cells[3].text == str(row["sources"])
    # the browser sizes the columns by their text within the output's width (a fixed
    # layout's equal columns broke "derived" and "status" between letters at 590 px)
    assert not table.fixed
    html = table._repr_html_()
    assert "width: 100%; table-layout: auto;" in html and "<colgroup>" not in html
    assert 'class="kit-frame"' in html  # tools/paper.py prints it small
    assert "semispinalis_<wbr>exit" in html  # long names break at their underscores


def test_short_names_stay_whole_in_a_narrow_column():
    """'y_mm' broke after its underscore at 1024 x 768, the landmark table's only wrapped
    header ('y_' over 'mm'); a long name still breaks there, and escaping still holds."""
    from anatomy.viz.tables import _wrappable

    assert _wrappable("y_mm") == "y_mm" and _wrappable("a/b") == "a/b"
    assert _wrappable("c7_spinous") == "c7_<wbr>spinous"
    assert _wrappable("x_mm and suprasternal_notch") == "x_mm and suprasternal_<wbr>notch"
    assert _wrappable("<b>_&") == "&lt;b&gt;_&amp;"  # no markup gets through
    assert _wrappable("a\nlong_name") == "a<br>long_<wbr>name"


def test_from_frame_formats_missing_numbers_and_lists_and_cuts_long_text():
    frame = pd.DataFrame({"a": [1.5, np.nan, 0.1 + 0.2], "b": [["x", "y"], None, "z" * 80]},
                         index=["r1", "r2", "r3"])
    table = HtmlTable.from_frame(frame, max_chars=20)
    texts = [[c.text for c in cells] for _, cells in table.rows]
    assert texts[0] == ["1.5", "x, y"]
    assert texts[1] == ["", ""]
    assert texts[2][0] == "0.3"
    assert texts[2][1] == "z" * 19 + "…"
    with pytest.raises(ValueError, match="max_chars must be at least 4"):
        HtmlTable.from_frame(frame, max_chars=2)


def test_reference_column_shows_labels_with_the_full_citation_on_hover():
    """A reference column of registry keys reads as in-text labels (a student never sees
    'gon_depth_prospective'); the full citations are on hover. Other text is untouched."""
    from anatomy.references import get_reference

    frame = pd.DataFrame({"item": ["depth", "volume", "other"],
                          "reference": ["gon_depth_prospective", "shim2011, dilli2015",
                                        "not_a_key"]})
    table = HtmlTable.from_frame(frame)
    cells = [row[1] for _, row in table.rows]
    assert cells[0].text == get_reference("gon_depth_prospective").short == "Israel et al. 2018"
    assert cells[1].text == "Shim et al. 2011; Dilli et al. 2015"
    assert cells[1].title.splitlines() == [get_reference(k).formatted()
                                           for k in ("shim2011", "dilli2015")]
    assert cells[2].text == "not_a_key" and not cells[2].title
    html = table._repr_html_()
    assert "gon_depth_prospective" not in html
    assert 'title="Israel JS, Kempton SJ, Afifi AM.' in html
    assert html.count("title=") == 2


def test_fit_tables_changes_the_notebooks_dataframe_html():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    frame = pd.DataFrame({"name": ["semispinalis_exit"], "mm": [13.1]})
    before = shell.display_formatter.format(frame)[0]["text/html"]
    assert 'class="dataframe"' in before
    fit_tables(shell)
    with pd.option_context("display.max_colwidth", 10):
        after = shell.display_formatter.format(frame)[0]["text/html"]
    assert "table-layout: auto" in after and 'class="dataframe"' not in after
    assert "semispina…" in after  # pandas' max_colwidth still cuts
    assert "13.1" in after


def test_fit_tables_outside_a_notebook_says_why():
    import subprocess
    import sys

    code = "from anatomy.viz.tables import fit_tables; fit_tables()"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0 and "no IPython shell is running" in out.stderr


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("0*.ipynb")),
                         ids=lambda p: p.stem[:2])
def test_no_notebook_table_runs_off_a_narrow_screen(path):
    """Every DataFrame a notebook shows went through fit_tables (no pandas HTML table,
    whose columns keep their text's width and run off a 1024 px screen)."""
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", []))
            assert 'class="dataframe"' not in html, "".join(cell["source"])[:80]
    assert "fit_tables()" in "".join("".join(c["source"]) for c in nb["cells"])


def test_row_numbers_are_not_shown_as_row_headers():
    """An unnamed integer index (0, 1, 2 ..., or what a filter left of them) names
    nothing: the table has no row-header column (review 18: slides and paper showed the
    numbers as a column). A named index stays."""
    frame = pd.DataFrame({"flag": ["Fever", "Thunderclap", "Papilloedema"],
                          "action": ["emergency", "emergency", "urgent"]})
    for shown in (frame, frame[frame["action"] == "emergency"], frame.iloc[[2, 0]]):
        table = HtmlTable.from_frame(shown)
        html = table._repr_html_()
        assert not table.row_headers and 'scope="row"' not in html
        assert html.count('<th scope="col"') == 2  # no empty corner header either
        assert all(f">{t}</td>" in html for t in shown["flag"])
    named = HtmlTable.from_frame(frame.set_index("flag"))._repr_html_()
    assert named.count('<th scope="row"') == 3 and ">Fever</th>" in named
    assert re.search(r'<th scope="col"[^>]*>flag</th>', named)  # the index's name
    points = frame.set_axis(range(1, 4)).rename_axis("point")  # numbers that name rows
    table = HtmlTable.from_frame(points)
    assert table.row_headers and table.corner == "point"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("0*.ipynb")),
                         ids=lambda p: p.stem[:2])
def test_no_notebook_table_shows_row_numbers(path):
    """Numbers as row headers are shown only under a name ("point": compression points
    1-6), never as bare row numbers."""
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", []))
            headers = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', html)
            if headers and all(h.isdigit() for h in headers):
                corner = re.search(r'<thead><tr><th scope="col"[^>]*>([^<]*)</th>', html)
                assert corner and corner[1], (headers, "".join(cell["source"])[:80])
