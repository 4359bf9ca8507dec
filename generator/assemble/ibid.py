"""Footnotes printed as "Ibid.": found, then resolved, in two steps so the rule can change alone.

- `find_ibids(footnotes)` says of each footnote whether it is printed as "Ibid." and which
  documents it names itself ("Ibid., and S/PV.9390." names one).
- `resolve_ibids(findings, resolver)` returns footnote number -> `Resolution`: the documents each
  footnote cites, or why an "Ibid." cannot be resolved. It changes nothing; the assembler
  (`generator.assemble.footnotes`) writes the mapping into the model.

The default resolver, `previous_footnote`, is the Repertoire's rule: an "Ibid." naming no document
cites what the previous footnote cited, so a chain of Ibids follows back to the last footnote that
named its document. A previous footnote citing no recognisable document, or several, breaks the
chain: the Ibid is reported, not guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from generator.model import Footnote
from generator.model.symbols import find_symbols

IBID = re.compile(r"^\s*Ibid\b\.?", re.I)


@dataclass(frozen=True)
class Finding:
    """What one footnote says by itself."""

    number: int
    ibid: bool  # printed as "Ibid." (any case, with or without the dot; "Ibidem" is not)
    symbols: tuple[str, ...]  # the documents it names, canonical, in order, each once

    @property
    def refers_back(self) -> bool:
        """An "Ibid." naming no document of its own: what it cites is the resolver's to say."""
        return self.ibid and not self.symbols


@dataclass(frozen=True)
class Resolution:
    """The documents a footnote cites, or (`unresolved`) why an "Ibid." cites none."""

    citations: tuple[str, ...] = ()
    unresolved: Optional[str] = None  # "the previous footnote cites 2 documents"


# What an "Ibid." naming no document cites, given every footnote before it (by number) with its resolution.
Resolver = Callable[[Finding, Sequence[tuple[Finding, Resolution]]], Resolution]


def previous_footnote(ibid: Finding, earlier: Sequence[tuple[Finding, Resolution]]) -> Resolution:
    """The Repertoire's rule: the previous footnote's document, when it cites exactly one."""
    if not earlier:  # an "Ibid." as the section's first footnote has nothing to refer back to
        return Resolution(unresolved="there is no previous footnote")
    previous = earlier[-1][1].citations
    if len(previous) == 1:
        return Resolution(previous)
    why = "cites no recognised document" if not previous else f"cites {len(previous)} documents"
    return Resolution(unresolved=f"the previous footnote {why}")


def find_ibids(footnotes: Iterable[Footnote]) -> list[Finding]:
    """Each footnote, in the order given: whether it is an "Ibid." and the documents it names."""
    return [Finding(f.number, bool(IBID.match(f.text)),
                    tuple(dict.fromkeys(m.symbol.canonical for m in find_symbols(f.text))))
            for f in footnotes]


def resolve_ibids(findings: Iterable[Finding], resolver: Resolver = previous_footnote) -> dict[int, Resolution]:
    """Footnote number -> what it cites, taking the footnotes by number whatever the order given.

    A footnote naming documents (an "Ibid." too) cites them; an "Ibid." naming none cites what
    `resolver` says. A number printed twice keeps its first footnote's resolution; the chain of
    "previous footnotes" still passes through both."""
    resolutions: dict[int, Resolution] = {}
    earlier: list[tuple[Finding, Resolution]] = []
    for finding in sorted(findings, key=lambda f: f.number):
        resolution = resolver(finding, earlier) if finding.refers_back else Resolution(finding.symbols)
        resolutions.setdefault(finding.number, resolution)
        earlier.append((finding, resolution))
    return resolutions
