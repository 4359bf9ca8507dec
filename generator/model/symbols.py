"""Find UN document symbols in free text, keeping their offsets (in the manner of eyecite).

The Repertoire cites documents in many spellings: "S/PV.3536(Resumption2)",
"S/RES/170%20(1961)", "resolutions 242 (1967) and 338 (1973)". Each spelling maps
to one `Symbol` with a single canonical printed form, so the linker can treat
them as the same document.

Design notes
- Literal symbols ("S/...", "A/...") are found by one regex with one branch per
  family; the branch that matched decides the kind. Prose citations
  ("resolution 242 (1967)") are found separately: they need the word
  "resolution(s)" before them and a year, because a bare "resolution 242" may
  be a General Assembly or other body's resolution.
- A symbol never starts right after a letter, digit, "/", "." or "_": that keeps
  us out of words ("INFCIRC/254"), organisation names ("SPLM/A") and URL paths
  ("undocs.org/S/2023/646" - the visible link text is matched instead). After
  "=" it may start, so "?symbol=S/RES/170%20(1961)" is found, and after "-",
  so the joint symbol "A/53/455-S/1998/913" yields both documents.
- A symbol never ends right before a letter or digit (unless it ends in ")"):
  "S/612l" (an OCR error) yields nothing rather than the wrong "S/612". Numbers
  are matched atomically so backtracking cannot shorten them.
- "S/RES/1615" without a year is accepted (canonical "S/RES/1615", year None):
  we cannot know the year, and inventing one would be worse.
- Trailing punctuation is never part of a symbol: every component ends in a
  digit, a capital letter or ")".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .errors import RepertoireError

KINDS = ("meeting", "resolution", "prst", "document", "ga-resolution", "agenda")

# Series roots we accept: Security Council, General Assembly, ECOSOC,
# Secretariat, press releases (SC/, SG/) and the Peacebuilding Commission.
# Longer roots first so that alternation does not stop at "S" for "SC/".
_ROOTS = ("PBC", "SC", "SG", "ST", "S", "A", "E")

# Between a number and its parenthesised year/suffix: nothing, a few
# whitespace characters (table cells, wrapped lines) or a URL-encoded space.
_SP = r"(?:%20|\s{0,3})"
_NUM = r"(?>\d+)"  # atomic: "S/2023/646x" must not backtrack to "S/2023/64"
# /Rev.1, /Add.2, /Corr.1, /Amend.1; printed sometimes as "Add. 1" or "CORR.1".
# The engine keeps backtracking state for each "/" piece it repeats: unbounded, a million-character
# "S/1/1/1..." took 400 MB. The longest symbols have five or six pieces (S/2023/123/Add.1/Rev.1/Corr.1);
# past MAX_PIECES a symbol-like run is linked by its first pieces only.
MAX_PIECES = 16
_SUFFIX = rf"(?i:rev|add|corr|amend)\.[ ]?{_NUM}"
_POST = rf"(?:/{_SUFFIX}){{0,{MAX_PIECES}}}"
# One "/"-separated piece of a generic symbol: a suffix, a number, a capitalised
# series code with optional ".n" or "-n" ("AC.51", "L.22", "ES-10", "S-23"),
# or ECOSOC's mixed-case "Sub.2".
_COMP = rf"(?:{_SUFFIX}|{_NUM}|[A-Z](?>[A-Z]*)(?:\.{_NUM}|-{_NUM})?|Sub\.{_NUM})"
# Meeting record suffixes: (Resumption 1), (Resumption), (Resumed), (Part II),
# (closed), (OR). Spaces inside may be missing or URL-encoded.
_PV_SUFFIX = r"""
    (?P<pv_resumption>(?i:resumption|resumed))(?:%20|[ ])*(?P<pv_n>\d+|[IVX]+)?
  | (?i:part)(?:%20|[ ])*(?P<pv_part>\d+|[IVX]+)
  | (?P<pv_closed>(?i:closed))
  | (?P<pv_or>OR)
"""

_LITERAL = re.compile(
    rf"""
    (?<![\w/.])
    (?:
        S/PV\.(?P<pv>{_NUM})
            (?:{_SP}\((?:%20|[ ])*(?:{_PV_SUFFIX})(?:%20|[ ])*\))?
            (?P<pv_post>{_POST})
      | S/RES/(?P<res>{_NUM})(?:{_SP}\((?P<res_year>\d{{4}})\))?(?P<res_post>{_POST})
      | S/PRST/(?P<prst_year>\d{{4}})/(?P<prst>{_NUM})(?P<prst_post>{_POST})
        # 1994-1999 statements are sometimes cited as S/1994/PRST/58.
      | S/(?P<prst_year2>\d{{4}})/PRST/(?P<prst2>{_NUM})(?P<prst_post2>{_POST})
      | S/Agenda/(?P<agenda>{_NUM})(?P<agenda_post>{_POST})
        # Old GA resolutions carry a roman session number: A/RES/181(II).
      | A/RES(?P<ga>(?:/{_COMP}){{1,{MAX_PIECES}}})
            (?:{_SP}\((?P<ga_session>[IVXL]+|(?:ES|S)-[IVXL]+)\))?
      | (?P<root>{"|".join(_ROOTS)})(?P<comps>(?:/{_COMP}){{1,{MAX_PIECES}}})
    )
    (?:(?<=\))|(?![A-Za-z0-9_]))  # ")" ends a symbol by itself: "S/RES/1 (1946)Resolution"
    """,
    re.VERBOSE,
)

# Prose citations: "resolution 242 (1967)", "resolutions 1, 2 (1946), and 3
# (1946)", "resolutions 186 (1964) of 4 March, 187 (1964) of 13 March", "its
# resolutions, in particular 2100 (2013) and 2085 (2012)", "resolutions 1325
# (2000) and 1820 (2008) on women, peace and security, and 1674 (2006)".
# The anchor is followed by a list of items; each item is a number, optionally
# with "(yyyy)", "of <date>" and an "on <topic>" phrase that leads on to the
# next item. Only items with a year are kept.
_PROSE_ANCHOR = re.compile(
    r"\b(?i:resolutions?)(?:,?\s+(?:in\s+particular|including|notably|especially))?,?\s+"
)
_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})"
_YEAR_ITEM_AHEAD = rf"(?=\d{{1,4}}{_SP}\(\d{{4}}\))"
_LIST_SEP = rf"""(?:
    \s*[,;]\s*(?:and\s+|as\s+well\s+as\s+)?
  | \s+and\s+ | \s+as\s+well\s+as\s+
    # A forgotten comma, "1325 (2000) 1820 (2008)"; only between two dated
    # items, so that a number split by a typo ("207 7 (2012)") is not read as 7.
  | (?<=\))\s+{_YEAR_ITEM_AHEAD}
)"""
_PROSE_ITEM = re.compile(
    rf"""
    (?:{_LIST_SEP})?
    (?P<num>\d{{1,4}})(?![\d/])
    (?:{_SP}\((?P<year>\d{{4}})\))?
    (?:,?\s+of\s+{_DATE})?
    # "on <topic>" only if another numbered item follows it
    (?:\s+on\s+[^;.()\d\n]{{1,80}}?(?=[,;]?\s+and\s+\d|[,;]\s*\d))?
    """,
    re.VERBOSE,
)
# A whole string that is one prose citation (for parse_symbol).
_PROSE_WHOLE = re.compile(rf"(?:(?i:resolution)\s+)?(?P<num>\d{{1,4}}){_SP}\((?P<year>\d{{4}})\)")

# Plausible years for a prose citation; guards against "(1234)"-like noise.
_FIRST_YEAR, _LAST_YEAR = 1946, 2100

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_to_int(roman: str) -> int:
    total = 0
    for ch, nxt in zip(roman, roman[1:] + " "):
        value = _ROMAN[ch]
        total += -value if _ROMAN.get(nxt, 0) > value else value
    return total


def _int_to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


@dataclass(frozen=True)
class Symbol:
    canonical: str  # e.g. "S/RES/2378 (2017)", "S/PV.9389 (Resumption 1)"
    kind: str  # one of KINDS

    @property
    def url_form(self) -> str:
        """Canonical without spaces, as the UN document system spells it in URLs."""
        return self.canonical.replace(" ", "")

    @property
    def meeting_number(self) -> Optional[int]:
        m = re.match(r"S/PV\.(\d+)", self.canonical)
        return int(m.group(1)) if m else None

    @property
    def year(self) -> Optional[int]:
        m = (
            re.match(r"S/RES/\d+ \((\d{4})\)", self.canonical)
            or re.match(r"S/PRST/(\d{4})/", self.canonical)
            # S/yyyy/n began in 1994; older S/n documents never have a
            # second numeric component, so this cannot misread them.
            or re.match(r"S/(199[4-9]|2\d{3})/\d", self.canonical)
        )
        return int(m.group(1)) if m else None


@dataclass(frozen=True)
class SymbolMatch:
    symbol: Symbol
    start: int
    end: int
    text: str  # text[start:end] as written


def _suffixes(post: str) -> str:
    """'/CORR. 1/add.2' -> '/Corr.1/Add.2'."""
    return "".join(
        f"/{word.capitalize()}.{int(n)}"
        for word, n in re.findall(r"/([A-Za-z]+)\.[ ]?(\d+)", post)
    )


def _component(comp: str) -> str:
    return _suffixes("/" + comp)[1:] if re.fullmatch(_SUFFIX, comp) else comp


def _pv_suffix(m: re.Match) -> str:
    if m.group("pv_resumption"):
        # "(ResumptionI)", "(Resumption1)" and "(Resumption 1)" are one record;
        # "(Resumed)" is an occasional spelling of "(Resumption)".
        n = m.group("pv_n")
        if n is None:
            return " (Resumption)"
        return f" (Resumption {_roman_to_int(n) if n.isalpha() else int(n)})"
    if m.group("pv_part"):
        # The UN numbers parts in roman: "(Part II)"; "(Part 2)" is the same.
        n = m.group("pv_part")
        return f" (Part {n if n.isalpha() else _int_to_roman(int(n))})"
    if m.group("pv_closed"):
        return " (closed)"
    if m.group("pv_or"):
        return " (OR)"
    return ""


def _from_literal(m: re.Match) -> Optional[Symbol]:
    """Build the Symbol for a _LITERAL match; None if it is not a plausible symbol."""
    if m.group("pv") is not None:
        canonical = f"S/PV.{int(m.group('pv'))}{_pv_suffix(m)}{_suffixes(m.group('pv_post'))}"
        return Symbol(canonical, "meeting")
    if m.group("res") is not None:
        year = f" ({m.group('res_year')})" if m.group("res_year") else ""
        return Symbol(f"S/RES/{int(m.group('res'))}{year}{_suffixes(m.group('res_post'))}", "resolution")
    if m.group("prst") is not None or m.group("prst2") is not None:
        year = m.group("prst_year") or m.group("prst_year2")
        n = m.group("prst") or m.group("prst2")
        post = m.group("prst_post") if m.group("prst") is not None else m.group("prst_post2")
        return Symbol(f"S/PRST/{year}/{int(n)}{_suffixes(post)}", "prst")
    if m.group("agenda") is not None:
        return Symbol(f"S/Agenda/{int(m.group('agenda'))}{_suffixes(m.group('agenda_post'))}", "agenda")
    if m.group("ga") is not None:
        comps = [_component(c) for c in m.group("ga").split("/")[1:]]
        session = f" ({m.group('ga_session')})" if m.group("ga_session") else ""
        return Symbol("A/RES/" + "/".join(comps) + session, "ga-resolution")
    comps = [_component(c) for c in m.group("comps").split("/")[1:]]
    # "A/C.5", "ST/SGB", "S/AC.51" alone are series prefixes, not documents.
    if len(comps) < 2 and not comps[0].isdigit():
        return None
    # A malformed meeting/resolution/statement symbol ("S/PRST/25" with no
    # year) is not a "document"; better no link than a wrong one.
    if m.group("root") == "S" and (comps[0] in ("RES", "PRST") or comps[0].startswith("PV.")):
        return None
    return Symbol(m.group("root") + "/" + "/".join(comps), "document")


def _literal_matches(text: str) -> list[SymbolMatch]:
    out = []
    for m in _LITERAL.finditer(text):
        symbol = _from_literal(m)
        if symbol is not None:
            out.append(SymbolMatch(symbol, m.start(), m.end(), m.group()))
    return out


def _resolution(num: str, year: str) -> Optional[Symbol]:
    if not _FIRST_YEAR <= int(year) <= _LAST_YEAR or int(num) == 0:
        return None
    return Symbol(f"S/RES/{int(num)} ({year})", "resolution")


def _prose_matches(text: str) -> list[SymbolMatch]:
    out = []
    for anchor in _PROSE_ANCHOR.finditer(text):
        item = _PROSE_ITEM.match(text, anchor.end())
        while item:
            if item.group("year"):
                symbol = _resolution(item.group("num"), item.group("year"))
                start, end = item.start("num"), item.end("year") + 1  # + ")"
                if symbol is not None:
                    out.append(SymbolMatch(symbol, start, end, text[start:end]))
            item = _PROSE_ITEM.match(text, item.end())
    return out


def find_symbols(text: str) -> list[SymbolMatch]:
    """All symbols in `text`, in order of appearance, non-overlapping."""
    candidates = sorted(
        _literal_matches(text) + _prose_matches(text),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    result: list[SymbolMatch] = []
    for m in candidates:
        if not result or m.start >= result[-1].end:
            result.append(m)
    return result


def parse_symbol(text: str) -> Symbol:
    """The Symbol for a string that is exactly one symbol, in any accepted spelling.

    Besides literal symbols this accepts "resolution 242 (1967)" and "242 (1967)"
    (what find_symbols reports as the text of a prose citation).
    """
    stripped = text.strip()
    m = _LITERAL.fullmatch(stripped)
    symbol = _from_literal(m) if m else None
    if symbol is None:
        p = _PROSE_WHOLE.fullmatch(stripped)
        symbol = _resolution(p.group("num"), p.group("year")) if p else None
    if symbol is None:
        raise RepertoireError(None, f"not a UN document symbol: {text!r}")
    return symbol


def canonical(text: str) -> str:
    return parse_symbol(text).canonical
