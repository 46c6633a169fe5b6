"""Suboccipital muscles (right side): rectus capitis posterior major and minor and
obliquus capitis superior (obliquus capitis inferior is in ``muscles``).

Attachments follow Gray's Anatomy (grays1918, "The Suboccipital Muscles"); the attachment
landmarks each muscle names are recorded in ``structures.toml`` ([structures.*]
``attachments``) and tested. Widths and thicknesses are approximate (derived: see the
``[dimensions]`` notes). Sections have 10 sides and few rings to keep the figures lean;
the ends are domed, not cut flat.
"""

from __future__ import annotations

import numpy as np

from anatomy import surface
from anatomy.meshgen import loft, smooth_path
from anatomy.structures.data import _dim
from anatomy.structures.muscles import _bone_point

__all__: list[str] = []  # internals of the package: nothing public of its own

_SIDES = 10     # polygon sides of each muscle section
_RINGS = 7      # rings along each muscle


def _between_rows(bone, row_a: int, row_b: int, x: float, lift: float,
                  t: float = 0.5) -> np.ndarray:
    """Point ``lift`` mm off the occipital bone, fraction ``t`` from grid row a to row b."""
    return (1 - t) * _bone_point(bone, row_a, x, lift) + t * _bone_point(bone, row_b, x, lift)


def _in_front_of(path, reach, cover, gap: float = 1.5) -> np.ndarray:
    """Move path points forward (+y) until a section reaching ``reach`` mm lies ``gap`` mm
    in front of the deep (anterior) face of the ``cover`` mesh (semispinalis)."""
    v, f = cover
    out = np.array(path, float)
    for i, p in enumerate(out[:-1]):   # the insertion stays on the bone
        hit = surface.ray_hit(v, f, (p[0], 200.0, p[2]), (0.0, -1.0, 0.0))
        if hit is not None and p[1] < hit[1] + reach[i] + gap:
            out[i, 1] = hit[1] + reach[i] + gap
    return out


def _strap(start, end, bulge, half_w, half_t, thick_dir, cover=None):
    """A small fusiform/fan muscle from ``start`` to ``end`` bowed by ``bulge`` (mm), kept
    in front of ``cover`` (the semispinalis mesh) if given."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    mid = (start + end) / 2 + np.asarray(bulge, float)
    path = smooth_path([start, mid, end], _RINGS)
    f = np.linspace(0, 1, _RINGS)
    hw = np.interp(f, [0, 1], half_w) if np.ndim(half_w) else np.full(_RINGS, half_w)
    ht = np.interp(f, [0, 0.5, 1], half_t)
    if cover is not None:
        path = _in_front_of(path, np.maximum(ht, 0.35 * hw), cover)
    return loft(path, hw, ht, thick_dir, _SIDES, caps="round"), path


def _rcp_minor(atlas_pts, bone, ssc):
    """RCPmin: from the posterior tubercle of the atlas, widening, to the medial part of the
    inferior nuchal line and the bone between it and the foramen magnum."""
    th = _dim("rcp_minor_thickness")
    tub = atlas_pts["c1_posterior_tubercle"]
    start = tub + np.array([3.0, -1.0, 1.5])        # pointed tendon on the tubercle
    # the two muscles lie side by side: the insertion's medial border reaches the midline
    # (the external occipital crest), as in Gray's figure of the suboccipital triangle;
    # narrower, a white gap showed between them in the stage plate
    end = _between_rows(bone, 8, 9, 7.0, 1.8, 0.15)
    vf, _ = _strap(start, end, [0.5, -2.0, 0.0], [2.8, 6.6], [1.2, th / 2, 1.3],
                   [0, -0.55, -1.0], cover=ssc)
    return vf, {"rcp_minor_origin_right": start, "rcp_minor_insertion_right": end}


def _rcp_major(axis_pts, bone, ssc):
    """RCPmaj: pointed tendon on the C2 spinous process, broadening upward and laterally to
    the lateral part of the inferior nuchal line and the bone just below it."""
    th = _dim("rcp_major_thickness")
    tip = axis_pts["c2_spinous_tip_right"]
    start = tip + np.array([-0.5, 6.0, 7.5])     # upper surface of the spinous process
    end = _between_rows(bone, 8, 9, 21.0, 2.0, 0.45)
    vf, path = _strap(start, end, [0.0, -3.0, 0.0], [2.8, 7.5], [1.5, th / 2, 1.5],
                      [0, -0.7, -0.7], cover=ssc)
    return vf, {"rcp_major_origin_right": start, "rcp_major_insertion_right": end,
                "rcp_major_middle_right": path[len(path) // 2].copy()}


def _ocs(atlas_pts, bone, ssc):
    """OCS: tendinous from the upper surface of the atlas transverse process, upward and
    backward, widening to the occipital bone between the nuchal lines, lateral to
    semispinalis capitis (over the insertion of RCPmaj)."""
    th = _dim("ocs_thickness")
    tip = atlas_pts["c1_transverse_tip_right"]
    start = tip + np.array([-1.5, -1.5, 3.0])       # upper surface of the process
    end = _between_rows(bone, 7, 8, 37.0, 1.8, 0.55)
    vf, path = _strap(start, end, [1.5, -2.0, 0.0], [3.0, 8.0], [1.5, th / 2, 1.5],
                      [0, -1.0, 0.35], cover=ssc)
    return vf, {"ocs_origin_right": start, "ocs_insertion_right": end,
                "ocs_middle_right": path[len(path) // 2].copy()}
