"""The eyes' iris and pupil, painted on the head mesh's eyeballs.

The eyeballs were one off-white colour, and in every front view the head stared with
blank eyes (reviewer). Each eyeball of the CC0 mesh is a sphere with rings of vertices
about its forward axis, at 11 and 22 degrees from the front. A 3D figure paints the faces
inside the first ring as the pupil and those between the two rings as the iris, with the
first ring moved in to ``PUPIL_SHOWN_DEG`` (``narrow_pupils``); a print plate halves the
front's edges and draws a round pupil of that size (``plate_eyes``). The sizes are
display choices, not measurements, and the eyes look straight ahead.
"""

from __future__ import annotations

import numpy as np

from anatomy import meshops
from anatomy.viz import style

__all__ = ["EYE_PART_COLOURS", "FRONT_DEG", "IRIS_DEG", "PLATE_HALVINGS", "PUPIL_DEG",
           "PUPIL_SHOWN_DEG", "eye_parts", "eyes_paint", "front_of_eyes", "narrow_pupils",
           "plate_eyes"]

# a face whose centre lies within this angle (degrees) of its eyeball's forward axis is
# pupil or iris: the centres of the faces inside the 11-degree ring lie within 9.1, of
# those between the rings within 17.5, of the next band's at 28.5 or more
PUPIL_DEG, IRIS_DEG = 10.0, 20.0
# every figure draws a pupil this many degrees round (about 3.7 mm across on the mesh's
# 15 mm eyeball): the mesh's own ring, at 11.25 degrees, makes a pupil 5.9 mm across,
# which read as dilated pupils (reviewer; a clinical sign in a headache course) on the
# plates and in a 3D figure zoomed in on the face. A print plate draws the eyeballs'
# front with each edge halved PLATE_HALVINGS times (``plate_eyes``), for a round pupil
# (halved twice, it was oval); a 3D figure moves the ring in (``narrow_pupils``)
PUPIL_SHOWN_DEG, PLATE_HALVINGS = 7.0, 3
# the head's skin covers each eyeball beyond about 90 degrees from the front (the lids
# and the orbit's skin); a 3D figure draws the eyes' faces within this angle
FRONT_DEG = 100.0
EYE_PART_COLOURS = (style.EYE, style.IRIS, style.PUPIL)  # by eye_parts' value 0, 1, 2


def _face_angles(vertices, faces, forward, centres=None) -> np.ndarray:
    """Per face, the angle (degrees) between its centre's direction from its eyeball's
    centre and ``forward``; ``centres`` (right eye, left eye) are the middles of each
    side's bounding box if None (the eyeballs are whole)."""
    v = np.asarray(vertices, float)
    f = np.asarray(faces, np.int64)
    right = v[:, 0] > 0
    if right.all() or not right.any():
        raise ValueError("the eyes need both eyeballs, one each side of the midline "
                         f"(x > 0 and x < 0); got x from {v[:, 0].min():.1f} to "
                         f"{v[:, 0].max():.1f} mm")
    if centres is None:
        centres = _centres(v)
    mid = v[f].mean(axis=1)
    centre = np.where((mid[:, 0] > 0)[:, None], centres[0], centres[1])
    out = mid - centre
    axis = np.asarray(forward, float) / np.linalg.norm(forward)
    return np.degrees(np.arccos(np.clip(out @ axis / np.linalg.norm(out, axis=1), -1, 1)))


def _centres(v) -> list[np.ndarray]:
    """Each eyeball's centre, right then left: the middle of its bounding box."""
    return [(v[sel].min(axis=0) + v[sel].max(axis=0)) / 2 for sel in (v[:, 0] > 0,
                                                                       v[:, 0] <= 0)]


def _parts(angle, pupil_deg: float) -> np.ndarray:
    """Pupil (2) within ``pupil_deg`` of the front, iris (1) within IRIS_DEG, else 0."""
    return np.where(angle < pupil_deg, 2, np.where(angle < IRIS_DEG, 1, 0)).astype(np.uint8)


def eye_parts(vertices, faces, forward=(0.0, 1.0, 0.0), pupil_deg: float = PUPIL_DEG
              ) -> np.ndarray:
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
    pupil_deg : float, default PUPIL_DEG
        The pupil's angular radius, degrees (a finer mesh draws a smaller pupil).

    Returns
    -------
    numpy.ndarray of uint8, shape (m,)
        The part each face belongs to (index into ``EYE_PART_COLOURS``).

    Raises
    ------
    ValueError
        If the vertices do not lie on both sides of the midline (two eyes).
    """
    return _parts(_face_angles(vertices, faces, forward), pupil_deg)


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


def plate_eyes(vertices, faces) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The eyeballs for a print plate: their front (``front_of_eyes``) with each edge
    halved ``PLATE_HALVINGS`` times and the new vertices put on the eyeball's sphere,
    each face coloured white, iris or pupil (a pupil of ``PUPIL_SHOWN_DEG``).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices (both eyes), mm.
    faces : array_like, shape (m, 3)
        Their triangles.

    Returns
    -------
    vertices : numpy.ndarray, shape (k, 3)
        The finer eyeballs' vertices, mm.
    faces : numpy.ndarray, shape (l, 3)
        Their triangles (4 ** PLATE_HALVINGS for each front face).
    colours : numpy.ndarray, shape (l, 3)
        One RGB colour (0-1) a face.
    """
    v0 = np.asarray(vertices, float)
    right = v0[:, 0] > 0
    v, f, _kept = front_of_eyes(v0, faces)
    for _ in range(PLATE_HALVINGS):
        v, f = meshops.subdivide(v, f)
    # each eyeball's centre and radius from the whole eyeball (the front alone is lopsided)
    centres = _centres(v0)
    for centre, sel0, sel in ((centres[0], right, v[:, 0] > 0),
                              (centres[1], ~right, v[:, 0] <= 0)):
        radius = np.linalg.norm(v0[sel0] - centre, axis=1).mean()
        out = v[sel] - centre
        v[sel] = centre + radius * out / np.linalg.norm(out, axis=1, keepdims=True)
    return v, f, _rgb()[_parts(_face_angles(v, f, (0.0, 1.0, 0.0), centres),
                               PUPIL_SHOWN_DEG)]


def narrow_pupils(vertices, faces) -> np.ndarray:
    """The eyeballs' vertices with the pupil's ring moved in along the eyeball, each to
    ``PUPIL_SHOWN_DEG`` from the front on its own meridian: the same faces then draw a
    pupil of normal size inside a wider iris (``eye_parts`` of the original vertices
    still names each face's part).

    Parameters
    ----------
    vertices : array_like, shape (n, 3)
        The eyeballs' vertices (both eyes), mm.
    faces : array_like, shape (m, 3)
        Their triangles.

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The vertices, those of the pupil's faces moved (a new array).

    Raises
    ------
    ValueError
        If the vertices do not lie on both sides of the midline (two eyes).
    """
    v = np.array(vertices, float)
    f = np.asarray(faces, np.int64)
    ring = np.unique(f[eye_parts(v, f) == 2])
    centres = np.array(_centres(v))
    centre = centres[np.where(v[ring, 0] > 0, 0, 1)]
    out = v[ring] - centre
    forward = np.array([0.0, 1.0, 0.0])
    across = out - np.outer(out @ forward, forward)
    across /= np.linalg.norm(across, axis=1, keepdims=True)
    t = np.radians(PUPIL_SHOWN_DEG)
    v[ring] = centre + np.linalg.norm(out, axis=1, keepdims=True) * (
        np.cos(t) * forward + np.sin(t) * across)
    return v


def _rgb() -> np.ndarray:
    """EYE_PART_COLOURS as RGB rows, 0-1."""
    return np.array([[int(c[k:k + 2], 16) / 255 for k in (1, 3, 5)] for c in EYE_PART_COLOURS])


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
