"""The offline archive opened from disk, network cut: a reader clicks through it; every request is file://."""
from __future__ import annotations

import re
import zipfile
from collections import Counter

from tests.support.browser import artifact, new_page, open_context, shot, wait_for_search


def test_archive_is_a_dated_zip_of_the_whole_site(site):
    assert re.fullmatch(r"repertoire-site-\d{4}-\d{2}-\d{2}\.zip", site.zip_path.name)
    with zipfile.ZipFile(site.zip_path) as archive:
        names = set(archive.namelist())
    folder = site.zip_path.stem + "/"
    assert all(name.startswith(folder) for name in names)
    built = {folder + p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*") if p.is_file()}
    assert names == built
    for needed in ("index.html", "search/search_index.js", "assets/vendor/iframe-worker/shim.js",
                   "meetings/S-PV-9389.html"):
        assert folder + needed in names, needed


def test_clicking_through_the_archive_fetches_only_files_from_disk(browser, site):
    context = open_context(browser, site, "file")
    page = new_page(context, "file")
    visited = []

    def arrive(pattern: str) -> None:
        page.wait_for_url(re.compile(pattern))
        page.wait_for_load_state("load")
        assert page.locator("article h1").count() == 1, page.url
        visited.append(page.url.split("/")[-1])

    page.goto(site.file_base + "index.html")
    arrive(r"/index\.html$")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Meetings").first.click()
    arrive(r"meetings/index\.html$")
    page.locator("article a[href$='.html']").first.click()  # whatever the index lists first
    arrive(r"\.html$")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Sections").first.click()
    arrive(r"sections/index\.html$")
    page.locator("article a", has_text="United Nations peacekeeping operations").first.click()
    arrive(r"sections/2023-i-24\.html$")
    page.locator("article a", has_text=re.compile(r"^S/PV\.9389$")).first.click()
    arrive(r"meetings/S-PV-9389\.html$")
    page.locator("sup#fnref\\:836 a.footnote-ref").hover()
    page.locator(".md-tooltip2").filter(has_text="Malta").wait_for(state="visible")
    shot(page, "archive-meeting-tooltip")
    page.locator("article a", has_text="United Nations peacekeeping operations").first.click()
    arrive(r"sections/2023-i-24\.html$")
    page.locator("article a", has_text=re.compile(r"^S/PV\.9475$")).first.click()
    arrive(r"meetings/S-PV-9475\.html$")
    page.locator("article a", has_text="China").first.click()
    arrive(r"countries/(index\.html#china|china\.html)$")
    for name, pattern in (("Documents", r"documents/index\.html$"), ("About", r"/about\.html$"),
                          ("Home", r"/index\.html$")):
        page.locator(".md-nav--primary a.md-nav__link", has_text=name).first.click()
        arrive(pattern)

    # Search from disk with the network cut: the box is there and finds the meeting.
    search = page.locator("input.md-search__input")
    assert search.is_visible()
    search.click()
    wait_for_search(page)
    search.press_sequentially("Police Commissioners")
    result = page.locator(".md-search-result__link[href*='S-PV-9475.html'][href*='commissioners' i]").first
    result.wait_for(state="attached")
    page.wait_for_timeout(200)
    result.click()
    arrive(r"meetings/S-PV-9475\.html\?h=")
    page.locator("article mark[data-md-highlight]").first.wait_for()
    assert page.locator("article mark[data-md-highlight]").count() >= 2
    shot(page, "archive-search-opened")

    schemes = Counter(url.split(":", 1)[0] for url in page.requests)
    artifact("archive-requests.txt").write_text(
        f"{len(page.requests)} requests, by scheme: {dict(schemes)}\nblocked: {page.blocked}\n"
        f"pages: {visited}\n" + "\n".join(page.requests), encoding="utf-8")
    context.close()
    assert len(visited) == 13
    assert not page.blocked, page.blocked
    assert not page.errors, page.errors
    assert set(schemes) == {"file"}, schemes
    assert all(url.startswith(site.file_base) for url in page.requests)
    loaded = {url.split("?")[0][len(site.file_base):] for url in page.requests}
    assert "search/search_index.js" in loaded and "assets/vendor/iframe-worker/shim.js" in loaded
    assert len(page.requests) >= 40


def test_served_site_fetches_only_from_its_own_origin(web_page):
    page = web_page
    page.goto(page.base + "meetings/S-PV-9389.html")
    page.locator("input.md-search__input").click()
    wait_for_search(page)
    page.locator("input.md-search__input").press_sequentially("MONUSCO")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")  # close the search dialog
    page.locator("sup#fnref\\:835 a.footnote-ref").hover()
    page.locator(".md-tooltip2").filter(has_text="Ghana").wait_for(state="visible")
    assert page.requests and all(url.startswith(page.base) for url in page.requests), page.requests
    assert not page.blocked and not page.errors
    loaded = {url[len(page.base):] for url in page.requests}
    assert "search/search_index.json" in loaded  # the web version fetches the JSON index
    assert "search/search_index.js" not in loaded
