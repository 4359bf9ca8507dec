"""What a reader sees on the pages: footnote tooltips, linked symbols, a phone's screen, paper."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.link.pages import built_address, meeting_address
from generator.model.symbols import find_symbols

from tests.support.browser import artifact, open_context, shot

MEETING = "meetings/S-PV-9389.html"
SECTION = "sections/2023-i-24.html"
DOCUMENT_BASE = "https://undocs.org/en/"


# ---------------------------------------------------------------- footnotes


def tooltip(page):
    return page.locator(".md-tooltip2").filter(has_text="Ghana")


def test_footnote_tooltip_on_hover_shows_the_footnote_with_its_symbol_linked(page):
    page.goto(page.base + MEETING)
    ref = page.locator("sup#fnref\\:835 a.footnote-ref")
    assert ref.inner_text() == "835"
    ref.hover()
    tip = tooltip(page)
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert "Ibid." in text and "Ghana" in text and "Brazil" in text, text
    link = tip.locator("a", has_text="S/PV.9389")
    assert link.count() >= 1
    href = link.first.get_attribute("href")  # the official record, or the document's page on this site
    assert href == DOCUMENT_BASE + "S/PV.9389" or (href and not urlsplit(href).scheme), href
    shot(page, "footnote-tooltip-hover")
    assert not page.blocked and not page.errors, (page.blocked, page.errors)


def test_footnote_tooltip_on_keyboard_focus(page):
    page.goto(page.base + MEETING)
    page.locator("article h1").click()  # start tabbing from the page's text
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.footnote-ref')"):
            break
    else:
        pytest.fail("Tab never reached a footnote reference")
    number = page.evaluate("document.activeElement.textContent")
    assert number == "834"  # the first one in reading order
    tip = page.locator(".md-tooltip2").filter(has_text="See")
    tip.wait_for(state="visible")
    assert "S/PV.9389" in tip.inner_text()
    shot(page, "footnote-tooltip-focus")


# ---------------------------------------------------------------- symbols

_TEXT_BLOCKS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const blocks = new Map();
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (element.closest('script, style, .md-source-file, .cite')) continue;  // a citation is text to copy
    const block = element.closest('p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, caption, figcaption') || article;
    // The breadcrumbs' last step names the page itself, as its heading does.
    const heading = /^H[1-6]$/.test(block.tagName) || !!element.closest('nav[aria-label="Breadcrumb"] [aria-current="page"]');
    if (!blocks.has(block)) blocks.set(block, {heading, parts: []});
    const link = element.closest('a');
    blocks.get(block).parts.push([node.data, link ? link.getAttribute('href') : null]);
  }
  return [...blocks.values()];
}"""


def symbol_links(page, site, address: str) -> tuple[int, list[str]]:
    """(symbols seen, problems) for one page: every symbol outside headings must be a link to the right place.

    One exception: a meeting page may name its own meeting unlinked (its facts
    table) as long as it links that symbol to the official record elsewhere.
    """
    blocks = page.evaluate(_TEXT_BLOCKS)
    title = page.locator("article h1").first.inner_text()
    own = find_symbols(title)[0].symbol if address.startswith("meetings/S-PV") and find_symbols(title) else None
    own_official = own is not None and page.locator(f"article a[href='{DOCUMENT_BASE}{own.url_form if own else ''}']").count() > 0
    seen, problems = 0, []
    for block in blocks:
        text, spans = "", []
        for piece, href in block["parts"]:
            spans.append((len(text), len(text) + len(piece), href))
            text += piece
        for match in find_symbols(text):
            if block["heading"]:
                continue
            seen += 1
            symbol = match.symbol
            hrefs = {href for start, end, href in spans if href and start < match.end and end > match.start}
            if not hrefs and own_official and symbol == own and text.strip() == match.text:
                continue
            if not hrefs:
                problems.append(f"{address}: {match.text!r} is not a link (in {text.strip()[:80]!r})")
                continue
            for href in hrefs:
                parts = urlsplit(href)
                if parts.scheme:
                    if href != DOCUMENT_BASE + symbol.url_form:
                        problems.append(f"{address}: {match.text!r} links to {href}")
                    continue
                target = PurePosixPath(unquote(urlsplit(urljoin("/" + address, href)).path).lstrip("/"))
                if not (site.site_dir / target).is_file():
                    problems.append(f"{address}: {match.text!r} links to missing {href}")
                its_page = built_address(meeting_address(symbol.canonical))  # (not `own`: the page's symbol)
                if symbol.kind == "meeting" and (site.site_dir / its_page).is_file() and target.as_posix() != its_page:
                    if target.as_posix() != address:  # a link within the page (a footnote) is fine
                        problems.append(f"{address}: {match.text!r} links to {href}, not to its meeting page")
    return seen, problems


def test_every_symbol_is_a_link_to_the_site_or_the_official_document(browser, site):
    # Every generated page: the text is the page's HTML as built, so Material's scripts are left out (faster).
    context = open_context(browser, site, "http", java_script_enabled=False)
    page = context.new_page()
    # The generated pages (the build's manifest); hand-written ones such as about.md may quote symbols as examples.
    generated = (site.project / "content" / ".generated").read_text(encoding="utf-8").split()
    addresses = sorted(page[:-3] + ".html" for page in generated if page.endswith(".md"))
    assert "meetings/S-PV-9389.html" in addresses and "sections/2023-i-24.html" in addresses
    total, problems = 0, []
    for address in addresses:
        page.goto(site.http_base + address, wait_until="domcontentloaded")
        seen, found = symbol_links(page, site, address)
        total += seen
        problems += found
    context.close()
    assert total > 40, total  # the check saw the symbols (the bundled section cites dozens)
    assert not problems, "\n".join(problems)


def test_section_page_links_meetings_to_their_pages(page, origin):
    page.goto(page.base + SECTION)
    link = page.locator("article a", has_text=re.compile(r"^S/PV\.9389$")).first
    link.click()
    page.wait_for_url(re.compile(r"meetings/S-PV-9389\.html$"))
    assert page.locator("article h1").inner_text().startswith("S/PV.9389")


# ---------------------------------------------------------------- phone

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const element of document.querySelectorAll('.md-main *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let contained = false;
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      // a box that clips or scrolls its content and itself fits the screen
      if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) {
        contained = true;
        break;
      }
    }
    if (!contained) offenders.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(box.right)}px`);
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, offenders};
}"""


def test_pages_fit_a_phone_screen_and_wide_tables_scroll_inside(phone_page, site):
    page = phone_page
    checked = []
    for address in ["index.html", SECTION] + site.pages("meetings"):
        page.goto(site.http_base + address)
        result = page.evaluate(_OVERFLOW)
        assert result["width"] == 375
        assert result["scrollWidth"] <= 375, (address, result)
        assert not result["offenders"], (address, result["offenders"][:10])
        checked.append(address)
        if address == MEETING:
            shot(page, "phone-meeting", full_page=True)
    assert len(checked) >= 5

    # A wide table scrolls in its own box, the page does not move: the Documents index's, made
    # wider than the screen (the section's meetings table stacks instead: test_meeting_page.py).
    page.goto(site.http_base + "documents/index.html")
    wrap = page.locator(".md-typeset__scrollwrap").filter(has=page.locator("th", has_text="Places citing it"))
    wrap.locator("table").evaluate("t => { t.style.minWidth = '900px'; }")
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth, w.getBoundingClientRect().right]")
    assert sizes[0] > sizes[1] and sizes[2] <= 375 + 1, sizes
    wrap.scroll_into_view_if_needed()
    wrap.evaluate("w => w.scrollBy(200, 0)")
    assert wrap.evaluate("w => w.scrollLeft") > 0
    assert page.evaluate("window.scrollX") == 0
    shot(page, "phone-wide-table-scrolled")


# ---------------------------------------------------------------- print


def rgba(css: str) -> tuple:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return tuple(values + [1.0] * (4 - len(values)))


def test_meeting_page_prints_cleanly(web_page):
    page = web_page
    page.goto(page.base + MEETING)
    page.emulate_media(media="print")
    page.wait_for_timeout(400)  # Material eases link colours over 125 ms: read them once settled
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
                   ".md-top"):
        assert not page.locator(chrome).first.is_visible(), chrome
    notes = page.locator(".footnote li")
    assert notes.count() == 4 and all(notes.nth(i).is_visible() for i in range(4))
    assert not page.locator(".footnote-backref").first.is_visible()
    styles = page.locator("article a").evaluate_all("""links => links.map(a => {
        const p = a.closest('p, li, td, th') || a.parentElement;
        return [a.textContent, getComputedStyle(a, '::after').content, getComputedStyle(a).color,
                getComputedStyle(p).color, getComputedStyle(a).textDecorationLine];
    })""")
    assert styles
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for (text, after, color, around, decoration), href in zip(styles, hrefs):
        if href.startswith("http"):  # a link to another site prints its address (issue 14)
            assert href in after, (text, after)
        else:
            assert after in ("none", "normal"), (text, after)  # a link within the site prints as its text
        assert rgba(color) == rgba(around), (text, color, around)  # printed as text, not in link colour
        assert decoration == "none", (text, decoration)
    shot(page, "print-meeting", full_page=True)

    import pdfplumber

    pdf_path = artifact("print-meeting.pdf")
    page.pdf(path=str(pdf_path), format="A4")
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    assert "S/PV.9389 · 28 July 2023" in flat
    for number in ("834", "835", "836", "837"):
        assert re.search(rf"(^|\n){number}\. ", text), f"footnote {number} not printed"
    assert "Ghana, Switzerland, Gabon, Albania, Japan, United Arab Emirates and Brazil" in flat
    assert "S/PV.9389 (https://undocs.org/en/S/PV.9389)" in flat
    for absent in ("Table of contents", "Made with", "Skip to content", "Search"):
        assert absent not in flat, absent
