"""Regenerate figures/ from code: ``python -m anatomy.figures`` (``make figures``).

Each key figure is registered in ``FIGURES`` (a ``FigureSpec``: file stem, builder, caption).
Every figure is written as PNG at print resolution (matplotlib 300 dpi or more; plotly through
kaleido at scale 2 with the system Chromium), SVG and, for interactive figures, an HTML
page. ``figures/README.md`` lists them with thumbnail, caption, alt text and source, and
``figures/MANIFEST.json`` records sha256 hashes of the code and data that made each one,
so a test can tell when a committed figure is stale (``anatomy.figure_inputs`` finds
what made each figure).

Builders of later notebooks are registered by module name and used only once their module
exists, so the command works now and picks them up later. To add a figure, append a
``FigureSpec`` to ``FIGURES``; a builder whose first parameter is ``head`` receives the
head model.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import json
import math
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from anatomy.figure_inputs import (  # what made a figure, re-exported
    DATA_DIR,
    PACKAGE_DIR,
    ROOT,
    _defining_module,
    _module_exists,
    _module_path,
    dependencies,
    input_hashes,
    sha256,
)

__all__ = [
    "DATA_DIR", "FIGURES", "FIGURES_DIR", "FigureSpec", "HEAD", "HEADACHES", "HTML_PAGE",
    "MANIFEST", "NERVES", "PACKAGE_DIR", "PAIN", "PLOTLY_JS", "PLOTLY_SCALE",
    "PLOTLY_SIZE", "PNG_DPI", "PNG_MIN_PX", "RASTERISE_ABOVE", "ROOT", "SVG_FOR_3D",
    "SVG_RASTER_DPI",
    "THUMB_WIDTH", "available", "build", "compact_png", "copy_plotly_js", "dependencies",
    "input_hashes", "main", "readme", "sha256", "skipped", "write",
]

FIGURES_DIR = ROOT / "figures"
MANIFEST = "MANIFEST.json"
PLOTLY_JS = "plotly.min.js"  # copied next to the HTML pages, never committed (.gitignore)
PNG_DPI = 300
# a PNG's short side, at least, in pixels: a low plate (the landmark plate is 3.5 inches
# high) is written at more than PNG_DPI to reach it
PNG_MIN_PX = 1200
PLOTLY_SCALE = 2
PLOTLY_SIZE = (1000, 800)
THUMB_WIDTH = 360
SVG_FOR_3D = False
RASTERISE_ABOVE = 500  # matplotlib collections with more paths are rasterised in the SVG
SVG_RASTER_DPI = 200


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure: ``figures/<name>.*`` made by ``module.function(**kwargs)``."""

    name: str
    module: str
    function: str
    caption: str
    kwargs: dict = field(default_factory=dict)
    size: tuple[int, int] = PLOTLY_SIZE  # plotly export size in CSS pixels (before scale)

    @property
    def source(self) -> str:
        return f"{self.module}.{self.function}"

    def spec_hash(self) -> str:
        """Hash of the registry entry itself (builder, arguments, caption, size).

        Returns
        -------
        str
            sha256 hex digest of the entry's fields as sorted JSON.
        """
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


HEAD = "anatomy.viz.head_views"
NERVES = "anatomy.viz.nerve_views"
PAIN = "anatomy.viz.pain_views"
HEADACHES = "anatomy.viz.headache_views"
RAMI = "anatomy.viz.rami_views"

FIGURES: list[FigureSpec] = [
    FigureSpec("head_3d", HEAD, "head_figure",
               "The 3D head, neck and shoulders with the skin landmarks the kit uses "
               "(notebook 00).", {"view": "posterolateral_right"}),
    FigureSpec("head_landmarks_plate", HEAD, "head_plate",
               "Print plate: the landmarks in posterior and right lateral orthographic views "
               "(notebook 00)."),
    FigureSpec("nerves_all_layers", NERVES, "all_layers_figure",
               "The greater, lesser and third occipital nerves with bones, muscles and the "
               "occipital artery, layer by layer (notebook 01)."),
    FigureSpec("rami_schematic", RAMI, "rami_figure",
               "Dorsal and ventral rami of a cervical spinal nerve: a schematic cross-section "
               "(notebook 01)."),
    FigureSpec("pain_heat", PAIN, "heat_figure",
               "Where occipital neuralgia and neck-muscle trigger points send pain "
               "(notebook 02)."),
    FigureSpec("pain_territories", PAIN, "territory_figure",
               "Cutaneous territories of the occipital nerves (notebook 02)."),
    FigureSpec("headache_pain_maps", HEADACHES, "pain_map_figure",
               "Where occipital neuralgia, migraine and tension-type headache hurt, side by "
               "side (notebook 03)."),
    FigureSpec("headache_durations", HEADACHES, "duration_timeline",
               "How long attacks last in each headache type, on a log time axis "
               "(notebook 03)."),
    FigureSpec("headache_features", HEADACHES, "feature_matrix",
               "The distinguishing features of the headache types against the ICHD-3 criteria "
               "(notebook 03)."),
]


def available(specs=None) -> list[FigureSpec]:
    """Registered figures whose builder exists (modules of later notebooks may not yet).

    Parameters
    ----------
    specs : iterable of FigureSpec, optional
        The figures to filter; FIGURES (the registry) by default.

    Returns
    -------
    list of FigureSpec
        Those whose module and builder function exist, in order.
    """
    out = []
    for spec in FIGURES if specs is None else specs:
        if _module_exists(spec.module) and _has_function(spec):
            out.append(spec)
    return out


def _has_function(spec: FigureSpec) -> bool:
    return _defining_module(spec.module, spec.function) is not None


def skipped(specs=None) -> list[FigureSpec]:
    """Registered figures whose builder does not exist yet.

    Parameters
    ----------
    specs : iterable of FigureSpec, optional
        The figures to check; FIGURES by default.

    Returns
    -------
    list of FigureSpec
        Those not in ``available(specs)``, in order.
    """
    ok = {s.name for s in available(specs)}
    return [s for s in (FIGURES if specs is None else specs) if s.name not in ok]


# ---------------------------------------------------------------------------------------
# Building and writing
# ---------------------------------------------------------------------------------------

def build(spec: FigureSpec):
    """Call the builder (passing the head model when its first parameter is ``head``).

    Parameters
    ----------
    spec : FigureSpec
        The registry entry (module, function, keyword arguments).

    Returns
    -------
    StaticFigure or KitFigure
        What the builder returns: a matplotlib figure wrapper or a plotly 3D figure.
    """
    fn = getattr(importlib.import_module(spec.module), spec.function)
    params = list(inspect.signature(fn).parameters.values())
    args = []
    if params and params[0].name == "head" and params[0].default is inspect.Parameter.empty:
        from anatomy.head import load_head

        args.append(load_head())
    return fn(*args, **spec.kwargs)


def _is_plotly(fig) -> bool:
    from anatomy.viz.plotly3d import KitFigure

    return isinstance(fig, KitFigure)


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>body {{ font-family: DejaVu Sans, Arial, sans-serif; margin: 1em; color: #222; }}
#kit-figure {{ width: 100%; }}</style>
<script src="{js}"></script>
</head>
<body>
<h1 style="font-size: 1.2em">{title}</h1>
<div id="kit-figure" role="img" aria-label="{alt}"></div>
<p>{alt}</p>
<p><small>Made by <code>{source}</code> (<code>python -m anatomy.figures</code>).
This page loads <code>{js}</code> from its own folder; <code>make figures</code> puts it there
from the installed plotly package. Educational material only, not a diagnostic tool.</small></p>
<script>
if (typeof Plotly === "undefined") {{
  document.getElementById("kit-figure").textContent =
    "{js} is missing next to this page: run `make figures` to copy it here.";
}} else {{
  var fig = {figure};
  var ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));  // the screen's
  Plotly.newPlot("kit-figure", fig.data, fig.layout,
                 Object.assign({config}, {{responsive: true, plotGlPixelRatio: ratio}}));
}}
</script>
</body>
</html>
"""


def _html(spec: FigureSpec, fig) -> str:
    import html

    from anatomy.viz import plotly3d

    figure = plotly3d.to_json(fig).replace("</", "<\\/")
    return HTML_PAGE.format(title=html.escape(spec.caption), alt=html.escape(fig.alt),
                            source=spec.source, js=PLOTLY_JS, figure=figure,
                            config=json.dumps(plotly3d.PLOT_CONFIG))


def write(spec: FigureSpec, out: Path = FIGURES_DIR) -> dict:
    """Write the files of one figure; return its manifest record.

    matplotlib: PNG (300 dpi, more if its short side would be under PNG_MIN_PX) and SVG
    (text and lines vector, dense meshes rasterised).
    plotly 3D: PNG (kaleido, scale 2) and the interactive HTML page. A 3D WebGL scene has
    no vector form (kaleido's SVG only wraps a bitmap), so no SVG unless ``SVG_FOR_3D``.

    Parameters
    ----------
    spec : FigureSpec
        The registry entry.
    out : pathlib.Path, default FIGURES_DIR
        Output folder.

    Returns
    -------
    dict
        The manifest record: ``caption``, ``alt``, ``source``, ``source_file``, ``kind``
        ("interactive" or "static"), ``files``, ``page`` (3D only) and ``inputs``
        (``input_hashes``).
    """
    fig = build(spec)
    png, svg, page = (f"{spec.name}.{ext}" for ext in ("png", "svg", "html"))
    if _is_plotly(fig):
        static = type(fig)(_without_menus(fig.spec), fig.alt)
        w, h = spec.size
        static.savefig(out / png, width=w, height=h, scale=PLOTLY_SCALE)
        files = [png]
        if SVG_FOR_3D:
            static.savefig(out / svg, width=w, height=h, scale=1)
            files.append(svg)
        # not committed (.gitignore): a page works only with plotly.min.js beside it,
        # which is third-party code that git must not carry
        (out / page).write_text(_html(spec, fig), encoding="utf-8")
    else:
        short = min(fig.figure.get_size_inches())
        fig.savefig(out / png, dpi=max(PNG_DPI, math.ceil(PNG_MIN_PX / short)))
        for ax in fig.figure.axes:  # big meshes go into the SVG as images
            for artist in ax.get_children():
                if _polygon_count(artist) > RASTERISE_ABOVE:
                    artist.set_rasterized(True)
        fig.savefig(out / svg, dpi=SVG_RASTER_DPI)
        fig.close()
        files = [png, svg]
    if _is_plotly(fig):  # full colour: the scenes' smooth shading and heat scales
        compact_png(out / png, palette=False)
    else:
        compact_png(out / png)
    return {"caption": spec.caption, "alt": fig.alt, "source": spec.source,
            "source_file": _module_path(_defining_module(spec.module, spec.function))
            .relative_to(ROOT).as_posix(),
            "kind": "interactive" if _is_plotly(fig) else "static", "files": files,
            **({"page": page} if _is_plotly(fig) else {}),
            "inputs": input_hashes(spec)}


def _polygon_count(artist) -> int:
    """Triangles of a drawn mesh or paths of a collection (0 for other artists)."""
    from matplotlib.collections import Collection

    from anatomy.viz.mpl2d import FlatTriangles

    if isinstance(artist, FlatTriangles):
        return len(artist.triangles)
    return len(artist.get_paths()) if isinstance(artist, Collection) else 0


def compact_png(path: Path, keep=(), palette: bool = True) -> None:
    """Flatten a PNG on white and store it with a 256-colour palette, in place.

    The file becomes a third of the size, with no visible banding on the kit's flat
    colours. Its dpi is kept. The palette is a median cut of the picture plus the
    ``keep`` colours, exactly: a colour that covers few pixels (a legend key) was merged
    into a neighbour by the cut alone, and the lesser occipital nerve's sky-blue key
    printed teal, as the auriculotemporal nerve's. With ``palette=False`` the file keeps
    full colour: a 3D scene's smooth heat scale under its lighting printed in stepped
    bands with 256 colours, and with error diffusion it speckled (reviewers).

    Parameters
    ----------
    path : pathlib.Path
        The PNG file, rewritten.
    keep : iterable of str, optional
        Colours (``#rrggbb``) the palette must hold exactly (at most 128).
    palette : bool, default True
        Store 256 colours; False keeps every colour (flattened on white).

    Raises
    ------
    ValueError
        If more than 128 colours are to be kept, or one is not ``#rrggbb``.
    """
    import numpy as np
    from matplotlib.colors import to_rgb
    from PIL import Image

    exact = sorted({tuple(round(255 * c) for c in to_rgb(k)) for k in keep})
    if len(exact) > 128:
        raise ValueError(f"{len(exact)} colours to keep; at most 128 fit the palette")
    with Image.open(path) as im:
        dpi = im.info.get("dpi")
        rgba = im.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    if not palette:
        flat.save(path, optimize=True, **({"dpi": dpi} if dpi else {}))
        return
    n_cut = 256 - len(exact)
    small = flat.quantize(n_cut, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if exact:  # a pixel takes a kept colour where that is nearer than its cut colour
        cut = np.array(small.getpalette()[:3 * n_cut], int).reshape(-1, 3)
        index = np.asarray(small, np.int32)
        rgb = np.asarray(flat, np.int32)
        best = ((rgb - cut[index]) ** 2).sum(axis=2)
        for k, colour in enumerate(exact):
            d = ((rgb - np.array(colour)) ** 2).sum(axis=2)
            nearer = d < best
            index[nearer], best[nearer] = n_cut + k, d[nearer]
        small = Image.fromarray(index.astype(np.uint8), "P")
        small.putpalette(cut.ravel().tolist() + [c for rgb_ in exact for c in rgb_])
    small.save(path, optimize=True, **({"dpi": dpi} if dpi else {}))


def _without_menus(spec: dict) -> dict:
    """A copy for print: dropdowns and buttons left out with the line that says what the
    buttons do, and the legend's hint to hover ("(hover for source)") dropped: they do
    nothing on paper."""
    from anatomy.viz.plotly3d import HINT_NAME

    layout = {k: v for k, v in spec["layout"].items() if k != "updatemenus"}
    if "annotations" in layout:
        layout["annotations"] = [a for a in layout["annotations"]
                                 if a.get("name") != HINT_NAME]
    title = layout.get("legend", {}).get("title", {}).get("text")
    if title and re.search(r"\s*\(hover[^)]*\)", title):
        layout["legend"] = {**layout["legend"], "title": {
            **layout["legend"]["title"], "text": re.sub(r"\s*\(hover[^)]*\)", "", title)}}
    return {"data": spec["data"], "layout": layout}


def readme(manifest: dict, missing: list[FigureSpec]) -> str:
    """The text of figures/README.md: each figure with thumbnail, caption, alt text, source.

    Parameters
    ----------
    manifest : dict
        The manifest (``{"figures": {name: record}}``) as ``write`` records it.
    missing : list of FigureSpec
        Registered figures not generated yet, listed at the end.

    Returns
    -------
    str
        The Markdown text.
    """
    lines = ["# Figures", "",
             "Generated by `python -m anatomy.figures` (`make figures`) from the code and data "
             "in `anatomy/`; do not edit by hand. PNG for print (matplotlib at 300 dpi or more, "
             "plotly at scale 2) and SVG are in git. For each 3D figure `make figures` also "
             "writes an interactive HTML page here that opens from disk; it is not in git, "
             f"because it loads `{PLOTLY_JS}` from this folder, which `make figures` copies "
             "from the installed plotly package. Without running it, the notebooks and "
             "`make handouts` show the same 3D figures interactively. `MANIFEST.json` holds "
             "sha256 hashes of the sources and data behind each figure; "
             "`tests/test_figures_manifest.py` fails when one is stale.",
             "", "Licence: CC BY 4.0. Educational material only, not a diagnostic tool.", ""]
    for name, rec in manifest["figures"].items():
        links = ", ".join(f"[{f.rsplit('.', 1)[1].upper()}]({f})" for f in rec["files"])
        lines += [f"## {name}", "",
                  f'<img src="{rec["files"][0]}" width="{THUMB_WIDTH}" alt="{_attr(rec["alt"])}">',
                  "", f"**Caption.** {rec['caption']}", "", f"**Alt text.** {rec['alt']}", "",
                  f"**Source.** `{rec['source']}` in [`{rec['source_file']}`]"
                  f"(../{rec['source_file']})", "", f"**Files.** {links}", ""]
        if rec.get("page"):
            lines[-1:] = [f"**Interactive.** `{rec['page']}`, written by `make figures` "
                          "(not in git).", ""]
    if missing:
        lines += ["## Not generated yet", "",
                  "Registered in `anatomy/figures.py`; their builders do not exist yet:", ""]
        lines += [f"- `{s.name}`: `{s.source}`" for s in missing]
        lines.append("")
    return "\n".join(lines)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def copy_plotly_js(out: Path = FIGURES_DIR) -> Path:
    """plotly.min.js from the installed plotly package, next to the HTML pages.

    Parameters
    ----------
    out : pathlib.Path, default FIGURES_DIR
        Folder to copy it into.

    Returns
    -------
    pathlib.Path
        The copied file.
    """
    spec = importlib.util.find_spec("plotly")
    src = Path(spec.submodule_search_locations[0]) / "package_data" / PLOTLY_JS
    dest = out / PLOTLY_JS
    shutil.copy2(src, dest)
    return dest


def main(argv: list[str] | None = None) -> None:
    """Regenerate every available figure (or only those named), README and manifest.

    Parameters
    ----------
    argv : list of str, optional
        Figure names to rebuild (the others keep their manifest records); default
        ``sys.argv[1:]``, and none means all.

    Raises
    ------
    ValueError
        If a name is not a registered figure.
    """
    argv = sys.argv[1:] if argv is None else argv
    specs = available()
    known = {s.name for s in FIGURES}
    for name in argv:
        if name not in known:
            from anatomy.conventions import check_choice

            check_choice(name, sorted(known), "figure")
    FIGURES_DIR.mkdir(exist_ok=True)
    path = FIGURES_DIR / MANIFEST
    old = json.loads(path.read_text()) if path.exists() else {"figures": {}}
    figures = {}
    for spec in specs:
        if argv and spec.name not in argv and spec.name in old["figures"]:
            figures[spec.name] = old["figures"][spec.name]
            continue
        figures[spec.name] = write(spec)
        print(f"figures/{spec.name}: {', '.join(figures[spec.name]['files'])}")
    missing = skipped()
    for spec in missing:
        print(f"not yet: {spec.name} ({spec.source} does not exist)")
    manifest = {"generator": "python -m anatomy.figures", "figures": figures}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (FIGURES_DIR / "README.md").write_text(readme(manifest, missing), encoding="utf-8")
    copy_plotly_js()


if __name__ == "__main__":
    main()
