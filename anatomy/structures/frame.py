"""The skin and landmark frame the structures are built in."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from anatomy.conventions import SCENE_BOX
from anatomy.head import load_head
from anatomy.skin import head_skin
from anatomy.structures.data import _dim

__all__ = ["inside_skin", "skin_depth"]

# muscles cut by the 3D scene box's floor (conventions.SCENE_BOX) end 2 mm above it, where
# the figures cut the skin of the bust
SCENE_FLOOR_Z = SCENE_BOX[0][2] + 2.0

# ---------------------------------------------------------------------------
# skin helpers
# ---------------------------------------------------------------------------

def skin_depth(points) -> np.ndarray:
    """Signed depth (mm) of points below the skin: positive inside, negative outside.

    Measured to the closest skin point (``anatomy.skin``).

    Parameters
    ----------
    points : array_like, shape (3,) or (k, 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray, shape (k,)
        Depth of each point, mm.
    """
    return head_skin().depth(points)


def _under_skin(targets, depth) -> np.ndarray:
    """Project target points onto the skin, then move them ``depth`` mm inward."""
    return head_skin().under(targets, depth)


def _skin_frame(points) -> tuple[np.ndarray, np.ndarray]:
    """Closest skin points and the outward skin normals there."""
    return head_skin().frame(points)


def inside_skin(points) -> np.ndarray:
    """True for points inside the closed skin surface (ray parity, ray toward +z).

    Parameters
    ----------
    points : array_like, shape (3,) or (k, 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray of bool, shape (k,)
        True where the point is inside the skin.
    """
    return head_skin().inside(points)


def _posterior_skin(x: float, z: float) -> np.ndarray:
    """Skin point met by a ray from behind (travelling +y) at (x, z)."""
    hit = head_skin().ray_hit((x, -400.0, z), (0, 1, 0))
    if hit is None:
        raise ValueError(f"No skin behind x={x}, z={z}")
    return hit


def _skin_toward(p) -> np.ndarray:
    """Skin near a target: radially from the neck axis, or from below over the shoulder."""
    p = np.asarray(p, float)
    if p[2] > -112 and abs(p[0]) < 62:
        origin = np.array([0.0, -12.0, p[2]])
    else:
        origin = np.array([0.45 * p[0], -25.0, p[2] - 70.0])
    hit = head_skin().ray_hit(origin, p - origin)
    return hit if hit is not None else head_skin().closest([p])[0]


# ---------------------------------------------------------------------------
# landmark frame
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _frame() -> dict[str, np.ndarray]:
    """Key positions derived from the head landmarks and the cited dimensions."""
    head = load_head()
    lm = head.landmarks
    inion = np.array(lm["inion"], float)
    z0 = inion[2]
    scalp = _dim("scalp_depth")
    fr = {"inion": inion, "z0": np.array(z0)}
    fr["eop"] = inion + np.array([0, scalp, 0])
    fr["mastoid_tip"] = np.array([_dim("bimastoid_breadth") / 2, lm["mastoid_right"][1] + 1,
                                  lm["mastoid_right"][2] - 2])
    fr["c2_tip_z"] = np.array(z0 - _dim("c2_spinous_below"))
    fr["c1_tubercle_z"] = np.array(z0 - _dim("c1_tubercle_below"))
    return fr


def _snl_point(x: float) -> np.ndarray:
    """Superior nuchal line (bone) at lateral distance x (right side), derived shape."""
    fr = _frame()
    z = fr["eop"][2] - 4 - 0.0025 * x**2  # arches down laterally toward the mastoid base
    return _under_skin([[x, _posterior_skin(x, z)[1], z]], _dim("scalp_depth"))[0]


