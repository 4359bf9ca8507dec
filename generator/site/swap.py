"""A new folder put in place of the previous one with no moment without either.

On Linux, renameat2(RENAME_EXCHANGE) swaps the two names in one step of the file system: at
every moment `target` is the whole previous folder or the whole new one, whatever kills the
build. glibc (2.28+) has a wrapper; an older one is called through syscall(SYS_renameat2).
Where the call is unsupported (another system, a file system without it: EINVAL, ENOSYS), the
swap falls back to two renames, target -> target.old and new -> target; a build killed between
them leaves the previous folder in target.old, which the next build puts back
(generator.site.folders.recover).
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
from pathlib import Path

from generator.processes import fault_forces_fallback, fault_point, libc

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # <linux/fs.h>
# SYS_renameat2, for a glibc without the wrapper (the numbers of <asm/unistd.h>).
_SYSCALL_NUMBERS = {"x86_64": 316, "aarch64": 276, "i686": 353, "i386": 353, "armv7l": 382, "ppc64le": 357,
                    "s390x": 347, "riscv64": 276}
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP)


def _exchange(first: Path, second: Path) -> bool:
    """Swap the names of two existing folders in one step; False where the system cannot."""
    library = libc()
    if library is None or platform.system() != "Linux":
        return False
    arguments = (AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if hasattr(library, "renameat2"):
        result = library.renameat2(ctypes.c_int(arguments[0]), arguments[1], ctypes.c_int(arguments[2]),
                                   arguments[3], ctypes.c_uint(arguments[4]))
    elif platform.machine() in _SYSCALL_NUMBERS:
        result = library.syscall(ctypes.c_long(_SYSCALL_NUMBERS[platform.machine()]), ctypes.c_int(arguments[0]),
                                 arguments[1], ctypes.c_int(arguments[2]), arguments[3], ctypes.c_uint(arguments[4]))
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first))


def put_in_place(new: Path, target: Path, label: str) -> Path:
    """`new` becomes `target`. Returns where the previous folder now is (to be removed by the
    caller, who knows it is ours), or `new`'s path where there was none before."""
    old = target.with_name(target.name + ".old")
    fault_point(f"{label}-before-exchange")
    if not os.path.lexists(target):
        os.rename(new, target)  # nothing to keep: one rename is already atomic
        return new
    if not fault_forces_fallback() and _exchange(new, target):
        fault_point(f"{label}-after-exchange")
        return new
    os.rename(target, old)
    fault_point(f"{label}-between-renames")
    os.rename(new, target)
    return old
