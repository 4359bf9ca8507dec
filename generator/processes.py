"""What every forked worker and every build shares about processes: workers that die with the
process that started them, and the named points where the fault suite kills a build.

A worker orphaned by a killed build would go on computing (and holding memory) for nothing:
`die_with_parent` asks Linux to kill it the moment its parent ends (PR_SET_PDEATHSIG). It is the
initializer of every process pool and the first call of every Background process.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from typing import Optional

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
FAULT_VARIABLE = "REPERTOIRE_FAULT"  # tests only: the named point where the build kills itself

_libc: Optional[ctypes.CDLL] = None


def libc() -> Optional[ctypes.CDLL]:
    """The C library (None where there is none to load, e.g. not on Linux)."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        except OSError:
            return None
    return _libc


def die_with_parent(parent: int) -> None:
    """In a forked worker: end with SIGKILL when `parent` (the process that forked it) ends.
    A parent that ended before the request took effect is seen by the worker's new parent id."""
    library = libc()
    if library is not None and hasattr(library, "prctl"):
        library.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def fault_point(name: str) -> None:
    """A named moment of a build: when REPERTOIRE_FAULT names it, the process kills itself here,
    as a power cut or `kill -9` would (tests/test_faults.py)."""
    if os.environ.get(FAULT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def fault_forces_fallback() -> bool:
    """Tests only: a fault point of the two-rename swap (`...-between-renames`) makes the swap
    take that path, as on a system without RENAME_EXCHANGE."""
    return os.environ.get(FAULT_VARIABLE, "").endswith("-between-renames")
