"""Every source file -> one `Repertoire`: each file read (side by side where its reader does not
use every core itself), each section assembled (`generator.assemble.section`), and the sections
several sources give merged into one; last, a meeting several sections list made one
(`generator.assemble.meetings`).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Optional

from generator import settings
from generator.assemble.meetings import merge_across_sections
from generator.assemble.section import assemble_located
from generator.model import DUPLICATE_SOURCE, SOURCES_DISAGREE, Problem, Repertoire, Section
from generator.parse import check_source, parse_source, spreads_over_cores
from generator.processes import die_with_parent


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
    left, right = comparable(a), comparable(b)
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


def comparable(section: Section) -> dict:
    """The section as plain data, without what naturally differs between sources (pages, files)."""
    data = asdict(section)
    data.pop("sources")
    for item in data["paragraphs"] + data["footnotes"]:
        item.pop("page", None)
    for paragraph in data["paragraphs"]:
        paragraph["refs"] = [ref["number"] for ref in paragraph["refs"]]
    return data


def distinct_sources(paths: list[Path], problems: list[Problem]) -> list[Path]:
    """The sources without repeats: a file given twice (the same file by two names, or two files
    with the same bytes) is read once, and each repeat reported naming the first."""
    by_name: dict[str, Path] = {}
    by_size: dict[int, list[Path]] = defaultdict(list)  # only files of one size are compared
    digests: dict[Path, str] = {}

    def digest(path: Path) -> str:
        if path not in digests:
            with open(path, "rb") as file:
                digests[path] = hashlib.file_digest(file, "sha256").hexdigest()
        return digests[path]

    kept = []
    for path in paths:
        name, size = os.path.realpath(path), path.stat().st_size
        same_file = by_name.get(name)
        same_bytes = None if same_file else next((p for p in by_size[size] if digest(p) == digest(path)), None)
        if same_file or same_bytes:
            if same_bytes:
                how = f"has the same bytes as {same_bytes}, given before it"
            elif str(same_file) == str(path):
                how = "is given twice"
            else:
                how = f"is the same file as {same_file}, given before it"
            problems.append(Problem(str(path), "whole file", f"{how}: read once", DUPLICATE_SOURCE))
            continue
        by_name[name] = path
        by_size[size].append(path)
        kept.append(path)
    return kept


def _read_one(path: Path) -> list[tuple[Section, list[Problem], dict[str, str]]]:
    return [assemble_located(raw) for raw in parse_source(path)]


def read_sources(paths: Iterable[Path], jobs: Optional[int] = None) -> Repertoire:
    """Parse every source file and assemble one Repertoire, in the order of the files.

    Sources whose reader spreads its own work over the cores (PDFs: their pages) are read one
    after the other; the others (text) in parallel, one process per core (`jobs`; 1 reads them here)."""
    paths = [Path(p) for p in paths]
    for path in paths:
        check_source(path)  # every source, before any is read: a FIFO would wait forever
    problems: list[Problem] = []
    paths = distinct_sources(paths, problems)
    jobs = settings.workers() if jobs is None else max(1, jobs)
    parallel = [p for p in paths if not spreads_over_cores(p)] if jobs > 1 else []
    results: dict[Path, list] = {}
    if len(parallel) > 1:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=min(jobs, len(parallel)), mp_context=context,
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            results.update(zip(parallel, pool.map(_read_one, parallel, chunksize=1)))
    sections: list[Section] = []
    places: dict[int, dict[str, str]] = {}  # id(section) -> symbol -> place of its row
    for path in paths:
        for section, found, rows in results[path] if path in results else _read_one(path):
            sections.append(section)
            problems += found
            places[id(section)] = rows
    merged = merge_sections(sections, problems)
    problems += merge_across_sections(merged, places)
    return Repertoire(merged, problems)
