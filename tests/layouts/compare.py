"""Field-by-field differences between the model read from a PDF and the one read from the text source."""
from __future__ import annotations

from collections import Counter

from generator.assemble.sources import comparable as section_data
from generator.model import HYPHEN_GUESSED, Repertoire


def normalised(text: str) -> str:
    return " ".join(text.split())


def comparable(repertoire: Repertoire) -> list[dict]:
    out = []
    for section in repertoire.sections:
        data = section_data(section)
        for item in data["paragraphs"] + data["footnotes"]:
            item["text"] = normalised(item["text"])
        out.append(data)
    return out


def differences(pdf: Repertoire, text: Repertoire, limit: int = 12) -> list[str]:
    """What differs, as "section 24: paragraphs[3].text: '...' != '...'" lines (at most `limit`),
    problems of the PDF's reading included."""
    found = [f"problem only in the PDF: {p}" for p in unmatched(pdf.problems, text.problems)]
    found += [f"problem not found in the PDF: {p}" for p in unmatched(text.problems, pdf.problems)]
    left, right = comparable(pdf), comparable(text)
    if [s["number"] for s in left] != [s["number"] for s in right]:
        found.append(f"sections: {[s['number'] for s in left]} != {[s['number'] for s in right]}")
    for a, b in zip(left, right):
        found += [f"section {b['number']}: {line}" for line in diff_values(a, b, "")]
    return found[:limit] + ([f"... and {len(found) - limit} more"] if len(found) > limit else [])


def unmatched(problems, others) -> list:
    """Problems without one of the same kind and message among `others` (places differ: a line of
    the text, a page of the PDF). Line-end hyphens the PDF reader had to guess have no
    counterpart in a text source: they are reports, not differences (their text is compared)."""
    rest = Counter((p.kind, p.message) for p in others)
    out = []
    for problem in problems:
        if problem.kind == HYPHEN_GUESSED:
            continue
        if rest[problem.kind, problem.message]:
            rest[problem.kind, problem.message] -= 1
        else:
            out.append(problem)
    return out


def diff_values(a, b, path: str) -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            out += diff_values(a.get(key), b.get(key), f"{path}.{key}" if path else key)
        return out
    if isinstance(a, list) and isinstance(b, list) and a and isinstance(a[0], dict):
        out = [] if len(a) == len(b) else [f"{path}: {len(a)} items != {len(b)}"]
        for index, (x, y) in enumerate(zip(a, b)):
            out += diff_values(x, y, f"{path}[{index}]")
        return out
    return [] if a == b else [f"{path}: {shorten(a)} != {shorten(b)}"]


def shorten(value) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + "..."
