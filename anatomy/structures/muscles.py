"""Muscles (right side): obliquus capitis inferior, semispinalis and splenius capitis,
trapezius and sternocleidomastoid."""

from __future__ import annotations

import numpy as np

from anatomy import surface
from anatomy.head import load_head
from anatomy.meshgen import loft, outward, simplify, slab, smooth_path, tangents
from anatomy.structures import sdf
from anatomy.structures.data import _dim
from anatomy.structures.frame import (
    SCENE_FLOOR_Z,
    _frame,
    _posterior_skin,
    _skin_frame,
    _skin_toward,
    _snl_point,
    _under_skin,
    skin_depth,
)

__all__: list[str] = []  # internals of the package: nothing public of its own

# ---------------------------------------------------------------------------
# muscles and artery (right side)
# ---------------------------------------------------------------------------

def _oci(atlas_pts, axis_pts):
    """OCI from the C2 spinous process to the C1 transverse process tip.

    Its lower border passes through the GON winding point (Kim 2018).
    """
    fr = _frame()
    half_w, half_t = _dim("oci_width") / 2, _dim("oci_thickness") / 2
    start = axis_pts["c2_spinous_tip_right"] + np.array([3.3, 10, 4])
    end = atlas_pts["c1_transverse_tip_right"] + np.array([-2, -10, -2.5])
    wind = np.array([_dim("gon_winding_lateral"), 0, float(fr["z0"]) - _dim("gon_winding_below")])
    t = (wind[0] - start[0]) / (end[0] - start[0])
    mid = start + t * (end - start)
    # raise the centre line so that its lower border meets the winding point
    mid[2] = wind[2] + half_w * 0.92
    path = smooth_path([start, mid, end], 16)
    taper = 0.55 + 0.45 * np.sin(np.linspace(0.15, np.pi - 0.15, 16))
    v, f = loft(path, half_w * taper, half_t * taper, [0, -1, 0.25], 10, caps="round")
    k = int(np.argmin(np.abs(path[:, 0] - wind[0])))
    lower = path[k] + np.array([0, 0, -half_w * taper[k]])
    return (v, f), {"oci_lower_border_right": lower, "oci_origin_right": start,
                    "oci_insertion_right": end}


def _bone_point(bone, row: int, x: float, lift: float) -> np.ndarray:
    """Point ``lift`` mm outside the occipital bone on grid row ``row`` at lateral x >= 0."""
    g, n = bone["grid"][:, row], bone["normals"][:, row]
    cols = np.arange(len(g))
    c = float(np.interp(x, g[:, 0], cols))
    i = min(int(c), len(g) - 2)
    t = c - i
    p = (1 - t) * g[i] + t * g[i + 1]
    nn = (1 - t) * n[i] + t * n[i + 1]
    return p + lift * nn / np.linalg.norm(nn)


_NECK_BEND = 1 / 90.0   # section curvature of straps on the neck (radius about 45 mm)
# semispinalis capitis (modelling choices): its medial border beside the nuchal ligament,
# its lateral border at the C7 level and at the top of the neck (wider below, toward its
# origins on the C4-T6 articular and transverse processes, Gray's), and its insertion's
# medial and lateral ends on the bone (obliquus capitis superior inserts lateral to it)
_SSC_MEDIAL = 2.5
_SSC_LATERAL = (42.0, 35.0)
_SSC_INSERTION = (3.0, 26.0)
_STRAP_RINGS = 12       # rings along SCM (smooth enough; keeps figures lean)


def _cover(muscle: str) -> float:
    """Depth (mm) below the skin of the superficial surface of splenius or semispinalis."""
    sub, trap = _dim("subcutaneous_depth"), _dim("trapezius_thickness")
    if muscle == "splenius":
        return sub + trap + 2.0
    return sub + trap + 2.0 + _dim("splenius_thickness") + 1.2   # semispinalis


def _semispinalis(bone):
    """Semispinalis capitis: a broad, thick sheet beside the midline from where the scene
    ends (about T2; its origins, C4-T6, go on below) up to the medial part of the
    occipital bone between the nuchal lines.

    Gray's: the tendons of origin unite in a broad muscle that ascends to the bone between
    the superior and inferior nuchal lines, beside its fellow (the nuchal ligament between
    them) and medial to obliquus capitis superior's insertion. The sheet's outer face lies
    under splenius and trapezius (``_cover``); it is thickest in the middle of its width,
    thinner at its borders, and thins to a short tendon on the bone. Its borders and
    thickness profile are modelling choices (the widths are not measured means).
    """
    th = _dim("semispinalis_thickness")
    z_c7 = float(load_head().landmarks["c7_spinous"][2])
    nu, nv = 5, 12
    # neck rows, upward from where the scene ends (its origins go on below)
    zs = np.linspace(SCENE_FLOOR_Z, float(_frame()["z0"]) - 28, 10)
    # beside the nuchal ligament, and from C2 to C3 beside the spinous tips (the slim neck
    # puts them at the muscle's depth; rows are placed by the skin point behind them, a
    # few mm below the muscle's own level)
    c2 = float(_frame()["c2_tip_z"]) - 4.0
    c3 = c2 - 26.0
    x_med = np.interp(zs, [zs[0], c3 - 16, c3, c2, c2 + 16, zs[-1]],
                      [_SSC_MEDIAL, _SSC_MEDIAL, _SSC_MEDIAL + 6, _SSC_MEDIAL + 6,
                       _SSC_MEDIAL, _SSC_MEDIAL])
    x_lat = np.interp(zs, [zs[0], zs[-1]], _SSC_LATERAL)
    # below C7 the back curves forward: 2 mm more depth keeps the sheet clear of the
    # splenius's long lower faces, which cut the curve as chords
    depth = _cover("ssc") + np.interp(zs, [SCENE_FLOOR_Z, z_c7], [2.0, 0.0])
    rows = np.linspace(0, 1, nv) ** 1.3           # rows closer together near the bone
    grid, normal = np.zeros((nu, nv, 3)), np.zeros((nu, nv, 3))
    thick = np.zeros((nu, nv))
    tendon = 2.5
    for i, u in enumerate(np.linspace(0, 1, nu)):
        # rounded borders; the medial one thinner, beside the C2 spinous process
        edge = (0.45 + 0.15 * u) + (0.4 + 0.15 * (1 - u)) * np.sin(np.pi * u)
        xb = _SSC_INSERTION[0] + u * (_SSC_INSERTION[1] - _SSC_INSERTION[0])
        on_bone = _bone_point(bone, 7, xb, 0.0)   # between the SNL and the INL
        bone_n = _bone_point(bone, 7, xb, 1.0) - on_bone
        top = on_bone + (0.8 + tendon) * bone_n
        # over rectus capitis posterior major below the INL, half thinned to the tendon
        below_inl = _bone_point(bone, 8, xb, 0.8 + edge * (th + tendon) / 2) + [0, 0, -4]
        xs = x_med + u * (x_lat - x_med)
        neck = np.array([_under_skin([_posterior_skin(x, z)], d)[0]
                         for x, z, d in zip(xs, zs, depth)])[::-1]
        dense = smooth_path(np.vstack([top, below_inl, neck]), 120)
        z_at = dense[0, 2] + rows * (dense[-1, 2] - dense[0, 2])
        col = np.array([np.interp(-z_at, -dense[:, 2], dense[:, k]) for k in range(3)]).T
        _, skin_n = _skin_frame(col)
        w = np.clip((col[:, 2] - zs[-1]) / (top[2] - zs[-1]), 0, 1)   # 1 on the bone
        n = (1 - w[:, None]) * skin_n + w[:, None] * bone_n
        grid[i], normal[i] = col, n / np.linalg.norm(n, axis=1, keepdims=True)
        # it thins from a little below the neck's top row to the tendon on the bone
        thin = np.clip((col[:, 2] - zs[-1] + 12) / (top[2] - zs[-1] + 12), 0, 1)
        thick[i] = edge * (th - thin * (th - tendon))
    ins = _bone_point(bone, 7, 14.0, 2.4)        # the insertion's named point, as before
    v, f = slab(grid, normal, thick)
    v[:, 2] = np.maximum(v[:, 2], SCENE_FLOOR_Z)   # cut straight where the skin is cut
    return (v, f), {"ssc_insertion_right": ins}


# splenius capitis's insertion beyond the end of the model's SNL (modelling choices): over
# the occipital bone at the asterion region, then onto the posterior border of the mastoid
# process a third of the way from its base to its tip, where sternocleidomastoid's tendon
# covers it (Gray's: "under cover of" SCM, into the mastoid process)
_SPLENIUS_TO_MASTOID = np.array([[47.5, -49.0, 1.5], [50.5, -38.0, -1.0]])
_SPLENIUS_SNL = (36.0, 45.0)    # its occipital part: the lateral third of the SNL (x, mm)
_SPLENIUS_MASTOID_NORMAL = np.array([0.6, -0.7, -0.4]) / np.linalg.norm([0.6, -0.7, -0.4])


def _bone_gap(meshes, p) -> float:
    """Signed distance (mm) from ``p`` to the nearest of the closed bone ``meshes``
    (negative inside one)."""
    gaps = []
    for v, f in meshes:
        d = float(np.linalg.norm(surface.closest_points(v, f, p)[0] - p))
        gaps.append(-d if surface.inside_mesh(v, f, p[None])[0] else d)
    return min(gaps)


def _splenius_insertion(bone, bones, lift: float, nu: int):
    """Top row of splenius (``nu`` points ``lift`` mm off the bone) and the bone normals:
    along the SNL's lateral third (the attachment grid), then on over the bone to the
    mastoid process, where the normal turns to face back and out."""
    xs = np.linspace(*_SPLENIUS_SNL, 4)
    snl = np.array([_bone_point(bone, 6, x, 0.0) for x in xs])
    snl_n = np.array([_bone_point(bone, 6, x, 1.0) for x in xs]) - snl
    line = smooth_path(np.vstack([snl, _SPLENIUS_TO_MASTOID]), 60)
    arc = np.r_[0, np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))]
    end_snl = arc[np.argmin(np.linalg.norm(line - snl[-1], axis=1))]
    tops, normals = [], []
    for s in np.linspace(0, arc[-1], nu):
        p = np.array([np.interp(s, arc, line[:, k]) for k in range(3)])
        if s <= end_snl:                 # on the SNL: the grid's point and normal
            on_bone = _bone_point(bone, 6, p[0], 0.0)
            n = _bone_point(bone, 6, p[0], 1.0) - on_bone
            tops.append(on_bone + lift * n)
        else:                            # beyond: lifted off the nearer bone
            t = (s - end_snl) / (arc[-1] - end_snl)
            n = (1 - t) * snl_n[-1] + t * _SPLENIUS_MASTOID_NORMAL
            n /= np.linalg.norm(n)
            for _ in range(2):
                p = p + (lift - _bone_gap(bones, p)) * n
            tops.append(p)
        normals.append(n)
    return np.array(tops), np.array(normals)


_MIN_SHEET = 1.0      # mm: the thinnest a sheet is squeezed to


def _clear_of(grid, normal, thick, deep, room: float,
              on_bone: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """A sheet's outer face moved out along its normals where its inner face comes nearer
    than ``room`` mm to the closed mesh ``deep``; returns the outer face and thickness.

    Grid rows 0 and 1 lie on and next to the bone, so there the room shrinks (to the
    fraction ``on_bone`` of it on the bone). The inner face is tested at three points
    per grid step each way (the grid is coarse), and each grid point moves as far as the
    nearest of them that lay too near needs, so that the sheet bows smoothly over
    ``deep``. Where the subcutaneous layer leaves no room to move out, the sheet thins
    instead (to ``_MIN_SHEET``).
    """
    nu, nv = grid.shape[:2]
    inner = grid - thick[..., None] * normal
    fine_u, fine_v = np.linspace(0, nu - 1, 3 * nu - 2), np.linspace(0, nv - 1, 3 * nv - 2)
    iu, iv = np.minimum(fine_u.astype(int), nu - 2), np.minimum(fine_v.astype(int), nv - 2)
    tu, tv = (fine_u - iu)[:, None, None], (fine_v - iv)[None, :, None]
    fine = ((1 - tu) * (1 - tv) * inner[iu][:, iv] + tu * (1 - tv) * inner[iu + 1][:, iv]
            + (1 - tu) * tv * inner[iu][:, iv + 1] + tu * tv * inner[iu + 1][:, iv + 1])
    pts = fine.reshape(-1, 3)
    near = surface.closest_points(*deep, pts)
    gap = np.linalg.norm(pts - near, axis=1)
    gap[surface.inside_mesh(*deep, pts)] *= -1.0
    room = room * np.clip(fine_v / 2.0, on_bone, 1.0)[None, :]
    need = np.clip(room - gap.reshape(fine.shape[:2]), 0.0, None)
    push = np.zeros((nu, nv))
    for i, j in np.ndindex(nu, nv):     # the fine points within one step, nearer ones more
        tent = np.outer(np.clip(1.0 - np.abs(fine_u - i), 0, 1),
                        np.clip(1.0 - np.abs(fine_v - j), 0, 1))
        push[i, j] = (need * np.sqrt(tent)).max()
    # the outer face stays under the subcutaneous layer; where that stops it, it thins
    depth = skin_depth(grid.reshape(-1, 3)).reshape(nu, nv)
    room_out = np.clip(depth - _dim("subcutaneous_depth"), 0, None)
    moved = np.minimum(push, room_out)
    thinner = np.clip(thick - (push - moved), _MIN_SHEET, None)
    return grid + moved[..., None] * normal, thinner


def _splenius(bone, bones, ocs):
    """Splenius capitis: a sheet from the lower half of the nuchal ligament and the upper
    thoracic spines (down to where the scene ends; its origin goes on to T3) up and out to
    the lateral third of the SNL and the mastoid.

    Gray's: its upper medial border runs from the midline halfway between the EOP and C7
    to the lateral third of the superior nuchal line, so the two muscles leave a V in which
    semispinalis shows; it inserts there and, under cover of sternocleidomastoid, on the
    mastoid process; its lateral border runs from the mastoid down toward T3. ``bones``
    are the (vertices, faces) of the occipital bone and the mastoid process; the sheet
    passes behind ``ocs`` (obliquus capitis superior) with room for the occipital artery,
    which runs between the two (Gray's).
    """
    head = load_head()
    z_c7 = float(head.landmarks["c7_spinous"][2])
    z_eop = float(_frame()["eop"][2])
    th = _dim("splenius_thickness")
    nu, nv = 8, 10             # few columns and rows keep the figures lean (JSON budget)
    z_mid = 0.5 * (z_eop + z_c7)       # the lower half of the nuchal ligament starts here
    # rows on the neck, down to where the scene ends (its origins go on to T3)
    # (a row halfway down the back: a chord from C7 to the floor cut 3 mm into the curve)
    zs = np.array([-28.0, -45.0, z_mid, -78.0, -100.0, z_c7 - 6,
                   0.5 * (z_c7 - 6 + SCENE_FLOOR_Z), SCENE_FLOOR_Z])
    x_lat = np.interp(-zs, -np.array([-28.0, -55.0, z_c7 + 25, z_c7 - 6, SCENE_FLOOR_Z]),
                      [50.0, 43.0, 35.0, 31.0, 24.0])
    # the upper medial border, from the SNL down to the midline at z_mid
    x_med = np.interp(-zs, -np.array([-28.0, -45.0, z_mid]), [24.0, 10.0, 0.0])
    # the lowest rows lie a little deeper, clear of trapezius over the C7 bump
    cover = _cover("splenius") + np.interp(zs, [z_c7, z_c7 + 25], [0.8, 0.0])
    rows = np.linspace(0, 1, nv) ** 1.3           # rows closer together near the bone
    grid, normal = np.zeros((nu, nv, 3)), np.zeros((nu, nv, 3))
    thick = np.zeros((nu, nv))
    tendon = 2.0                                  # thin where it inserts on the bone
    tops, bone_ns = _splenius_insertion(bone, bones, 0.8 + tendon, nu)
    for i, u in enumerate(np.linspace(0, 1, nu)):
        top, bone_n = tops[i], bone_ns[i]
        xs = x_med + u * (x_lat - x_med)
        # laterally, beyond trapezius, the top row lies shallower: room for the
        # occipital artery on obliquus capitis superior
        depth = cover - np.where(zs > -40.0, 1.5 * u, 0.0)
        neck = np.array([_under_skin([_posterior_skin(x, z)], d)[0]
                         for x, z, d in zip(xs, zs, depth)])
        dense = smooth_path(np.vstack([top, neck]), 120)
        z_at = dense[0, 2] + rows * (dense[-1, 2] - dense[0, 2])
        col = np.array([np.interp(-z_at, -dense[:, 2], dense[:, k]) for k in range(3)]).T
        _, skin_n = _skin_frame(col)
        w = np.clip((col[:, 2] - zs[0]) / (top[2] - zs[0]), 0, 1)   # 1 on the bone
        n = (1 - w[:, None]) * skin_n + w[:, None] * bone_n
        grid[i], normal[i] = col, n / np.linalg.norm(n, axis=1, keepdims=True)
        thick[i] = th - w * (th - tendon)
    grid[..., 0] = np.maximum(grid[..., 0], 0.0)   # meets its mirror image at the midline
    grid, thick = _clear_of(grid, normal, thick, ocs, 2 * _dim("oa_radius") + 5.0)
    for b in bones:     # the bones' edges beside the mastoid stay under the sheet
        grid, thick = _clear_of(grid, normal, thick, b, 1.0, on_bone=1.0)
    ins = _bone_point(bone, 6, 44.0, 3.2)           # lateral third of the SNL, toward the mastoid
    v, f = slab(grid, normal, thick)
    v[:, 2] = np.maximum(v[:, 2], SCENE_FLOOR_Z)   # cut straight where the skin is cut
    v[:, 0] = np.maximum(v[:, 0], 0.0)   # meets its fellow at the midline, without a slit
    return (v, f), {"splenius_insertion_right": ins}


def _coons(top, bottom, left, right) -> np.ndarray:
    """Coons patch (nu, nv, 3) from four boundary curves (top/bottom: u; left/right: v)."""
    nu, nv = len(top), len(left)
    u = np.linspace(0, 1, nu)[:, None, None]
    v = np.linspace(0, 1, nv)[None, :, None]
    p00, p10, p01, p11 = top[0], top[-1], bottom[0], bottom[-1]
    return ((1 - v) * top[:, None] + v * bottom[:, None] + (1 - u) * left[None] + u * right[None]
            - ((1 - u) * (1 - v) * p00 + u * (1 - v) * p10 + (1 - u) * v * p01 + u * v * p11))


def _trapezius(snl):
    """Trapezius: a sheet from the EOP, the medial third of the SNL and the nuchal ligament
    down the spinous processes to the scene's floor, to the lateral third of the clavicle,
    the acromion and the spine of the scapula (Gray's: the upper fibres to the clavicle, the
    middle to the acromion and the spine)."""
    head = load_head()
    lm = head.landmarks
    fr = _frame()
    sub = _dim("subcutaneous_depth")
    th = _dim("trapezius_thickness")
    c7 = np.array(lm["c7_spinous"], float)
    acromion = np.array(lm["acromion_right"], float)
    clav = np.array(lm["clavicle_mid_right"], float)
    x_lat = _dim("gon_trapezius_lateral") + 1.5   # lateral end of the origin on the SNL
    nu, nv = 9, 16   # few rows keep the figures lean; the sheet stays smooth
    z_top = float(fr["eop"][2])
    top = np.array([_snl_point(x) for x in np.linspace(0, x_lat, nu)])
    top[:, 1] -= _dim("scalp_depth")
    left = np.array([_posterior_skin(0.0, z) for z in np.linspace(z_top, SCENE_FLOOR_Z, nv)])
    ins_a = clav + (acromion - clav) * 0.35
    lateral_ctrl = [top[-1], [36, -62, z_top - 45], [45, -50, z_top - 90],
                    [72, -52, c7[2] - 6], ins_a + [0, -4, 4], acromion + [-1.5, -1.5, 1]]
    right = smooth_path(lateral_ctrl, nv)
    # lower edge: along the scene's floor from the midline to the spine of the scapula,
    # then up the spine (from its root, opposite T3 on the medial border) to the acromion
    root_z = c7[2] - _dim("scapular_spine_root_below_c7")
    root_x = _dim("scapula_superior_angle_lateral")      # the medial border is near vertical
    s = (SCENE_FLOOR_Z - root_z) / (acromion[2] - root_z)
    x_cross = root_x + s * (acromion[0] - root_x)        # the spine meets the floor here
    k = nu // 2
    floor = np.array([_posterior_skin(x, SCENE_FLOOR_Z) for x in np.linspace(0, x_cross, k + 1)])
    spine = np.linspace(floor[-1], right[-1], nu - k)
    bottom = np.vstack([floor, spine[1:]])
    grid = _coons(top, bottom, left, right)
    targets = np.array([_skin_toward(p) for p in grid.reshape(-1, 3)])
    foot, normal = _skin_frame(targets)
    # thinner cover over the acromion, where the insertion lies just under the skin
    near = np.exp(-np.linalg.norm(foot - acromion, axis=1) / 15.0)
    grid = (foot - (sub * (1 - 0.6 * near))[:, None] * normal).reshape(nu, nv, 3)
    normal = normal.reshape(nu, nv, 3)
    thick = np.full((nu, nv), th)
    grid[:, 0] += 0.5 * normal[:, 0]   # aponeurosis on the bone at the superior nuchal line
    thick[:, 0] = 1.0
    thick[:, 1] = 0.5 * (th + 1.0)
    grid[..., 0] = np.maximum(grid[..., 0], 0.0)   # meets its mirror image at the midline
    v, f = slab(grid, normal, thick)
    v[:, 2] = np.maximum(v[:, 2], SCENE_FLOOR_Z)   # cut straight where the skin is cut
    return (v, f), {"trapezius_snl_lateral_right": grid[-1, 0].copy()}


_SCM_FACES = 260   # triangles of the drawn SCM (figure size budget)
_SCM_STEP = 1.0    # mm: the grid its surface is found on


def _strap_field(path, hw, ht, thick_dir, bend: float = 0.0):
    """Approximate signed distance (mm, negative inside) to a strap along a dense path:
    flat sections with rounded rims, ``hw`` across and ``ht`` along ``thick_dir``, each
    bowed by ``bend`` as in ``loft``, and rounded off beyond its two ends."""
    from scipy.spatial import cKDTree


    path = np.asarray(path, float)
    tan = tangents(path)
    b2 = np.asarray(thick_dir, float) - (thick_dir * tan).sum(1, keepdims=True) * tan
    b2 /= np.linalg.norm(b2, axis=1, keepdims=True)
    b1 = np.cross(tan, b2)
    tree = cKDTree(path)
    last = len(path) - 1

    def field(p):
        _, k = tree.query(p)
        r = p - path[k]
        u, w = (r * b1[k]).sum(1), (r * tan[k]).sum(1)
        v = (r * b2[k]).sum(1) + bend * u ** 2
        # a stadium: a band of half width hw with rims rounded to the half thickness
        # (an ellipse's knife edges made the surface fold on the sampling grid)
        a = np.maximum(np.abs(u) - (hw[k] - ht[k]), 0.0)
        d = np.sqrt(a * a + v * v) - ht[k]
        beyond = np.where(k == 0, -w, np.where(k == last, w, -1e3))
        return sdf.smooth_max(d, beyond, 2.0)
    return field


def _scm_head(ctrl, n, hw, ht, sub):
    """One head of SCM: a dense path through ``ctrl`` (its inner points ``sub`` + half
    thickness under the skin), with its half widths, half thicknesses and skin normals."""
    path = smooth_path(np.asarray(ctrl, float), n)
    f = np.linspace(0, 1, n)
    w, t, s = (np.interp(f, *np.asarray(x, float)) for x in (hw, ht, sub))
    path[1:-1] = _under_skin(path[1:-1], s[1:-1] + t[1:-1])
    _, normal = _skin_frame(path)
    return path, w, t, normal


def _scm(mastoid_pts):
    """SCM from the lateral surface of the mastoid to the manubrium and medial clavicle.

    Two heads below (Gray's): the sternal, a rounded tendon from the front of the
    manubrium, and the clavicular, broad and flat from the upper surface of the medial
    third of the clavicle; they join in the lower half of the neck, leaving a small gap
    above the sternoclavicular joint, and the belly runs up to the mastoid. One closed
    surface round both heads (``sdf``), simplified to keep the figures lean. Widths and
    the level where the heads join are approximate (derived).
    """
    head = load_head()
    lm = head.landmarks
    notch = np.array(lm["suprasternal_notch"], float)
    clav = np.array(lm["clavicle_mid_right"], float)
    th = _dim("scm_thickness")
    sub = _dim("subcutaneous_depth")
    tip = mastoid_pts["mastoid_tip_bone_right"]
    top = tip + np.array([4.5, -5.0, 8.0])           # tendon on the mastoid's lateral surface
    bottom = notch + (clav - notch) * 0.07 + [0, -3.0, -3.0]   # the tendon under the skin
    mids = [top + (bottom - top) * t + np.array([14, -4, 0]) * np.sin(np.pi * t)
            for t in (0.25, 0.5, 0.75)]
    # the sternal head and belly, as the strap was: a thin tendon over the mastoid (which
    # lies only ~5 mm under the model's skin), the belly, the rounded sternal tendon
    sternal = _scm_head(np.vstack([top, mids, bottom]), 48,
                        ([0, 0.15, 0.5, 0.85, 1], [5, 10, 11, 9, 5]),
                        ([0, 0.2, 0.35, 0.85, 1], [0.8, 0.8, th / 2, th / 2, 1.8]),
                        ([0, 0.2, 0.35, 1], [1.3, 1.3, sub, sub]))
    # the clavicular head: from the belly's lower half down to the medial third of the
    # clavicle (about halfway from the jugular notch to the clavicle's middle), flat
    join = sternal[0][int(0.55 * 47)]
    clav_end = _under_skin([notch + (clav - notch) * 0.5], 4.0)[0]   # on the bone's top
    clavicular = _scm_head(np.vstack([join, (join + clav_end) / 2 + [4, 0, 0], clav_end]), 24,
                           ([0, 0.5, 1], [8, 10, 13]), ([0, 0.5, 1], [th / 2 - 0.5, 2.4, 1.8]),
                           ([0, 1], [sub, sub]))
    fields = [_strap_field(p, w, t, n, _NECK_BEND) for p, w, t, n in (sternal, clavicular)]
    pts = np.vstack([sternal[0], clavicular[0]])
    lo, hi = pts.min(axis=0) - 14, pts.max(axis=0) + 14
    v, f = sdf.mesh(lambda q: sdf.smooth_min(fields[0](q), fields[1](q), 3.0), lo, hi,
                    _SCM_STEP, symmetric=False)
    v, f = outward(*simplify(v, f, _SCM_FACES))
    return (v, f), {"scm_mastoid_right": top, "scm_clavicular_right": clav_end}
