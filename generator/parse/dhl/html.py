"""The rows and cells of an HTML table, as a browser would lay them out, from messy HTML.

The Dag Hammarskjöld Library's meeting tables were written by hand over decades:
`</br>` for `<br>`, a `<td>` never closed, `</a>` after the `</th>` it began in,
a meeting cell written as `<th rowspan="3">`, rows whose `<tr>` was forgotten
(their cells then run on in the row above), empty `<tr>`s. This module reads
such a file with the standard library's tolerant `html.parser` and hands over:

- `read_rows(html)`: every `<tr>` (or run of cells outside one) with its cells,
  each cell's text (line breaks kept as "\\n"), its links (href and link text)
  and its rowspan/colspan; and
- `layout(rows, width)`: the rows laid out on a grid `width` columns wide,
  rowspans carried down, with what had to be repaired (a row that ran on
  past the last column and was split, missing or extra cells) reported per row.

It knows nothing about meetings; `generator.parse.dhl.tables` does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional

_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class Link:
    href: str
    text: str


@dataclass
class Cell:
    text: str  # lines joined with "\n" (one per <br>), spaces normalised
    links: list[Link] = field(default_factory=list)
    line: int = 0  # source line where the cell starts
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # <th>

    @property
    def blank(self) -> bool:
        """Empty, or the tables' "nothing here" mark "--"."""
        return self.text.strip(" \n-–") == ""


@dataclass
class Row:
    line: int  # source line of the <tr> (or of the first cell when the <tr> is missing)
    cells: list[Cell] = field(default_factory=list)
    explicit: bool = True  # opened by a <tr>


def clean_text(raw: str) -> str:
    """Normalise spaces within each line; drop empty lines at either end, keep inner ones."""
    lines = [_SPACE.sub(" ", line).strip() for line in raw.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _span(attrs: dict, name: str) -> int:
    try:
        return max(1, int(str(attrs.get(name) or "1").strip()))
    except ValueError:
        return 1


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self._row: Optional[Row] = None
        self._cell: Optional[Cell] = None
        self._text: list[str] = []
        self._link: Optional[tuple[str, list[str]]] = None  # href, text parts
        self._after_link = False  # a word glued to a link's end gets a space: "S/1358</a>vetoed"

    # cells -----------------------------------------------------------------
    def _open_cell(self, tag: str, attrs: dict) -> None:
        self._close_cell()
        if self._row is None:  # a cell outside any <tr>: the <tr> was forgotten
            self._row = Row(self.getpos()[0], explicit=False)
            self.rows.append(self._row)
        self._cell = Cell("", [], self.getpos()[0], _span(attrs, "rowspan"), _span(attrs, "colspan"), tag == "th")
        self._row.cells.append(self._cell)
        self._text = []
        self._after_link = False

    def _close_cell(self) -> None:
        self._close_link()
        if self._cell is not None:
            self._cell.text = clean_text("".join(self._text))
        self._cell = None

    def _close_link(self) -> None:
        if self._link is not None and self._cell is not None:
            href, parts = self._link
            self._cell.links.append(Link(href, clean_text("".join(parts)).replace("\n", " ")))
        self._link = None

    # parser events -----------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._close_cell()
            self._row = Row(self.getpos()[0])
            self.rows.append(self._row)
        elif tag in ("td", "th"):
            self._open_cell(tag, attrs)
        elif tag == "br":
            self._break()
        elif tag == "a" and self._cell is not None:
            self._close_link()
            self._link = (attrs.get("href") or "", [])
            if self._text and self._text[-1][-1:].isalnum():  # "without vote<a>S/RES/1091": two words
                self._text.append(" ")
        elif tag == "p":
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_cell()
            self._row = None
        elif tag == "table":
            self._close_cell()
            self._row = None
        elif tag == "a":
            if self._link is not None:
                self._after_link = True
            self._close_link()
        elif tag == "br":  # "</br>", as the tables often write it
            self._break()

    def _break(self) -> None:
        if self._cell is not None:
            self._text.append("\n")
            if self._link is not None:
                self._link[1].append("\n")

    def handle_data(self, data):
        if self._cell is not None:
            text = data.replace("\n", " ")  # source line breaks are not <br>s
            if self._after_link and text[:1].isalnum() and self._link is None:
                text = " " + text
            self._after_link = False
            self._text.append(text)
            if self._link is not None:
                self._link[1].append(text)

    def close(self):
        super().close()
        self._close_cell()


def read_rows(html: str) -> list[Row]:
    """Every row of every table in `html`, in order, with its cells."""
    reader = _TableReader()
    reader.feed(html)
    reader.close()
    return reader.rows


@dataclass
class GridRow:
    """One laid-out row: `cells[i]` is the cell in column i (None if the row had none there)."""

    line: int
    cells: list[Optional[Cell]]
    carried: set[int]  # columns filled by a rowspan from a row above
    repairs: list[str] = field(default_factory=list)  # what was wrong with the markup, for reports


def layout(rows: list[Row], width: int) -> list[GridRow]:
    """Lay `rows` out `width` columns wide: rowspans carried down, runaway rows split.

    A row holding cells for more than one row (a `<tr>` was forgotten) is split
    when the surplus fills at least a whole row; a smaller surplus is reported
    as extra cells and dropped, a shortfall as missing cells.
    """
    grid: list[GridRow] = []
    carry: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to cover)
    for row in rows:
        if not row.cells:
            continue  # an empty <tr></tr>: no data, nothing to lay out
        queue = list(row.cells)
        line, repairs = row.line, []
        if not row.explicit:
            repairs.append("no <tr> before this row; read as a new row")
        while True:
            out: list[Optional[Cell]] = [None] * width
            carried = set()
            for column, (cell, _) in carry.items():
                if column < width:
                    out[column] = cell
                    carried.add(column)
            column = 0
            while queue:
                while column < width and out[column] is not None:
                    column += 1
                if column >= width:
                    break
                cell = queue.pop(0)
                for offset in range(cell.colspan):
                    if column + offset < width:
                        out[column + offset] = cell
                        if cell.rowspan > 1:
                            carry[column + offset] = (cell, cell.rowspan)
                column += cell.colspan
            free = [i for i in range(width) if out[i] is None]
            if free and not queue:
                names = ", ".join(str(i + 1) for i in free)
                repairs.append(f"missing cell(s) in column(s) {names}, read as empty")
            # Surplus cells: a whole row's worth means the next <tr> was forgotten.
            split = len(queue) >= width - len([c for c in carry if carry[c][1] > 1])
            if queue and not split:
                texts = "; ".join(repr(c.text) for c in queue)
                repairs.append(f"{len(queue)} extra cell(s) beyond column {width} ignored: {texts}")
                queue = []
            grid.append(GridRow(line, out, carried, repairs))
            carry = {c: (cell, left - 1) for c, (cell, left) in carry.items() if left - 1 > 0}
            if not queue:
                break
            line, repairs = queue[0].line, [f"no <tr> before this row (line {queue[0].line}); "
                                            "its cells ran on in the row above"]
    return grid
