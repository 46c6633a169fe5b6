"""The head-neck-shoulders skin model, its landmarks and 10-20 positions."""

from __future__ import annotations

import tomllib
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from anatomy.conventions import (
    DATA_DIR,
    HEAD_MESH_FILE,
    REBUILD_HEAD_COMMAND,
    SIDES,
    Choices,
    check_choice,
)

__all__ = [
    "AURICLE_RAMP_MM", "BILATERAL", "EAR_BOX_MM", "HeadModel", "LANDMARKS_FILE",
    "LANDMARK_NAMES", "Landmark", "MIDLINE", "auricle_weight", "ear_vertices",
    "landmark_definitions", "load_head", "side_of",
]

LANDMARKS_FILE = DATA_DIR / "landmarks.toml"
BILATERAL = ("tragus", "mastoid", "gonion", "supraorbital", "tmj", "clavicle_mid", "acromion")
MIDLINE = ("nasion", "glabella", "vertex", "inion", "menton", "c7_spinous", "suprasternal_notch")
LANDMARK_NAMES = MIDLINE + tuple(f"{b}_{s}" for b in BILATERAL for s in SIDES)
_MESH_KEYS = ("vertices", "faces", "eye_vertices", "eye_faces", "landmark_names",
              "landmark_points", "eeg_names", "eeg_points")


@dataclass(frozen=True)
class Landmark:
    """What a landmark is and how the kit finds it on the mesh."""

    name: str
    definition: str
    method: str
    references: tuple[str, ...]
    derived: bool = False

    def _repr_markdown_(self) -> str:
        from anatomy.references import cite  # the sources by name, not registry key

        refs = cite(*self.references)
        flag = " *(derived position)*" if self.derived else ""
        return (f"**{self.name}**{flag}: {self.definition}\n\n*Found on the mesh:* "
                f"{self.method}\n\n*Sources:* {refs}")

    def __str__(self) -> str:
        return self._repr_markdown_().replace("**", "").replace("*", "")


@dataclass(frozen=True, eq=False)
class HeadModel:
    """Skin mesh (mm, kit frame) with named landmarks and 10-20 positions."""

    vertices: np.ndarray
    faces: np.ndarray
    landmarks: dict[str, np.ndarray]
    eeg_positions: dict[str, np.ndarray]
    eye_vertices: np.ndarray
    eye_faces: np.ndarray
    source: str = field(default="")

    def landmark(self, name: str) -> np.ndarray:
        """Position of one landmark; an unknown name raises ValueError with close matches.

        Parameters
        ----------
        name : str
            A key of ``self.landmarks``, e.g. ``"inion"`` or ``"mastoid_right"``.

        Returns
        -------
        numpy.ndarray, shape (3,)
            The landmark on the skin, mm.

        Raises
        ------
        ValueError
            If ``name`` is not a landmark.
        """
        return self.landmarks[check_choice(name, self.landmarks, "landmark")]

    def eeg(self, name: str) -> np.ndarray:
        """Position of one 10-20 site (e.g. 'Cz', 'O1').

        Parameters
        ----------
        name : str
            A key of ``self.eeg_positions`` (modern names: ``"T7"``, ``"P7"``, ...).

        Returns
        -------
        numpy.ndarray, shape (3,)
            The position on the skin, mm.

        Raises
        ------
        ValueError
            If ``name`` is not a 10-20 position.
        """
        return self.eeg_positions[check_choice(name, self.eeg_positions, "10-20 position")]

    def describe(self, name: str) -> Landmark:
        """Definition, method and sources of a landmark (side suffix optional).

        Parameters
        ----------
        name : str
            A landmark name, with or without ``_left``/``_right`` (e.g. ``"mastoid"``).

        Returns
        -------
        Landmark
            The landmark's definition, how it is placed on the mesh, whether it is derived,
            and its references.

        Raises
        ------
        ValueError
            If ``name`` is not a landmark.
        """
        base = name.removesuffix("_left").removesuffix("_right")
        defs = landmark_definitions()
        if base not in defs:
            check_choice(name, self.landmarks, "landmark")
        return defs[base]

    def dimensions(self) -> dict[str, float]:
        """Anthropometric checks in mm (straight lines between skin landmarks).

        Returns
        -------
        dict[str, float]
            ``bitragion_breadth``, ``bimastoid_breadth_skin``, ``biacromial_breadth``,
            ``head_length`` (glabella to the back of the head) and ``head_breadth`` (widest
            above the ears), mm.
        """
        lm = self.landmarks
        dist = lambda a, b: float(np.linalg.norm(lm[a] - lm[b]))  # noqa: E731
        head = self.vertices[self.vertices[:, 2] > lm["tragus_left"][2]]
        return {
            "bitragion_breadth": dist("tragus_left", "tragus_right"),
            "bimastoid_breadth_skin": dist("mastoid_left", "mastoid_right"),
            "biacromial_breadth": dist("acromion_left", "acromion_right"),
            "head_length": float(lm["glabella"][1] - head[:, 1].min()),
            "head_breadth": float(
                2 * np.abs(head[:, 0][head[:, 2] > lm["tragus_left"][2] + 40]).max()),
        }


@lru_cache(maxsize=1)
def landmark_definitions() -> dict[str, Landmark]:
    """Landmark definitions from ``anatomy/data/landmarks.toml``."""
    raw = tomllib.loads(LANDMARKS_FILE.read_text(encoding="utf-8"))
    return {k: Landmark(name=k, definition=v["definition"], method=v["method"],
                        references=tuple(v["references"]), derived=v.get("derived", False))
            for k, v in raw.items()}


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@lru_cache(maxsize=2)
def _load(path: str) -> HeadModel:
    hint = f"Rebuild it with `{REBUILD_HEAD_COMMAND}`."
    try:
        data = np.load(path, allow_pickle=False)
        files = list(data.files)
    except FileNotFoundError:
        raise FileNotFoundError(f"Head mesh file {path} is missing. {hint}") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, AttributeError) as exc:
        raise ValueError(f"Head mesh file {path} is corrupt ({exc}). {hint}") from None
    with data:
        missing = [k for k in _MESH_KEYS if k not in files]
        if missing:
            raise ValueError(f"Head mesh file {path} lacks {missing}. {hint}")
        arrays = {k: data[k] for k in _MESH_KEYS}
        source = str(data["source"]) if "source" in files else ""
    v = arrays["vertices"].astype(float)
    f = arrays["faces"].astype(np.int64)
    if v.ndim != 2 or v.shape[1] != 3 or f.ndim != 2 or f.shape[1] != 3 or f.max() >= len(v):
        raise ValueError(f"Head mesh file {path} has malformed arrays. {hint}")
    stored = dict(zip(arrays["landmark_names"].tolist(), arrays["landmark_points"]))
    landmarks = {k: _readonly(np.array(stored[k], float)) for k in LANDMARK_NAMES if k in stored}
    missing = sorted(set(LANDMARK_NAMES) - set(stored))
    if missing:
        raise ValueError(f"Head mesh file {path} lacks landmarks {missing}. {hint}")
    eeg = {str(k): _readonly(np.array(p, float))
           for k, p in zip(arrays["eeg_names"], arrays["eeg_points"])}
    return HeadModel(
        vertices=_readonly(v), faces=_readonly(f), landmarks=Choices(landmarks, "landmark"),
        eeg_positions=Choices(eeg, "10-20 position"),
        eye_vertices=_readonly(arrays["eye_vertices"].astype(float)),
        eye_faces=_readonly(arrays["eye_faces"].astype(np.int64)), source=source,
    )


def load_head(path=None) -> HeadModel:
    """Load the head-neck-shoulders model (cached; arrays are read-only).

    Millimetres; +x the subject's right, +y anterior, +z superior; origin midway
    between the tragi.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The mesh file; ``anatomy/data/head_mesh.npz`` by default.

    Returns
    -------
    HeadModel
        Skin and eye meshes, landmarks and 10-20 positions.

    Raises
    ------
    FileNotFoundError
        If the file is missing (the message names the command that rebuilds it).
    ValueError
        If the file is corrupt or lacks arrays or landmarks.
    """
    return _load(str(path or HEAD_MESH_FILE))


def side_of(name: str) -> str | None:
    """'left', 'right' or None for a landmark name.

    Parameters
    ----------
    name : str
        A landmark name.

    Returns
    -------
    str or None
        ``"left"`` or ``"right"`` from the name's suffix, None for a midline landmark.
    """
    for side in SIDES:
        if name.endswith(f"_{side}"):
            return side
    return None


# the auricle: skin standing more than 3 mm out from the tragus, from 45 mm behind it to
# 8 mm in front and 35 mm above or below it (the side of the head there lies within 2 mm
# of the tragus's breadth; the auricle reaches 14 mm beyond it), and all the skin from 4
# mm in front of the tragus to 18 mm behind it and 15 mm above or below it: the tragus,
# the root of the helix and the concha, whose floor lies up to 11 mm deep to the tragus
# (inside the auricle's rim, the maps coloured them)
EAR_BOX_MM = {"out": 3.0, "behind": 45.0, "front": 8.0, "up_down": 35.0,
              "concha_front": -4.0, "concha_behind": 18.0, "concha_up_down": 15.0}
# ``auricle_weight`` rises from 0 to 1 over this many mm out from the head's side, ending
# at the box's "out"
AURICLE_RAMP_MM = 2.0


def _out_beyond_tragus(vertices) -> np.ndarray:
    """Per vertex: how far (mm) it stands out beyond its side's tragus inside that ear's
    box (``EAR_BOX_MM``), inf in its concha, -inf outside both ears."""
    v = np.asarray(vertices, float)
    out = np.full(len(v), -np.inf)
    b = EAR_BOX_MM
    for side in SIDES:
        t = load_head().landmarks[f"tragus_{side}"]
        box = ((v[:, 1] > t[1] - b["behind"]) & (v[:, 1] < t[1] + b["front"])
               & (np.abs(v[:, 2] - t[2]) < b["up_down"]))
        out = np.where(box, np.maximum(out, np.sign(t[0]) * v[:, 0] - abs(t[0])), out)
        concha = ((np.sign(t[0]) * v[:, 0] > 0) & (v[:, 1] < t[1] - b["concha_front"])
                  & (v[:, 1] > t[1] - b["concha_behind"])
                  & (np.abs(v[:, 2] - t[2]) < b["concha_up_down"]))
        out[concha] = np.inf
    return out


def ear_vertices(vertices) -> np.ndarray:
    """Which skin vertices belong to the auricles (``EAR_BOX_MM`` around each tragus).

    Parameters
    ----------
    vertices : (N, 3) array_like
        Skin vertices, mm.

    Returns
    -------
    numpy.ndarray of bool, shape (N,)
        True for the vertices of either auricle.
    """
    return _out_beyond_tragus(vertices) > EAR_BOX_MM["out"]


def auricle_weight(vertices) -> np.ndarray:
    """How much each skin vertex belongs to an auricle: 0 on the head, 1 on the auricle
    (``ear_vertices``), rising over ``AURICLE_RAMP_MM`` at the ear's root, so that a field
    masked by it ends in a smooth line round the root, not a saw-tooth of faces.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Skin vertices, mm.

    Returns
    -------
    numpy.ndarray, shape (N,)
        0 to 1.
    """
    start = EAR_BOX_MM["out"] - AURICLE_RAMP_MM
    return np.clip((_out_beyond_tragus(vertices) - start) / AURICLE_RAMP_MM, 0.0, 1.0)
