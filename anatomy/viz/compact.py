"""Smaller plotly traces for figures that must stay under the notebook size budget.

A coarse mesh (edges of 9 mm or more) does not need its vertices to a tenth of a
millimetre: rounded to whole millimetres they fit in int16 typed arrays, half the bytes
of float32, and the picture does not change at the size a figure is seen.
"""

from __future__ import annotations

import numpy as np

__all__ = ["whole_mm"]


def whole_mm(trace: dict) -> dict:
    """Round a trace's ``x``, ``y`` and ``z`` to whole millimetres, sent as int16.

    Parameters
    ----------
    trace : dict
        A plotly trace dict (``plotly3d.mesh_trace`` and friends); changed in place.

    Returns
    -------
    dict
        The same trace.

    Raises
    ------
    ValueError
        If a coordinate does not fit in int16 (beyond +-32 m).
    """
    for axis in ("x", "y", "z"):
        a = np.round(np.asarray(trace[axis], float))
        if a.size and np.abs(a).max() > 32767:
            raise ValueError(f"{axis} does not fit in int16: {np.abs(a).max():.0f} mm")
        trace[axis] = a.astype(np.int16)
    return trace
