"""One call run in a forked process while this one goes on; its result awaited later.

For work that needs no more than the data this process already holds (the forked
process inherits it: nothing is pickled on the way in) and that would otherwise
leave a core idle: the search index while MkDocs builds, the open data files while
pages are written to disk.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Optional

_CALL: Optional[Callable] = None  # what the forked process runs: inherited, never pickled


def _run_call():
    return _CALL()


class Background:
    """`call()` in a forked process; `result()` waits for it. With `inline` (one core wanted) or
    where processes cannot fork, `call()` runs here and now."""

    def __init__(self, call: Callable, inline: bool = False):
        global _CALL
        self._pool: Optional[ProcessPoolExecutor] = None
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            self._future: Future = Future()
            self._future.set_result(call())
            return
        _CALL = call
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_run_call)  # the process forks here, with _CALL set
        finally:
            _CALL = None

    def result(self):
        try:
            return self._future.result()
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
