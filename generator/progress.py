"""A progress bar on stderr for long builds, silent when stderr is not a terminal (tests, CI, pipes)."""
from __future__ import annotations

import sys
from typing import Optional

from tqdm import tqdm


def progress(total: Optional[int], description: str, unit: str = "page", enabled: Optional[bool] = None) -> tqdm:
    """A bar counting `total` units; `.update()` per unit, `.close()` at the end.

    `enabled` defaults to whether stderr is a terminal; a disabled bar does nothing."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, disable=not enabled,
                leave=False, mininterval=0.25, dynamic_ncols=True)
