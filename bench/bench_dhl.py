"""How fast the Dag Hammarskjöld Library's meeting tables are read (generator.parse.dhl.tables).

    .venv/bin/python bench/bench_dhl.py [DIR] [--repeat N]

DIR defaults to ../shared/data/dhl-meeting-tables. Prints rows, meetings,
problems by kind, and the time with one process and with every core.
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.assemble.library import read_library  # noqa: E402
from generator.parse.dhl.tables import read_dhl_file, table_files  # noqa: E402


def best_of(repeat: int, function):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "data" / "dhl-meeting-tables")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = table_files(args.folder)
    size = sum(p.stat().st_size for _, p in files)
    rows = Counter(r for y, p in files for r in read_dhl_file(p, y).row_results)
    cores = os.cpu_count() or 1
    one, (meetings, problems) = best_of(args.repeat, lambda: read_library(args.folder))
    many, _ = best_of(args.repeat, lambda: read_library(args.folder, jobs=cores))
    total = sum(rows.values())
    print(f"{len(files)} files, {size / 1e6:.1f} MB, {total:,} rows: " +
          ", ".join(f"{n:,} {k}" for k, n in rows.most_common()))
    print(f"{len(meetings):,} meetings; {len(problems)} problems: " +
          ", ".join(f"{n} {k}" for k, n in Counter(p.kind for p in problems).most_common()))
    print(f"{'processes':>10} {'seconds':>8} {'rows/s':>8} {'MB/s':>6}")
    for jobs, seconds in ((1, one), (cores, many)):
        print(f"{jobs:>10} {seconds:>8.2f} {total / seconds:>8,.0f} {size / 1e6 / seconds:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
