"""Read Repertoire sections from a PDF: `parse_pdf(path) -> list[RawSection]`.

Gives the same content as the text parser (see generator.parse.raw): plain
paragraph text with footnote markers turned into `FootnoteRef`s, footnotes as
printed, meetings-table rows with their columns known by position.

Three steps, so that the costly first one can later run per page range:
1. `pdf_layout`: each page's glyphs grouped into words and lines, plus drawn rules.
2. `pdf_document`: what the document says about itself (body and footnote
   sizes, margins, line spacing, running headers/footers, supplement and part).
3. `pdf_sections.SectionReader`: the pages in order, as front matter (skipped),
   headings, paragraphs, the meetings table (`pdf_table`) and the footnote area.
Text joining (hyphenation, markers, spaces) is in `pdf_text`.

Bad input (unreadable, encrypted, empty, no text layer, not a Repertoire
section) raises `RepertoireError` with a one-line message.
"""
from __future__ import annotations

import re
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Optional

from generator.errors import RepertoireError
from generator.parse.pdf_document import find_running_lines, measure_style, read_running_facts
from generator.parse.pdf_layout import PageLayout, build_page, fetch_page
from generator.parse.pdf_sections import SectionReader
from generator.parse.pdf_text import Vocabulary
from generator.parse.raw import RawSection

REPERTOIRE = re.compile(r"\bR[eé]pertoire\b", re.I)


def parse_pdf(path: Path) -> list[RawSection]:
    path = Path(path)
    pages = load_pages(path)
    return read_sections(str(path), pages)


# --------------------------------------------------------------------------- opening the file


def load_pages(path: Path, first: int = 1, last: Optional[int] = None) -> list[PageLayout]:
    """The layouts of pages first..last (1-based, inclusive). Failures of pdfminer/pdfplumber on
    bad input become RepertoireError; errors in building the layouts are bugs and propagate."""
    import pdfplumber  # imported here: the text parser must not need it

    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RepertoireError(file, f"cannot read file: {exc.strerror or exc}") from None
    if size == 0:
        raise RepertoireError(file, "empty file")
    layouts = []
    with pdf_errors(file):
        pdf = pdfplumber.open(path)
    try:
        with pdf_errors(file):
            count = len(pdf.pages)
        for number in range(first, min(last or count, count) + 1):
            with pdf_errors(file, f"page {number}"):
                raw = fetch_page(pdf, number)
            layouts.append(build_page(raw))
    finally:
        with suppress(Exception):  # closing a damaged PDF can fail again; the first error counts
            pdf.close()
    if not layouts:
        raise RepertoireError(file, "the PDF has no pages")
    if sum(p.char_count for p in layouts) == 0:
        images = " (scanned pages without a text layer?)" if any(p.image_count for p in layouts) else ""
        raise RepertoireError(file, f"the PDF has no text layer{images}")
    return layouts


@contextmanager
def pdf_errors(file: str, place: Optional[str] = None):
    """Turn whatever pdfminer raises on damaged input (many kinds) into a one-line RepertoireError."""
    try:
        yield
    except Exception as exc:
        raise RepertoireError(file, describe_pdf_error(exc), place=place) from None


def describe_pdf_error(exc: Exception) -> str:
    """A one-line reason for a pdfminer/pdfplumber failure."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "the PDF is encrypted (password protected)"
    detail = " ".join(str(inner).split())[:120]
    return f"not a readable PDF ({name}{': ' + detail if detail else ''})"


# --------------------------------------------------------------------------- whole document


def read_sections(file: str, pages: list[PageLayout]) -> list[RawSection]:
    running = find_running_lines(pages)
    style = measure_style(pages, running)
    if style is None:
        raise RepertoireError(file, "no text besides running headers and footers: not a Repertoire section")
    style.supplement, style.part = read_running_facts(pages, running)
    vocabulary = Vocabulary()
    for page in pages:
        vocabulary.add_lines(l for l in page.lines if id(l) not in running)
    reader = SectionReader(file, style, vocabulary)
    for page in pages:
        reader.read_page(page, [l for l in page.lines if id(l) not in running])
    sections = reader.finish()
    if not sections:
        raise RepertoireError(file, "no numbered section heading found: not a Repertoire section")
    if not names_the_repertoire(pages, running):
        raise RepertoireError(file, "its running headers and first pages never name the Repertoire: not a Repertoire section")
    return sections


def names_the_repertoire(pages: list[PageLayout], running: set[int]) -> bool:
    """Repertoire pages carry its name in their running header (or on the cover); other
    documents with numbered headings (meeting records, reports) do not."""
    lines = [l for i, p in enumerate(pages) for l in p.lines if id(l) in running or i < 3]
    return any(REPERTOIRE.search(l.text) for l in lines)
