"""Every meeting of the site in time: chronological order, neighbours, years, and who adopted what.

Built once for the whole site (`generator.link.index.SiteIndex`), in one pass over
the meetings, so pages look things up instead of scanning: a meeting's
previous and next meeting, the meetings of a year, the meeting(s) that
adopted a resolution or a presidential statement.

The site's meetings are the Repertoire's (its sections' meetings tables) and
the records known only from the Library's tables (`Repertoire.records`). A
meeting described in two sections is one meeting here, the first reading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from generator.model import Decision, Meeting
from generator.model.symbols import parse_symbol
from generator.model.vocabulary import chronological

UNDATED = "Undated"


def year_of(meeting: Meeting) -> str:
    return (meeting.date or "")[:4] or UNDATED


@dataclass
class Adoption:
    """A resolution or statement and the meeting that adopted it, with the vote."""

    meeting: Meeting
    decision: Decision


@dataclass
class Timeline:
    meetings: list[Meeting] = field(default_factory=list)  # every meeting once, chronological
    position: dict[str, int] = field(default_factory=dict)  # symbol -> index in `meetings`
    years: dict[str, list[Meeting]] = field(default_factory=dict)  # "1946" -> its meetings, in order
    adoptions: dict[str, list[Adoption]] = field(default_factory=dict)  # canonical decision symbol -> where

    @classmethod
    def build(cls, meetings: Iterable[Meeting]) -> "Timeline":
        unique: dict[str, Meeting] = {}
        for meeting in meetings:
            unique.setdefault(meeting.symbol, meeting)
        timeline = cls(sorted(unique.values(), key=chronological))
        for position, meeting in enumerate(timeline.meetings):
            timeline.position[meeting.symbol] = position
            timeline.years.setdefault(year_of(meeting), []).append(meeting)
            for decision in meeting.decisions:
                symbol = parse_symbol(decision.symbol).canonical
                timeline.adoptions.setdefault(symbol, []).append(Adoption(meeting, decision))
        return timeline

    def neighbours(self, symbol: str) -> tuple[Optional[Meeting], Optional[Meeting]]:
        """The meetings just before and after `symbol` on the whole site."""
        position = self.position.get(symbol)
        if position is None:
            return None, None
        previous = self.meetings[position - 1] if position > 0 else None
        following = self.meetings[position + 1] if position + 1 < len(self.meetings) else None
        return previous, following
