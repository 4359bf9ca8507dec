"""Footnote resolution: which documents each footnote cites, and for which countries.

"See S/PV.9413, (Ghana, Japan and China)." cites S/PV.9413 for three countries.
"Ibid., (France and Malta)." cites whatever the previous footnote cited: found and
resolved by `generator.assemble.ibid`, written into the footnotes here.
"""
from __future__ import annotations

import re

from generator.assemble.ibid import Resolver, find_ibids, previous_footnote, resolve_ibids
from generator.model import UNRESOLVED_IBID, Footnote, Problem

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


def resolve_footnotes(footnotes: list[Footnote], file: str, unit: str = "line",
                      resolver: Resolver = previous_footnote) -> list[Problem]:
    """Fill `citations`, `countries` and `ibid` on each footnote: its countries from its own text,
    its documents as `generator.assemble.ibid` finds and resolves them (`resolver` says what an
    "Ibid." naming no document cites). Returns, by footnote number, the Ibids that could not be resolved."""
    findings = find_ibids(footnotes)
    resolutions = resolve_ibids(findings, resolver)
    problems: list[Problem] = []
    for footnote, finding in sorted(zip(footnotes, findings), key=lambda pair: pair[0].number):
        resolution = resolutions[footnote.number]
        footnote.countries = cited_countries(footnote.text)
        footnote.ibid = finding.ibid
        footnote.citations = list(resolution.citations)
        if resolution.unresolved:
            problems.append(Problem(file, f"{unit} {footnote.page}", f"footnote {footnote.number}: 'Ibid.' "
                                    f"cannot be resolved: {resolution.unresolved}", UNRESOLVED_IBID))
    return problems
