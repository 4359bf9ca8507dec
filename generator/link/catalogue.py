"""The things the Repertoire names, gathered from the model in one pass: countries, missions,
bodies and initiatives, briefers and documents, each with every place that names it.

Knows nothing of pages: `generator.link.index` gives each entity its address.

- Countries: the States of footnotes' country lists and of rule 37 invitations,
  normalised by `generator.link.countries` ("United States of America" is "United
  States"). A name that is no State is a Problem, and gets no page.
- Missions, bodies and initiatives: acronyms defined in the text
  (`generator.link.acronyms`), plus known missions the text names.
- Briefers: rule 39 invitees, one per title as printed (whitespace and a
  leading "the" aside).
- Documents: every symbol cited by a paragraph, a footnote or a meeting's row.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from generator.link import acronyms, countries
from generator.link.addresses import slug
from generator.link.acronyms import BODY, MISSION
from generator.link.countries import Country
from generator.link.mentions import MentionFinder
from generator.model import Footnote, Meeting, Problem, Repertoire, Section
from generator.link.sentences import Sentences
from generator.model.symbols import find_symbols, parse_symbol

COUNTRY, BRIEFER, DOCUMENT = "country", "briefer", "document"


@dataclass
class Place:
    """One place in the Repertoire that names or cites something."""

    section: Section
    meeting: Optional[str]  # the meeting whose account or table row it is in; None: the section's overview
    paragraph: Optional[int] = None  # 1-based number of the paragraph in its section
    footnote: Optional[int] = None
    role: str = "paragraph"  # paragraph, footnote, decision, other document, rule 37, rule 39
    text: str = ""  # the sentence it is in (paragraphs), or what a footnote supports


@dataclass
class CountryCitation:
    """A footnote naming a country for a point of the narrative."""

    section: Section
    meeting: Optional[str]  # the meeting the footnote cites (or whose account it is in)
    footnote: Footnote
    paragraph: Optional[int]
    statement: str  # the sentence the footnote supports
    printed: str  # the name as the footnote prints it


@dataclass
class Acronym:
    short: str  # "UNMISS"
    long: str  # "United Nations Mission in South Sudan"
    kind: str  # MISSION or BODY
    spellings: list[str] = field(default_factory=list)  # long forms as the text writes them


@dataclass
class Catalogue:
    countries: dict[str, Country] = field(default_factory=dict)  # ISO code -> State with a page
    country_citations: dict[str, list[CountryCitation]] = field(default_factory=lambda: defaultdict(list))
    invitations: dict[str, list[tuple[Section, Meeting]]] = field(default_factory=lambda: defaultdict(list))
    acronyms: dict[str, Acronym] = field(default_factory=dict)
    briefers: dict[str, list[tuple[Section, Meeting]]] = field(default_factory=dict)  # title -> meetings
    # One briefer per title whatever its case or punctuation: identity -> the title first printed.
    briefer_titles: dict[str, str] = field(default_factory=dict)
    briefer_spellings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    documents: dict[str, list[Place]] = field(default_factory=dict)  # canonical symbol -> citing places
    mentions: dict[tuple, list[Place]] = field(default_factory=lambda: defaultdict(list))  # (kind, key) -> places
    problems: list[Problem] = field(default_factory=list)
    finder: Optional[MentionFinder] = None  # every name: States, acronyms and full names, briefers' titles
    name_finder: Optional[MentionFinder] = None  # the same without briefers' titles (to read inside them)
    footnote_places: dict[tuple, tuple[int, Optional[str]]] = field(default_factory=dict)

    def briefer(self, invitee: str) -> Optional[str]:
        """The briefer (its first printed title) an invitee's title denotes."""
        return self.briefer_titles.get(briefer_identity(briefer_title(invitee)))

    def citing(self, symbol: str) -> list[Place]:
        """The places citing a document, leaving out a meeting's own account and table row: the
        footnotes of S/PV.9389's account that cite S/PV.9389 are its sources, not pages citing it."""
        return [place for place in self.documents.get(symbol, []) if place.meeting != symbol]

    def in_kind(self, kind: str) -> list[Acronym]:
        return sorted((a for a in self.acronyms.values() if a.kind == kind), key=lambda a: a.short)


def briefer_title(text: str) -> str:
    title = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the\s+", "", title, flags=re.I)


def briefer_identity(title: str) -> str:
    """Titles differing only in case, accents or punctuation are one briefer (and so one page address)."""
    return slug(title)


def briefer_spellings(title: str) -> list[str]:
    """'Executive Director, Security Council Report' is also written 'Executive Director of Security Council Report'."""
    spellings = [title]
    if ", " in title:
        head, _, tail = title.partition(", ")
        spellings += [f"{head} of {tail}", f"{head} of the {tail}"]
    return spellings


def build_catalogue(repertoire: Repertoire) -> Catalogue:
    catalogue = Catalogue()
    for section in repertoire.sections:
        _footnote_places(catalogue, section)
    for section in repertoire.sections:
        _countries(catalogue, section)
        _definitions(catalogue, section)
        _briefers(catalogue, section)
        _documents(catalogue, section)
    names = list(_names(catalogue))
    catalogue.finder = MentionFinder(names)
    catalogue.name_finder = MentionFinder(n for n in names if n[1][0] != BRIEFER)
    for section in repertoire.sections:
        _mentions(catalogue, section)
    return catalogue


def _footnote_places(catalogue: Catalogue, section: Section) -> None:
    """Where each footnote is referenced from: paragraph number and the meeting of that paragraph."""
    for number, paragraph in enumerate(section.paragraphs, 1):
        for ref in paragraph.refs:
            catalogue.footnote_places.setdefault((section.key, ref.number), (number, paragraph.meeting))


def supported_statements(section: Section) -> dict[int, str]:
    """Footnote number -> the sentence its marker closes."""
    statements: dict[int, str] = {}
    for paragraph in section.paragraphs:
        sentences = Sentences(paragraph.text)
        previous = 0
        for ref in sorted(paragraph.refs, key=lambda r: r.offset):
            statements.setdefault(ref.number, sentences.supported(ref.offset, previous))
            previous = ref.offset
    return statements


def _problem(section: Section, place: str, message: str) -> Problem:
    return Problem(section.sources[0] if section.sources else f"section {section.number}", place, message)


def _countries(catalogue: Catalogue, section: Section) -> None:
    own_meetings = {m.symbol for m in section.meetings}
    statements = supported_statements(section) if any(f.countries for f in section.footnotes) else {}
    for footnote in section.footnotes:
        paragraph, paragraph_meeting = catalogue.footnote_places.get((section.key, footnote.number), (None, None))
        cited = [c for c in footnote.citations if c in own_meetings]
        meeting = cited[0] if cited else paragraph_meeting
        named = set()
        for printed in footnote.countries:
            country = countries.lookup(printed)
            if country is None:
                catalogue.problems.append(_problem(section, f"footnote {footnote.number}",
                                                   f"{printed!r} is not a Member State or observer State: no country page"))
                continue
            catalogue.countries[country.code] = country
            if country.code not in named:  # a State named twice in one footnote is cited once
                named.add(country.code)
                catalogue.country_citations[country.code].append(CountryCitation(
                    section, meeting, footnote, paragraph, statements.get(footnote.number, ""), printed))
    for meeting in section.meetings:
        for printed in meeting.rule_37:
            country = countries.lookup(printed)
            if country is None:
                catalogue.problems.append(_problem(section, f"meeting {meeting.symbol}",
                                                   f"rule 37 invitee {printed!r} is not a Member State or observer "
                                                   "State: no country page"))
                continue
            catalogue.countries[country.code] = country
            if not any(m is meeting for _, m in catalogue.invitations[country.code][-1:]):
                catalogue.invitations[country.code].append((section, meeting))


def _definitions(catalogue: Catalogue, section: Section) -> None:
    texts = [p.text for p in section.paragraphs] + [f.text for f in section.footnotes]
    for text in texts:
        for definition in acronyms.definitions(text):
            known = acronyms.KNOWN_MISSIONS.get(definition.short)
            entry = catalogue.acronyms.get(definition.short)
            if entry is None:
                kind = MISSION if acronyms.is_mission(definition.short, definition.long) else BODY
                entry = catalogue.acronyms[definition.short] = Acronym(definition.short, known or definition.long, kind)
            elif definition.long not in entry.spellings and definition.long != entry.long and not known:
                catalogue.problems.append(_problem(section, f"section {section.number}",
                                                   f"{definition.short} is defined as {definition.long!r} "
                                                   f"and as {entry.long!r}; the first is kept"))
                continue
            if definition.long not in entry.spellings:
                entry.spellings.append(definition.long)


def _briefers(catalogue: Catalogue, section: Section) -> None:
    for meeting in section.meetings:
        for invitee in meeting.rule_39:
            printed = briefer_title(invitee)
            if not printed:
                continue
            title = catalogue.briefer_titles.setdefault(briefer_identity(printed), printed)
            if printed not in catalogue.briefer_spellings[title]:
                catalogue.briefer_spellings[title].append(printed)
            meetings = catalogue.briefers.setdefault(title, [])
            if not any(m is meeting for _, m in meetings[-1:]):
                meetings.append((section, meeting))


def _documents(catalogue: Catalogue, section: Section) -> None:
    documents = catalogue.documents
    for number, paragraph in enumerate(section.paragraphs, 1):
        matches = find_symbols(paragraph.text)
        sentences = Sentences(paragraph.text) if matches else None
        for match in matches:
            documents.setdefault(match.symbol.canonical, []).append(
                Place(section, paragraph.meeting, number, text=sentences.around(match.start, match.end)))
    for footnote in section.footnotes:
        paragraph, meeting = catalogue.footnote_places.get((section.key, footnote.number), (None, None))
        for symbol in footnote.citations:
            documents.setdefault(symbol, []).append(Place(section, meeting, paragraph, footnote.number, "footnote"))
    for meeting in section.meetings:
        for text in meeting.other_documents:
            for match in find_symbols(text):
                documents.setdefault(match.symbol.canonical, []).append(
                    Place(section, meeting.symbol, role="other document"))
        for decision in meeting.decisions:
            documents.setdefault(parse_symbol(decision.symbol).canonical, []).append(
                Place(section, meeting.symbol, role="decision"))


def _names(catalogue: Catalogue):
    """Every spelling the linker looks for, with what it denotes."""
    for entry in catalogue.acronyms.values():
        for long in dict.fromkeys([entry.long] + entry.spellings):
            yield f"{long} ({entry.short})", (entry.kind, entry.short)
            yield long, (entry.kind, entry.short)
        yield entry.short, (entry.kind, entry.short)
    for short, long in acronyms.KNOWN_MISSIONS.items():
        yield f"{long} ({short})", (MISSION, short)
        yield long, (MISSION, short)
        yield short, (MISSION, short)
    for title, printed in catalogue.briefer_spellings.items():
        for spelling in printed:
            for variant in briefer_spellings(spelling):
                yield variant, (BRIEFER, title)
    for country in countries.all_states():  # States without a page too: "Sudan" is not in "South Sudan"
        for alias in country.aliases:
            yield alias, (COUNTRY, country.code)


def _mentions(catalogue: Catalogue, section: Section) -> None:
    """Missions, bodies and briefers named in the narrative, footnotes and invitations."""
    wanted = (MISSION, BODY, BRIEFER)

    def record(text: str, make_place, wanted=wanted, finder=catalogue.finder) -> None:
        sentences = None
        seen = set()
        for mention in finder.find(text):
            kind, key = mention.key
            if kind not in wanted or mention.key in seen:
                continue
            seen.add(mention.key)
            if kind == MISSION and key not in catalogue.acronyms:  # a known mission the text names
                catalogue.acronyms[key] = Acronym(key, acronyms.KNOWN_MISSIONS[key], MISSION)
            sentences = sentences or Sentences(text)
            catalogue.mentions[mention.key].append(make_place(sentences.around(mention.start, mention.end)))

    for number, paragraph in enumerate(section.paragraphs, 1):
        record(paragraph.text, lambda s, n=number, p=paragraph: Place(section, p.meeting, n, text=s))
    for footnote in section.footnotes:
        paragraph, meeting = catalogue.footnote_places.get((section.key, footnote.number), (None, None))
        record(footnote.text, lambda s, f=footnote, n=paragraph, m=meeting: Place(section, m, n, f.number, "footnote", s))
    for meeting in section.meetings:
        for invitee in meeting.rule_39:
            record(invitee, lambda s, m=meeting: Place(section, m.symbol, role="rule 39", text=s),
                   (MISSION, BODY), catalogue.name_finder)
