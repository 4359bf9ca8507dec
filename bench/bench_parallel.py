"""Parallel speed-up of parsing and page generation: one core against all cores, side by side.

    .venv/bin/python bench/bench_parallel.py [N] [--seed S] [--repeat R]

Generates N synthetic meetings (default 4,000, one source file per supplement
year), then times `read_sources`, and `SiteIndex.build` with `SiteRenderer.pages()`, with jobs=1 and
with every core, alternating, best of R runs each (default 2). Checks that both
give the same model and the same pages. Not part of the test suite.
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
from generator.link.index import SiteIndex  # noqa: E402
from generator.settings import workers as default_jobs  # noqa: E402
from generator.pipeline import link
from generator.render.renderer import SiteRenderer  # noqa: E402
from tests.support.synthetic import write_synthetic_sources  # noqa: E402


def best_of(repeat: int, action) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meetings", nargs="?", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as folder:
        files = write_synthetic_sources(Path(folder), args.meetings, args.seed).files
        parse_one, model = best_of(args.repeat, lambda: read_sources(files, jobs=1))
        parse_all, model_all = best_of(args.repeat, lambda: read_sources(files, jobs=cores))
        assert model == model_all, "parallel parsing changed the model"
        render_one, pages = best_of(args.repeat, lambda: SiteRenderer(SiteIndex.build(model), jobs=1).pages())
        render_all, pages_all = best_of(args.repeat, lambda: SiteRenderer(SiteIndex.build(model), jobs=cores).pages())
        assert pages == pages_all, "parallel rendering changed the pages"
    print(f"{args.meetings:,} meetings, {len(files)} source files, {len(pages):,} pages, {cores} cores")
    print(f"{'stage':<10} | {'1 core s':>9} | {f'{cores} cores s':>10} | speed-up")
    print(f"{'parse':<10} | {parse_one:>9.2f} | {parse_all:>10.2f} | {parse_one / parse_all:.2f}x")
    print(f"{'generate':<10} | {render_one:>9.2f} | {render_all:>10.2f} | {render_one / render_all:.2f}x")
    total_one, total_all = parse_one + render_one, parse_all + render_all
    print(f"{'both':<10} | {total_one:>9.2f} | {total_all:>10.2f} | {total_one / total_all:.2f}x")


if __name__ == "__main__":
    main()
