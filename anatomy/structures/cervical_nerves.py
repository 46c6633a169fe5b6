"""Nerves drawn with the structures (right side): the suboccipital nerve (C1 dorsal ramus,
motor) and the great auricular nerve (C2-C3, cutaneous).

They are not part of ``anatomy.nerves`` (the GON, LON and TON with their published
waypoints and variation); each is a path (trunk) with short branches, placed on the
modelled bones and muscles and described in ``structures.toml``.
"""

from __future__ import annotations

import numpy as np

from anatomy.head import load_head
from anatomy.meshgen import merge, smooth_path, tube
from anatomy.structures.data import _dim
from anatomy.structures.frame import _under_skin

__all__: list[str] = []  # internals of the package: nothing public of its own


def _suboccipital_nerve(points, va_path):
    """C1 dorsal ramus: emerges above the posterior arch of the atlas, below the vertebral
    artery, passes back into the suboccipital triangle and ends in branches to RCPmaj,
    RCPmin, OCS, OCI and semispinalis capitis (Gray's). No skin branch is drawn."""
    r = _dim("c1_nerve_radius")
    groove = points["vertebral_artery_groove_right"]
    start = groove + np.array([-4.0, 3.0, -4.0])            # inside the ring, under the VA
    emerge = groove + np.array([1.5, -3.5, -3.1])           # over the arch, below the VA
    hub = emerge + np.array([2.5, -9.0, 1.0])               # in the suboccipital triangle
    trunk = smooth_path([start, emerge, emerge + [1.5, -5, 0.5], hub], 10)
    targets = {"rcp_major": points["rcp_major_middle_right"] + [2.0, 3.0, 0.0],
               "rcp_minor": points["rcp_minor_origin_right"] + [1.5, -2.0, 6.0],
               "ocs": points["ocs_middle_right"] + [-2.0, 0.0, 0.0],
               "oci": points["oci_insertion_right"] * 0.45 + points["oci_origin_right"] * 0.55
               + [0, -2.0, 4.0]}
    branches = []
    for end in targets.values():
        mid = (hub + end) / 2 + [0, -1.0, 0]
        branches.append(smooth_path([hub, mid, end], 5))
    v, f = merge([tube(p, r, 6) for p in (trunk, *branches)])
    return (v, f), trunk, r, tuple(branches), {"c1_nerve_triangle_right": hub.copy(),
                                                "c1_nerve_arch_right": emerge.copy()}


def _band(scm_vf, z: float, n: int = 20) -> np.ndarray:
    """The ``n`` vertices of the modelled SCM nearest height z (about two rings)."""
    v = scm_vf[0]
    return v[np.argsort(np.abs(v[:, 2] - z))[:n]]


def _posterior_border(scm_vf, z: float) -> np.ndarray:
    """Point on the posterior border of the modelled SCM at height z (right side)."""
    band = _band(scm_vf, z)
    return band[np.argmin(band[:, 1])].copy()


def _great_auricular(scm_vf):
    """GAN: from the C2-C3 ventral rami deep to SCM, round its posterior border (the nerve
    point of the neck), up across the muscle under the skin toward the ear lobe and
    parotid, where it divides into anterior and posterior branches (Gray's; McKinney and
    Katrana 1980: over the mid-belly of SCM 6.5 cm below the bony ear canal)."""
    lm = load_head().landmarks
    r = _dim("gan_radius")
    tragus = np.array(lm["tragus_right"], float)
    z_cross = tragus[2] - _dim("gan_below_eac")       # McKinney's point height
    border = _posterior_border(scm_vf, z_cross - 14.0)
    # C2-C3 rami, deep to the muscle, in front of the C4 transverse process (at 10 mm
    # forward of the border it lay inside the process once C4 was modelled)
    deep = border + np.array([-15.0, 15.0, -4.0])
    hook = border + np.array([2.0, -2.5, 0.0])         # round the posterior border
    ear = tragus + np.array([-4.0, -3.0, -24.0])       # below the ear lobe
    band = _band(scm_vf, z_cross)
    belly = band[np.argmax(band[:, 0])] * [1, 1, 0] + [0, 0, z_cross]
    mckinney = _under_skin([belly], 2.5)[0]                           # over the mid-belly
    upper = _under_skin([mckinney + (ear - mckinney) * 0.5], 2.5)[0]
    trunk = smooth_path([deep, border + [1.5, -1.5, -1.0], hook, mckinney, upper, ear], 14)
    trunk[-4:] = _under_skin(trunk[-4:], 2.5)
    gonion = np.array(lm["gonion_right"], float)
    mastoid = np.array(lm["mastoid_right"], float)
    front = _under_skin([gonion + [6.0, 4.0, 14.0]], 2.0)[0]      # over the parotid
    back = _under_skin([mastoid + [4.0, 6.0, 12.0]], 2.0)[0]      # behind the auricle
    branches = tuple(smooth_path([ear, (ear + e) / 2, e], 5) for e in (front, back))
    branches = tuple(np.vstack([b[:1], _under_skin(b[1:], 2.0)]) for b in branches)
    v, f = merge([tube(p, r, 6) for p in (trunk, *branches)])
    return (v, f), trunk, r, branches, {"gan_scm_border_right": border,
                                         "gan_mckinney_point_right": mckinney}
