"""Reading pages: what pdfplumber reports, in chunks, in several processes, stitched in order.

The result of a parse must never depend on how the pages were split into
chunks or how many processes read them: these tests cut the layouts at every
page (so every footnote, paragraph and table that crosses a page also crosses
a chunk boundary) and compare with reading in one piece.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import settings
from generator.parse.pdf import pages as pdf_pages
from generator.parse.pdf.reader import read_pdf
from generator.parse.pdf.layout import fetch_page
from generator.parse.pdf.pages import open_pdf, page_objects, plan_chunks

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "sources" / "peacekeeping-2023.pdf"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
LAYOUTS = [SAMPLE_PDF] + sorted(FIXTURES.glob("variant-*.pdf"))
THIN = 2.0


@pytest.fixture(scope="module")
def whole():
    """Each layout read in one piece, in this process."""
    return {path: read_pdf(path, workers=1) for path in LAYOUTS}


def repeat_pages(source: Path, target: Path, pages: int) -> None:
    """The sample's pages over and over (as bench/bench_parse.py builds its long PDF)."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        originals = [page.obj for page in pdf.pages]
        while len(pdf.pages) < pages:
            for original in originals[: pages - len(pdf.pages)]:
                copy = pikepdf.Dictionary({k: original[k] for k in original.keys() if k != "/Parent"})
                copy.Contents = pdf.make_stream(original.Contents.read_bytes())
                pdf.pages.append(pikepdf.Page(pdf.make_indirect(copy)))
        pdf.save(target)


# --------------------------------------------------------------------------- the same objects as pdfplumber


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_glyphs_and_rules_are_pdfplumbers_chars_lines_and_rects(path):
    """fetch_page reads pdfminer's objects itself (to skip building pdfplumber's dicts); it must
    see exactly what pdfplumber's Page.chars, .lines, .rects and .images report."""
    import pdfplumber

    with pdfplumber.open(path) as reference, open_pdf(path) as pdf:
        for number, page_obj in enumerate(page_objects(pdf, 1, 3), start=1):  # cover, body, table
            raw = fetch_page(pdf, page_obj, number)
            page = reference.pages[number - 1]
            chars = [c for c in page.chars if c["upright"] and c["size"] > 0 and c["text"]]
            assert [(g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.fontname) for g in raw.glyphs] == [
                (c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"]) for c in chars]
            rects = [(r["x0"], r["x1"], r["top"], r["bottom"], r["width"], r["height"]) for r in page.rects]
            rules = [(l["x0"], l["x1"], l["top"], l["bottom"]) for l in page.lines]
            rules += [r[:4] for r in rects if r[4] <= THIN or r[5] <= THIN]
            boxes = [r[:4] for r in rects if r[4] > THIN and r[5] > THIN]
            assert sorted((r.x0, r.x1, r.top, r.bottom) for r in raw.rules) == sorted(rules)
            assert sorted((b.x0, b.x1, b.top, b.bottom) for b in raw.boxes) == sorted(boxes)
            assert raw.image_count == len(page.images)
            assert (raw.width, raw.height) == (page.width, page.height)
            page.close()


# --------------------------------------------------------------------------- chunks and processes


def test_chunk_plan_covers_every_page_once():
    for count in (1, 5, 8, 9, 31, 300, 901):
        for workers in (1, 2, 8):
            plan = plan_chunks(count, workers)
            assert plan[-1][1] is None  # the last chunk reads to the end, however many pages there are
            pages = [n for first, last in plan for n in range(first, last + 1 if last else count + 1)]
            assert pages == list(range(1, count + 1))
            assert all(last - first + 1 <= pdf_pages.MAX_CHUNK for first, last in plan[:-1])
            assert count - plan[-1][0] + 1 <= pdf_pages.MAX_CHUNK


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_one_page_chunks_in_two_processes_give_the_same_result(path, whole, monkeypatch):
    """Every page boundary is a chunk boundary: paragraphs, footnotes (B5: 843 continues on the
    next page) and the meetings table (split over pages in the variants) are stitched in order."""
    monkeypatch.setattr(pdf_pages, "MIN_CHUNK", 1)
    monkeypatch.setattr(pdf_pages, "MAX_CHUNK", 1)
    assert len(plan_chunks(5, 2)) == 5
    assert read_pdf(path, workers=2) == whole[path]


def test_chunks_read_in_this_process_give_the_same_result(whole, monkeypatch):
    monkeypatch.setattr(pdf_pages, "MIN_CHUNK", 2)
    monkeypatch.setattr(pdf_pages, "MAX_CHUNK", 2)
    path = FIXTURES / "variant-b5-split-notes.pdf"
    assert read_pdf(path, workers=1) == whole[path]


def test_a_long_document_in_parallel(tmp_path, monkeypatch):
    path = tmp_path / "repeated.pdf"
    repeat_pages(SAMPLE_PDF, path, 20)  # four copies of the section, one after another
    one_piece = read_pdf(path, workers=1)
    monkeypatch.setattr(pdf_pages, "MIN_CHUNK", 3)  # chunks end mid-copy: 3, 6, 9, ...
    monkeypatch.setattr(pdf_pages, "MAX_CHUNK", 3)
    assert read_pdf(path, workers=2) == one_piece
    assert [s.number for s in one_piece] == ["24"] * 4
    for section in one_piece:  # each copy keeps its own footnotes, though their numbers repeat
        assert [f.number for f in section.footnotes] == list(range(832, 850))
        assert len(section.paragraphs) == 12 and len(section.table_rows) == 3
        assert sorted({f.page for f in section.footnotes}) == sorted({p.page for p in section.paragraphs})


def test_a_page_tree_that_states_too_few_pages(tmp_path, whole):
    """The stated page count is only a plan: the last chunk reads to the end."""
    source = FIXTURES / "variant-b5-split-notes.pdf"
    data = source.read_bytes()
    assert data.count(b"/Count 10") == 1
    path = tmp_path / "miscounted.pdf"
    path.write_bytes(data.replace(b"/Count 10", b"/Count 3 "))
    assert pdf_pages.count_pages(path) == 3 and pdf_pages.count_pages(path, exact=True) == 10
    sections = read_pdf(path, workers=1)
    for section in sections:
        section.file = str(source)  # else the same
    assert sections == whole[source]


def test_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("REPERTOIRE_WORKERS", "3")
    assert settings.workers() == 3
    monkeypatch.setenv("REPERTOIRE_WORKERS", "many")
    assert settings.workers() >= 1


def test_spill_files_are_removed(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pdf_pages, "MIN_CHUNK", 2)
    monkeypatch.setattr(pdf_pages, "MAX_CHUNK", 2)
    read_pdf(SAMPLE_PDF, workers=2)
    assert list(tmp_path.iterdir()) == []
