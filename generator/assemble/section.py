"""One section as a parser read it (`RawSection`) -> the model's `Section`: meetings from the table's
rows (a meeting in two rows made one, `generator.assemble.meetings`), resolved footnotes, each
paragraph's meeting, and the checks of what was read.

Runs the same for every source kind, so a PDF and a text extraction of one section end up as the
same `Section`; places in problems count what the reader says (`RawSection.unit`).
"""
from __future__ import annotations

from generator.assemble.checks import check_markers, unrecognised_symbols
from generator.assemble.footnotes import resolve_footnotes
from generator.assemble.meetings import Listing, merge_rows
from generator.assemble.rows import meeting_from_row
from generator.model import Problem, Section
from generator.parse.raw import RawSection


def assemble_section(raw: RawSection) -> tuple[Section, list[Problem]]:
    section, problems, _ = assemble_located(raw)
    return section, problems


def assemble_located(raw: RawSection) -> tuple[Section, list[Problem], dict[str, str]]:
    """The section, its problems, and the place of each meeting's (first) row, for merges across sections."""
    problems = list(raw.problems) + check_markers(raw, raw.unit)
    listed = [Listing(m, raw.file, row.place) for m, row in
              ((meeting_from_row(row, raw.file, problems), row) for row in raw.table_rows) if m]
    listed, disagreements = merge_rows(listed)
    problems += disagreements
    section = Section(raw.number, raw.title, raw.group, raw.supplement, raw.part, raw.paragraphs,
                      sorted(raw.footnotes, key=lambda f: f.number), [l.meeting for l in listed], [raw.file])
    problems += resolve_footnotes(section.footnotes, raw.file, raw.unit)
    problems += unrecognised_symbols(section, raw.file)
    assign_paragraphs(section)
    return section, problems, {l.meeting.symbol: l.place for l in listed}


def assign_paragraphs(section: Section) -> None:
    """A paragraph whose own footnote says "See <meeting>" opens that meeting's account,
    which runs until another meeting's opens. Paragraphs before the first are the overview."""
    own_meetings = {m.symbol for m in section.meetings}
    current = None
    for paragraph in section.paragraphs:
        for number in paragraph.footnotes:
            footnote = section.footnote(number)
            if footnote is None or footnote.ibid:
                continue
            cited = [c for c in footnote.citations if c in own_meetings]
            if cited:
                current = cited[0]
                break
        paragraph.meeting = current
