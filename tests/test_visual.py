"""Visual regression: the main 3D views render as their references in tests/data/visual/.

The references are kaleido exports (system Chromium, software WebGL) of each view with its
page furniture taken off; they are compared with tools/nbcompare.py's tolerant PNG
comparison (the tolerance calibrated on CPU noise). After a deliberate change of geometry,
colour or camera, regenerate them with ``python tools/visual_refs.py --update`` and look
at them. The second test shows that the comparison catches a lost structure and a moved
camera.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools import visual_refs  # noqa: E402
from tools.browser import CHROMIUM  # noqa: E402
from tools.nbcompare import png_close  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def renders():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    missing = visual_refs.missing_fonts()
    assert not missing, (f"fonts {missing} are not installed: the references were rendered "
                         "with them, and Chromium sizes the 3D markers by font (apt-get "
                         "install fonts-liberation fonts-dejavu-core)")
    specs = visual_refs.view_specs()
    broken = copy.deepcopy(specs["nerves_all_layers"])
    broken["data"] = [t for t in broken["data"] if "artery" not in t.get("name", "").lower()]
    moved = copy.deepcopy(specs["nerves_all_layers"])
    cam = moved["layout"]["scene"]["camera"]
    cam["eye"] = {k: round(cam["center"][k] + (v - cam["center"][k]) * 1.1, 4)
                  for k, v in cam["eye"].items()}
    with visual_refs.one_browser():
        out = {name: visual_refs.render(spec) for name, spec in specs.items()}
        out["-artery"] = visual_refs.render(broken)
        out["-camera"] = visual_refs.render(moved)
    return out


@pytest.mark.parametrize("name", visual_refs.VIEWS)
def test_view_matches_its_reference(renders, name):
    ok, info = visual_refs.compare(name, renders[name])
    assert ok, (f"{name} differs from tests/data/visual/{name}.png: {info}. If the change "
                "is meant, run python tools/visual_refs.py --update and look at the PNGs.")


@pytest.mark.parametrize("change", ["-artery", "-camera"])
def test_a_lost_structure_or_a_moved_camera_fails(renders, change):
    ref = (visual_refs.REFS / "nerves_all_layers.png").read_bytes()
    assert png_close(ref, renders["nerves_all_layers"])[0]
    ok, info = png_close(ref, renders[change])
    assert not ok, f"removing the occipital artery / moving the camera went unnoticed: {info}"
