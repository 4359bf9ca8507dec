"""Search, as a reader uses it: on the web and from the archive with the network cut."""
from __future__ import annotations

import re

from .conftest import shot, wait_for_search


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
    assert {text.strip().upper() for text in marks.all_inner_texts()} == {"MONUSCO"}
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
    assert {t.strip().upper() for t in marks.all_inner_texts()} == {"MONUSCO"}
    assert presses <= 10, f"{presses} Tab presses to reach the search box"
