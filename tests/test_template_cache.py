"""Compiled templates are kept between builds, never stale and never in the way."""
from __future__ import annotations

from generator.render.environment import make_environment


def test_a_changed_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path / "cache"))
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "home.md.j2").write_text("first {{ 1 + 1 }}", encoding="utf-8")
    assert make_environment([mine]).get_template("home.md.j2").render() == "first 2"
    assert any((tmp_path / "cache" / "templates").iterdir())
    (mine / "home.md.j2").write_text("second {{ 2 + 2 }}", encoding="utf-8")
    assert make_environment([mine]).get_template("home.md.j2").render() == "second 4"


def test_a_cache_that_cannot_be_written_or_read_is_no_error(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(blocked))
    assert "What links here" in make_environment().get_template("what_links_here.md.j2").render(
        sources=[], groups=[], link=None, index=None)
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(cache))
    make_environment().get_template("what_links_here.md.j2")
    for entry in (cache / "templates").iterdir():
        entry.write_bytes(b"garbage")
    assert "What links here" in make_environment().get_template("what_links_here.md.j2").render(
        sources=[], groups=[], link=None, index=None)
