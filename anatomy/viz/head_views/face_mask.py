"""The see-through skin with an opaque face (``anatomy.face``) and opaque auricles: the kit
models no facial skeleton, so the face in front of the jaw joint is drawn as a closed,
opaque mask, and the ears as they are, so that a view shows where they stand."""

from __future__ import annotations

import numpy as np

from anatomy.face import auricles, face_mask, split_by_box
from anatomy.head import HeadModel, ear_vertices
from anatomy.viz import compact, plotly3d, style

__all__ = ["see_through_skin_traces"]


def _used(vertices, faces) -> tuple[np.ndarray, np.ndarray]:
    """The vertices ``faces`` use, and the faces renumbered to them."""
    used, inverse = np.unique(faces, return_inverse=True)
    return np.asarray(vertices)[used], inverse.reshape(-1, 3)


def see_through_skin_traces(head: HeadModel, opacity: float) -> list[dict]:
    """The see-through skin (``cropped_skin``) as three plotly traces: the skin outside the
    face box, less the auricles, see-through; the face, an opaque closed mask
    (``anatomy.face``); and the auricles (``anatomy.face.auricles``), opaque. All are
    in the "skin" layer and legend group (one legend entry).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    opacity : float
        Opacity of the see-through skin.

    Returns
    -------
    list of dict
        The see-through skin's trace, then the face mask's, then the auricles'.
    """
    from anatomy.viz.head_views.scene import cropped_skin

    (v, f), _ = split_by_box(*cropped_skin(head))
    # the auricles opaque too: see-through, an ear was a faint pale blob, and a student
    # could not tell where "behind the ear" lies (the LON stage: review 34). The far ear
    # stays hidden behind the skull and the neck in the figures' views
    ear = ear_vertices(v)[f].all(axis=1)
    traces = [plotly3d.mesh_trace(*_used(v, f[~ear]), name="skin", color=style.SKIN,
                                  opacity=opacity, legendgroup="skin"),
              plotly3d.mesh_trace(*face_mask(), name="face (no facial skeleton modelled)",
                                  color=style.SKIN, legendgroup="skin", showlegend=False),
              plotly3d.mesh_trace(*auricles(), name="auricles", color=style.SKIN,
                                  legendgroup="skin", showlegend=False)]
    # the faint skin in whole millimetres (it does not show them, and it halves the
    # bytes); the opaque face as it is: rounded, it shaded in facets and cracks (review 13)
    compact.whole_mm(traces[0])
    for t in traces:
        t["meta"] = {"layer": "skin"}
    return traces
