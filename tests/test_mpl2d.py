"""The print-drawing helpers: batched mesh triangles and leader lines."""

import io

import numpy as np
import pytest
from matplotlib.patches import Rectangle

from anatomy.viz import mpl2d

FILL = (0.8, 0.6, 0.5)
SQUARE = np.array([[[0, 0], [1, 0], [0, 1]], [[1, 0], [1, 1], [0, 1]]], float)
# two texts on one line this close (px) side by side read as one: "auriculotemporal" ran
# into "zygomaticotemporal" (the left territory plate)
TEXT_GAP_PX = 3
MARKED_PT2 = 8  # the least area (points squared) of a marker a label must not cover


def _square(alpha: float = 1.0):
    fig, ax = mpl2d.subplots(figsize=(3, 3))
    mesh = mpl2d.FlatTriangles(SQUARE, np.array([[*FILL, alpha]] * 2))
    ax.add_artist(mesh)
    ax.set_xlim(-0.1, 1.1)
    ax.set_ylim(-0.1, 1.1)
    ax.axis("off")
    return mpl2d.StaticFigure(fig, "two triangles"), mesh


def _inside(fig, dpi: int = 100) -> np.ndarray:
    """Pixels of the square's inside (its diagonal included), drawn at ``dpi``."""
    rgb = fig.rgb(dpi)
    ax = fig.figure.axes[0]
    (x0, y0), (x1, y1) = ax.transData.transform([(0.05, 0.05), (0.95, 0.95)])
    h = rgb.shape[0]
    return rgb[int(h - y1):int(h - y0), int(x0):int(x1)].reshape(-1, 3)


def test_opaque_triangles_leave_no_seam_between_neighbours():
    fig, mesh = _square()
    assert mesh.opaque
    expected = np.round(np.array(FILL) * 255).astype(np.uint8)
    assert (_inside(fig) == expected).all()


def test_translucent_triangles_are_drawn_as_polygons():
    fig, mesh = _square(alpha=0.5)
    assert not mesh.opaque
    colours, counts = np.unique(_inside(fig), axis=0, return_counts=True)
    blend = np.round((np.array(FILL) * 255 + 255) / 2)
    assert np.abs(colours[counts.argmax()] - blend).max() <= 1
    assert counts.max() > 0.95 * counts.sum()  # the shared edge may be filled twice


def test_vector_output_gets_polygons_and_rasterised_output_an_image():
    fig, mesh = _square()
    svg = io.BytesIO()
    fig.figure.savefig(svg, format="svg")
    assert svg.getvalue().count(b"<path") >= 2 and b"<image" not in svg.getvalue()
    mesh.set_rasterized(True)
    svg = io.BytesIO()
    fig.figure.savefig(svg, format="svg")
    assert b"<image" in svg.getvalue()


def test_leader_line_starts_off_the_marker_and_ends_at_the_label():
    fig, ax = mpl2d.subplots(figsize=(3, 3))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    line = mpl2d.Leader((10, 10), (60, 10), gap_pt=2.0)
    ax.add_artist(line)
    mpl2d.StaticFigure(fig, "leader").rgb(72)
    x, y = line.get_data()
    points_per_mm = ax.get_position().width * fig.get_size_inches()[0] * 72 / 100
    np.testing.assert_allclose([x[1], y[0], y[1]], [60, 10, 10])
    assert (x[0] - 10) * points_per_mm == pytest.approx(2.0)  # starts 2 pt off the point



def test_scale_bar_reads_over_a_dark_drawing():
    fig, ax = mpl2d.subplots(figsize=(3, 3))
    ax.add_patch(Rectangle((0, 0), 100, 100, color="#301020"))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    mpl2d.scale_bar(ax, 20, loc=(0.3, 0.3))
    out = mpl2d.StaticFigure(fig, "a bar on dark").rgb(100)
    h = out.shape[0]
    # just above and below the bar, and around its label: white, not the dark fill
    (x0, y0), (x1, _) = ax.transData.transform([(30, 30), (50, 30)])
    x_mid = int((x0 + x1) / 2)
    for dy in (-4, 4):
        assert out[int(h - y0 + dy), x_mid].min() > 200
    assert out[int(h - y0 - 3 * 9), int(x0)].min() < 80  # well above: still the dark fill
    text = [t for t in ax.texts if t.get_text() == "20 mm"]
    assert text and text[0].get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_crossing_leaders_are_found():
    fig, ax = mpl2d.subplots(figsize=(3, 3))
    mpl2d.leader_label(ax, (0, 0), (10, 10), "a")
    mpl2d.leader_label(ax, (0, 10), (10, 0), "b")   # crosses a
    mpl2d.leader_label(ax, (0, -5), (10, -5), "c")  # crosses neither
    found = mpl2d.crossing_leaders(fig)
    assert len(found) == 1
    np.testing.assert_allclose(found[0][1], [[0, 0], [10, 10]])
    # an elbow leader is checked along its corners: its ends alone (x = 12) miss c
    ax.add_artist(mpl2d.Leader((12, -8), (12, -2), via=[(5, -8), (5, -2)]))
    found = mpl2d.crossing_leaders(fig)
    assert len(found) == 2
    np.testing.assert_allclose(found[1][2], [[12, -8], [5, -8], [5, -2], [12, -2]])


def test_an_elbow_leader_draws_through_its_corners():
    fig, ax = mpl2d.subplots(figsize=(3, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    leader = mpl2d.Leader((1, 1), (9, 9), gap_pt=0, via=[(1, 9)])
    ax.add_artist(leader)
    fig.canvas.draw()
    np.testing.assert_allclose(np.c_[leader.get_data()], [[1, 1], [1, 9], [9, 9]],
                               atol=1e-9)


def test_painted_ids_show_the_nearer_part_where_two_overlap():
    """Two squares seen from behind, the nearer (more posterior) one half over the other:
    the map names the nearer where they overlap, each alone elsewhere, nothing outside."""
    sq = np.array([[0, 0], [0, 1], [1, 1], [1, 0]], float)
    faces = np.array([[0, 1, 2], [0, 2, 3]])
    # posterior view: screen right is +x, up is +z, the eye lies at -y
    far = np.c_[sq[:, 0] * 20, np.full(4, 10.0), sq[:, 1] * 20]
    near = np.c_[sq[:, 0] * 20 + 10, np.full(4, -10.0), sq[:, 1] * 20]
    v = np.vstack([far, near])
    f = np.vstack([faces[:, ::-1], faces[:, ::-1] + 4])   # both facing the eye
    if (mpl2d.painter_order(v, f, "posterior")[1]).sum() != 4:
        f = np.vstack([faces, faces + 4])
    ids = mpl2d.painted_ids(v, f, [0, 0, 1, 1], "posterior", ((-5.0, 35.0), (-5.0, 25.0)),
                            px_per_mm=2.0)
    row = ids[ids.shape[0] // 2]   # z = 10 mm
    x = -5.0 + (np.arange(len(row)) + 0.5) / 2.0
    assert (row[(x > 1) & (x < 9)] == 0).all()
    assert (row[(x > 11) & (x < 29)] == 1).all()
    assert (row[(x < -1) | (x > 31)] == -1).all()


def _plates():
    from anatomy.head import load_head
    from anatomy.pain.data import patterns
    from anatomy.viz import rami_views, structure_views
    from anatomy.viz.head_views import plates as head_plates
    from anatomy.viz.headache_views import exam
    from anatomy.viz.nerve_views import plates as nerve_plates
    from anatomy.viz.nerve_views import stage_panels, variation
    from anatomy.viz.pain_views import plates as pain_plates
    from anatomy.viz.pain_views import territory_print

    yield "landmarks", lambda: head_plates.head_plate(load_head())
    # from the front, the back view's offsets ran the right side's names across the face
    # into the left side's
    yield "landmarks from the front", lambda: head_plates.head_plate(
        load_head(), ("anterior", "right", "posterior"))
    yield "course", nerve_plates.course_plate
    yield "stages", stage_panels.stage_plate
    yield "block", variation.block_landmark_figure
    yield "structures", structure_views.structures_plate
    yield "rami", rami_views.rami_figure
    yield "examination", exam.examination_figure
    yield "territories", territory_print.territory_plate
    yield "territories left", lambda: territory_print.territory_plate("left")
    yield "drawings", pain_plates.drawing_plate
    for p in patterns():
        yield f"heat {p}", lambda p=p: pain_plates.heat_plate(p)
    from anatomy.viz import headache_views

    yield "pain maps", headache_views.pain_map_plate
    # as notebook 03 draws it: a longer migraine subtitle ran into the next rows' names
    yield "pain maps by condition", lambda: headache_views.pain_map_plate(
        views=("right", "posterior"), panel_inches=2.6, by_condition=True)
    # as paper 03 prints it (tools/paper.PRINT_PLATES): small panels, where the temple's
    # label box hid the vertex's dot (review 27)
    yield "pain maps on paper", lambda: headache_views.pain_map_plate(
        views=("right", "posterior"), panel_inches=1.8)


_BUILT: dict = {}


def _built(name: str, builder):
    """A plate's figure, built once for all the layout tests below (a heat plate takes
    seconds to draw, and each test only measures it)."""
    if name not in _BUILT:
        _BUILT[name] = builder().figure
    return _BUILT[name]


@pytest.mark.parametrize("name,builder", list(_plates()), ids=[n for n, _ in _plates()])
def test_no_two_leader_lines_cross_in_a_print_plate(name, builder):
    assert mpl2d.crossing_leaders(_built(name, builder)) == []


def _text_boxes(fig):
    """(text, box) of every shown text of a figure: labels, panel titles, axis labels,
    the suptitle."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    r = canvas.get_renderer()
    # the axis labels too: a plate names its rows there (the pain maps' conditions)
    texts = [t for ax in fig.axes for t in [*ax.texts, ax.title, ax.xaxis.label,
                                             ax.yaxis.label]] + list(fig.texts)
    if fig._suptitle is not None and fig._suptitle not in texts:
        texts.append(fig._suptitle)
    return [(t.get_text(), t.get_window_extent(r), (t.get_bbox_patch() or t).get_window_extent(r))
            for t in texts if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name,builder", list(_plates()), ids=[n for n, _ in _plates()])
def test_no_two_texts_overlap_in_a_print_plate(name, builder):
    """A label never runs into another label or a title, nor hides one under its
    background box: in the territory plate the auriculotemporal label, placed above a
    territory that had grown to the vertex, sat on the "Right lateral view" title."""
    def meet(p, q, gap=0):  # overlap, or on one line closer than ``gap`` side by side
        return (min(p.x1, q.x1) - max(p.x0, q.x0) > 1 - gap
                and min(p.y1, q.y1) - max(p.y0, q.y0) > 1)

    boxes = _text_boxes(_built(name, builder))
    # no text on another, and no label's background box over another's text: the box of
    # "tragus (R)" hid the ")" of "inion (EOP)" while the texts stayed apart (reviewer)
    bad = [(a, b) for i, (a, ta, ba) in enumerate(boxes) for b, tb, bb in boxes[i + 1:]
           if meet(ta, tb, TEXT_GAP_PX) or meet(ba, tb) or meet(ta, bb)]
    assert not bad, bad


@pytest.mark.parametrize("name,builder", list(_plates()), ids=[n for n, _ in _plates()])
def test_no_label_hides_a_marked_point(name, builder):
    """No text or label box lies over a point a plate marks (a dot, a cross): on paper
    the box of "temporal 58%" hid half the vertex's dot (review 27). A stipple's fine dots
    (the territory plate's shared skin, under MARKED_PT2) are shading, not marks."""
    from matplotlib.collections import PathCollection

    fig = _built(name, builder)
    boxes = _text_boxes(fig)
    marks = [(p, np.sqrt(c.get_sizes().max()) / 2 * fig.dpi / 72)   # centre, radius px
             for ax in fig.axes for c in ax.collections
             if isinstance(c, PathCollection) and len(c.get_offsets())
             and c.get_sizes().max() >= MARKED_PT2
             for p in c.get_offset_transform().transform(c.get_offsets())]
    # a box over a quarter of a marker's width or more hides it
    hidden = [(text, tuple(np.round(p))) for text, _t, box in boxes for p, r in marks
              if box.x0 - r / 2 < p[0] < box.x1 + r / 2 and box.y0 - r / 2 < p[1] < box.y1 + r / 2]
    assert not hidden, hidden


@pytest.mark.parametrize("name,builder", list(_plates()), ids=[n for n, _ in _plates()])
def test_no_text_runs_under_a_later_panel(name, builder):
    """A panel paints its white background over what the panels before it drew: the left
    territory plate's "auriculotemporal", beside the anterior view, ran under the lateral
    view's panel and showed as "auriculotempora" (found by eye). No text of a panel
    reaches into a panel drawn after it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _built(name, builder)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    r = canvas.get_renderer()
    axes = [a for a in fig.axes if a.get_visible()]
    bad = []
    for i, ax in enumerate(axes):
        for t in [*ax.texts, ax.title]:
            if not (t.get_visible() and t.get_text().strip()):
                continue
            box = t.get_window_extent(r)
            for later in axes[i + 1:]:
                if not (later.axison and later.get_frame_on() and later.patch.get_visible()):
                    continue   # a panel with its axis off paints no background
                b = later.get_window_extent(r)
                if (min(box.x1, b.x1) - max(box.x0, b.x0) > 1
                        and min(box.y1, b.y1) - max(box.y0, b.y0) > 1):
                    bad.append((t.get_text(), later.get_title()))
    assert not bad, bad


def test_corner_light_smooths_a_curved_surface_and_keeps_a_crease():
    """A coarse sphere lit through its corners' smoothed normals steps less from face to
    face than lit by its face normals (the plates' facets), and a cube's edges, sharper
    than CREASE_DEG, stay sharp: each face keeps its own light."""
    from anatomy.meshgen import ellipsoid
    from anatomy.viz.painting import corner_light

    light = np.array([0.3, -0.4, 0.866])
    light /= np.linalg.norm(light)
    v, f = ellipsoid((0, 0, 0), (50, 50, 50), n_u=16, n_v=9)
    tri = v[f]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    n /= np.linalg.norm(n, axis=1, keepdims=True)
    flat = np.clip(n @ light, 0, 1)
    smooth = corner_light(v, f, light)
    neighbours = {}
    for k, face in enumerate(f):
        for a, b in ((0, 1), (1, 2), (2, 0)):
            neighbours.setdefault(tuple(sorted((face[a], face[b]))), []).append(k)
    ring = [[] for _ in f]
    for pair in neighbours.values():
        for k in pair:
            ring[k] += [j for j in pair if j != k]

    def roughness(light_of_face):  # how far a face's light is from its neighbours' mean
        return np.mean([abs(light_of_face[k] - light_of_face[r].mean())
                        for k, r in enumerate(ring) if r])

    assert roughness(smooth) < 0.6 * roughness(flat)
    assert np.all(np.abs(smooth - flat) < 0.25)  # the light's overall pattern is kept

    cube = np.array([[x, y, z] for x in (0, 1) for y in (0, 1) for z in (0, 1)], float)
    quads = [(0, 1, 3, 2), (4, 6, 7, 5), (0, 4, 5, 1), (2, 3, 7, 6), (0, 2, 6, 4),
             (1, 5, 7, 3)]
    cf = np.array([t for a, b, c, d in quads for t in ((a, b, c), (a, c, d))])
    ct = cube[cf]
    cn = np.cross(ct[:, 1] - ct[:, 0], ct[:, 2] - ct[:, 0])
    cn /= np.linalg.norm(cn, axis=1, keepdims=True)
    assert np.allclose(corner_light(cube, cf, light), np.clip(cn @ light, 0, 1))
    # a fold of 50 degrees (the coarse back over the scapulae drew straight steps of
    # light at 40) is smoothed: both faces light the shared corners alike
    fold = np.radians(50.0)
    sheet = np.array([[0, 0, 0], [0, 1, 0], [1, 0.5, 0],
                      [-np.cos(fold), 0.5, np.sin(fold)]], float)
    two = np.array([[0, 2, 1], [0, 1, 3]])
    corners = corner_light(sheet, two, light, corners=True)
    assert np.allclose(corners[0, [0, 2]], corners[1, [0, 1]])
    # ... on the skin; bones and muscles keep it as an edge (the vault's ledge at the
    # superior nuchal line blurred at 60 degrees: reviewer)
    from anatomy.viz.painting import STRUCTURE_CREASE_DEG

    sharp = corner_light(sheet, two, light, STRUCTURE_CREASE_DEG, corners=True)
    assert not np.allclose(sharp[0, [0, 2]], sharp[1, [0, 1]])
    # lighting only some faces (those a plate draws) gives those faces the same light
    some = np.arange(len(f)) % 3 != 1
    assert np.array_equal(corner_light(v, f, light, lit=some), smooth[some])
    # and lighting none gives no light (a shoulder's cap turned away from a view raised a
    # casting error: numpy's bincount of no weights is of ints)
    assert corner_light(v, f, light, lit=np.zeros(len(f), bool), corners=True).shape == (0, 3)


def test_draw_mesh_shades_from_corner_to_corner_without_facets():
    """A plate shades each triangle from corner to corner (Gouraud), so a smooth surface
    has no facet steps: the faces that meet at a vertex of a coarse sphere give it one
    colour (flat faces showed the vault's strips through the skin, reviewer). The vector
    copy keeps one colour a face, their mean."""
    from anatomy.meshgen import ellipsoid

    v, f = ellipsoid((0, 0, 0), (50, 40, 60), n_u=14, n_v=8)
    fig, ax = mpl2d.subplots()
    mesh = mpl2d.draw_mesh(ax, v, f, "posterolateral_right")
    corners = mesh.corner_rgba
    assert corners is not None and corners.shape == (len(mesh.triangles), 3, 4)
    assert np.allclose(corners.mean(axis=1), mesh.rgba)
    at = {}
    for tri, rgba in zip(mesh.triangles, corners):
        for point, colour in zip(tri, rgba):
            at.setdefault(tuple(np.round(point, 6)), []).append(colour)
    shared = [np.ptp(np.array(c), axis=0).max() for c in at.values() if len(c) >= 3]
    assert len(shared) >= 20 and max(shared) < 1e-9
    # while the faces themselves differ: the light varies over the sphere
    assert np.ptp(mesh.rgba[:, 0]) > 0.2




def test_draw_mesh_halves_edges_without_moving_the_outline():
    """``halve=1`` draws four triangles for each face (finer steps of light on a coarse
    skin) inside the same outline, face colours carried over; other values are refused."""
    from anatomy.meshgen import ellipsoid

    v, f = ellipsoid((0, 0, 0), (50, 40, 60), n_u=12, n_v=7)
    colours = np.tile([0.8, 0.6, 0.5], (len(f), 1))
    colours[len(f) // 2] = (0.1, 0.2, 0.9)  # a face on the back, facing the viewer
    drawn = {}
    for halve in (0, 1):
        fig, ax = mpl2d.subplots()
        drawn[halve] = mpl2d.draw_mesh(ax, v, f, "posterior", color=colours, halve=halve)
        drawn[halve].lims = (ax.dataLim.x0, ax.dataLim.x1, ax.dataLim.y0, ax.dataLim.y1)
    assert len(drawn[1].triangles) == 4 * len(drawn[0].triangles)
    assert np.allclose(drawn[0].lims, drawn[1].lims)
    blue = {h: int((d.rgba[:, 2] > d.rgba[:, 0]).sum()) for h, d in drawn.items()}
    assert blue[1] == 4 * blue[0]
    fig, ax = mpl2d.subplots()
    with pytest.raises(ValueError, match="halve 3 is not one of 0, 1, 2"):
        mpl2d.draw_mesh(ax, v, f, "posterior", halve=3)
