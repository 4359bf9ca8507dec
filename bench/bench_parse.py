"""PDF reading benchmark: speed against pdfplumber's own floor, parallel speed-up, memory, cache.

    .venv/bin/python bench/bench_parse.py [--pages 300] [--rounds 1] [--workers N] [--keep DIR]
    make bench-parse

Builds long PDFs from sources/peacekeeping-2023.pdf (its pages repeated, each
copy with its own content stream, with pikepdf) in a temporary folder, then
times, each in a fresh process so that nothing is shared or already cached:

- the floor: pdfplumber's own `extract_text()` on every page (what reading a
  page with this dependency costs at least);
- the full parse (`generator.parse.pdf.reader.read_pdf`, no cache) in one process,
  and with N worker processes (N = the cores available);
- peak memory (max RSS) of both at 100 pages and at the full length;
- the parse cache: a first `parse_pdf` (parse and store), then a second one
  in a new process (a hit);
- the layout matrix's long document (tests/layouts: a synthetic Part I of some
  40 sections and 300+ pages, printed by each producer installed) against the
  same producer's short document: cost per page (goal: at most 1.2x), and
  each against the floor.

Times are given as wall-clock and as CPU time of the process: on a shared
machine other work slows the wall clock, so the cost ratio (goal: full parse
at most 1.5x the floor on one core) is computed on CPU time, and the
parallel speed-up (which CPU time cannot show) on wall time. With --rounds R
each single-process measure is repeated R times, interleaved, and the best kept.
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "peacekeeping-2023.pdf"


def repeat_pages(source: Path, target: Path, pages: int) -> None:
    """`source`'s pages over and over up to `pages` pages; every copy gets its own content stream
    (as in a real long document), fonts and images stay shared."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        originals = [page.obj for page in pdf.pages]
        while len(pdf.pages) < pages:
            for original in originals[: pages - len(pdf.pages)]:
                copy = pikepdf.Dictionary({key: original[key] for key in original.keys() if key != "/Parent"})
                contents = original.Contents
                if isinstance(contents, pikepdf.Array):
                    data = b"\n".join(part.read_bytes() for part in contents)
                else:
                    data = contents.read_bytes()
                copy.Contents = pdf.make_stream(data)
                pdf.pages.append(pikepdf.Page(pdf.make_indirect(copy)))
        del pdf.pages[pages:]
        pdf.save(target)


# --------------------------------------------------------------------------- one measure, in its own process


def measure(kind: str, path: Path, workers: int) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    result: dict = {}
    if kind == "floor":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            result["pages"] = len(pdf.pages)
            for page in pdf.pages:
                page.extract_text()
                page.close()
    elif kind == "full":
        from dataclasses import asdict

        from generator.parse.pdf.reader import read_pdf

        sections = read_pdf(path, workers=workers)
        result["sections"] = len(sections)
        data = json.dumps([asdict(s) for s in sections], sort_keys=True).encode()
        result["digest"] = hashlib.sha256(data).hexdigest()
    elif kind == "cached":
        from generator.parse.pdf.reader import parse_pdf

        result["sections"] = len(parse_pdf(path, workers=workers))
    result["wall"] = time.perf_counter() - wall
    result["cpu"] = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["children_cpu"] = children.ru_utime + children.ru_stime
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_rss_mb"] = children.ru_maxrss / 1024
    return result


def run(kind: str, path: Path, workers: int = 1, env: dict | None = None) -> dict:
    command = [sys.executable, __file__, "--measure", kind, str(path), "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        sys.exit(f"bench-parse: {kind} on {path.name} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def best(kind: str, path: Path, rounds: int, workers: int = 1) -> dict:
    results = [run(kind, path, workers) for _ in range(rounds)]
    return min(results, key=lambda r: r["cpu"] if workers == 1 else r["wall"])


# --------------------------------------------------------------------------- the matrix's long document


def long_documents(folder: Path, rounds: int) -> None:
    """Per-page cost of the layout matrix's long document (a whole synthetic Part I, 40 sections,
    300+ pages) against the same producer's short one (the bundled 2023 section, same layout), and
    each against the floor: the goal is a long document's page costing at most 1.2x a short one's."""
    from tests.layouts.documents import BUNDLED, long_source, spec_of
    from tests.layouts.matrix import LONG_LAYOUT
    from tests.layouts.producers import PRODUCER_MODULES, make_pdfs, missing

    long_spec, short_spec = spec_of(long_source(folder)), spec_of(BUNDLED[0])
    print(f"  the layout matrix's documents ({LONG_LAYOUT.name}), CPU time of one process:")
    print("    producer     document  pages  full ms/page  floor ms/page  full/floor  long/short per page "
          "(and against the floor's own long/short: a long document's pages hold more)")
    for producer in PRODUCER_MODULES:
        why = missing(producer)
        if why:
            print(f"    {producer:<12} not installed: {why}")
            continue
        pdfs = make_pdfs(producer, [(short_spec, LONG_LAYOUT), (long_spec, LONG_LAYOUT)])
        costs, floors = {}, {}
        for label, spec in (("short", short_spec), ("long", long_spec)):
            pdf = pdfs[spec.name, LONG_LAYOUT.name]
            floor, full = best("floor", pdf, rounds), best("full", pdf, rounds)
            pages = floor["pages"]
            costs[label], floors[label] = full["cpu"] / pages, floor["cpu"] / pages
            ratio = ""
            if label == "long":
                raw, content = costs["long"] / costs["short"], floors["long"] / floors["short"]
                ratio = (f"{raw:.2f}x (goal <= 1.2x: {'met' if raw <= 1.2 else 'NOT met'}); floor {content:.2f}x, "
                         f"so {raw / content:.2f}x for the same content")
            print(f"    {producer:<12} {label:<8} {pages:>6}  {1000 * full['cpu'] / pages:12.1f}  "
                  f"{1000 * floor['cpu'] / pages:13.1f}  {full['cpu'] / floor['cpu']:9.2f}x  {ratio}")


# --------------------------------------------------------------------------- the report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="length of the long test PDF (default 300)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat single-process measures, keep the best")
    parser.add_argument("--workers", type=int, default=None, help="processes for the parallel parse (default: cores)")
    parser.add_argument("--keep", type=Path, help="write the test PDFs here instead of a temporary folder")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]), args.workers or 1)))
        return

    sys.path.insert(0, str(ROOT))
    from generator.settings import workers as default_workers

    cores = args.workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        short, long = folder / "repeated-100.pdf", folder / f"repeated-{args.pages}.pdf"
        repeat_pages(SAMPLE, short, 100)
        repeat_pages(SAMPLE, long, args.pages)
        pages = args.pages
        print(f"PDF reading, {pages} pages (sample pages repeated), {cores} cores available, "
              f"load average {os.getloadavg()[0]:.1f}")

        floor_short, full_short = run("floor", short), run("full", short)
        floor, full = best("floor", long, args.rounds), best("full", long, args.rounds)
        parallel = best("full", long, args.rounds, workers=cores)

        def rate(result: dict, key: str) -> float:
            return pages / result[key]

        print(f"  floor, pdfplumber extract_text() : {rate(floor, 'cpu'):6.1f} pages/s CPU "
              f"({rate(floor, 'wall'):5.1f} wall)  {1000 * floor['cpu'] / pages:5.0f} ms/page")
        print(f"  full parse, 1 process           : {rate(full, 'cpu'):6.1f} pages/s CPU "
              f"({rate(full, 'wall'):5.1f} wall)  {1000 * full['cpu'] / pages:5.0f} ms/page")
        ratio = full["cpu"] / floor["cpu"]
        print(f"  cost ratio full / floor         : {ratio:6.2f}x CPU ({full['wall'] / floor['wall']:.2f}x wall)"
              f"   goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'}")
        speedup = full["wall"] / parallel["wall"]
        same = "same result" if parallel["digest"] == full["digest"] else "RESULTS DIFFER"
        print(f"  full parse, {cores} processes         : {rate(parallel, 'wall'):6.1f} pages/s wall, "
              f"speed-up {speedup:.2f}x over 1 process ({same})")
        work = parallel["cpu"] + parallel["children_cpu"]
        ideal = full["cpu"] / (parallel["cpu"] + parallel["children_cpu"] / cores)
        print(f"    CPU: main {parallel['cpu']:.1f} s + workers {parallel['children_cpu']:.1f} s = "
              f"{work / full['cpu']:.2f}x the 1-process CPU, so on {cores} idle cores the speed-up would be "
              f"about {ideal:.2f}x")
        print(f"    (load average now {os.getloadavg()[0]:.1f}: other work on the machine lowers the measured speed-up)")
        print("  peak memory (max RSS)           :   100 pages  "
              f"{pages:>3} pages")
        print(f"    floor                         : {floor_short['rss_mb']:7.1f} MB  {floor['rss_mb']:7.1f} MB")
        print(f"    full parse, 1 process         : {full_short['rss_mb']:7.1f} MB  {full['rss_mb']:7.1f} MB")
        print(f"    full parse, {cores} processes       : main {parallel['rss_mb']:.1f} MB, "
              f"largest worker {parallel['children_rss_mb']:.1f} MB")

        long_documents(folder, args.rounds)

        cache = {"REPERTOIRE_CACHE_DIR": str(folder / "cache")}
        first = run("cached", long, cores, cache)
        second = run("cached", long, cores, cache)
        print(f"  cache: first parse_pdf {first['wall']:.2f} s (parse and store), second {second['wall']:.3f} s "
              f"(hit): speed-up {first['wall'] / second['wall']:.0f}x")


if __name__ == "__main__":
    main()
