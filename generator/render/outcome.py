"""Whether the Library's outcome cell says more than the decisions read from it.

The tables print a meeting's outcome as one cell ("S/RES/242 (1967) 15-0-0"); the reader takes
the adopted resolutions and statements with their votes out of it (`Meeting.decisions`). A page
shows the decisions, and the cell's wording only where it adds something: a vetoed draft, an
election, a communiqué, "adopted unanimously" on a decision without a count ...
"""
from __future__ import annotations

import re
from typing import Optional

from generator.model import Meeting
from generator.model.symbols import find_symbols
from generator.model.vocabulary import VOTE

# What the cell may say of a decision that the decisions row already shows: its vote, how it was
# adopted, the statement's mark; and the punctuation between.
_SAID_BY_DECISIONS = re.compile(r"\(\s*PRST\s*\)|\badopted\b|\bunanimous(?:ly)?\b|\bwithout\s+(?:a\s+)?vote\b|"
                                r"\bby\s+consensus\b|\bvote\b|\band\b|[\s;,.:()\-–—+]", re.I)


def _number(canonical: str) -> str:
    """A decision's identity whatever year the cell prints: "S/RES/770 (1991)" is resolution 770."""
    return re.sub(r"^(S/RES/\d+) \(\d{4}\)", r"\1", canonical)


def _says_more(part: str, decided: set[str]) -> bool:
    """Whether one statement of the cell says more than the decisions it names, with their votes."""
    rest, last = [], 0
    for match in find_symbols(part):
        if _number(match.symbol.canonical) in decided:
            rest.append(part[last:match.start])
            last = match.end
    rest.append(part[last:])
    return bool(_SAID_BY_DECISIONS.sub("", VOTE.sub("", " ".join(rest))))


def outcome_remark(meeting: Meeting) -> Optional[str]:
    """What the Library's table prints of the outcome beyond `meeting.decisions`: its statements
    (separated by "; ", see `generator.parse.dhl.tables`) that say more; None where none does."""
    if not meeting.outcome:
        return None
    decided = {_number(d.symbol) for d in meeting.decisions}
    more = [part for part in meeting.outcome.split("; ") if _says_more(part, decided)]
    return "; ".join(more) or None
