"""Continuity checks: text a damaged source lost is reported, page by page, and `--strict` fails.

- a stream a page is read from that does not decode (generator/parse/pdf/streams.py);
- a page inside a section with next to no text beside its neighbours, and a paragraph that
  would join across such a page (generator/parse/pdf/sections.py);
- pages the page tree lists that could not be read (generator/parse/pdf/reader.py);
- a gap in a section's footnote numbers, for every kind of source (generator/assemble/checks.py).
"""
from __future__ import annotations

import random

import pytest

from generator.assemble.checks import check_markers
from generator.assemble.sources import read_sources
from generator.model import (
    DAMAGED_PAGE,
    FOOTNOTE_NUMBERS_MISSING,
    JOINED_ACROSS_MISSING,
    PAGE_WITHOUT_TEXT,
    PAGES_MISSING,
    Footnote,
    FootnoteRef,
    Paragraph,
)
from generator.parse.pdf.layout import Line, Word
from generator.parse.pdf.reader import load_pages, read_sections
from generator.parse.pdf.table import Columns, header_cells
from generator.parse.raw import RawSection
from generator.pipeline import ChecksFailed, check
from tests.support.damage import overwritten, stream_ranges
from tests.support.paths import SAMPLE_PDF, SAMPLE_TXT

PAGE_3_CONTENT = 8  # the sample's page 3 draws its text from object 8


@pytest.fixture(autouse=True)
def no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REPERTOIRE_WORKERS", "1")


def kinds_and_places(problems) -> set[tuple[str, str]]:
    return {(p.kind, p.place) for p in problems}


def test_the_probes_case_page_3s_content_stream_overwritten(tmp_path):
    """1,500 bytes overwritten inside page 3's content stream: that page's text (728 words, footnotes
    841-845) is gone; each check names what it sees, and a strict build stops."""
    data = SAMPLE_PDF.read_bytes()
    start, end = stream_ranges(data)[PAGE_3_CONTENT]
    rng = random.Random(3)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(overwritten(data, start + (end - start) // 10, bytes(rng.randrange(256) for _ in range(1500))))
    problems = read_sources([path], jobs=1).problems
    assert {(DAMAGED_PAGE, "page 3"), (PAGE_WITHOUT_TEXT, "page 3"), (JOINED_ACROSS_MISSING, "page 4"),
            (FOOTNOTE_NUMBERS_MISSING, "page 4")} <= kinds_and_places(problems), problems
    gap = next(p for p in problems if p.kind == FOOTNOTE_NUMBERS_MISSING)
    assert gap.message.startswith("footnotes 841-845 are missing (840 is followed by 846)"), gap
    with pytest.raises(ChecksFailed):
        check(problems, strict=True)


def test_the_undamaged_sample_has_no_continuity_problem():
    assert read_sources([SAMPLE_PDF], jobs=1).problems == []


def sections_with_page_3(lines_kept: int):
    pages = load_pages(SAMPLE_PDF)
    pages[2].lines = pages[2].lines[:lines_kept]
    return read_sections(str(SAMPLE_PDF), pages)


@pytest.mark.parametrize("kept", [0, 1], ids=["no line", "one line of 52"])
def test_a_page_without_text_inside_a_section_is_reported(kept):
    """Without any damage to tell: page 3 with no line, or a line where its neighbours have some
    fifty: far below a tenth of their text (measured on the document, not a fixed count)."""
    problems = [p for s in sections_with_page_3(kept) for p in s.problems]
    assert (PAGE_WITHOUT_TEXT, "page 3") in kinds_and_places(problems), problems
    message = next(p.message for p in problems if p.kind == PAGE_WITHOUT_TEXT)
    assert "inside section 24" in message and "page 2" in message and "page 4" in message


def test_a_paragraph_is_not_joined_across_a_page_whose_text_is_missing():
    sections = sections_with_page_3(0)
    problems = sections[0].problems
    joined = [p for p in problems if p.kind == JOINED_ACROSS_MISSING]
    assert [p.place for p in joined] == ["page 4"] and "from page 2" in joined[0].message, problems
    pages = [paragraph.page for paragraph in sections[0].paragraphs]
    assert 2 in pages and 4 in pages and 3 not in pages  # page 2's paragraph ends there, one starts on page 4


def test_two_pages_without_text_in_a_row_are_both_reported():
    """Measured against the nearest pages with text (1 and 4), not against each other."""
    pages = load_pages(SAMPLE_PDF)
    pages[1].lines = pages[2].lines = []
    problems = [p for s in read_sections(str(SAMPLE_PDF), pages) for p in s.problems]
    assert [p.place for p in problems if p.kind == PAGE_WITHOUT_TEXT] == ["page 2", "page 3"], problems


def test_a_short_last_page_is_no_loss():
    """The section's last page (22 lines against 60) is not inside the section: nothing reported."""
    pages = load_pages(SAMPLE_PDF)
    pages[-1].lines = pages[-1].lines[:2]
    problems = [p for s in read_sections(str(SAMPLE_PDF), pages) for p in s.problems]
    assert not [p for p in problems if p.kind in (PAGE_WITHOUT_TEXT, JOINED_ACROSS_MISSING)], problems


def test_pages_the_page_tree_lists_but_that_cannot_be_read_are_reported(tmp_path):
    """A damaged page object is skipped by pdfminer without a word (same length: the offsets hold)."""
    data = SAMPLE_PDF.read_bytes()
    assert data.count(b"7 0 obj\n<</Type/Page/") == 1
    path = tmp_path / "no-page-3.pdf"
    path.write_bytes(data.replace(b"7 0 obj\n<</Type/Page/", b"7 0 obj\n<</Type/Pxge/"))
    problems = read_sources([path], jobs=1).problems
    missing = [p for p in problems if p.kind == PAGES_MISSING]
    assert missing and "lists 5 pages, only 4 could be read" in missing[0].message, problems
    assert FOOTNOTE_NUMBERS_MISSING in {p.kind for p in problems}


# --------------------------------------------------------------------------- footnote numbers


def test_a_gap_in_a_text_sources_footnote_numbers_is_reported(tmp_path):
    """Footnote 841 and its marker taken out of the text source: nothing else tells it is gone."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("⁸⁴¹ ")]
    path = tmp_path / "section.txt"
    path.write_text("".join(lines).replace("⁸⁴¹", ""), encoding="utf-8")
    problems = [p for p in read_sources([path], jobs=1).problems if p.kind == FOOTNOTE_NUMBERS_MISSING]
    assert len(problems) == 1 and problems[0].place.startswith("line "), problems
    assert problems[0].message.startswith("footnote 841 is missing (840 is followed by 842)")


def raw_section(markers: list[int], printed: list[int]) -> RawSection:
    refs = [FootnoteRef(number, i) for i, number in enumerate(markers)]
    return RawSection("s.txt", "24", "Item", "line", paragraphs=[Paragraph("x" * len(markers), refs, page=5)],
                      footnotes=[Footnote(number, "See S/PV.1.", page=10 + number) for number in printed])


@pytest.mark.parametrize("markers, printed, expected", [
    ([838, 839, 840, 860], [838, 839, 840, 860], ["line 870: footnotes 841-859 are missing (840 is followed by 860)"]),
    ([1, 2, 4], [1, 2, 4], ["line 14: footnote 3 is missing (2 is followed by 4)"]),
    ([1, 2, 3], [1, 2], []),  # 3 only marked: no gap (its own problem says it has no text)
    ([5, 6, 7], [5, 6, 7], []),  # a section's numbers need not start at 1
], ids=["840 -> 860", "one number", "a marker fills the run", "a run starting anywhere"])
def test_footnote_numbering_gaps(markers, printed, expected):
    problems = [p for p in check_markers(raw_section(markers, printed), "line") if p.kind == FOOTNOTE_NUMBERS_MISSING]
    assert [f"{p.place}: {p.message}".split(": text may")[0] for p in problems] == expected


# --------------------------------------------------------------------------- the meetings table's header


def test_header_cells_without_column_starts_read_as_one_column():
    """`Columns.index` takes a word to column 0 when no column start is known; the header's cells
    must then be one, not an IndexError (an "internal error" on a damaged PDF)."""
    words = [Word(text, 72.0 + 40 * i, 100.0 + 40 * i, 700.0, 710.0, 10.0, space_before=i > 0)
             for i, text in enumerate(["Meeting", "and", "date"])]
    line = Line(words, 1, 10.0, 700.0, 710.0, 72.0, 220.0)
    assert header_cells([line], Columns([], None, "")) == ["Meeting and date"]
