"""Smaller plotly traces for figures that must stay under the notebook size budget.

A coarse mesh (edges of 9 mm or more) does not need its vertices to a tenth of a
millimetre: rounded to whole millimetres they fit in int16 typed arrays, half the bytes
of float32, and the picture does not change at the size a figure is seen.

A mesh cut along a colour edge does need finer steps: its cut adds small triangles along
the edge, and whole millimetres folded them, so the edge of a pain map looked torn and
the skin beside it creased (reviewer). Such a scene is drawn in a finer unit
(``whole_units``): int16 counts of 0.05 mm (up to 1.6 m either way) take the same bytes
as whole millimetres, and every trace of the scene, its axis ranges and its light are
given in that unit, so the picture is the same as in millimetres.
"""

from __future__ import annotations

import numpy as np

__all__ = ["in_units", "whole_mm", "whole_units"]


def whole_units(trace: dict, unit_mm: float = 1.0) -> dict:
    """Send a trace's ``x``, ``y`` and ``z`` as int16 counts of ``unit_mm`` millimetres.

    The light position, if the trace has one, is given in the same unit, so the lighting
    does not change (``in_units``).

    Parameters
    ----------
    trace : dict
        A plotly trace dict in mm (``plotly3d.mesh_trace`` and friends); changed in place.
    unit_mm : float, default 1.0
        The unit, mm; positive. Every trace of a scene must use the same unit.

    Returns
    -------
    dict
        The same trace.

    Raises
    ------
    ValueError
        If ``unit_mm`` is not positive, or a coordinate does not fit in int16 (beyond
        32767 units).
    """
    in_units(trace, unit_mm)
    for axis in ("x", "y", "z"):
        a = np.round(np.asarray(trace[axis], float))
        if a.size and np.abs(a).max() > 32767:
            raise ValueError(f"{axis} does not fit in int16: {np.abs(a).max():.0f} units "
                             f"of {unit_mm:g} mm")
        trace[axis] = a.astype(np.int16)
    return trace


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
    return whole_units(trace, 1.0)


def in_units(trace: dict, unit_mm: float) -> dict:
    """Give a trace's ``x``, ``y``, ``z`` and light position in units of ``unit_mm`` mm.

    Parameters
    ----------
    trace : dict
        A plotly trace dict in mm; changed in place (coordinates become float arrays).
    unit_mm : float
        The unit, mm; positive.

    Returns
    -------
    dict
        The same trace.

    Raises
    ------
    ValueError
        If ``unit_mm`` is not positive.
    """
    if isinstance(unit_mm, bool) or not isinstance(unit_mm, (int, float)) or not unit_mm > 0:
        raise ValueError(f"unit_mm must be a positive number, got {unit_mm!r}.")
    if unit_mm == 1.0:
        return trace
    for axis in ("x", "y", "z"):
        a = np.asarray(trace[axis], float) / unit_mm
        trace[axis] = a.astype(np.float32) if np.asarray(trace[axis]).dtype == np.float32 \
            else a
    if trace.get("lightposition"):
        trace["lightposition"] = {k: round(v / unit_mm) for k, v in
                                  trace["lightposition"].items()}
    return trace
