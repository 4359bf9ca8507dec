"""One call run in a forked process while this one goes on; its result awaited later.

For work that needs no more than the data this process already holds (the forked
process inherits it: nothing is pickled on the way in) and that would otherwise
leave a core idle: the search index while MkDocs builds, the open data files while
pages are written to disk.

The forked process ends as soon as its call returns, leaving its result in a
temporary file: a process that stayed until the result was asked for would keep
its memory that long, and it holds a copy of every page of the model it touched.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from typing import Any, Callable, Optional


def _run(call: Callable[[], Any], path: str) -> None:
    try:
        outcome = (True, call())
    except BaseException as error:  # noqa: B036 - handed to the waiting process, raised there
        outcome = (False, error)
    with open(path, "wb") as stream:
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
        self._path: Optional[str] = None
        self._value: Any = None
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            self._value = call()
            return
        handle, self._path = tempfile.mkstemp(prefix="repertoire-background-", suffix=".pickle")
        os.close(handle)
        self._process = multiprocessing.get_context("fork").Process(target=_run, args=(call, self._path),
                                                                    daemon=True)
        self._process.start()

    def result(self) -> Any:
        if self._process is None:
            return self._value
        try:
            self._process.join()
            code = self._process.exitcode
            try:
                with open(self._path, "rb") as stream:
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
        if self._path is not None:
            try:
                os.unlink(self._path)
            except OSError:
                pass
            self._path = None
