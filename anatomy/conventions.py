"""Conventions kept in one place: units, frame, sides, file names and input checks.

Frame (the subject's, like RAS in neuroimaging): millimetres; +x toward the subject's
right, +y anterior, +z superior; x = 0 is the midsagittal plane.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "ALL_VIEWS", "AXES", "CAMERA_CENTRE_Z", "CAMERA_DISTANCE", "DATA_DIR", "DECIMALS", "DISCLAIMER",
    "HEAD_MESH_FILE", "PLATE_VIEWS", "PRINT_WIDTH", "REBUILD_HEAD_COMMAND", "REFERENCES_FILE",
    "SCENE_BOX", "SIDES", "SIDE_SIGN", "UNITS", "VIEWS", "Choices", "check_choice", "check_side",
    "close_match_hint", "mirror_x", "view_basis",
]

UNITS = "mm"
AXES = {"x": "subject's right (+) / left (-)", "y": "anterior (+) / posterior (-)",
        "z": "superior (+) / inferior (-)"}
SIDES = ("left", "right")
SIDE_SIGN = {"left": -1.0, "right": 1.0}
DECIMALS = 2  # coordinates are rounded to this many decimals before plotting

# Named anatomical views, one table for the print plates (matplotlib, orthographic) and
# the 3D figures (plotly cameras). ``forward`` points from the viewer into the subject and
# ``up`` is screen-up; ``eye`` is plotly's camera position in its normalised scene units,
# before the look-at height (``CAMERA_CENTRE_Z``) is added. The order is the menus' order.
CAMERA_DISTANCE = 1.45
CAMERA_CENTRE_Z = 0.18  # look at the head rather than the middle of the bust
VIEWS = {
    "anterior": {"title": "Anterior view", "forward": (0, -1, 0), "up": (0, 0, 1),
                 "eye": (0, CAMERA_DISTANCE, 0.1)},
    "posterior": {"title": "Posterior view", "forward": (0, 1, 0), "up": (0, 0, 1),
                  "eye": (0, -CAMERA_DISTANCE, 0.1)},
    "left": {"title": "Left lateral view", "forward": (1, 0, 0), "up": (0, 0, 1),
             "eye": (-CAMERA_DISTANCE, 0, 0.1)},
    "right": {"title": "Right lateral view", "forward": (-1, 0, 0), "up": (0, 0, 1),
              "eye": (CAMERA_DISTANCE, 0, 0.1)},
    "superior": {"title": "Superior view", "forward": (0, 0, -1), "up": (0, 1, 0),
                 "eye": (0, -0.01, CAMERA_DISTANCE + 0.4 - CAMERA_CENTRE_Z)},
    "posterolateral_left": {"title": "Posterolateral (left)",
                            "forward": (0.7071, 0.7071, 0), "up": (0, 0, 1),
                            "eye": (-1.0, -1.0, 0.35)},
    "posterolateral_right": {"title": "Posterolateral (right)",
                             "forward": (-0.7071, 0.7071, 0), "up": (0, 0, 1),
                             "eye": (1.0, -1.0, 0.35)},
}

# views for print plates only (the 3D figures' menus keep VIEWS). Anterolateral: from in
# front and to one side, where a side view shows the forehead edge-on (a pain drawing's
# forehead was a sliver at the panel's edge). Superolateral: from the side and 15 degrees
# above, where a side view hides the top of the shoulder behind the bust's cut end
PLATE_VIEWS = {
    "superolateral_left": {"title": "Superolateral (left)",
                           "forward": (0.9659, 0, -0.2588), "up": (0.2588, 0, 0.9659)},
    "superolateral_right": {"title": "Superolateral (right)",
                            "forward": (-0.9659, 0, -0.2588), "up": (-0.2588, 0, 0.9659)},
    "anterolateral_left": {"title": "Anterolateral (left)",
                           "forward": (0.7071, -0.7071, 0), "up": (0, 0, 1)},
    "anterolateral_right": {"title": "Anterolateral (right)",
                            "forward": (-0.7071, -0.7071, 0), "up": (0, 0, 1)},
}
ALL_VIEWS = {**VIEWS, **PLATE_VIEWS}  # every named view a 2D drawing may use

# The 3D anatomy figures' scene box (mm, lowest and highest corner): it holds the whole
# trapezius down to the clavicle and acromion (plotly clips meshes at the axis ranges: a
# box ending at x = 150 / z = -150 cut the sheet and left its acromial end floating beside
# the neck). The skin is cut 2 mm inside its floor and 10 mm inside its sides, and the
# muscles that run on below end at the same floor.
SCENE_BOX = ((-195.0, -135.0, -175.0), (195.0, 125.0, 145.0))

DATA_DIR = Path(__file__).resolve().parent / "data"
HEAD_MESH_FILE = DATA_DIR / "head_mesh.npz"
REFERENCES_FILE = DATA_DIR / "references.toml"
REBUILD_HEAD_COMMAND = "python tools/build_head_mesh.py"

DISCLAIMER = (
    "Educational material only: not a diagnostic tool and not medical advice. "
    "A person with headache should be assessed by a qualified clinician."
)


def close_match_hint(value: object, choices: Iterable[str]) -> str:
    """Return " Did you mean 'a', 'b'?" for up to three choices close to ``value``, or "".

    Parameters
    ----------
    value : object
        The unknown value (compared as text).
    choices : iterable of str
        The valid choices.

    Returns
    -------
    str
        The hint with a leading space, or an empty string when nothing is close.
    """
    choices = list(choices)
    # the same name in another case or spelling of its separators ('Case 1' for
    # 'case_1'), or a choice written with a prefix ('drawing_a' for 'A'): that one alone
    text = str(value)
    same = [c for c in choices if _plain(c) == _plain(text)]
    if not same:
        last = _plain(re.split(r"[\s_\-.]+", text.strip())[-1])
        same = [c for c in choices if last and _plain(c) == last]
    close = same or difflib.get_close_matches(text, choices, n=3, cutoff=0.5)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _plain(text: str) -> str:
    """Lower case letters and digits only: 'Case 1', 'case-1' and 'case_1' read alike."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def check_choice(value: object, choices: Iterable[str], what: str) -> str:
    """Return ``value`` if it is one of ``choices``; else raise a ValueError naming both.

    Parameters
    ----------
    value : object
        The value to check; only a str can match.
    choices : iterable of str
        The valid choices.
    what : str
        What the value is (e.g. ``"side"``), for the message.

    Returns
    -------
    str
        ``value`` unchanged.

    Raises
    ------
    ValueError
        If ``value`` is not one of ``choices``; the message names the value, up to three
        close matches and every valid choice.
    """
    options = list(choices)
    if isinstance(value, str) and value in options:
        return value
    raise ValueError(
        f"Unknown {what} {value!r}.{close_match_hint(value, options)} "
        f"Valid choices: {', '.join(options)}."
    )


# printed text is wrapped at this many characters: JupyterLab breaks a longer line
# anywhere, mid-word ("Recent onset of a new h / eadache" in a red-flag warning at 1024
# px, a student's review), and a code cell at 1024 px with the side panel open shows ~75
PRINT_WIDTH = 72


class Choices(dict):
    """A dict of named things whose missing key raises a KeyError naming the valid keys.

    ``nerve('GON', 'right').waypoints['trapezius exit']`` raised a bare
    ``KeyError: 'trapezius exit'``; the message now says what the key names, offers close
    matches and lists every valid key (as ``check_choice`` does for arguments).

    Parameters
    ----------
    data : mapping or iterable of pairs, optional
        The entries.
    what : str, default "key"
        What a key names (e.g. ``"GON waypoint"``), for the message.
    """

    def __init__(self, data=(), what: str = "key"):
        super().__init__(data)
        self.what = what

    def __missing__(self, key):
        raise KeyError(f"Unknown {self.what} {key!r}.{close_match_hint(key, self)} "
                       f"Valid choices: {', '.join(self)}.")


def check_side(side: object) -> str:
    """Validate a side name (the subject's ``'left'`` or ``'right'``).

    Parameters
    ----------
    side : object
        The side to check.

    Returns
    -------
    str
        ``side`` unchanged: ``"left"`` or ``"right"``.

    Raises
    ------
    ValueError
        If ``side`` is not ``"left"`` or ``"right"``.
    """
    return check_choice(side, SIDES, "side")


def view_basis(view: str):
    """(screen right, screen up, forward) unit vectors of a named view (``VIEWS``).

    Parameters
    ----------
    view : str
        A key of VIEWS: ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``,
        ``"superior"``, ``"posterolateral_left"`` or ``"posterolateral_right"``; or of
        PLATE_VIEWS (print plates only): ``"superolateral_left"``,
        ``"superolateral_right"``, ``"anterolateral_left"`` or ``"anterolateral_right"``.

    Returns
    -------
    right, up, forward : numpy.ndarray, shape (3,)
        The screen's right and up directions and the viewing direction in the head frame.

    Raises
    ------
    ValueError
        If ``view`` is not a key of VIEWS or PLATE_VIEWS.
    """
    import numpy as np

    spec = ALL_VIEWS[check_choice(view, ALL_VIEWS, "view")]
    fwd, up = (np.asarray(spec[k], float) for k in ("forward", "up"))
    fwd /= np.linalg.norm(fwd)
    up /= np.linalg.norm(up)
    return np.cross(fwd, up), up, fwd


def mirror_x(points):
    """Mirror points (..., 3) across the midsagittal plane (x -> -x).

    Parameters
    ----------
    points : array_like, shape (..., 3)
        Points in the head frame, mm.

    Returns
    -------
    numpy.ndarray
        A float copy with x negated; the input is not changed.
    """
    import numpy as np

    out = np.array(points, dtype=float, copy=True)
    out[..., 0] *= -1.0
    return out
