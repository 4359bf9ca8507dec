"""A built site's HTML pages as tests read them: links, ids and visible text; every internal link checked."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """Links, ids and visible text of one built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def check_internal_links(site: Path) -> int:
    """Asserts that every link between pages of a built site, anchor included, resolves; returns how many."""
    ids: dict[Path, set] = {}
    checked = 0
    for path in html_pages(site):
        for href in read_page(path).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{path.relative_to(site)} links to missing {href}"
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = read_page(target).ids
                assert parts.fragment in ids[target], \
                    f"{path.relative_to(site)}: no #{parts.fragment} in {target.relative_to(site)}"
            checked += 1
    return checked
