"""Cross-references: where each thing lives on the site, and text with its links.

`SiteIndex` is built once, in one pass over the model: every page address
(meetings, sections, indexes, and one page per country, mission, body or
initiative, briefer and document, see `generator.link.catalogue`; with the Library's
tables, a page per meeting of `Repertoire.records`, per year of meetings, per
agenda item, see `generator.link.timeline` and `generator.link.topics`, and per
decision taken without a meeting, `Repertoire.written_decisions`), each made by
its kind in the registry of page kinds (`generator.link.pages`), the page titles,
and the lookups pages need (a meeting's paragraphs, a section's footnotes, the
meetings before and after one, the meeting that adopted a resolution), so
rendering a page never scans the others. `PageLinker` writes Markdown for one
page: escaped text, UN symbols linked to the meeting's page when the site has
the meeting and to the document's page otherwise, names of countries,
missions and briefers linked to their pages (acronyms as abbreviations with
their full name on hover), footnote references kept at their Repertoire
numbers. Every internal link it writes is recorded, for "What links here".
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Hashable, Optional
from urllib.parse import urlsplit

from generator.assemble.ibid import IBID
from generator.assemble.meetings import section_order
from generator.link import countries as states
from generator.link import markdown as md
from generator.link import pages
from generator.link.addresses import Addresses
from generator.link.catalogue import BODY, BRIEFER, COUNTRY, DOCUMENT, MISSION, Catalogue, Place, build_catalogue
from generator.model import Footnote, FootnoteRef, Meeting, Paragraph, Problem, Repertoire, Section, WrittenDecision
from generator.model.symbols import Symbol, find_symbols, parse_symbol
from generator.model.vocabulary import chronological, human_date
from generator.link.labels import supplement_label
from generator.link.pages import INDEX_RANK, LAST_RANK, KINDS, PageKind, built_address
from generator.link.timeline import UNDATED, Adoption, Timeline, year_of
from generator.link.topic_names import name_key
from generator.link.topics import Topic, group_topics, link_sections

DEFAULT_DOCUMENT_BASE = "https://undocs.org/en/"

# The index pages' addresses, from the registry of page kinds (generator.link.pages).
HOME = pages.HOME.index_address
SECTIONS_INDEX = pages.SECTIONS.index_address
MEETINGS_INDEX = pages.MEETINGS.index_address
TOPICS_INDEX = pages.TOPICS.index_address
COUNTRIES_INDEX = pages.COUNTRIES.index_address
MISSIONS_INDEX = pages.MISSIONS.index_address
BODIES_INDEX = pages.BODIES.index_address
BRIEFERS_INDEX = pages.BRIEFERS.index_address
DOCUMENTS_INDEX = pages.DOCUMENTS.index_address
DATA_INDEX = pages.DATA.index_address


def anchor(name: str) -> str:
    """A stable HTML id for a name: 'Côte d'Ivoire' -> 'cote-d-ivoire'. An id inside a page (and a
    sort key), never a page address: those come from `generator.link.addresses.slug`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def paragraph_anchor(number: int) -> str:
    return f"para-{number}"


def entity_supplements(catalogue: Catalogue, kind: str, key: Hashable) -> list[Optional[int]]:
    """The supplements of the Repertoire that name an entity, oldest first (undated last)."""
    sections: list[Section] = []
    if kind == COUNTRY:
        sections += [c.section for c in catalogue.country_citations.get(key, [])]
        sections += [section for section, _ in catalogue.invitations.get(key, [])]
    elif kind == BRIEFER:
        sections += [section for section, _ in catalogue.briefers.get(key, [])]
    sections += [place.section for place in catalogue.mentions.get((kind, key), [])]
    return sorted({s.supplement for s in sections}, key=lambda year: (year is None, year or 0))


def natural_key(text: str) -> tuple:
    """Sort key putting S/PV.999 before S/PV.1000."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


@dataclass
class SiteIndex:
    repertoire: Repertoire
    document_base: str = DEFAULT_DOCUMENT_BASE
    site_url: Optional[str] = None
    catalogue: Catalogue = field(default_factory=Catalogue)
    addresses: Addresses = field(default_factory=Addresses)
    meeting_pages: dict[str, str] = field(default_factory=dict)  # canonical symbol -> page
    section_pages: dict[tuple, str] = field(default_factory=dict)
    meeting_sections: dict[str, Section] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)  # canonical symbol -> meeting
    entity_pages: dict[tuple, str] = field(default_factory=dict)  # (kind, key) -> page
    # (kind, key) -> {supplement: page}, for an entity the Repertoire names in several supplements:
    # its page lists the supplements, a page for each holds what that supplement says.
    entity_supplements: dict[tuple, dict[Optional[int], str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # page -> how links to it are labelled
    sort_keys: dict[str, tuple] = field(default_factory=dict)  # page -> (rank of its kind, order in it)
    paragraphs: dict[str, list[tuple[int, Paragraph]]] = field(default_factory=lambda: defaultdict(list))
    footnotes: dict[tuple, Footnote] = field(default_factory=dict)  # (section key, number) -> footnote
    meeting_order: dict[tuple, list[Meeting]] = field(default_factory=dict)  # section key -> by date
    section_position: dict[tuple, int] = field(default_factory=dict)  # (section key, symbol) -> place in meeting_order
    # Every meeting of the site (sections' and the Library's records) in time, by year, and adoptions:
    timeline: Timeline = field(default_factory=Timeline)
    year_pages: dict[str, str] = field(default_factory=dict)  # "1946" -> meetings/1946.md
    topics: dict[str, Topic] = field(default_factory=dict)  # slug -> agenda item
    topic_pages: dict[str, list[str]] = field(default_factory=dict)  # spelling as printed -> its items' pages
    topic_keys: dict[str, list[str]] = field(default_factory=dict)  # name_key of a spelling -> those pages
    section_topics: dict[tuple, list[Topic]] = field(default_factory=dict)  # section key -> the items it covers
    kinds: dict[str, PageKind] = field(default_factory=dict)  # page -> the kind that addressed it
    # Decisions taken without a meeting (Repertoire.written_decisions): page by the decision's symbol,
    # the decision by each symbol it adopted or put to the vote, and by year and topic page.
    decision_pages: dict[str, str] = field(default_factory=dict)
    written: dict[str, WrittenDecision] = field(default_factory=dict)
    year_decisions: dict[str, list[WrittenDecision]] = field(default_factory=dict)
    topic_decisions: dict[str, list[WrittenDecision]] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)  # page -> the part of its kind holding it or that it is (a year)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def build(cls, repertoire: Repertoire, document_base: str = DEFAULT_DOCUMENT_BASE,
              site_url: Optional[str] = None) -> "SiteIndex":
        index = cls(repertoire, document_base, site_url, build_catalogue(repertoire))
        index.problems = list(index.catalogue.problems)
        for kind in KINDS:
            index._page(kind, kind.index_address, kind.title, (INDEX_RANK, 0, kind.title),
                        f"the {kind.title.lower()} page")
        index._meeting_homes(repertoire.sections)
        for section in repertoire.sections:
            index.section_pages[section.key] = index._page(
                pages.SECTIONS, pages.section_address(section), f"Section {section.number}: {section.title}",
                (pages.SECTIONS.rank, section.supplement or 0, natural_key(section.number)), f"section {section.key}")
            index.meeting_order[section.key] = sorted(section.meetings, key=chronological)
            index.section_position.update(((section.key, m.symbol), i)
                                          for i, m in enumerate(index.meeting_order[section.key]))
            for number, paragraph in enumerate(section.paragraphs, 1):
                if index._account_page(section, paragraph.meeting):  # another section's account stays on its page
                    index.paragraphs[paragraph.meeting].append((number, paragraph))
            for footnote in section.footnotes:
                index.footnotes[(section.key, footnote.number)] = footnote
        for meeting in repertoire.records:
            if meeting.symbol not in index.meeting_pages:  # the Repertoire's own page wins
                index._meeting_page(meeting)
                index.meetings[meeting.symbol] = meeting
        index._timeline([m for _, m in repertoire.meetings()] + repertoire.records)
        index._written_decisions(repertoire.written_decisions)
        catalogue = index.catalogue
        for code, country in catalogue.countries.items():
            index._entity(COUNTRY, code, country.name, country.name)
        for acronym in catalogue.acronyms.values():
            index._entity(acronym.kind, acronym.short, acronym.short, f"{acronym.short}: {acronym.long}")
        for title in catalogue.briefers:
            index._entity(BRIEFER, title, title, title)
        for kind, key in list(index.entity_pages):
            supplements = entity_supplements(catalogue, kind, key)
            if len(supplements) > 1:
                index._supplements(kind, key, supplements)
        for symbol in catalogue.documents:
            if symbol not in index.meeting_pages:
                index._entity(DOCUMENT, symbol, symbol, symbol, natural_key(symbol))
        for symbol in index.adopted_symbols():  # every adopted resolution and statement has a page
            if symbol not in index.meeting_pages and (DOCUMENT, symbol) not in index.entity_pages:
                index._entity(DOCUMENT, symbol, symbol, symbol, natural_key(symbol))
        return index

    def _meeting_homes(self, sections: list[Section]) -> None:
        """A meeting several sections list is one (generator.assemble.meetings) with one page, whose home
        section (its "under the item" line, its neighbours, its account) is the first on the site listing
        it, whatever the order of the sources."""
        for section in sorted(sections, key=section_order):
            for meeting in section.meetings:
                if meeting.symbol not in self.meeting_sections:
                    self._meeting_page(meeting)
                    self.meeting_sections[meeting.symbol] = section
                    self.meetings[meeting.symbol] = meeting
                elif meeting.symbol in self.catalogue.documents:  # what cites it, in that order too
                    self.catalogue.documents[meeting.symbol].sort(key=lambda place: section_order(place.section))

    def _account_page(self, section: Section, symbol: Optional[str]) -> Optional[str]:
        """The page showing `section`'s account of meeting `symbol`: the meeting's page in its home
        section, else none (the section's own page shows it)."""
        home = self.meeting_sections.get(symbol) if symbol else None
        return self.meeting_pages[symbol] if home is not None and home.key == section.key else None

    def _meeting_page(self, meeting: Meeting) -> str:
        symbol = parse_symbol(meeting.symbol)
        page = self._page(pages.MEETINGS, pages.meeting_address(symbol.canonical),
                          f"{meeting.symbol}, {human_date(meeting.date)}",
                          (pages.MEETINGS.rank, meeting.date or "", symbol.meeting_number or 0),
                          f"meeting {meeting.symbol}")
        self.meeting_pages[meeting.symbol] = page
        self.parts[page] = year_of(meeting)
        return page

    def _timeline(self, meetings: list[Meeting]) -> None:
        """Chronological order, a page per year of meetings and per agenda item: one pass each."""
        self.timeline = Timeline.build(meetings)
        for year in self.timeline.years:
            title = "Undated meetings" if year == UNDATED else f"Meetings in {year}"
            self.year_pages[year] = self._page(pages.MEETINGS, pages.year_address(year), title,
                                               (INDEX_RANK, 1, year), f"the meetings of {year}")
            self.parts[self.year_pages[year]] = year
        self.topics, spelled = group_topics(self.timeline.meetings)
        for key, topic in self.topics.items():
            self._page(pages.TOPICS, pages.topic_address(key), topic.title,
                       (pages.TOPICS.rank, topic.title.casefold()), f"agenda item {topic.title!r}")
        self.topic_pages = {spelling: list(map(pages.topic_address, keys)) for spelling, keys in spelled.items()}
        self.topic_keys = {name_key(spelling): found for spelling, found in self.topic_pages.items() if found}
        self.section_topics = link_sections(self.topics, self.repertoire.sections)

    def _written_decisions(self, decisions: list[WrittenDecision]) -> None:
        """A page per decision taken without a meeting, listed on its year's page and its topics' pages."""
        for decision in decisions:
            how = "adopted" if decision.decisions else "put to the vote"
            page = self._page(pages.DECISIONS, pages.decision_address(decision.symbol),
                              f"{decision.symbol}, {how} by written procedure, {human_date(decision.date)}",
                              (pages.DECISIONS.rank, decision.date or "", natural_key(decision.symbol)),
                              f"decision {decision.symbol}")
            self.decision_pages[decision.symbol] = page
            for symbol in [*(d.symbol for d in decision.decisions), *decision.drafts]:
                self.written.setdefault(symbol, decision)
            if (decision.date or "")[:4] in self.year_pages:
                self.year_decisions.setdefault(decision.date[:4], []).append(decision)
            for topic in dict.fromkeys(filter(None, map(self.topic_page, decision.topics))):
                self.topic_decisions.setdefault(topic, []).append(decision)

    def adopted_symbols(self) -> list[str]:
        """Every resolution and statement adopted at a meeting of the site or without a meeting."""
        return list(dict.fromkeys([*self.timeline.adoptions,
                                   *(d.symbol for w in self.repertoire.written_decisions for d in w.decisions)]))

    def _page(self, kind: PageKind, page: str, title: str, sort_key: tuple, owner: str) -> str:
        """Claim `page` (an address made by `kind`) for `owner`; `sort_key` opens with its rank."""
        self.addresses.claim(page, owner)
        self.kinds[page] = kind
        self.titles[page] = title
        self.sort_keys[page] = sort_key
        return page

    def _entity(self, kind: str, key: Hashable, name: str, title: str, order: Optional[tuple] = None) -> None:
        page_kind = pages.kind_named(kind)
        self.entity_pages[(kind, key)] = self._page(page_kind, pages.entity_address(kind, name), title,
                                                    (page_kind.rank, order or title.lower()), f"{kind} {name!r}")

    def _supplements(self, kind: str, key: Hashable, supplements: list[Optional[int]]) -> None:
        """A page for each supplement that names the entity, after the entity's page (by address)."""
        page = self.entity_pages[(kind, key)]
        name = self.titles[page] if kind == COUNTRY or kind == BRIEFER else key  # what its page is addressed by
        self.entity_supplements[(kind, key)] = {
            supplement: self._page(self.kinds[page], pages.supplement_address(kind, name, supplement),
                                   f"{name} in the {supplement_label(supplement)}", self.sort_keys[page],
                                   f"{kind} {key!r} in the {supplement_label(supplement)}")
            for supplement in supplements}

    # Lookups for templates -------------------------------------------------------------

    def page_of(self, kind: str, key: Hashable) -> Optional[str]:
        return self.entity_pages.get((kind, key))

    def supplement_pages(self, kind: str, key: Hashable) -> dict[Optional[int], str]:
        """The entity's page for each supplement, oldest first; empty when it has a single page."""
        return self.entity_supplements.get((kind, key), {})

    def symbol_page(self, canonical: str) -> Optional[str]:
        return (self.meeting_pages.get(canonical) or self.entity_pages.get((DOCUMENT, canonical))
                or self.decision_pages.get(canonical))  # a draft put to the vote without a meeting

    def symbol_url(self, symbol: Symbol) -> tuple[Optional[str], str]:
        """(site page, official URL): the page is None when the site has none for it."""
        return self.symbol_page(symbol.canonical), self.document_base + symbol.url_form

    def country_of(self, name: str) -> Optional[states.Country]:
        country = states.lookup(name)
        return country if country and country.code in self.catalogue.countries else None

    def meeting(self, symbol: str) -> Optional[Meeting]:
        return self.meetings.get(symbol)

    def neighbours(self, section: Section, meeting: Meeting) -> tuple[Optional[Meeting], Optional[Meeting]]:
        """The meetings before and after `meeting` in its section's table (by date)."""
        ordered = self.meeting_order[section.key]
        position = self.section_position[(section.key, meeting.symbol)]
        previous = ordered[position - 1] if position > 0 else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        return previous, following

    def in_time(self, meeting: Meeting) -> tuple[Optional[Meeting], Optional[Meeting]]:
        """The meetings just before and after `meeting` on the whole site."""
        return self.timeline.neighbours(meeting.symbol)

    def year_page(self, meeting: Meeting) -> str:
        return self.year_pages[year_of(meeting)]

    def topic_page(self, spelling: str) -> Optional[str]:
        """The page of the agenda item spelt so (the first, for a name joining two items); a spelling
        no meeting uses (a decision taken without a meeting) finds the item its key names."""
        found = self.topic_pages.get(spelling)
        if found:
            return found[0]
        # By the merge rule's first test (the same letters and digits), as the meetings' spellings merge.
        found = self.topic_keys.get(name_key(spelling))
        return found[0] if found else None

    def adoptions(self, symbol: str) -> list[Adoption]:
        """The meeting(s) that adopted a resolution or statement, with the vote."""
        return self.timeline.adoptions.get(symbol, [])

    def meeting_paragraphs(self, symbol: str) -> list[tuple[int, Paragraph]]:
        return self.paragraphs.get(symbol, [])

    def footnote(self, section: Section, number: int) -> Optional[Footnote]:
        return self.footnotes.get((section.key, number))

    def address(self, page: str) -> str:
        """A page's stable address: under site_url when the configuration sets one."""
        built = built_address(page)
        return self.site_url.rstrip("/") + "/" + built if self.site_url else built

    def place_target(self, place: Place) -> str:
        """The page (and anchor) showing a place: its meeting's page when the site has it, else its section's."""
        if place.footnote is not None:
            return self.footnote_target(place.section, place.footnote)
        page = self._account_page(place.section, place.meeting) or self.section_pages[place.section.key]
        if place.paragraph is not None:
            return f"{page}#{paragraph_anchor(place.paragraph)}"
        return page

    def footnote_target(self, section: Section, number: int) -> str:
        """Where a footnote is shown: the page of the meeting whose account refers to it, else its section's."""
        where = self.catalogue.footnote_places.get((section.key, number))
        if where is None:  # a footnote no marker refers to: listed on its section's page, without an anchor
            return self.section_pages[section.key]
        page = self._account_page(section, where[1])
        return f"{page or self.section_pages[section.key]}#fn:{number}"

    def place_label(self, place: Place, meeting: bool = True) -> str:
        where = [place.meeting or f"Section {place.section.number}, overview"] if meeting else []
        if place.paragraph is not None:
            where.append(f"paragraph {place.paragraph}")
        if place.footnote is not None:
            where.append(f"footnote {place.footnote}")
        if place.role not in ("paragraph", "footnote"):
            where.append(f"meetings table, {place.role}")
        text = ", ".join(where)
        return text if meeting else text[:1].upper() + text[1:]

    def backlink_order(self, page: str) -> tuple:
        """Where a page comes in "What links here": by its kind's rank (generator.link.pages), then its kind's order."""
        key = self.sort_keys.get(page)
        return key + (page,) if key else (LAST_RANK, page)


def _attribute(text: str) -> str:
    """Text for raw HTML inside Markdown: HTML-escaped, and every character Markdown or a table
    could read ("|", "`", "*", "[" ...) written as a character reference, which browsers decode."""
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text))
    return re.sub(r"[\\`*_\[\]{}()!#+|.\-:&<>\"']", lambda m: f"&#{ord(m.group())};", text)


@lru_cache(maxsize=1 << 16)
def _relative(path: str, folder: str) -> str:
    """posixpath.relpath for content-relative paths, without touching the file system (it is called a lot)."""
    parts, base = path.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(parts) - 1, len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


class LinkRecorder:
    """Which page links to which: target page -> pages linking to it."""

    def __init__(self) -> None:
        self.sources: dict[str, set[str]] = defaultdict(set)

    def add(self, source: str, target: str) -> None:
        if target != source:
            self.sources[target].add(source)


class PageLinker:
    """Markdown writer bound to one page, so every link is relative to it (works from file://)."""

    def __init__(self, index: SiteIndex, page: str, recorder: Optional[LinkRecorder] = None):
        self.index = index
        self.page = page
        self.folder = posixpath.dirname(page)
        self.recorder = recorder

    def url(self, target: str) -> str:
        """Relative link from this page to another page address (a .md path, optionally #anchor)."""
        path, _, fragment = target.partition("#")
        if path and self.recorder is not None:
            self.recorder.add(self.page, path)
        relative = _relative(path, self.folder) if path else ""
        return relative + (f"#{fragment}" if fragment else "")

    def escape(self, text: str) -> str:
        return md.escape(text)

    def page_link(self, label: str, target: str) -> str:
        return md.link(md.escape(label), self.url(target))

    def external(self, label: str, address: str) -> str:
        """A link to another site (a webcast): `address` as given, its label escaped."""
        return md.link(md.escape(label), address)

    def place(self, place: Place, with_meeting: bool = True) -> str:
        return self.page_link(self.index.place_label(place, with_meeting), self.index.place_target(place))

    def symbol(self, symbol: str | Symbol, label: Optional[str] = None) -> str:
        parsed = symbol if isinstance(symbol, Symbol) else parse_symbol(symbol)
        page, official = self.index.symbol_url(parsed)
        text = md.escape(label if label is not None else parsed.canonical)
        if page and page != self.page:
            return md.link(text, self.url(page), f"{parsed.canonical} on this site")
        return md.link(text, official, f"{parsed.canonical}, official document")

    def official(self, symbol: str, label: Optional[str] = None) -> str:
        """A link to the official document, even where the site has a page for it."""
        parsed = parse_symbol(symbol)
        return md.link(md.escape(label or parsed.canonical), self.index.document_base + parsed.url_form,
                       f"{parsed.canonical}, official document")

    def web(self, label: str, url: Optional[str], title: Optional[str] = None) -> str:
        """A link to another site's page (a press release, a webcast); the label alone unless the
        address is http(s): an address from a source is data, never a script to run."""
        if url and urlsplit(url).scheme.lower() in ("http", "https"):
            return md.link(md.escape(label), url, title)
        return md.escape(label)

    def entity(self, kind: str, key: Hashable, label: Optional[str] = None) -> str:
        """A link to an entity's page; plain text on its own page or where it has none."""
        page = self.index.page_of(kind, key)
        label = label if label is not None else str(key)
        if kind in (MISSION, BODY) and label == key:
            return self._acronym(key, label, page)
        if page is None or page == self.page:
            return md.escape(label)
        return md.link(md.escape(label), self.url(page))

    def country(self, name: str) -> str:
        country = self.index.country_of(name)
        return self.entity(COUNTRY, country.code, name) if country else md.escape(name)

    def briefer(self, invitee: str) -> str:
        """An invitee's title as printed, linked to its briefer's page."""
        title = self.index.catalogue.briefer(invitee)
        return self.entity(BRIEFER, title, invitee.strip()) if title else md.escape(invitee)

    def _acronym(self, short: str, written: str, page: Optional[str]) -> str:
        acronym = self.index.catalogue.acronyms.get(short)
        abbr = (f'<abbr title="{_attribute(acronym.long)}">{_attribute(written)}</abbr>'
                if acronym else md.escape(written))
        if page is None or page == self.page:
            return abbr
        return md.link(abbr, self.url(page))

    def _mention(self, kind: str, key: Hashable, written: str) -> str:
        page = self.index.page_of(kind, key)
        if kind in (MISSION, BODY):
            if written == key:
                return self._acronym(key, written, page)
            long, paren, _ = written.rpartition(f" ({key})")
            if paren:  # the definition: "United Nations Mission in South Sudan (UNMISS)", one link
                label = f"{md.escape(long)} \\({self._acronym(key, key, None)}\\)"
                return md.link(label, self.url(page)) if page and page != self.page else label
        if page is None or page == self.page:
            return md.escape(written)
        title = f"{key}: {self.index.catalogue.acronyms[key].long}" if kind in (MISSION, BODY) else None
        return md.link(md.escape(written), self.url(page), title)

    def text(self, text: str, refs: Optional[list[FootnoteRef]] = None, names: bool = True,
             briefers: bool = True) -> str:
        """Plain text with symbols and names linked, and footnote references inserted at their offsets.

        `names=False` links symbols only; `briefers=False` leaves briefers' titles
        to their parts (a briefer's own title names the mission it serves).
        """
        events: list[tuple[int, int, str]] = []  # (start, end, markdown) replacing text[start:end]
        symbols = find_symbols(text)
        for match in symbols:
            events.append((match.start, match.end, self.symbol(match.symbol, match.text)))
        if names:
            finder = self.index.catalogue.finder if briefers else self.index.catalogue.name_finder
            taken = [(m.start, m.end) for m in symbols]
            for mention in finder.find(text):
                if any(start < mention.end and mention.start < end for start, end in taken):
                    continue
                kind, key = mention.key
                events.append((mention.start, mention.end, self._mention(kind, key, mention.text)))
        for ref in refs or []:
            events.append((ref.offset, ref.offset, f"[^{ref.number}]"))
        events.sort(key=lambda e: (e[0], e[1]))
        out: list[str] = []
        position = 0
        for start, end, markdown in events:
            if start < position:  # a marker inside a symbol's or name's span: put it after the span
                start = end = position
            out.append(md.escape(text[position:start]))
            out.append(markdown)
            position = max(position, end)
        out.append(md.escape(text[position:]))
        return "".join(out)

    def footnote(self, footnote: Footnote) -> str:
        """The footnote as printed, with its symbols linked; a resolved Ibid names its document."""
        if footnote.ibid and footnote.citations:
            match = IBID.match(footnote.text)
            targets = ", ".join(self.symbol(c) for c in footnote.citations)
            return f"{md.escape(match.group())} ({targets}){self.text(footnote.text[match.end():])}"
        return self.text(footnote.text)
