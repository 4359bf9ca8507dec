"""Pages from the linked index: one Jinja2 template per page kind (templates/<kind>.md.j2).

`SiteRenderer` renders what it is given: a `SiteIndex` (generator.link.index) already built
from the model. Each page's template gets the context generator.render.contexts makes for it;
templates are found as generator.render.environment says (a folder given with `--templates`
first, then the bundled ones); they never see source files.

Pages are written in two passes (on every core, generator.render.parallel): every page first,
recording which page links to which, then each page's "What links here" (what_links_here.md.j2)
is appended. The open data files (generator.render.opendata) are returned with the pages:
`pages()` maps content-relative paths to text, whatever the file type.
"""
from __future__ import annotations

import gc
import tempfile
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Optional

from generator import settings
from generator.background import Background
from generator.link.catalogue import BODY, DOCUMENT, MISSION, supported_statements
from generator.link.index import LinkRecorder, SiteIndex
from generator.link.pages import (
    BODIES, BRIEFERS, COUNTRIES, DATA, DECISIONS, DOCUMENTS, HOME, KINDS, MEETINGS, MISSIONS, RECORD_TEMPLATE, SECTIONS,
    TOPICS, WHAT_LINKS_HERE_TEMPLATE, PageKind, built_address, topic_address,
)
from generator.model import Section, to_json_dict
from generator.render import contexts, opendata
from generator.render.environment import make_environment
from generator.render.parallel import on_every_core

Planned = tuple[str, str, contexts.Context]  # (template, page, its context)

# What each kind's index page gets (its template and address are the kind's, generator.link.pages).
INDEX_CONTEXTS: dict[PageKind, Callable[[SiteIndex], dict]] = {
    HOME: contexts.home, SECTIONS: contexts.sections_index, MEETINGS: contexts.meetings_index,
    DECISIONS: contexts.decisions_index,
    TOPICS: contexts.topics_index, COUNTRIES: contexts.countries_index,
    MISSIONS: partial(contexts.missions_index, kind=MISSION), BODIES: partial(contexts.missions_index, kind=BODY),
    BRIEFERS: contexts.briefers_index, DOCUMENTS: contexts.documents_index, DATA: contexts.data_index,
}


def with_what_links_here(body: bytes, footer: bytes) -> bytes:
    """A page with its "What links here": where its template placed it (a meeting page keeps
    "Cite this page" last), else at its end."""
    head, place, tail = body.rpartition(contexts.WHAT_LINKS_HERE_PLACE.encode("utf-8"))  # the template's, last
    return head + footer.rstrip(b"\n") + tail if place else body + b"\n\n" + footer


class SiteRenderer:
    """Writes every page of a linked index with the templates (the user's `template_dirs` first),
    on `jobs` processes (default: generator.settings.workers())."""

    def __init__(self, index: SiteIndex, template_dirs: Iterable[Path] = (), jobs: Optional[int] = None):
        self.index = index
        self.jobs = settings.workers() if jobs is None else max(1, jobs)
        self.env = make_environment(template_dirs)
        self._statements: dict[tuple, dict[int, str]] = {}
        self._links_to: dict[str, set[str]] = {}  # page -> pages linking to it, between the two passes

    def _render(self, template_name: str, page: str, recorder: Optional[LinkRecorder], context: dict) -> str:
        template = self.env.get_template(f"{template_name}.md.j2")
        return template.render(**contexts.base(self.index, page, recorder), **context)

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

    def planned_pages(self) -> list[Planned]:
        """Every page, in the order they are written: (template, page, its context)."""
        index, catalogue = self.index, self.index.catalogue
        planned: list[Planned] = []

        def plan(template: str, page: str, context: contexts.Context) -> None:
            planned.append((template, page, context))

        for section in index.repertoire.sections:
            plan(SECTIONS.template, index.section_pages[section.key], partial(contexts.section, index, section))
            for meeting in (m for m in section.meetings if index.meeting_sections[m.symbol] is section):  # its home
                plan(MEETINGS.template, index.meeting_pages[meeting.symbol],
                     partial(contexts.meeting, index, section, meeting))
        for meeting in index.repertoire.records:
            if index.meeting_sections.get(meeting.symbol) is None:
                plan(RECORD_TEMPLATE, index.meeting_pages[meeting.symbol], partial(contexts.record, index, meeting))
        for decision in index.repertoire.written_decisions:
            plan(DECISIONS.template, index.decision_pages[decision.symbol], partial(contexts.decision, index, decision))
        for key, topic in index.topics.items():
            plan(TOPICS.template, topic_address(key), partial(contexts.topic, index, topic))
        for code, country in sorted(catalogue.countries.items(), key=lambda item: item[1].name):
            for page, context in contexts.country_pages(index, code, country):
                plan(COUNTRIES.template, page, context)
        for acronym in catalogue.acronyms.values():
            for page, context in contexts.mission_pages(index, acronym):
                plan(MISSIONS.template, page, context)  # bodies and initiatives share the missions' template
        for title, meetings in catalogue.briefers.items():
            for page, context in contexts.briefer_pages(index, title, meetings):
                plan(BRIEFERS.template, page, context)
        for symbol in dict.fromkeys([*catalogue.documents, *index.adopted_symbols()]):
            page = index.page_of(DOCUMENT, symbol)
            if page:
                plan(DOCUMENTS.template, page, partial(contexts.document, index, symbol))
        for kind in KINDS:
            plan(kind.index_template, kind.index_address, partial(INDEX_CONTEXTS[kind], index))
            if kind.part_template:
                for year in index.timeline.years:
                    plan(kind.part_template, index.year_pages[year], partial(contexts.meetings_year, index, year))
        return planned

    def _write(self, sink: Callable[[str, bytes], None]) -> None:
        planned = self.planned_pages()
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
                    sink(page, with_what_links_here(body, footer.encode("utf-8")))
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
                index.repertoire, lambda symbol: built_address(index.meeting_pages[symbol]),
                lambda section, number: index.catalogue.footnote_places.get((section.key, number), (None, None)),
                self.statements, lambda: to_json_dict(index.repertoire),
                lambda symbol: built_address(index.decision_pages[symbol])):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
            paths.append(path)
        return paths

    def _render_planned_page(self, planned: Planned, recorder: LinkRecorder) -> bytes:
        template, page, context = planned
        return self._render(template, page, recorder, context()).rstrip("\n").encode("utf-8")

    def _what_links_here(self, page: str, recorder: LinkRecorder) -> str:
        sources = self._links_to.get(page, ())
        return self._render(WHAT_LINKS_HERE_TEMPLATE, page, None, contexts.what_links_here(self.index, sources))
