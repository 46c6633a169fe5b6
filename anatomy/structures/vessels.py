"""Vessels (right side): the occipital artery."""

from __future__ import annotations

import numpy as np

from anatomy.meshgen import smooth_path, tube
from anatomy.structures.data import _dim
from anatomy.structures.frame import _frame, _posterior_skin, _snl_point, _under_skin
from anatomy.structures.muscles import _bone_point


def _occipital_artery(bone, mastoid_pts):
    """OA: deep below the mastoid, medially on the nuchal plane under splenius, out through
    the fascia at the SNL just lateral to the GON, then tortuous up the scalp."""
    fr = _frame()
    r = _dim("oa_radius")
    x_snl = (_dim("gon_trapezius_lateral") + _dim("gon_diameter") / 2 + _dim("oa_gon_gap") + r)
    z_snl = _snl_point(x_snl)[2]
    emerge = _bone_point(bone, 6, x_snl, _dim("scalp_depth") - 3.0)   # 3 mm under the skin
    tip = mastoid_pts["mastoid_tip_bone_right"]
    origin = tip + np.array([-14, 22, -22])            # from the external carotid
    groove = tip + np.array([-9, 2, 4])                # occipital groove, medial to mastoid
    ctrl = [origin, groove, _bone_point(bone, 9, 40.0, r + 1.2),
            _bone_point(bone, 8, 34.0, r + 1.2), _bone_point(bone, 7, x_snl + 2, r + 2.5),
            emerge]
    path = list(smooth_path(ctrl, 24))
    # subcutaneous: first up and out, staying lateral to the GON (the non-crossing
    # arrangement; Janis 2010b found a crossing in 54% of sides), then tortuous upward
    x0 = x_snl
    for z in np.linspace(z_snl + 3, float(fr["z0"]) + 80, 44):
        rise = z - z_snl
        x = x0 + 21 * np.tanh(rise / 15) + 0.08 * rise
        x += 2.8 * np.sin(2 * np.pi * max(rise - 12, 0) / 22) * min(max(rise - 12, 0) / 10, 1)
        path.append(_under_skin([_posterior_skin(x, z)], 3.0)[0])
    path = np.array(path)
    v, f = tube(path, r, 8)
    return (v, f), path, r, {"occipital_artery_snl_right": emerge.copy(),
                             "occipital_artery_mastoid_right": groove.copy()}


