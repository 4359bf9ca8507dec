"""The PDF reader against the text source of the same section, in several layouts.

The expected content is read from sources/peacekeeping-2023.txt by a small
reading written here (blocks split at blank lines, page-break cuts rejoined,
superscript markers and Markdown links removed), never copied from the PDF
reader's output. The layout variants under tests/fixtures/pdf/ are made by
tests/fixtures/make_pdf_fixtures.py.
"""
from __future__ import annotations

import functools
from collections import Counter
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.model.errors import RepertoireError
from generator.model import FootnoteRef
from generator.parse.pdf.reader import load_pages, parse_pdf, read_sections
from generator.parse.pdf.text import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "sources" / "peacekeeping-2023.pdf"
SAMPLE_TXT = ROOT / "sources" / "peacekeeping-2023.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
VARIANT_A4 = FIXTURES / "variant-a4-sans.pdf"
VARIANT_TOC = FIXTURES / "variant-title-toc.pdf"
VARIANT_LETTER = FIXTURES / "variant-letter-serif.pdf"
VARIANT_B5 = FIXTURES / "variant-b5-split-notes.pdf"
ALL_LAYOUTS = [SAMPLE_PDF, VARIANT_A4, VARIANT_TOC, VARIANT_LETTER, VARIANT_B5]
NOT_REPERTOIRE = ROOT.parent / "shared" / "data" / "spv-pdfs" / "S_PV.3756.pdf"

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


# --------------------------------------------------------------------------- the truth, from the .txt


@dataclass
class Truth:
    group: str = ""
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)  # plain text
    refs: list[list[FootnoteRef]] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    table_title: str = ""
    rows: list[list[str]] = field(default_factory=list)  # the .txt's cells of each row


def unlink(text: str) -> str:
    """Markdown links `[S/PV.9389](#)` and escaped parentheses back to plain text."""
    return re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")


def strip_markers(text: str) -> tuple[str, list[FootnoteRef]]:
    plain, refs = "", []
    for piece in re.split(f"([{SUPERSCRIPT_DIGITS}]+)", text):
        if piece and piece[0] in SUPERSCRIPT_DIGITS:
            refs.append(FootnoteRef(int(piece.translate(SUPERSCRIPT)), len(plain)))
        else:
            plain += piece
    return plain, refs


@functools.lru_cache(maxsize=None)
def truth() -> Truth:
    blocks = [b.strip() for b in SAMPLE_TXT.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    t = Truth(group=blocks[0], heading=blocks[1])
    raw_paragraphs: list[str] = []
    for i, block in enumerate(blocks[2:], start=2):
        if block[0] in SUPERSCRIPT_DIGITS:
            number, text = block.split(" ", 1)
            t.footnotes[int(number.translate(SUPERSCRIPT))] = " ".join(unlink(text).split())
        elif block.startswith("<p>"):
            t.rows += [re.findall(r"<p>(.*?)</p>", line) for line in block.splitlines()]
        elif block.startswith("<i>"):
            continue  # the table's header row
        elif i + 1 < len(blocks) and blocks[i + 1].startswith("<i>"):
            t.table_title = block
        elif raw_paragraphs and not raw_paragraphs[-1].rstrip(SUPERSCRIPT_DIGITS).endswith("."):
            raw_paragraphs[-1] += " " + block  # cut by a page break of the original layout
        else:
            raw_paragraphs.append(block)
    for raw in raw_paragraphs:
        text, refs = strip_markers(" ".join(unlink(raw).split()))
        t.paragraphs.append(text)
        t.refs.append(refs)
    return t


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory):
    """Parse for real here (the cache has its own tests, in test_pdf_cache.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@functools.lru_cache(maxsize=None)
def parsed_all(path: Path):
    return parse_pdf(path, cache=False)


def parsed(path: Path):
    """Section 24; the title-and-contents variant also has a short section 25 after it."""
    sections = parsed_all(path)
    assert len(sections) == (2 if path == VARIANT_TOC else 1)
    return sections[0]


def cells_by_column(row) -> dict[str, str]:
    assert row.columns is not None and len(row.columns) == len(row.cells)
    return dict(zip(row.columns, row.cells))


# --------------------------------------------------------------------------- the sample PDF


def test_sample_section_facts():
    section = parsed(SAMPLE_PDF)
    t = truth()
    assert (section.group, f"{section.number}. {section.title}") == (t.group, t.heading)
    assert section.number == "24" and section.title == "United Nations peacekeeping operations"
    assert section.supplement == 2023
    assert section.part == "I"
    assert section.table_title == t.table_title == "Meetings: United Nations peacekeeping operations, 2023"
    assert len(section.paragraphs) == 12
    assert [f.number for f in section.footnotes] == list(range(832, 850))
    assert len(section.table_rows) == 3
    assert section.problems == []


def test_sample_paragraph_pages():
    section = parsed(SAMPLE_PDF)
    pages = [p.page for p in section.paragraphs]
    assert pages == sorted(pages) and pages[0] == 1
    # "In their discussion following the briefers" starts on the last line of page 1
    assert section.paragraphs[4].text.startswith("In their discussion following the briefers")
    assert section.paragraphs[4].page == 1
    # the paragraph that runs from page 3 onto page 4 starts on page 3
    assert section.paragraphs[9].text.startswith("The United Nations Police Adviser")
    assert section.paragraphs[9].page == 3


def test_sample_marker_offsets_point_after_preceding_text():
    first = parsed(SAMPLE_PDF).paragraphs[0]
    assert first.refs[0].number == 832
    assert first.text[: first.refs[0].offset].endswith("took the form of briefings.")
    assert first.text[first.refs[0].offset] == " "


def test_sample_table_rows():
    rows = parsed(SAMPLE_PDF).table_rows
    first, _, third = (cells_by_column(r) for r in rows)
    assert first["meeting"] == "S/PV.9389 28 July 2023"
    assert first["rule_39"].startswith("Under-Secretary-General for Peace Operations")
    assert first["speakers"] == "All Council members, all invitees"
    assert third["sub_item"] == "Police Commissioners"
    assert third["rule_39"].endswith("Executive Director, Security Council Report")
    assert rows[0].place == "page 4"
    assert not any("Meeting and date" in cell for row in rows for cell in row.cells)


# --------------------------------------------------------------------------- every layout


@pytest.mark.parametrize("path", ALL_LAYOUTS, ids=lambda p: p.stem)
def test_paragraph_texts_equal_the_text_source(path):
    section = parsed(path)
    assert [p.text for p in section.paragraphs] == truth().paragraphs


@pytest.mark.parametrize("path", ALL_LAYOUTS, ids=lambda p: p.stem)
def test_footnote_markers_equal_the_text_source(path):
    section = parsed(path)
    assert [p.refs for p in section.paragraphs] == truth().refs


@pytest.mark.parametrize("path", ALL_LAYOUTS, ids=lambda p: p.stem)
def test_footnotes_equal_the_text_source(path):
    section = parsed(path)
    assert {f.number: f.text for f in section.footnotes} == truth().footnotes
    pages = [f.page for f in section.footnotes]
    assert pages == sorted(pages) and all(pages)
    assert all(not f.citations and not f.countries for f in section.footnotes)


@pytest.mark.parametrize("path", ALL_LAYOUTS, ids=lambda p: p.stem)
def test_table_rows_equal_the_text_source(path):
    section = parsed(path)
    assert len(section.table_rows) == len(truth().rows) == 3
    for row, txt_cells in zip(section.table_rows, truth().rows):
        cells = cells_by_column(row)
        # the .txt merges the sub-item into the meeting cell, after the symbol
        symbol, date = cells["meeting"].split(" ", 1)
        meeting = " ".join(x for x in (symbol, cells.get("sub_item"), date) if x)
        assert [meeting, cells["rule_39"], cells["speakers"]] == txt_cells
        assert set(cells) <= {"meeting", "sub_item", "rule_39", "speakers"}
        assert re.fullmatch(r"page \d+", row.place)


@pytest.mark.parametrize("path", ALL_LAYOUTS, ids=lambda p: p.stem)
def test_section_facts_in_every_layout(path):
    section = parsed(path)
    assert (section.number, section.title, section.group) == ("24", "United Nations peacekeeping operations", "Thematic issues")
    assert (section.supplement, section.part) == (2023, "I")
    assert section.table_title == truth().table_title
    assert section.problems == []


def test_front_matter_is_skipped():
    section = parsed(VARIANT_TOC)
    # the cover and the contents take pages 1-2; the section starts on page 3
    assert section.paragraphs[0].page == 3
    assert not any("Contents" in p.text or "Supplement" in p.text for p in section.paragraphs)


def test_a_following_section_gets_its_own_paragraphs_and_footnotes():
    first, second = parsed_all(VARIANT_TOC)
    assert (second.number, second.title) == ("25", "Promotion and strengthening of the rule of law")
    assert second.group == first.group == "Thematic issues"  # the group heading carries over
    assert len(second.paragraphs) == 1 and second.paragraphs[0].text.startswith("This short section is test text")
    assert [r.number for r in second.paragraphs[0].refs] == [850]
    assert [f.number for f in second.footnotes] == [850]
    assert second.table_rows == [] and second.problems == []
    assert 850 not in {f.number for f in first.footnotes}


def test_a_first_page_without_running_text_is_not_taken_for_a_title_page():
    """A section may open with no narrative on its first page (say, only its table)."""
    pages = load_pages(SAMPLE_PDF)
    body_size = Counter(l.size for l in pages[0].lines).most_common(1)[0][0]
    pages[0].lines = [l for l in pages[0].lines if l.bold or l.size != body_size]
    [section] = read_sections("first-page-cut.pdf", pages)
    assert (section.number, section.group) == ("24", "Thematic issues")
    assert section.paragraphs[0].page == 2
    assert len(section.table_rows) == 3


def test_a4_variant_really_is_another_layout():
    """Guards the fixture: A4 paper and soft hyphens at line ends, which the reader must join."""
    import pdfplumber

    with pdfplumber.open(VARIANT_A4) as pdf:
        page = pdf.pages[0]
        assert round(page.width) == 595 and round(page.height) == 842
        assert any("Sans" in c["fontname"] for c in page.chars)
        lines = page.extract_text().splitlines()
    assert any(re.search(r"[a-z]-$", line) for line in lines)


def test_footnote_continued_on_the_next_page_is_joined_to_its_start():
    import pdfplumber

    with pdfplumber.open(VARIANT_B5) as pdf:  # guards the fixture: 843 is cut by a page break
        texts = [page.extract_text() for page in pdf.pages]
    start = next(i for i, text in enumerate(texts) if "843 Ibid." in text)
    assert "Gabon and Albania)." not in texts[start]
    assert texts[start + 1].splitlines()[1].startswith("Albania).")
    note = parsed(VARIANT_B5).footnotes[843 - 832]
    assert note.number == 843 and note.page == start + 1
    assert note.text == truth().footnotes[843]


# --------------------------------------------------------------------------- problems


def test_marker_without_footnote_and_footnote_without_marker():
    """Reported once, by generator.assemble.checks.check_markers (as for every source), with page numbers."""
    from generator.assemble.section import assemble_section
    from generator.model import FOOTNOTE_WITHOUT_MARKER, MARKER_WITHOUT_FOOTNOTE

    pages = load_pages(SAMPLE_PDF)
    page1 = pages[0]
    # drop the footnote line of 834, and the marker 833 from the body text
    page1.lines = [l for l in page1.lines if not l.text.startswith("834 ")]
    for line in page1.lines:
        line.words = [w for w in line.words if not (w.raised and w.text == "833")]
    raw = read_sections("cut.pdf", pages)[0]
    assert raw.problems == []  # the parser leaves these to the central check
    assert next(f for f in raw.footnotes if f.number == 833).page == 1
    _, problems = assemble_section(raw)
    found = {(p.kind, p.place, p.message) for p in problems if p.kind in (MARKER_WITHOUT_FOOTNOTE, FOOTNOTE_WITHOUT_MARKER)}
    assert found == {
        (MARKER_WITHOUT_FOOTNOTE, "page 1", "footnote marker 834 has no footnote text"),
        (FOOTNOTE_WITHOUT_MARKER, "page 1", "footnote 833 has no marker in the text"),
    }
    assert all(p.file == "cut.pdf" for p in problems)


# --------------------------------------------------------------------------- hyphenation rule


def vocabulary(*texts: str) -> Vocabulary:
    v = Vocabulary()
    for text in texts:
        v.add_text(text)
    return v


@pytest.mark.parametrize(
    "left,right",
    [("non", "military"), ("gender", "based"), ("Under-Secretary", "General"), ("statement-of", "unit"), ("civil", "military")],
)
def test_real_hyphens_are_kept(left, right):
    v = vocabulary("the civil society and military means were based on it")
    assert v.keeps_hyphen(left, right)


@pytest.mark.parametrize("left,right", [("pro", "tection"), ("Secre", "tary-General"), ("peace", "keeping")])
def test_soft_hyphens_are_joined(left, right):
    v = vocabulary("the protection of the Secretary-General and of peace and peacekeeping, keeping up")
    assert not v.keeps_hyphen(left, right)


def test_document_evidence_decides_for_a_printed_compound():
    assert vocabulary("a peace-keeping force").keeps_hyphen("peace", "keeping")
    assert not vocabulary("a peacekeeping force").keeps_hyphen("peace", "keeping")


# --------------------------------------------------------------------------- bad input


def assert_one_line_error(path: Path, *words: str) -> None:
    with pytest.raises(RepertoireError) as info:
        parse_pdf(path)
    message = str(info.value)
    assert "\n" not in message
    assert path.name in message
    for word in words:
        assert word in message.lower()


def test_encrypted_pdf():
    assert_one_line_error(FIXTURES / "encrypted.pdf", "encrypted")


def test_corrupt_bytes(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert_one_line_error(path)


def test_not_a_pdf_at_all(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("Thematic issues\n\n24. United Nations peacekeeping operations\n", encoding="utf-8")
    assert_one_line_error(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_one_line_error(path, "empty")


def test_missing_file(tmp_path):
    assert_one_line_error(tmp_path / "missing.pdf", "cannot read")


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_file(tmp_path, fraction):
    data = SAMPLE_PDF.read_bytes()
    path = tmp_path / f"truncated-{int(fraction * 100)}.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    assert_one_line_error(path)


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 750, 140), fill="black")
    path = tmp_path / "scanned.pdf"
    image.save(path, "PDF", resolution=100.0)
    assert_one_line_error(path, "text layer")


@pytest.mark.skipif(not NOT_REPERTOIRE.exists(), reason="shared/data not present")
def test_pdf_that_is_not_a_repertoire_section():
    assert_one_line_error(NOT_REPERTOIRE, "not a repertoire section")
