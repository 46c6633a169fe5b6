"""The eye of a named 3D view as plotly draws it (perspective, from the figure's data
box and camera): where a point falls on the screen, and whether skin hides it."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from anatomy.head import HeadModel, load_head
from anatomy.viz import plotly3d

__all__ = ["INSIDE_HEAD_MM", "perspective", "scene_box"]

# a point in the middle of the head (kit frame: the origin lies between the ears), where
# hidden helpers such as plotly3d.prime_text_glyphs's labels sit behind opaque skin
INSIDE_HEAD_MM = (0.0, 0.0, 30.0)


def _towards_eye(view: str) -> np.ndarray:
    cam = plotly3d.camera(view)
    d = np.array([cam["eye"][a] - cam["center"][a] for a in "xyz"], float)
    return d / np.linalg.norm(d)


def scene_box(head: HeadModel) -> tuple[np.ndarray, np.ndarray]:
    """The data box of a figure that draws the whole skin of ``head``.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``: its drawn skin; another head: its vertices).

    Returns
    -------
    lo, hi : numpy.ndarray, shape (3,)
        The smallest and largest x, y, z, mm.
    """
    if head is load_head():
        from anatomy import shell

        v = shell.display_skin(shell.DISPLAY_MAX_EDGE_MM).vertices
    else:
        v = np.asarray(head.vertices, float)
    return v.min(axis=0), v.max(axis=0)


class _Perspective:
    """What the eye of a named camera sees, in perspective as plotly draws it.

    The map X = D q.r / w, Y = D q.u / w, Z = -D^2 / w (q from the eye to a point, w its
    depth along the view, D the eye's distance to the point it looks at) is projective: it
    keeps straight lines and triangles straight and turns every line through the eye into
    a line along Z. So the rays from points to the eye become parallel, and the skin's
    parallel-ray test (``Skin.rays_blocked``) answers for them. Near the head the map
    keeps millimetres (its scale is 1 at depth D).
    """

    def __init__(self, head: HeadModel, view: str, box=None, frame=None):
        from anatomy.skin import Skin, head_skin

        cam = view if isinstance(view, dict) else plotly3d.camera(view, **(frame or {}))
        lo, hi = scene_box(head) if box is None else box
        self.eye = plotly3d.eye_point(cam, lo, hi)
        look = plotly3d.eye_point({"eye": cam["center"]}, lo, hi)
        self.distance = float(np.linalg.norm(look - self.eye))
        self.forward = (look - self.eye) / self.distance
        up = np.array([cam["up"][a] for a in "xyz"], float)
        self.right = np.cross(self.forward, up)
        self.right /= np.linalg.norm(self.right)
        self.up = np.cross(self.right, self.forward)
        skin = head_skin() if head is load_head() else Skin(head.vertices, head.faces)
        self.skin = Skin(self.project(skin.vertices), skin.faces)

    def project(self, points) -> np.ndarray:
        q = np.atleast_2d(np.asarray(points, float)) - self.eye
        w = q @ self.forward
        d = self.distance
        return np.c_[d * (q @ self.right) / w, d * (q @ self.up) / w, -d * d / w]

    def unproject(self, projected) -> np.ndarray:
        """The points (mm, the kit's frame) whose ``project`` is ``projected``."""
        x, y, z = np.atleast_2d(np.asarray(projected, float)).T
        w = -self.distance ** 2 / z
        s = (w / self.distance)[:, None]
        return (self.eye + s * (x[:, None] * self.right + y[:, None] * self.up)
                + w[:, None] * self.forward)

    def screen(self, points) -> np.ndarray:
        """Where points fall on the screen: mm at the depth the camera looks at (nearer
        points spread wider, as plotly draws them)."""
        return self.project(points)[:, :2]

    def in_frame(self, points, margin: float = 0.05, aspect: float | None = None
                 ) -> np.ndarray:
        """True where a point lies inside the picture's height (plotly's 45 degree
        vertical field of view), ``margin`` (a fraction of half the height) from its
        edge, and with ``aspect`` (the scene's narrowest width over its height) inside
        that width too. The width depends on the screen, and ``CHAR_MM`` (a character at
        the narrowest figure's scale) overstates a label's length on a larger one, so
        ``view_labels`` only prefers places inside it."""
        xy = self.screen(points) / (self.distance * np.tan(np.pi / 8))
        ok = np.abs(xy[:, 1]) <= 1.0 - margin
        if aspect is not None:
            ok &= np.abs(xy[:, 0]) <= aspect * (1.0 - margin)
        return ok

    def depth_scale(self, point) -> float:
        """Millimetres at a point's depth per screen mm (``screen``)."""
        return float(-self.distance / self.project(point)[0, 2])

    def visible(self, points, offset: float = 6.0) -> np.ndarray:
        """True where no skin lies between a point and the eye (rays start ``offset`` mm
        towards the eye, as in ``Skin.visible``)."""
        towards = np.array([0.0, 0.0, -1.0])
        return ~self.skin.rays_blocked(self.project(points) + offset * towards, towards)


@lru_cache(maxsize=32)
def _kit_perspective(view: str, box: tuple | None, frame: tuple = ()) -> _Perspective:
    return _Perspective(load_head(), view, None if box is None else
                        (np.array(box[0]), np.array(box[1])), dict(frame))


def perspective(head: HeadModel, view: str, box=None, frame=None) -> _Perspective:
    """What a named camera's eye sees of ``head``, in perspective as plotly draws it.

    Parameters
    ----------
    head : HeadModel
        The head model (cached for ``load_head()``).
    view : str or dict
        A named camera (see ``plotly3d.CAMERAS``), or a plotly camera dict (a figure's
        own opening camera; not cached).
    box : tuple of array_like, optional
        The figure's data box (lo, hi), mm, which places the eye; the drawn skin's
        (``scene_box``) by default.
    frame : dict, optional
        ``distance`` and ``centre_z`` of a named camera (as ``plotly3d.camera``), for a
        figure whose views step back from the kit's.

    Returns
    -------
    _Perspective
        Its ``visible``, ``in_frame``, ``screen`` and ``depth_scale`` answer for points.
    """
    if head is not load_head() or isinstance(view, dict):
        return _Perspective(head, view, box, frame)
    key = None if box is None else tuple(tuple(map(float, b)) for b in box)
    return _kit_perspective(view, key, tuple(sorted((frame or {}).items())))
