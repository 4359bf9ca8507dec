"""The documents the matrix prints: both bundled sections, and a whole synthetic Part I."""
from __future__ import annotations

from pathlib import Path

from tests.support.synthetic import write_synthetic_source
from tests.layouts.spec import DocumentSpec, document_from_text

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = [ROOT / "sources" / "peacekeeping-2023.txt", ROOT / "sources" / "repertoire-2022-part-i-extract.txt"]
LONG_MEETINGS = 760  # a Part I of some 40 sections, 300+ pages, tables of two to three pages
LONG_PER_SECTION = (13, 21)
LONG_SEED = 7


def bundled_sources() -> list[Path]:
    return [path for path in BUNDLED if path.exists()]


def long_source(folder: Path) -> Path:
    path = folder / "synthetic-part-i.txt"
    if not path.exists():
        write_synthetic_source(path, LONG_MEETINGS, LONG_SEED, per_section=LONG_PER_SECTION)
    return path


def spec_of(path: Path) -> DocumentSpec:
    return document_from_text(path)
