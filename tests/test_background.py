"""Work in a forked process: its result or its error comes back, and the process does not
outlive its work (it holds a copy of what it touched)."""
from __future__ import annotations

import os
import time

import pytest

from generator.background import Background
from generator.model.errors import RepertoireError

HERE = os.getpid()
BIG = list(range(100_000))  # inherited by the forked process, never pickled on the way in


def test_the_result_comes_from_another_process_that_inherited_the_data():
    work = Background(lambda: (os.getpid(), sum(BIG)))
    pid, total = work.result()
    assert pid != HERE and total == sum(range(100_000))
    assert work.result() == (pid, total)  # asked again: the same


def test_the_process_ends_when_its_work_is_done_not_when_asked():
    work = Background(lambda: "done")
    process = work._process
    deadline = time.monotonic() + 10
    while process.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not process.is_alive() and process.exitcode == 0
    assert work.result() == "done"


def test_an_error_is_raised_where_the_result_is_asked_for():
    def fail():
        raise RepertoireError("source.txt", "broken", place="line 3")

    work = Background(fail)
    with pytest.raises(RepertoireError) as raised:
        work.result()
    assert (raised.value.file, raised.value.place) == ("source.txt", "line 3")


def test_a_process_that_dies_is_one_clear_error():
    work = Background(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        work.result()


def test_inline_runs_here_and_close_stops_a_running_process():
    assert Background(os.getpid, inline=True).result() == HERE
    work = Background(lambda: time.sleep(60))
    process = work._process
    work.close()
    assert not process.is_alive()
