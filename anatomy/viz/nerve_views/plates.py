"""Print plates of the occipital nerves (matplotlib): the course plate (posterior and
lateral views, waypoints) and the nerve drawing the stage plate shares."""

from __future__ import annotations

import numpy as np
from matplotlib import patheffects

from anatomy import nerves as nv
from anatomy.head import load_head
from anatomy.viz import mpl2d, nearest, painting, style
from anatomy.viz.nerve_views.scene import BRANCH_WEIGHT, NERVE_STYLE, branch_weight

__all__ = ["COURSE_PLATE_SCALE", "SHORT_LABELS", "course_plate", "draw_nerve"]

# ---------------------------------------------------------------------------- matplotlib


def _outline(lw: float):

    return [patheffects.Stroke(linewidth=lw + 2.2, foreground="#222222"), patheffects.Normal()]


def draw_nerve(ax, n: nv.Nerve, view: str, *, lw: float = 2.6, zorder: float = 6,
               deep_dashed: bool = True, highlight: tuple[int, int] | None = None,
               branches: bool = True, start: str | None = None) -> None:
    """A nerve in a view: subcutaneous part solid, deep part dashed (under muscle).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in (mm).
    n : Nerve
        The nerve (from ``anatomy.nerves.nerve``).
    view : str
        A named view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    lw : float, default 2.6
        Line width, points (branches 0.6 of it).
    zorder : float, default 6
        Drawing order.
    deep_dashed : bool, default True
        Dash the deep part (up to the fascial exit); solid if False.
    highlight : tuple of (int, int), optional
        First and last path index of a stretch drawn over in vermillion.
    branches : bool, default True
        Draw the nerve's branches.
    start : str, optional
        The waypoint the drawn course starts at (by default the nerve's origin), one of
        ``n.waypoint_index``; earlier stretches are left out.

    Raises
    ------
    ValueError
        If ``start`` is not one of the nerve's waypoints.
    """
    color = NERVE_STYLE[n.name]["color"]
    first = 0
    if start is not None:
        if start not in n.waypoint_index:
            raise ValueError(f"start={start!r}: choose one of the {n.abbreviation}'s "
                             f"waypoints {list(n.waypoint_index)}")
        first = n.waypoint_index[start]
    xy = mpl2d.project(n.path, view)
    k = n.subcutaneous_from
    if first > k:
        raise ValueError(f"start={start!r} lies past the {n.abbreviation}'s fascial exit: "
                         f"choose one of {[w for w, i in n.waypoint_index.items() if i <= k]}")
    xy, k = xy[first:], k - first
    deep_ls = (0, (3, 1.6)) if deep_dashed else "-"
    ax.plot(*xy[:k + 1].T, color=color, lw=lw, ls=deep_ls, zorder=zorder,
            path_effects=_outline(lw), solid_capstyle="round")
    ax.plot(*xy[k:].T, color=color, lw=lw, zorder=zorder, path_effects=_outline(lw),
            solid_capstyle="round")
    if highlight is not None:
        a, b = highlight
        ax.plot(*xy[a:b + 1].T, color=style.OKABE_ITO["vermillion"], lw=lw + 1.5,
                zorder=zorder + 0.5, solid_capstyle="round")
    if branches:
        for br, bid in zip(n.branches, n.branch_names):
            w = lw * 0.6 * branch_weight(n, bid) / BRANCH_WEIGHT  # twigs thinner
            ax.plot(*mpl2d.project(br, view).T, color=color, lw=w, zorder=zorder,
                    path_effects=_outline(w))


def _legend(ax, loc="lower left", ncol: int = 1, artery: bool = False,
            below: bool = False, branches: bool = False, fontsize: float = 9,
            markers: bool = True) -> None:
    """The nerves' key (and the artery's); ``below``: in a row under the drawing, where
    no nerve runs across it; ``branches``: the suboccipital (C1) and great auricular
    nerves as well, where the drawing shows them; ``markers``: the nerves' waypoint
    markers, where the drawing has them."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=NERVE_STYLE[k]["color"], lw=3, marker=NERVE_STYLE[k][
        "marker"] if markers else None, markeredgecolor="#222222", label=lab)
        for k, lab in (("greater_occipital", "greater occipital n. (GON)"),
                       ("lesser_occipital", "lesser occipital n. (LON)"),
                       ("third_occipital", "third occipital n. (TON)"))]
    if branches:
        handles += [Line2D([], [], color=style.NERVE_COLOURS[k], lw=3, label=lab)
                    for k, lab in (("suboccipital", "suboccipital n. (C1)"),
                                   ("great_auricular", "great auricular n."))]
    handles.append(Line2D([], [], color="#555555", lw=2, ls=(0, (3, 1.6)),
                          label="dashed: deep to muscle"))
    if artery:
        handles.append(Line2D([], [], color=style.ARTERY, lw=1.8, ls=(0, (1, 1)),
                              label="occipital artery"))
    where = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.01)} if below else {"loc": loc}
    ax.legend(handles=handles, fontsize=fontsize, framealpha=0.9, ncol=ncol, **where)


SHORT_LABELS = {
    "origin": "origin", "oci_lower_border": "winds round OCI",
    "between_oci_and_semispinalis": "between OCI and SSC",
    "semispinalis_entry": "enters semispinalis", "semispinalis_exit": "leaves semispinalis",
    "trapezius_entry": "enters trapezius", "trapezius_exit": "pierces trapezius",
    "superior_nuchal_line": "at the nuchal line", "branch_point": "divides",
    "terminal": "ends", "accessory_hook": "hooks round XI",
    "scm_posterior_border": "at the SCM border", "fascia_exit": "leaves the fascia",
    "splenius_exit": "leaves splenius",
}
# the course plate's posterior view leaves out the muscles over the suboccipital region
COURSE_REMOVED = ("trapezius", "sternocleidomastoid", "splenius")
LATERAL_REMOVED = ("occipital_bone", "mandible", "mastoid")  # and its lateral view these
COURSE_PLATE_SCALE = 1.3  # the notebook PNG's size (StaticFigure.scale): text 18 px
# structure named, its point the leader ends nearest, text, label position (mm, posterior
# view); the leader ends where the plate shows the structure, clear of the nerves
_LAYER_LABELS = [
    ("occipital_artery_left", "occipital_artery_snl_left", "occipital artery", (-70, 30)),
    ("semispinalis_capitis_left", "ssc_insertion_left", "semispinalis capitis", (-70, 48)),
    ("occipital_bone", "eop", "EOP", (-22, 42)),
    ("mastoid_process_left", "mastoid_tip_bone_left", "mastoid process", (-70, 12)),
    ("atlas", "c1_posterior_arch_left", "atlas (C1)", (-70, -6)),
    ("obliquus_capitis_inferior_left", "oci_lower_border_left", "obliquus capitis inf.",
     (-70, -24)),
    ("axis", "c2_lamina_left", "axis (C2)", (-70, -42)),
]
COURSE_NERVE_MM = 5.0  # the course plate draws nerves as lines about 3 mm wide,
COURSE_MARKER_MM = 12.0  # and waypoint markers about 5 mm wide
LON_LABELLED = ("scm_posterior_border", "fascia_exit", "terminal")
PX_PER_MM = 4.0  # resolution of the map of what the plate paints where
# the posterior view is a close-up of the neck and occiput (the lateral view follows the
# GON to the vertex): with the whole head in view, its 13 leaders met on about 50 px of
# neck in the notebook at 1024 px (student review); framed so, 20 mm take 1.9 times more
COURSE_LIMITS = {"posterior": ((-125.0, 125.0), (-66.0, 58.0)),
                 "right": ((-165.0, 205.0), (-95.0, 140.0))}
LON_LABEL_X = 124.0  # lateral view, mm: clear of the lips (106 mm) and the chin


def _paint_map(drawn: dict, view: str) -> tuple[list, np.ndarray]:
    """The structure ids of ``drawn`` and the map of which one the view paints where
    (``drawn`` in one depth-sorted pass over COURSE_LIMITS at PX_PER_MM)."""
    ids = list(drawn)
    v, f, _ = mpl2d.merge_meshes([(s.vertices, s.faces, "#000000") for s in drawn.values()])
    painted = mpl2d.painted_ids(v, f, np.repeat(np.arange(len(ids)),
                                                [len(s.faces) for s in drawn.values()]),
                                view, COURSE_LIMITS[view], PX_PER_MM)
    return ids, painted


def _shown_end(paint: tuple, key: str, near, view: str, nerves, markers=()) -> np.ndarray:
    """Where a course-plate leader to structure ``key`` ends: the point nearest ``near``
    (2D, mm) where the view's ``paint`` map (see ``_paint_map``) shows that structure,
    1 mm inside its colour and COURSE_NERVE_MM from every nerve the view draws (the
    2D ``nerves``, drawn as thick lines) and COURSE_MARKER_MM from the waypoint
    ``markers`` (2D); ``near`` itself if it shows nowhere so."""
    ids, painted = paint
    tips = painting.painted_points(painted, [ids.index(key)], 1.0, COURSE_LIMITS[view],
                                   PX_PER_MM)
    near = np.asarray(near, float)
    # nearest first (rounded, and a stable sort, so that ties on the grid break the same
    # way on every CPU); the clearances checked a batch at a time, nearest batch first
    tips = tips[np.argsort(np.round(np.linalg.norm(tips - near, axis=1), 6), kind="stable")]
    markers = np.asarray(markers, float).reshape(-1, 2)
    for start in range(0, len(tips), 256):
        batch = tips[start:start + 256]
        ok = nearest.nearest_distance(batch, nerves) >= COURSE_NERVE_MM
        if len(markers):
            ok &= nearest.nearest_distance(batch, markers) >= COURSE_MARKER_MM
        if ok.any():
            return batch[np.argmax(ok)]
    return near


def _drawn_nerves(nerves, view: str) -> np.ndarray:
    """Every point (2D, mm) of the nerves' courses and branches as ``view`` draws them:
    a leader kept clear of the courses alone ended on the LON's auricular branch, and
    named it "mastoid process"."""
    return np.concatenate([mpl2d.project(q, view) for n in nerves
                           for q in (n.path, *n.branches)])


def _label_waypoints(ax, n: nv.Nerve, view: str, ids, offsets, prefix: str = "") -> None:
    pts = mpl2d.project([n.marked_waypoints[i] for i in ids], view)
    labels = [prefix + SHORT_LABELS.get(i, i) for i in ids]
    mpl2d.label_points(ax, pts, labels, offsets=offsets, color=NERVE_STYLE[n.name]["color"],
                       marker=NERVE_STYLE[n.name]["marker"], size=30, fontsize=9, zorder=8)


def _silhouette(ax, head, view: str, shift=(0.0, 0.0, 0.0)) -> None:
    """Skin as a pale opaque silhouette under the deep structures (no see-through seams;
    a transparent skin would show the mesh's inner eye and mouth surfaces)."""
    from matplotlib.colors import to_rgb

    pale = tuple(0.35 * np.array(to_rgb(style.SKIN)) + 0.65)
    mpl2d.draw_mesh(ax, head.vertices + np.asarray(shift), head.faces, view, color=pale,
                    zorder=1, halve=1)


def _lateral_set(structs) -> dict:
    """What the course plate's lateral view draws: the right side's structures and the
    midline ones, without the skull and jaw. Drawn over the skin silhouette, the vault's
    cut edge at the brow, the temporal plate and the ramus read as flat slabs over the
    temple and cheek and hid the ear (reviewer); the view follows the LON, which runs in
    the muscles and the scalp."""
    return {k: s for k, s in structs.items() if s.side in (None, "right")
            and not s.id.startswith(LATERAL_REMOVED)}


def course_plate() -> mpl2d.StaticFigure:
    """Print plate: posterior view (deep layers, labelled) and right lateral view.

    Returns
    -------
    StaticFigure
        The figure with its alt text; shows as PNG in a notebook, ``savefig`` writes PNG,
        SVG or PDF.
    """
    from anatomy.structures import load_structures, structure_points
    from anatomy.viz.structure_views import draw_structures

    mpl2d.use_style()
    head = load_head()
    # the two views one above the other, 6.1 inches tall: 9-point labels show at 14 px on a
    # 1024 x 768 slide (side by side they were 13 inches wide: 9 px on a slide; 7.4 inches
    # tall, 12 px). The posterior view, with 13 names round the neck, gets the taller
    # panel: in equal rows its head was about 150 px wide in the notebook at 1024 px
    fig, axes = mpl2d.subplots(2, 1, figsize=(6.5, 6.1), height_ratios=(1.3, 1))
    structs = load_structures()
    pts = structure_points()
    gon = nv.nerve("greater_occipital", "right")
    # posterior: pale skin silhouette, deep structures without trapezius, SCM and
    # splenius (a sheet from the midline, it would hide the atlas, axis and OCI)
    ax = axes[0]
    _silhouette(ax, head, "posterior")
    deep = {k: s for k, s in structs.items() if not s.id.startswith(COURSE_REMOVED)}
    draw_structures(ax, deep, "posterior", zorder=2)
    for n in nv.all_nerves():
        draw_nerve(ax, n, "posterior")
    _label_waypoints(ax, gon, "posterior",
                     ["origin", "oci_lower_border", "semispinalis_exit", "trapezius_exit",
                      "superior_nuchal_line", "branch_point"],
                     # the origin shows above the OCI's lower border, so its label
                     # is the upper one: the two leaders do not cross
                     [(48, 4), (40, -10), (54, 14), (46, 22), (43, 31), (37, 32)],
                     prefix="GON ")
    nerves = _drawn_nerves(nv.all_nerves(), "posterior")
    sel = [(k, q, t, o) for k, q, t, o in _LAYER_LABELS if q in pts and k in deep]
    paint = _paint_map(deep, "posterior")
    xy = np.array([_shown_end(paint, k, mpl2d.project([pts[q]], "posterior")[0],
                              "posterior", nerves) for k, q, _, _ in sel])
    mpl2d.label_points(ax, xy, [t for _, _, t, _ in sel], size=10, color="#444444",
                       fontsize=9, offsets=[np.array(o) - p for (*_, o), p in zip(sel, xy)],
                       zorder=8)
    mpl2d.setup_view_axes(ax, "Posterior, neck to occiput (trapezius, splenius, SCM removed)")
    ax.set_xlim(*COURSE_LIMITS["posterior"][0])
    ax.set_ylim(*COURSE_LIMITS["posterior"][1])
    mpl2d.scale_bar(ax, 20, loc=(0.06, 0.02))
    # right lateral: skin faint, all muscles
    ax = axes[1]
    _silhouette(ax, head, "right")
    right = _lateral_set(structs)
    draw_structures(ax, right, "right", zorder=2)
    for n in nv.all_nerves(("right",)):
        draw_nerve(ax, n, "right")
    lon = nv.nerve("lesser_occipital", "right")
    # the labels of its exit from the fascia and its SCM border start in front of the face
    # (LON_LABEL_X): beside their markers they sat over the jaw and the neck (reviewer)
    at = mpl2d.project([lon.marked_waypoints[w] for w in LON_LABELLED[:2]], "right")
    _label_waypoints(ax, lon, "right", list(LON_LABELLED),
                     [(LON_LABEL_X - x, dy) for (x, _), dy in zip(at, (2.0, 9.0))]
                     + [(40, 22)], prefix="LON ")
    _label_waypoints(ax, gon, "right", ["terminal"], [(30, -12)], prefix="GON ")
    nerves = _drawn_nerves(nv.all_nerves(("right",)), "right")
    markers = mpl2d.project([lon.marked_waypoints[w] for w in LON_LABELLED], "right")
    paint = _paint_map(right, "right")
    # SCM named at its lower belly, below the LON's labels (from the mastoid its leader
    # crossed theirs); levator shows between SCM and trapezius (the posterior triangle);
    # the trapezius on its orange sheet at the back of the neck (at the nuchal line the
    # thin sheet over splenius read as a dark muscle)
    for base, text, z_band, off in (("trapezius", "trapezius", (-75, -55), (-46, 34)),
                                    ("sternocleidomastoid", "sternocleidomastoid",
                                     (-100, -85), (23, -16)),
                                    ("levator_scapulae", "levator scapulae", (-85, -65),
                                     (-64, 16))):
        v = structs[f"{base}_right"].vertices
        band = v[(v[:, 2] > z_band[0]) & (v[:, 2] < z_band[1]) & (v[:, 0] > 0)]
        if base == "trapezius":   # its back edge, where it is not under SCM or levator
            band = band[band[:, 1] < np.percentile(band[:, 1], 25)]
        if len(band):
            at = mpl2d.project([band.mean(axis=0)], "right")[0]
            end = _shown_end(paint, f"{base}_right", at, "right", nerves, markers)
            mpl2d.label_points(ax, [end], [text], offsets=[at + off - end], size=10,
                               color="#444444", fontsize=9, zorder=8)
    mpl2d.setup_view_axes(ax, "Right lateral view")
    ax.set_xlim(*COURSE_LIMITS["right"][0])
    ax.set_ylim(*COURSE_LIMITS["right"][1])
    mpl2d.scale_bar(ax, 20, loc=(0.06, 0.9))  # top left, behind the head: clear of labels
    _legend(fig, loc="lower center", ncol=3, branches=True)
    fig.suptitle("Occipital nerves: course from the upper neck to the scalp", fontsize=12)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    alt = ("Two shaded drawings. Posterior close-up of the neck and occiput with the "
           "trapezius, splenius capitis and sternocleidomastoid removed: the greater "
           "occipital nerve (yellow) leaves the spine between the atlas and axis, winds "
           "round obliquus capitis inferior, pierces semispinalis capitis and the "
           "trapezius and runs up the back of the head; the third occipital nerve "
           "(teal) runs near the midline to the lower occiput; the lesser occipital nerve "
           "(blue) climbs the side of the neck behind the ear. Thin twigs join each greater "
           "to its third occipital nerve above the EOP and the two third occipital nerves "
           "across the midline; the suboccipital nerve (navy) lies in the suboccipital "
           "triangle and the great auricular nerve (violet) climbs the side of the neck. "
           "Dashed parts lie deep to muscle. Right lateral view: the lesser occipital nerve "
           "along the posterior border of sternocleidomastoid to the scalp behind the ear, "
           "and the greater occipital nerve over the vault to the vertex. Scale bars 20 mm.")
    # drawn about as wide as the notebook at 1024 px: at 0.9 its smallest text was 12 px,
    # small on a projector (notebook 01 stays under 1 MB)
    return mpl2d.StaticFigure(fig, alt, scale=COURSE_PLATE_SCALE)
