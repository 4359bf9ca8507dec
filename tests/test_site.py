"""The whole pipeline on the bundled text source: a real strict MkDocs build (`built`, tests/conftest.py), then its HTML."""
from __future__ import annotations

import re

from tests.support.site_pages import check_internal_links, html_pages, read_page


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
