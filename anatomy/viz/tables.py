"""Tables shown as HTML in notebooks and handouts, with a plain-text form for everything else.

A table is text, so it stays selectable, searchable and readable by screen readers; every
cell sets its own background and ink, so it reads the same in JupyterLab's dark theme.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = [
    "Cell", "HtmlTable",
]


def _wrappable(text: str) -> str:
    """Escaped cell text: newlines as <br>, and a line may break after a slash
    ('allodynia/dysaesthesia'), not inside a word, in a narrow column."""
    return html.escape(text).replace(chr(10), "<br>").replace("/", "/<wbr>")


@dataclass(frozen=True)
class Cell:
    """One body cell: its text (lines split on newlines), fill and ink colours."""

    text: str
    fill: str = "#FFFFFF"
    ink: str = "#222222"


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

    def __post_init__(self):
        for header, cells in self.rows:
            if len(cells) != len(self.columns):
                raise ValueError(f"row {header!r} has {len(cells)} cells for "
                                 f"{len(self.columns)} columns")

    def _repr_html_(self) -> str:
        esc = html.escape
        # fixed layout at the output's full width: columns share the width and the text
        # wraps, so the table fits a 1024 px screen with JupyterLab's side panel open
        base = ("border: 1px solid #777777; padding: 4px 6px; vertical-align: top; "
                "overflow-wrap: break-word; hyphens: auto;")
        head_style = f"{base} background: #FFFFFF; color: #222222; text-align: center;"
        parts = ['<table lang="en" style="border-collapse: collapse; font-size: 0.9em; '
                 'width: 100%; table-layout: fixed;">',
                 f'<caption style="text-align: left; font-weight: bold; color: inherit;">'
                 f'{esc(self.caption)}</caption>',
                 f'<colgroup><col style="width: {self.header_width};"></colgroup>',
                 f'<thead><tr><th scope="col" style="{head_style}"></th>']
        parts += [f'<th scope="col" style="{head_style}">{esc(c).replace(chr(10), "<br>")}'
                  '</th>' for c in self.columns]
        parts.append("</tr></thead><tbody>")
        for header, cells in self.rows:
            parts.append(f'<tr><th scope="row" style="{head_style} text-align: right;">'
                         f'{esc(header)}</th>')
            parts += [f'<td style="{base} background: {c.fill}; color: {c.ink}; '
                      f'text-align: left;">{_wrappable(c.text)}</td>' for c in cells]
            parts.append("</tr>")
        parts.append("</tbody></table>")
        parts += [f'<p style="font-size: 0.85em;">{esc(n)}</p>' for n in self.notes]
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
