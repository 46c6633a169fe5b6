"""Plotly 3D figures out of the kit: JSON with typed arrays, the notebook mimetype payload,
``KitFigure`` (display, validated plotly Figure, PNG/SVG/HTML export). The only place that
imports plotly itself, on first use.
"""

from __future__ import annotations

import base64
import json
import os
import warnings
from pathlib import Path

import numpy as np

__all__ = ["KitFigure", "MIMETYPE", "PLOT_CONFIG", "drop_renderer_snapshots", "json_size",
           "mimebundle_json", "to_json", "warn_unsupported"]

MIMETYPE = "application/vnd.plotly.v1+json"  # JupyterLab renders it natively


def _plotly():
    """plotly.graph_objects and plotly.io, imported on first use. A raw plotly figure shown
    in a notebook then uses JupyterLab's mimetype renderer too (set before plotly.io
    loads its renderers, which is slow)."""
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    import plotly.graph_objects as go
    import plotly.io as pio

    return go, pio


# plotly.js typed arrays: numeric arrays travel as base64 with a dtype code (plotly.py's
# own encoding; ``tests/test_plotly3d.py`` checks the two agree)
_TYPED = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4",
          "uint32": "u4", "float32": "f4", "float64": "f8"}
_NOT_TYPED = ("range",)  # plotly.py leaves these keys as plain lists


def _typed(a: np.ndarray):
    if a.size == 0 or str(a.dtype) not in _TYPED:
        return a.tolist()
    spec = {"dtype": _TYPED[str(a.dtype)], "bdata": base64.b64encode(a).decode("ascii")}
    if a.ndim > 1:
        spec["shape"] = str(a.shape)[1:-1]
    return spec


def _plain(obj, key: str = ""):
    """The figure as JSON-ready data: arrays typed (or listed under ``_NOT_TYPED`` keys)."""
    if isinstance(obj, dict):
        return {k: _plain(v, k) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return obj.tolist() if key in _NOT_TYPED else _typed(np.ascontiguousarray(obj))
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _as_dict(fig) -> dict:
    """A figure dict from a dict, a KitFigure or a plotly Figure."""
    if isinstance(fig, KitFigure):
        return fig.spec if fig._figure is None else fig._figure.to_plotly_json()
    return fig if isinstance(fig, dict) else fig.to_plotly_json()


# plotly.js options of every kit figure (JupyterLab, handouts, slides, figures/*.html): no
# logo linking to plotly's site and no "Share chart" button uploading to Plotly Cloud; the
# kit works offline and sends nothing anywhere
PLOT_CONFIG = {"displaylogo": False, "showSendToCloud": False}


def mimebundle_json(fig) -> dict:
    """The figure as JupyterLab's plotly mimetype payload (data and layout, arrays typed).

    Parameters
    ----------
    fig : dict or KitFigure or plotly.graph_objects.Figure
        The figure.

    Returns
    -------
    dict
        ``{"data": [...], "layout": {...}}`` of plain JSON types.
    """
    d = _as_dict(fig)
    return {"data": _plain(d.get("data", [])), "layout": _plain(d.get("layout", {}))}


def drop_renderer_snapshots(model: dict, **kwargs) -> None:
    """Jupyter Server pre-save hook: leave out the PNG JupyterLab's plotly renderer adds.

    After drawing a figure, the renderer (jupyterlab-plotly) stores a PNG of it in the
    output, a new one at every size, so that opening a notebook changed it: the student's
    clone was modified, and when the figure's WebGL context was later lost the renderer
    showed that PNG, whose menus do nothing. Outputs of the plotly mimetype are saved
    without it (the kit's outputs never carry one). Set as
    ``ContentsManager.pre_save_hook`` in ``jupyter/jupyter_server_config.json``.

    Parameters
    ----------
    model : dict
        The contents model being saved; a notebook's ``content`` is changed in place.
    **kwargs
        ``path`` and ``contents_manager``, which Jupyter Server passes (unused).
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if MIMETYPE in data:
                data.pop("image/png", None)


def to_json(fig) -> str:
    """The figure as JSON text (what a notebook stores and plotly.js reads).

    Parameters
    ----------
    fig : dict or KitFigure or plotly.graph_objects.Figure
        The figure.

    Returns
    -------
    str
        Compact JSON (no NaN allowed).
    """
    return json.dumps(mimebundle_json(fig), separators=(",", ":"), allow_nan=False)


def json_size(fig) -> int:
    """Size in bytes of the figure's JSON (what a notebook stores).

    Parameters
    ----------
    fig : dict or KitFigure or plotly.graph_objects.Figure
        The figure.

    Returns
    -------
    int
        Bytes of ``to_json(fig)`` in UTF-8.
    """
    return len(to_json(fig).encode())


class KitFigure:
    """A 3D figure (``spec``, a plotly figure dict) with its text alternative ``alt``.

    Displays in JupyterLab through plotly's mimetype. ``.figure`` is the same figure as a
    ``plotly.graph_objects.Figure`` (built and validated on first use); changes made to
    it show when the KitFigure is displayed again. ``.savefig()`` writes PNG/SVG/HTML.
    """

    def __init__(self, spec: dict, alt: str):
        if not isinstance(spec, dict) or set(spec) - {"data", "layout"}:
            raise ValueError("KitFigure needs a figure dict with 'data' and 'layout' keys, "
                             f"got {type(spec).__name__}")
        self.spec = spec
        self.alt = alt
        self._figure = None

    @property
    def figure(self):
        """The figure as a plotly ``Figure`` (validated by plotly)."""
        if self._figure is None:
            go, _ = _plotly()
            self._figure = go.Figure(self.spec)
        return self._figure

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIMETYPE: {**mimebundle_json(self), "config": PLOT_CONFIG},
                "text/plain": f"[Interactive 3D figure] {self.alt}"}

    def show(self) -> None:
        """Display in the notebook with the kit's renderer."""
        from IPython.display import display

        display(self)

    def savefig(self, path, *, width: int = 1000, height: int = 800, scale: float = 2.0) -> Path:
        """Write PNG/SVG (kaleido with the system Chromium) or standalone offline HTML.

        Parameters
        ----------
        path : str or pathlib.Path
            Output file; its suffix picks the format: ``.png``, ``.svg``, ``.pdf`` or
            ``.html`` (plotly.js included, works offline).
        width : int, default 1000
            Image width, pixels (static formats).
        height : int, default 800
            Image height, pixels (static formats).
        scale : float, default 2.0
            Pixel multiplier for static formats.

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        ValueError
            If the suffix is not one of the formats above.
        RuntimeError
            If the static export fails (kaleido needs Chromium).
        """
        _, pio = _plotly()
        path = Path(path)
        if path.suffix == ".html":
            html = pio.to_html(self.figure, include_plotlyjs=True, full_html=True,
                               div_id="kit-figure", config={"displaylogo": False})
            path.write_text(html, encoding="utf-8")
            return path
        if path.suffix not in (".png", ".svg", ".pdf"):
            raise ValueError(f"Unsupported figure format {path.suffix!r}; "
                             "valid: .png, .svg, .pdf, .html")
        try:
            pio.write_image(self.figure, path, width=width, height=height, scale=scale)
        except Exception as exc:  # kaleido needs a Chromium; say how to get one
            raise RuntimeError(f"Static export failed ({exc}). Install Chromium "
                               "(apt-get install chromium) for kaleido.") from exc
        return path

    def json_size(self) -> int:
        """Size in bytes of the figure's JSON (what a notebook stores).

        Returns
        -------
        int
            Bytes of ``to_json(self)``.
        """
        return json_size(self)


def warn_unsupported(**options) -> None:
    """Warn (never fail silently) about options this engine ignores.

    Parameters
    ----------
    **options
        Option name -> value; each value that is not None gets a warning.
    """
    for key, value in options.items():
        if value is not None:
            warnings.warn(f"Option {key!r} is not supported by the plotly engine and is "
                          "ignored.", stacklevel=3)
