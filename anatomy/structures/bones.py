"""Bones: atlas, axis, C3, the occipital bone and the mastoid process."""

from __future__ import annotations

import numpy as np

from anatomy.meshgen import ellipsoid, grid_normals, loft, merge, slab, smooth_path, tube
from anatomy.structures.data import _dim
from anatomy.structures.frame import _frame, _posterior_skin, _snl_point, _under_skin

# ---------------------------------------------------------------------------
# bones
# ---------------------------------------------------------------------------

_SPINE_Y = -4.0  # the model's vertebral canal axis is this far behind the tragus line


def _atlas():
    """C1: ring of anterior and posterior arches, lateral masses, transverse processes."""
    fr = _frame()
    zt = float(fr["c1_tubercle_z"])
    half_depth = _dim("atlas_depth") / 2      # anterior to posterior tubercle
    half_width = _dim("atlas_width") / 2      # transverse-process tips
    cy = _SPINE_Y - 20.0                      # anterior arch just in front of the dens
    back = cy - half_depth                    # back of the posterior tubercle
    zc = zt + 2.0
    parts = []
    # ring: anterior arch + posterior arch as one loop reaching the lateral masses at the
    # lateral margin of the vertebral-artery groove
    t = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    ax, ay = _dim("atlas_groove_lateral"), half_depth - 4.0
    ring = np.c_[ax * np.sin(t), cy + ay * np.cos(t), zc + 1.5 * np.cos(t)]
    ring = np.vstack([ring, ring[:1]])
    # arch: about 9 mm high at the back, 5-6 mm thick (approximate proportions)
    half_h = 3.2 + 1.3 * np.clip(-np.cos(np.r_[t, t[:1]]), 0, 1)
    parts.append(loft(ring, 2.7, half_h, [0, 0, 1], n_around=8, caps=False))
    tip = np.array([half_width - 4.0, cy + 4, zc + 1])
    for s in (1, -1):
        parts.append(ellipsoid([s * 19.0, cy + 4, zc], [7.5, 10, 7.5], box=0.6))
        parts.append(loft([[s * 23.0, cy + 4, zc], tip * [s, 1, 1]], 4.5, 3.0, [0, 0, 1], 8))
        parts.append(ellipsoid(tip * [s, 1, 1], [4, 7, 5.5]))
    parts.append(ellipsoid([0, back + 4, zc - 1], [6.5, 4, 6]))        # posterior tubercle
    parts.append(ellipsoid([0, cy + half_depth - 2.5, zc], [5, 2.5, 5.5]))  # anterior tub.
    return merge(parts), {"c1_posterior_tubercle": np.array([0, back, zc - 1]),
                           "c1_centre": np.array([0, cy, zc]),
                           "c1_transverse_tip_right": tip + [4.0, 0, 0]}


def _axis():
    """C2: body and dens, superior facets, pars, laminae, big bifid spinous process."""
    fr = _frame()
    ztip = float(fr["c2_tip_z"])
    zb = ztip + 3.0                    # body centre a little above the spinous tip
    h = _dim("vertebral_body_height")
    bc = _SPINE_Y - 9.5                # body centre (behind the pharynx of the model)
    half_d = _dim("c2_body_depth") / 2
    parts = [ellipsoid([0, bc, zb], [9.0, half_d, h / 2 + 1], n_u=14, box=0.45)]
    r_dens = _dim("dens_diameter") / 2
    top = zb + h / 2 + 1                      # upper surface of the body
    dens = np.array([[0, bc - 2, top - 2], [0, bc - 2, top + _dim("dens_height") - r_dens]])
    parts.append(loft(dens, r_dens, r_dens, [1, 0, 0], 10, caps=False))
    parts.append(ellipsoid(dens[1], [r_dens, r_dens, r_dens]))
    for s in (1, -1):
        parts.append(ellipsoid([s * 15, -15, zb + 5], [7, 8, 3.0], box=0.6))    # sup. facet
        parts.append(loft([[s * 14, -17, zb + 2], [s * 14, -25, zb - 3]], 4.0, 4.5,
                           [0, 0, 1], 8))                                        # pars
        parts.append(ellipsoid([s * 14, -26, zb - 6], [5, 5.5, 4.5], box=0.6))  # inf. process
        lam = [[s * 14, -24, zb - 1], [s * 9, -32, zb - 2], [s * 3.5, -38, zb - 3]]
        parts.append(loft(smooth_path(lam, 8), 3.0, 6.0, [0, 0, 1], 8))    # lamina
        parts.append(loft([[s * 10, bc - 1, zb], [s * 21, bc - 4, zb - 1]], 2.8, 2.8,
                           [0, 0, 1], 8))                                      # transverse
        parts.append(ellipsoid([s * 22, bc - 4, zb - 1], [3, 3.5, 3.5]))
        parts.append(loft([[s * 2, -39, zb - 3], [s * 4.5, -50, ztip]], 3.0, 5.0,
                           [0, 0, 1], 8))                                      # bifid half
        parts.append(ellipsoid([s * 4.6, -50.5, ztip], [3.0, 3, 5]))           # tubercle
    spin = [[0, -34, zb - 2], [0, -44, zb - 3]]
    parts.append(loft(spin, 4.5, 6.5, [0, 0, 1], 8))
    pts = {"c2_spinous": np.array([0, -53.5, ztip]),
           "c2_spinous_tip_right": np.array([4.6, -53.5, ztip]),
           "c2_lamina_right": np.array([9.0, -35, zb - 2]),
           "c2_body": np.array([0, bc, zb]), "c2_dens_tip": dens[1] + [0, 0, r_dens]}
    return merge(parts), pts


def _c3():
    fr = _frame()
    h = _dim("vertebral_body_height")
    zb = float(fr["c2_tip_z"]) + 3.0 - h - 4.5
    bc = _SPINE_Y - 9.5
    parts = [ellipsoid([0, bc, zb], [8.5, _dim("c2_body_depth") / 2, h / 2 - 1], n_u=14,
                        box=0.45)]
    for s in (1, -1):
        parts.append(ellipsoid([s * 15, -19, zb], [5.5, 7, 7.5], box=0.6))  # pillar
        parts.append(loft([[s * 7, bc - 4, zb], [s * 13, -15, zb]], 2.5, 3.5,
                           [0, 0, 1], 8))                                    # pedicle
        lam = [[s * 14, -23, zb - 1], [s * 8, -32, zb - 2], [s * 2, -38, zb - 4]]
        parts.append(loft(smooth_path(lam, 8), 2.5, 4.5, [0, 0, 1], 8))
        parts.append(loft([[s * 10, bc, zb], [s * 24, bc - 3, zb - 1]], 3.0, 2.5,
                           [0, 0, 1], 8))
        parts.append(loft([[s * 1, -38, zb - 4], [s * 3.5, -45, zb - 7]], 2.5, 3.5,
                           [0, 0, 1], 8))
        parts.append(ellipsoid([s * 3.7, -46, zb - 7.5], [2.5, 2.5, 3.5]))
    return merge(parts), {"c3_spinous": np.array([0, -48.5, zb - 7.5]),
                           "c3_body": np.array([0, bc, zb]),
                           "c2_c3_facet_right": np.array([15.0, -20, zb + 8])}


def _occipital_bone():
    """Lower squama from the skin offset, nuchal plane to the foramen magnum, ridges."""
    fr = _frame()
    scalp = _dim("scalp_depth")
    eop = fr["eop"]
    xs = np.linspace(-50, 50, 21)
    rows_top = np.linspace(1, 0, 7)  # fraction of the squama height above the SNL
    grid = []
    snl = np.array([_snl_point(abs(x)) * [np.sign(x) or 1, 1, 1] for x in xs])
    inl = snl + np.array([0, 13, -13]) + (np.abs(xs)[:, None] / 50) * np.array([0, 10, 2])
    opis = np.c_[0.75 * xs, _SPINE_Y - 12 - 20 * np.sqrt(np.clip(1 - (xs / 50) ** 2, 0, 1)),
                 np.full(len(xs), eop[2] - 25.0 + 0.06 * np.abs(xs))]
    for i, x in enumerate(xs):
        col = []
        for r in rows_top:
            # lambdoid border: lambda about 50 mm above the SNL, falling to the asterion
            top = r * max(50 * (1 - (abs(x) / 56) ** 1.8), 3.0)
            z = snl[i, 2] + top
            col.append(_under_skin([[x, _posterior_skin(x, z)[1], z]], scalp)[0])
        col += [snl[i] + (inl[i] - snl[i]) * 0.5, inl[i],
                inl[i] + (opis[i] - inl[i]) * 0.5 + [0, -2, -1], opis[i]]
        grid.append(col)
    grid = np.array(grid)
    normals = grid_normals(grid)
    # orient normals outward (away from the head centre)
    centre = np.array([0, -10.0, 0])
    if ((grid - centre) * normals).sum() < 0:
        normals = -normals
    parts = [slab(grid, normals, 4.0)]
    ridge_snl = snl - 1.3 * normals[:, 6]
    parts.append(tube(ridge_snl, 1.6, 6))
    parts.append(tube(inl - 0.6 * normals[:, 8], 1.3, 6))
    parts.append(ellipsoid(eop + [0, 5.0, -1.5], [7, 3.5, 6], n_u=10, n_v=6))
    crest = smooth_path([eop + [0, 3.5, -5], grid[10, 8] + [0, -1, 0], opis[10]], 8)
    parts.append(tube(crest, 1.5, 6))
    pts = {"eop": eop.copy(), "opisthion": opis[10].copy(),
           "inferior_nuchal_line_mid_right": inl[15].copy()}
    for frac in (0.25, 0.5, 0.75, 1.0):
        x = 50 * frac
        pts[f"superior_nuchal_line_right_{int(frac * 100)}"] = _snl_point(x)
    bone = {"grid": grid, "normals": normals, "snl": snl, "inl": inl}
    return merge(parts), pts, bone


def _mastoid():
    fr = _frame()
    tip = fr["mastoid_tip"]
    length = _dim("mastoid_length")
    base = tip + np.array([-5.0, -6.0, length - 4])
    axis = [base, base + (tip - base) * 0.5 + [1, 0, 0], tip]
    path = smooth_path(axis, 10)
    s = np.linspace(1, 0.25, 10)
    v, f = loft(path, 11 * s, 5.5 * s, [1, 0, 0], 10)
    v, f = merge([(v, f), ellipsoid(tip + [-0.5, 0, 0], [3, 3.2, 3], n_u=8, n_v=5)])
    return (v, f), {"mastoid_tip_bone_right": tip.copy(), "mastoid_base_right": base}


