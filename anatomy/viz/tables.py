"""Tables shown as HTML in notebooks and handouts, with a plain-text form for everything else.

A table is text, so it stays selectable, searchable and readable by screen readers; every
cell sets its own background and ink, so it reads the same in JupyterLab's dark theme.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = [
    "Cell", "HtmlTable", "REFERENCE_COLUMNS", "fit_tables",
]


# a name this short stays whole: 'y_mm' broke after its underscore, the only header of
# the landmark table that wrapped, into 'y_' over 'mm' (review 36)
_WHOLE_UP_TO = 6


def _wrappable(text: str) -> str:
    """Escaped cell text: newlines as <br>, and a line may break after a slash
    ('allodynia/dysaesthesia') or an underscore ('semispinalis_exit'), not inside a word,
    in a narrow column; a name of up to ``_WHOLE_UP_TO`` characters ('y_mm') does not."""
    def breaks(word: str) -> str:
        if len(word) <= _WHOLE_UP_TO:
            return word
        return word.replace("/", "/\0").replace("_", "_\0")

    marked = re.sub(r"[^\s]+", lambda m: breaks(m.group()), text)
    return html.escape(marked).replace(chr(10), "<br>").replace("\0", "<wbr>")


@dataclass(frozen=True)
class Cell:
    """One body cell: its text (lines split on newlines), fill and ink colours, and an
    optional ``title`` that a browser shows on hover."""

    text: str
    fill: str = "#FFFFFF"
    ink: str = "#222222"
    title: str = ""


REFERENCE_COLUMNS = ("reference", "references")


def _reference_cell(value: object) -> Cell | None:
    """A cell of registry keys ('kim2018, won2018') as their short labels, with the full
    citations on hover; None if the value is not a list of registry keys."""
    from anatomy.references import load_references

    refs = load_references()
    keys = ([str(k) for k in value] if isinstance(value, (list, tuple))
            else [k.strip() for k in str(value).split(",")])
    if not keys or not all(k in refs for k in keys):
        return None
    return Cell("; ".join(refs[k].short for k in keys),
                title="\n".join(refs[k].formatted() for k in keys))


def _title(cell: Cell) -> str:
    """The cell's hover text as an HTML attribute (with its leading space), or ''."""
    return f' title="{html.escape(cell.title)}"' if cell.title else ""


@dataclass(frozen=True)
class HtmlTable:
    """Row headers, column headers and body cells; ``caption`` above, ``notes`` below.

    The HTML fills the output's width with a fixed layout and wrapped text, so a wide
    table fits a narrow screen instead of scrolling sideways.
    """

    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    notes: list[str] = field(default_factory=list)
    header_width: str = "16%"  # the row-header column; the others share the rest
    # fixed: columns share the width equally; auto: the browser sizes them by their text
    # (never narrower than their longest word), for tables of unknown content
    fixed: bool = True
    # False: no row-header column (a DataFrame's row numbers, which name nothing)
    row_headers: bool = True
    corner: str = ""  # the row headers' own header (a DataFrame's index name)

    def __post_init__(self):
        for header, cells in self.rows:
            if len(cells) != len(self.columns):
                raise ValueError(f"row {header!r} has {len(cells)} cells for "
                                 f"{len(self.columns)} columns")

    @classmethod
    def from_frame(cls, frame, caption: str = "", max_chars: int | None = None) -> HtmlTable:
        """The table of a pandas DataFrame: its index as row headers (none for row
        numbers: an unnamed integer index), cells as text, laid out by the browser
        (``fixed=False``) within the output's width: a column is as wide as its text needs
        and never narrower than its longest word, and long names break at their
        underscores. A ``reference`` column of registry keys shows their
        short labels ('Kim et al. 2018'), with the full citations on hover.

        Parameters
        ----------
        frame : pandas.DataFrame
            The data; any index and column labels.
        caption : str, default ""
            Caption above the table (none if empty).
        max_chars : int, optional
            Cut cell texts longer than this, ending them with an ellipsis (pandas'
            ``display.max_colwidth``); None keeps the whole text.

        Returns
        -------
        HtmlTable
            The table; its HTML fits the output's width.

        Raises
        ------
        ValueError
            If ``max_chars`` is given and is less than 4.
        """
        import numpy as np
        import pandas as pd

        if max_chars is not None and max_chars < 4:
            raise ValueError(f"max_chars must be at least 4 or None, got {max_chars!r}")

        def text(v) -> str:
            if isinstance(v, float):
                t = "" if np.isnan(v) else f"{v:.6g}"
            elif isinstance(v, (list, tuple)):
                t = ", ".join(map(str, v))
            else:
                t = "" if v is None else str(v)
            return t if max_chars is None or len(t) <= max_chars else t[:max_chars - 1] + "…"

        def cell(column: str, v) -> Cell:
            if column in REFERENCE_COLUMNS:
                ref = _reference_cell(v)
                if ref is not None:
                    return ref
            return Cell(text(v))

        columns = [str(c) for c in frame.columns]
        rows = [(str(i), [cell(c, v) for c, v in zip(columns, row)])
                for i, row in zip(frame.index, frame.itertuples(index=False, name=None))]
        # row numbers (0, 1, 2 ... or what a filter left of them) name nothing; a student
        # read them as data on slides and paper (review 18)
        numbered = (frame.index.name is None and frame.index.nlevels == 1
                    and pd.api.types.is_integer_dtype(frame.index))
        # a named index says what its rows are ("point" over compression points 1-6)
        corner = "" if frame.index.name is None else str(frame.index.name)
        return cls(caption, columns, rows, fixed=False, row_headers=not numbered,
                   corner=corner)

    def _repr_html_(self) -> str:
        esc = html.escape
        # fixed layout at the output's full width: columns share the width and the text
        # wraps, so the table fits a 1024 px screen with JupyterLab's side panel open
        # a DataFrame's table (auto layout) packs closer: each column is at least its
        # longest word wide, and seven of them must fit a 590 px output
        pad, size = ("4px 6px", "0.9em") if self.fixed else ("3px 4px", "0.85em")
        base = (f"border: 1px solid #777777; padding: {pad}; vertical-align: top; "
                "overflow-wrap: break-word; hyphens: auto;")
        head_style = f"{base} background: #FFFFFF; color: #222222; text-align: center;"
        layout = "fixed" if self.fixed else "auto"
        # class kit-frame: a DataFrame's table (tools/paper.py prints it small)
        klass = "" if self.fixed else ' class="kit-frame"'
        parts = [f'<table lang="en"{klass} style="border-collapse: collapse; '
                 f'font-size: {size}; width: 100%; table-layout: {layout};">',
                 (f'<caption style="text-align: left; font-weight: bold; color: inherit;">'
                  f'{esc(self.caption)}</caption>' if self.caption else ""),
                 (f'<colgroup><col style="width: {self.header_width};"></colgroup>'
                  if self.fixed else ""),
                 '<thead><tr>' + (f'<th scope="col" style="{head_style}">'
                                  f'{_wrappable(self.corner)}</th>'
                                  if self.row_headers else "")]
        parts += [f'<th scope="col" style="{head_style}">{_wrappable(c)}</th>'
                  for c in self.columns]
        parts.append("</tr></thead><tbody>")
        for header, cells in self.rows:
            parts.append('<tr>' + (f'<th scope="row" style="{head_style} text-align: '
                                   f'right;">{_wrappable(header)}</th>'
                                   if self.row_headers else ""))
            parts += [f'<td style="{base} background: {c.fill}; color: {c.ink}; '
                      f'text-align: left;"{_title(c)}>{_wrappable(c.text)}</td>'
                      for c in cells]
            parts.append("</tr>")
        parts.append("</tbody></table>")
        # class kit-table-note: on paper a note stays with its table (tools/paper.py)
        parts += [f'<p class="kit-table-note" style="font-size: 0.85em;">{esc(n)}</p>'
                  for n in self.notes]
        return "\n".join(parts)

    def __str__(self) -> str:
        lines = [self.caption]
        for header, cells in self.rows:
            for column, cell in zip(self.columns, cells):
                lines.append(f"{header} | {column.replace(chr(10), ' ')}: "
                             f"{cell.text.replace(chr(10), ' ')}")
        return "\n".join(lines + self.notes)

    def __repr__(self) -> str:
        return str(self)


def fit_tables(shell=None) -> None:
    """Show every pandas DataFrame in this notebook as an ``HtmlTable``: the whole output
    width, a fixed layout and wrapped text, so a wide table fits a 1024 px screen with
    JupyterLab's side panel open instead of running off its right edge. pandas'
    ``display.max_colwidth`` still cuts long texts.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        The shell to change; the running one by default.

    Raises
    ------
    RuntimeError
        If no IPython shell is running (a plain Python script).
    """
    import pandas as pd

    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        raise RuntimeError("fit_tables changes how a notebook shows tables; no IPython "
                           "shell is running here")

    def html(frame) -> str:
        limit = pd.get_option("display.max_colwidth")
        return HtmlTable.from_frame(frame, max_chars=limit)._repr_html_()

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, html)
