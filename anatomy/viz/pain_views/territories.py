"""3D figure of the cutaneous territories of the occipital and neighbouring nerves."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb

from anatomy import pain
from anatomy.conventions import SIDES, check_side
from anatomy.references import cite
from anatomy.viz import fields, nearest, plotly3d, style
from anatomy.viz.pain_views.cameras import NAMED_FRAME
from anatomy.viz.pain_views.heat import (
    HEAT_CROP,
    OBLIQUE,
    TERRITORY_COLOURS,
    TERRITORY_SHORT,
    _wrap,
)
from anatomy.viz.pain_views.territory_mesh import (
    OUTLINE_LIFT_MM,
    clipped_skin,
    face_assignment,
    submesh,
    vertex_normals,
    without_speck_loops,
)

__all__ = ["NAME_ASPECT", "NAME_CHAR_MM", "NAME_CORE", "NAME_COVER_MM", "NAME_FACING",
           "NAME_HIDES", "NAME_LEADER_PX", "NAME_LINES", "NAME_LINE_MM", "NAME_ONE_SIDE",
           "NAME_ON_PATCH", "NAME_PX_PER_MM", "OPENING_CAMERA", "OVERLAP_KEY",
           "territory_figure", "territory_notes"]

OPENING_CAMERA = {"eye": {"x": 1.6, "y": -0.28, "z": 0.42},
                  "center": {"x": 0, "y": 0, "z": -0.02}}

def _territory_hover(row, side: str) -> str:
    return (f"<b>{row.label}</b> ({side})<br>{row.root}<br>{_wrap(row.description)}"
            f"<br>source: {_wrap(cite(*row.references.split(', ')))}")


# Territory names on the 3D figure, as the print plate names them: page labels centred on
# what a view sees of each territory's core (the skin it dominates with weight NAME_CORE
# or more, facing the eye by NAME_FACING or more), at its point nearest the middle of
# that patch on the screen.
# Larger territories are named first; a name whose box (screen mm at the look-at depth,
# NAME_CHAR_MM a character, NAME_LINE_MM a line) would cover one placed before moves to
# the next point of its patch, or is left out (hover still names the skin). The colours
# alone had left pairs apart only by hue (two blues, green and teal, two purples:
# instructor review).
NAME_CORE, NAME_FACING = 0.9, 0.3
OVERLAP_KEY = "overlap (2+ nerves): darker, outlines cross"
BARE_SKIN = "skin: nerves not drawn"
BARE_SKIN_HOVER = ("<b>Skin whose nerves the kit does not draw</b><br>lower face: maxillary "
                   "and mandibular branches of the trigeminal<br>back of the neck below the "
                   f"TON: medial branches of the C4-C5 dorsal rami<br>{cite('grays1918')}")
NAME_ONE_SIDE = 0.5  # the sideways share of the eye's direction beyond which one side is named
# a name stands where this share of its box lies on its territory's painted patch (within
# NAME_COVER_MM of a vertex the patch shows): from the front, the great auricular names sat
# on the cheeks beside a sliver of yellow at the face's edge (instructor review)
NAME_ON_PATCH, NAME_COVER_MM = 0.6, 5.0
# (about 7 px a character and 16 px a line at about 0.95 px per mm, the figure's scale at
# JupyterLab's narrowest width)
NAME_CHAR_MM, NAME_LINE_MM = 7.5, 17.0
# a name whose box would hide more than NAME_HIDES of its (small) patch stands beside it on
# a leader line, NAME_LEADER_PX long, pointing away from the head's middle (the great
# auricular name covered its strip of yellow: instructor review); NAME_PX_PER_MM turns
# screen mm into the narrowest figure's pixels
NAME_HIDES, NAME_LEADER_PX, NAME_PX_PER_MM = 0.5, (45, 65, 85, 110, 135), 0.95
NAME_ASPECT = 1.5  # the scene's width over its height at JupyterLab's narrowest figure
NAME_LINES = {"great_auricular": "great<br>auricular",
              "transverse_cervical": "transverse<br>cervical",
              "supraclavicular": "supra-<br>clavicular", "supratrochlear": "supra-<br>trochlear",
              "supraorbital": "supra-<br>orbital", "auriculotemporal": "auriculo-<br>temporal",
              "zygomaticotemporal": "zygomatico-<br>temporal"}


def _covered(samples, patch, painted=None, owner=None, mine=None) -> float:
    """The share of ``samples`` (screen mm) within NAME_COVER_MM of a ``patch`` point
    and, given every ``painted`` point with its ``owner`` territory, nearer a point of
    territory ``mine`` than any other territory's: "supraorbital", within 5 mm of its
    narrow strip at the forehead's outline, stood on the auriculotemporal patch beside it
    (reviewer)."""
    if not len(patch):
        return 0.0
    gap = nearest.nearest_distance(samples, patch)
    near = np.round(gap, 6) <= NAME_COVER_MM
    if painted is not None and len(painted):
        closest = np.linalg.norm(samples[:, None] - painted[None], axis=2).argmin(axis=1)
        near &= owner[closest] == mine
    return float(np.mean(near))


def _inside(points, centre, half) -> float:
    """The share of ``points`` (screen mm) inside the box ``centre`` +- ``half``."""
    if not len(points):
        return 0.0
    return float(np.mean((np.abs(points - centre) <= half).all(axis=1)))


def _beside(at, half, keep_off, placed, middle, frame):
    """A leader-line offset (pixels, x right, y down) that puts a name's box beside its
    patch, or None if there is no such place.

    The box must stay clear of the names ``placed``, inside ``frame`` (its half width and
    half height, screen mm), and off the first of the point sets ``keep_off`` it can
    avoid (the whole head, then every painted territory, then its own patch: on the head
    a name covered the face or the ear, reviewer). The leader must not cross a placed
    name. Tried from the head's ``middle`` outward, then turned up to 90 degrees, each at
    the lengths NAME_LEADER_PX.
    """
    out = at - middle
    out = out / max(float(np.linalg.norm(out)), 1e-9)
    for avoid in keep_off:
        for turn in (0, 30, -30, 60, -60, 90, -90):
            c, s = np.cos(np.radians(turn)), np.sin(np.radians(turn))
            d = np.array([c * out[0] - s * out[1], s * out[0] + c * out[1]])
            for px in NAME_LEADER_PX:
                centre = np.round(at + d * px / NAME_PX_PER_MM, 6)
                line = at + np.linspace(0.2, 1.0, 12)[:, None] * (centre - at)
                if (np.abs(centre) + half > frame).any() \
                        or _inside(avoid, centre, half + 2.0) > 0 \
                        or any((np.abs(centre - c0) < half + h).all()
                               or _inside(line, c0, h) > 0 for c0, h in placed):
                    continue
                return centre, (d[0] * px, -d[1] * px)   # screen y runs up, plotly's down
    return None


def territory_notes(sides, camera, box, frame=None) -> list[dict]:
    """Scene annotations naming the territories a camera sees (see ``NAME_CORE``).

    Parameters
    ----------
    sides : sequence of {"left", "right"}
        The sides whose territories the figure colours.
    camera : str or dict
        A named view (see ``plotly3d.CAMERAS``) or a plotly camera dict.
    box : tuple of array_like
        The figure's data box (lo, hi), mm, which places plotly's eye.
    frame : dict, optional
        ``distance`` and ``centre_z`` of a named view (``NAMED_FRAME``).

    Returns
    -------
    list of dict
        ``layout.scene.annotations`` entries, one per named territory.
    """
    from anatomy.head import load_head
    from anatomy.viz.head_views import perspective

    atlas = pain.territories()
    m = pain.pain_mesh()
    normals = vertex_normals(m)
    eye = perspective(load_head(), camera, box, frame)
    to_eye = eye.eye - m.vertices
    facing = np.einsum("ij,ij->i", normals, to_eye) \
        > NAME_FACING * np.linalg.norm(to_eye, axis=1)
    every = list(atlas.weights)
    weights = np.array([atlas.weights[k] for k in every])
    top = weights.argmax(axis=0)   # the colour the figure paints: the dominant nerve
    core = {k: (top == i) & (weights[i] >= NAME_CORE) for i, k in enumerate(every)}
    # a camera well to one side names that side's territories only (from the right, the
    # left supraclavicular skin by the sternum took a name on the front of the neck)
    look = eye.eye - (np.asarray(box[0], float) + np.asarray(box[1], float)) / 2
    lateral = look[0] / np.linalg.norm(look)
    near = {"right"} if lateral > NAME_ONE_SIDE else {"left"} if lateral < -NAME_ONE_SIDE \
        else set(SIDES)
    keys = sorted((k for k in every if k[1] in sides and k[1] in near),
                  key=lambda k: (-int(core[k].sum()), k))
    placed, notes = [], []
    # the drawn skin ends at the crop: a name must not point past it
    drawn = (m.vertices[:, 2] >= HEAT_CROP["z_min"]) \
        & (np.abs(m.vertices[:, 0]) <= HEAT_CROP["abs_x_max"])
    facing &= drawn
    # which drawn skin the eye sees, tested once (the patches below are subsets)
    seen = drawn.copy()
    seen[drawn] = eye.visible(m.vertices[drawn])
    head = np.round(eye.screen(m.vertices[seen]), 6)   # to its outline
    painted_at = seen & (weights.max(axis=0) >= 0.5)
    painted = np.round(eye.screen(m.vertices[painted_at]), 6)
    owner = top[painted_at]   # the territory painted at each of those points
    middle = np.median(head, axis=0)
    tall = 0.95 * eye.distance * np.tan(np.pi / 8)      # half the picture's height, mm
    frame = np.array([NAME_ASPECT * tall, tall])
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 3)), -1)
    grid = grid.reshape(-1, 2)
    for name, side in keys:
        i = every.index((name, side))
        cand = m.vertices[core[(name, side)] & facing & seen]
        cand = cand[eye.in_frame(cand)] if len(cand) else cand
        if len(cand) < 3:
            continue
        xy = np.round(eye.screen(cand), 6)   # rounded: the same choice on every CPU
        # the patch the figure paints (dominant, weight 0.5 or more) as the view sees it
        patch = np.round(eye.screen(m.vertices[(top == i) & (weights[i] >= 0.5) & facing
                                               & seen]), 6)
        text = NAME_LINES.get(name, TERRITORY_SHORT[name])
        lines = text.split("<br>")
        half = np.array([0.5 * NAME_CHAR_MM * max(map(len, lines)) + 2.0,
                         0.5 * NAME_LINE_MM * len(lines)])
        # the point nearest the patch's middle whose name lies mostly on the patch
        # (NAME_ON_PATCH of its box within NAME_COVER_MM of a painted vertex, and nearer
        # the patch than any other territory's) and covers no name placed before
        order = np.argsort(np.linalg.norm(xy - np.median(xy, axis=0), axis=1), kind="stable")
        free = next((k for k in order
                     if not any((np.abs(xy[k] - c) < half + h).all() for c, h in placed)
                     and _covered(xy[k] + grid * half, patch, painted, owner, i)
                     >= NAME_ON_PATCH), None)
        # no room on the patch (or the name would hide it): beside it on a leader line
        k = int(order[0] if free is None else free)
        aside = _beside(xy[k], half, (head, painted, patch), placed, middle, frame) \
            if free is None or _inside(patch, xy[k], half) > NAME_HIDES else None
        if aside is None and free is None:
            continue
        if aside is None:
            placed.append((xy[k], half))
            note = plotly3d.point_note(cand[k], text, background=0.6)
            note.update(yanchor="middle", yshift=0)
        else:
            placed.append((aside[0], half))
            note = plotly3d.point_note(cand[k], text, background=0.8, offset_px=aside[1])
        notes.append(note)
    return notes


def territory_figure(*, sides=SIDES, view: str = "oblique", height: int = plotly3d.FIGURE_HEIGHT,
                     outlines: bool = True) -> plotly3d.KitFigure:
    """3D head with the cutaneous territories painted on the skin.

    Their outlines are drawn (where outlines cross, territories overlap), the overlap
    darkened, and the vertex-ear-chin boundary between trigeminal and cervical skin
    shown.

    Parameters
    ----------
    sides : sequence of {"left", "right"}, default SIDES
        Sides whose territories are coloured and listed.
    view : str, default "oblique"
        Starting camera: ``"oblique"`` (the figure's own three-quarter view) or a named
        view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    height : int, default plotly3d.FIGURE_HEIGHT (620)
        Figure height, pixels.
    outlines : bool, default True
        Draw each territory's outline.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If a side is not ``"left"`` or ``"right"``.
    """
    sides = [check_side(s) for s in sides]
    atlas = pain.territories()
    m = pain.pain_mesh()
    keys, cut_v, cut_f, dom, overlap = face_assignment(atlas)
    table = atlas.table.set_index(["name", "side"])
    other = [k for k, key in enumerate(keys) if key[1] not in sides]
    plain = (dom < 0) | np.isin(dom, other)  # skin colour: no territory or a hidden side
    # in the legend and on hover: bare skin is skin whose nerves the kit does not draw,
    # not skin without nerves (an instructor's review: a class would read it so)
    traces = [plotly3d.mesh_trace(*submesh(cut_v, cut_f[plain]), name=BARE_SKIN,
                                  hovertext=BARE_SKIN_HOVER),
              plotly3d.eyes_trace(m.eye_vertices, m.eye_faces)]
    for k, key in enumerate(keys):
        sel = dom == k
        if key[1] not in sides:
            continue
        row = table.loc[key]
        traces.append(plotly3d.mesh_trace(
            *submesh(cut_v, cut_f[sel]), name=TERRITORY_SHORT[key[0]],
            color=TERRITORY_COLOURS[key[0]], hovertext=_territory_hover(row, key[1]),
            legendgroup=f"t-{key[0]}", showlegend=key[1] == sides[0]))
    mv, mf, weights, normals = clipped_skin(atlas)
    # the translucent layer darkens the skin two or more nerves supply, between their
    # crossing outlines; the key says so (a grey square alone matched nothing on the
    # head: reviewers)
    traces.append(plotly3d.mesh_trace(*overlap, name=OVERLAP_KEY,
                                      color="#000000", opacity=0.28, legendgroup="overlap"))
    if outlines:
        for k, key in enumerate(keys):
            if key[1] not in sides:
                continue
            seg = without_speck_loops(fields.chained(fields.level_segments(
                weights[k], mf, mv + OUTLINE_LIFT_MM * normals, 0.5)))
            traces.append(plotly3d.line_trace(
                seg, name=f"{TERRITORY_SHORT[key[0]]} outline", width=3,
                color=_darker(TERRITORY_COLOURS[key[0]]), legendgroup=f"t-{key[0]}",
                showlegend=False))
    for sd in sides:
        traces.append(plotly3d.line_trace(
            pain.boundary_line(sd), name="vertex-ear-chin line", width=5, dash="dash",
            color=style.TEXT, legendgroup="boundary", showlegend=sd == sides[0],
            hovertext="vertex-ear-chin line: trigeminal skin in front, cervical behind "
                      f"(boundaries overlap; {cite('dartmouth_anatomy')})"))
    fig = plotly3d.scene_figure(traces, title="Cutaneous territories of the head and neck",
                                view="right" if view == "oblique" else view, height=height)
    if view == "oblique":  # the head with the neck and the clavicles, where the transverse
        # cervical and supraclavicular territories lie (looking higher, at the head alone,
        # the view cut them to two slivers at its lower edge)
        fig["layout"]["scene"]["camera"] = {**OBLIQUE, **OPENING_CAMERA}
    # each view names the territories it sees, on the skin (page text: never cut by the
    # skin, cheap to draw)
    xyz = np.concatenate([np.c_[np.asarray(t["x"], float), np.asarray(t["y"], float),
                                np.asarray(t["z"], float)] for t in fig["data"] if "x" in t])
    box = (np.nanmin(xyz, axis=0), np.nanmax(xyz, axis=0))
    notes = {v: territory_notes(sides, v, box, NAMED_FRAME) for v in plotly3d.CAMERAS}
    fig["layout"]["scene"]["annotations"] = (
        territory_notes(sides, fig["layout"]["scene"]["camera"], box) if view == "oblique"
        else notes[view])
    # the named views frame the neck and shoulders too: head-centred, the transverse
    # cervical and supraclavicular territories lay below the frame
    plotly3d.view_menu(fig, notes=notes, **NAMED_FRAME)
    # the notes' and the meshes' common style once, in the template (the view menu holds
    # eight sets of names; 14 meshes): the figure had passed its 400 KB
    plotly3d.share_note_style(fig, [*fig["layout"]["scene"]["annotations"],
                                    *(n for ns in notes.values() for n in ns)])
    plotly3d.share_mesh_style(fig)
    alt = ("3D head with ten cutaneous nerve territories per side painted on the skin, each "
           "in its own colour and named in the legend and on hover: greater, lesser and "
           "third occipital, great auricular, transverse cervical and supraclavicular "
           "(cervical, C2-C4); supraorbital, supratrochlear (V1), zygomaticotemporal (V2) "
           "and auriculotemporal (V3). Thin outlines mark each territory's edge; where "
           "outlines cross and the skin is darker, two or more nerves supply the same "
           "skin. A dashed line runs from the vertex past the ear to the chin: trigeminal "
           "skin in front, cervical behind. Skin left in its own colour (the lower face, "
           "the back of the neck) is supplied by nerves the kit does not draw.")
    return plotly3d.KitFigure(fig, alt)


def _darker(colour: str, k: float = 0.6) -> str:
    r, g, b = (int(255 * k * c) for c in to_rgb(colour))
    return f"#{r:02X}{g:02X}{b:02X}"




# ---------------------------------------------------------------------------------------
