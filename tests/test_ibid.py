"""Ibid, found then resolved (generator.assemble.ibid), from tables of footnote sequences.

Each expected value follows from the rule, written by hand: an "Ibid." naming no document cites
what the previous footnote (by number) cites, if that is exactly one document; otherwise it is
unresolved, and the reason says what the previous footnote cites. IBID is `^\\s*Ibid\\b\\.?`,
case-insensitive: "ibid", "Ibid" without its dot and "IBID." are Ibid, "Ibidem" (no word break
after "Ibid") and an "ibid." inside the text are not.
"""
from __future__ import annotations

import pytest

from generator.assemble.footnotes import resolve_footnotes
from generator.assemble.ibid import Finding, Resolution, find_ibids, previous_footnote, resolve_ibids
from generator.model import UNRESOLVED_IBID, Footnote, Problem


def cites(*symbols: str) -> Resolution:
    return Resolution(symbols)


def unresolved(why: str) -> Resolution:
    return Resolution(unresolved=f"the previous footnote {why}")


def footnotes_of(numbered: list[tuple[int, str]]) -> list[Footnote]:
    return [Footnote(number, text) for number, text in numbered]


# Text of a footnote -> (is it an Ibid, the documents it names itself).
FINDINGS = [
    ("See S/PV.9389.", False, ("S/PV.9389",)),
    ("See S/PV.9389 and S/PV.9390.", False, ("S/PV.9389", "S/PV.9390")),
    ("See S/PV.9389, S/PV.9390 and again S/PV.9389.", False, ("S/PV.9389", "S/PV.9390")),  # each once
    ("See the report of the Secretary-General.", False, ()),
    ("Ibid.", True, ()),
    ("Ibid., (France and Malta).", True, ()),
    ("ibid.", True, ()),
    ("Ibid", True, ()),
    ("IBID.", True, ()),
    ("   Ibid. ", True, ()),
    ("Ibid., and S/PV.9390.", True, ("S/PV.9390",)),
    ("Ibidem.", False, ()),
    ("See ibid.", False, ()),
    ("Ibid-like text", True, ()),  # a hyphen is a word break: the pattern takes it as Ibid
]


@pytest.mark.parametrize("text, ibid, symbols", FINDINGS)
def test_the_finder_says_which_footnotes_are_ibid_and_what_they_name(text, ibid, symbols):
    [finding] = find_ibids([Footnote(7, text)])
    assert finding == Finding(7, ibid, symbols)
    assert finding.refers_back == (ibid and not symbols)


# Footnotes (number, text), in the order given -> footnote number -> resolution.
RESOLUTIONS = [
    pytest.param([(1, "See S/PV.9389.")], {1: cites("S/PV.9389")}, id="a plain citation"),
    pytest.param([(1, "See the report.")], {1: cites()}, id="a footnote citing nothing is no problem"),
    pytest.param([(1, "See S/PV.9389."), (2, "Ibid.")],
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9389")}, id="Ibid after one citation"),
    pytest.param([(1, "See S/PV.9389."), (2, "Ibid., (France)."), (3, "Ibid.")],
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9389"), 3: cites("S/PV.9389")}, id="Ibid after Ibid"),
    pytest.param([(1, "See S/PV.9389 and S/PV.9390."), (2, "Ibid."), (3, "Ibid.")],
                 {1: cites("S/PV.9389", "S/PV.9390"), 2: unresolved("cites 2 documents"),
                  3: unresolved("cites no recognised document")},
                 id="Ibid after two documents, and the chain stays broken"),
    pytest.param([(1, "See S/PV.9389 and S/PV.9389."), (2, "Ibid.")],
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9389")}, id="one document named twice is one"),
    pytest.param([(1, "Ibid."), (2, "Ibid.")],
                 {1: Resolution(unresolved="there is no previous footnote"),
                  2: unresolved("cites no recognised document")},
                 id="Ibid as the first footnote"),
    pytest.param([(1, "See the report of the Secretary-General."), (2, "Ibid.")],
                 {1: cites(), 2: unresolved("cites no recognised document")}, id="Ibid after no document"),
    pytest.param([(1, "See S/PV.9389 and S/PV.9390."), (2, "Ibid., and S/PV.9391."), (3, "Ibid.")],
                 {1: cites("S/PV.9389", "S/PV.9390"), 2: cites("S/PV.9391"), 3: cites("S/PV.9391")},
                 id="an Ibid naming its own symbol cites it, and the next Ibid follows it"),
    pytest.param([(1, "See S/PV.9389."), (2, "ibid"), (3, "IBID., (Malta)."), (4, "  Ibid")],
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9389"), 3: cites("S/PV.9389"), 4: cites("S/PV.9389")},
                 id="case and spacing variants"),
    pytest.param([(1, "See S/PV.9389."), (2, "Ibidem."), (3, "Ibid.")],
                 {1: cites("S/PV.9389"), 2: cites(), 3: unresolved("cites no recognised document")},
                 id="Ibidem is no Ibid, and breaks the chain"),
    pytest.param([(3, "Ibid."), (1, "See S/PV.9389."), (2, "Ibid.")],
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9389"), 3: cites("S/PV.9389")},
                 id="out of numeric order: resolved by number"),
    pytest.param([(2, "Ibid."), (1, "See S/PV.9389 and S/PV.9390.")],
                 {1: cites("S/PV.9389", "S/PV.9390"), 2: unresolved("cites 2 documents")},
                 id="out of numeric order: the previous by number has two documents"),
    pytest.param([(5, "See S/PV.9389."), (9, "Ibid.")], {5: cites("S/PV.9389"), 9: cites("S/PV.9389")},
                 id="the previous footnote is the one before, not number minus one"),
]


@pytest.mark.parametrize("numbered, expected", RESOLUTIONS)
def test_resolution_by_the_previous_footnote(numbered, expected):
    assert resolve_ibids(find_ibids(footnotes_of(numbered))) == expected


def nearest_single_document(ibid: Finding, earlier) -> Resolution:
    """Another rule: the nearest earlier footnote naming exactly one document of its own."""
    for finding, _ in reversed(earlier):
        if len(finding.symbols) == 1:
            return Resolution(finding.symbols)
    return Resolution(unresolved="no earlier footnote names one document")


# The same footnotes under the default rule and under an injected one.
SKIPPING = [(1, "See S/PV.9389."), (2, "See S/PV.9390 and S/PV.9391."), (3, "Ibid.")]
INJECTED = [
    pytest.param(previous_footnote, SKIPPING,
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9390", "S/PV.9391"), 3: unresolved("cites 2 documents")},
                 id="default rule"),
    pytest.param(nearest_single_document, SKIPPING,
                 {1: cites("S/PV.9389"), 2: cites("S/PV.9390", "S/PV.9391"), 3: cites("S/PV.9389")},
                 id="injected rule"),
    pytest.param(nearest_single_document, [(1, "Ibid."), (2, "See S/PV.9389.")],
                 {1: Resolution(unresolved="no earlier footnote names one document"), 2: cites("S/PV.9389")},
                 id="injected rule, its own reason"),
]


@pytest.mark.parametrize("resolver, numbered, expected", INJECTED)
def test_the_resolver_is_injected(resolver, numbered, expected):
    assert resolve_ibids(find_ibids(footnotes_of(numbered)), resolver) == expected


def test_finding_and_resolving_change_no_footnote():
    footnotes = footnotes_of([(1, "See S/PV.9389."), (2, "Ibid.")])
    resolve_ibids(find_ibids(footnotes))
    assert footnotes == [Footnote(1, "See S/PV.9389."), Footnote(2, "Ibid.")]


def test_the_assembler_writes_the_mapping_into_the_footnotes():
    footnotes = [Footnote(2, "Ibid., (France and Malta).", page=9),
                 Footnote(1, "See S/PV.9389 and S/PV.9390, (Ghana).", page=8),
                 Footnote(3, "Ibid., and S/PV.9391.", page=9)]
    problems = resolve_footnotes(footnotes, "x.pdf", "page")
    assert problems == [Problem("x.pdf", "page 9", "footnote 2: 'Ibid.' cannot be resolved: "
                                "the previous footnote cites 2 documents", UNRESOLVED_IBID)]
    assert footnotes == [
        Footnote(2, "Ibid., (France and Malta).", [], ["France", "Malta"], True, 9),
        Footnote(1, "See S/PV.9389 and S/PV.9390, (Ghana).", ["S/PV.9389", "S/PV.9390"], ["Ghana"], False, 8),
        Footnote(3, "Ibid., and S/PV.9391.", ["S/PV.9391"], [], True, 9),
    ]


def test_the_assembler_reports_an_injected_rules_reason():
    footnotes = [Footnote(1, "Ibid.", page=4)]
    problems = resolve_footnotes(footnotes, "x.txt", resolver=nearest_single_document)
    assert [(p.place, p.message) for p in problems] == [
        ("line 4", "footnote 1: 'Ibid.' cannot be resolved: no earlier footnote names one document")]
