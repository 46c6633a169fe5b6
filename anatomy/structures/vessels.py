"""Vessels (right side): the occipital artery."""

from __future__ import annotations

import numpy as np

from anatomy import surface
from anatomy.meshgen import smooth_path, tube
from anatomy.structures.data import _dim
from anatomy.structures.frame import _frame, _posterior_skin, _snl_point, _under_skin
from anatomy.structures.muscles import _bone_point

__all__: list[str] = []  # internals of the package: nothing public of its own


def _between(path, r, deep, cover, gap: float = 1.0) -> np.ndarray:
    """Move path points along y out of ``deep`` (obliquus capitis superior) and ``cover``
    (splenius): the artery runs superficial to the one and deep to the other."""
    out = np.array(path, float)
    for i, p in enumerate(out):
        # rays along the axis and at both sides of the tube, where an oblique sheet may lie
        # deeper or shallower than on the axis
        lo, hi = -np.inf, np.inf
        for dx in (-r, 0.0, r):
            back = surface.ray_hit(*deep, (p[0] + dx, -300.0, p[2]), (0.0, 1.0, 0.0))
            front = surface.ray_hit(*cover, (p[0] + dx, 300.0, p[2]), (0.0, -1.0, 0.0))
            if front is not None:                       # in front of splenius
                lo = max(lo, front[1] + r + gap)
            if back is not None:                        # behind OCS
                hi = min(hi, back[1] - r - gap)
        if lo <= hi:
            out[i, 1] = min(max(p[1], lo), hi)
        else:
            out[i, 1] = (lo + hi) / 2
    return out


def _occipital_artery(bone, mastoid_pts, ocs=None, splenius=None):
    """OA: deep below the mastoid, medially on the nuchal plane under splenius, out through
    the fascia at the SNL just lateral to the GON, then tortuous up the scalp. On the nuchal
    plane it is kept superficial to ``ocs`` and deep to ``splenius`` (meshes), if given."""
    fr = _frame()
    r = _dim("oa_radius")
    x_snl = (_dim("gon_trapezius_lateral") + _dim("gon_diameter") / 2 + _dim("oa_gon_gap") + r)
    z_snl = _snl_point(x_snl)[2]
    emerge = _bone_point(bone, 6, x_snl, _dim("scalp_depth") - 3.0)   # 3 mm under the skin
    tip = mastoid_pts["mastoid_tip_bone_right"]
    origin = tip + np.array([-14, 22, -22])            # from the external carotid
    groove = tip + np.array([-9, 2, 4])                # occipital groove, medial to mastoid
    ctrl = [origin, groove, groove + [4.0, -14.0, 3.0], _bone_point(bone, 9, 40.0, r + 1.2),
            _bone_point(bone, 8, 34.0, r + 1.2), _bone_point(bone, 7, x_snl + 2, r + 2.5),
            emerge]
    path = smooth_path(ctrl, 24)
    if ocs is not None and splenius is not None:
        path[2:-2] = _between(path[2:-2], r, ocs, splenius)
        path = smooth_path(np.vstack([path[:-1:2], path[-1:]]), 24)   # no kinks
        path[2:-2] = _between(path[2:-2], r, ocs, splenius, gap=2.0)
    path = list(path)
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




def _arch_top(atlas_pts, x: float, lift: float) -> np.ndarray:
    """Point ``lift`` mm above the upper surface of the C1 posterior arch at lateral x.

    Follows the ring of ``bones._atlas`` (half-width at the groove's lateral margin,
    half-depth 4 mm less than the atlas, arch 3.2-4.5 mm high above its centre line).
    """
    c = atlas_pts["c1_centre"]
    ax, ay = _dim("atlas_groove_lateral"), _dim("atlas_depth") / 2 - 4.0
    cos_b = np.cos(np.arcsin(min(x / ax, 1.0)))
    return np.array([x, c[1] - ay * cos_b, c[2] - 1.5 * cos_b + 3.2 + 1.3 * cos_b + lift])


def _path_at_x(path: np.ndarray, x: float) -> np.ndarray:
    """Last point where a path crosses the lateral position x (linear between samples)."""
    dx = path[:, 0] - x
    k = np.nonzero(np.sign(dx[:-1]) != np.sign(dx[1:]))[0][-1]
    t = dx[k] / (dx[k] - dx[k + 1])
    return path[k] + t * (path[k + 1] - path[k])


def _vertebral_artery(atlas_pts, axis_pts):
    """VA from the C2 transverse foramen up through the C1 transverse foramen (end of V2),
    then its suboccipital part (V3): back and medially behind the lateral mass, in the
    groove on the upper surface of the C1 posterior arch, and forward under the posterior
    atlanto-occipital membrane into the foramen magnum (Gray's; groove: Ebraheim 1998)."""
    r = _dim("va_radius")
    tp1 = atlas_pts["c1_transverse_tip_right"]
    groove_medial = _dim("va_groove_medial")
    # centre of the artery 0.2 mm above the floor of its groove on the posterior arch
    groove = atlas_pts["c1_va_groove_floor_right"] + [0.0, 0.0, r + 0.2]
    c2_tp = np.array([22.0, axis_pts["c2_body"][1] - 4, axis_pts["c2_body"][2] - 1])
    ctrl = [c2_tp + [-1, 1, -14], c2_tp, c2_tp + [5, -2, 10],
            tp1 + [-6.5, 0, 0],                                   # C1 transverse foramen
            tp1 + [-7.0, -1.5, 4.5],                              # leaves it upward
            groove[0] + [3.5, -2.0, 1.0],                         # behind the lateral mass
            *groove[1:-1],                                        # in the groove
            _arch_top(atlas_pts, groove_medial - 3.0, r + 1.5) + [0, 5.0, 2.0],
            _arch_top(atlas_pts, groove_medial - 5.0, r + 7.0) + [0, 12.0, 3.0]]
    path = smooth_path(ctrl, 22)
    v, f = tube(path, r, 8)
    return (v, f), path, r, {"vertebral_artery_groove_right": _path_at_x(path, 19.0),
                             "vertebral_artery_foramen_magnum_right": path[-1].copy()}
