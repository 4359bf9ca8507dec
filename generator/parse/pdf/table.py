"""The meetings table: header row, columns by position, rows across page breaks.

Columns come from what the page draws, best first: vertical rules crossing the
header row, shaded cell boxes tiling the header row, or else the left edges of
the text (cells are left-aligned: a column starts where words of several table
lines start). Rows are separated by horizontal rules across the table, or by a
vertical gap wider than the table's own line spacing. The header row is told
apart by its style (italic/bold, or a rule under it), remembered, and skipped
where a continuation page repeats it; a first row without a "Meeting and date"
cell on a continuation page continues the previous page's last row.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Callable, Optional

from generator.parse.pdf.layout import Line, PageLayout, Rule, Word
from generator.parse.pdf.text import TextBuilder, Vocabulary, normalise
from generator.parse.raw import COLUMNS, TableRow

ALIGNED = 0.3  # left-aligned cell lines start within this many points of each other
COLUMN_COST = 0.01  # of two readings of a header as equally many names, the one with fewer columns wins
GAP_PREFERENCE = 0.001  # per em of the gap a column starts after: breaks ties, never outweighs a label
MAX_HEADER_CUTS = 80  # more gaps than this in a header row: it is no header (the search is quadratic)

# Header words that name each canonical column (matched in the printed header cell).
COLUMN_NAMES = (
    ("meeting", "meeting"),
    ("sub_item", "sub-item|subitem|sub item"),
    ("other_documents", "other documents|documents"),
    ("rule_37", "rule 37"),
    ("rule_39", "rule 39"),
    ("speakers", "speaker"),
    ("decisions", "decision|outcome"),
)

# The words of each column's usual header labels, across supplements.
LABEL_WORDS = {
    "meeting": {"meeting", "meetings", "and", "date", "record", "symbol"},
    "sub_item": {"sub-item", "subitem", "sub", "item"},
    "other_documents": {"other", "documents", "document"},
    "rule_37": {"rule", "37", "invitations", "invitation", "invitees"},
    "rule_39": {"rule", "39", "and", "other", "invitations", "invitation", "invitees"},
    "speakers": {"speakers", "speaker"},
    "decisions": {"decisions", "decision", "and", "vote", "votes", "for-against-abstaining", "for", "against",
                  "abstaining", "outcome"},
}


@dataclass
class Columns:
    starts: list[float]  # left edge of each column
    names: Optional[list[str]]  # canonical name of each column, None if the header is not understood
    header_key: str  # the header row's text, to recognise it where a page repeats it

    def index(self, word: Word) -> int:
        tolerance = 0.3 * word.size
        index = 0
        for i, start in enumerate(self.starts):
            if word.x0 >= start - tolerance:
                index = i
        return index


@dataclass
class OpenRow:
    cells: dict[int, TextBuilder]
    page: int


@dataclass
class Block:
    lines: list[Line]
    page: PageLayout
    continuing: bool  # goes on from the previous page


@dataclass
class TableReader:
    """Collects one table's blocks of lines (one per page), then reads its rows.

    Columns are found once all blocks are in, so that text alignment can be
    measured on every row, not only on the first page's.
    """

    vocabulary: Vocabulary
    markers: Callable[[Word, int], list[int]]  # (raised word, page) -> footnote numbers
    columns: Optional[Columns] = None
    rows: list[OpenRow] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    row_starts: set[str] = field(default_factory=set)  # shapes of the first words of rows

    def add_block(self, lines: list[Line], page: PageLayout, continuing: bool) -> None:
        """Lines of the table on one page; `continuing` when it goes on from the previous page."""
        self.blocks.append(Block(lines, page, continuing))

    def read(self) -> None:
        if not self.blocks or self.columns is not None:
            return
        first = self.blocks[0]
        header, data = split_header(first.lines, first.page)
        key = header_key(header)
        datas = [data] + [drop_repeated_header(b.lines, key) for b in self.blocks[1:]]
        self.columns = find_columns(header, first.page, [l for d in datas for l in d])
        self.columns.header_key = key
        for block, lines in zip(self.blocks, datas):
            self.read_rows(lines, block.page, block.continuing)

    def read_rows(self, data: list[Line], page: PageLayout, continuing: bool) -> None:
        rows = split_rows(data, page)
        if not long_rules_between(page, data):
            rows = self.join_at_row_starts([part for row in rows for part in self.split_at_row_starts(row)])
        for i, row_lines in enumerate(rows):
            if i == 0 and continuing and self.rows and not self.starts_row(self.cells(row_lines)):
                self.extend_row(self.rows[-1], row_lines)  # the row goes on from the previous page
            else:
                row = OpenRow(cells={}, page=page.number)
                self.extend_row(row, row_lines)
                self.rows.append(row)
                self.row_starts.add(shape(self.cells(row_lines).get(0, [None])[0]))

    def split_at_row_starts(self, lines: list[Line]) -> list[list[Line]]:
        """Rows set without space between them: a line whose first cell starts like the table's
        first row ("S/PV.9390" after "S/PV.9389", not "2 July 2023") starts a row."""
        first = self.first_cell_word(lines[0])
        if first is None:
            return [lines]
        row_shape = shape(first)
        out = [[lines[0]]]
        for line in lines[1:]:
            word = self.first_cell_word(line)
            if word is not None and shape(word) == row_shape:
                out.append([])
            out[-1].append(line)
        return out

    def join_at_row_starts(self, rows: list[list[Line]]) -> list[list[Line]]:
        """Rows cut by a gap inside a row (cells of one row set at different heights): a part
        whose first cell does not start like the rows before it goes on with the row above."""
        shapes = [shape(self.first_cell_word(row[0])) for row in rows]
        known = {s for s in shapes if s} & ({shapes[0]} | self.row_starts) if shapes else set()
        out: list[list[Line]] = []
        for row, row_shape in zip(rows, shapes):
            if out and known and row_shape not in known:
                out[-1] = out[-1] + row
            else:
                out.append(row)
        return out

    def first_cell_word(self, line: Line) -> Optional[Word]:
        return next((w for w in line.words if self.columns.index(w) == 0), None)

    def starts_row(self, cells: dict[int, list[Word]]) -> bool:
        """Whether the first row on a continuation page is a row of its own: it has a first cell,
        and that cell starts like the other rows' first cells ("S/PV.9475", not "14 November")."""
        return 0 in cells and shape(cells[0][0]) in self.row_starts

    def cells(self, lines: list[Line]) -> dict[int, list[Word]]:
        out: dict[int, list[Word]] = {}
        for line in lines:
            for word in line.words:
                out.setdefault(self.columns.index(word), []).append(word)
        return out

    def extend_row(self, row: OpenRow, lines: list[Line]) -> None:
        for line in lines:
            by_column: dict[int, list[Word]] = {}
            for word in line.words:
                by_column.setdefault(self.columns.index(word), []).append(word)
            for column, words in by_column.items():
                builder = row.cells.setdefault(column, TextBuilder(self.vocabulary, broken_words=True))
                builder.add_line(fix_first_space(words), lambda word: self.markers(word, line.page))

    # ------------------------------------------------------------------ result

    def table_rows(self) -> list[TableRow]:
        self.read()
        out = []
        for row in self.rows:
            cells, names, footnotes = [], [], []
            for column in sorted(row.cells):
                text, refs = row.cells[column].finish()
                footnotes += [ref.number for ref in refs]
                if text:
                    cells.append(text)
                    names.append(self.column_name(column))
            if cells:
                columns = names if all(names) else None
                out.append(TableRow(cells=cells, columns=columns, place=f"page {row.page}", footnotes=footnotes))
        return out

    def column_name(self, index: int) -> Optional[str]:
        names = self.columns.names if self.columns else None
        return names[index] if names and index < len(names) else None


def shape(word: Optional[Word]) -> str:
    """A word's shape: "S/PV.9389" -> "a/a.9", "14" -> "9"."""
    if word is None:
        return ""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", word.text))


def fix_first_space(words: list[Word]) -> list[Word]:
    """A cell's first word on a line starts the cell's line: no space before it within the cell."""
    if words and words[0].space_before:
        first = Word(**{**words[0].__dict__, "space_before": False})
        return [first] + words[1:]
    return words


# --------------------------------------------------------------------------- header


def style_of(line: Line) -> tuple[bool, bool]:
    return (line.italic, line.bold)


def long_rules_between(page: PageLayout, lines: list[Line]) -> list[Rule]:
    """Horizontal rules spanning most of the table, strictly between its first and last line."""
    if not lines:
        return []
    x0, x1 = min(l.x0 for l in lines), max(l.x1 for l in lines)
    top, bottom = lines[0].top, lines[-1].bottom
    return [
        r
        for r in page.rules
        if r.horizontal and top < r.top < bottom and (r.x1 - r.x0) >= 0.6 * (x1 - x0)
    ]


def split_header(lines: list[Line], page: PageLayout) -> tuple[list[Line], list[Line]]:
    """The header row: lines above the first rule inside the table, else the leading lines in the
    first line's style (italic/bold) when the table's data is in another style, else the first line."""
    rules = long_rules_between(page, lines)
    if rules:
        first_rule = min(r.top for r in rules)
        header = [l for l in lines if l.bottom <= first_rule + 0.5]
        if header and len(header) < len(lines):
            return header, lines[len(header):]
    head_style = style_of(lines[0])
    count = 0
    while count < len(lines) and style_of(lines[count]) == head_style:
        count += 1
    if count < len(lines) and head_style != (False, False):
        return lines[:count], lines[count:]
    return lines[:1], lines[1:]


def header_key(header: list[Line]) -> str:
    return normalise(" ".join(l.text for l in header)).lower()


def drop_repeated_header(lines: list[Line], key: str) -> list[Line]:
    """Skip the header row where a continuation page repeats it."""
    text = ""
    for count, line in enumerate(lines, start=1):
        text = normalise(f"{text} {line.text}").lower()
        if text == key:
            return lines[count:]
        if not key.startswith(text):
            break
    return lines


# --------------------------------------------------------------------------- columns


def find_columns(header: list[Line], page: PageLayout, data: list[Line]) -> Columns:
    """Columns from the drawn cells, else from whichever of text alignment and the header's own
    cells lets the header read as more of the known column names."""
    starts = starts_from_rules(header, page) or starts_from_boxes(header, page)
    if not starts:
        hypotheses = [s for s in (starts_from_alignment(header, data), starts_from_header(header, data)) if s]
        starts = max(hypotheses, key=lambda xs: known_names(header, xs), default=[])
    starts = starts or [min(line.x0 for line in header + data)]  # no column found: one column
    columns = Columns(starts=starts, names=None, header_key="")
    names = [name_column(text) for text in header_cells(header, columns)]
    known = [n for n in names if n]
    if known and len(set(known)) == len(known):
        columns.names = names  # a row with a cell under an unknown header gets columns=None
    elif not known and len(starts) == len(COLUMNS):
        columns.names = list(COLUMNS)  # an unfamiliar header with the usual seven columns
    return columns


def starts_from_rules(header: list[Line], page: PageLayout) -> list[float]:
    top, bottom = header[0].top, header[-1].bottom
    xs = sorted(r.x0 for r in page.rules if not r.horizontal and r.top <= top + 1 and r.bottom >= bottom - 1)
    starts = dedupe(xs, 2.0)
    right = max(l.x1 for l in header)
    starts = [x for x in starts if x < right - 1]  # the last rule closes the table
    return starts if len(starts) >= 2 else []


def starts_from_boxes(header: list[Line], page: PageLayout) -> list[float]:
    """Shaded header cells: boxes covering the header row side by side."""
    top, bottom = header[0].top, header[-1].bottom
    boxes = [b for b in page.boxes if b.top <= top + 1 and b.bottom >= bottom - 1]
    if len(boxes) < 2:
        return []
    return dedupe(sorted(b.x0 for b in boxes), 2.0)


def starts_from_alignment(header: list[Line], data: list[Line]) -> list[float]:
    """Without drawn cells: columns start where word groups of several table lines start
    (cells are left-aligned). Header groups count when another line starts there too (a
    justified header line has stretched gaps, a centred header cell starts nowhere else);
    data groups count when two data lines start there."""

    def group_starts(line: Line) -> list[float]:
        words = line.plain_words
        starts = [words[0].x0] if words else []
        for a, b in zip(words, words[1:]):
            if b.x0 - a.x1 > 0.5 * b.size:
                starts.append(b.x0)
        return starts

    def support(x: float, lines: list[Line]) -> int:
        return sum(1 for line in lines if any(abs(x - y) <= ALIGNED for y in group_starts(line)))

    table = header + data
    candidates = dedupe(sorted(x for line in table for x in group_starts(line)), ALIGNED)
    header_xs = {round(x, 1) for line in header for x in group_starts(line)}
    starts = []
    for x in candidates:
        if (round(x, 1) in header_xs and support(x, table) >= 2) or support(x, data) >= 2:
            starts.append(x)
    return dedupe(starts, ALIGNED)


def known_names(header: list[Line], starts: list[float]) -> float:
    """How well the header reads as known column labels under these column starts: each cell
    scores by `label_score`, a name read twice counts against, and each column costs a little
    (of two readings equally good, the one with fewer columns wins)."""
    texts = header_cells(header, Columns(starts, None, ""))
    known = [n for n in map(name_column, texts) if n]
    return sum(map(label_score, texts)) - (len(known) - len(set(known))) - COLUMN_COST * len(texts)


def starts_from_header(header: list[Line], data: list[Line]) -> list[float]:
    """Columns from the header row itself, for unruled tables whose empty columns leave no text
    to align. The places a column may start are where the header's words, all lines stacked,
    leave a vertical gap; of those, the ones kept are those under which the header reads as the
    most known column names (a dynamic programme over the gaps: a word space inside a justified
    narrow cell can be as wide as the space between two cells, so width alone cannot tell).
    A column starts at its header cell, or further left where data starts in the gap before it
    (a centred header cell)."""
    words = sorted((w for line in header for w in line.plain_words), key=lambda w: w.x0)
    if len(words) < 2:
        return []
    cuts, gaps, reach = [words[0].x0], [0.0], words[0].x1
    for word in words[1:]:
        if word.x0 > reach:
            cuts.append(word.x0)
            gaps.append((word.x0 - reach) / word.size)
        reach = max(reach, word.x1)
    if len(cuts) > MAX_HEADER_CUTS:
        return []
    edges = cuts + [reach + 1.0]
    best: list[tuple[float, list[int]]] = [(0.0, [])] + [(-1e9, [])] * (len(edges) - 1)
    for j in range(1, len(edges)):
        for i in range(j):
            score = (best[i][0] + label_score(cell_text(header, edges[i], edges[j])) - COLUMN_COST
                     + GAP_PREFERENCE * gaps[i])  # of equal readings, cut where the gaps are widest
            if score > best[j][0]:
                best[j] = (score, best[i][1] + [i])
    chosen = [edges[i] for i in best[-1][1]]
    if len(chosen) < 2:
        return []
    if not centred_cells(header, chosen):
        return chosen
    # centred header cells: a column starts where its data does, in the gap left of its header
    # cell, right of all the data of the column before (whose cells start under that one's header)
    data_words = [w for line in data for w in line.plain_words]
    group_starts = [x0 for line in data for x0, _ in word_groups(line)]
    starts = [min([chosen[0]] + [x for x in group_starts if x < chosen[0]])]
    for before, start in zip(chosen, chosen[1:]):
        header_end = max((w.x1 for w in words if before <= w.x0 < start), default=before)
        data_end = max((w.x1 for w in data_words if starts[-1] - ALIGNED <= w.x0 <= header_end), default=before)
        starts.append(min([start] + [x for x in group_starts if max(header_end, data_end) < x < start]))
    return starts


def label_score(text: str) -> float:
    """How well a stretch of header reads as one known column's label: 1 for a label of known
    words only, less for each word foreign to it ("and Sub-item"), 0 for no known label."""
    name = name_column(text)
    if name is None:
        return 0.0
    words = [w.strip("().,;:").lower() for w in text.split()]
    words = [w for w in words if w]
    foreign = sum(1 for w in words if w not in LABEL_WORDS[name])
    return 1.0 - foreign / max(1, len(words))


def centred_cells(header: list[Line], starts: list[float]) -> bool:
    """Whether the header's cells of several lines are centred (their lines start at different
    places) rather than left-aligned like the data under them."""
    edges = starts + [float("inf")]
    spreads = []
    for x0, x1 in zip(edges, edges[1:]):
        lefts = [min(w.x0 for w in ws) for ws in ([w for w in l.plain_words if x0 <= w.x0 < x1] for l in header) if ws]
        if len(lefts) >= 2:
            spreads.append(max(lefts) - min(lefts))
    return bool(spreads) and max(spreads) > 1.0


def cell_text(header: list[Line], x0: float, x1: float) -> str:
    """The header's words starting between x0 and x1, line by line."""
    builder = TextBuilder(Vocabulary())
    for line in header:
        words = [w for w in line.words if x0 <= w.x0 < x1]
        if words:
            builder.add_line(fix_first_space(words))
    return builder.finish()[0]


def word_groups(line: Line) -> list[tuple[float, float]]:
    """(x0, x1) of the runs of words a gap wider than half an em separates."""
    words = line.plain_words
    spans: list[tuple[float, float]] = []
    for word in words:
        if spans and word.x0 - spans[-1][1] <= 0.5 * word.size:
            spans[-1] = (spans[-1][0], word.x1)
        else:
            spans.append((word.x0, word.x1))
    return spans


def dedupe(xs: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > tolerance:
            out.append(x)
    return out


def header_cells(header: list[Line], columns: Columns) -> list[str]:
    vocabulary = Vocabulary()
    # no start at all reads as one column, as `Columns.index` (0) takes it
    builders = [TextBuilder(vocabulary) for _ in range(max(1, len(columns.starts)))]
    for line in header:
        by_column: dict[int, list[Word]] = {}
        for word in line.words:
            by_column.setdefault(columns.index(word), []).append(word)
        for column, words in by_column.items():
            builders[column].add_line(fix_first_space(words))
    return [b.finish()[0] for b in builders]


def name_column(text: str) -> Optional[str]:
    text = text.lower()
    for name, pattern in COLUMN_NAMES:
        if re.search(pattern, text):
            return name
    return None


# --------------------------------------------------------------------------- rows


def split_rows(lines: list[Line], page: PageLayout) -> list[list[Line]]:
    """Rows: cut at horizontal rules across the table, or else at gaps wider than line spacing."""
    if not lines:
        return []
    rules = long_rules_between(page, lines)
    if rules:
        cuts = sorted(r.top for r in rules)
        rows: list[list[Line]] = [[]]
        for prev, line in zip([None] + lines, lines):
            if prev is not None and any(prev.bottom <= cut <= line.top + 0.5 for cut in cuts):
                rows.append([])
            rows[-1].append(line)
        return rows
    # cells of one row may sit at different heights, so measure from the lowest line so far
    gaps, lowest = [], lines[0].bottom
    for line in lines[1:]:
        gaps.append(line.top - lowest)
        lowest = max(lowest, line.bottom)
    size = statistics.median(l.size for l in lines)
    usual = statistics.median([g for g in gaps if 0 <= g <= 0.6 * size] or [0.0])  # spacing inside a cell
    rows = [[lines[0]]]
    for gap, line in zip(gaps, lines[1:]):
        if gap > usual + 0.3 * size:
            rows.append([])
        rows[-1].append(line)
    return rows
