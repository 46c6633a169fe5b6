"""Colours, fonts and sizes shared by the plotly and matplotlib figures."""

from __future__ import annotations

__all__ = [
    "ARTERY", "ARTERY_COLOURS", "BONE", "CATEGORY_COLOURS", "CATEGORY_MIN_DE00", "EYE",
    "FONT_FAMILY", "FONT_SIZE", "HEAT_GAMMA", "HEAT_MIN_DE00", "HEAT_SCALE", "HEAT_START",
    "MAP_HEAT_SCALE",
    "IRIS", "LANDMARK", "MPL_RC", "MUSCLE", "MUSCLE_COLOURS", "MUSCLE_MIN_DE00", "NERVE",
    "NERVE_COLOURS",
    "OKABE_ITO", "PUPIL", "SKIN", "SKIN_EDGE", "TENDON", "TEXT", "TITLE_SIZE",
    "pain_scale", "pale", "structure_colour",
]

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
SKIN = "#E3B79F"
SKIN_EDGE = "#B98A72"
EYE = "#F4F1EA"          # the white of the eye
IRIS = "#4A3426"         # a dark brown, darker than any shade of the skin (display choice:
                         # anatomy.viz.eyes; a mid brown read as shaded skin, and a light
                         # iris made the mesh's wide pupil read as dilated, reviewer)
PUPIL = "#1E1917"
BONE = "#EFE6CF"
MUSCLE = "#B5524A"
TENDON = "#E8D9C4"
NERVE = "#EDCF20"         # = NERVE_COLOURS["greater_occipital"]
ARTERY = "#B8210F"        # = ARTERY_COLOURS["occipital_artery"]
LANDMARK = OKABE_ITO["blue"]
TEXT = "#222222"
# 3D labels over a painted heat field: plotly draws no box behind 3D text, and over the
# mid-tone red-orange of the heat scale TEXT reached 3.15:1 (WCAG 2), black 4.16:1
INK = "#000000"
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 14          # readable on a projector
TITLE_SIZE = 18
MPL_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 13,
    # titles sit at the top of their axes: no figure has tick labels above an axes, and the
    # automatic placement measures every hidden tick of the plates' view axes
    "axes.titley": 1.0,
    "figure.facecolor": "white",   # stays readable in JupyterLab's dark theme
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "anatomy-kit",  # deterministic SVG ids
    "svg.fonttype": "none",
    # unhinted glyphs: no visible change at notebook and print sizes, and each plate's
    # text is laid out about a fifth faster
    "text.hinting": "no_hinting",
}

# ---- The palette of everything a 3D scene shows together --------------------------------
# Chosen (tools/colour.py) so that every pair stays apart as people with normal vision,
# deuteranopia, protanopia and tritanopia see it (colorspacious's simulation of Machado et
# al. 2009 at full severity; CIEDE2000, Sharma et al. 2005). tests/test_palette.py holds:
CATEGORY_MIN_DE00 = 12.0  # between categories (each nerve, artery, bone, each muscle vs
#                           the rest): clearly different at a glance, even for thin lines
MUSCLE_MIN_DE00 = 10.0    # muscle vs muscle: also told apart by place and hover text
HEAT_MIN_DE00 = 15.0      # lowest non-zero heat colour vs skin: weak zones stay visible
# Left and right copies of a nerve share its colour (the sides lie apart and are named in
# the legend). The suboccipital (C1) and great auricular nerves are drawn as structures
# (layer 'nerve', base ids '<name>_nerve').
NERVE_COLOURS = {
    "greater_occipital": "#EDCF20",   # yellow
    "lesser_occipital": "#4FC4FD",    # sky blue
    "third_occipital": "#047F7E",     # teal
    "suboccipital": "#2F4A8D",        # navy
    "great_auricular": "#756ACC",     # violet
}
ARTERY_COLOURS = {"occipital_artery": "#B8210F", "vertebral_artery": "#791822"}
# Muscles keep an anatomical red-brown family but differ in hue and lightness: orange-brown,
# mauve, dark plum, brown, orange-tan, khaki, lavender.
MUSCLE_COLOURS = {
    "trapezius": "#C1762E",
    "sternocleidomastoid": "#C299AA",
    "splenius_capitis": "#5D3A4A",
    "semispinalis_capitis": "#856054",
    # OCI, OCS and levator scapulae (issue 15) were picked together by tools/colour.py's
    # measure with the other colours fixed: no fourth red-brown passes the limits, so OCS
    # is a pale khaki (not the old grey-blue) and levator scapulae a muted lavender
    "obliquus_capitis_inferior": "#E49C60",
    "rectus_capitis_posterior_major": "#350928",
    "rectus_capitis_posterior_minor": "#948363",
    "obliquus_capitis_superior": "#B4AE90",
    "levator_scapulae": "#9C8AB4",
}
CATEGORY_COLOURS = {**NERVE_COLOURS, **ARTERY_COLOURS, "bone": BONE, **MUSCLE_COLOURS}


def structure_colour(base: str, layer: str, default: str | None = None) -> str:
    """The palette colour of a structure.

    A muscle or vessel without a palette entry keeps ``default`` (its colour in
    structures.toml) and tests/test_palette.py fails until it gets a colour here, checked
    against the others.

    Parameters
    ----------
    base : str
        The structure's id without its side, e.g. ``"trapezius"``.
    layer : str
        "bone", "muscle" or "vessel".
    default : str, optional
        Colour to use when the palette has no entry.

    Returns
    -------
    str
        A hex colour.

    Raises
    ------
    ValueError
        If there is no palette entry and no ``default``; the message names the structure
        or layer and the valid choices.
    """
    if layer == "bone":
        return BONE
    table = {"muscle": MUSCLE_COLOURS, "vessel": ARTERY_COLOURS,
             "nerve": {f"{k}_nerve": c for k, c in NERVE_COLOURS.items()}}.get(layer)
    if table is None:
        if default is None:
            raise ValueError(f"No palette colour for layer {layer!r}; valid: bone, muscle, "
                             "vessel")
        return default
    if base not in table:
        if default is not None:
            return default
        raise ValueError(f"No palette colour for {layer} {base!r} in anatomy/viz/style.py; "
                         f"known: {', '.join(table)}")
    return table[base]


# Sequential scale for intensities (0..1) that reads on a skin tone and in grey-scale:
# orange, darker than skin (CIELAB L* 66 against 78), through red to aubergine (L* 16),
# monotonic like 'inferno'. Its first colour is far from skin (HEAT_MIN_DE00) so that weak
# zones do not vanish. Notebook 02's pain fields and notebook 03's maps share it.
HEAT_START = "#F97F19"
HEAT_SCALE = [[0.0, HEAT_START], [0.394, "#D95A26"], [0.697, "#B0303A"], [1.0, "#4A0C44"]]
# The headache maps (notebook 03) compare values over the whole 0-1 range: migraine's eye
# region at 67 % of patients against 22 % on the other side, its occiput at 40 % against
# 13 %. On HEAT_SCALE's stops 0.13 and 0.40 both showed orange (reviews 12, 14, 16). The
# same colours, placed so that lightness falls evenly with the value (CIELAB L* 66, 54,
# 41, 16), keep them apart.
MAP_HEAT_SCALE = [[0.0, HEAT_START], [0.237, "#D95A26"], [0.508, "#B0303A"],
                  [1.0, "#4A0C44"]]


def _heat_at(q: float) -> str:
    """HEAT_SCALE's colour at ``q`` (0..1), interpolated in RGB as plotly and matplotlib
    interpolate a colour scale."""
    for (p0, c0), (p1, c1) in zip(HEAT_SCALE, HEAT_SCALE[1:]):
        if q <= p1:
            t = (q - p0) / (p1 - p0)
            a, b = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (c0, c1))
            return "#{:02X}{:02X}{:02X}".format(*(round(x + t * (y - x)) for x, y in zip(a, b)))
    return HEAT_SCALE[-1][1]


# Pain fields on the skin: under the zones' edge (``floor``) bare skin, at the edge
# HEAT_START. Above it a field value v takes HEAT_SCALE's colour at about v ** HEAT_GAMMA:
# half of a pattern's painted skin lies below about a fifth of its peak (medians 0.12-0.28;
# the fields fall off smoothly from their spots), and on a linear scale it all showed one
# orange (a student read the map as uniform pain).
HEAT_GAMMA = 0.5


def pale(colour: str, amount: float = 0.55) -> tuple:
    """``colour`` mixed with white, opaque (a see-through colour makes a new shade at
    every overlap).

    Parameters
    ----------
    colour : str
        A matplotlib colour.
    amount : float, default 0.55
        The share of white, 0 (the colour) to 1 (white).

    Returns
    -------
    tuple of float
        The (r, g, b) colour, 0..1.

    Raises
    ------
    ValueError
        If ``amount`` is not between 0 and 1, or ``colour`` is not a colour.
    """
    from matplotlib.colors import to_rgb

    if not 0 <= amount <= 1:
        raise ValueError(f"amount must be between 0 and 1, got {amount!r}")
    return tuple(c + (1 - c) * amount for c in to_rgb(colour))


def pain_scale(floor: float) -> list:
    """The pain fields' colour scale over values 0..1, with its edge at ``floor``.

    Parameters
    ----------
    floor : float
        The least value drawn in colour (0 < floor < 1): below it, bare skin.

    Returns
    -------
    list of [float, str]
        plotly colour-scale stops: SKIN up to ``floor``, then HEAT_SCALE's colour at
        ``((v - floor) / (1 - floor)) ** HEAT_GAMMA``.

    Raises
    ------
    ValueError
        If ``floor`` is not between 0 and 1.
    """
    if not 0 < floor < 1:
        raise ValueError(f"floor must be between 0 and 1 (exclusive), got {floor!r}")
    return [[0.0, SKIN]] + [[round(floor + (1 - floor) * (k / 10) ** (1 / HEAT_GAMMA), 4),
                             _heat_at(k / 10)] for k in range(11)]
