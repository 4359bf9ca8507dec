"""The meeting and section pages as a researcher reads them (issue 14): the account and its
footnotes first, then the facts, then the lists (collapsed), "Cite this page" last; "Cited by"
and the Documents index without a meeting's own account; a meeting without a decision says what
it was; the section's meetings table with only the columns its meetings fill.

The pages are the Markdown the renderer writes for the two bundled text sources; expected
values are read from the model (the sources as parsed), not from the pages."""
from __future__ import annotations

import re

import pytest

from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.link.pages import meeting_address, section_address
from generator.render.renderer import SiteRenderer, with_what_links_here
from tests.support.paths import SAMPLE_TXT, SOURCES

EXTRACT_2022 = SOURCES / "repertoire-2022-part-i-extract.txt"

# The section table's headings, as a reader finds them, and the Meeting field each shows.
HEADINGS = {"Sub-item": "sub_item", "Other documents": "other_documents", "Rule 37 invitations": "rule_37",
            "Rule 39 and other invitations": "rule_39", "Speakers": "speakers",
            "Decisions and vote (for-against-abstaining)": "decisions"}


@pytest.fixture(scope="module")
def site():
    index = SiteIndex.build(read_sources([SAMPLE_TXT, EXTRACT_2022]))
    return index, SiteRenderer(index, jobs=1).pages()


def meetings(index):
    return [(section, m) for section in index.repertoire.sections for m in section.meetings]


def block(page: str, name: str) -> str:
    """The <details id=name> list of a page, or ""."""
    found = re.search(rf'<details class="page-list" id="{name}" markdown="1">\n(.*?)\n</details>', page, re.S)
    return found.group(1) if found else ""


def own_account_citations(index, section, symbol):
    """The footnotes of a meeting's own account citing its record, read from the model."""
    own = {n for p in section.paragraphs if p.meeting == symbol for n in p.footnotes}
    return [f for f in section.footnotes if symbol in f.citations and f.number in own]


def citations_elsewhere(index, symbol):
    """(section, footnote) citing a meeting's record from outside its own account."""
    found = []
    for section in index.repertoire.sections:
        meeting_of = {n: p.meeting for p in section.paragraphs for n in p.footnotes}
        found += [(section, f) for f in section.footnotes
                  if symbol in f.citations and meeting_of.get(f.number) != symbol]
    return found


def test_meeting_page_order_account_footnotes_facts_lists_then_cite_last(site):
    index, pages = site
    for section, meeting in meetings(index):
        page = pages[meeting_address(meeting.symbol)]
        footnotes = "///Footnotes Go Here///" if "[^" in page else "## The meeting in the Repertoire"
        marks = [page.index("## The meeting in the Repertoire"), page.index(footnotes),
                 page.index("## Participants and decisions"), page.index('id="what-links-here"'),
                 page.index("## Cite this page")]
        assert marks == sorted(marks), meeting.symbol
        if "[^" in page:  # the footnotes' texts right after the account, before the facts
            assert marks[1] < page.index("\n[^") < marks[2], meeting.symbol
        for name in ("countries-cited", "in-this-section", "before-and-after", "cited-by"):
            if block(page, name):
                assert marks[2] < page.index(f'id="{name}"') < marks[3], (meeting.symbol, name)
        # every list collapsed (no "open"), its summary counting its items
        for found in re.finditer(r'<details class="page-list" id="([a-z-]+)" markdown="1">\n<summary>(.*?) '
                                 r'\((\d+)\)</summary>\n(.*?)\n</details>', page, re.S):
            name, _, count, body = found.groups()
            assert int(count) == len(re.findall(r"^- ", body, re.M)), (meeting.symbol, name)
        assert not re.search(r'<details class="page-list"[^>]*\bopen', page), meeting.symbol
        # "Cite this page" is last: nothing follows its block but its own lines (its forms)
        assert "\n## " not in page[marks[4] + 3:] and 'class="page-list"' not in page[marks[4]:]


def test_the_footnote_list_is_placed_only_where_there_are_footnotes(site):
    index, pages = site
    for section in index.repertoire.sections:
        page = pages[section_address(section)]
        assert ("///Footnotes Go Here///" in page) == ("[^" in page), section.number
        if "[^" in page:  # the section's footnotes precede its "What links here"
            assert page.index("///Footnotes Go Here///") < page.index('id="what-links-here"')


def test_what_links_here_is_grouped_by_kind_with_counts(site):
    index, pages = site
    page = pages[meeting_address("S/PV.9389")]
    listed = block(page, "what-links-here")
    groups = re.findall(r"^(.+) \((\d+)\):\n\{: \.page-list__group \}\n\n((?:- .*\n?)+)", listed, re.M)
    assert {"Indexes", "Sections", "Countries", "Briefers"} <= {name for name, _, _ in groups}
    for name, count, items in groups:
        assert int(count) == items.count("\n- ") + 1, name
    # each country page linking here, under Countries: the countries the footnotes name
    countries = dict((name, items) for name, _, items in groups)["Countries"]
    section = index.meeting_sections["S/PV.9389"]
    named = {c for f in section.footnotes if f.number in (834, 835, 836, 837) for c in f.countries}
    for country in named:
        assert f"[{country}" in countries, country


def test_cited_by_and_the_documents_index_leave_out_a_meetings_own_account(site):
    index, pages = site
    documents = pages["documents/index.md"]
    checked_elsewhere = 0
    for section, meeting in meetings(index):
        page = pages[meeting_address(meeting.symbol)]
        cited_by = block(page, "cited-by")
        own = own_account_citations(index, section, meeting.symbol)
        for footnote in own:  # S/PV.9389's footnotes 834-837 are not "citing" it
            assert f"footnote {footnote.number}]" not in cited_by, (meeting.symbol, footnote.number)
        elsewhere = citations_elsewhere(index, meeting.symbol)
        for other_section, footnote in elsewhere:  # S/PV.8973, cited by S/PV.8950's footnote 117
            assert f"footnote {footnote.number}]" in cited_by, (meeting.symbol, footnote.number)
            checked_elsewhere += 1
        row = next(line for line in documents.splitlines()
                   if line.startswith(f"| [{meeting.symbol.replace('.', chr(92) + '.')}]"))
        count = row.rsplit("|", 2)[1].strip()
        if not elsewhere:
            assert count == "its own account only", row
        else:
            assert count.startswith(str(len(elsewhere))), row
    assert checked_elsewhere >= 1
    own_9389 = own_account_citations(index, index.meeting_sections["S/PV.9389"], "S/PV.9389")
    assert [f.number for f in own_9389] == [834, 835, 836, 837]


NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def formats_told(section) -> dict[str, int]:
    """How many meetings of each format the section's overview says it held: "held six meetings
    ..., two of which took the form of open debates and four of briefings" -> {open debate: 2, briefing: 4}."""
    overview = " ".join(p.text for p in section.paragraphs if p.meeting is None)
    told = re.search(r"held (\w+) meetings .*?, (all|\w+) of which (?:took the form of ([\w ]+?)s\b"
                     r"(?: and (\w+) of (\w+)s)?)?", overview)
    if not told:  # section 35 says "at which it held its semi-annual debate" only
        return {}
    held, first, first_format, second, second_format = told.groups()
    counts = {first_format: NUMBERS[held] if first == "all" else NUMBERS[first]} if first_format else {}
    if second:
        counts[second_format] = NUMBERS[second]
    return counts


def test_a_meeting_without_a_decision_says_what_it_was(site):
    """Checked against what each section's overview says of its meetings' formats."""
    index, pages = site
    checked = 0
    for section in index.repertoire.sections:
        said: dict[str, int] = {}
        for meeting in section.meetings:
            row = re.search(r"^\| Decisions and vote \| (.*) \|$", pages[meeting_address(meeting.symbol)], re.M)
            assert row, meeting.symbol  # the row is always there
            if meeting.decisions:
                assert all(d.symbol.split(" ")[0].replace(".", "\\.") in row.group(1) for d in meeting.decisions)
                continue
            format = re.fullmatch(r"None \(an? ([\w ]+); no decision was taken\)", row.group(1))
            assert format, (meeting.symbol, row.group(1))
            said[format.group(1)] = said.get(format.group(1), 0) + 1
        told = formats_told(section)
        for name, count in told.items():
            assert said.get(name, 0) == count, (section.number, said, told)
            checked += count
    assert checked >= 11  # section 24: three briefings; Iraq: two; the Middle East: two open debates, four briefings
    assert "None (a briefing; no decision was taken)" in pages[meeting_address("S/PV.9389")]


def test_empty_invitation_rows_say_none(site):
    index, pages = site
    nones = 0
    for section, meeting in meetings(index):
        page = pages[meeting_address(meeting.symbol)]
        for heading, invited in (("Rule 37 invitations", meeting.rule_37),
                                 ("Rule 39 and other invitations", meeting.rule_39)):
            row = re.search(rf"^\| {heading} \| (.*) \|$", page, re.M)
            assert row, (meeting.symbol, heading)
            assert (row.group(1) == "None") == (not invited), (meeting.symbol, heading)
            nones += not invited
    assert nones >= 3


def test_section_table_has_only_the_columns_its_meetings_fill(site):
    index, pages = site
    for section in index.repertoire.sections:
        page = pages[section_address(section)]
        header = next(line for line in page.splitlines() if line.startswith("| Meeting and date |"))
        shown = [cell.strip() for cell in header.strip("|").split("|")][1:]
        filled = [heading for heading, field in HEADINGS.items() if any(getattr(m, field) for m in section.meetings)]
        assert shown == filled, section.number
    assert "Rule 37 invitations" not in pages[section_address(index.meeting_sections["S/PV.9389"])].split(
        "## Meetings")[1].split("\n\n## ")[0]


def test_what_links_here_goes_where_the_template_puts_it_the_last_marker_wins():
    from generator.render.contexts import WHAT_LINKS_HERE_PLACE as place

    footer = b"WHAT LINKS HERE\n"
    body = f"text {place} quoted\n\n{place}\n\n## Cite this page".encode()
    assert with_what_links_here(body, footer) == f"text {place} quoted\n\nWHAT LINKS HERE\n\n## Cite this page".encode()
    assert with_what_links_here(b"page", footer) == b"page\n\nWHAT LINKS HERE\n"
