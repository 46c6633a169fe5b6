"""What lies behind a named view's 3D labels, to measure how well they read.

plotly draws 3D text with no box, so a label placed by ``view_labels`` is read against
whatever the camera sees behind it: the painted skin, or the page past the head's
outline (a dark label on the darkest pain colours was hard to read, instructor review).
``label_backdrops`` casts the camera's rays through each label's text line to the skin
behind it; ``contrast_ratio`` (WCAG 2) measures the text's colour against what is there.
"""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel
from anatomy.viz.head_views import labels as _labels

__all__ = ["contrast_ratio", "label_backdrops", "relative_luminance"]


def relative_luminance(rgb) -> np.ndarray:
    """WCAG 2 relative luminance of sRGB colours.

    Parameters
    ----------
    rgb : (..., 3) array_like
        sRGB components, 0..1.

    Returns
    -------
    numpy.ndarray, shape (...)
        Relative luminance, 0 (black) to 1 (white).
    """
    c = np.asarray(rgb, float)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(a, b) -> np.ndarray:
    """WCAG 2 contrast ratio between sRGB colours (1 to 21).

    Parameters
    ----------
    a, b : (..., 3) array_like
        sRGB components, 0..1 (broadcast against each other).

    Returns
    -------
    numpy.ndarray, shape (...)
        (L_light + 0.05) / (L_dark + 0.05).
    """
    la, lb = relative_luminance(a), relative_luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def label_backdrops(head: HeadModel, points, text, textposition, view: str, *, box=None,
                    frame=None) -> list[np.ndarray | None]:
    """Where the camera's rays through each label's text meet the skin behind it.

    The text line is the one ``view_labels`` tested for ``clear`` (its middle, at the
    point's depth, from the place its text position gives); the rays run from the eye
    through its samples, in perspective as plotly draws them.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    points : (K, 3) array_like
        The labelled positions, mm (as given to ``view_labels``).
    text : sequence of str
        Per point, its label as ``view_labels`` returned it ("" for none).
    textposition : sequence of str
        Per point, its plotly text position (``view_labels``'s second result).
    view : str
        A named camera (see ``plotly3d.CAMERAS``).
    box : tuple of array_like, optional
        The figure's data box (lo, hi), mm, which places the eye (as ``view_labels``).
    frame : dict, optional
        ``distance`` and ``centre_z`` of the figure's cameras (as ``view_labels``).

    Returns
    -------
    list of (S, 3) numpy.ndarray or None
        Per label, the skin point behind each sample of its text line (mm; NaN where the
        ray passes the head and meets the page), or None for a point with no label.
    """
    p = np.asarray(points, float).reshape(-1, 3)
    eye = _labels.perspective(head, view, box, frame)
    _, right, up = _labels._screen_axes(view)
    unit = float((frame or {}).get("distance", 1.0))
    screen = np.c_[p @ right, p @ up]
    away = np.array([0.0, 0.0, 1.0])  # along the ray, away from the eye (``project``)
    out: list[np.ndarray | None] = []
    for k, (name, where) in enumerate(zip(text, textposition)):
        if not name:
            out.append(None)
            continue
        place = screen[k] + _labels.LABEL_STEP_MM * unit * np.array(_labels._TEXT_STEP[where])
        line = _labels._text_line(p[k], place, where, len(str(name)), right, up, screen[k],
                                  eye.depth_scale(p[k]), unit)
        start = eye.project(line)
        depth = eye.skin.ray_depths(start, away)
        hit = eye.unproject(start + np.where(np.isfinite(depth), depth, 0.0)[:, None] * away)
        hit[~np.isfinite(depth)] = np.nan
        out.append(hit)
    return out
