"""Parsers: one per source format, each returning `RawSection`s (see raw.py)."""
from __future__ import annotations

from pathlib import Path

from generator.model.errors import RepertoireError
from generator.parse.raw import RawSection

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


def parse_source(path: Path) -> list[RawSection]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise RepertoireError(str(path), "no such file")
    if path.is_dir():
        raise RepertoireError(str(path), "is a folder, expected a .pdf or .txt source")
    if suffix == ".pdf":
        from generator.parse.pdf.reader import parse_pdf  # pdfplumber is only loaded when needed

        return parse_pdf(path)
    if suffix in TEXT_SUFFIXES:
        from generator.parse.text import parse_text

        return parse_text(path)
    raise RepertoireError(str(path), f"unknown source type {suffix or '(no extension)'!r}: expected .pdf or .txt")
