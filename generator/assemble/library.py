"""The Dag Hammarskjöld Library's meetings, merged: one meeting per record across its tables, then
into the Repertoire's model.

`generator.parse.dhl.tables` reads each table as printed, so a meeting listed in two rows or two
files (a meeting resumed the next day, the 2020 videoconference table beside the year's own) comes
out twice. Here it becomes one meeting: the first reading wins and every disagreement is reported.
Then `merge_into_repertoire` gives the meetings the Repertoire also describes what only the Library
knows, and keeps the others as records. The decisions the tables list without a meeting (written
procedure, 2020-2021) are made one per symbol the same way (`written_decisions`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from generator.model import SOURCES_DISAGREE, Decision, Meeting, Problem, WrittenDecision
from generator.model.symbols import Symbol
from generator.model.vocabulary import chronological
from generator.parse.dhl.tables import DhlFile, add_new, read_dhl_tables

_SCALARS = ("date", "sub_item")
LISTS = ("other_documents", "rule_37", "rule_39", "speakers", "topics", "press_releases", "web_links", "notes",
         "footnotes")
_UNIONS = ("topics", "other_documents", "press_releases", "web_links", "notes")  # lists of things: both sides are right


def library_meetings(tables: Iterable[DhlFile]) -> tuple[list[Meeting], list[Problem]]:
    """One meeting per record in `tables` (read in this order), oldest first, and the problems:
    each table's own, each followed by what its meetings listed before disagree on; last, the
    decisions listed as adopted at two meetings."""
    meetings: dict[str, Meeting] = {}
    problems: list[Problem] = []
    for table in tables:
        problems += table.problems
        for meeting in table.meetings:
            first = meetings.get(meeting.symbol)
            if first is None:
                meetings[meeting.symbol] = meeting
            else:
                _resumed(first, meeting)
                problems += merge_meeting(first, meeting, table.path, f"meeting {meeting.symbol}",
                                          f"its other row in {first.sources[0]}")
    ordered = sorted(meetings.values(), key=chronological)
    problems += _adopted_twice(ordered)
    return ordered, problems


def read_library(folder: Path, jobs: int = 1) -> tuple[list[Meeting], list[Problem]]:
    """Every meeting in the Library's tables in `folder`, one per record, oldest first, and what could
    not be read or did not agree. `jobs` > 1 reads the files in that many processes."""
    return library_meetings(read_dhl_tables(folder, jobs))


def _adopted_twice(meetings: list[Meeting]) -> list[Problem]:
    """A resolution or statement listed as adopted at two different meetings: one row is wrong."""
    seen: dict[str, Meeting] = {}
    problems = []
    for meeting in meetings:
        for decision in meeting.decisions:
            first = seen.setdefault(decision.symbol, meeting)
            number = Symbol(meeting.symbol, "meeting").meeting_number
            if first is not meeting and Symbol(first.symbol, "meeting").meeting_number != number:
                problems.append(Problem(meeting.sources[0], f"meeting {meeting.symbol}",
                                        f"{decision.symbol} is listed as adopted here ({meeting.date}) and at "
                                        f"{first.symbol} ({first.date}); one of the rows is wrong",
                                        SOURCES_DISAGREE))
    return problems


def _resumed(first: Meeting, again: Meeting) -> None:
    """One record listed on two days (a meeting resumed the next day, 2020): it began on the earlier."""
    if first.date and again.date and first.date != again.date:
        later = max(first.date, again.date)
        first.date = again.date = min(first.date, again.date)
        for meeting in (first, again):
            add_new(meeting.notes, [f"resumed on {later}"])


def merge_meeting(ours: Meeting, theirs: Meeting, file: str, place: str, whose: str,
                  unions: tuple[str, ...] = _UNIONS) -> list[Problem]:
    """Fill what `ours` lacks from `theirs`; where both say something different, keep ours and report it.

    Scalars fill when ours is None, lists when ours is empty (the lists named in `unions` take what
    theirs adds, in order); decisions are matched by symbol (a vote or note fills when ours has
    neither; a different vote, or a different note, is reported)."""
    problems = []

    def conflict(name, mine, other):
        problems.append(Problem(file, place, f"{ours.symbol}: {name} {other!r} here, but {mine!r} in {whose}; "
                                f"kept {mine!r}", SOURCES_DISAGREE))

    for name in _SCALARS:
        mine, other = getattr(ours, name), getattr(theirs, name)
        if mine is None:
            setattr(ours, name, other)
        elif other is not None and other != mine:
            conflict(name, mine, other)
    for name in LISTS:
        mine, other = getattr(ours, name), getattr(theirs, name)
        if not mine:
            setattr(ours, name, list(other))
        elif other and other != mine:
            if name in unions:
                add_new(mine, other)  # lists of things, not one statement: both are right
            else:
                conflict(name, mine, other)
    if theirs.outcome and theirs.outcome != ours.outcome:  # each row's outcome as printed, in order
        ours.outcome = f"{ours.outcome}; {theirs.outcome}" if ours.outcome else theirs.outcome
    _merge_decisions(ours.decisions, theirs.decisions, conflict)
    add_new(ours.sources, theirs.sources)
    return problems


def _merge_decisions(ours: list[Decision], theirs: list[Decision], conflict) -> None:
    """Decisions matched by symbol: a vote or note fills when ours has neither; a different vote, or a
    different note, is `conflict(what, ours, theirs)`."""
    by_symbol = {d.symbol: d for d in ours}
    for decision in theirs:
        mine = by_symbol.get(decision.symbol)
        if mine is None:
            ours.append(Decision(decision.symbol, decision.vote, decision.note))
        elif mine.vote is None and mine.note is None:
            mine.vote, mine.note = decision.vote, decision.note
        elif decision.vote is not None and mine.vote != decision.vote:
            conflict(f"vote on {decision.symbol}", mine.vote, decision.vote)
        elif None not in (decision.note, mine.note) and mine.note != decision.note:
            conflict(f"adoption of {decision.symbol}", mine.note, decision.note)


_WRITTEN_LISTS = ("topics", "drafts", "procedure_letters", "outcome_letters", "other_documents")


def written_decisions(tables: Iterable[DhlFile], meetings: Iterable[Meeting] = ()) -> tuple[
        list[WrittenDecision], list[Problem]]:
    """One decision taken without a meeting per symbol across `tables` (read in this order), by date,
    and what the readings disagree on: the first reading wins, the other fills what it lacks (its
    lists add what they hold). A decision also listed as adopted at one of `meetings` is reported."""
    found: dict[str, WrittenDecision] = {}
    problems: list[Problem] = []
    for table in tables:
        for decision in table.written:
            first = found.setdefault(decision.symbol, decision)
            if first is not decision:
                problems += _merge_written(first, decision, table.path)
    at_meetings = {d.symbol: m for m in meetings for d in m.decisions}
    for decision in found.values():
        for adopted in decision.decisions:
            meeting = at_meetings.get(adopted.symbol)
            if meeting is not None:
                problems.append(Problem(decision.sources[0], f"decision {decision.symbol}",
                                        f"{adopted.symbol} is listed as adopted without a meeting ({decision.date}) "
                                        f"and at {meeting.symbol} ({meeting.date}); one of the rows is wrong",
                                        SOURCES_DISAGREE))
    return sorted(found.values(), key=lambda d: (d.date or "9999", d.symbol)), problems


def _merge_written(ours: WrittenDecision, theirs: WrittenDecision, file: str) -> list[Problem]:
    problems = []
    whose = f"its other row in {ours.sources[0]}"

    def conflict(name, mine, other):
        problems.append(Problem(file, f"decision {ours.symbol}", f"{ours.symbol}: {name} {other!r} here, but "
                                f"{mine!r} in {whose}; kept {mine!r}", SOURCES_DISAGREE))

    for name in ("date", "webcast"):
        mine, other = getattr(ours, name), getattr(theirs, name)
        if mine is None:
            setattr(ours, name, other)
        elif other is not None and other != mine:
            conflict(name, mine, other)
    if theirs.outcome and theirs.outcome != ours.outcome:  # each row's outcome as printed, as for meetings
        ours.outcome = f"{ours.outcome}; {theirs.outcome}" if ours.outcome else theirs.outcome
    for name in _WRITTEN_LISTS:
        add_new(getattr(ours, name), getattr(theirs, name))
    _merge_decisions(ours.decisions, theirs.decisions, conflict)
    add_new(ours.sources, theirs.sources)
    return problems


def merge_into_repertoire(repertoire, meetings: list[Meeting], problems: list[Problem]) -> None:
    """Merge the Library's meetings into `repertoire` (in place).

    A meeting the Repertoire also describes (same canonical symbol, in any
    section) gets what only the Library knows (topics, press releases, outcome
    ...); the Repertoire wins where both differ, and each difference is
    reported. The others go to `repertoire.records`, by date. `problems` (the
    Library's reading problems) are added to the repertoire's."""
    ours: dict[str, list[Meeting]] = {}
    for section, meeting in repertoire.meetings():
        described = ours.setdefault(meeting.symbol, [])
        if all(m is not meeting for m in described):  # a meeting two sections list is one object
            described.append(meeting)
    records = {m.symbol: m for m in repertoire.records}
    repertoire.problems += problems
    for meeting in meetings:
        source = meeting.sources[0] if meeting.sources else "Library tables"
        for described in ours.get(meeting.symbol, []):
            whose = "the Repertoire"
            repertoire.problems += merge_meeting(described, meeting, source, f"meeting {meeting.symbol}", whose)
        if meeting.symbol in ours:
            continue
        if meeting.symbol in records:
            repertoire.problems += merge_meeting(records[meeting.symbol], meeting, source,
                                                 f"meeting {meeting.symbol}", "an earlier table")
        else:
            records[meeting.symbol] = meeting
    repertoire.records = sorted(records.values(), key=chronological)


def add_dhl(repertoire, folder: Path, jobs: int = 1) -> None:
    """Read the Library's tables in `folder` and merge them into `repertoire` (see merge_into_repertoire);
    the decisions they list as taken without a meeting become `repertoire.written_decisions`."""
    tables = read_dhl_tables(folder, jobs)
    meetings, problems = library_meetings(tables)
    decisions, disagreements = written_decisions(tables, meetings)
    merge_into_repertoire(repertoire, meetings, problems + disagreements)
    repertoire.written_decisions = decisions
