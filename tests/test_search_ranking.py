"""What search finds and in what order, as the worker (run in Node) ranks it: exact matches, then
pages about the match, then prefix matches, then stem-only matches (README, "Search")."""
from __future__ import annotations

import pytest

from generator.site import search_index as si
from tests.support.paths import ROOT, SOURCES
from tests.support.search_worker import found_pages as found, write_index


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The search index of the bundled site (its sources and hand-written pages), where a built site has it."""
    from generator.assemble.sources import read_sources
    from generator.link.index import SiteIndex
    from generator.site.search_documents import documents

    sources = sorted(p for p in SOURCES.iterdir() if p.suffix in (".txt", ".pdf"))
    files, _, _ = si.prepare_search_index(documents(SiteIndex.build(read_sources(sources))), ROOT / "content")
    site = tmp_path_factory.mktemp("bundled-search")
    write_index(site, files)
    return site


def before(results: list[str], first: str, *others: str) -> bool:
    return first in results and all(other not in results or results.index(first) < results.index(other)
                                    for other in others)


def test_force_commanders_finds_the_force_commanders_by_their_stem(bundled):
    results = found(bundled, "force commanders")
    commanders = [path for path in results if path.startswith("briefers/") and "force-commander-of" in path]
    assert len(commanders) >= 3, results


def test_exact_and_prefix_matches_rank_above_stem_only_matches(bundled):
    loaded = si.read_index(bundled)
    written = {path for term, postings in loaded.postings.items() if term.startswith("commanders")
               for path in loaded.documents(term)}
    stemmed = set(loaded.documents(si.STEM_MARK + "command")) | set(loaded.documents("command"))
    results = found(bundled, "commanders")
    stem_only = [path for path in results if path not in written]
    assert written and len(stem_only) >= 3 and set(stem_only) <= stemmed  # "Commander" ... by its stem
    assert results[:len(written)] == [path for path in results if path in written]


def test_a_symbol_is_never_stemmed(bundled):
    results = found(bundled, "S/PV.9389")
    loaded = si.read_index(bundled)
    assert results and set(results) <= {p for t, _ in loaded.postings.items() if t.startswith("s/pv.9389")
                                        for p in loaded.documents(t)}


def test_a_meeting_number_finds_its_meeting_and_section_before_the_about_page(bundled):
    results = found(bundled, "9389")
    assert results[0] == "meetings/S-PV-9389.html", results
    assert before(results, "sections/2023-i-24.html", "about.html"), results


# ---------------------------------------------------------------- the Library's tables (--dhl)


def test_a_resolution_first_then_the_meeting_that_adopted_it_then_longer_symbols(library_site):
    results = found(library_site / "site", "S/RES/242")
    assert results[:2] == ["documents/s-res-242-1967.html", "meetings/S-PV-1382.html"], results[:12]
    longer = [p for p in results if p.startswith("documents/s-res-242") and p != "documents/s-res-242-1967.html"]
    assert len(longer) >= 10 and all(results.index(p) > 1 for p in longer)


def test_a_meeting_number_on_the_library_site(library_site):
    results = found(library_site / "site", "9389")
    assert before(results, "meetings/S-PV-9389.html", "about.html"), results
    assert before(results, "sections/2023-i-24.html", "about.html"), results


def test_the_agenda_item_with_most_meetings_ranks_first(library_site):
    results = found(library_site / "site", "Cyprus")
    assert before(results, "topics/the-situation-in-cyprus.html", "topics/complaint-by-the-government-of-cyprus.html"), \
        results[:12]
