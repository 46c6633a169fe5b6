"""The notebook sources (notebooks/src/*.py): valid jupytext percent files whose code is
code (it compiles, ruff lints it), whose citations name registry keys, and whose cell
kinds and parts are ones the builder knows (tools/nbsource.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from anatomy.references import load_references
from tools import nbsource
from tools.nbtools import NOTEBOOKS, PNG_LEVEL

ROOT = Path(__file__).resolve().parents[1]
STEMS = nbsource.stems()


def test_every_notebook_has_a_source():
    assert STEMS == [Path(name).stem for name, _ in NOTEBOOKS]
    committed = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert STEMS == committed


@pytest.mark.parametrize("stem", STEMS)
def test_source_is_a_percent_file_that_round_trips(stem):
    path = nbsource.source_path(stem)
    nb = jupytext.read(path, fmt="py:percent")
    assert nb.metadata["jupytext"]["text_representation"]["format_name"] == "percent"
    again = jupytext.reads(jupytext.writes(nb, fmt="py:percent"), fmt="py:percent")
    assert [(c.cell_type, c.source) for c in again.cells] == [
        (c.cell_type, c.source) for c in nb.cells]
    ignored = nbsource.IGNORED_KEYS
    assert [{k: v for k, v in c.metadata.items() if k not in ignored} for c in again.cells] == [
        {k: v for k, v in c.metadata.items() if k not in ignored} for c in nb.cells]
    assert nb.metadata["kit"] == again.metadata["kit"]


@pytest.mark.parametrize("stem", STEMS)
def test_every_code_cell_compiles(stem):
    nb, _ = nbsource.read(stem)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{stem}: no code cells"
    for k, cell in enumerate(code):
        compile(cell.source, f"notebooks/src/{stem}.py, code cell {k}", "exec")


def test_ruff_lints_the_sources_and_they_pass():
    files = [str(nbsource.source_path(s)) for s in STEMS]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                             "--force-exclude", *files], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # linted, not skipped: ruff's configuration does not exclude them
    listed = subprocess.run([sys.executable, "-m", "ruff", "check", "--show-files",
                             "notebooks"], cwd=ROOT, capture_output=True, text=True).stdout
    for s in STEMS:
        assert f"notebooks/src/{s}.py" in listed
    assert ".ipynb" not in listed


@pytest.mark.parametrize("stem", STEMS)
def test_cited_keys_are_in_the_registry_and_the_reference_list(stem):
    nb, kit = nbsource.read(stem)
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    texts += [kit["overview"], *kit["objectives"]]
    keys = {k for t in texts for k in nbsource.role_keys(t)}
    registry = load_references()
    assert keys, f"{stem}: no {{cite}} roles"
    assert not keys - set(registry), f"{stem}: unknown keys {sorted(keys - set(registry))}"
    assert not set(kit["references"]) - set(registry)
    assert not keys - set(kit["references"]), (
        f"{stem}: cited but not in kit.references: {sorted(keys - set(kit['references']))}")


@pytest.mark.parametrize("stem", STEMS)
def test_shared_parts_are_placed_once(stem):
    nb, _ = nbsource.read(stem)
    parts = [c.metadata["part"] for c in nb.cells if "part" in c.metadata]
    assert parts[0] == "header" and parts[-1] == "footer" and parts.count("quiz") == 1
    assert nb.cells[0].metadata.get("part") == "header"
    built = nbsource.cells(stem)
    assert not any("{cite}`" in c.source or "{kit}`" in c.source for c in built)


def _source(tmp_path, monkeypatch, body: str) -> str:
    head = nbsource.source_path(STEMS[0]).read_text(encoding="utf-8").split("\n# %%")[0]
    monkeypatch.setattr(nbsource, "SOURCE_DIR", tmp_path)
    (tmp_path / "99_test.py").write_text(head + "\n" + body, encoding="utf-8")
    return "99_test"


def test_cell_kinds_map_to_the_helpers(tmp_path, monkeypatch):
    stem = _source(tmp_path, monkeypatch, (
        '# %% [markdown] tags=["exercise"]\n# Do it ({cite}`kim2018`).\n\n'
        '# %% tags=["solution"]\nx = 1\n\n'
        '# %% [markdown] tags=["answer"] summary="Show it"\n# One.\n'))
    exercise, solution, write_in, answer = nbsource.cells(stem)
    # a place for the student's own answer comes before the revealable one
    assert write_in.metadata == {"slideshow": {"slide_type": "skip"}, "tags": ["your-work"]}
    assert write_in.source.startswith("**Your answer.**")
    assert exercise.metadata == {"slideshow": {"slide_type": "subslide"}, "tags": ["exercise"]}
    assert exercise.source == "Do it ([Kim et al. 2018](#ref-kim2018))."
    assert "solution" in solution.metadata["tags"] and solution.source.endswith("x = 1")
    assert "<summary><b>Show it</b></summary>" in answer.source


def test_write_here_puts_the_place_to_write_under_the_question(tmp_path, monkeypatch):
    """An exercise marked write_here (a prediction made before the reading that answers
    it) has its place to write right under it, and its answer no second one: five
    screens below, after the reading, it came too late (student review 29a). The next
    exercise's answer keeps its own."""
    stem = _source(tmp_path, monkeypatch, (
        '# %% [markdown] tags=["exercise"] write_here=true\n# Predict.\n\n'
        '# %% [markdown]\n# The reading.\n\n'
        '# %% [markdown] tags=["answer"]\n# One.\n\n'
        '# %% [markdown] tags=["exercise"]\n# Again.\n\n'
        '# %% [markdown] tags=["answer"]\n# Two.\n'))
    kinds = [(c.metadata.get("tags") or ["text"])[0] for c in nbsource.cells(stem)]
    assert kinds == ["exercise", "your-work", "text", "solution",
                     "exercise", "your-work", "solution"], kinds
    head = (tmp_path / f"{stem}.py").read_text(encoding="utf-8").split("\n# %%")[0]
    (tmp_path / f"{stem}.py").write_text(  # an answer cannot take the option
        head + '\n# %% [markdown] tags=["answer"] write_here=true\n# X.\n', encoding="utf-8")
    with pytest.raises(ValueError, match="write_here"):
        nbsource.cells(stem)


def test_an_exercise_names_its_slide_material(tmp_path, monkeypatch):
    stem = _source(tmp_path, monkeypatch,
                   '# %% [markdown] tags=["exercise"] slides="secondary_causes"\n# Do it.\n')
    (exercise,) = nbsource.cells(stem)
    assert exercise.metadata["kit_slides"] == "secondary_causes"


@pytest.mark.parametrize(("body", "message"), [
    ('# %% [markdown] part="appendix"\n', "unknown part 'appendix'.*valid: .*footer"),
    ('# %% [markdown] colour="red"\n# Hi\n', r"unknown cell metadata \['colour'\]"),
    ('# %% [markdown]\n# {kit}`nope`\n', "Unknown {kit} text 'nope'; valid: .*notebook_list"),
    ('# %% [markdown] tags=["solution"]\n# Hi\n', "'solution' cell must be code"),
    ('# %% [markdown] slides="secondary_causes"\n# Hi\n', r"options \['slides'\].*markdown"),
])
def test_bad_sources_are_named(tmp_path, monkeypatch, body, message):
    stem = _source(tmp_path, monkeypatch, body)
    with pytest.raises(ValueError, match=message):
        nbsource.cells(stem)


def test_unknown_stem_lists_the_sources():
    with pytest.raises(ValueError, match="Unknown notebook source 'nb00'; valid: 00_start_here"):
        nbsource.source_path("nb00")


def test_a_build_merges_a_print_the_kernel_flushed_in_pieces(tmp_path):
    """Two flushes of one stream become one output, so a busy machine builds the same
    notebook as an idle one (notebook 03's red-flag line came out split in two)."""
    from tools import nbtools

    nb = nbtools.new_notebook([nbtools.code(
        "import sys, time\nprint('first', flush=True)\ntime.sleep(0.3)\nprint('second')")])
    out = nbtools.execute(nb, tmp_path).cells[0].outputs
    assert [(o.output_type, o.name, o.text) for o in out] == [
        ("stream", "stdout", "first\nsecond\n")]


def _pixels(b64: str):
    import base64
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(base64.b64decode(b64))) as im:
        return np.asarray(im.convert("RGBA"))


def test_a_build_stores_its_plates_smaller_with_the_same_pixels(tmp_path):
    """Plates are recompressed losslessly (oxipng): same pixels, fewer bytes, the same
    bytes on every build."""
    from tools import nbtools

    src = ("import numpy as np\nfrom anatomy.viz.mpl2d import StaticFigure\n"
           "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
           "fig, ax = plt.subplots(figsize=(4, 3))\n"
           "x = np.linspace(0, 6, 200)\nax.fill_between(x, np.sin(x), color='#c8553d')\n"
           "ax.set_title('plate')\nplt.close(fig)\nStaticFigure(fig, 'a test plate')")
    plain = nbtools.new_notebook([nbtools.code(src)])
    from nbclient import NotebookClient

    NotebookClient(plain, kernel_name=nbtools.KERNEL,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    built = [nbtools.execute(nbtools.new_notebook([nbtools.code(src)]), tmp_path)
             for _ in range(2)]
    before = plain.cells[0].outputs[-1].data["image/png"]
    after = [nb.cells[0].outputs[-1].data["image/png"] for nb in built]
    assert after[0] == after[1]
    assert len(after[0]) < len(before)
    assert (_pixels(after[0]) == _pixels(before)).all()


@pytest.mark.parametrize("name", [n for n, _ in NOTEBOOKS])
def test_committed_plates_are_stored_recompressed(name):
    """The committed notebooks were built with the recompression (so notebook 01 stays
    under 1,000,000 bytes): recompressing again saves nothing."""
    import base64

    import nbformat
    import oxipng

    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    pngs = [base64.b64decode("".join(o["data"]["image/png"])) for c in nb.cells
            for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert pngs or name.startswith("05")
    for png in pngs:
        again = oxipng.optimize_from_memory(png, level=PNG_LEVEL)
        assert len(again) >= len(png) - 64, f"{name}: a plate stored without recompression"


def _answer_after(stem: str, exercise: str) -> str:
    """The markdown answer that follows ``exercise``'s heading in a notebook source."""
    cells = nbsource.cells(stem)
    start = next(k for k, c in enumerate(cells) if c.source.startswith(f"### {exercise}"))
    return next(c.source for c in cells[start:] if c.cell_type == "markdown"
                and "solution" in c.metadata.get("tags", []))


def _exercise(stem: str, exercise: str) -> str:
    """The exercise cell whose heading is ``exercise`` in a notebook source."""
    return next(c.source for c in nbsource.cells(stem)
                if c.source.startswith(f"### {exercise}"))


def test_exercise_answers_say_what_the_solutions_print():
    """Answers that quote a result agree with the model's (a student's 20 mm was marked
    against "About 21 mm", and a ranking of shared territories was out of order)."""
    import re

    import numpy as np

    from anatomy import nerves, pain
    from anatomy.head import load_head
    from anatomy.nerves import nerve

    w = nerve("GON", "right").waypoints
    step = w["trapezius_exit"] - w["semispinalis_exit"]
    text = _answer_after("01_occipital_nerves", "Exercise 1")
    # the question's positions are the model's (mm lateral, below the EOP), and the answer
    # gives the distance seen from behind, in a straight line, and backwards
    eop = load_head().landmarks["inion"]
    question = _exercise("01_occipital_nerves", "Exercise 1")
    for key in ("semispinalis_exit", "trapezius_exit"):
        x, z = w[key][0], eop[2] - w[key][2]
        assert f"{x:.1f} mm lateral, {z:.1f} mm below" in question, (key, x, z)
    behind = float(np.hypot(step[0], step[2]))
    said = [int(n) for n in re.findall(r"About (\d+) mm", text)]
    assert said == [round(behind / 5) * 5, round(float(np.linalg.norm(step)))], (said, step)
    assert f"{step[0]:.1f} mm further out, {step[2]:.1f} mm higher" in text
    assert f"about {round(-step[1])} mm backwards" in text
    share = {r: nerves.share_within("GON", "right", radius_mm=r, n=300, seed=1)
             for r in (15, 20)}
    assert 0.75 <= share[15] < 0.85 and round(100 * share[20]) == 95, share
    assert "within 2 cm: 95 %" in _exercise("01_occipital_nerves", "Exercise 2")
    text = _answer_after("01_occipital_nerves", "Exercise 2")
    assert "About four in five" in text and "95 % within 2 cm" in text
    # "from about one in twenty to nearly one in five, more than three times as many"
    missed = {r: 1 - v for r, v in share.items()}
    assert round(1 / missed[20]) == 20 and 0.15 < missed[15] < 0.2
    assert "one in twenty to nearly one in five" in text
    assert missed[15] > 3 * missed[20]

    atlas = pain.territories()
    members = atlas.membership(0.5)
    names = sorted({n for n, _ in members})
    # shared skin as area (cm2): the mesh's vertices crowd round the ear, and counted in
    # vertices the pair behind the ear came first (student review 23)
    pairs = {(a, b): atlas.area(members[(a, "right")] & members[(b, "right")])
             for i, a in enumerate(names) for b in names[i + 1:]}
    ranked = sorted(pairs, key=pairs.get, reverse=True)
    text = _answer_after("02_pain_referral_hot_spots", "Exercise 2")
    # 1: "Four pairs share 12-15 cm2 each ... No other pair shares more than 4 cm2"
    four = {("greater_occipital", "lesser_occipital"), ("greater_occipital", "third_occipital"),
            ("great_auricular", "lesser_occipital"), ("auriculotemporal", "supraorbital")}
    assert set(ranked[:4]) == four, ranked[:4]
    assert all(12 <= round(pairs[p]) <= 15 for p in four), {p: pairs[p] for p in four}
    assert round(pairs[ranked[4]], 1) <= 4.0, (ranked[4], pairs[ranked[4]])
    # the fifth, a dotted ring as plain as the top four's (review 26), is a thin strip
    assert ranked[4] == ("supraorbital", "supratrochlear") and round(pairs[ranked[4]]) == 4
    assert "thin strip (4 cm² with the supraorbital)" in text
    assert "1. Four pairs share 12-15 cm² each" in text
    for a, b in four:
        assert a.split("_")[0] in text and b.split("_")[0] in text
    # 2: the trigeminal-cervical pairs it names, 2-4 cm2 each, are the largest such pairs
    trigeminal = {"auriculotemporal", "supraorbital", "supratrochlear", "zygomaticotemporal"}
    mixed = [p for p in ranked if len(set(p) & trigeminal) == 1]
    named = {("auriculotemporal", "great_auricular"), ("auriculotemporal", "lesser_occipital"),
             ("greater_occipital", "supraorbital"), ("auriculotemporal", "greater_occipital")}
    assert set(mixed[:4]) == named, mixed[:4]
    assert all(2 <= pairs[p] <= 4 for p in named), {p: pairs[p] for p in named}
    assert "2. Smaller patches, 2-4 cm² each" in text
    overlap = atlas.overlap_count(0.5)
    assert round(atlas.area(overlap >= 2) / 25) * 25 == 175
    assert round(100 * atlas.area(overlap >= 2) / atlas.area(overlap >= 0)) == 7
    assert "about 175 cm², 7 % of the model's skin" in text
    # 3: across the midline, the greater occipital nerves, more than twice any other
    across = {n: atlas.area(members[(n, "right")] & members[(n, "left")]) for n in names}
    order = sorted(across, key=across.get, reverse=True)
    assert order[0] == "greater_occipital" and across[order[0]] > 2 * across[order[1]]
    assert round(across[order[0]]) == 18
    # the clue the figure gives (its dots mark a line, not a width: review 25): the
    # longest dotted midline, from below the inion to the vertex; at the front two
    # nerves' lines join end to end, each shorter
    from anatomy.pain.atlas import pain_mesh

    vertices = np.asarray(pain_mesh().vertices)
    head = load_head().landmarks
    span = {}
    for n in order[:4]:
        line = vertices[members[(n, "right")] & members[(n, "left")]]
        assert np.abs(line[:, 0]).max() < 1.0, n   # on the midline
        span[n] = np.linalg.norm(line[:, None] - line[None], axis=-1).max()
        if n == "greater_occipital":
            assert line[:, 2].min() < head["inion"][2] and line[:, 2].max() > (
                head["vertex"][2] - 5), n
    assert span["greater_occipital"] > 1.5 * max(v for k, v in span.items()
                                                 if k != "greater_occipital"), span
    front = {n: vertices[members[(n, "right")] & members[(n, "left")]][:, 2]
             for n in ("supratrochlear", "supraorbital")}
    assert abs(front["supratrochlear"].max() - front["supraorbital"].min()) < 5, front
    assert ("3. The two **greater occipital nerves**: their dotted midline runs from below "
            "the inion up to the vertex, the longest. Measured, they share about 18 cm²"
            in text)
    assert "supratrochlear and supraorbital lines join end to end" in text
    question = _exercise("02_pain_referral_hot_spots", "Exercise 2")
    assert "Whose dotted midline, where a nerve meets its partner" in question


def test_block_point_distances_in_the_text_are_the_models():
    """Notebook 01 gives the block points' distances in words (paper prints no table of
    them, and its pointer to one was left dangling: review 24)."""
    from anatomy import nerves

    rows = {r["nerve"]: r for r in nerves.block_landmark_distances("right")}
    text = (ROOT / "notebooks" / "src" / "01_occipital_nerves.py").read_text(encoding="utf-8")
    gon, lon = rows["GON"], rows["LON"]
    assert (f"one-third point lies about {gon['to_path_mm']:.0f} mm from the modelled GON and "
            f"about {gon['to_fascial_exit_mm']:.0f} mm from where it pierces the trapezius"
            in text)
    assert f"which runs about {lon['to_path_mm']:.0f} mm deep to it" in text
    assert "`to_fascial_exit_mm` below" not in text
