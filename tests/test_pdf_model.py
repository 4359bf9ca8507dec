"""The PDF and the text source of one section give the same model, through the whole pipeline.

`generator.assemble.sources.read_sources` on either file must give the same Section:
paragraphs, markers, footnotes with their resolved citations and countries,
meetings with every field, and the paragraph-to-meeting assignment. With both
files as sources there is one section, and every field where they disagree
is reported.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from generator.assemble.sources import read_sources
from generator.model import SOURCES_DISAGREE

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "sources" / "peacekeeping-2023.pdf"
SAMPLE_TXT = ROOT / "sources" / "peacekeeping-2023.txt"


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="module")
def both():
    pdf, txt = read_sources([SAMPLE_PDF]), read_sources([SAMPLE_TXT])
    assert len(pdf.sections) == len(txt.sections) == 1
    return pdf, txt


def normalised(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- field by field


def test_same_section_identity(both):
    (pdf,), (txt,) = both[0].sections, both[1].sections
    assert (pdf.supplement, pdf.part, pdf.number) == (txt.supplement, txt.part, txt.number) == (2023, "I", "24")
    assert (pdf.title, pdf.group) == (txt.title, txt.group)
    assert pdf.sources == [str(SAMPLE_PDF)] and txt.sources == [str(SAMPLE_TXT)]


def test_same_paragraphs_markers_and_meetings(both):
    (pdf,), (txt,) = both[0].sections, both[1].sections
    assert len(pdf.paragraphs) == len(txt.paragraphs) == 12
    for index, (p, t) in enumerate(zip(pdf.paragraphs, txt.paragraphs)):
        assert normalised(p.text) == normalised(t.text), index
        assert [(r.number, r.offset) for r in p.refs] == [(r.number, r.offset) for r in t.refs], index
        assert p.meeting == t.meeting, index
    meetings = [p.meeting for p in pdf.paragraphs]
    assert meetings[:2] == [None, None] and set(meetings[2:]) == {"S/PV.9389", "S/PV.9413", "S/PV.9475"}
    assert meetings[2:] == sorted(meetings[2:])  # in the order of the meetings


def test_same_footnotes_with_resolved_citations(both):
    (pdf,), (txt,) = both[0].sections, both[1].sections
    assert [f.number for f in pdf.footnotes] == [f.number for f in txt.footnotes] == list(range(832, 850))
    for p, t in zip(pdf.footnotes, txt.footnotes):
        assert normalised(p.text) == normalised(t.text), p.number
        assert (p.citations, p.countries, p.ibid) == (t.citations, t.countries, t.ibid), p.number
    assert sum(f.ibid for f in pdf.footnotes) >= 5 and all(f.citations for f in pdf.footnotes if f.ibid)
    assert next(f for f in pdf.footnotes if f.number == 835).countries[:2] == ["Ghana", "Switzerland"]


def test_same_meetings_every_field(both):
    (pdf,), (txt,) = both[0].sections, both[1].sections
    assert [m.symbol for m in pdf.meetings] == ["S/PV.9389", "S/PV.9413", "S/PV.9475"]
    assert [asdict(m) for m in pdf.meetings] == [asdict(m) for m in txt.meetings]


def test_pdf_places_are_page_numbers(both):
    (pdf,) = both[0].sections
    pages = [p.page for p in pdf.paragraphs] + [f.page for f in pdf.footnotes]
    assert all(isinstance(n, int) and 1 <= n <= 5 for n in pages)  # the sample has five pages
    assert [p.page for p in pdf.paragraphs] == sorted(p.page for p in pdf.paragraphs)


def test_no_problems_in_either(both):
    assert both[0].problems == [] and both[1].problems == []


def test_parse_json_is_the_same_for_both_files(tmp_path):
    def parse(path: Path) -> dict:
        done = subprocess.run([sys.executable, "-m", "generator.cli", "parse", str(path), "--json"],
                              cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "REPERTOIRE_CACHE_DIR": str(tmp_path)})
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        for section in data["sections"]:
            section.pop("sources")
            for item in section["paragraphs"] + section["footnotes"]:
                item.pop("page")
                item["text"] = normalised(item["text"])
        return data

    assert parse(SAMPLE_PDF) == parse(SAMPLE_TXT)


# --------------------------------------------------------------------------- both files: one section


@pytest.mark.parametrize("order", ["txt-pdf", "pdf-txt"])
def test_both_files_make_one_section(order):
    paths = [SAMPLE_TXT, SAMPLE_PDF] if order == "txt-pdf" else [SAMPLE_PDF, SAMPLE_TXT]
    repertoire = read_sources(paths)
    [section] = repertoire.sections
    assert section.sources == [str(p) for p in paths]
    assert not [p for p in repertoire.problems if p.kind == SOURCES_DISAGREE]
    assert repertoire.problems == []
    assert len(section.paragraphs) == 12 and len(section.footnotes) == 18 and len(section.meetings) == 3


def disagreeing_fields(problems) -> set[str]:
    fields = set()
    for problem in problems:
        assert problem.kind == SOURCES_DISAGREE, problem
        match = re.search(r"disagrees with \S+ on (\S+):", problem.message)
        assert match, problem.message
        fields.add(match.group(1))
    return fields


def test_every_disagreeing_field_is_reported(tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    note = "⁸³⁵ Ibid., (Ghana, Switzerland, Gabon"
    row = "<p>S/PV.9389 28 July 2023</p>"
    assert text.count(note) == 1 and text.count(row) == 1
    altered = tmp_path / "peacekeeping-2023-altered.txt"
    altered.write_text(text.replace(note, "⁸³⁵ Ibid., (Ghana, Norway, Gabon")
                       .replace(row, "<p>S/PV.9389 27 July 2023</p>"), encoding="utf-8")

    repertoire = read_sources([SAMPLE_PDF, altered])
    [section] = repertoire.sections
    assert section.sources == [str(SAMPLE_PDF), str(altered)]
    index = [f.number for f in section.footnotes].index(835)
    assert disagreeing_fields(repertoire.problems) == {
        f"footnotes[{index}].text", f"footnotes[{index}].countries", "meetings[0].date",
    }
    messages = " ".join(p.message for p in repertoire.problems)
    assert "2023-07-27" in messages and "2023-07-28" in messages and "Norway" in messages
    assert all(p.file == str(altered) for p in repertoire.problems)
    # the first source's values are kept
    assert section.meetings[0].date == "2023-07-28" and "Switzerland" in section.footnotes[index].countries


# --------------------------------------------------------------------------- the build


def test_build_on_both_sources_makes_one_section(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "sources").mkdir()
    for source in (SAMPLE_TXT, SAMPLE_PDF):
        shutil.copy(source, tmp_path / "sources" / source.name)
    env = {k: v for k, v in os.environ.items() if k != "REPERTOIRE_CACHE_DIR"}
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "site" / "build-report.json").read_text(encoding="utf-8"))
    assert report["counts"]["sections"] == 1
    assert report["counts"]["paragraphs"] == 12 and report["counts"]["footnotes"] == 18
    assert report["counts"]["meetings"] == 3
    assert report["problems"] == []
    assert "warning" not in done.stderr
    assert list((tmp_path / ".cache" / "repertoire").glob("*.json"))  # the PDF was cached in the project
