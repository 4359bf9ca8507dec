"""Pages from the model: one Jinja2 template per page kind (templates/<kind>.md.j2).

A user may override any template by putting a file of the same name in a
folder given with `--templates`; it is searched before the bundled ones.
Templates receive the model objects and a `link` (PageLinker) bound to the
page being written; they never see source files.
"""
from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

import jinja2

from generator.link import (
    COUNTRIES_INDEX, DOCUMENTS_INDEX, HOME, MEETINGS_INDEX, SECTIONS_INDEX, PageLinker, SiteIndex, anchor,
)
from generator.model import Repertoire, Section

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def human_date(iso: Optional[str]) -> str:
    if not iso:
        return "date unknown"
    year, month, day = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    return f"{int(day)} {months[int(month) - 1]} {year}"


def make_environment(template_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    search_path = [str(p) for p in template_dirs] + [str(BUNDLED_TEMPLATES)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=False,  # output is Markdown; text is escaped by `link.escape`/`link.text`
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = human_date
    env.filters["anchor"] = anchor
    # JSON strings are valid YAML scalars: safe front matter whatever the text holds. Themes put
    # the title and description into the HTML unescaped, so they are HTML-escaped first.
    env.filters["yaml"] = lambda value: json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)
    return env


def section_label(section: Section) -> str:
    where = [f"{section.supplement} supplement" if section.supplement else None,
             f"Part {section.part}" if section.part else None, section.group]
    return ", ".join(w for w in where if w)


class SiteRenderer:
    def __init__(self, repertoire: Repertoire, document_base: str, template_dirs: Iterable[Path] = ()):
        self.index = SiteIndex.build(repertoire, document_base)
        self.env = make_environment(template_dirs)

    def _render(self, kind: str, page: str, **context) -> str:
        template = self.env.get_template(f"{kind}.md.j2")
        return template.render(link=PageLinker(self.index, page), index=self.index,
                               section_label=section_label, page=page, **context)

    def pages(self) -> dict[str, str]:
        """Every generated page: content-relative path -> Markdown."""
        repertoire = self.index.repertoire
        pages: dict[str, str] = {}
        for section in repertoire.sections:
            page = self.index.section_pages[section.key]
            pages[page] = self._render("section", page, section=section)
            for meeting in section.meetings:
                page = self.index.meeting_pages[meeting.symbol]
                previous, following = self.index.neighbours(section, meeting)
                paragraphs = [p for p in section.paragraphs if p.meeting == meeting.symbol]
                numbers = [n for p in paragraphs for n in p.footnotes]
                footnotes = [f for f in section.footnotes if f.number in numbers]
                countries = defaultdict(list)
                for footnote in footnotes:
                    for country in footnote.countries:
                        countries[country].append(footnote.number)
                pages[page] = self._render("meeting", page, section=section, meeting=meeting,
                                           previous=previous, following=following, paragraphs=paragraphs,
                                           footnotes=footnotes, countries=dict(countries))
        by_year = defaultdict(list)
        for section, meeting in self.index.meetings_in_order():
            by_year[(meeting.date or "")[:4] or "Undated"].append((section, meeting))
        pages[MEETINGS_INDEX] = self._render("meetings_index", MEETINGS_INDEX, by_year=dict(by_year))
        pages[SECTIONS_INDEX] = self._render("sections_index", SECTIONS_INDEX, tree=self.section_tree())
        pages[COUNTRIES_INDEX] = self._render("countries_index", COUNTRIES_INDEX,
                                              countries=sorted(self.index.countries.items()))
        pages[DOCUMENTS_INDEX] = self._render("documents_index", DOCUMENTS_INDEX,
                                              documents=sorted(self.index.citations.items(), key=_symbol_order))
        pages[HOME] = self._render("home", HOME, tree=self.section_tree(), problems=repertoire.problems)
        return pages

    def section_tree(self) -> dict:
        """supplement (year) > part > group > sections, in reading order."""
        tree: dict = {}
        for section in self.index.repertoire.sections:
            parts = tree.setdefault(section.supplement or "Undated", {})
            groups = parts.setdefault(section.part or "", {})
            groups.setdefault(section.group or "", []).append(section)
        return tree


def _symbol_order(item) -> tuple:
    symbol = item[0]
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in symbol.replace("(", "/").replace(")", "").replace(".", "/").split("/"))
