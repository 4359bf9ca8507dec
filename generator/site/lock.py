"""One build at a time in a folder: a second build beside the same site or content folder stops
at once with one line naming the lock and the build holding it, rather than waiting (a build
may take minutes, and a user who started two by mistake wants to know now).

The lock is fcntl.flock on LOCK_FILE in the folder holding the site (and in the one holding the
content folder, where that is another). The kernel releases it when the build ends in any way,
killed too, so a lock is never left stale; the empty file stays, never written (removing it would let a third
build lock a new file while the second still holds the old one).
"""
from __future__ import annotations

import fcntl
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from generator.model.errors import RepertoireError

LOCK_FILE = ".repertoire.lock"


def _lock(folder: Path, stack: ExitStack) -> None:
    path = folder / LOCK_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = stack.enter_context(open(path, "ab"))
    except OSError as error:
        raise RepertoireError(str(path), f"cannot make the build's lock file ({error.strerror})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RepertoireError(str(path), "another build is running in this folder (it holds this lock): "
                              "wait for it to end, then build again") from None


@contextmanager
def build_lock(targets: Iterable[Path]) -> Iterator[None]:
    """Hold the lock of the folder holding each target for the time of the `with` block."""
    folders = sorted({target.absolute().parent for target in targets})
    with ExitStack() as stack:
        for folder in folders:
            _lock(folder, stack)
        yield
