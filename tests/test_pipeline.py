"""The one pipeline (generator/pipeline.py) that build, serve and parse share: every problem is
known before --strict is checked; serve reads the Library's tables and the site's address as
build does; a new content folder gets what the configuration names."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.support.builders import project_folder
from tests.support.paths import ROOT, SAMPLE_TXT


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def atlantis(tmp_path):
    """The bundled section with a State in footnote 835's list replaced by one that does not exist."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    assert "⁸³⁵ Ibid., (Ghana, Switzerland," in text
    source = tmp_path / "atlantis.txt"
    source.write_text(text.replace("⁸³⁵ Ibid., (Ghana, Switzerland,", "⁸³⁵ Ibid., (Atlantis, Switzerland,"),
                      encoding="utf-8")
    return source


def test_strict_fails_on_a_problem_only_the_linker_finds(tmp_path, atlantis):
    project = project_folder(tmp_path / "project", assets=True)
    plain = run("build", SAMPLE_TXT, "--strict", cwd=project)
    assert plain.returncode == 0, plain.stderr  # the section itself has no problem
    shutil.rmtree(project / "site")
    done = run("build", atlantis, "--strict", cwd=project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Atlantis" in done.stderr and "--strict" in done.stderr and "Traceback" not in done.stderr
    assert not (project / "site").exists()  # nothing written


def test_parse_json_lists_the_linkers_problems(tmp_path, atlantis):
    done = run("parse", atlantis, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert [p["place"] for p in problems if "Atlantis" in p["message"]] == ["footnote 835"]
    assert "Atlantis" in done.stderr  # and the warning, as build prints it


def _built_assets(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    return {name: name in page and (site / name).is_file()
            for name in ("assets/stylesheets/repertoire.css", "assets/javascripts/repertoire.js",
                         "assets/vendor/iframe-worker/shim.js")}


def test_a_new_content_folder_gets_the_hand_written_pages_and_assets(tmp_path):
    project = project_folder(tmp_path / "project")
    shutil.rmtree(project / "content")
    done = run("build", SAMPLE_TXT, "--content", "pages", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "pages" / "about.md").read_bytes() == (ROOT / "content" / "about.md").read_bytes()
    assert (project / "pages" / "assets" / "vendor" / "iframe-worker" / "LICENSE").is_file()
    assert all(_built_assets(project / "site").values())
    assert "copied" in done.stderr and "pages" in done.stderr


def test_a_content_folder_with_only_its_pages_gets_the_assets_it_lacks(tmp_path):
    project = project_folder(tmp_path / "project")  # content/ holds about.md only
    (project / "content" / "about.md").write_text("# About this copy\n", encoding="utf-8")
    done = run("build", SAMPLE_TXT, cwd=project)
    assert done.returncode == 0, done.stderr
    assert all(_built_assets(project / "site").values())
    assert (project / "content" / "about.md").read_text(encoding="utf-8") == "# About this copy\n"  # kept


def test_a_named_file_found_nowhere_stops_the_build_before_any_page(tmp_path):
    project = project_folder(tmp_path / "project", assets=True)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - About: about.md\n" in text
    (project / "mkdocs.yml").write_text(text.replace("  - About: about.md\n", "  - About: about.md\n"
                                                     "  - Notes: notes.md\n"), encoding="utf-8")
    done = run("build", SAMPLE_TXT, cwd=project)
    assert done.returncode == 2 and "notes.md" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (project / "site").exists() and not (project / "content" / "meetings").exists()


def test_preview_reads_the_librarys_tables_and_the_sites_address(tmp_path, shared_data):
    from generator.pipeline import preview

    project = project_folder(tmp_path / "project", assets=True)
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://example.org/repertoire/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    tables = tmp_path / "tables"
    tables.mkdir()
    shutil.copy(shared_data / "dhl-meeting-tables" / "scact1946_table_en.html", tables)
    changes = preview([SAMPLE_TXT], project / "content", config, dhl=tables)
    content = project / "content"
    assert "meetings/S-PV-1.md" in changes.written and (content / "meetings" / "S-PV-1.md").is_file()
    assert "https://example.org/repertoire/meetings/S-PV-9389.html" in (
        content / "meetings" / "S-PV-9389.md").read_text(encoding="utf-8")
    again = preview([SAMPLE_TXT], content, config, dhl=tables)
    assert again.written == [] and again.removed == []  # in place: nothing rewritten needlessly


def test_serve_stops_while_a_build_holds_the_folder(tmp_path):
    from generator.model.errors import RepertoireError
    from generator.serve import serve
    from generator.site.lock import build_lock

    project = project_folder(tmp_path / "project", assets=True)
    content = project / "content"
    before = sorted(p.name for p in content.iterdir())
    with build_lock([content, project / "site"]):  # as a build holds it
        with pytest.raises(RepertoireError, match="another build is running"):
            # not this machine's address: without the lock, serve would fail there, after writing pages
            serve([SAMPLE_TXT], content, project / "mkdocs.yml", address="203.0.113.1:8765")
    assert sorted(p.name for p in content.iterdir()) == before  # no page written
