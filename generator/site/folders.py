"""Which folders a build may replace or remove: only those it made.

Every site a build makes, and every scratch folder beside it (`site.new`, `site.old`,
`content.new`), holds the marker file MARKER, naming its kind, from the moment it is made (a dot
file, which MkDocs' clean of the site folder leaves in place). A content folder is known as a build's
by its manifest (`.generated`) once the build wrote it, and loses the marker then, so the user's
content/ gets nothing new. A folder that is not ours is the user's: a build stops with one line
naming it and touches nothing. Sites made before the marker existed count as ours when they hold
both files only a build writes (build-report.json and .build-state.json): a user's folder holds
both only by copying a site, and refusing them would stop every existing site/ once, for nothing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.model.errors import RepertoireError
from generator.processes import fault_point
from generator.site.incremental import REPORT_FILE, STATE_FILE
from generator.site.staging import MANIFEST

MARKER = ".repertoire-build"
SITE, CONTENT = "site", "content"
# Besides the marker, what only a build writes: a site built before the marker, a content folder.
_BUILD_FILES = {SITE: (REPORT_FILE, STATE_FILE), CONTENT: (MANIFEST,)}


def scratch(folder: Path, suffix: str) -> Path:
    return folder.with_name(folder.name + suffix)


def _marker_text(kind: str) -> str:
    return f"{kind} folder made by repertoire build: the next build may replace or remove it\n"


def mark(folder: Path, kind: str) -> None:
    (folder / MARKER).write_text(_marker_text(kind), encoding="utf-8")


def is_ours(folder: Path, kind: str) -> bool:
    try:
        if (folder / MARKER).read_text(encoding="utf-8") == _marker_text(kind):
            return True
    except (OSError, UnicodeDecodeError):
        pass
    return all((folder / name).is_file() for name in _BUILD_FILES[kind])


def _is_empty_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def check_replaceable(folder: Path, kind: str) -> None:
    """`folder` may be replaced by a build: missing, an empty folder, or a `kind` folder a build made."""
    if not os.path.lexists(folder) or _is_empty_folder(folder):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise RepertoireError(str(folder), "a build would replace this, and it is not a folder: left as it is")
    if not is_ours(folder, kind):
        raise RepertoireError(str(folder), f"a build would replace this folder, and repertoire build did not make "
                              f"it (no {MARKER} in it): nothing was changed; move it away or name another "
                              f"--{kind} folder")


def remove_ours(folder: Path, kind: str) -> None:
    """Remove a folder a build made, the files that make it ours last, so that a build killed
    halfway leaves a folder the next build still knows as its own."""
    if not os.path.lexists(folder):
        return
    if _is_empty_folder(folder):
        folder.rmdir()
        return
    if not is_ours(folder, kind):  # never reached through the build, which checks first; kept as the last guard
        raise RepertoireError(str(folder), "this folder was not made by repertoire build: left as it is")
    kept_last = {MARKER, *_BUILD_FILES[kind]}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name in kept_last:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
        fault_point("removing-old-folder")
    for name in sorted(kept_last - {MARKER}) + [MARKER]:
        (folder / name).unlink(missing_ok=True)
    folder.rmdir()


def check_writable(folder: Path) -> None:
    """A file can be made and removed in `folder`, tried rather than asked (os.access says yes to
    root on a read-only mount, and no to nothing): one line naming the folder, before any work."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".repertoire-probe-"):
            pass
    except OSError as error:
        raise RepertoireError(str(folder), f"cannot write in this folder ({error.strerror}): nothing was "
                              "built") from None


def recover(target: Path, kind: str) -> None:
    """What a killed build left beside `target`: a previous folder moved aside and not moved back
    (the two-rename swap) is put back; scratch folders a build made are removed; one the user
    made stops the build, naming it."""
    old, new = scratch(target, ".old"), scratch(target, ".new")
    if not os.path.lexists(target) and old.is_dir() and not old.is_symlink() and is_ours(old, kind):
        old.rename(target)  # killed between the two renames: the previous folder is still whole
    for leftover in (new, old):
        if os.path.lexists(leftover):
            check_replaceable(leftover, kind)
            remove_ours(leftover, kind)
