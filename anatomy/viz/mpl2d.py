"""Matplotlib drawing for print: shaded orthographic views of meshes, labels, plates."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import IdentityTransform

from anatomy.conventions import ALL_VIEWS, PLATE_VIEWS, VIEWS, view_basis  # noqa: F401 - re-exported for the views
from anatomy.viz import style
from anatomy.viz.painting import (  # noqa: F401
    CREASE_DEG,
    SORT_DECIMALS,
    corner_light,
    painted_ids,
    painter_order,
)
from anatomy.viz.static_figure import StaticFigure

__all__ = [
    "FlatTriangles", "Leader", "SORT_DECIMALS", "StaticFigure", "VIEW_TITLES",
    "crossing_leaders", "draw_mesh", "label_points", "leader_label", "merge_meshes",
    "painted_ids", "painter_order",
    "project", "scale_bar", "segment_crosses", "setup_view_axes", "subplots", "use_style",
]

# the named views (VIEWS, view_basis) come from the one table in anatomy.conventions
VIEW_TITLES = {name: spec["title"] for name, spec in ALL_VIEWS.items()}


def use_style() -> None:
    """Apply the kit's matplotlib settings (white background, fonts, stable SVG ids)."""
    matplotlib.rcParams.update(style.MPL_RC)


def subplots(nrows: int = 1, ncols: int = 1, *, figsize=None, squeeze: bool = True,
             width_ratios=None, height_ratios=None):
    """(figure, axes) like ``pyplot.subplots``, without pyplot.

    The kit's figures display through ``StaticFigure`` (PNG bytes it renders itself), so
    pyplot's figure manager and the notebook backend are never needed, and importing the
    kit stays fast.

    Parameters
    ----------
    nrows, ncols : int, default 1
        Grid of panels.
    figsize : tuple of float, optional
        (width, height) in inches; matplotlib's default if None.
    squeeze : bool, default True
        As in ``pyplot.subplots``: drop length-1 axes dimensions.
    width_ratios : sequence of float, optional
        Relative column widths (equal if None).
    height_ratios : sequence of float, optional
        Relative row heights (equal if None).

    Returns
    -------
    figure : matplotlib.figure.Figure
        The new figure.
    axes : matplotlib.axes.Axes or numpy.ndarray of Axes
        The panel(s).
    """
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, squeeze=squeeze, width_ratios=width_ratios,
                             height_ratios=height_ratios)


def project(points, view: str) -> np.ndarray:
    """Screen coordinates (mm) of 3D points in a named orthographic view.

    Parameters
    ----------
    points : array_like, shape (3,) or (k, 3)
        Points in the head frame, mm.
    view : str
        A named view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        (screen right, screen up) of each point, mm.

    Raises
    ------
    ValueError
        If ``view`` is not a named view.
    """
    right, up, _ = view_basis(view)
    p = np.atleast_2d(np.asarray(points, float))
    return np.c_[p @ right, p @ up]


def merge_meshes(parts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Join [(vertices, faces, colour), ...] into one mesh with a colour per face.

    Parameters
    ----------
    parts : iterable of (array_like, array_like, colour)
        Vertices (n, 3), faces (m, 3) and one matplotlib colour per part.

    Returns
    -------
    vertices : numpy.ndarray, shape (N, 3)
        All vertices, mm.
    faces : numpy.ndarray, shape (M, 3)
        All faces, re-indexed.
    colours : numpy.ndarray, shape (M, 3)
        RGB of each face (for ``draw_mesh``'s ``color``).
    """
    verts, faces, colours, offset = [], [], [], 0
    for v, f, c in parts:
        verts.append(np.asarray(v, float))
        faces.append(np.asarray(f) + offset)
        colours.append(np.tile(to_rgb(c), (len(f), 1)))
        offset += len(v)
    return np.vstack(verts), np.vstack(faces), np.vstack(colours)


class FlatTriangles(Artist):
    """Screen triangles drawn in the order given (the painter's algorithm), each in one
    colour or shaded from corner to corner.

    On a raster canvas (Agg: notebook PNGs, print PNGs) opaque triangles go to the
    renderer in one call (Gouraud triangles: ``corner_rgba`` if given, else one colour
    each), several times faster than a PolyCollection, which makes a Path object per
    triangle. Translucent meshes (where grown triangles would overlap visibly) and vector
    output (SVG, PDF) get the same triangles as a PolyCollection of polygons, each in its
    ``rgba``.
    """

    SEAM_PX = 0.7

    def __init__(self, triangles: np.ndarray, rgba: np.ndarray, zorder: float = 1,
                 corner_rgba: np.ndarray | None = None):
        super().__init__()
        self.triangles = np.asarray(triangles, float)  # (N, 3, 2) in data units (mm)
        self.rgba = np.asarray(rgba, float)            # (N, 4)
        self.corner_rgba = (None if corner_rgba is None    # (N, 3, 4)
                            else np.asarray(corner_rgba, float))
        self.opaque = bool((self.rgba[:, 3] >= 1).all())
        self.set_zorder(zorder)

    @allow_rasterization
    def draw(self, renderer) -> None:
        """Draw the triangles (matplotlib's Artist.draw).

        With the Agg renderer opaque triangles are drawn as Gouraud triangles grown by
        SEAM_PX pixels (no seams between neighbours); otherwise as a PolyCollection.

        Parameters
        ----------
        renderer : matplotlib.backend_bases.RendererBase
            The renderer drawing the figure.
        """
        if not self.get_visible() or not len(self.triangles):
            return
        from matplotlib.backends.backend_agg import RendererAgg

        # the Agg renderer, also when a vector backend rasterises this artist
        agg = renderer if isinstance(renderer, RendererAgg) else getattr(renderer, "_renderer",
                                                                          None)
        if isinstance(agg, RendererAgg) and self.opaque:
            # Agg smooths the edges of Gouraud triangles, which would leave faint seams
            # between neighbours: each triangle is grown by SEAM_PX pixels to cover them.
            tri = self.get_transform().transform(self.triangles.reshape(-1, 2))
            tri = tri.reshape(-1, 3, 2)
            centre = tri.mean(axis=1, keepdims=True)
            out = tri - centre
            reach = np.maximum(np.linalg.norm(out, axis=2, keepdims=True), 1e-9)
            tri = centre + out * (1 + self.SEAM_PX / reach)
            gc = agg.new_gc()
            self._set_gc_clip(gc)
            colours = (np.repeat(self.rgba[:, None, :], 3, axis=1)
                       if self.corner_rgba is None else self.corner_rgba)
            agg.draw_gouraud_triangles(gc, tri, colours, IdentityTransform())
            gc.restore()
        else:
            polygons = PolyCollection(self.triangles, facecolors=self.rgba,
                                      edgecolors="none", antialiased=False)
            Artist.update_from(polygons, self)  # transform, clipping, visibility
            polygons.set_figure(self.figure)
            polygons.draw(renderer)
        self.stale = False


def draw_mesh(ax, vertices, faces, view: str, color=style.SKIN, alpha: float = 1.0,
              intensity=None, cmap=None, zorder: float = 1, light=(-0.4, -0.5, 0.75),
              cull: bool = True, halve: int = 0,
              crease_deg: float = CREASE_DEG) -> FlatTriangles:
    """Lambert-shaded orthographic drawing of a mesh (painter's algorithm, back faces culled).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in (data units are mm).
    vertices : array_like, shape (n, 3)
        Mesh vertices, mm.
    faces : array_like, shape (m, 3)
        Triangles as vertex indices.
    view : str
        A named view:
        ``"anterior"``, ``"posterior"``, ``"left"``, ``"right"``, ``"superior"``,
        ``"posterolateral_left"`` or ``"posterolateral_right"``.
    color : colour or numpy.ndarray, shape (m, 3) or (m, 3, 3), default style.SKIN
        One colour, an RGB row per face (see ``merge_meshes``), or an RGB row per corner
        of each face (a field coloured smoothly across each face).
    alpha : float, default 1.0
        Opacity.
    intensity : array_like, shape (n,), optional
        Per-vertex values 0..1; if given, faces are coloured with ``cmap`` instead.
    cmap : str or matplotlib.colors.Colormap, optional
        Colormap for ``intensity``.
    zorder : float, default 1
        Drawing order in the axes.
    light : tuple of float, default (-0.4, -0.5, 0.75)
        Light direction as (screen right, screen down, toward the viewer) weights.
    cull : bool, default True
        Leave out faces that point away from the viewer.
    halve : int, default 0
        How many times every edge is halved before shading (the shape is unchanged): a
        coarse mesh's large faces, one colour each, then shade in finer steps (the
        head's skin showed its triangles).
    crease_deg : float, default painting.CREASE_DEG
        Folds sharper than this stay visible edges in the light (``corner_light``); bones
        and muscles take ``painting.STRUCTURE_CREASE_DEG``.

    Returns
    -------
    FlatTriangles
        The artist added to ``ax``.

    Raises
    ------
    ValueError
        If ``view`` is not a named view, ``halve`` is not 0, 1 or 2, or ``color`` has
        a colour per corner and ``halve`` is not 0.
    """
    from anatomy.meshops import subdivide

    if halve not in (0, 1, 2):
        raise ValueError(f"halve {halve!r} is not one of 0, 1, 2")
    if halve and isinstance(color, np.ndarray) and color.ndim == 3:
        raise ValueError(f"halve {halve} needs one colour a face; color has one a corner "
                         f"(shape {color.shape}): use halve=0")
    for _ in range(halve):  # each face becomes four, in four blocks of the old order
        if intensity is None:
            vertices, faces = subdivide(vertices, faces)
        else:  # the midpoints' values halfway too
            both, faces = subdivide(np.c_[vertices, intensity], faces)
            vertices, intensity = both[:, :3], both[:, 3]
        if isinstance(color, np.ndarray):
            color = np.tile(color, (4, 1))
    right, up, fwd = view_basis(view)
    v = np.asarray(vertices, float)
    tri = v[faces]
    _, facing, order = painter_order(v, faces, view, cull)
    tri = tri[facing][order]
    light_dir = -fwd * light[2] + right * light[0] + up * (-light[1])
    light_dir /= np.linalg.norm(light_dir)
    # smoothed corner normals, the light shaded from corner to corner: lit face by face,
    # the plates' coarse meshes showed every facet (the vault's strips through the skin)
    shade = 0.45 + 0.6 * corner_light(v, faces, light_dir, crease_deg, lit=facing,
                                      corners=True)[order]
    if intensity is not None:
        vals = np.asarray(intensity, float)[faces][facing][order].mean(axis=1)
        base = matplotlib.colormaps.get_cmap(cmap)(vals)[:, :3]
    elif isinstance(color, np.ndarray):
        base = color[facing][order]
    else:
        base = np.tile(to_rgb(color), (len(tri), 1))
    if base.ndim == 2:  # one colour a face, to every corner
        base = base[:, None, :]
    corner = np.clip(base * shade[:, :, None], 0, 1)
    polys = np.stack([tri @ right, tri @ up], axis=-1)
    mesh = FlatTriangles(polys, np.c_[corner.mean(axis=1), np.full(len(tri), alpha)],
                         zorder=zorder,
                         corner_rgba=np.concatenate([corner, np.full((len(tri), 3, 1), alpha)],
                                                    axis=2))
    ax.add_artist(mesh)
    if len(polys):
        ax.update_datalim(polys.reshape(-1, 2))
        ax.autoscale_view()
    return mesh


def setup_view_axes(ax, title: str = "") -> None:
    """Equal aspect, no axes frame, an optional title: an anatomical view panel.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The panel.
    title : str, default ""
        Panel title (none if empty).
    """
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=13, pad=6)
    ax.autoscale_view()


class Leader(Line2D):
    """A leader line from ``gap_pt`` points off a marker's centre to a label: straight,
    or through the corners ``via`` (an elbow round what a straight line would cross).

    Looks like an annotation arrow with ``arrowstyle='-'`` but skips its Bezier clipping
    against the label's box (the box, drawn over the line's end, hides it anyway), which
    made labelled plates several times slower to draw.
    """

    def __init__(self, start, end, gap_pt: float = 2.0, via=(), **kwargs):
        self.start, self.end = np.asarray(start, float), np.asarray(end, float)
        self.via = np.asarray(via, float).reshape(-1, 2)
        self.gap_pt = gap_pt
        super().__init__(*np.r_[[self.start], self.via, [self.end]].T, clip_on=False,
                         **kwargs)

    def draw(self, renderer) -> None:
        """Draw the leader line, stopped ``gap_pt`` points short of the label (Artist.draw).

        Parameters
        ----------
        renderer : matplotlib.backend_bases.RendererBase
            The renderer drawing the figure.
        """
        to_screen = self.get_transform()
        points = to_screen.transform(np.r_[[self.start], self.via, [self.end]])
        a, b = points[0], points[1]
        length = float(np.hypot(*(b - a)))
        gap = self.gap_pt * self.figure.dpi / 72
        if length > gap:
            points[0] = a + (b - a) * gap / length
        x, y = to_screen.inverted().transform(points).T
        self.set_data(x, y)
        super().draw(renderer)


def segment_crosses(p, q, path) -> bool:
    """Whether the segment p-q crosses the 2D polyline ``path`` (touching does not count).

    Parameters
    ----------
    p, q : array_like, shape (2,)
        The segment's ends.
    path : array_like, shape (k, 2)
        The polyline's points.

    Returns
    -------
    bool
        True if the segment crosses one of the polyline's pieces.
    """
    p, q, path = (np.asarray(x, float) for x in (p, q, path))
    a, b = path[:-1], path[1:]

    def turn(o, u, w):
        return ((u[..., 0] - o[..., 0]) * (w[..., 1] - o[..., 1])
                - (u[..., 1] - o[..., 1]) * (w[..., 0] - o[..., 0]))

    return bool(np.any((turn(p, q, a) * turn(p, q, b) < 0)
                       & (turn(a, b, p) * turn(a, b, q) < 0)))


def crossing_leaders(figure) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Pairs of leader lines that cross in a figure: a plate a reader can misread.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A drawn or undrawn figure; its ``Leader`` lines are compared panel by panel.

    Returns
    -------
    list of (str, numpy.ndarray, numpy.ndarray)
        Panel title and the two leaders, each as [point, its corners, label position]
        in data units.
    """
    found = []
    for ax in figure.axes:
        lines = [np.r_[[a.start], a.via, [a.end]] for a in ax.get_children()
                 if isinstance(a, Leader)]
        for i, path in enumerate(lines):
            for line in lines[i + 1:]:
                if any(segment_crosses(a, b, line) for a, b in zip(path[:-1], path[1:])):
                    found.append((ax.get_title(), path, line))
    return found


def leader_label(ax, point, at, text: str, *, fontsize: float = 9, alpha: float = 0.8,
                 line_width: float = 0.6, line_color: str = "#555555",
                 halo: str | None = None, align: tuple[str, str] | None = None,
                 zorder: float = 6) -> None:
    """A text label at ``at`` on a white box, joined to ``point`` by a thin leader line.

    The label extends away from the point.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in.
    point : array_like, shape (2,)
        The labelled point, data units (mm).
    at : array_like, shape (2,)
        Where the label goes, data units (mm).
    text : str
        The label.
    fontsize : float, default 9
        Font size, points.
    alpha : float, default 0.8
        Opacity of the white box.
    line_width : float, default 0.6
        Leader line width, points.
    line_color : str, default "#555555"
        Leader line colour.
    halo : str or None, default None
        Colour of an outline round the leader line and of a dot at the labelled point,
        so that the leader shows on dark and light surfaces alike; None: neither.
    align : tuple of str, optional
        The label's (horizontal, vertical) alignment at ``at``; by default it extends
        sideways away from the point.
    zorder : float, default 6
        Drawing order.
    """
    p, q = np.asarray(point, float), np.asarray(at, float)
    leader = Leader(p, q, lw=line_width, color=line_color, zorder=zorder,
                    gap_pt=0.0 if halo else 2.0)
    if halo:
        leader.set_path_effects([patheffects.withStroke(linewidth=line_width + 2.0,
                                                        foreground=halo)])
        ax.plot(*p, "o", ms=3.5, mfc=line_color, mec=halo, mew=1.0, zorder=zorder)
    ax.add_artist(leader)
    ax.text(q[0], q[1], text, fontsize=fontsize, color=style.TEXT, zorder=zorder,
            ha=align[0] if align else "left" if q[0] >= p[0] else "right",
            va=align[1] if align else "center",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": alpha})


def label_points(ax, points_2d, labels, *, color=style.LANDMARK, marker="o", size=28,
                 offsets=None, fontsize=9, zorder=5, aligns=None) -> None:
    """Markers with text labels and thin leader lines (offsets in mm, per point).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in.
    points_2d : array_like, shape (k, 2)
        Screen positions of the points, mm (e.g. from ``project``).
    labels : sequence of str
        One label per point.
    color : colour, default style.LANDMARK
        Marker colour.
    marker : str, default "o"
        Matplotlib marker.
    size : float, default 28
        Marker area, points squared.
    offsets : sequence of (float, float), optional
        Label offset from each point, mm; (8, 8) for all by default.
    fontsize : float, default 9
        Label font size, points.
    zorder : float, default 5
        Drawing order of the markers (labels one above).
    aligns : sequence of (str, str) or None, optional
        Per point, the label's (horizontal, vertical) alignment, or None for the default
        (``leader_label``'s ``align``).
    """
    pts = np.atleast_2d(points_2d)
    ax.scatter(pts[:, 0], pts[:, 1], s=size, c=color, marker=marker, edgecolors="white",
               linewidths=0.8, zorder=zorder)
    for k, (p, text) in enumerate(zip(pts, labels)):
        off = np.asarray(offsets[k] if offsets is not None else (8, 8), float)
        leader_label(ax, p, p + off, text, fontsize=fontsize, zorder=zorder + 1,
                     align=aligns[k] if aligns is not None else None)


def scale_bar(ax, length_mm: float = 50, loc=(0.05, 0.04), fontsize: float = 9) -> None:
    """A labelled scale bar in data units (mm) at an axes-fraction location.

    The bar has a white halo and its label a white box, so both read over dark muscle.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw in (its limits must be set).
    length_mm : float, default 50
        Length of the bar, mm.
    loc : tuple of float, default (0.05, 0.04)
        Left end of the bar as fractions of the axes' width and height.
    fontsize : float, default 9
        Size of the bar's label, points.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x = x0 + loc[0] * (x1 - x0)
    y = y0 + loc[1] * (y1 - y0)
    halo = [patheffects.withStroke(linewidth=5.5, foreground="white")]
    ax.plot([x, x + length_mm], [y, y], color="k", lw=2.5, solid_capstyle="butt",
            path_effects=halo, zorder=20)
    ax.text(x + length_mm / 2, y + 0.015 * (y1 - y0), f"{length_mm:g} mm", ha="center",
            va="bottom", fontsize=fontsize, zorder=20,
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85})
