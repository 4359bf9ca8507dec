"""Entity pages on the bundled section: countries, missions and bodies, briefers, documents; every mention
linked; "What links here"; the citation block. Expected values come from the source, read here."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.link import countries
from generator.link.addresses import Addresses, slug
from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.model.vocabulary import human_date
from generator.link.index import SiteIndex
from generator.model import Meeting, Paragraph, Repertoire, Section
from generator.pipeline import link
from generator.render.renderer import SiteRenderer
from tests.support.paths import SAMPLE_TXT
from tests.support.site_pages import read_page

SOURCE = SAMPLE_TXT.read_text(encoding="utf-8")
# "(UNMISS)", "(A4P+)": acronyms the source defines, with the capitalised words before the parenthesis
# (a lowercase word such as "initiative" may stand between).
DEFINED = dict((short, before) for before, short in re.findall(
    r"((?:[A-Z][\w-]*|of|in|the|for)(?: (?:[A-Z][\w-]*|of|in|the|for))*)(?: [a-z]+)? \(([A-Z][A-Z0-9+]+)\)", SOURCE))


def page_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("+", " plus")).strip("-")


class _Article(HTMLParser):
    """The text of a page's <article>: (text, inside a link, inside a heading/code), and its links by part.
    A <nav> in it (the breadcrumbs) is where the page is, not its text: left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, bool, bool]] = []
        self.links: list[str] = []  # everywhere in the article but the "What links here" list
        self.backlinks: list[str] = []
        self.abbrs: list[tuple[str, str, bool]] = []  # (title, text, inside a link)
        self._article = self._link = self._quiet = self._nav = 0
        self._wlh = "off"  # off -> in its <details> -> done
        self._abbr = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        self._nav += tag == "nav"
        if self._nav:
            return
        if tag == "details" and attrs.get("id") == "what-links-here":
            self._wlh = "list"
        if tag == "a":
            self._link += 1
            href = attrs.get("href", "")
            (self.backlinks if self._wlh == "list" else self.links).append(href)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style"):
            self._quiet += 1
        if tag == "abbr":
            self._abbr = [attrs.get("title"), "", bool(self._link)]

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if not self._article or self._nav:
            self._nav -= tag == "nav" and self._nav > 0
            return
        if tag == "details" and self._wlh == "list":
            self._wlh = "done"
        if tag == "a":
            self._link -= 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style"):
            self._quiet -= 1
        if tag == "abbr" and self._abbr:
            self.abbrs.append(tuple(self._abbr))
            self._abbr = None

    def handle_data(self, data):
        if self._article and not self._nav:
            self.chunks.append((data, bool(self._link), bool(self._quiet)))
            if self._abbr:
                self._abbr[1] += data

    def unlinked_text(self) -> str:
        return " ".join(text for text, linked, quiet in self.chunks if not linked and not quiet)


def article(path: Path) -> _Article:
    page = _Article()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def generated_html(built: Path) -> list[Path]:
    """The built pages of generated Markdown (hand-written ones such as about.md are not the linker's)."""
    manifest = (built / "content" / ".generated").read_text(encoding="utf-8").split("\n")
    return [built / "site" / (page[:-3] + ".html") for page in manifest if page.endswith(".md")]


@pytest.fixture(scope="module")
def section():
    return read_sources([SAMPLE_TXT]).sections[0]


def footnote_countries(section, symbol: str) -> set[str]:
    return {name for f in section.footnotes if symbol in f.citations for name in f.countries}


# Countries ----------------------------------------------------------------------------------

def test_every_cited_state_has_a_page_and_no_other(built, section):
    cited = {name for f in section.footnotes for name in f.countries} | {n for m in section.meetings for n in m.rule_37}
    assert len(cited) == 15
    pages = {p.stem for p in (built / "site" / "countries").glob("*.html")} - {"index"}
    assert pages == {page_slug(name) for name in cited}
    index = read_page(built / "site" / "countries" / "index.html")
    assert {f"{page_slug(name)}.html" for name in cited} <= set(index.links)


def test_countries_cited_for_a_meeting(built, section):
    # Footnote 834 says "See S/PV.9389."; its Ibids (835-837) name the countries for that meeting.
    expected = footnote_countries(section, "S/PV.9389")
    assert len(expected) == 12
    page = article(built / "site" / "meetings" / "S-PV-9389.html")
    linked = {link for link in page.links if link.startswith("../countries/")}
    assert linked == {f"../countries/{page_slug(name)}.html" for name in expected}


def test_country_page_gives_the_sentence_each_footnote_supports(built, section):
    for name in ("Ghana", "United States", "Russian Federation"):
        text = re.sub(r"\s+", " ", "".join(t for t, _, _ in article(built / "site" / "countries"
                                                                       / f"{page_slug(name)}.html").chunks))
        numbers = [f.number for f in section.footnotes if name in f.countries]
        assert numbers
        for paragraph in section.paragraphs:
            previous = 0
            for ref in paragraph.refs:
                if ref.number in numbers:
                    # The sentence the marker closes: from the sentence's start (or the marker before it in the
                    # same sentence, shown after "…") to the marker.
                    starts = [0] + [m.end() for m in re.finditer(r"[.?!]\s+(?=[A-Z“])", paragraph.text[:ref.offset])]
                    start = max(starts[-1], previous)
                    said = paragraph.text[start:ref.offset].strip(" ,")
                    lead = "“… " if start == previous and previous else "“"
                    assert lead + said in text, (name, ref.number)
                    assert f"footnote {ref.number}" in text
                previous = ref.offset
        for meeting in {c for f in section.footnotes if name in f.countries for c in f.citations}:
            assert meeting in text


def test_names_are_normalised_to_one_state():
    same = [("United States", "United States of America"), ("United Kingdom",
            "United Kingdom of Great Britain and Northern Ireland"), ("Türkiye", "Turkey"),
            ("Côte d'Ivoire", "Côte d’Ivoire"), ("State of Palestine", "Palestine"),
            ("Bolivia (Plurinational State of)", "Plurinational State of Bolivia"),
            ("Iran (Islamic Republic of)", "Islamic Republic of Iran")]
    for a, b in same:
        assert countries.lookup(a) is not None and countries.lookup(a) == countries.lookup(b), (a, b)
    for name in ("Russian Federation", "Republic of Korea", "Venezuela (Bolivarian Republic of)",
                 "Syrian Arab Republic", "United Republic of Tanzania", "Democratic Republic of the Congo"):
        assert countries.lookup(name).name == name
    assert countries.lookup("Republic of Korea") != countries.lookup("Democratic People's Republic of Korea")
    assert countries.lookup("Congo") != countries.lookup("Democratic Republic of the Congo")
    members = [c for c in countries.all_states() if not c.observer]
    assert len(members) == 193 and len(countries.all_states()) == 195
    for name in ("European Union", "African Union", "Narnia", "Taiwan", "Kosovo"):
        assert countries.lookup(name) is None


def test_unknown_name_is_a_problem_not_a_page(tmp_path):
    source = tmp_path / "variant.txt"
    source.write_text(SOURCE.replace("(Switzerland, United States and Mozambique)",
                                     "(Switzerland, United States of America and Narnia)"), encoding="utf-8")
    index = SiteIndex.build(read_sources([source]))
    pages = SiteRenderer(index).pages()
    assert "countries/united-states.md" in pages and "countries/united-states-of-america.md" not in pages
    assert "837" in pages["countries/united-states.md"]
    assert not any("narnia" in page for page in pages)
    assert any("Narnia" in p.message and "837" in p.place for p in index.problems)


# Missions, bodies and initiatives -------------------------------------------------------------

def test_defined_acronyms_get_pages_by_kind(built):
    assert set(DEFINED) == {"A4P", "A4P+", "UNMISS", "MONUSCO", "UNIFIL", "MINUSCA"}
    for short, before in DEFINED.items():
        # The rule: a United Nations peace operation (Mission, Force, ...) is a mission, anything else a body.
        mission = "United Nations" in before and re.search(r"\b(Mission|Force|Operation)\b", before)
        folder = "missions" if mission else "bodies"
        assert (built / "site" / folder / f"{page_slug(short)}.html").exists(), short
    assert {p.stem for p in (built / "site" / "missions").glob("*.html")} - {"index"} == \
        {"unmiss", "monusco", "unifil", "minusca"}
    assert {p.stem for p in (built / "site" / "bodies").glob("*.html")} - {"index"} == {"a4p", "a4p-plus"}


def test_every_use_of_an_acronym_is_a_linked_abbreviation(built, section):
    for meeting in ("S/PV.9389", "S/PV.9475"):
        page = article(built / "site" / "meetings" / f"{meeting.replace('/', '-').replace('.', '-')}.html")
        told = " ".join(p.text for p in section.paragraphs if p.meeting == meeting)
        for short in ("UNMISS", "MONUSCO", "MINUSCA", "A4P", "A4P+"):
            uses = len(re.findall(rf"(?<!\w){re.escape(short)}(?![\w+])", told))
            shown = [a for a in page.abbrs if a[1] == short]
            assert len(shown) == uses, (meeting, short)
            assert all(linked for _, _, linked in shown)
    page = article(built / "site" / "meetings" / "S-PV-9389.html")
    assert ("United Nations Mission in South Sudan", "UNMISS", True) in page.abbrs
    html = (built / "site" / "meetings" / "S-PV-9389.html").read_text(encoding="utf-8")
    assert '<a href="../missions/unmiss.html"><abbr title="United Nations Mission in South Sudan">UNMISS</abbr></a>' \
        in html


def test_mission_page_lists_meetings_and_paragraphs(built, section):
    page = article(built / "site" / "missions" / "unmiss.html")
    for number, paragraph in enumerate(section.paragraphs, 1):
        mentions = "UNMISS" in paragraph.text or "United Nations Mission in South Sudan" in paragraph.text
        target = f"../meetings/{paragraph.meeting.replace('/', '-').replace('.', '-')}.html#para-{number}" \
            if paragraph.meeting else f"../sections/2023-i-24.html#para-{number}"
        assert (target in page.links) == mentions, number
    # The briefers' titles in the meetings table name the mission too.
    briefers = [p for m in section.meetings for p in m.rule_39 if "United Nations Mission in South Sudan" in p]
    assert len(briefers) == 2
    for title in briefers:
        assert f"../briefers/{page_slug(title)}.html" in read_page(built / "site" / "missions" / "unmiss.html").links


# Briefers ---------------------------------------------------------------------------------------

def test_briefer_pages_list_the_meetings_they_briefed(built, section):
    titles = {title for m in section.meetings for title in m.rule_39}
    assert {p.stem for p in (built / "site" / "briefers").glob("*.html")} - {"index"} == \
        {slug(t) for t in titles}
    for title in titles:
        page = read_page(built / "site" / "briefers" / f"{slug(title)}.html")
        briefed = {m.symbol for m in section.meetings if title in m.rule_39}
        assert {link for link in page.links if link.startswith("../meetings/S-PV")} >= \
            {f"../meetings/{s.replace('/', '-').replace('.', '-')}.html" for s in briefed}
    usg = read_page(built / "site" / "briefers" / "under-secretary-general-for-peace-operations.html")
    assert len({link for link in usg.links if re.fullmatch(r"\.\./meetings/S-PV-\d+\.html", link)}) == 3


# Documents --------------------------------------------------------------------------------------

def test_every_cited_document_has_a_page_with_official_link_and_cited_by(built, section):
    literal = set(re.findall(r"\b(S/\d{4}/\d+|A/\d+/\d+|S/PV\.\d+)", SOURCE))
    prose = {f"S/RES/{n} ({y})" for n, y in re.findall(r"resolution \[?(\d+) \\?\((\d{4})\\?\)", SOURCE)}
    meetings = {m.symbol for m in section.meetings}
    expected = (literal | prose) - meetings
    assert expected == {"A/78/2", "S/2023/646", "S/2023/282", "S/2018/1183", "S/RES/2378 (2017)", "S/RES/2436 (2018)"}
    for symbol in expected:
        path = built / "site" / "documents" / f"{page_slug(symbol)}.html"
        page = read_page(path)
        assert f"https://undocs.org/en/{symbol.replace(' ', '')}" in page.links
        footnotes = [f.number for f in section.footnotes if symbol in f.citations]
        for number in footnotes:
            assert any(link.endswith(f"#fn:{number}") for link in page.links), (symbol, number)
        paragraphs = [n for n, p in enumerate(section.paragraphs, 1) if symbol.split(" ")[0].split("/")[-1] in p.text
                      and symbol.startswith("S/RES")]
        for number in paragraphs:
            assert any(link.endswith(f"#para-{number}") for link in page.links), (symbol, number)
    index = read_page(built / "site" / "documents" / "index.html")
    assert {f"{page_slug(s)}.html" for s in expected} <= set(index.links)
    # Mentions link to the site: the meeting page if the site has the meeting, else the document page.
    section_page = read_page(built / "site" / "sections" / "2023-i-24.html")
    assert "../documents/s-res-2378-2017.html" in section_page.links
    assert "../meetings/S-PV-9413.html" in section_page.links
    assert not (built / "site" / "documents" / "s-pv-9413.html").exists()


# Every mention linked ---------------------------------------------------------------------------

def test_no_mention_is_left_unlinked_where_its_page_exists(built):
    site = built / "site"
    names: dict[str, Path] = {}  # name as written -> its page
    for folder in ("countries", "missions", "bodies"):
        for path in (site / folder).glob("*.html"):
            if path.stem == "index":
                continue
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S).group(1)
            heading = re.sub(r"<[^>]+>", "", heading).replace("&#39;", "'").replace("&amp;", "&")
            for name in heading.split(": "):
                names[name.strip()] = path
    assert len(names) >= 15 + 2 * 6
    symbol = re.compile(r"S/PV\.\d+|S/RES/\d+ \(\d{4}\)|(?<=resolution )\d+ \(\d{4}\)|S/\d{4}/\d+|A/\d+/\d+")
    checked = 0
    for path in generated_html(built):
        text = re.sub(r"\s+", " ", article(path).unlinked_text())
        for name in sorted(names, key=len, reverse=True):  # "Action for Peacekeeping Plus" before "... Peacekeeping"
            pattern = rf"(?<![\w-]){re.escape(name)}(?![\w+-])"
            found = re.search(pattern, text)
            assert not found or names[name] == path, \
                f"{path.relative_to(site)}: {name!r} unlinked in “…{text[found.start() - 60:found.end() + 20]}…”"
            text = re.sub(pattern, " ", text)
        for match in symbol.finditer(text):
            written = match.group()
            canonical = f"S/RES/{written}" if written[0].isdigit() else written
            own = path.stem in (canonical.replace("/", "-").replace(".", "-"), page_slug(canonical))
            assert own, f"{path.relative_to(site)}: {written!r} unlinked"
        checked += 1
    assert checked >= 40


# What links here --------------------------------------------------------------------------------

def test_what_links_here_lists_exactly_the_pages_linking_here(built):
    site = built / "site"
    pages = generated_html(built)
    outgoing, listed = {}, {}
    for path in pages:
        page = article(path)
        assert "What links here" in " ".join(t for t, _, _ in page.chunks), path
        outgoing[path] = {(path.parent / link.split("#")[0]).resolve() for link in page.links
                          if link and not link.startswith(("#", "http")) and link.split("#")[0].endswith(".html")}
        listed[path] = {(path.parent / link).resolve() for link in page.backlinks}
    for path in pages:
        linking = {source for source, targets in outgoing.items() if path.resolve() in targets and source != path}
        assert listed[path] == {p.resolve() for p in linking}, path.relative_to(site)
    ghana = listed[site / "countries" / "ghana.html"]
    assert (site / "meetings" / "S-PV-9389.html").resolve() in ghana


# Citation ---------------------------------------------------------------------------------------

def test_meeting_page_cites_the_meeting_not_a_footnote(built, section):
    for meeting in section.meetings:
        name = meeting.symbol.replace("/", "-").replace(".", "-")
        text = re.sub(r"\s+", " ", "".join(read_page(built / "site" / "meetings" / f"{name}.html").text))
        cite = text[text.rindex("Cite this page"):text.index("Address of this page")]  # the heading, not the contents
        assert (f"United Nations Security Council, “Security Council meeting {meeting.symbol}, "
                f"{human_date(meeting.date)}”, in Repertoire of the Practice of the Security Council, "
                f"{section.supplement} supplement, Part {section.part}, section {section.number}, "
                f"“{section.title}”, meetings/{name}.html.") in cite
        assert "footnote" not in cite
        assert f"meetings/{name}.html" in text[text.index("Address of this page"):]


def test_citation_address_uses_site_url():
    repertoire = read_sources([SAMPLE_TXT])
    pages = SiteRenderer(SiteIndex.build(repertoire, site_url="https://example.org/repertoire/")).pages()
    assert "`https://example.org/repertoire/meetings/S-PV-9413.html`" in pages["meetings/S-PV-9413.md"]


# Addresses --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Côte d'Ivoire", "S/RES/2378 (2017)", "A4P+", "", "///", "..", "中国",
                                  "x" * 300, "Bolivia (Plurinational State of)", "../../etc/passwd"])
def test_slugs_are_safe(name):
    address = slug(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", address) and len(address) <= 100
    kept = slug(name, keep_case=True)  # a meeting's page: meetings/S-PV-9389.md
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", kept) and kept.lower() == address


def test_a_kept_case_slug_differs_only_in_capitals():
    assert slug("S/PV.9389 (Resumption 1)", keep_case=True) == "S-PV-9389-Resumption-1"
    assert slug("S/PV.9389 (Resumption 1)") == "s-pv-9389-resumption-1"


@pytest.mark.parametrize("symbol, page", [
    ("S/PV.9389", "meetings/S-PV-9389.md"), ("S/RES/2378 (2017)", "meetings/S-RES-2378-2017.md"),
    ("A/78/2", "meetings/A-78-2.md"), ("S/2023/646", "meetings/S-2023-646.md")])
def test_a_meetings_page_is_named_by_its_symbol(symbol, page):
    from generator.link.pages import meeting_address

    assert meeting_address(symbol) == page


def test_two_things_at_one_address_is_an_error_naming_both():
    addresses = Addresses()
    addresses.claim(f"briefers/{slug('Special Envoy (Syria)')}.md", "briefer 'Special Envoy (Syria)'")
    with pytest.raises(RepertoireError) as error:
        addresses.claim(f"briefers/{slug('Special Envoy: Syria')}.md", "briefer 'Special Envoy: Syria'")
    assert "Special Envoy (Syria)" in str(error.value) and "Special Envoy: Syria" in str(error.value)
    # Two documents whose symbols differ only in punctuation would share documents/a-es-10-l-22.md.
    section = Section("1", "Item", supplement=2023, part="I", sources=["x.txt"],
                      paragraphs=[Paragraph("The drafts A/ES-10/L.22 and A/ES.10/L.22 were before it.")])
    with pytest.raises(RepertoireError, match=r"A/ES-10/L\.22.*A/ES\.10/L\.22"):
        SiteIndex.build(Repertoire([section]))


def test_one_briefer_whatever_the_case_of_its_title():
    section = Section("1", "Item", supplement=2023, part="I", sources=["x.txt"], meetings=[
        Meeting("S/PV.1", "2023-01-01", rule_39=["Special Envoy for Syria"]),
        Meeting("S/PV.2", "2023-01-02", rule_39=["Special Envoy for syria"])])
    pages = SiteRenderer(SiteIndex.build(Repertoire([section]))).pages()
    briefers = [p for p in pages if p.startswith("briefers/") and p != "briefers/index.md"]
    assert briefers == ["briefers/special-envoy-for-syria.md"]
    assert "S-PV-1.md" in pages[briefers[0]] and "S-PV-2.md" in pages[briefers[0]]
    assert "[Special Envoy for syria](<../briefers/special-envoy-for-syria.md>)" in pages["meetings/S-PV-2.md"]


def test_rule_37_invitations_make_country_pages():
    section = Section("7", "Item", supplement=2023, part="I", sources=["x.txt"], meetings=[
        Meeting("S/PV.1", "2023-01-01", rule_37=["Ukraine", "Türkiye", "Atlantis"]),
        Meeting("S/PV.2", "2023-01-02", rule_37=["Turkey"])])
    index = SiteIndex.build(Repertoire([section]))
    pages = SiteRenderer(index).pages()
    assert {p for p in pages if p.startswith("countries/") and p != "countries/index.md"} == \
        {"countries/ukraine.md", "countries/turkiye.md"}
    turkiye = pages["countries/turkiye.md"]
    assert "Invited under rule 37" in turkiye and "S-PV-1.md" in turkiye and "S-PV-2.md" in turkiye
    assert "](<../countries/ukraine.md>)" in pages["meetings/S-PV-1.md"]
    assert [p.place for p in index.problems if "Atlantis" in p.message] == ["meeting S/PV.1"]
