"""Deep structures of the occipital region: C1-C3, occipital bone, muscles, occipital artery.

Simplified parametric meshes in the kit frame (mm; +x the subject's right, +y anterior,
+z superior), placed from the head model's skin landmarks and sized from the cited numbers
in ``anatomy/data/structures.toml`` (``dimensions()``). The right-sided structures are
built and the left ones are their exact mirror images (``mirror_x``).

Public API: ``Structure``, ``load_structures(side, layer)``, ``get_structure(id)``,
``structure_points()`` (named reference points, see ``POINT_NOTES``), ``dimensions()``
(the cited numbers), ``skin_depth(points)``, ``inside_skin(points)``,
``posterior_layers(x, z)`` (what a ray from behind meets, with depths) and
``structures_containing(point)``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import DATA_DIR, SIDES, check_choice, mirror_x
from anatomy.head import load_head
from anatomy.meshgen import ellipsoid, grid_normals, loft, merge, mirror, slab, smooth_path, tube
from anatomy.references import check_keys
from anatomy.skin import head_skin
from anatomy.store import stored

STRUCTURES_FILE = DATA_DIR / "structures.toml"
LAYERS = ("bone", "muscle", "vessel")
_STRUCTURE_FIELDS = ("name", "latin", "layer", "bilateral", "color", "description",
                     "references")
_DIMENSION_FIELDS = ("value", "unit", "references", "derived", "note")


@dataclass(frozen=True, eq=False)
class Structure:
    """One anatomical structure: identity, sources and geometry (mm, kit frame).

    ``vertices``/``faces`` is a closed triangle mesh for every structure (for the artery,
    a tube around ``path`` of radius ``radius_mm``).
    """

    id: str
    name: str
    latin: str
    layer: str
    side: str | None
    color: str
    vertices: np.ndarray
    faces: np.ndarray
    description: str
    references: tuple[str, ...]
    path: np.ndarray | None = None
    radius_mm: float | None = None
    base: str = field(default="")

    @property
    def label(self) -> str:
        """English name with (L)/(R) for sided structures."""
        return self.name + (f" ({self.side[0].upper()})" if self.side else "")


@dataclass(frozen=True)
class Dimension:
    """A number the geometry is built from, with its source."""

    key: str
    value: float
    unit: str
    references: tuple[str, ...]
    derived: bool
    note: str


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _raw() -> dict:
    try:
        raw = tomllib.loads(STRUCTURES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{STRUCTURES_FILE.name} is not valid TOML: {exc}") from exc
    for section in ("structures", "dimensions"):
        if section not in raw:
            raise ValueError(f"{STRUCTURES_FILE.name} lacks the [{section}] tables")
    return raw


@lru_cache(maxsize=1)
def dimensions() -> dict[str, Dimension]:
    """The cited numbers used to size and place the structures."""
    out = {}
    for key, rec in _raw()["dimensions"].items():
        missing = [f for f in _DIMENSION_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{STRUCTURES_FILE.name}: dimension {key!r} lacks {missing}")
        check_keys(rec["references"], f"{STRUCTURES_FILE.name} dimension {key!r}")
        out[key] = Dimension(key=key, value=float(rec["value"]), unit=rec["unit"],
                             references=tuple(rec["references"]),
                             derived=bool(rec["derived"]), note=rec["note"])
    return out


def _dim(key: str) -> float:
    dims = dimensions()
    return dims[check_choice(key, dims, "dimension")].value


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    out = {}
    for key, rec in _raw()["structures"].items():
        missing = [f for f in _STRUCTURE_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {key!r} lacks {missing}")
        try:
            check_choice(rec["layer"], LAYERS, "layer")
        except ValueError as exc:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {key!r}: {exc}") from None
        check_keys(rec["references"], f"{STRUCTURES_FILE.name} structure {key!r}")
        out[key] = rec
    return out


# ---------------------------------------------------------------------------
# skin helpers
# ---------------------------------------------------------------------------

def skin_depth(points) -> np.ndarray:
    """Signed depth (mm) of points below the skin: positive inside, negative outside
    (``anatomy.skin``: to the closest skin point)."""
    return head_skin().depth(points)


def _under_skin(targets, depth) -> np.ndarray:
    """Project target points onto the skin, then move them ``depth`` mm inward."""
    return head_skin().under(targets, depth)


def _skin_frame(points) -> tuple[np.ndarray, np.ndarray]:
    """Closest skin points and the outward skin normals there."""
    return head_skin().frame(points)


def inside_skin(points) -> np.ndarray:
    """True for points inside the closed skin surface (ray parity, ray toward +z)."""
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
    v, f = loft(path, half_w * taper, half_t * taper, [0, -1, 0.25], 12)
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


def _cover(strap: str) -> float:
    """Depth (mm) of the superficial surface of a strap muscle below the skin."""
    sub, trap = _dim("subcutaneous_depth"), _dim("trapezius_thickness")
    if strap == "splenius":
        return sub + trap + 2.0
    return sub + trap + 2.0 + _dim("splenius_thickness") + 1.2   # semispinalis


def _semispinalis(bone):
    """SSC: strap beside the midline from C7 level up to the bone between the nuchal lines."""
    head = load_head()
    z_c7 = float(head.landmarks["c7_spinous"][2])
    fr = _frame()
    th = _dim("semispinalis_thickness")
    zs = np.linspace(z_c7 - 5, float(fr["z0"]) - 28, 8)
    xc = np.interp(zs, [zs[0], zs[-1]], [17.5, 19.0])
    ctrl = [_under_skin([_posterior_skin(x, z)], _cover("ssc") + th / 2)[0]
            for x, z in zip(xc, zs)]
    ctrl.append(_bone_point(bone, 8, 17.0, 4.0) + [0, 0, -4])   # just below the INL
    ins = _bone_point(bone, 7, 14.0, 2.4)                        # between SNL and INL
    ctrl.append(ins)
    path = smooth_path(ctrl, 20)
    f = np.linspace(0, 1, 20)
    hw = np.interp(f, [0, 0.5, 0.75, 1], [7.5, 8.5, 10.0, 12.0])
    ht = np.interp(f, [0, 0.3, 0.8, 1], [3, th / 2, th / 2 - 1, 2.0])
    _, normal = _skin_frame(path)
    normal[-3:] = bone["normals"][13, 7]
    return loft(path, hw, ht, normal, 14, bend=_NECK_BEND), {"ssc_insertion_right": ins}


def _splenius(bone):
    """Splenius capitis: nuchal ligament / C7-T3 up and out to the lateral SNL and mastoid."""
    head = load_head()
    z_c7 = float(head.landmarks["c7_spinous"][2])
    th = _dim("splenius_thickness")
    depth = _cover("splenius") + th / 2
    ctrl = []
    for x, z in ((15, z_c7 - 12), (19, z_c7 + 25), (28, -55), (38, -28)):
        ctrl.append(_under_skin([_posterior_skin(x, z)], depth)[0])
    ins = _bone_point(bone, 6, 44.0, 3.2)    # lateral third of the SNL, toward the mastoid
    ctrl.append(ins)
    path = smooth_path(ctrl, 20)
    _, normal = _skin_frame(path)
    normal[-2:] = bone["normals"][19, 6]
    hw = np.interp(np.linspace(0, 1, 20), [0, 0.5, 1], [12, 13, 10])
    ht = np.interp(np.linspace(0, 1, 20), [0, 0.2, 0.9, 1], [1.5, th / 2, th / 2, 1.8])
    return (loft(path, hw, ht, normal, 12, bend=_NECK_BEND),
            {"splenius_insertion_right": ins})


def _coons(top, bottom, left, right) -> np.ndarray:
    """Coons patch (nu, nv, 3) from four boundary curves (top/bottom: u; left/right: v)."""
    nu, nv = len(top), len(left)
    u = np.linspace(0, 1, nu)[:, None, None]
    v = np.linspace(0, 1, nv)[None, :, None]
    p00, p10, p01, p11 = top[0], top[-1], bottom[0], bottom[-1]
    return ((1 - v) * top[:, None] + v * bottom[:, None] + (1 - u) * left[None] + u * right[None]
            - ((1 - u) * (1 - v) * p00 + u * (1 - v) * p10 + (1 - u) * v * p01 + u * v * p11))


def _trapezius(snl):
    """Upper trapezius: a sheet from the EOP, medial third of the SNL and nuchal ligament
    (down to C7) to the lateral third of the clavicle and the acromion."""
    head = load_head()
    lm = head.landmarks
    fr = _frame()
    sub = _dim("subcutaneous_depth")
    th = _dim("trapezius_thickness")
    c7 = np.array(lm["c7_spinous"], float)
    acromion = np.array(lm["acromion_right"], float)
    clav = np.array(lm["clavicle_mid_right"], float)
    x_lat = _dim("gon_trapezius_lateral") + 1.5   # lateral end of the origin on the SNL
    nu, nv = 12, 24
    z_top = float(fr["eop"][2])
    top = np.array([_snl_point(x) for x in np.linspace(0, x_lat, nu)])
    top[:, 1] -= _dim("scalp_depth")
    left = np.array([_posterior_skin(0.0, z) for z in np.linspace(z_top, c7[2] - 6, nv)])
    ins_a = clav + (acromion - clav) * 0.35
    lateral_ctrl = [top[-1], [36, -62, z_top - 45], [45, -50, z_top - 90],
                    [72, -52, c7[2] - 6], ins_a + [0, -4, 4], acromion + [-4, -4, 3]]
    right = smooth_path(lateral_ctrl, nv)
    # lower edge: C7 to the back of the acromion (where the middle fibres would begin)
    bottom = smooth_path([left[-1], [45, -84, c7[2] - 20], [105, -74, acromion[2] - 6],
                           right[-1]], nu)
    grid = _coons(top, bottom, left, right)
    targets = np.array([_skin_toward(p) for p in grid.reshape(-1, 3)])
    foot, normal = _skin_frame(targets)
    grid = (foot - sub * normal).reshape(nu, nv, 3)
    normal = normal.reshape(nu, nv, 3)
    thick = np.full((nu, nv), th)
    grid[:, 0] += 0.5 * normal[:, 0]   # aponeurosis on the bone at the superior nuchal line
    thick[:, 0] = 1.0
    thick[:, 1] = 0.5 * (th + 1.0)
    grid[..., 0] = np.maximum(grid[..., 0], 0.6)   # meets its mirror image at the midline
    v, f = slab(grid, normal, thick)
    return (v, f), {"trapezius_snl_lateral_right": grid[-1, 0].copy()}


def _scm(mastoid_pts):
    """SCM from the lateral surface of the mastoid to the manubrium and medial clavicle."""
    head = load_head()
    lm = head.landmarks
    notch = np.array(lm["suprasternal_notch"], float)
    clav = np.array(lm["clavicle_mid_right"], float)
    th = _dim("scm_thickness")
    tip = mastoid_pts["mastoid_tip_bone_right"]
    top = tip + np.array([4.5, -5.0, 8.0])           # tendon on the mastoid's lateral surface
    bottom = notch + (clav - notch) * 0.22 + [0, -3, 4]
    mids = [top + (bottom - top) * t + np.array([14, -4, 0]) * np.sin(np.pi * t)
            for t in (0.25, 0.5, 0.75)]
    path = smooth_path(np.vstack([top, mids, bottom]), 20)
    f = np.linspace(0, 1, 20)
    hw = np.interp(f, [0, 0.15, 0.5, 0.85, 1], [5, 10, 11, 14, 12])
    # thin tendon over the mastoid (which lies only ~5 mm under the model's skin)
    ht = np.interp(f, [0, 0.2, 0.35, 0.85, 1], [0.8, 0.8, th / 2, th / 2, 2.5])
    sub = np.interp(f, [0, 0.2, 0.35, 1], [1.3, 1.3, _dim("subcutaneous_depth"),
                                           _dim("subcutaneous_depth")])
    path[1:-1] = _under_skin(path[1:-1], sub[1:-1] + ht[1:-1])
    _, normal = _skin_frame(path)
    return loft(path, hw, ht, normal, 12, bend=_NECK_BEND), {"scm_mastoid_right": top}


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


# ---------------------------------------------------------------------------
# assembly
# ---------------------------------------------------------------------------

@stored
def _geometry() -> tuple[dict, dict[str, np.ndarray], np.ndarray, float]:
    """Right-side meshes {base: (vertices, faces)}, named points, and the occipital
    artery's path and radius (stored: see anatomy.store)."""
    geom, points = {}, {}
    (atlas_vf, p1) = _atlas()
    (axis_vf, p2) = _axis()
    (c3_vf, p3) = _c3()
    occ_vf, p4, bone = _occipital_bone()
    snl, inl = bone["snl"], bone["inl"]
    mast_vf, p5 = _mastoid()
    for p in (p1, p2, p3, p4, p5):
        points.update(p)
    geom["atlas"], geom["axis"], geom["c3"] = atlas_vf, axis_vf, c3_vf
    geom["occipital_bone"] = occ_vf
    geom["mastoid_process"] = mast_vf
    geom["obliquus_capitis_inferior"], p = _oci(p1, p2)
    points.update(p)
    geom["semispinalis_capitis"], p = _semispinalis(bone)
    points.update(p)
    geom["splenius_capitis"], p = _splenius(bone)
    points.update(p)
    geom["trapezius"], p = _trapezius(snl)
    points.update(p)
    geom["sternocleidomastoid"], p = _scm(p5)
    points.update(p)
    oa_vf, oa_path, oa_r, p = _occipital_artery(bone, p5)
    geom["occipital_artery"] = oa_vf
    points.update(p)
    points["c1_posterior_arch_right"] = _arch_point(points)
    points["superior_nuchal_line_right"] = snl[10:].copy()
    points["inferior_nuchal_line_right"] = inl[10:].copy()
    return geom, points, oa_path, oa_r


@lru_cache(maxsize=1)
def _build() -> tuple[dict[str, Structure], dict[str, np.ndarray]]:
    recs = _records()
    geom, right_points, oa_path, oa_r = _geometry()
    points = dict(right_points)  # the left points are added below
    out: dict[str, Structure] = {}
    for base, rec in recs.items():
        if base not in geom:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {base!r} has no geometry "
                             f"builder; known: {', '.join(geom)}")
        v, f = geom[base]
        common = dict(name=rec["name"], latin=rec["latin"], layer=rec["layer"],
                      color=rec["color"], description=rec["description"],
                      references=tuple(rec["references"]), base=base)
        extra = {"path": oa_path, "radius_mm": oa_r} if base == "occipital_artery" else {}
        if rec["bilateral"]:
            out[f"{base}_right"] = Structure(id=f"{base}_right", side="right", vertices=v,
                                             faces=f, **common, **extra)
            lv, lf = mirror(v, f)
            lextra = ({"path": mirror_x(oa_path), "radius_mm": oa_r}
                      if base == "occipital_artery" else {})
            out[f"{base}_left"] = Structure(id=f"{base}_left", side="left", vertices=lv,
                                            faces=lf, **common, **lextra)
        else:
            out[base] = Structure(id=base, side=None, vertices=v, faces=f, **common, **extra)
    for s in out.values():
        for a in (s.vertices, s.faces, s.path):
            if a is not None:
                a.flags.writeable = False
    # add mirrored left points
    for name in list(points):
        if name.endswith("_right"):
            points[name.removesuffix("_right") + "_left"] = mirror_x(points[name])
    return out, points


def _arch_point(points, x: float = 20.0) -> np.ndarray:
    """Lower edge of the C1 posterior arch at lateral x, where the GON emerges below it.

    Uses the ring of ``_atlas`` (half-width at the vertebral-artery groove, half-depth
    4 mm less than the atlas, arch 3.2-4.5 mm high above and below its centre line).
    """
    c = points["c1_centre"]
    ax, ay = _dim("atlas_groove_lateral"), _dim("atlas_depth") / 2 - 4.0
    cos_b = np.cos(np.arcsin(min(x / ax, 1.0)))        # -cos(t) on the posterior half
    y = c[1] - ay * cos_b
    z = c[2] - 1.5 * cos_b - (3.2 + 1.3 * cos_b)
    return np.array([x, y, z])


def load_structures(side: str | None = None, layer: str | None = None) -> dict[str, Structure]:
    """All structures (cached), optionally filtered.

    ``side='right'`` keeps right-sided and midline structures (the midline ones belong to
    both sides); ``layer`` is one of 'bone', 'muscle', 'vessel'.
    """
    if side is not None:
        check_choice(side, SIDES, "side")
    if layer is not None:
        check_choice(layer, LAYERS, "layer")
    structures = _build()[0]
    return {k: s for k, s in structures.items()
            if (side is None or s.side in (None, side)) and (layer is None or s.layer == layer)}


def structure_ids() -> tuple[str, ...]:
    """Ids of every structure in data-file order: bones, muscles deep to superficial, artery."""
    return tuple(_build()[0])


def get_structure(structure_id: str) -> Structure:
    """One structure by id; an unknown id raises ValueError with the valid ids."""
    structures = _build()[0]
    return structures[check_choice(structure_id, structures, "structure")]


POINT_NOTES = {k: str(v) for k, v in _raw().get("point_notes", {}).items()}


def structure_points() -> dict[str, np.ndarray]:
    """Named reference points (mm, kit frame); see ``POINT_NOTES`` for the main ones.

    Sided names exist for both sides (``*_right`` and mirrored ``*_left``).
    Multi-point entries (nuchal line samples) are (K, 3) arrays.
    """
    return {k: np.array(v, float) for k, v in _build()[1].items()}


def posterior_layers(x: float, z: float, side: str | None = None) -> list[tuple[str, float]]:
    """Structures met by a ray from behind at (x, z): [(id, depth below skin mm), ...]."""
    skin = _posterior_skin(x, z)
    hits = []
    for sid, s in load_structures(side=side).items():
        hit = surface.ray_hit(s.vertices, s.faces, skin - [0, 1, 0], (0, 1, 0))
        if hit is not None:
            hits.append((sid, float(hit[1] - skin[1])))
    return sorted(hits, key=lambda h: h[1])


def structures_containing(point, side: str | None = None) -> list[str]:
    """Ids of the structures whose closed mesh contains ``point`` (ray parity test)."""
    p = np.atleast_2d(np.asarray(point, float))
    return [sid for sid in load_structures(side=side) if inside_structure(sid, p)[0]]


@lru_cache(maxsize=64)
def _parts(structure_id: str) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The closed parts a structure mesh is made of (its connected components)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    s = get_structure(structure_id)
    f = s.faces
    e = np.vstack([f[:, [0, 1]], f[:, [1, 2]]])
    g = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(len(s.vertices),) * 2)
    _, label = connected_components(g, directed=False)
    out = []
    for c in np.unique(label[f[:, 0]]):
        out.append((s.vertices, f[label[f[:, 0]] == c]))
    return tuple(out)


def inside_structure(structure_id: str, points) -> np.ndarray:
    """True for points inside any closed part of a structure's mesh."""
    p = np.atleast_2d(np.asarray(points, float))
    inside = np.zeros(len(p), bool)
    for v, f in _parts(structure_id):
        inside |= surface.inside_mesh(v, f, p)
    return inside
