"""One build at a time in a folder: a second build beside the same site or content folder stops
at once with one line naming the folder, rather than waiting (a build may take minutes, and a
user who started two by mistake wants to know now, not after the first).

The lock is fcntl.flock on the folder holding the site itself (and on the one holding the
content folder, where that is another), opened read-only: no lock file is made, so a build that
stops on bad input has written nothing, and a read-only folder can be locked too. The kernel
releases the lock when the build ends in any way, killed too, so it is never left stale.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from generator.model.errors import RepertoireError


def _lock(folder: Path, stack: ExitStack) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise RepertoireError(str(folder), f"cannot open this folder ({error.strerror})") from None
    stack.callback(os.close, handle)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RepertoireError(str(folder), "another build is running in this folder (it holds the folder's "
                              "lock): wait for it to end, then build again") from None


@contextmanager
def build_lock(targets: Iterable[Path]) -> Iterator[None]:
    """Hold the lock of the folder holding each target for the time of the `with` block."""
    folders = sorted({target.absolute().parent for target in targets})
    with ExitStack() as stack:
        for folder in folders:
            _lock(folder, stack)
        yield
