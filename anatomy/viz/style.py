"""Colours, fonts and sizes shared by the plotly and matplotlib figures."""

from __future__ import annotations

__all__ = [
    "ARTERY", "BONE", "EYE", "FONT_FAMILY", "FONT_SIZE", "HEAT_SCALE", "LANDMARK",
    "MPL_RC", "MUSCLE", "NERVE", "OKABE_ITO", "SKIN", "SKIN_EDGE", "TENDON", "TEXT",
    "TITLE_SIZE",
]

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
SKIN = "#E3B79F"
SKIN_EDGE = "#B98A72"
EYE = "#F4F1EA"
BONE = "#EFE6CF"
MUSCLE = "#B5524A"
TENDON = "#E8D9C4"
NERVE = "#F2C230"
ARTERY = "#C62828"
LANDMARK = OKABE_ITO["blue"]
TEXT = "#222222"
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
# Sequential scale for intensities (0..1) that reads on a skin tone and in grey-scale:
# light yellow -> orange -> dark red-purple (monotonic lightness, like 'inferno' ends).
HEAT_SCALE = [[0.0, "#FFF5B8"], [0.25, "#FDC65C"], [0.5, "#F0813A"], [0.75, "#C43C39"],
              [1.0, "#5C0F4E"]]
