"""The parse cache: an unchanged PDF is not parsed again; anything odd in the cache is a miss."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

import generator.parse.pdf.reader as pdf_module
from generator.model import Footnote, FootnoteRef, Paragraph, Problem
from generator.parse.pdf import cache as pdf_cache
from generator.parse.pdf.reader import parse_pdf
from generator.parse.raw import RawSection, TableRow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "sources" / "peacekeeping-2023.pdf"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def sample(tmp_path) -> Path:
    path = tmp_path / "sample.pdf"
    shutil.copy(SAMPLE_PDF, path)
    return path


@pytest.fixture(scope="module")
def fresh():
    """The sample parsed without the cache."""
    return parse_pdf(SAMPLE_PDF, cache=False)


class Parses:
    """Counts the parses behind parse_pdf: real ones, or (given `result`) stand-ins that return
    a copy of it, for tests of the cache alone."""

    def __init__(self, monkeypatch, result=None):
        self.count = 0
        real = pdf_module.read_pdf

        def counting(path, *args, **kwargs):
            self.count += 1
            if result is not None:
                return renamed(result, str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(pdf_module, "read_pdf", counting)


def renamed(sections, file: str):
    sections = copy.deepcopy(sections)
    for section in sections:
        section.file = file
    return sections


def test_second_parse_hits_the_cache(cache, sample, fresh, monkeypatch):
    parses = Parses(monkeypatch)
    first = parse_pdf(sample)
    [entry] = cache.glob("*.json")
    assert entry.name == f"{pdf_cache.content_digest(sample)}.json"
    second = parse_pdf(sample)
    assert parses.count == 1
    assert first == second == renamed(fresh, str(sample))


def test_cache_file_is_checked_json(cache, sample):
    parse_pdf(sample)
    [entry] = cache.glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data["format"] == pdf_cache.FORMAT
    assert data["parser_version"] == pdf_cache.parser_version()
    assert data["sha256"] == entry.stem
    assert data["sections"][0]["number"] == "24"


def test_same_bytes_under_another_name_hit_with_that_name(cache, sample, tmp_path, monkeypatch):
    parse_pdf(sample)
    other = tmp_path / "elsewhere" / "copy.pdf"
    other.parent.mkdir()
    shutil.copy(sample, other)
    parses = Parses(monkeypatch)
    sections = parse_pdf(other)
    assert parses.count == 0
    assert all(s.file == str(other) for s in sections)


def test_a_modified_byte_misses(cache, sample, monkeypatch):
    parse_pdf(sample)
    data = bytearray(sample.read_bytes())
    at = data.index(b"%%EOF")
    data[at + 2] = ord("e")  # "%%eOF": a changed byte in a comment, the PDF reads the same
    sample.write_bytes(bytes(data))
    parses = Parses(monkeypatch)
    parse_pdf(sample)
    assert parses.count == 1
    assert len(list(cache.glob("*.json"))) == 2


def test_another_parser_version_misses_and_rewrites(cache, sample, monkeypatch):
    parse_pdf(sample)
    monkeypatch.setattr(pdf_cache, "parser_version", lambda: "0-older")
    parses = Parses(monkeypatch)
    parse_pdf(sample)
    assert parses.count == 1
    [entry] = cache.glob("*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["parser_version"] == "0-older"


def test_parser_version_follows_the_reader_source():
    version = pdf_cache.parser_version()
    assert version.startswith(f"{pdf_cache.PARSER_VERSION}-") and len(version) > 10
    read = {p.relative_to(ROOT / "generator").as_posix() for p in pdf_cache.reader_sources() if p.is_file()}
    assert {"parse/pdf/reader.py", "parse/pdf/layout.py", "parse/pdf/sections.py", "parse/pdf/cache.py",
            "parse/raw.py", "model/__init__.py"} <= read


def with_section_field(data: dict, name: str, value) -> str:
    data = copy.deepcopy(data)
    data["sections"][0][name] = value
    return json.dumps(data)


CORRUPTIONS = {
    "garbage": lambda data: "\x00\x01 not json at all",
    "empty": lambda data: "",
    "truncated": lambda data: json.dumps(data)[:200],
    "a list": lambda data: "[1, 2, 3]",
    "other format": lambda data: json.dumps({**data, "format": "pickle"}),
    "other digest": lambda data: json.dumps({**data, "sha256": "0" * 64}),
    "no sections": lambda data: json.dumps({k: v for k, v in data.items() if k != "sections"}),
    "number as int": lambda data: with_section_field(data, "number", 24),
    "missing field": lambda data: json.dumps({**data, "sections": [
        {k: v for k, v in data["sections"][0].items() if k != "title"}]}),
    "extra field": lambda data: with_section_field(data, "pickle", "cos\nsystem"),
    "bool for int": lambda data: with_section_field(data, "supplement", True),
    "bad paragraph": lambda data: with_section_field(data, "paragraphs", [{"text": 1}]),
    "deeply nested": lambda data: "[" * 100000 + "]" * 100000,
}


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=list(CORRUPTIONS))
def test_a_corrupt_cache_file_is_ignored_and_rewritten(cache, sample, fresh, monkeypatch, corruption):
    digest = pdf_cache.content_digest(sample)
    assert pdf_cache.store(sample, digest, renamed(fresh, str(sample)))
    entry = pdf_cache.entry(digest)
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(CORRUPTIONS[corruption](data), encoding="utf-8")
    parses = Parses(monkeypatch, result=fresh)
    assert parse_pdf(sample) == renamed(fresh, str(sample))
    assert parses.count == 1
    assert json.loads(entry.read_text(encoding="utf-8")) == data  # rewritten
    parse_pdf(sample)
    assert parses.count == 1  # and used again


def test_an_unusable_cache_folder_never_fails_the_parse(tmp_path, sample, fresh, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(blocker / "cache"))
    assert parse_pdf(sample) == renamed(fresh, str(sample))
    assert parse_pdf(sample) == renamed(fresh, str(sample))


def test_bad_input_is_never_cached(cache, tmp_path):
    from generator.model.errors import RepertoireError

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(SAMPLE_PDF.read_bytes()[:5000])
    for _ in range(2):
        with pytest.raises(RepertoireError):
            parse_pdf(broken)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_every_field_round_trips(cache, tmp_path):
    section = RawSection(
        file="x.pdf", number="7A", title="Tïtle “quoted”", unit="page", group=None, supplement=2023, part="I",
        paragraphs=[Paragraph("Text\u00a0with odd spaces", [FootnoteRef(5, 4)], meeting="S/PV.1", page=3)],
        footnotes=[Footnote(5, "See S/PV.1.", page=3)],
        table_rows=[TableRow(["S/PV.1 1 May 2023", "A"], ["meeting", "speakers"], "page 3"),
                    TableRow(["lost layout"], None, "page 4")],
        table_title=None,
        problems=[Problem("x.pdf", "page 4", "something odd", "warning")],
    )
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    digest = pdf_cache.content_digest(path)
    assert pdf_cache.store(path, digest, [section])
    [loaded] = pdf_cache.load(path, digest)
    section.file = section.problems[0].file = str(path)
    assert loaded == section
