"""The `repertoire` command: its JSON contract, help, and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.paths import ROOT, SAMPLE_TXT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True)


def test_parse_json_contract():
    result = run("parse", SAMPLE_TXT, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    section = data["sections"][0]
    assert {"number", "title", "group", "paragraphs", "footnotes", "meetings"} <= set(section)
    assert section["number"] == "24" and section["group"] == "Thematic issues"
    paragraph = section["paragraphs"][0]
    assert paragraph["footnotes"] == [832, 833] and paragraph["meeting"] is None
    footnote = next(f for f in section["footnotes"] if f["number"] == 835)
    assert footnote["citations"] == ["S/PV.9389"]
    assert "Ghana" in footnote["countries"]
    meeting = section["meetings"][0]
    assert {"symbol", "date", "sub_item", "other_documents", "rule_37", "rule_39", "speakers", "decisions"} <= set(meeting)
    assert meeting["symbol"] == "S/PV.9389" and meeting["date"] == "2023-07-28"


def test_readme_documents_every_json_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    data = json.loads(run("parse", SAMPLE_TXT, "--json").stdout)
    section = data["sections"][0]
    keys = set(data) | set(section) | set(section["paragraphs"][0]) | set(section["footnotes"][0]) \
        | set(section["meetings"][0])
    undocumented = {key for key in keys if f'"{key}"' not in readme}
    assert not undocumented


@pytest.mark.parametrize("command", [[], ["build"], ["parse"], ["inspect"]])
def test_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0 and "usage: repertoire" in result.stdout


@pytest.mark.parametrize("content, reason", [
    (None, "no such file"),
    (b"\x00\x01\x02 binary", "binary"),
    (b"Words without any section.\n", "section heading"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, content, reason):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("parse", path, "--json")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "input.txt" in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_unknown_source_type(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    result = run("parse", path)
    assert result.returncode == 2 and "notes.docx" in result.stderr and "unknown source type" in result.stderr


def test_failed_build_leaves_previous_site(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("build", SAMPLE_TXT, cwd=tmp_path).returncode == 0
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    broken = tmp_path / "broken.txt"
    broken.write_text("nothing here\n", encoding="utf-8")
    result = run("build", SAMPLE_TXT, broken, cwd=tmp_path)
    assert result.returncode == 2 and "broken.txt" in result.stderr
    broken.unlink()
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


BROKEN_SECTION = """Asia

7. An item

The Council met.¹ It heard a briefing.² A letter (S/PRST/25) was noted.

¹ See S/PV.9001.

² Ibid.

³ See S/PV.9002.
"""


def test_build_report_and_strict(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "broken.txt"
    source.write_text(BROKEN_SECTION, encoding="utf-8")

    strict = run("build", source, "--strict", cwd=tmp_path)
    assert strict.returncode == 1, strict.stderr
    assert "broken.txt" in strict.stderr and "Traceback" not in strict.stderr
    assert not (tmp_path / "site").exists()

    lenient = run("build", source, cwd=tmp_path)
    assert lenient.returncode == 0, lenient.stderr
    report = json.loads((tmp_path / "site" / "build-report.json").read_text(encoding="utf-8"))
    assert report["counts"]["paragraphs"] == 1 and report["counts"]["footnotes"] == 3
    assert report["problems_by_kind"]["footnotes_without_markers"] == 1
    assert report["problems_by_kind"]["unrecognised_symbols"] == 1
    assert any("S/PRST/25" in p["message"] for p in report["problems"])
    warnings = [line for line in lenient.stderr.splitlines() if "warning" in line]
    assert len(warnings) == len(report["problems"])
    assert "3 footnotes" in lenient.stdout and "2 problems" in lenient.stdout


@pytest.mark.parametrize("address", [
    "../escape.md", "/etc/passwd.md", "meetings/..\\\\x.md", "a/\x00.md", "meetings/" + "x" * 300 + ".md", "a//b.md",
])
def test_unsafe_page_addresses_are_refused(address):
    from generator.link.addresses import Addresses
    from generator.model.errors import RepertoireError

    with pytest.raises(RepertoireError) as error:
        addresses = Addresses()
        for page in ("index.md", address):
            addresses.claim(page, page)
    assert "unsafe page address" in str(error.value)


@pytest.mark.parametrize("first, second", [
    ("countries/ghana.md", "countries/Ghana.md"),
    ("countries/c\u00f4te.md", "countries/co\u0302te.md"),
])
def test_colliding_page_addresses_name_both(first, second):
    from generator.link.addresses import Addresses
    from generator.model.errors import RepertoireError

    with pytest.raises(RepertoireError) as error:
        addresses = Addresses()
        for page in (first, second):
            addresses.claim(page, page)
    assert first in str(error.value) and second in str(error.value)
