"""Accessibility: colour-blind safe palettes, a lightness-monotonic heat scale, alt text,
white figure backgrounds (legible in JupyterLab's dark theme) and readable font sizes.

Colour-vision deficiencies are simulated with the Machado, Oliveira & Fernandes (2009)
matrices at full severity, applied in linear sRGB; differences are CIEDE2000 in CIELAB
(D65). All in numpy.
"""

from __future__ import annotations

import base64
import importlib
import io
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from anatomy.viz import style

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

MACHADO_2009 = {  # severity 1.0, linear RGB
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
VISION = (None, *MACHADO_2009)
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
D65 = np.array([0.95047, 1.0, 1.08883])
CATEGORICAL_MIN = 10.0  # CIEDE2000: clearly different at a glance


def srgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255.0


def linear(rgb) -> np.ndarray:
    rgb = np.asarray(rgb, float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def simulate(hex_colour: str, deficiency: str | None) -> np.ndarray:
    """Linear RGB as seen with a deficiency (None: normal vision)."""
    lin = linear(srgb(hex_colour))
    if deficiency is None:
        return lin
    return np.clip(np.asarray(MACHADO_2009[deficiency]) @ lin, 0, 1)


def lab(lin) -> np.ndarray:
    xyz = (SRGB_TO_XYZ @ np.asarray(lin, float)) / D65
    d = 6 / 29
    f = np.where(xyz > d ** 3, np.cbrt(xyz), xyz / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1, lab2) -> float:
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    cbar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(cbar ** 7 / (cbar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    lbar, cbarp = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hbar = h1 + h2
    elif abs(h1 - h2) <= 180:
        hbar = (h1 + h2) / 2
    else:
        hbar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(hbar - 30)) + 0.24 * np.cos(np.radians(2 * hbar))
         + 0.32 * np.cos(np.radians(3 * hbar + 6)) - 0.20 * np.cos(np.radians(4 * hbar - 63)))
    rc = 2 * np.sqrt(cbarp ** 7 / (cbarp ** 7 + 25 ** 7))
    rt = -np.sin(np.radians(60 * np.exp(-(((hbar - 275) / 25) ** 2)))) * rc
    sl = 1 + 0.015 * (lbar - 50) ** 2 / np.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    dl, dc = (L2 - L1) / sl, (c2 - c1) / sc
    return float(np.sqrt(dl ** 2 + dc ** 2 + (big_dh / sh) ** 2 + rt * dc * (big_dh / sh)))


def closest_pair(colours: dict[str, str], deficiency: str | None):
    labs = {k: lab(simulate(c, deficiency)) for k, c in colours.items()}
    return min((ciede2000(labs[a], labs[b]), a, b) for a, b in itertools.combinations(labs, 2))


def test_ciede2000_matches_the_published_test_data():
    # Sharma, Wu & Dalal (2005), pairs 1 and 7
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)


def test_simulation_keeps_greys_and_merges_red_green():
    for deficiency in MACHADO_2009:
        grey = simulate("#777777", deficiency)
        assert np.allclose(grey, grey[0], atol=2e-3)
    red_green = ciede2000(lab(simulate("#D62728", "deuteranopia")),
                          lab(simulate("#2CA02C", "deuteranopia")))
    assert red_green < 20  # the classic confusion the kit's palettes avoid


def _palette(module: str, getter):
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        pytest.skip(f"{module} does not exist yet")
    return getter(mod)


PALETTES = {
    # Okabe-Ito's chromatic colours (grey is a neutral, used for context only)
    "Okabe-Ito": lambda: {k: v for k, v in style.OKABE_ITO.items() if k != "grey"},
    "nerves": lambda: _palette("anatomy.viz.nerve_views", lambda m: {
        k: v["color"] for k, v in m.NERVE_STYLE.items()}),
    "pain mechanisms": lambda: _palette("anatomy.viz.pain_views", lambda m: {
        k: v[1] for k, v in m.MECHANISM_STYLE.items()}),
    "occipital territories": lambda: _palette("anatomy.viz.pain_views", lambda m: {
        k: m.TERRITORY_COLOURS[k] for k in ("greater_occipital", "lesser_occipital",
                                            "third_occipital", "great_auricular",
                                            "transverse_cervical")}),
    "criteria status": lambda: _palette("anatomy.viz.headache_views", lambda m: {
        k: v[2] for k, v in m.STATUS.items()}),
}


@pytest.mark.parametrize("deficiency", VISION, ids=lambda d: d or "normal")
@pytest.mark.parametrize("name", PALETTES)
def test_categorical_palettes_stay_distinct_with_colour_blindness(name, deficiency):
    d, a, b = closest_pair(PALETTES[name](), deficiency)
    assert d >= CATEGORICAL_MIN, (f"{name}: {a} and {b} differ by only dE00 {d:.1f} with "
                                  f"{deficiency or 'normal vision'}")


def test_tissue_colours_differ_from_skin_and_each_other():
    """Tissues are also told apart by shape, depth and labels, so the bar is lower; the
    weakest pairs today: nerve on skin (tritanopia, dE00 about 5) and muscle vs artery
    (deuteranopia, about 7)."""
    tissues = {"skin": style.SKIN, "bone": style.BONE, "muscle": style.MUSCLE,
               "nerve": style.NERVE, "artery": style.ARTERY, "landmark": style.LANDMARK}
    for deficiency in VISION:
        d, a, b = closest_pair(tissues, deficiency)
        assert d >= 4.0, f"{a} vs {b}: dE00 {d:.1f} ({deficiency or 'normal vision'})"


def _interpolated_lightness(scale, n: int = 101) -> np.ndarray:
    stops = np.array([s for s, _ in scale], float)
    rgb = np.array([srgb(c) for _, c in scale])
    t = np.linspace(0, 1, n)
    samples = np.stack([np.interp(t, stops, rgb[:, k]) for k in range(3)], axis=1)
    return np.array([lab(linear(c))[0] for c in samples])


def test_heat_scale_is_monotonic_in_lightness():
    lightness = _interpolated_lightness(style.HEAT_SCALE)
    assert np.all(np.diff(lightness) < 0), "HEAT_SCALE must darken steadily"
    # it starts darker than skin (a weak zone shows as a darker patch on the skin, in grey
    # too) and still spans half the lightness range
    skin = lab(linear(srgb(style.SKIN)))[0]
    assert skin - lightness[0] > 10 and lightness[0] - lightness[-1] > 45
    for deficiency in MACHADO_2009:
        seen = [lab(simulate(c, deficiency))[0] for _, c in style.HEAT_SCALE]
        assert np.all(np.diff(seen) < 0), f"not monotonic with {deficiency}"


def test_map_heat_scale_darkens_evenly_with_the_value():
    """Notebook 03's maps compare values across the range (migraine: 0.13 against 0.40 at
    the occiput, 0.22 against 0.67 at the eye). Their scale keeps the heat colours, with
    lightness falling about evenly from 0 to 1, so that 0.13 and 0.40 differ clearly: on
    HEAT_SCALE's stops both were orange (a colour difference under 10)."""
    from colorspacious import deltaE

    from anatomy.viz.headache_views import PAIN_SCALE

    assert [c for _, c in style.MAP_HEAT_SCALE] == [c for _, c in style.HEAT_SCALE]
    lightness = _interpolated_lightness(style.MAP_HEAT_SCALE)
    even = np.linspace(lightness[0], lightness[-1], len(lightness))
    assert np.all(np.diff(lightness) < 0) and np.abs(lightness - even).max() < 4.0

    def colour(scale, v):
        stops = np.array([p for p, _ in scale])
        rgb = np.array([srgb(c) for _, c in scale])
        return np.array([np.interp(v, stops, rgb[:, k]) for k in range(3)])

    def apart(scale, a, b):  # colour difference in CAM02-UCS (colorspacious's default)
        return float(deltaE(colour(scale, a), colour(scale, b), input_space="sRGB1"))

    old = [[0.0, style.SKIN], [0.04, style.HEAT_START]] + [
        [0.04 + 0.96 * p, c] for p, c in style.HEAT_SCALE[1:]]
    assert apart(old, 0.13, 0.40) < 10 <= apart(PAIN_SCALE, 0.13, 0.40)


def test_matplotlib_and_plotly_figures_have_white_backgrounds_and_readable_fonts(head):
    from anatomy.viz import head_views

    for key in ("figure.facecolor", "axes.facecolor", "savefig.facecolor"):
        assert style.MPL_RC[key] == "white", key
    assert style.FONT_SIZE >= 12 and style.TITLE_SIZE >= style.FONT_SIZE
    assert style.MPL_RC["font.size"] >= 10
    layout = head_views.head_figure(head).figure.to_dict()["layout"]
    assert layout["paper_bgcolor"] == "white"
    assert layout["template"]["layout"]["font"]["size"] >= 12


def _outputs(path: Path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            yield out.get("data", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_figures_are_legible_in_a_dark_theme(path):
    """Every stored PNG is opaque with white corners; every plotly figure has a white paper."""
    from PIL import Image

    for data in _outputs(path):
        if "image/png" in data:
            png = base64.b64decode("".join(data["image/png"]))
            with Image.open(io.BytesIO(png)) as im:
                rgba = np.asarray(im.convert("RGBA"))
            assert rgba[..., 3].min() == 255, "transparent PNG: unreadable on a dark theme"
            corners = rgba[[0, 0, -1, -1], [0, -1, 0, -1], :3]
            assert (corners >= 245).all(), "PNG background is not white"
        fig = data.get("application/vnd.plotly.v1+json")
        if fig:
            assert fig["layout"].get("paper_bgcolor") in ("white", "#ffffff", "#FFFFFF")


def test_figure_readme_gives_every_figure_alt_text():
    readme = (ROOT / "figures" / "README.md").read_text(encoding="utf-8")
    imgs = [line for line in readme.splitlines() if line.startswith("<img ")]
    assert imgs, "figures/README.md lists no figure"
    for line in imgs:
        alt = line.split('alt="', 1)[1].split('"', 1)[0] if 'alt="' in line else ""
        assert len(alt) > 40, f"missing or short alt text: {line[:80]}"
    for line in readme.splitlines():
        if line.startswith("![") and "](" in line:
            assert len(line[2:line.index("]")]) > 20, f"markdown image without alt: {line}"
