"""The site with the Library's meeting tables (`repertoire build --dhl DIR`): a page for every meeting,
topic pages, resolutions linked to the meeting that adopted them, meetings listed year by year.

Built once with the real CLI from the bundled text source, two real tables (1946 and 2021, copied
from ../shared/data) and one handmade 2023 table naming S/PV.9389, a meeting the Repertoire
describes. The facts checked below were read in the tables themselves; each test first checks that
the raw table still says so, then that the site shows it.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.builders import cli_build, project_folder
from tests.support.paths import SAMPLE_TXT
from tests.support.site_pages import check_internal_links, read_page

TABLES = ("scact1946_table_en.html", "scact2021_table_en.html")

# A 2023 table in the Library's five-column layout (copied from scact2022_table_en.html), made by hand:
# the real tables stop in mid-2022, before the bundled section's meetings. Topic and press release
# are this fixture's own.
HANDMADE_2023 = """<html>
<table class="tablefont" summary="The table has five columns and should be read per row.">
  <tr>
    <th colspan="5" class="tbltitle">Meetings conducted  by the Security Council in 2023<br/>
      (in reverse chronological order)</th>
  </tr>
  <tr>
    <th width="15%">Meeting<br />
    Record</th>
    <th width="15%">Date</th>
    <th width="15%">Press<br />
      Release</th>
    <th width="30%">Topic</th>
    <th width="25%">Security Council<br> Outcome / Vote</th>
  </tr>
<tr>
    <td><a target="top" href="https://undocs.org/en/S/PV.9389">S/PV.9389</a></td>
       <td>28 July</td>
  <td><a target="top" href="http://www.un.org/press/en/2023/sc15371.doc.htm">SC/15371</a></td>
  <td>United Nations peacekeeping operations</td>
      <td>--</td>
</tr>
</table>
</html>
"""


def text_of(page) -> str:
    return re.sub(r"\s+", " ", "".join(page.text))


def headings(path: Path) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", path.read_text("utf-8"))]


@pytest.fixture(scope="module")
def dhl_site(tmp_path_factory, shared_data):
    work = tmp_path_factory.mktemp("dhl-build")
    tables = work / "dhl"
    tables.mkdir()
    for name in TABLES:
        shutil.copy(shared_data / "dhl-meeting-tables" / name, tables / name)
    (tables / "scact2023_table_en.html").write_text(HANDMADE_2023, encoding="utf-8")
    project_folder(work)
    (work / "stderr.txt").write_text(cli_build(work, SAMPLE_TXT, "--dhl", tables), encoding="utf-8")
    return work


def raw(dhl_site, name: str) -> str:
    return re.sub(r"\s+", " ", (dhl_site / "dhl" / name).read_text(encoding="utf-8"))


def test_a_meeting_only_the_library_lists_has_its_page(dhl_site):
    source = raw(dhl_site, "scact1946_table_en.html")
    assert re.search(r">S/PV\.80</a></td> <td>15 November </td> <td>Application from Switzerland to become a party "
                     r"to the Statute of the International Court of Justice </td> <td><a [^>]*>S/RES/11 \(1946\)</a> "
                     r"<br> 11-0-0</td>", source)
    path = dhl_site / "site" / "meetings" / "S-PV-80.html"
    page = read_page(path)
    text = text_of(page)
    assert "15 November 1946" in text
    assert "Application from Switzerland to become a party to the Statute of the International Court of Justice" in text
    assert "S/RES/11 (1946) (11-0-0)" in text
    assert "not (yet) on this site" in text
    assert "../documents/s-res-11-1946.html" in page.links
    assert "https://undocs.org/en/S/PV.80" in page.links
    topic = [link for link in page.links if link.startswith("../topics/application-from-switzerland")]
    assert topic and (path.parent / topic[0]).resolve().exists()
    # Previous and next in time: S/PV.79 of 4 November and S/PV.81 of 29 November, in the same table.
    assert re.search(r">S/PV\.79</a></td> <td>4 November </td>", source)
    assert re.search(r">S/PV\.81</a></td> <td>29 November </td>", source)
    assert "Previous meeting: S/PV.79, 4 November 1946" in text and "Next meeting: S/PV.81, 29 November 1946" in text


def test_resolution_page_names_the_meeting_that_adopted_it_with_the_vote(dhl_site):
    source = raw(dhl_site, "scact2021_table_en.html")
    assert re.search(r">S/PV\.8934</a></td> <td>17 December</td> .*?<td>Threats to international peace and "
                     r"security caused by terrorist attacks</td> <td>--</td> <td>--</td> <td><a [^>]*>"
                     r"S/RES/2610 \(2021\)</a><br> 15-0-0</td>", source)
    page = read_page(dhl_site / "site" / "documents" / "s-res-2610-2021.html")
    assert "Adopted at S/PV.8934 on 17 December 2021 (15-0-0)." in text_of(page)
    assert "../meetings/S-PV-8934.html" in page.links
    assert "https://undocs.org/en/S/RES/2610(2021)" in page.links
    meeting = read_page(dhl_site / "site" / "meetings" / "S-PV-8934.html")
    assert "S/RES/2610 (2021) (15-0-0)" in text_of(meeting)
    assert "../documents/s-res-2610-2021.html" in meeting.links


def test_every_adopted_resolution_has_a_document_page(dhl_site):
    """Each resolution in a row with a meeting record has a page; one adopted without a meeting
    (2020-2021 written procedure, record "--") has one too, and a page of the decision."""
    for name in TABLES:
        at_meetings, without = set(), set()
        for row in raw(dhl_site, name).split("<tr")[1:]:
            found = set(re.findall(r">S/RES/(\d+) ?\((\d{4})\)</a>", row))
            (without if re.match(r"[^>]*> <td>--</td>", row) else at_meetings).update(found)
        assert len(at_meetings) > 10
        for number, year in at_meetings:
            assert (dhl_site / "site" / "documents" / f"s-res-{number}-{year}.html").exists(), (number, year)
        for number, year in without:
            assert (dhl_site / "site" / "documents" / f"s-res-{number}-{year}.html").exists(), (number, year)
            document = read_page(dhl_site / "site" / "documents" / f"s-res-{number}-{year}.html")
            assert any(link.startswith("../decisions/S-RES-") for link in document.links), (number, year)
    assert re.search(r"<td>--</td> <td>28 May</td> .*?S/RES/2577 \(2021\)</a><br> 13-0-2",
                     raw(dhl_site, "scact2021_table_en.html"))
    assert "13-0-2" in text_of(read_page(dhl_site / "site" / "decisions" / "S-RES-2577-2021.html"))


def test_topic_page_groups_spellings_and_lists_meetings_by_year(dhl_site):
    source = raw(dhl_site, "scact1946_table_en.html")
    # The 1946 table writes "The Iranian question" 11 times and "The Iranian Question" once (S/PV.3).
    assert source.count("The Iranian question") == 11 and source.count("The Iranian Question") == 1
    assert re.search(r">S/PV\.3</a></td> <td>28 January </td> <td>Filming of proceedings<br><br>"
                     r"The Iranian Question</td>", source)
    path = dhl_site / "site" / "topics" / "the-iranian-question.html"
    page = read_page(path)
    text = text_of(page)
    assert "The Iranian question" in text and "Also written: “The Iranian Question”" in text
    assert "1946" in headings(path)
    assert "../meetings/S-PV-3.html" in page.links and "../meetings/S-PV-5.html" in page.links
    assert not list((dhl_site / "site" / "topics").glob("the-iranian-question-*.html"))
    # Meetings of another year are under that year's heading.
    terrorism_path = (dhl_site / "site" / "topics" /
                      "threats-to-international-peace-and-security-caused-by-terrorist-attacks.html")
    terrorism = read_page(terrorism_path)
    assert "2021" in headings(terrorism_path)
    assert "../meetings/S-PV-8934.html" in terrorism.links
    index = read_page(dhl_site / "site" / "topics" / "index.html")
    assert "the-iranian-question.html" in index.links


def test_meetings_index_is_split_by_year(dhl_site):
    meetings = dhl_site / "site" / "meetings"
    index = read_page(meetings / "index.html")
    for year in ("1946", "2021", "2023"):
        assert f"{year}.html" in index.links
    year = read_page(meetings / "1946.html")
    listed = list(dict.fromkeys(link for link in year.links if link.startswith("S-PV-")))
    records = re.findall(r'href="https://undocs\.org/en/S/PV\.(\d+)">', raw(dhl_site, "scact1946_table_en.html"))
    assert listed[0] == "S-PV-1.html" and len(listed) >= len(set(records)) - 5  # a few are "(closed)" records
    assert not any("S-PV-89" in link for link in year.links)  # 2021's meetings are on 2021's page
    nav = (dhl_site / "site" / "index.html").read_text(encoding="utf-8")
    nav = nav[nav.index('class="md-nav md-nav--primary"'):nav.index('class="md-content"')]
    assert "meetings/index.html" in nav and "topics/index.html" in nav
    assert "1946.html" not in nav and "S-PV-" not in nav


def test_meeting_the_repertoire_describes_gets_the_librarys_topic(dhl_site):
    page = read_page(dhl_site / "site" / "meetings" / "S-PV-9389.html")
    text = text_of(page)
    assert "At the meeting held on 28 July, the Council was briefed by" in text  # the Repertoire's narrative
    assert "SC/15371" in text
    assert "../topics/united-nations-peacekeeping-operations.html" in page.links
    assert "not (yet) on this site" not in text
    # The meeting before it on the whole site: the last of 2021, S/PV.8942 of 22 December (highest number that day).
    assert re.search(r">S/PV\.8942</a></td> <td>22 December</td>", raw(dhl_site, "scact2021_table_en.html"))
    assert "Previous meeting of the Council on this site: S/PV.8942, 22 December 2021" in text
    topic = text_of(read_page(dhl_site / "site" / "topics" / "united-nations-peacekeeping-operations.html"))
    assert "S/PV.9389" in topic


def test_every_internal_link_resolves(dhl_site):
    assert check_internal_links(dhl_site / "site") > 1000


def test_no_progress_bar_when_not_in_a_terminal(dhl_site, capsys):
    from generator.progress import progress

    stderr = (dhl_site / "stderr.txt").read_text(encoding="utf-8")
    assert "Writing pages" not in stderr and "\r" not in stderr
    bar = progress(3, "Writing pages")  # pytest's stderr is no terminal
    bar.update(3)
    bar.close()
    assert "Writing pages" not in capsys.readouterr().err
    bar = progress(3, "Writing pages", enabled=True)
    bar.update(3)
    bar.close()
    assert "Writing pages" in capsys.readouterr().err
