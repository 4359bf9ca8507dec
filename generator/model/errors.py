"""The project's one error type: a one-line message naming the file and the place."""
from __future__ import annotations

from typing import Optional


class RepertoireError(Exception):
    """Bad input or usage. Printed as one line, exit code 2 (see README)."""

    exit_code = 2

    def __init__(self, file: Optional[str], message: str, place: Optional[str] = None):
        self.file = file
        self.place = place
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):
        # Raised in worker processes too: pickle with the real arguments, not the message.
        return (self.__class__, (self.file, self.message, self.place))

    def __str__(self) -> str:
        where = ": ".join(str(x) for x in (self.file, self.place) if x)
        return f"{where}: {self.message}" if where else self.message
