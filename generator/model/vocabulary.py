"""How the Council's documents write dates, votes and agenda items, and the order of meetings in
time: shared by the readers (text, PDF, the Library's tables), the assembler, the linker and the pages."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from generator.model import Meeting
from generator.model.symbols import parse_symbol

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_NAMES = "|".join(MONTHS)  # for regular expressions: "January|February|..."
# States whose names hold "and": a list of names ("Ghana, Bosnia and Herzegovina and Japan") is
# never split inside one. generator/link/countries.py knows every State; a test keeps the two alike.
STATES_NAMED_WITH_AND = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
    "Sao Tome and Principe", "Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland",
)
_NAMED_WITH_AND = re.compile("|".join(r"\s+".join(map(re.escape, name.split())) for name in STATES_NAMED_WITH_AND),
                             re.I)


def names_with_and(text: str) -> list[tuple[int, int]]:
    """Where `text` names a State whose name holds "and" (accents aside: São Tomé and Príncipe)."""
    folded = "".join(unicodedata.normalize("NFKD", ch)[:1] for ch in text)  # one character for one
    return [match.span() for match in _NAMED_WITH_AND.finditer(folded)]


# A vote as the Council's records print it: in favour - against - abstaining ("13-0-2").
VOTE = re.compile(r"\b(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})\b")


def month_number(name: str) -> Optional[int]:
    """1 to 12 for a month's name or its first three letters ("Sept." -> 9), else None."""
    prefix = name[:3].lower()
    return next((number for number, month in enumerate(MONTHS, 1) if month[:3].lower() == prefix), None)


def topic_key(topic: str) -> str:
    """Identity of an agenda item for grouping ("The Palestine Question" = "The Palestine question")."""
    return re.sub(r"\s+", " ", topic.replace("\u2014", "-").replace("\u2013", "-")).casefold().strip(" .")


def human_date(iso: Optional[str]) -> str:
    """'2023-08-30' -> '30 August 2023'."""
    if not iso:
        return "date unknown"
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def chronological(meeting: Meeting) -> tuple:
    """By date, then meeting number (S/PV.999 before S/PV.1000 on one day); undated meetings last."""
    return meeting.date or "9999-99-99", parse_symbol(meeting.symbol).meeting_number or 0, meeting.symbol
