"""Measure slides as a projector shows them: overflow, text size, figure label size.

Used by tests/test_slides.py and by hand (screenshots of a deck)::

    python tools/slidecheck.py build/slides/01_occipital_nerves.slides.html [out_dir]

Every slide is shown with all its fragments, in headless Chromium at 1024 x 768, and
measured on screen (CSS px times the scale reveal.js or RISE applies):

- ``overflow``: content height and width beyond the slide, in slide px;
- ``text_px``: the smallest body text (every visible text outside figures and notes);
- ``legend_cut``: legend entries of a plotly figure cut at its edge;
- ``stray``: boxes inside the slide that scroll, the quiz's aside (one question at a time)
  and the list of sources (``.kit-refs``);
- ``under_controls``: text under reveal.js's arrows at the lower right, where a line of
  an exercise ran under the up arrow (student review 28);
- ``label_px``: the smallest label of a plotly figure (SVG text) or of a PNG figure
  (``data-text-px`` / ``text_px`` metadata: its smallest text in image pixels, times
  displayed width / natural width).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tools.classroom_outputs import LONG_LEGEND  # noqa: E402

SCREEN = (1024, 768)
MIN_TEXT_PX = 24
MIN_LABEL_PX = 14
# a 3D figure's labels, menus, titles and colour bar in an offline deck, which draws them
# larger than the notebook (tools/classroom_outputs.RENDER_JS, SLIDE_FONT): a room reads
# about 18 px (slide reviews 21 and 22); a legend of more than LONG_LEGEND entries (the
# nerve figure's 21) keeps MIN_LABEL_PX
MIN_PLOT_TEXT_PX = 18
# "at most about 40 words per slide": a slide over MAX_WORDS fails, except a case's story,
# an exercise's task (read at the students' screens while they work), the red-flag box
# (the list a clinician screens with), the quiz (one question in view) and the sources
# the deck cites (read when a citation is clicked; the list scrolls in its box)
MAX_WORDS = 50
WORDY_TITLES = re.compile(r"^(Case \d+:|Exercise \d+|⚠ RED FLAGS|Self-check quiz|References)")

# One slide: the innermost section shown. Works in the offline deck and in RISE (where a
# slide's content is JupyterLab's cells). ``pngTextPx(img)`` gives an image's smallest
# text in image px, or null when unknown.
MEASURE_JS = """async (section) => {
  const LONG_LEGEND = @LONG_LEGEND@;
  const s = section || [...document.querySelectorAll('.reveal .slides section.present')]
      .filter(x => !x.querySelector('section')).pop();
  s.querySelectorAll('.fragment').forEach(f => f.classList.add('visible'));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const slides = document.querySelector('.reveal .slides');
  // on-screen px per CSS px of the slide (reveal scales with a transform or with zoom)
  const k = s.getBoundingClientRect().width / s.offsetWidth;
  const shown = el => el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden';
  // a box that scrolls inside the slide (the quiz) counts by its own size
  // (a box too narrow for its content, e.g. a wide table, counts as overflow to the right)
  const scrollers = [...s.querySelectorAll('*')].filter(e => {
    const st = getComputedStyle(e);
    return (['auto', 'scroll'].includes(st.overflowY) && e.scrollHeight > e.clientHeight + 1)
      || (['auto', 'scroll'].includes(st.overflowX) && e.scrollWidth > e.clientWidth + 1); });
  const hiddenX = Math.max(0, ...scrollers.map(b => b.scrollWidth - b.clientWidth));
  // a box that scrolls but is not the quiz's: every answer slide's title box scrolled by
  // 2 px (slide review 26), and a scroll bar may show where the system draws them
  // (the quiz's own output area scrolls by design: SLIDE_EXTRAS_CSS)
  const stray = scrollers.filter(b => !(b.matches('.jp-OutputArea')
                                        && b.querySelector('.Quiz'))
                                   && !b.matches('.kit-refs')).map(
      b => `${b.tagName}.${b.className}`.slice(0, 60) +
           ` ${b.scrollHeight - b.clientHeight} px down,` +
           ` ${b.scrollWidth - b.clientWidth} px right`);
  // content clipped by a box (overflow other than visible: a scrolling quiz, an ellipsis)
  // counts by that box
  const clippers = [...s.querySelectorAll('*')].filter(
      e => getComputedStyle(e).overflow !== 'visible');
  const inScroller = el => clippers.some(b => b !== el && b.contains(el));
  const texts = [], labels = [], under = [];
  // reveal.js's arrows (each button drawn, faint or not) and the part of a text line they
  // cover, cut to the boxes that clip it
  const arrows = [...document.querySelectorAll('.reveal .controls button')]
      .filter(b => shown(b) && parseFloat(getComputedStyle(b).opacity) > 0)
      .map(b => b.getBoundingClientRect()).filter(r => r.width > 0);
  const covered = (n, el) => {
    const range = document.createRange();
    range.selectNodeContents(n);
    const clips = clippers.filter(b => b.contains(el)).map(b => b.getBoundingClientRect());
    for (const q of range.getClientRects()) {
      let [l, t, r, b] = [q.left, q.top, q.right, q.bottom];
      for (const c of clips) {
        l = Math.max(l, c.left); t = Math.max(t, c.top);
        r = Math.min(r, c.right); b = Math.min(b, c.bottom); }
      for (const a of arrows) {
        if (Math.min(r, a.right) - Math.max(l, a.left) > 2
            && Math.min(b, a.bottom) - Math.max(t, a.top) > 2) return true; } }
    return false; };
  const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !shown(el)) continue;
    if (el.closest('aside.notes, script, style, .kit-plotly, .js-plotly-plot, svg, ' +
                   'details:not([open]) > :not(summary)')) continue;
    if (parseFloat(getComputedStyle(el).fontSize) === 0) continue;  // hidden by size 0
    if (covered(n, el)) under.push(n.textContent.trim().slice(0, 40));
    // words of prose: the whole text node, code (shown to run live) not counted
    const code = el.closest('.cm-editor, .jp-CodeCell .jp-InputArea, pre, code');
    texts.push({px: parseFloat(getComputedStyle(el).fontSize) * k,
                text: n.textContent.trim().slice(0, 60),
                words: code ? 0 : n.textContent.trim().split(/\\s+/).filter(Boolean).length});
  }
  const plotText = [];  // a 3D figure's text but its legend's (see MIN_PLOT_TEXT_PX)
  for (const t of s.querySelectorAll('.js-plotly-plot svg text')) {
    if (!t.textContent.trim() || !shown(t)) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    const label = {px: parseFloat(getComputedStyle(t).fontSize) * k,
                   text: 'plotly: ' + t.textContent.trim().slice(0, 40)};
    labels.push(label);
    // a long legend keeps its notebook size on a slide
    const legend = t.closest('.legend');
    if (!legend || legend.querySelectorAll('.traces').length <= LONG_LEGEND) {
      plotText.push(label);
    }
  }
  for (const img of s.querySelectorAll('img')) {
    const px = img.dataset.textPx ? parseFloat(img.dataset.textPx)
        : (window.kitTextPx ? window.kitTextPx(img) : null);
    if (!px || !shown(img) || !img.naturalWidth) continue;
    const alt = img.alt || (window.kitAlt ? window.kitAlt(img) : '') || '';
    labels.push({px: px * img.getBoundingClientRect().width / img.naturalWidth,
                 text: 'png: ' + alt.slice(0, 40)});
  }
  // the slide's size (reveal.js's width and height; a RISE section grows with its cells)
  const H = slides.offsetHeight, W = slides.offsetWidth;
  const rect = s.getBoundingClientRect();
  let bottom = 0, right = 0, widest = '';
  for (const el of s.querySelectorAll('*')) {
    if (!shown(el) || el.closest('aside.notes, details:not([open]) > :not(summary)')
        || inScroller(el)) continue;
    // a plotly figure counts by its own box (its legend and menus clip their contents)
    if (el.closest('.js-plotly-plot') && !el.classList.contains('js-plotly-plot')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    bottom = Math.max(bottom, (r.bottom - rect.top) / k);
    if ((r.right - rect.left) / k > right) {
      right = (r.right - rect.left) / k; widest = el.tagName + '.' + el.className; }
  }
  // legend entries that run past the figure's edge or out of the legend's box, which
  // clips them: in reveal.js's zoom plotly kept a long row unwrapped ("trigeminocer")
  const cut = [];
  for (const plot of s.querySelectorAll('.js-plotly-plot')) {
    const bg = plot.querySelector('.legend .bg');
    const edge = Math.min(plot.getBoundingClientRect().right,
                          bg ? bg.getBoundingClientRect().right : Infinity);
    for (const e of plot.querySelectorAll('.legend .traces')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 1) cut.push(e.textContent.trim().slice(0, 40));
    }
  }
  const min = a => a.length ? a.reduce((m, x) => x.px < m.px ? x : m) : null;
  const heading = s.querySelector('h1, h2, h3, h4');
  return {widest: String(widest).slice(0, 80), scrollers: scrollers.length, stray,
          title: heading ? heading.textContent.trim().slice(0, 50)
                         : (texts[0] ? texts[0].text : ''),
          overflow_y: Math.max(0, s.scrollHeight - s.clientHeight, bottom - H),
          overflow_x: Math.max(0, s.scrollWidth - s.clientWidth, right - W, hiddenX),
          text: min(texts), label: min(labels), plot_text: min(plotText),
          words: texts.reduce((n, t) => n + t.words, 0), scale: k, legend_cut: cut,
          under_controls: under,
          screen: [rect.width, rect.height]};
}""".replace("@LONG_LEGEND@", str(LONG_LEGEND))


def launch(p, chromium: str, flags: list[str]):
    browser = p.chromium.launch(executable_path=chromium, args=flags)
    page = browser.new_page(viewport={"width": SCREEN[0], "height": SCREEN[1]})
    return browser, page


def deck_slides(page, shots: Path | None = None, prefix: str = "") -> list[dict]:
    """Measure every slide of an offline reveal.js deck already open in ``page``."""
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
    page.evaluate("() => Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    n = page.evaluate("() => Reveal.getSlides().length")
    out = []
    for k in range(n):
        page.evaluate(f"""() => {{ const s = Reveal.getSlides()[{k}];
            const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }}""")
        plots = page.evaluate(f"() => Reveal.getSlides()[{k}]"
                              ".querySelectorAll('.kit-plotly').length")
        if plots:
            page.wait_for_function(
                f"() => [...Reveal.getSlides()[{k}].querySelectorAll('.kit-plotly')]"
                ".every(e => e.classList.contains('js-plotly-plot'))", timeout=60_000)
            page.wait_for_timeout(300)
        m = page.evaluate(f"() => ({MEASURE_JS})(Reveal.getSlides()[{k}])")
        m["index"] = k
        if shots is not None:
            page.screenshot(path=str(shots / f"{prefix}{k:02d}.png"))
        out.append(m)
    return out


CURRENT_JS = """() => { const all = [...document.querySelectorAll('.reveal .slides section')]
    .filter(x => !x.querySelector('section'));
  return all.findIndex(x => x.classList.contains('present')); }"""


def open_rise(page, base: str, token: str, notebook: str):
    """Open ``notebook`` in JupyterLab (served with ``expose_app_in_browser``) and start
    jupyterlab-rise's slideshow; returns its page at 1024 x 768."""
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function("window.jupyterapp && "
                           "window.jupyterapp.commands.hasCommand('RISE:slideshow')",
                           timeout=60_000)
    with page.context.expect_page(timeout=60_000) as new_page:
        page.evaluate("() => window.jupyterapp.commands.execute('RISE:slideshow')")
    rise = new_page.value
    # the slideshow window opens at the projector's size and is never resized: what a
    # presenter who does not go full screen sees (the 3D figures' box is fixed in px)
    assert rise.viewport_size == {"width": SCREEN[0], "height": SCREEN[1]}, rise.viewport_size
    rise.wait_for_selector(".reveal .slides section.present", timeout=60_000)
    rise.wait_for_timeout(1000)
    return rise


def png_outputs(notebook: Path) -> list[dict]:
    """The notebook's PNG outputs in order: ``text_px`` (smallest text, image px) and
    ``alt`` from their output metadata (JupyterLab's <img> carries neither)."""
    import json

    cells = json.loads(notebook.read_text())["cells"]
    return [{"text_px": o["metadata"]["image/png"].get("text_px"),
             "alt": o["metadata"]["image/png"].get("alt", "")}
            for c in cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]


def rise_slides(rise, pngs: list[dict], shots: Path | None = None, prefix: str = "",
                limit: int = 200) -> list[dict]:
    """Measure every slide of a RISE slideshow, stepping with the space bar (the measure
    shows every fragment, so one press goes to the next slide). ``pngs``: the notebook's
    PNG outputs in order (``png_outputs``)."""
    rise.evaluate("""(pngs) => {
        const at = img => pngs[[...document.querySelectorAll('.jp-RenderedImage img')]
                                .indexOf(img)] || {};
        window.kitTextPx = img => at(img).text_px || null;
        window.kitAlt = img => at(img).alt || ''; }""", pngs)
    out, seen = [], set()
    for _ in range(limit):
        k = rise.evaluate(CURRENT_JS)
        if k in seen:
            break
        seen.add(k)
        section = "[...document.querySelectorAll('.reveal .slides section')]" \
                  ".filter(x => !x.querySelector('section'))[" + str(k) + "]"
        if rise.evaluate(f"() => {section}.querySelectorAll('.jp-OutputArea-output "
                         ".js-plotly-plot, .jp-RenderedPlotly').length"):
            rise.wait_for_function(f"() => [...{section}.querySelectorAll("
                                   "'.jp-RenderedPlotly')].every(e => e.querySelector("
                                   "'.main-svg'))", timeout=60_000)
            rise.wait_for_timeout(500)
        m = rise.evaluate(f"() => ({MEASURE_JS})({section})")
        m["index"] = k
        m["plotly"] = rise.evaluate(f"() => {section}.querySelectorAll('.js-plotly-plot')"
                                    ".length")
        if shots is not None:
            rise.screenshot(path=str(shots / f"{prefix}{k:02d}.png"))
        out.append(m)
        rise.keyboard.press("Space")
        rise.wait_for_timeout(250)
    return out


def problems(measured: list[dict], labels: bool = True, room: bool = False) -> list[str]:
    """Human-readable failures of the projector rules; with ``room``, the offline decks'
    (a 3D figure's text at least MIN_PLOT_TEXT_PX, a long legend aside)."""
    bad = []
    for m in measured:
        where = f"slide {m['index'] + 1} ({m['title']!r})"
        if m["overflow_y"] > 1 or m["overflow_x"] > 1:
            bad.append(f"{where}: overflows by {m['overflow_y']:.0f} px down, "
                       f"{m['overflow_x']:.0f} px right")
        if m["text"] and m["text"]["px"] < MIN_TEXT_PX - 0.05:
            bad.append(f"{where}: text {m['text']['px']:.1f} px on screen "
                       f"({m['text']['text']!r})")
        if labels and m["label"] and m["label"]["px"] < MIN_LABEL_PX - 0.05:
            bad.append(f"{where}: figure label {m['label']['px']:.1f} px on screen "
                       f"({m['label']['text']!r})")
        if room and m.get("plot_text") and m["plot_text"]["px"] < MIN_PLOT_TEXT_PX - 0.05:
            bad.append(f"{where}: 3D figure text {m['plot_text']['px']:.1f} px on screen "
                       f"({m['plot_text']['text']!r})")
        if m.get("stray"):
            bad.append(f"{where}: a box scrolls inside the slide {m['stray']}")
        if m.get("under_controls"):
            bad.append(f"{where}: text under the slide's arrows {m['under_controls']}")
        if m.get("legend_cut"):
            bad.append(f"{where}: legend entries cut at the figure's edge {m['legend_cut']}")
        if m["words"] > MAX_WORDS and not WORDY_TITLES.match(m["title"].strip()):
            bad.append(f"{where}: {m['words']} words (at most {MAX_WORDS})")
    return bad


def main(argv: list[str]) -> None:
    """``slidecheck.py DECK.html [SHOTS]`` or ``slidecheck.py --rise STEM [SHOTS]``."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from tools.browser import CHROMIUM, FLAGS, jupyterlab, notebook_copy

    rise = argv[0] == "--rise"
    argv = argv[1:] if rise else argv
    shots = Path(argv[1]) if len(argv) > 1 else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser, page = launch(p, CHROMIUM, FLAGS)
        if rise:
            root = Path(__file__).resolve().parents[1]
            stem = argv[0]
            pngs = png_outputs(root / "notebooks" / f"{stem}.ipynb")
            with tempfile.TemporaryDirectory() as tmp:
                served = notebook_copy(root, Path(tmp) / "kit")
                with jupyterlab(served, Path(tmp), "--LabApp.expose_app_in_browser=True") as (
                        base, token):
                    page = open_rise(page, base, token, f"notebooks/{stem}.ipynb")
                    measured = rise_slides(page, pngs, shots, f"rise-{stem[:2]}-")
        else:
            deck = Path(argv[0]).resolve()
            page.goto(deck.as_uri())
            measured = deck_slides(page, shots, f"deck-{deck.name[:2]}-")
        browser.close()
    for m in measured:
        t = m["text"]["px"] if m["text"] else 0
        lab = f"{m['label']['px']:.1f}" if m["label"] else "-"
        print(f"{m['index'] + 1:3d} words={m['words']:4d} over={m['overflow_y']:5.0f}/"
              f"{m['overflow_x']:3.0f} text={t:5.1f} label={lab:>5} {m['title']}")
    print("\n".join(problems(measured)) or "no problems")


if __name__ == "__main__":
    main(sys.argv[1:])
