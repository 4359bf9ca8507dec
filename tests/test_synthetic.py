"""Synthetic sources (tests.support.synthetic): the text parser reads back exactly what was written.

The generator knows the truth (every section, paragraph, footnote, Ibid target and
meeting it wrote); these tests compare the parser's reading with it.
"""
from __future__ import annotations

from dataclasses import asdict

import pytest

from generator.assemble.sources import read_sources
from tests.support.paths import SAMPLE_TXT
from tests.support.synthetic import write_synthetic_source, write_synthetic_sources


@pytest.fixture(scope="module", params=[1, 2])
def round_trip(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"synthetic-{request.param}")
    truth = write_synthetic_sources(folder, 130, seed=request.param, per_file=60)  # 3 files: 60, 60, 10
    return truth, read_sources(truth.files)


def test_several_files_one_per_supplement_year(round_trip):
    truth, repertoire = round_trip
    assert [p.name for p in truth.files] == ["repertoire-2021.txt", "repertoire-2022.txt", "repertoire-2023.txt"]
    assert sorted({s.supplement for s in repertoire.sections}) == [2021, 2022, 2023]


def test_counts_are_exactly_the_generated_ones(round_trip):
    truth, repertoire = round_trip
    assert repertoire.problems == []
    assert len(repertoire.sections) == len(truth.sections)
    assert len(repertoire.meetings()) == truth.meetings == 130
    assert sum(len(s.paragraphs) for s in repertoire.sections) == truth.paragraphs
    assert sum(len(s.footnotes) for s in repertoire.sections) == truth.footnotes
    assert sum(f.ibid for s in repertoire.sections for f in s.footnotes) == truth.ibids > 0


def test_sections_paragraphs_and_footnotes_match(round_trip):
    truth, repertoire = round_trip
    for expected, section in zip(truth.sections, repertoire.sections):
        assert (section.number, section.title, section.group, section.supplement, section.part) == (
            expected.number, expected.title, expected.group, expected.supplement, "I")
        assert [p.text for p in section.paragraphs] == expected.paragraphs  # page-break cuts rejoined
        assert [p.footnotes for p in section.paragraphs] == expected.paragraph_footnotes
        assert [p.meeting for p in section.paragraphs] == expected.paragraph_meetings
        assert [(f.number, f.citations, f.countries, f.ibid) for f in section.footnotes] == [
            (f.number, f.citations, f.countries, f.ibid) for f in expected.footnotes]


def test_ibid_chains_resolve_to_the_meeting(round_trip):
    truth, repertoire = round_trip
    ibids = [f for s in repertoire.sections for f in s.footnotes if f.ibid]
    assert ibids and all(len(f.citations) == 1 and f.citations[0].startswith("S/PV.") for f in ibids)


def test_meetings_tables_match(round_trip):
    truth, repertoire = round_trip
    for expected, section in zip(truth.sections, repertoire.sections):
        fields = ("symbol", "date", "other_documents", "rule_39", "speakers", "decisions")  # rule 37: below
        assert [{k: asdict(m)[k] for k in fields} for m in section.meetings] == [
            {k: asdict(m)[k] for k in fields} for m in expected.meetings]


def test_rule_37_cells_match(round_trip):
    truth, repertoire = round_trip
    read = [(m.symbol, m.rule_37, m.sub_item) for m in (m for _, m in repertoire.meetings())]
    written = [(m.symbol, m.rule_37, m.sub_item) for s in truth.sections for m in s.meetings]
    assert read == written


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    a = write_synthetic_source(tmp_path / "a.txt", 40, seed=7).files[0].read_bytes()
    b = write_synthetic_source(tmp_path / "b.txt", 40, seed=7).files[0].read_bytes()
    c = write_synthetic_source(tmp_path / "c.txt", 40, seed=8).files[0].read_bytes()
    assert a == b and a != c


def test_written_in_the_sample_format(tmp_path):
    text = write_synthetic_source(tmp_path / "s.txt", 40, seed=3).files[0].read_text(encoding="utf-8")
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    header = next(line for line in sample.splitlines() if line.startswith("<i>Meeting and date</i>"))
    rule = sample.splitlines()[sample.splitlines().index(header) + 1]
    assert f"{header}\n{rule}\n" in text  # the table header and its rule, as printed in the sample
    assert "\\(2017\\)](#)" in text and "Ibid., (" in text and "\n<p>S/PV." in text
    blocks = text.split("\n\n")
    # Page breaks: a block ending mid-sentence followed by footnotes, then the sentence's end.
    cut = [i for i, b in enumerate(blocks[:-1]) if b[-1:].isalpha() and blocks[i + 1][:1] in "¹²³⁴⁵⁶⁷⁸⁹"]
    assert cut


def test_size_scales(tmp_path):
    truth = write_synthetic_sources(tmp_path, 600, seed=1)  # 250 a year, as in a real supplement
    assert [len(t.meetings_list()) for t in [truth]] == [600] and len(truth.files) == 3
    per_section = [len(s.meetings) for s in truth.sections]
    assert min(per_section) >= 1 and max(per_section) <= 8 and sum(3 <= n <= 8 for n in per_section) >= len(per_section) - 3
    symbols = [m.symbol for m in truth.meetings_list()]
    assert len(set(symbols)) == len(symbols)


def test_short_fragment_before_a_page_break(tmp_path):
    source = tmp_path / "short.txt"
    source.write_text("Thematic issues\n\n5. Item\n\nOne meeting was held.¹\n\n"
                      "At the meeting held on 5 May, the Council was briefed by\n\n¹ See S/PV.1.\n\n"
                      "the Under-Secretary-General.\n", encoding="utf-8")
    section = read_sources([source]).sections[0]
    assert [p.text for p in section.paragraphs][1] == (
        "At the meeting held on 5 May, the Council was briefed by the Under-Secretary-General.")
