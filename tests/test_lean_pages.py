"""MkDocs with its pages held compressed writes exactly the site it writes without."""
from __future__ import annotations

import logging

from generator.pipeline import build as build_site
from generator.site.lean_pages import install
from tests.support.builders import project_folder
from tests.support.paths import SAMPLE_TXT


def mkdocs_build(config_file, docs_dir, site_dir, lean):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir))
    if lean:
        install(config)
    build(config)
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}


def test_compressed_pages_give_the_same_site(tmp_path):
    project_folder(tmp_path, assets=True)
    build_site([SAMPLE_TXT], tmp_path / "content", tmp_path / "site", tmp_path / "mkdocs.yml")
    plain = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "content", tmp_path / "plain", lean=False)
    lean = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "content", tmp_path / "lean", lean=True)
    pages = [name for name in plain if name.endswith(".html")]
    assert len(pages) > 20 and b"S/PV.9389" in plain["meetings/S-PV-9389.html"]
    assert lean.keys() == plain.keys()
    assert [name for name in plain if lean[name] != plain[name]] == []
