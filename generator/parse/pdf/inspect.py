"""How the PDF reader took each line of a document, for `repertoire inspect` (see generator.inspect).

`inspect_pdf` reads a PDF as `pdf.read_pdf` does (the same pages, in chunks;
`measure_document`; `SectionReader`), with an observer on the reader
(`SectionReader.trace`) that records what each line was taken for, and the
running headers and footers (`Document.running`) that were taken out before
the reader saw the page. Unlike `read_pdf` it goes on where the document does
not read as a Repertoire section (no section heading, the Repertoire never
named, nothing but running lines), so that the pictures show why; only a file
that cannot be read at all, or has no text layer, is refused.

`render_pages` draws boxes and labels on images of pages (pdfplumber's
`to_image`, which renders with pypdfium2). Colours and the files written are
generator.inspect's business; pdfplumber is imported only here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterator, Optional

from generator.model.errors import RepertoireError
from generator.parse.pdf.reader import check_file
from generator.parse.pdf.document import (
    Document,
    DocumentStyle,
    digits_key,
    find_running_lines,
    measure_document,
    names_the_repertoire,
)
from generator.parse.pdf.layout import Line, PageLayout
from generator.parse.pdf.pages import PdfReadError, chunks, count_pages, open_pdf, page_objects
from generator.parse.pdf.sections import SectionReader
from generator.parse.pdf.text import Vocabulary
from generator.parse.raw import RawSection

# What a line can be taken for. The reader's own kinds (see SectionReader.trace) plus "furniture"
# (a running header or footer, removed before the reader sees the page) and "unread" (a line no
# decision was traced for: a gap in the observer, never expected).
HEADING, PARAGRAPH, FOOTNOTE, FOOTNOTE_CONTINUED = "heading", "paragraph", "footnote", "footnote-continued"
MARKER, FURNITURE, DROPPED, UNREAD = "marker", "furniture", "dropped", "unread"
TABLE = "table:"  # + the column's name ("table:speakers"), or its index under a header not understood
KINDS = (HEADING, PARAGRAPH, FOOTNOTE, FOOTNOTE_CONTINUED, MARKER, FURNITURE, DROPPED)


@dataclass
class Mark:
    """One line (or table cell, or marker word) and what it was taken for."""

    kind: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom: points from the page's top left
    text: str


@dataclass
class PageMarks:
    number: int
    width: float
    height: float
    marks: list[Mark] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(mark.kind for mark in self.marks)


@dataclass
class Running:
    """A running header or footer: its text with digits masked, one printed example, where."""

    key: str
    text: str
    top: bool  # in the top half of the page
    pages: list[int] = field(default_factory=list)


@dataclass
class Inspection:
    file: str
    page_count: int
    style: Optional[DocumentStyle]  # None: no text besides running lines
    pages: dict[int, PageMarks]  # the pages asked for
    running: list[Running] = field(default_factory=list)
    heading_styles: Counter = field(default_factory=Counter)  # (size, bold) -> heading lines
    heading_examples: dict[tuple[float, bool], str] = field(default_factory=dict)
    footnote_areas: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> (top, bottom)
    sections: list[RawSection] = field(default_factory=list)
    verdict: Optional[str] = None  # why `repertoire parse` refuses the document; None if it reads


def document_page_count(path: Path) -> int:
    """The number of pages (walking the page tree), or a one-line RepertoireError."""
    path = Path(path)
    check_file(path)
    try:
        return count_pages(path, exact=True)
    except PdfReadError as error:
        raise RepertoireError(str(path), error.reason, error.place) from None


def inspect_pdf(path: Path, wanted: Collection[int], workers: Optional[int] = None) -> Inspection:
    """Read the whole document (the reader's state runs from page to page), keeping the marks
    of the pages in `wanted` and the document-wide measures."""
    path = Path(path)
    file = str(path)
    check_file(path)
    with chunks(path, workers) as results:
        done, facts, vocabulary = [], [], Vocabulary()
        for chunk in results:
            facts += chunk.facts
            vocabulary.merge(chunk.vocabulary)
            done.append(chunk)
        document, verdict = measure(file, facts, vocabulary)
        inspection = Inspection(file, len(facts), document.style, {}, verdict=verdict)
        observer = Observer(inspection, set(wanted))
        reader = None
        if document.style is not None:
            reader = SectionReader(file, document.style, document.vocabulary, trace=observer.trace)
        for page in (page for chunk in done for page in chunk.pages()):
            observer.start_page(page, document.running.get(page.number, set()))
            if reader is not None:
                reader.read_page(page, document.content_lines(page))
        if reader is not None:
            inspection.sections = reader.finish()
            if not inspection.sections and inspection.verdict is None:
                inspection.verdict = "no numbered section heading (\"24. Title\") found"
        observer.finish()
    return inspection


def measure(file: str, facts: list, vocabulary: Vocabulary) -> tuple[Document, Optional[str]]:
    """`measure_document`, but a document that does not read as a Repertoire section is measured
    anyway, with the reason it would be refused."""
    if not facts or not any(page.char_count for page in facts):
        return measure_document(file, facts, vocabulary), None  # raises: no pages, no text layer
    try:
        document = measure_document(file, facts, vocabulary, check_name=False)
    except RepertoireError as error:  # nothing besides running lines: those are still worth seeing
        return Document(None, vocabulary, find_running_lines(facts)), error.message.split(";")[0]
    if not names_the_repertoire(facts, document.running):
        return document, "its running headers and first pages never name the Repertoire"
    return document, None


class Observer:
    """Receives the reader's decisions (`trace`) and the running lines of each page."""

    def __init__(self, inspection: Inspection, wanted: set[int]):
        self.inspection, self.wanted = inspection, wanted
        self.layouts: dict[int, PageLayout] = {}  # the pages asked for, to find lines never traced
        self.seen: set[int] = set()  # ids of the words of traced lines
        self.running: dict[str, Running] = {}

    def start_page(self, page: PageLayout, running: set[int]) -> None:
        wanted = page.number in self.wanted
        if wanted:
            self.layouts[page.number] = page
            self.inspection.pages[page.number] = PageMarks(page.number, page.width, page.height)
        for index in sorted(running):
            line = page.lines[index]
            key = digits_key(line.text)
            top = line.top < page.height / 2
            entry = self.running.setdefault((key, top), Running(key, line.text, top))
            entry.pages.append(page.number)
            if wanted:
                self.record(page.number, line, FURNITURE)

    def trace(self, page: int, line: Line, kind: str) -> None:
        inspection = self.inspection
        if kind == HEADING:
            style = (round(line.size, 2), line.bold)
            inspection.heading_styles[style] += 1
            inspection.heading_examples.setdefault(style, line.text)
        elif kind in (FOOTNOTE, FOOTNOTE_CONTINUED):
            top, bottom = inspection.footnote_areas.get(page, (line.top, line.bottom))
            inspection.footnote_areas[page] = (min(top, line.top), max(bottom, line.bottom))
        if page in self.wanted:
            self.record(page, line, kind)

    def record(self, page: int, line: Line, kind: str) -> None:
        marks = self.inspection.pages.get(page)
        if marks is None:
            return
        marks.marks.append(Mark(kind, (line.x0, line.top, line.x1, line.bottom), line.text))
        self.seen.update(id(word) for word in line.words)

    def finish(self) -> None:
        """Lines of the pages asked for that no decision covered (should be none)."""
        for number, page in self.layouts.items():
            for line in page.lines:
                if line.words and not any(id(word) in self.seen for word in line.words):
                    self.record(number, line, UNREAD)
        self.inspection.running = sorted(self.running.values(), key=lambda r: (not r.top, r.pages[0]))


# --------------------------------------------------------------------------- pictures


@dataclass
class Box:
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in points
    stroke: tuple[int, int, int]
    fill: tuple[int, int, int, int]


@dataclass
class Label:
    x: float  # points: the label's bottom left corner
    y: float
    text: str
    colour: tuple[int, int, int]


def render_pages(path: Path, drawings: dict[int, tuple[list[Box], list[Label]]], resolution: float,
                 label_size: float = 7.0) -> Iterator[tuple[int, object]]:
    """(page number, PIL image) for each page in `drawings`, in page order: the page rendered at
    `resolution` dpi with its boxes (outline in `stroke`, inside in `fill`) and its labels
    (`label_size` points high, on white) drawn over it."""
    from PIL import ImageFont
    from pdfplumber.page import Page

    file = str(path)
    last = max(drawings, default=0)
    font = ImageFont.load_default(size=max(8, round(label_size * resolution / 72)))
    number = None
    try:
        with open_pdf(Path(path)) as pdf:
            for number, page_obj in enumerate(page_objects(pdf, 1, last), start=1):
                if number not in drawings:
                    continue
                boxes, labels = drawings[number]
                image = Page(pdf, page_obj, page_number=number).to_image(resolution=resolution)
                for box in boxes:
                    image.draw_rect(box.box, fill=box.fill, stroke=box.stroke, stroke_width=1)
                for label in labels:
                    x = (label.x - image.bbox[0]) * image.scale
                    y = (label.y - image.bbox[1]) * image.scale
                    left, top, right, bottom = image.draw.textbbox((x, y), label.text, font=font, anchor="ld")
                    image.draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill=(255, 255, 255, 230))
                    image.draw.text((x, y), label.text, fill=label.colour, font=font, anchor="ld")
                yield number, image.annotated
    except PdfReadError as error:
        raise RepertoireError(file, error.reason, error.place) from None
    except Exception as error:  # pypdfium2 failing on a page pdfminer could read
        if isinstance(error, RepertoireError):
            raise
        place = f"page {number}" if number else None
        raise RepertoireError(file, f"cannot render the page: {type(error).__name__}: {error}", place) from None
