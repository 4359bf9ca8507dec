"""The offline archive's checks and zip (generator/site/archive.py).

The archive opened in a browser is tested in tests/browser/test_archive.py.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generator.site.archive import OfflineCheckError, archive_name, build_date, make_archive, offline_problems, pack
from generator.model.errors import RepertoireError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "sources" / "peacekeeping-2023.txt"

PAGE = """<!doctype html><html lang="en"><head>
<link rel="stylesheet" href="{css}">
<script src="{script}"></script>
</head><body><a href="{link}">next</a><a href="https://undocs.org/en/S/PV.9389">S/PV.9389</a></body></html>"""


def small_site(folder: Path, css="assets/main.css", script="assets/shim.js", link="meetings/index.html") -> Path:
    (folder / "search").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    (folder / "assets" / "main.css").write_text("body { color: black }", encoding="utf-8")
    (folder / "index.html").write_text(PAGE.format(css=css, script=script, link=link), encoding="utf-8")
    return folder


def test_a_self_contained_site_has_no_offline_problem(tmp_path):
    assert offline_problems(small_site(tmp_path)) == []


@pytest.mark.parametrize("change, expected", [
    ({"script": "https://unpkg.com/iframe-worker/shim"}, 'loads <script src="https://unpkg.com/iframe-worker/shim">'),
    ({"css": "https://fonts.googleapis.com/css?family=Roboto"}, "fonts.googleapis.com"),
    ({"css": "//cdn.example.org/x.css"}, "//cdn.example.org/x.css"),
    ({"link": "meetings/"}, "directory address meetings/"),
])
def test_what_breaks_the_site_offline_is_named(tmp_path, change, expected):
    problems = offline_problems(small_site(tmp_path, **change))
    assert len(problems) == 1 and problems[0].startswith("index.html: ") and expected in problems[0], problems


def test_remote_urls_in_stylesheets_and_a_missing_inlined_index(tmp_path):
    site = small_site(tmp_path)
    (site / "assets" / "main.css").write_text("@import 'https://fonts.example.org/a.css';\n"
                                              "b { background: url(https://x.example.org/i.png) }", encoding="utf-8")
    (site / "search" / "search_index.js").unlink()
    problems = offline_problems(site)
    assert any("assets/main.css" in p and "fonts.example.org" in p for p in problems)
    assert any("assets/main.css" in p and "x.example.org/i.png" in p for p in problems)
    assert any(p.startswith("search/search_index.js: missing") for p in problems)


def test_links_to_other_sites_are_fine_loads_are_not(tmp_path):
    site = small_site(tmp_path)
    (site / "about.html").write_text('<a href="https://undocs.org/en/A/78/2">A/78/2</a>'
                                     '<img src="assets/logo.png"><img src="http://example.org/t.gif">',
                                     encoding="utf-8")
    assert offline_problems(site) == ['about.html: loads <img src="http://example.org/t.gif"> from another origin']


def test_pack_is_a_dated_zip_with_one_folder_and_the_same_bytes_each_time(tmp_path):
    site = small_site(tmp_path / "site")
    first = pack(site, tmp_path / "one", date(2026, 3, 4))
    second = pack(site, tmp_path / "two", date(2026, 3, 4))
    assert first.name == "repertoire-site-2026-03-04.zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == sorted(archive.namelist())
        assert set(archive.namelist()) == {"repertoire-site-2026-03-04/" + name for name in
                                           ("index.html", "assets/main.css", "search/search_index.js")}
        assert archive.read("repertoire-site-2026-03-04/index.html") == (site / "index.html").read_bytes()
    assert not list((tmp_path / "one").glob("*.part"))


def test_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == date(2023, 11, 14)
    assert archive_name(build_date()) == "repertoire-site-2023-11-14"


def test_make_archive_refuses_a_site_that_needs_the_network(tmp_path):
    site = small_site(tmp_path / "site", script="https://unpkg.com/iframe-worker/shim")
    with pytest.raises(OfflineCheckError) as raised:
        make_archive(site, tmp_path / "dist")
    assert raised.value.exit_code == 1
    assert "unpkg.com" in str(raised.value)
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())
    with pytest.raises(RepertoireError):
        make_archive(tmp_path / "nothing-built", tmp_path / "dist")


def project_copy(tmp_path: Path) -> Path:
    work = tmp_path / "project"
    (work / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copy(ROOT / "content" / "about.md", work / "content" / "about.md")
    shutil.copytree(ROOT / "content" / "assets", work / "content" / "assets")
    return work


def test_cli_archive_fails_when_the_search_shim_would_come_from_a_cdn(tmp_path):
    """Material's default: the iframe-worker shim from unpkg.com. Offline, search would vanish: refused."""
    work = project_copy(tmp_path)
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- assets/vendor/iframe-worker/shim.js" in config
    (work / "mkdocs.yml").write_text(config.replace("- assets/vendor/iframe-worker/shim.js",
                                                    "- https://unpkg.com/iframe-worker/shim"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", str(SAMPLE_TXT), "--archive"],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "unpkg.com/iframe-worker" in result.stderr and "would not work offline" in result.stderr
    assert not (work / "dist").exists() or not list((work / "dist").glob("*.zip"))
