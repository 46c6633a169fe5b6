"""Levator scapulae (right side): from the transverse processes of C1-C4 to the superior
angle and upper medial border of the scapula.

Attachments follow Gray's Anatomy (grays1918, "The Levator scapulae"): tendinous slips
from the transverse processes of the atlas and axis and the posterior tubercles of the
transverse processes of C3 and C4, inserted into the medial (vertebral) border of the
scapula from its superior angle toward the root of the spine. The kit draws the scapula
only down to the scene's floor (``shoulder.scapula``) and no C4: the superior angle is a
derived point (``scapula_superior_angle_*`` in
``structures.toml`` [dimensions]) and the C4 tubercle lies one vertebral level below C3's
(``vertebrae.c3``). The insertion ends where the 3D scene box ends
(``frame.SCENE_FLOOR_Z``), a little above the root of the spine.

The muscle is one sheet (a Coons patch, like the trapezius) with a thickness: its upper
edge runs along the four origins, its lower edge along the insertion, so each slip keeps
its own line from vertebra to scapula; it lies deep to sternocleidomastoid above and to
trapezius below, on the floor of the posterior triangle of the neck.
"""

from __future__ import annotations

import numpy as np

from anatomy.head import load_head
from anatomy.meshgen import grid_normals, slab, smooth_path
from anatomy.structures.data import _dim
from anatomy.structures.frame import SCENE_FLOOR_Z, _posterior_skin, _skin_frame, skin_depth

__all__ = ["levator_scapulae", "scapula_superior_angle"]

_NU, _NV = 5, 12          # slips across, rings from the vertebrae to the scapula
_RELAX_STEPS = 60         # smoothing steps that keep the sheet from folding (see below)
_GAP = 3.0                # fascia between levator and the muscles over it (mm; derived)


def scapula_superior_angle() -> np.ndarray:
    """Superior angle of the right scapula (derived from the cited dimensions).

    Returns
    -------
    numpy.ndarray, shape (3,)
        Position (mm): ``scapula_superior_angle_lateral`` from the midline,
        ``scapula_superior_angle_below_c7`` below the C7 spinous process and
        ``scapula_superior_angle_depth`` under the skin of the back.
    """
    c7 = np.asarray(load_head().landmarks["c7_spinous"], float)
    x = _dim("scapula_superior_angle_lateral")
    z = c7[2] - _dim("scapula_superior_angle_below_c7")
    skin = _posterior_skin(x, z)
    return skin + np.array([0.0, _dim("scapula_superior_angle_depth"), 0.0])


def _keep_covered(p: np.ndarray, cover) -> np.ndarray:
    """Push points inward along the skin normal until ``cover`` mm (scalar or one per
    point) of tissue lies over them."""
    d = skin_depth(p)
    short = np.maximum(cover - d, 0.0)
    if not short.any():
        return p
    _, n = _skin_frame(p)
    return p - short[:, None] * n


def levator_scapulae(points: dict[str, np.ndarray]):
    """Levator scapulae (right): mesh and named points.

    Parameters
    ----------
    points : dict[str, numpy.ndarray]
        Named points of the vertebrae (``c1_transverse_process_right``,
        ``c2_transverse_process_right``, ``c3_posterior_tubercle_right``,
        ``c4_posterior_tubercle_right``), mm.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the muscle, mm: one closed sheet.
    points : dict[str, numpy.ndarray]
        ``"scapula_superior_angle_right"``, ``"levator_scapulae_insertion_low_right"``
        (the lowest insertion point drawn, at the scene box's floor) and
        ``"levator_scapulae_middle_right"``.
    """
    # the slips hold the tips of the transverse processes, lateral to the vertebral
    # artery in its foramina: the sheet's upper edge is set 1.5-2.5 mm out from them
    origins = np.array([points["c1_transverse_process_right"] + [0.5, 0.0, 0.0],
                        points["c2_transverse_process_right"] + [2.5, -1.0, 0.0],
                        points["c3_posterior_tubercle_right"] + [1.5, -1.0, 0.0],
                        points["c4_posterior_tubercle_right"] + [1.5, -1.0, 0.0]])
    angle = scapula_superior_angle()
    low = angle + np.array([-3.0, 1.0, SCENE_FLOOR_Z - angle[2]])   # down the medial border
    top = smooth_path(origins, _NU)
    # round the superior angle (from the superior border just lateral to it) and down
    # the medial border: a broad insertion, not a point
    bottom = smooth_path([angle + [8.0, -1.0, 4.0], angle, low], _NU)
    # the borders bow out (laterally and back) through the posterior triangle
    sag = np.array([9.0, -4.0, 0.0])
    t = np.linspace(0, 1, _NV)
    grid = (top[:, None] * (1 - t[None, :, None]) + bottom[:, None] * t[None, :, None]
            + sag * np.sin(np.pi * t)[None, :, None])
    # thick belly, thin tendinous slips, thinner where it bends back onto the scapula
    # (a thicker sheet folded on the inside of that bend) and a thin insertion on the bone
    thick = np.interp(t, [0, 0.2, 0.5, 0.85, 1], [1.5, 6.0, 8.0, 5.0, 3.5])
    # under the skin, the fascia and the muscles that cover it (SCM above, trapezius below)
    cover = _dim("subcutaneous_depth") + _dim("trapezius_thickness") + _GAP + thick / 2
    # Pushed in point by point along the skin's normal (up to 27 mm: the rows bow out
    # beyond the slim model's skin), neighbouring points moved very differently where the
    # neck turns into the top of the shoulder, and the sheet folded over itself above the
    # superior angle. Smoothing the inner rows toward their neighbours between pushes
    # (the ends stay on the bones) irons the fold out.
    need = np.tile(cover[1:-1], _NU)
    for _ in range(_RELAX_STEPS + 1):
        grid[:, 1:-1] = _keep_covered(grid[:, 1:-1].reshape(-1, 3),
                                      need).reshape(_NU, _NV - 2, 3)
        inner = grid[:, 1:-1]
        pull = 0.5 * (grid[:, :-2] + grid[:, 2:]) - inner
        pull[1:-1] += 0.5 * (inner[:-2] + inner[2:]) - inner[1:-1]
        grid[:, 1:-1] = inner + 0.5 * pull
    grid[:, 1:-1] = _keep_covered(grid[:, 1:-1].reshape(-1, 3), need).reshape(_NU, _NV - 2, 3)
    normal = grid_normals(grid)
    outward = grid - np.array([0.0, -30.0, grid[..., 2].mean()])
    if (normal * outward).sum() < 0:
        normal = -normal
    # averaged with their neighbours along the muscle: offset along the raw normals, the
    # inner face still creased where the sheet bends back onto the scapula
    for _ in range(2):
        padded = np.concatenate([normal[:, :1], normal, normal[:, -1:]], axis=1)
        normal = padded[:, :-2] + 2 * normal + padded[:, 2:]
        normal /= np.linalg.norm(normal, axis=2, keepdims=True)
    thick = np.broadcast_to(thick, (_NU, _NV)).copy()
    # the outer face is the grid; the sheet grows inward, so centre it on the grid
    grid = grid + 0.5 * thick[..., None] * normal
    v, f = slab(grid, normal, thick)
    return (v, f), {"scapula_superior_angle_right": angle,
                    "levator_scapulae_insertion_low_right": low,
                    "levator_scapulae_middle_right": grid[_NU // 2, _NV // 2].copy()}
