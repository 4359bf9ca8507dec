"""'Cite this page' in Chromium, served and from disk: today's access date in every form, the copy
button puts the form on the clipboard, the download is a file named after the page that parses."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import bibtexparser
import pytest
import rispy

from generator.model.vocabulary import human_date

from tests.support.browser import new_page, open_context, shot

MEETING = "meetings/S-PV-9389.html"
SECTION = "sections/2023-i-24.html"


@pytest.fixture
def cite_page(browser, site, origin):
    """A page whose reader is in London (en-GB, UTC), allowed to use the clipboard."""
    context = open_context(browser, site, origin, locale="en-GB", timezone_id="UTC")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = new_page(context, origin)
    yield tab
    context.close()


def today():
    return datetime.now(timezone.utc).date()


def form(page, name: str):
    return page.locator("details.cite-form").filter(has=page.locator("summary", has_text=name))


def opened(page, name: str):
    """The form `name`, its <details> opened as a reader would, once cite.js has added its tools."""
    found = form(page, name)
    found.locator(".cite-tools").wait_for(state="attached")
    if found.get_attribute("open") is None:
        found.locator("summary").click()
    return found


def test_every_form_has_todays_access_date(cite_page):
    page = cite_page
    page.goto(page.base + MEETING)
    day = today()
    text = opened(page, "Text").locator("pre code").inner_text()
    assert text.startswith("United Nations Security Council, “Security Council meeting S/PV.9389, 28 July 2023”")
    assert text.endswith(f", meetings/S-PV-9389.html, accessed {human_date(day.isoformat())}.")
    entry = bibtexparser.parse_string(opened(page, "BibTeX").locator("pre code").inner_text()).entries[0]
    assert entry["urldate"] == day.isoformat()
    [ris] = rispy.loads(opened(page, "RIS").locator("pre code").inner_text())
    assert ris["access_date"] == day.strftime("%Y/%m/%d/")
    [item] = json.loads(opened(page, "CSL-JSON").locator("pre code").inner_text())
    assert item["accessed"] == {"date-parts": [[day.year, day.month, day.day]]}
    assert page.errors == []
    shot(page, "cite-forms", full_page=True)


@pytest.mark.parametrize("name", ["Text", "BibTeX", "RIS", "CSL-JSON"])
def test_copy_puts_the_form_on_the_clipboard(cite_page, name):
    page = cite_page
    page.goto(page.base + MEETING)
    found = opened(page, name)
    found.get_by_role("button", name=f"Copy the {name} citation").click()
    found.locator(".cite-status", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == found.locator("pre code").inner_text()


def test_download_is_a_file_named_after_the_page_that_parses(cite_page):
    page = cite_page
    page.goto(page.base + SECTION)
    downloads = {}
    for name in ["BibTeX", "RIS", "CSL-JSON"]:
        with page.expect_download() as info:
            opened(page, name).locator("a.cite-download").click()
        downloads[info.value.suggested_filename] = open(info.value.path(), encoding="utf-8").read()
    assert set(downloads) == {"2023-i-24.bib", "2023-i-24.ris", "2023-i-24.json"}
    library = bibtexparser.parse_string(downloads["2023-i-24.bib"])
    assert not library.failed_blocks and library.entries[0]["title"].startswith("{24. ")
    assert library.entries[0]["urldate"] == today().isoformat()
    assert rispy.loads(downloads["2023-i-24.ris"])[0]["urls"] == ["sections/2023-i-24.html"]
    [item] = json.loads(downloads["2023-i-24.json"])
    assert item["URL"] == "sections/2023-i-24.html" and item["accessed"]["date-parts"][0][0] == today().year


def test_without_javascript_the_forms_name_no_access_date(browser, site, origin):
    context = open_context(browser, site, origin, java_script_enabled=False)
    page = new_page(context, origin)
    try:
        page.goto(page.base + MEETING)
        texts = page.locator("details.cite-form pre code").all_text_contents()
        assert len(texts) == 4 and texts[0].endswith(", meetings/S-PV-9389.html.")
        assert not any("accessed" in t or "urldate" in t or "Y2  -" in t for t in texts)
        assert page.locator(".cite-tools").count() == 0  # no button that would do nothing
    finally:
        context.close()


def test_printed_the_text_citation_shows_and_the_buttons_do_not(cite_page):
    page = cite_page
    page.goto(page.base + MEETING)
    opened(page, "Text")
    page.emulate_media(media="print")
    assert form(page, "Text").locator("pre code").is_visible()
    assert not form(page, "Text").locator(".cite-tools").is_visible()


def test_a_search_highlight_leaves_the_citation_as_written(cite_page):
    page = cite_page
    page.goto(page.base + MEETING + "?h=s%2Fpv.9389")  # as a search result opens it
    page.locator("article mark[data-md-highlight]").first.wait_for()
    assert page.locator(".cite mark").count() == 0
    text = form(page, "Text").locator("pre code")
    assert text.evaluate("code => code.childNodes.length") == 1 and "S/PV.9389" in text.inner_text()
