"""Damaged copies of a PDF, and the words a model holds, for the tests that damaged PDFs never
lose text silently (tests/test_damaged_pdf.py, tests/test_continuity.py)."""
from __future__ import annotations

import re
from dataclasses import astuple

from generator.model import Repertoire

# A stream object's dictionary and the "stream" keyword that starts its bytes.
STREAM = re.compile(rb"(\d+) 0 obj\s*<<[^>]*?/Length[^>]*>>\s*stream\r?\n")


def stream_ranges(data: bytes) -> dict[int, tuple[int, int]]:
    """Object number -> (start, end) of its stream's bytes, between "stream" and "endstream",
    found by reading the file's objects (no PDF library)."""
    ranges = {}
    for match in STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end > match.end():
            ranges[int(match.group(1))] = (match.end(), end)
    return ranges


def overwritten(data: bytes, offset: int, garbage: bytes) -> bytes:
    """`data` with `garbage` written over it from `offset` (the length unchanged)."""
    garbage = garbage[: len(data) - offset]
    return data[:offset] + garbage + data[offset + len(garbage):]


def normalised_words(text: str) -> list[str]:
    """Words as both readers give them: soft hyphens dropped, hyphens and dashes of any kind as
    one, quotes as one, the text source's Markdown links as their text, punctuation at the ends
    of a word left out."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"[\u2010-\u2015\u2212-]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "'", text)
    text = re.sub(r"\[([^\]]*)\]\(#?[^)]*\)", r"\1", text)
    return [w.strip(".,;:()[]") for w in text.split() if w.strip(".,;:()[]")]


def words_of(repertoire: Repertoire) -> list[str]:
    """Every word of the sections, in reading order: paragraphs, footnotes by number, then the
    meetings of the table, field by field."""
    words: list[str] = []
    for section in repertoire.sections:
        for paragraph in section.paragraphs:
            words += normalised_words(paragraph.text)
        for footnote in sorted(section.footnotes, key=lambda f: f.number):
            words += normalised_words(footnote.text)
        for meeting in section.meetings:
            words += normalised_words(" ".join(map(str, flattened(astuple(meeting)))))
    return words


def flattened(value) -> list:
    if isinstance(value, (tuple, list)):
        return [item for part in value for item in flattened(part)]
    return [] if value is None else [value]


def found_in_order(needle: list[str], haystack: list[str]) -> int:
    """How many of needle's words, from the first, occur in haystack in order (all of them:
    needle is a subsequence of haystack)."""
    rest = iter(haystack)
    for found, word in enumerate(needle):
        if word not in rest:  # consumes `rest` up to the match
            return found
    return len(needle)
