"""The Dag Hammarskjöld Library's meeting tables on the real files: read (generator.parse.dhl.tables),
then made one meeting per record and merged into the Repertoire (generator.assemble.library).

Expected values were read in the HTML files themselves (file and line given),
not copied from the parser's output.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.assemble.library import add_dhl, merge_meeting, read_library
from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.model import SOURCES_DISAGREE, Meeting
from generator.parse.dhl.tables import (
    LINK_DISAGREES, MARKUP_REPAIRED, NOTICE_ROW, ROW_KINDS, WRITTEN_DECISION, YEAR_DISAGREES,
    read_dhl_file, read_dhl_tables, split_topics, table_files,
)
from generator.parse.dhl.html import layout, read_rows
from generator.model.symbols import parse_symbol


@pytest.fixture(scope="module")
def folder(shared_data) -> Path:
    return shared_data / "dhl-meeting-tables"


@pytest.fixture(scope="module")
def tables(folder):
    return [read_dhl_file(path, year) for year, path in table_files(folder)]


@pytest.fixture(scope="module")
def everything(folder):
    meetings, problems = read_library(folder)
    return {m.symbol: m for m in meetings}, problems


def _independent_row_count(path: Path) -> int:
    """Rows counted in the HTML by regex: every <tr>, less the title and header rows, plus the
    rows whose <tr> was forgotten (a <td> right after </tr>), less empty <tr>s (a <tr> right before another)."""
    html = path.read_text(encoding="utf-8")
    rows = len(re.findall(r"<tr\b", html, re.I)) - 2
    forgotten = len(re.findall(r"</tr>\s*<td", html, re.I))
    empty = len(re.findall(r"<tr>\s*(?=<tr\b)", html, re.I))
    return rows + forgotten - empty


def test_every_row_is_read(folder, tables):
    # 78 files (1946-2022 and the 2020 covid table) hold 9,706 <tr>; 2 per file are the title and
    # the header, 16 rows lost their <tr> (2014: 1, 2017: 8, 2018: 1, 2020: 1, 2022: 5) and one
    # <tr> is empty (1960): 9,706 - 156 + 16 - 1 = 9,565.
    assert len(tables) == 78
    assert sum(_independent_row_count(Path(t.path)) for t in tables) == 9565
    for table in tables:
        assert len(table.row_results) == _independent_row_count(Path(table.path)), table.path


def test_every_row_yields_a_meeting_or_a_problem(tables):
    for table in tables:
        results = Counter(table.row_results)
        row_problems = Counter(p.kind for p in table.problems if p.kind in ROW_KINDS)
        assert set(results) <= {"meeting", "continuation", WRITTEN_DECISION} | ROW_KINDS, table.path
        assert (results["meeting"] + results["continuation"] + results[WRITTEN_DECISION]
                + sum(row_problems.values()) == len(table.row_results))
        assert results[WRITTEN_DECISION] == len(table.written), table.path
        for kind in ROW_KINDS:
            assert results[kind] == row_problems[kind], (table.path, kind)
        records = sum(1 for r in table.row_results if r == "meeting")
        assert len(table.meetings) >= records  # a row may name two records (parts I and II)


def test_meeting_numbers_1_to_9085_are_all_there(everything):
    meetings, _ = everything
    numbers = {int(re.match(r"S/PV\.(\d+)", s).group(1)) for s in meetings}
    # 8788, 8789, 8793 (2020) and 8876 (2021) appear nowhere in the files (grep).
    assert set(range(1, 9086)) - numbers == {8788, 8789, 8793, 8876}
    assert max(numbers) == 9085  # the newest row of scact2022_table_en.html
    assert 9300 < len(meetings) < 9500  # 9,081 numbers, plus resumptions and parts


def test_resolutions_1_to_2640_are_all_adopted_somewhere(everything, tables):
    meetings, problems = everything
    adopted = {int(re.match(r"S/RES/(\d+)", d.symbol).group(1))
               for m in meetings.values() for d in m.decisions if d.symbol.startswith("S/RES/")}
    without_record = {int(re.match(r"S/RES/(\d+)", d.symbol).group(1))  # by written procedure, 2020-2021
                      for t in tables for w in t.written for d in w.decisions if d.symbol.startswith("S/RES/")}
    # 666 (1990) is printed as a second "S/RES/663" at S/PV.2939, 695 (1991) as a second "701" at
    # S/PV.2990; both duplicates are reported.
    assert set(range(1, 2641)) - adopted - without_record == {666, 695}
    twice = [p.message for p in problems if p.kind == SOURCES_DISAGREE and "adopted here" in p.message]
    assert any(m.startswith("S/RES/663 (1990)") for m in twice) and any(m.startswith("S/RES/701 (1991)") for m in twice)


def test_symbols_are_canonical(everything):
    meetings, problems = everything
    symbols = [m.symbol for m in meetings.values()]
    symbols += [d.symbol for m in meetings.values() for d in m.decisions]
    symbols += [s for m in meetings.values() for s in m.other_documents + m.press_releases]
    for symbol in symbols:
        assert "%" not in symbol and "  " not in symbol and symbol == symbol.strip()
        assert parse_symbol(symbol).canonical == symbol
    for symbol in (m.symbol for m in meetings.values()):
        assert re.fullmatch(r"S/PV\.\d+(?: \((?:Resumption(?: \d+)?|Part [IVX]+|closed)\))?", symbol), symbol
    for decision in (d for m in meetings.values() for d in m.decisions):
        assert re.fullmatch(r"S/RES/\d+ \(\d{4}\)|S/PRST/\d{4}/\d+|S/\d+", decision.symbol), decision.symbol
        assert decision.vote is None or re.fullmatch(r"\d{1,2}-\d{1,2}-\d{1,2}", decision.vote)


def test_every_meeting_has_a_date_in_its_tables_year(everything):
    meetings, _ = everything
    for meeting in meetings.values():
        year = int(re.search(r"scact(\d{4})", meeting.sources[0]).group(1))
        assert meeting.date and meeting.date.startswith(str(year)), meeting
        assert meeting.topics, meeting


# Spot checks, one or more per period, each read in the HTML -------------------------------

def test_1946_two_agenda_items_and_a_vote(everything):
    meeting = everything[0]["S/PV.84"]  # scact1946, lines 52-57
    assert meeting.date == "1946-12-16"
    assert meeting.topics == ["Australian proposal to extend the term of office of the President",
                              "Greek complaint concerning the situation in northern Greece"]
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/14 (1946)", "9-0-2")]
    unanimous = everything[0]["S/PV.87"].decisions  # line 31: "S/RES/15 (1946) <br> adopted unanimously"
    assert [(d.symbol, d.vote, d.note) for d in unanimous] == [("S/RES/15 (1946)", None, "adopted unanimously")]


def test_1947_rowspan_meeting_collects_its_rows(everything):
    meeting = everything[0]["S/PV.222"]  # scact1947 lines 54-72: <th rowspan="4">, "S/RES/37(1947)" in the href
    assert meeting.date == "1947-12-09"
    assert meeting.topics == [
        "Provisional Rules of Procedure of the Security Council regarding the admission of New Members",
        "Letter from USA concerning the conducting of experiments relating to nuclear fission on Eniwetok "
        "Atoll in the Trust Territory of the Pacific Islands",
        "The Indonesian question", "The Palestine question"]
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/37 (1947)", "11-0-0")]


def test_1948_empty_cells_continue_the_meeting_above(everything):
    meeting = everything[0]["S/PV.396"]  # scact1948 lines 24-35
    assert meeting.date == "1948-12-29"
    assert meeting.topics == ["The Indonesian question", "The Palestine question"]
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/66 (1948)", "8-0-3")]


def test_1961_url_encoded_resolution(everything):
    meeting = everything[0]["S/PV.986"]  # scact1961 lines 39-44: href "S/RES/170%20(1961)"
    assert meeting.date == "1961-12-14"
    assert [(d.symbol, d.note) for d in meeting.decisions] == [("S/RES/170 (1961)", "adopted unanimously")]


def test_1962_official_records_href_is_the_same_record(everything):
    meetings, problems = everything
    meeting = meetings["S/PV.1025"]  # scact1962 line 33: href ".../S/PV.1025(OR)", text "S/PV.1025"
    assert meeting.date == "1962-10-25"
    assert meeting.topics == ["Complaints by Cuba, Union of Soviet Socialist Republics and United States "
                              "(22-23 October 1962)"]
    assert "S/PV.1025 (OR)" not in meetings
    assert not [p for p in problems if "S/PV.1025" in p.message]


def test_1964_veto_is_an_outcome_not_a_decision(everything, folder):
    meeting = everything[0]["S/PV.1152"]  # scact1964 lines 282-288, with a fifth cell "--"
    assert meeting.date == "1964-09-17" and meeting.topics == ["Complaint by Malaysia"]
    assert meeting.decisions == [] and meeting.other_documents == ["S/5973"]
    assert meeting.outcome == "Draft resolution S/5973 vetoed by USSR 9-2-0"
    repaired = [p for p in everything[1] if p.kind == MARKUP_REPAIRED and "scact1964" in p.file]
    assert len(repaired) == 1 and "line 283" in repaired[0].place and "extra cell" in repaired[0].message


def test_1990_one_row_two_parts(everything):
    meetings = everything[0]  # scact1990 lines 39-44
    assert meetings["S/PV.2970 (Part I)"].date == meetings["S/PV.2970 (Part II)"].date == "1990-12-20"


def test_1992_resolution_printed_with_the_wrong_year(everything):
    meetings, problems = everything
    meeting = meetings["S/PV.3106"]  # scact1992 lines 383-389: text "S/RES/770 (1991)", href ".../S/RES/770 (1992)"
    assert meeting.date == "1992-08-13"
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/770 (1992)", "12-0-3"),
                                                              ("S/RES/771 (1992)", "15-0-0")]
    fixed = [p.message for p in problems if p.kind == YEAR_DISAGREES and "scact1992" in p.file]
    assert len(fixed) == 2 and "S/RES/770 (1991)" in fixed[0] and "read as S/RES/770 (1992)" in fixed[0]


def test_1995_press_release_resumption_and_corrigendum(everything):
    meetings = everything[0]
    resumed = meetings["S/PV.3536 (Resumption 2)"]  # scact1995 line 618: href "S/PV.3536(Resumption2)"
    assert (resumed.date, resumed.press_releases, resumed.topics) == (
        "1995-05-16", ["SC/6041"], ["The situation in the occupied Arab territories"])
    bosnia = meetings["S/PV.3613"]  # lines 31-37: href "S/RES/1035(1995)"
    assert (bosnia.date, bosnia.press_releases, bosnia.topics) == ("1995-12-21", ["SC/6150"], ["Bosnia and Herzegovina"])
    assert [(d.symbol, d.vote) for d in bosnia.decisions] == [("S/RES/1035 (1995)", "15-0-0")]
    assert meetings["S/PV.3611"].other_documents == ["S/PV.3611/Corr.1"]  # "S/PV.3611+Corr.1", line 46


def test_1996_link_glued_to_a_word(everything):
    meeting = everything[0]["S/PV.3725"]  # scact1996 line 52: "without vote<a ...>S/RES/1091 (1996)</a>"
    assert [(d.symbol, d.note) for d in meeting.decisions] == [
        ("S/RES/1090 (1996)", "adopted without vote"), ("S/RES/1091 (1996)", "adopted without vote")]


def test_2002_link_text_wins_over_its_address(everything):
    meetings, problems = everything
    meeting = meetings["S/PV.4542"]  # scact2002 lines 1174-1181: text S/PRST/2002/15, href .../14
    assert meeting.date == "2002-05-23" and meeting.press_releases == ["SC/7411"]
    assert meeting.topics == ["Admission of new Members \u2014 East Timor"]  # &mdash;
    assert [(d.symbol, d.vote, d.note) for d in meeting.decisions] == [
        ("S/RES/1414 (2002)", None, "adopted without vote"), ("S/PRST/2002/15", None, None)]
    reported = [p for p in problems if p.kind == LINK_DISAGREES and "S/PRST/2002/14" in p.message]
    assert len(reported) == 1 and "scact2002" in reported[0].file


def test_2020_covid_table(everything, tables):
    meetings, problems = everything
    covid = next(t for t in tables if t.path.endswith("scact2020_covid_table_en.html"))
    # Its title says 2021 (line 12); its rows are 2020's.
    assert [p.kind for p in covid.problems if "title" in p.message] == [YEAR_DISAGREES]
    meeting = meetings["S/PV.8773"]  # listed on 11 November (line 193) and again on 12 November (line 153)
    assert meeting.date == "2020-11-11" and meeting.notes == ["resumed on 2020-11-12"]


def test_2021_seven_columns(everything, tables):
    meetings, problems = everything
    meeting = meetings["S/PV.8942"]  # scact2021 lines 46-54
    assert (meeting.date, meeting.topics, meeting.press_releases) == (
        "2021-12-22", ["Maintenance of international peace and security"], [])
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/2616 (2021)", "12-0-3")]
    assert meetings["S/PV.8923"].other_documents == ["S/2021/1026"]  # "Letter with Vote Procedure", line 256
    table = next(t for t in tables if t.path.endswith("scact2021_table_en.html"))
    assert table.row_results[0] == WRITTEN_DECISION  # line 36: "--", 30 December, S/RES/2617 (2021), S/2021/1107
    first = table.written[0]
    assert [(d.symbol, d.vote) for d in first.decisions] == [("S/RES/2617 (2021)", "15-0-0")]
    assert (first.date, first.outcome_letters) == ("2021-12-30", ["S/2021/1107"])


def test_2022_typo_in_address_and_notice_row(everything):
    meetings, problems = everything
    assert "S/PV.9037" in meetings and "S/PV.90367" not in meetings  # scact2022 line 439
    assert meetings["S/PV.9042 (Resumption 1)"].date == "2022-05-25"  # line 391: text "S/PV.9042 Resumption 1)"
    notice = [p for p in problems if p.kind == NOTICE_ROW]
    assert len(notice) == 1 and "Document links will work" in notice[0].message


# Reading decisions, on small tables written here ----------------------------------------

HEADER = ("<table><tr><th>Meeting Record</th><th>Topic</th><th>Date</th><th>Security Council Outcome / Vote</th>"
          "<th>Press Release</th></tr>\n")


def test_columns_are_found_by_header_text(tmp_path):
    path = tmp_path / "scact1999_table_en.html"
    path.write_text(HEADER + '<tr><td><a href="https://undocs.org/en/S/PV.4000(Resumption1)">S/PV.4000 '
                    "(Resumption 1)</a></td><td>Kosovo</td><td>3 Sep.</td>"
                    '<td><a href="https://undocs.org/en/S/RES/1260%20(1999)">S/RES/1260 (1999)</a><br>14-0-1</td>'
                    "<td>SC/6000</td></tr></table>", encoding="utf-8")
    table = read_dhl_file(path)
    [meeting] = table.meetings
    assert (meeting.symbol, meeting.date, meeting.topics, meeting.press_releases) == (
        "S/PV.4000 (Resumption 1)", "1999-09-03", ["Kosovo"], ["SC/6000"])
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/1260 (1999)", "14-0-1")]
    assert table.problems == []


def test_unreadable_row_is_reported_with_file_and_row(tmp_path):
    path = tmp_path / "scact1999_table_en.html"
    path.write_text(HEADER + "<tr><td>S/PV.4001</td><td>Kosovo</td><td>4 September</td><td>--</td><td>--</td></tr>\n"
                    "<tr><td>record missing</td><td>Kosovo</td><td>5 September</td><td>--</td><td>--</td></tr>"
                    "<tr><td>S/PV.4003</td><td>Iraq</td><td>31 Septober</td><td>--</td><td>--</td></tr></table>",
                    encoding="utf-8")
    table = read_dhl_file(path)
    assert [m.symbol for m in table.meetings] == ["S/PV.4001", "S/PV.4003"]
    assert table.row_results == ["meeting", "unreadable-table-row", "meeting"]
    messages = [str(p) for p in table.problems]
    assert any(f"{path}: row 2 (line 3): no meeting record symbol in 'record missing'" in m for m in messages)
    assert any("row 3" in m and "date not recognised: '31 Septober'" in m for m in messages)


def test_a_table_without_header_is_a_one_line_error(tmp_path):
    path = tmp_path / "scact1999_table_en.html"
    path.write_text("<html><p>Page not found</p></html>", encoding="utf-8")
    with pytest.raises(RepertoireError) as error:
        read_dhl_file(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_a_folder_without_tables_is_an_error(tmp_path):
    with pytest.raises(RepertoireError, match="no such folder"):
        read_dhl_tables(tmp_path / "missing")
    with pytest.raises(RepertoireError, match="no scact"):
        read_dhl_tables(tmp_path)


def test_layout_splits_a_row_whose_tr_was_forgotten_and_carries_rowspans():
    rows = read_rows('<table><tr><td rowspan="2">a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr>'
                     "<tr><td>e</td><td>f</td><td>g</td><td>h</td><td>i</td><td>j</td></tr></table>")
    grid = layout(rows, 3)
    assert [[c.text if c else None for c in row.cells] for row in grid] == [
        ["a", "b", "c"], ["a", "d", None], ["e", "f", "g"], ["h", "i", "j"]]
    assert grid[1].carried == {0} and "missing cell" in grid[1].repairs[0]
    assert "no <tr>" in grid[3].repairs[0]


def test_topic_key_groups_spellings_of_one_item():
    from generator.model.vocabulary import topic_key

    assert topic_key("The Palestine Question") == topic_key("The  Palestine question.")
    assert topic_key("Admission of new Members \u2014 East Timor") == topic_key("Admission of new Members - East Timor")
    assert topic_key("The situation in Cyprus") != topic_key("The situation in Somalia")


def test_split_topics():
    assert split_topics("Complaint by Lebanon\n\nComplaint by Jordan") == ["Complaint by Lebanon", "Complaint by Jordan"]
    assert split_topics("Election of judges\n( S/2017/619 and S/2017/621)") == [
        "Election of judges (S/2017/619 and S/2017/621)"]


# Merging into the Repertoire ------------------------------------------------------------

SECTION = """Thematic issues

7. Maintenance of international peace and security

The Council held one meeting.¹

¹ See [S/PV.8942](#).

Meetings: Maintenance of international peace and security, 2021

<i>Meeting and date</i>\t<i>Sub-item</i>\t<i>Decisions and vote (for-against-abstaining)</i>
---

<p>S/PV.8942 23 December 2021</p>\t<p>S/RES/2616 (2021) 15-0-0</p>
"""


def test_merge_same_symbol_into_one_meeting_repertoire_wins(tmp_path, folder):
    source = tmp_path / "section.txt"
    source.write_text(SECTION, encoding="utf-8")
    repertoire = read_sources([source])
    before = len(repertoire.problems)
    add_dhl(repertoire, folder)
    [(section, meeting)] = repertoire.meetings()
    # The Repertoire (made up here) says 23 December and 15-0-0; the Library, 22 December and 12-0-3.
    assert meeting.date == "2021-12-23"
    assert [(d.symbol, d.vote) for d in meeting.decisions] == [("S/RES/2616 (2021)", "15-0-0")]
    assert meeting.topics == ["Maintenance of international peace and security"]  # only the Library has it
    assert any(s.endswith("scact2021_table_en.html") for s in meeting.sources)
    conflicts = [p for p in repertoire.problems[before:] if p.kind == SOURCES_DISAGREE and "S/PV.8942" in p.message]
    assert len(conflicts) == 2
    assert any("'2021-12-22' here, but '2021-12-23' in the Repertoire" in p.message for p in conflicts)
    assert any("vote on S/RES/2616 (2021)" in p.message for p in conflicts)
    records = {m.symbol for m in repertoire.records}
    assert "S/PV.8942" not in records and "S/PV.1" in records and len(records) == 9393 - 1
    dates = [m.date for m in repertoire.records]
    assert dates == sorted(dates)


def test_merge_fills_but_never_overwrites():
    ours = Meeting("S/PV.1", date=None, speakers=["France"])
    theirs = Meeting("S/PV.1", date="1946-01-17", speakers=["Egypt"], topics=["Opening"], sources=["t.html"])
    problems = merge_meeting(ours, theirs, "t.html", "row 1", "the Repertoire")
    assert ours.date == "1946-01-17" and ours.topics == ["Opening"] and ours.speakers == ["France"]
    assert [p.kind for p in problems] == [SOURCES_DISAGREE] and "speakers" in problems[0].message
