"""The content folder's one staging code path (generator/site/staging.py), in place as the
preview uses it: only what changed is written, stale pages go, hand-written ones stay."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from generator.model.errors import RepertoireError
from generator.link import pages
from generator.site.staging import ContentStager


def refresh(pages: dict[str, str], content) -> list[str]:
    stager = ContentStager.in_place(content)
    for relative, text in pages.items():
        stager.add(relative, text.encode("utf-8"))
    changes = stager.finish()
    return sorted(changes.written + changes.removed)


def test_in_place_writes_only_what_changed_and_removes_stale_pages(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("# About\n", encoding="utf-8")
    first = refresh({"index.md": "# Home\n", "meetings/a.md": "# A\n", "meetings/b.md": "# B\n"}, content)
    assert first == ["index.md", "meetings/a.md", "meetings/b.md"]
    stamp = (content / "index.md").stat().st_mtime_ns
    second = refresh({"index.md": "# Home\n", "meetings/a.md": "# A, edited\n"}, content)
    assert second == ["meetings/a.md", "meetings/b.md"]  # a rewritten, b no longer generated: removed
    assert (content / "index.md").stat().st_mtime_ns == stamp  # untouched: no needless rebuild
    assert not (content / "meetings" / "b.md").exists()
    assert (content / "about.md").read_text(encoding="utf-8") == "# About\n"
    assert (content / ".generated").read_text(encoding="utf-8").split() == ["index.md", "meetings/a.md"]
    manifest_stamp = (content / ".generated").stat().st_mtime_ns
    assert refresh({"index.md": "# Home\n", "meetings/a.md": "# A, edited\n"}, content) == []
    assert (content / ".generated").stat().st_mtime_ns == manifest_stamp


def test_in_place_never_overwrites_a_hand_written_page_nor_writes_outside(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("# About\n", encoding="utf-8")
    with pytest.raises(RepertoireError, match="hand-written"):
        refresh({"about.md": "# Generated\n"}, content)
    with pytest.raises(RepertoireError, match="unsafe page address"):
        refresh({"../escape.md": "x"}, content)
    assert (content / "about.md").read_text(encoding="utf-8") == "# About\n"
    assert not (tmp_path / "escape.md").exists()


def test_in_place_never_writes_through_a_hard_link(tmp_path):
    content = tmp_path / "content"
    refresh({"index.md": "# Home\n"}, content)
    other = tmp_path / "previous-build-copy.md"
    os.link(content / "index.md", other)
    refresh({"index.md": "# Home, edited\n"}, content)
    assert other.read_text(encoding="utf-8") == "# Home\n"
    assert (content / "index.md").read_text(encoding="utf-8") == "# Home, edited\n"
    assert not list(content.glob(".*.tmp"))


@pytest.mark.skipif(shutil.which("git") is None, reason="no git")
def test_git_ignores_what_the_build_writes_and_nothing_hand_written(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("# About\n", encoding="utf-8")
    refresh({"index.md": "# Home\n"}, content)

    def ignored(relative: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", f"content/{relative}"], cwd=tmp_path).returncode == 0

    for top in pages.generated_paths():
        assert ignored(f"{top}page.md" if top.endswith("/") else top), top
    assert ignored(".generated") and ignored(".gitignore")
    assert not ignored("about.md") and not ignored("assets/stylesheets/repertoire.css")


def test_a_gitignore_the_build_did_not_write_is_kept(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    refresh({"index.md": "# Home\n"}, content)
    assert (content / ".gitignore").read_text(encoding="utf-8") == "drafts/\n"
