"""A value the kit rejects shows the student's line and the kit's message, not the kit's
inner frames (anatomy.viz.errors); every other error keeps its full traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anatomy.viz.errors import short_errors

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    assert short_errors(sh) is True
    yield sh
    sh.set_custom_exc((), None)


def run(shell, capsys, source: str) -> tuple[str, object]:
    result = shell.run_cell(source)
    return ANSI.sub("", capsys.readouterr().out), result.error_in_exec


def test_a_value_the_kit_rejects_shows_the_callers_line_and_the_message(shell, capsys):
    out, error = run(shell, capsys, "from anatomy import pain\n"
                                    "pain.pain_field('gon_neuralgia', 'rihgt')")
    assert isinstance(error, ValueError)  # still an error: the cell fails, Run All stops
    assert "pain.pain_field('gon_neuralgia', 'rihgt')" in out
    assert "Unknown side 'rihgt'. Did you mean 'right'? Valid choices: left, right." in out
    assert "(Raised by anatomy.pain" in out and "not shown" in out
    assert "anatomy/" not in out and "check_choice" not in out  # no frame of the kit


def test_other_errors_keep_their_whole_traceback(shell, capsys):
    out, error = run(shell, capsys, "def mine(x):\n    raise ValueError(f'bad {x}')\n"
                                    "mine(3)")
    assert isinstance(error, ValueError) and "bad 3" in out
    assert "raise ValueError" in out and "Raised by" not in out  # the raising line shows
    out, error = run(shell, capsys, "from anatomy import pain\npain.pain_field(None, 'x', 1, 2, 3)")
    assert isinstance(error, TypeError) and "Raised by" not in out


def test_outside_ipython_nothing_is_set_up(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert short_errors() is False


def test_every_notebook_sets_it_up_in_its_first_code_cell():
    for source in sorted((ROOT / "notebooks" / "src").glob("0*.py")):
        text = source.read_text(encoding="utf-8")
        setup = text[text.index("# %% slideshow"):]
        setup = setup[:setup.index("\n# %%", 1)]
        assert "\nshort_errors()" in setup, source.name


def test_a_mistyped_waypoint_or_landmark_names_the_valid_ones(shell, capsys):
    """``waypoints['trapezius exit']`` raised a bare ``KeyError: 'trapezius exit'`` (a
    student, taking notebook 01): the kit's tables of named things say what the name
    should be, shown at the student's line."""
    out, error = run(shell, capsys, "from anatomy import nerve\n"
                                    "nerve('GON', 'left').waypoints['trapezius exit']")
    assert isinstance(error, KeyError)
    assert "Unknown GON waypoint 'trapezius exit'. Did you mean 'trapezius_exit'?" in out
    assert "semispinalis_exit" in out and "Raised by anatomy.conventions" in out
    out, error = run(shell, capsys, "from anatomy import load_head\n"
                                    "load_head().landmarks['EOP']")
    assert isinstance(error, KeyError) and "Unknown landmark 'EOP'." in out
    assert "Valid choices: nasion, glabella, vertex, inion" in out
    out, error = run(shell, capsys, "{'a': 1}['b']")  # a plain dict's miss is left alone
    assert isinstance(error, KeyError) and "Raised by" not in out
