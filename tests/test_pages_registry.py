"""The registry of page kinds (generator/link/pages.py): every page the bundled build writes is
addressed by a registered kind, in that kind's folder, with a file name the one slug function
made; the kinds' folders are distinct; their ranks order "What links here" as they always have."""
from __future__ import annotations

import pytest

from tests.support.paths import SOURCES
from generator.assemble.sources import read_sources
from generator.link import pages
from generator.link.addresses import slug
from generator.link.catalogue import BODY, BRIEFER, COUNTRY, DOCUMENT, MISSION
from generator.link.index import SiteIndex
from generator.model import Decision, Meeting, Section, WrittenDecision
from generator.render.renderer import SiteRenderer
from generator.pipeline import default_sources, link

# The order of "What links here" (indexes, then pages by kind), as the site has always listed it.
WHAT_LINKS_HERE = ["index", "section", "meeting", "decision", "topic", COUNTRY, MISSION, BODY, BRIEFER, DOCUMENT]


@pytest.fixture(scope="module")
def bundled():
    """The bundled sources, a meeting only the Library's tables list and a decision taken without a
    meeting (so a record's page, its year's page, an agenda item's page and a decision's page are
    written too): the index and every file written."""
    repertoire = read_sources(default_sources(SOURCES))
    repertoire.records.append(Meeting("S/PV.80", "1946-11-15", topics=["Admission of new Members"]))
    repertoire.written_decisions.append(WrittenDecision("1946-11-16", ["Admission of new Members"],
                                                        [Decision("S/RES/9 (1946)", "11-0-0")]))
    renderer = SiteRenderer(link(repertoire))
    return renderer.index, renderer.pages()


def test_every_page_written_is_addressed_by_its_kind_in_its_folder(bundled):
    index, written = bundled
    markdown = {path for path in written if path.endswith(".md")}
    assert markdown == set(index.kinds)  # every page written was addressed, and every address written
    for page in markdown:
        kind = index.kinds[page]
        assert kind in pages.KINDS and pages.kind_of(page) is kind, page
        names = page[:-3].split("/")[1:] if kind.folder else [page[:-3]]
        assert names and all(name == slug(name, kind.keep_case) for name in names), page
    written_kinds = {index.kinds[page] for page in markdown if page != index.kinds[page].index_address}
    assert written_kinds == {kind for kind in pages.KINDS if kind.template}  # the build has a page of each
    assert {pages.kind_of(path) for path in set(written) - markdown} == {pages.DATA}  # the open data files


def test_what_the_build_writes_is_inside_the_generated_paths(bundled):
    _, written = bundled
    generated = pages.generated_paths()
    for path in written:
        assert any(path == top or (top.endswith("/") and path.startswith(top)) for top in generated), path
    assert "about.md" not in generated and not any(top.startswith("assets") for top in generated)


def test_kinds_have_distinct_names_folders_and_index_pages():
    kinds = pages.KINDS
    assert len({kind.name for kind in kinds}) == len({kind.folder for kind in kinds}) == len(kinds)
    assert len({kind.index_address for kind in kinds}) == len(kinds)
    for kind in kinds:
        assert pages.kind_named(kind.name) is kind and pages.kind_of(kind.index_address) is kind
        assert "/" not in kind.folder and kind.index_template


def test_ranks_order_what_links_here(bundled):
    index, _ = bundled
    by_rank = sorted((kind for kind in pages.KINDS if kind.template), key=lambda kind: kind.rank)
    assert ["index"] + [kind.name for kind in by_rank] == WHAT_LINKS_HERE
    assert all(kind.rank > pages.INDEX_RANK for kind in by_rank)
    # Every page of the bundled site in "What links here" order: its indexes (the year pages among
    # them), then its pages kind by kind.
    listed = []
    for page in sorted(index.kinds, key=index.backlink_order):
        kind = "index" if index.sort_keys[page][0] == pages.INDEX_RANK else index.kinds[page].name
        if not listed or listed[-1] != kind:
            listed.append(kind)
    assert listed == WHAT_LINKS_HERE
    assert index.sort_keys[index.year_pages["1946"]][0] == pages.INDEX_RANK
    document = max(index.kinds, key=lambda page: (index.kinds[page] is pages.DOCUMENTS, index.sort_keys[page][0]))
    assert index.backlink_order("about.md") > index.backlink_order(document)  # a page of no kind: last


def test_addresses_from_what_they_are_for():
    assert pages.meeting_address("S/PV.9389 (Resumption 1)") == "meetings/S-PV-9389-Resumption-1.md"
    assert pages.year_address("Undated") == "meetings/undated.md"
    assert pages.section_address(Section("24", "Peacekeeping", supplement=2023, part="I")) == "sections/2023-i-24.md"
    assert pages.section_address(Section("3A", "An item")) == "sections/undated-3a.md"
    assert pages.entity_address(COUNTRY, "Côte d'Ivoire") == "countries/cote-d-ivoire.md"
    assert pages.entity_address(MISSION, "A4P+") == "missions/a4p-plus.md"
    assert pages.entity_address(DOCUMENT, "S/RES/2378 (2017)") == "documents/s-res-2378-2017.md"
    assert pages.supplement_address(COUNTRY, "Côte d'Ivoire", None) == "countries/cote-d-ivoire/undated.md"
    assert pages.supplement_address(BRIEFER, "Special Envoy", 2023) == "briefers/special-envoy/2023.md"
    assert pages.topic_address("the-iranian-question") == "topics/the-iranian-question.md"
    assert pages.HOME.index_address == "index.md" and pages.MEETINGS.index_address == "meetings/index.md"


def test_built_address_is_the_html_page():
    assert pages.built_address("meetings/S-PV-9389.md") == "meetings/S-PV-9389.html"
    assert pages.built_address("index.md") == "index.html"
    assert pages.built_address("data/meetings.csv") == "data/meetings.csv"
    index = SiteIndex.build(read_sources([SOURCES / "peacekeeping-2023.txt"]), site_url="https://example.org/r/")
    assert index.address("meetings/S-PV-9389.md") == "https://example.org/r/meetings/S-PV-9389.html"
