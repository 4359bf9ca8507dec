"""Scale benchmark: synthetic Repertoire sources of N meetings, parsed with the text parser.

    .venv/bin/python bench/bench_scale.py [N ...] [--seed S] [--keep DIR]

For each N (default 1,000, 4,000 and 16,000 meetings; 250 a file, one file per
supplement year) prints the size written and the parse time (`read_sources`).
A skeleton: page generation and MkDocs columns are to be added (see issue 6);
`measure()` returns a dict so a caller can add its own columns.
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.assemble.sources import read_sources  # noqa: E402
from tests.support.synthetic import write_synthetic_sources  # noqa: E402

COLUMNS = [  # (key, heading, format)
    ("meetings", "meetings", "{:>9,}"),
    ("files", "files", "{:>6}"),
    ("mb", "source MB", "{:>10.1f}"),
    ("sections", "sections", "{:>9,}"),
    ("paragraphs", "paragraphs", "{:>11,}"),
    ("footnotes", "footnotes", "{:>10,}"),
    ("write_s", "write s", "{:>8.2f}"),
    ("parse_s", "parse s", "{:>8.2f}"),
    ("ms_per_meeting", "parse ms/meeting", "{:>17.3f}"),
    ("problems", "problems", "{:>9}"),
]


def measure(meetings: int, seed: int, folder: Path) -> dict:
    started = time.perf_counter()
    truth = write_synthetic_sources(folder, meetings, seed)
    written = time.perf_counter()
    repertoire = read_sources(truth.files)
    parsed = time.perf_counter()
    assert len(repertoire.meetings()) == meetings, "the parser lost meetings: run tests/test_synthetic.py"
    return {
        "meetings": meetings,
        "files": len(truth.files),
        "mb": sum(p.stat().st_size for p in truth.files) / 1e6,
        "sections": len(repertoire.sections),
        "paragraphs": sum(len(s.paragraphs) for s in repertoire.sections),
        "footnotes": sum(len(s.footnotes) for s in repertoire.sections),
        "write_s": written - started,
        "parse_s": parsed - written,
        "ms_per_meeting": (parsed - written) * 1000 / meetings,
        "problems": len(repertoire.problems),
    }


def print_table(rows: list[dict]) -> None:
    print(" ".join(f"{heading:>{len(fmt.format(0) if 'f' not in fmt else fmt.format(0.0))}}"
                   for _, heading, fmt in COLUMNS))
    for row in rows:
        print(" ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 4000, 16000], metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the sources here and keep them")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        if args.keep:
            rows.append(measure(n, args.seed, args.keep / f"n{n}"))
        else:
            with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as folder:
                rows.append(measure(n, args.seed, Path(folder)))
        print(f"N={n:,} done", file=sys.stderr)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
