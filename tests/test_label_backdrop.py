"""What lies behind a named view's 3D labels (anatomy.viz.head_views.backdrop)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy.head import load_head
from anatomy.viz.head_views import labels as lab
from anatomy.viz.head_views.backdrop import contrast_ratio, label_backdrops, relative_luminance


def test_contrast_ratio_follows_wcag():
    assert relative_luminance([1, 1, 1]) == pytest.approx(1.0)
    assert relative_luminance([0, 0, 0]) == pytest.approx(0.0)
    assert contrast_ratio([0, 0, 0], [1, 1, 1]) == pytest.approx(21.0)
    assert contrast_ratio([1, 1, 1], [0, 0, 0]) == pytest.approx(21.0)
    assert contrast_ratio([0.5, 0.2, 0.1], [0.5, 0.2, 0.1]) == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is just under 4.5:1
    assert contrast_ratio([0x77 / 255] * 3, [1, 1, 1]) == pytest.approx(4.48, abs=0.01)


def test_a_label_on_the_face_has_skin_behind_it_and_one_past_the_outline_the_page():
    """From the front, a label to the right of the nasion lies over the face all along;
    one to the right of the left tragus (at the head's outline, on the screen's right)
    runs off the head onto the page."""
    head = load_head()
    lm = head.landmarks
    nasion, tragus = lm["nasion"], lm["tragus_left"]
    hits = label_backdrops(head, [nasion, tragus, nasion], ["nasion", "tragus", ""],
                           ["middle right", "middle right", "middle right"], "anterior")
    assert hits[2] is None
    face, ear = hits[0], hits[1]
    assert not np.isnan(face).any()
    # behind the nasion's label: skin in front of the head's middle, near the nasion
    assert np.all(face[:, 1] > 0) and np.abs(face[:, 2] - nasion[2]).max() < 30
    assert np.isnan(ear).any(axis=1).mean() > 0.5
    # every sample lies on the text line's ray from the eye
    eye = lab.perspective(head, "anterior")
    on_screen = eye.screen(face)
    assert np.ptp(on_screen[:, 1]) < 1e-6
