"""Open every notebook in JupyterLab in headless Chromium; every stored figure must render.

Starts JupyterLab on 127.0.0.1 with a token, opens each notebook with playwright and
asserts that each stored plotly figure draws (a WebGL canvas for 3D scenes) with no
console errors. Screenshots go to test-artifacts/. Skips with a reason without Chromium.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.browser import CHROMIUM, FLAGS, jupyterlab, notebook_copy  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
IGNORED_CONSOLE = ("favicon", "Failed to load resource: the server responded with a status of 404")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    pytest.importorskip("playwright")
    try:
        home = tmp_path_factory.mktemp("labhome")
        served = notebook_copy(ROOT, home / "kit")
        with jupyterlab(served, home) as (base, token):
            yield base, token
    except RuntimeError as exc:
        pytest.fail(str(exc))


def stored_figures(path: Path) -> tuple[int, int]:
    """(plotly figures, of which 3D) stored in a notebook's outputs."""
    n = n3d = 0
    for cell in json.loads(path.read_text())["cells"]:
        for out in cell.get("outputs", []):
            fig = out.get("data", {}).get("application/vnd.plotly.v1+json")
            if fig:
                n += 1
                n3d += any(t.get("type", "").endswith("3d") for t in fig["data"])
    return n, n3d


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_figures_render_in_jupyterlab(lab, path):
    from playwright.sync_api import sync_playwright

    base, token = lab
    n_figs, n_3d = stored_figures(path)
    errors: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        rel = path.relative_to(ROOT).as_posix()
        page.goto(f"{base}/lab/tree/{rel}?token={token}&reset", wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        if n_figs:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot').length >= {n_figs}",
                timeout=60_000)
        plots = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(
            el => ({gl: el.querySelectorAll('canvas').length,
                    svg: el.querySelectorAll('svg.main-svg').length,
                    w: el.getBoundingClientRect().width}))""")
        first = page.locator(".js-plotly-plot").first if n_figs else None
        if first is not None:
            first.scroll_into_view_if_needed()
            page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / f"lab-{path.stem}.png"))
        browser.close()
    assert len(plots) == n_figs, f"{path.name}: {len(plots)} of {n_figs} plotly figures drawn"
    assert all(p["svg"] > 0 and p["w"] > 300 for p in plots)
    assert sum(p["gl"] > 0 for p in plots) >= n_3d, "a 3D figure has no WebGL canvas"
    real = [e for e in errors if not any(s in e for s in IGNORED_CONSOLE)]
    assert not real, f"console errors in {path.name}: {real[:5]}"


def test_open_and_save_in_jupyterlab_changes_no_byte(tmp_path):
    """JupyterLab re-serialises a notebook on save (JavaScript numbers: 1.0 becomes 1): the
    committed notebooks are written that way already, so a student's clone stays clean.
    Its plotly renderer, once a figure is drawn, stores a PNG of it in the output (the
    notebook shows as changed); the kit's pre-save hook (jupyter/) leaves it out, so the
    saved file is still byte for byte the committed one."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    served = notebook_copy(ROOT, tmp_path / "kit")
    path = NOTEBOOKS[0]  # the 3D head figure: plotly JSON full of 1.0-style numbers
    copy = served / "notebooks" / path.name
    before = copy.stat().st_mtime_ns
    # every cell laid out at once (a student's setting): the renderer then snapshots each
    # figure as soon as it is drawn
    settings = tmp_path / "config" / "lab" / "user-settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}), encoding="utf-8")
    with jupyterlab(served, tmp_path, "--LabApp.expose_app_in_browser=True") as (
            base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?token={token}&reset",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # the renderer's PNG snapshot lands in the open notebook, which turns "changed"
        page.wait_for_function("""() => { const w = window.jupyterapp.shell.currentWidget;
            if (!w || !w.context || !w.context.model.dirty) return false;
            const cells = w.context.model.cells;
            for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
              for (let j = 0; c.type === 'code' && j < c.outputs.length; j++)
                if (c.outputs.get(j).data['image/png'] !== undefined
                    && c.outputs.get(j).data['application/vnd.plotly.v1+json']) return true; }
            return false; }""", timeout=60_000)
        page.locator(".jp-Notebook").first.click()
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.title.startsWith('*')", timeout=30_000)
        for _ in range(40):  # the server writes the file after the request
            if copy.stat().st_mtime_ns != before:
                break
            page.wait_for_timeout(250)
        browser.close()
    assert copy.stat().st_mtime_ns != before, "JupyterLab did not save the notebook"
    assert copy.read_bytes() == path.read_bytes(), (
        f"saving {path.name} in JupyterLab rewrote it: write notebooks with tools.nbtools.write")
