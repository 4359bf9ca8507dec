"""Cross-references: where each thing lives on the site, and text with its links.

`SiteIndex` knows every page address (meetings, sections, indexes) and every
citation (which page cites which document, which footnote names which
country). `PageLinker` writes Markdown for one page: escaped text, UN symbols
linked to the site's own page when there is one and to the official document
otherwise, footnote references kept at their Repertoire numbers.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from generator import markdown as md
from generator.model import Footnote, FootnoteRef, Meeting, Repertoire, Section
from generator.symbols import Symbol, find_symbols, parse_symbol

DEFAULT_DOCUMENT_BASE = "https://undocs.org/en/"

MEETINGS_INDEX = "meetings/index.md"
SECTIONS_INDEX = "sections/index.md"
COUNTRIES_INDEX = "countries/index.md"
DOCUMENTS_INDEX = "documents/index.md"
HOME = "index.md"


def anchor(name: str) -> str:
    """A stable HTML id for a name: 'Côte d'Ivoire' -> 'cote-d-ivoire'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def section_slug(section: Section) -> str:
    parts = [str(section.supplement or "undated"), section.part or "", section.number]
    return "-".join(anchor(p) for p in parts if p)


@dataclass
class Citation:
    """One place on the site that cites a document."""

    page: str  # page address (content-relative .md path)
    label: str  # how the citing place is named in lists
    footnote: Optional[int] = None


@dataclass
class SiteIndex:
    repertoire: Repertoire
    document_base: str = DEFAULT_DOCUMENT_BASE
    meeting_pages: dict[str, str] = field(default_factory=dict)  # canonical symbol -> page
    section_pages: dict[tuple, str] = field(default_factory=dict)
    meeting_sections: dict[str, Section] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, list[tuple[Section, Optional[str], Footnote]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, repertoire: Repertoire, document_base: str = DEFAULT_DOCUMENT_BASE) -> "SiteIndex":
        index = cls(repertoire, document_base)
        for section in repertoire.sections:
            index.section_pages[section.key] = f"sections/{section_slug(section)}.md"
            for meeting in section.meetings:
                index.meeting_pages[meeting.symbol] = f"meetings/{parse_symbol(meeting.symbol).slug}.md"
                index.meeting_sections[meeting.symbol] = section
        for section in repertoire.sections:
            index._collect_citations(section)
        return index

    def _collect_citations(self, section: Section) -> None:
        section_page = self.section_pages[section.key]
        section_label = f"Section {section.number}: {section.title}"
        by_footnote = {ref.number: p.meeting for p in section.paragraphs for ref in p.refs}
        for paragraph in section.paragraphs:
            for match in find_symbols(paragraph.text):
                self._cite(match.symbol.canonical, section_page, section_label, paragraph.meeting)
        for footnote in section.footnotes:
            meeting = by_footnote.get(footnote.number)
            for symbol in footnote.citations:
                self._cite(symbol, section_page, section_label, meeting, footnote.number)
            cited_meetings = [c for c in footnote.citations if c in self.meeting_pages] or [meeting]
            for country in footnote.countries:
                for cited in cited_meetings:
                    self.countries[country].append((section, cited, footnote))
        for meeting in section.meetings:
            page = self.meeting_pages[meeting.symbol]
            for symbol in meeting.other_documents + [d.symbol for d in meeting.decisions]:
                self._cite(symbol, page, f"Meeting {meeting.symbol}")

    def _cite(self, symbol: str, section_page: str, section_label: str,
              meeting: Optional[str] = None, footnote: Optional[int] = None) -> None:
        self.citations[symbol].append(Citation(section_page, section_label, footnote))
        if meeting and meeting in self.meeting_pages and meeting != symbol:
            self.citations[symbol].append(Citation(self.meeting_pages[meeting], f"Meeting {meeting}", footnote))

    def symbol_url(self, symbol: Symbol) -> tuple[Optional[str], str]:
        """(site page, official URL): the page is None when the site has none for it."""
        return self.meeting_pages.get(symbol.canonical), self.document_base + symbol.url_form

    def meetings_in_order(self) -> list[tuple[Section, Meeting]]:
        return sorted(self.repertoire.meetings(), key=lambda sm: (sm[1].date or "", _meeting_number(sm[1])))

    def neighbours(self, section: Section, meeting: Meeting) -> tuple[Optional[Meeting], Optional[Meeting]]:
        ordered = sorted(section.meetings, key=lambda m: (m.date or "", _meeting_number(m)))
        position = ordered.index(meeting)
        previous = ordered[position - 1] if position > 0 else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        return previous, following


def _meeting_number(meeting: Meeting) -> int:
    return parse_symbol(meeting.symbol).meeting_number or 0


class PageLinker:
    """Markdown writer bound to one page, so every link is relative to it (works from file://)."""

    def __init__(self, index: SiteIndex, page: str):
        self.index = index
        self.page = page

    def url(self, target: str) -> str:
        """Relative link from this page to another page address (a .md path, optionally #anchor)."""
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path, posixpath.dirname(self.page) or ".") if path else ""
        return relative + (f"#{fragment}" if fragment else "")

    def escape(self, text: str) -> str:
        return md.escape(text)

    def page_link(self, label: str, target: str) -> str:
        return md.link(md.escape(label), self.url(target))

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

    def text(self, text: str, refs: Optional[list[FootnoteRef]] = None) -> str:
        """Plain text with its symbols linked and footnote references inserted at their offsets."""
        events: list[tuple[int, int, str]] = []  # (start, end, markdown) replacing text[start:end]
        for match in find_symbols(text):
            events.append((match.start, match.end, self.symbol(match.symbol, match.text)))
        for ref in refs or []:
            events.append((ref.offset, ref.offset, f"[^{ref.number}]"))
        events.sort(key=lambda e: (e[0], e[1]))
        out: list[str] = []
        position = 0
        for start, end, markdown in events:
            if start < position:  # a marker inside a symbol's span: put it after the symbol
                start = end = position
            out.append(md.escape(text[position:start]))
            out.append(markdown)
            position = max(position, end)
        out.append(md.escape(text[position:]))
        return "".join(out)

    def footnote(self, footnote: Footnote) -> str:
        """The footnote as printed, with its symbols linked; a resolved Ibid names its document."""
        if footnote.ibid and footnote.citations:
            match = re.match(r"\s*Ibid\.?", footnote.text, re.I)
            targets = ", ".join(self.symbol(c) for c in footnote.citations)
            return f"{md.escape(match.group())} ({targets}){self.text(footnote.text[match.end():])}"
        return self.text(footnote.text)

    def country(self, name: str) -> str:
        return self.page_link(name, f"{COUNTRIES_INDEX}#{anchor(name)}")
