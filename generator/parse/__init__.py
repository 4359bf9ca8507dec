"""Readers: one per source format, each returning `RawSection`s (see raw.py).

`parse_source` picks the reader by the file's suffix; `spreads_over_cores` says whether that reader
uses every core by itself, so that whoever reads many sources knows which to read side by side."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.model.errors import RepertoireError
from generator.parse.raw import RawSection

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
# The largest source read. A year's supplement is a few hundred pages: tens of MB as a PDF, a few MB
# as text (the bundled section is 69 kB and 19 kB). 256 MiB is ten times more than any real one, and
# still a size whose parse fits in memory; anything bigger is not a Repertoire source.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
_NOT_REGULAR = ((stat.S_ISDIR, "is a folder"), (stat.S_ISFIFO, "is a named pipe (FIFO)"),
                (stat.S_ISSOCK, "is a socket"), (stat.S_ISCHR, "is a character device"),
                (stat.S_ISBLK, "is a block device"))


def check_source(path: Path) -> None:
    """Refuse, before opening it, what cannot be a source: a missing file, anything but a regular
    file (opening a FIFO waits for a writer forever), a file above MAX_SOURCE_BYTES."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise RepertoireError(str(path), "no such file") from None
    except OSError as error:
        raise RepertoireError(str(path), f"cannot read: {error.strerror}") from None
    for test, what in _NOT_REGULAR:
        if test(status.st_mode):
            raise RepertoireError(str(path), f"{what}, expected a .pdf or .txt source file")
    if not stat.S_ISREG(status.st_mode):
        raise RepertoireError(str(path), "is not a regular file, expected a .pdf or .txt source file")
    if status.st_size > MAX_SOURCE_BYTES:
        raise RepertoireError(str(path), f"is {status.st_size:,} bytes, more than the {MAX_SOURCE_BYTES:,} "
                              "a source may have (a year's supplement is a few tens of MB at most)")


def parse_source(path: Path) -> list[RawSection]:
    suffix = path.suffix.lower()
    check_source(path)
    if suffix in PDF_SUFFIXES:
        from generator.parse.pdf.reader import parse_pdf  # pdfplumber is only loaded when needed

        return parse_pdf(path)
    if suffix in TEXT_SUFFIXES:
        from generator.parse.text import parse_text

        return parse_text(path)
    raise RepertoireError(str(path), f"unknown source type {suffix or '(no extension)'!r}: expected .pdf or .txt")


def spreads_over_cores(path: Path) -> bool:
    """Whether the reader of `path` spreads its own work over the cores (the PDF reader reads pages in
    parallel): such a source is read alone, the others side by side."""
    return path.suffix.lower() in PDF_SUFFIXES
