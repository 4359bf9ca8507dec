"""Meetings from the rows of a section's meetings table.

A row's cells come either with their columns (PDF: by position under the
header) or without (text extractions drop empty cells, so "S/PV.9389 28 July
2023", "Under-Secretary-General ...", "All Council members, all invitees" could
be any of seven columns). Unlabelled cells are recognised by content, in
column order.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

from generator.assemble.footnotes import split_list
from generator.model import UNREADABLE_ROW, Decision, Meeting, Problem
from generator.parse.raw import COLUMNS, TableRow
from generator.model.symbols import find_symbols
from generator.model.vocabulary import MONTH_NAMES, VOTE

DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAMES})\s+(\d{{4}})\b")
# Words naming a person's function: an invitee under rule 39 is a person.
ROLE = re.compile(
    r"\b(Secretary|Secretary-General|Commander|Commissioner|Adviser|Advisor|Director|Head|Representative|"
    r"Envoy|President|Chair|Chairperson|Chairman|Coordinator|Minister|Ambassador|Observer|Officer|Chief|"
    r"Executive|Member|Judge|Prosecutor|Registrar|High Commissioner|Expert|Founder|Professor|Researcher|"
    r"Rapporteur|Administrator|Facilitator|Mediator|Special|Deputy|Assistant|Associate|Manager|Programme)\b")
SPEAKERS = re.compile(r"\b(Council members|invitees?|all Council)\b", re.I)
# The Speakers column opens with who spoke of the Council ("All Council members, ..."): no other
# column does, whatever role words the named speakers after it carry.
SPEAKERS_FIRST = re.compile(r"^\s*(all\s+)?(Council\s+members|members\s+of\s+the\s+Council)\b", re.I)


def parse_date(text: str) -> Optional[str]:
    match = DATE.search(text)
    if not match:
        return None
    try:
        return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date().isoformat()
    except ValueError:
        return None


def split_invitees(text: str) -> list[str]:
    """Comma-separated invitees, where a part naming no function belongs to the one before:
    'United Nations Police Adviser, Department of Peace Operations' is one invitee."""
    invitees: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if invitees and not ROLE.search(part):
            invitees[-1] += ", " + part
        else:
            invitees.append(part)
    return invitees


def parse_decisions(text: str) -> list[Decision]:
    """'S/RES/2719 (2023) 15-0-0 S/PRST/2023/2' -> each decision with the vote printed after it."""
    matches = [m for m in find_symbols(text) if m.symbol.kind in ("resolution", "prst")]
    decisions = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start if index + 1 < len(matches) else len(text)
        vote = VOTE.search(text, match.end, end)
        decisions.append(Decision(match.symbol.canonical, "-".join(vote.groups()) if vote else None))
    return decisions


def _kind_of_cell(text: str) -> set[str]:
    """The columns whose content this cell could be."""
    if SPEAKERS_FIRST.match(text):
        return {"speakers"}
    symbols = find_symbols(text)
    kinds = set()
    if any(m.symbol.kind in ("resolution", "prst") for m in symbols) or VOTE.search(text):
        kinds.add("decisions")
    if SPEAKERS.search(text):
        kinds.add("speakers")
    if ROLE.search(text):
        kinds.add("rule_39")
    if symbols and "decisions" not in kinds:
        kinds.add("other_documents")
    if not kinds:  # a list of names: the countries invited under rule 37, or the speakers
        kinds.update({"rule_37", "speakers"})
    return kinds


def label_cells(row: TableRow) -> list[Optional[str]]:
    """Column of each cell: the parser's when known, else the first plausible column after the previous cell's."""
    if row.columns:
        return list(row.columns)
    # Text extractions merge the sub-item into the meeting cell, so it is never a cell of its own here.
    labels: list[Optional[str]] = ["meeting"]
    position = 1
    for cell in row.cells[1:]:
        kinds = _kind_of_cell(cell)
        found = next((i for i in range(position, len(COLUMNS)) if COLUMNS[i] in kinds), None)
        labels.append(COLUMNS[found] if found is not None else None)
        if found is not None:
            position = found + 1
    # Every meeting has speakers: a lone list of names is them, not rule 37 (or 39) invitations.
    for guess in ("rule_37", "rule_39"):
        if "speakers" not in labels and guess in labels:
            last = len(labels) - 1 - labels[::-1].index(guess)
            if "speakers" in _kind_of_cell(row.cells[last]) and all(l in (None, "decisions") for l in labels[last + 1:]):
                labels[last] = "speakers"
    return labels


def meeting_from_row(row: TableRow, file: str, problems: list[Problem]) -> Optional[Meeting]:
    cells: dict[str, str] = {}
    for label, cell in zip(label_cells(row), row.cells):
        if label is None:
            problems.append(Problem(file, row.place, f"table cell not recognised, kept as other document text: {cell!r}",
                                    UNREADABLE_ROW))
            label = "other_documents"
        cells[label] = f"{cells[label]} {cell}" if label in cells else cell
    head = cells.get("meeting", "")
    symbols = [m for m in find_symbols(head) if m.symbol.kind == "meeting"]
    if not symbols:
        problems.append(Problem(file, row.place, f"table row has no meeting record symbol: {head!r}", UNREADABLE_ROW))
        return None
    first = symbols[0]
    meeting = Meeting(first.symbol.canonical, date=parse_date(head), footnotes=list(row.footnotes))
    if meeting.date is None:
        problems.append(Problem(file, row.place, f"no date in meeting cell {head!r}", UNREADABLE_ROW))
    # Text extractions merge the sub-item into the meeting cell, between symbol and date.
    leftover = DATE.sub("", head[first.end:]).strip(" ,;")
    meeting.sub_item = cells.get("sub_item") or leftover or None
    if "other_documents" in cells:
        found = [m.symbol.canonical for m in find_symbols(cells["other_documents"])]
        meeting.other_documents = found or [cells["other_documents"]]
    if "rule_37" in cells:
        meeting.rule_37 = split_list(cells["rule_37"])
    if "rule_39" in cells:
        meeting.rule_39 = split_invitees(cells["rule_39"])
    if "speakers" in cells:
        meeting.speakers = [s.strip() for s in cells["speakers"].split(",") if s.strip()]
    if "decisions" in cells:
        meeting.decisions = parse_decisions(cells["decisions"])
    return meeting
