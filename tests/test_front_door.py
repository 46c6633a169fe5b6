"""The students' front door: README order, `make lab` at the repo root on notebook 00,
JupyterLab's news pop-up switched off by the kit's own configuration (checked in
headless Chromium), Binder doing the same."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.browser import CHROMIUM, FLAGS, jupyterlab, notebook_copy  # noqa: E402

NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
NEWS_TEXT = "get notified about official Jupyter news"


def headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("## ")]


def test_readme_puts_students_first_then_instructors_then_development():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    order = headings(text)
    assert order[0] == "Students start here", order[:3]
    assert order.index("Instructors") < order.index("Development")
    students = text.split("## Students start here", 1)[1].split("\n## ", 1)[0]
    for must in ("make lab", "Shift-Enter", "rotate", "Self-check quiz", "Show the answer"):
        assert must.lower() in students.lower(), f"'Students start here' lacks {must!r}"
    assert len(students.split()) < 400, "the students' section stays short"


def make_lab_recipe() -> str:
    out = subprocess.run(["make", "-n", "-W", "requirements.lock", "lab"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return out[out.index("jupyter trust"):] if "jupyter trust" in out else out


def test_make_lab_opens_the_repo_root_on_notebook_00():
    recipe = make_lab_recipe()
    assert "--ServerApp.root_dir=." in recipe
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in recipe
    assert f"JUPYTER_CONFIG_PATH=\"{ROOT}/jupyter" in recipe
    assert re.search(r"jupyter trust [^\n]*notebooks/00_start_here\.ipynb", recipe)
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


def test_news_pop_up_is_switched_off_for_the_kit_and_on_binder():
    config = json.loads((ROOT / "jupyter" / "labconfig" / "page_config.json").read_text())
    assert config["disabledExtensions"] == {NEWS_PLUGIN: True}
    post = (ROOT / "postBuild").read_text()
    assert "jupyter/labconfig/page_config.json" in post and "jupyter trust" in post


@pytest.mark.browser
def test_jupyterlab_shows_no_news_pop_up(tmp_path, monkeypatch):
    """Opened with the kit's configuration, as `make lab` does: no news question."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)")
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(ROOT / "jupyter"))
    served = notebook_copy(ROOT, tmp_path / "kit")
    with jupyterlab(served, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        page.goto(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}&reset",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_timeout(4000)  # the pop-up comes a moment after the page
        shown = page.get_by_text(NEWS_TEXT).count()
        disabled = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            ".disabledExtensions")
        browser.close()
    assert NEWS_PLUGIN in disabled
    assert shown == 0, "JupyterLab asks about news"
