"""Read Repertoire sections from a PDF: `parse_pdf(path) -> list[RawSection]`.

Gives the same content as the text parser (see generator.parse.raw): plain
paragraph text with footnote markers turned into `FootnoteRef`s, footnotes as
printed, meetings-table rows with their columns known by position.

Steps:
1. `pdf_pages` + `pdf_layout`: each page's glyphs grouped into words and lines,
   plus drawn rules, in chunks of pages read by as many processes as there
   are cores; each page is also reduced to small facts (`pdf_document.page_facts`).
2. `pdf_document.measure_document`: what the document says about itself (body
   and footnote sizes, margins, line spacing, running headers/footers,
   supplement and part, the words it prints), from the facts of all pages.
3. `pdf_sections.SectionReader`: the pages in order, as front matter (skipped),
   headings, paragraphs, the meetings table (`pdf_table`) and the footnote area.
Text joining (hyphenation, markers, spaces) is in `pdf_text`. A parsed PDF is
cached by content (`pdf_cache`), so an unchanged PDF is not read again.

Bad input (unreadable, encrypted, empty, no text layer, not a Repertoire
section) raises `RepertoireError` with a one-line message.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from generator.model import PAGES_MISSING, Problem
from generator.model.errors import RepertoireError
from generator.parse.pdf import cache as pdf_cache
from generator.parse.pdf.document import Document, inspect_hint, measure_document, page_facts
from generator.parse.pdf.layout import PageLayout
from generator.parse.pdf.pages import PdfReadError, chunks, count_pages, read_chunk
from generator.parse.pdf.sections import SectionReader
from generator.parse.pdf.text import Vocabulary
from generator.parse.raw import RawSection


def parse_pdf(path: Path, workers: Optional[int] = None, cache: bool = True) -> list[RawSection]:
    """The sections of a Repertoire PDF. `workers`: processes reading pages (default: every core,
    or REPERTOIRE_WORKERS); `cache`: use the parse cache (see generator.parse.pdf.cache)."""
    path = Path(path)
    check_file(path)
    if cache:
        digest = pdf_cache.content_digest(path)
        cached = pdf_cache.load(path, digest)
        if cached is not None:
            return cached
    sections = read_pdf(path, workers)
    if cache:
        pdf_cache.store(path, digest, sections)
    return sections


def check_file(path: Path) -> None:
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RepertoireError(file, f"cannot read file: {exc.strerror or exc}") from None
    if size == 0:
        raise RepertoireError(file, "empty file")


def read_pdf(path: Path, workers: Optional[int] = None) -> list[RawSection]:
    """Parse without the cache: pages in chunks (in parallel), then the document in page order."""
    file = str(path)
    with chunks(path, workers) as results:
        done, facts, vocabulary, seen = [], [], Vocabulary(), {}
        for chunk in results:
            for page in chunk.facts:
                page.share(seen)
            facts += chunk.facts
            vocabulary.merge(chunk.vocabulary)
            chunk.facts, chunk.vocabulary = [], None  # the merged copies are enough
            done.append(chunk)
        document = measure_document(file, facts, vocabulary)
        del facts
        sections = read_document(file, document, (page for chunk in done for page in chunk.pages()))
    report_unread_pages(path, sum(chunk.count for chunk in done), sections)
    return sections


def report_unread_pages(path: Path, read: int, sections: list[RawSection]) -> None:
    """Pages the page tree lists but pdfminer could not find (a damaged page object is skipped
    without a word): a problem, since their text is missing."""
    try:
        stated = count_pages(path)
    except PdfReadError:
        return
    if stated > read:
        where = f"page {stated}" if stated == read + 1 else f"pages {read + 1}-{stated}"
        sections[-1].problems.append(Problem(
            str(path), where, f"the PDF's page tree lists {stated} pages, only {read} could be read: "
            "text may be missing", PAGES_MISSING))


def read_document(file: str, document: Document, pages: Iterable[PageLayout]) -> list[RawSection]:
    reader = SectionReader(file, document.style, document.vocabulary)
    first = last = None
    for page in pages:
        reader.read_page(page, document.content_lines(page))
        first, last = first or page.number, page.number
    sections = reader.finish()
    if not sections:
        where = f"page {first}" if first == last else f"pages {first}-{last}"
        raise RepertoireError(file, f"no numbered section heading (\"24. Title\") found on {where}: "
                                    "not a Repertoire section" + inspect_hint(file))
    return sections


# --------------------------------------------------------------------------- in memory (for tests)


def load_pages(path: Path, first: int = 1, last: Optional[int] = None) -> list[PageLayout]:
    """The layouts of pages first..last (1-based, inclusive), read in this process."""
    path = Path(path)
    check_file(path)
    chunk = read_chunk(str(path), first, last, None)
    if chunk.error is not None:
        raise RepertoireError(str(path), *chunk.error)
    if not chunk.layouts:
        raise RepertoireError(str(path), "the PDF has no pages")
    return chunk.layouts


def read_sections(file: str, pages: list[PageLayout]) -> list[RawSection]:
    """The sections of pages already in memory (possibly altered by a test)."""
    vocabulary = Vocabulary()
    facts = [page_facts(page, vocabulary) for page in pages]
    return read_document(file, measure_document(file, facts, vocabulary), pages)
