"""What a layout prints: a text source reduced to groups, sections, paragraphs, footnotes, tables.

The spec is built from the text source through the project's own text parser
and assembler, so a PDF printed from it must read back as the same model. Each
table cell is placed in the column the assembler gives it; the meeting cell is
printed as symbol and date on two lines, with the sub-item in its own column
(text extractions merge the three).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional, Union

from generator.assemble.sources import read_sources
from generator.assemble.rows import label_cells
from generator.parse.raw import COLUMNS
from generator.parse.text import parse_text

HEADER_LABELS = (
    "Meeting and date", "Sub-item", "Other documents", "Rule 37 invitations",
    "Rule 39 and other invitations", "Speakers", "Decisions and vote (for-against-abstaining)",
)
PART_TITLES = {
    "I": "Part I. Consideration of questions under the responsibility of the Security Council "
         "for the maintenance of international peace and security",
}

Piece = Union[str, int]  # text, or the number of a footnote marker printed there


@dataclass
class SectionSpec:
    number: str
    title: str
    group: Optional[str]  # printed as a group heading before the section when it changes
    paragraphs: list[list[Piece]]
    footnotes: dict[int, str]  # number -> text, in the order printed
    table_title: Optional[str] = None
    rows: list[dict[str, list[str]]] = field(default_factory=list)  # column name -> lines of the cell

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass
class DocumentSpec:
    name: str
    supplement: int
    part: str
    sections: list[SectionSpec]
    columns: tuple[str, ...] = COLUMNS  # canonical column names, in printed order
    labels: tuple[str, ...] = HEADER_LABELS  # their printed header labels

    @property
    def running_header(self) -> str:
        return f"Repertoire of the Practice of the Security Council, {self.supplement}"

    @property
    def running_footer(self) -> str:
        return PART_TITLES.get(self.part, f"Part {self.part}")

    def groups(self) -> list[tuple[Optional[str], list[SectionSpec]]]:
        """Consecutive sections under the same group heading."""
        out: list[tuple[Optional[str], list[SectionSpec]]] = []
        for section in self.sections:
            if not out or out[-1][0] != section.group:
                out.append((section.group, []))
            out[-1][1].append(section)
        return out

    def contents(self) -> list[tuple[str, str]]:
        """The contents page's entries in order: (text, anchor), "g<n>" for the n-th group heading,
        "s<n>" for the n-th section (as the producers name their headings)."""
        out, index = [], 0
        for g, (group, sections) in enumerate(self.groups()):
            if group:
                out.append((group, f"g{g}"))
            for section in sections:
                out.append((section.heading, f"s{index}"))
                index += 1
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def pieces(text: str, refs) -> list[Piece]:
    out: list[Piece] = []
    position = 0
    for ref in sorted(refs, key=lambda r: r.offset):
        if ref.offset > position:
            out.append(text[position:ref.offset])
        out.append(ref.number)
        position = ref.offset
    if position < len(text):
        out.append(text[position:])
    return out


def printed_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MARKERS = re.compile("([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def superscript(number: int) -> str:
    return str(number).translate(SUPERSCRIPT)


def marked(text: str) -> list[Piece]:
    """A table cell's line as pieces: footnote markers are superscript digits in cell text."""
    out: list[Piece] = []
    for part in MARKERS.split(text):
        if part and MARKERS.fullmatch(part):
            out.append(int(part.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))))
        elif part:
            out.append(part)
    return out


def row_cells(row, meeting) -> dict[str, list[str]]:
    """Cell lines by column; the row's footnote markers follow the meeting symbol."""
    cells: dict[str, list[str]] = {}
    for label, text in zip(label_cells(row), row.cells):
        if label == "meeting":
            markers = "".join(superscript(n) for n in row.footnotes)
            cells["meeting"] = [meeting.symbol + markers, printed_date(meeting.date)]
            if meeting.sub_item:
                cells["sub_item"] = [meeting.sub_item]
        elif label == "decisions":
            cells["decisions"] = [f"{d.symbol} {d.vote}" if d.vote else d.symbol for d in meeting.decisions]
        else:
            cells.setdefault(label, []).append(text)
    return cells


def document_from_text(path: Path, name: Optional[str] = None) -> DocumentSpec:
    raws = parse_text(path)
    model = read_sources([path])  # its problems (an Ibid. no single document answers) the PDF must report too
    sections = []
    for raw, section in zip(raws, model.sections):
        rows = [row_cells(row, meeting) for row, meeting in zip(raw.table_rows, section.meetings)]
        sections.append(SectionSpec(
            number=raw.number,
            title=raw.title,
            group=raw.group,
            paragraphs=[pieces(p.text, p.refs) for p in raw.paragraphs],
            footnotes={f.number: f.text for f in raw.footnotes},
            table_title=raw.table_title,
            rows=rows,
        ))
    supplement = {r.supplement for r in raws}.pop()
    part = {r.part for r in raws}.pop() or "I"
    return DocumentSpec(name or path.stem, supplement, part, sections)
