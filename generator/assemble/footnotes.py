"""Footnote resolution: which documents each footnote cites, and for which countries.

"See S/PV.9413, (Ghana, Japan and China)." cites S/PV.9413 for three countries.
"Ibid., (France and Malta)." cites whatever the previous footnote cited, so a
chain of Ibids follows back to the last footnote that named its document. A
footnote that cites nothing recognisable, or several documents, breaks the
chain: the Ibid after it is reported, not guessed.
"""
from __future__ import annotations

import re

from generator.assemble.ibid import IBID
from generator.model import UNRESOLVED_IBID, Footnote, Problem
from generator.model.symbols import find_symbols

# The country list closes the footnote: "..., (Ghana, Japan and China)."
COUNTRY_LIST = re.compile(r"\(([^()]*)\)\s*\.?\s*$")
LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def split_list(text: str) -> list[str]:
    """'Ghana, Japan and China' -> ['Ghana', 'Japan', 'China']."""
    return [item.strip() for item in LIST_SEPARATOR.split(text) if item.strip()]


def cited_countries(text: str) -> list[str]:
    match = COUNTRY_LIST.search(text)
    if not match:
        return []
    items = split_list(match.group(1))
    # A parenthesised tail that is not a list of names (e.g. "(2017)") is not a country list.
    if not items or not all(item[:1].isupper() and not any(ch.isdigit() for ch in item) for item in items):
        return []
    return items


def resolve_footnotes(footnotes: list[Footnote], file: str, unit: str = "line") -> list[Problem]:
    """Fill `citations`, `countries` and `ibid` on each footnote, in order. Returns what could not be resolved."""
    problems: list[Problem] = []
    previous: list[str] = []
    for footnote in sorted(footnotes, key=lambda f: f.number):
        found = [m.symbol.canonical for m in find_symbols(footnote.text)]
        footnote.countries = cited_countries(footnote.text)
        footnote.ibid = bool(IBID.match(footnote.text))
        if footnote.ibid and not found:
            if len(previous) == 1:
                footnote.citations = list(previous)
            else:
                footnote.citations = []
                why = "cites no recognised document" if not previous else f"cites {len(previous)} documents"
                problems.append(Problem(file, f"{unit} {footnote.page}",
                                        f"footnote {footnote.number}: 'Ibid.' cannot be resolved: "
                                        f"the previous footnote {why}", UNRESOLVED_IBID))
        else:
            footnote.citations = list(dict.fromkeys(found))
        previous = footnote.citations
    return problems
