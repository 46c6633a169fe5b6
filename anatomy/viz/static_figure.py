"""The kit's finished matplotlib figure: PNG for the notebook with its alt text, files for print.

Re-exported by ``anatomy.viz.mpl2d``, where the views import it from.
"""

from __future__ import annotations

import numpy as np

__all__ = ["StaticFigure"]


class StaticFigure:
    """A finished matplotlib figure with its alt text; displays as PNG plus a text summary.

    ``.savefig(path)`` writes PNG (print resolution) or SVG; ``.figure`` is the matplotlib
    figure. In a notebook the PNG carries the alt text and ``text/plain`` holds it too,
    so the stored output has a text alternative that nbval compares. ``scale`` shrinks
    the notebook PNG (same layout, fewer pixels). The notebook PNG has 256 colours (no
    dithering, white kept pure; ``palette=False`` for full colour): about a third of the
    bytes for shaded meshes, so notebooks stay under 1 MB. Neither changes ``savefig``.
    """

    def __init__(self, figure, alt: str, *, scale: float = 1.0, palette: bool = True,
                 colors: int = 256):
        self.figure = figure
        self.alt = alt
        self.scale = scale
        self.palette = palette
        self.colors = colors  # palette size (a flat-coloured schematic needs far fewer)

    def rgb(self, dpi: int) -> np.ndarray:
        """The figure drawn at ``dpi`` as an (H, W, 3) uint8 array.

        Parameters
        ----------
        dpi : int
            Resolution, dots per inch.

        Returns
        -------
        numpy.ndarray of uint8, shape (H, W, 3)
            The RGB pixels.
        """
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        saved = self.figure.dpi
        self.figure.set_dpi(dpi)
        try:
            canvas = FigureCanvasAgg(self.figure)
            canvas.draw()
            return np.asarray(canvas.buffer_rgba())[..., :3].copy()
        finally:
            self.figure.set_dpi(saved)

    def png_bytes(self, dpi: int = 110) -> bytes:
        """The notebook PNG (``dpi`` x ``scale``; palette-quantised if ``palette``).

        Parameters
        ----------
        dpi : int, default 110
            Resolution before ``scale`` is applied, dots per inch.

        Returns
        -------
        bytes
            The PNG file's bytes.
        """
        import io

        from PIL import Image

        image = Image.fromarray(self.rgb(round(dpi * self.scale)))
        if self.palette:
            image = image.quantize(colors=self.colors, method=Image.Quantize.FASTOCTREE,
                                   dither=Image.Dither.NONE)
            pal = np.asarray(image.getpalette()[:768], np.uint8).reshape(-1, 3)
            pal[pal.min(axis=1) >= 250] = 255  # the background stays pure white
            image.putpalette(pal.ravel().tolist())
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)  # smaller notebooks, same pixels
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        import base64

        data = {"image/png": base64.b64encode(self.png_bytes()).decode(),
                "text/plain": f"[Figure] {self.alt}"}
        return data, {"image/png": {"alt": self.alt, "text_px": self.smallest_text_px()}}

    def smallest_text_px(self, dpi: int = 110) -> float:
        """Height in image pixels of the smallest visible text in the notebook PNG.

        Slides and their tests scale it by displayed width / PNG width to get the label
        size on screen.

        Parameters
        ----------
        dpi : int
            Resolution of the notebook PNG.

        Returns
        -------
        float
            Font size of the smallest visible text, in image pixels (0 if no text).
        """
        from matplotlib.text import Text

        sizes = [t.get_fontsize() for t in self.figure.findobj(Text)
                 if t.get_visible() and t.get_text().strip()]
        return round(min(sizes, default=0) * dpi * self.scale / 72, 1)

    def savefig(self, path, dpi: int = 300):
        """Write the figure to a file (no timestamps in the metadata, so bytes are reproducible).

        Parameters
        ----------
        path : str or pathlib.Path
            Output file; its suffix picks the format: ``.png``, ``.svg`` or ``.pdf``.
        dpi : int, default 300
            Resolution, dots per inch (for PNG and rasterised parts).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        ValueError
            If the suffix is not ``.png``, ``.svg`` or ``.pdf``.
        """
        from pathlib import Path

        path = Path(path)
        meta = {"Software": None} if path.suffix == ".png" else {"Date": None}
        if path.suffix not in (".png", ".svg", ".pdf"):
            raise ValueError(f"Unsupported figure format {path.suffix!r}; valid: .png, .svg, .pdf")
        self.figure.savefig(path, dpi=dpi, metadata=meta)
        return path

    def close(self) -> None:
        """Free the drawing (the figure is not registered with pyplot, so just clear it)."""
        self.figure.clear()
