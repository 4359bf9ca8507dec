"""Footnote resolution: which documents each footnote cites, and for which countries.

"See S/PV.9413, (Ghana, Japan and China)." cites S/PV.9413 for three countries.
"Ibid., (France and Malta)." cites whatever the previous footnote cited: found and
resolved by `generator.assemble.ibid`, written into the footnotes here.
"""
from __future__ import annotations

import re

from generator.assemble.ibid import Resolver, find_ibids, previous_footnote, resolve_ibids
from generator.model import UNRESOLVED_IBID, Footnote, Problem
from generator.model.vocabulary import names_with_and

# The country list closes the footnote: "..., (Ghana, Japan and China)."
LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
SHOWN_ITEM, SHOWN_ITEMS = 80, 5  # how much of a country list's refused items a problem quotes


def split_list(text: str) -> list[str]:
    """'Ghana, Bosnia and Herzegovina and China' -> ['Ghana', 'Bosnia and Herzegovina', 'China']."""
    return _items(text)


def _closing_group(text: str) -> str:
    """What the parenthesised group that closes `text` holds, groups inside it included
    ("(Ghana, Iran (Islamic Republic of))" holds "Ghana, Iran (Islamic Republic of)"); "" if none."""
    tail = text.rstrip()
    tail = tail[:-1].rstrip() if tail.endswith(".") else tail  # (no regex: linear on any spacing)
    if not tail.endswith(")"):
        return ""
    depth = 0
    for position in range(len(tail) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(tail[position], 0)
        if depth == 0:
            return tail[position + 1:-1]
    return ""  # unbalanced: no group


def _items(group: str) -> list[str]:
    """The group split at the list's separators, not inside a group of its own nor inside the name
    of a State that holds "and"."""
    depth, depths = 0, []
    for ch in group:
        depths.append(depth)
        depth = max(0, depth + {"(": 1, ")": -1}.get(ch, 0))  # a stray ")" opens no group
    for start, end in names_with_and(group):
        depths[start:end] = [depth + 1 for depth in depths[start:end]]
    items, start = [], 0
    for separator in LIST_SEPARATOR.finditer(group):
        if depths[separator.start()] == 0:
            items.append(group[start:separator.start()])
            start = separator.end()
    items.append(group[start:])
    return [item.strip() for item in items if item.strip()]


def _is_name(item: str) -> bool:
    return item[:1].isupper() and not any(ch.isdigit() for ch in item)


def country_list(text: str) -> tuple[list[str], list[str]]:
    """The names in the country list that closes a footnote, and the items of that list that are
    not names ("(Ghana, S/2023/1 and Japan)": ["Ghana", "Japan"], ["S/2023/1"]). A parenthesised
    tail holding no name at all ("(2017)", "(see annex)") is no country list: ([], [])."""
    items = _items(_closing_group(text))
    names = [item for item in items if _is_name(item)]
    return (names, [item for item in items if not _is_name(item)]) if names else ([], [])


def _shown(items: list[str]) -> str:
    """The refused items as a problem quotes them: a few, each cut short."""
    quoted = [repr(item if len(item) <= SHOWN_ITEM else item[:SHOWN_ITEM] + "...") for item in items[:SHOWN_ITEMS]]
    return ", ".join(quoted) + (f" and {len(items) - SHOWN_ITEMS} more" if len(items) > SHOWN_ITEMS else "")


def resolve_footnotes(footnotes: list[Footnote], file: str, unit: str = "line",
                      resolver: Resolver = previous_footnote) -> list[Problem]:
    """Fill `citations`, `countries` and `ibid` on each footnote: its countries from its own text,
    its documents as `generator.assemble.ibid` finds and resolves them (`resolver` says what an
    "Ibid." naming no document cites). Returns, by footnote number, the Ibids that could not be
    resolved and the items of a country list that are not names (left out of `countries`)."""
    findings = find_ibids(footnotes)
    resolutions = resolve_ibids(findings, resolver)
    problems: list[Problem] = []
    for footnote, finding in sorted(zip(footnotes, findings), key=lambda pair: pair[0].number):
        resolution = resolutions[footnote.number]
        footnote.countries, refused = country_list(footnote.text)
        if refused:
            problems.append(Problem(file, f"{unit} {footnote.page}", f"footnote {footnote.number}: "
                                    f"{_shown(refused)} in its country list {'is' if len(refused) == 1 else 'are'} "
                                    "not a country's name: left out"))
        footnote.ibid = finding.ibid
        footnote.citations = list(resolution.citations)
        if resolution.unresolved:
            problems.append(Problem(file, f"{unit} {footnote.page}", f"footnote {footnote.number}: 'Ibid.' "
                                    f"cannot be resolved: {resolution.unresolved}", UNRESOLVED_IBID))
    return problems
