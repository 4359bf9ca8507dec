"""Shared fixtures: the project's paths and the bundled sources."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
SAMPLE_TXT = SOURCES / "peacekeeping-2023.txt"
SAMPLE_PDF = SOURCES / "peacekeeping-2023.pdf"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def sample_section():
    """The bundled text source, parsed and assembled."""
    from generator.assemble.sources import read_sources

    repertoire = read_sources([SAMPLE_TXT])
    assert len(repertoire.sections) == 1
    return repertoire.sections[0]


@pytest.fixture(scope="module")
def private_parse_cache(tmp_path_factory):
    """A parse cache of the test module's own (REPERTOIRE_CACHE_DIR), so no earlier run answers."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
        yield


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


def project_folder(folder: Path, assets: bool = False) -> Path:
    """A folder to build a site in, as a user's project: the project's mkdocs.yml, and content/
    with the hand-written page (and with `assets`, the site's CSS, scripts and vendored files)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "content").mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "about.md", folder / "content" / "about.md")
    if assets:
        shutil.copytree(ROOT / "content" / "assets", folder / "content" / "assets")
    return folder
