"""The skull under the skin: the vault with the occipital bone, mastoid processes, mandible.

The vault is the skin moved inward by the soft-tissue depth, the way forensic facial
reconstruction puts a face on a skull in reverse (De Greef 2006): depths at skin
landmarks (``structures.toml``, ``[dimensions.tissue_depth_*]``, each with its landmark
and source) are spread over the skin by inverse-distance weights, and every skin point
above the superior nuchal line is moved that far along its inward normal (under the
drawn skin, the closed outer shell). The vault is a whole calvaria closed by a schematic
base, so that no inside shows through the see-through skin: in front it ends along the
supraorbital margins (brow) out to the frontozygomatic region, and its lower edge runs
from there back over the ear to the lateral end of the superior nuchal line (a derived
outline, not a measured one). From that edge the surface goes on down each side as the
temporal squama to the roof of the jaw joint, the ear canal and the mastoid base, so that
the mandible's condyle and the mastoid process meet the skull (the face, the zygomatic
arch and the sutures are not drawn; the squama's lower border is derived). Below the superior
nuchal line the bone turns forward as the nuchal plane to the posterior rim of the
foramen magnum (the ``bone`` grid the muscles attach to). The external occipital
protuberance (EOP), the superior and inferior nuchal lines and the external occipital
crest are raised on the surface; the EOP's crest lies at the cited depth under the
inion. The mastoid processes and the mandible (condyle at the TMJ, ramus, angle at the
gonion, body to the chin) are implicit solids (``sdf``) placed from the same depths.
"""

from __future__ import annotations

import numpy as np

from anatomy import shell
from anatomy.head import load_head
from anatomy.meshgen import capped_sheet, grid_normals, outward, simplify, weld
from anatomy.structures import sdf
from anatomy.structures.data import _dim, dimensions
from anatomy.structures.frame import _frame, _posterior_skin, _skin_frame, _snl_point, _under_skin

__all__ = ["depth_at", "mandible", "mastoid", "occipital_bone", "tissue_depths"]

_SPINE_Y = -4.0
_MANDIBLE_FACES = 540  # triangles of the drawn half mandible (figure size budget: the
#                         all-layers figure draws it under the face mask, seen with the skin off)
_BODY_HEIGHT = (24.0, 32.0)  # derived: body height near the angle and at the symphysis
# derived: the body about 10 mm thick at its rounded lower border, 6 mm at the alveolar
# border (a plate of one thickness with square edges read as a plank)
_BODY_HALF_THICKNESS = (5.0, 3.0)
_EOP_HEIGHT = 1.5     # derived: how far the EOP stands out of the squama
_SNL_HEIGHT = 0.8     # derived: height of the superior nuchal line (medial part)
_INL_HEIGHT = 0.35
_CREST_HEIGHT = 0.7
# where the drawn vault ends (derived, degrees seen from a point above the ear canals):
# in front along the supraorbital margins, from the glabella out to the frontozygomatic
# suture; laterally the lower edge runs back from there over the ear (above the
# squamous suture) to the asterion at the lateral end of the superior nuchal line
_BROW_ALPHA = 178.0
_FZ_ALPHA = 182.0
_FZ_BETA = 36.0
_SQUAMOUS_BULGE = 30.0   # the lower edge arches over the ear
_N_UP = 14               # rows from the brow back over the vault to the SNL
_BASE_LIFT = (0.0, 0.0, 8.0)   # the schematic base's centre, up from its rim's centroid


def tissue_depths() -> dict[str, tuple[np.ndarray, float]]:
    """{landmark: (skin point (right side), depth mm)} from the [dimensions.tissue_depth_*].

    Returns
    -------
    dict[str, tuple of (numpy.ndarray, float)]
        Landmark name (without side) -> (its skin point, on the right if sided; the
        soft-tissue depth there, mm).
    """
    lm = load_head().landmarks
    out = {}
    for key, d in dimensions().items():
        if key.startswith("tissue_depth_"):
            name = d.landmark + ("_right" if d.landmark + "_right" in lm else "")
            out[d.landmark] = (np.asarray(lm[name], float), d.value)
    return out


def depth_at(points, keys=("inion", "vertex", "mastoid")) -> np.ndarray:
    """Soft-tissue depth over the cranial vault, interpolated from landmark depths.

    Inverse-distance (power 2) weights of the landmark depths ``keys`` (mirrored to
    |x|); the inion's depth is to the EOP's crest, so the squama around it lies one EOP
    height deeper.

    Parameters
    ----------
    points : array_like, shape (3,) or (n, 3)
        Skin points, mm.
    keys : sequence of str, default ("inion", "vertex", "mastoid")
        Landmarks of ``tissue_depths()`` to interpolate between.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Soft-tissue depth under each point, mm.
    """
    p = np.atleast_2d(np.asarray(points, float)).copy()
    p[:, 0] = np.abs(p[:, 0])
    tab = tissue_depths()
    src = np.array([tab[k][0] for k in keys])
    val = np.array([tab[k][1] + (_EOP_HEIGHT if k == "inion" else 0.0) for k in keys])
    d2 = ((p[:, None] - src[None]) ** 2).sum(axis=2) + 1.0
    w = 1.0 / d2
    return (w * val).sum(axis=1) / w.sum(axis=1)


def _nuchal_rows(xs):
    """SNL, mid, INL, mid, opisthion rows for lateral positions xs (the old squama grid)."""
    fr = _frame()
    eop = fr["eop"]
    ax = np.abs(xs)
    snl = np.array([_snl_point(abs(x)) * [np.sign(x) or 1, 1, 1] for x in xs])
    fade = np.clip((56.0 - ax) / 6.0, 0.0, 1.0)[:, None]    # the nuchal plane ends laterally
    inl = snl + fade * (np.array([0, 13, -13]) + (np.minimum(ax, 50)[:, None] / 50)
                        * np.array([0, 10, 2])) + (1 - fade) * np.array([0, 3, -5])
    opis = np.c_[0.75 * xs, _SPINE_Y - 12 - 20 * np.sqrt(np.clip(1 - (xs / 50) ** 2, 0, 1)),
                 eop[2] - 25.0 + 0.06 * ax]
    opis = fade * opis + (1 - fade) * (inl + [0, 3, -3])
    mid1 = snl + (inl - snl) * 0.5
    mid2 = inl + (opis - inl) * 0.5 + fade * np.array([0, -2, -1])
    return snl, mid1, inl, mid2, opis


def _squama_bone_grid():
    """The grid muscles and vessels attach to (``_bone_point``), as before: columns x from
    -50 to 50 mm, rows 0-5 up the squama, 6 = SNL, 7, 8 = INL, 9, 10 = opisthion."""
    fr = _frame()
    xs = np.linspace(-50, 50, 21)
    snl, mid1, inl, mid2, opis = _nuchal_rows(xs)
    grid = []
    for i, x in enumerate(xs):
        col = []
        for r in np.linspace(1, 0, 7):
            top = r * max(50 * (1 - (abs(x) / 56) ** 1.8), 3.0)
            z = snl[i, 2] + top
            col.append(_under_skin([[x, _posterior_skin(x, z)[1], z]], _dim("scalp_depth"))[0])
        col += [mid1[i], inl[i], mid2[i], opis[i]]
        grid.append(col)
    grid = np.array(grid)
    normals = grid_normals(grid)
    if ((grid - np.array([0, -10.0, 0])) * normals).sum() < 0:
        normals = -normals
    del fr
    return {"grid": grid, "normals": normals, "snl": snl, "inl": inl}


def occipital_bone():
    """Skull vault (frontal, parietal, occipital squama) with the nuchal markings.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        Named points on the bone (mm), e.g. the nuchal lines and the EOP.
    bone : dict
        The attachment grid (rows of points such as ``skull_outer``) that muscle
        attachments are placed on.
    """
    fr = _frame()
    eop = fr["eop"]
    xs = np.linspace(-55, 55, 23)     # the attachment grid's columns (5 mm), plus one each side
    snl, mid1, inl, mid2, opis = _nuchal_rows(xs)
    n_up = _N_UP
    rows = []
    centre = np.array([0.0, -10.0, 25.0])        # inside the vault, above the ear canals
    rel = snl - centre
    # directions as (alpha, beta): alpha turns in the sagittal plane from straight back
    # (0) over the top (90) to the front, beta leans out toward the subject's side
    alpha0 = np.arctan2(rel[:, 2], -rel[:, 1])
    beta0 = np.arcsin(rel[:, 0] / np.linalg.norm(rel, axis=1))
    u = xs / np.abs(xs).max()
    # the bone ends in front along the brow, from the glabella out to the frontozygomatic
    # region; the lateral columns arch from there over the ear back to the asterion
    beta1 = np.radians(_FZ_BETA) * u
    alpha1 = np.radians(_BROW_ALPHA + (_FZ_ALPHA - _BROW_ALPHA) * np.abs(u) ** 2)
    # the drawn skin (closed outer shell): rays at the brow must not fall into the model's
    # eye sockets, which folded the vault's front edge
    skin = shell._display_query(shell.DISPLAY_MAX_EDGE_MM)
    for k in range(n_up, 0, -1):                      # front edge back and down to the SNL
        s = k / n_up
        t = s ** 1.1
        alpha = alpha0 + np.radians(4.0) + (alpha1 - alpha0 - np.radians(4.0)) * t
        beta = beta0 + (beta1 - beta0) * t + np.radians(_SQUAMOUS_BULGE) * u ** 3 \
            * np.sin(np.pi * t)
        d = np.c_[np.sin(beta), -np.cos(beta) * np.cos(alpha), np.cos(beta) * np.sin(alpha)]
        hits = np.array([skin.ray_hit(centre, di) for di in d])
        rows.append(skin.under(hits, depth_at(hits)))
    outer = np.stack(rows + [snl, mid1, inl, mid2, opis], axis=1)   # (columns, rows, 3)
    normals = grid_normals(outer)
    if ((outer - np.array([0, -10.0, 20.0])) * normals).sum() < 0:
        normals = -normals
    # raised markings: EOP, nuchal lines, external occipital crest. The nuchal rows are the
    # attachment grid at the scalp depth; the EOP is their midline meeting point, and the
    # squama above (one EOP height deeper) rises to it.
    ax = np.abs(xs)
    c = len(xs) // 2
    i_snl, i_inl = n_up, n_up + 2
    lift = np.zeros(outer.shape[:2])
    medial = 1 - np.exp(-(ax / 8.0) ** 2)
    lift[:, i_snl] = _SNL_HEIGHT * np.clip((40 - ax) / 10, 0, 1) * medial
    # (not over semispinalis capitis, which the model lays on the bone across the INL)
    lift[:, i_inl] = _INL_HEIGHT * np.clip((46 - ax) / 8, 0, 1) * np.clip((ax - 22) / 6, 0, 1)
    lift[:, i_snl + 1:] = np.maximum(lift[:, i_snl + 1:],
                                     _CREST_HEIGHT * np.exp(-(ax / 3.0) ** 2)[:, None])
    d_eop = np.linalg.norm(outer[:, :i_snl] - outer[c, i_snl], axis=2)
    lift[:, :i_snl] = _EOP_HEIGHT * np.exp(-(d_eop / 15.0) ** 2)
    outer = outer + lift[..., None] * normals
    k_eop = i_snl
    # one closed solid: the outer surface and a schematic base across its open side (the
    # base of the skull is not modelled; a thin sheet let students look into the vault)
    # the temporal squama on each side continues the vault's surface from its lower edge
    # over the ear down to the roof of the TMJ and the mastoid base; the base closes the
    # solid below them (a plate hung from the edge read as a flap, with the vault's rim
    # and the base showing behind it: instructor review)
    squama = [_temporal_squama(outer[0]), _temporal_squama(outer[-1])]
    whole = np.concatenate([squama[0][::-1], outer, squama[1]], axis=0)
    # the base's centre stays where the vault's own rim puts it (lower, it met the
    # vertebral arteries, and its first rings crossed the skin under the brow)
    rim = np.concatenate([outer[0], outer[-1], outer[:, 0], outer[:, -1]])
    centre = rim.mean(axis=0) + np.asarray(_BASE_LIFT)
    # (the squama's columns meet the vault's edge in front and behind: weld drops the
    # faces that collapse there)
    v, f = weld(capped_sheet(whole, rings=3, centre=centre))
    pts = {"eop": outer[c, k_eop].copy(), "opisthion": opis[c].copy(),
           "foramen_magnum_posterior": opis[c].copy(),
           "external_occipital_crest": outer[c, i_snl + 2].copy(),
           "inferior_nuchal_line_mid_right": inl[np.argmin(np.abs(xs - 22.5))].copy()}
    for frac in (0.25, 0.5, 0.75, 1.0):
        pts[f"superior_nuchal_line_right_{int(frac * 100)}"] = _snl_point(50 * frac)
    bone = _squama_bone_grid()
    bone["skull_outer"] = outer
    del eop
    return (v, f), pts, bone


# The temporal squama's lower border, front to back (derived, schematic): (y, |x|, z) mm
# from the infratemporal crest in front, over the roof of the mandibular fossa (the
# condyle's top lies under it: ``mandible``) and the ear canal, to the mastoid base and
# the asterion. The squama is drawn as a plate, not its sutures or the zygomatic arch.
_SQUAMA_BORDER = np.array([[48.0, 54.0, 10.0], [25.0, 56.0, 7.0], [7.0, 53.5, 8.0],
                           [-8.0, 55.0, 5.0], [-30.0, 55.0, 6.0], [-48.0, 51.0, 4.0]])
_SQUAMA_ROWS = 4          # rows from the vault's edge down to the lower border
_SQUAMA_BULGE = 2.0       # mm: the plate bows outward between its edges


def _temporal_squama(edge):
    """Columns that carry the vault's surface on from its lateral edge (one side's column
    of the outer grid, front to back) down to ``_SQUAMA_BORDER`` (``_SQUAMA_ROWS`` - 1 of
    them, the edge itself not repeated, nearest the edge first).

    Over the temple and the ear (the edge's rows 1-13) the columns reach the border,
    bowing outward between; toward the brow in front and the nuchal lines behind they
    come back to the edge (the rows there end at the vault's own edge)."""
    side = np.sign(edge[:, 0].mean())
    y = edge[:, 1]
    order = np.argsort(_SQUAMA_BORDER[:, 0])
    b = _SQUAMA_BORDER[order]
    bottom = np.c_[side * np.interp(y, b[:, 0], b[:, 1]), y, np.interp(y, b[:, 0], b[:, 2])]
    # behind the ear the border runs on into the edge's end at the nuchal lines (row 14),
    # so the squama's lower border meets the mastoid region without a notch
    for r in (12, 13):
        bottom[r] = bottom[11] + (edge[14] - bottom[11]) * (r - 11) / 3
    rows = np.arange(len(edge))
    reach = np.interp(rows, [0, 1, 13, 14], [0.0, 1.0, 1.0, 0.0])
    cols = []
    for t in np.linspace(0.0, 1.0, _SQUAMA_ROWS)[1:]:
        p = edge + (bottom - edge) * (t * reach)[:, None]
        p[:, 0] += side * _SQUAMA_BULGE * np.sin(np.pi * t) * reach
        cols.append(p)
    return np.stack(cols, axis=0)



def mastoid():
    """Mastoid process (right): a cone from its base behind the ear canal to the tip.

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        ``"mastoid_tip_bone_right"``, ``"mastoid_tip_right"`` and
        ``"mastoid_base_right"``, mm.
    """
    tip = _frame()["mastoid_tip"]
    length = _dim("mastoid_length")
    base = tip + np.array([-5.0, -6.0, length - 4])
    path = [base, base + (tip - base) * 0.55 + [1.0, 0, 0], tip + [-0.5, 0, 3.0]]

    def field(p):
        return sdf.capsules(p, path, [9.0, 6.0, 3.0], [9.0, 8.0, 3.0])

    lo, hi = np.minimum(base, tip) - 11, np.maximum(base, tip) + 11
    v, f = sdf.mesh(field, lo, hi, 1.5, cell=4.2, symmetric=False)
    return (v, f), {"mastoid_tip_bone_right": tip.copy(), "mastoid_tip_right": tip.copy(),
                    "mastoid_base_right": base}


def _bone_under(name: str, extra: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Bone point under a skin landmark (right) at its tissue depth (+ extra), and the
    skin's outward normal there."""
    skin, depth = tissue_depths()[name]
    foot, normal = _skin_frame([skin])
    return foot[0] - (depth + extra) * normal[0], normal[0]


def _plate(p, lower, half_thickness, height):
    """Signed distance (approximate) to a plate standing on a lower border.

    The plate follows the border's course in plan (``lower``, a dense polyline), from the
    border's height up by ``height`` (one value per border point); its half thickness
    tapers from ``half_thickness[0]`` at the lower border to ``half_thickness[1]`` at the
    top, and the lower border is rounded (as the jaw's is).
    """
    d = np.linalg.norm(p[:, None, :2] - lower[None, :, :2], axis=2)
    k = np.argmin(d, axis=1)
    z0 = lower[k, 2]
    h = np.asarray(height)[k]
    t = np.clip((p[:, 2] - z0) / h, 0.0, 1.0)
    half = half_thickness[0] + t * (half_thickness[1] - half_thickness[0])
    across = d[np.arange(len(p)), k] - half
    below, above = z0 - p[:, 2], p[:, 2] - (z0 + h)
    # the lower border rounded over about the body's half thickness, the top less so
    return sdf.smooth_max(sdf.smooth_max(across, below, half_thickness[0] * 0.9), above, 1.5)


def _body_height(lower) -> np.ndarray:
    """Height of the mandible's body above each lower-border point: up to the derived
    heights, with a straight alveolar border kept 2.5 mm under the drawn skin (the closed
    outer shell, ``shell.display_skin``). The model's mouth cavity is not a limit: in
    life the teeth and gums fill that space."""
    drawn = shell._display_query(shell.DISPLAY_MAX_EDGE_MM)
    tangent = np.gradient(lower[:, :2], axis=0)
    across = np.c_[tangent[:, 1], -tangent[:, 0]]
    across /= np.linalg.norm(across, axis=1, keepdims=True)
    full = np.linspace(*_BODY_HEIGHT, len(lower))
    dz = np.arange(0.0, _BODY_HEIGHT[1] + 0.5, 1.0)
    ok = np.ones((len(lower), len(dz)), bool)
    for off in (-_BODY_HALF_THICKNESS[0], 0.0, _BODY_HALF_THICKNESS[0]):
        q = lower[:, None, :] + np.c_[across * off, np.zeros(len(lower))][:, None, :]
        q = q + dz[None, :, None] * [0.0, 0.0, 1.0]
        q = q.reshape(-1, 3)
        gap = np.linalg.norm(q - drawn.closest(q), axis=1)   # (the sign of depth() is
        ok &= (drawn.inside(q) & (gap >= 2.5 + 2.5)).reshape(ok.shape)   # unsure at the lips)
    reach = np.array([dz[np.argmin(r)] - 1.0 if not r.all() else dz[-1] for r in ok])
    # the alveolar border is a straight line (as the teeth's occlusal plane), as high as
    # the derived heights and lowered as one line until the drawn skin allows it
    y, z0 = lower[:, 1], lower[:, 2]
    slope = (z0[-1] + full[-1] - z0[0] - full[0]) / (y[-1] - y[0])
    top = z0 + np.minimum(reach, full)
    level = np.min(top - slope * y)
    return np.maximum(level + slope * y - z0, 6.0)

def mandible():
    """Mandible, right half: condyle, coronoid, ramus, angle and body to the chin.

    Condyle under the TMJ point, neck, coronoid process, the ramus down to the angle under
    the gonion, then the body along the jaw line, curving in to the symphysis under the
    menton, where it meets the mirrored left half. The lower border runs from the gonion's
    bone point to the menton's (each at its tissue depth), parabolic in plan (parallel to
    the midline at the angle, across it at the chin); the body, about 10 mm thick at its
    rounded lower border and 6 mm at the alveolar border, rises
    from 24 mm tall near the angle to 32 mm at the symphysis (derived, of the order of
    adult jaws; the teeth are not drawn).

    Returns
    -------
    mesh : tuple of (numpy.ndarray, numpy.ndarray)
        ``(vertices, faces)`` of the bone, mm.
    points : dict[str, numpy.ndarray]
        ``"mandible_condyle_right"``, ``"mandible_angle_right"``,
        ``"mandible_coronoid_right"``, ``"mandible_ramus_right"`` and
        ``"mandible_symphysis"``, mm.
    """
    cond_s, n_c = _bone_under("tmj")
    gon, _ = _bone_under("gonion")
    men, _ = _bone_under("menton")
    men = men * [0, 1, 1]
    # condyle centre: its lateral pole at the depth (+1.5 mm that meshing rounds off)
    cond = cond_s - 7.5 * n_c
    angle = gon + np.array([-4.0, 0.0, 3.5])   # centre of the plate above the angle's corner
    neck = cond + np.array([-1.0, -1.5, -7.0])
    ramus_ax = sdf.frame_from(neck - angle, [1.0, 0, 0])
    ramus_c = (neck + angle) / 2
    ramus_len = float(np.linalg.norm(neck - angle))
    # the body: its lower border from the angle's corner (4 mm in from the skin's gonion
    # bone point) to the chin, parabolic in plan; a plate standing on that border
    s_ = np.linspace(0.0, 1.0, 61)
    lower = np.c_[(gon[0] - 4.0) * (1 - s_ ** 2),
                  gon[1] + 4.0 + (men[1] - gon[1] - 4.0) * s_,
                  gon[2] + 2.0 + (men[2] - gon[2] - 2.0) * s_]
    cor_tip = cond + np.array([-4.0, 27.0, -6.0])

    def field(p):
        f = sdf.ellipsoid(p, cond, [9.0, 4.5, 5.0])                           # condyle
        f = sdf.smooth_min(f, sdf.capsules(p, [cond, neck], [3.5, 3.0]), 2.0)  # neck
        f = sdf.smooth_min(f, sdf.oriented_box(p, ramus_c + [0, 5, -2], ramus_ax,
                                               [2.8, 9.5, ramus_len / 2 + 2], 2.5), 2.0)
        f = sdf.smooth_min(f, sdf.capsules(p, [ramus_c + [0, 14, 4], cor_tip],
                                           [3.5, 1.8], [6.0, 2.5]), 1.5)       # coronoid
        f = sdf.smooth_min(f, _plate(p, lower, _BODY_HALF_THICKNESS, height), 3.0)  # body
        return sdf.smooth_max(f, -p[:, 0], 0.5)          # cut at the midline (symphysis)

    height = _body_height(lower)
    pts = np.array([cond, angle, cor_tip, men, lower[-1] + [0, 0, height[-1]]])
    lo, hi = pts.min(axis=0) - 14, pts.max(axis=0) + 14
    lo[0] = -2.0
    # a fine grid resolves the thin ramus and coronoid (a 3.6 mm grid made them jagged),
    # then quadric simplification keeps the figure light without tearing the thin plate
    v, f = sdf.mesh(field, lo, hi, 1.2, symmetric=False)
    v, f = outward(*simplify(v, f, _MANDIBLE_FACES))
    corner = v[np.argmin(np.linalg.norm(v - gon, axis=1))]
    return (v, f), {"mandible_condyle_right": cond.copy(), "mandible_angle_right": corner.copy(),
                    "mandible_coronoid_right": cor_tip.copy(),
                    "mandible_ramus_right": ramus_c.copy(), "mandible_symphysis": men.copy()}
