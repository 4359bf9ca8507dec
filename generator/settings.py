"""Run-time settings, read from the environment in one place: how many processes work, where
caches live, whether errors show their traceback. Every stage may read them; none sets them."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CACHE_DIR = Path(".cache") / "repertoire"  # under the current folder (git-ignored)


def workers() -> int:
    """How many processes parsing and rendering use: REPERTOIRE_WORKERS if set, else the cores
    this process may run on."""
    configured = os.environ.get("REPERTOIRE_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cache_dir() -> Path:
    """Where parses, the word list and compiled templates are kept: REPERTOIRE_CACHE_DIR, else
    .cache/repertoire under the current folder."""
    return Path(os.environ.get("REPERTOIRE_CACHE_DIR") or DEFAULT_CACHE_DIR)


def debug() -> bool:
    """REPERTOIRE_DEBUG: an unexpected error shows its traceback."""
    return bool(os.environ.get("REPERTOIRE_DEBUG"))
