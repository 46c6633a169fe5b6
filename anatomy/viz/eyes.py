"""The eyes' iris and pupil, painted on the head mesh's eyeballs.

The eyeballs were one off-white colour, and in every front view the head stared with
blank eyes (reviewer). Each eyeball of the CC0 mesh is a sphere with rings of vertices
about its forward axis, at 11 and 22 degrees from the front; the faces inside the first
ring are painted as the pupil, those between the two rings as the iris. The sizes follow
the mesh's rings (a display choice, not a measurement), and the eyes look straight ahead.
"""

from __future__ import annotations

import numpy as np

from anatomy.viz import style

__all__ = ["EYE_PART_COLOURS", "FRONT_DEG", "IRIS_DEG", "PUPIL_DEG", "eye_colours", "eye_parts",
           "eyes_paint", "front_of_eyes"]

# a face whose centre lies within this angle (degrees) of its eyeball's forward axis is
# pupil or iris: the centres of the faces inside the 11-degree ring lie within 9.1, of
# those between the rings within 17.5, of the next band's at 28.5 or more
PUPIL_DEG, IRIS_DEG = 10.0, 20.0
# the head's skin covers each eyeball beyond about 90 degrees from the front (the lids
# and the orbit's skin); a 3D figure draws the eyes' faces within this angle
FRONT_DEG = 100.0
EYE_PART_COLOURS = (style.EYE, style.IRIS, style.PUPIL)  # by eye_parts' value 0, 1, 2


def _face_angles(vertices, faces, forward) -> np.ndarray:
    """Per face, the angle (degrees) between its centre's direction from its eyeball's
    centre and ``forward``."""
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    right = v[:, 0] > 0
    if right.all() or not right.any():
        raise ValueError("the eyes need both eyeballs, one each side of the midline "
                         f"(x > 0 and x < 0); got x from {v[:, 0].min():.1f} to "
                         f"{v[:, 0].max():.1f} mm")
    # each eyeball's centre: the middle of its bounding box (the spheres are whole)
    centres = {s: (v[sel].min(axis=0) + v[sel].max(axis=0)) / 2
               for s, sel in ((True, right), (False, ~right))}
    mid = v[f].mean(axis=1)
    centre = np.where((mid[:, 0] > 0)[:, None], centres[True], centres[False])
    out = mid - centre
    axis = np.asarray(forward, float) / np.linalg.norm(forward)
    return np.degrees(np.arccos(np.clip(out @ axis / np.linalg.norm(out, axis=1), -1, 1)))


def eye_parts(vertices, faces, forward=(0.0, 1.0, 0.0)) -> np.ndarray:
    """Per face of the eyeballs: 0 white of the eye, 1 iris, 2 pupil.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices (both eyes), mm, in the head frame (x to the subject's
        right, y forward, z up).
    faces : array_like, shape (m, 3)
        Their triangles as vertex indices.
    forward : array_like, shape (3,), default (0, 1, 0)
        The direction the eyes look.

    Returns
    -------
    numpy.ndarray of uint8, shape (m,)
        The part each face belongs to (index into ``EYE_PART_COLOURS``).

    Raises
    ------
    ValueError
        If the vertices do not lie on both sides of the midline (two eyes).
    """
    angle = _face_angles(vertices, faces, forward)
    return np.where(angle < PUPIL_DEG, 2, np.where(angle < IRIS_DEG, 1, 0)).astype(np.uint8)


def front_of_eyes(vertices, faces) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The eyeballs' faces within ``FRONT_DEG`` of looking ahead, and the vertices they
    use: the rest lies inside the head, and an opaque head never shows it.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices, mm.
    faces : array_like, shape (m, 3)
        Their triangles.

    Returns
    -------
    vertices : numpy.ndarray, shape (k, 3)
        The vertices the front's faces use.
    faces : numpy.ndarray, shape (l, 3)
        The front of both eyes, its faces indexing ``vertices``.
    kept : numpy.ndarray of bool, shape (m,)
        Which of ``faces`` it keeps.
    """
    v = np.asarray(vertices, float)
    kept = _face_angles(vertices, faces, (0.0, 1.0, 0.0)) < FRONT_DEG
    f = np.asarray(faces, np.int64)[kept]
    used, inverse = np.unique(f, return_inverse=True)
    return v[used], inverse.reshape(f.shape), kept


def eye_colours(vertices, faces) -> np.ndarray:
    """Per face of the eyeballs, its RGB colour (0-1): white, iris or pupil.

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices, mm.
    faces : array_like, shape (m, 3)
        Their triangles.

    Returns
    -------
    numpy.ndarray, shape (m, 3)
        One colour per face, for a plate's ``draw_mesh(color=...)``.
    """
    rgb = np.array([[int(c[k:k + 2], 16) / 255 for k in (1, 3, 5)] for c in EYE_PART_COLOURS])
    return rgb[eye_parts(vertices, faces)]


def eyes_paint(parts) -> dict:
    """The properties that paint a plotly mesh of the eyeballs face by face: its
    ``intensity`` per face (``eye_parts``, one byte each) on a three-step colour scale.

    Parameters
    ----------
    parts : array_like of int, shape (m,)
        Per face, its part (``eye_parts``: 0 white, 1 iris, 2 pupil).

    Returns
    -------
    dict
        ``intensity``, ``intensitymode``, ``colorscale``, ``cmin``, ``cmax`` and
        ``showscale``, to update a ``plotly3d.mesh_trace`` with.
    """
    scale = [[k / 3 + d, c] for k, c in enumerate(EYE_PART_COLOURS) for d in (0.0, 1 / 3)]
    return {"intensity": np.asarray(parts, np.uint8), "intensitymode": "cell",
            "colorscale": [[round(min(x, 1.0), 4), c] for x, c in scale],
            "cmin": -0.5, "cmax": 2.5, "showscale": False}
