"""The interactive head: skin, landmarks with leader-lined labels, and the 10-20
positions (plotly via plotly3d)."""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel, load_head, side_of
from anatomy.viz import compact, plotly3d, style
from anatomy.viz.head_views.labels import (
    INSIDE_HEAD_MM,
    _towards_eye,
    perspective,
    view_labels,
)
from anatomy.viz.head_views.offsets import (
    ANTERIOR_OFFSETS,
    EEG_LATERAL_3D,
    LATERAL_3D,
    LEADER_PX,
    POSTERIOR_OFFSETS,
    POSTEROLATERAL_3D,
)
from anatomy.viz.nearest import covering_markers

__all__ = [
    "EEG_CAMERA", "HEAD_CAMERA", "SHORT_LABELS", "drawn_skin", "eeg_labels",
    "eeg_trace", "facing_landmarks", "head_figure", "label", "landmark_hover",
    "cropped_skin", "landmark_notes", "landmark_traces", "on_skin",
    "scene_box_layout", "skin_traces",
]

SHORT_LABELS = {
    "nasion": "nasion", "glabella": "glabella", "vertex": "vertex", "inion": "inion (EOP)",
    "menton": "menton", "c7_spinous": "C7 spinous", "suprasternal_notch": "suprasternal notch",
    "tragus": "tragus", "mastoid": "mastoid tip", "gonion": "gonion", "supraorbital":
    "supraorbital notch", "tmj": "TMJ", "clavicle_mid": "mid-clavicle", "acromion": "acromion",
}


def label(name: str) -> str:
    """Readable label of a landmark name, with (L)/(R) for sided ones.

    Parameters
    ----------
    name : str
        A landmark name, e.g. ``"mastoid_left"``.

    Returns
    -------
    str
        The short label, e.g. ``"mastoid tip (L)"``.
    """
    side = side_of(name)
    base = name.removesuffix(f"_{side}") if side else name
    suffix = f" ({side[0].upper()})" if side else ""
    return SHORT_LABELS.get(base, base.replace("_", " ")) + suffix


def landmark_hover(head: HeadModel, name: str) -> str:
    """Hover text of a landmark: its name, definition, position and sources.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    name : str
        A landmark name of ``head.landmarks``.

    Returns
    -------
    str
        HTML text for plotly's hover label (position in mm).
    """
    d = head.describe(name)
    p = np.round(head.landmarks[name], 1)
    return (f"<b>{label(name)}</b><br>{d.definition}<br><i>On the mesh:</i> "
            f"{_wrap(d.method)}<br>x={p[0]:g}, y={p[1]:g}, z={p[2]:g} mm")


def _wrap(text: str, width: int = 71) -> str:
    """Hover text in lines of at most ``width`` characters."""
    return plotly3d.wrap_words(text, width)


def drawn_skin(head: HeadModel, max_edge: float | None = None):
    """The skin as figures draw it.

    For the kit's head model this is its outer shell, smoothly refined
    (``anatomy.shell.display_skin``); another model is drawn as it is.

    Parameters
    ----------
    head : HeadModel
        The head model.
    max_edge : float, optional
        Longest edge (mm) of the refined shell (the default display size if None).

    Returns
    -------
    vertices : ndarray
        (N, 3) positions in mm.
    faces : ndarray
        (M, 3) triangles.
    """
    if head is not load_head():
        return head.vertices, head.faces
    from anatomy import shell

    d = shell.display_skin(shell.DISPLAY_MAX_EDGE_MM if max_edge is None else max_edge)
    return d.vertices, d.faces


def on_skin(head: HeadModel, points, gap: float = 2.5) -> np.ndarray:
    """Marker positions for skin points, so no marker sits half inside the skin.

    Parameters
    ----------
    head : HeadModel
        The head model (the kit's: points are lifted off its drawn skin).
    points : (K, 3) array_like
        Positions (mm) on the skin.
    gap : float
        Distance (mm) outside the drawn skin.

    Returns
    -------
    (K, 3) ndarray
        Marker positions (mm).
    """
    if head is not load_head():
        return np.asarray(points, float)
    from anatomy import shell

    return shell.lifted(points, gap)


def skin_traces(head: HeadModel, opacity: float = 1.0, name: str = "skin"):
    """The skin as plotly traces, with the eyes when it is opaque.

    See-through skin is one shell with nothing inside it (no eyeballs, mouth cavity or eye
    sockets), so nothing of the face shows through the back of the head. It is also
    coarser (``shell.SEE_THROUGH_MAX_EDGE_MM``) and sent in whole millimetres: faint skin
    shows neither, and the figure is about a third smaller.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    opacity : float, default 1.0
        Opacity of the skin (and of the eyes, drawn only when 1).
    name : str, default "skin"
        Legend name of the skin.

    Returns
    -------
    list of dict
        Plotly mesh3d traces: the skin, and the eyes when the skin is opaque.
    """
    from anatomy import shell

    v, f = drawn_skin(head, None if opacity >= 1.0 else shell.SEE_THROUGH_MAX_EDGE_MM)
    traces = [plotly3d.mesh_trace(v, f, name=name, color=style.SKIN, opacity=opacity,
                                  legendgroup="skin")]
    if opacity < 1.0:
        compact.whole_mm(traces[0])
    else:
        traces.append(plotly3d.eyes_trace(head.eye_vertices, head.eye_faces,
                                          legendgroup="skin"))
    return traces


def cropped_skin(head: HeadModel, z_min: float | None = None,
                 x_max: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The see-through skin's outer shell cut to the 3D scene box along straight lines.

    No eyes, mouth cavity or sockets show through it. Faces crossing a cut are clipped
    (``meshops.level_regions``), so the edge is not a saw tooth of whole faces, and the skin
    ends where the muscles that run on below the box do.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    z_min : float, optional
        Height of the lower cut, mm; where the muscles end
        (``anatomy.structures.frame.SCENE_FLOOR_Z``) if None.
    x_max : float, optional
        Distance of the side cuts from the midline, mm; 10 mm inside the scene box's
        sides (``conventions.SCENE_BOX``) if None.

    Returns
    -------
    vertices : numpy.ndarray, shape (n, 3)
        The cut skin's vertices, mm.
    faces : numpy.ndarray, shape (m, 3)
        Its triangles.
    """
    from anatomy import meshops
    from anatomy.conventions import SCENE_BOX
    from anatomy.shell import SEE_THROUGH_MAX_EDGE_MM
    from anatomy.structures.frame import SCENE_FLOOR_Z

    z_min = SCENE_FLOOR_Z if z_min is None else z_min
    x_max = SCENE_BOX[1][0] - 10.0 if x_max is None else x_max
    v, f = drawn_skin(head, SEE_THROUGH_MAX_EDGE_MM)
    for field in (lambda p: p[:, 2] - z_min, lambda p: x_max - np.abs(p[:, 0])):
        v, f, label, _ = meshops.level_regions(v, f, field(v)[None, :], level=0.0)
        used, inv = np.unique(f[label == 0], return_inverse=True)
        v, f = v[used], inv.reshape(-1, 3)
    return v, f


def scene_box_layout() -> dict:
    """The ``layout.scene`` settings that show the scene box (``conventions.SCENE_BOX``):
    its axis ranges (plotly clips at them, where the skin and the muscles end) and its
    proportions (aspectmode 'manual', so cameras can be placed in it).

    Returns
    -------
    dict
        ``aspectmode``, ``aspectratio`` and the three axes' ``range``.
    """
    from anatomy.conventions import SCENE_BOX

    lo, hi = (np.array(c, float) for c in SCENE_BOX)
    return {"aspectmode": "manual",
            "aspectratio": {k: round(float(a), 4)
                            for k, a in zip("xyz", (hi - lo) / np.cbrt((hi - lo).prod()))},
            **{f"{k}axis": {"range": [float(a), float(b)]} for k, a, b in zip("xyz", lo, hi)}}


def facing_landmarks(head: HeadModel, names, view: str) -> set[str]:
    """The landmarks a named camera view sees.

    A landmark is seen when no skin lies between it and the eye, looking along the
    camera's direction (``anatomy.skin.Skin.visible``): a point on the outline, seen
    edge-on, counts as hidden.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    names : iterable of str
        Landmark names to test.
    view : str
        A named camera:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.

    Returns
    -------
    set of str
        The names of the visible landmarks.
    """
    from anatomy.skin import Skin, head_skin

    names = list(names)
    skin = head_skin() if head is load_head() else Skin(head.vertices, head.faces)
    seen = skin.visible([head.landmarks[n] for n in names], towards=_towards_eye(view))
    return {n for n, ok in zip(names, seen) if ok}


def landmark_traces(head: HeadModel, names=None):
    """Landmark markers with hover text, as three toggleable groups (midline, left, right).

    The groups share the landmark colour and differ in symbol (midline circles, right
    squares, left open squares), so their three legend entries can be told apart.

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    names : iterable of str, optional
        Landmark names; all by default.

    Returns
    -------
    list of dict
        Up to three plotly scatter3d traces (midline, right, left).
    """
    names = list(names or head.landmarks)
    traces = []
    for group in ("midline", "right", "left"):
        sel = [n for n in names if (side_of(n) or "midline") == group]
        if sel:
            traces.append(plotly3d.points_trace(
                on_skin(head, [head.landmarks[n] for n in sel]), name=f"landmarks ({group})",
                hovertext=[landmark_hover(head, n) for n in sel], size=5,
                symbol=LANDMARK_SYMBOLS[group], legendgroup=f"landmarks-{group}"))
    return traces


LANDMARK_SYMBOLS = {"midline": "circle", "right": "square", "left": "square-open"}


def _label_offset(name: str, view: str, lateral: dict | None = None
                  ) -> tuple[float, float] | None:
    """The print plates' label offset (points, y up) of a landmark in a view, mirrored to
    the side the landmark shows on; None for views without a table (label on the marker).
    ``lateral`` replaces the lateral views' table."""
    # a posterolateral view shows the face on the same side of the screen as the lateral
    # view of that side, so it takes the lateral offsets (tragus, TMJ and gonion crowd)
    lateral = LATERAL_3D if lateral is None else lateral
    table = {"left": lateral, "right": lateral,
             "posterolateral_left": POSTEROLATERAL_3D, "posterolateral_right": POSTEROLATERAL_3D,
             "posterior": POSTERIOR_OFFSETS, "anterior": ANTERIOR_OFFSETS}.get(view)
    if table is None:
        return None
    side = side_of(name)
    dx, dy = table.get(name.removesuffix(f"_{side}") if side else name, (14, 10))
    mirrored = (view in ("left", "posterolateral_left")
                or (view == "posterior" and side == "left")
                or (view == "anterior" and side == "right"))
    return (-dx if mirrored else dx), dy


# landmarks whose skin point the camera sees edge-on (so ``facing_landmarks`` leaves them
# out) but whose marker, lifted off the skin, shows at the outline: labelled in these views
# when the marker is in sight, where the outline leaves room for the label
EDGE_LABELS = {
    "left": ("c7_spinous", "suprasternal_notch", "clavicle_mid"),
    "right": ("c7_spinous", "suprasternal_notch", "clavicle_mid"),
    # the mid-clavicle points over the shoulders' tops, the far acromion at the outline,
    # the tragi beside the cheeks, and from behind and to the side the tragus beside the
    # TMJ, in front of the ear's root: their markers showed unnamed
    "posterior": ("clavicle_mid",),
    "posterolateral_left": ("clavicle_mid", "acromion", "tragus"),
    "posterolateral_right": ("clavicle_mid", "acromion", "tragus"),
    "anterior": ("tragus", "gonion"),
}
# a marker at the outline counts as in sight when its centre or its rim, this far (mm)
# to either side or above or below it on the screen, is (the gonion markers stood out at
# the jaw's outline from the front, their centres just behind it, unnamed: student review)
EDGE_RIM_MM = 3.0
# markers of one side this close (screen mm) share one label, at the one nearer the eye:
# from the front the TMJ and tragus markers lie 0.5 mm apart, and their two leader lines
# met at one spot (student review)
MERGE_MM = 2.0


def _edge_landmarks(head: HeadModel, names, view: str, frame: dict | None = None
                    ) -> set[str]:
    """The ``EDGE_LABELS`` of a view among ``names`` whose drawn marker the camera's eye
    sees, in perspective as plotly draws it."""
    wanted = EDGE_LABELS.get(view, ())
    names = [n for n in names if (n.removesuffix(f"_{side_of(n)}") if side_of(n) else n)
             in wanted]
    if not names:
        return set()
    eye = perspective(head, view, frame=frame)
    pts = on_skin(head, [head.landmarks[n] for n in names])
    seen = np.any([eye.visible(pts + EDGE_RIM_MM * r) for r in
                   (np.zeros(3), eye.right, -eye.right, eye.up, -eye.up)], axis=0)
    return {n for n, ok in zip(names, seen) if ok}


def landmark_notes(head: HeadModel, names, view: str, lateral: dict | None = None,
                   frame: dict | None = None) -> list[dict]:
    """Labels for the landmarks a view sees, as scene annotations.

    A landmark seen edge-on is labelled in the views of ``EDGE_LABELS`` when its marker
    shows. In the anterior, posterior, lateral and posterolateral views a label sits at the print
    plates' offset with a thin leader line (neighbours such as tragus and TMJ would cover
    each other); otherwise (superior) just above its marker. Page text rather than 3D
    text: the skin never cuts it and it does not slow the first paint (plotly.js draws 3D
    text as vector glyphs).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    names : iterable of str
        Landmark names to label (only the visible ones are).
    view : str
        A named camera:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    lateral : dict, optional
        Label offsets for the lateral views (``LATERAL_3D`` by default).
    frame : dict, optional
        ``distance`` and ``centre_z`` of the figure's cameras, if not the kit's (see
        ``plotly3d.camera``): which markers the camera's eye sees depends on them.

    Returns
    -------
    list of dict
        ``layout.scene.annotations`` entries (see ``plotly3d.point_note``).
    """
    names = list(names)
    # facing the camera, and its marker in sight of the camera's eye as plotly draws it:
    # from above, the mid-clavicle points face up, but the head hides their markers, and
    # their labels floated over the ears
    facing = [n for n in names if n in facing_landmarks(head, names, view)]
    eye = perspective(head, view, frame=frame)
    shown = eye.visible(on_skin(head, [head.landmarks[n] for n in facing])) if facing else []
    seen = {n for n, ok in zip(facing, shown) if ok} | _edge_landmarks(head, names, view,
                                                                        frame)
    notes = []
    shown = [n for n in names if n in seen]
    texts = _merged_labels(head, shown, view, frame)
    for n in (n for n in shown if texts[n]):
        offset = _label_offset(n, view, lateral)
        px = None if offset is None else (LEADER_PX * offset[0], -LEADER_PX * offset[1])
        # the label starts where a sideways leader line ends, so it never covers its own
        # marker; a label above or below its point stays centred on the line
        anchor = ("auto" if px is None or abs(px[0]) < 0.5 * abs(px[1])
                  else "left" if px[0] > 0 else "right")
        notes.append(plotly3d.point_note(head.landmarks[n], texts[n], offset_px=px,
                                         xanchor=anchor))
    return notes


def _merged_labels(head: HeadModel, names, view: str, frame: dict | None = None
                   ) -> dict[str, str]:
    """Each landmark's label in a view: ``label``, or for markers of one side within
    ``MERGE_MM`` of each other on the screen one label at the marker nearer the eye
    ("TMJ and tragus (R)") and "" at the other."""
    texts = {n: label(n) for n in names}
    if len(names) < 2:
        return texts
    eye = perspective(head, view, frame=frame)
    pts = on_skin(head, [head.landmarks[n] for n in names])
    near_first = np.argsort(np.linalg.norm(pts - eye.eye, axis=1), kind="stable")
    sides = [side_of(n) or f"midline {k}" for k, n in enumerate(names)]  # never joined
    for k, js in covering_markers(eye.screen(pts), near_first, MERGE_MM, sides).items():
        side = sides[k]
        base = [SHORT_LABELS[names[i].removesuffix(f"_{side}")] for i in (k, *js)]
        texts[names[k]] = f"{' and '.join(base)} ({side[0].upper()})"
        for j in js:
            texts[names[j]] = ""
    return texts



# the 10-20 markers sit further off the skin than the landmarks' 2.5 mm: plotly draws a 3D
# label at its point's depth, and on paper, whose labels are drawn larger, the skin above
# the ear hid half of T7's name (review 32)
EEG_GAP_MM = 6.0


def eeg_labels(head: HeadModel, view: str, frame: dict | None = None
               ) -> tuple[list[str], list[str]]:
    """The 10-20 labels a named camera shows, and where each sits (``view_labels``).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    view : str
        A named camera (see ``plotly3d.CAMERAS``).
    frame : dict, optional
        ``distance`` and ``centre_z`` of the figure's cameras, if not the kit's (see
        ``plotly3d.camera``).

    Returns
    -------
    text : list of str
        Per position (in ``head.eeg_positions`` order), its name, or "" when hidden.
    textposition : list of str
        Per position, the plotly text position away from the head.
    """
    names = list(head.eeg_positions)
    raw = [head.eeg_positions[n] for n in names]
    return view_labels(head, on_skin(head, raw, EEG_GAP_MM), names, view, skin_points=raw,
                       turn=True, clear=True, frame=frame)


def eeg_trace(head: HeadModel, visible=True, view: str | None = None,
              frame: dict | None = None):
    """The 10-20 electrode positions as a 3D marker trace (hover names them).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    visible : bool or "legendonly", default True
        Initial visibility.
    view : str, optional
        The named camera the figure opens with: each label is then placed away from the
        head in that view (``outward_text_positions``); above its point if None.
    frame : dict, optional
        ``distance`` and ``centre_z`` of the figure's cameras, if not the kit's (see
        ``plotly3d.camera``).

    Returns
    -------
    dict
        A plotly scatter3d trace.
    """
    names = list(head.eeg_positions)
    pts = on_skin(head, [head.eeg_positions[n] for n in names], EEG_GAP_MM)
    labels, where = (names, "top center") if view is None else eeg_labels(head, view, frame)
    return plotly3d.points_trace(pts, name="10-20 positions", labels=labels,
                                 hovertext=[f"<b>{n}</b> (10-20 system)" for n in names],
                                 color=style.OKABE_ITO["bluish_green"], size=4,
                                 symbol="diamond", visible=visible, textposition=where)


# the head figures' cameras: a little closer than the kit's default and looking lower, so
# that the head fills the figure from just under the view menu (at the default, 100-120 px
# stood empty above the vertex) and the near shoulder's acromion stays above the legend;
# from in front and behind both acromions stay inside a 592 px notebook column
HEAD_CAMERA = {"distance": 0.92, "centre_z": 0.05}
# with the 10-20 positions, a camera on the head alone (the shoulders matter less): looking
# as low as HEAD_CAMERA, its eye saw the top of the ear in front of T7's name and cut it
EEG_CAMERA = {"distance": 0.88, "centre_z": 0.14}


def head_figure(head: HeadModel, *, view: str = "posterolateral_right", landmarks=True,
                eeg: bool = False, orthographic: bool = False, title: str = "",
                height: int = plotly3d.FIGURE_HEIGHT) -> plotly3d.KitFigure:
    """Interactive 3D head with labelled landmarks (and optionally the 10-20 positions).

    Parameters
    ----------
    head : HeadModel
        The head model (``load_head()``).
    view : str, default "posterolateral_right"
        Starting camera:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    landmarks : bool or iterable of str, default True
        True: every landmark; a list: those landmarks; False or empty: none.
    eeg : bool, default False
        Also show the 10-20 EEG positions.
    orthographic : bool, default False
        Orthographic instead of perspective projection.
    title : str, default ""
        Figure title.
    height : int, default plotly3d.FIGURE_HEIGHT (620)
        Figure height, pixels.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If ``view`` is not a named camera.
    """
    names = list(head.landmarks) if landmarks is True else list(landmarks or [])
    frame = EEG_CAMERA if eeg else HEAD_CAMERA
    traces = skin_traces(head)
    if names:
        traces += landmark_traces(head, names)
    if eeg:
        traces.append(eeg_trace(head, view=view, frame=frame))
    fig = plotly3d.scene_figure(traces, title=title, view=view, orthographic=orthographic,
                                height=height)
    fig["layout"]["scene"]["camera"] = plotly3d.camera(view, orthographic, **frame)
    lateral = EEG_LATERAL_3D if eeg else None
    notes = ({v: landmark_notes(head, names, v, lateral, frame) for v in plotly3d.CAMERAS}
             if names else None)
    if notes:
        fig["layout"]["scene"]["annotations"] = notes[view]
    restyle = None
    if eeg:  # each view labels the 10-20 positions it sees, away from the head
        k = len(fig["data"]) - 1
        restyle = {v: (dict(zip(("text", "textposition"),
                                ([x] for x in eeg_labels(head, v, frame)))), [k])
                   for v in plotly3d.CAMERAS}
    plotly3d.view_menu(fig, orthographic, active=view, notes=notes, restyle=restyle,
                       **frame)
    if eeg:  # the labels a view brings in show full size in JupyterLab
        plotly3d.prime_text_glyphs(fig, INSIDE_HEAD_MM)
    alt = (f"3D model of an adult head, neck and shoulders seen from the "
           f"{view.replace('_', ' ')}, with {len(names)} skin landmarks marked"
           + (" and the 10-20 EEG positions" if eeg else "") + "; each view names the "
           "ones it shows room for, and hovering a marker names it. Drag to rotate; use the "
           "menu for anterior, posterior, lateral and superior views.")
    return plotly3d.KitFigure(fig, alt)
