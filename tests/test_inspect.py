"""`repertoire inspect`: pictures of how the PDF reader took each line, and a summary that agrees
with what `parse` makes of the same PDF."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main
from generator.inspect import COLOURS, MARKER, colour_of
from generator.parse.pdf.reader import load_pages, parse_pdf
from generator.parse.pdf.document import measure_document, page_facts
from generator.parse.pdf.text import Vocabulary
from generator.parse.raw import COLUMNS
from tests.support.paths import SAMPLE_PDF
from tests.support.pdfs import NO_SECTION, text_pdf

RESOLUTION = "50"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["inspect", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("repertoire: error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


def page_block(summary: str, number: int) -> dict[str, int]:
    """The counts of the summary's block for one page: kind -> number."""
    block = re.search(rf"^page {number} \(.*?\n((?:  .*\n)+)", summary, re.M).group(1)
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^  (\S+) +(\d+)(?: cells?)?$", block, re.M)}


def colour_counts(path: Path) -> Counter:
    image = Image.open(path).convert("RGB")
    return Counter({colour: count for count, colour in image.getcolors(image.width * image.height)})


@pytest.fixture(scope="module")
def layouts():
    return {page.number: page for page in load_pages(SAMPLE_PDF)}


@pytest.fixture(scope="module")
def sections():
    return parse_pdf(SAMPLE_PDF, cache=False)


@pytest.fixture(scope="module")
def inspected(tmp_path_factory):
    """Pages 4 (text, footnotes, the table's start) and 5 (the table only, no footnotes)."""
    out = tmp_path_factory.mktemp("inspect") / "out"
    assert main(["inspect", str(SAMPLE_PDF), "--pages", "4-5", "--out", str(out), "--resolution", RESOLUTION]) == 0
    return out


def test_one_image_per_page_asked_for_with_the_page_shape(inspected, layouts):
    assert sorted(p.name for p in inspected.glob("*.png")) == ["legend.png", "page-004.png", "page-005.png"]
    assert (inspected / MARKER).is_file() and (inspected / "summary.txt").is_file()
    for number in (4, 5):
        image = Image.open(inspected / f"page-{number:03d}.png")
        page = layouts[number]
        assert image.width == pytest.approx(page.width * int(RESOLUTION) / 72, abs=1)
        assert image.width / image.height == pytest.approx(page.width / page.height, abs=2 / image.height)


def test_lines_drawn_in_the_colour_of_their_kind(inspected, sections):
    footnote_pages = {f.page for s in sections for f in s.footnotes}
    assert 4 in footnote_pages and 5 not in footnote_pages
    page4, page5 = (colour_counts(inspected / f"page-{n:03d}.png") for n in (4, 5))
    for kind in ("heading", "paragraph", "footnote", "marker", "furniture", "table:speakers", "table:meeting"):
        assert page4[COLOURS.get(kind) or colour_of(kind)] > 0, kind
    assert page5[COLOURS["furniture"]] > 0 and page5[colour_of("table:rule_39")] > 0
    for kind in ("footnote", "footnote-continued", "marker", "heading", "paragraph", "dropped", "unread"):
        assert page5[COLOURS[kind]] == 0, kind  # page 5 holds the table only


def test_summary_states_the_measured_style(inspected):
    pages = load_pages(SAMPLE_PDF)
    vocabulary = Vocabulary()
    style = measure_document(str(SAMPLE_PDF), [page_facts(p, vocabulary) for p in pages], vocabulary).style
    summary = (inspected / "summary.txt").read_text(encoding="utf-8")

    def measured(name: str) -> float:
        return float(re.search(rf"^  {name} +([\d.]+) pt", summary, re.M).group(1))

    assert measured("body size") == pytest.approx(style.body_size, abs=0.01)
    assert measured("footnote size") == pytest.approx(style.footnote_size, abs=0.01)
    assert measured("left margin") == pytest.approx(style.left, abs=0.01)
    assert measured("line pitch") == pytest.approx(style.line_pitch, abs=0.01)
    assert measured("paragraph indent") == pytest.approx(style.indent, abs=0.01)
    assert re.search(rf"^  supplement +{style.supplement}$", summary, re.M)
    assert "Repertoire of the Practice of the Security Council, 2023" in summary  # the running head
    assert re.search(r"^  11\.5 pt bold: 1 line, e\.g\. '24\. United Nations peacekeeping operations'", summary, re.M)


def test_summary_counts_agree_with_the_parsed_model(inspected, sections, layouts):
    summary = (inspected / "summary.txt").read_text(encoding="utf-8")
    footnotes = Counter(f.page for s in sections for f in s.footnotes)
    columns = {c for s in sections for row in s.table_rows for c in row.columns or ()}
    for number in (4, 5):
        counts = page_block(summary, number)
        assert counts["footnote"] == footnotes[number]
        assert counts["furniture"] == 2  # running head and foot
        assert counts["dropped"] == 0 and "unread" not in counts
        # every line of the page is accounted for (a table line once per cell it has words in)
        lines = sum(counts[k] for k in ("heading", "paragraph", "footnote", "footnote-continued", "furniture"))
        table = {k: v for k, v in counts.items() if k.startswith("table:")}
        assert lines + sum(table.values()) >= len(layouts[number].lines) > lines
        assert {k[len("table:"):] for k in table} <= set(COLUMNS)
    # the columns the model's rows fill are drawn (and the header's, which names the empty ones too)
    drawn = {k[len("table:"):] for n in (4, 5) for k in page_block(summary, n) if k.startswith("table:")}
    assert columns <= drawn and columns


def test_every_page_by_default_and_counts_over_the_document(tmp_path, monkeypatch, capsys, sections):
    """No --pages: every page, into inspect-<stem>/ here; markers and footnotes add up to the model's."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, SAMPLE_PDF, "--resolution", "20")
    assert code == 0, err
    folder = tmp_path / "inspect-peacekeeping-2023"
    assert sorted(p.name for p in folder.glob("page-*.png")) == [f"page-{n:03d}.png" for n in range(1, 6)]
    summary = (folder / "summary.txt").read_text(encoding="utf-8")
    assert out.startswith(summary)  # the summary is printed too
    counts = Counter()
    for number in range(1, 6):
        counts.update(page_block(summary, number))
    section = sections[0]
    assert counts["footnote"] == len(section.footnotes) == 18
    refs = sum(len(p.refs) for p in section.paragraphs) + sum(len(r.footnotes) for r in section.table_rows)
    assert counts["marker"] == refs
    assert counts["heading"] == 3  # group, section, table title


def test_rerun_replaces_its_own_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, SAMPLE_PDF, "--pages", "1-2", "--out", out, "--resolution", "20")[0] == 0
    assert run(capsys, SAMPLE_PDF, "--pages", "5", "--out", out, "--resolution", "20")[0] == 0
    assert sorted(p.name for p in out.glob("page-*.png")) == ["page-005.png"]


def test_a_folder_not_made_by_inspect_is_refused(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, SAMPLE_PDF, "--pages", "1", "--out", out)
    assert_one_line_error(code, err, "mine", MARKER)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    code, _, err = run(capsys, SAMPLE_PDF, "--out", out / "notes.txt")
    assert_one_line_error(code, err, "not a folder")


@pytest.mark.parametrize("pages, words", [("5-3", ["5-3", "backwards"]), ("x", ["'x'", "e.g. 3 or 3-5"]),
                                          ("0", ["numbered from 1"]), ("3-", ["'3-'"]),
                                          ("6", ["page 6 outside the document (5 pages)"]),
                                          ("4-9", ["pages 6-9 outside"])])
def test_bad_pages(tmp_path, capsys, pages, words):
    code, out, err = run(capsys, SAMPLE_PDF, "--pages", pages, "--out", tmp_path / "out")
    assert_one_line_error(code, err, *words)
    assert out == "" and not (tmp_path / "out").exists()


def test_bad_files(tmp_path, capsys):
    text = tmp_path / "section.pdf"
    text.write_text("24. Peacekeeping\n\nText.\n", encoding="utf-8")
    code, _, err = run(capsys, text, "--out", tmp_path / "a")
    assert_one_line_error(code, err, "section.pdf", "not a readable PDF")
    code, _, err = run(capsys, tmp_path / "missing.pdf", "--out", tmp_path / "b")
    assert_one_line_error(code, err, "missing.pdf", "no such file")
    encrypted = Path(__file__).parent / "fixtures" / "pdf" / "encrypted.pdf"
    code, _, err = run(capsys, encrypted, "--out", tmp_path / "c")
    assert_one_line_error(code, err, "encrypted")
    assert not any((tmp_path / name).exists() for name in "abc")


def test_a_pdf_that_parse_refuses_is_inspected(tmp_path, capsys):
    """A document without a numbered section heading: `parse` names the page and points to
    `inspect`, which draws its text as dropped and says why."""
    pdf = tmp_path / "no-section.pdf"
    text_pdf(pdf, NO_SECTION)
    with pytest.raises(Exception, match=r"found on page 1: .*; see `repertoire inspect .*no-section\.pdf`"):
        parse_pdf(pdf, cache=False)
    code, out, err = run(capsys, pdf, "--out", tmp_path / "out", "--resolution", RESOLUTION)
    assert code == 0, err
    assert "Not read as a Repertoire section: no numbered section heading" in out
    assert page_block(out, 1)["dropped"] == 3  # the three lines of text...
    assert page_block(out, 1)["furniture"] == 1  # ...under the top line of a one-page document, its margin
    assert colour_counts(tmp_path / "out" / "page-001.png")[COLOURS["dropped"]] > 0


def test_the_observed_reader_reads_as_parse_does(sections):
    from generator.parse.pdf.inspect import inspect_pdf

    assert inspect_pdf(SAMPLE_PDF, {2, 4}).sections == sections
