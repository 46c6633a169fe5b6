"""The see-through skin with an opaque face (``anatomy.face``): the kit models no facial
skeleton, so the face in front of the jaw joint is drawn as a closed, opaque mask."""

from __future__ import annotations

from anatomy.face import face_mask, split_by_box
from anatomy.head import HeadModel
from anatomy.viz import compact, plotly3d, style

__all__ = ["see_through_skin_traces"]


def see_through_skin_traces(head: HeadModel, opacity: float) -> list[dict]:
    """The see-through skin (``cropped_skin``) as two plotly traces: the skin outside the
    face box, see-through, and the face, an opaque closed mask (``anatomy.face``); both
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
        The see-through skin's trace, then the face mask's.
    """
    from anatomy.viz.head_views.scene import cropped_skin

    skin, _ = split_by_box(*cropped_skin(head))
    traces = [plotly3d.mesh_trace(*skin, name="skin", color=style.SKIN, opacity=opacity,
                                  legendgroup="skin"),
              plotly3d.mesh_trace(*face_mask(), name="face (no facial skeleton modelled)",
                                  color=style.SKIN, legendgroup="skin", showlegend=False)]
    # the faint skin in whole millimetres (it does not show them, and it halves the
    # bytes); the opaque face as it is: rounded, it shaded in facets and cracks (review 13)
    compact.whole_mm(traces[0])
    for t in traces:
        t["meta"] = {"layer": "skin"}
    return traces
