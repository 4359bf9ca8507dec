"""Sentences of the narrative: which sentence a footnote marker closes, which one a mention sits in.

A sentence ends at ".", "?" or "!" (and any closing quote or bracket) followed
by white space and a capital, a digit or an opening quote, unless the word
before the full stop is an abbreviation the Repertoire uses ("sect.",
"chap.", "para.", "No." ...). Document symbols never end a sentence early:
their dots are followed by digits, not by a space.
"""
from __future__ import annotations

import bisect
import re

ABBREVIATIONS = frozenset("""
sect sects chap chaps para paras art arts p pp vol vols no nos fig e.g i.e cf etc mr mrs ms dr st
corr rev add amend annex op
""".split())
_LAST_WORD = re.compile(r"([\w.]+)$")
_END = re.compile(r"[.?!][\"”’')\]]*\s+(?=[A-Z0-9\"“‘(])")


def sentence_starts(text: str) -> list[int]:
    """Offsets where each sentence of `text` starts (the first is 0)."""
    starts = [0]
    for match in _END.finditer(text):
        if text[match.start()] == ".":
            word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
            if word and word.group(1).lower() in ABBREVIATIONS:
                continue
        starts.append(match.end())
    return starts


class Sentences:
    """One paragraph's sentence boundaries, computed once."""

    def __init__(self, text: str):
        self.text = text
        self.starts = sentence_starts(text)

    def start_of(self, offset: int) -> int:
        """Start of the sentence holding the character just before `offset`."""
        return self.starts[max(bisect.bisect_right(self.starts, max(offset - 1, 0)) - 1, 0)]

    def end_of(self, offset: int) -> int:
        position = bisect.bisect_right(self.starts, offset)
        return self.starts[position] if position < len(self.starts) else len(self.text)

    def around(self, start: int, end: int) -> str:
        """The whole sentence holding text[start:end]."""
        return self.text[self.start_of(start + 1):self.end_of(max(end - 1, start))].strip()

    def supported(self, offset: int, previous_marker: int = 0) -> str:
        """What a footnote marker at `offset` supports: its sentence up to the marker.

        Where an earlier marker stands in the same sentence, the earlier part
        is its footnote's: the text starts after it, marked with "…". A
        sentence the marker interrupts ("children,⁸³⁶ while ...") ends in "…".
        """
        start = self.start_of(offset)
        text = self.text[start:offset]
        lead = ""
        if start < previous_marker < offset:
            text = self.text[previous_marker:offset].lstrip(" ,;:")
            lead = "… "
        text = text.strip()
        if text and text[-1] not in ".?!”\"’)":
            text = text.rstrip(",;: ") + " …"
        return lead + text
