"""What each generated page contributes to search: one `SearchDocument` per page worth finding.

Made from the model the pages are written from (`generator.link.index.SiteIndex`), never from
the pages' HTML, with each page's address from the registry of page kinds (`generator.link.pages`):
the index pages, sections with their meetings, the Library's records, the decisions taken
without a meeting, the years of meetings,
agenda items, countries, missions and bodies, briefers and documents, in that (stable) order.
The index format (terms, weights, files) is `generator.site.search_index`'s, which also reads
the hand-written pages.

Besides what a page says, two things from the model rank it (README, "Search"): what it is
`about` (a meeting: the decisions it adopted, so "S/RES/242" finds S/PV.1382 next to the
resolution; a section: its meetings, so "9389" finds section 24 next to S/PV.9389), and its
`relevance` (an agenda item or a briefer: its number of meetings, so "Cyprus" ranks the item
with 128 meetings above the one with fewer).
"""
from __future__ import annotations

from typing import Iterable, Optional

from generator.link.catalogue import BRIEFER, COUNTRY, DOCUMENT
from generator.link.index import SiteIndex, paragraph_anchor
from generator.link.labels import KIND_NAMES, section_label
from generator.link.pages import KINDS, built_address, topic_address
from generator.model import Meeting
from generator.model.symbols import parse_symbol
from generator.model.vocabulary import human_date
from generator.site.search_index import Passage, SearchDocument, fold


def documents(index: SiteIndex) -> list[SearchDocument]:
    """The documents of the generated pages, in a stable order.

    Cheap (no text is read, only referred to): the build takes them before MkDocs, lets the
    model's index go, and makes the search index after (`generator.site.search_index.write_search_index`).
    """
    return list(_documents(index))


def _documents(index: SiteIndex) -> Iterable[SearchDocument]:
    for kind in KINDS:
        yield SearchDocument(built_address(kind.index_address), kind.title, [kind.title])
    yield from _sections(index)
    yield from _records(index)
    yield from _written_decisions(index)
    yield from _years(index)
    yield from _topics(index)
    yield from _countries(index)
    yield from _acronyms(index)
    yield from _briefers(index)
    yield from _cited_documents(index)


def _page(index: SiteIndex, page: str, keywords: list[str], summary: str, **ranking) -> SearchDocument:
    """`ranking`: SearchDocument's `about` and `relevance`."""
    return SearchDocument(built_address(page), index.titles[page], keywords, summary, **ranking)


def _sections(index: SiteIndex) -> Iterable[SearchDocument]:
    """Sections by agenda item (a search for an item finds its sections of every year side by side,
    in few text blocks), each after its meetings."""
    titles = index.titles
    ordered = sorted(enumerate(index.repertoire.sections), key=lambda item: (fold(item[1].title), item[0]))
    for unit, section in ordered:
        label = section_label(section)
        for meeting in section.meetings:  # before their section's page: a tie goes to the lower number
            if index.meeting_sections.get(meeting.symbol) is not section:
                continue  # a meeting in two sections has one page, written with the last one
            page = index.meeting_pages[meeting.symbol]
            own = index.meeting_paragraphs(meeting.symbol)
            notes = [index.footnote(section, n) for _, p in own for n in p.footnotes]
            notes = list({id(f): f for f in notes if f}.values())
            keywords, lines = _meeting_fields(meeting)
            passages = ([Passage(paragraph_anchor(n), f"Paragraph {n}", p.text) for n, p in own]
                        + [Passage(f"fn:{f.number}", f"Footnote {f.number}", f.text) for f in notes])
            yield SearchDocument(built_address(page), titles[page], keywords + [section.title],
                                 _summary(f"{section.title} ({label}, section {section.number})", *lines),
                                 passages, unit, about=_adopted(meeting))
        paragraphs = [Passage(paragraph_anchor(n), f"Paragraph {n}" + (f" ({p.meeting})" if p.meeting else ""), p.text)
                      for n, p in enumerate(section.paragraphs, 1)]
        footnotes = [Passage(f"fn:{f.number}", f"Footnote {f.number}", f.text) for f in section.footnotes]
        page = index.section_pages[section.key]
        title = titles[page] + (f" ({section.supplement} supplement)" if section.supplement else "")  # one a year
        yield SearchDocument(built_address(page), title, [section.number, section.title, label],
                             _summary(label, f"section {section.number}"), paragraphs + footnotes, unit,
                             about=[meeting.symbol for meeting in section.meetings])


def _records(index: SiteIndex) -> Iterable[SearchDocument]:
    """Meetings known only from the Library's tables (the Repertoire's page wins)."""
    for meeting in index.repertoire.records:
        page = index.meeting_pages.get(meeting.symbol)
        if index.meeting_sections.get(meeting.symbol) is None and page is not None:
            keywords, lines = _meeting_fields(meeting)
            yield _page(index, page, keywords, _summary(*lines), about=_adopted(meeting))


def _written_decisions(index: SiteIndex) -> Iterable[SearchDocument]:
    """Decisions taken without a meeting (written procedure, 2020-2021): before the documents they
    adopted, so a search for the symbol finds where it was adopted first."""
    for written in index.repertoire.written_decisions:
        decisions = [f"{d.symbol} ({d.vote})" if d.vote else d.symbol for d in written.decisions]
        letters = written.procedure_letters + written.outcome_letters
        keywords = [*(d.symbol for d in written.decisions), *written.drafts, *written.topics, *letters,
                    human_date(written.date) if written.date else "", "written procedure"]
        yield _page(index, index.decision_pages[written.symbol], [k for k in keywords if k],
                    _summary("Adopted without a meeting, by written procedure" if written.decisions
                             else "Put to the vote without a meeting, by written procedure",
                             _join("Topics", written.topics), _join("Decisions", decisions),
                             written.drafts and f"Outcome: {written.outcome}", _join("Letters", letters)))


def _years(index: SiteIndex) -> Iterable[SearchDocument]:
    for year, page in index.year_pages.items():
        yield _page(index, page, [year], _count(len(index.timeline.years.get(year, [])), "meeting"))


def _topics(index: SiteIndex) -> Iterable[SearchDocument]:
    for key, topic in index.topics.items():
        page = topic_address(key)
        years = list(topic.years)
        span = f", {years[0]}–{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
        yield SearchDocument(built_address(page), index.titles.get(page, topic.title),
                             [topic.title, *topic.other_spellings],
                             f"Agenda item: {_count(len(topic.meetings), 'meeting')}{span}", relevance=len(topic.meetings))


def _countries(index: SiteIndex) -> Iterable[SearchDocument]:
    for code, country in sorted(index.catalogue.countries.items(), key=lambda item: item[1].name):
        kind = "Observer State" if country.observer else "Member State"
        official = f" ({country.official_name})" if country.official_name not in (None, "", country.name) else ""
        yield _page(index, index.page_of(COUNTRY, code), [country.name, country.official_name or "", *country.aliases],
                    f"{kind} of the United Nations{official}")


def _acronyms(index: SiteIndex) -> Iterable[SearchDocument]:
    """Missions and bodies, as the Repertoire defines them."""
    for acronym in index.catalogue.acronyms.values():
        page = index.page_of(acronym.kind, acronym.short)
        if page:
            yield _page(index, page, [acronym.short, acronym.long, *acronym.spellings], acronym.long)


def _briefers(index: SiteIndex) -> Iterable[SearchDocument]:
    catalogue = index.catalogue
    for title, meetings in catalogue.briefers.items():
        page = index.page_of(BRIEFER, title)
        if page:
            yield _page(index, page, [title, *catalogue.briefer_spellings.get(title, [])],
                        f"Invited under rule 39 at {_count(len(meetings), 'meeting')}", relevance=len(meetings))


def _cited_documents(index: SiteIndex) -> Iterable[SearchDocument]:
    """Documents the Repertoire cites and resolutions and statements adopted at a meeting."""
    catalogue = index.catalogue
    for symbol in dict.fromkeys([*catalogue.documents, *index.adopted_symbols()]):
        page = index.page_of(DOCUMENT, symbol)
        if not page:
            continue
        kind = KIND_NAMES.get(parse_symbol(symbol).kind, "document")
        adoptions = [f"adopted at {a.meeting.symbol} on {human_date(a.meeting.date)}"
                     + (f" ({a.decision.vote or a.decision.note})" if a.decision.vote or a.decision.note else "")
                     for a in index.adoptions(symbol)]
        if symbol in index.written:
            adoptions.append(f"adopted without a meeting on {human_date(index.written[symbol].date)}")
        cited = len(catalogue.documents.get(symbol, []))
        yield _page(index, page, [symbol, kind],
                    _summary(kind[:1].upper() + kind[1:], *adoptions, cited and f"cited {_count(cited, 'time')}"))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' if number != 1 else ''}"


def _join(label: str, items: Iterable[str]) -> Optional[str]:
    items = [i for i in items if i]
    return f"{label}: {', '.join(items)}" if items else None


def _decisions(meeting: Meeting) -> list[str]:
    out = []
    for decision in meeting.decisions:
        how = decision.vote or decision.note
        out.append(f"{decision.symbol} ({how})" if how else decision.symbol)
    return out


def _adopted(meeting: Meeting) -> list[str]:
    """The decisions a meeting took: what its page is about."""
    return [decision.symbol for decision in meeting.decisions if decision.symbol]


def _meeting_fields(meeting: Meeting) -> tuple[list[str], list[Optional[str]]]:
    """Keywords and summary lines of a meeting, from its table row and the Library's tables."""
    decisions = _decisions(meeting)
    keywords = [meeting.symbol, human_date(meeting.date) if meeting.date else "", meeting.sub_item or "",
                *meeting.topics, *meeting.other_documents, *meeting.rule_37, *meeting.rule_39, *decisions,
                *meeting.press_releases, meeting.outcome or "", *meeting.notes]
    lines = [meeting.sub_item and f"Sub-item: {meeting.sub_item}", _join("Topics", meeting.topics),
             _join("Other documents", meeting.other_documents), _join("Rule 37", meeting.rule_37),
             _join("Rule 39", meeting.rule_39), _join("Decisions", decisions),
             _join("Press releases", meeting.press_releases), meeting.outcome and f"Outcome: {meeting.outcome}",
             *meeting.notes]
    return [k for k in keywords if k], lines


def _summary(*lines: Optional[str]) -> str:
    return " · ".join(line for line in lines if line)
