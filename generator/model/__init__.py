"""The one typed data model every stage shares.

Parsers fill it, the linker reads it, templates render it. It knows nothing of
PDFs, Markdown or pages. Hierarchy: supplement (year) > part > group > section
> meetings; a section carries its own paragraphs and footnotes.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional


@dataclass
class FootnoteRef:
    """A footnote marker inside a paragraph: its number and character offset in `Paragraph.text`."""

    number: int
    offset: int


@dataclass
class Paragraph:
    text: str  # plain text, footnote markers removed
    refs: list[FootnoteRef] = field(default_factory=list)
    meeting: Optional[str] = None  # symbol of the meeting this paragraph reports
    page: Optional[int] = None  # source page (PDF) or line (text) where it starts

    @property
    def footnotes(self) -> list[int]:
        return [ref.number for ref in self.refs]


@dataclass
class Footnote:
    number: int
    text: str  # as printed, e.g. "Ibid., (Ghana, Japan)"
    citations: list[str] = field(default_factory=list)  # canonical symbols, Ibid resolved
    countries: list[str] = field(default_factory=list)
    ibid: bool = False  # printed as "Ibid."; `citations` then holds the resolved target
    page: Optional[int] = None


@dataclass
class Decision:
    symbol: str  # e.g. "S/RES/2719 (2023)" or "S/PRST/2023/1"
    vote: Optional[str] = None  # "15-0-0" (for-against-abstaining); None if adopted without a vote
    # How it was adopted when the source says so in words rather than a count:
    # "adopted unanimously", "adopted without vote", "adopted by consensus", "presidential statement".
    note: Optional[str] = None


# Kinds of WebLink: the pages besides documents the Library's tables link a meeting to.
PRESS_RELEASE = "press release"
WEBCAST = "webcast"


@dataclass
class WebLink:
    """A page the Library's table links a meeting to that is not a UN document."""

    kind: str  # PRESS_RELEASE or WEBCAST
    label: str  # as it is named: the press release's symbol ("SC/14808"), "Webcast"
    url: str  # the table's address (http or https only)


@dataclass
class Meeting:
    symbol: str  # canonical, e.g. "S/PV.9389"
    date: Optional[str] = None  # ISO yyyy-mm-dd
    sub_item: Optional[str] = None
    other_documents: list[str] = field(default_factory=list)
    rule_37: list[str] = field(default_factory=list)
    rule_39: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)  # footnote markers in the meeting's table row
    # Filled from the Dag Hammarskjöld Library's meeting tables (read by generator.parse.dhl.tables,
    # merged by generator.assemble.library):
    topics: list[str] = field(default_factory=list)  # agenda items as printed, one per item
    press_releases: list[str] = field(default_factory=list)  # e.g. ["SC/6152"]
    web_links: list[WebLink] = field(default_factory=list)  # the addresses of its press releases, its webcasts
    outcome: Optional[str] = None  # the outcome cell as printed (vetoed drafts, communiqués, elections ...)
    notes: list[str] = field(default_factory=list)  # what else the record/date cells say ("meeting held in Nairobi")
    sources: list[str] = field(default_factory=list)  # files the meeting was read from, besides its section's

    def press_release_pages(self) -> list[tuple[str, Optional[str]]]:
        """Each press release with its address, or None where the table gives none."""
        urls = {link.label: link.url for link in self.web_links if link.kind == PRESS_RELEASE}
        return [(symbol, urls.get(symbol)) for symbol in self.press_releases]

    def webcasts(self) -> list[str]:
        return [link.url for link in self.web_links if link.kind == WEBCAST]


@dataclass
class WrittenDecision:
    """A decision the Council took without a meeting: by written procedure, in the COVID-19
    videoconference period (2020-2021). The Library's tables list it in a row whose meeting record
    is "--"; read by generator.parse.dhl.tables, merged by generator.assemble.library."""

    date: Optional[str] = None  # ISO yyyy-mm-dd: the day the outcome was announced
    topics: list[str] = field(default_factory=list)  # agenda items as printed
    decisions: list[Decision] = field(default_factory=list)  # resolutions and statements adopted, with the vote
    drafts: list[str] = field(default_factory=list)  # draft resolutions put to the vote and not adopted
    procedure_letters: list[str] = field(default_factory=list)  # the letter setting out the vote procedure
    outcome_letters: list[str] = field(default_factory=list)  # the letter announcing the outcome of the vote
    other_documents: list[str] = field(default_factory=list)  # what else the outcome cell names
    outcome: Optional[str] = None  # the outcome cell as printed ("S/2020/852 vetoed by USA 14-1-0")
    webcast: Optional[str] = None  # address of the webcast of the announcement, if any
    sources: list[str] = field(default_factory=list)  # the tables it was read from

    @property
    def symbol(self) -> str:
        """What names it: its first decision, else its first draft ("" when it has neither)."""
        return (self.decisions[0].symbol if self.decisions else self.drafts[0] if self.drafts else "")


@dataclass
class Section:
    number: str  # "24"
    title: str
    group: Optional[str] = None  # group heading, e.g. "Thematic issues"
    supplement: Optional[int] = None  # year of the Repertoire supplement, e.g. 2023
    part: Optional[str] = None  # "I"
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # files this section was read from

    @property
    def key(self) -> tuple:
        """Identity used to merge the same section read from several sources."""
        return (self.supplement, self.part, self.number)

    def footnote(self, number: int) -> Optional[Footnote]:
        return next((f for f in self.footnotes if f.number == number), None)


# Kinds of problem, counted separately in the build report.
MARKER_WITHOUT_FOOTNOTE = "marker-without-footnote"
FOOTNOTE_WITHOUT_MARKER = "footnote-without-marker"
UNRESOLVED_IBID = "unresolved-ibid"
UNREADABLE_ROW = "unreadable-table-row"
UNRECOGNISED_SYMBOL = "unrecognised-symbol"
SOURCES_DISAGREE = "sources-disagree"
DUPLICATE_SOURCE = "duplicate-source"  # one file given twice (or two with the same bytes): read once
HYPHEN_GUESSED = "hyphen-guessed"  # a line-end hyphen that neither the document nor the word list decided
# Text that may be lost: what a damaged source leaves, which no other check sees.
PAGES_MISSING = "pages-missing"  # fewer pages read than the PDF's page tree lists
DAMAGED_PAGE = "damaged-page"  # a stream the page is read from (its content, its fonts) does not decode
PAGE_WITHOUT_TEXT = "page-without-text"  # a page inside a section with next to no text beside its neighbours
JOINED_ACROSS_MISSING = "joined-across-missing-page"  # a paragraph going on over a page whose text is missing
FOOTNOTE_NUMBERS_MISSING = "footnote-numbers-missing"  # a gap in a section's run of footnote numbers
OTHER = "warning"


@dataclass
class Problem:
    """Something a parser or linker could not do and reports instead of guessing."""

    file: str
    place: str  # "line 12", "page 3", "footnote 835"
    message: str
    kind: str = OTHER

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.message}"


@dataclass
class Repertoire:
    """Everything read from the sources: the sections, and what could not be read."""

    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: list[Meeting] = field(default_factory=list)  # meetings known only from the Library's tables
    # Decisions taken without a meeting (the Library's tables, 2020-2021), by date:
    written_decisions: list[WrittenDecision] = field(default_factory=list)

    def meetings(self) -> list[tuple[Section, Meeting]]:
        return [(s, m) for s in self.sections for m in s.meetings]


def to_json_dict(repertoire: Repertoire) -> dict:
    """The public JSON contract of `repertoire parse --json` (documented in README)."""
    sections = []
    for section in repertoire.sections:
        data = asdict(section)
        for paragraph, raw in zip(section.paragraphs, data["paragraphs"]):
            raw["footnotes"] = paragraph.footnotes
        sections.append(data)
    return {
        "schema_version": 1,
        "sections": sections,
        "records": [asdict(m) for m in repertoire.records],
        "written_decisions": [asdict(d) for d in repertoire.written_decisions],
        "problems": [asdict(p) for p in repertoire.problems],
    }
