"""The topics index of the site with all the Library's tables (about 900 items), opened from disk in
Chromium: a bar of initials, a filter box, a compact list, whole without JavaScript (issue 14)."""
from __future__ import annotations

import pytest

from tests.support.browser import Site, new_page, open_context, shot

# The list (first letter's heading to the last table) was 53,000 px tall at 1280 px, 60 px a row:
# a row of the compact table is one or two lines of text.
MAX_ROW_HEIGHT_PX = 45
LIST_HEIGHT = """() => { const tables = [...document.querySelectorAll('.md-typeset table')];
  const first = document.querySelector('.md-typeset h2[id^="letter-"]');
  return tables[tables.length - 1].getBoundingClientRect().bottom - first.getBoundingClientRect().top; }"""
VISIBLE_ROWS = "() => [...document.querySelectorAll('.md-typeset tbody tr')].filter(r => r.offsetParent !== null)"


@pytest.fixture
def library_disk(library_site):
    return Site(library_site, library_site / "site", "http://127.0.0.1:9/", None)


@pytest.fixture
def topics_page(browser, library_disk):
    context = open_context(browser, library_disk, "file")
    tab = new_page(context, "file")
    tab.goto(library_disk.base("file") + "topics/index.html")
    yield tab
    context.close()


def test_letter_bar_and_compact_list(topics_page):
    rows = topics_page.locator(".md-typeset tbody tr").count()
    assert rows > 800
    bar = topics_page.locator(".topic-letters a")
    letters = bar.all_inner_texts()
    assert letters[:3] == ["A", "B", "C"] and len(letters) == topics_page.locator("h2[id^='letter-']").count()
    topics_page.click(".topic-letters a:text-is('S')")
    heading = topics_page.locator("h2#letter-s")
    assert topics_page.url.endswith("#letter-s")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    bar_bottom = topics_page.locator(".topic-letters").evaluate("bar => bar.getBoundingClientRect().bottom")
    assert topics_page.locator(".topic-letters").is_visible()  # the bar stays in view
    assert bar_bottom <= top < 400  # the heading is in view, not under the bar
    assert topics_page.evaluate(LIST_HEIGHT) / rows < MAX_ROW_HEIGHT_PX
    assert not topics_page.errors and not topics_page.blocked


def test_filter_box_keeps_the_matching_items(topics_page):
    total = topics_page.locator(".md-typeset tbody tr").count()
    box = topics_page.locator(".topic-filter input[type=search]")
    box.fill("cyprus")
    visible = topics_page.evaluate(f"() => ({VISIBLE_ROWS})().map(r => r.cells[0].textContent)")
    assert "The situation in Cyprus" in visible and "Cyprus" in visible
    assert "Complaint by the Government of Cyprus" in visible
    assert all("cyprus" in name.lower() for name in visible), visible
    assert topics_page.inner_text(".topic-filter__count").strip() == f"{len(visible)} of {total} items"
    assert not topics_page.locator("h2#letter-b").is_visible()  # a letter with no match is hidden
    assert topics_page.locator("h2#letter-c").is_visible()
    box.fill("COTE D'IVOIRE")  # case and accents ignored
    visible = topics_page.evaluate(f"() => ({VISIBLE_ROWS})().map(r => r.cells[0].textContent)")
    assert "The situation in Côte d'Ivoire" in visible
    shot(topics_page, "topics-filter")
    box.fill("")
    assert topics_page.evaluate(f"() => ({VISIBLE_ROWS})().length") == total


def test_without_javascript_the_list_is_whole_and_has_no_box(browser, library_disk):
    context = open_context(browser, library_disk, "file", java_script_enabled=False)
    tab = new_page(context, "file")
    tab.goto(library_disk.base("file") + "topics/index.html")
    assert tab.locator(".topic-filter input").count() == 0
    assert tab.locator(".md-typeset tbody tr").count() > 800
    assert tab.locator(".topic-letters a").count() > 20
    context.close()
