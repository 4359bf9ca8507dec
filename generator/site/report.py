"""The build report: what was read, what was linked, and what could not be.

Written to `site/build-report.json` by every build and summarised in one line
on the console; `repertoire build --strict` fails when it lists any problem.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from generator.model import (
    FOOTNOTE_WITHOUT_MARKER, MARKER_WITHOUT_FOOTNOTE, UNREADABLE_ROW, UNRECOGNISED_SYMBOL, UNRESOLVED_IBID,
    Problem, Repertoire, Section,
)
from generator.model.symbols import find_symbols

REPORT_VERSION = 1
def build_report(repertoire: Repertoire, pages: int) -> dict:
    sections = repertoire.sections
    texts = [p.text for s in sections for p in s.paragraphs] + [f.text for s in sections for f in s.footnotes]
    symbols = sum(len(find_symbols(t)) for t in texts)
    kinds = Counter(p.kind for p in repertoire.problems)
    return {
        "report_version": REPORT_VERSION,
        "counts": {
            "sections": len(sections),
            "paragraphs": sum(len(s.paragraphs) for s in sections),
            "footnotes": sum(len(s.footnotes) for s in sections),
            "meetings": len(repertoire.meetings()) + len(repertoire.records),
            "meetings_in_sections": len(repertoire.meetings()),
            "meetings_from_library_tables": len(repertoire.records),
            "symbols": symbols,
            "links": symbols + sum(len(f.citations) for s in sections for f in s.footnotes if f.ibid),
            "pages": pages,
        },
        "problems_by_kind": {
            "footnote_markers_without_footnotes": kinds[MARKER_WITHOUT_FOOTNOTE],
            "footnotes_without_markers": kinds[FOOTNOTE_WITHOUT_MARKER],
            "unresolved_ibids": kinds[UNRESOLVED_IBID],
            "unreadable_table_rows": kinds[UNREADABLE_ROW],
            "unrecognised_symbols": kinds[UNRECOGNISED_SYMBOL],
            "other": sum(n for k, n in kinds.items() if k not in {
                MARKER_WITHOUT_FOOTNOTE, FOOTNOTE_WITHOUT_MARKER, UNRESOLVED_IBID, UNREADABLE_ROW,
                UNRECOGNISED_SYMBOL}),
        },
        "problems": [asdict(p) for p in repertoire.problems],
    }


def summary_line(report: dict) -> str:
    counts = report["counts"]
    problems = len(report["problems"])
    return (f"{counts['sections']} sections, {counts['meetings']} meetings, {counts['paragraphs']} paragraphs, "
            f"{counts['footnotes']} footnotes, {counts['symbols']} symbols, {counts['pages']} pages; "
            f"{problems} problem{'s' if problems != 1 else ''}")
