"""Where the landmark labels go: offsets (points, y up) from each landmark to its label
in the print plates and, times ``LEADER_PX``, in the 3D figures' views."""

from __future__ import annotations

__all__ = ["ANTERIOR_OFFSETS", "EEG_LATERAL_3D", "LATERAL_3D", "LATERAL_OFFSETS", "LEADER_PX",
           "POSTERIOR_OFFSETS", "POSTEROLATERAL_3D"]

LATERAL_OFFSETS = {
    "vertex": (10, 12), "glabella": (14, 8), "nasion": (16, -2), "menton": (16, -6),
    "inion": (-14, 6), "c7_spinous": (-14, 0), "suprasternal_notch": (18, 10),
    "tragus": (4, 26), "mastoid": (-16, -14), "gonion": (12, -16), "supraorbital": (14, 14),
    "tmj": (20, 12), "clavicle_mid": (-6, -30), "acromion": (-22, 16),
}
ANTERIOR_OFFSETS = {  # subject's left (the viewer's right); the right side is mirrored
    "vertex": (12, 10), "glabella": (0, 30), "nasion": (0, -24), "supraorbital": (30, 26),
    "menton": (0, -22), "tmj": (24, 8), "gonion": (20, -12), "tragus": (20, -14),
    "suprasternal_notch": (0, -20), "clavicle_mid": (10, -22), "acromion": (10, 20),
    "mastoid": (20, -8),
}
# smaller view; the clavicle named to its side, in front of the chest (below, its label
# covered the acromion's marker)
LATERAL_3D = {**LATERAL_OFFSETS, "supraorbital": (-34, 46), "tragus": (2, 34),
              "clavicle_mid": (18, -2)}
# posterolateral views: the lateral offsets, but gonion and acromion labels sideways so
# that in perspective they clear TMJ, mastoid and each other
POSTEROLATERAL_3D = {**LATERAL_3D, "gonion": (16, -4), "acromion": (24, 4), "mastoid": (-18, 8)}
# with the 10-20 labels on: tragus, nasion and inion labels below their points, clear
# of T7, Nz and O1-Iz
EEG_LATERAL_3D = {**LATERAL_3D, "tragus": (18, -30), "nasion": (20, -20), "inion": (-16, -18)}
LEADER_PX = 1.4  # 3D label offsets: screen pixels per point of the plate offsets
POSTERIOR_OFFSETS = {
    "vertex": (12, 10), "inion": (14, -12), "c7_spinous": (16, 6), "mastoid": (20, -6),
    "tragus": (22, 10), "gonion": (18, -10), "acromion": (6, 30), "clavicle_mid": (14, -22),
}
