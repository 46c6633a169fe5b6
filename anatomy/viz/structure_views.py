"""Figures of the deep structures (bones, muscles, arteries, C1 and great auricular
nerves) under the skin."""

from __future__ import annotations

import numpy as np

from anatomy.head import HeadModel, load_head
from anatomy.references import cite
from anatomy.structures import LAYERS, Structure, load_structures, structure_points
from anatomy.viz import mpl2d, painting, plotly3d, style
from anatomy.viz.head_views import scene_box_layout, see_through_skin_traces
from anatomy.viz.head_views.scene import _wrap

SILHOUETTE = "#D3CFCA"   # neutral pale skin behind the structures in print plates
LAYER_TITLES = {"bone": "Bones", "muscle": "Muscles", "vessel": "Arteries", "nerve": "Nerves"}


def _role(s: Structure) -> str:
    """For a nerve, one line for students: its fibres and skin territory (a muscle's
    description already names its attachments)."""
    if s.layer != "nerve":
        return ""
    skin = (f"skin territory: {s.territory.replace('_', ' ')}" if s.has_skin_territory
            else "no skin territory (it cannot draw a skin pain map)")
    return f"<br>{s.fibres.capitalize()} nerve; {skin}"


def _colour(s: Structure) -> str:
    """A structure's colour from the kit's palette (anatomy.viz.style)."""
    return style.structure_colour(s.base, s.layer, s.color)


def structure_hover(s: Structure) -> str:
    """Hover text: name, Latin name, description, a nerve's fibres, and sources.

    Parameters
    ----------
    s : Structure
        The structure.

    Returns
    -------
    str
        HTML for plotly's ``hovertext`` (lines wrapped with ``<br>``).
    """
    return (f"<b>{s.label}</b><br><i>{s.latin}</i><br>{_wrap(s.description)}{_role(s)}"
            f"<br>Source: {_wrap(cite(*s.references))}")


def line_path(s: Structure) -> np.ndarray:
    """A tubular structure's trunk and branches as one polyline, NaN rows between pieces
    (plotly leaves a gap there)."""
    gap = np.full((1, 3), np.nan)
    return np.vstack([s.path, *[np.vstack([gap, b]) for b in s.branches]])


def structure_traces(structures: dict[str, Structure] | None = None, *, opacity: float = 1.0,
                     artery_width: float = 7, nerve_width: float = 5,
                     one_entry: dict[str, str] | None = None) -> list:
    """One plotly trace per structure, named by its label, with hover text.

    Arteries and nerves are drawn as lines (``path`` and its ``branches``), everything
    else as a mesh. Left and
    right copies share one legend entry (``legendgroup`` = the structure's base id, so a
    click hides both). Trace ``meta`` holds ``{'id', 'base', 'layer', 'side'}`` for
    building layer toggles (see ``layer_groups``).

    Parameters
    ----------
    structures : dict[str, Structure], optional
        Id -> structure; all structures (``load_structures()``) by default.
    opacity : float, default 1.0
        Opacity of the meshes.
    nerve_width : float, default 5
        Line width (px) of the nerves.
    artery_width : float, default 7
        Line width of the artery, pixels.
    one_entry : dict of str to str, optional
        Layer -> legend entry: that layer's structures share one entry of that name (a
        click on it hides them all), e.g. ``{"bone": "Bones"}`` where every bone has the
        same colour and hover names each one.

    Returns
    -------
    list of dict
        plotly traces, one per structure.
    """
    structures = load_structures() if structures is None else structures
    one_entry = one_entry or {}
    unknown = sorted(set(one_entry) - set(LAYER_TITLES))
    if unknown:
        raise ValueError(f"one_entry layers {unknown}: choose from {sorted(LAYER_TITLES)}")
    traces, shown = [], set()
    for s in structures.values():
        group = f"layer-{s.layer}" if s.layer in one_entry else s.base
        first = group not in shown
        shown.add(group)
        hover = structure_hover(s)
        common = {"name": s.label, "legendgroup": group, "showlegend": first}
        if s.path is not None:
            width = nerve_width if s.layer == "nerve" else artery_width
            tr = plotly3d.line_trace(line_path(s), color=_colour(s), width=width,
                                     hovertext=hover, **common)
        else:
            tr = plotly3d.mesh_trace(s.vertices, s.faces, color=_colour(s), opacity=opacity,
                                     hovertext=hover, **common)
        tr["meta"] = {"id": s.id, "base": s.base, "layer": s.layer, "side": s.side}
        if s.layer in one_entry:
            tr["name"] = one_entry[s.layer] if first else s.label
        elif first and s.side:
            tr["name"] = s.name   # the legend entry stands for both sides
        traces.append(tr)
    return traces


def layer_groups(fig_traces) -> dict[str, list[int]]:
    """Trace indices per layer title (for ``plotly3d.toggle_menu``).

    Parameters
    ----------
    fig_traces : sequence of dict or plotly trace
        A figure's traces; those whose ``meta["layer"]`` is ``"bone"``, ``"muscle"`` or
        ``"vessel"`` are grouped.

    Returns
    -------
    dict[str, list of int]
        Layer title (``"Bones"``, ``"Muscles"``, ``"Occipital artery"``) -> trace indices.
    """
    groups: dict[str, list[int]] = {}
    for i, tr in enumerate(fig_traces):
        meta = tr.meta if not isinstance(tr, dict) else tr.get("meta")
        if isinstance(meta, dict) and meta.get("layer") in LAYERS:
            groups.setdefault(LAYER_TITLES[meta["layer"]], []).append(i)
    return groups


# the cameras' distance in the scene box (a third smaller than the whole bust it used to
# span, so the same eye came a third nearer): the head, neck and shoulders fit each view
STRUCTURES_DISTANCE = 1.2
STRUCTURES_CENTRE_Z = 0.0   # where its cameras look (plotly scene units)


def structures_figure(*, side: str | None = None, skin_opacity: float = 0.25,
                      view: str = "posterolateral_right", title: str = "",
                      height: int = plotly3d.FIGURE_HEIGHT,
                      zoom: float = 0.8) -> plotly3d.KitFigure:
    """3D head with the deep structures; buttons toggle bones, muscles, arteries, nerves.

    Parameters
    ----------
    side : {"left", "right"}, optional
        Keep that side's and the midline structures; both sides if None.
    skin_opacity : float, default 0.25
        Opacity of the skin.
    view : str, default "posterolateral_right"
        Starting camera:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    title : str, default ""
        Figure title.
    height : int, default plotly3d.FIGURE_HEIGHT (620)
        Figure height, pixels.
    zoom : float, default 0.8
        Scales the camera's distance; < 1 brings it closer (the occipital region fills
        the view).

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If ``side`` or ``view`` is not valid.
    """
    head = load_head()
    structures = load_structures(side=side)
    # the skin cut where the muscles that run on below end (the scene's floor), as in the
    # all-layers figure: over the whole bust, they stopped in a straight line across the
    # upper back under skin that went on 10 cm lower (review)
    # (and the face an opaque mask: no facial skeleton is modelled)
    skin = see_through_skin_traces(head, skin_opacity)
    # the bones share one colour: one legend entry (hover names each bone)
    traces = skin + structure_traces(structures, one_entry={"bone": "Bones"})
    fig = plotly3d.scene_figure(traces, title=title, view=view, height=height)
    # the scene box of the all-layers figure: plotly clips at its floor, where skin and
    # muscles end, and the cameras frame the same bust
    plotly3d.merge(fig["layout"], {"scene": scene_box_layout()})
    cam = fig["layout"]["scene"]["camera"]
    cam["eye"] = {k: v * zoom * STRUCTURES_DISTANCE for k, v in cam["eye"].items()}
    # the views look a little below the head's middle, so that the shoulder girdle the
    # trapezius and levator end on stays in the frame (review: it fell below it)
    cam["center"] = {"x": 0, "y": 0, "z": STRUCTURES_CENTRE_Z}
    plotly3d.view_menu(fig, distance=STRUCTURES_DISTANCE, centre_z=STRUCTURES_CENTRE_Z)
    plotly3d.toggle_menu(fig, layer_groups(fig["data"]), hint=plotly3d.LAYER_HINT)
    n = {layer: sum(s.layer == layer for s in structures.values()) for layer in LAYERS}
    alt = (f"3D head seen from the {view.replace('_', ' ')} with semi-transparent skin (the "
           "face in front of the jaw joint opaque, as no facial skeleton is modelled, and the "
           "ears opaque) over "
           f"{n['bone']} bones (atlas, axis, C3, the skull vault with the occipital bone, "
           "mastoid processes, the mandible, the clavicles and the tops of the scapulae), "
           f"{n['muscle']} muscles (the suboccipital muscles: rectus capitis posterior major "
           "and minor, obliquus capitis superior and inferior; semispinalis capitis, "
           "splenius capitis, trapezius, sternocleidomastoid), the occipital artery, the "
           "vertebral artery and two nerves (the suboccipital nerve, C1, and the great "
           "auricular nerve). Buttons show or hide each layer; hover a structure for its "
           "Latin name and source.")
    return plotly3d.KitFigure(fig, alt)


# ---------------------------------------------------------------------------
# matplotlib plates
# ---------------------------------------------------------------------------

# structures sorted nearer the eye than they are, mm: the painter's algorithm sorts whole
# faces by depth, and the long faces of the splenius and levator sheets, lying 2-3 mm
# under the trapezius, were drawn over it as dark triangles (the plates only: the drawing
# does not move)
SORT_NEARER_MM = {"trapezius": 2.0}
# the structures plate shows the whole neck, where the lower ends of splenius and
# semispinalis (45 mm tall faces down to the scene's floor) still showed through the
# trapezius as slivers: 6 mm clears them. The stage plate keeps 2 mm: its TON, sorted
# 4 mm nearer, runs over the trapezius
PLATE_SORT_NEARER_MM = {"trapezius": 6.0}


def structure_parts(structures, view: str, nearer: dict | None = None) -> list[tuple]:
    """The structures as ``(vertices, faces, colour)`` parts for ``mpl2d.merge_meshes``,
    each moved toward the eye along the line of sight by its ``nearer`` distance: the
    drawing is the same, only the painter's order changes.

    Parameters
    ----------
    structures : iterable of Structure
        The structures to draw.
    view : str
        A named view of ``anatomy.conventions.VIEWS``.
    nearer : dict, optional
        Structure base id -> mm sorted nearer the eye; ``SORT_NEARER_MM`` if None.

    Returns
    -------
    list of tuple
        One ``(vertices, faces, colour)`` per structure, in the kit's palette.
    """
    _, _, forward = mpl2d.view_basis(view)
    nearer = SORT_NEARER_MM if nearer is None else nearer
    return [(s.vertices - nearer.get(s.base, 0.0) * forward, s.faces, _colour(s))
            for s in structures]


def draw_structures(ax, structures: dict[str, Structure], view: str, *, alpha: float = 1.0,
                    zorder: float = 2, nearer: dict | None = None) -> None:
    """Draw structures in one depth-sorted, shaded pass (arteries and nerves as tubes).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes set up by ``mpl2d`` for ``view``.
    structures : dict of str to Structure
        Id -> structure to draw.
    view : str
        A named view of ``anatomy.conventions.VIEWS``.
    alpha : float
        Opacity.
    zorder : float
        Matplotlib drawing order of the merged mesh.
    nearer : dict, optional
        Painter's-order bias per structure (see ``structure_parts``).

    Returns
    -------
    None
        The structures are drawn on ``ax``.
    """
    parts = structure_parts(structures.values(), view, nearer)
    if parts:
        v, f, c = mpl2d.merge_meshes(parts)
        mpl2d.draw_mesh(ax, v, f, view, color=c, alpha=alpha, zorder=zorder,
                        crease_deg=painting.STRUCTURE_CREASE_DEG)


DEEP_RIGHT = ("obliquus_capitis_inferior", "obliquus_capitis_superior",
              "rectus_capitis_posterior_major", "rectus_capitis_posterior_minor",
              "semispinalis_capitis", "occipital_artery")
"""Structures kept on the right in the dissection plate (superficial muscles removed)."""

# (label, structure id or structure point, offset in mm on the page); the labels on each
# side stack in the order of their points, so no two leaders cross (tested)
_LABELS = {
    "posterior": [
        ("external occipital\nprotuberance", "eop", (-34, 34)),
        ("superior nuchal line", "superior_nuchal_line_right_75", (52, 4)),
        ("occipital artery", "occipital_artery_right@50,45", (26, 26)),
        ("mastoid process", "mastoid_tip_bone_right", (34, 20)),
        ("semispinalis capitis", "semispinalis_capitis_right@20,-95", (48, -19)),
        ("obliquus capitis inferior", "obliquus_capitis_inferior_right@33,-36", (44, -16)),
        ("atlas (C1)", "c1_transverse_tip_right", (42, -4)),
        ("axis (C2)", "c2_spinous_tip_right", (62, -44)),
        ("C3", "c3_spinous", (62, -33)),
        ("trapezius", "trapezius_left@-22,-60", (-50, -4)),
        ("splenius capitis", "splenius_capitis_left@-42,-8", (-40, 26)),
        ("sternocleidomastoid", "sternocleidomastoid_left@-48,-42", (-26, 6)),
    ],
    "posterolateral_right": [
        ("external occipital\nprotuberance", "eop", (-30, 30)),
        ("superior nuchal line", "superior_nuchal_line_right_100", (30, 30)),
        ("occipital artery", "occipital_artery_right@50,45", (30, 20)),
        ("mastoid process", "mastoid_tip_bone_right", (34, 22)),
        ("semispinalis capitis", "semispinalis_capitis_right@20,-15", (-66, 10)),
        ("obliquus capitis inferior", "obliquus_capitis_inferior_right@33,-36", (44, -22)),
        ("atlas (C1)", "c1_transverse_tip_right", (40, -2)),
        ("axis (C2)", "c2_spinous_tip_right", (-60, -10)),
        ("C3", "c3_spinous", (-60, -18)),
        ("trapezius (left)", "trapezius_left@-14,-110", (-40, -12)),
    ],
}


def _anchor(ref: str, structures: dict[str, Structure], view: str):
    """3D point for a label: a structure point, or 'id@x,z' = the structure's vertex nearest
    that (x, z) that faces the viewer."""
    if "@" not in ref:
        return structure_points()[ref]
    sid, xz = ref.split("@")
    if sid not in structures:
        return None
    x, z = (float(t) for t in xz.split(","))
    v = structures[sid].vertices
    _, _, fwd = mpl2d.view_basis(view)
    d = np.hypot(v[:, 0] - x, v[:, 2] - z)
    near = v[d < d.min() + 6]
    return near[np.argmin(near @ fwd)]


def dissection_set(side_deep: str = "right") -> dict[str, Structure]:
    """All structures on one side, only the deep ones (no trapezius, splenius, SCM) on the
    other: the classic view of the suboccipital region."""
    out = {}
    for k, s in load_structures().items():
        if s.side == side_deep and s.layer == "muscle" and s.base not in DEEP_RIGHT:
            continue
        out[k] = s
    return out


def structures_plate(views=("posterior", "posterolateral_right"), *, skin_alpha: float = 0.0,
                     dissection: bool = True, layer: str | None = None,
                     title: str | None = None) -> mpl2d.StaticFigure:
    """Print plate of the deep structures under see-through skin.

    Parameters
    ----------
    views : sequence of str, default ("posterior", "posterolateral_right")
        Named views, one panel each.
    skin_alpha : float, default 0.0
        Opacity of the skin drawn over the structures.
    dissection : bool, default True
        Remove the trapezius, splenius and SCM on the right to show the semispinalis,
        obliquus capitis inferior and the vertebrae.
    layer : {"bone", "muscle", "vessel"}, optional
        Keep only this layer (then ``dissection`` is ignored).
    title : str, optional
        Plate title; a default describing the plate otherwise.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.

    Raises
    ------
    ValueError
        If ``layer`` is not a valid choice.
    """
    mpl2d.use_style()
    head = load_head()
    fig, axes = mpl2d.subplots(1, len(views), figsize=(6.6 * len(views), 7.6))
    axes = np.atleast_1d(axes)
    if layer is not None:
        structures = load_structures(layer=layer)
    else:
        structures = dissection_set() if dissection else load_structures()
    for ax, view in zip(axes, views):
        _plate_view(ax, head, structures, view, skin_alpha)
    fig.suptitle(title or ("Occipital region: superficial muscles (left of the subject) and "
                           "deep layer (right)" if dissection and layer is None else
                           "Deep structures of the occipital region"), fontsize=14)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    names = sorted({s.name.split(" (")[0].lower() for s in structures.values()})
    alt = ("Shaded drawings of the back of the head and neck in " + " and ".join(
        mpl2d.VIEW_TITLES[v].lower() for v in views) + " under see-through skin, showing "
        + ", ".join(names) + (". On the subject's right the trapezius, splenius capitis and "
                              "sternocleidomastoid are removed to show the deep layer"
                              if dissection and layer is None else "")
        + ". Labels name each structure; scale bar 50 mm.")
    return mpl2d.StaticFigure(fig, alt)


def _plate_view(ax, head: HeadModel, structures, view: str, skin_alpha: float) -> None:
    # pale skin behind, the structures drawn over it as if the skin were see-through
    skin = mpl2d.draw_mesh(ax, head.vertices, head.faces, view, color=SILHOUETTE, zorder=0,
                           halve=1)
    skin.set_alpha(None)
    draw_structures(ax, structures, view, nearer=PLATE_SORT_NEARER_MM)
    if skin_alpha > 0:  # a faint veil of skin over everything
        mpl2d.draw_mesh(ax, head.vertices, head.faces, view, color=style.SKIN,
                        alpha=skin_alpha, zorder=3, halve=1)
    sel = []
    for text, ref, off in _LABELS.get(view, _LABELS["posterior"]):
        p = _anchor(ref, structures, view)
        base = ref.split("@")[0]
        if p is None or (base.endswith(("_right", "_left")) and "@" in ref
                         and base not in structures):
            continue
        if "@" not in ref and not _point_shown(ref, structures):
            continue
        sel.append((text, p, off))
    if sel:
        xy = mpl2d.project([p for _, p, _ in sel], view)
        mpl2d.label_points(ax, xy, [t for t, _, _ in sel], offsets=[o for _, _, o in sel],
                           size=12, fontsize=9)
    mpl2d.setup_view_axes(ax, mpl2d.VIEW_TITLES[view])
    ax.set_xlim(-125, 125)
    ax.set_ylim(-150, 140)
    mpl2d.scale_bar(ax)


_POINT_OWNER = {"eop": "occipital_bone", "superior_nuchal": "occipital_bone",
                "mastoid": "mastoid_process_right", "c1_": "atlas", "c2_": "axis",
                "c3_": "c3", "occipital_artery": "occipital_artery_right"}


def _point_shown(name: str, structures) -> bool:
    for prefix, owner in _POINT_OWNER.items():
        if name.startswith(prefix):
            return owner in structures
    return True


def muscle_colors() -> dict[str, str]:
    """Colour per structure base id (for legends).

    Returns
    -------
    dict of str to str
        Base id (without side) -> hex colour from the kit's palette.
    """
    return {s.base: _colour(s) for s in load_structures().values()}


__all__ = ["structure_traces", "structure_hover", "layer_groups", "structures_figure",
           "draw_structures", "structure_parts", "structures_plate", "muscle_colors", "style"]

