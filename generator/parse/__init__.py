"""Readers: one per source format, each returning `RawSection`s (see raw.py).

`parse_source` picks the reader by the file's suffix; `spreads_over_cores` says whether that reader
uses every core by itself, so that whoever reads many sources knows which to read side by side."""
from __future__ import annotations

from pathlib import Path

from generator.model.errors import RepertoireError
from generator.parse.raw import RawSection

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


def parse_source(path: Path) -> list[RawSection]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise RepertoireError(str(path), "no such file")
    if path.is_dir():
        raise RepertoireError(str(path), "is a folder, expected a .pdf or .txt source")
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
