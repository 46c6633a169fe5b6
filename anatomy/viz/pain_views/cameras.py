"""The pain figure's cameras: the oblique opening view of each pattern and side, and the
frame of its named views."""

from __future__ import annotations

import numpy as np

from anatomy import pain
from anatomy.conventions import check_side

__all__ = ["BEHIND_TURN_DEG", "LOW_SPOT_DROP", "LOW_SPOT_MM", "MOSTLY_BEHIND_RAISE",
           "MOSTLY_BEHIND_TURN_DEG", "NAMED_FRAME", "OBLIQUE", "PEAK_BEHIND_MM", "PEAK_BELOW_MM",
           "oblique", "opening_camera"]

# Oblique default camera: the back, side and front of the head in one view, zoomed on it
OBLIQUE = {"eye": {"x": 1.6, "y": -0.22, "z": 0.55}, "center": {"x": 0, "y": 0, "z": 0.1},
           "up": {"x": 0, "y": 0, "z": 1}, "projection": {"type": "perspective"}}


def oblique(side: str = "right") -> dict:
    """The oblique camera (``OBLIQUE``) on the subject's ``side`` (mirrored for the left).

    Parameters
    ----------
    side : {"right", "left"}
        The side the camera looks at.

    Returns
    -------
    dict
        A plotly camera.
    """
    cam = {k: dict(v) for k, v in OBLIQUE.items()}
    if check_side(side) == "left":
        cam["eye"]["x"] = -cam["eye"]["x"]
    return cam


# the named views step back and look lower than the kit's other figures: the patterns'
# lowest spots (the upper trapezius trigger point on the shoulder, the sternocleidomastoid
# zones at the throat and sternum) lay below the frame of the head-centred views
# (at 1.12 and 0.12 the trigger point still sat on the lower edge of the posterolateral
# views); the territory figure's views share the frame, for its neck territories
# (transverse cervical, supraclavicular), which reach the clavicles
NAMED_FRAME = {"distance": 1.2, "centre_z": 0.06}
BEHIND_TURN_DEG = 45.0  # how far the opening camera turns back for a pattern behind the ear
# and for a pattern whose field lies mostly behind the ear but with spots in front (greater
# occipital neuralgia refers pain to the forehead and orbit): from the oblique camera its
# occipital field, the pattern's strongest, was seen edge-on (student review); turned this
# far and raised, the occiput faces the camera and the frontal spots stay at its outline
MOSTLY_BEHIND_TURN_DEG, MOSTLY_BEHIND_RAISE = 22.0, 0.2
# such a pattern: its field's peak lies this far (mm) behind the tragus and no further
# below it (the upper trapezius pattern peaks on the shoulder and refers to the temple)
PEAK_BEHIND_MM, PEAK_BELOW_MM = 60.0, 30.0
# a pattern with a spot this far (mm) below the chin opens looking LOW_SPOT_DROP lower
# (plotly's scene units): the upper trapezius trigger point sat on the lower edge
LOW_SPOT_MM, LOW_SPOT_DROP = 30.0, 0.07


def opening_camera(pattern: str, side: str) -> dict:
    """The camera a pattern opens with: the oblique camera on its side, turned
    ``BEHIND_TURN_DEG`` towards the back when every spot lies behind the tragus (third
    occipital neuralgia: from the side its field was a strip at the edge of the head),
    ``MOSTLY_BEHIND_TURN_DEG`` (and raised) when the field's peak lies on the back of the
    head (``PEAK_BEHIND_MM``, ``PEAK_BELOW_MM``), and
    looking lower when a spot lies low on the neck or shoulder (``LOW_SPOT_MM``).

    Parameters
    ----------
    pattern : str
        A pattern of ``pain.patterns()``.
    side : {"right", "left"}
        The side the camera looks at.

    Returns
    -------
    dict
        A plotly camera.
    """
    from anatomy.head import load_head

    cam = oblique(side)
    head = load_head()
    spots = pain.hotspots(pattern, side)
    tragus = head.landmarks[f"tragus_{check_side(side)}"]
    if spots.z.min() < head.landmarks["menton"][2] - LOW_SPOT_MM:  # a spot low on the neck
        for point in ("eye", "center"):  # or shoulder: look lower, so it is in the frame
            cam[point]["z"] = round(cam[point]["z"] - LOW_SPOT_DROP, 4)
    field = pain.pain_field(pattern, side, raw=True)
    peak = pain.pain_mesh().vertices[int(np.argmax(field))]
    # the strongest pain on the back of the head (not on the neck or shoulder)
    behind = peak[1] < tragus[1] - PEAK_BEHIND_MM and peak[2] > tragus[2] - PEAK_BELOW_MM
    all_behind = bool((spots.y < tragus[1]).all())
    if all_behind or behind:
        eye = cam["eye"]
        degrees = BEHIND_TURN_DEG if all_behind else MOSTLY_BEHIND_TURN_DEG
        if not all_behind:
            eye["z"] = round(eye["z"] + MOSTLY_BEHIND_RAISE, 4)
        turn = np.radians(degrees) * (1 if side == "right" else -1)
        x, y = eye["x"], eye["y"]
        eye["x"] = round(float(x * np.cos(turn) + y * np.sin(turn)), 4)
        eye["y"] = round(float(-x * np.sin(turn) + y * np.cos(turn)), 4)
    return cam
