"""Decisions taken without a meeting (issue 14): the Library's rows whose meeting record is "--" (written
procedure, COVID-19 videoconference period) become `WrittenDecision`s, one per decision across the
tables, each with a page (decisions/), listed on its year's, topic's and resolution's pages, in search
and in the open data. Small tables written for the test (tests/support/dhl_tables.py), then the
Library's real tables on the `library_site`.

Counts of the real tables were made by hand in the HTML: scact2020_covid_table_en.html has 44 rows
whose first cell is "--" (grep -c '<td>--</td>' on the record column), scact2021_table_en.html 30."""
from __future__ import annotations

import csv
import io
import re

import pytest

from generator.assemble.library import add_dhl
from generator.assemble.sources import read_sources
from generator.model import SOURCES_DISAGREE, Repertoire
from generator.parse.dhl.tables import NO_MEETING_RECORD, UNREADABLE_ROW_PART, WRITTEN_DECISION, read_dhl_file
from generator.pipeline import default_sources, link
from generator.render.renderer import SiteRenderer
from generator.site.search_documents import documents
from generator.site.search_index import prepare_search_index
from tests.support import search_worker
from tests.support.dhl_tables import row, undocs, write_table
from tests.support.paths import SOURCES
from tests.support.site_pages import check_internal_links, read_page

COVID = "scact2020_covid_table_en.html"
TOPIC = "Threats to international peace and security caused by terrorist acts"
# Its address has a line break inside, as the Library's file has (line 32).
WEBCAST = ('<a target="_top" href="http://webtv.un.org/watch/announcement-of-the-outcome-of-the-votes-in-\n'
           '        connection-with-terrorist-acts/6219038035001/">Webcast</a>')
RESOLUTION = row("--", "29 December", WEBCAST, TOPIC, undocs("S/2020/1311"), undocs("S/2020/1305"),
                 undocs("S/RES/2560 (2020)") + "<br> 15-0-0")
VETOED = row("--", "31 August", "--", TOPIC, undocs("S/2020/870"), undocs("S/2020/865"),
             undocs("S/2020/852") + "<br> vetoed by USA <br> 14-1-0")
NOTHING = row("--", "1 July", "--", "--", "--", "--", "--")
MEETING = row(undocs("S/PV.8790"), "2 June", "--", TOPIC, "--", "--", "--")


def test_a_row_without_a_meeting_record_is_a_decision_taken_without_a_meeting(tmp_path):
    table = read_dhl_file(write_table(tmp_path, COVID, 2020, [RESOLUTION, VETOED, NOTHING, MEETING]))
    assert table.row_results == [WRITTEN_DECISION, WRITTEN_DECISION, NO_MEETING_RECORD, "meeting"]
    adopted, vetoed = table.written
    assert (adopted.date, adopted.topics, adopted.symbol) == ("2020-12-29", [TOPIC], "S/RES/2560 (2020)")
    assert [(d.symbol, d.vote) for d in adopted.decisions] == [("S/RES/2560 (2020)", "15-0-0")]
    assert (adopted.procedure_letters, adopted.outcome_letters) == (["S/2020/1311"], ["S/2020/1305"])
    assert adopted.webcast == ("http://webtv.un.org/watch/announcement-of-the-outcome-of-the-votes-in-"
                               "connection-with-terrorist-acts/6219038035001/")
    assert (vetoed.decisions, vetoed.drafts, vetoed.symbol) == ([], ["S/2020/852"], "S/2020/852")
    assert "vetoed by USA" in vetoed.outcome and vetoed.webcast is None
    # The row naming nothing stays reported, with its place; the decisions are not problems.
    reported = [p for p in table.problems if p.kind == NO_MEETING_RECORD]
    assert len(reported) == 1 and reported[0].place.startswith("row 3 ") and "1 July" in reported[0].message


def test_a_webcast_that_is_no_web_address_is_left_out_and_reported(tmp_path):
    hostile = row("--", "29 December", '<a href="javascript:alert(1)">Webcast</a>', TOPIC, "--", "--",
                  undocs("S/RES/2560 (2020)"))
    table = read_dhl_file(write_table(tmp_path, COVID, 2020, [hostile]))
    assert table.written[0].webcast is None
    assert [p.kind for p in table.problems] == [UNREADABLE_ROW_PART] and "javascript:" in table.problems[0].message


def test_the_same_decision_in_two_tables_is_one(tmp_path):
    write_table(tmp_path, "scact2020_table_en.html", 2020, [RESOLUTION])
    again = row("--", "29 December", "--", TOPIC, undocs("S/2020/1311") + "<br>" + undocs("S/2020/1312"), "--",
                undocs("S/RES/2560 (2020)") + "<br> 14-0-1")
    write_table(tmp_path, COVID, 2020, [again])
    repertoire = Repertoire()
    add_dhl(repertoire, tmp_path)
    (decision,) = repertoire.written_decisions
    assert [s.rsplit("/", 1)[-1] for s in decision.sources] == ["scact2020_table_en.html", COVID]
    assert decision.procedure_letters == ["S/2020/1311", "S/2020/1312"]  # lists of things: both are right
    assert decision.decisions[0].vote == "15-0-0"  # the first reading wins, the other vote is reported
    disagree = [p for p in repertoire.problems if p.kind == SOURCES_DISAGREE]
    assert len(disagree) == 1 and "'14-0-1'" in disagree[0].message and disagree[0].file.endswith(COVID)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled sources and a small videoconference table: the index and every file written."""
    folder = tmp_path_factory.mktemp("tables")
    hostile = row("--", "30 December", "--", "&lt;script&gt;alert(1)&lt;/script&gt; *Item*", "--", "--",
                  undocs("S/PRST/2020/14"))
    write_table(folder, COVID, 2020, [hostile, RESOLUTION, VETOED, MEETING])
    repertoire = read_sources(default_sources(SOURCES))
    add_dhl(repertoire, folder)
    renderer = SiteRenderer(link(repertoire), jobs=1)
    return renderer.index, renderer.pages()


def test_a_decision_has_its_page_with_its_facts(site):
    _, pages = site
    page = pages["decisions/S-RES-2560-2020.md"]
    assert 'title: "S/RES/2560 (2020), adopted by written procedure, 29 December 2020"' in page
    assert "Adopted without a meeting, by written procedure" in page and "videoconference period" in page
    topic = "topics/threats-to-international-peace-and-security-caused-by-terrorist-acts.md"
    assert f"(<../{topic}>)" in page
    assert "(<https://undocs.org/en/S/2020/1311>" in page and "(<https://undocs.org/en/S/2020/1305>" in page
    assert "15\\-0\\-0" in page and "(<http://webtv.un.org/watch/announcement-of-the-outcome" in page
    vetoed = pages["decisions/S-2020-852.md"]
    assert "put to the vote by written procedure, 31 August 2020" in vetoed and "vetoed by USA" in vetoed
    assert "decisions/index.md" in pages and "(<S-RES-2560-2020.md>)" in pages["decisions/index.md"]


def test_a_decision_is_listed_on_its_year_topic_and_resolution_pages(site):
    _, pages = site
    year = pages["meetings/2020.md"]
    assert "## Decisions taken without a meeting" in year and "(<../decisions/S-RES-2560-2020.md>)" in year
    topic = pages["topics/threats-to-international-peace-and-security-caused-by-terrorist-acts.md"]
    assert "## Decisions taken without a meeting" in topic and "(<../decisions/S-2020-852.md>)" in topic
    document = pages["documents/s-res-2560-2020.md"]
    assert re.search(r"Adopted without a meeting, by written procedure.*\(<\.\./decisions/S-RES-2560-2020\.md>\)",
                     document)


def test_hostile_text_of_a_decision_is_data(site):
    _, pages = site
    page = pages["decisions/S-PRST-2020-14.md"]
    assert "<script>" not in page and "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*Item\\*" in page


def test_decisions_are_open_data(site):
    _, pages = site
    rows = {r["page"]: r for r in csv.DictReader(io.StringIO(pages["data/decisions.csv"]))}
    assert set(rows) == {"decisions/S-RES-2560-2020.html", "decisions/S-2020-852.html",
                         "decisions/S-PRST-2020-14.html"}
    adopted = rows["decisions/S-RES-2560-2020.html"]
    assert (adopted["date"], adopted["decisions"], adopted["procedure_letters"]) == (
        "2020-12-29", "S/RES/2560 (2020): 15-0-0", "S/2020/1311")
    assert rows["decisions/S-2020-852.html"]["drafts"] == "S/2020/852"


@pytest.mark.skipif(search_worker.NODE is None, reason="needs Node to run the search worker")
def test_search_finds_the_decision_page_first(site, tmp_path):
    index, _ = site
    files, _, _ = prepare_search_index(documents(index))
    search_worker.write_index(tmp_path, files)
    assert search_worker.found(tmp_path, "S/RES/2560")[0] == "decisions/S-RES-2560-2020.html"
    assert search_worker.found(tmp_path, "S/2020/852")[0] == "decisions/S-2020-852.html"


# The Library's tables, 1946-2022 ------------------------------------------------------------

def test_the_librarys_74_written_decisions_have_pages(library_site):
    folder = library_site / "site" / "decisions"
    pages = sorted(p.name for p in folder.glob("*.html") if p.name != "index.html")
    assert len(pages) == 74  # 44 rows of the videoconference table of 2020, 30 of 2021's table
    assert "S-RES-2560-2020.html" in pages and "S-RES-2617-2021.html" in pages
    title = " ".join(read_page(folder / "S-RES-2560-2020.html").text)
    assert "S/RES/2560 (2020), adopted by written procedure, 29 December 2020" in title
    assert check_internal_links(folder) > 74 * 3  # its topic, its year, the index, at least
    report = (library_site / "site" / "build-report.json").read_text(encoding="utf-8")
    assert NO_MEETING_RECORD not in report  # every "--" row of the real tables names a decision


@pytest.mark.skipif(search_worker.NODE is None, reason="needs Node to run the search worker")
def test_search_on_the_library_site_finds_the_decision_first(library_site):
    assert search_worker.found(library_site / "site", "S/RES/2560")[0] == "decisions/S-RES-2560-2020.html"


def test_a_decision_spelling_its_item_otherwise_finds_the_items_page(tmp_path):
    # No meeting writes "Peace-building": the decision's item is found as the meetings' spellings
    # are merged (the same letters and digits), not left without a page.
    meeting = row(undocs("S/PV.8790"), "2 June", "--", "Peacebuilding and sustaining peace", "--", "--", "--")
    decision = row("--", "21 December", "--", "Peace-building and sustaining peace", undocs("S/2020/1273"),
                   undocs("S/2020/1269"), undocs("S/RES/2558 (2020)") + "<br> 15-0-0")
    write_table(tmp_path, COVID, 2020, [decision, meeting])
    repertoire = read_sources(default_sources(SOURCES))
    add_dhl(repertoire, tmp_path)
    pages = SiteRenderer(link(repertoire), jobs=1).pages()
    topic = "topics/peacebuilding-and-sustaining-peace.md"
    assert topic in pages and f"(<../{topic}>)" in pages["decisions/S-RES-2558-2020.md"]
    assert "(<../decisions/S-RES-2558-2020.md>)" in pages[topic]
