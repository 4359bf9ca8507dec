"""Pages from the linked index: one Jinja2 template per page kind (templates/<kind>.md.j2).

`SiteRenderer` renders what it is given: a `SiteIndex` (generator.link.index) already built
from the model. Templates are found as generator.render.environment says (a folder given with
`--templates` first, then the bundled ones); they receive the model objects and a `link`
(PageLinker) bound to the page being written; they never see source files.

Pages are written in two passes: every page first, recording which page
links to which, then each page's "What links here" (what_links_here.md.j2)
is appended. The open data files (generator.render.opendata) are returned with the
pages: `pages()` maps content-relative paths to text, whatever the file type.
"""
from __future__ import annotations

import gc
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Optional

from generator import settings
from generator.render import opendata
from generator.background import Background
from generator.parse.dhl.library import table_citation
from generator.link.catalogue import BODY, BRIEFER, COUNTRY, DOCUMENT, MISSION, supported_statements
from generator.link.index import (
    BODIES_INDEX, BRIEFERS_INDEX, COUNTRIES_INDEX, DATA_INDEX, DOCUMENTS_INDEX, HOME, MEETINGS_INDEX, MISSIONS_INDEX,
    SECTIONS_INDEX, TOPICS_INDEX, LinkRecorder, PageLinker, SiteIndex, anchor, natural_key,
)
from generator.model import Meeting, Section, to_json_dict
from generator.model.symbols import parse_symbol
from generator.render.environment import make_environment
from generator.render.parallel import on_every_core

KIND_NAMES = {"meeting": "meeting record", "resolution": "Security Council resolution",
              "prst": "statement by the President of the Security Council", "document": "document",
              "ga-resolution": "General Assembly resolution", "agenda": "agenda"}


def section_label(section: Section) -> str:
    where = [f"{section.supplement} supplement" if section.supplement else None,
             f"Part {section.part}" if section.part else None, section.group]
    return ", ".join(w for w in where if w)


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


def topic_letters(topics) -> dict[str, list]:
    """Agenda items alphabetically, under their initial ("#" for a digit or another script)."""
    letters: dict[str, list] = {}
    for topic in sorted(topics, key=lambda t: (anchor(t.title), t.slug)):
        initial = anchor(topic.title)[:1].upper()
        letters.setdefault(initial if initial.isalpha() else "#", []).append(topic)
    return dict(sorted(letters.items(), key=lambda item: (item[0] == "#", item[0])))


def _other(meeting: Optional[Meeting], shown: Optional[Meeting]) -> Optional[Meeting]:
    """`meeting`, unless the page already shows it (the same meeting as its section's neighbour)."""
    return None if meeting is None or (shown is not None and shown.symbol == meeting.symbol) else meeting


def by_meeting(places: list) -> list[tuple]:
    """Places grouped by (section, meeting) in first-seen order: [(section, meeting symbol or None, [places])]."""
    groups: dict[tuple, list] = {}
    for place in places:
        groups.setdefault((id(place.section), place.meeting), []).append(place)
    return [(items[0].section, meeting, items) for (_, meeting), items in groups.items()]


class SiteRenderer:
    def __init__(self, index: SiteIndex, template_dirs: Iterable[Path] = (), jobs: Optional[int] = None):
        self.index = index
        self.jobs = settings.workers() if jobs is None else max(1, jobs)
        self.env = make_environment(template_dirs)
        self._statements: dict[tuple, dict[int, str]] = {}
        self._links_to: dict[str, set[str]] = {}  # page -> pages linking to it, between the two passes

    def _render(self, template_name: str, page: str, recorder: Optional[LinkRecorder], **context) -> str:
        template = self.env.get_template(f"{template_name}.md.j2")
        return template.render(link=PageLinker(self.index, page, recorder), index=self.index,
                               section_label=section_label, page=page, **context)

    def statements(self, section: Section) -> dict[int, str]:
        if section.key not in self._statements:
            self._statements[section.key] = supported_statements(section)
        return self._statements[section.key]

    def pages(self) -> dict[str, str]:
        """Every generated file: content-relative path -> text (Markdown pages and data files)."""
        pages: dict[str, str] = {}
        self.write(lambda address, data: pages.__setitem__(address, data.decode("utf-8")))
        return pages

    def write(self, sink: Callable[[str, bytes], None]) -> None:
        """Every generated file, one at a time: `sink(content-relative path, UTF-8 text)`.

        Only the pages' bodies are held all at once (as UTF-8, half the size of most Python
        strings of these texts), waiting for their "What links here"; a page leaves memory
        once given to the sink.
        """
        # The model and the index live until the end: full garbage collections need not scan them
        # again and again (with ~10,000 meetings that made rendering grow faster than the site).
        gc.freeze()
        try:
            self._write(sink)
        finally:
            gc.unfreeze()

    def _write(self, sink: Callable[[str, bytes], None]) -> None:
        index, catalogue = self.index, self.index.catalogue
        planned: list[tuple[str, str, dict]] = []

        def render(template: str, page: str, **context) -> None:
            planned.append((template, page, context))

        for section in index.repertoire.sections:
            numbered = list(enumerate(section.paragraphs, 1))
            told = defaultdict(list)
            for number, paragraph in numbered:
                told[paragraph.meeting].append((number, paragraph))
            render("section", index.section_pages[section.key], section=section, told=told)
            for meeting in section.meetings:
                self._meeting(render, section, meeting)
        for meeting in index.repertoire.records:
            if index.meeting_sections.get(meeting.symbol) is None:
                self._record(render, meeting)
        for key, topic in index.topics.items():
            render("topic", f"topics/{key}.md", topic=topic)
        for code, country in sorted(catalogue.countries.items(), key=lambda item: item[1].name):
            self._country(render, code, country)
        for acronym in catalogue.acronyms.values():
            self._entity(render, "mission", acronym.kind, acronym.short, {"acronym": acronym},
                         groups=by_meeting(catalogue.mentions.get((acronym.kind, acronym.short), [])))
        for title, meetings in catalogue.briefers.items():
            self._entity(render, "briefer", BRIEFER, title, {"title": title}, meetings=meetings,
                         mentions=by_meeting(catalogue.mentions.get((BRIEFER, title), [])))
        for symbol in dict.fromkeys([*catalogue.documents, *index.timeline.adoptions]):
            page = index.page_of(DOCUMENT, symbol)
            if page:
                render("document", page, symbol=parse_symbol(symbol), kind_name=KIND_NAMES,
                       places=catalogue.documents.get(symbol, []), adoptions=index.adoptions(symbol))
        self._indexes(render)
        bodies, recorder = on_every_core(self._render_planned_page, planned, self.jobs, "Writing pages")
        addresses = [page for _, page, _ in planned]
        self._links_to = recorder.sources
        with tempfile.TemporaryDirectory(prefix="repertoire-data-") as scratch:
            # The data files take the core the pages' writing leaves idle, and come back through
            # files, one at a time, rather than all at once through a pipe.
            data_files = Background(lambda: self._write_data_files(Path(scratch)), inline=self.jobs <= 1)
            try:
                footers, _ = on_every_core(self._what_links_here, addresses, self.jobs, "Linking pages")
                self._links_to = {}
                for position, (page, footer) in enumerate(zip(addresses, footers)):
                    body, bodies[position] = bodies[position], None
                    sink(page, body + b"\n\n" + footer.encode("utf-8"))
                del bodies, footers
                for path in data_files.result():
                    sink(path, (Path(scratch) / path).read_bytes())
            finally:
                data_files.close()

    def _write_data_files(self, folder: Path) -> list[str]:
        """The open data files (generator.render.opendata) written into `folder`; their paths."""
        index = self.index
        paths = []
        for path, text in opendata.data_files(
                index.repertoire, lambda symbol: index.meeting_pages[symbol][:-3] + ".html",
                lambda section, number: index.catalogue.footnote_places.get((section.key, number), (None, None)),
                self.statements, lambda: to_json_dict(index.repertoire)):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
            paths.append(path)
        return paths

    def _render_planned_page(self, planned: tuple[str, str, dict], recorder: LinkRecorder) -> bytes:
        template, page, context = planned
        return self._render(template, page, recorder, **context).rstrip("\n").encode("utf-8")

    def _what_links_here(self, page: str, recorder: LinkRecorder) -> str:
        sources = sorted(self._links_to.get(page, ()), key=self.index.backlink_order)
        return self._render("what_links_here", page, None, sources=sources)

    def _meeting(self, render, section: Section, meeting) -> None:
        index = self.index
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
        render("meeting", page, section=section, meeting=meeting, previous=previous, following=following,
               before=_other(before, previous), after=_other(after, following),
               paragraphs=paragraphs, footnotes=footnotes, countries=dict(countries),
               citation=citation(section, index.opening_footnote(meeting)), address=index.address(page),
               cited_by=index.catalogue.documents.get(meeting.symbol, []), tables=library_tables(meeting))

    def _record(self, render, meeting: Meeting) -> None:
        """A meeting known only from the Library's tables."""
        index = self.index
        page = index.meeting_pages[meeting.symbol]
        before, after = index.in_time(meeting)
        render("record", page, meeting=meeting, before=before, after=after, tables=library_tables(meeting),
               address=index.address(page), cited_by=index.catalogue.documents.get(meeting.symbol, []))

    def _country(self, render, code: str, country) -> None:
        catalogue = self.index.catalogue
        groups: dict[tuple, list] = {}
        for cited in catalogue.country_citations.get(code, []):
            groups.setdefault((id(cited.section), cited.meeting), []).append(cited)
        self._entity(render, "country", COUNTRY, code, {"country": country},
                     groups=[(items[0].section, meeting, items) for (_, meeting), items in groups.items()],
                     invitations=catalogue.invitations.get(code, []))

    def _entity(self, render, template: str, kind: str, key, context: dict, **lists: list) -> None:
        """An entity's page; when the Repertoire names it in several supplements, also a page for
        each, holding what that supplement says (the entity's page lists them): a country cited
        at thousands of meetings gets pages a reader can open, and a build that stays linear.

        `lists` hold (section, ...) items. The template gets them whole on the entity's page and
        cut to the supplement on a supplement's page, `years` ([(supplement, page, lists)], empty
        when there is a single page), `in_supplement` (on a supplement's page), `supplement`
        (that page's) and `main` (the entity's page)."""
        main = self.index.page_of(kind, key)
        pages = self.index.supplement_pages(kind, key)
        years = [(supplement, page, {name: [item for item in items if item[0].supplement == supplement]
                                     for name, items in lists.items()})
                 for supplement, page in pages.items()]
        render(template, main, **context, **lists, years=years, supplement=None, in_supplement=False, main=main)
        for supplement, page, cut in years:
            render(template, page, **context, **cut, years=years, supplement=supplement, in_supplement=True, main=main)

    def _indexes(self, render) -> None:
        index, catalogue = self.index, self.index.catalogue
        timeline = index.timeline
        render("meetings_index", MEETINGS_INDEX, years=[
            (year, index.year_pages[year], len(meetings), sum(m.symbol in index.meeting_sections for m in meetings))
            for year, meetings in timeline.years.items()])
        for year, meetings in timeline.years.items():
            render("meetings_year", index.year_pages[year], year=year, meetings=meetings)
        render("topics_index", TOPICS_INDEX, letters=topic_letters(index.topics.values()))
        render("sections_index", SECTIONS_INDEX, tree=self.section_tree())
        render("countries_index", COUNTRIES_INDEX,
               countries=sorted(catalogue.countries.values(), key=lambda c: anchor(c.name)))
        render("missions_index", MISSIONS_INDEX, kind=MISSION, acronyms=catalogue.in_kind(MISSION))
        render("missions_index", BODIES_INDEX, kind=BODY, acronyms=catalogue.in_kind(BODY))
        render("briefers_index", BRIEFERS_INDEX, briefers=sorted(catalogue.briefers.items()))
        render("documents_index", DOCUMENTS_INDEX, kind_name=KIND_NAMES,
               documents=sorted(catalogue.documents.items(), key=lambda item: natural_key(item[0])))
        render("data_index", DATA_INDEX, datasets=opendata.DATASETS, version=opendata.DATA_VERSION,
               separator=opendata.LIST_SEPARATOR)
        render("home", HOME, tree=self.section_tree(), problems=index.repertoire.problems)

    def section_tree(self) -> dict:
        """supplement (year) > part > group > sections, in reading order."""
        tree: dict = {}
        for section in self.index.repertoire.sections:
            parts = tree.setdefault(section.supplement or "Undated", {})
            groups = parts.setdefault(section.part or "", {})
            groups.setdefault(section.group or "", []).append(section)
        return tree

