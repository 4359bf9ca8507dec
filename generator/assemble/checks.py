"""Checks of a section as assembled: every footnote marker has its footnote and every footnote
its marker; the footnote numbers run without a gap; every string shaped like a UN symbol was
recognised as one."""
from __future__ import annotations

import re

from generator.model import (
    FOOTNOTE_NUMBERS_MISSING,
    FOOTNOTE_WITHOUT_MARKER,
    MARKER_WITHOUT_FOOTNOTE,
    UNRECOGNISED_SYMBOL,
    Problem,
    Section,
)
from generator.model.symbols import find_symbols
from generator.parse.raw import RawSection

# Something shaped like a UN symbol (a known root, a slash, a digit somewhere).
SYMBOL_LIKE = re.compile(r"(?<![\w/.])(?:S|A|E|ST|SG|SC|PBC)/[\w.()\-/]*\d[\w.()\-/]*")


def unrecognised_symbols(section: Section, file: str) -> list[Problem]:
    """Symbol-like strings the recognizer did not take: reported, so no document goes unlinked unseen."""
    problems = []
    texts = [(f"paragraph {i + 1}", p.text) for i, p in enumerate(section.paragraphs)]
    texts += [(f"footnote {f.number}", f.text) for f in section.footnotes]
    for place, text in texts:
        covered = [(m.start, m.end) for m in find_symbols(text)]
        for candidate in SYMBOL_LIKE.finditer(text):
            if not any(start <= candidate.start() < end for start, end in covered):
                problems.append(Problem(file, place, f"not a recognised document symbol: {candidate.group()!r}",
                                        UNRECOGNISED_SYMBOL))
    return problems


def check_markers(raw: RawSection, unit: str) -> list[Problem]:
    """Every marker must find its footnote and every footnote its marker; and a section's footnotes
    are numbered in one run (a number neither printed nor marked was lost, with its text)."""
    marked = {ref.number: p.page for p in raw.paragraphs for ref in p.refs}
    marked.update((number, row.place.split()[-1]) for row in raw.table_rows for number in row.footnotes)
    printed = {f.number: f.page for f in raw.footnotes}
    problems = numbering_gaps(raw.file, unit, {**marked, **printed})
    problems += [Problem(raw.file, f"{unit} {marked[n]}", f"footnote marker {n} has no footnote text",
                         MARKER_WITHOUT_FOOTNOTE) for n in sorted(set(marked) - set(printed))]
    problems += [Problem(raw.file, f"{unit} {printed[n]}", f"footnote {n} has no marker in the text",
                         FOOTNOTE_WITHOUT_MARKER) for n in sorted(set(printed) - set(marked))]
    return problems


def numbering_gaps(file: str, unit: str, places: dict[int, object]) -> list[Problem]:
    """Each run of numbers missing between a section's footnotes (number -> where it is), as a
    problem at the footnote after the gap: "footnotes 841-845 are missing (840 is followed by 846)"."""
    numbers = sorted(places)
    problems = []
    for before, after in zip(numbers, numbers[1:]):
        if after - before > 1:
            missing = f"{before + 1}" if after - before == 2 else f"{before + 1}-{after - 1}"
            noun = "footnote" if after - before == 2 else "footnotes"
            verb = "is" if after - before == 2 else "are"
            problems.append(Problem(file, f"{unit} {places[after]}",
                                    f"{noun} {missing} {verb} missing ({before} is followed by {after}): "
                                    "text may be lost", FOOTNOTE_NUMBERS_MISSING))
    return problems
