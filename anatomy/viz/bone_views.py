"""The bones alone (skull, mastoids, mandible, C1-C3) with their named landmarks, in 3D.

Each named view names the landmarks it sees, placed away from the bones where no other
name is (``head_views.view_labels``, with the bones' surface standing in for the skin):
one set of names for every view stacked them in a pile at the back of the neck, and a
name whose landmark lay behind the skull showed through it.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from anatomy.conventions import check_choice
from anatomy.head import load_head
from anatomy.structures import SHOULDER_GIRDLE, load_structures, structure_points
from anatomy.structures.vertebrae import LOWER_CERVICAL
from anatomy.viz import plotly3d, style
from anatomy.viz.head_views import view_labels
from anatomy.viz.structure_views import structure_traces

__all__ = ["BONE_VIEWS", "BONY_LANDMARKS", "bones_figure"]

# bony landmarks the muscles attach to, the suboccipital ones first (where names would
# crowd, the earlier takes its place first); a line (the nuchal lines) is named on its
# right half only ("": no name of its own). The mastoid is named on the left: from behind
# the right one's name fell on the angle of the mandible's, which lies 40 mm further
# forward and, in perspective, just below it (the names are placed as if seen from afar)
BONY_LANDMARKS = {
    "c1_posterior_tubercle": "C1 posterior tubercle", "c2_spinous_process":
    "C2 spinous (bifid)", "eop": "EOP", "mastoid_tip_left": "mastoid",
    "c1_transverse_process_right": "C1 transverse process",
    "foramen_magnum_posterior": "foramen magnum (rim)", "c2_dens_tip": "dens",
    "c3_spinous_process": "C3", "mandible_angle_right": "angle of mandible",
    "mandible_condyle_right": "condyle (TMJ)", "mastoid_tip_right": "",
    "superior_nuchal_line_right": "superior nuchal line", "superior_nuchal_line_left": "",
    "inferior_nuchal_line_right": "inferior nuchal line", "inferior_nuchal_line_left": ""}
# the views the menu offers: from the front and from above the model's vault shows open
# (the face and the skull base are not built: their tissue depths are not sourced), and
# the neck's bones hung in the face (student review)
BONE_VIEWS = ("posterior", "left", "right", "posterolateral_left", "posterolateral_right")
TITLE = "Bones of the skull and upper neck (hover names each bone and landmark)"
NOTE_STEP_PX = 16.0  # a name's leader line: about as far as view_labels places it
_OFF_BONE_MM = 1.5  # landmarks are drawn this far off the bone (the dots sat half inside it)


def _bone_surface(bones) -> SimpleNamespace:
    """The bones' meshes as one surface (``vertices``, ``faces``): what hides a landmark
    and which way is off the bone, for ``view_labels``."""
    meshes = [(s.vertices, s.faces) for s in bones.values() if s.faces is not None]
    starts = np.cumsum([0] + [len(v) for v, _ in meshes[:-1]])
    return SimpleNamespace(vertices=np.concatenate([v for v, _ in meshes]),
                           faces=np.concatenate([f + k for (_, f), k in zip(meshes, starts)]))


def bones_figure(*, view: str = "posterolateral_right", labels: bool = True,
                 height: int = plotly3d.FIGURE_HEIGHT,
                 zoom: float = 1.25) -> plotly3d.KitFigure:
    """The bones alone (skull, mastoids, mandible, C1-C3) with their named landmarks.

    Nuchal lines are drawn as dotted lines just off the bone, other landmarks as dots;
    hover names each bone and landmark. A view menu turns the camera; each view names the
    landmarks it sees on white boxes beside them.

    Parameters
    ----------
    view : str, default "posterolateral_right"
        The named view the figure opens with (``BONE_VIEWS``): ``"posterior"``,
        ``"left"``, ``"right"``, ``"posterolateral_left"`` or ``"posterolateral_right"``.
    labels : bool, default True
        Name the landmarks on the figure (hover names them either way).
    height : int, default plotly3d.FIGURE_HEIGHT (620)
        Figure height, pixels.
    zoom : float, default 1.25
        Scales the camera's distance in every view (above 1 steps back; at 1 the vault
        touched the top of the scene).

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text.

    Raises
    ------
    ValueError
        If ``view`` is not one of ``BONE_VIEWS``; the message lists them.
    """
    view = check_choice(view, BONE_VIEWS, "view of the bones")
    pts = structure_points()
    # framed on the skull and C1-C3: the shoulder girdle and C4-C7 (drawn in the anatomy
    # scenes, where the trapezius, SCM and levator scapulae end on them) are left out
    bones = {k: s for k, s in load_structures(layer="bone").items()
             if s.base not in (*SHOULDER_GIRDLE, LOWER_CERVICAL)}
    traces = structure_traces(bones)
    lines, dots, names = [], [], []
    centre = np.array([0.0, -10.0, 10.0])
    for key, text in BONY_LANDMARKS.items():
        p = np.atleast_2d(pts[key])
        out = p - centre
        p = p + _OFF_BONE_MM * out / np.linalg.norm(out, axis=1, keepdims=True)
        if len(p) > 1:
            lines.append((p, text or key.replace("_", " ")))
        else:
            dots.append(p[0])
            names.append(text)
    for k, (p, text) in enumerate(lines):
        traces.append(plotly3d.line_trace(p, name="Nuchal lines", color=style.TEXT, width=4,
                                          dash="dot", hovertext=text, legendgroup="marks",
                                          showlegend=k == 0))
    dots = np.array(dots)
    # every view looks where the kit's named views look, so that the labels, placed along
    # those views' directions, sit where plotly draws them (a view centred lower looked
    # down more steeply, and the angle of the mandible's name fell on the mastoid's)
    frame = {"distance": zoom}
    notes = None
    if labels:
        surface = _bone_surface(bones)
        # labels keep fixed gaps in pixels: in mm they scale with the scene's box (the
        # bones', smaller than the skin's the gaps are set for) and the camera's distance
        unit = zoom * np.ptp(surface.vertices, axis=0).max() / np.ptp(
            load_head().vertices, axis=0).max()
        # the data box places plotly's eye (for ``clear``)
        xyz = np.concatenate([surface.vertices, dots, *[p for p, _ in lines]])
        box = (xyz.min(axis=0), xyz.max(axis=0))
        notes = {}
        for name in BONE_VIEWS:
            # clear: only where the text's place is not behind a bone, so that its white
            # box does not sit on a bone nearer the eye than the landmark it names
            text, where = view_labels(surface, dots, names, name, turn=True, clear=True,
                                      box=box, frame=frame, unit=unit,
                                      order=range(len(dots)), sideways=True)
            # page text on a white box (plotly's 3D text has none, and over bone the
            # names were hard to read: student review), on a short leader
            notes[name] = [plotly3d.leader_note(p, t, w, NOTE_STEP_PX)
                           for p, t, w in zip(dots, text, where) if t]
    traces.append(plotly3d.points_trace(
        dots, name="Bony landmarks", hovertext=[n or "" for n in names], size=4,
        color=style.TEXT, legendgroup="marks"))
    fig = plotly3d.scene_figure(traces, view=view, height=height, title=TITLE)
    fig["layout"]["scene"]["camera"] = plotly3d.camera(view, **frame)
    if notes:
        fig["layout"]["scene"]["annotations"] = notes[view]
    plotly3d.view_menu(fig, active=view, notes=notes, views=BONE_VIEWS, **frame)
    alt = ("3D bones of the upper neck and the skull, without skin or muscles: the vault "
           "(frontal, parietal and occipital bones) with the external occipital protuberance and "
           "the superior and inferior nuchal lines (dotted), the posterior rim of the "
           "foramen magnum, the mastoid processes, the mandible (condyle, ramus, angle, "
           "body to the chin), the atlas (C1) ring with its transverse processes, the axis (C2) "
           "with its dens and bifid spinous process, and C3.")
    return plotly3d.KitFigure(fig, alt)
