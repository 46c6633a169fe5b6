"""10-20 EEG positions on the skin by the standard proportional arcs (Jasper 1958).

Arcs are plane sections of the skin: nasion-inion through the vertex (sagittal), tragus
to tragus through Cz (coronal; the kit's preauricular points are the tragi), and the
circumference through Fpz, T7/T8 and Oz. Positions are 10 % / 20 % steps along them.
"""

from __future__ import annotations

import numpy as np

from anatomy import surface

__all__ = [
    "CORONAL", "HALF_CIRCUMFERENCE", "ORDER", "PAIRS", "SAGITTAL", "sagittal_arc",
    "ten_twenty_positions",
]

SAGITTAL = {"Fpz": 0.1, "Fz": 0.3, "Cz": 0.5, "Pz": 0.7, "Oz": 0.9}
CORONAL = {"T7": 0.1, "C3": 0.3, "C4": 0.7, "T8": 0.9}
HALF_CIRCUMFERENCE = {"Fp": 0.1, "F": 0.3, "P": 0.7, "O": 0.9}  # from Fpz toward Oz
ORDER = ("Nz", "Fpz", "Fp1", "Fp2", "F7", "F3", "Fz", "F4", "F8", "T7", "C3", "Cz", "C4",
         "T8", "P7", "P3", "Pz", "P4", "P8", "O1", "Oz", "O2", "Iz")


def _arc(v, f, a, b, through):
    return surface.surface_arc(v, f, a, b, through, n=361)


def _outward_midpoint(a, b):
    """A point beyond the skin, outward from the head centre (origin) between a and b."""
    return (np.asarray(a) + np.asarray(b)) * 0.75


def ten_twenty_positions(vertices: np.ndarray, faces: np.ndarray,
                         landmarks: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The 21 standard 10-20 positions plus Nz and Iz, keyed by the modern names (T7, P7 ...).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Head mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    landmarks : dict[str, numpy.ndarray]
        Landmark name -> position (mm); needs ``nasion``, ``inion``, ``vertex``,
        ``tragus_left`` and ``tragus_right``.

    Returns
    -------
    dict[str, numpy.ndarray]
        Position name -> point on the skin (mm), in the standard order, made left-right
        symmetric.
    """
    v, f = np.asarray(vertices, float), faces
    nz, iz = landmarks["nasion"], landmarks["inion"]
    sag = _arc(v, f, nz, iz, landmarks["vertex"])
    pos = {name: surface.point_at_fraction(sag, frac) for name, frac in SAGITTAL.items()}
    cor = _arc(v, f, landmarks["tragus_left"], landmarks["tragus_right"], pos["Cz"])
    pos.update({name: surface.point_at_fraction(cor, frac) for name, frac in CORONAL.items()})
    for temporal, odd in (("T7", True), ("T8", False)):
        half = _arc(v, f, pos["Fpz"], pos["Oz"], pos[temporal])
        for stem, frac in HALF_CIRCUMFERENCE.items():
            name = f"{stem}{1 if odd else 2}" if stem in ("Fp", "O") else f"{stem}{7 if odd else 8}"
            pos[name] = surface.point_at_fraction(half, frac)
    for lateral, mid, name in (("F7", "Fz", "F3"), ("F8", "Fz", "F4"),
                               ("P7", "Pz", "P3"), ("P8", "Pz", "P4")):
        arc = _arc(v, f, pos[lateral], pos[mid], _outward_midpoint(pos[lateral], pos[mid]))
        pos[name] = surface.point_at_fraction(arc, 0.5)
    pos["Nz"], pos["Iz"] = np.asarray(nz, float), np.asarray(iz, float)
    return _symmetrise({name: pos[name] for name in ORDER})


PAIRS = (("Fp1", "Fp2"), ("F7", "F8"), ("F3", "F4"), ("T7", "T8"), ("C3", "C4"),
         ("P7", "P8"), ("P3", "P4"), ("O1", "O2"))


def _symmetrise(pos: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Average mirror pairs (the mesh is symmetric; arcs are sampled, so tiny gaps remain)."""
    out = dict(pos)
    for left, right in PAIRS:
        mean = (pos[right] + pos[left] * [-1, 1, 1]) / 2
        out[right], out[left] = mean, mean * [-1, 1, 1]
    for name in ("Fpz", "Fz", "Cz", "Pz", "Oz", "Nz", "Iz"):
        out[name] = pos[name] * [0, 1, 1]
    return out


def sagittal_arc(vertices, faces, landmarks) -> np.ndarray:
    """The nasion-inion arc over the vertex, as a polyline (for checks and drawings).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        Head mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    landmarks : dict[str, numpy.ndarray]
        Landmark name -> position (mm); needs ``nasion``, ``inion`` and ``vertex``.

    Returns
    -------
    numpy.ndarray, shape (k, 3)
        Points along the skin from the nasion over the vertex to the inion, mm.
    """
    return _arc(np.asarray(vertices, float), faces, landmarks["nasion"], landmarks["inion"],
                landmarks["vertex"])
