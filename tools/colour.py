"""Colour differences as people with and without colour-vision deficiencies see them.

colorspacious (pinned in requirements.lock) simulates deuteranopia, protanopia and
tritanopia (Machado, Oliveira & Fernandes 2009, severity 100) and converts to CIELAB (D65);
the difference is CIEDE2000 (Sharma, Wu & Dalal 2005, Color Res. Appl. 30:21-30), written
out here because colorspacious only offers Euclidean distances. ``tests/test_palette.py``
holds the kit's palette (anatomy/viz/style.py) to its minimum differences.

    python tools/colour.py      # the closest pairs of the palette under each vision
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VISIONS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly")
"""Normal vision and colorspacious's three CVD types (at severity 100: -anopia)."""


def hex_rgb(colour: str) -> np.ndarray:
    """'#RRGGBB' as sRGB in [0, 1]."""
    c = colour.lstrip("#")
    if len(c) != 6:
        raise ValueError(f"Colour {colour!r} is not '#RRGGBB'.")
    return np.array([int(c[k:k + 2], 16) for k in (0, 2, 4)], float) / 255


def lab(colours, vision: str = "normal") -> np.ndarray:
    """CIELAB (D65) of '#RRGGBB' colours as seen with ``vision`` (one of ``VISIONS``)."""
    from colorspacious import cspace_convert

    if vision not in VISIONS:
        raise ValueError(f"Unknown vision {vision!r}; valid: {', '.join(VISIONS)}")
    rgb = np.array([hex_rgb(c) for c in colours])
    if vision != "normal":
        cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CIELab")


def ciede2000(lab1, lab2) -> np.ndarray:
    """CIEDE2000 colour difference (kL = kC = kH = 1) between CIELAB rows."""
    L1, a1, b1 = np.asarray(lab1, float).T
    L2, a2, b2 = np.asarray(lab2, float).T
    C1, C2 = np.hypot(a1, b1), np.hypot(a2, b2)
    Cm = (C1 + C2) / 2
    G = 0.5 * (1 - np.sqrt(Cm ** 7 / (Cm ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, C2p - C1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(C1p * C2p == 0, 0, dh)
    dHp = 2 * np.sqrt(C1p * C2p) * np.sin(np.radians(dh / 2))
    Lpm, Cpm = (L1 + L2) / 2, (C1p + C2p) / 2
    hsum = h1p + h2p
    hpm = np.where(np.abs(h1p - h2p) > 180, np.where(hsum < 360, hsum + 360, hsum - 360),
                   hsum) / 2
    hpm = np.where(C1p * C2p == 0, hsum, hpm)
    T = (1 - 0.17 * np.cos(np.radians(hpm - 30)) + 0.24 * np.cos(np.radians(2 * hpm))
         + 0.32 * np.cos(np.radians(3 * hpm + 6)) - 0.20 * np.cos(np.radians(4 * hpm - 63)))
    dtheta = 30 * np.exp(-(((hpm - 275) / 25) ** 2))
    Rc = 2 * np.sqrt(Cpm ** 7 / (Cpm ** 7 + 25.0 ** 7))
    Sl = 1 + 0.015 * (Lpm - 50) ** 2 / np.sqrt(20 + (Lpm - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cpm, 1 + 0.015 * Cpm * T
    Rt = -np.sin(np.radians(2 * dtheta)) * Rc
    return np.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2
                   + Rt * (dCp / Sc) * (dHp / Sh))


def delta_e(c1: str, c2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two '#RRGGBB' colours as seen with ``vision``."""
    a, b = lab([c1, c2], vision)
    return float(ciede2000(a, b))


def closest_pairs(colours: dict[str, str], visions=VISIONS) -> list[tuple[float, str, str, str]]:
    """(ΔE00, vision, name, name) for every pair under every vision, smallest first."""
    names = list(colours)
    out = []
    for vision in visions:
        L = dict(zip(names, lab([colours[n] for n in names], vision)))
        for a, b in itertools.combinations(names, 2):
            out.append((float(ciede2000(L[a], L[b])), vision, a, b))
    return sorted(out)


def main() -> None:
    from anatomy.viz import style

    for title, group in (("categories shown together", style.CATEGORY_COLOURS),
                         ("muscles", style.MUSCLE_COLOURS)):
        print(f"{title}:")
        for d, vision, a, b in closest_pairs(group)[:8]:
            print(f"  {d:5.1f}  {vision:14s} {a} / {b}")


if __name__ == "__main__":
    main()
