"""Page geometry for the PDF reader: characters grouped into words and lines, plus rules.

This is the only module that touches pdfplumber objects. Each page is read on
its own (and closed straight after), so pages can be read per page range and,
later, in parallel; everything after this works on the plain dataclasses below.

Nothing here knows a layout: words are split at space characters or at gaps
relative to the font size, superscripts are recognised by size and baseline
relative to their own line.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
ITALIC = re.compile(r"italic|oblique", re.I)

WORD_GAP = 0.15  # a gap wider than this many ems between two glyphs separates words
SUPERSCRIPT_SIZE = 0.85  # a superscript is at most this fraction of its line's size...
SUPERSCRIPT_RISE = 0.12  # ...and sits this many ems above the line's baseline
THIN = 2.0  # a drawn rule is at most this thick (points)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    space_before: bool = False  # separated from the previous word of its line
    raised: bool = False  # superscript (footnote markers, ordinals)


@dataclass
class Line:
    words: list[Word]
    page: int
    size: float = 0.0  # the size of most of its (non-raised) glyphs
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False  # (nearly) all of its glyphs are bold
    italic: bool = False

    @property
    def text(self) -> str:
        """The line as printed, superscripts included (for matching, not for output)."""
        out = ""
        for word in self.words:
            out += (" " if word.space_before and out else "") + word.text
        return out

    @property
    def plain_words(self) -> list[Word]:
        return [w for w in self.words if not w.raised]


@dataclass
class Rule:
    """A drawn straight line (or a thin filled rectangle), horizontal or vertical."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Box:
    """A filled or stroked rectangle larger than a rule, e.g. a shaded table cell."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    char_count: int = 0
    image_count: int = 0


# --------------------------------------------------------------------------- reading pages


@dataclass
class RawPage:
    """What pdfplumber gives for one page: the only part of reading that can fail on bad input."""

    number: int
    width: float
    height: float
    chars: list[dict]
    lines: list[dict]
    rects: list[dict]
    image_count: int


def fetch_page(pdf, number: int) -> RawPage:
    """The raw objects of a 1-based page of an open pdfplumber PDF. The page is closed after
    use so that memory stays flat (pdfplumber caches every parsed page otherwise)."""
    page = pdf.pages[number - 1]
    try:
        return RawPage(
            number=number,
            width=float(page.width),
            height=float(page.height),
            chars=list(page.chars),
            lines=list(page.lines),
            rects=list(page.rects),
            image_count=len(page.images),
        )
    finally:
        page.close()


def build_page(raw: RawPage) -> PageLayout:
    chars = [c for c in raw.chars if c.get("upright", True) and c["size"] > 0 and c["text"]]
    layout = PageLayout(number=raw.number, width=raw.width, height=raw.height)
    layout.char_count = sum(1 for c in chars if not c["text"].isspace())
    layout.image_count = raw.image_count
    groups = [g for g in group_lines(chars) if any(not c["text"].isspace() for c in g)]
    layout.lines = [make_line(group, raw.number) for group in groups]
    layout.lines.sort(key=lambda line: (round(line.top, 1), line.x0))
    layout.rules, layout.boxes = read_rules(raw)
    return layout


def read_rules(raw: RawPage) -> tuple[list[Rule], list[Box]]:
    rules, boxes = [], []
    for obj in raw.lines:
        rules.append(Rule(obj["x0"], obj["x1"], obj["top"], obj["bottom"]))
    for obj in raw.rects:
        if obj["height"] <= THIN or obj["width"] <= THIN:
            rules.append(Rule(obj["x0"], obj["x1"], obj["top"], obj["bottom"]))
        else:
            boxes.append(Box(obj["x0"], obj["x1"], obj["top"], obj["bottom"]))
    return rules, boxes


# --------------------------------------------------------------------------- chars -> lines


def group_lines(chars: list[dict]) -> list[list[dict]]:
    """Group glyphs into text lines: first by baseline, then superscripts join their line."""
    bands: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["bottom"]):
        if bands:
            first = bands[-1][0]
            if char["bottom"] - first["bottom"] <= 0.3 * max(char["size"], first["size"]):
                bands[-1].append(char)
                continue
        bands.append([char])
    return merge_superscript_bands(bands)


def dominant_size(chars: list[dict]) -> float:
    sizes = Counter(round(c["size"], 1) for c in chars if not c["text"].isspace())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def merge_superscript_bands(bands: list[list[dict]]) -> list[list[dict]]:
    """A band of small glyphs that overlaps a band of larger glyphs is its superscripts."""
    info = [(dominant_size(b), min(c["top"] for c in b), max(c["bottom"] for c in b)) for b in bands]
    merged = [list(b) for b in bands]
    alive = [True] * len(bands)
    for i, (size, top, bottom) in enumerate(info):
        best, best_overlap = None, 0.0
        for j, (size_j, top_j, bottom_j) in enumerate(info):
            if j == i or not alive[j] or size > SUPERSCRIPT_SIZE * size_j:
                continue
            overlap = min(bottom, bottom_j) - max(top, top_j)
            if overlap > 0.5 * (bottom - top) and overlap > best_overlap:
                best, best_overlap = j, overlap
        if best is not None:
            merged[best].extend(merged[i])
            alive[i] = False
    return [m for m, keep in zip(merged, alive) if keep]


def make_line(chars: list[dict], page: int) -> Line:
    size = dominant_size(chars)
    body = [c for c in chars if c["size"] >= 0.9 * size and not c["text"].isspace()]
    baseline = statistics.median(c["bottom"] for c in body) if body else 0.0
    words = split_words(sorted(chars, key=lambda c: c["x0"]), size, baseline)
    plain = [w for w in words if not w.raised] or words
    line = Line(words=words, page=page, size=size)
    line.top = min(w.top for w in plain)
    line.bottom = max(w.bottom for w in plain)
    line.x0 = min(w.x0 for w in words)
    line.x1 = max(w.x1 for w in words)
    letters = sum(len(w.text) for w in plain) or 1
    line.bold = sum(len(w.text) for w in plain if w.bold) >= 0.9 * letters
    line.italic = sum(len(w.text) for w in plain if w.italic) >= 0.9 * letters
    return line


def is_raised(size: float, bottom: float, line_size: float, baseline: float) -> bool:
    return size <= SUPERSCRIPT_SIZE * line_size and bottom < baseline - SUPERSCRIPT_RISE * line_size


def split_words(chars: list[dict], line_size: float, baseline: float) -> list[Word]:
    """Split a line's glyphs (left to right) into words at spaces, gaps and superscript changes."""
    words: list[Word] = []
    run: list[dict] = []
    run_space = pending_space = False
    for char in chars:
        if char["text"].isspace():
            pending_space = True
            continue
        if run:
            prev = run[-1]
            gap_break = char["x0"] - prev["x1"] > WORD_GAP * min(char["size"], prev["size"])
            raised_change = is_raised(char["size"], char["bottom"], line_size, baseline) != is_raised(
                prev["size"], prev["bottom"], line_size, baseline
            )
            if pending_space or gap_break or raised_change:
                words.append(make_word(run, run_space, line_size, baseline))
                run, run_space = [], pending_space or gap_break
        else:
            run_space = pending_space
        run.append(char)
        pending_space = False
    if run:
        words.append(make_word(run, run_space, line_size, baseline))
    return words


def make_word(chars: list[dict], space_before: bool, line_size: float, baseline: float) -> Word:
    size = max(c["size"] for c in chars)
    fonts = Counter(c["fontname"] for c in chars).most_common(1)[0][0]
    return Word(
        text="".join(c["text"] for c in chars),
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=round(size, 1),
        bold=bool(BOLD.search(fonts)),
        italic=bool(ITALIC.search(fonts)),
        space_before=space_before,
        raised=is_raised(size, max(c["bottom"] for c in chars), line_size, baseline),
    )
