"""3D heat figure of pain referral: fields and hot spots with a pattern menu."""

from __future__ import annotations

import base64

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from anatomy import pain, shell
from anatomy.conventions import SIDES, check_choice, check_side
from anatomy.references import cite
from anatomy.viz import fields, plotly3d, style
from anatomy.viz.pain_views import spot_notes
from anatomy.viz.pain_views.cameras import NAMED_FRAME, OBLIQUE, oblique, opening_camera

__all__ = [
    "HEAT_CROP", "MECHANISM_STYLE", "MPL_LABEL_DY", "MPL_MARKERS", "OBLIQUE", "PAIN_CMAP",
    "PAIN_SCALE", "REFERRED_SPOT", "SHORT_SPOT", "SPOT_GAP_MM", "SPOT_RIM_MM", "SPOT_TEXTPOS",
    "TERRITORY_COLOURS", "TERRITORY_SHORT", "clip_to_crop", "heat_figure", "oblique",
    "opening_camera",
    "spot_label",
]

# Sequential heat scale that starts at the skin tone (no pain = plain skin), jumps to a
# colour clearly apart from skin and darkens monotonically (CIELAB L* 78 -> 17) through
# orange and red to aubergine (anatomy.viz.style; tests check L* and CIEDE2000). The jump
# is at the zones' edge, pain.FIELD_FLOOR.
PAIN_SCALE = style.pain_scale(pain.FIELD_FLOOR)
PAIN_CMAP = LinearSegmentedColormap.from_list("kit_pain", [(p, c) for p, c in PAIN_SCALE])
MECHANISM_STYLE = {  # marker symbol and colour: shape carries the meaning, not colour alone
    "local tenderness": ("diamond", style.OKABE_ITO["black"]),
    "nerve territory": ("circle", style.OKABE_ITO["blue"]),
    "trigeminocervical convergence": ("square", style.OKABE_ITO["bluish_green"]),
    "myofascial referral": ("cross", style.OKABE_ITO["sky_blue"]),
}
MPL_MARKERS = {"diamond": "D", "circle": "o", "square": "s", "cross": "X"}
SHORT_SPOT = {
    "occipital": "GON (occipital)", "supraorbital": "supraorbital", "temporal": "temple",
    "tmj": "TMJ", "angle_of_jaw": "angle of jaw", "sternocleidomastoid": "SCM",
    "supraclavicular": "supraclavicular", "behind_eye": "behind eye*",
    "behind_ear": "behind ear/mastoid", "vertex": "vertex", "forehead": "forehead",
    "lon_point": "LON", "ton_point": "TON", "upper_occiput": "upper occiput",
    "lower_occiput": "lower occiput", "above_ear": "above the ear",
    "lateral_occiput": "lateral occiput", "behind_ear_scalp": "scalp behind ear",
    "posterolateral_neck": "posterolateral neck",
    "upper_trapezius": "trapezius TrP", "suboccipital": "suboccipital TrP",
    "cheek": "cheek", "throat": "throat", "ear": "in the ear*",
}
# a zone that muscle pain is referred to is named by its place, not by the nerve there
# (the occipital spot is the GON's in occipital neuralgia, a referral zone of SCM and
# suboccipital trigger points)
REFERRED_SPOT = {"occipital": "occiput"}


def spot_label(name: str, mechanism: str) -> str:
    """The short label of a hot spot in figures.

    Parameters
    ----------
    name : str
        The spot's name (``pain.hotspots(...).name``).
    mechanism : str
        Its mechanism in the pattern (``pain.hotspots(...).mechanism``).

    Returns
    -------
    str
        ``SHORT_SPOT``'s label, or ``REFERRED_SPOT``'s for a myofascial referral zone.
    """
    if mechanism == "myofascial referral" and name in REFERRED_SPOT:
        return REFERRED_SPOT[name]
    return SHORT_SPOT.get(name, name)


SPOT_GAP_MM = 4.0  # hot-spot markers sit this far outside the drawn skin
# their size: at 5 px a spot on the head's outline (the SCM patterns' vertex and occiput)
# showed as a 1-2 px fleck, half behind the skin (instructor review)
SPOT_SIZE_PX = 7
# a named view names a spot whose marker shows at the head's outline, its centre just
# behind it: the marker's radius in mm (a named view draws the head at about 1.1 px per
# mm at JupyterLab's narrowest figure, measured in a screenshot; 6.5 mm named markers
# hidden behind the head, instructor review)
SPOT_RIM_MM = round(0.5 * SPOT_SIZE_PX / 1.1, 1)
# plotly draws a diamond about 1.35 times as tall as a circle of the same size (measured
# in a screenshot): at 7 px its tips touched a name plotly put above or below it ("GON
# (occipital)" from behind and to the right, review 12). Drawn smaller, it is still the
# largest marker. A cross is two thin strokes: at 7 px it was hard to find on the dark
# heat (review 35), so it is drawn larger, as the nerve figure's block crosses are
SPOT_SIZE_SCALE = {"diamond": 0.8, "cross": 1.4}
# a thin cross in light sky blue with a white edge was lost on pale skin: a dark edge
SPOT_OUTLINE = {"cross": style.TEXT}
SPOT_TEXTPOS = {"supraorbital": "top right", "behind_eye": "bottom right",
                "forehead": "top right", "occipital": "middle left", "temporal": "top right",
                "tmj": "bottom right", "ear": "middle right", "behind_ear": "bottom center",
                "lon_point": "middle left", "ton_point": "bottom left",
                "lower_occiput": "middle left", "suboccipital": "bottom left",
                "upper_occiput": "middle left", "lateral_occiput": "top center",
                "above_ear": "top center", "behind_ear_scalp": "top left",
                "cheek": "bottom right",
                "angle_of_jaw": "bottom center", "posterolateral_neck": "middle left",
                "sternocleidomastoid": "middle right", "throat": "middle right",
                "upper_trapezius": "top left", "supraclavicular": "middle right"}
MPL_LABEL_DY = {"behind_eye": -12, "supraorbital": 6, "forehead": 10, "ear": 12,
                "tmj": -12, "cheek": -8, "temporal": 10, "above_ear": 12, "behind_ear": -12,
                "lon_point": -6, "lateral_occiput": 8, "ton_point": -10, "suboccipital": -8,
                "behind_ear_scalp": 8,
                "lower_occiput": 2}
# Okabe-Ito and Tol colours; territories that share a border differ by CIEDE2000 12 or
# more for every vision (tests/test_pain_figures.py). Supraorbital meets the GON's amber
# at the vertex: Okabe-Ito's vermillion, used before, came within 12.5 of it with
# deuteranopia, Tol's red stays 17 away; supraclavicular's lavender came within 8 of
# transverse cervical's pink with protanopia, a dark indigo stays 30 away; the
# auriculotemporal, which meets the LON's sky blue above the ear, is Tol's wine (its teal
# came within 8 of it with tritanomaly). Every other pair, shown together in the key,
# differs by CIEDE2000 10 or more: the zygomaticotemporal is lavender (Tol's teal, used
# before, came within 10 of the TON's green with normal vision and 4 with deuteranopia).
TERRITORY_COLOURS = {
    "greater_occipital": "#E69F00", "lesser_occipital": "#56B4E9",
    "third_occipital": "#009E73", "great_auricular": "#F0E442",
    "transverse_cervical": "#CC79A7", "supraclavicular": "#4B0092",
    "supratrochlear": "#0072B2", "supraorbital": "#CC3311",
    "auriculotemporal": "#882255", "zygomaticotemporal": "#8877FF",
}
TERRITORY_SHORT = {
    "greater_occipital": "GON", "lesser_occipital": "LON", "third_occipital": "TON",
    "great_auricular": "great auricular", "transverse_cervical": "transverse cervical",
    "supraclavicular": "supraclavicular", "supratrochlear": "supratrochlear",
    "supraorbital": "supraorbital", "auriculotemporal": "auriculotemporal",
    "zygomaticotemporal": "zygomaticotemporal",
}


def _u8_spec(values) -> dict:
    """A plotly typed-array spec (uint8, base64) for a restyle argument."""
    a = np.asarray(values, np.uint8)
    return {"dtype": "u1", "bdata": base64.b64encode(a.tobytes()).decode()}


# The 3D heat figure sends the smooth field before its floor (``pain_field(raw=True)``),
# one byte per vertex, on a logarithmic scale: EDGE_BYTE is FIELD_FLOOR, LOG_STEP bytes
# per e-fold, 255 the field's top (1), 0 about a tenth of the floor. plotly looks the
# colour up for every pixel from the interpolated byte, so the skin-to-heat step, at
# EDGE_BYTE, is drawn along the field's level line inside each triangle: a smooth curve,
# not a saw tooth. Logarithmic all the way up: across the midline the field falls by a
# constant factor per mm (``referral._midline_fade``), so its logarithm is linear there
# and a triangle 12 mm wide finds the edge where it is; a byte linear in the field above
# five floors put the edge 2-4 mm off, varying from triangle to triangle (review 34).
LOG_STEP = 48.0
EDGE_BYTE = int(round(255 - LOG_STEP * np.log(1 / pain.FIELD_FLOOR)))


def _heat_bytes(field) -> np.ndarray:
    """The raw field (0..1) as display bytes (see EDGE_BYTE)."""
    f = np.maximum(np.asarray(field, float), 1e-9)
    return np.clip(np.round(EDGE_BYTE + LOG_STEP * np.log(f / pain.FIELD_FLOOR)),
                   0, 255).astype(np.uint8)


def _byte_value(b) -> np.ndarray:
    """Inverse of ``_heat_bytes``: the field value of a display byte."""
    return pain.FIELD_FLOOR * np.exp((np.asarray(b, float) - EDGE_BYTE) / LOG_STEP)


def _byte_scale() -> list:
    """The plotly colour scale over display bytes 0..255: skin below the edge, then
    PAIN_CMAP of the field value each byte stands for."""
    edge = (EDGE_BYTE - 0.5) / 255
    stops = [[0.0, style.SKIN], [round(edge, 4), style.SKIN],
             [round(edge + 1e-4, 4), style.HEAT_START]]
    for b in [*range(EDGE_BYTE + 4, 256, 12), 255]:
        rgb = PAIN_CMAP(float(np.clip(_byte_value(b), pain.FIELD_FLOOR, 1)))[:3]
        stops.append([round(b / 255, 4),
                      "#{:02X}{:02X}{:02X}".format(*(round(255 * c) for c in rgb))])
    stops[-1][0] = 1.0
    return stops


# the colour bar's left edge, as a share of the figure's width: the head stands in the
# middle, and its labels reach about 0.76 of a 592 px figure (JupyterLab at 1024x768
# with the file browser open), where the bar's title still fits inside the figure
COLOUR_BAR_X = 0.84


def _colour_bar_trace(centre) -> dict:
    """An invisible point that carries the figure's colour bar (0-100 %; PAIN_SCALE colours
    a value by its square root, style.HEAT_GAMMA)."""
    return {"type": "scatter3d", "x": [float(centre[0])], "y": [float(centre[1])],
            "z": [float(centre[2])], "mode": "markers", "name": "colour bar",
            "showlegend": False, "hoverinfo": "skip", "visible": True,
            "marker": {"size": 1, "opacity": 0, "color": [0], "colorscale": PAIN_SCALE,
                       "cmin": 0, "cmax": 100, "showscale": True,
                       # the title runs up the bar's side: a title above it took
                       # 60 px of scene width, and on a projector the labels beside
                       # the back of the head were cut at the scene's left edge. At
                       # plotly's place (the figure's right edge) a wide figure set the
                       # bar 350 px from the head (review 21): COLOUR_BAR_X
                       "colorbar": {"title": {"text": "relative intensity (%)",
                                              "side": "right"},
                                    "len": 0.6, "thickness": 14, "x": COLOUR_BAR_X}}}


def _wrap(text: str, width: int = 60) -> str:
    """Hover text in lines of at most ``width`` characters."""
    return plotly3d.wrap_words(text, width)


def _hover(row) -> str:
    deep = "<br><i>deep pain, drawn on the skin over it</i>" if row.deep else ""
    seed = "<br>(on the seed article's list)" if row.in_seed_list else ""
    return (f"<b>{row.label}</b> ({row.side})<br>{row.pattern_label}<br>"
            f"mechanism: {row.mechanism}<br>source: {_wrap(cite(*row.reference.split(', ')))}"
            f"<br>weight {row.weight:.2f} (display choice){deep}{seed}")


def _mirrored(position: str, mirror: bool) -> str:
    """A plotly text position, left and right swapped if ``mirror`` (``SPOT_TEXTPOS`` is
    for the right side seen from the right; the left side is seen from the left)."""
    vertical, horizontal = position.split()
    if mirror:
        horizontal = {"left": "right", "right": "left"}.get(horizontal, horizontal)
    return f"{vertical} {horizontal}"


def _spot_traces(pattern: str, side: str, visible: bool):
    """One marker trace per mechanism for one pattern and side."""
    table = pain.hotspots(pattern, side)
    traces = []
    for mech, (symbol, colour) in MECHANISM_STYLE.items():
        rows = table[table.mechanism == mech]
        if rows.empty:
            continue
        # lifted off the drawn skin like the landmarks: a marker at the skin point was half
        # inside it (a cross showed as an L)
        pts = shell.lifted(rows[["x", "y", "z"]].to_numpy(float), SPOT_GAP_MM)
        traces.append(plotly3d.points_trace(
            pts, name=mech, labels=[spot_label(n, mech) for n in rows.name],
            textposition=[_mirrored(SPOT_TEXTPOS.get(n, "top center"), side == "left")
                          for n in rows.name],
            hovertext=[_hover(r) for r in rows.itertuples()], color=colour,
            size=round(SPOT_SIZE_PX * SPOT_SIZE_SCALE.get(symbol, 1.0), 1),
            symbol=symbol, visible=visible, legendgroup=f"{pattern}-{side}-{mech}",
            outline=SPOT_OUTLINE.get(symbol), text_color=style.INK))
    return traces


HEAT_CROP = {"z_min": -185.0, "abs_x_max": 150.0}  # the shoulders' ends carry no pain zone


def clip_to_crop(vertices, faces, values=None):
    """A mesh clipped at ``HEAT_CROP`` (``fields.clip_mesh``): the neck and shoulders end
    in a clean edge.

    Parameters
    ----------
    vertices : (N, 3) array_like
        Mesh vertices, mm.
    faces : (M, 3) array_like of int
        Triangles.
    values : (N, K) array_like, optional
        Per-vertex values carried to the clipped mesh's vertices.

    Returns
    -------
    vertices, faces, values : numpy.ndarray
        The clipped mesh and its values ((N', 0) if none were given).
    """
    return fields.clip_mesh(vertices, faces, values, **HEAT_CROP)


def _display_crop(values):
    """The heat figure's skin (``clip_to_crop`` of the pain mesh) and the per-vertex
    ``values`` (N, K) carried to its vertices. The cut is closed by flat caps
    (``fields.cap_crop``): through the open cut the skin's inner side showed dark at the
    ends of the shoulders."""
    m = pain.pain_mesh()
    v, f, vals = clip_to_crop(m.vertices, m.faces, values)
    return fields.cap_crop(v, f, vals, abs_x_max=HEAT_CROP["abs_x_max"])


def _two_lines(label: str, longest: int = 10) -> str:
    """A label longer than ``longest`` characters on two lines, broken at the space nearest
    its middle: at JupyterLab's narrowest figure a head at the edge of the scene leaves
    about 100 px for the label of a spot on its outline."""
    gaps = [k for k, ch in enumerate(label) if ch == " "]
    if len(label) <= longest or not gaps:
        return label
    k = min(gaps, key=lambda g: abs(2 * g - len(label)))
    return f"{label[:k]}<br>{label[k + 1:]}"


def _opening_notes(traces, owner, combo, skin) -> list[dict]:
    """Scene annotations naming one pattern and side's hot spots for the opening camera.

    Each label sits on a leader line, 30 px long or longer (``spot_notes.LEADERS_PX``),
    off the pattern's painted skin (``spot_notes.note_places``), and a label going left or
    right ends at the line. 3D text was cut by the skin in front of it (plotly draws it
    at the marker's depth), and the lesser occipital spots, about 20 px apart, covered
    each other's.
    ``skin``: the drawn skin's vertices, faces, the vertices no label may cover and those
    no leader line should cross (the ears)."""
    from anatomy.head import load_head
    from anatomy.viz.head_views import perspective

    pts, names, wheres = [], [], []
    for t, o in zip(traces, owner):
        if o != combo:
            continue
        places = t["textposition"]  # one for all points, or one per point
        places = [places] * len(t["x"]) if isinstance(places, str) else places
        pts += list(zip(t["x"], t["y"], t["z"]))
        names += [_two_lines(n) for n in t["text"]]
        wheres += list(places)
    xyz = np.concatenate([np.c_[np.asarray(t["x"], float), np.asarray(t["y"], float),
                                np.asarray(t["z"], float)] for t in traces if "x" in t])
    eye = perspective(load_head(), opening_camera(*combo), (xyz.min(axis=0), xyz.max(axis=0)))
    places = spot_notes.note_places(eye, pts, names, wheres, *skin)
    # no plate: the labels keep off the pain, on the page or on bare skin, where dark text
    # reads as it is, and a half-clear plate put a pale rectangle on the shoulder (reviewer)
    return [plotly3d.leader_note(p, n, way, length, background=0.0)
            for p, n, (way, length) in zip(pts, names, places)]


# the scene's width over its height in JupyterLab at 1024x768 (spot_notes.SCENE_PX): a
# named view's 3D text goes inside that width where it can ("lateral occiput, behind
# ear/mastoid" ran under the colour bar, cut at "ear/m")
NARROWEST_ASPECT = spot_notes.SCENE_PX["width"] / min(spot_notes.SCENE_PX["heights"])


def _view_labels(traces, owner) -> dict[str, tuple[dict, list[int]]]:
    """Per named view, the hot-spot labels it shows and their text positions (one data
    update over every spot trace; ``head_views.view_labels`` places each pattern and
    side's spots among themselves, all in one pass a view)."""
    from anatomy.head import load_head
    from anatomy.viz.head_views import view_labels

    idx = [i for i, o in enumerate(owner) if o is not None]
    sizes = [len(traces[i]["text"]) for i in idx]
    pts = np.concatenate([np.c_[traces[i]["x"], traces[i]["y"], traces[i]["z"]]
                          for i in idx])
    names = [x for i in idx for x in traces[i]["text"]]
    groups = [str(owner[i]) for i, n in zip(idx, sizes) for _ in range(n)]
    kinds = [i for i, n in zip(idx, sizes) for _ in range(n)]   # a trace a marker shape
    ends = np.cumsum(sizes)[:-1]
    # the figure's data box places plotly's eye, for the test that no skin covers a label
    xyz = np.concatenate([np.c_[np.asarray(t["x"], float), np.asarray(t["y"], float),
                                np.asarray(t["z"], float)] for t in traces if "x" in t])
    box = (xyz.min(axis=0), xyz.max(axis=0))
    out = {}
    for view in plotly3d.CAMERAS:
        text, where = view_labels(load_head(), pts, names, view, groups=groups, turn=True,
                                  clear=True, box=box, frame=NAMED_FRAME, distinct=True,
                                  rim_mm=SPOT_RIM_MM, merge=True, aspect=NARROWEST_ASPECT,
                                  kinds=kinds)
        out[view] = ({"text": [list(t) for t in np.split(np.array(text, object), ends)],
                      "textposition": [plotly3d.per_point_positions(w) for w in
                                       np.split(np.array(where, object), ends)]}, idx)
    return out


def _title(pattern: str, side: str) -> str:
    return f"{pain.pattern_info(pattern)['label']} ({side})"


def heat_figure(*, patterns=None, sides=SIDES, initial: tuple[str, str] | None = None,
                view: str = "oblique", height: int = plotly3d.FIGURE_HEIGHT) -> plotly3d.KitFigure:
    """Interactive head with the pain field of one pattern and side, and a switching menu.

    Hot-spot markers are shown too; the menu switches pattern and side (no kernel
    needed; one mesh, restyled).

    Parameters
    ----------
    patterns : sequence of str, optional
        Patterns in the menu (each one of ``pain.patterns()``); all by default.
    sides : sequence of {"left", "right"}, default SIDES
        Sides in the menu.
    initial : tuple of (str, str), optional
        (pattern, side) shown first; the first menu entry by default.
    view : str, default "oblique"
        Starting camera: ``"oblique"`` (the figure's own three-quarter view) or a named
        view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    height : int, default plotly3d.FIGURE_HEIGHT (620)
        Figure height, pixels.

    Returns
    -------
    KitFigure
        The interactive plotly figure with its alt text (works without a kernel).

    Raises
    ------
    ValueError
        If a pattern or side is not valid, or ``initial`` is not among the menu's options.
    """
    pats = list(patterns or pain.patterns())
    for p in pats:
        check_choice(p, pain.patterns(), "pattern")
    sides = [check_side(s) for s in sides]
    combos = [(p, s) for p in pats for s in sorted(sides, key=lambda s: s != "right")]
    initial = initial or combos[0]
    if initial not in combos:
        raise ValueError(f"initial {initial!r} is not among the figure's options {combos}")
    mesh = pain.pain_mesh()
    verts, faces, raw = _display_crop(np.stack([pain.pain_field(*c, raw=True)
                                                for c in combos], axis=1))
    fields = {c: _heat_bytes(raw[:, k]) for k, c in enumerate(combos)}
    skin = plotly3d.mesh_trace(verts, faces, name="pain intensity", showlegend=False)
    eyes = plotly3d.eyes_trace(mesh.eye_vertices, mesh.eye_faces)
    bar = _colour_bar_trace(verts.mean(axis=0))
    traces, owner = [skin, eyes, bar], [None, None, None]
    for c in combos:
        spot_traces = _spot_traces(*c, visible=(c == initial))
        traces += spot_traces
        owner += [c] * len(spot_traces)
    lines = max(plotly3d.wrap_title(_title(*c)).count("<br>") + 1 for c in combos)
    fig = plotly3d.scene_figure(traces, title=_title(*initial), title_lines=lines,
                                view="right" if view == "oblique" else view, height=height)
    skin.pop("color")  # painted by intensity in display bytes, uint8: 4x smaller than float32
    skin.update(intensity=fields[initial], colorscale=_byte_scale(), cmin=0, cmax=255,
                showscale=False)
    if view == "oblique":
        fig["layout"]["scene"]["camera"] = opening_camera(*initial)
    # each named view labels the spots it sees, away from the head (the opening labels
    # keep their places chosen for the oblique camera, SPOT_TEXTPOS)
    named = _view_labels(fig["data"], owner)
    # the opening camera names the spots by page labels on leader lines; a named view
    # puts 3D text where that view has room (the pattern menu brings the page labels back)
    ear = spot_notes.ear_vertices(verts)  # labels keep off the ears as off the pain
    opening = ({c: _opening_notes(fig["data"], owner, c,
                                  (verts, faces, (raw[:, k] >= pain.FIELD_FLOOR) | ear, ear))
                for k, c in enumerate(combos)}
               if view == "oblique" else None)
    if opening:
        # the notes' shared style lives once in the figure's template (the pattern and view
        # menus hold every pattern's notes, twice)
        plotly3d.share_note_style(fig, [n for notes in opening.values() for n in notes])
        for t, o in zip(fig["data"], owner):
            if o is not None:
                t["text"] = [""] * len(t["text"])
        fig["layout"]["scene"]["annotations"] = opening[initial]
    # the asterisk of "behind eye*" and "in the ear*" is explained where the labels are
    key = "hot spots (hover for source)<br>* deep pain, drawn on the skin over it"
    # the key's two lines above its entries, which start at the left: beside them, they
    # left the entries 550 px on a slide, where plotly kept one row and cut its last name
    # ("trigeminocer", reveal.js zooms the slide and plotly measured the row unzoomed)
    plotly3d.merge(fig["layout"], {"legend": {"title": {"text": key, "side": "top"}}})
    buttons = []
    # a button restyles the skin and the spots only: a None in a restyle list resets the
    # trace's attribute, which turned the eyes' paint (its intensity) dark brown after
    # every pattern change (reviewer)
    restyled = [k for k, o in enumerate(owner) if k == 0 or o is not None]
    for c in combos:
        data = {"intensity": [_u8_spec(fields[c])] + [None] * (len(restyled) - 1),
                "visible": [owner[k] == c for k in restyled]}
        data["visible"][0] = True
        # the oblique camera turns to the pattern's side: from the other side its spots and
        # their labels lay behind the head
        lay = plotly3d.title_update(_title(*c))
        if view == "oblique":
            # back to the opening camera: the labels as the figure opened (a named view
            # had moved them for its own camera), and the view menu says so (entry 0)
            # (its own spots only: the others are hidden, and get theirs when chosen)
            data.update(text=[fig["data"][k].get("text") if owner[k] == c else None
                              for k in restyled],
                        textposition=[fig["data"][k].get("textposition")
                                      if owner[k] == c else None for k in restyled])
            back = {"scene.camera": opening_camera(*c), "scene.annotations": opening[c]}
            # the view menu's "opening view" entry goes back to this pattern's opening
            lay = {**lay, **back, "updatemenus[1].active": 0,
                   "updatemenus[1].buttons[0].args[1]": back}
        buttons.append({"label": f"{pain.pattern_info(c[0])['label']} ({c[1]})",
                        "method": "update", "args": [data, lay, restyled]})
    plotly3d.add_menu(fig, {"type": "dropdown", "buttons": buttons, "x": 0.0, "y": 1.0,
                            "xanchor": "left", "yanchor": "bottom", "showactive": True,
                            "active": combos.index(initial), "bgcolor": "white",
                            "name": "pattern", "font": plotly3d.MENU_FONT,
                            "pad": {"b": 6, "l": 2}})
    # the pattern menu fills the first row; each named view labels the spots it sees, away
    # from the head (the opening labels, placed for the opening camera, went into the head)
    plotly3d.view_menu(fig, below=True, restyle=named,
                       notes={v: [] for v in plotly3d.CAMERAS} if opening else None,
                       **NAMED_FRAME)
    from anatomy.viz.head_views import INSIDE_HEAD_MM

    plotly3d.prime_text_glyphs(fig, INSIDE_HEAD_MM)  # the views' labels show full size
    # "opens on": the page's caption stays as the menu changes the pattern (reviewer)
    alt = (f"3D head coloured by where pain is felt, opening on {_title(*initial)}: darker "
           "= stronger (colour bar 0-100% of the peak). Markers show the hot spots, their "
           "shape the mechanism (diamond = tender source, circle = nerve territory, "
           "square = trigeminocervical convergence, cross = myofascial referral); hover "
           f"for the source. The menu switches between {len(combos)} patterns and sides: "
           + "; ".join(dict.fromkeys(pain.pattern_info(p)["label"] for p, _ in combos))
           + ". Behind the eye and in the ear are deep pains drawn on the skin over them.")
    return plotly3d.KitFigure(fig, alt)


# ---------------------------------------------------------------------------------------
