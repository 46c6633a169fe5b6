"""The palette (anatomy/viz/style.py) stays apart for every reader, measured with colorspacious.

Each pair of colours shown together is compared as seen with normal vision and simulated
deuteranopia, protanopia and tritanopia (colorspacious, Machado et al. 2009, severity 100)
by CIEDE2000 (tools/colour.py, checked here against Sharma, Wu & Dalal 2005's test data).
Thresholds (style.py): 12 between categories, 10 between muscles, 15 between the lowest
non-zero heat colour and skin. ΔE00 ~ 2 is a just-noticeable difference for large patches;
thin lines and small shaded meshes need several times that to be named apart at a glance.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
pytest.importorskip("colorspacious")
from anatomy.structures import load_structures  # noqa: E402
from anatomy.viz import style  # noqa: E402
from tools.colour import VISIONS, ciede2000, closest_pairs, delta_e, lab  # noqa: E402

# Sharma, Wu & Dalal (2005), Table 1: pairs 1, 7, 17, 25, 30 and 34 (L*a*b*, ΔE00)
SHARMA = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
          ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
          ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
          ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
          ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
          ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082)]


@pytest.mark.parametrize("a, b, want", SHARMA)
def test_ciede2000_matches_sharma_2005(a, b, want):
    assert float(ciede2000(np.array([a]), np.array([b]))[0]) == pytest.approx(want, abs=1e-4)


def test_simulation_merges_what_it_should():
    """Sanity of the simulation: red and green collapse with deuteranopia, not with
    tritanopia; the old green TON and old sternocleidomastoid merged with protanopia."""
    assert delta_e("#FF0000", "#00C000") > 50
    assert delta_e("#D08770", "#009E73", "protanomaly") < 3
    assert delta_e("#FF0000", "#00C000", "deuteranomaly") < delta_e(
        "#FF0000", "#00C000", "tritanomaly")


def test_categories_shown_together_stay_apart_for_every_vision():
    worst = [p for p in closest_pairs(style.CATEGORY_COLOURS)
             if p[0] < style.CATEGORY_MIN_DE00
             and not (p[2] in style.MUSCLE_COLOURS and p[3] in style.MUSCLE_COLOURS)]
    shown = [(round(d, 1), v, a, b) for d, v, a, b in worst]
    assert not worst, f"pairs below ΔE00 {style.CATEGORY_MIN_DE00}: {shown}"


def test_muscles_differ_in_more_than_shade():
    worst = [p for p in closest_pairs(style.MUSCLE_COLOURS) if p[0] < style.MUSCLE_MIN_DE00]
    assert not worst, [(round(d, 1), v, a, b) for d, v, a, b in worst]
    # not just one hue in several shades: the muscles span hues as well as lightness
    L, a, b = lab(list(style.MUSCLE_COLOURS.values())).T
    hue = np.degrees(np.arctan2(b, a))
    assert np.ptp(L) > 25 and np.ptp(hue) > 30


def test_every_structure_the_scenes_draw_has_a_palette_colour():
    for s in load_structures().values():
        colour = style.structure_colour(s.base, s.layer, s.color)
        assert colour in style.CATEGORY_COLOURS.values(), s.id


def test_pain_scale_needs_a_floor_inside_the_range():
    with pytest.raises(ValueError, match="between 0 and 1.*1.5"):
        style.pain_scale(1.5)


def test_unknown_structure_names_the_palette():
    with pytest.raises(ValueError, match="trapezius"):
        style.structure_colour("levator_scapulae_x", "muscle")


@pytest.mark.parametrize("scale", ["HEAT_SCALE", "PAIN_SCALE"])
def test_heat_maps_start_clearly_apart_from_skin(scale):
    from anatomy import pain
    from anatomy.viz import pain_views

    stops = style.HEAT_SCALE if scale == "HEAT_SCALE" else pain_views.PAIN_SCALE
    first = stops[0][1] if stops[0][1] != style.SKIN else stops[1][1]
    if scale == "PAIN_SCALE":
        # a zone, from its edge in, is drawn in the heat colours; below its edge, skin
        assert stops[1][0] == pain.FIELD_FLOOR and stops[1][1] == style.HEAT_START
    for vision in VISIONS:
        d = delta_e(first, style.SKIN, vision)
        assert d >= style.HEAT_MIN_DE00, (scale, vision, round(d, 1))


def test_figures_use_the_palette():
    from anatomy import pain
    from anatomy.viz.headache_views import PAIN_SCALE as MAP_SCALE
    from anatomy.viz.nerve_views import NERVE_STYLE
    from anatomy.viz.pain_views import PAIN_SCALE

    assert PAIN_SCALE == style.pain_scale(pain.FIELD_FLOOR)
    assert MAP_SCALE[1][1] == style.HEAT_SCALE[0][1] and MAP_SCALE[1][0] <= 0.04
    for name, st in NERVE_STYLE.items():
        assert st["color"] == style.NERVE_COLOURS[name]
    assert len(set(itertools.chain(style.CATEGORY_COLOURS.values()))) == len(
        style.CATEGORY_COLOURS)
