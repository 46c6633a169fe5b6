"""The cross-CPU comparison tolerates floating-point noise and still catches real changes.

The noise pairs in tests/data/cpu_noise/ are real: notebook PNGs made before depth ties
were broken by triangle index, once with numpy's AVX-512 paths and once with its SIMD
paths off (``NPY_DISABLE_CPU_FEATURES``). The breaks are made on purpose on the figure
of notebook 00 that had the most noise (the landmark plate).
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import nbcompare  # noqa: E402

NOISE = ROOT / "tests" / "data" / "cpu_noise"
PAIRS = sorted({p.name.rsplit("_", 1)[0] for p in NOISE.glob("*.png")})


@pytest.mark.parametrize("pair", PAIRS)
def test_real_cpu_noise_is_tolerated(pair):
    a, b = (NOISE / f"{pair}_{cpu}.png" for cpu in ("avx512", "sse42"))
    ok, d = nbcompare.png_close(a.read_bytes(), b.read_bytes())
    assert d["changed"] > 0, "the pair must hold real noise"
    assert ok, f"{pair}: CPU noise rejected ({d})"


def test_there_is_noise_to_calibrate_on():
    assert len(PAIRS) >= 2


@pytest.fixture(scope="module")
def plate_png():
    from anatomy import load_head
    from anatomy.viz import head_views

    def render(change=None) -> bytes:
        fig = head_views.head_plate(load_head())
        if change is not None:
            change(fig.figure)
        return fig.png_bytes()

    return render


def _markers(fig):
    from matplotlib.collections import PathCollection

    return [c for c in fig.axes[0].collections if isinstance(c, PathCollection)][0]


def _move_label(fig):
    text = [t for t in fig.axes[0].texts if "mm" not in t.get_text()][3]
    x, y = text.get_position()
    text.set_position((x + 2, y))  # 2 mm on the plate


def _drop_marker(fig):
    markers = _markers(fig)
    markers.set_offsets(markers.get_offsets()[1:])


def _recolour_markers(fig):
    _markers(fig).set_facecolor("#1f77b4")


def _drop_scale_bar(fig):
    fig.axes[1].lines[-1].remove()


BREAKS = {"moved label": _move_label, "missing structure": _drop_marker,
          "changed colour": _recolour_markers, "missing scale bar": _drop_scale_bar}


def test_an_unchanged_figure_is_identical(plate_png):
    assert nbcompare.png_difference(plate_png(), plate_png())["changed"] == 0


@pytest.mark.parametrize("name", BREAKS)
def test_a_figure_broken_on_purpose_fails(plate_png, name):
    base = plate_png()
    broken = plate_png(BREAKS[name])
    ok, d = nbcompare.png_close(base, broken)
    assert not ok, f"{name} passed the tolerance ({d})"
    # and the same break fails in the base64 form that notebooks store
    assert not nbcompare.png_close(base64.b64encode(base).decode(),
                                   base64.b64encode(broken).decode())[0]


def test_a_resized_png_fails(plate_png):
    from PIL import Image

    base = nbcompare.decode_png(plate_png())
    smaller = Image.fromarray(base[:-2])
    import io

    buf = io.BytesIO()
    smaller.save(buf, format="PNG")
    assert not nbcompare.png_close(plate_png(), buf.getvalue())[0]


def _typed(a) -> dict:
    a = np.asarray(a, np.float32)
    return {"dtype": "f4", "bdata": base64.b64encode(a.tobytes()).decode()}


def test_plotly_json_is_compared_after_rounding():
    fig = {"data": [{"type": "mesh3d", "x": _typed([1.0, 2.5]), "color": "#c0392b"}],
           "layout": {"scene": {"camera": {"eye": {"x": 1.25}}}}}
    step = {"data": [{"type": "mesh3d", "x": _typed([1.01, 2.49]), "color": "#c0392b"}],
            "layout": {"scene": {"camera": {"eye": {"x": 1.25}}}}}
    assert nbcompare.json_differences(fig, step) == []  # one rounding step: noise
    moved = {**fig, "data": [{**fig["data"][0], "x": _typed([1.5, 2.5])}]}
    recoloured = {**fig, "data": [{**fig["data"][0], "color": "#27ae60"}]}
    camera = {**fig, "layout": {"scene": {"camera": {"eye": {"x": 1.5}}}}}
    extra = {**fig, "data": fig["data"] * 2}
    for changed in (moved, recoloured, camera, extra):
        assert nbcompare.json_differences(fig, changed), changed


def test_text_is_compared_after_rounding():
    assert nbcompare.text_close("GON exit 22.4 mm (82%)", "GON exit 22.5 mm (82%)")
    assert nbcompare.text_close("depth 3 mm", "depth 4 mm")
    assert not nbcompare.text_close("GON exit 22.4 mm", "GON exit 23.4 mm")
    assert not nbcompare.text_close("GON exit 22.4 mm", "LON exit 22.4 mm")
    assert not nbcompare.text_close("3 rows", "3 rows and 1 more")


def test_outputs_of_different_types_or_counts_differ():
    import nbformat

    def nb(outputs):
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = outputs
        book = nbformat.v4.new_notebook()
        book.cells = [cell]
        return book

    text = nbformat.v4.new_output("stream", name="stdout", text="a 1.0\n")
    other = nbformat.v4.new_output("stream", name="stdout", text="b 1.0\n")
    assert nbcompare.tolerant_differences(nb([text]), nb([text])) == []
    assert nbcompare.tolerant_differences(nb([text]), nb([other]))
    assert nbcompare.tolerant_differences(nb([text]), nb([text, text]))
    assert nbcompare.strict_differences(nb([text]), nb([other]))
