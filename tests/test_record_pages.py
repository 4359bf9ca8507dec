"""The pages of meetings known from the Library's tables (templates/record.md.j2) and the home
page's numbers (issue 14): the outcome said once, press releases and webcasts linked (and only
http(s) addresses), an opening that reads, counts with thousands separators.

The first tests render small tables written here (tests/support/library_tables.py) with the
bundled text source, so they run without ../shared/data; the last read the site of all the
Library's tables (`library_site`), checking each fact in the raw table first.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator import pipeline
from generator.render.environment import make_environment
from generator.render.renderer import SiteRenderer
from tests.support.library_tables import SEVEN, document_link, write_table
from tests.support.paths import SAMPLE_TXT
from tests.support.site_pages import read_page

PRESS = "http://www.un.org/press/en/1967/sc6001.doc.htm"
WEBCAST = "https://media.un.org/en/asset/k12/k12vhhbr9m"
HOSTILE = 'javascript:alert("x")'
ESCAPING = "https://example.org/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"  # an http address ending a tag


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """The Markdown pages of the bundled source with three small tables of the Library's."""
    folder = tmp_path_factory.mktemp("tables")
    write_table(folder, 1967, [
        (document_link("S/PV.1382"), "22 November", f'<a href="{PRESS}">SC/6001</a>',
         "The situation in the Middle East", f"{document_link('S/RES/242 (1967)')}<br> 15-0-0"),
        (document_link("S/PV.1383"), "23 November", f'<a href="{HOSTILE}">SC/6002</a>', "Cyprus",
         f"{document_link('S/RES/243 (1967)')} 14-0-1<br><br>Draft resolution {document_link('S/8300')} not "
         "adopted 4-1-10"),
        (document_link("S/PV.1384"), "24 November", "SC/6003", "Opening of the meeting<br><br>Adoption of the "
         "agenda<br><br>Selection of the President", "Communiqué"),
        (document_link("S/PV.1385"), "25 November", f'<a href="{ESCAPING}">SC/6004</a>', "Cyprus", "--"),
    ])
    write_table(folder, 2021, [
        (document_link("S/PV.8942"), "22 December", f'<a href="{WEBCAST}">Webcast</a>',
         "Maintenance of international peace and security", "--", "--",
         f"{document_link('S/RES/2616 (2021)')}<br> 12-0-3"),
        (document_link("S/PV.8943"), "23 December", f'<a href="{HOSTILE}">Webcast</a>', "Libya", "--", "--",
         "--"),
    ], header=SEVEN)
    index = pipeline.link(pipeline.read([SAMPLE_TXT], dhl=folder))
    return SiteRenderer(index, jobs=1).pages()


def html(page: str) -> str:
    """A page's body as HTML (its front matter left out)."""
    return markdown.markdown(page.split("\n---\n", 1)[1], extensions=["tables"])


def row(page: str, name: str) -> str:
    """The cell of the facts table's row `name`, as HTML ("" where the page has no such row)."""
    found = re.search(rf"<tr>\s*<td>{re.escape(name)}</td>\s*<td>(.*?)</td>\s*</tr>", html(page), re.S)
    return found.group(1) if found else ""


def test_the_outcome_is_said_once(pages):
    page = pages["meetings/S-PV-1382.md"]
    assert "Outcome" not in page  # the table's "S/RES/242 (1967) 15-0-0" says what the decisions row says
    assert "S/RES/242 (1967)" in row(page, "Decisions and vote") and "15-0-0" in row(page, "Decisions and vote")
    assert html(page).count("15-0-0") == 1


def test_the_tables_wording_is_kept_where_it_says_more(pages):
    page = pages["meetings/S-PV-1383.md"]
    decided = row(page, "Decisions and vote")
    assert "S/RES/243 (1967)" in decided and "not adopted 4-1-10" in decided
    assert html(page).count("not adopted") == 1 and html(page).count("14-0-1") == 1 and "Outcome" not in page
    communique = pages["meetings/S-PV-1384.md"]
    assert row(communique, "Outcome") == "Communiqué" and "Decisions and vote" not in communique


def test_press_releases_and_webcasts_are_links(pages):
    assert f'<a href="{PRESS}" title="SC/6001, UN press release">SC/6001</a>' in row(
        pages["meetings/S-PV-1382.md"], "Press release")
    # Printed without a link: the UN press site's address of its number, in the table's year.
    assert '<a href="https://press.un.org/en/1967/sc6003.doc.htm"' in row(pages["meetings/S-PV-1384.md"],
                                                                           "Press release")
    assert f'<a href="{WEBCAST}" title="UN Web TV">Webcast</a>' == row(pages["meetings/S-PV-8942.md"], "Recording")


def test_an_address_that_is_not_http_stays_text(pages):
    assert row(pages["meetings/S-PV-1383.md"], "Press release") == "SC/6002"
    assert "Recording" not in pages["meetings/S-PV-8943.md"]
    assert not any("javascript" in page.lower() for page in pages.values())
    escaped = row(pages["meetings/S-PV-1385.md"], "Press release")
    assert escaped.startswith('<a href="https://example.org/a&quot;%3E%3Cscript%3Ealert(1)%3C/script%3E"')
    assert "<script" not in html(pages["meetings/S-PV-1385.md"])


def test_the_page_opens_with_the_meeting_then_its_agenda(pages):
    page = pages["meetings/S-PV-1384.md"]
    description = re.search(r"^description: (.*)$", page, re.M).group(1)
    assert description == ('"Security Council meeting S/PV.1384 of 24 November 1967. Agenda: (1) Opening of the '
                           'meeting; (2) Adoption of the agenda; (3) Selection of the President."')
    body = html(page)
    opening = re.search(r"</h1>\s*<p>(.*?)</p>\s*<ul>(.*?)</ul>", body, re.S)
    assert opening.group(1) == "Security Council meeting S/PV.1384 of 24 November 1967. Agenda:"
    items = [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", opening.group(2))]
    assert items == ["Opening of the meeting", "Adoption of the agenda", "Selection of the President"]
    assert not re.search(r"^\| *Topics? *\|", page, re.M)  # the agenda is not listed twice (a facts row)
    single = html(pages["meetings/S-PV-1382.md"])
    assert re.search(r"</h1>\s*<p>Security Council meeting S/PV.1382 of 22 November 1967. Agenda: <a [^>]*>"
                     r"The situation in the Middle East</a>.</p>", single)


def test_counts_are_written_with_thousands_separators():
    render = make_environment().from_string("{{ 9396 | count }} meetings, {{ rows | count }} rows, {{ 12 | count }}")
    assert render.render(rows=list(range(1200))) == "9,396 meetings, 1,200 rows, 12"


# The site of all the Library's tables -----------------------------------------------------------

def raw(shared_data: Path, name: str) -> str:
    return re.sub(r"\s+", " ", (shared_data / "dhl-meeting-tables" / name).read_text(encoding="utf-8"))


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", "".join(read_page(path).text))


def test_library_record_says_its_outcome_once(library_site, shared_data):
    assert re.search(r">S/PV\.1382</a></td> <td>22 November </td> <td>The situation in the Middle East </td> "
                     r"<td><a [^>]*>S/RES/242 \(1967\)</a> <br>15-0-0</td>", raw(shared_data, "scact1967_table_en.html"))
    text = text_of(library_site / "site" / "meetings" / "S-PV-1382.html")
    assert "Outcome (as the Library's table prints it)" not in text
    assert text.count("15-0-0") == 1 and "Decisions and vote S/RES/242 (1967) (15-0-0)" in text


def test_library_press_releases_and_webcasts_are_linked(library_site, shared_data):
    assert re.search(r'href="http://www\.un\.org/press/en/2020/sc14142\.doc\.htm">SC/14142</a>',
                     raw(shared_data, "scact2020_table_en.html"))
    assert re.search(r'>S/PV\.8942</a></td> <td>22 December</td> <td><a target="_top" '
                     rf'href="{WEBCAST}">Webcast</a>', raw(shared_data, "scact2021_table_en.html"))
    pages = library_site / "site" / "meetings"
    assert "http://www.un.org/press/en/2020/sc14142.doc.htm" in read_page(pages / "S-PV-8745.html").links
    assert WEBCAST in read_page(pages / "S-PV-8942.html").links


def test_library_record_of_procedural_items_reads(library_site, shared_data):
    assert re.search(r">S/PV\.1</a></td> <td>17 January </td> <td>Opening of the meeting by the Temporary "
                     r"Chairman", raw(shared_data, "scact1946_table_en.html"))
    text = text_of(library_site / "site" / "meetings" / "S-PV-1.html")
    assert "Security Council meeting on" not in text
    assert "Security Council meeting S/PV.1 of 17 January 1946. Agenda: Opening of the meeting by the Temporary " \
           "Chairman Presentation of the section" in text


def test_library_home_counts_what_its_pages_list(library_site):
    site = library_site / "site"
    text = text_of(site / "index.html")
    meetings = len(list((site / "meetings").glob("S-PV-*.html")))
    assert meetings > 9000 and f"{meetings:,} meetings in all" in text
    documents_index = (site / "documents" / "index.html").read_text(encoding="utf-8")
    cited = documents_index.count("<tr>") - 1  # the table's rows, less its header
    other = re.search(r"The ([\d,]+) other resolutions", text_of(site / "documents" / "index.html")).group(1)
    assert f"Documents: {cited:,} cited in the Repertoire, and {other} other resolutions and statements" in text
    pages = len(list((site / "documents").glob("*.html"))) - 1
    assert cited + int(other.replace(",", "")) >= pages > 3000
    assert not re.search(r"\b\d{4,}\b", re.sub(r"\b(1[89]|20)\d\d\b", "", text))  # no count without its commas
