"""Where the tests' files are: the checkout, its bundled sources, and the Library's tables
beside it (../shared/data, absent on most machines)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
SAMPLE_TXT = SOURCES / "peacekeeping-2023.txt"
SAMPLE_PDF = SOURCES / "peacekeeping-2023.pdf"
SHARED_DATA = ROOT.parent / "shared" / "data"
