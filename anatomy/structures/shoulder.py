"""The shoulder girdle under the skin: the clavicle and the upper scapula (right side).

The trapezius inserts on the lateral third of the clavicle, the acromion and the spine of
the scapula, sternocleidomastoid's clavicular head arises from the medial third of the
clavicle and levator scapulae ends on the scapula's superior angle (Gray's: grays1918).
These bones anchor those ends; the 3D scene is cut at the level of the second thoracic
spine (``frame.SCENE_FLOOR_Z``), so only the scapula's top shows.

**Clavicle.** From its sternal end beside the jugular notch to its acromial end at the
acromion. Gray's shape: the medial two-thirds convex forward and rounded, the lateral third
concave forward and flattened from above down; its upper surface is subcutaneous along its
length. Its sizes are CT means of 100 clavicles (Yang 2017: ``clavicle_*`` dimensions in
``structures.toml``); the bows' depths and the flattened lateral third are derived. The
length follows from where the model's skin puts the jugular notch and the acromion (a
test holds it to the published mean +/- 2 SD).

**Scapula (upper part).** The acromion, a plate under the skin of the shoulder's top; the
spine, a ridge from the acromion down and medially to its root on the medial border
(opposite the third thoracic spine); and above the spine the supraspinous part of the
blade, up to the superior angle (``levator.scapula_superior_angle``). Depths under the
skin and the plate sizes are derived (teaching proportions, not measured means).
"""

from __future__ import annotations

import numpy as np

from anatomy.head import load_head
from anatomy.meshgen import outward, simplify
from anatomy.skin import head_skin
from anatomy.structures import sdf
from anatomy.structures.data import _dim
from anatomy.structures.frame import SCENE_FLOOR_Z, _posterior_skin, skin_depth
from anatomy.structures.levator import _keep_covered, scapula_superior_angle

__all__ = ["SHOULDER_GIRDLE", "clavicle", "scapula"]

# the ids of the shoulder girdle's bones (views that frame the skull and C1-C3, or hide
# the trapezius and the skin, leave them out)
SHOULDER_GIRDLE = ("clavicle", "scapula")

_CLAVICLE_FACES = 180   # triangles of the drawn bones (figure size budget)
_SCAPULA_FACES = 260
_COVER = 4.0            # mm of skin over the subcutaneous bone (the trapezius' depth)
_THIN_COVER = 2.0       # where the model's skin lies close over the clavicle (derived)
_ACROMION_HALF = (11.0, 20.0, 3.5)   # derived: half width, half length, half thickness
_SPINE_CREST_DEPTH = 9.0             # derived: skin of the back to the spine's crest


def _skin_top(xy) -> np.ndarray:
    """Height (z, mm) of the skin straight above each (x, y)."""
    xy = np.atleast_2d(np.asarray(xy, float))
    start = np.c_[xy, np.full(len(xy), 400.0)]
    return 400.0 - head_skin().ray_depths(start, [0.0, 0.0, -1.0])


def _under_back(x: float, z: float, depth: float) -> np.ndarray:
    """The point ``depth`` mm in front of the skin of the back at (x, z)."""
    return _posterior_skin(x, z) + np.array([0.0, depth, 0.0])


def _clavicle_path(n: int = 13):
    """Centre line of the right clavicle and its half sizes along it.

    Returns
    -------
    path : numpy.ndarray, shape (n, 3)
        From the sternal end to the acromial end, mm.
    half_ap, half_si : numpy.ndarray, shape (n,)
        Half sizes of the section front to back and top to bottom, mm.
    """
    lm = load_head().landmarks
    notch = np.asarray(lm["suprasternal_notch"], float)
    acromion = np.asarray(lm["acromion_right"], float)
    t = np.linspace(0.0, 1.0, n)
    # sections: the sternal end round and large, the shaft narrowest near the middle,
    # the lateral third wide front to back and flat (derived widths for that third)
    st, mid = _dim("clavicle_sternal_diameter") / 2, _dim("clavicle_middle_diameter") / 2
    lat_ap, lat_si = _dim("clavicle_lateral_width") / 2, _dim("clavicle_lateral_thickness") / 2
    # (the expanded sternal end is short: the shaft is near its middle size by a sixth of
    # the way along)
    knots = [0.0, 0.16, 0.45, 0.7, 1.0]
    half_ap = np.interp(t, knots, [st, mid * 1.15, mid, mid * 1.1, lat_ap])
    half_si = np.interp(t, knots, [st, mid * 1.15, mid, mid * 0.95, lat_si])
    # ends: the sternal end's medial face beside the notch, the acromial end at the
    # acromion's medial border (the acromioclavicular joint: about 2 mm of joint space)
    sx = _dim("clavicle_sternal_end_lateral") + st
    ex = acromion[0] - _ACROMION_HALF[0] * 2 + 7.0 - lat_ap
    front = head_skin().ray_depths([[sx, 300.0, notch[2]]], [0.0, -1.0, 0.0])[0]
    s = np.array([sx, 300.0 - front - _COVER - st, notch[2]])
    e = np.array([ex, acromion[1] + 6.0, 0.0])
    # in plan: the chord bowed forward over its medial two-thirds, back over its lateral
    # third (Gray's), by the derived curve depth
    chord = (e - s)[:2]
    ahead = np.array([-chord[1], chord[0]]) / np.linalg.norm(chord)
    ahead = ahead if ahead[1] > 0 else -ahead
    bow = _dim("clavicle_curve_depth")
    k = 2.0 / 3.0
    off = np.where(t < k, bow * np.sin(np.pi * t / k), -bow * np.sin(np.pi * (t - k) / (1 - k)))
    xy = s[:2] + t[:, None] * chord + off[:, None] * ahead
    # in height: level from end to end (the bone runs almost horizontally), then pushed in
    # under the skin where it would lie less than ``_THIN_COVER`` under it. The model's
    # skin has no clavicular ridge and lies low over the upper chest: pushed in by the full
    # ``_COVER`` the medial third sank through the scene's floor to a sliver (review)
    e[2] = _skin_top(np.array([e[:2]]))[0] - _COVER - lat_si
    path = np.c_[xy, s[2] + t * (e[2] - s[2])]
    for _ in range(3):
        path = _keep_covered(path, _THIN_COVER + np.maximum(half_ap, half_si))
    return path, half_ap, half_si


def clavicle():
    """Right clavicle: a tube along its S-shaped centre line (``_clavicle_path``).

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        ``"clavicle_sternal_end_right"``, ``"clavicle_acromial_end_right"`` (the ends of
        the centre line) and ``"clavicle_path_right"`` (the centre line), mm.
    """
    path, half_ap, half_si = _clavicle_path()

    def field(p):
        f = sdf.capsules(p, path, half_ap, half_si)
        return sdf.smooth_max(f, SCENE_FLOOR_Z - p[:, 2], 0.5)

    lo, hi = path.min(axis=0) - 16, path.max(axis=0) + 16
    v, f = sdf.mesh(field, lo, hi, 1.5, symmetric=False)
    v, f = outward(*simplify(v, f, _CLAVICLE_FACES))
    return (v, f), {"clavicle_sternal_end_right": path[0].copy(),
                    "clavicle_acromial_end_right": path[-1].copy(),
                    "clavicle_path_right": path.copy()}


def _polygon_plate(p, corners, half):
    """Signed distance (mm) to a flat convex plate of half thickness ``half`` on the
    polygon ``corners`` (coplanar enough: its plane is fitted through them)."""
    c = np.asarray(corners, float)
    centre = c.mean(axis=0)
    n = np.linalg.svd(c - centre)[2][2]
    h = (p - centre) @ n
    inside = np.ones(len(p), bool)
    edge = np.full(len(p), np.inf)
    sign = None
    for a, b in zip(c, np.roll(c, -1, axis=0)):
        side = np.cross(b - a, p - a) @ n
        sign = np.sign(np.cross(b - a, centre - a) @ n) if sign is None else sign
        inside &= side * sign >= 0
        ab = b - a
        t = np.clip(((p - a) @ ab) / (ab @ ab), 0.0, 1.0)
        edge = np.minimum(edge, np.linalg.norm(p - a - t[:, None] * ab, axis=1))
    return np.where(inside, np.abs(h), edge) - half


def scapula():
    """Right scapula, its top: acromion, spine and the supraspinous blade, cut where the
    scene ends.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        ``"acromion_bone_right"`` (centre of the acromion's upper surface) and
        ``"scapular_spine_right"`` (the crest's line from the acromial angle to the root
        of the spine), mm.
    """
    lm = load_head().landmarks
    acromion = np.asarray(lm["acromion_right"], float)
    c7 = np.asarray(lm["c7_spinous"], float)
    hw, hl, ht = _ACROMION_HALF
    top = _skin_top([acromion[:2] + [-hw + 2.0, 0.0]])[0] - _COVER
    acr_c = np.array([acromion[0] - hw + 2.0, acromion[1] - 4.0, top - ht])
    acr_ax = sdf.frame_from([0.0, 0.0, 1.0], [1.0, -0.25, 0.0])
    # the skin falls away over the shoulder's edge: lower the plate until its upper
    # corners and edges are ``_COVER`` under the skin too
    top_pts = acr_c + np.array([[a * hw, b * hl, ht] for a in (-1, 0, 1) for b in (-1, 0, 1)]
                               ) @ acr_ax
    acr_c = acr_c - [0.0, 0.0, max(0.0, _COVER - float(skin_depth(top_pts).min()))]
    angle = acr_c + acr_ax[1] * -hl * 0.8 + [0.0, 0.0, -1.0]   # acromial angle, behind
    # the spine: from the acromial angle medially and down to its root on the medial border
    root_x = _dim("scapula_superior_angle_lateral")
    root_z = c7[2] - _dim("scapular_spine_root_below_c7")
    r_spine, h_spine = 6.0, 3.0    # derived: the spine's depth (front to back), thickness
    crest = np.array([_under_back(x, z, _SPINE_CREST_DEPTH + r_spine) for x, z in zip(
        np.linspace(angle[0] - 10.0, root_x, 6), np.linspace(angle[2] - 2.0, root_z, 6))])
    spine = np.vstack([angle, crest])
    # the blade above the spine (the supraspinous fossa, seen from behind): a triangle
    # from the superior angle down the medial border to the spine's root and out under
    # the spine, whose ridge stands on the blade along its lower edge (the superior border
    # runs on laterally in front of the spine and the acromion, hidden behind them)
    sup = scapula_superior_angle()
    lat_x = root_x + 70.0
    lat_z = float(np.interp(lat_x, crest[::-1, 0], crest[::-1, 2]))
    blade = np.array([sup, _under_back(lat_x, lat_z, _SPINE_CREST_DEPTH + 2 * r_spine),
                      _under_back(root_x, root_z, _SPINE_CREST_DEPTH + 2 * r_spine)])
    # the acromion: a flat paddle from the acromial angle forward, rounded at both ends
    acr_path = [acr_c - acr_ax[1] * hl * 0.55, acr_c, acr_c + acr_ax[1] * hl * 0.55]

    def field(p):
        f = sdf.capsules(p, acr_path, [hw, hw, hw * 0.75], [ht, ht, ht * 0.8])
        f = sdf.smooth_min(f, sdf.capsules(p, spine, [ht + 1.0] + [r_spine] * 6,
                                           [ht] + [h_spine] * 6), 3.0)
        f = sdf.smooth_min(f, _polygon_plate(p, blade, 2.0), 4.0)
        return sdf.smooth_max(f, SCENE_FLOOR_Z - p[:, 2], 0.5)

    pts = np.vstack([spine, blade, acr_c])
    lo, hi = pts.min(axis=0) - 24, pts.max(axis=0) + 24
    lo[2] = max(lo[2], SCENE_FLOOR_Z - 4.0)
    v, f = sdf.mesh(field, lo, hi, 1.5, symmetric=False)
    v, f = outward(*simplify(v, f, _SCAPULA_FACES))
    return (v, f), {"acromion_bone_right": acr_c + [0.0, 0.0, ht],
                    "scapular_spine_right": spine.copy()}
