"""Incremental builds: only pages whose content changed are rewritten, the rest keep their files."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site.incremental import seed_dirty_site
from generator.site.staging import ContentStager
from generator.model.errors import RepertoireError
from generator.site.search_index import STEM_MARK, read_index, stem
from tests.support.builders import cli_build
from tests.support.paths import ROOT, SAMPLE_TXT


def build(work, *extra):
    cli_build(work, "source.txt", *extra)
    return json.loads((work / "site" / "build-report.json").read_text(encoding="utf-8"))


def times(folder, pattern):
    """Modification times of the pages (MkDocs always rewrites its own 404 page; the manifest is ours)."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob(pattern)
            if p.is_file() and p.name not in ("404.html", ".generated")}


@pytest.fixture()
def work(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content",
                    ignore=lambda d, names: [n for n in names if d == str(ROOT / "content") and n not in ("about.md", "assets")])
    shutil.copy(SAMPLE_TXT, tmp_path / "source.txt")
    return tmp_path


def test_unchanged_rebuild_touches_nothing(work):
    first = build(work)
    assert first["build"]["incremental"] is False
    content_before, site_before = times(work / "content", "*.md"), times(work / "site", "*.html")
    second = build(work)
    timings = second["build"].pop("timings")
    assert set(timings) == {"parse_s", "render_s", "write_s", "mkdocs_s"} and min(timings.values()) >= 0
    assert second["build"] == {"incremental": True, "pages_written": 0, "pages_removed": 0,
                               "pages_unchanged": first["counts"]["pages"]}
    assert times(work / "content", "*.md") == content_before
    assert times(work / "site", "*.html") == site_before


def test_one_changed_paragraph_rewrites_only_its_pages(work):
    build(work)
    content_before, site_before = times(work / "content", "*"), times(work / "site", "*.html")
    index_before = read_index(work / "site")
    source = work / "source.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count("tripartite forum") == 1
    source.write_text(text.replace("tripartite forum", "quadripartite forum"), encoding="utf-8")

    report = build(work)
    assert report["build"]["incremental"] is True
    written = _changed(content_before, times(work / "content", "*"))
    # The paragraph belongs to S/PV.9389: its meeting page and its section page change.
    assert "meetings/S-PV-9389.md" in written and any(p.startswith("sections/") for p in written)
    assert "meetings/S-PV-9475.md" not in written
    assert len(written) == report["build"]["pages_written"] < report["counts"]["pages"] / 2
    html = (work / "site" / "meetings" / "S-PV-9389.html").read_text(encoding="utf-8")
    assert "quadripartite forum" in html
    # The search index is whole: every page still in it, the changed one with its new words only.
    index = read_index(work / "site")
    assert index.paths == index_before.paths
    had_it = set(index_before.documents("tripartite"))
    assert had_it and set(index.documents("quadripartite")) == had_it and not index.documents("tripartite")
    assert {index.paths[d] for d, texts in enumerate(index.texts)
            if any("quadripartite forum" in text for _, _, text in texts)} == had_it
    changed = {word: {word, STEM_MARK + stem(word)} for word in ("quadripartite", "tripartite")}  # and its stem
    assert index.postings.keys() - changed["quadripartite"] == index_before.postings.keys() - changed["tripartite"]
    site_after = times(work / "site", "*.html")
    assert site_after["meetings/S-PV-9475.html"] == site_before["meetings/S-PV-9475.html"]
    assert site_after["meetings/S-PV-9389.html"] != site_before["meetings/S-PV-9389.html"]
    # ... and the same, byte for byte, as a full build's from the changed source.
    fresh = work / "fresh"
    fresh.mkdir()
    shutil.copy(work / "mkdocs.yml", fresh / "mkdocs.yml")
    shutil.copytree(work / "content", fresh / "content", ignore=lambda d, names: [
        n for n in names if d == str(work / "content") and n not in ("about.md", "assets")])
    shutil.copy(source, fresh / "source.txt")
    assert build(fresh)["build"]["incremental"] is False
    assert search_files(fresh / "site") == search_files(work / "site")


def search_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}


def _changed(before, after):
    return {path for path, mtime in after.items() if before.get(path) != mtime}


def test_configuration_change_forces_a_full_build(work):
    build(work)
    config = work / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Copy of "),
                      encoding="utf-8")
    report = build(work)
    assert report["build"]["incremental"] is False
    assert "Copy of" in (work / "site" / "meetings" / "S-PV-9475.html").read_text(encoding="utf-8")


def test_failed_incremental_build_leaves_previous_site_whole(work):
    """The dirty build starts from hard links to the previous site: a page MkDocs rewrites must
    not write through the link, even when the build fails after writing it."""
    build(work)
    before = {p.relative_to(work): p.read_bytes() for p in (work / "site").rglob("*") if p.is_file()}
    source = work / "source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("tripartite forum", "quadripartite forum"),
                      encoding="utf-8")
    (work / "content" / "notes.md").write_text("# Notes\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "source.txt"], cwd=work,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "missing.md" in result.stderr
    after = {p.relative_to(work): p.read_bytes() for p in (work / "site").rglob("*") if p.is_file()}
    assert after == before
    assert b"quadripartite" not in before[Path("site/meetings/S-PV-9389.html")]


def test_dirty_build_links_what_it_keeps_and_copies_what_it_rewrites(tmp_path):
    site, content, new = tmp_path / "site", tmp_path / "content", tmp_path / "new"
    for relative in ("kept.html", "changed.html", "gone.html", "404.html", "assets/theme.css", "data/d.json"):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(relative, encoding="utf-8")
    (content / "data").mkdir(parents=True)
    for relative, age in (("kept.md", -100), ("changed.md", 100), ("data/d.json", 100)):
        (content / relative).write_text("source", encoding="utf-8")
        os.utime(content / relative, (time.time() + age, time.time() + age))
    seed_dirty_site(site, new, content, removed={"gone.html"})
    assert sorted(p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()) == [
        "404.html", "assets/theme.css", "changed.html", "data/d.json", "kept.html"]
    linked = {p.relative_to(new).as_posix() for p in new.rglob("*")
              if p.is_file() and p.stat().st_ino == (site / p.relative_to(new)).stat().st_ino}
    assert linked == {"kept.html", "assets/theme.css"}
    for relative in ("404.html", "changed.html", "data/d.json"):
        (new / relative).write_text("rewritten", encoding="utf-8")  # as MkDocs writes: in place
        assert (site / relative).read_text(encoding="utf-8") == relative


def test_staging_refuses_a_hand_written_page_at_a_generated_address_and_escapes(tmp_path):
    previous, staged = tmp_path / "content", tmp_path / "content.new"
    (previous / "meetings").mkdir(parents=True)
    (previous / "meetings" / "S-PV-1.md").write_text("# Written by hand\n", encoding="utf-8")
    (previous / "outside").symlink_to(tmp_path, target_is_directory=True)
    stager = ContentStager(previous, staged)
    stager.add("meetings/S-PV-2.md", b"# Generated\n")
    with pytest.raises(RepertoireError, match="hand-written page"):
        stager.add("meetings/S-PV-1.md", b"# Generated\n")
    with pytest.raises(RepertoireError, match="outside the content folder"):
        ContentStager(None, staged).add("outside/x.md", b"")
    assert (staged / "meetings" / "S-PV-1.md").read_text(encoding="utf-8") == "# Written by hand\n"
    assert not (tmp_path / "x.md").exists()
