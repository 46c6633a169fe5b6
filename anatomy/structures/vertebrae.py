"""C1, C2 and C3 as single closed meshes built from published morphometry, and C4-C7
built like C3 (derived).

Each vertebra is an implicit solid (``anatomy.structures.sdf``): arches, laminae and
processes are tubes, bodies and lateral masses rounded boxes and ellipsoids, blended into
one bone, with the foramina transversaria cut out. The sizes that a student or a test can
check come from ``structures.toml`` ([dimensions], each with its source, mean and SD where
published): the atlas's width between the transverse-process tips, its outer and canal
antero-posterior diameters and canal width; the axis's dens height and diameter, body depth
and canal; the rest are proportions marked ``derived`` there. The vertebrae sit where the
kit's landmark frame puts them (``frame._frame``: C1 posterior tubercle and C2 spinous tip
below the inion).
"""

from __future__ import annotations

import numpy as np

from anatomy.structures import sdf
from anatomy.structures.data import _dim
from anatomy.structures.frame import _frame

__all__ = ["atlas", "axis", "c3", "lower_cervical", "ATLAS_CANAL_Y", "LEVELS", "LOWER_CERVICAL",
           "LOWER_LEVELS"]

ATLAS_CANAL_Y = -23.5   # y of the atlas canal centre: the anterior arch just in front of
#                         the dens, the posterior tubercle at the old model's depth
_BODY_Y = -13.5         # y of the C2 and C3 body centres (behind the pharynx of the model)
_STEP = 1.45            # grid step (mm) of the surface nets
_CELL = 3.0             # then vertices merged in cells of this size (lean figures)
_ATLAS_CELL = 2.4       # finer for the atlas, whose artery groove is only 2-3 mm deep


def _transverse_ring(p, x, y, z, half, hole_r):
    """Root of a transverse process with its foramen transversarium (right side x > 0)."""
    solid = sdf.ellipsoid(p, [x, y, z], half)
    return sdf.smooth_max(solid, -sdf.cylinder_z(p, [x, y], hole_r), 0.5)


def _oval_hole(p, centre_xy, rx, ry):
    """Approximate signed distance to a vertical elliptic cylinder (negative inside)."""
    dx = (p[:, 0] - centre_xy[0]) / rx
    dy = (p[:, 1] - centre_xy[1]) / ry
    return (np.sqrt(dx ** 2 + dy ** 2) - 1.0) * min(rx, ry)


def _arch_centre(phi, a, b, yc, zc, r_p):
    """Centre line of the atlas's posterior arch at angle phi (0 = midline, radians)."""
    phi = np.asarray(phi, float)
    return np.c_[(a + r_p + 3.5) * np.sin(phi), yc - (b + r_p) * np.cos(phi),
                 zc - 1.0 + 0.8 * np.sin(phi)]


def _arch_half_height(phi, ph):
    """Half-height of the posterior arch at angle phi: tallest at the midline."""
    return np.interp(phi, [0, 0.5, 1.12], [ph, ph * 0.8, ph * 0.7])


def _va_groove_floor(a, b, yc, zc, ph, r_p) -> np.ndarray:
    """Floor of the vertebral-artery groove (right), from behind the lateral mass medially
    to its medial edge (``va_groove_medial``): ``va_groove_bone_thickness`` above the
    lower border of the posterior arch (Ebraheim 1998)."""
    reach = a + r_p + 3.5
    medial = np.arcsin(min(_dim("va_groove_medial") / reach, 1.0))
    phi = np.linspace(np.radians(70.0), medial, 6)
    centre = _arch_centre(phi, a, b, yc, zc, r_p)
    low = centre[:, 2] - _arch_half_height(phi, ph)
    return np.c_[centre[:, :2], low + _dim("va_groove_bone_thickness")]


def _mirror_field(field):
    """A field built for the right side (x > 0), applied to |x|: left and right identical."""
    def f(p):
        q = p.copy()
        q[:, 0] = np.abs(q[:, 0])
        return field(q)
    return f


def _atlas_parts():
    fr = _frame()
    zc = float(fr["c1_tubercle_z"]) + 2.0
    yc = ATLAS_CANAL_Y
    a = _dim("atlas_canal_width") / 2          # canal half-width (lateral masses' medial faces)
    b = _dim("atlas_canal_depth") / 2          # canal half-depth (arches' inner faces)
    t_ant = _dim("atlas_anterior_arch_thickness")
    t_post = _dim("atlas_depth") - 2 * b - t_ant
    half_w = _dim("atlas_width") / 2
    lm_w = _dim("atlas_lateral_mass_width")
    lm_h = _dim("atlas_lateral_mass_height")
    ph = _dim("atlas_posterior_arch_height") / 2
    r_a = 2.6
    r_p = 3.0
    lm_x = a + lm_w / 2
    tp_x = lm_x + lm_w / 2 + 1.0          # foramen transversarium centre
    fa_x = _dim("atlas_foramen_transversarium_transverse") / 2
    fa_y = _dim("atlas_foramen_transversarium_ap") / 2
    groove_floor = _va_groove_floor(a, b, yc, zc, ph, r_p)
    r_g = _dim("va_radius") + 0.4                # the artery lies loose in its groove
    groove = groove_floor + [0.0, 0.0, r_g]
    geo = dict(zc=zc, yc=yc, a=a, b=b, t_ant=t_ant, t_post=t_post, half_w=half_w,
               lm_x=lm_x, lm_w=lm_w, lm_h=lm_h, tp_x=tp_x, ph=ph, r_p=r_p,
               groove_floor=groove_floor)

    def field(p):
        phi = np.linspace(0, np.radians(64), 7)
        post = _arch_centre(phi, a, b, yc, zc, r_p)
        height = _arch_half_height(phi, ph)
        f = sdf.capsules(p, post, r_p, height)                              # posterior arch
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [0, yc - b - t_post + 3.0, zc - 1.5],
                                            [5.5, 3.0, ph + 1.2]), 1.5)      # post. tubercle
        ant = np.c_[[0, 7, 13.5, a + 3.0], yc + b + r_a - np.array([0, 0.8, 3.0, 8.5]),
                    np.full(4, zc)]
        f = sdf.smooth_min(f, sdf.capsules(p, ant, r_a, 4.6), 1.0)           # anterior arch
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [0, yc + b + t_ant - 2.2, zc],
                                            [4.0, 2.2, 5.2]), 1.0)           # ant. tubercle
        mass = sdf.box(p, [lm_x, yc + 2.5, zc + 0.5], [lm_w / 2, 10.0, lm_h / 2], 3.5)
        f = sdf.smooth_min(f, mass, 2.0)                                    # lateral mass
        facet = sdf.ellipsoid(p, [lm_x - 0.5, yc + 3.0, zc + lm_h / 2 + 4.2], [5.0, 8.5, 5.0])
        f = sdf.smooth_max(f, -facet, 1.0)                     # concave superior facet
        ring = sdf.ellipsoid(p, [tp_x, yc + 2.0, zc], [fa_x + 2.0, fa_y + 2.4, 4.4])
        f = sdf.smooth_min(f, ring, 1.2)
        tip = sdf.capsules(p, [[tp_x + 2.0, yc + 2.0, zc], [half_w - 3.6, yc + 1.0, zc - 0.5]],
                           [3.4, 4.2], [3.6, 5.0])
        f = sdf.smooth_min(f, tip, 1.5)                        # transverse process
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [half_w - 4.6, yc + 0.5, zc - 0.5],
                                            [4.0, 4.3, 4.6]), 1.5)   # its broad tip (OCI)
        # the groove for the vertebral artery on the upper surface of the posterior arch
        f = sdf.smooth_max(f, -sdf.capsules(p, groove, r_g), 0.4)
        # keep the foramen transversarium open after the blends (an oval, cited size)
        return sdf.smooth_max(f, -_oval_hole(p, [tp_x, yc + 2.0], fa_x, fa_y), 0.4)

    return _mirror_field(field), geo


def atlas():
    """C1: mesh and named points (right side; left points are mirrored by the assembly).

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        Named points (mm), e.g. ``"c1_posterior_tubercle"``,
        ``"c1_transverse_tip_right"``, ``"c1_lateral_mass_right"``.
    geometry : dict
        The atlas's construction values (canal centre, half widths, arch thicknesses).
    """
    field, g = _atlas_parts()
    lo = [-g["half_w"] - 2, g["yc"] - g["b"] - g["t_post"] - 2, g["zc"] - 12]
    hi = [g["half_w"] + 2, g["yc"] + g["b"] + g["t_ant"] + 2, g["zc"] + 12]
    v, f = sdf.mesh(field, lo, hi, _STEP, cell=_ATLAS_CELL)
    yc, zc = g["yc"], g["zc"]
    back = float(v[np.abs(v[:, 0]) < 3, 1].min())
    tip_x = float(v[:, 0].max())
    pts = {"c1_posterior_tubercle": np.array([0.0, back, zc - 1.0]),
           "c1_centre": np.array([0.0, yc, zc]),
           "c1_anterior_tubercle": np.array([0.0, float(v[np.abs(v[:, 0]) < 3, 1].max()), zc]),
           "c1_transverse_tip_right": np.array([tip_x, yc + 3.5, zc + 1.0]),
           "c1_transverse_process_right": np.array([tip_x - 2.0, yc - 3.0, zc - 1.0]),
           "c1_foramen_transversarium_right": np.array([g["tp_x"], yc + 2.0, zc]),
           "c1_lateral_mass_right": np.array([g["lm_x"], yc + 2.5, zc + 0.5]),
           "c1_va_groove_floor_right": g["groove_floor"].copy()}
    return (v, f), pts, g


def _axis_geo():
    fr = _frame()
    ztip = float(fr["c2_tip_z"])
    zb = ztip + 3.0                                  # body centre
    hb = _dim("vertebral_body_height") / 2
    db = _dim("c2_body_depth") / 2
    top = zb + hb
    r_d = _dim("dens_diameter") / 2
    canal_back = _BODY_Y - db - _dim("axis_canal_depth")
    a = _dim("axis_canal_width") / 2
    return dict(zb=zb, ztip=ztip, hb=hb, db=db, top=top, r_d=r_d, canal_back=canal_back,
                a=a, dens_y=_BODY_Y - 0.5, dens_top=top + _dim("dens_height"))


def axis():
    """C2: body and dens, superior facets, pedicles and pars, laminae, bifid spinous process.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        Named points (mm), e.g. ``"c2_spinous"``, ``"c2_dens_tip"``,
        ``"c2_lamina_right"``.
    """
    g = _axis_geo()
    zb, top, r_d, yb, a = g["zb"], g["top"], g["r_d"], _BODY_Y, g["a"]
    lam_r = 3.0
    cb = g["canal_back"]

    def field(p):
        f = sdf.box(p, [0, yb, zb], [8.5, g["db"], g["hb"]], 2.5)             # body
        dens = [[0, g["dens_y"], top - 2.0], [0, g["dens_y"], g["dens_top"] - r_d]]
        f = sdf.smooth_min(f, sdf.capsules(p, dens, [r_d + 0.6, r_d]), 2.0)    # dens
        facet = sdf.ellipsoid(p, [a + 3.0, yb - 1.5, top - 2.4], [7.5, 8.5, 2.6])
        f = sdf.smooth_min(f, facet, 2.5)                                       # sup. facet
        f = sdf.smooth_min(f, sdf.box(p, [a - 1.0, yb - 2.0, zb + 1.5],
                                      [6.0, 6.0, g["hb"] - 2.5], 2.5), 2.0)     # shoulder
        pars = [[a + 3.2, yb - 6.0, zb + 1.0], [a + 3.4, yb - 12.0, zb - 2.0]]
        f = sdf.smooth_min(f, sdf.capsules(p, pars, 3.2, 4.6), 1.5)            # pedicle, pars
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [a + 3.2, yb - 12.5, zb - 6.0],
                                            [4.3, 4.8, 3.4]), 1.5)              # inf. process
        lam = [[a + 3.0, yb - 13.5, zb - 1.5], [a - 3.5, cb - lam_r + 5.0, zb - 3.5],
               [0.0, cb - lam_r, zb - 4.0]]
        f = sdf.smooth_min(f, sdf.capsules(p, lam, lam_r, 6.0), 1.5)           # lamina
        spine = [[0.0, cb - 2.0, zb - 4.0], [1.0, cb - 5.0, zb - 3.5]]
        f = sdf.smooth_min(f, sdf.capsules(p, spine, 3.8, 5.8), 1.5)           # spinous
        f = sdf.smooth_min(f, sdf.capsules(p, [[2.2, cb - 5.0, zb - 3.5],
                                               [4.6, -50.5, g["ztip"]]], 2.6, 4.5), 1.0)
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [4.6, -50.5, g["ztip"]], [3.0, 3.0, 5.0]), 1.0)
        ring = _transverse_ring(p, a + 7.5, yb - 3.0, zb - 2.5, [4.4, 4.4, 3.4], 2.2)
        f = sdf.smooth_min(f, ring, 1.2)                                        # transverse
        f = sdf.smooth_min(f, sdf.capsules(p, [[a + 9.5, yb - 3.5, zb - 2.5],
                                               [a + 11.0, yb - 4.5, zb - 3.5]], 2.6), 1.0)
        return sdf.smooth_max(f, -sdf.cylinder_z(p, [a + 7.5, yb - 3.0], 2.2), 0.4)

    field = _mirror_field(field)
    lo = [-28, -56, zb - 13]
    hi = [28, yb + g["db"] + 2, g["dens_top"] + 2]
    v, f = sdf.mesh(field, lo, hi, _STEP, cell=_CELL)
    lam_pt = [9.0, None, zb - 3.5]
    near = v[(np.abs(v[:, 0] - 9.0) < 1.5) & (np.abs(v[:, 2] - lam_pt[2]) < 2.0) & (v[:, 1] < -30)]
    lam_y = float(near[:, 1].min()) if len(near) else cb - 2 * lam_r
    pts = {"c2_spinous": np.array([0.0, -53.5, g["ztip"]]),
           "c2_spinous_process": np.array([0.0, float(v[np.abs(v[:, 0]) < 1.0, 1].min()),
                                           g["ztip"]]),
           "c2_spinous_tip_right": np.array([4.6, -53.5, g["ztip"]]),
           "c2_lamina_right": np.array([9.0, lam_y, zb - 3.5]),
           "c2_body": np.array([0.0, yb, zb]),
           "c2_dens_tip": np.array([0.0, g["dens_y"], g["dens_top"]]),
           "c2_inferior_articular_process_right": np.array([a + 3.2, yb - 12.5, zb - 9.4]),
           "c2_transverse_process_right": np.array([a + 12.5, yb - 5.0, zb - 4.0])}
    return (v, f), pts


# The typical cervical vertebrae below C2, each built like C3 one level lower (a body
# height and a disc further down): (body moved back, mm; spinous tip behind the body
# centre, mm; the tip's drop below the body centre, mm; half the gap between the two
# tips of a bifid process, mm, 0 for a single tip). All derived: the bodies follow the
# neck's midline, which runs back as it goes down (the back of the model's neck is 63 mm
# behind the EOP's plane at C3's level and 89 mm at C7's); the spinous processes lengthen
# down to C7's, the vertebra prominens, long and not bifid, while C3-C6's are short and
# bifid (Gray's); C5's and C6's stay short enough to lie between the two semispinalis
# capitis muscles. The fork's width is a modelling choice (Gray gives none): wide enough
# that the two tubercles part (with C5's and C6's at 2.5 and 2.0 mm the tips ran into
# one), and C5's narrow enough to stay clear of semispinalis capitis. The lower
# vertebrae's measured dimensions (Panjabi 1991) could not be checked here.
LEVELS = {3: (0.0, 32.5, 7.5, 3.7), 4: (-1.0, 33.5, 8.0, 3.7), 5: (-4.0, 33.0, 9.0, 3.3),
          6: (-8.0, 34.5, 10.5, 3.5), 7: (-13.0, 45.0, 14.0, 0.0)}
LOWER_LEVELS = (4, 5, 6, 7)
LOWER_CERVICAL = "c4_c7"  # their one structure's id (structures.toml)
# the lower vertebrae's surface-net cells (mm): coarser than C3's (about 480 triangles a
# vertebra, the figure budget), and like it symmetric about the midline. At 4 mm (or 3)
# the two tips of a bifid spinous process merged into one, and 3 mm cells for the whole
# bone put the all-layers figure over its 400 KiB: the tips get cells of their own
LOWER_CELL = 4.0
_TIP_CELL = 2.5  # cells (mm) round the tips of a bifid spinous process, so the fork shows
#                  (C3's 3 mm cells keep its fork)


def _typical(level: int, cell: float = _CELL, tip_cell: float | None = None):
    """A typical cervical vertebra at ``level`` (3-7, ``LEVELS``): mesh (surface-net cells
    of ``cell`` mm, ``tip_cell`` round a bifid spinous process's tips if given), body centre
    z and y, the canal's half width and the pillar top."""
    back, spine, drop, bifid = LEVELS[level]
    g2 = _axis_geo()
    h = _dim("vertebral_body_height")
    zb = g2["zb"] - (level - 2) * (h + _dim("intervertebral_disc_height"))
    yb = _BODY_Y + back
    db = _dim("c2_body_depth") / 2
    a = _dim("c3_canal_width") / 2
    cb = yb - db - _dim("c3_canal_depth")
    tip = [bifid, yb - spine, zb - drop]
    tip_r = [2.5, 2.5, 3.4] if bifid else [3.6, 3.4, 4.2]

    def field(p):
        f = sdf.box(p, [0, yb, zb], [8.0, db, h / 2 - 1.0], 2.2)              # body
        f = sdf.smooth_min(f, sdf.capsules(p, [[7.5, yb + 4, zb + h / 2 - 1],
                                               [7.5, yb - 4, zb + h / 2 - 1]], 1.4), 1.2)
        f = sdf.smooth_min(f, sdf.capsules(p, [[7.0, yb - 5.0, zb + 0.5],
                                               [a + 1.5, yb - 9.5, zb + 0.5]], 2.4, 3.2), 1.2)
        f = sdf.smooth_min(f, sdf.ellipsoid(p, [a + 4.0, yb - 8.0, zb], [4.6, 5.6, 6.6]), 1.5)
        ring = _transverse_ring(p, a + 3.5, yb - 1.5, zb + 0.5, [5.2, 4.6, 3.0], 2.3)
        f = sdf.smooth_min(f, ring, 1.0)                                        # transverse
        f = sdf.smooth_min(f, sdf.capsules(p, [[a + 7.5, yb - 2.0, zb + 0.5],
                                               [a + 12.0, yb - 3.5, zb - 1.0]], 2.2, 2.6), 1.0)
        lam = [[a + 3.0, yb - 12.5, zb - 1.0], [a - 3.5, cb - 2.4 + 3.5, zb - 2.5],
               [0.0, cb - 2.4, zb - 3.0]]
        f = sdf.smooth_min(f, sdf.capsules(p, lam, 2.4, 4.6), 1.2)             # lamina
        f = sdf.smooth_min(f, sdf.capsules(p, [[0.0, cb - 3.0, zb - 3.5], tip],
                                           2.3, 3.2), 1.2)                     # spinous
        f = sdf.smooth_min(f, sdf.ellipsoid(p, tip, tip_r), 0.8)
        return sdf.smooth_max(f, -sdf.cylinder_z(p, [a + 3.5, yb - 1.5], 2.3), 0.4)

    field = _mirror_field(field)
    if bifid and tip_cell:
        # the fork of a bifid spinous process keeps finer cells than the rest of the bone
        coarse = cell

        def cell(v):
            near = ((np.abs(v[:, 0]) < bifid + 4.0) & (v[:, 1] < tip[1] + 6.0)
                    & (np.abs(v[:, 2] - tip[2]) < 6.0))
            return np.where(near, tip_cell, coarse)
    v, f = sdf.mesh(field, [-26, yb - spine - 5.0, zb - drop - 5.5],
                    [26, yb + db + 2, zb + 10], _STEP, cell=cell)
    pillar_top = float(v[(np.abs(v[:, 0] - (a + 4.0)) < 2)
                         & (np.abs(v[:, 1] - (yb - 8.0)) < 2), 2].max())
    return (v, f), zb, yb, a, pillar_top


def c3():
    """C3: a typical cervical vertebra.

    Body with uncinate lips, pedicles, transverse processes with foramina, articular
    pillars, laminae, small bifid spinous process.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        Named points (mm): ``"c3_spinous"``, ``"c3_spinous_process"``, ``"c3_body"``,
        ``"c2_c3_facet_right"`` and ``"c3_posterior_tubercle_right"``.
    """
    (v, f), zb, yb, a, pillar_top = _typical(3)
    pts = {"c3_spinous": np.array([0.0, -48.5, zb - 7.5]),
           "c3_spinous_process": np.array([0.0, float(v[np.abs(v[:, 0]) < 1.0, 1].min()),
                                           zb - 6.0]),
           "c3_body": np.array([0.0, yb, zb]),
           "c2_c3_facet_right": np.array([a + 4.0, -21.5, pillar_top + 0.7]),
           "c3_posterior_tubercle_right": np.array([a + 13.0, yb - 4.5, zb - 1.0])}
    return (v, f), pts


def lower_cervical():
    """C4 to C7 as one bone mesh (four separate vertebrae), each built like C3 a level
    lower (``LEVELS``), C7 with the long single spinous process of the vertebra
    prominens; their surface-net cells are ``LOWER_CELL``.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the four bones, mm.
    points : dict[str, numpy.ndarray]
        Named points (mm) for each level n in 4-7: ``"cn_body"`` and ``"cn_spinous_tip"`` (the
        tip of the spinous process, in the midline), and ``"c4_posterior_tubercle_right"``
        (the posterior tubercle of C4's transverse process, origin of a levator scapulae
        slip).
    """
    from anatomy import meshops

    meshes, pts = [], {}
    for level in LOWER_LEVELS:
        mesh, zb, yb, a, _ = _typical(level, LOWER_CELL, _TIP_CELL)
        meshes.append(mesh)
        back, spine, drop, _ = LEVELS[level]
        pts[f"c{level}_body"] = np.array([0.0, yb, zb])
        pts[f"c{level}_spinous_tip"] = np.array([0.0, yb - spine, zb - drop])
        if level == 4:
            pts["c4_posterior_tubercle_right"] = np.array([a + 13.0, yb - 4.5, zb - 1.0])
    return meshops.merge(meshes), pts
