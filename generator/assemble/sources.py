"""From what parsers read to the model: meetings, resolved footnotes, paragraph ownership, merging.

Runs the same for every source kind, so a PDF and a text extraction of one
section end up as the same `Section`.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Optional

from generator import settings
from generator.assemble.footnotes import resolve_footnotes
from generator.assemble.rows import meeting_from_row
from generator.model import (
    SOURCES_DISAGREE, Problem, Repertoire, Section,
)
from generator.parse.raw import RawSection
from generator.assemble.checks import check_markers, unrecognised_symbols


def assemble_section(raw: RawSection) -> tuple[Section, list[Problem]]:
    unit = "page" if raw.file.lower().endswith(".pdf") else "line"
    problems = list(raw.problems) + check_markers(raw, unit)
    meetings = [m for m in (meeting_from_row(row, raw.file, problems) for row in raw.table_rows) if m]
    section = Section(raw.number, raw.title, raw.group, raw.supplement, raw.part,
                      raw.paragraphs, sorted(raw.footnotes, key=lambda f: f.number), meetings, [raw.file])
    problems += resolve_footnotes(section.footnotes, raw.file, unit)
    problems += unrecognised_symbols(section, raw.file)
    assign_paragraphs(section)
    return section, problems


def assign_paragraphs(section: Section) -> None:
    """A paragraph whose own footnote says "See <meeting>" opens that meeting's account,
    which runs until another meeting's opens. Paragraphs before the first are the overview."""
    own_meetings = {m.symbol for m in section.meetings}
    current = None
    for paragraph in section.paragraphs:
        for number in paragraph.footnotes:
            footnote = section.footnote(number)
            if footnote is None or footnote.ibid:
                continue
            cited = [c for c in footnote.citations if c in own_meetings]
            if cited:
                current = cited[0]
                break
        paragraph.meeting = current


def merge_sections(sections: list[Section], problems: list[Problem]) -> list[Section]:
    """One section per identity (supplement, part, number): the first source wins,
    and every field where a later source disagrees is reported."""
    merged: dict[tuple, Section] = {}
    for section in sections:
        first = merged.get(section.key)
        if first is None:
            merged[section.key] = section
            continue
        for name, ours, theirs in _differences(first, section):
            problems.append(Problem(section.sources[0], f"section {section.number}",
                                    f"disagrees with {first.sources[0]} on {name}: {theirs!r} != {ours!r}",
                                    SOURCES_DISAGREE))
        first.sources += section.sources
    return list(merged.values())


def _differences(a: Section, b: Section) -> Iterable[tuple[str, object, object]]:
    left, right = _comparable(a), _comparable(b)
    for key in left:
        if isinstance(left[key], list) and isinstance(right[key], list):
            if len(left[key]) != len(right[key]):
                yield f"number of {key}", len(left[key]), len(right[key])
            for index, (x, y) in enumerate(zip(left[key], right[key])):
                for field_name in x:
                    if x[field_name] != y.get(field_name):
                        yield f"{key}[{index}].{field_name}", x[field_name], y.get(field_name)
        elif left[key] != right[key]:
            yield key, left[key], right[key]


def _comparable(section: Section) -> dict:
    """The section as plain data, without what naturally differs between sources (pages, files)."""
    data = asdict(section)
    data.pop("sources")
    for item in data["paragraphs"] + data["footnotes"]:
        item.pop("page", None)
    for paragraph in data["paragraphs"]:
        paragraph["refs"] = [ref["number"] for ref in paragraph["refs"]]
    return data


def _read_one(path: Path) -> list[tuple[Section, list[Problem]]]:
    from generator.parse import parse_source

    return [assemble_section(raw) for raw in parse_source(path)]


def read_sources(paths: Iterable[Path], jobs: Optional[int] = None) -> Repertoire:
    """Parse every source file and assemble one Repertoire, in the order of the files.

    Text sources are read in parallel, one process per core (`jobs`; 1 reads them here).
    PDFs are read one after the other: each spreads its own pages over the cores."""
    paths = [Path(p) for p in paths]
    jobs = settings.workers() if jobs is None else max(1, jobs)
    parallel = [p for p in paths if p.suffix.lower() != ".pdf"] if jobs > 1 else []
    results: dict[Path, list] = {}
    if len(parallel) > 1:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=min(jobs, len(parallel)), mp_context=context) as pool:
            results.update(zip(parallel, pool.map(_read_one, parallel, chunksize=1)))
    sections: list[Section] = []
    problems: list[Problem] = []
    for path in paths:
        for section, found in results[path] if path in results else _read_one(path):
            sections.append(section)
            problems += found
    return Repertoire(merge_sections(sections, problems), problems)
