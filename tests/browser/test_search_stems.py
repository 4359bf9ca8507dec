"""Search by stems in Chromium, served and from disk: the worker loads the vendored Snowball
stemmer both ways (importScripts in a Web Worker, a <script> in the iframe that stands in for
it from file://)."""
from __future__ import annotations

from tests.support.browser import wait_for_search


def test_force_commanders_finds_the_force_commander_pages(page):
    page.goto(page.base + "index.html")
    page.locator("input.md-search__input").click()
    wait_for_search(page)
    page.locator("input.md-search__input").press_sequentially("force commanders", delay=20)
    commanders = page.locator(".md-search-result__item > a.md-search-result__link[href*='briefers/force-commander-of']")
    commanders.first.wait_for(state="attached")
    assert "Commander" in commanders.first.inner_text()
    assert not page.blocked, page.blocked
    assert not page.errors, page.errors
