"""Bad and damaged PDFs through the command line: a one-line error (exit 2) or a valid result.

Every case runs `python -m generator.cli parse FILE --json` in its own process
with a time limit (all cases at once, as many at a time as there are cores),
so a crash, a traceback or a hang in pdfminer or in the reader fails the test
instead of the test run. Damaged copies of the sample PDF (truncated, bytes
flipped, pages removed, cross-reference table broken) must give either a
clear error or a valid partial result, never an internal error.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest

from tests.support.pdfs import MINUTES, NO_SECTION, text_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "sources" / "peacekeeping-2023.pdf"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
TIME_LIMIT = 60  # seconds for one parse of a five-page file; it takes about one


@dataclass
class Outcome:
    returncode: Optional[int]  # None: timed out
    stdout: str
    stderr: str


def cli(*args, cwd: Path, cache: Path) -> Outcome:
    env = {**os.environ, "REPERTOIRE_CACHE_DIR": str(cache), "REPERTOIRE_WORKERS": "1"}
    env.pop("REPERTOIRE_DEBUG", None)
    try:
        done = subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired as timeout:
        return Outcome(None, str(timeout.stdout or ""), str(timeout.stderr or ""))
    return Outcome(done.returncode, done.stdout, done.stderr)


# --------------------------------------------------------------------------- making bad files


def scanned_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 750, 140), fill="black")
    image.save(path, "PDF", resolution=100.0)


def without_pages(keep: Callable[[int], bool]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        import pikepdf

        with pikepdf.open(SAMPLE_PDF) as pdf:
            for index in reversed(range(len(pdf.pages))):
                if not keep(index + 1):
                    del pdf.pages[index]
            pdf.save(path)

    return make


def truncated(fraction: float) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(SAMPLE_PDF.read_bytes()[: int(SAMPLE_PDF.stat().st_size * fraction)])


def flipped(seed: int, count: int, region: tuple[float, float] = (0.0, 1.0)) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = bytearray(SAMPLE_PDF.read_bytes())
        rng = random.Random(seed)
        low, high = int(len(data) * region[0]), int(len(data) * region[1]) - 1
        for _ in range(count):
            at = rng.randint(low, high)
            data[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))

    return make


def replaced(old: bytes, new: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = SAMPLE_PDF.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new))

    return make


# The cases with a known outcome: (maker, words the one-line error must contain).
BAD = {
    "encrypted": (lambda path: path.write_bytes((FIXTURES / "encrypted.pdf").read_bytes()), ["encrypted"]),
    "corrupt": (lambda path: path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40), ["not a readable pdf"]),
    "not a pdf": (lambda path: path.write_text("24. Peacekeeping\n\nText.\n", encoding="utf-8"), ["not a readable pdf"]),
    "empty": (lambda path: path.write_bytes(b""), ["empty"]),
    "truncated": (truncated(0.5), ["not a readable pdf", "truncated"]),
    "scanned": (scanned_pdf, ["no text layer", "scanned"]),
    "minutes": (lambda path: text_pdf(path, MINUTES), ["not a repertoire section"]),
    "no section": (lambda path: text_pdf(path, NO_SECTION), ["not a repertoire section", "section heading"]),
}

# Damaged copies of the sample: an error or a valid (partial) result, never a crash or a hang.
DAMAGED = {
    **{f"truncated {f:g}": truncated(f) for f in (0.02, 0.3, 0.7, 0.97, 0.999)},
    **{f"{n} flipped bytes, seed {s}": flipped(s, n) for s, n in ((1, 1), (2, 1), (3, 5), (4, 20), (5, 200))},
    **{f"flips in page content, seed {s}": flipped(s, 3, (0.05, 0.6)) for s in (6, 7, 8)},
    "first page removed": without_pages(lambda n: n != 1),
    "only the table page": without_pages(lambda n: n == 4),
    "pages 2 and 3 removed": without_pages(lambda n: n not in (2, 3)),
    "cross-reference table broken": replaced(b"xref", b"xxxx"),
    "startxref wrong": replaced(b"startxref", b"startxrefX"),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, tuple[Path, Outcome]]:
    """Every case's file and the outcome of `parse FILE --json`, all run at once."""
    folder = tmp_path_factory.mktemp("bad-pdfs")
    cache = tmp_path_factory.mktemp("cache")
    files = {}
    for index, (name, maker) in enumerate([(n, m) for n, (m, _) in BAD.items()] + list(DAMAGED.items())):
        path = folder / f"case-{index:02d}.pdf"
        maker(path)
        files[name] = path
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda path: cli("parse", path, "--json", cwd=ROOT, cache=cache), files.values())
        return {name: (path, outcome) for (name, path), outcome in zip(files.items(), results)}


def assert_one_line_error(path: Path, outcome: Outcome, words: list[str] = ()) -> None:
    assert outcome.returncode == 2, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith("repertoire: error: ") and path.name in lines[0]
    assert "Traceback" not in outcome.stderr and outcome.stdout == ""
    for word in words:
        assert word in lines[0].lower()


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_pdf_is_a_one_line_error(outcomes, case):
    path, outcome = outcomes[case]
    assert_one_line_error(path, outcome, BAD[case][1])


@pytest.mark.parametrize("case", DAMAGED, ids=list(DAMAGED))
def test_damaged_pdf_gives_an_error_or_a_valid_result(outcomes, case):
    path, outcome = outcomes[case]
    assert outcome.returncode is not None, f"no answer within {TIME_LIMIT} s"
    if outcome.returncode == 2:
        assert_one_line_error(path, outcome)
        return
    assert outcome.returncode == 0, outcome.stderr
    data = json.loads(outcome.stdout)
    assert data["sections"]
    for section in data["sections"]:
        assert section["sources"] == [str(path)]
        for paragraph in section["paragraphs"]:
            assert isinstance(paragraph["page"], int)
    for line in outcome.stderr.splitlines():
        assert line.startswith("repertoire: warning: "), line


def test_the_damage_is_varied(outcomes):
    """Guards the fuzz cases: some still read (partially), some are refused."""
    codes = [outcomes[case][1].returncode for case in DAMAGED]
    assert codes.count(0) >= 3 and codes.count(2) >= 3


def test_missing_pdf(tmp_path):
    outcome = cli("parse", tmp_path / "missing.pdf", cwd=ROOT, cache=tmp_path)
    assert_one_line_error(tmp_path / "missing.pdf", outcome, ["no such file"])


@pytest.mark.parametrize("case", ["encrypted", "truncated", "minutes"])
def test_build_writes_nothing_for_a_bad_pdf(tmp_path, case):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "bad.pdf"
    BAD[case][0](source)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    outcome = cli("build", source, cwd=tmp_path, cache=tmp_path / ".cache" / "repertoire")
    assert_one_line_error(source, outcome, BAD[case][1])
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "site").exists()
