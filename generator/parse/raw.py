"""What a parser hands over: one source's sections, before linking.

Text and PDF parsers both fill these; `generator.assemble.section` turns them into the
model (meetings from table rows, resolved footnotes, paragraph-to-meeting
assignment), so both sources go through the same logic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from generator.model import Footnote, Paragraph, Problem

# A section's heading as both readers see it: "24. United Nations peacekeeping operations", "7A. ...".
SECTION_HEADING = re.compile(r"^(\d+[A-Z]?)\.\s+(\S.*)$")

# Canonical names of the meetings table's columns, in their printed order.
COLUMNS = (
    "meeting",  # "Meeting and date": symbol, date (and, in text extractions, a merged sub-item)
    "sub_item",
    "other_documents",
    "rule_37",
    "rule_39",
    "speakers",
    "decisions",
)


@dataclass
class TableRow:
    """One row of a meetings table.

    `cells` are the row's non-empty cells in order. `columns` names the column of
    each cell when the parser knows it (PDF: by position under the header); it
    is None when the layout is lost (text extraction drops empty cells), and the
    assembler then recognises each cell by its content.
    """

    cells: list[str]
    columns: Optional[list[str]] = None
    place: str = ""  # "line 120" or "page 4"
    footnotes: list[int] = field(default_factory=list)  # footnote markers found in the row's cells


@dataclass
class RawSection:
    file: str
    number: str
    title: str
    unit: str  # what the source's places count, for its problems: "line" (text) or "page" (PDF)
    group: Optional[str] = None
    supplement: Optional[int] = None
    part: Optional[str] = None
    paragraphs: list[Paragraph] = field(default_factory=list)  # joined across page breaks
    footnotes: list[Footnote] = field(default_factory=list)  # text only, unresolved
    table_rows: list[TableRow] = field(default_factory=list)
    table_title: Optional[str] = None
    problems: list[Problem] = field(default_factory=list)
