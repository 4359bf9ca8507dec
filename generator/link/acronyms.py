"""Acronyms the Repertoire defines, "United Nations Mission in South Sudan (UNMISS)", and what they name.

Finding the full name: the acronym's letters are matched backwards against
the words before the parenthesis, the first letter at the start of a word
(Schwartz & Hearst, 2003); digits and signs in the acronym are skipped, so
"(A4P)" after "Action for Peacekeeping initiative" is "Action for
Peacekeeping". United Nations peace operations often carry French acronyms
(MONUSCO, MINUSCA): when the letters do not match, a name that begins with
"United Nations" right before the parenthesis is taken whole. Lowercase words
before or after the name ("the", "initiative") are not part of it.

What counts as a mission (a page under missions/): a United Nations peace
operation, that is, an acronym whose full name contains "United Nations" and
one of the words Mission, Force, Operation or Observer, or one of the peace
operations and political missions listed in KNOWN_MISSIONS (whose official
name then wins over a variant spelling in the text). Every other defined
acronym ("A4P", "Action for Peacekeeping") is a body or initiative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

# Peace operations and special political missions, by acronym: their official names.
KNOWN_MISSIONS = {
    "BINUH": "United Nations Integrated Office in Haiti",
    "MINURSO": "United Nations Mission for the Referendum in Western Sahara",
    "MINUSCA": "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
    "MINUSMA": "United Nations Multidimensional Integrated Stabilization Mission in Mali",
    "MINUSTAH": "United Nations Stabilization Mission in Haiti",
    "MONUSCO": "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    "UNAMA": "United Nations Assistance Mission in Afghanistan",
    "UNAMI": "United Nations Assistance Mission for Iraq",
    "UNAMID": "African Union-United Nations Hybrid Operation in Darfur",
    "UNDOF": "United Nations Disengagement Observer Force",
    "UNFICYP": "United Nations Peacekeeping Force in Cyprus",
    "UNIFIL": "United Nations Interim Force in Lebanon",
    "UNISFA": "United Nations Interim Security Force for Abyei",
    "UNITAMS": "United Nations Integrated Transition Assistance Mission in the Sudan",
    "UNMIK": "United Nations Interim Administration Mission in Kosovo",
    "UNMIL": "United Nations Mission in Liberia",
    "UNMISS": "United Nations Mission in South Sudan",
    "UNMOGIP": "United Nations Military Observer Group in India and Pakistan",
    "UNOCA": "United Nations Regional Office for Central Africa",
    "UNOCI": "United Nations Operation in Côte d'Ivoire",
    "UNOWAS": "United Nations Office for West Africa and the Sahel",
    "UNSMIL": "United Nations Support Mission in Libya",
    "UNSOM": "United Nations Assistance Mission in Somalia",
    "UNSOS": "United Nations Support Office in Somalia",
    "UNTSO": "United Nations Truce Supervision Organization",
    "UNVMC": "United Nations Verification Mission in Colombia",
}
MISSION, BODY = "mission", "body"
MISSION_WORDS = re.compile(r"\b(Mission|Force|Operation|Observer)\b")
CONNECTORS = frozenset("of in for and on to the at de des du la le et pour en".split())

# "(UNMISS)", "(A4P+)": a capital, then capitals/digits/signs, at least two capitals in all.
_DEFINITION = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9+&\-]{1,11})\)")
# The clause a full name can come from ends at punctuation.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"]|[.?!]\s")


@dataclass(frozen=True)
class Definition:
    short: str  # "UNMISS"
    long: str  # "United Nations Mission in South Sudan"
    start: int  # where the long form starts in the text
    end: int  # just after the closing parenthesis


def is_mission(short: str, long: str) -> bool:
    return short in KNOWN_MISSIONS or ("United Nations" in long and bool(MISSION_WORDS.search(long)))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _match_letters(short: str, words: list[str]) -> Optional[int]:
    """Index of the word where the long form starts, matching the acronym's letters backwards."""
    letters = [ch.lower() for ch in short if ch.isalpha()]
    text = " ".join(words)
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0:
            here = text[position].lower() == letter
            at_word_start = position == 0 or not text[position - 1].isalnum()
            if here and (index > 0 or at_word_start):
                break
            position -= 1
        if position < 0:
            return None
        position -= 1
    start = position + 1
    return text[:start].count(" ")


def _trim(words: list[str]) -> list[str]:
    """Drop lowercase words before the first and after the last capitalised word."""
    first = next((i for i, w in enumerate(words) if _capitalised(w)), None)
    if first is None:
        return []
    last = max(i for i, w in enumerate(words) if _capitalised(w))
    return words[first:last + 1]


def _plausible(words: list[str], short: str) -> bool:
    if len(words) < 2 or not _capitalised(words[0]):
        return False
    lowercase = [w for w in words if not _capitalised(w) and w.lower() not in CONNECTORS]
    return not lowercase or (" ".join(words).startswith("United Nations") and len(lowercase) <= 2)


def long_form(short: str, before: str) -> Optional[str]:
    """The full name an acronym abbreviates, from the text just before its parenthesis."""
    words = before.split()
    limit = min(len([c for c in short if c.isalnum()]) + 6, 2 * len(short) + 2)
    words = words[-limit:]
    start = _match_letters(short, words)
    candidate = _trim(words[start:]) if start is not None else []
    if not _plausible(candidate, short) or start is None:
        joined = " ".join(words)
        at = joined.rfind("United Nations")
        candidate = _trim(joined[at:].split()) if at >= 0 else []
        if not _plausible(candidate, short):
            return None
    return " ".join(candidate)


def definitions(text: str) -> Iterator[Definition]:
    """Every acronym defined in `text`, in order."""
    for match in _DEFINITION.finditer(text):
        short = match.group("short")
        if sum(ch.isupper() for ch in short) < 2:
            continue
        before = text[:match.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause_start = breaks[-1].end() if breaks else 0
        long = long_form(short, before[clause_start:])
        if long:
            spelled = r"\s+".join(re.escape(word) for word in long.split())
            found = list(re.finditer(spelled, before[clause_start:]))
            start = clause_start + found[-1].start() if found else match.start()
            yield Definition(short, long, start, match.end())
