"""The print-drawing helpers: batched mesh triangles and leader lines."""

import io

import numpy as np
import pytest

from anatomy.viz import mpl2d

FILL = (0.8, 0.6, 0.5)
SQUARE = np.array([[[0, 0], [1, 0], [0, 1]], [[1, 0], [1, 1], [0, 1]]], float)


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

