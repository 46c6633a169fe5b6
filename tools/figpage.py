"""Draw one kit figure in headless Chromium at a reader's width and measure its layout.

A page holds the figure in a div as wide as the place it gets in JupyterLab or in a handout
(``WIDTHS``, measured at 1024x768 and 1400x1000 with JupyterLab's file browser open and
with tools/classroom.py's handouts), drawn by the same plotly.js the handouts ship (npm,
gl3d bundle). ``measure`` returns page-pixel boxes (left, top, right, bottom) of the legend,
its entries, the menus, title lines, the toolbar, colour bars, annotations, each scene's
domain and the anatomy each scene draws (the bounding box of its WebGL pixels, found in
a screenshot with the SVG layers hidden). Used by tests/test_figure_layout.py and tools/bench.py.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# viewport -> widths (px) a figure gets: JupyterLab with its file browser open, handout page
WIDTHS = {"1024x768": {"lab": 592, "handout": 882},
          "1400x1000": {"lab": 968, "handout": 1258}}
PAD = 10  # page margin around the figure (px)
# viewport -> height (px) of JupyterLab's notebook area (between its toolbar and status
# bar), measured in headless Chromium; a figure in an output cell (about 10 px of padding
# around it) shows whole, legend included, when it is at most this tall less the padding
NOTEBOOK_HEIGHT = {"1024x768": 647, "1400x1000": 879}
CELL_PAD = 10

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>body{{margin:{pad}px;background:white}} #fig{{width:{width}px}}</style>
<script>{plotly}</script></head><body><div id="fig"></div><script>
var spec = {spec};
window.kitReady = Plotly.newPlot("fig", spec.data, spec.layout,
    Object.assign({config}, {{responsive: true, plotGlPixelRatio: 1}})).then(function () {{
  return new Promise(function (ok) {{ setTimeout(ok, 300); }});
}});
</script></body></html>"""

MEASURE_JS = """() => {
  const gd = document.getElementById('fig');
  const box = el => { const b = el.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom]; };
  const nonEmpty = el => { const b = el.getBoundingClientRect();
    return b.width > 0 && b.height > 0; };
  const fl = gd._fullLayout, sz = fl._size, root = box(gd);
  const scenes = Object.keys(fl).filter(k => /^scene\\d*$/.test(k)).sort().map(k => {
    const d = fl[k].domain;
    return {key: k, box: [root[0] + sz.l + d.x[0] * sz.w, root[1] + sz.t + (1 - d.y[1]) * sz.h,
                          root[0] + sz.l + d.x[1] * sz.w, root[1] + sz.t + (1 - d.y[0]) * sz.h]};
  });
  const legend = gd.querySelector('.legend');
  const menus = [];
  // each dropdown's header and each row of buttons (plotly draws them as direct children
  // of the container, so a child-of-child selector found none and nothing was checked)
  gd.querySelectorAll('.updatemenu-container .updatemenu-header-group, '
                      + '.updatemenu-container .updatemenu-button-group')
    .forEach(h => { if (nonEmpty(h)) menus.push(box(h)); });
  return {
    figure: root, scenes,
    legend: legend && nonEmpty(legend) ? box(legend.querySelector('.bg')) : null,
    entries: legend ? [...legend.querySelectorAll('.traces')].map(box) : [],
    expected: fl.showlegend ? gd._fullData.filter(
      t => t.showlegend !== false && t.visible !== false).length : 0,
    menus,
    // each line of a title on its own: only the first line shares the toolbar's band
    titles: [...gd.querySelectorAll('.gtitle')].filter(nonEmpty).flatMap(t => {
      const lines = [...t.querySelectorAll('tspan.line')].filter(nonEmpty);
      return lines.length ? lines.map(box) : [box(t)]; }),
    // plotly's toolbar: shown while the pointer is over the figure, over whatever lies there
    modebar: (m => m && nonEmpty(m) ? box(m) : null)(gd.querySelector('.modebar')),
    colorbars: [...gd.querySelectorAll('.colorbar')].filter(nonEmpty).map(box),
    // paper annotations are g.annotation, a 3D scene's g.annotation-scene
    annotations: [...gd.querySelectorAll('.annotation, .annotation-scene')].filter(nonEmpty)
      .map(a => box(a.querySelector('.annotation-text-g') || a)),  // the label, not its line
  };
}"""


def plotly_js() -> str:
    """plotly.js (gl3d bundle from npm), as the handouts inline it."""
    from tools.classroom import plotly_js_path

    return plotly_js_path().read_text(encoding="utf-8")


def page_html(spec: dict, width: int, js: str | None = None) -> str:
    """A page drawing the figure dict ``spec`` in a div ``width`` px wide."""
    from anatomy.viz import plotly3d

    text = plotly3d.to_json(spec).replace("</", "<\\/")
    return PAGE.format(pad=PAD, width=width, plotly=js or plotly_js(), spec=text,
                       config=json.dumps(plotly3d.PLOT_CONFIG))


def open_figure(browser, spec: dict, width: int, viewport: str, tmp: Path, js=None):
    """A playwright page (viewport 'WxH') with the figure drawn; the caller closes it."""
    w, h = (int(v) for v in viewport.split("x"))
    page = browser.new_page(viewport={"width": w, "height": h})
    path = tmp / f"figure-{width}.html"
    path.write_text(page_html(spec, width, js), encoding="utf-8")
    page.goto(path.as_uri(), wait_until="domcontentloaded", timeout=120_000)
    page.evaluate("() => window.kitReady")
    return page


def canvas_shot(page) -> np.ndarray:
    """What the figure's WebGL canvases drew, as RGB (rows from the page's top): a
    screenshot with the figure's SVG layers (text, menus, legend) hidden."""
    from PIL import Image

    page.add_style_tag(content="svg.main-svg{visibility:hidden !important}")
    page.wait_for_timeout(100)
    height = page.evaluate("document.getElementById('fig').getBoundingClientRect().bottom")
    shot = page.screenshot(clip={"x": 0, "y": 0, "width": page.viewport_size["width"],
                                 "height": height + PAD}, full_page=True)
    page.evaluate("document.querySelectorAll('style').forEach(s => "
                  "s.textContent.includes('main-svg') && s.remove())")
    return np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)


def anatomy_ink(page) -> np.ndarray:
    """Which page pixels (rows from the page's top) the figure's WebGL canvases drew."""
    return (255 - canvas_shot(page)).max(axis=2) > 12


def arrow_points(page, text_start: str, n: int = 40) -> np.ndarray:
    """``n`` page points (x, y) along the arrow of the annotation whose text starts with
    ``text_start``, from its label to its target."""
    pts = page.evaluate(
        "([start, n]) => { const a = [...document.querySelectorAll("
        "'.annotation, .annotation-scene')].find(a => a.textContent.startsWith(start)); "
        "const p = a.querySelector('.annotation-arrow-g path'); const m = p.getScreenCTM(); "
        "const L = p.getTotalLength(); return [...Array(n).keys()].map(i => { "
        "const q = p.getPointAtLength(L * i / (n - 1)); "
        "return [q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f]; }); }",
        [text_start, n])
    return np.asarray(pts, float)


def anatomy_boxes(page, scenes: list[dict]) -> list[list[float] | None]:
    """Per scene: the bounding box of the pixels its WebGL canvas drew (None: nothing)."""
    ink = anatomy_ink(page)
    out = []
    for sc in scenes:
        x0, y0, x1, y1 = (int(round(v)) for v in sc["box"])
        region = ink[max(y0 - PAD, 0):y1 + PAD, max(x0 - PAD, 0):x1 + PAD]
        ys, xs = np.nonzero(region)
        if len(xs) == 0:
            out.append(None)
            continue
        ox, oy = max(x0 - PAD, 0), max(y0 - PAD, 0)
        out.append([ox + xs.min(), oy + ys.min(), ox + xs.max() + 1, oy + ys.max() + 1])
    return out


def measure(page) -> dict:
    """The figure's layout boxes (see the module docstring), anatomy included."""
    m = page.evaluate(MEASURE_JS)
    m["anatomy"] = anatomy_boxes(page, m["scenes"])
    return m


def overlap(a, b, tol: float = 0.5) -> bool:
    """Whether two boxes (left, top, right, bottom) overlap by more than ``tol`` px."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > tol) and (min(a[3], b[3]) - max(a[1], b[1]) > tol)


def inside(inner, outer, tol: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


# the least gap between a label and the figure's side, px: "C1 (atlas): posterior arch" began
# 2 px from the left edge at 592 px and read as cut (reviewer)
NOTE_MARGIN_PX = 6


def problems(m: dict, crop: bool = True) -> list[str]:
    """Everything wrong with a measured layout (empty when readable); ``crop`` False for
    close-up views, whose anatomy fills the scene by design."""
    out = []
    fig = m["figure"]
    if m["expected"] and len(m["entries"]) != m["expected"]:
        out.append(f"{len(m['entries'])} of {m['expected']} legend entries drawn")
    for k, e in enumerate(m["entries"]):
        if m["legend"] is None or not inside(e, m["legend"], tol=2):
            out.append(f"legend entry {k} {e} outside the legend box {m['legend']}")
    furniture = ([("legend", m["legend"])] if m["legend"] else [])
    furniture += [(f"menu {k}", b) for k, b in enumerate(m["menus"])]
    furniture += [(f"colour bar {k}", b) for k, b in enumerate(m["colorbars"])]
    furniture += [(f"title {k}", b) for k, b in enumerate(m["titles"])]
    furniture += [("toolbar", m["modebar"])] if m.get("modebar") else []
    for name, b in furniture:
        if not inside(b, fig, tol=1):
            out.append(f"{name} {b} is outside the figure {fig}")
    for i, (na, a) in enumerate(furniture):
        for nb, b in furniture[i + 1:]:
            if overlap(a, b):
                out.append(f"{na} {a} overlaps {nb} {b}")
    notes = m["annotations"]
    for k, note in enumerate(notes):
        if not inside(note, fig, tol=1):
            out.append(f"annotation {k} {note} is cut by the edge of the figure {fig}")
        elif min(note[0] - fig[0], fig[2] - note[2]) < NOTE_MARGIN_PX:
            out.append(f"annotation {k} {note} is within {NOTE_MARGIN_PX} px of the side of "
                       f"the figure {fig}")
        for j in range(k + 1, len(notes)):
            if overlap(note, notes[j], tol=1):
                out.append(f"annotation {k} {note} overlaps annotation {j} {notes[j]}")
        for name, b in furniture:
            if name.startswith(("legend", "menu", "title")) and overlap(note, b):
                out.append(f"annotation {k} {note} overlaps {name} {b}")
    for sc, body in zip(m["scenes"], m["anatomy"]):
        if body is None:
            out.append(f"{sc['key']} draws nothing")
            continue
        # left, top and right edges: the bust ends at the shoulders, so the bottom may touch
        inner = [sc["box"][0] + 1, sc["box"][1] + 1, sc["box"][2] - 1, body[3]]
        if crop and not inside(body, inner, tol=0):
            out.append(f"{sc['key']}: the anatomy {body} reaches the edge of its scene "
                       f"{sc['box']} (cropped)")
        for name, b in furniture:
            if overlap(body, b, tol=2):
                out.append(f"{name} {b} overlaps the anatomy of {sc['key']} {body}")
    return out


def stage_args(spec: dict) -> list[tuple[str, list]]:
    """(label, [data update, layout update, trace indices]) of the figure's stage/pattern
    dropdowns (menus with method 'update'); applied with Plotly.update."""
    out = []
    for menu in spec["layout"].get("updatemenus", []):
        for b in menu.get("buttons", []):
            if b.get("method") == "update":
                out.append((b["label"], b["args"]))
    return out


def apply_update(page, args: list) -> None:
    """Apply a menu button's ``args`` to the page's figure as the button would: an
    ``update`` button's (data, layout[, traces]) or a ``restyle`` button's (data, traces).
    (Passed to Plotly.update, a restyle button's trace list was read as a layout and every
    trace was restyled: a reviewer's "Bones" screenshots came out blank.)"""
    from anatomy.viz import plotly3d

    method = "restyle" if len(args) == 2 and isinstance(args[1], list) else "update"
    payload = json.dumps(plotly3d._plain(args))
    page.evaluate(f"() => Plotly.{method}('fig', ...{payload}).then(() => "
                  "new Promise(ok => setTimeout(ok, 300)))")


def kit_figures() -> dict:
    """name -> builder of every 3D figure the notebooks, handouts and figures/ show."""
    from anatomy.head import load_head
    from anatomy.viz import head_views, headache_views, nerve_views, pain_views
    from anatomy.viz.structure_views import structures_figure

    def head_eeg():
        return head_views.head_figure(load_head(), view="left", eeg=True,
                                      landmarks=["inion", "nasion", "tragus_left"])

    return {
        "head_3d": lambda: head_views.head_figure(load_head(), view="posterolateral_right"),
        "head_eeg": head_eeg,
        "nerves_all_layers": nerve_views.all_layers_figure,
        "structures": structures_figure,
        "pain_heat": pain_views.heat_figure,
        "pain_territories": pain_views.territory_figure,
        "headache_pain_maps": headache_views.pain_map_figure,
    }
