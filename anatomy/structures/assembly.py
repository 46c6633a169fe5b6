"""All structures assembled, mirrored and stored; queries by point and by name."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from anatomy import surface
from anatomy.conventions import SIDES, check_choice, mirror_x
from anatomy.meshgen import mirror
from anatomy.store import read_only, stored
from anatomy.structures import vertebrae
from anatomy.structures.bones import (
    _atlas,
    _axis,
    _c3,
    _lower_cervical,
    _mandible,
    _mastoid,
    _occipital_bone,
)
from anatomy.structures.cervical_nerves import _great_auricular, _suboccipital_nerve
from anatomy.structures.data import LAYERS, STRUCTURES_FILE, Structure, _raw, _records
from anatomy.structures.frame import _posterior_skin
from anatomy.structures.levator import levator_scapulae
from anatomy.structures.muscles import _oci, _scm, _semispinalis, _splenius, _trapezius
from anatomy.structures.shoulder import clavicle, scapula
from anatomy.structures.suboccipital import _ocs, _rcp_major, _rcp_minor
from anatomy.structures.vessels import _occipital_artery, _vertebral_artery

__all__ = [
    "POINT_NOTES", "get_structure", "inside_structure", "load_structures", "posterior_layers",
    "structure_ids", "structure_points", "structures_containing",
]

# ---------------------------------------------------------------------------
# assembly
# ---------------------------------------------------------------------------

@stored
def _geometry() -> tuple[dict, dict[str, np.ndarray], dict]:
    """Right-side meshes {base: (vertices, faces)}, named points, and the paths of the
    tubular structures {base: (path, radius, branches)} (stored: see anatomy.store)."""
    geom, points, paths = {}, {}, {}
    (atlas_vf, p1) = _atlas()
    (axis_vf, p2) = _axis()
    (c3_vf, p3) = _c3()
    geom[vertebrae.LOWER_CERVICAL], p = _lower_cervical()
    points.update(p)
    occ_vf, p4, bone = _occipital_bone()
    snl, inl = bone["snl"], bone["inl"]
    mast_vf, p5 = _mastoid()
    for p in (p1, p2, p3, p4, p5):
        points.update(p)
    geom["atlas"], geom["axis"], geom["c3"] = atlas_vf, axis_vf, c3_vf
    geom["occipital_bone"] = occ_vf
    geom["mastoid_process"] = mast_vf
    geom["mandible"], p6 = _mandible()
    points.update(p6)
    geom["clavicle"], p = clavicle()
    points.update(p)
    geom["scapula"], p = scapula()
    points.update(p)
    ssc, p_ssc = _semispinalis(bone)
    geom["rectus_capitis_posterior_minor"], p = _rcp_minor(p1, bone, ssc)
    points.update(p)
    geom["rectus_capitis_posterior_major"], p = _rcp_major(p2, bone, ssc)
    points.update(p)
    geom["obliquus_capitis_superior"], p = _ocs(p1, bone, ssc)
    points.update(p)
    geom["obliquus_capitis_inferior"], p = _oci(p1, p2)
    points.update(p)
    geom["semispinalis_capitis"] = ssc
    points.update(p_ssc)
    geom["splenius_capitis"], p = _splenius(
        bone, (occ_vf, mast_vf), geom["obliquus_capitis_superior"])
    points.update(p)
    geom["levator_scapulae"], p = levator_scapulae(points)
    points.update(p)
    geom["trapezius"], p = _trapezius(snl)
    points.update(p)
    geom["sternocleidomastoid"], p = _scm(p5)
    points.update(p)
    geom["occipital_artery"], oa_path, oa_r, p = _occipital_artery(
        bone, p5, geom["obliquus_capitis_superior"], geom["splenius_capitis"])
    paths["occipital_artery"] = (oa_path, oa_r, ())
    points.update(p)
    geom["vertebral_artery"], va_path, va_r, p = _vertebral_artery(p1, p2)
    paths["vertebral_artery"] = (va_path, va_r, ())
    points.update(p)
    geom["suboccipital_nerve"], path, r, branches, p = _suboccipital_nerve(points, va_path)
    paths["suboccipital_nerve"] = (path, r, branches)
    points.update(p)
    geom["great_auricular_nerve"], path, r, branches, p = _great_auricular(
        geom["sternocleidomastoid"])
    paths["great_auricular_nerve"] = (path, r, branches)
    points.update(p)
    points["c1_posterior_arch_right"] = _arch_point(atlas_vf, points)
    points["superior_nuchal_line_right"] = snl[10:].copy()
    points["inferior_nuchal_line_right"] = inl[10:].copy()
    return geom, points, paths


@lru_cache(maxsize=1)
def _build() -> tuple[dict[str, Structure], dict[str, np.ndarray]]:
    recs = _records()
    geom, right_points, paths = _geometry()
    points = dict(right_points)  # the left points are added below
    out: dict[str, Structure] = {}
    for base, rec in recs.items():
        if base not in geom:
            raise ValueError(f"{STRUCTURES_FILE.name}: structure {base!r} has no geometry "
                             f"builder; known: {', '.join(geom)}")
        v, f = geom[base]
        common = dict(name=rec["name"], latin=rec["latin"], layer=rec["layer"],
                      color=rec["color"], description=rec["description"],
                      references=tuple(rec["references"]), base=base,
                      attachments=rec["attachments"], fibres=rec.get("fibres"),
                      territory=rec.get("territory"))
        extra, lextra = {}, {}
        if base in paths:
            path, r, branches = paths[base]
            extra = {"path": path, "radius_mm": r, "branches": tuple(branches)}
            lextra = {"path": mirror_x(path), "radius_mm": r,
                      "branches": tuple(mirror_x(b) for b in branches)}
        if rec["bilateral"]:
            out[f"{base}_right"] = Structure(id=f"{base}_right", side="right", vertices=v,
                                             faces=f, **common, **extra)
            lv, lf = mirror(v, f)
            out[f"{base}_left"] = Structure(id=f"{base}_left", side="left", vertices=lv,
                                            faces=lf, **common, **lextra)
        else:
            out[base] = Structure(id=base, side=None, vertices=v, faces=f, **common, **extra)
    for s in out.values():
        read_only((s.vertices, s.faces, s.path, *s.branches))
    # add mirrored left points
    for name in list(points):
        if name.endswith("_right"):
            points[name.removesuffix("_right") + "_left"] = mirror_x(points[name])
    return out, points


def _arch_point(atlas_vf, points, x: float = 20.0) -> np.ndarray:
    """Lower edge of the C1 posterior arch at lateral x, where the GON emerges below it.

    Read from the atlas mesh: the lowest vertex of the posterior arch within 1.5 mm of x
    (just medial to the arch's junction with the lateral mass, ``atlas_groove_lateral``).
    """
    v = atlas_vf[0]
    c = points["c1_centre"]
    near = v[(np.abs(v[:, 0] - x) < 1.5) & (v[:, 1] < c[1] - 6.0)]
    low = near[np.argmin(near[:, 2])]
    return np.array([x, float(low[1]), float(low[2])])


def load_structures(side: str | None = None, layer: str | None = None) -> dict[str, Structure]:
    """All structures (cached), optionally filtered.

    Parameters
    ----------
    side : {"left", "right"}, optional
        Keep right- (or left-) sided and midline structures (the midline ones belong to
        both sides); all if None.
    layer : {"bone", "muscle", "vessel"}, optional
        Keep only this layer; all if None.

    Returns
    -------
    dict[str, Structure]
        Structure id -> structure (mesh in mm, layer, side, label and sources), in
        data-file order.

    Raises
    ------
    ValueError
        If ``side`` or ``layer`` is not a valid choice.
    """
    if side is not None:
        check_choice(side, SIDES, "side")
    if layer is not None:
        check_choice(layer, LAYERS, "layer")
    structures = _build()[0]
    return {k: s for k, s in structures.items()
            if (side is None or s.side in (None, side)) and (layer is None or s.layer == layer)}


def structure_ids() -> tuple[str, ...]:
    """Ids of every structure in data-file order: bones, muscles deep to superficial, artery.

    Returns
    -------
    tuple of str
        The structure ids (sided ones end in ``_left`` or ``_right``).
    """
    return tuple(_build()[0])


def get_structure(structure_id: str) -> Structure:
    """One structure by id; an unknown id raises ValueError with the valid ids.

    Parameters
    ----------
    structure_id : str
        One of ``structure_ids()``.

    Returns
    -------
    Structure
        The structure.

    Raises
    ------
    ValueError
        If ``structure_id`` is unknown.
    """
    structures = _build()[0]
    return structures[check_choice(structure_id, structures, "structure")]


POINT_NOTES = {k: str(v) for k, v in _raw().get("point_notes", {}).items()}


def structure_points() -> dict[str, np.ndarray]:
    """Named reference points (mm, kit frame); see ``POINT_NOTES`` for the main ones.

    Sided names exist for both sides (``*_right`` and mirrored ``*_left``).
    Multi-point entries (nuchal line samples) are (K, 3) arrays.

    Returns
    -------
    dict[str, numpy.ndarray]
        Point name -> position, shape (3,) or (K, 3), mm.
    """
    return {k: np.array(v, float) for k, v in _build()[1].items()}


def posterior_layers(x: float, z: float, side: str | None = None) -> list[tuple[str, float]]:
    """Structures met by a ray from behind at (x, z): [(id, depth below skin mm), ...].

    Parameters
    ----------
    x : float
        Lateral position, mm (+ = subject's right).
    z : float
        Height, mm.
    side : {"left", "right"}, optional
        Keep that side's structures and the midline ones; all if None.

    Returns
    -------
    list of tuple of (str, float)
        (structure id, depth of the first hit below the skin in mm), shallowest first.

    Raises
    ------
    ValueError
        If ``side`` is not a valid choice.
    """
    skin = _posterior_skin(x, z)
    hits = []
    for sid, s in load_structures(side=side).items():
        hit = surface.ray_hit(s.vertices, s.faces, skin - [0, 1, 0], (0, 1, 0))
        if hit is not None:
            hits.append((sid, float(hit[1] - skin[1])))
    return sorted(hits, key=lambda h: h[1])


def structures_containing(point, side: str | None = None) -> list[str]:
    """Ids of the structures whose closed mesh contains ``point`` (ray parity test).

    Parameters
    ----------
    point : array_like, shape (3,)
        A point in the head frame, mm.
    side : {"left", "right"}, optional
        Keep that side's structures and the midline ones; all if None.

    Returns
    -------
    list of str
        Ids of the structures containing the point, in data-file order.

    Raises
    ------
    ValueError
        If ``side`` is not a valid choice.
    """
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
    """True for points inside a structure's mesh.

    Uses the generalised winding number (the solid angle the surface subtends, over 4 pi):
    unlike ray parity it stays right where a decimated bone mesh has a few pinholes.

    Parameters
    ----------
    structure_id : str
        One of ``structure_ids()``.
    points : array_like, shape (3,) or (k, 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray of bool, shape (k,)
        True where the point is inside the structure.

    Raises
    ------
    ValueError
        If ``structure_id`` is unknown.
    """
    p = np.atleast_2d(np.asarray(points, float))
    s = get_structure(structure_id)
    inside = np.zeros(len(p), bool)
    lo, hi = s.vertices.min(axis=0), s.vertices.max(axis=0)
    cand = np.nonzero(((p >= lo) & (p <= hi)).all(axis=1))[0]
    if len(cand):
        inside[cand] = np.abs(_winding(s.vertices, s.faces, p[cand])) > 0.5
    return inside


def _winding(v: np.ndarray, f: np.ndarray, p: np.ndarray, chunk: int = 64) -> np.ndarray:
    """Winding number of a triangle mesh round each point (Van Oosterom-Strackee)."""
    tri = v[f]
    out = np.empty(len(p))
    for i in range(0, len(p), chunk):
        q = tri[None] - p[i:i + chunk, None, None]            # (P, F, 3, 3)
        a, b, c = q[:, :, 0], q[:, :, 1], q[:, :, 2]
        la, lb, lc = (np.linalg.norm(x, axis=2) for x in (a, b, c))
        num = np.einsum("pfi,pfi->pf", a, np.cross(b, c))
        den = (la * lb * lc + np.einsum("pfi,pfi->pf", a, b) * lc
               + np.einsum("pfi,pfi->pf", b, c) * la + np.einsum("pfi,pfi->pf", c, a) * lb)
        out[i:i + chunk] = 2 * np.arctan2(num, den).sum(axis=1) / (4 * np.pi)
    return out
