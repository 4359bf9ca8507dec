"""Shared fixtures: the bundled section, a private parse cache, ../shared/data, the site built
from the bundled text source. Helpers and paths are in tests/support/, imported from there."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.builders import cli_build, project_folder
from tests.support.paths import SAMPLE_TXT, SHARED_DATA


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


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The site built from the bundled text source with the real CLI, in a scratch project,
    once for each test module that asks."""
    work = project_folder(tmp_path_factory.mktemp("build"))
    cli_build(work, SAMPLE_TXT)
    return work


@pytest.fixture(scope="session")
def library_site(tmp_path_factory, shared_data) -> Path:
    """The site a user builds from the bundled sources and all the Library's tables, 1946-2022
    (`--dhl ../shared/data/dhl-meeting-tables`: about 14,000 pages, a minute and a half), once per
    run for every test that asks; skipped where ../shared/data is absent."""
    from tests.support.paths import SOURCES

    work = project_folder(tmp_path_factory.mktemp("library-site"))
    sources = sorted(path for path in SOURCES.iterdir() if path.suffix in (".txt", ".pdf"))
    (work / "stderr.txt").write_text(cli_build(work, *sources, "--dhl", shared_data / "dhl-meeting-tables"),
                                     encoding="utf-8")
    return work
