"""What each page kind's template (templates/<kind>.md.j2) receives: ready values from the linked index.

A template writes out its context with `link` (generator.link.index.PageLinker, which escapes
text and links it) and computes nothing: the functions here look up the pages, titles, counts
and rows it shows, so that it never reaches into the index. Each function returns the context
of one page, besides what every page gets (`base`, listed in templates/_base.md.j2); each
template's header comment lists its own.

The entities' pages (countries, missions, bodies, briefers) come with a page per supplement of
the Repertoire that names them (`country_pages`, `mission_pages`, `briefer_pages`); their
contexts are functions, called where the page is rendered (a worker), which builds the rows.
"""
from __future__ import annotations

import html
from collections import defaultdict
from functools import partial
from typing import Any, Callable, Hashable, Iterable, NamedTuple, Optional

from generator.link.catalogue import BODY, BRIEFER, COUNTRY, MISSION, Acronym, Place
from generator.link.countries import Country
from generator.link.index import LinkRecorder, PageLinker, SiteIndex, anchor, natural_key
from generator.link.labels import KIND_NAMES, section_label
from generator.link.pages import built_address, kind_of, trail
from generator.link.topics import Topic
from generator.model import Meeting, Section
from generator.model.symbols import parse_symbol
from generator.parse.dhl.library import table_citation
from generator.render import opendata

Context = Callable[[], dict]  # a page's context, made when the page is rendered
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x20), 0x7F])  # cannot appear in HTML: str.translate drops them


class PageRef(NamedTuple):
    """A page to link to, with the label of the link; `page` is None where the site has none."""
    title: str
    page: Optional[str]


class SectionLink(NamedTuple):
    section: Section
    page: str


class Account(NamedTuple):
    """A meeting's paragraphs on its section's page."""
    meeting: Meeting
    page: str  # the meeting's page
    paragraphs: list  # [(paragraph number, Paragraph)]


class Held(NamedTuple):
    """A meeting under its section's item (a briefer's meetings, a country's invitations)."""
    section: Section
    section_page: str
    meeting: Meeting


class Group(NamedTuple):
    """What an entity's page shows under one meeting, or under a section's overview."""
    section: Section
    section_page: str
    symbol: Optional[str]  # the meeting's symbol; None: the section's overview
    meeting: Optional[Meeting]  # the site's meeting of that symbol, if it has one
    items: list  # places (missions, bodies, briefers) or Cited (countries)


class Cited(NamedTuple):
    """A footnote citing a country for a sentence of the Repertoire's account."""
    statement: str
    footnote: int  # its number
    target: str  # where the footnote is shown
    others: list[str]  # the other countries it names, as printed


class MeetingRow(NamedTuple):
    """A meeting on its year's page."""
    meeting: Meeting
    section: Optional[Section]  # the section describing it, if any
    section_page: Optional[str]
    topics: list[PageRef]


class TopicRow(NamedTuple):
    topic: Topic
    page: str
    first_year: str
    last_year: str


class CountryRow(NamedTuple):
    country: Country
    footnotes: int
    meetings: int
    invitations: int


class AcronymRow(NamedTuple):
    acronym: Acronym
    page: str
    meetings: int


class DocumentRow(NamedTuple):
    symbol: str
    kind: str  # its kind, named (KIND_NAMES)
    places: list[Place]


class Crumb(NamedTuple):
    """A step of a page's breadcrumbs, for raw HTML: its label and its address HTML-escaped, the address
    relative to the page and built (.html: MkDocs does not rewrite raw HTML); None for the page itself."""
    label: str
    href: Optional[str]


def base(index: SiteIndex, page: str, recorder: Optional[LinkRecorder]) -> dict:
    """What every page gets: `link` bound to the page, the page's address, its breadcrumbs, and helpers."""
    return {"link": PageLinker(index, page, recorder), "index": index, "page": page, "section_label": section_label,
            "breadcrumbs": breadcrumbs(index, page)}


def breadcrumbs(index: SiteIndex, page: str) -> list[Crumb]:
    """Home › Meetings › 2023 › S/PV.9389, 30 August 2023: the pages above this one (the registry's
    `trail`), then the page. Not links of the Markdown: "What links here" does not count them."""
    part = index.parts.get(page)
    above = trail(page, part)
    if not above:
        return []
    # No recorder: every page would otherwise be listed as linking to the home page and its index.
    unrecorded = PageLinker(index, page)
    labels = {kind_of(page).part_address(part): part} if part is not None else {}  # a year's page is "2023"

    def label(step: str) -> str:
        return _html(labels.get(step) or index.titles.get(step, step))
    return [*(Crumb(label(step), _html(built_address(unrecorded.url(step)))) for step in above),
            Crumb(label(page), None)]


def _html(text: str) -> str:
    """Text for raw HTML inside Markdown: one line, no control characters, HTML-escaped."""
    return html.escape(" ".join(text.split()).translate(_CONTROL_CHARACTERS), quote=True)


def citation(section: Section, footnote: Optional[int]) -> str:
    """'Repertoire of the Practice of the Security Council, 2023 supplement, Part I, section 24, footnote 834'."""
    where = ["Repertoire of the Practice of the Security Council",
             f"{section.supplement} supplement" if section.supplement else None,
             f"Part {section.part}" if section.part else None, f"section {section.number}",
             f"footnote {footnote}" if footnote is not None else None]
    return ", ".join(w for w in where if w)


def library_tables(meeting: Meeting) -> list[tuple[str, str]]:
    """(title, official address) of each of the Library's tables the meeting was read from."""
    return list(dict.fromkeys(filter(None, map(table_citation, meeting.sources))))


def by_meeting(places: list) -> list[tuple]:
    """Places grouped by (section, meeting) in first-seen order: [(section, meeting symbol or None, [places])]."""
    groups: dict[tuple, list] = {}
    for place in places:
        groups.setdefault((id(place.section), place.meeting), []).append(place)
    return [(items[0].section, meeting, items) for (_, meeting), items in groups.items()]


def _other(meeting: Optional[Meeting], shown: Optional[Meeting]) -> Optional[Meeting]:
    """`meeting`, unless the page already shows it (the same meeting as its section's neighbour)."""
    return None if meeting is None or (shown is not None and shown.symbol == meeting.symbol) else meeting


def _distinct(values: Iterable) -> int:
    """How many different values, text compared case-insensitively (as Jinja's `unique` does)."""
    return len({value.lower() if isinstance(value, str) else value for value in values})


def _topics(index: SiteIndex, spellings: list[str]) -> list[PageRef]:
    return [PageRef(spelling, index.topic_page(spelling)) for spelling in spellings]


def _year_page(index: SiteIndex, meeting: Meeting) -> PageRef:
    page = index.year_page(meeting)
    return PageRef(index.titles[page], page)


def _held(index: SiteIndex, items: list[tuple[Section, Meeting]]) -> list[Held]:
    return [Held(section, index.section_pages[section.key], meeting) for section, meeting in items]


def _groups(index: SiteIndex, groups: list[tuple], row: Callable[[Any], Any] = lambda item: item) -> list[Group]:
    return [Group(section, index.section_pages[section.key], symbol, index.meeting(symbol) if symbol else None,
                  [row(item) for item in items])
            for section, symbol, items in groups]


# Pages of the Repertoire's sections and meetings ---------------------------------------------

def meeting(index: SiteIndex, section: Section, meeting: Meeting) -> dict:
    """A meeting the Repertoire describes: its table row, its account, its footnotes, its neighbours."""
    page = index.meeting_pages[meeting.symbol]
    previous, following = index.neighbours(section, meeting)
    paragraphs = index.meeting_paragraphs(meeting.symbol)
    numbers = list(dict.fromkeys([*meeting.footnotes, *(n for _, p in paragraphs for n in p.footnotes)]))
    footnotes = [f for f in (index.footnote(section, n) for n in numbers) if f]
    countries = defaultdict(list)
    for footnote in footnotes:
        for country in footnote.countries:
            if footnote.number not in countries[country]:
                countries[country].append(footnote.number)
    before, after = index.in_time(meeting)
    return dict(section=section, section_page=index.section_pages[section.key], meeting=meeting,
                year_page=_year_page(index, meeting), topics=_topics(index, meeting.topics),
                previous=previous, following=following, before=_other(before, previous), after=_other(after, following),
                paragraphs=paragraphs, footnotes=footnotes, countries=dict(countries),
                citation=citation(section, index.opening_footnote(meeting)), address=index.address(page),
                cited_by=index.catalogue.documents.get(meeting.symbol, []), tables=library_tables(meeting))


def record(index: SiteIndex, meeting: Meeting) -> dict:
    """A meeting known only from the Library's tables."""
    before, after = index.in_time(meeting)
    return dict(meeting=meeting, year_page=_year_page(index, meeting), topics=_topics(index, meeting.topics),
                before=before, after=after, tables=library_tables(meeting),
                address=index.address(index.meeting_pages[meeting.symbol]),
                cited_by=index.catalogue.documents.get(meeting.symbol, []))


def section(index: SiteIndex, section: Section) -> dict:
    """A section: its overview, its meetings table, each meeting's paragraphs, its footnotes."""
    told = defaultdict(list)
    for number, paragraph in enumerate(section.paragraphs, 1):
        told[paragraph.meeting].append((number, paragraph))
    accounts = [Account(m, index.meeting_pages[m.symbol], told[m.symbol]) for m in section.meetings if told[m.symbol]]
    referenced = {n for item in [*section.paragraphs, *section.meetings] for n in item.footnotes}
    return dict(section=section, overview=told[None], accounts=accounts,
                footnotes=[f for f in section.footnotes if f.number in referenced],
                orphans=[f for f in section.footnotes if f.number not in referenced])


def topic(index: SiteIndex, topic: Topic) -> dict:
    """An agenda item of the Library's tables, its meetings year by year."""
    years = list(topic.years)
    return dict(topic=topic, first_year=years[0], last_year=years[-1])


def document(index: SiteIndex, symbol: str) -> dict:
    """A document the Repertoire cites, or a decision adopted at a meeting of the site."""
    parsed = parse_symbol(symbol)
    return dict(symbol=parsed, kind=KIND_NAMES.get(parsed.kind, "document"),
                places=index.catalogue.documents.get(symbol, []), adoptions=index.adoptions(symbol))


def what_links_here(index: SiteIndex, sources: Iterable[str]) -> dict:
    """The pages linking to a page (appended to it), in the order of `index.backlink_order`."""
    return dict(sources=[PageRef(index.titles.get(source, source), source)
                         for source in sorted(sources, key=index.backlink_order)])


# The entities' pages --------------------------------------------------------------------------

def _entity_pages(index: SiteIndex, kind: str, key: Hashable, lists: dict[str, list],
                  counts: Callable[..., dict], context: Callable[..., dict]) -> list[tuple[str, Context]]:
    """An entity's page; when the Repertoire names it in several supplements, also a page for
    each, holding what that supplement says (the entity's page lists them): a country cited
    at thousands of meetings gets pages a reader can open, and a build that stays linear.

    `lists` hold (section, ...) items, whole on the entity's page and cut to the supplement on a
    supplement's page; `context(index, **lists)` makes their rows. Every page also gets `counts`
    (`counts(**lists)` of its lists), `years` ([(supplement, page, counts)], empty when there is a
    single page), `in_supplement` (on a supplement's page), `supplement` (that page's) and
    `main` (the entity's page)."""
    main = index.page_of(kind, key)
    cuts = {supplement: (page, {name: [item for item in items if item[0].supplement == supplement]
                                for name, items in lists.items()})
            for supplement, page in index.supplement_pages(kind, key).items()}
    years = [(supplement, page, counts(**cut)) for supplement, (page, cut) in cuts.items()]

    def page_context(supplement: Optional[int], in_supplement: bool, shown: dict) -> dict:
        return {**context(index, **shown), "counts": counts(**shown), "years": years, "supplement": supplement,
                "in_supplement": in_supplement, "main": main}

    return [(main, partial(page_context, None, False, lists))] + [
        (page, partial(page_context, supplement, True, cut)) for supplement, (page, cut) in cuts.items()]


def _country_counts(groups: list, invitations: list) -> dict:
    return dict(citations=sum(len(citations) for _, _, citations in groups), meetings=len(groups),
                invitations=len(invitations))


def _country(country: Country, index: SiteIndex, groups: list, invitations: list) -> dict:
    def cited(item) -> Cited:
        footnote = item.footnote
        return Cited(item.statement, footnote.number, index.footnote_target(item.section, footnote.number),
                     [other for other in footnote.countries if other != item.printed])
    return dict(country=country, groups=_groups(index, groups, cited), invitations=_held(index, invitations))


def country_pages(index: SiteIndex, code: str, country: Country) -> list[tuple[str, Context]]:
    """A country: the positions the Repertoire's footnotes attribute to it, its rule 37 invitations."""
    catalogue = index.catalogue
    lists = dict(groups=by_meeting(catalogue.country_citations.get(code, [])),
                 invitations=catalogue.invitations.get(code, []))
    return _entity_pages(index, COUNTRY, code, lists, _country_counts, partial(_country, country))


def _mention_counts(groups: list) -> dict:
    return dict(mentions=sum(len(places) for _, _, places in groups),
                meetings=sum(1 for _, symbol, _ in groups if symbol))


def _acronym(acronym: Acronym, index: SiteIndex, groups: list) -> dict:
    return dict(acronym=acronym, variants=[v for v in acronym.spellings if v != acronym.long],
                groups=_groups(index, groups))


def mission_pages(index: SiteIndex, acronym: Acronym) -> list[tuple[str, Context]]:
    """A mission, body or initiative: the paragraphs that mention it, meeting by meeting."""
    groups = by_meeting(index.catalogue.mentions.get((acronym.kind, acronym.short), []))
    return _entity_pages(index, acronym.kind, acronym.short, dict(groups=groups), _mention_counts,
                         partial(_acronym, acronym))


def _briefer_counts(meetings: list, mentions: list) -> dict:
    return dict(meetings=len(meetings), mentions=sum(len(places) for _, _, places in mentions))


def _briefer(title: str, index: SiteIndex, meetings: list, mentions: list) -> dict:
    return dict(title=title, meetings=_held(index, meetings), mentions=_groups(index, mentions))


def briefer_pages(index: SiteIndex, title: str, meetings: list) -> list[tuple[str, Context]]:
    """A briefer: the meetings at which they briefed, and where the accounts mention them."""
    mentions = by_meeting(index.catalogue.mentions.get((BRIEFER, title), []))
    return _entity_pages(index, BRIEFER, title, dict(meetings=meetings, mentions=mentions), _briefer_counts,
                         partial(_briefer, title))


# Indexes ---------------------------------------------------------------------------------------

def section_tree(index: SiteIndex) -> dict:
    """supplement (year) > part > group > sections (with their pages), in reading order."""
    tree: dict = {}
    for section in index.repertoire.sections:
        parts = tree.setdefault(section.supplement or "Undated", {})
        groups = parts.setdefault(section.part or "", {})
        groups.setdefault(section.group or "", []).append(SectionLink(section, index.section_pages[section.key]))
    return tree


def topic_letters(index: SiteIndex) -> dict[str, list[TopicRow]]:
    """Agenda items alphabetically, under their initial ("#" for a digit or another script)."""
    letters: dict[str, list] = {}
    for item in sorted(index.topics.values(), key=lambda t: (anchor(t.title), t.slug)):
        initial = anchor(item.title)[:1].upper()
        years = list(item.years)
        letters.setdefault(initial if initial.isalpha() else "#", []).append(
            TopicRow(item, index.topic_pages[item.title], years[0], years[-1]))
    return dict(sorted(letters.items(), key=lambda entry: (entry[0] == "#", entry[0])))


def meetings_index(index: SiteIndex) -> dict:
    """Every year of meetings: how many, how many of them the Repertoire describes."""
    years = [(year, index.year_pages[year], len(meetings), sum(m.symbol in index.meeting_sections for m in meetings))
             for year, meetings in index.timeline.years.items()]
    return dict(years=years, total=sum(count for _, _, count, _ in years),
                described=sum(described for _, _, _, described in years))


def meetings_year(index: SiteIndex, year: str) -> dict:
    """A year's meetings, in chronological order."""
    rows = []
    for held in index.timeline.years[year]:
        section = index.meeting_sections.get(held.symbol)
        rows.append(MeetingRow(held, section, index.section_pages[section.key] if section else None,
                               _topics(index, held.topics)))
    return dict(year=year, title=index.titles[index.year_pages[year]], rows=rows)


def topics_index(index: SiteIndex) -> dict:
    letters = topic_letters(index)
    return dict(letters=letters, count=sum(len(topics) for topics in letters.values()))


def sections_index(index: SiteIndex) -> dict:
    return dict(tree=section_tree(index))


def countries_index(index: SiteIndex) -> dict:
    catalogue = index.catalogue
    rows = []
    for country in sorted(catalogue.countries.values(), key=lambda c: anchor(c.name)):
        cited = catalogue.country_citations.get(country.code, [])
        rows.append(CountryRow(country, len(cited), _distinct(c.meeting for c in cited),
                               len(catalogue.invitations.get(country.code, []))))
    return dict(countries=rows)


def missions_index(index: SiteIndex, kind: str) -> dict:
    """The missions (kind MISSION) or the bodies and initiatives (BODY)."""
    catalogue = index.catalogue
    rows = [AcronymRow(acronym, index.page_of(acronym.kind, acronym.short),
                       _distinct(p.meeting for p in catalogue.mentions.get((acronym.kind, acronym.short), [])
                                 if p.meeting))
            for acronym in catalogue.in_kind(kind)]
    return dict(kind=kind, acronyms=rows)


def briefers_index(index: SiteIndex) -> dict:
    return dict(briefers=sorted(index.catalogue.briefers.items()))


def documents_index(index: SiteIndex) -> dict:
    """The documents cited, and how many other decisions (adopted at the site's meetings) have a page."""
    documents = index.catalogue.documents
    rows = [DocumentRow(symbol, KIND_NAMES.get(parse_symbol(symbol).kind, "document"), places)
            for symbol, places in sorted(documents.items(), key=lambda item: natural_key(item[0]))]
    return dict(documents=rows, other_adopted=sum(1 for symbol in index.timeline.adoptions if symbol not in documents))


def data_index(index: SiteIndex) -> dict:
    return dict(datasets=opendata.DATASETS, version=opendata.DATA_VERSION, separator=opendata.LIST_SEPARATOR)


def home(index: SiteIndex) -> dict:
    """The site's front page: what it holds, and the Repertoire's contents."""
    catalogue, repertoire = index.catalogue, index.repertoire
    counts = dict(sections=len(repertoire.sections), meetings=len(repertoire.meetings()),
                  all_meetings=len(index.timeline.meetings), topics=len(index.topics),
                  countries=len(catalogue.countries), missions=len(catalogue.in_kind(MISSION)),
                  bodies=len(catalogue.in_kind(BODY)), briefers=len(catalogue.briefers),
                  documents=len(catalogue.documents))
    return dict(counts=counts, tree=section_tree(index), problems=repertoire.problems)
