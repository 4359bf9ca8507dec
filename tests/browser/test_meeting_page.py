"""The meeting and section pages as a researcher reads and prints them (issue 14), in Chromium:
a footnote marker lands on its footnote right after the account; the lists are collapsed;
"Cited by" without the page's own footnotes; a briefing says so; the section's meetings table
shows its filled columns whole at 1280 px and stacks on a phone; paper gets the account and its
footnotes first, the addresses of links to other sites, and fewer pages."""
from __future__ import annotations

import re
import shutil

import pytest

from generator.link.pages import built_address, section_address

from tests.support.browser import Site, artifact, new_page, open_context, shot
from tests.support.builders import cli_build, copy_hand_written
from tests.support.paths import ROOT, SOURCES

MEETING = "meetings/S-PV-9389.html"
SECTION = "sections/2023-i-24.html"
EXTRACT_2022 = SOURCES / "repertoire-2022-part-i-extract.txt"
PAGES_PRINTED_BEFORE = 4  # S/PV.9389 on A4 before issue 14: lists of links took 1.5 of its 4 pages

# The section table's headings, and the Meeting field each shows.
HEADINGS = {"Sub-item": "sub_item", "Other documents": "other_documents", "Rule 37 invitations": "rule_37",
            "Rule 39 and other invitations": "rule_39", "Speakers": "speakers",
            "Decisions and vote (for-against-abstaining)": "decisions"}


@pytest.fixture(scope="module")
def site_2022(tmp_path_factory, browser):
    """The site of the 2022 extract (sections with rule 37 invitations and decisions), opened from disk."""
    project = tmp_path_factory.mktemp("site-2022")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    copy_hand_written(project / "content")
    cli_build(project, EXTRACT_2022)
    return Site(project, project / "site", "http://127.0.0.1:9/", None)


@pytest.fixture(scope="module")
def model_2022():
    from generator.assemble.sources import read_sources

    return read_sources([EXTRACT_2022])


# ---------------------------------------------------------------- the account and its footnotes


def test_a_footnote_marker_lands_on_its_footnote_right_after_the_account(page):
    page.goto(page.base + MEETING)
    page.locator("sup#fnref\\:836 a.footnote-ref").click()
    page.wait_for_url(re.compile(r"#fn:836$"))
    note = page.locator("li#fn\\:836")
    box = note.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"], box  # the footnote is on screen
    account_end = page.locator("#para-5").bounding_box()
    footnotes = page.locator(".footnote").bounding_box()
    facts = page.locator("article table").first.bounding_box()
    # the list follows the account's last paragraph (its hr and margins between), then the facts
    assert 0 <= footnotes["y"] - (account_end["y"] + account_end["height"]) < 80, (account_end, footnotes)
    assert facts["y"] > footnotes["y"] + footnotes["height"], (footnotes, facts)
    # the account is still there: its last paragraph is within a screen of the footnote
    assert box["y"] - (account_end["y"] + account_end["height"]) < page.viewport_size["height"]
    shot(page, "meeting-footnote-landed")
    assert not page.blocked and not page.errors, (page.blocked, page.errors)


def test_the_lists_are_collapsed_with_their_counts_and_open_on_a_click(page):
    page.goto(page.base + MEETING)
    lists = page.locator("details.page-list")
    names = lists.evaluate_all("ds => ds.map(d => d.id)")
    assert {"countries-cited", "in-this-section", "what-links-here"} <= set(names), names
    facts = page.locator("article table").first.bounding_box()
    cite = page.locator("h2#cite-this-page").bounding_box()
    for name in names:
        details = page.locator(f"details#{name}")
        assert details.evaluate("d => d.open") is False, name
        assert not details.locator("li a").first.is_visible(), name
        box = details.bounding_box()
        assert facts["y"] < box["y"] < cite["y"], name  # after the facts, before "Cite this page"
        summary = details.locator("summary").inner_text()
        count = re.fullmatch(r".+ \((\d+)\)", summary.strip())
        assert count, summary
        assert int(count.group(1)) == details.locator("li").count(), (name, summary)
    links_here = page.locator("details#what-links-here")
    links_here.locator("summary").click()
    assert links_here.evaluate("d => d.open") and links_here.locator("li a").first.is_visible()
    groups = links_here.locator(".page-list__group").all_inner_texts()
    assert any(g.startswith("Countries (") for g in groups) and any(g.startswith("Briefers (") for g in groups), groups
    shot(page, "meeting-lists")


def test_cited_by_leaves_out_the_pages_own_footnotes_and_the_documents_index_says_so(page):
    page.goto(page.base + MEETING)
    own = page.locator('article a[href^="S-PV-9389.html#fn"]')  # "Cited by" linking to this page's footnotes
    assert own.count() == 0, own.evaluate_all("links => links.map(a => a.textContent)")
    assert page.locator("#cited-by a[href*='S-PV-9389.html']").count() == 0
    page.goto(page.base + "documents/index.html")
    row = page.locator("article tr").filter(has=page.locator("a", has_text=re.compile(r"^S/PV\.9389$")))
    assert row.locator("td").nth(2).inner_text().strip() == "its own account only"


def test_a_briefing_says_no_decision_was_taken_and_empty_rule_37_says_none(page, sample_section):
    meeting = next(m for m in sample_section.meetings if m.symbol == "S/PV.9389")
    assert not meeting.decisions and not meeting.rule_37  # what the Repertoire's table gives
    overview = " ".join(p.text for p in sample_section.paragraphs if p.meeting is None)
    assert "all of which took the form of briefings" in overview
    page.goto(page.base + MEETING)
    facts = dict(page.locator("article table").first.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[0].textContent.trim(), r.cells[1].textContent.trim()])"))
    assert facts["Decisions and vote"] == "None (a briefing; no decision was taken)", facts
    assert facts["Rule 37 invitations"] == "None", facts


# ---------------------------------------------------------------- the section's meetings table

_TABLE = """table => {
  const wrap = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  const problems = [];
  if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`scrolls: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
  for (const cell of table.querySelectorAll('th, td')) {
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`cut off: ${cell.textContent.slice(0, 40)}`);
    if (cell.getBoundingClientRect().right > wrap.getBoundingClientRect().right + 1)
      problems.push(`outside the table's box: ${cell.textContent.slice(0, 40)}`);
    // a word (between spaces, or a piece of a hyphenated word such as Under-Secretary-General) on two lines
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.cell-label')) continue;
      const words = /[^\\s-]+-?/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1)
          problems.push(`word broken: ${m[0]}`);
      }
    }
  }
  // names are not set a word a line: a cell of several names has fewer lines than words
  for (const cell of table.querySelectorAll('td')) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    const words = cell.textContent.trim().split(/\\s+/).length;
    if (words >= 6 && lines >= words) problems.push(`a word a line: ${cell.textContent.slice(0, 40)}`);
  }
  return {headings: [...table.querySelectorAll('th')].map(th => th.textContent.trim()), problems};
}"""


def filled_headings(section) -> list[str]:
    return ["Meeting and date"] + [h for h, field in HEADINGS.items() if any(getattr(m, field) for m in section.meetings)]


def test_section_table_has_its_filled_columns_whole_at_1280_px(browser, site, site_2022, sample_section, model_2022):
    checked = []
    for built, sections in ((site, [sample_section]), (site_2022, model_2022.sections)):
        context = open_context(browser, built, "file")
        tab = new_page(context, "file")
        for section in sections:
            address = built_address(section_address(section))
            tab.goto(built.base("file") + address)
            assert tab.viewport_size["width"] == 1280
            result = tab.locator(".section-meetings table").evaluate(_TABLE)
            assert result["headings"] == filled_headings(section), address
            assert not result["problems"], (address, result["problems"][:10])
            checked.append((address, result["headings"]))
            shot(tab, f"section-table-1280-{section.number}", full_page=True)
        context.close()
    with_decisions = [h for _, h in checked if "Decisions and vote (for-against-abstaining)" in h]
    assert len(checked) == 4 and len(with_decisions) == 2, checked


def test_section_table_stacks_on_a_phone(phone_page, sample_section):
    page = phone_page
    page.goto(page.base + SECTION)
    table = page.locator(".section-meetings table")
    assert not page.locator(".section-meetings thead").is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(sample_section.meetings)
    headings = filled_headings(sample_section)
    for r in range(rows.count()):
        row = rows.nth(r)
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        row_box = row.bounding_box()
        for cell in row.locator("td").all():
            if not cell.is_visible():
                continue
            box = cell.bounding_box()
            assert abs(box["width"] - row_box["width"]) <= 2, (box, row_box)  # one block under the other
            label = cell.locator(".cell-label")
            assert label.is_visible() and label.inner_text().strip() in headings
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "phone-section-table-stacked", full_page=True)


# ---------------------------------------------------------------- print


def test_a_meeting_prints_its_account_and_footnotes_first_with_link_addresses(web_page):
    page = web_page
    page.goto(page.base + MEETING)
    page.emulate_media(media="print")
    footnotes = page.locator(".footnote").bounding_box()
    assert page.locator("#para-5").bounding_box()["y"] < footnotes["y"]
    assert footnotes["y"] + footnotes["height"] < page.locator("article table").first.bounding_box()["y"]
    for name in page.locator("details.page-list").evaluate_all("ds => ds.map(d => d.id)"):
        assert not page.locator(f"details#{name}").is_visible(), name  # ways around the site, not on paper
    after = page.locator("article a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])")
    external = [(href, content) for href, content in after if href.startswith("http")]
    assert external
    for href, content in after:
        if href.startswith("http"):
            assert href in content, (href, content)
        else:
            assert content in ("none", "normal"), (href, content)

    import pdfplumber

    pdf_path = artifact("print-meeting-issue-14.pdf")
    page.pdf(path=str(pdf_path), format="A4")
    with pdfplumber.open(pdf_path) as pdf:
        printed = len(pdf.pages)
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    assert "S/PV.9389 (https://undocs.org/en/S/PV.9389)" in flat
    assert flat.index("837. Ibid.") < flat.index("Participants and decisions") < flat.index("Cite this page")
    assert "What links here" not in flat and "Countries cited" not in flat
    assert printed < PAGES_PRINTED_BEFORE, printed
