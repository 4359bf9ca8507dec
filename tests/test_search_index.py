"""The search index (generator/site/search_index.py; its documents: generator/site/search_documents.py):
terms, symbols, accents, prefixes, shards, determinism, no boilerplate; and the built site's search files
(generator/site/search_plugin.py, overrides/)."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.link.pages import built_address
from generator.site import search_index as si
from generator.site.search_documents import documents as search_documents
from tests.support.paths import ROOT, SAMPLE_TXT


@pytest.fixture(scope="module")
def site_index():
    from generator.assemble.sources import read_sources
    from generator.link.index import SiteIndex

    return SiteIndex.build(read_sources([SAMPLE_TXT]))


@pytest.fixture(scope="module")
def index(site_index):
    return si.build_index(search_documents(site_index))


def documents_of(index, term):
    return {index.docs[packed >> 4].path: packed & 15 for packed in index.postings.get(term, [])}


# ---------------------------------------------------------------- words and terms


def test_folding_lowers_case_and_drops_accents():
    assert si.fold("Türkiye") == "turkiye"
    assert si.fold("Côte d’Ivoire") == "cote d’ivoire"
    assert si.terms("Côte d’Ivoire and São Tomé and Príncipe") == ["cote", "ivoire", "sao", "tome", "principe"]
    assert si.terms("ÉTATS-UNIS") == ["etats", "unis"]


def test_common_words_and_single_letters_are_not_terms():
    assert si.terms("The protection of civilians in a mission") == ["protection", "civilians", "mission"]
    assert si.terms("Ibid., (Ghana, Japan)") == ["ghana", "japan"]


def test_symbols_are_terms_whole_and_by_tails_and_parts():
    assert si.terms("S/PV.9389") == ["s/pv.9389", "pv.9389", "9389", "pv"]
    assert set(si.terms("S/RES/2719 (2023)")) == {"s/res/2719", "res/2719", "2719", "res", "2023"}
    assert "s/2023/646" in si.terms("see S/2023/646.")  # the full stop ends the sentence, not the symbol
    assert set(si.terms("A/78/2")) == {"a/78/2", "78/2", "78"}


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 15)), max_size=60))
@settings(max_examples=200, deadline=None)
def test_postings_survive_encoding(steps):
    postings, doc = [], -1
    for gap, weight in steps:
        doc += gap + 1
        postings.append((doc * 997, weight))  # large gaps too
    text = si.encode_postings(postings)
    assert set(text) <= set(si.ALPHABET)
    assert si.decode_postings(text) == postings


# ---------------------------------------------------------------- documents and weights


def test_every_page_worth_finding_is_a_document(site_index, index):
    paths = [doc.path for doc in index.docs]
    assert len(paths) == len(set(paths))
    built = {built_address(page) for page in site_index.titles}
    assert set(paths) == built
    for path in ("meetings/S-PV-9389.html", "sections/2023-i-24.html", "countries/mozambique.html",
                 "missions/monusco.html", "index.html", "meetings/2023.html"):
        assert path in paths


def test_a_name_finds_its_page_first_then_the_pages_naming_it(index):
    monusco = documents_of(index, "monusco")
    assert set(monusco) == {"missions/monusco.html", "meetings/S-PV-9389.html", "sections/2023-i-24.html"}
    assert monusco["missions/monusco.html"] > monusco["meetings/S-PV-9389.html"] >= monusco["sections/2023-i-24.html"]
    mozambique = documents_of(index, "mozambique")
    assert max(mozambique, key=mozambique.get) == "countries/mozambique.html"
    assert "meetings/S-PV-9413.html" in mozambique


def test_a_symbol_finds_its_meeting_by_any_of_its_forms(index):
    for term in ("s/pv.9413", "pv.9413", "9413"):
        found = documents_of(index, term)
        assert max(found, key=found.get) == "meetings/S-PV-9413.html", term
        assert found["meetings/S-PV-9413.html"] >= si.TITLE_WEIGHT


def test_boilerplate_is_not_indexed(index):
    """What every page repeats (navigation, "What links here", "Cite this page", the official
    record link, previous and next meeting) is not what a reader searches for."""
    meeting = next(d for d, doc in enumerate(index.docs) if doc.path == "meetings/S-PV-9389.html")
    terms = {term for term, packed in index.postings.items() if any(p >> 4 == meeting for p in packed)}
    for word in ("links", "cite", "official", "previous", "next", "open", "data", "topics", "page", "here", "record"):
        assert word not in terms, word
    assert {"monusco", "s/pv.9389", "force", "commander"} <= terms
    for label in ("bodies", "home"):  # nav labels only find their own page
        assert {index.docs[p >> 4].path for p in index.postings[label]} <= {"bodies/index.html", "index.html"}


def test_hand_written_pages_are_documents(tmp_path):
    (tmp_path / "about.md").write_text("# About this site\n\nMade from the *Repertoire*.\n\n## Source\n\n"
                                       "The [United Nations](https://un.org) text.\n", encoding="utf-8")
    (tmp_path / ".generated").write_text("index.md", encoding="utf-8")
    (tmp_path / "index.md").write_text("# Generated\n", encoding="utf-8")
    docs = si.hand_written(tmp_path)
    assert [(d.path, d.title) for d in docs] == [("about.html", "About this site")]
    assert [(p.label, p.text) for p in docs[0].passages] == [("", "Made from the Repertoire ."),
                                                             ("Source", "The United Nations text.")]


# ---------------------------------------------------------------- files: leaves, summaries, texts


def js_order(term: str) -> bytes:
    """The order of JavaScript's `<` on strings, which compares UTF-16 code units (the worker's binary search)."""
    return term.encode("utf-16-be")


def lookup(manifest: dict, prefix: str) -> tuple[int, int]:
    """The worker's leafOf(prefix) and leafOf(prefix + U+FFFF)."""
    leaves = manifest["leaves"]

    def leaf_of(term):
        order = js_order(term)
        return max([0] + [i for i, first in enumerate(leaves) if js_order(first) <= order])

    return leaf_of(prefix), leaf_of(prefix + "\uffff")


@pytest.fixture
def small_shards(index, monkeypatch):
    """The sample's index cut into many small leaves and blocks, as a large site's would be."""
    monkeypatch.setattr(si, "LEAF_BYTES", 300)
    monkeypatch.setattr(si, "BLOCK_BYTES", 2000)
    files, version = si.index_files(index)
    data = dict(si.read_script(content) for content in files.values())
    return files, version, data


def test_every_term_is_in_the_leaf_the_worker_looks_in(index, small_shards):
    files, _, data = small_shards
    manifest = data["manifest"]
    assert len(manifest["leaves"]) > 20 and manifest["summaries"]
    assert [js_order(t) for t in manifest["leaves"]] == sorted(js_order(t) for t in manifest["leaves"])
    for term, packed in index.postings.items():
        leaf = data[f"t{lookup(manifest, term)[0]}"]
        position = leaf[0::2].index(term)
        assert si.decode_postings(leaf[1::2][position]) == [(p >> 4, p & 15) for p in packed]


def test_a_prefix_reads_at_most_two_leaves_or_its_summary(index, small_shards):
    _, _, data = small_shards
    manifest = data["manifest"]
    typed = [term for term in index.postings if not term.startswith(si.STEM_MARK)]  # stems are looked up whole
    prefixes = {term[:n] for term in typed for n in range(1, len(term) + 1)}
    for prefix in prefixes:
        completions = {t for t in index.postings if t.startswith(prefix)}
        first, last = lookup(manifest, prefix)
        if prefix in manifest["summaries"]:
            flat = data[f"s{manifest['summaries'][prefix]}"]
            listed = flat[0::3]
            assert 0 < len(listed) <= si.MAX_COMPLETIONS
            assert set(listed) <= completions - {prefix}
            by_frequency = sorted(completions - {prefix}, key=lambda t: -len(index.postings[t]))
            assert len(index.postings[listed[0]]) <= len(index.postings[by_frequency[0]])
            assert max(len(index.postings[t]) for t in listed) == len(index.postings[by_frequency[0]])
            for term, df, encoded in zip(flat[0::3], flat[1::3], flat[2::3]):
                assert df == len(index.postings[term])
                assert len(si.decode_postings(encoded)) == min(df, si.MAX_SUMMARY_POSTINGS)
        else:
            assert last - first + 1 <= si.MAX_LEAVES_PER_PREFIX + 1, prefix
            found = set()
            for number in range(first, last + 1):
                found |= {t for t in data[f"t{number}"][0::2] if t.startswith(prefix)}
            assert found == completions, prefix


def test_texts_keep_every_passage_and_share_repeated_ones(site_index, index, small_shards, tmp_path):
    files, version, data = small_shards
    si.write_files(tmp_path, files, version)
    loaded = si.read_index(tmp_path)
    assert loaded.paths == [doc.path for doc in index.docs]
    for doc, texts in zip(index.docs, loaded.texts):
        assert texts[0] == ("", "", doc.summary)
        assert texts[1:] == [(p.anchor, p.label, p.text) for p in doc.passages]
    section = loaded.paths.index("sections/2023-i-24.html")
    block = max(i for i, first in enumerate(data["manifest"]["blocks"]) if first <= section)
    entries = data[f"x{block}"][section - data["manifest"]["blocks"][block]]
    assert any(len(e) == 4 for e in entries)  # the meetings' paragraphs, by reference
    written = sum(len(content) for name, content in files.items() if name.startswith("x/"))
    assert written < sum(len(p.text.encode()) for doc in index.docs for p in doc.passages)


def test_the_same_model_gives_the_same_files(site_index):
    first = si.index_files(si.build_index(search_documents(site_index)))
    second = si.index_files(si.build_index(search_documents(site_index)))
    assert first == second


def test_writing_leaves_identical_files_and_removes_stale_ones(index, tmp_path):
    files, version = si.index_files(index)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(si.material_index(), encoding="utf-8")
    (tmp_path / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert si.write_files(tmp_path, files, version) == len(files)
    stale = tmp_path / si.FOLDER / "x" / "999.js"
    stale.write_text("old", encoding="utf-8")
    assert si.write_files(tmp_path, files, version) == 0
    assert not stale.exists()
    material = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == [] and material["config"]["repertoire"] == {"version": version}
    assert material["config"]["separator"] == r"[\s\-]+"
    script = (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("var __index = ")) == material


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def site(built):
    return built / "site"


def test_pages_name_this_sites_worker_and_material_indexes_nothing(site):
    html = (site / "meetings" / "S-PV-9389.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
                        .group(1))
    assert config["search"] == "../assets/javascripts/repertoire-search.js"
    assert config["translations"]["search.result.placeholder"]  # the rest of Material's config as it was
    assert (site / "assets" / "javascripts" / "repertoire-search.js").is_file()
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    assert (site / "search" / "search_index.json").stat().st_size < 1000
    loaded = si.read_index(site)
    assert material["config"]["repertoire"]["version"] == loaded.manifest["version"]
    assert "about.html" in loaded.paths  # the hand-written page too
    assert set(loaded.documents("monusco")) >= {"meetings/S-PV-9389.html", "sections/2023-i-24.html"}


def test_the_worker_reads_the_format_it_is_given():
    """The constants the worker shares with the index builder."""
    worker = (ROOT / "overrides" / "assets" / "javascripts" / "repertoire-search.js").read_text(encoding="utf-8")
    assert f'"{si.ALPHABET}"' in worker
    assert 'new URL("../../' + si.FOLDER + '/", here)' in worker
    # Possessive in Python only: the same words.
    assert "[\\p{L}\\p{N}]+(?:[./][\\p{L}\\p{N}]+)*" in worker and si.WORD.pattern == r"[^\W_]+(?:[./][^\W_]+)*+"
