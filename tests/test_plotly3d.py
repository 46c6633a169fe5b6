"""The kit's 3D figures are plain plotly dicts: valid plotly, encoded as plotly encodes them,
and built without importing plotly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from anatomy.viz import plotly3d

FIGURES = {  # name: (module, function, needs the head model)
    "head": ("head_views", "head_figure", True),
    "all layers": ("nerve_views", "all_layers_figure", False),
    "heat": ("pain_views", "heat_figure", False),
    "territories": ("pain_views", "territory_figure", False),
    "headache maps": ("headache_views", "pain_map_figure", False),
    "structures": ("structure_views", "structures_figure", False),
}


def _make(name: str, head):
    import importlib

    module, func, needs_head = FIGURES[name]
    fn = getattr(importlib.import_module(f"anatomy.viz.{module}"), func)
    return fn(head) if needs_head else fn()


@pytest.mark.parametrize("name", FIGURES)
def test_figure_dict_is_valid_plotly_and_encodes_like_plotly(name, head):
    import plotly.graph_objects as go
    import plotly.io as pio

    kit = _make(name, head)
    validated = go.Figure(kit.spec)  # raises on any property plotly does not know
    ours = json.loads(plotly3d.to_json(kit))
    theirs = json.loads(pio.to_json(validated, validate=True, engine="json"))
    assert ours == theirs
    # coordinates travel as typed arrays (base64), not as lists of numbers: float32, or
    # whole millimetres in int16 for coarse and see-through skin (anatomy.viz.compact)
    assert ours["data"][0]["x"]["dtype"] in ("f4", "i2")


def test_building_figures_does_not_import_plotly():
    code = ("import sys, anatomy\n"
            "from anatomy.viz import head_views, pain_views\n"
            "fig = head_views.head_figure(anatomy.load_head())\n"
            "fig._repr_mimebundle_()\n"
            "pain_views.heat_figure()._repr_mimebundle_()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'plotly'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_changes_to_the_plotly_figure_show_when_displayed(head):
    from anatomy.viz import head_views

    kit = head_views.head_figure(head)
    kit.figure.update_layout(title_text="Edited by a student")
    shown = kit._repr_mimebundle_()[plotly3d.MIMETYPE]
    assert shown["layout"]["title"]["text"] == "Edited by a student"
    assert kit.json_size() == len(plotly3d.to_json(kit.figure).encode())


def test_typed_arrays_round_trip():
    import base64

    a = np.array([[1.5, -2.25], [3.0, 4.125]], np.float32)
    spec = plotly3d._plain({"x": a, "range": np.array([0.0, 1.0]), "n": np.uint16(7)})
    assert spec["range"] == [0.0, 1.0] and spec["n"] == 7
    assert spec["x"]["shape"] == "2, 2"
    back = np.frombuffer(base64.b64decode(spec["x"]["bdata"]), np.float32).reshape(2, 2)
    assert np.array_equal(back, a)


def test_whole_units_sends_int16_counts_and_keeps_the_light():
    from anatomy.viz import compact

    trace = {"x": np.array([1.23, -2.0]), "y": np.array([0.0, 0.051], np.float32),
             "z": np.array([100.0, 1600.0]), "lightposition": {"x": 1500, "y": -800, "z": 25}}
    compact.whole_units(trace, 0.05)
    assert trace["x"].dtype == np.int16 and trace["x"].tolist() == [25, -40]
    assert trace["y"].tolist() == [0, 1] and trace["z"].tolist() == [2000, 32000]
    assert trace["lightposition"] == {"x": 30000, "y": -16000, "z": 500}  # same place
    assert compact.whole_mm({"x": [1.4], "y": [2.6], "z": [-0.6]})["y"].tolist() == [3]
    with pytest.raises(ValueError, match="does not fit in int16: 34000 units of 0.05 mm"):
        compact.whole_units({"x": [1700.0], "y": [0.0], "z": [0.0]}, 0.05)
    for bad in (0, -1.0, "mm", True):
        with pytest.raises(ValueError, match="unit_mm must be a positive number"):
            compact.in_units({"x": [1.0], "y": [0.0], "z": [0.0]}, bad)


def test_merge_updates_nested_dicts_in_place():
    layout = {"scene": {"xaxis": {"visible": False}, "camera": {"eye": {"x": 1}}}}
    plotly3d.merge(layout, {"scene": {"xaxis": {"range": [0, 1]}}, "height": 400})
    assert layout == {"scene": {"xaxis": {"visible": False, "range": [0, 1]},
                                "camera": {"eye": {"x": 1}}}, "height": 400}


def test_kit_figure_rejects_what_is_not_a_figure_dict():
    with pytest.raises(ValueError, match="figure dict"):
        plotly3d.KitFigure([1, 2, 3], "alt")
    with pytest.raises(ValueError, match="figure dict"):
        plotly3d.KitFigure({"data": [], "frames": []}, "alt")


def test_non_finite_numbers_outside_arrays_are_refused():
    with pytest.raises(ValueError):
        plotly3d.to_json({"data": [], "layout": {"height": float("nan")}})


def test_view_ndc_matches_a_45_degree_perspective_camera():
    cam = {"eye": {"x": 0, "y": -2, "z": 0}, "center": {"x": 0, "y": 0, "z": 0},
           "up": {"x": 0, "y": 0, "z": 1}}
    half = 2 * np.tan(np.pi / 8)  # half the view's height at the centre's distance
    ndc = plotly3d.view_ndc([[0, 0, 0], [0, 0, half], [half, 0, 0], [-half, 0, -half / 2]],
                            cam, aspect=2.0)
    assert np.allclose(ndc, [[0, 0], [0, 1], [0.5, 0], [-0.5, -0.5]])
    # farther points shrink towards the centre (perspective, not orthographic)
    assert plotly3d.view_ndc([[0, 1, half]], cam, 1.0)[0, 1] < 1


def test_3d_marker_symbols_are_ones_every_font_draws():
    with pytest.raises(ValueError, match="'x'.*valid: circle.*cross"):
        plotly3d.points_trace([[0, 0, 0]], name="p", symbol="x")


def test_every_display_of_a_figure_uses_the_kits_plotly_options():
    """JupyterLab (the mimebundle), handouts and slides, and figures/*.html all pass
    PLOT_CONFIG: no 'Share chart' upload to Plotly Cloud, no logo link."""
    from anatomy import figures
    from tools import classroom_outputs

    assert plotly3d.PLOT_CONFIG == {"displaylogo": False, "showSendToCloud": False}
    fig = plotly3d.KitFigure({"data": [], "layout": {}}, "alt")
    assert fig._repr_mimebundle_()[plotly3d.MIMETYPE]["config"] == plotly3d.PLOT_CONFIG
    assert plotly3d.PLOT_CONFIG.items() <= classroom_outputs.PLOT_CONFIG.items()
    page = figures._html(figures.FIGURES[0], fig)
    assert '"showSendToCloud": false' in page


def test_eye_point_is_where_plotly_puts_the_eye():
    """plotly.js's own camera matrices, read in Chromium for the pain figure's opening view
    (eye 1.6, -0.22, 0.55; data box -150..150, -106.32..113.77, -185..133.32 mm), put the
    eye at 469.15, -60.78, 135.43 mm: a uniform scale, the geometric mean of the spans
    each padded by 1/32 at both ends."""
    cam = {"eye": {"x": 1.6, "y": -0.22, "z": 0.55}}
    eye = plotly3d.eye_point(cam, [-150, -106.32, -185], [150, 113.77, 133.32])
    assert np.allclose(eye, [469.149, -60.783, 135.430], atol=0.01)


def test_perspective_rays_meet_the_eye():
    """The perspective map sends the line from a point to the eye along one axis, so a point
    hidden behind the head from the eye is hidden, and one beside the outline is seen."""
    from anatomy import load_head
    from anatomy.viz.head_views.labels import perspective

    head = load_head()
    eye = perspective(head, "anterior")
    front, back = [0.0, 120.0, 0.0], [0.0, -120.0, 0.0]
    assert list(eye.visible([front, back])) == [True, False]
    # the projected line from any point to the eye keeps its screen position
    p = np.array([30.0, 80.0, -20.0])
    line = p + np.linspace(0, 0.9, 5)[:, None] * (eye.eye - p)
    xy = eye.project(line)[:, :2]
    assert np.allclose(xy, xy[0], atol=1e-6)


def test_text_positions_are_read_per_point_by_plotly():
    """plotly.js reads a textposition array of one or two entries as one [x, y] offset
    (a one-point trace's label sat on its marker): such lists become one string or grow
    to three entries."""
    assert plotly3d.per_point_positions(["bottom center"]) == "bottom center"
    assert plotly3d.per_point_positions(["top left", "top left"]) == "top left"
    assert plotly3d.per_point_positions(["top left", "middle right"]) == [
        "top left", "middle right", "middle right"]
    four = ["top left", "middle right", "top left", "bottom center"]
    assert plotly3d.per_point_positions(four) == four
    tr = plotly3d.points_trace([[0, 0, 0], [1, 0, 0]], name="two", labels=["a", "b"],
                               textposition=["top left", "middle right"])
    assert len(tr["textposition"]) == 3


def test_a_wrapped_title_keeps_its_first_line_left_of_the_toolbar():
    """A title that wraps keeps its first line to 38 characters (plotly's toolbar covers
    the right 200 px of the top band in a 590 px figure); later lines use the full width,
    and no word is lost or split."""
    from anatomy.viz.plotly3d import wrap_title

    text = "1. The GON leaves the C2 dorsal ramus between C1 and C2 (skin and outer muscles hidden)"
    lines = wrap_title(text).split("<br>")
    assert len(lines[0]) <= 38 and all(len(x) <= 58 for x in lines) and len(lines) == 2
    assert " ".join(lines).split() == text.split()
    assert wrap_title("Cutaneous territories of the head and neck") == \
        "Cutaneous territories of the head and neck"  # fits: one line


def test_pre_save_hook_drops_only_the_renderers_snapshot():
    """jupyter/jupyter_server_config.json's hook: a plotly output is saved without the PNG
    JupyterLab's renderer adds; any other output keeps its PNG."""
    import json as _json

    cfg = _json.loads((Path(__file__).resolve().parents[1] / "jupyter"
                       / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert cfg["ContentsManager"]["pre_save_hook"] == \
        "anatomy.viz.plotly3d.drop_renderer_snapshots"
    plot = {"output_type": "display_data", "metadata": {},
            "data": {plotly3d.MIMETYPE: {"data": []}, "image/png": "iVBOR", "text/plain": "x"}}
    plate = {"output_type": "display_data", "metadata": {},
             "data": {"image/png": "iVBOR", "text/plain": "y"}}
    model = {"type": "notebook", "content": {"cells": [
        {"cell_type": "code", "outputs": [plot, plate]}, {"cell_type": "markdown"}]}}
    plotly3d.drop_renderer_snapshots(model, path="x.ipynb", contents_manager=None)
    assert set(plot["data"]) == {plotly3d.MIMETYPE, "text/plain"}
    assert set(plate["data"]) == {"image/png", "text/plain"}
    plotly3d.drop_renderer_snapshots({"type": "file", "content": "text"})  # not a notebook


def test_view_menu_offers_the_views_asked_for():
    """``views`` limits the menu to some named views, in the kit's order; the figure's
    own view is the one shown as chosen; a view that is not a camera is refused by name."""
    fig = plotly3d.scene_figure([], view="right")
    plotly3d.view_menu(fig, views=("right", "posterior"))
    menu = fig["layout"]["updatemenus"][-1]
    assert [b["label"] for b in menu["buttons"]] == ["posterior", "right"]
    assert menu["active"] == 1
    with pytest.raises(ValueError, match="camera view 'back'.*posterior"):
        plotly3d.view_menu(plotly3d.scene_figure([]), views=("back",))


def test_leader_note_points_the_way_its_text_position_says():
    """A leader note's line runs the way its plotly text position points, as long as asked
    (screen y runs down); a label going sideways ends at the line, one going up is centred."""
    note = plotly3d.leader_note((1.0, 2.0, 3.0), "EOP", "top left", 20.0)
    assert (note["ax"], note["ay"]) == (-14, -14) and note["xanchor"] == "right"
    assert note["bgcolor"].startswith("rgba(255,255,255") and note["text"] == "EOP"
    up = plotly3d.leader_note((0, 0, 0), "C3", "bottom center", 16.0)
    assert (up["ax"], up["ay"]) == (0, 16) and up["xanchor"] == "center"


def test_a_button_row_can_say_what_it_does_and_print_copies_leave_it_out():
    """A grey line above the layer buttons says they hide or show a layer (a "Bones"
    button that hid the bones surprised a reviewer); a print copy, without buttons,
    drops it."""
    from anatomy.figures import _without_menus

    for anchor, shift in (("right", -8), ("left", 8)):
        fig = {"data": [{"type": "scatter3d", "x": [0], "y": [0], "z": [0]}], "layout": {}}
        plotly3d.toggle_menu(fig, {"Bones": [0]}, x=1.0 if anchor == "right" else 0.0,
                             xanchor=anchor, hint="Click to hide or show a layer")
        (note,) = fig["layout"]["annotations"]
        assert note["name"] == plotly3d.HINT_NAME and note["xanchor"] == anchor
        assert note["yshift"] == 37 and note["xshift"] == shift
        assert _without_menus(fig)["layout"]["annotations"] == []
    plain = {"data": [], "layout": {}}
    plotly3d.toggle_menu(plain, {"Bones": []})
    assert "annotations" not in plain["layout"]
