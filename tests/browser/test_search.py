"""Search, as a reader uses it: on the web and from the archive with the network cut."""
from __future__ import annotations

import re

from tests.support.browser import shot, wait_for_search


def open_search(page) -> None:
    page.goto(page.base + "index.html")
    page.locator("input.md-search__input").click()
    wait_for_search(page)  # from disk, Material starts the search worker on first focus


def result_links(page) -> list[str]:
    """Every result's address; Material renders results in batches as the list is scrolled."""
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    count = -1
    while links.count() != count:
        count = links.count()
        page.locator(".md-search__scrollwrap").evaluate("wrap => wrap.scrollTo(0, wrap.scrollHeight)")
        page.wait_for_timeout(100)
    page.locator(".md-search__scrollwrap").evaluate("wrap => wrap.scrollTo(0, 0)")
    return links.evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_lists_meeting_and_section_and_highlights_the_term(page):
    open_search(page)
    assert page.locator(".md-search").is_visible()  # Material hides it when the worker cannot start
    page.locator("input.md-search__input").press_sequentially("MONUSCO", delay=20)
    # The results for the whole word (each keystroke redraws the list for what is typed so far).
    page.locator(".md-search-result__link[href*='S-PV-9389.html'][href*='h=monusco' i]").first.wait_for(
        state="attached")
    page.wait_for_timeout(200)
    links = result_links(page)
    assert any(re.search(r"(^|/)meetings/S-PV-9389\.html", link) for link in links), links
    assert any(re.search(r"(^|/)sections/2023-i-24\.html", link) for link in links), links
    assert "S/PV.9389" in page.locator(".md-search-result").inner_text()
    shot(page, "search-results")

    page.locator(".md-search-result__item > a.md-search-result__link[href*='meetings/S-PV-9389.html']").first.click()
    page.wait_for_url(re.compile(r"meetings/S-PV-9389\.html"))
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    # text_content: a mark inside a collapsed list (What links here) has no rendered text
    assert {text.strip().upper() for text in marks.all_text_contents()} == {"MONUSCO"}
    assert marks.first.is_visible()
    shot(page, "search-opened-highlighted")
    assert not page.blocked, page.blocked
    assert not page.errors, page.errors


def test_search_from_the_keyboard_alone(page):
    """Tab to the search box, type, arrow down to a result, Enter opens it."""
    page.goto(page.base + "index.html")
    for presses in range(1, 31):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
    else:
        raise AssertionError("Tab never reached the search box")
    wait_for_search(page)
    page.keyboard.type("MONUSCO")
    # Let the results for the whole word settle (each keystroke redraws the list).
    page.locator(".md-search-result__link[href*='S-PV-9389.html'][href*='h=monusco' i]").first.wait_for(
        state="attached")
    page.wait_for_timeout(300)
    focused = ""
    for _ in range(40):  # arrow down the list to the meeting S/PV.9389
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.matches('a.md-search-result__link') && document.activeElement.href")
        if focused and "meetings/S-PV-9389.html" in focused:
            break
    assert focused and "meetings/S-PV-9389.html" in focused and "h=monusco" in focused.lower(), focused
    shot(page, "search-keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(focused)
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()  # Material marks the terms once the page has loaded
    assert {t.strip().upper() for t in marks.all_text_contents()} == {"MONUSCO"}  # also in collapsed lists
    assert presses <= 10, f"{presses} Tab presses to reach the search box"


def first_result(page) -> str:
    return page.locator(".md-search-result__item > a.md-search-result__link").first.get_attribute("href")


def test_search_finds_a_symbol_and_a_country(page):
    """The site's own index (generator/site/search_index.py): a record symbol finds its meeting first, a
    State its page first, then the meetings naming it; the opened meeting highlights the symbol."""
    open_search(page)
    search = page.locator("input.md-search__input")
    search.press_sequentially("Mozambique", delay=20)
    page.locator(".md-search-result__link[href*='h=mozambique' i]").first.wait_for(state="attached")
    page.wait_for_timeout(200)
    assert re.search(r"(^|/)countries/mozambique\.html\?h=mozambique$", first_result(page), re.I), first_result(page)
    assert any(re.search(r"(^|/)meetings/S-PV-9413\.html", link) for link in result_links(page))

    search.fill("")
    search.press_sequentially("S/PV.9413", delay=20)
    page.locator(".md-search-result__link[href*='h=s%2Fpv.9413' i]").first.wait_for(state="attached")
    page.wait_for_timeout(200)
    assert re.search(r"(^|/)meetings/S-PV-9413\.html\?h=s%2Fpv\.9413$", first_result(page), re.I), first_result(page)
    assert "S/PV.9413" in page.locator(".md-search-result__item").first.inner_text()
    shot(page, "search-symbol")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"meetings/S-PV-9413\.html"))
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert {text.strip() for text in marks.all_text_contents()} == {"S/PV.9413"}  # also in collapsed lists
    assert not page.blocked, page.blocked
    assert not page.errors, page.errors


def test_search_reads_a_few_small_files_not_a_whole_index(page):
    """'/' opens search; typing reads this site's worker and a few index files, never Material's lunr worker."""
    page.goto(page.base + "meetings/S-PV-9475.html")
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    wait_for_search(page)
    page.keyboard.type("police")
    page.locator(".md-search-result__link[href*='h=police' i]").first.wait_for(state="attached")
    page.wait_for_timeout(300)
    loaded = {url.split("?")[0][len(page.base):] for url in page.requests if url.startswith(page.base)}
    assert "assets/javascripts/repertoire-search.js" in loaded
    assert not any(path.startswith(("assets/javascripts/workers/", "assets/javascripts/lunr/")) for path in loaded)
    index_files = {path for path in loaded if path.startswith("search/r/")}
    assert {"search/r/manifest.js", "search/r/docs.js"} <= index_files
    assert any(path.startswith("search/r/t/") for path in index_files), index_files
    assert not page.errors, page.errors
