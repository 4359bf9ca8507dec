"""What a whole document tells about its own layout: sizes, margins, running lines.

Everything is measured from the document (most common sizes and positions,
what repeats from page to page); no page size, font, size or coordinate is
assumed. These are cheap reductions over the per-page layouts, so pages can be
read in any order or in parallel first.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from generator.parse.pdf_layout import Line, PageLayout
from generator.parse.pdf_text import marker_numbers

RUNNING_DEPTH = 3  # running header/footer lines are among the outermost three of a page
SAME_SIZE = 0.03  # sizes within 3% are the same size (rounding in the PDF's matrices)
SINGLE_PAGE_ZONE = 0.08  # with nothing to compare, the outer 8% of a page's height is its margin
YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
PART = re.compile(r"\bPart\s+([IVXLC]+)\b")
TOC_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$|…+\s*\d+\s*$")


@dataclass
class DocumentStyle:
    body_size: float
    footnote_size: Optional[float]
    left: float  # where most body lines start
    right: float  # where full body lines end
    line_pitch: float  # baseline distance between lines of a body paragraph
    indent: Optional[float]  # first-line indent of paragraphs, None if paragraphs are not indented
    markers: set[int]  # footnote numbers printed as superscripts in body lines
    supplement: Optional[int] = None
    part: Optional[str] = None

    def is_body(self, line: Line) -> bool:
        return abs(line.size - self.body_size) <= SAME_SIZE * self.body_size

    def is_footnote_size(self, line: Line) -> bool:
        return self.footnote_size is not None and abs(line.size - self.footnote_size) <= SAME_SIZE * self.footnote_size


def digits_key(line: Line) -> str:
    """A line's text with digit runs replaced, so "Page 3" and "Page 4" compare equal."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


# --------------------------------------------------------------------------- running headers/footers


def find_running_lines(pages: list[PageLayout]) -> set[int]:
    """ids of the lines that are running headers/footers (page numbers, job numbers included).

    A line is running when a line with the same text (digits aside) sits at
    about the same height on at least half of the pages (or on 80% of the pages
    of the same parity, for alternating recto/verso headers), and only lines
    between it and the page edge are running too.
    """
    pages = [p for p in pages if p.lines]
    if len(pages) < 2:
        return single_page_margins(pages)
    occurrences: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in outer_lines(page):
            occurrences[digits_key(line)].append((page.number, line.top))
    parity_count = Counter(p.number % 2 for p in pages)

    def repeats(page: PageLayout, line: Line) -> bool:
        tolerance = max(1.0, 0.3 * line.size)
        hits = {n for n, top in occurrences[digits_key(line)] if abs(top - line.top) <= tolerance}
        same_parity = sum(1 for n in hits if n % 2 == page.number % 2)
        return len(hits) >= 2 and (
            len(hits) >= 0.5 * len(pages) or same_parity >= max(2, 0.8 * parity_count[page.number % 2])
        )

    running: set[int] = set()
    for page in pages:
        for side in (page.lines, page.lines[::-1]):
            for line in side[:RUNNING_DEPTH]:
                if not repeats(page, line):
                    break
                running.add(id(line))
    return running


def outer_lines(page: PageLayout) -> list[Line]:
    lines = page.lines
    return lines[:RUNNING_DEPTH] + lines[RUNNING_DEPTH:][-RUNNING_DEPTH:]


def single_page_margins(pages: list[PageLayout]) -> set[int]:
    running = set()
    for page in pages:
        for line in page.lines:
            if line.bottom < SINGLE_PAGE_ZONE * page.height or line.top > (1 - SINGLE_PAGE_ZONE) * page.height:
                running.add(id(line))
    return running


def read_running_facts(pages: list[PageLayout], running: set[int]) -> tuple[Optional[int], Optional[str]]:
    """The supplement year and the part, read from the running headers/footers."""
    years, parts = Counter(), Counter()
    for page in pages:
        for line in page.lines:
            if id(line) in running:
                text = line.text
                if year := YEAR.search(text):
                    years[int(year.group(1))] += 1
                if part := PART.search(text):
                    parts[part.group(1)] += 1
    year = years.most_common(1)[0][0] if years else None
    part = parts.most_common(1)[0][0] if parts else None
    return year, part


# --------------------------------------------------------------------------- sizes and margins


def in_ruled_grid(page: PageLayout, line: Line) -> bool:
    """Inside a grid of vertical rules (a ruled table): not running text."""
    middle = (line.top + line.bottom) / 2
    crossing = [r for r in page.rules if not r.horizontal and r.top <= middle <= r.bottom]
    return len(crossing) >= 2


def measure_style(pages: list[PageLayout], running: set[int]) -> Optional[DocumentStyle]:
    """The document's measures, or None when it has no text besides running lines."""
    text_lines = [(p, l) for p in pages for l in p.lines if id(l) not in running]
    sizes = Counter()
    for page, line in text_lines:
        if not in_ruled_grid(page, line):
            sizes[line.size] += sum(len(w.text) for w in line.plain_words)
    if not sizes:
        return None
    body_size = sizes.most_common(1)[0][0]

    def is_body(line: Line) -> bool:
        return abs(line.size - body_size) <= SAME_SIZE * body_size

    body = [l for _, l in text_lines if is_body(l)]
    left = Counter(round(l.x0) for l in body).most_common(1)[0][0]
    right = statistics.quantiles([l.x1 for l in body], n=10)[-1] if len(body) > 1 else body[0].x1
    markers = {n for l in body for w in l.words if w.raised for n in marker_numbers(w)}
    return DocumentStyle(
        body_size=body_size,
        footnote_size=footnote_size(text_lines, markers, body_size),
        left=left,
        right=right,
        line_pitch=line_pitch(pages, running, is_body),
        indent=paragraph_indent(body, left, body_size),
        markers=markers,
    )


def footnote_size(text_lines, markers: set[int], body_size: float) -> Optional[float]:
    """The size of lines that start with the number of a footnote marker."""
    sizes = Counter()
    for _, line in text_lines:
        if line.size < body_size and line.words:
            number = re.match(r"\d+", line.words[0].text)
            if number and int(number.group(0)) in markers:
                sizes[line.size] += 1
    return sizes.most_common(1)[0][0] if sizes else None


def line_pitch(pages: list[PageLayout], running: set[int], is_body) -> float:
    steps = []
    for page in pages:
        body = [l for l in page.lines if id(l) not in running and is_body(l)]
        for a, b in zip(body, body[1:]):
            step = b.bottom - a.bottom
            if 0 < step < 3 * a.size:
                steps.append(step)
    return statistics.median(steps) if steps else 1.2 * max(l.size for p in pages for l in p.lines)


def paragraph_indent(body: list[Line], left: float, size: float) -> Optional[float]:
    """The first-line indent, if the document indents paragraphs (seen on two lines or more)."""
    offsets = Counter(round(l.x0 - left) for l in body if 0.5 * size < l.x0 - left < 8 * size)
    if sum(offsets.values()) < 2:
        return None
    return float(offsets.most_common(1)[0][0])


# --------------------------------------------------------------------------- front matter


def is_toc_line(line: Line) -> bool:
    """A table-of-contents entry: dot leaders, or a page number far right of its text."""
    if TOC_LEADER.search(line.text):
        return True
    words = line.plain_words
    return (
        len(words) >= 2
        and words[-1].text.isdigit()
        and words[-1].x0 - words[-2].x1 > 4 * line.size
    )


def is_toc_page(lines: list[Line]) -> bool:
    toc = sum(1 for line in lines if is_toc_line(line))
    return toc >= 2 and toc >= 0.5 * len(lines)


def is_cover_page(lines: list[Line], style: DocumentStyle) -> bool:
    """A title page: some text, but no running text in the body size."""
    return bool(lines) and not any(style.is_body(line) and not line.bold for line in lines)
