"""Notebook outputs for the offline pages: plotly figures and images with their alt text.

Stored plotly figures (``application/vnd.plotly.v1+json``) become a div with a fixed id
plus a ``Plotly.newPlot`` call, which nbconvert does not do by itself; PNG outputs keep the
alt text the kit stores in their metadata. Used by ``tools/classroom.py`` (handouts and
slides) and the paper handouts.
"""

from __future__ import annotations

import html
import json
import re

from anatomy.viz import plotly3d

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOT_CONFIG = {**plotly3d.PLOT_CONFIG, "responsive": True}
# trace types in plotly.js's gl3d partial bundle (its README)
GL3D_TRACES = ("scatter", "scatter3d", "surface", "mesh3d", "isosurface", "volume", "cone",
               "streamtube")


# ---------------------------------------------------------------------------------------
# Plotly outputs -> div + Plotly.newPlot (fixed ids)
# ---------------------------------------------------------------------------------------

def _script_json(obj) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def plot_html(div_id: str, figure: dict, alt: str) -> str:
    """A div and a script that queue the figure for drawing (see RENDER_JS)."""
    label = html.escape(alt.removeprefix("[Interactive 3D figure]").strip(), quote=True)
    spec = {"id": div_id, "data": figure.get("data", []), "layout": figure.get("layout", {}),
            "config": PLOT_CONFIG}
    return (f'<div id="{div_id}" class="kit-plotly" role="img" aria-label="{label}"></div>\n'
            f"<script>(window.KIT_PLOTS = window.KIT_PLOTS || []).push({_script_json(spec)});"
            "</script>\n")


def check_traces(figure: dict) -> None:
    """Every trace must be drawable by the gl3d bundle the pages ship."""
    for trace in figure.get("data", []):
        kind = trace.get("type", "scatter")
        if kind not in GL3D_TRACES:
            raise ValueError(f"Trace type {kind!r} is not in plotly.js's gl3d bundle; valid: "
                             f"{', '.join(GL3D_TRACES)}. Add a bundle that has it to "
                             "package.json.")


def convert_plotly_outputs(nb, prefix: str = "kit-plot") -> int:
    """Replace every stored plotly output by text/html (div + script); returns the count.

    The text/plain alt text stays, so a page without JavaScript still describes the figure.
    """
    count = 0
    for k, cell in enumerate(nb.cells):
        for j, out in enumerate(cell.get("outputs", [])):
            data = out.get("data", {})
            if PLOTLY_MIME not in data:
                continue
            fig = data.pop(PLOTLY_MIME)
            fig = json.loads(fig) if isinstance(fig, str) else fig
            check_traces(fig)
            alt = "".join(data.get("text/plain", ""))
            data["text/html"] = plot_html(f"{prefix}-{k}-{j}", fig, alt)
            count += 1
    return count


def image_html(data: str, alt: str, text_px: float | None = None) -> str:
    """An <img> with its alt text (nbconvert's templates drop the alt that the kit's
    figures carry in their output metadata and write a placeholder instead), and the
    height of its smallest text in image pixels (``data-text-px``) when it is known."""
    extra = f' data-text-px="{text_px:g}"' if text_px else ""
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'class="kit-figure"{extra}>')


def carry_alt_text(nb) -> int:
    """Turn every PNG output that has alt text in its metadata into an <img> with that
    alt; returns the count. text/plain (the same alt) stays."""
    count = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data, meta = out.get("data", {}), out.get("metadata", {})
            alt = meta.get("image/png", {}).get("alt")
            if "image/png" in data and alt:
                data["text/html"] = image_html("".join(data.pop("image/png")).strip(), alt,
                                               meta["image/png"].get("text_px"))
                count += 1
    return count



# ---------------------------------------------------------------------------------------
# Tables: the data's column and row names as words
# ---------------------------------------------------------------------------------------

# a header cell (column name or row label) of a pandas HTML table: <th ...>text</th>, its
# text with the line-break hints the kit's tables put after each underscore (<wbr/>)
HEADER_CELL = re.compile(r"(<th\b[^>]*>)((?:[^<]|<wbr/?>)*)(</th>)")
WBR = re.compile(r"<wbr/?>")
# names whose words are joined by a hyphen, and the classification's own spelling
HEADER_WORDS = {"ichd3": "ICHD-3", "tension_type": "tension-type",
                "neck_tongue": "neck-tongue"}


def header_words(name: str) -> str:
    """A column or row name in words: ``not_met`` -> ``not met``, ``ichd3_code`` ->
    ``ICHD-3 code``, ``tension_type`` -> ``tension-type``."""
    for joined, spelled in HEADER_WORDS.items():
        name = name.replace(joined, spelled)
    return name.replace("_", " ")


def readable_headers(nb) -> int:
    """Write the header cells of every HTML table output in words (``header_words``);
    returns the number of tables changed.

    Students index the kit's tables by these names in code, so the notebooks keep them;
    a slide or a printed page is read, not coded against ("not_/met" and
    "migraine_without_/aura" wrapped at the underscore on slides: slide review 19).
    """
    count = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            page = "".join(out.get("data", {}).get("text/html", ""))
            if "<table" not in page:
                continue
            words = HEADER_CELL.sub(
                lambda m: m[1] + header_words(WBR.sub("", m[2])) + m[3], page)
            if words != page:
                out["data"]["text/html"] = words
                count += 1
    return count


# On a slide, a legend of more than this many entries keeps its notebook size (RENDER_JS;
# tools/slidecheck.py measures by the same number)
LONG_LEGEND = 8

# Draws the queued figures: one after another (handouts) or when their slide shows (slides).
RENDER_JS = """
<script>
(function () {
  // on a slide the text that plotly draws over a 3D figure (labels on leader lines,
  // menus, titles, colour bars) is this many times its size in the notebook: at
  // 12 px a label showed at about 15 px on a 1024 x 768 projector, under the 18 px a room
  // reads (slide reviews 21 and 22). The slide's figure is 696 px wide, so a label takes
  // the share of it that it takes at JupyterLab's narrowest (592 px), where the labels
  // are placed. Text drawn in the scene (a trace's textfont) keeps its size: it sits at
  // its point's depth, and larger, the skin cut "T7" beside the ear.
  var SLIDE_FONT = 1.2, SLIDE_FONT_MIN = 14.1;  // and at least 18 px at reveal's 1.28
  var TITLE_ROOM = 16;
  // every {size: n} under a key ending in "font", in place; not a long legend's: the
  // nerve figure's 21 entries took 190 px of the slide's 576 scaled up, and the head
  // shrank to a third of the slide. A short one (the heat figure's key to the marker
  // shapes, which Exercise 1 asks about) is scaled like the rest (review 23).
  var LONG_LEGEND = @LONG_LEGEND@;
  function big(n, k) { return Math.max(SLIDE_FONT_MIN, Math.round(n * k * 10) / 10); }
  function scaleFonts(node, k, keepLegend) {
    if (Array.isArray(node)) { node.forEach(function (v) { scaleFonts(v, k, keepLegend); }); }
    else if (node && typeof node === "object") {
      Object.keys(node).forEach(function (key) {
        var v = node[key];
        if (key === "legend" && keepLegend) { return; }
        if (/font$/i.test(key) && v && typeof v === "object" && !Array.isArray(v)) {
          if (typeof v.size === "number") { v.size = big(v.size, k); }
          else if (Array.isArray(v.size)) {
            v.size = v.size.map(function (n) { return big(n, k); });
          }
        }
        scaleFonts(v, k, keepLegend);
      });
    }
    return node;
  }
  // a row of layer buttons is placed by px offsets from its anchored end (pad: 2 px, then
  // per button before it its width, text x 1.08 + 24 px, and a 2 px gap: menus.toggle_menu)
  // that fit the notebook's font; in the slide's larger font the buttons ran into each
  // other (review 36). Each offset's text part grows with the font, and loses the 8 %
  // spare, which the larger text needs; the fixed parts stay
  function spaceLayerButtons(layout, was) {
    var menus = layout.updatemenus || [], before = was.updatemenus || [];
    var row = function (m) { return /^layer /.test(m.name || "") && m.pad && m.font; };
    menus.forEach(function (menu, i) {
      if (!row(menu) || !before[i] || !before[i].font) { return; }
      var side = menu.xanchor === "right" ? "r" : "l";
      var pad = before[i].pad[side] || 0;
      var m = before.filter(function (o) {
        return row(o) && o.y === before[i].y && o.xanchor === before[i].xanchor &&
          (o.pad[side] || 0) < pad;
      }).length;   // buttons between this one and the row's end
      var text = pad - 2 - 26 * m, k = menu.font.size / before[i].font.size;
      var update = {};
      update[side] = 2 + text * k / 1.08 + 26 * m;
      menu.pad = Object.assign({}, menu.pad, update);
    });
  }
  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el || el.dataset.drawn) { return; }
    el.dataset.drawn = "1";
    // WebGL drawn at the screen's pixel ratio: plotly's default (2 on every screen) fills
    // four times the pixels on a 1x projector, which software WebGL pays for on first paint
    var config = Object.assign(
      {plotGlPixelRatio: Math.min(2, Math.max(1, window.devicePixelRatio || 1))}, spec.config);
    var layout = spec.layout;
    if (window.Reveal) {  // on a slide: no taller than the room left below it
      var top = 0, node = el, section = el.closest("section");
      while (node && node !== section) { top += node.offsetTop; node = node.offsetParent; }
      var room = Reveal.getConfig().height - top - 8;
      var entries = spec.data.filter(function (t) {
        return t.showlegend !== false && t.visible !== false && t.visible !== "legendonly";
      }).length;
      layout = Object.assign(
        scaleFonts(JSON.parse(JSON.stringify(layout)), SLIDE_FONT, entries > LONG_LEGEND),
        {height: Math.min(layout.height || 450, room)});
      spaceLayerButtons(layout, spec.layout);
      // the room above the scene grows with its text: a stage's two-line title, larger,
      // ran 5 px down into the menus under it, which grew too (stage 4's "aponeurosis ...
      // artery"). The title's gap over the scene, as the figure opens and as each menu
      // option sets it ("title.pad.b"), and the top margin grow by TITLE_ROOM px.
      if (layout.title && layout.title.pad && typeof layout.title.pad.b === "number") {
        layout.title.pad = Object.assign({}, layout.title.pad,
                                         {b: layout.title.pad.b + TITLE_ROOM});
        if (layout.margin && typeof layout.margin.t === "number") {
          layout.margin = Object.assign({}, layout.margin, {t: layout.margin.t + TITLE_ROOM});
        }
        (layout.updatemenus || []).forEach(function (menu) {
          (menu.buttons || []).forEach(function (button) {
            (button.args || []).forEach(function (arg) {
              if (arg && typeof arg["title.pad.b"] === "number") {
                arg["title.pad.b"] += TITLE_ROOM;
              }
            });
          });
        });
      }
    }
    // a trace that draws nothing (transparent text: plotly3d.prime_text_glyphs, which
    // readies the glyphs of labels a menu brings in) is added once the figure is painted:
    // vectorising its labels was the longest step of a first newPlot (0.8 s in 02)
    var unseen = function (t) {
      return t.mode === "text" && !!t.textfont && t.textfont.color === "rgba(0,0,0,0)";
    };
    // the div as tall as the figure: plotly's resize (a slide shown, the window resized)
    // relayouts with autosize, which drops the layout's height and measures the div; with
    // no height of its own the div then shrank to its 300 px minimum on the next redraw,
    // and a click on a layer button cut the slide's figure to a strip (review 36)
    el.style.height = (layout.height || 450) + "px";
    var now = spec.data.filter(function (t) { return !unseen(t); });
    var later = spec.data.slice(now.length);  // only at the end: menus keep their indices
    if (later.some(function (t) { return !unseen(t); })) { now = spec.data; later = []; }
    var drawn = Plotly.newPlot(el, now, layout, config);
    if (!later.length) { return drawn; }
    var frame = function () {  // two frames: the figure is on the screen before the rest
      return new Promise(function (ok) {
        requestAnimationFrame(function () { setTimeout(ok, 0); });
      });
    };
    return drawn.then(frame).then(frame).then(function () {
      return Plotly.addTraces(el, later);
    });
  }
  function drawIn(root) {
    (window.KIT_PLOTS || []).forEach(function (spec) {
      var el = document.getElementById(spec.id);
      if (el && root.contains(el)) {
        if (el.dataset.drawn) { Plotly.Plots.resize(el); } else { draw(spec); }
      }
    });
  }
  window.kitDrawPlots = drawIn;
  if (typeof Plotly === "undefined") {
    document.querySelectorAll(".kit-plotly").forEach(function (el) {
      el.textContent = "plotly.js did not load: the interactive figure cannot be shown.";
    });
    return;
  }
  if (!window.Reveal) {
    // one figure at a time, with a painted frame in between: the first figure shows
    // before the next is built
    var queue = (window.KIT_PLOTS || []).slice();
    var frame = function (fn) { requestAnimationFrame(function () { setTimeout(fn, 0); }); };
    var later = function () { frame(function () { frame(next); }); };
    function next() {
      var spec = queue.shift();
      if (spec) { Promise.resolve(draw(spec)).then(later, later); }
    }
    next();
  }
})();
</script>
""".replace("@LONG_LEGEND@", str(LONG_LEGEND))
