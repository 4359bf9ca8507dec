"""What a whole document tells about its own layout: sizes, margins, running lines.

Everything is measured from the document (most common sizes and positions,
what repeats from page to page); no page size, font, size or coordinate is
assumed. Each page is first reduced to small `PageFacts` (a few numbers per
line, the text of its outermost lines, its words for the hyphenation
vocabulary) by whichever process read it; `measure_document` then reduces the
facts of all pages, in page order, to a `Document`. So pages can be read in any
order, in parallel, and need not be kept in memory meanwhile.
"""
from __future__ import annotations

import bisect
import re
import shlex
import statistics
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple, Optional, Sequence

from generator.model.errors import RepertoireError
from generator.parse.pdf.layout import Line, PageLayout
from generator.parse.pdf.text import Vocabulary, line_tokens, marker_numbers

RUNNING_DEPTH = 3  # running header/footer lines are among the outermost three of a page
COLUMN_GAP = 1.5  # a gap of this many ems inside a line separates table columns
SAME_SIZE = 0.03  # sizes within 3% are the same size (rounding in the PDF's matrices)
NUMBERING_RESTARTS = 0.25  # share of page-to-page steps where a running line's numbers may start over
GLUED = 0.8  # lines closer than this many ems are one block: a running line stands further off
LATE_RUNNING_HITS = 3  # a running line that starts after the front matter is seen on this many pages
SINGLE_PAGE_ZONE = 0.08  # with nothing to compare, the outer 8% of a page's height is its margin
YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
PART = re.compile(r"(?<![^\W\d])Part\s+([IVXLC]+)\b")  # "2Part I": a page number set close
TOC_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$|…+\s*\d+\s*$")
REPERTOIRE = re.compile(r"\bR[eé]pertoire\b", re.I)
LEAD_NUMBER = re.compile(r"\d{1,9}(?!\d)")  # longer is no footnote number


@dataclass
class DocumentStyle:
    body_size: float
    footnote_size: Optional[float]
    left: float  # where most body lines start
    right: float  # where full body lines end
    line_pitch: float  # baseline distance between lines of a body paragraph
    body_bottom: float  # the lowest bottom of a body line on any page: where the text block ends
    indent: Optional[float]  # first-line indent of paragraphs, None if paragraphs are not indented
    markers: set[int]  # footnote numbers printed as superscripts in body lines
    supplement: Optional[int] = None
    part: Optional[str] = None

    def is_body(self, line: Line) -> bool:
        return abs(line.size - self.body_size) <= SAME_SIZE * self.body_size

    def is_larger(self, line: Line) -> bool:
        """Larger than body text beyond rounding: a heading's size, however little larger."""
        return line.size > (1 + SAME_SIZE) * self.body_size

    def is_footnote_size(self, line: Line) -> bool:
        return self.footnote_size is not None and abs(line.size - self.footnote_size) <= SAME_SIZE * self.footnote_size


# --------------------------------------------------------------------------- facts of one page


class LineFacts(NamedTuple):
    """What the document-wide measures need of a line."""

    size: float
    letters: int  # characters of its words, superscripts aside
    in_grid: bool  # inside a ruled table
    in_columns: bool  # set in columns: a gap of COLUMN_GAP ems or more between its words
    x0: float
    x1: float
    top: float
    bottom: float
    lead_number: Optional[int]  # the number its first word starts with
    markers: tuple[int, ...]  # the footnote numbers of its superscripts


LINE_COLUMNS = 9  # LineFacts without its markers, packed as doubles (lead_number -1 for None)


@dataclass(slots=True)
class OuterLine:
    """One of the outermost lines of a page: a candidate running header or footer."""

    index: int  # in PageLayout.lines
    key: str  # its text with digits masked
    text: str
    top: float
    bottom: float
    size: float
    tokens: Sequence[str]  # its words, for the vocabulary (if it turns out not to be running)
    broken: bool  # ends in a hyphen


@dataclass
class PageFacts:
    number: int
    height: float
    char_count: int
    image_count: int
    packed: array  # LINE_COLUMNS doubles per line: 72 bytes a line, where objects take some 400
    markers: dict[int, tuple[int, ...]]  # line index -> footnote numbers of its superscripts
    outer: list[OuterLine]  # the first and last RUNNING_DEPTH lines, in order
    has_inner: bool  # lines between the outer ones (never running), already in the vocabulary...
    inner_head: Optional[str]  # ...except the first one's first word, dropped after a line-end hyphen
    inner_broken: bool  # the last inner line ends in a hyphen
    names_repertoire: bool  # some line names the Repertoire

    def share(self, seen: dict) -> None:
        """Keep one copy of texts repeated from page to page (running lines are)."""
        for line in self.outer:
            line.key = seen.setdefault(line.key, line.key)
            line.text = seen.setdefault(line.text, line.text)
            tokens = tuple(line.tokens)
            line.tokens = seen.setdefault(tokens, tokens)

    @property
    def lines(self) -> list[LineFacts]:
        data, out = self.packed, []
        for i in range(0, len(data), LINE_COLUMNS):
            size, letters, grid, columns, x0, x1, top, bottom, lead = data[i:i + LINE_COLUMNS]
            out.append(LineFacts(size, int(letters), bool(grid), bool(columns), x0, x1, top, bottom,
                                 None if lead < 0 else int(lead), self.markers.get(i // LINE_COLUMNS, ())))
        return out


def page_facts(page: PageLayout, vocabulary: Vocabulary) -> PageFacts:
    """Reduce a page to its facts; the words of its inner lines go into `vocabulary`."""
    lines = page.lines
    count = len(lines)
    packed, markers = array("d"), {}
    for index, line in enumerate(lines):
        lead = LEAD_NUMBER.match(line.words[0].text) if line.words else None
        packed.extend((
            line.size,
            sum(len(w.text) for w in line.plain_words),
            in_ruled_grid(page, line),
            set_in_columns(line),
            line.x0,
            line.x1,
            line.top,
            line.bottom,
            int(lead.group(0)) if lead else -1,
        ))
        numbers = tuple(n for w in line.words if w.raised for n in marker_numbers(w))
        if numbers:
            markers[index] = numbers
    outer_indices = sorted(set(range(min(RUNNING_DEPTH, count))) | set(range(max(0, count - RUNNING_DEPTH), count)))
    outer = []
    for index in outer_indices:
        line = lines[index]
        tokens, broken = line_tokens(line)
        text = line.text
        outer.append(OuterLine(index, digits_key(text), text, line.top, line.bottom, line.size, tokens, broken))
    inner = lines[RUNNING_DEPTH:count - RUNNING_DEPTH]
    head, after_break = None, True  # the first inner line's first word is held out (see measure_document)
    for k, line in enumerate(inner):
        tokens, broken = line_tokens(line)
        if k == 0 and tokens and not (broken and len(tokens) == 1):
            head = tokens[0]
        vocabulary.add_line_tokens(tokens, broken, after_break)
        after_break = broken
    return PageFacts(
        number=page.number,
        height=page.height,
        char_count=page.char_count,
        image_count=page.image_count,
        packed=packed,
        markers=markers,
        outer=outer,
        has_inner=bool(inner),
        inner_head=head,
        inner_broken=after_break if inner else False,
        names_repertoire=any(REPERTOIRE.search(o.text) for o in outer)
        or any(REPERTOIRE.search(line.text) for line in inner),
    )


def digits_key(text: str) -> str:
    """A line's text with digit runs replaced, so "Page 3" and "Page 4" compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


# --------------------------------------------------------------------------- the whole document


@dataclass
class Document:
    style: DocumentStyle
    vocabulary: Vocabulary
    running: dict[int, set[int]] = field(default_factory=dict)  # page number -> indices of running lines

    def content_lines(self, page: PageLayout) -> list[Line]:
        """The page's lines without its running headers and footers."""
        running = self.running.get(page.number)
        if not running:
            return list(page.lines)
        return [line for i, line in enumerate(page.lines) if i not in running]


def measure_document(file: str, pages: list[PageFacts], vocabulary: Vocabulary, check_name: bool = True) -> Document:
    """The document's measures from the facts of all its pages, in order. `vocabulary` holds the
    words of the pages' inner lines; the outer lines that are not running are added here.
    `check_name`: refuse a document that never names the Repertoire (`repertoire inspect` does not)."""
    if not pages:
        raise RepertoireError(file, "the PDF has no pages")
    if sum(p.char_count for p in pages) == 0:
        images = " (scanned pages without a text layer?)" if any(p.image_count for p in pages) else ""
        raise RepertoireError(file, f"the PDF has no text layer{images}")
    running = find_running_lines(pages)
    style = measure_style(pages, running)
    if style is None:
        raise RepertoireError(file, "no text besides running headers and footers: not a Repertoire section"
                                    + inspect_hint(file))
    style.supplement, style.part = read_running_facts(pages, running)
    if check_name and not names_the_repertoire(pages, running):
        where = (f"its running headers and first pages ({pages[0].number}-{pages[min(2, len(pages) - 1)].number})"
                 if len(pages) > 1 else f"its page {pages[0].number}")
        raise RepertoireError(file, f"{where} never name{'s' if len(pages) == 1 else ''} the Repertoire: "
                                    "not a Repertoire section" + inspect_hint(file))
    add_outer_words(pages, running, vocabulary)
    return Document(style, vocabulary, running)


def inspect_hint(file: str) -> str:
    """What to run to see how the reader took each line of a PDF that does not read."""
    return f"; see `repertoire inspect {shlex.quote(file)}`"


def add_outer_words(pages: list[PageFacts], running: dict[int, set[int]], vocabulary: Vocabulary) -> None:
    """Add the words of outer lines that are not running, in reading order: a line's first word
    counts only if the line before it (running lines aside) did not end in a hyphen."""
    after_break = False
    for page in pages:
        skip = running.get(page.number, set())
        before = [o for o in page.outer if o.index < RUNNING_DEPTH]
        after = [o for o in page.outer if o.index >= RUNNING_DEPTH]
        for line in before:
            if line.index not in skip:
                vocabulary.add_line_tokens(line.tokens, line.broken, after_break)
                after_break = line.broken
        if page.has_inner:
            if not after_break and page.inner_head is not None:
                vocabulary.add_tokens([page.inner_head])
            after_break = page.inner_broken
        for line in after:
            if line.index not in skip:
                vocabulary.add_line_tokens(line.tokens, line.broken, after_break)
                after_break = line.broken


def names_the_repertoire(pages: list[PageFacts], running: dict[int, set[int]]) -> bool:
    """Repertoire pages carry its name in their running header (or on the cover); other
    documents with numbered headings (meeting records, reports) do not."""
    if any(p.names_repertoire for p in pages[:3]):
        return True
    return any(REPERTOIRE.search(o.text) for p in pages for o in p.outer if o.index in running.get(p.number, ()))


# --------------------------------------------------------------------------- running headers/footers


def find_running_lines(pages: list[PageFacts]) -> dict[int, set[int]]:
    """page number -> indices of the lines that are running headers/footers (page numbers and
    job numbers included).

    A line is running when a line with the same text (digits aside) sits at
    about the same height on at least half of the pages (or on 80% of the pages
    of the same parity, for alternating recto/verso headers), and only lines
    between it and the page edge are running too. Numbers in it must be the
    same on every page or move with the page (see `same_running_numbers`), but
    for a few restarts (NUMBERING_RESTARTS: parts numbered on their own).
    Front matter without running heads does not count against a line seen on
    most pages from its first page on (at least LATE_RUNNING_HITS times), or on
    most pages of its parity from there (at least twice).
    """
    pages = [p for p in pages if p.packed]
    if len(pages) < 2:
        return single_page_margins(pages)
    occurrences: dict[str, list[tuple[int, float, tuple[int, ...]]]] = defaultdict(list)
    for page in pages:
        for line in page.outer:
            occurrences[line.key].append((page.number, line.top, numbers_in(line.text)))
    parity_count = Counter(p.number % 2 for p in pages)
    page_numbers = [p.number for p in pages]

    def repeats(page: PageFacts, line: OuterLine) -> bool:
        tolerance = max(1.0, 0.3 * line.size)
        numbers = numbers_in(line.text)
        alike = [(n, other) for n, top, other in occurrences[line.key] if abs(top - line.top) <= tolerance]
        restarts = sum(1 for (a, x), (b, y) in zip(alike, alike[1:]) if not same_running_numbers(x, a, y, b))
        if restarts <= NUMBERING_RESTARTS * max(1, len(alike) - 1):  # page numbers, restarting now and then
            hits = {n for n, _ in alike}
        else:
            hits = {n for n, other in alike if same_running_numbers(numbers, page.number, other, n)}
        parity = page.number % 2
        same_parity = sum(1 for n in hits if n % 2 == parity)
        if len(hits) < 2:
            return False
        if len(hits) >= 0.5 * len(pages) or same_parity >= max(2, 0.8 * parity_count[parity]):
            return True
        # front matter (a title page, contents) carries no running heads: count from the first page
        # that has this one, and ask for more than a table's repeated header row would give
        after = len(page_numbers) - bisect.bisect_left(page_numbers, min(hits))
        after_same = sum(1 for n in page_numbers[len(page_numbers) - after:] if n % 2 == parity)
        return ((len(hits) >= LATE_RUNNING_HITS and len(hits) >= 0.8 * after)
                or (same_parity >= 2 and same_parity >= 0.8 * after_same))

    running: dict[int, set[int]] = {}
    for page in pages:
        found = set()
        lines = None
        for side, inward in ((page.outer, 1), (page.outer[::-1], -1)):
            chain = []
            for line in side[:RUNNING_DEPTH]:
                if not repeats(page, line):
                    break
                chain.append(line)
            if chain:
                lines = lines or page.lines
                found.update(o.index for o in unglued(chain, lines, inward))
        if found:
            running[page.number] = found
    add_lines_in_running_places(pages, running)
    return running


def add_lines_in_running_places(pages: list[PageFacts], running: dict[int, set[int]]) -> None:
    """A page's outermost line set where running lines sit on other pages, in their size, is one
    too, though its text is seen once: the verso head of a three-page section."""
    places = {(o.top, o.size) for page in pages for o in page.outer if o.index in running.get(page.number, ())}
    if not places:
        return
    for page in pages:
        found = running.setdefault(page.number, set())
        lines = None
        for side, inward in ((page.outer, 1), (page.outer[::-1], -1)):
            chain = []
            for line in side[:RUNNING_DEPTH]:
                if line.index not in found and not any(
                        abs(line.top - top) <= max(1.0, 0.3 * size) and abs(line.size - size) <= SAME_SIZE * size
                        for top, size in places):
                    break
                chain.append(line)
            if chain:
                lines = lines or page.lines
                found.update(o.index for o in unglued(chain, lines, inward))
        if not found:
            del running[page.number]


def unglued(chain: list[OuterLine], lines: list[LineFacts], inward: int) -> list[OuterLine]:
    """The running lines of a chain (outermost first) once lines set tight against the text they
    run into are taken back: a table's header row repeated at the top of every page repeats like
    a running head, but sits a line's leading from the rows under it."""
    while chain:
        inner = chain[-1]
        beyond = inner.index + inward
        if not 0 <= beyond < len(lines):
            break
        nxt = lines[beyond]
        gap = nxt.top - inner.bottom if inward > 0 else inner.top - nxt.bottom
        if gap >= GLUED * max(inner.size, nxt.size):
            break
        chain = chain[:-1]
    return chain


def numbers_in(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:8])


def same_running_numbers(a: tuple[int, ...], page_a: int, b: tuple[int, ...], page_b: int) -> bool:
    """Whether two lines alike but for their numbers can be one running line: each number is the
    same on both pages (a job number, a year) or moves with the page (a page number, whatever the
    offset of the printed numbering). The last footnote of two pages sits at the same height too,
    and "834 See S/PV.9389." differs from "840 See S/PV.9413." by numbers that do neither."""
    return len(a) == len(b) and all(x == y or x - page_a == y - page_b for x, y in zip(a, b))


def single_page_margins(pages: list[PageFacts]) -> dict[int, set[int]]:
    """With one page, nothing repeats: its first and last lines are running if they lie in the
    margin zone (only those: footnotes can reach as low as the zone)."""
    running = {}
    for page in pages:
        if not page.outer:
            continue
        first, last = page.outer[0], page.outer[-1]
        found = {o.index for o in (first, last)
                 if o.bottom < SINGLE_PAGE_ZONE * page.height or o.top > (1 - SINGLE_PAGE_ZONE) * page.height}
        if found:
            running[page.number] = found
    return running


def read_running_facts(pages: list[PageFacts], running: dict[int, set[int]]) -> tuple[Optional[int], Optional[str]]:
    """The supplement year and the part, read from the running headers/footers."""
    years, parts = Counter(), Counter()
    for page in pages:
        for line in page.outer:
            if line.index in running.get(page.number, ()):
                if year := YEAR.search(line.text):
                    years[int(year.group(1))] += 1
                if part := PART.search(line.text):
                    parts[part.group(1)] += 1
    year = years.most_common(1)[0][0] if years else None
    part = parts.most_common(1)[0][0] if parts else None
    return year, part


# --------------------------------------------------------------------------- sizes and margins


def set_in_columns(line: Line) -> bool:
    """Words set apart by a gap no word space makes: a table line without rules."""
    words = line.words
    return any(b.x0 - a.x1 > COLUMN_GAP * line.size for a, b in zip(words, words[1:]))


def in_ruled_grid(page: PageLayout, line: Line) -> bool:
    """Inside a grid of vertical rules (a ruled table): not running text."""
    middle = (line.top + line.bottom) / 2
    crossing = 0
    for rule in page.rules:
        if rule.top <= middle <= rule.bottom and not rule.horizontal:
            crossing += 1
            if crossing >= 2:
                return True
    return False


def measure_style(pages: list[PageFacts], running: dict[int, set[int]]) -> Optional[DocumentStyle]:
    """The document's measures, or None when it has no text besides running lines."""
    def text_lines(page: PageFacts) -> list[LineFacts]:
        skip = running.get(page.number)
        return [l for i, l in enumerate(page.lines) if not skip or i not in skip]

    # Body text is the size most letters are set in, tables aside (ruled or set in columns): a
    # section can be a short narrative over a long meetings table.
    sizes, any_sizes = Counter(), Counter()
    for page in pages:
        for line in text_lines(page):
            any_sizes[line.size] += line.letters
            if not line.in_grid and not line.in_columns:
                sizes[line.size] += line.letters
    sizes = sizes or any_sizes
    if not sizes:
        return None
    body_size = sizes.most_common(1)[0][0]

    def is_body(line: LineFacts) -> bool:
        return abs(line.size - body_size) <= SAME_SIZE * body_size

    lefts, rights, bottoms, markers, steps, offsets = Counter(), [], [], set(), [], []
    footnote_sizes = Counter()
    for page in pages:
        previous = None
        for line in text_lines(page):
            if not is_body(line):
                if line.size < body_size and line.lead_number is not None:
                    footnote_sizes[line.size, line.lead_number] += 1
                continue
            lefts[round(line.x0)] += 1
            rights.append(line.x1)
            bottoms.append(line.bottom)
            markers.update(line.markers)
            if previous is not None:
                offsets.append((previous.x0, line.x0))
                step = line.bottom - previous.bottom
                if 0 < step < 3 * previous.size:
                    steps.append(step)
            previous = line
    left = lefts.most_common(1)[0][0]
    right = statistics.quantiles(rights, n=10)[-1] if len(rights) > 1 else rights[0]
    footnotes = Counter()
    for (size, number), count in footnote_sizes.items():
        if number in markers:
            footnotes[size] += count
    if steps:
        pitch = statistics.median(steps)
    else:
        pitch = 1.2 * max(l.size for p in pages for l in p.lines)
    return DocumentStyle(
        body_size=body_size,
        footnote_size=footnotes.most_common(1)[0][0] if footnotes else None,
        left=left,
        right=right,
        line_pitch=pitch,
        body_bottom=max(bottoms),
        indent=paragraph_indent(offsets, left, body_size),
        markers=markers,
    )


def paragraph_indent(pairs: list[tuple[float, float]], left: float, size: float) -> Optional[float]:
    """The first-line indent, if the document indents paragraphs: lines set in from the left
    margin and followed by a line at it (so not entries of a contents list, all set in), seen
    twice or more. `pairs` are the starts of consecutive body lines of a page."""
    offsets = Counter(round(x - left) for x, following in pairs
                      if 0.5 * size < x - left < 8 * size and abs(following - left) <= 1.0)
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
