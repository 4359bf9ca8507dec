"""Full-pipeline benchmark: synthetic sources of N meetings -> site, timed stage by stage.

    .venv/bin/python bench/bench_build.py [N ...] [--seed S] [--keep DIR]

For each N (default 1,000, 4,000 and 16,000 meetings) it builds a site from
scratch with the real `repertoire build` in a separate process, then changes
one source file and builds again (incremental). Prints a table: parse, page
generation and MkDocs time, peak memory (of the main process, of the largest worker, and of
all of them together, sampled), pages, site size, search index size
(raw and gzip), milliseconds per page, the share of generation in the total,
and the rebuild's cost relative to the full build. Run by `make bench`.
Not part of the test suite: the numbers depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.synthetic import write_synthetic_sources  # noqa: E402

# Runs one build in a fresh interpreter and reports its own peak memory.
RUNNER = """
import resource, sys, runpy
sys.argv = ["repertoire", "build", *sys.argv[1:]]
from generator.cli import main
code = main(sys.argv[1:])
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
# Rendering workers and background processes (fork: they share the main process's pages until
# they write to them, so their peaks overlap its own and cannot simply be added).
print("CHILD_PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):  # a process started from any of its threads
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return children


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each, so the sum over
    processes is the memory they take together (forked workers share the model)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants together, keeping the peak."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree, pending = [], [self.pid]
            while pending:
                pid = pending.pop()
                tree.append(pid)
                pending += _children(pid)
            self.peak_kb = max(self.peak_kb, sum(map(_pss_kb, tree)))
            self.done.wait(self.interval)


def run_build(work: Path, sources: list[Path]) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", RUNNER, *map(str, sources)], cwd=work,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    memory.start()
    stdout, stderr = process.communicate()
    memory.done.set()
    memory.join()
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {work}: {result.stderr.strip().splitlines()[-1]}")
    peaks = {line.split()[0]: int(line.split()[1]) / 1024 for line in result.stderr.splitlines()
             if line.startswith(("PEAK_RSS_KB", "CHILD_PEAK_RSS_KB"))}
    report = json.loads((work / "site" / "build-report.json").read_text(encoding="utf-8"))
    return {"wall_s": wall, "peak_mb": peaks["PEAK_RSS_KB"], "child_peak_mb": peaks["CHILD_PEAK_RSS_KB"],
            "all_peak_mb": memory.peak_kb / 1024, "report": report}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_sizes(site: Path) -> tuple[int, int]:
    """Every file of search/: the site's sharded index (search/r/, of which a query reads a few files;
    bench/bench_search.py measures that) and Material's search_index.json/.js."""
    files = [p.read_bytes() for p in sorted((site / "search").rglob("*")) if p.is_file()]
    return sum(map(len, files)), sum(len(gzip.compress(data, 6)) for data in files)


def prepare(work: Path) -> None:
    work.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    (work / "content").mkdir()
    shutil.copy(ROOT / "content" / "about.md", work / "content" / "about.md")
    if (ROOT / "content" / "assets").is_dir():
        shutil.copytree(ROOT / "content" / "assets", work / "content" / "assets")


def touch_one_source(path: Path) -> None:
    """A small real edit: one word of one paragraph changes."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(" the Council ", " the Security Council ", 1), encoding="utf-8")


def measure(meetings: int, seed: int, base: Path) -> dict:
    sources = base / f"sources-{meetings}"
    truth = write_synthetic_sources(sources, meetings, seed)
    work = base / f"site-{meetings}"
    prepare(work)
    full = run_build(work, truth.files)
    timings = full["report"]["build"]["timings"]
    pages = full["report"]["counts"]["pages"]
    search_raw, search_gz = search_sizes(work / "site")
    site_bytes = folder_size(work / "site")
    touch_one_source(truth.files[len(truth.files) // 2])
    rebuild = run_build(work, truth.files)
    generation = timings["parse_s"] + timings["render_s"] + timings["write_s"]
    return {
        "meetings": meetings, "pages": pages,
        "parse_s": timings["parse_s"], "render_s": timings["render_s"], "mkdocs_s": timings["mkdocs_s"],
        "total_s": full["wall_s"], "peak_mb": full["peak_mb"], "child_peak_mb": full["child_peak_mb"],
        "all_peak_mb": full["all_peak_mb"],
        "site_mb": site_bytes / 1e6, "search_mb": search_raw / 1e6, "search_gz_mb": search_gz / 1e6,
        "ms_per_page": full["wall_s"] * 1000 / pages, "generation_share": generation / full["wall_s"],
        "rebuild_s": rebuild["wall_s"], "rebuild_share": rebuild["wall_s"] / full["wall_s"],
        "rebuild_written": rebuild["report"]["build"]["pages_written"],
        "rebuild_incremental": rebuild["report"]["build"]["incremental"],
    }


COLUMNS = [
    ("meetings", "{:>8,}"), ("pages", "{:>7,}"), ("parse_s", "{:>8.1f}"), ("render_s", "{:>9.1f}"),
    ("mkdocs_s", "{:>9.1f}"), ("total_s", "{:>8.1f}"), ("peak_mb", "{:>8.0f}"), ("child_peak_mb", "{:>14.0f}"),
    ("all_peak_mb", "{:>12.0f}"),
    ("site_mb", "{:>8.1f}"),
    ("search_mb", "{:>10.1f}"), ("search_gz_mb", "{:>13.1f}"), ("ms_per_page", "{:>12.2f}"),
    ("generation_share", "{:>17.0%}"), ("rebuild_s", "{:>10.1f}"), ("rebuild_share", "{:>14.0%}"),
    ("rebuild_written", "{:>16,}"),
]


def print_table(rows: list[dict]) -> None:
    print(" | ".join(name for name, _ in COLUMNS))
    for row in rows:
        print(" | ".join(fmt.format(row[name]).strip() for name, fmt in COLUMNS))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"per-page cost at {last['meetings']:,} meetings / at {first['meetings']:,}: "
              f"{last['ms_per_page'] / first['ms_per_page']:.2f}x (goal: at most 1.3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 4000, 16000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    rows = []
    try:
        for size in args.sizes:
            rows.append(measure(size, args.seed, base))
            print_table(rows[-1:])
            sys.stdout.flush()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print(f"cores: {len(__import__('os').sched_getaffinity(0))}")
    print_table(rows)


if __name__ == "__main__":
    main()
