"""Reference renders of the main 3D views, compared with a tolerance (visual regression).

Each view is one of the kit's 3D figures (tools/figpage.kit_figures) with its page
furniture taken off (title, menus, legend, colour bar, annotations), so that the picture is
the anatomy and the camera only, exported by kaleido (the system Chromium, software WebGL)
at 400 x 300 px. tests/test_visual.py renders them again and compares them with the PNGs in
tests/data/visual/ by tools/nbcompare.py's tolerant PNG comparison (RMS and blobs of
changed pixels): noise from another CPU passes, a lost structure or a moved camera fails.

    python tools/visual_refs.py            # compare; exit 1 on a difference
    python tools/visual_refs.py --update   # write the references again (after a change
                                           # of geometry, colour or camera: look at them!)
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REFS = ROOT / "tests" / "data" / "visual"
SIZE = (400, 300)
FONTS = ("Liberation Sans", "DejaVu Sans")   # installed where the references were made
VIEWS = ("head_3d", "nerves_all_layers", "structures", "pain_heat", "pain_territories",
         "headache_pain_maps")


def missing_fonts() -> list[str]:
    """Font families the references were rendered with that fontconfig does not have.

    Chromium draws plotly's 3D markers as glyphs of a font (Arial, which fontconfig maps
    to Liberation Sans), so the markers' size depends on the installed fonts: without
    Liberation (Debian: fonts-liberation) they come out about twice as large.
    """
    import subprocess

    try:
        have = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return list(FONTS)
    return [f for f in FONTS if f not in have]


def bare(spec: dict) -> dict:
    """A copy of a figure dict with the page furniture taken off (anatomy and camera stay)."""
    fig = copy.deepcopy(spec)
    layout = fig["layout"]
    for key in ("title", "updatemenus", "annotations"):
        layout.pop(key, None)
    layout.update(showlegend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                  width=None, height=None)
    for key, value in layout.items():
        if key.startswith("scene") and isinstance(value, dict):
            value.pop("annotations", None)
    for tr in fig["data"]:
        if tr.get("showscale"):
            tr["showscale"] = False
    return fig


def view_specs(names=VIEWS) -> dict[str, dict]:
    """name -> bare figure dict of each reference view."""
    from tools.figpage import kit_figures

    builders = kit_figures()
    return {name: bare(builders[name]().spec) for name in names}


@contextlib.contextmanager
def one_browser():
    """Keep one kaleido Chromium for every export inside the block (not one per figure)."""
    import kaleido

    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception:  # noqa: BLE001 - an older kaleido: one browser per export, slower
        yield
        return
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def render(spec: dict) -> bytes:
    """PNG bytes of a figure dict at ``SIZE`` (kaleido, scale 1)."""
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    import plotly.graph_objects as go
    import plotly.io as pio

    w, h = SIZE
    return pio.to_image(go.Figure(spec), format="png", width=w, height=h, scale=1)


def compare(name: str, png: bytes) -> tuple[bool, dict]:
    """(close enough, measures) of a render against its committed reference."""
    from tools.nbcompare import png_close

    ref = REFS / f"{name}.png"
    if not ref.exists():
        raise FileNotFoundError(f"No reference {ref}: run python tools/visual_refs.py --update")
    return png_close(ref.read_bytes(), png)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the references")
    parser.add_argument("names", nargs="*", default=list(VIEWS))
    args = parser.parse_args(argv)
    bad = [n for n in args.names if n not in VIEWS]
    if bad:
        parser.error(f"unknown view {bad[0]!r}; valid: {', '.join(VIEWS)}")
    missing = missing_fonts()
    if missing:
        parser.error(f"fonts {missing} are not installed; the references need them "
                     "(apt-get install fonts-liberation fonts-dejavu-core)")
    REFS.mkdir(parents=True, exist_ok=True)
    failed = 0
    specs = view_specs(args.names)
    with one_browser():
        pngs = {name: render(spec) for name, spec in specs.items()}
    for name, png in pngs.items():
        if args.update:
            (REFS / f"{name}.png").write_bytes(png)
            print(f"wrote {REFS.relative_to(ROOT)}/{name}.png ({len(png) // 1024} KB)")
            continue
        ok, info = compare(name, png)
        failed += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {name}: {info}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
