"""The whole pipeline on the bundled text source: a real strict MkDocs build, then its HTML."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, SAMPLE_TXT


class _Page(HTMLParser):
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


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build the site from the bundled text source with the real CLI, in a scratch copy of the project files."""
    work = tmp_path_factory.mktemp("build")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "content", work / "content",
                    ignore=lambda d, names: [n for n in names if n not in ("about.md",) and d == str(ROOT / "content")])
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", str(SAMPLE_TXT)],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return work


def html_pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_one_page_per_meeting_at_stable_address(built):
    for number in ("9389", "9413", "9475"):
        page = built / "site" / "meetings" / f"S-PV-{number}.html"
        assert page.exists()
        assert f"S/PV.{number}" in "".join(read_page(page).text)


def test_meeting_page_content(built):
    page = read_page(built / "site" / "meetings" / "S-PV-9475.html")
    text = re.sub(r"\s+", " ", "".join(page.text))  # markup (links, abbreviations) splits the text
    assert "14 November 2023" in text
    assert "Police Commissioners" in text
    assert "United Nations Police Adviser, Department of Peace Operations" in text
    assert "In his remarks, the Police Commissioner of MINUSCA" in text
    assert "../sections/2023-i-24.html" in page.links
    assert "S-PV-9413.html" in page.links  # previous meeting of the section
    assert "https://undocs.org/en/S/PV.9475" in page.links  # official record
    # Countries cited for this meeting, linked to their pages
    for country in ("China", "United Kingdom", "Mozambique", "Gabon", "France", "United States"):
        assert f"../countries/{country.lower().replace(' ', '-')}.html" in page.links, country


def test_footnotes_keep_repertoire_numbers_and_show_ibid_target(built):
    html = (built / "site" / "meetings" / "S-PV-9389.html").read_text(encoding="utf-8")
    refs = re.findall(r'<sup id="fnref:(\d+)"><a class="footnote-ref" href="#fn:\d+">(\d+)</a>', html)
    assert refs and all(label == shown for label, shown in refs)
    assert [int(label) for label, _ in refs] == [834, 835, 836, 837]
    item = re.search(r'<li id="fn:836" value="836">(.*?)</li>', html, re.S).group(1)
    assert re.search(r"Ibid\. \(<a [^>]*>S/PV\.9389</a>\)", item)


def test_symbols_link_to_site_page_or_official_document(built):
    section = read_page(built / "site" / "sections" / "2023-i-24.html")
    assert "../meetings/S-PV-9389.html" in section.links
    # A document the site has no meeting for links to its page, which links to the official document.
    for symbol, slug in (("S/RES/2378(2017)", "s-res-2378-2017"), ("S/2018/1183", "s-2018-1183"), ("A/78/2", "a-78-2")):
        assert f"../documents/{slug}.html" in section.links
        assert f"https://undocs.org/en/{symbol}" in read_page(built / "site" / "documents" / f"{slug}.html").links


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


def test_every_internal_link_resolves(built):
    assert check_internal_links(built / "site") > 50


def test_no_source_word_is_lost(built, sample_section):
    site_words = set()
    for path in html_pages(built / "site"):
        site_words.update(re.findall(r"[\w’'-]+", " ".join(read_page(path).text)))
    source_texts = [p.text for p in sample_section.paragraphs] + [f.text for f in sample_section.footnotes]
    missing = {w for text in source_texts for w in re.findall(r"[\w’'-]+", text) if w not in site_words}
    assert not missing


def test_navigation_does_not_list_meetings(built):
    html = (built / "site" / "index.html").read_text(encoding="utf-8")
    start = html.index('class="md-nav md-nav--primary"')
    nav = html[start:html.index('class="md-content"', start)]
    assert "S-PV-" not in nav
    assert "meetings/index.html" in nav


def test_indexes(built):
    # The meetings index lists the years; each year's page its meetings in chronological order.
    assert "2023.html" in read_page(built / "site" / "meetings" / "index.html").links
    meetings = read_page(built / "site" / "meetings" / "2023.html")
    order = list(dict.fromkeys(link for link in meetings.links if link.startswith("S-PV-")))  # table first
    assert order == ["S-PV-9389.html", "S-PV-9413.html", "S-PV-9475.html"]
    countries = " ".join(read_page(built / "site" / "countries" / "index.html").text)
    for country in ("Ghana", "Ecuador", "Russian Federation", "United Arab Emirates"):
        assert country in countries
    documents = read_page(built / "site" / "documents" / "index.html")
    assert "S/2023/646" in " ".join(documents.text)
    assert "s-2023-646.html" in documents.links and "../meetings/S-PV-9389.html" in documents.links


def test_search_index_built(built):
    from generator.site.search_index import read_index  # the site's own index (tests/test_search_index.py)

    assert "meetings/S-PV-9389.html" in read_index(built / "site").paths
