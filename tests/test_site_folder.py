"""A site folder is replaced only if a build made it (generator/site/folders.py), one build at a
time in a folder (generator/site/lock.py), and what a killed build left never blocks the next."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys

import pytest

from tests.support.builders import cli_build, project_folder
from tests.support.paths import SAMPLE_TXT


def _build(project, *arguments):
    env = {**os.environ, "REPERTOIRE_WORKERS": "1"}
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", str(SAMPLE_TXT), *map(str, arguments)],
                          cwd=project, capture_output=True, text=True, env=env)


def _refused(result, name):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "internal error" not in lines[0], result.stderr
    return lines[0]


@pytest.fixture
def project(tmp_path):
    return project_folder(tmp_path / "project")


def test_a_folder_the_build_did_not_make_is_never_replaced(project):
    (project / "mydocs").mkdir()
    (project / "mydocs" / "notes.txt").write_text("x", encoding="utf-8")
    line = _refused(_build(project, "--site", "mydocs"), "mydocs")
    assert "did not make" in line
    assert sorted(os.listdir(project / "mydocs")) == ["notes.txt"]
    assert not (project / "mydocs.new").exists()


def test_the_sources_folder_is_never_replaced_by_the_site(project):
    (project / "sources").mkdir()
    (project / "sources" / "a.txt").write_bytes(SAMPLE_TXT.read_bytes())
    _refused(_build(project, "--site", "sources"), "sources")
    assert sorted(os.listdir(project / "sources")) == ["a.txt"]


def test_the_content_folder_is_not_a_site(project):
    cli_build(project, SAMPLE_TXT)
    _refused(_build(project, "--site", "content"), "content")
    assert (project / "content" / "about.md").exists()


def test_an_empty_folder_a_site_and_a_site_of_an_earlier_build_are_replaced(project):
    (project / "empty").mkdir()
    assert _build(project, "--site", "empty").returncode == 0
    assert (project / "empty" / ".repertoire-build").is_file() and (project / "empty" / "index.html").is_file()
    assert _build(project, "--site", "empty").returncode == 0
    # A site built before the marker existed: build-report.json and .build-state.json, no marker.
    (project / "empty" / ".repertoire-build").unlink()
    assert _build(project, "--site", "empty").returncode == 0, "an earlier build's site is ours"


def test_the_build_leaves_no_marker_in_the_content_folder(project):
    assert _build(project).returncode == 0
    assert not (project / "content" / ".repertoire-build").exists()
    assert (project / "site" / ".repertoire-build").exists()


@pytest.mark.parametrize("scratch", ["site.new", "site.old", "content.new"])
def test_a_scratch_folder_the_user_made_stops_the_build_untouched(project, scratch):
    assert _build(project).returncode == 0
    (project / scratch).mkdir()
    (project / scratch / "mine.txt").write_text("mine", encoding="utf-8")
    _refused(_build(project), scratch)
    assert os.listdir(project / scratch) == ["mine.txt"]


def test_a_scratch_folder_a_killed_build_left_is_removed(project):
    assert _build(project).returncode == 0
    home = (project / "site" / "index.html").read_bytes()
    for scratch in ("site.new", "site.old"):
        (project / scratch).mkdir()
        (project / scratch / ".repertoire-build").write_text(
            "site folder made by repertoire build: the next build may replace or remove it\n", encoding="utf-8")
        (project / scratch / "index.html").write_text("half", encoding="utf-8")
    (project / "content.new").mkdir()
    (project / "content.new" / ".generated").write_text("", encoding="utf-8")
    assert _build(project).returncode == 0
    assert not any((project / name).exists() for name in ("site.new", "site.old", "content.new"))
    assert (project / "site" / "index.html").read_bytes() == home


def test_a_second_build_in_the_folder_stops_naming_the_lock(project):
    folder = os.open(project, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        line = _refused(_build(project), str(project))
    finally:
        os.close(folder)
    assert "another build is running" in line
    assert not (project / "site").exists()
    assert _build(project).returncode == 0  # the lock ends with the process that held it
