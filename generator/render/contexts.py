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
import re
from collections import defaultdict
from functools import partial
from typing import Any, Callable, Hashable, Iterable, NamedTuple, Optional

from generator.link.catalogue import BODY, BRIEFER, COUNTRY, MISSION, Acronym, Place
from generator.link.countries import Country
from generator.link.index import LinkRecorder, PageLinker, SiteIndex, anchor, natural_key
from generator.link.labels import KIND_NAMES, section_label
from generator.link.pages import INDEX_RANK, KINDS, built_address, kind_of, topic_address, trail
from generator.link.topics import Topic, gap_pointers
from generator.model import Meeting, Section, WrittenDecision
from generator.model.symbols import parse_symbol
from generator.model.vocabulary import human_date
from generator.parse.dhl.library import table_citation
from generator.render import citations, opendata

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


class DecisionRow(NamedTuple):
    """A decision taken without a meeting, in a list of them (a year's, a topic's, the index)."""
    decision: WrittenDecision
    page: str  # its page
    title: str  # its page's title
    topics: list[PageRef]


class TopicRow(NamedTuple):
    topic: Topic
    page: str
    first_year: str
    last_year: str


class Coverage(NamedTuple):
    """A Repertoire section on a topic's page, with its meetings: [(meeting, its page)]."""
    section: Section
    page: str
    meetings: list[tuple[Meeting, str]]


class Pointed(NamedTuple):
    """ "1994–2015: see Cyprus", after the last year before a topic's gap."""
    first: int
    last: int
    topic: PageRef


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
    places: list[Place]  # citing it (a meeting's own account left out)
    own: int  # how many places of a meeting's own account cite its record


class Column(NamedTuple):
    """A column of a section's meetings table: the Meeting field it shows, and its heading."""
    field: str
    heading: str


# The section page's meetings table, after "Meeting and date"; a column is shown where one of
# the section's meetings fills it (section 24 has no rule 37 invitation, no decision).
MEETING_COLUMNS = (Column("sub_item", "Sub-item"), Column("other_documents", "Other documents"),
                   Column("rule_37", "Rule 37 invitations"), Column("rule_39", "Rule 39 and other invitations"),
                   Column("speakers", "Speakers"), Column("decisions", "Decisions and vote (for-against-abstaining)"))

# Where a page's template places its "What links here" (appended at the end where it has none).
WHAT_LINKS_HERE_PLACE = "<!-- what links here -->"

# The groups of "What links here", by the rank of the linking page's kind (generator.link.pages).
_BACKLINK_GROUPS = {INDEX_RANK: "Indexes", **{kind.rank: kind.title for kind in KINDS if kind.rank != INDEX_RANK}}

# How a meeting's own account names its format, most specific first (the Repertoire's words).
_FORMATS = ((re.compile(r"\bopen debate\b", re.I), "an open debate"), (re.compile(r"(?<!without )\bdebate\b", re.I), "a debate"),
            (re.compile(r"\bbrief(?:ing|ed)\b", re.I), "a briefing"))


class Crumb(NamedTuple):
    """A step of a page's breadcrumbs, for raw HTML: its label and its address HTML-escaped, the address
    relative to the page and built (.html: MkDocs does not rewrite raw HTML); None for the page itself."""
    label: str
    href: Optional[str]


def base(index: SiteIndex, page: str, recorder: Optional[LinkRecorder]) -> dict:
    """What every page gets: `link` bound to the page, the page's address, its breadcrumbs, and helpers."""
    return {"link": PageLinker(index, page, recorder), "index": index, "page": page, "section_label": section_label,
            "breadcrumbs": breadcrumbs(index, page), "what_links_here": WHAT_LINKS_HERE_PLACE}


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


def cite(citation: citations.Citation) -> dict:
    """A page's "Cite this page": its citation in the four forms (generator.render.citations)
    and its stable address, under site_url when the configuration sets one."""
    return dict(cite_forms=citations.forms(citation), address=citation.url)


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
    """A link per item; a spelling that joins two items' names links each under its own name."""
    refs = []
    for spelling in spellings:
        pages = index.topic_pages.get(spelling) or [None]
        refs += [PageRef(spelling if len(pages) == 1 else index.titles[page], page) for page in pages]
    return refs


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

def no_decision(meeting: Meeting, paragraphs: list) -> Optional[str]:
    """What a meeting that took no decision was, for its "Decisions and vote" row: "a briefing;
    no decision was taken". Its format is the one its account names ("At the open debate held
    on 19 January"); else a meeting with rule 39 invitees is a briefing. None: it took a decision,
    or the Library's table gives its outcome."""
    if meeting.decisions or meeting.outcome:
        return None
    told = " ".join(paragraph.text for _, paragraph in paragraphs)
    format = next((name for pattern, name in _FORMATS if pattern.search(told)),
                  "a briefing" if meeting.rule_39 else None)
    return f"{format}; no decision was taken" if format else "no decision was taken"


def meeting_columns(meetings: list[Meeting]) -> list[Column]:
    """The columns of a section's meetings table that one of its meetings fills."""
    return [column for column in MEETING_COLUMNS if any(getattr(m, column.field) for m in meetings)]


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
                cited_by=index.catalogue.citing(meeting.symbol), tables=library_tables(meeting),
                no_decision=no_decision(meeting, paragraphs),
                **cite(citations.meeting_citation(section, meeting, page, index.address(page))))


def record_opening(meeting: Meeting) -> str:
    """'Security Council meeting S/PV.1 of 17 January 1946.'"""
    return f"Security Council meeting {meeting.symbol}{f' of {human_date(meeting.date)}' if meeting.date else ''}."


def record_summary(meeting: Meeting) -> str:
    """The opening and the agenda in one line of text: '... 1946. Agenda: (1) Opening of ...; (2) ...'."""
    items = [item.rstrip(". ") for item in meeting.topics]
    if len(items) > 1:
        items = [f"({number}) {item}" for number, item in enumerate(items, 1)]
    return record_opening(meeting) + (f" Agenda: {'; '.join(items)}." if items else "")


def record(index: SiteIndex, meeting: Meeting) -> dict:
    """A meeting known only from the Library's tables."""
    before, after = index.in_time(meeting)
    page, tables = index.meeting_pages[meeting.symbol], library_tables(meeting)
    return dict(meeting=meeting, year_page=_year_page(index, meeting), topics=_topics(index, meeting.topics),
                opening=record_opening(meeting), summary=record_summary(meeting),
                before=before, after=after, tables=tables, cited_by=index.catalogue.documents.get(meeting.symbol, []),
                **cite(citations.record_citation(meeting, tables, page, index.address(page))))


def decision(index: SiteIndex, decision: WrittenDecision) -> dict:
    """A decision taken without a meeting (written procedure): what the Library's table says of it."""
    page = index.decision_pages[decision.symbol]
    year = index.year_pages.get((decision.date or "")[:4])
    return dict(decision=decision, title=index.titles[page], topics=_topics(index, decision.topics),
                year_page=PageRef(index.titles[year], year) if year else None,
                tables=library_tables(decision), address=index.address(page))


def decision_rows(index: SiteIndex, decisions: Iterable[WrittenDecision]) -> list[DecisionRow]:
    rows = []
    for decision in decisions:
        page = index.decision_pages[decision.symbol]
        rows.append(DecisionRow(decision, page, index.titles[page], _topics(index, decision.topics)))
    return rows


def section(index: SiteIndex, section: Section) -> dict:
    """A section: its overview, its meetings table, each meeting's paragraphs, its footnotes."""
    told = defaultdict(list)
    for number, paragraph in enumerate(section.paragraphs, 1):
        told[paragraph.meeting].append((number, paragraph))
    accounts = [Account(m, index.meeting_pages[m.symbol], told[m.symbol]) for m in section.meetings if told[m.symbol]]
    referenced = {n for item in [*section.paragraphs, *section.meetings] for n in item.footnotes}
    page = index.section_pages[section.key]
    return dict(section=section, overview=told[None], accounts=accounts, columns=meeting_columns(section.meetings),
                **cite(citations.section_citation(section, page, index.address(page))),
                footnotes=[f for f in section.footnotes if f.number in referenced],
                orphans=[f for f in section.footnotes if f.number not in referenced],
                library_topics=library_topics(index, section))


def library_topics(index: SiteIndex, section: Section) -> list[PageRef]:
    """The agenda items of the Library's tables a section covers (its title is their name)."""
    return [_topic_ref(topic) for topic in index.section_topics.get(section.key, [])]


def _topic_ref(topic: Topic) -> PageRef:
    return PageRef(topic.title, topic_address(topic.slug))


def _span(topic: Topic) -> str:
    years = sorted(topic.dated_years)
    return "" if not years else str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def topic(index: SiteIndex, topic: Topic) -> dict:
    """An agenda item of the Library's tables, its meetings year by year, the items on the same
    State (with where its missing years are) and the Repertoire's sections on it."""
    years = list(topic.years)
    gaps = {str(year): [Pointed(p.first, p.last, _topic_ref(p.topic)) for p in pointers]
            for year, pointers in gap_pointers(topic).items()}
    related = [(_topic_ref(other), _span(other)) for other in topic.related]
    sections = [Coverage(section, index.section_pages[section.key],
                         [(m, index.meeting_pages[m.symbol]) for m in index.meeting_order[section.key]])
                for section in topic.sections]
    return dict(topic=topic, first_year=years[0], last_year=years[-1], related=related, gaps=gaps,
                sections=sections,
                written=decision_rows(index, index.topic_decisions.get(topic_address(topic.slug), [])))


def document(index: SiteIndex, symbol: str) -> dict:
    """A document the Repertoire cites, or a decision adopted at a meeting of the site."""
    parsed = parse_symbol(symbol)
    return dict(symbol=parsed, kind=KIND_NAMES.get(parsed.kind, "document"),
                places=index.catalogue.documents.get(symbol, []), adoptions=index.adoptions(symbol),
                written=decision_rows(index, [index.written[symbol]] if symbol in index.written else []))


def what_links_here(index: SiteIndex, sources: Iterable[str]) -> dict:
    """The pages linking to a page, in the order of `index.backlink_order`, and grouped by their
    kind: [(the kind's name ("Countries"), [PageRef])]."""
    groups: dict[str, list[PageRef]] = {}
    for source in sorted(sources, key=index.backlink_order):
        group = _BACKLINK_GROUPS.get(index.backlink_order(source)[0], "Other pages")
        groups.setdefault(group, []).append(PageRef(index.titles.get(source, source), source))
    return dict(sources=[ref for refs in groups.values() for ref in refs], groups=list(groups.items()))


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
            TopicRow(item, topic_address(item.slug), years[0], years[-1]))
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
    return dict(year=year, title=index.titles[index.year_pages[year]], rows=rows,
                written=decision_rows(index, index.year_decisions.get(year, [])))


def decisions_index(index: SiteIndex) -> dict:
    """Every decision taken without a meeting, by date."""
    return dict(written=decision_rows(index, index.repertoire.written_decisions))


def topics_index(index: SiteIndex) -> dict:
    letters = topic_letters(index)
    ids = {letter: "letter-" + (letter.lower() if letter != "#" else "other") for letter in letters}
    return dict(letters=letters, letter_ids=ids, count=sum(len(topics) for topics in letters.values()))


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
    catalogue = index.catalogue
    documents = catalogue.documents
    rows = []
    for symbol, places in sorted(documents.items(), key=lambda item: natural_key(item[0])):
        citing = catalogue.citing(symbol)
        rows.append(DocumentRow(symbol, KIND_NAMES.get(parse_symbol(symbol).kind, "document"), citing,
                                len(places) - len(citing)))
    return dict(documents=rows, other_adopted=_other_adopted(index))


def _other_adopted(index: SiteIndex) -> int:
    """How many decisions the Repertoire does not cite have a page: those adopted at the site's
    meetings, and those adopted without a meeting (written procedure)."""
    adopted = set(index.timeline.adoptions)
    adopted.update(d.symbol for written in index.repertoire.written_decisions for d in written.decisions)
    return len(adopted - set(index.catalogue.documents))


def data_index(index: SiteIndex) -> dict:
    return dict(datasets=opendata.DATASETS, version=opendata.DATA_VERSION, separator=opendata.LIST_SEPARATOR)


def home(index: SiteIndex) -> dict:
    """The site's front page: what it holds, and the Repertoire's contents."""
    catalogue, repertoire = index.catalogue, index.repertoire
    counts = dict(sections=len(repertoire.sections), meetings=len(repertoire.meetings()),
                  all_meetings=len(index.timeline.meetings), topics=len(index.topics),
                  countries=len(catalogue.countries), missions=len(catalogue.in_kind(MISSION)),
                  bodies=len(catalogue.in_kind(BODY)), briefers=len(catalogue.briefers),
                  documents=len(catalogue.documents),
                  adopted=_other_adopted(index))
    return dict(counts=counts, tree=section_tree(index), problems=repertoire.problems)
