"""An entity the Repertoire names in several supplements: its page lists them, a page for each
holds what that supplement says, and the site built from them has no broken link."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.assemble.sources import read_sources
from generator.pipeline import build as build_site
from generator.link.catalogue import BRIEFER, COUNTRY, MISSION
from generator.link.index import SiteIndex
from generator.pipeline import link
from generator.render.renderer import SiteRenderer
from tests.support.builders import project_folder
from tests.support.synthetic import write_synthetic_sources


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    files = write_synthetic_sources(folder / "sources", 400, seed=3).files
    repertoire = read_sources(files, jobs=1)
    index = SiteIndex.build(repertoire)
    return folder, files, index, SiteRenderer(index).pages()


def footnote_links(text: str) -> list[str]:
    return re.findall(r"\(footnote \[(\d+)\]\(<([^>]+)>\)", text)


def test_a_country_in_several_supplements_gets_a_page_for_each(synthetic):
    _, _, index, pages = synthetic
    catalogue = index.catalogue
    split = [code for code in catalogue.countries if len({c.section.supplement for c in catalogue.country_citations[code]}) > 1]
    assert split, "the synthetic sources should cite some country in several supplements"
    for code in split:
        main = index.page_of(COUNTRY, code)
        by_year = index.supplement_pages(COUNTRY, code)
        citations = catalogue.country_citations[code]
        assert set(by_year) >= {c.section.supplement for c in citations}
        for supplement, page in by_year.items():
            assert f"](<{page.rsplit('/', 2)[-2]}/{page.rsplit('/', 1)[1]}>)" in pages[main]  # listed, linked
            wanted = Counter(c.footnote.number for c in citations if c.section.supplement == supplement)
            found = Counter(int(number) for number, _ in footnote_links(pages[page]))
            assert found == wanted, (page, supplement)
        # The entity's own page no longer repeats every statement.
        assert not footnote_links(pages[main])


def test_missions_and_briefers_split_the_same_way(synthetic):
    _, _, index, pages = synthetic
    kinds = Counter(kind for kind, _ in index.entity_supplements)
    assert kinds[MISSION] and kinds[BRIEFER]
    for (kind, key), by_year in index.entity_supplements.items():
        main = index.page_of(kind, key)
        for supplement, page in by_year.items():
            assert f"in the {supplement} supplement" in pages[page]
            assert f"{supplement} supplement" in pages[main]


def test_the_site_with_supplement_pages_builds_strict(synthetic, tmp_path):
    _, files, index, _ = synthetic
    project_folder(tmp_path, assets=True)
    build_site(files, tmp_path / "content", tmp_path / "site", tmp_path / "mkdocs.yml")  # strict: no broken link
    some = next(iter(index.entity_supplements.values()))
    for page in some.values():
        assert (tmp_path / "site" / (page[:-3] + ".html")).is_file()


def test_a_single_supplement_keeps_a_single_page(sample_section):
    from generator.model import Repertoire

    index = SiteIndex.build(Repertoire([sample_section]))
    assert index.catalogue.countries and not index.entity_supplements
