"""Rendering on every core: a function over many items, in forked processes, with the links
each item's rendering recorded (for "What links here")."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Optional

from generator.link.index import LinkRecorder
from generator.processes import die_with_parent
from generator.progress import progress

PAGES_PER_CHUNK = 250
_WORK: Optional[tuple] = None  # (function, items) of the running `on_every_core`, inherited by forked workers


def _work_chunk(positions: range) -> tuple[list, dict[str, set[str]]]:
    function, items = _WORK
    recorder = LinkRecorder()
    return [function(items[position], recorder) for position in positions], dict(recorder.sources)


def on_every_core(function: Callable[[Any, LinkRecorder], Any], items: list, jobs: int,
                  label: str) -> tuple[list, LinkRecorder]:
    """[function(item, recorder) for item in items] on every core, and the links all of them recorded.

    Forked workers inherit the model and the index (nothing to pickle on the way in) and send back
    results and links. Chunks interleave (items 0, n, 2n ... then 1, n + 1 ...): pages of one kind
    come together in `items`, and a few kinds (countries, missions) cost a hundred times more than
    the rest, so consecutive chunks would leave one core working alone at the end.
    """
    global _WORK
    recorder = LinkRecorder()
    bar = progress(len(items), label)
    chunk_count = -(-len(items) // PAGES_PER_CHUNK)
    jobs = min(jobs, chunk_count)
    try:
        if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            results = []
            for item in items:
                results.append(function(item, recorder))
                bar.update()
            return results, recorder
        _WORK = (function, items)
        results = [None] * len(items)
        chunks = [range(first, len(items), chunk_count) for first in range(chunk_count)]
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            for chunk, (done, links) in zip(chunks, pool.map(_work_chunk, chunks)):
                for position, result in zip(chunk, done):
                    results[position] = result
                for target, sources in links.items():
                    recorder.sources[target].update(sources)
                bar.update(len(done))
        return results, recorder
    finally:
        _WORK = None
        bar.close()
