"""One call run in a forked process while this one goes on; its result awaited later.

For work that needs no more than the data this process already holds (the forked
process inherits it: nothing is pickled on the way in) and that would otherwise
leave a core idle: the search index while MkDocs builds, the open data files while
pages are written to disk.

The forked process ends as soon as its call returns, leaving its result in a
temporary file: a process that stayed until the result was asked for would keep
its memory that long, and it holds a copy of every page of the model it touched.
The file has no name (removed as soon as it is made, kept open by both processes),
so a killed build leaves nothing behind; the forked process dies with its parent.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from typing import Any, Callable, Optional

from generator.processes import die_with_parent


def _run(call: Callable[[], Any], result_file: int, parent: int) -> None:
    die_with_parent(parent)
    try:
        outcome = (True, call())
    except BaseException as error:  # noqa: B036 - handed to the waiting process, raised there
        outcome = (False, error)
    with os.fdopen(os.dup(result_file), "wb") as stream:
        try:
            pickle.dump(outcome, stream)
        except (pickle.PicklingError, TypeError, AttributeError):
            stream.seek(0)
            stream.truncate()
            pickle.dump((False, RuntimeError(repr(outcome[1]))), stream)


class Background:
    """`call()` in a forked process; `result()` waits for it and returns what it returned (or
    raises what it raised). With `inline` (one core wanted) or where processes cannot fork,
    `call()` runs here and now."""

    def __init__(self, call: Callable[[], Any], inline: bool = False):
        self._process: Optional[multiprocessing.process.BaseProcess] = None
        self._file: Optional[int] = None  # the result file: nameless, open here and in the process
        self._value: Any = None
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            self._value = call()
            return
        with tempfile.TemporaryFile(prefix="repertoire-background-", suffix=".pickle") as scratch:
            self._file = os.dup(scratch.fileno())  # TemporaryFile has no name on Linux (O_TMPFILE or unlinked)
        self._process = multiprocessing.get_context("fork").Process(
            target=_run, args=(call, self._file, os.getpid()), daemon=True)
        self._process.start()

    def result(self) -> Any:
        if self._process is None:
            return self._value
        try:
            self._process.join()
            code = self._process.exitcode
            try:
                os.lseek(self._file, 0, os.SEEK_SET)
                with os.fdopen(os.dup(self._file), "rb") as stream:
                    done, value = pickle.load(stream)
            except (OSError, EOFError, pickle.UnpicklingError):
                raise RuntimeError(f"a background process ended without a result (exit code {code})") from None
        finally:
            self.close()
        if not done:
            raise value
        self._value = value
        return value

    def close(self) -> None:
        """Stop the process if it still runs, and drop its result file."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._file is not None:
            os.close(self._file)
            self._file = None
